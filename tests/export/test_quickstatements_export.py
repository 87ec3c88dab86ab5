from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.export import ArticleInfo, EntityInfo, from_export, load_graph, quickstatements
from newsgraph.export import quickstatements_export as qs_module
from newsgraph.store import GraphStore

LINE = re.compile(
    r'Q[1-9]\d*\tP[1-9]\d*\tQ[1-9]\d*\tS854\t"https?://[^"\s]+"\tS813\t'
    r"\+\d{4}-\d{2}-\d{2}T00:00:00Z/11"
)


def test_quickstatements_export_lines_have_v1_shape(store: GraphStore) -> None:
    result = quickstatements(load_graph(store), retrieved=date(2024, 9, 1))
    assert result.lines
    for line in result.lines:
        assert LINE.fullmatch(line), line
    assert result.text == "".join(f"{line}\n" for line in result.lines)
    assert set(result.lines) == {
        # director_of and appears_in go on the work; film-3 has no URL, so one reference only
        'Q900003\tP57\tQ900001\tS854\t"https://example.com/news/film-1"\tS813\t'
        "+2024-09-01T00:00:00Z/11",
        'Q900003\tP161\tQ900002\tS854\t"https://example.com/news/film-1"\tS813\t'
        "+2024-09-01T00:00:00Z/11",
        'Q900010\tP463\tQ900011\tS854\t"https://example.com/news/pop-2?id=2"\tS813\t'
        "+2024-09-01T00:00:00Z/11",
        'Q900011\tP264\tQ900012\tS854\t"https://example.com/news/pop-2?id=2"\tS813\t'
        "+2024-09-01T00:00:00Z/11",
    }
    # performer_of: Night Ferry has no QID; collaborated_with: no Wikidata property
    assert result.exported == 4
    assert dict(result.skipped) == {"no_qid": 1, "no_wikidata_property": 1}
    assert "skipped 2" in result.summary()


def test_quickstatements_export_retrieved_defaults_to_ingest_day(store: GraphStore) -> None:
    graph = load_graph(store)
    result = quickstatements(graph)
    day = graph.article("film-1").retrieved
    assert day is not None
    assert all(line.endswith(f"+{day}T00:00:00Z/11") for line in result.lines)


def _graph(urls: dict[str, str]) -> Any:
    data = {
        "entities": [],
        "relations": [
            {
                "s": "person:a",
                "p": "won",
                "o": "award:b",
                "sources": [
                    {"article": art, "sentence": 0, "start": 0, "end": 1, "text": "t"}
                    for art in urls
                ],
                "support": len(urls),
            }
        ],
    }
    return from_export(
        data,
        articles={art: ArticleInfo(art, url, retrieved="2024-01-02") for art, url in urls.items()},
        entities={
            "person:a": EntityInfo(None, (("wikidata", "Q11"),)),
            "award:b": EntityInfo(None, (("wikidata", "Q22"),)),
        },
    )


def test_quickstatements_export_one_reference_per_article() -> None:
    result = quickstatements(_graph({"x": "https://e.com/x", "y": 'https://e.com/a b"c'}))
    assert result.lines == (
        'Q11\tP166\tQ22\tS854\t"https://e.com/x"\tS813\t+2024-01-02T00:00:00Z/11',
        'Q11\tP166\tQ22\tS854\t"https://e.com/a%20b%22c"\tS813\t+2024-01-02T00:00:00Z/11',
    )
    assert result.exported == 1


def test_quickstatements_export_skips_facts_without_url() -> None:
    result = quickstatements(_graph({"x": ""}))
    assert result.lines == ()
    assert dict(result.skipped) == {"no_article_url": 1}


def test_quickstatements_export_map_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    assert qs_module.load_wikidata_map().relations["performer_of"] == ("P175", "object")
    qs_module.load_wikidata_map.cache_clear()
    bad = {"reference_url": "S854", "retrieved": "S813", "relations": {"won": {"property": "X"}}}
    monkeypatch.setattr(qs_module, "load_json", lambda name: bad)
    try:
        with pytest.raises(ConfigError, match="bad property"):
            qs_module.load_wikidata_map()
    finally:
        qs_module.load_wikidata_map.cache_clear()

"""The Python API end to end on made-up articles and a throw-away SQLite graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.errors import ConfigError, QueryError, StorageError
from newsgraph.model import Extraction, Skip
from newsgraph.nlp.pipeline import Extractor
from newsgraph.query import Answer

# Every test here runs the real pipeline; the fixture skips them when the model is missing.
pytestmark = pytest.mark.usefixtures("extractor")


@pytest.fixture
def inputs(made_up_articles: Path) -> Path:
    """The made-up articles plus two broken files: an empty one and a binary one."""
    (made_up_articles / "empty.txt").write_bytes(b"")
    (made_up_articles / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return made_up_articles


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "graph.db")


@pytest.fixture
def ingested(inputs: Path, db: str) -> str:
    api.ingest([inputs], db=db)
    return db


def test_api_extractor_is_built_once(extractor: Extractor) -> None:
    assert api.extractor() is extractor
    assert api.extractor() is api.extractor()
    assert api.extractor(None) is extractor  # one cache key for the default config


def test_api_ingest_stores_good_articles_and_reports_skips(inputs: Path, db: str) -> None:
    calls: list[tuple[int, int | None]] = []
    report = api.ingest([inputs], db=db, progress=lambda done, total: calls.append((done, total)))
    assert (report.read, report.added, report.unchanged) == (3, 3, 0)
    by_source = {Path(s.source).name: s.code for s in report.skipped}
    assert by_source == {"empty.txt": "NG001", "binary.txt": "NG003"}
    assert [done for done, _ in calls] == [1, 2, 3, 4, 5]  # skipped inputs advance it too
    figures = api.stats(db=db)
    assert figures["articles"] == 3
    assert figures["skips"] == {"NG001": 1, "NG003": 1}


def test_api_ingest_report_json(inputs: Path, db: str) -> None:
    data = api.ingest([inputs], db=db).to_json()
    assert set(data) == {"read", "added", "unchanged", "skipped"}
    assert {s["code"] for s in data["skipped"]} == {"NG001", "NG003"}
    assert all(set(s) == {"source", "code", "reason"} and s["reason"] for s in data["skipped"])
    json.dumps(data)  # plain JSON types only


def test_api_ingest_again_changes_nothing(inputs: Path, db: str) -> None:
    api.ingest([inputs], db=db)
    before = api.export(db=db)
    stats_before = api.stats(db=db)
    again = api.ingest([inputs], db=db)
    assert (again.read, again.added, again.unchanged) == (3, 0, 3)
    assert len(again.skipped) == 2  # still reported, but recorded once
    assert api.export(db=db) == before
    assert api.stats(db=db) == stats_before


def test_api_ingest_single_file(made_up_articles: Path, db: str) -> None:
    report = api.ingest([made_up_articles / "tide-five.jsonl"], db=db)
    assert (report.read, report.added, report.skipped) == (1, 1, [])
    exported = api.export(db=db)
    articles = {m["article"] for e in exported["entities"] for m in e["mentions"]}
    assert articles == {"made-up-tide-five"}  # the source's own id is kept


def test_api_ingest_nothing_readable(tmp_path: Path, db: str) -> None:
    (tmp_path / "only-empty.txt").write_text("   \n", encoding="utf-8")
    report = api.ingest([tmp_path / "only-empty.txt"], db=db)
    assert (report.read, report.added) == (0, 0)
    assert [s.code for s in report.skipped] == ["NG001"]


def test_api_ingest_unreachable_db_is_storage_error(inputs: Path, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"^\[NG200\]"):
        api.ingest([inputs], db=str(tmp_path / "no" / "such" / "folder" / "graph.db"))


def test_api_export_contract(ingested: str) -> None:
    data = api.export(db=ingested)
    assert {"entities", "relations", "events", "reasons"} <= set(data)
    names = {e["name"] for e in data["entities"]}
    assert {"Ara Moon", "Kang Doyun", "Jeon Hyeri"} <= names
    for entity in data["entities"]:
        assert {"id", "name", "type", "aliases", "mentions"} <= set(entity)
        for mention in entity["mentions"]:
            assert {"article", "text", "start", "end", "sentence"} <= set(mention)
    kang = [e for e in data["entities"] if e["name"] == "Kang Doyun"]
    assert len(kang) == 1  # named in two articles, merged into one global entity
    assert len({m["article"] for m in kang[0]["mentions"]}) == 2


def test_api_export_unknown_format_is_config_error(ingested: str) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xml'"):
        api.export(db=ingested, format="xml")


def test_api_ask_why_returns_reason_and_evidence(ingested: str) -> None:
    answer = api.ask("Why did Jeon Hyeri join the drama?", db=ingested)
    assert isinstance(answer, Answer)
    assert answer.method == "graph"
    assert any("work with director Kang Doyun" in a for a in answer.answers)
    assert answer.evidence
    quoted = answer.evidence[0]["text"]
    assert "Jeon Hyeri joined the drama" in quoted and "because" in quoted


def test_api_ask_who_directed(ingested: str) -> None:
    answer = api.ask("Who directed the Glass River music video?", db=ingested)
    assert answer.answer == "Kang Doyun"
    assert any("directed by Kang Doyun" in e["text"] for e in answer.evidence)


def test_api_ask_unanswerable_gives_no_answer(ingested: str) -> None:
    answer = api.ask("Who is the king of Mars?", db=ingested)
    assert answer.answers == []
    assert answer.evidence == []
    assert answer.answer == ""
    assert answer.method == "none"


def test_api_ask_empty_question_is_query_error(ingested: str) -> None:
    with pytest.raises(QueryError):
        api.ask("   ", db=ingested)


def test_api_stats_counts(ingested: str) -> None:
    figures = api.stats(db=ingested)
    for key in ("articles", "entities", "relations", "events", "reasons", "quotes"):
        assert isinstance(figures[key], int)
    assert figures["relations"] >= 2  # director_of, signed_to at least
    assert figures["reasons"] >= 2


def test_api_stats_empty_graph(db: str) -> None:
    figures = api.stats(db=db)
    assert figures["articles"] == 0 and figures["skips"] == {}


def test_api_extract_yields_extractions_and_skips(inputs: Path) -> None:
    items = list(api.extract([inputs]))
    extractions = [i for i in items if isinstance(i, Extraction)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert len(extractions) == 3 and len(skips) == 2
    ids = {e.article.id for e in extractions}
    assert "made-up-tide-five" in ids
    glass = next(e for e in extractions if "Glass River" in e.article.text)
    assert any(r.p == "director_of" for r in glass.relations)
    assert any(ev.type == "release" and ev.date == "2024-05-02" for ev in glass.events)
    for extraction in extractions:
        for reason in extraction.reasons:
            for ev in reason.evidence:
                assert extraction.article.text[ev.start : ev.end] == ev.text


def test_api_extract_does_not_store(inputs: Path, db: str) -> None:
    list(api.extract([inputs]))
    assert api.stats(db=db)["articles"] == 0


def test_api_bundled_samples_folder() -> None:
    folder = api.bundled_samples()
    assert folder.name == "samples" and folder.parent.name == "data"
    if not folder.is_dir():
        pytest.skip("bundled samples not written yet")
    assert any(folder.iterdir())


def test_api_evaluate_on_made_up_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "g1.json").write_text(
        json.dumps(
            {
                "id": "g1",
                "url": "",
                "published": "2024-05-02",
                "title": "",
                "text": "Jeon Hyeri is signed to Maple Entertainment.",
                "entities": [
                    {
                        "id": "jeon_hyeri",
                        "name": "Jeon Hyeri",
                        "type": "PERSON",
                        "mentions": ["Jeon Hyeri"],
                    },
                    {
                        "id": "maple_ent",
                        "name": "Maple Entertainment",
                        "type": "ORG",
                        "mentions": ["Maple Entertainment"],
                    },
                ],
                "relations": [
                    {
                        "s": "jeon_hyeri",
                        "p": "signed_to",
                        "o": "maple_ent",
                        "evidence": "Jeon Hyeri is signed to Maple Entertainment.",
                    }
                ],
                "questions": [
                    {"q": "Which agency is Jeon Hyeri signed to?", "answer": "maple_ent"}
                ],
            }
        ),
        encoding="utf-8",
    )
    report = api.evaluate(gold)
    figures = report.to_json()
    assert figures["articles"] == 1
    assert figures["entities_typed.tp"] == 2
    assert figures["relations.tp"] == 1
    assert figures["graph.bcubed_f1"] is not None
    assert figures["qa.total"] == 1
    no_graph = api.evaluate(gold, graph=False).to_json()
    assert no_graph["graph.bcubed_f1"] is None and no_graph["qa.accuracy"] is None


def test_api_ingest_bytes_screens_language_and_copies(made_up_articles: Path, db: str) -> None:
    original = (made_up_articles / "glass-river.txt").read_bytes()
    first = api.ingest_bytes(original, name="outlet-a.txt", db=db)
    assert (first.read, first.added, first.skipped) == (1, 1, [])
    # The same wire story posted by a second site: a copy, counted once.
    copy = api.ingest_bytes(original + b"\nCopyright Another Site.", name="outlet-b.txt", db=db)
    assert [s.code for s in copy.skipped] == ["NG008"]
    spanish = (
        "La cantante publicó su nuevo disco el viernes y los fanáticos de todo el país llenaron "
        "las redes con mensajes de apoyo para ella y para su banda durante toda la semana."
    )
    refused = api.ingest_bytes(spanish.encode(), name="diario.txt", db=db)
    assert [s.code for s in refused.skipped] == ["NG007"]
    assert api.stats(db=db)["articles"] == 1

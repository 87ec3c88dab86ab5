"""One invented story told by five invented outlets (tests/data/five_outlets), through the real
pipeline: one entity per real entity, claims supported by five outlets, the release-date conflict
(three outlets say March 14, two say March 21), order independence and lasting decisions.

The singer is written "Park Seo-jin", "Park Seojin" and "Seojin"; two HTML pages and three JSON
Lines records come from five different hosts. Skips without the spaCy model. Runs on SQLite and
PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsgraph import api
from newsgraph.nlp.pipeline import Extractor

CORPUS = Path(__file__).resolve().parents[1] / "data" / "five_outlets"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".html", ".jsonl"))


@pytest.fixture
def graph(new_db: Callable[[], str], extractor: Extractor) -> str:
    db = new_db()
    report = api.ingest([CORPUS], db=db)
    assert (report.added, report.skipped) == (5, [])
    return db


def _holding(export: dict[str, Any], alias: str) -> list[dict[str, Any]]:
    return [e for e in export["entities"] if alias in e["aliases"]]


def test_five_outlets_one_entity_per_real_entity(graph: str) -> None:
    export = api.export(db=graph)
    assert isinstance(export, dict)
    singer = _holding(export, "Park Seo-jin")
    assert len(singer) == 1 and {"Park Seojin", "Seojin"} <= set(singer[0]["aliases"])
    assert len({m["article"] for m in singer[0]["mentions"]}) == 5
    for name in ("Tidewell", "Glass Orchard", "Harbor Nine Entertainment", "Oh Min-kyu"):
        assert len(_holding(export, name)) == 1, name


def test_five_outlets_claims_have_five_outlets(graph: str) -> None:
    export = api.export(db=graph)
    assert isinstance(export, dict)
    claims = {(r["s"], r["p"], r["o"]): r for r in export["relations"]}
    for key in (
        ("person:park-seo-jin", "member_of", "group:tidewell"),
        ("person:park-seo-jin", "performer_of", "work:glass-orchard"),
    ):
        claim = claims[key]
        assert claim["support"] == 5 and len(claim["outlets"]) == 5, key
        assert (claim["first_seen"], claim["last_seen"]) == ("2025-03-10", "2025-03-13")


def test_five_outlets_release_date_conflict(graph: str) -> None:
    found = api.conflicts(db=graph)
    dates = [c for c in found if c["kind"] == "date" and c["subject"] == "work:glass-orchard"]
    assert len(dates) == 1
    sides = {s["value"]: set(s["outlets"]) for s in dates[0]["sides"]}
    assert sides == {
        "2025-03-14": {"starlightdaily.example", "mellowbeat.example", "news.screenbeat.example"},
        "2025-03-21": {"dawnpost.example", "kpopwire.example"},
    }
    assert all(s["sources"] and s["sources"][0]["text"] for s in dates[0]["sides"])


def test_five_outlets_order_and_reingest_change_nothing(
    graph: str, new_db: Callable[[], str], extractor: Extractor
) -> None:
    together = api.export(db=graph)
    one_by_one = new_db()
    for path in reversed(FILES):
        api.ingest([path], db=one_by_one)
    assert api.export(db=one_by_one) == together
    again = api.ingest([CORPUS], db=graph)
    assert (again.added, again.unchanged) == (0, 5)
    assert api.export(db=graph) == together


def test_five_outlets_decisions_survive_reingest(graph: str, extractor: Extractor) -> None:
    assert api.split("Park Seo-jin", db=graph, article="kpopwire-20250313-seojin") is True
    split = api.export(db=graph)
    assert isinstance(split, dict)
    people = sorted(
        len({m["article"] for m in e["mentions"]}) for e in _holding(split, "Park Seojin")
    )
    assert people == [1, 5 - 1]
    api.ingest([CORPUS], db=graph)
    assert api.export(db=graph) == split
    explained = api.explain(db=graph, entity="Park Seo-jin")
    assert [d["kind"] for d in explained["decisions"]] == ["split"]
    profile = api.show(db=graph, entity="Seojin")
    assert profile["id"].startswith("person:park-seo")

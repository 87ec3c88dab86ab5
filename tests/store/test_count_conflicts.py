"""Counts that disagree across outlets, through the real pipeline and the store: three invented
outlets report on one invented K-pop group (tests/data/count_conflicts). Two say "the
seven-member group Velvet Comet" and that its album sold "1.2 million copies in its first week";
the third says six members and 1.5 million copies. All three were published the same day, so the
member counts (which change over time) are comparable. A fourth outlet (``agreeing/``) writes the
sales as "1,234,000", which the rounded "1.2 million" allows. Skips without the spaCy model; runs
on SQLite and PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import api
from newsgraph.cli import app
from newsgraph.model import Count, Extraction
from newsgraph.nlp.pipeline import Extractor
from newsgraph.store import GraphStore, codec

CORPUS = Path(__file__).resolve().parents[1] / "data" / "count_conflicts"
DISAGREEING = sorted(CORPUS.glob("*.jsonl"))
AGREEING = CORPUS / "agreeing" / "d-tunedial.jsonl"
ORBIT, STAR, POP = (
    "orbitbeat-velvet-comet-lanterns",
    "starwire-0909-paper-lanterns",
    "popcircuit-velvet-comet-record",
)


@pytest.fixture
def graph(new_db: Callable[[], str], extractor: Extractor) -> str:
    db = new_db()
    report = api.ingest(DISAGREEING, db=db)
    assert (report.added, report.skipped) == (3, [])
    return db


def _counts(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["what"]: c for c in found if c["kind"] == "count"}


def _sides(conflict: dict[str, Any]) -> dict[str, tuple[set[str], set[str]]]:
    return {s["value"]: (set(s["outlets"]), set(s["articles"])) for s in conflict["sides"]}


def test_count_conflicts_members_and_sales_are_flagged_with_sources(graph: str) -> None:
    counts = _counts(api.conflicts(db=graph))
    assert set(counts) == {"members", "copies_sold (first week)"}
    members = counts["members"]
    assert (members["subject"], members["subject_name"]) == ("group:velvet-comet", "Velvet Comet")
    assert _sides(members) == {
        "7 members": ({"orbitbeat.example", "starwire.example"}, {ORBIT, STAR}),
        "6 members": ({"news.popcircuit.example"}, {POP}),
    }
    sales = counts["copies_sold (first week)"]
    assert (sales["subject"], sales["subject_name"]) == ("work:paper-lanterns", "Paper Lanterns")
    assert _sides(sales) == {
        "1.2 million copies": ({"orbitbeat.example", "starwire.example"}, {ORBIT, STAR}),
        "1.5 million copies": ({"news.popcircuit.example"}, {POP}),
    }
    for side in (*members["sides"], *sales["sides"]):
        assert all(s["text"] and s["sentence"] is not None for s in side["sources"])
    six = next(s for s in members["sides"] if s["value"] == "6 members")
    assert "six-member" in six["sources"][0]["text"]
    assert six["count"]["written"] == ["six"]


def test_count_conflicts_rounded_figures_that_agree_are_not_flagged(
    new_db: Callable[[], str], extractor: Extractor
) -> None:
    db = new_db()
    api.ingest([DISAGREEING[0], AGREEING], db=db)  # "1.2 million" and "1,234,000"
    assert _counts(api.conflicts(db=db)) == {}
    with GraphStore(db) as store:
        sold = store.count_claims("work:paper-lanterns")
    assert sorted((c.text, c.support) for c in sold) == [
        ("1,234,000 copies", 1),
        ("1.2 million copies", 1),
    ]


def test_count_conflicts_show_lists_the_counts_of_an_entity(graph: str) -> None:
    profile = api.show(db=graph, entity="Velvet Comet")
    assert [(c["what"], c["text"], c["support"]) for c in profile["counts"]] == [
        ("members", "6 members", 1),
        ("members", "7 members", 2),
    ]
    seven = profile["counts"][1]
    assert seven["outlets"] == ["orbitbeat.example", "starwire.example"]
    assert (seven["first_seen"], seven["last_seen"]) == ("2025-09-09", "2025-09-09")


def test_count_conflicts_read_only_extractions_with_counts(
    graph: str, corpus: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    with GraphStore(graph) as store:
        for extraction in corpus:  # hand-built articles without counts
            assert store.add_extraction(extraction)
        loaded: list[str] = []
        real = codec.loads_counts

        def counting(text: str) -> tuple[Count, ...]:
            loaded.append(codec.loads(text).article.id)
            return real(text)

        monkeypatch.setattr(codec, "loads_counts", counting)
        assert {c.subject for c in store.count_claims()} == {
            "group:velvet-comet",
            "work:paper-lanterns",
        }
    assert sorted(loaded) == sorted([ORBIT, STAR, POP])


def test_count_conflicts_cli_table_and_json(tmp_path: Path, extractor: Extractor) -> None:
    db = str(tmp_path / "graph.db")  # the CLI prints the API's result: one backend is enough
    api.ingest(DISAGREEING, db=db)
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["--db", db, *args], env={"CI": "1", "NEWSGRAPH_DB": None})
        assert result.exit_code == 0, result.output
        return result.stdout

    table = run("conflicts")
    assert "count copies_sold (first week) of Paper Lanterns" in table
    assert "1.5 million copies: news.popcircuit.example" in table
    assert set(_counts(json.loads(run("conflicts", "--json")))) == {
        "members",
        "copies_sold (first week)",
    }
    shown = run("show", "Paper Lanterns")
    assert "copies_sold (first week): 1.2 million copies; support 2" in shown

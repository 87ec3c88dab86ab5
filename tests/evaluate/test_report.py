from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

import newsgraph.evaluate
from newsgraph.errors import EmptyInput
from newsgraph.evaluate import evaluate, load_gold

SHARED_GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "dev"

ARTICLES: dict[str, dict[str, Any]] = {
    "fx-01": {
        "id": "fx-01",
        "url": "https://example.test/fx-01",
        "published": "2024-04-02",
        "title": "Starline's Mira to sing the theme for Glass River",
        "text": (
            "Starline member Mira will sing the theme song for the drama Glass River. "
            "The song comes out on April 12. Mira said she joined because she loved the script."
        ),
        "entities": [
            {"id": "mira", "name": "Mira", "type": "PERSON", "mentions": ["Mira"]},
            {"id": "starline", "name": "Starline", "type": "GROUP", "mentions": ["Starline"]},
            {
                "id": "glass_river",
                "name": "Glass River",
                "type": "WORK",
                "mentions": ["Glass River"],
            },
        ],
        "relations": [{"s": "mira", "p": "member_of", "o": "starline", "evidence": "..."}],
        "events": [
            {"type": "release", "subject": "glass_river", "date": "2024-04-12", "evidence": "..."}
        ],
        "reasons": [
            {
                "agent": "mira",
                "effect": "Mira joined the soundtrack",
                "cause": "she loved the script",
                "attributed_to": "mira",
                "evidence": "Mira said she joined because she loved the script.",
            }
        ],
        "questions": [
            {"q": "Which group is Mira in?", "answer": "starline"},
            {"q": "When does the song come out?", "answer_date": "2024-04-12"},
        ],
    },
    "fx-02": {
        "id": "fx-02",
        "url": "https://example.test/fx-02",
        "published": None,
        "title": "",
        "text": "Starline will tour Lumen Hall in June.",
        "entities": [
            {"id": "starline", "name": "Starline", "type": "GROUP", "mentions": ["Starline"]},
            {"id": "lumen_hall", "name": "Lumen Hall", "type": "PLACE", "mentions": ["Lumen Hall"]},
        ],
        "relations": [],
        "events": [{"type": "concert", "subject": "starline", "date": None, "evidence": "..."}],
        "reasons": [],
        "questions": [{"q": "Why?", "answer_text": ["loved the script"]}],
    },
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    for article_id, data in ARTICLES.items():
        (tmp_path / f"{article_id}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def _export_from_gold(gold: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A perfect graph: one global entity per gold id, its mentions in every article."""
    entities: dict[str, dict[str, Any]] = {}
    for article_id, data in gold.items():
        for entity in data["entities"]:
            row = entities.setdefault(
                entity["id"],
                {
                    "id": f"G-{entity['id']}",
                    "name": entity["name"],
                    "type": entity["type"],
                    "aliases": [],
                    "mentions": [],
                },
            )
            row["mentions"] += [
                {"article": article_id, "text": m, "start": 0, "end": 0, "sentence": 0}
                for m in entity["mentions"]
            ]
    return {"entities": list(entities.values()), "relations": [], "events": [], "reasons": []}


def _oracle_ask(gold: dict[str, dict[str, Any]]) -> Any:
    names = {e["id"]: e["name"] for d in gold.values() for e in d["entities"]}
    questions = {q["q"]: q for d in gold.values() for q in d["questions"]}

    def ask(question: str) -> Mapping[str, Any]:
        q = questions[question]
        if "answer" in q:
            answer = names[q["answer"]]
        elif "answer_date" in q:
            answer = q["answer_date"]
        else:
            answer = "; ".join(q["answer_text"])
        return {"question": question, "answer": answer, "answers": [], "evidence": []}

    return ask


def test_report_gold_as_prediction_scores_one_everywhere(gold_dir: Path) -> None:
    report = evaluate(
        gold_dir,
        lambda article: ARTICLES[article["id"]],
        graph_export=_export_from_gold(ARTICLES),
        ask=_oracle_ask(ARTICLES),
    )
    figures = report.to_json()
    for key in (
        "entities_typed.f1",
        "entities_untyped.f1",
        "aliases.recall",
        "relations.f1",
        "events.f1",
        "event_dates.accuracy",
        "reasons.f1",
        "graph.bcubed_f1",
        "qa.accuracy",
    ):
        assert figures[key] == pytest.approx(1.0), key
    assert figures["articles"] == 2
    assert [row["article"] for row in figures["per_article"]] == ["fx-01", "fx-02"]


def test_report_extractor_only_sees_article_fields(gold_dir: Path) -> None:
    seen: list[set[str]] = []

    def extract(article: dict[str, Any]) -> dict[str, Any]:
        seen.append(set(article))
        return {}

    evaluate(gold_dir, extract)
    assert seen == [{"id", "url", "title", "published", "text"}] * 2


def test_report_empty_extractor_scores_zero_and_unmeasured_is_none(gold_dir: Path) -> None:
    figures = evaluate(gold_dir, lambda article: {}).to_json()
    for key in ("entities_typed.f1", "relations.f1", "events.f1", "reasons.f1"):
        assert figures[key] == 0.0, key
    assert figures["event_dates.accuracy"] == 0.0
    assert figures["relations.fn"] == 1
    assert figures["graph.bcubed_f1"] is None
    assert figures["qa.accuracy"] is None


def test_report_refused_article_is_scored_empty_and_listed(gold_dir: Path) -> None:
    def extract(article: dict[str, Any]) -> dict[str, Any]:
        if article["id"] == "fx-02":
            raise EmptyInput("no text")
        return ARTICLES[article["id"]]

    report = evaluate(gold_dir, extract)
    figures = report.to_json()
    assert figures["skips"] == [{"article": "fx-02", "reason": "[NG001] no text"}]
    assert figures["entities_typed.tp"] == 3
    assert figures["entities_typed.fn"] == 2


def test_report_micro_average_sums_counts(gold_dir: Path) -> None:
    def extract(article: dict[str, Any]) -> dict[str, Any]:
        # fx-01 fully right (3 entities), fx-02 predicts one wrong entity.
        if article["id"] == "fx-01":
            return ARTICLES["fx-01"]
        return {
            "entities": [{"id": "e", "name": "Nobody", "type": "PERSON", "mentions": ["Nobody"]}]
        }

    figures = evaluate(gold_dir, extract).to_json()
    assert (
        figures["entities_typed.tp"],
        figures["entities_typed.fp"],
        figures["entities_typed.fn"],
    ) == (3, 1, 2)
    assert figures["entities_typed.p"] == pytest.approx(3 / 4)
    assert figures["entities_typed.r"] == pytest.approx(3 / 5)


def test_report_to_table_renders_every_task(gold_dir: Path) -> None:
    report = evaluate(gold_dir, lambda article: ARTICLES[article["id"]], ask=_oracle_ask(ARTICLES))
    console = Console(width=120, record=True)
    console.print(report.to_table())
    text = console.export_text()
    for name in ("entities_typed", "relations", "events", "reasons", "aliases.recall", "qa"):
        assert name in text
    assert "graph.bcubed" not in text


def test_report_shared_gold_scored_against_itself_is_perfect() -> None:
    if not SHARED_GOLD.is_dir():
        pytest.skip("shared gold folder not available")
    gold = {g.id: g.data for g in load_gold(SHARED_GOLD)}
    report = evaluate(
        SHARED_GOLD,
        lambda article: gold[article["id"]],
        graph_export=_export_from_gold(gold),
        ask=_oracle_ask(gold),
    )
    figures = report.to_json()
    for key in (
        "entities_typed.f1",
        "entities_untyped.f1",
        "aliases.recall",
        "relations.f1",
        "events.f1",
        "event_dates.accuracy",
        "reasons.f1",
        "graph.bcubed_f1",
        "qa.accuracy",
    ):
        assert figures[key] == pytest.approx(1.0), key


def test_report_public_names_snapshot() -> None:
    assert sorted(newsgraph.evaluate.__all__) == [
        "ArticleScores",
        "Counts",
        "GateResult",
        "GoldArticle",
        "GraphScores",
        "QAResult",
        "QAScores",
        "Ratio",
        "Report",
        "check_gate",
        "evaluate",
        "gold_digest",
        "load_gold",
        "match_entities",
        "normalise_mention",
        "score_extraction",
        "score_graph",
        "score_qa",
        "update_baseline",
    ]
    for name in newsgraph.evaluate.__all__:
        assert getattr(newsgraph.evaluate, name) is not None

"""``ask`` over a graph built from the gold annotations themselves (read from shared/ at run time).

This measures the question answering alone, on real articles, with a perfect extractor: a floor
for the patterns in ``query_patterns.json``. Skips when shared/ is absent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Article, Entity, Event, Evidence, Extraction, Reason, Relation
from newsgraph.query import ask
from newsgraph.store import GraphStore

GOLD_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold" / "dev"
QA_FLOOR = 0.8

pytestmark = pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="shared gold files are absent")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text) if m.group().strip()
    ]


def _extraction(data: dict[str, Any]) -> Extraction:
    text, aid = data["text"], data["id"]
    spans = _sentences(text)

    def ev(quote: str | None) -> tuple[Evidence, ...]:
        if not quote:
            return ()
        pos = max(text.find(quote), 0)
        idx = next((i for i, (a, b) in enumerate(spans) if a <= pos < b), 0)
        return (Evidence(aid, idx, pos, pos + len(quote), quote),)

    return Extraction(
        Article(aid, text),
        tuple(
            Entity(e["id"], e["name"], e["type"], tuple(e["mentions"]) or (e["name"],))
            for e in data["entities"]
        ),
        tuple(Relation(r["s"], r["p"], r["o"], ev(r.get("evidence"))) for r in data["relations"]),
        tuple(
            Event(e["type"], e.get("subject"), e.get("date"), evidence=ev(e.get("evidence")))
            for e in data["events"]
        ),
        tuple(
            Reason(
                r.get("agent"),
                r["effect"],
                r["cause"],
                attributed_to=r.get("attributed_to"),
                evidence=ev(r.get("evidence")),
            )
            for r in data["reasons"]
        ),
        sentences=tuple(spans),
    )


@pytest.fixture(scope="module")
def gold() -> list[Any]:
    from newsgraph.evaluate.gold import load_gold

    return load_gold(GOLD_DIR)


def _store(path: Path, gold: list[Any]) -> GraphStore:
    store = GraphStore(str(path))
    for article in gold:
        assert store.add_extraction(_extraction(article.data))
    return store


def test_ask_gold_qa_accuracy_above_floor(tmp_path: Path, gold: list[Any]) -> None:
    from newsgraph.evaluate.qa import score_qa

    store = _store(tmp_path / "g.db", gold)
    scores = score_qa(gold, lambda q: ask(store, q).to_json())
    correct = sum(r.correct for r in scores.results)
    assert correct / len(scores.results) >= QA_FLOOR, [
        (r.question, r.answer[:80]) for r in scores.results if not r.correct
    ]


def test_ask_gold_graph_is_order_independent(tmp_path: Path, gold: list[Any]) -> None:
    forward = _store(tmp_path / "f.db", gold).export_json()
    backward = _store(tmp_path / "b.db", list(reversed(gold))).export_json()
    assert forward == backward
    ids = [e["id"] for e in forward["entities"]]
    assert len(ids) == len(set(ids))

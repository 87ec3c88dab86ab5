from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluate.gold import GoldArticle
from newsgraph.evaluate.graph import assign_items, bcubed, score_graph


def _gold(article_id: str, *entities: tuple[str, str, list[str]], url: str = "") -> GoldArticle:
    data = {
        "id": article_id,
        "url": url,
        "text": "",
        "entities": [{"id": e, "name": m[0], "type": t, "mentions": m} for e, t, m in entities],
    }
    return GoldArticle(id=article_id, path=Path(f"{article_id}.json"), data=data)


def _global(gid: str, etype: str, *mentions: tuple[str, str]) -> dict[str, Any]:
    return {
        "id": gid,
        "name": mentions[0][1],
        "type": etype,
        "aliases": [],
        "mentions": [
            {"article": a, "text": t, "start": 0, "end": len(t), "sentence": 0} for a, t in mentions
        ],
    }


GOLD = [
    _gold("a1", ("x", "PERSON", ["Mira"]), ("y", "PERSON", ["Han Jae"])),
    _gold("a2", ("x", "PERSON", ["Mira’s", "Han Mira"]), ("z", "PLACE", ["Lumen Hall"])),
]


def test_graph_bcubed_hand_computed_example() -> None:
    # G1 wrongly merges y into x; z is only mentioned under the wrong article, so stays alone.
    export = {
        "entities": [
            _global("G1", "PERSON", ("a1", "Mira"), ("a1", "Han Jae"), ("a2", "Han Mira")),
            _global("G2", "PLACE", ("a1", "Lumen Hall")),
        ]
    }
    scores = score_graph(GOLD, export)
    # precision: x@a1 2/3, x@a2 2/3, y@a1 1/3, z@a2 1/1 -> mean 2/3; recall: all 1.
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(1.0)
    assert scores.f1 == pytest.approx(0.8)
    assert (scores.items, scores.assigned) == (4, 3)


def test_graph_bcubed_split_entity_loses_recall() -> None:
    export = {
        "entities": [
            _global("G1", "PERSON", ("a1", "Mira")),
            _global("G2", "PERSON", ("a2", "Mira")),
            _global("G3", "PERSON", ("a1", "Han Jae")),
            _global("G4", "PLACE", ("a2", "Lumen Hall")),
        ]
    }
    scores = score_graph(GOLD, export)
    assert scores.precision == pytest.approx(1.0)
    # x@a1 and x@a2 each recover half of their gold cluster.
    assert scores.recall == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)


def test_graph_bcubed_function_treats_none_as_singleton() -> None:
    gold_of = {("a", "x"): "x", ("b", "x"): "x"}
    assert bcubed(gold_of, {("a", "x"): None, ("b", "x"): None}) == (1.0, 0.5)
    assert bcubed({}, {}) == (0.0, 0.0)


def test_graph_assignment_prefers_best_overlap_then_gold_type() -> None:
    gold = [
        _gold(
            "k1",
            ("kai", "PERSON", ["Kai", "Kim Kai"]),
            ("kai_album", "WORK", ["Kai"]),
        )
    ]
    export = {
        "entities": [
            _global("album", "WORK", ("k1", "Kai")),
            _global("person", "PERSON", ("k1", "Kai"), ("k1", "Kim Kai")),
        ]
    }
    assert assign_items(gold, export) == {("k1", "kai"): "person", ("k1", "kai_album"): "album"}


def test_graph_mentions_may_name_the_article_by_url() -> None:
    gold = [_gold("u1", ("x", "PERSON", ["Mira"]), url="https://example.test/story")]
    export = {"entities": [_global("G", "PERSON", ("https://example.test/story", "Mira"))]}
    assert assign_items(gold, export) == {("u1", "x"): "G"}

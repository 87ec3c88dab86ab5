"""The error lists behind ``newsgraph eval --errors``: they add up to the report's counts."""

from __future__ import annotations

from typing import Any

from newsgraph.evaluate.errors import diagnose
from newsgraph.evaluate.extraction import score_extraction

GOLD: dict[str, Any] = {
    "id": "made-up-1",
    "entities": [
        {"id": "mira", "name": "Mira Holt", "type": "PERSON", "mentions": ["Mira Holt"]},
        {"id": "river", "name": "Glass River", "type": "WORK", "mentions": ["Glass River"]},
        {"id": "tide", "name": "Tide Five", "type": "GROUP", "mentions": ["Tide Five"]},
    ],
    "relations": [
        {"s": "mira", "p": "director_of", "o": "river"},
        {"s": "tide", "p": "performer_of", "o": "river"},
    ],
    "events": [{"type": "release", "subject": "river", "date": "2025-03-07"}],
    "reasons": [
        {"agent": "mira", "effect": "she left", "cause": "a scheduling conflict with the tour"}
    ],
}

PREDICTED: dict[str, Any] = {
    "entities": [
        {"id": "e1", "name": "Mira Holt", "type": "PERSON", "mentions": ["Mira Holt"]},
        {"id": "e2", "name": "Glass River", "type": "WORK", "mentions": ["Glass River"]},
        {"id": "e3", "name": "Tide Five", "type": "ORG", "mentions": ["Tide Five"]},
        {"id": "e4", "name": "Friday", "type": "PERSON", "mentions": ["Friday"]},
    ],
    "relations": [
        {"s": "e1", "p": "director_of", "o": "e2"},
        {"s": "e4", "p": "appears_in", "o": "e2"},
    ],
    "events": [
        {"type": "release", "subject": "e2", "date": "2025-03"},
        {"type": "concert", "subject": "e3", "date": None},
    ],
    "reasons": [{"kind": "purpose", "cause": "to promote the album", "effect": "the tour"}],
}


def _lines(kind: str, task: str) -> list[str]:
    return [i.text for i in diagnose(GOLD, PREDICTED).items if i.kind == kind and i.task == task]


def test_errors_name_each_entity_error() -> None:
    assert _lines("mistyped", "entities") == ["Tide Five (GROUP) predicted as ORG"]
    assert _lines("spurious", "entities") == ["Friday (PERSON)"]
    assert _lines("missed", "entities") == []


def test_errors_show_relations_with_names_on_both_sides() -> None:
    assert _lines("missed", "relations") == ["Tide Five -performer_of-> Glass River"]
    assert _lines("spurious", "relations") == ["Friday -appears_in-> Glass River"]


def test_errors_list_wrong_dates_and_spurious_events() -> None:
    assert _lines("wrong_date", "events") == [
        "release of Glass River on 2025-03-07: predicted date 2025-03"
    ]
    assert _lines("spurious", "events") == ["concert of Tide Five"]


def test_errors_list_reasons_with_their_effect() -> None:
    assert _lines("missed", "reasons") == ["a scheduling conflict with the tour (effect: she left)"]
    assert _lines("spurious", "reasons") == ["purpose: to promote the album (effect: the tour)"]


def test_errors_add_up_to_the_scores() -> None:
    scores = score_extraction(GOLD, PREDICTED)
    items = diagnose(GOLD, PREDICTED).items

    def count(task: str, *kinds: str) -> int:
        return sum(1 for i in items if i.task == task and i.kind in kinds)

    assert count("relations", "missed") == scores.relations.fn
    assert count("relations", "spurious") == scores.relations.fp
    assert count("events", "missed") == scores.events.fn
    assert count("events", "spurious") == scores.events.fp
    assert count("reasons", "missed") == scores.reasons.fn
    assert count("reasons", "spurious") == scores.reasons.fp
    assert count("entities", "missed", "mistyped") == scores.entities_typed.fn


def test_errors_of_a_perfect_prediction_are_empty() -> None:
    perfect = {**GOLD, "entities": GOLD["entities"]}
    assert diagnose(GOLD, perfect).items == ()

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.evaluate.extraction import match_entities, mention_keys, score_extraction
from newsgraph.evaluate.scores import Counts, Ratio


def _ent(eid: str, etype: str, *mentions: str, name: str | None = None) -> dict[str, Any]:
    return {"id": eid, "name": name or mentions[0], "type": etype, "mentions": list(mentions)}


GOLD: dict[str, Any] = {
    "id": "made-up-01",
    "entities": [
        _ent("mira", "PERSON", "Mira", "Han Mira"),
        _ent("starline", "GROUP", "Starline"),
        _ent("glass_river", "WORK", "Glass River"),
        _ent("jun_seo", "PERSON", "Jun Seo"),
    ],
    "relations": [
        {"s": "mira", "p": "member_of", "o": "starline", "evidence": "x"},
        {"s": "mira", "p": "collaborated_with", "o": "jun_seo", "evidence": "x"},
        {"s": "starline", "p": "performer_of", "o": "glass_river", "evidence": "x"},
    ],
    "events": [
        {"type": "release", "subject": "glass_river", "date": "2024-03", "evidence": "x"},
        {"type": "concert", "subject": "starline", "date": "2024-05-02", "evidence": "x"},
        {"type": "announcement", "subject": "starline", "date": None, "evidence": "x"},
    ],
    "reasons": [],
}


def _pred(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "article": {"id": "made-up-01"},
        "entities": [],
        "relations": [],
        "events": [],
        "reasons": [],
    }
    base.update(parts)
    return base


def test_extraction_gold_against_itself_is_perfect() -> None:
    scores = score_extraction(GOLD, GOLD)
    for counts in scores.counts().values():
        assert counts == Counts(tp=counts.tp, fp=0, fn=0)
    assert scores.aliases == Ratio(5, 5)
    assert scores.event_dates == Ratio(2, 2)


def test_extraction_empty_prediction_scores_zero() -> None:
    scores = score_extraction(GOLD, _pred())
    assert scores.entities_typed == Counts(tp=0, fp=0, fn=4)
    assert scores.entities_typed.f1 == 0.0
    assert scores.relations.f1 == 0.0
    assert scores.events.f1 == 0.0
    assert scores.event_dates.value == 0.0


def test_extraction_entities_match_through_possessives_and_curly_quotes() -> None:
    pred = _pred(
        entities=[
            _ent("e1", "PERSON", "Mira’s"),
            _ent("e2", "GROUP", "STARLINE'"),
            _ent("e3", "WORK", "“Glass River”"),
        ]
    )
    scores = score_extraction(GOLD, pred)
    assert scores.entities_typed == Counts(tp=3, fp=0, fn=1)
    # Mira: 1 of 2 mentions; Starline 1/1; Glass River 1/1.
    assert scores.aliases == Ratio(3, 4)


def test_extraction_typed_and_untyped_matching_differ_on_type() -> None:
    pred = _pred(entities=[_ent("e1", "ORG", "Starline"), _ent("e2", "PERSON", "Mira")])
    scores = score_extraction(GOLD, pred)
    assert scores.entities_typed == Counts(tp=1, fp=1, fn=3)
    assert scores.entities_untyped == Counts(tp=2, fp=0, fn=2)


def test_extraction_entity_matching_is_one_to_one_best_overlap_first() -> None:
    gold = [_ent("a", "PERSON", "Mira"), _ent("b", "PERSON", "Mira", "Han Mira")]
    pred = [_ent("p1", "PERSON", "Mira"), _ent("p2", "PERSON", "Mira", "Han Mira")]
    # b-p2 share two strings and are taken first; a then pairs with p1.
    assert sorted(match_entities(gold, pred)) == [(0, 0), (1, 1)]
    # A single prediction can only match one gold entity.
    assert match_entities(gold, [_ent("p", "PERSON", "Mira")]) == [(0, 0)]


def test_extraction_mention_keys_accept_span_objects_and_fall_back_to_name() -> None:
    assert mention_keys({"mentions": [{"text": "Mira's"}, "Han Mira"]}) == {"mira", "han mira"}
    assert mention_keys({"name": "Starline", "mentions": []}) == {"starline"}


def test_extraction_relations_map_local_ids_and_ignore_symmetric_order() -> None:
    pred = _pred(
        entities=[
            _ent("e1", "PERSON", "Han Mira"),
            _ent("e2", "GROUP", "Starline"),
            _ent("e3", "PERSON", "Jun Seo"),
            _ent("e4", "WORK", "Night Bus"),
        ],
        relations=[
            {"s": "e1", "p": "member_of", "o": "e2"},
            {"s": "e3", "p": "collaborated_with", "o": "e1"},  # reversed: still right
            {"s": "e2", "p": "member_of", "o": "e1"},  # reversed asymmetric: wrong
            {"s": "e2", "p": "performer_of", "o": "e4"},  # e4 matches no gold entity
            {"s": "e1", "p": "member_of", "o": "e2"},  # duplicate counts once
        ],
    )
    assert score_extraction(GOLD, pred).relations == Counts(tp=2, fp=2, fn=1)


def test_extraction_unmatched_local_id_never_equals_a_gold_id() -> None:
    pred = _pred(
        entities=[_ent("mira", "PERSON", "Someone Else"), _ent("starline", "GROUP", "Starline")],
        relations=[{"s": "mira", "p": "member_of", "o": "starline"}],
    )
    assert score_extraction(GOLD, pred).relations == Counts(tp=0, fp=1, fn=3)


def test_extraction_events_match_type_and_subject_with_date_prefix() -> None:
    pred = _pred(
        entities=[_ent("w", "WORK", "Glass River"), _ent("g", "GROUP", "Starline")],
        events=[
            {"type": "release", "subject": "w", "date": "2024-03-15"},  # starts with 2024-03
            {"type": "concert", "subject": "g", "date": "2024-05"},  # less precise than gold
            {"type": "announcement", "subject": "g", "date": "2024-01-01"},  # gold has no date
            {"type": "release", "subject": "g", "date": "2024-03"},  # wrong subject
        ],
    )
    scores = score_extraction(GOLD, pred)
    assert scores.events == Counts(tp=3, fp=1, fn=0)
    assert scores.event_dates == Ratio(1, 2)


def test_extraction_events_are_one_to_one_and_prefer_agreeing_dates() -> None:
    gold = {
        "entities": [_ent("s", "WORK", "Glass River")],
        "events": [
            {"type": "release", "subject": "s", "date": "2023"},
            {"type": "release", "subject": "s", "date": "2024-02"},
        ],
    }
    pred = _pred(
        entities=[_ent("x", "WORK", "Glass River")],
        events=[{"type": "release", "subject": "x", "date": "2024-02-09"}] * 3,
    )
    scores = score_extraction(gold, pred)
    assert scores.events == Counts(tp=2, fp=1, fn=0)
    assert scores.event_dates == Ratio(1, 2)


REASON_GOLD: dict[str, Any] = {
    "reasons": [
        {
            "agent": "mira",
            "effect": "Mira skipped the fan meeting",
            "cause": "a sprained ankle from rehearsal",
            "evidence": "Mira skipped the fan meeting after a sprained ankle from rehearsal.",
        }
    ]
}


@pytest.mark.parametrize(
    ("cause", "evidence", "matched"),
    [
        # content words {sprained, ankle, rehearsal} vs {sprained, ankle}: F1 0.8
        ("sprained ankle", "", True),
        # {ankle, injury, doctors, said, rest}: F1 0.25, no evidence overlap
        ("ankle injury doctors said rest", "The label posted a statement on Friday.", False),
        # the same cause, but the evidence quotes the gold passage: F1 0.25 is enough
        (
            "ankle injury doctors said rest",
            "skipped the fan meeting after a sprained ankle",
            True,
        ),
        # below 0.25 even with evidence overlap
        (
            "doctors told her to rest for weeks",
            "skipped the fan meeting after a sprained ankle",
            False,
        ),
    ],
)
def test_extraction_reasons_thresholds(cause: str, evidence: str, matched: bool) -> None:
    pred = _pred(reasons=[{"agent": None, "effect": "", "cause": cause, "evidence": evidence}])
    counts = score_extraction(REASON_GOLD, pred).reasons
    assert counts.tp == int(matched)
    assert counts.fp == 1 - int(matched)


def test_extraction_reasons_are_one_to_one() -> None:
    pred = _pred(
        reasons=[
            {"cause": "sprained ankle", "evidence": ""},
            {"cause": "a sprained ankle from rehearsal", "evidence": ""},
        ]
    )
    assert score_extraction(REASON_GOLD, pred).reasons == Counts(tp=1, fp=1, fn=0)

"""Scoring one article's ``extract --json`` object against its gold file ("Counting" rules).

Everything works on plain dicts so the scorer does not depend on the NLP code. Predicted entity
ids are local; they are mapped to gold ids through the typed entity matching before relations and
events are compared, and a predicted id left unmatched can never equal a gold id.

Every matching is one-to-one and greedy: candidate pairs are sorted by score, best first, ties
kept in (gold order, prediction order), and a pair is taken when neither side is taken yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.evaluate.scores import Counts, Ratio
from newsgraph.evaluate.text import evidence_overlaps, normalise_mention, token_f1
from newsgraph.model import SYMMETRIC_RELATIONS

__all__ = [
    "REASON_MIN_F1",
    "REASON_MIN_F1_WITH_EVIDENCE",
    "ArticleMatching",
    "ArticleScores",
    "match_entities",
    "mention_keys",
    "pair_article",
    "score_extraction",
]

REASON_MIN_F1 = 0.5
REASON_MIN_F1_WITH_EVIDENCE = 0.25

# Prefix of a predicted id that matched no gold entity: it can never equal a gold id.
_UNMATCHED = "\0unmatched:"


@dataclass(frozen=True)
class ArticleScores:
    """Counts of every extraction task for one article (or, summed, for a whole gold set)."""

    article_id: str = ""
    entities_typed: Counts = field(default_factory=Counts)
    entities_untyped: Counts = field(default_factory=Counts)
    aliases: Ratio = field(default_factory=Ratio)
    relations: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    event_dates: Ratio = field(default_factory=Ratio)
    reasons: Counts = field(default_factory=Counts)

    def __add__(self, other: ArticleScores) -> ArticleScores:
        return ArticleScores(
            article_id="",
            entities_typed=self.entities_typed + other.entities_typed,
            entities_untyped=self.entities_untyped + other.entities_untyped,
            aliases=self.aliases + other.aliases,
            relations=self.relations + other.relations,
            events=self.events + other.events,
            event_dates=self.event_dates + other.event_dates,
            reasons=self.reasons + other.reasons,
        )

    def counts(self) -> dict[str, Counts]:
        """The P/R/F1 tasks by their report name."""
        return {
            "entities_typed": self.entities_typed,
            "entities_untyped": self.entities_untyped,
            "relations": self.relations,
            "events": self.events,
            "reasons": self.reasons,
        }


def mention_keys(entity: Mapping[str, Any]) -> frozenset[str]:
    """Normalised mention strings of a gold or predicted entity.

    Mentions may be strings or ``{"text": ...}`` objects; an entity listing no mention falls back
    to its ``name``, so that a bare ``{"name": "IU"}`` still matches.
    """
    raw = entity.get("mentions") or []
    texts = [m.get("text", "") if isinstance(m, Mapping) else m for m in raw]
    if not any(isinstance(t, str) and t.strip() for t in texts):
        texts = [entity.get("name") or ""]
    keys = {normalise_mention(t) for t in texts if isinstance(t, str)}
    keys.discard("")
    return frozenset(keys)


def match_entities(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    *,
    typed: bool = True,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs sharing a mention, best overlap first."""
    gold_keys = [mention_keys(g) for g in gold]
    pred_keys = [mention_keys(p) for p in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if typed and g.get("type") != p.get("type"):
                continue
            overlap = len(gold_keys[gi] & pred_keys[pi])
            if overlap:
                candidates.append((overlap, gi, pi))
    return _greedy(candidates)


def score_extraction(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> ArticleScores:
    """Score one article: ``gold`` is a gold file's dict, ``predicted`` its ``extract --json``."""
    m = pair_article(gold, predicted)
    found = total = 0
    for gi, pi in m.typed_pairs:
        gold_keys = mention_keys(m.gold_entities[gi])
        found += len(gold_keys & mention_keys(m.pred_entities[pi]))
        total += len(gold_keys)
    dated = [(gi, pi) for gi, pi in m.event_pairs if m.gold_events[gi].get("date")]
    right = sum(
        _date_agrees(m.gold_events[gi].get("date"), m.pred_events[pi].get("date"))
        for gi, pi in dated
    )
    tp_relations = len(m.gold_relations & m.pred_relations)
    return ArticleScores(
        article_id=str(gold.get("id", "")),
        entities_typed=_counts(len(m.typed_pairs), len(m.gold_entities), len(m.pred_entities)),
        entities_untyped=_counts(len(m.untyped_pairs), len(m.gold_entities), len(m.pred_entities)),
        aliases=Ratio(found, total),
        relations=Counts(
            tp=tp_relations,
            fp=len(m.pred_relations) - tp_relations,
            fn=len(m.gold_relations) - tp_relations,
        ),
        events=_counts(len(m.event_pairs), len(m.gold_events), len(m.pred_events)),
        event_dates=Ratio(right, len(dated)),
        reasons=_counts(len(m.reason_pairs), len(m.gold_reasons), len(m.pred_reasons)),
    )


@dataclass(frozen=True)
class ArticleMatching:
    """How one article's predictions pair with its gold: what scoring counts and errors list."""

    gold_entities: list[Mapping[str, Any]]
    pred_entities: list[Mapping[str, Any]]
    typed_pairs: list[tuple[int, int]]
    untyped_pairs: list[tuple[int, int]]
    id_map: dict[str, str]
    gold_relations: set[tuple[str, str, str]]
    pred_relations: set[tuple[str, str, str]]
    gold_events: list[Mapping[str, Any]]
    pred_events: list[Mapping[str, Any]]
    event_pairs: list[tuple[int, int]]
    gold_reasons: list[Mapping[str, Any]]
    pred_reasons: list[Mapping[str, Any]]
    reason_pairs: list[tuple[int, int]]


def pair_article(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> ArticleMatching:
    """Match entities (typed, then untyped), relations, events and reasons of one article."""
    gold_entities = _dicts(gold.get("entities"))
    pred_entities = _dicts(predicted.get("entities"))
    typed_pairs = match_entities(gold_entities, pred_entities, typed=True)
    id_map = {
        str(pred_entities[pi].get("id")): str(gold_entities[gi].get("id")) for gi, pi in typed_pairs
    }
    gold_events = _dicts(gold.get("events"))
    pred_events = _dicts(predicted.get("events"))
    gold_reasons = _dicts(gold.get("reasons"))
    pred_reasons = _dicts(predicted.get("reasons"))
    return ArticleMatching(
        gold_entities=gold_entities,
        pred_entities=pred_entities,
        typed_pairs=typed_pairs,
        untyped_pairs=match_entities(gold_entities, pred_entities, typed=False),
        id_map=id_map,
        gold_relations={
            _relation_key(r.get("s"), r.get("p"), r.get("o")) for r in _dicts(gold.get("relations"))
        },
        pred_relations={
            _relation_key(_map_id(r.get("s"), id_map), r.get("p"), _map_id(r.get("o"), id_map))
            for r in _dicts(predicted.get("relations"))
        },
        gold_events=gold_events,
        pred_events=pred_events,
        event_pairs=_pair_events(gold_events, pred_events, id_map),
        gold_reasons=gold_reasons,
        pred_reasons=pred_reasons,
        reason_pairs=_pair_reasons(gold_reasons, pred_reasons),
    )


def _relation_key(s: Any, p: Any, o: Any) -> tuple[str, str, str]:
    s, p, o = str(s), str(p), str(o)
    if p in SYMMETRIC_RELATIONS and o < s:
        return (o, p, s)
    return (s, p, o)


def _pair_events(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    id_map: Mapping[str, str],
) -> list[tuple[int, int]]:
    """Events pair on (type, subject); among equal keys, a pair whose date agrees is taken first."""
    pred_keys = [(e.get("type"), _map_id(e.get("subject"), id_map)) for e in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        key = (g.get("type"), g.get("subject"))
        for pi, p in enumerate(predicted):
            if pred_keys[pi] == key:
                candidates.append((1 + _date_agrees(g.get("date"), p.get("date")), gi, pi))
    return _greedy(candidates)


def _date_agrees(gold_date: Any, predicted_date: Any) -> int:
    """1 when the predicted date string starts with the (non-empty) gold date, else 0."""
    if not gold_date or not isinstance(predicted_date, str):
        return 0
    return int(predicted_date.strip().startswith(str(gold_date).strip()))


def _pair_reasons(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Reasons pair on cause token F1: >= 0.5, or >= 0.25 when the evidence texts overlap."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            f1 = token_f1(_text(g.get("cause")), _text(p.get("cause")))
            if f1 >= REASON_MIN_F1 or (
                f1 >= REASON_MIN_F1_WITH_EVIDENCE
                and evidence_overlaps(_text(g.get("evidence")), _text(p.get("evidence")))
            ):
                candidates.append((f1, gi, pi))
    return _greedy(candidates)


def _greedy(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Best score first, ties in input order; each side is used at most once."""
    ordered = sorted(enumerate(candidates), key=lambda item: (-item[1][0], item[0]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, (_, gi, pi) in ordered:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def _counts(matched: int, n_gold: int, n_pred: int) -> Counts:
    return Counts(tp=matched, fp=n_pred - matched, fn=n_gold - matched)


def _map_id(local_id: Any, id_map: Mapping[str, str]) -> str | None:
    if local_id is None:
        return None
    return id_map.get(str(local_id), _UNMATCHED + str(local_id))


def _text(value: Any) -> str:
    """Evidence or cause as one string: a string, a list of strings, or ``{"text": ...}`` items."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return str(value.get("text", ""))
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return str(value)


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    """The mappings of a list field; anything else in it is ignored (a list of rows is expected)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, Mapping)]

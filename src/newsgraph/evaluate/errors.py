"""What an evaluation got wrong, item by item: the misses and false alarms behind the figures.

A figure says how much is wrong; a rule writer needs to see what. Each error is one line a person
can read ("missed relation: Mira Holt -director_of-> Glass River"), built from the same matching
the scores come from (:func:`~newsgraph.evaluate.extraction.pair_article`), so the lists add up
to the fp and fn counts of the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.evaluate.extraction import ArticleMatching, pair_article

__all__ = ["TASKS", "ArticleErrors", "ErrorItem", "diagnose"]

TASKS = ("entities", "relations", "events", "reasons")

_UNMATCHED = "\0unmatched:"


@dataclass(frozen=True)
class ErrorItem:
    """One error: its task, whether it was ``missed`` (gold only), ``spurious`` (prediction
    only) or ``mistyped`` (found with the wrong type), and a readable description."""

    task: str
    kind: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"task": self.task, "kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class ArticleErrors:
    """Every error of one article, in task order."""

    article_id: str
    items: tuple[ErrorItem, ...]

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article_id, "errors": [i.to_json() for i in self.items]}


def diagnose(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> ArticleErrors:
    """The errors of one article's prediction against its gold file."""
    m = pair_article(gold, predicted)
    items = [
        *_entity_errors(m),
        *_relation_errors(m),
        *_event_errors(m),
        *_reason_errors(m),
    ]
    return ArticleErrors(str(gold.get("id", "")), tuple(items))


def _entity_errors(m: ArticleMatching) -> list[ErrorItem]:
    typed_gold = {gi for gi, _ in m.typed_pairs}
    typed_pred = {pi for _, pi in m.typed_pairs}
    untyped = dict(m.untyped_pairs)
    untyped_pred = set(untyped.values())
    out: list[ErrorItem] = []
    for gi, g in enumerate(m.gold_entities):
        if gi in typed_gold:
            continue
        if gi in untyped and untyped[gi] not in typed_pred:
            p = m.pred_entities[untyped[gi]]
            text = f"{_entity(g)} predicted as {p.get('type')}"
            out.append(ErrorItem("entities", "mistyped", text))
        else:
            out.append(ErrorItem("entities", "missed", _entity(g)))
    for pi, p in enumerate(m.pred_entities):
        if pi not in typed_pred and pi not in untyped_pred:
            out.append(ErrorItem("entities", "spurious", _entity(p)))
    return out


def _relation_errors(m: ArticleMatching) -> list[ErrorItem]:
    gold_names = _names(m.gold_entities)
    pred_names = {
        _UNMATCHED + key: name for key, name in _names(m.pred_entities).items()
    } | gold_names

    def show(key: tuple[str, str, str], names: Mapping[str, str]) -> str:
        s, p, o = key
        return f"{names.get(s, s)} -{p}-> {names.get(o, o)}"

    out = [
        ErrorItem("relations", "missed", show(k, gold_names))
        for k in sorted(m.gold_relations - m.pred_relations)
    ]
    out += [
        ErrorItem("relations", "spurious", show(k, pred_names))
        for k in sorted(m.pred_relations - m.gold_relations)
    ]
    return out


def _event_errors(m: ArticleMatching) -> list[ErrorItem]:
    gold_names = _names(m.gold_entities)
    pred_names = _names(m.pred_entities)
    paired = dict(m.event_pairs)
    out: list[ErrorItem] = []
    for gi, g in enumerate(m.gold_events):
        if gi not in paired:
            out.append(ErrorItem("events", "missed", _event(g, gold_names)))
            continue
        p = m.pred_events[paired[gi]]
        if g.get("date") and not str(p.get("date") or "").startswith(str(g.get("date"))):
            text = f"{_event(g, gold_names)}: predicted date {p.get('date') or 'none'}"
            out.append(ErrorItem("events", "wrong_date", text))
    used = set(paired.values())
    out += [
        ErrorItem("events", "spurious", _event(p, pred_names))
        for pi, p in enumerate(m.pred_events)
        if pi not in used
    ]
    return out


def _reason_errors(m: ArticleMatching) -> list[ErrorItem]:
    used_gold = {gi for gi, _ in m.reason_pairs}
    used_pred = {pi for _, pi in m.reason_pairs}
    out = [
        ErrorItem("reasons", "missed", _reason(g))
        for gi, g in enumerate(m.gold_reasons)
        if gi not in used_gold
    ]
    out += [
        ErrorItem("reasons", "spurious", _reason(p))
        for pi, p in enumerate(m.pred_reasons)
        if pi not in used_pred
    ]
    return out


def _names(entities: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    return {str(e.get("id")): str(e.get("name") or e.get("id")) for e in entities}


def _entity(entity: Mapping[str, Any]) -> str:
    subtype = f"/{entity['subtype']}" if entity.get("subtype") else ""
    return f"{entity.get('name')} ({entity.get('type')}{subtype})"


def _event(event: Mapping[str, Any], names: Mapping[str, str]) -> str:
    subject = event.get("subject")
    who = names.get(str(subject), str(subject)) if subject is not None else "?"
    date = f" on {event['date']}" if event.get("date") else ""
    return f"{event.get('type')} of {who}{date}"


def _reason(reason: Mapping[str, Any]) -> str:
    kind = f"{reason['kind']}: " if reason.get("kind") else ""
    return f"{kind}{_short(reason.get('cause'))} (effect: {_short(reason.get('effect'), 50)})"


def _short(value: Any, limit: int = 90) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

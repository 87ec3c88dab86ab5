"""Claims and contradictions: who states a fact, and where sources disagree.

A fact stated by several articles is one claim. Its support is the number of distinct articles and
of distinct *outlets*: the host of the article's URL ("www." dropped), else the article itself (an
article without URL may be anyone, so it counts as its own outlet).

A contradiction is two values where the graph expects one (``data/resolve_single_valued.json``):
the same event of one subject on dates that disagree at the precision both give (a month against a
day within it agrees; a year alone is too vague to contradict), or two holders of a single-valued
role on one work that no article names together. Counts (sales, views) are not extracted yet, so
they cannot conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import ConfigError
from newsgraph.nlp.lexicon import load_json
from newsgraph.store.records import EventRecord, RelationRecord, Source

__all__ = [
    "Conflict",
    "ConflictSide",
    "SingleValued",
    "dates_disagree",
    "event_conflicts",
    "outlet_of",
    "role_conflicts",
]

_PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


def outlet_of(url: str, article_id: str) -> str:
    """The outlet of an article: its URL's host without ``www.``, else ``article:<id>``."""
    host = ""
    if url:
        try:
            host = (urlsplit(url).hostname or "").casefold()
        except ValueError:
            host = ""
    if host.startswith("www."):
        host = host[4:]
    return host or f"article:{article_id}"


@dataclass(frozen=True)
class SingleValued:
    """What holds one value: event type -> subject types; predicate -> object subtypes."""

    events: Mapping[str, frozenset[str]]
    relations: Mapping[str, frozenset[str]]

    @staticmethod
    @cache
    def load() -> SingleValued:
        data = load_json("resolve_single_valued.json")
        try:
            events = {str(k): frozenset(map(str, v)) for k, v in data["events"].items()}
            relations = {str(k): frozenset(map(str, v)) for k, v in data["relations"].items()}
        except (KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"resolve_single_valued.json is malformed: {exc}") from exc
        if not events or any(not v for v in (*events.values(), *relations.values())):
            raise ConfigError("resolve_single_valued.json: an empty table or entry")
        return SingleValued(events, relations)


def dates_disagree(a: str, a_precision: str | None, b: str, b_precision: str | None) -> bool:
    """Whether two ISO dates contradict: both at least month-precise and different at the coarser
    precision ("2024-03" and "2024-03-05" agree; "2024" never contradicts)."""
    pa = a_precision or ("day" if len(a) >= 10 else "month" if len(a) >= 7 else "year")
    pb = b_precision or ("day" if len(b) >= 10 else "month" if len(b) >= 7 else "year")
    if "year" in (pa, pb):
        return False
    n = min(_PRECISION_CHARS[pa], _PRECISION_CHARS[pb])
    return a[:n] != b[:n]


@dataclass(frozen=True)
class ConflictSide:
    """One value and who states it."""

    value: str
    precision: str | None
    sources: tuple[Source, ...]
    outlets: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "precision": self.precision,
            "articles": sorted({s.article for s in self.sources}),
            "outlets": list(self.outlets),
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree: ``kind`` is ``date`` or ``role``; ``what`` the event type or the
    predicate; ``subject`` the entity the disagreement is about (the event subject, the work)."""

    kind: str
    what: str
    subject: str
    subject_name: str
    sides: tuple[ConflictSide, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "what": self.what,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "sides": [s.to_json() for s in self.sides],
        }


def event_conflicts(
    events: Iterable[EventRecord], subject_types: Mapping[str, str], rules: SingleValued
) -> list[Conflict]:
    """Single-valued events of one subject whose dates disagree (see :func:`dates_disagree`)."""
    groups: dict[tuple[str, str], list[EventRecord]] = {}
    for ev in events:
        if ev.subject is None or ev.date is None or ev.type not in rules.events:
            continue
        if subject_types.get(ev.subject) not in rules.events[ev.type]:
            continue
        groups.setdefault((ev.type, ev.subject), []).append(ev)
    out = []
    for (etype, subject), evs in sorted(groups.items()):
        evs = [e for e in evs if e.date and (e.precision or "day") != "year"]
        clash = any(
            dates_disagree(a.date or "", a.precision, b.date or "", b.precision)
            for i, a in enumerate(evs)
            for b in evs[i + 1 :]
        )
        if not clash:
            continue
        sides = tuple(
            ConflictSide(e.date or "", e.precision, e.sources, e.outlets)
            for e in sorted(evs, key=lambda e: (e.date or "", e.precision or ""))
        )
        out.append(Conflict("date", etype, subject, evs[0].subject_name or subject, sides))
    return out


def role_conflicts(
    relations: Iterable[RelationRecord],
    object_subtypes: Mapping[str, str | None],
    rules: SingleValued,
) -> list[Conflict]:
    """Two holders of a single-valued role on one work, when no article names both."""
    groups: dict[tuple[str, str], list[RelationRecord]] = {}
    for rel in relations:
        wanted = rules.relations.get(rel.p)
        if wanted is None or object_subtypes.get(rel.o) not in wanted:
            continue
        groups.setdefault((rel.p, rel.o), []).append(rel)
    out = []
    for (p, o), rels in sorted(groups.items()):
        if len({r.s for r in rels}) < 2:
            continue
        articles = [{s.article for s in r.sources} for r in rels]
        apart = any(
            not (articles[i] & articles[j])
            for i in range(len(rels))
            for j in range(i + 1, len(rels))
            if rels[i].s != rels[j].s
        )
        if not apart:
            continue
        sides = tuple(
            ConflictSide(r.s, None, r.sources, r.outlets) for r in sorted(rels, key=lambda r: r.s)
        )
        out.append(Conflict("role", p, o, rels[0].o_name, sides))
    return out


def claim_window(
    sources: Sequence[Source], meta: Mapping[str, tuple[str, str | None]]
) -> tuple[tuple[str, ...], str | None, str | None]:
    """(distinct outlets, first seen, last seen) of a fact's sources; ``meta`` maps an article id
    to (outlet, date seen)."""
    outlets = sorted(
        {meta[s.article][0] if s.article in meta else f"article:{s.article}" for s in sources}
    )
    seen = sorted(d for d in (meta.get(s.article, ("", None))[1] for s in sources) if d)
    return tuple(outlets), (seen[0] if seen else None), (seen[-1] if seen else None)

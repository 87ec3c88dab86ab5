"""Claims and contradictions: who states a fact, and where sources disagree.

A fact stated by several articles is one claim. Its support is the number of distinct articles and
of distinct *outlets*: the host of the article's URL ("www." dropped), else the article itself (an
article without URL may be anyone, so it counts as its own outlet).

A contradiction is two values where the graph expects one (``data/resolve_single_valued.json``):
the same event of one subject on dates that disagree at the precision both give (a month against a
day within it agrees; a year alone is too vague to contradict), or two holders of a single-valued
role on one work that no article names together, or two counts of one fact (``Count.key``: subject,
quantity, qualifier, unit) whose values cannot both be true (:func:`~newsgraph.nlp.counts_compare.
counts_conflict`: "1.2 million" and "1,234,000" copies agree, "1.2 million" and "1.5 million" do
not). Equal counts from several articles are one :class:`CountClaim`, shown as one side.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import ConfigError
from newsgraph.model import Count
from newsgraph.nlp.lexicon import load_json
from newsgraph.store.records import EventRecord, RelationRecord, Source

__all__ = [
    "Conflict",
    "ConflictSide",
    "CountClaim",
    "CountDisplay",
    "SingleValued",
    "count_claims",
    "count_conflicts",
    "dates_disagree",
    "event_conflicts",
    "format_count",
    "format_number",
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
    """One value and who states it; a count's side also carries its :class:`CountClaim`."""

    value: str
    precision: str | None
    sources: tuple[Source, ...]
    outlets: tuple[str, ...]
    claim: CountClaim | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": self.value,
            "precision": self.precision,
            "articles": sorted({s.article for s in self.sources}),
            "outlets": list(self.outlets),
            "sources": [s.to_json() for s in self.sources],
        }
        if self.claim is not None:
            data["count"] = self.claim.amount_json()
        return data


@dataclass(frozen=True)
class Conflict:
    """Sources that disagree: ``kind`` is ``date``, ``role`` or ``count``; ``what`` the event
    type, the predicate, or the quantity with its qualifier ("copies_sold (first week)");
    ``subject`` the entity the disagreement is about (the event subject, the work, the counted)."""

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


# ----------------------------------------------------------------------------------- counts


@dataclass(frozen=True)
class CountDisplay:
    """How counts are written for people (``data/count_display.json``)."""

    templates: Mapping[str, tuple[str, str]]
    bounds: Mapping[str, str]
    symbols: Mapping[str, str]

    @staticmethod
    @cache
    def load() -> CountDisplay:
        data = load_json("count_display.json")
        try:
            templates: dict[str, tuple[str, str]] = {}
            for quantity, forms in data["quantities"].items():
                plural, one = (forms, forms) if isinstance(forms, str) else forms
                templates[str(quantity)] = (str(plural), str(one))
            bounds = {str(k): str(v) for k, v in data["bounds"].items()}
            currencies = load_json("counts.json")["currencies"].items()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"count_display.json is malformed: {exc}") from exc
        if not templates or any("{n}" not in f for pair in templates.values() for f in pair):
            raise ConfigError("count_display.json: no quantities, or a form without '{n}'")
        # A currency's symbol: its shortest spelling in counts.json without letters ("$", "₩").
        symbols: dict[str, str] = {}
        for spelling, code in sorted(currencies, key=lambda kv: (len(kv[0]), kv[0])):
            if not any(ch.isalnum() for ch in spelling):
                symbols.setdefault(str(code), str(spelling))
        return CountDisplay(templates, bounds, symbols)


_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))


def format_number(value: float, precision: float = 1) -> str:
    """A number as a reader would write it, no more precise than it was written: 1200000 at
    precision 100000 is "1.2 million", 1234000 at precision 1000 is "1,234,000"."""
    v = Decimal(str(value))
    p = Decimal(str(precision)) if precision > 0 else Decimal(1)
    for scale, word in _SCALES:
        decimals = max(0, -math.floor(math.log10(p / scale)))
        if abs(v) >= scale and decimals <= 2:
            scaled = f"{v / scale:.{decimals}f}"
            return f"{scaled.rstrip('0').rstrip('.') if '.' in scaled else scaled} {word}"
    decimals = max(0, -math.floor(math.log10(p)))
    return f"{v:,.{decimals}f}"


def format_count(
    quantity: str,
    value: float,
    *,
    unit: str | None = None,
    precision: float = 1,
    bound: str = "exact",
) -> str:
    """A count in words: "1.2 million copies (at least)", "$52.3 million", "No. 3"."""
    display = CountDisplay.load()
    n = format_number(value, precision)
    if unit:
        symbol = display.symbols.get(unit)
        n = f"{symbol}{n}" if symbol else f"{unit} {n}"
    plural, one = display.templates.get(quantity, ("{n} " + quantity.replace("_", " "),) * 2)
    text = (one if value == 1 else plural).replace("{n}", n)
    return f"{text} ({display.bounds[bound]})" if bound in display.bounds else text


@dataclass(frozen=True)
class CountClaim:
    """One count stated alike (same value, bound and written precision) by one or more articles.

    ``counts`` are the statements themselves, with the global subject id, so that two claims can
    be compared statement by statement (dates and shared articles matter, see
    :func:`~newsgraph.nlp.counts_compare.counts_conflict`).
    """

    subject: str
    subject_name: str
    quantity: str
    qualifier: str | None
    unit: str | None
    value: int | float
    bound: str
    precision: int | float
    counts: tuple[Count, ...]
    sources: tuple[Source, ...]
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None

    @property
    def support(self) -> int:
        """How many distinct articles state this count."""
        return len({s.article for s in self.sources})

    @property
    def what(self) -> str:
        """The quantity, with its qualifier if any: "copies_sold (first week)"."""
        return f"{self.quantity} ({self.qualifier})" if self.qualifier else self.quantity

    @property
    def text(self) -> str:
        """The value in words, see :func:`format_count`."""
        return format_count(
            self.quantity,
            self.value,
            unit=self.unit,
            precision=self.precision,
            bound=self.bound,
        )

    def amount_json(self) -> dict[str, Any]:
        """The count's value fields, as the sides of a count conflict carry them."""
        return {
            "quantity": self.quantity,
            "qualifier": self.qualifier,
            "value": self.value,
            "unit": self.unit,
            "bound": self.bound,
            "precision": self.precision,
            "written": sorted({c.text for c in self.counts if c.text}),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "subject_name": self.subject_name,
            "what": self.what,
            "text": self.text,
            **self.amount_json(),
            "evidence": next((s.text for s in self.sources if s.text), ""),
            "sources": [s.to_json() for s in self.sources],
            "support": self.support,
            "outlets": list(self.outlets),
        }


def _count_sources(article: str, count: Count) -> list[Source]:
    return [Source(article, e.sentence, e.start, e.end, e.text) for e in count.evidence] or [
        Source(article, None, None, None, "")
    ]


def count_claims(
    stated: Iterable[tuple[str, Count]],
    names: Mapping[str, str],
    meta: Mapping[str, tuple[str, str | None]],
) -> list[CountClaim]:
    """Group (article id, count) statements into claims. The counts' subjects are global entity
    ids (``names`` gives their names); ``meta`` maps an article id to (outlet, date seen)."""
    groups: dict[tuple[Any, ...], list[tuple[str, Count]]] = {}
    for article, count in stated:
        key = (*count.key(), count.value, count.bound, count.precision)
        groups.setdefault(key, []).append((article, count))
    out = []
    for items in groups.values():
        first = items[0][1]
        sources = tuple(
            sorted({s for a, c in items for s in _count_sources(a, c)}, key=Source.sort_key)
        )
        outlets, first_seen, last_seen = claim_window(sources, meta)
        out.append(
            CountClaim(
                subject=first.subject,
                subject_name=names.get(first.subject, first.subject),
                quantity=first.quantity,
                qualifier=first.qualifier,
                unit=first.unit,
                value=first.value,
                bound=first.bound,
                precision=first.precision,
                counts=tuple(c for _, c in items),
                sources=sources,
                outlets=outlets,
                first_seen=first_seen,
                last_seen=last_seen,
            )
        )
    out.sort(key=_claim_order)
    return out


def _claim_order(c: CountClaim) -> tuple[str, str, str, str, float, str, float]:
    return (
        c.subject,
        c.quantity,
        c.qualifier or "",
        c.unit or "",
        float(c.value),
        c.bound,
        float(c.precision),
    )


def count_conflicts(claims: Iterable[CountClaim]) -> list[Conflict]:
    """Count claims of one fact that cannot all be true: one conflict per fact, whose sides are
    the claims that disagree with at least one other (a claim agreeing with all is left out)."""
    # Comparing counts needs the counts lexicon, which loads spaCy: only when there are counts.
    from newsgraph.nlp.counts_compare import counts_conflict

    groups: dict[tuple[str, str, str | None, str | None], list[CountClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.counts[0].key(), []).append(claim)
    out = []
    for _, group in sorted(groups.items(), key=lambda kv: _claim_order(kv[1][0])[:4]):
        clashing: set[int] = set()
        for i, a in enumerate(group):
            for j in range(i + 1, len(group)):
                b = group[j]
                if any(counts_conflict(x, y) for x in a.counts for y in b.counts):
                    clashing.update((i, j))
        if not clashing:
            continue
        sides = tuple(
            ConflictSide(c.text, None, c.sources, c.outlets, claim=c)
            for c in sorted((group[i] for i in clashing), key=_claim_order)
        )
        first = group[0]
        out.append(Conflict("count", first.what, first.subject, first.subject_name, sides))
    return out

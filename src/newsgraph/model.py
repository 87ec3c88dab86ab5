"""The shared data model: plain, frozen, provenance-first objects every stage exchanges.

Every fact carries :class:`Evidence` (article id, sentence index, character span and the sentence
text), so that any claim in the graph can be traced back to the words that state it. Character
offsets are into ``Article.text`` and are half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

EntityType = Literal["PERSON", "GROUP", "ORG", "WORK", "EVENT", "PLACE"]
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "GROUP", "ORG", "WORK", "EVENT", "PLACE")

RELATION_TYPES: tuple[str, ...] = (
    "member_of",
    "performer_of",
    "appears_in",
    "director_of",
    "composer_of",
    "lyricist_of",
    "producer_of",
    "part_of",
    "signed_to",
    "won",
    "collaborated_with",
    "related_to",
)
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"collaborated_with", "related_to"})

EVENT_TYPES: tuple[str, ...] = (
    "release",
    "military_enlistment",
    "military_discharge",
    "debut",
    "award",
    "screening",
    "chart",
    "comeback",
    "concert",
    "announcement",
    "other",
)
DatePrecision = Literal["day", "month", "year"]
ReasonKind = Literal["motive", "cause", "purpose"]
# How a count's written number relates to the true value: "more than 1 million" is at_least.
CountBound = Literal["exact", "at_least", "at_most", "about"]
COUNT_BOUNDS: tuple[str, ...] = ("exact", "at_least", "at_most", "about")


@dataclass(frozen=True)
class Article:
    """One news article as read from its source. Immutable once read."""

    id: str
    text: str
    url: str = ""
    title: str = ""
    published: date | None = None
    source: str = ""
    author: str = ""

    def header(self) -> dict[str, Any]:
        """The ``article`` object of the ``extract --json`` contract."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True)
class Skip:
    """An input that was not turned into an article, and why (``code`` is an ``NGxxx`` code)."""

    source: str
    code: str
    reason: str


@dataclass(frozen=True)
class Evidence:
    """Where a fact is stated: a sentence of an article and the character span within the text."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Mention:
    """One surface occurrence of an entity in an article."""

    article_id: str
    start: int
    end: int
    sentence: int
    text: str
    type: str


@dataclass(frozen=True)
class Entity:
    """An entity local to one article: every mention of it, under one canonical name."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()
    subtype: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "mentions": list(self.aliases),
            "external_ids": dict(self.external_ids),
            "spans": [
                {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence}
                for m in self.mentions
            ],
        }


def _evidence_fields(evidence: tuple[Evidence, ...]) -> dict[str, Any]:
    """Contract fields for a fact's evidence: the first sentence as text, plus every span."""
    first = evidence[0] if evidence else None
    return {
        "evidence": " ".join(e.text for e in evidence),
        "sentence": first.sentence if first else None,
        "start": first.start if first else None,
        "end": first.end if first else None,
        "sources": [e.to_json() for e in evidence],
    }


@dataclass(frozen=True)
class Relation:
    """A typed edge ``s --p--> o`` between two entity ids, from the closed set in RELATION_TYPES."""

    s: str
    p: str
    o: str
    evidence: tuple[Evidence, ...] = ()

    def key(self) -> tuple[str, str, str]:
        """Identity of the fact; symmetric relations are ordered so that A~B equals B~A."""
        if self.p in SYMMETRIC_RELATIONS and self.o < self.s:
            return (self.o, self.p, self.s)
        return (self.s, self.p, self.o)

    def to_json(self) -> dict[str, Any]:
        return {"s": self.s, "p": self.p, "o": self.o, **_evidence_fields(self.evidence)}


@dataclass(frozen=True)
class Event:
    """Something that happened (or will) to a subject, with an ISO date and its precision."""

    type: str
    subject: str | None
    date: str | None = None
    precision: DatePrecision | None = None
    date_text: str | None = None
    place: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "date": self.date,
            "precision": self.precision,
            "date_text": self.date_text,
            "place": self.place,
            **_evidence_fields(self.evidence),
        }


@dataclass(frozen=True)
class Reason:
    """An explanation the text gives: ``cause`` explains ``effect``; ``attributed_to`` says it."""

    agent: str | None
    effect: str
    cause: str
    kind: str = "cause"
    cue: str = ""
    attributed_to: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "agent": self.agent,
            "effect": self.effect,
            "cause": self.cause,
            "kind": self.kind,
            "cue": self.cue,
            "attributed_to": self.attributed_to,
            **_evidence_fields(self.evidence),
        }


@dataclass(frozen=True)
class Quote:
    """A direct quotation and the entity id of its speaker (None when no speaker is found)."""

    speaker: str | None
    text: str
    evidence: tuple[Evidence, ...] = ()
    cue: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "cue": self.cue,
            **_evidence_fields(self.evidence),
        }


@dataclass(frozen=True)
class Count:
    """A number the text states about one entity: ``subject`` has ``value`` ``quantity``.

    ``quantity`` is one of the names in ``data/counts.json``. ``value`` is normalised ("1.2
    million" is 1200000, "seven" is 7, "$52.3 million" is 52300000 with ``unit`` "USD"); ``unit``
    is an ISO 4217 code for money, else None. ``precision`` is the place value of the last
    significant digit written (100000 for "1.2 million", 1 for "1,234,567"), so that a rounded
    figure can be told from a contradicting one. ``qualifier`` names the slice counted ("first
    week", "worldwide", a platform or chart): counts with different qualifiers are different
    facts. ``as_of`` is the ISO date the count was stated (the article's publication date).
    """

    subject: str
    quantity: str
    value: int | float
    unit: str | None = None
    qualifier: str | None = None
    bound: CountBound = "exact"
    precision: int | float = 1
    text: str = ""
    as_of: str | None = None
    evidence: tuple[Evidence, ...] = ()

    def key(self) -> tuple[str, str, str | None, str | None]:
        """What the count is about: two counts with equal keys may be compared for conflicts."""
        return (self.subject, self.quantity, self.qualifier, self.unit)

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "quantity": self.quantity,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "bound": self.bound,
            "precision": self.precision,
            "text": self.text,
            "as_of": self.as_of,
            **_evidence_fields(self.evidence),
        }


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article. ``to_json`` is exactly the ``extract --json`` contract."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    reasons: tuple[Reason, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())
    counts: tuple[Count, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.header(),
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "events": [e.to_json() for e in self.events],
            "reasons": [r.to_json() for r in self.reasons],
            "quotes": [q.to_json() for q in self.quotes],
            "counts": [c.to_json() for c in self.counts],
        }

"""Plain read-only views of stored facts, with global ids, as the query helpers return them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """One place an article states a fact. Offsets are None when only the article is known."""

    article: str
    sentence: int | None
    start: int | None
    end: int | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (
            self.article,
            -1 if self.sentence is None else self.sentence,
            -1 if self.start is None else self.start,
            -1 if self.end is None else self.end,
            self.text,
        )


def _support(sources: tuple[Source, ...]) -> int:
    return len({s.article for s in sources})


def _evidence(sources: tuple[Source, ...]) -> str:
    return next((s.text for s in sources if s.text), "")


def _claim_json(outlets: tuple[str, ...], first: str | None, last: str | None) -> dict[str, Any]:
    """The claim fields of a fact: the distinct outlets stating it, and when it was first and last
    seen (publication dates, else the day of ingest)."""
    return {"outlets": list(outlets), "first_seen": first, "last_seen": last}


class _Supported:
    """What every fact record shares: its sources, outlets and first/last seen dates."""

    sources: tuple[Source, ...]
    outlets: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None

    @property
    def support(self) -> int:
        """How many distinct articles state this fact."""
        return _support(self.sources)


def _provenance_json(fact: _Supported) -> dict[str, Any]:
    """The evidence, sources, support and claim fields of a fact's JSON."""
    return {
        "evidence": _evidence(fact.sources),
        "sources": [s.to_json() for s in fact.sources],
        "support": fact.support,
        **_claim_json(fact.outlets, fact.first_seen, fact.last_seen),
    }


@dataclass(frozen=True)
class EntityRecord:
    """A global entity: its id, canonical name, type and every alias seen in any article."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RelationRecord(_Supported):
    s: str
    p: str
    o: str
    s_name: str
    o_name: str
    sources: tuple[Source, ...]
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "s": self.s,
            "p": self.p,
            "o": self.o,
            **_provenance_json(self),
        }


@dataclass(frozen=True)
class EventRecord(_Supported):
    type: str
    subject: str | None
    subject_name: str | None
    date: str | None
    precision: str | None
    date_text: str | None
    place: str | None
    sources: tuple[Source, ...]
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "date": self.date,
            "precision": self.precision,
            "date_text": self.date_text,
            "place": self.place,
            **_provenance_json(self),
        }


@dataclass(frozen=True)
class ReasonRecord(_Supported):
    agent: str | None
    agent_name: str | None
    effect: str
    cause: str
    kind: str
    cue: str
    attributed_to: str | None
    sources: tuple[Source, ...]
    outlets: tuple[str, ...] = ()
    first_seen: str | None = None
    last_seen: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "agent": self.agent,
            "effect": self.effect,
            "cause": self.cause,
            "kind": self.kind,
            "cue": self.cue,
            "attributed_to": self.attributed_to,
            **_provenance_json(self),
        }


@dataclass(frozen=True)
class SentenceHit:
    """A sentence found by full-text search; ``matched`` counts the query terms it contains."""

    article: str
    sentence: int
    text: str
    matched: int


@dataclass(frozen=True)
class ArticleRecord:
    """A stored article's metadata (not its text): what a page needs to cite and link it."""

    id: str
    url: str
    title: str
    published: str | None

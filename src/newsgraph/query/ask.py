"""Answer a plain-English question from the graph, citing the sentences that support the answer.

The graph is tried first ("why" → reasons, "when" → events, "who directed/which agency…" →
relations, then any relation whose predicate words the question uses). When no graph path answers,
full-text search over the stored sentences gives the best sentence (method "text-search"). When
nothing fits, the answer is empty (method "none"): ``ask`` never guesses.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import QueryError
from newsgraph.query.patterns import QueryPatterns, RelationQuestion, load_patterns
from newsgraph.resolve.names import SHORT_KEY_MAX, name_key, straight_quotes
from newsgraph.store import EntityRecord, EventRecord, GraphStore, ReasonRecord, RelationRecord
from newsgraph.store.records import Source

MAX_NGRAM = 8
MAX_EVIDENCE = 10
_TOKEN = re.compile(r"\w[\w'.&\-]*")
_WORD = re.compile(r"\w+")
_WHO = re.compile(r"^\s*(?:\w+\s+)?(?:who|whom)\b", re.IGNORECASE)
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Answer:
    """An answer with the sentences that support it; ``method`` says how it was found."""

    question: str
    answer: str = ""
    answers: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    method: str = "none"

    def to_json(self) -> dict[str, Any]:
        """The ``ask --json`` contract."""
        return {
            "question": self.question,
            "answer": self.answer,
            "answers": list(self.answers),
            "evidence": [dict(e) for e in self.evidence],
            "method": self.method,
        }


@dataclass(frozen=True)
class Found:
    """Entities named in the question at one place (several when the name is ambiguous)."""

    start: int
    end: int
    text: str
    entities: tuple[EntityRecord, ...]


def stem(word: str) -> str:
    """A crude stem so that "released" meets "release" and "songs" meets "song"."""
    w = word.casefold()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def content_words(text: str, stopwords: Iterable[str]) -> list[str]:
    """The question's words that carry meaning, lowercased, in order, without repeats."""
    stop = set(stopwords)
    seen: dict[str, None] = {}
    for w in _WORD.findall(text.casefold()):
        if w in stop or (w.isdigit() and len(w) != 4):  # keep years, drop other numbers
            continue
        seen.setdefault(w, None)
    return list(seen)


def find_entities(store: GraphStore, question: str, stopwords: Iterable[str]) -> list[Found]:
    """Names from the graph in the question: longest first, not overlapping, in text order."""
    stop = set(stopwords)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(question)]
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i in range(len(tokens)):
        for n in range(1, min(MAX_NGRAM, len(tokens) - i) + 1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            text = question[start:end].rstrip(".")
            key = name_key(text)
            if not key:
                continue
            if n == 1 and text.casefold() in stop:
                continue
            if len(key) <= SHORT_KEY_MAX and text == text.lower():
                continue  # "it", "on": a short name must be written with a capital
            spans.setdefault(key, []).append((n, start, start + len(text)))
    found = store.find_entities(list(spans))
    candidates = sorted(
        ((n, start, end, key) for key in found for n, start, end in spans[key]),
        key=lambda c: (-c[0], -(c[2] - c[1]), c[1]),
    )
    taken: list[Found] = []
    for _, start, end, key in candidates:
        if any(start < f.end and f.start < end for f in taken):
            continue
        taken.append(Found(start, end, question[start:end], tuple(found[key])))
    return sorted(taken, key=lambda f: f.start)


def _evidence(sources: Iterable[Source]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int | None, str]] = set()
    for s in sources:
        key = (s.article, s.sentence, s.text)
        if key in seen or not s.text:
            continue
        seen.add(key)
        out.append({"article": s.article, "sentence": s.sentence, "text": s.text})
        if len(out) >= MAX_EVIDENCE:
            break
    return out


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


class _Asker:
    def __init__(self, store: GraphStore, question: str, patterns: QueryPatterns) -> None:
        self.store = store
        self.raw = question
        self.q = " ".join(straight_quotes(unicodedata.normalize("NFKC", question)).split())
        self.p = patterns
        self.found = find_entities(store, self.q, patterns.stopwords)
        self.words = content_words(self.q, patterns.stopwords)
        self.stems = {stem(w) for w in self.words}

    def answer(self) -> Answer:
        for method in (self._why, self._when, self._relation_patterns, self._generic):
            result = method()
            if result is not None:
                return result
        return self._text_search()

    # ------------------------------------------------------------------ why

    def _why(self) -> Answer | None:
        if not self.p.why.search(self.q):
            return None
        agent_reasons: list[ReasonRecord] = []
        stems = set(self.stems)
        for f in self.found:
            agent_reasons = next(
                (rs for e in f.entities if (rs := self.store.reasons_by_agent(e.id))), []
            )
            if agent_reasons:
                stems -= {stem(w) for w in _WORD.findall(f.text)}
                break
        # Reasons of other agents (or none: "Why did fans object…?") that share enough words.
        words = [w for w in self.words if len(w) > 2]
        others = self.store.reasons_with_words(words + [stem(w) for w in words]) if words else []
        need = 1 if len(stems) == 1 else 2
        scored: dict[tuple[str | None, str, str], tuple[int, bool, ReasonRecord]] = {}
        for r in agent_reasons:
            scored[(r.agent, r.effect, r.cause)] = (_overlap(r.effect, stems), True, r)
        for r in others:
            overlap = _overlap(r.effect, stems)
            if overlap >= need:
                scored.setdefault((r.agent, r.effect, r.cause), (overlap, False, r))
        if not scored:
            return None
        ranked = sorted(
            scored.values(),
            key=lambda t: (-t[0], not t[1], -t[2].support, t[2].effect, t[2].cause),
        )
        causes = _unique(r.cause for _, _, r in ranked)
        top = ranked[0][0]
        best = [r.cause for o, _, r in ranked if o > 0 and o == top] or causes[:3]
        return Answer(
            self.raw,
            "; ".join(_unique(best)),
            causes,
            _evidence(s for _, _, r in ranked for s in r.sources),
            "graph",
        )

    # ----------------------------------------------------------------- when

    def _when(self) -> Answer | None:
        if not self.p.when.search(self.q):
            return None
        low = " " + " ".join(_WORD.findall(self.q.casefold())) + " "
        wanted: set[str] | None = None
        for etype, phrases in self.p.event_types:
            if any(f" {p} " in low for p in phrases):
                wanted = {etype}
                break
        # Every named entity's events: "When will Oasis play Wembley?" may be stored under either.
        events: dict[tuple[str, str | None, str | None], EventRecord] = {}
        for f in self.found:
            for entity in f.entities:
                for e in self.store.events_by_subject(entity.id, wanted):
                    if e.date:
                        events.setdefault((e.type, e.subject, e.date), e)
        return self._events_answer(list(events.values())) if events else None

    def _events_answer(self, events: list[EventRecord]) -> Answer:
        """The event whose sentence shares most words with the question first, then precision."""
        events.sort(
            key=lambda e: (
                -max((_overlap(s.text, self.stems) for s in e.sources), default=0),
                _PRECISION_RANK.get(e.precision or "", 3),
                -e.support,
                e.date or "",
                e.type,
            )
        )
        dates = _unique(e.date or "" for e in events)
        return Answer(
            self.raw,
            dates[0],
            [_spelled_date(d) for d in dates],
            _evidence(s for e in events for s in e.sources),
            "graph",
        )

    # ------------------------------------------------------------ relations

    def _relation_patterns(self) -> Answer | None:
        for rq in self.p.relation_questions:
            match = rq.regex.search(self.q)
            if match is None:
                continue
            rest = [f for f in self.found if f.start >= match.end()] or self.found
            result = self._relations_for(rq, rest)
            if result is not None:
                return result
        return None

    def _relations_for(self, rq: RelationQuestion, found: list[Found]) -> Answer | None:
        for f in found:
            for entity in f.entities:
                rels = [
                    r
                    for r in self.store.relations_touching(entity.id, rq.predicates)
                    if _side(r, rq.known) == entity.id
                ]
                if not rels and rq.via:
                    rels = self._via(entity.id, rq)
                if rels:
                    return self._entities_answer(rels, rq.answer)
        return None

    def _via(self, entity_id: str, rq: RelationQuestion) -> list[RelationRecord]:
        """One hop further: a member's agency is the group's, a song's director the video's."""
        rels: list[RelationRecord] = []
        for hop in self.store.relations_touching(entity_id, {rq.via or ""}):
            other = hop.o if hop.s == entity_id else hop.s
            rels.extend(
                r
                for r in self.store.relations_touching(other, rq.predicates)
                if _side(r, rq.known) == other
            )
        return rels

    def _generic(self) -> Answer | None:
        if not self.found:
            return None
        named = {e.id for f in self.found for e in f.entities}
        hint = next((self.p.answer_types[w] for w in self.words if w in self.p.answer_types), None)
        if _WHO.match(self.q):
            hints: set[str] = {"PERSON", "GROUP"} if hint is None else {hint}
        else:
            hints = set() if hint is None else {hint}
        best: list[tuple[RelationRecord, str]] = []
        best_score = 0
        for f in self.found:
            for entity in f.entities:
                for r in self.store.relations_touching(entity.id):
                    score = len(self.p.predicate_words.get(r.p, frozenset()) & set(self.words))
                    other = "o" if r.s == entity.id else "s"
                    if score == 0 or _side(r, other) in named:
                        continue
                    if score > best_score:
                        best, best_score = [], score
                    if score == best_score:
                        best.append((r, other))
        if hints:
            best = [(r, side) for r, side in best if self._type_of(_side(r, side)) in hints]
        if not best:
            return None
        names: list[str] = []
        sources: list[Source] = []
        for r, side in sorted(best, key=lambda b: (-b[0].support, _side(b[0], b[1]))):
            names.append(r.s_name if side == "s" else r.o_name)
            sources.extend(r.sources)
        return Answer(
            self.raw, ", ".join(_unique(names)), _unique(names), _evidence(sources), "graph"
        )

    def _type_of(self, entity_id: str) -> str | None:
        entity = self.store.entity(entity_id)
        return entity.type if entity is not None else None

    def _entities_answer(self, rels: list[RelationRecord], side: str) -> Answer:
        rels = sorted(rels, key=lambda r: (-r.support, _side(r, side)))
        names = _unique(r.s_name if side == "s" else r.o_name for r in rels)
        return Answer(
            self.raw,
            ", ".join(names),
            names,
            _evidence(s for r in rels for s in r.sources),
            "graph",
        )

    # ---------------------------------------------------------- text search

    def _text_search(self) -> Answer:
        words = [w for w in self.words if len(w) > 1]
        if not words:
            return Answer(self.raw)
        terms = [stem(w) + "*" if len(stem(w)) >= 4 else w for w in words]
        in_names = {w.casefold() for f in self.found for w in _WORD.findall(f.text)}
        asked = {t for w, t in zip(words, terms, strict=True) if w not in in_names}
        need = max(1, math.ceil(0.4 * len(terms)), 2 if len(terms) >= 3 else 1)
        hits = []
        for hit in self.store.search_sentences(terms, limit=10):
            matched = _matched_terms(terms, hit.text)
            # A sentence that only repeats the names asked about does not answer anything.
            if len(matched) >= need and (not asked or matched & asked):
                hits.append(hit)
        hits = hits[:3]
        if not hits:
            return Answer(self.raw)
        evidence = [{"article": h.article, "sentence": h.sentence, "text": h.text} for h in hits]
        return Answer(self.raw, hits[0].text, [h.text for h in hits], evidence, "text-search")


def _matched_terms(terms: Sequence[str], text: str) -> set[str]:
    tokens = [t.casefold() for t in _WORD.findall(text)]
    found = set()
    for term in terms:
        word = term.rstrip("*")
        if any(tok == word or (term.endswith("*") and tok.startswith(word)) for tok in tokens):
            found.add(term)
    return found


def _spelled_date(iso: str) -> str:
    """ "2025-08-02 (August 2, 2025)": the ISO date and how a reader writes it."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
            return iso
        if len(numbers) == 3:
            words = f"{calendar.month_name[numbers[1]]} {numbers[2]}, {numbers[0]}"
        elif len(numbers) == 2:
            words = f"{calendar.month_name[numbers[1]]} {numbers[0]}"
        else:
            return iso
    except (ValueError, IndexError):
        return iso
    return f"{iso} ({words})"


def _overlap(text: str, stems: set[str]) -> int:
    return len({stem(w) for w in _WORD.findall(text)} & stems)


def _side(r: RelationRecord, side: str) -> str:
    return r.s if side == "s" else r.o


def ask(store: GraphStore, question: str) -> Answer:
    """Answer ``question`` from the graph, else from sentence search, else with nothing.

    Raises :class:`~newsgraph.errors.QueryError` for an empty question.
    """
    if not question or not question.strip():
        raise QueryError("the question is empty")
    return _Asker(store, question, load_patterns()).answer()

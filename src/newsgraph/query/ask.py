"""Answer a plain-English question from the graph, citing the sentences that support the answer.

The graph is tried first ("why" → reasons, "when" → events, "who directed/which agency…" →
relations, then any relation whose predicate words the question uses). When no graph path answers,
full-text search over the stored sentences gives the best sentence (method "text-search"). When
nothing fits, the answer is empty (method "none"): ``ask`` never guesses.
"""

from __future__ import annotations

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
        for f in self.found:
            for entity in f.entities:
                reasons = self.store.reasons_by_agent(entity.id)
                if reasons:
                    name_stems = {stem(w) for w in _WORD.findall(f.text)}
                    return self._reasons_answer(reasons, self.stems - name_stems, min_overlap=0)
        # No named agent ("Why did fans object…?"): reasons whose effect shares enough words.
        words = [w for w in self.words if len(w) > 2]
        if not words:
            return None
        found = self.store.reasons_with_words(words + [stem(w) for w in words])
        need = 1 if len(self.stems) == 1 else 2
        return self._reasons_answer(found, self.stems, min_overlap=need)

    def _reasons_answer(
        self, reasons: Sequence[ReasonRecord], stems: set[str], *, min_overlap: int
    ) -> Answer | None:
        scored = []
        for r in reasons:
            effect = {stem(w) for w in _WORD.findall(r.effect)}
            overlap = len(effect & stems)
            if overlap >= min_overlap:
                scored.append((overlap, r))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], -s[1].support, s[1].effect, s[1].cause))
        causes = _unique(r.cause for _, r in scored)
        best = [r.cause for o, r in scored if o > 0 and o == scored[0][0]] or causes[:3]
        return Answer(
            self.raw,
            "; ".join(_unique(best)),
            causes,
            _evidence(s for _, r in scored for s in r.sources),
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
        for f in self.found:
            for entity in f.entities:
                events = [e for e in self.store.events_by_subject(entity.id, wanted) if e.date]
                if events:
                    return self._events_answer(events)
        return None

    def _events_answer(self, events: list[EventRecord]) -> Answer:
        events.sort(
            key=lambda e: (
                _PRECISION_RANK.get(e.precision or "", 3),
                -e.support,
                e.date or "",
                e.type,
            )
        )
        dates = _unique(e.date or "" for e in events)
        return Answer(
            self.raw, dates[0], dates, _evidence(s for e in events for s in e.sources), "graph"
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
                if rels:
                    return self._entities_answer(rels, rq.answer)
        return None

    def _generic(self) -> Answer | None:
        if not self.found:
            return None
        named = {e.id for f in self.found for e in f.entities}
        hint = next((self.p.answer_types[w] for w in self.words if w in self.p.answer_types), None)
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
        if hint is not None:
            best = [(r, side) for r, side in best if self._type_of(_side(r, side)) == hint]
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
        hits = self.store.search_sentences(terms, limit=3)
        need = max(1, math.ceil(0.4 * len(terms)), 2 if len(terms) >= 3 else 1)
        hits = [h for h in hits if h.matched >= need]
        if not hits:
            return Answer(self.raw)
        evidence = [{"article": h.article, "sentence": h.sentence, "text": h.text} for h in hits]
        return Answer(self.raw, hits[0].text, [h.text for h in hits], evidence, "text-search")


def _side(r: RelationRecord, side: str) -> str:
    return r.s if side == "s" else r.o


def ask(store: GraphStore, question: str) -> Answer:
    """Answer ``question`` from the graph, else from sentence search, else with nothing.

    Raises :class:`~newsgraph.errors.QueryError` for an empty question.
    """
    if not question or not question.strip():
        raise QueryError("the question is empty")
    return _Asker(store, question, load_patterns()).answer()

"""Answer a plain-English question from the graph, citing the sentences that support the answer.

The question's kind picks the graph path: "why" → reasons, "when" → dated events, "where" →
event places, "who directed / which agency…" → relations, then any relation whose predicate words
the question uses (in any form: "sang" meets "sing"). An answer must be backed by the question's
other words: when the facts found share none of them ("Which label did she join last October?")
and a stored sentence does, that sentence answers instead. When no graph path answers, full-text
search over the stored sentences gives the best sentences (method "text-search"); a "when"
question then reads the date off the best dated sentence. When nothing fits, the answer is empty
(method "none"): ``ask`` never guesses.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from newsgraph.errors import QueryError
from newsgraph.query.dating import Tense, TextDate, dates_in, parse_published
from newsgraph.query.patterns import QueryPatterns, RelationQuestion, load_patterns
from newsgraph.query.search import Passage, answering, needs, passages
from newsgraph.query.terms import (
    WORD,
    Concept,
    concepts,
    content_words,
    expanded,
    matched,
    stem,
)
from newsgraph.resolve.names import SHORT_KEY_MAX, name_key, straight_quotes
from newsgraph.store import EntityRecord, EventRecord, GraphStore, ReasonRecord, RelationRecord
from newsgraph.store.records import Source

__all__ = ["Answer", "Found", "ask", "content_words", "find_entities", "stem"]

MAX_NGRAM = 8
MAX_EVIDENCE = 10
MAX_SHOWN_ALIASES = 3
TEXT_ANSWERS = 3
_TOKEN = re.compile(r"\w[\w'.&\-]*")
_WHO = re.compile(r"^\s*(?:\w+\s+)?(?:who|whom)\b", re.IGNORECASE)
_HEAD = re.compile(
    r"^\s*(?:(?:in|on|at|to|from|for|with|by|of|under)\s+)?(?:which|what)\s+(\w+)", re.IGNORECASE
)
_AUX = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:when|where)\s+(\w+)", re.IGNORECASE)
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


def _texts(sources: Iterable[Source]) -> list[str]:
    """The distinct sentences of a fact's sources: a fact stated by hundreds of articles is
    scored on its few distinct sentences, not on every copy."""
    return list(dict.fromkeys(s.text for s in sources))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _tokens(text: str) -> set[str]:
    return {t.casefold() for t in WORD.findall(text)}


@dataclass(frozen=True)
class _Dated:
    """A "when" candidate: an event, or a date read off a sentence, with how well it fits."""

    score: int
    graph: bool
    iso: str
    precision: str
    evidence: tuple[dict[str, Any], ...]
    rank: int


class _Asker:
    def __init__(self, store: GraphStore, question: str, patterns: QueryPatterns) -> None:
        self.store = store
        self.raw = question
        self.q = " ".join(straight_quotes(unicodedata.normalize("NFKC", question)).split())
        self.p = patterns
        self.found = find_entities(store, self.q, patterns.stopwords)
        self.words = content_words(self.q, patterns.stopwords)
        self.concepts = concepts(self.words, patterns)
        self.name_words = {w.casefold() for f in self.found for w in WORD.findall(f.text)}
        # The question's words besides the names it uses: what an answer must be about.
        self.other = [c for c in self.concepts if c.word not in self.name_words]
        self.entities = list(
            {e.id: e for f in self.found for e in f.entities}.values()
        )  # in question order, each once
        head = _HEAD.match(self.q)
        self.head = head.group(1).casefold() if head else None
        if self.head in patterns.stopwords:
            self.head = None

    def answer(self) -> Answer:
        if self.p.why.search(self.q):
            return self._why() or self._text_search()
        if self.p.when.search(self.q):
            return self._when() or self._text_search()
        if self.p.where.search(self.q):
            return self._where() or self._text_search()
        return self._relation_patterns() or self._generic() or self._text_search()

    # ------------------------------------------------------------------ why

    def _why(self) -> Answer | None:
        agent_reasons: list[ReasonRecord] = []
        rest = list(self.concepts)
        for f in self.found:
            agent_reasons = next(
                (rs for e in f.entities if (rs := self.store.reasons_by_agent(e.id))), []
            )
            if agent_reasons:
                agent = _tokens(f.text)
                rest = [c for c in self.concepts if c.word not in agent]
                break
        # Reasons of other agents (or none: "Why did fans object…?") that share enough words.
        long = [c for c in rest if len(c.word) > 2]
        words = sorted({w for c in long for w in c.forms} | {s for c in long for s in c.stems})
        others = self.store.reasons_with_words(words) if words else []
        need = 2 if len(rest) == 1 else 4  # one effect word, or two (sentence words count half)
        scored: dict[tuple[str | None, str, str], tuple[int, bool, ReasonRecord]] = {}
        # The agent's reasons answer when one of them is about what was asked; the others follow,
        # ranked last (the effect may be worded apart: "accepted the part" / "take the role").
        own = [(_reason_overlap(rest, r), r) for r in agent_reasons]
        if not rest or any(o for o, _ in own):
            for overlap, r in own:
                scored[(r.agent, r.effect, r.cause)] = (overlap, True, r)
        for r in others:
            overlap = _reason_overlap(rest, r)
            if overlap >= need:
                scored.setdefault((r.agent, r.effect, r.cause), (overlap, False, r))
        if not scored:
            return None
        ranked = sorted(
            scored.values(),
            key=lambda t: (-t[0], not t[1], -t[2].support, t[2].effect, t[2].cause),
        )
        top = ranked[0][0]
        return Answer(
            self.raw,
            self._grouped([r for o, _, r in ranked if o == top]),
            _unique(r.cause for _, _, r in ranked),
            _evidence(s for _, _, r in ranked for s in r.sources),
            "graph",
        )

    def _grouped(self, reasons: Sequence[ReasonRecord]) -> str:
        """ "timing; the rush (according to X)": the causes, grouped by who gives them (the
        writer's own first when it comes first), speakers in order of their best reason."""
        groups: dict[str | None, list[str]] = {}
        for r in reasons:
            causes = groups.setdefault(r.attributed_to, [])
            if r.cause not in causes:
                causes.append(r.cause)
        parts = []
        for who_id, causes in groups.items():
            who = self.store.entity(who_id) if who_id is not None else None
            said = f" (according to {who.name})" if who is not None else ""
            parts.append("; ".join(causes) + said)
        return "; ".join(parts)

    # ----------------------------------------------------------------- when

    def _when(self) -> Answer | None:
        low = " " + " ".join(WORD.findall(self.q.casefold())) + " "
        asked = " " + " ".join(sorted(expanded(self.words, self.p))) + " "
        wanted: str | None = None
        for etype, phrases in self.p.event_types:
            if any(f" {p} " in low or f" {p} " in asked for p in phrases):
                wanted = etype
                break
        specific = [c for c in self.other if c.word not in self.p.when_generic_words]
        candidates = self._dated_events(wanted, specific) + self._dated_sentences(specific)
        if not candidates:
            return None
        candidates.sort(
            key=lambda c: (-c.score, not c.graph, _PRECISION_RANK.get(c.precision, 3), c.rank)
        )
        best = candidates[0]
        if not best.graph:
            # Said as such: the date is read off a sentence, not a stored event.
            answers = [_spelled_date(best.iso)] + [str(e["text"]) for e in best.evidence]
            return Answer(self.raw, best.iso, answers, list(best.evidence), "text-search")
        dated = [c for c in candidates if c.graph]
        return Answer(
            self.raw,
            best.iso,
            [_spelled_date(d) for d in _unique(c.iso for c in dated)],
            _evidence_dicts(e for c in dated for e in c.evidence),
            "graph",
        )

    def _dated_events(self, wanted: str | None, specific: list[Concept]) -> list[_Dated]:
        """The named entities' dated events that fit: of the asked type, or sharing a word."""
        out: list[_Dated] = []
        seen: set[tuple[str, str | None, str | None]] = set()
        for entity in self.entities:
            for e in self.store.events_by_subject(entity.id):
                if not e.date or (e.type, e.subject, e.date) in seen:
                    continue
                seen.add((e.type, e.subject, e.date))
                overlap = max((len(matched(specific, t)) for t in _texts(e.sources)), default=0)
                typed = wanted is not None and e.type == wanted
                if wanted is not None and not typed and not overlap:
                    continue
                if wanted is None and specific and not overlap:
                    continue  # "When did Noel quit?" is not answered by his 1995 concert
                ev = tuple(_evidence(e.sources))
                score = 1 + overlap + (1 if typed else 0)
                out.append(_Dated(score, True, e.date, e.precision or "", ev, -e.support))
        return out

    def _dated_sentences(self, specific: list[Concept]) -> list[_Dated]:
        """Sentences about the named entities that carry the question's words and a date."""
        if not self.entities:
            return []
        n = len(specific)
        named_need, other_need = needs(n)
        hits = [
            p
            for p in self._passages
            if (p.names and _count(p, specific) >= named_need)
            or (
                n
                and not p.names
                and p.article in self._articles
                and _count(p, specific) >= other_need
            )
        ][: TEXT_ANSWERS * 3]
        if not hits:
            return []
        published = {
            a.id: parse_published(a.published)
            for a in self.store.articles({p.article for p in hits}).values()
        }
        events = self.store.events_in_sentences({(p.article, p.sentence) for p in hits})
        tense = self._tense()
        out: list[_Dated] = []
        for rank, p in enumerate(hits):
            date = self._date_of(p, specific, events, published.get(p.article), tense)
            if date is None:
                continue
            score = _count(p, specific) + (1 if p.names else 0)
            out.append(_Dated(score, False, date.iso, date.precision, (p.evidence(),), rank))
        return out

    def _date_of(
        self,
        p: Passage,
        specific: list[Concept],
        events: list[EventRecord],
        published: date | None,
        tense: Tense,
    ) -> TextDate | None:
        """The date of the sentence nearest the question's words; as extraction dated it when
        an event was built from the sentence (it knew the clause's tense), else read here."""
        dates = dates_in(p.text, published, tense)
        if not dates:
            return None
        spots = [
            m.start()
            for m in WORD.finditer(p.text)
            if any(c.matches(m.group().casefold()) for c in specific)
        ]
        dates.sort(key=lambda d: min((abs(d.start - s) for s in spots), default=d.start))
        chosen = dates[0]
        for e in events:
            here = any(s.article == p.article and s.sentence == p.sentence for s in e.sources)
            if here and e.date and e.date_text and e.date_text in chosen.text:
                return TextDate(chosen.start, chosen.end, chosen.text, e.date, e.precision or "")
        return chosen

    def _tense(self) -> Tense:
        """The tense the question places its date in: "did" past, "will" future, "was it
        scheduled" planned (a future seen from the past)."""
        if expanded(self.words, self.p) & self.p.planned_words:
            return "planned"
        m = _AUX.match(self.q)
        tense = self.p.question_tense.get(m.group(1).casefold()) if m else None
        return "past" if tense == "past" else "future" if tense == "future" else "unknown"

    # ---------------------------------------------------------------- where

    def _where(self) -> Answer | None:
        places: dict[str, tuple[int, list[Source]]] = {}
        for entity in self.entities:
            for e in self.store.events_by_subject(entity.id):
                if not e.place:
                    continue
                overlap = max((len(matched(self.other, t)) for t in _texts(e.sources)), default=0)
                place = self.store.entity(e.place)
                name = place.name if place is not None else e.place
                old = places.get(name, (0, []))
                places[name] = (max(old[0], overlap), old[1] + list(e.sources))
        if not places or (self.other and not any(o for o, _ in places.values())):
            return None
        ranked = sorted(places.items(), key=lambda kv: (-kv[1][0], kv[0]))
        names = [n for n, _ in ranked]
        return Answer(
            self.raw,
            names[0],
            names,
            _evidence(s for _, (_, srcs) in ranked for s in srcs),
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
                rels = [r for r in rels if self._fits_head(r, rq.answer)]
                if rels:
                    return self._backed([(r, rq.answer) for r in rels], keep_all=True)
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
        named = {e.id for e in self.entities}
        hint = next((self.p.answer_types[w] for w in self.words if w in self.p.answer_types), None)
        if _WHO.match(self.q):
            hints: set[str] = {"PERSON", "GROUP"} if hint is None else {hint}
        else:
            hints = set() if hint is None else {hint}
        best: list[tuple[RelationRecord, str]] = []
        best_score = 0
        for entity in self.entities:
            for r in self.store.relations_touching(entity.id):
                score = self._predicate_score(r.p)
                other = "o" if r.s == entity.id else "s"
                if score == 0 or _side(r, other) in named:
                    continue
                if score > best_score:
                    best, best_score = [], score
                if score == best_score:
                    best.append((r, other))
        if hints:
            best = [(r, side) for r, side in best if self._type_of(_side(r, side)) in hints]
        best = [(r, side) for r, side in best if self._fits_head(r, side)]
        return self._backed(best, keep_all=False) if best else None

    def _predicate_score(self, predicate: str) -> int:
        """How many question words (in any form) are words of this predicate."""
        words = self.p.predicate_words.get(predicate, frozenset())
        return sum(1 for c in self.concepts if c.forms & words)

    def _fits_head(self, r: RelationRecord, side: str) -> bool:
        """A "which writer…" answer must be shown to be a writer: by its relation's predicate
        words, or by the word in its name or evidence. Other head nouns only steer the type."""
        if self.head is None or self.head not in self.p.role_nouns:
            return True
        forms = self.p.forms(self.head)
        if forms & self.p.predicate_words.get(r.p, frozenset()):
            return True
        name = r.s_name if side == "s" else r.o_name
        texts = [name, *_texts(r.sources)]
        head = Concept(self.head, forms)
        return any(matched([head], t) for t in texts)

    def _extra(self, predicate: str) -> list[Concept]:
        """The question's words an answer by ``predicate`` should be backed by: not names, not
        the predicate's own words, not the asked-for kind of thing ("film", "agency")."""
        words = self.p.predicate_words.get(predicate, frozenset())
        return [
            c
            for c in self.other
            if not (c.forms & words)
            and c.word != self.head
            and c.word not in self.p.answer_types
            and c.word not in self.p.role_nouns
        ]

    def _backed(self, rels: list[tuple[RelationRecord, str]], *, keep_all: bool) -> Answer | None:
        """Relation answers ranked by how many of the question's other words their evidence
        carries. When none carries any and a sentence about the entity does, it answers."""
        scored = []
        for r, side in rels:
            extra = self._extra(r.p)
            overlap = max((len(matched(extra, t)) for t in _texts(r.sources)), default=0)
            scored.append((overlap, extra, r, side))
        top = max(o for o, _, _, _ in scored)
        lacking = [c for _, extra, _, _ in scored for c in extra]
        if top == 0 and lacking:
            text = self._text_search(backing=lacking)
            if text.method != "none":
                return text
        if not keep_all and top > 0:
            scored = [s for s in scored if s[0] == top]
        scored.sort(key=lambda s: (-s[0], -s[2].support, _side(s[2], s[3])))
        names = _unique(r.s_name if side == "s" else r.o_name for _, _, r, side in scored)
        ids = {(r.s_name if side == "s" else r.o_name): _side(r, side) for _, _, r, side in scored}
        return Answer(
            self.raw,
            ", ".join(names),
            [self._with_aliases(ids[n], n) for n in names],
            _evidence(s for _, _, r, _ in scored for s in r.sources),
            "graph",
        )

    def _with_aliases(self, entity_id: str, name: str) -> str:
        """ "Lee Seok-min (also known as DK)": the other names readers may know the answer by."""
        entity = self.store.entity(entity_id)
        if entity is None:
            return name
        own = _tokens(name)
        keys = {name_key(name)}
        shown: list[str] = []
        for alias in sorted(entity.aliases, key=lambda a: (len(a), a)):
            key = name_key(alias)
            if not key or key in keys or _tokens(alias) <= own:
                continue
            keys.add(key)
            shown.append(alias)
            if len(shown) >= MAX_SHOWN_ALIASES:
                break
        return f"{name} (also known as {', '.join(shown)})" if shown else name

    def _type_of(self, entity_id: str) -> str | None:
        entity = self.store.entity(entity_id)
        return entity.type if entity is not None else None

    # ---------------------------------------------------------- text search

    @cached_property
    def _passages(self) -> list[Passage]:
        return passages(self.store, self.other, self.entities, self.p.stopwords)

    @cached_property
    def _articles(self) -> set[str]:
        return {a.id for e in self.entities for a in self.store.articles_mentioning(e.id)}

    def _expected_types(self) -> set[str]:
        """The entity types the question asks for, when it says ("where", "who", "which film")."""
        if self.p.where.search(self.q):
            return {"PLACE"}
        hint = self.p.answer_types.get(self.head or "")
        if hint is not None:
            return {hint}
        return {"PERSON", "GROUP"} if _WHO.match(self.q) else set()

    def _types_named(self, text: str) -> set[str]:
        """Types of the graph's entities a sentence names, besides those the question names."""
        asked = {e.id for e in self.entities}
        clean = straight_quotes(text)
        return {
            e.type
            for f in find_entities(self.store, clean, self.p.stopwords)
            for e in f.entities
            if e.id not in asked
        }

    def _text_search(self, *, backing: Sequence[Concept] = ()) -> Answer:
        """The best sentences; with ``backing``, only ones naming the entity with one of these
        words (those the graph's facts lacked)."""
        words = [c for c in self.other if len(c.word) > 1]
        hits = answering(self._passages, words, self._articles if self.entities else None)
        if backing:
            hits = [p for p in hits if p.names and _count(p, backing)]
        wanted = self._expected_types()
        if wanted:  # a "where" sentence that names a place first, a "who" one a person…
            hits = hits[: TEXT_ANSWERS * 3]
            hits.sort(key=lambda p: not (self._types_named(p.text) & wanted))
        hits = hits[:TEXT_ANSWERS]
        if not hits:
            return Answer(self.raw)
        evidence = [p.evidence() for p in hits]
        return Answer(self.raw, hits[0].text, [p.text for p in hits], evidence, "text-search")


def _reason_overlap(words: Sequence[Concept], r: ReasonRecord) -> int:
    """How many question words the reason's effect carries (each counts two) and its sentence
    carries besides (one each): effects are often written with pronouns ("he couldn't do it")."""
    in_effect = {c.word for c in matched(words, r.effect)}
    in_sentence = {c.word for t in _texts(r.sources) for c in matched(words, t)} - in_effect
    return 2 * len(in_effect) + len(in_sentence)


def _count(p: Passage, items: Sequence[Concept]) -> int:
    words = {c.word for c in items}
    return sum(1 for c in p.matched if c.word in words)


def _evidence_dicts(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, Any, Any]] = set()
    for e in items:
        key = (e.get("article"), e.get("sentence"), e.get("text"))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out[:MAX_EVIDENCE]


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


def _side(r: RelationRecord, side: str) -> str:
    return r.s if side == "s" else r.o


def ask(store: GraphStore, question: str) -> Answer:
    """Answer ``question`` from the graph, else from sentence search, else with nothing.

    Raises :class:`~newsgraph.errors.QueryError` for an empty question.
    """
    if not question or not question.strip():
        raise QueryError("the question is empty")
    return _Asker(store, question, load_patterns()).answer()

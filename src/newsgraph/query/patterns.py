"""The question patterns of ``ask``, loaded from ``data/query_patterns.json`` and validated.

A broken pattern file (empty list, repeated word, unknown predicate or event type, bad regex)
raises :class:`~newsgraph.errors.ConfigError` on first use rather than answering wrongly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.model import ENTITY_TYPES, EVENT_TYPES, RELATION_TYPES

PATTERNS_FILE = "query_patterns.json"


@dataclass(frozen=True)
class RelationQuestion:
    """ "Who directed X?": relations ``predicates`` whose ``known`` side is X; answer the other."""

    regex: re.Pattern[str]
    predicates: tuple[str, ...]
    known: str
    answer: str
    via: str | None = None


@dataclass(frozen=True)
class QueryPatterns:
    stopwords: frozenset[str]
    why: re.Pattern[str]
    when: re.Pattern[str]
    event_types: tuple[tuple[str, tuple[str, ...]], ...]
    relation_questions: tuple[RelationQuestion, ...]
    predicate_words: dict[str, frozenset[str]]
    answer_types: dict[str, str]
    where: re.Pattern[str] = re.compile(r"^\s*where\b", re.IGNORECASE)
    word_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    role_nouns: frozenset[str] = frozenset()
    question_tense: dict[str, str] = field(default_factory=dict)
    when_generic_words: frozenset[str] = frozenset()
    planned_words: frozenset[str] = frozenset()

    def forms(self, word: str) -> frozenset[str]:
        """Every form of ``word``'s group ("sang" → sing, sung, singer…), itself included."""
        w = word.casefold()
        return self.word_forms.get(w, frozenset((w,)))


def _fail(where: str, problem: str) -> ConfigError:
    return ConfigError(f"{PATTERNS_FILE}: {where}: {problem}")


def _regex(value: Any, where: str) -> re.Pattern[str]:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, "needs a non-empty regex string")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise _fail(where, f"bad regex: {exc}") from exc


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "needs a non-empty list")
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(where, f"blank or non-string entry {item!r}")
        if item.casefold() in seen:
            raise _fail(where, f"repeats {item!r}")
        seen.add(item.casefold())
    return tuple(w.casefold() for w in value)


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise _fail(where, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _word_forms(value: Any) -> dict[str, frozenset[str]]:
    """Each word to its whole group; a word in two groups would make matching ambiguous."""
    if not isinstance(value, list) or not value:
        raise _fail("word_forms", "needs a non-empty list of groups")
    out: dict[str, frozenset[str]] = {}
    for i, group in enumerate(value):
        words = frozenset(_words(group, f"word_forms[{i}]"))
        if len(words) < 2:
            raise _fail(f"word_forms[{i}]", "a group needs at least two forms")
        for w in words:
            if w in out:
                raise _fail(f"word_forms[{i}]", f"{w!r} is already in another group")
            out[w] = words
    return out


def _question_tense(value: Any) -> dict[str, str]:
    """Auxiliary → tense ("will" → future), for dates a question asks about."""
    if not isinstance(value, dict) or set(value) != {"future", "past"}:
        raise _fail("question_tense", "needs exactly the keys 'future' and 'past'")
    out: dict[str, str] = {}
    for tense, words in value.items():
        for w in _words(words, f"question_tense.{tense}"):
            if w in out:
                raise _fail("question_tense", f"{w!r} is both past and future")
            out[w] = tense
    return out


def parse_patterns(data: Any) -> QueryPatterns:
    """Validate the parsed pattern file and build :class:`QueryPatterns` from it."""
    if not isinstance(data, dict):
        raise _fail("top level", "must be an object")
    try:
        event_types = []
        seen_types: set[str] = set()
        for i, entry in enumerate(data["event_types"]):
            etype = _choice(entry[0], EVENT_TYPES, f"event_types[{i}]")
            if etype in seen_types:
                raise _fail(f"event_types[{i}]", f"repeats {etype!r}")
            seen_types.add(etype)
            event_types.append((etype, _words(entry[1], f"event_types[{i}]")))
        if not event_types:
            raise _fail("event_types", "needs a non-empty list")
        questions = []
        for i, q in enumerate(data["relation_questions"]):
            where = f"relation_questions[{i}]"
            preds = _words(q["predicates"], f"{where}.predicates")
            for p in preds:
                _choice(p, RELATION_TYPES, f"{where}.predicates")
            known = _choice(q["known"], ("s", "o"), f"{where}.known")
            answer = _choice(q["answer"], ("s", "o"), f"{where}.answer")
            if known == answer:
                raise _fail(where, "known and answer must be different sides")
            via = q.get("via")
            if via is not None:
                _choice(via, RELATION_TYPES, f"{where}.via")
            questions.append(RelationQuestion(_regex(q["regex"], where), preds, known, answer, via))
        if not questions:
            raise _fail("relation_questions", "needs a non-empty list")
        raw_words = data["predicate_words"]
        if not isinstance(raw_words, dict) or not raw_words:
            raise _fail("predicate_words", "needs a non-empty object")
        predicate_words = {
            _choice(p, RELATION_TYPES, "predicate_words"): frozenset(
                _words(ws, f"predicate_words.{p}")
            )
            for p, ws in raw_words.items()
        }
        raw_types = data["answer_types"]
        if not isinstance(raw_types, dict) or not raw_types:
            raise _fail("answer_types", "needs a non-empty object")
        answer_types = {
            str(w).casefold(): _choice(t, ENTITY_TYPES, f"answer_types.{w}")
            for w, t in raw_types.items()
        }
        return QueryPatterns(
            where=_regex(data["where"], "where"),
            word_forms=_word_forms(data["word_forms"]),
            role_nouns=frozenset(_words(data["role_nouns"], "role_nouns")),
            question_tense=_question_tense(data["question_tense"]),
            when_generic_words=frozenset(_words(data["when_generic_words"], "when_generic_words")),
            planned_words=frozenset(_words(data["planned_words"], "planned_words")),
            stopwords=frozenset(_words(data["stopwords"], "stopwords")),
            why=_regex(data["why"], "why"),
            when=_regex(data["when"], "when"),
            event_types=tuple(event_types),
            relation_questions=tuple(questions),
            predicate_words=predicate_words,
            answer_types=answer_types,
        )
    except (KeyError, IndexError, TypeError) as exc:
        raise _fail("structure", f"missing or malformed entry: {exc!r}") from exc


@cache
def load_patterns() -> QueryPatterns:
    """The bundled question patterns (parsed once)."""
    try:
        raw = resources.files("newsgraph.data").joinpath(PATTERNS_FILE).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read {PATTERNS_FILE}: {exc}") from exc
    return parse_patterns(data)

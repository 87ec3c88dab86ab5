"""The words of a question as search concepts: each content word with all its forms.

A question says "Who sang X?" and the article "Sung by Y"; the graph's predicate words say "sing".
A :class:`Concept` holds every form of one question word (from ``word_forms`` in the pattern file,
plus a crude stem) so that matching, full-text search and predicate lookup meet on one lemma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from newsgraph.query.patterns import QueryPatterns
from newsgraph.resolve.names import SHORT_KEY_MAX, name_key, straight_quotes
from newsgraph.store import EntityRecord

WORD = re.compile(r"\w+")
_MIN_PREFIX = 4


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem so that "released" meets "release" and "songs" meets "song" (cached: the
    same sentence words come back for every source of a popular fact)."""
    w = word.casefold()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def content_words(text: str, stopwords: Iterable[str]) -> list[str]:
    """The question's words that carry meaning, lowercased, in order, without repeats."""
    stop = set(stopwords)
    seen: dict[str, None] = {}
    for w in WORD.findall(text.casefold()):
        if w in stop or (w.isdigit() and len(w) != 4):  # keep years, drop other numbers
            continue
        seen.setdefault(w, None)
    return list(seen)


@dataclass(frozen=True)
class Concept:
    """One question word: ``word`` as asked, ``forms`` every spelling that counts as it."""

    word: str
    forms: frozenset[str]

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(f) for f in self.forms)

    def matches(self, token: str) -> bool:
        """Whether a (casefolded) token of a text is this word in some form."""
        return token in self.forms or stem(token) in self.stems

    def search_terms(self) -> list[str]:
        """Full-text terms: every form, and a prefix term for stems long enough to be safe."""
        terms = set(self.forms)
        terms.update(s + "*" for s in self.stems if len(s) >= _MIN_PREFIX)
        return sorted(terms)


def concepts(words: Sequence[str], patterns: QueryPatterns) -> list[Concept]:
    """A concept per content word, with the forms of its word group."""
    return [Concept(w, patterns.forms(w)) for w in words]


def matched(items: Iterable[Concept], text: str) -> list[Concept]:
    """The concepts some token of ``text`` matches."""
    return list(_matched(tuple(items), text))


@lru_cache(maxsize=16384)
def _matched(items: tuple[Concept, ...], text: str) -> tuple[Concept, ...]:
    """Cached: a fact stated by hundreds of articles repeats the same few sentences."""
    tokens = _token_set(text)
    return tuple(c for c in items if any(c.matches(t) for t in tokens))


@lru_cache(maxsize=16384)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(t.casefold() for t in WORD.findall(text))


def expanded(words: Iterable[str], patterns: QueryPatterns) -> set[str]:
    """Every form of every word: the set to meet predicate words and event phrases with."""
    out: set[str] = set()
    for w in words:
        out |= patterns.forms(w)
    return out


@lru_cache(maxsize=16384)
def _alias_regex(alias: str) -> re.Pattern[str] | None:
    key = name_key(alias)
    if not key:
        return None
    words = WORD.findall(straight_quotes(alias))
    if not words:
        return None
    body = r"\W+".join(re.escape(w) for w in words)
    # A short name ("V", "IU") must be written as it is named, so "v" in "v.s." does not count.
    flags = 0 if len(key) <= SHORT_KEY_MAX else re.IGNORECASE
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


def mentions(entity: EntityRecord, text: str) -> bool:
    """Whether ``text`` names ``entity`` by its name or any alias (punctuation-insensitive)."""
    clean = straight_quotes(text)
    for alias in {entity.name, *entity.aliases}:
        regex = _alias_regex(alias)
        if regex is not None and regex.search(clean):
            return True
    return False


def alias_words(entities: Iterable[EntityRecord], stopwords: Iterable[str]) -> list[str]:
    """The words of every name of these entities, for full-text search (aliases expanded)."""
    stop = set(stopwords)
    out: dict[str, None] = {}
    for e in entities:
        for alias in (e.name, *e.aliases):
            for w in WORD.findall(straight_quotes(alias).casefold()):
                if w not in stop and len(w) > 1:
                    out.setdefault(w, None)
    return list(out)

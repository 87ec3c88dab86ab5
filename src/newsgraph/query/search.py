"""Sentence retrieval for questions no graph path answers: full-text search, ranked for the asker.

The database ranks by BM25 (FTS5) or ``ts_rank`` over the question's content words in all their
forms and the names of the entities the question names, with every alias (a question's "Uhm
Tae-hwa" finds the "Um Tae-hwa" of another outlet). Each hit is then scored here: does it name an
entity of the question, and how many of the question's other words does it carry?
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.query.terms import Concept, alias_words, matched, mentions
from newsgraph.store import EntityRecord, GraphStore

SEARCH_DEPTH = 60


@dataclass(frozen=True)
class Passage:
    """A stored sentence, with what it shares with the question."""

    article: str
    sentence: int
    text: str
    names: bool
    matched: tuple[Concept, ...]
    rank: int

    @property
    def score(self) -> int:
        return len(self.matched) + (1 if self.names else 0)

    def evidence(self) -> dict[str, object]:
        return {"article": self.article, "sentence": self.sentence, "text": self.text}


def passages(
    store: GraphStore,
    words: Sequence[Concept],
    entities: Sequence[EntityRecord],
    stopwords: frozenset[str],
) -> list[Passage]:
    """Sentences with any of the question's words or names, best first: naming an entity of the
    question, then more question words, then the database's text rank."""
    terms = sorted({t for c in words for t in c.search_terms()})
    terms += [w for w in alias_words(entities, stopwords) if w not in terms]
    if not terms:
        return []
    out = []
    for rank, hit in enumerate(store.search_sentences(terms, limit=SEARCH_DEPTH)):
        names = any(mentions(e, hit.text) for e in entities)
        out.append(
            Passage(
                hit.article, hit.sentence, hit.text, names, tuple(matched(words, hit.text)), rank
            )
        )
    out.sort(key=lambda p: (-p.score, p.rank))
    return out


def needs(n: int) -> tuple[int, int]:
    """Of ``n`` question words, how many a passage naming the entity must carry (a third), and
    how many one that only comes from an article naming it must (half, at least two)."""
    if n == 0:
        return 0, 0
    return max(1, math.ceil(n / 3)), min(n, max(2, math.ceil(n / 2)))


def answering(
    found: Sequence[Passage], words: Sequence[Concept], articles: set[str] | None
) -> list[Passage]:
    """The passages that plausibly answer: they carry the question's words, not only its names.

    With entities named (``articles`` = the articles naming them), a passage naming one needs a
    third of the other words; one that does not must come from such an article and carry most of
    them (see :func:`needs`). With no entity named, a passage needs 40% of the
    words (two when there are three or more).
    """
    if not words:
        return []
    n = len(words)
    asked = {c.word for c in words}

    def count(p: Passage) -> int:
        return sum(1 for c in p.matched if c.word in asked)

    if articles is None:
        need = max(1, math.ceil(0.4 * n), 2 if n >= 3 else 1)
        return [p for p in found if count(p) >= need]
    named_need, other_need = needs(n)
    return [
        p
        for p in found
        if (p.names and count(p) >= named_need)
        or (not p.names and p.article in articles and count(p) >= other_need)
    ]

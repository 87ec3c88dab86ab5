"""Dates written in one stored sentence, resolved against its article's publication date.

The "when" fallback answers from a sentence no event was built from ("The film opens in the UK on
March 14."). The date patterns and resolver are the extraction's own (``nlp.dates``), so a text
date means the same here as in the graph; the question's auxiliary ("will", "did") stands in
for the tense of the clause. The module imports the NLP code lazily: most questions never need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from newsgraph.nlp.dates import DateLexicon

Tense = Literal["past", "future", "planned", "unknown"]


@dataclass(frozen=True)
class TextDate:
    """A resolved date expression of a sentence: where it is and what it means."""

    start: int
    end: int
    text: str
    iso: str
    precision: str


def parse_published(value: str | None) -> date | None:
    """The ISO publication date of an article, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dates_in(text: str, published: date | None, tense: Tense = "unknown") -> list[TextDate]:
    """Every date expression of ``text`` that resolves, in text order, not overlapping.

    Month and weekday names count only when capitalised ("may" is a verb); durations ("two
    years") are not dates. Relative expressions need ``published``; without it they are left out.
    """
    from newsgraph.nlp.dates import resolve

    lex = _lexicon()
    found: list[tuple[int, int, int, str, dict[str, str]]] = []
    for rank, (kind, pattern) in enumerate(lex.patterns):
        for m in pattern.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if any(n in groups and not m.group(n)[:1].isupper() for n in ("month", "weekday")):
                continue
            found.append((rank, m.start(), m.end(), kind, groups))
    found.sort(key=lambda f: (f[0], -(f[2] - f[1]), f[1]))
    durations = [(m.start(), m.end()) for m in lex.duration.finditer(text)]
    out: list[TextDate] = []
    for _, start, end, kind, groups in found:
        if any(start < o.end and o.start < end for o in out):
            continue
        if any(s <= start and end <= e for s, e in durations):
            continue
        iso, precision = resolve(kind, groups, published, tense, lex)
        if iso is not None and precision is not None:
            out.append(TextDate(start, end, text[start:end], iso, precision))
    return sorted(out, key=lambda d: d.start)


_LEX: list[DateLexicon] = []


def _lexicon() -> DateLexicon:
    from newsgraph.nlp.dates import DateLexicon

    if not _LEX:
        _LEX.append(DateLexicon.load())
    return _LEX[0]

"""The extension attributes our components share on a spaCy ``Doc``, and helpers to read them.

Components never reach into each other: they read and write these attributes only, and each
declares which ones in its factory (``assigns`` / ``requires``), as spaCy's own components do.

- ``doc._.ng_article``   the :class:`~newsgraph.model.Article` the doc was made from
- ``doc.spans["ng_mentions"]``  entity mentions; ``span.label_`` = type, ``span.kb_id_`` = local id
- ``doc._.ng_entities``  list of :class:`~newsgraph.model.Entity` (one per in-article cluster)
- ``doc._.ng_dates``     list of :class:`DateMention` (resolved against the publication date)
- ``doc._.ng_quotes``    list of :class:`~newsgraph.model.Quote`
- ``doc._.ng_relations`` / ``ng_events`` / ``ng_reasons``  lists of the model's facts
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, SpanGroup

from newsgraph.model import Evidence

MENTIONS_KEY = "ng_mentions"

_DOC_ATTRS = (
    "ng_article",
    "ng_entities",
    "ng_dates",
    "ng_quotes",
    "ng_relations",
    "ng_events",
    "ng_reasons",
    "ng_token_entity",
    "ng_token_mention",
    "ng_sent_starts",
    "ng_counts",
    "ng_text",
    "ng_sorted_mentions",
)


@dataclass(frozen=True)
class DateMention:
    """A date expression and what it resolves to (``iso`` is None when it cannot be resolved)."""

    start_char: int
    end_char: int
    text: str
    iso: str | None
    precision: str | None
    sentence: int


def register_extensions() -> None:
    """Register our ``Doc`` attributes once; safe to call many times."""
    for name in _DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached on the doc: spaCy rebuilds it from every token on each access.

    Safe to cache because nothing after tokenisation changes the text (a retokenizer split or
    merge keeps every character).
    """
    text: str | None = doc._.ng_text
    if text is None:
        text = doc.text
        doc._.ng_text = text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Token index where each sentence starts (cached on the doc)."""
    starts: list[int] | None = doc._.ng_sent_starts
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc._.ng_sent_starts = starts
    return starts


def sentence_index(doc: Doc, token_i: int) -> int:
    """Index of the sentence holding token ``token_i``."""
    return max(0, bisect_right(sentence_starts(doc), token_i) - 1)


def sentence_span(doc: Doc, index: int) -> Span:
    """The sentence with the given index as a span."""
    starts = sentence_starts(doc)
    end = starts[index + 1] if index + 1 < len(starts) else len(doc)
    return doc[starts[index] : end]


def evidence_for(doc: Doc, span: Span) -> Evidence:
    """Evidence for a fact stated in ``span``: its (first) sentence and that sentence's span.

    The text is stripped of the line breaks a sentence may end with, and the offsets are those
    of the stripped text, so that ``article.text[start:end] == text`` always holds.
    """
    index = sentence_index(doc, span.start)
    sent = sentence_span(doc, index)
    article = doc._.ng_article
    raw = sent.text
    text = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Evidence(
        article_id=article.id if article is not None else "",
        sentence=index,
        start=start,
        end=start + len(text),
        text=text,
    )


def mentions(doc: Doc) -> list[Span]:
    """Entity mention spans in document order (empty before the entities component ran).

    The sorted order is cached on the doc for the span group it was built from, and rebuilt
    when the group is replaced or changes size; every call returns a fresh list.
    """
    if MENTIONS_KEY not in doc.spans:
        return []
    group: SpanGroup = doc.spans[MENTIONS_KEY]
    cached: tuple[SpanGroup, int, list[Span]] | None = doc._.ng_sorted_mentions
    if cached is None or cached[0] is not group or cached[1] != len(group):
        ordered = sorted(group, key=lambda s: (s.start, s.end))
        cached = (group, len(group), ordered)
        doc._.ng_sorted_mentions = cached
    return list(cached[2])


def entity_at(doc: Doc, token_i: int) -> str | None:
    """Local entity id of the mention covering token ``token_i``, if any."""
    table: list[str | None] | None = doc._.ng_token_entity
    if table is None:
        table = [None] * len(doc)
        for span in mentions(doc):
            for i in range(span.start, span.end):
                table[i] = span.kb_id_ or None
        doc._.ng_token_entity = table
    return table[token_i] if 0 <= token_i < len(table) else None


def mention_at(doc: Doc, token_i: int) -> Span | None:
    """The mention span covering token ``token_i``, if any (a per-token table, built once)."""
    table: list[Span | None] | None = doc._.ng_token_mention
    if table is None:
        table = [None] * len(doc)
        for span in reversed(mentions(doc)):  # the first mention wins where spans overlap
            for i in range(span.start, span.end):
                table[i] = span
        doc._.ng_token_mention = table
    return table[token_i] if 0 <= token_i < len(table) else None

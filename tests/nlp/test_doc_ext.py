"""The shared Doc attributes and their readers, on hand-built docs (no model needed)."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.model import Article
from newsgraph.nlp import doc_ext
from newsgraph.nlp.doc_ext import DateMention

# "Ara Moon sang Glass River . \n\n Kang Doyun directed the video ."
WORDS = [
    "Ara",
    "Moon",
    "sang",
    "Glass",
    "River",
    ".",
    "\n\n",
    "Kang",
    "Doyun",
    "directed",
    "it",
    ".",
]
SPACES = [True, True, True, True, False, False, False, True, True, True, False, False]
SENT_STARTS: list[bool | int | None] = [
    True,
    False,
    False,
    False,
    False,
    False,
    False,
    True,
    False,
    False,
    False,
    False,
]


def _doc(*, with_article: bool = True, with_mentions: bool = True) -> Doc:
    doc = Doc(Vocab(), words=WORDS, spaces=SPACES, sent_starts=SENT_STARTS)
    if with_article:
        doc._.ng_article = Article(id="art-1", text=doc.text)
    if with_mentions:
        # Stored out of order on purpose: readers must sort by position.
        doc.spans[doc_ext.MENTIONS_KEY] = [
            Span(doc, 7, 9, label="PERSON", kb_id="e3"),
            Span(doc, 0, 2, label="PERSON", kb_id="e1"),
            Span(doc, 3, 5, label="WORK", kb_id="e2"),
        ]
    return doc


def test_doc_ext_text_of_the_hand_built_doc() -> None:
    assert _doc().text == "Ara Moon sang Glass River.\n\nKang Doyun directed it."


def test_doc_ext_doc_text_is_the_doc_text_built_once() -> None:
    doc = _doc()
    first = doc_ext.doc_text(doc)
    assert first == doc.text
    assert doc_ext.doc_text(doc) is first  # cached, not rebuilt from the tokens


def test_doc_ext_extensions_are_registered_and_idempotent() -> None:
    doc_ext.register_extensions()
    doc_ext.register_extensions()
    for name in ("ng_article", "ng_entities", "ng_dates", "ng_quotes", "ng_relations"):
        assert Doc.has_extension(name)
    doc = _doc(with_article=False, with_mentions=False)
    assert doc._.ng_entities is None and doc._.ng_reasons is None


def test_doc_ext_sentence_starts() -> None:
    assert doc_ext.sentence_starts(_doc()) == [0, 7]


@pytest.mark.parametrize(("token_i", "sentence"), [(0, 0), (4, 0), (6, 0), (7, 1), (11, 1)])
def test_doc_ext_sentence_index(token_i: int, sentence: int) -> None:
    assert doc_ext.sentence_index(_doc(), token_i) == sentence


def test_doc_ext_sentence_span() -> None:
    doc = _doc()
    assert doc_ext.sentence_span(doc, 0).text == "Ara Moon sang Glass River.\n\n"
    assert doc_ext.sentence_span(doc, 1).text == "Kang Doyun directed it."


def test_doc_ext_evidence_for_points_at_the_sentence() -> None:
    doc = _doc()
    ev = doc_ext.evidence_for(doc, doc[9:10])  # "directed"
    assert ev.article_id == "art-1"
    assert ev.sentence == 1
    assert ev.text == "Kang Doyun directed it."
    assert doc.text[ev.start : ev.end] == ev.text


def test_doc_ext_evidence_offsets_match_the_stripped_text() -> None:
    """A sentence that ends in a line break: offsets cover exactly the quoted text."""
    doc = _doc()
    ev = doc_ext.evidence_for(doc, doc[3:5])  # "Glass River"
    assert ev.sentence == 0
    assert ev.text == "Ara Moon sang Glass River."
    assert (ev.start, ev.end) == (0, len("Ara Moon sang Glass River."))
    assert doc.text[ev.start : ev.end] == ev.text


def test_doc_ext_evidence_without_article_has_empty_id() -> None:
    doc = _doc(with_article=False)
    assert doc_ext.evidence_for(doc, doc[0:1]).article_id == ""


def test_doc_ext_mentions_in_document_order() -> None:
    spans = doc_ext.mentions(_doc())
    assert [s.text for s in spans] == ["Ara Moon", "Glass River", "Kang Doyun"]
    assert [s.kb_id_ for s in spans] == ["e1", "e2", "e3"]


def test_doc_ext_mentions_follow_a_replaced_or_grown_span_group() -> None:
    doc = _doc()
    assert [s.kb_id_ for s in doc_ext.mentions(doc)] == ["e1", "e2", "e3"]
    doc_ext.mentions(doc).clear()  # a caller's list is its own
    assert len(doc_ext.mentions(doc)) == 3
    doc.spans[doc_ext.MENTIONS_KEY] = [Span(doc, 7, 9, label="PERSON", kb_id="e9")]
    assert [s.kb_id_ for s in doc_ext.mentions(doc)] == ["e9"]
    doc.spans[doc_ext.MENTIONS_KEY].append(Span(doc, 0, 2, label="PERSON", kb_id="e8"))
    assert [s.kb_id_ for s in doc_ext.mentions(doc)] == ["e8", "e9"]


def test_doc_ext_mentions_empty_before_entities_ran() -> None:
    doc = _doc(with_mentions=False)
    assert doc_ext.mentions(doc) == []
    assert doc_ext.entity_at(doc, 0) is None
    assert doc_ext.mention_at(doc, 0) is None


@pytest.mark.parametrize(
    ("token_i", "entity"),
    [(0, "e1"), (1, "e1"), (2, None), (3, "e2"), (4, "e2"), (6, None), (8, "e3"), (11, None)],
)
def test_doc_ext_entity_at(token_i: int, entity: str | None) -> None:
    assert doc_ext.entity_at(_doc(), token_i) == entity


def test_doc_ext_entity_at_out_of_range_is_none() -> None:
    doc = _doc()
    assert doc_ext.entity_at(doc, -1) is None
    assert doc_ext.entity_at(doc, len(doc)) is None


def test_doc_ext_entity_at_span_without_kb_id_is_none() -> None:
    doc = _doc(with_mentions=False)
    doc.spans[doc_ext.MENTIONS_KEY] = [Span(doc, 0, 2, label="PERSON")]
    assert doc_ext.entity_at(doc, 0) is None
    mention = doc_ext.mention_at(doc, 1)
    assert mention is not None and mention.text == "Ara Moon"


def test_doc_ext_mention_at() -> None:
    doc = _doc()
    found = doc_ext.mention_at(doc, 8)
    assert found is not None and found.text == "Kang Doyun" and found.label_ == "PERSON"
    assert doc_ext.mention_at(doc, 9) is None


def test_doc_ext_date_mention_is_frozen() -> None:
    mention = DateMention(0, 5, "today", "2024-05-02", "day", 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.iso = None  # type: ignore[misc]

"""Line breaks end sentences: checked on blank-pipeline docs, so no model is needed."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Article
from newsgraph.nlp.paragraphs import ParagraphBoundaries
from newsgraph.nlp.pipeline import Extractor


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("newsgraph_paragraphs_v1")
    return blank


def _starts(doc: Doc) -> list[str]:
    """Text of every token marked as a sentence start (the first token always is)."""
    return [t.text for t in doc if t.is_sent_start]


def test_paragraphs_line_break_starts_a_sentence(nlp: Language) -> None:
    doc = nlp("Ara Moon returns\nThe singer released a new single on Friday.")
    assert _starts(doc) == ["Ara", "The"]


def test_paragraphs_blank_line_starts_a_sentence(nlp: Language) -> None:
    doc = nlp("Tide Five on tour\n\nThe band will play ten cities.\n\nTickets sell fast")
    assert _starts(doc) == ["Tide", "The", "Tickets"]


def test_paragraphs_leaves_other_tokens_unset(nlp: Language) -> None:
    """Inside a line the component decides nothing: the parser (or sentencizer) does."""
    doc = nlp("Ara Moon smiled. Kang Doyun waved.")
    assert [t.is_sent_start for t in doc[1:]] == [None] * (len(doc) - 1)


def test_paragraphs_hand_built_doc(nlp: Language) -> None:
    words = ["Headline", "\n", "Body", "text", ".", "\n\n", "More", "text"]
    spaces = [False, False, True, False, False, False, True, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    ParagraphBoundaries()(doc)
    assert [t.i for t in doc if t.is_sent_start] == [0, 2, 6]
    sentences = [s.text for s in doc.sents]
    assert sentences[0].startswith("Headline") and sentences[1].startswith("Body")


def test_paragraphs_trailing_line_break_is_harmless(nlp: Language) -> None:
    doc = nlp("One line only.\n")
    assert _starts(doc) == ["One"]


def test_paragraphs_factory_is_registered() -> None:
    assert "newsgraph_paragraphs_v1" in Language.factories
    component = spacy.blank("en").add_pipe("newsgraph_paragraphs_v1")
    assert isinstance(component, ParagraphBoundaries)


_LINE = st.lists(
    st.sampled_from(["Ara", "Moon", "sang", "Kang", "waved", "the", "film", "won", ".", ","]),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(deadline=None, max_examples=60)
@given(lines=st.lists(_LINE, min_size=1, max_size=6), breaks=st.sampled_from(["\n", "\n\n", " \n"]))
def test_paragraphs_every_line_starts_a_sentence(
    nlp: Language, lines: list[str], breaks: str
) -> None:
    text = breaks.join(lines)
    doc = nlp(text)
    line_starts = {0}
    pos = 0
    for line in lines[:-1]:
        pos += len(line) + len(breaks)
        line_starts.add(pos)
    for token in doc:
        if token.idx in line_starts and not token.is_space:
            assert token.is_sent_start, (text, token.text, token.idx)


def test_paragraphs_parser_keeps_the_boundary(extractor: Extractor) -> None:
    """With the real parser after it, a headline without a full stop stays its own sentence."""
    text = "Ara Moon wins big at the Harbour Awards\nThe singer took home three trophies."
    extraction = extractor.extract(Article(id="p1", text=text))
    starts = [start for start, _ in extraction.sentences]
    assert text.index("The singer") in starts

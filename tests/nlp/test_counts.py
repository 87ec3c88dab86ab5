"""Tests for the counts component: number parsing, the lexicon, and counts found on real parses.

Every sentence here is invented (K-pop, Hollywood, Bollywood, J-pop and Latin news style).
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsgraph.model import Article, Count
from newsgraph.nlp.counts import (
    CountsComponent,
    counts_lexicon,
    parse_number,
)
from newsgraph.nlp.pipeline import Extractor

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_UNITS += " fifteen sixteen seventeen eighteen nineteen"
UNITS = _UNITS.split()
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int, joiner: str = "-") -> str:
    """English words for 0..99, as a news writer spells them ("twenty-one")."""
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] if unit == 0 else f"{TENS[tens]}{joiner}{UNITS[unit]}"


# --- parse_number -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision", "unit"),
    [
        ("seven", 7, 1, None),
        ("twenty-one", 21, 1, None),
        ("1,234,567", 1234567, 1, None),
        ("1.2 million", 1200000, 100000, None),
        ("300 million", 300000000, 100000000, None),
        ("$52.3 million", 52300000, 100000, "USD"),
        ("Rs 100 crore", 1000000000, 1000000000, "INR"),
        ("₹1.5 lakh", 150000, 10000, "INR"),
        ("10 billion won", 10000000000, 10000000000, "KRW"),
        ("9.4 billion yen", 9400000000, 100000000, "JPY"),
        ("$48.2m", 48200000, 100000, "USD"),
        ("a million", 1000000, 1000000, None),
        ("55,000", 55000, 1000, None),
        ("12", 12, 1, None),
        ("1,00,000", 100000, 100000, None),
    ],
)
def test_counts_parse_number_normalises(
    text: str, value: int, precision: int, unit: str | None
) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert (parsed.value, parsed.precision, parsed.unit) == (value, precision, unit)


@pytest.mark.parametrize("text", ["", "million", "the group", "1,23,4", "seven members", "$"])
def test_counts_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=0, max_value=10**12))
def test_counts_parse_number_round_trips_digits_with_commas(n: int) -> None:
    parsed = parse_number(f"{n:,}")
    assert parsed is not None and parsed.value == n and isinstance(parsed.value, int)


@settings(deadline=None, max_examples=200)
@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from([("million", 10**6), ("billion", 10**9)]),
)
def test_counts_parse_number_round_trips_decimals_with_scale(
    tenths: int, scale: tuple[str, int]
) -> None:
    word, factor = scale
    parsed = parse_number(f"{tenths // 10}.{tenths % 10} {word}")
    assert parsed is not None
    assert parsed.value == tenths * factor // 10
    assert parsed.precision == factor // 10


@settings(deadline=None, max_examples=100)
@given(st.integers(min_value=0, max_value=99), st.sampled_from(["-", " "]))
def test_counts_parse_number_round_trips_words(n: int, joiner: str) -> None:
    parsed = parse_number(in_words(n, joiner))
    assert parsed is not None and parsed.value == n and parsed.precision == 1


def test_counts_lexicon_names_only_known_quantities() -> None:
    lex = counts_lexicon()
    assert {"members", "copies_sold", "box_office", "age", "weeks_on_chart"} <= set(lex.quantities)
    assert set(lex.counted_nouns.values()) <= set(lex.quantities)
    assert set(lex.compound_nouns.values()) <= set(lex.quantities)
    assert lex.multipliers["crore"] == 10**7 and lex.multipliers["lakh"] == 10**5


# --- the component on real parses ---------------------------------------------------------------


def counts_in(extractor: Extractor, text: str) -> list[tuple[str, str, int | float, str | None]]:
    """(subject name, quantity, value, qualifier) of every count found in ``text``."""
    return [(name, c.quantity, c.value, c.qualifier) for name, c in found(extractor, text)]


def found(extractor: Extractor, text: str) -> list[tuple[str, Count]]:
    doc = extractor.nlp.make_doc(text)
    doc._.ng_article = Article(id="t1", text=text, published=date(2024, 5, 1))
    doc = extractor.nlp(doc)  # the bundled pipeline runs ng_counts
    names = {e.id: e.name for e in doc._.ng_entities}
    return [(names[c.subject], c) for c in doc._.ng_counts]


def test_counts_hyphenated_members_episodes_tracks(extractor: Extractor) -> None:
    text = (
        "The seven-member group Starlight Nine released a new single. "
        'Han Jiwoo\'s 16-episode drama "Moon Garden" premiered on Friday. '
        'The 12-track album "Blue Hour" is out now.'
    )
    assert counts_in(extractor, text) == [
        ("Starlight Nine", "members", 7, None),
        ("Moon Garden", "episodes", 16, None),
        ("Blue Hour", "tracks", 12, None),
    ]


def test_counts_sales_with_period_qualifier_and_evidence(extractor: Extractor) -> None:
    text = 'J-pop band Sakura Drive\'s single "Hanabi Road" sold 120,000 copies in its first week.'
    [(name, count)] = found(extractor, text)
    assert name == "Hanabi Road"
    assert (count.quantity, count.value, count.qualifier) == ("copies_sold", 120000, "first week")
    assert count.bound == "exact" and count.as_of == "2024-05-01"
    evidence = count.evidence[0]
    assert text[evidence.start : evidence.end] == evidence.text == text


def test_counts_streams_topped_is_a_lower_bound_on_a_platform(extractor: Extractor) -> None:
    text = 'K-pop group Velvet Moon\'s song "Orbit" has topped 300 million streams on Spotify.'
    [(name, count)] = found(extractor, text)
    assert (name, count.quantity, count.value) == ("Orbit", "streams", 300000000)
    assert count.bound == "at_least" and count.qualifier == "Spotify"


def test_counts_box_office_in_dollars_and_crore(extractor: Extractor) -> None:
    text = (
        'Hollywood thriller "Iron Harbor" opened to $52.3 million. '
        'Bollywood film "Raat Rani" collected more than ₹200 crore worldwide.'
    )
    result = found(extractor, text)
    assert [(n, c.quantity, c.value, c.unit, c.bound, c.qualifier) for n, c in result] == [
        ("Iron Harbor", "box_office", 52300000, "USD", "exact", "first"),
        ("Raat Rani", "box_office", 2000000000, "INR", "at_least", "worldwide"),
    ]


def test_counts_money_of_a_person_is_no_box_office(extractor: Extractor) -> None:
    text = "Actress Clara Wynn earned $20 million for the role in the sequel."
    assert counts_in(extractor, text) == []


def test_counts_ages_only_for_people(extractor: Extractor) -> None:
    text = (
        "Latin superstar Mateo Cruz, 34, has won four Latin Grammys. "
        "The 29-year-old singer Mira Castell performed in Madrid."
    )
    assert counts_in(extractor, text) == [
        ("Mateo Cruz", "age", 34, None),
        ("Mateo Cruz", "awards_won", 4, "Latin Grammys"),
        ("Mira Castell", "age", 29, None),
    ]


def test_counts_nominations_viewers_and_weeks_on_chart(extractor: Extractor) -> None:
    text = (
        "Luna Vega was nominated for three Oscars. "
        'The drama "Hidden Tide" drew 4.2 million viewers in its finale. '
        'His album "Fuego Lento" spent 12 weeks on the Billboard 200.'
    )
    assert counts_in(extractor, text) == [
        ("Luna Vega", "nominations", 3, None),
        ("Hidden Tide", "viewers", 4200000, "finale"),
        ("Fuego Lento", "weeks_on_chart", 12, "Billboard 200"),
    ]


def test_counts_standin_resolves_to_the_latest_entity_of_its_kind(extractor: Extractor) -> None:
    text = (
        "K-pop girl group Velvet Moon returned on Monday. "
        "The group has seven members and its leader is Park Jisu."
    )
    assert counts_in(extractor, text) == [("Velvet Moon", "members", 7, None)]


def test_counts_leave_out_parts_plans_years_and_unknown_subjects(extractor: Extractor) -> None:
    text = (
        "Park Jisu is one of the last four members of Velvet Moon to enlist. "
        "Velvet Moon will release two albums next year. "
        'Their 2023 album "Orbit" topped the chart. '
        "Fans bought 3 million copies."
    )
    assert counts_in(extractor, text) == []


def test_counts_reach_the_extraction(extractor: Extractor) -> None:
    text = "The five-piece band Neon Drift sold 50,000 copies."
    extraction = extractor.extract(Article(id="t2", text=text))
    assert [(c.quantity, c.value) for c in extraction.counts] == [
        ("members", 5),
        ("copies_sold", 50000),
    ]
    assert [c["quantity"] for c in extraction.to_json()["counts"]] == ["members", "copies_sold"]


def test_counts_without_mentions_find_nothing() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc: Doc = nlp("The band sold 1.2 million copies.")
    doc._.ng_article = Article(id="t3", text=doc.text)
    assert CountsComponent()(doc)._.ng_counts == []

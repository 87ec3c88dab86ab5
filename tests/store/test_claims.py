"""Outlets, date disagreement, role and count conflicts, on hand-built records."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Count, Evidence
from newsgraph.nlp.counts import counts_lexicon, parse_number
from newsgraph.store.claims import (
    CountClaim,
    CountDisplay,
    SingleValued,
    count_claims,
    count_conflicts,
    dates_disagree,
    format_count,
    format_number,
    outlet_of,
    role_conflicts,
)
from newsgraph.store.records import RelationRecord, Source


def test_claims_outlet_is_the_host_or_the_article() -> None:
    assert outlet_of("https://www.Example.com/a?b=1", "x") == "example.com"
    assert outlet_of("http://news.example.com/a", "x") == "news.example.com"
    assert outlet_of("", "x") == "article:x"
    assert outlet_of("not a url", "y") == "article:y"


def test_claims_dates_disagree_at_the_coarser_precision() -> None:
    assert dates_disagree("2024-03-14", "day", "2024-03-21", "day")
    assert not dates_disagree("2024-03", "month", "2024-03-21", "day")
    assert dates_disagree("2024-04", "month", "2024-03-21", "day")
    assert not dates_disagree("2024", "year", "2025-03-21", "day")  # a year alone is too vague


@settings(deadline=None)
@given(st.dates(), st.dates(), st.sampled_from(["day", "month", "year"]))
def test_claims_dates_disagree_is_symmetric(a: object, b: object, precision: str) -> None:
    x, y = str(a), str(b)
    assert dates_disagree(x, precision, y, "day") == dates_disagree(y, "day", x, precision)
    assert not dates_disagree(x, precision, x, precision)


def _director(person: str, *articles: str) -> RelationRecord:
    sources = tuple(Source(a, 0, 0, 1, "x") for a in articles)
    return RelationRecord(person, "director_of", "work:mv", person, "MV", sources)


def test_claims_role_conflict_only_when_no_article_names_both() -> None:
    rules = SingleValued.load()
    subtypes = {"work:mv": "music_video"}
    together = [_director("person:a", "1", "2"), _director("person:b", "2")]
    assert role_conflicts(together, subtypes, rules) == []  # co-directors named together
    apart = [_director("person:a", "1"), _director("person:b", "2")]
    found = role_conflicts(apart, subtypes, rules)
    assert [(c.kind, c.subject, [s.value for s in c.sides]) for c in found] == [
        ("role", "work:mv", ["person:a", "person:b"])
    ]
    assert role_conflicts(apart, {"work:mv": "album"}, rules) == []


# ----------------------------------------------------------------------------------- counts


def test_claims_format_number_keeps_the_written_precision() -> None:
    assert format_number(1_200_000, 100_000) == "1.2 million"
    assert format_number(1_234_000, 1_000) == "1,234,000"  # too fine for "million"
    assert format_number(1_250_000_000, 10_000_000) == "1.25 billion"
    assert format_number(1_000_000_000, 10_000_000) == "1 billion"
    assert format_number(999) == "999"
    assert format_number(4.5, 0.1) == "4.5"


def test_claims_format_count_reads_like_the_press() -> None:
    assert format_count("copies_sold", 1_200_000, precision=100_000, bound="at_least") == (
        "1.2 million copies (at least)"
    )
    assert format_count("box_office", 52_300_000, unit="USD", precision=100_000) == "$52.3 million"
    assert format_count("box_office", 5_000_000, unit="MXN", precision=1_000_000) == "MXN 5 million"
    assert format_count("members", 7) == "7 members"
    assert format_count("members", 1) == "1 member"
    assert format_count("chart_position", 3) == "No. 3"
    assert format_count("age", 29, bound="about") == "29 years old (about)"
    assert format_count("made_up_quantity", 12) == "12 made up quantity"


def test_claims_every_quantity_has_a_display_form() -> None:
    assert set(counts_lexicon().quantities) <= set(CountDisplay.load().templates)


@settings(deadline=None)
@given(st.integers(1, 999), st.integers(0, 9))
def test_claims_format_number_parses_back_to_its_value(mantissa: int, zeros: int) -> None:
    value, precision = mantissa * 10**zeros, 10**zeros
    parsed = parse_number(format_number(value, precision))
    assert parsed is not None and parsed.value == value


def _count(article: str, value: int, precision: int = 1, **fields: Any) -> tuple[str, Count]:
    """A statement of ``article`` (published 2025-09-09 unless ``as_of`` says otherwise)."""
    fields.setdefault("quantity", "members")
    fields.setdefault("as_of", "2025-09-09")
    evidence = (Evidence(article, 0, 0, 10, f"{article}: {value}"),)
    return article, Count("group:g", value=value, precision=precision, evidence=evidence, **fields)


META = {
    "a": ("a.example", "2025-09-09"),
    "b": ("b.example", "2025-09-10"),
    "c": ("c.example", "2025-09-09"),
}
NAMES = {"group:g": "The Group"}


def _claims(*stated: tuple[str, Count]) -> list[CountClaim]:
    return count_claims(stated, NAMES, META)


def test_claims_equal_counts_are_one_claim_with_all_sources() -> None:
    claims = _claims(_count("a", 7), _count("b", 7, as_of="2025-09-10"), _count("c", 6))
    assert [(c.value, c.support) for c in claims] == [(6, 1), (7, 2)]
    seven = claims[1]
    assert (seven.subject_name, seven.what, seven.text) == ("The Group", "members", "7 members")
    assert seven.outlets == ("a.example", "b.example")
    assert (seven.first_seen, seven.last_seen) == ("2025-09-09", "2025-09-10")
    assert [s.article for s in seven.sources] == ["a", "b"]
    data = seven.to_json()
    assert data["support"] == 2 and data["evidence"] == "a: 7"


def test_claims_count_conflict_has_both_sides_and_sources() -> None:
    found = count_conflicts(_claims(_count("a", 7), _count("b", 7), _count("c", 6)))
    assert [(c.kind, c.what, c.subject, c.subject_name) for c in found] == [
        ("count", "members", "group:g", "The Group")
    ]
    sides = [(s.value, s.outlets) for s in found[0].sides]
    assert sides == [("6 members", ("c.example",)), ("7 members", ("a.example", "b.example"))]
    assert found[0].to_json()["sides"][1]["count"]["value"] == 7


def test_claims_count_agreeing_rounded_figures_do_not_conflict() -> None:
    sold = {"quantity": "copies_sold", "qualifier": "first week"}
    agree = _claims(_count("a", 1_200_000, 100_000, **sold), _count("b", 1_234_000, 1_000, **sold))
    assert count_conflicts(agree) == []
    third = _count("c", 1_500_000, 100_000, **sold)
    found = count_conflicts([*agree, *_claims(third)])
    assert [s.value for s in found[0].sides] == [
        "1.2 million copies",
        "1,234,000 copies",
        "1.5 million copies",
    ]
    assert found[0].what == "copies_sold (first week)"


def test_claims_count_side_agreeing_with_every_other_is_left_out() -> None:
    sold = {"quantity": "copies_sold", "qualifier": "first week"}
    claims = _claims(
        _count("a", 1_200_000, 100_000, **sold),
        _count("b", 1_000_000, 1_000_000, bound="at_least", **sold),
        _count("c", 1_500_000, 100_000, **sold),
    )
    found = count_conflicts(claims)
    assert [s.value for s in found[0].sides] == ["1.2 million copies", "1.5 million copies"]


def test_claims_counts_of_different_facts_do_not_conflict() -> None:
    week = _count("a", 1_200_000, 100_000, quantity="copies_sold", qualifier="first week")
    total = _count("c", 1_500_000, 100_000, quantity="copies_sold")
    assert count_conflicts(_claims(week, total)) == []
    # members vary over time: stated on different days by different articles, both may be true
    assert count_conflicts(_claims(_count("a", 7), _count("b", 6, as_of="2025-09-10"))) == []

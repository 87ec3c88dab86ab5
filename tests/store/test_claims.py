"""Outlets, date disagreement and role conflicts, on hand-built records."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.store.claims import SingleValued, dates_disagree, outlet_of, role_conflicts
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

"""Tests for count comparison: ranges from bounds and written precision, time, symmetry."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import COUNT_BOUNDS, Count, CountBound, Evidence
from newsgraph.nlp.counts import parse_number
from newsgraph.nlp.counts_compare import counts_conflict, value_range


def count(
    written: str,
    *,
    quantity: str = "copies_sold",
    bound: CountBound = "exact",
    qualifier: str | None = None,
    as_of: str | None = "2024-05-01",
    article: str = "a1",
) -> Count:
    parsed = parse_number(written)
    assert parsed is not None
    return Count(
        subject="hanabi_road",
        quantity=quantity,
        value=parsed.value,
        unit=parsed.unit,
        qualifier=qualifier,
        bound=bound,
        precision=parsed.precision,
        text=written,
        as_of=as_of,
        evidence=(Evidence(article, 0, 0, len(written), written),),
    )


def test_counts_compare_rounded_figure_covers_the_precise_one() -> None:
    assert not counts_conflict(count("1.2 million"), count("1,234,567", article="a2"))
    assert counts_conflict(count("1.2 million"), count("1.3 million", article="a2"))
    assert counts_conflict(count("1.2 million"), count("1,254,000", article="a2"))


def test_counts_compare_small_integers_are_exact() -> None:
    eps = {"quantity": "episodes", "as_of": None}
    assert counts_conflict(count("16", **eps), count("sixteen", **eps, article="a2")) is False
    assert counts_conflict(count("16", **eps), count("12", **eps, article="a2")) is True


def test_counts_compare_bounds() -> None:
    more = count("1 million", bound="at_least")
    assert not counts_conflict(more, count("1.2 million", article="a2"))
    assert counts_conflict(more, count("900,000", article="a2"))
    under = count("1 million", bound="at_most")
    assert not counts_conflict(under, count("900,000", article="a2"))
    assert not counts_conflict(count("2 million", bound="about"), count("1.9 million"))


def test_counts_compare_different_facts_never_conflict() -> None:
    week = count("1.2 million", qualifier="first week")
    assert not counts_conflict(week, count("3 million", article="a2"))
    assert not counts_conflict(count("$52.3 million"), count("Rs 52.3 crore", article="a2"))
    members = count("seven", quantity="members")
    assert not counts_conflict(members, count("12", quantity="tracks"))


def test_counts_compare_running_totals_may_grow_but_not_shrink() -> None:
    march = count("300 million", quantity="streams", as_of="2024-03-01")
    june = count("500 million", quantity="streams", as_of="2024-06-01", article="a2")
    assert not counts_conflict(march, june)
    shrunk = count("100 million", quantity="streams", as_of="2024-06-01", article="a2")
    assert counts_conflict(march, shrunk)
    undated = count("100 million", quantity="streams", as_of=None, article="a3")
    assert not counts_conflict(march, undated)


def test_counts_compare_pinned_running_totals_compare_as_fixed() -> None:
    first = count("1.2 million", qualifier="first week", as_of="2024-03-01")
    later = count("1.5 million", qualifier="first week", as_of="2024-06-01", article="a2")
    assert counts_conflict(first, later)


def test_counts_compare_varying_quantities_only_on_the_same_date() -> None:
    one = count("1", quantity="chart_position", as_of="2024-03-01")
    four = count("4", quantity="chart_position", as_of="2024-03-08", article="a2")
    assert not counts_conflict(one, four)
    same_day = count("4", quantity="chart_position", as_of="2024-03-01", article="a2")
    assert counts_conflict(one, same_day)


def test_counts_compare_exact_range_is_half_open() -> None:
    r = value_range(count("1.2 million"))
    assert (r.lo, r.hi, r.lo_closed, r.hi_closed) == (1150000, 1250000, True, False)


_WRITTEN = st.one_of(
    st.integers(min_value=0, max_value=5000).map(str),
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n / 10} million"),
    st.integers(min_value=1000, max_value=10**7).map(lambda n: f"{n:,}"),
)
_DATES = st.sampled_from([None, "2024-01-01", "2024-06-01"])


@st.composite
def counts(draw: st.DrawFn) -> Count:
    return count(
        draw(_WRITTEN),
        quantity=draw(st.sampled_from(["copies_sold", "episodes", "chart_position"])),
        bound=draw(st.sampled_from(COUNT_BOUNDS)),
        as_of=draw(_DATES),
        article=draw(st.sampled_from(["a1", "a2"])),
    )


@settings(deadline=None, max_examples=300)
@given(counts(), counts())
def test_counts_compare_conflict_is_symmetric(a: Count, b: Count) -> None:
    assert counts_conflict(a, b) == counts_conflict(b, a)


@settings(deadline=None, max_examples=100)
@given(counts())
def test_counts_compare_a_count_never_conflicts_with_itself(a: Count) -> None:
    assert not counts_conflict(a, a)

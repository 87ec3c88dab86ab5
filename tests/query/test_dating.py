from __future__ import annotations

from datetime import date

from newsgraph.query.dating import dates_in, parse_published


def test_dating_year_less_date_takes_the_publication_year() -> None:
    (d,) = dates_in("The film opens in Japan on April 5.", date(2024, 3, 3), "future")
    assert (d.text, d.iso, d.precision) == ("April 5", "2024-04-05", "day")


def test_dating_relative_dates_need_a_publication_date() -> None:
    assert [d.iso for d in dates_in("Filming starts next month.", date(2024, 11, 20))] == [
        "2024-12"
    ]
    assert dates_in("Filming starts next month.", None) == []


def test_dating_lowercase_month_and_durations_are_not_dates() -> None:
    assert dates_in("They may march for two years.", date(2024, 1, 1)) == []


def test_dating_parse_published() -> None:
    assert parse_published("2024-01-24T09:00:00") == date(2024, 1, 24)
    assert parse_published("soon") is None and parse_published(None) is None

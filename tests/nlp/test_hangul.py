from __future__ import annotations

import koroman  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError
from newsgraph.nlp import hangul
from newsgraph.nlp.catalogue import (
    alias_key,
    full_name_variants,
    hangul_surnames,
    split_korean_name,
)
from newsgraph.nlp.hangul import (
    given_name_spellings,
    is_hangul_syllables,
    press_names,
    romanise_name,
    rr_syllable,
    split_hangul_name,
    syllable_spellings,
)
from newsgraph.nlp.names import name_key

# -- syllables ------------------------------------------------------------------------------------


def test_hangul_rr_syllable_is_revised_romanization() -> None:
    assert rr_syllable("형") == "hyeong"
    assert rr_syllable("국") == "guk"
    assert rr_syllable("박") == "bak"
    assert rr_syllable("희") == "hui"
    with pytest.raises(ValueError):
        rr_syllable("ab")


def test_hangul_syllable_spellings_add_common_press_forms() -> None:
    assert syllable_spellings("형") == ("hyeong", "hyung")
    assert syllable_spellings("태") == ("tae",)
    assert syllable_spellings("화") == ("hwa",)
    assert syllable_spellings("지") == ("ji",)
    assert set(syllable_spellings("국")) == {"guk", "gook", "kook", "kuk"}
    assert "soo" in syllable_spellings("수")
    assert "joon" in syllable_spellings("준")
    assert "woo" in syllable_spellings("우")
    assert "hee" in syllable_spellings("희")
    assert "shik" in syllable_spellings("식")
    assert syllable_spellings("영") == ("yeong", "yong", "young")


def test_hangul_syllable_spellings_stay_conservative() -> None:
    # eu stays (Eun, Seung), and yeon / yeol do not become 윤 yun / 율 yul.
    assert syllable_spellings("은") == ("eun",)
    assert syllable_spellings("승") == ("seung",)
    assert syllable_spellings("연") == ("yeon",)
    assert syllable_spellings("열") == ("yeol",)
    assert syllable_spellings("서") == ("seo",)  # an open eo keeps its spelling


def test_hangul_given_name_spellings_are_hyphenated_rr_first() -> None:
    assert given_name_spellings("태형") == ["Tae-hyeong", "Tae-hyung"]
    assert given_name_spellings("민") == ["Min"]
    with pytest.raises(ValueError):
        given_name_spellings("Tae")


# -- names ----------------------------------------------------------------------------------------


def test_hangul_is_hangul_syllables() -> None:
    assert is_hangul_syllables("김태형")
    assert not is_hangul_syllables("김 태형")
    assert not is_hangul_syllables("ㄱ")  # a lone letter is not a syllable
    assert not is_hangul_syllables("")


def test_hangul_split_name_prefers_two_syllable_surnames() -> None:
    assert split_hangul_name("김태형") == ("김", "태형")
    assert split_hangul_name("남궁민") == ("남궁", "민")
    assert split_hangul_name("선우정아") == ("선우", "정아")
    assert split_hangul_name("이별") == ("이", "별")
    for not_a_name in ["태형", "김", "제갈", "김 태형", "Kim Taehyung", "", "김태형입니다요"]:
        assert split_hangul_name(not_a_name) is None, not_a_name


def test_hangul_romanise_name_gives_press_spellings_in_both_orders() -> None:
    v = romanise_name("김태형")
    for expected in [
        "Kim Tae-hyung",
        "Kim Taehyung",
        "Kim Tae Hyung",
        "Taehyung Kim",
        "Tae-hyung Kim",
        "Gim Tae-hyeong",
    ]:
        assert expected in v, expected
    assert not {"Taehyung", "Tae-hyung", "Tae Hyung Kim"} & v  # full names only
    assert {"Um Tae-hwa", "Uhm Tae-hwa", "Eom Tae-hwa", "Taehwa Um"} <= romanise_name("엄태화")
    assert {"Lee Ji-eun", "Yi Ji-eun", "Rhee Jieun", "Ji-eun Lee"} <= romanise_name("이지은")
    assert {"Park Jimin", "Pak Ji-min", "Jimin Park"} <= romanise_name("박지민")
    assert {"Jeon Jung-kook", "Jungkook Jeon"} <= romanise_name("전정국")
    assert {"Kim Nam-joon", "Namjoon Kim"} <= romanise_name("김남준")
    assert {"Im Yoon-ah", "Lim Yoona"} <= romanise_name("임윤아")


def test_hangul_romanise_name_one_syllable_given_name_keeps_korean_order() -> None:
    names = romanise_name("남궁민")
    assert {"Namgoong Min", "Namgung Min"} == names
    assert romanise_name("태형") == set()
    assert romanise_name("Kim Tae-hyung") == set()


def test_hangul_romanise_name_keeps_surnames_of_one_row() -> None:
    # 유 and 류 share the spelling Yoo, but a Hangul surname is spelled from its own row only.
    names = romanise_name("유나래")
    surnames = {n.split()[-1] if n.startswith("Na") else n.split()[0] for n in names}
    assert surnames == {"Yoo", "Yu", "You"}
    assert "Ryu Na-rae" in romanise_name("류나래")


def test_hangul_press_names_are_compact_full_names() -> None:
    assert press_names("김태형") == ["Kim Tae-hyeong", "Kim Tae-hyung"]
    assert press_names("엄태화") == ["Um Tae-hwa"]
    assert press_names("태형") == []


def test_hangul_rules_are_validated() -> None:
    good = {"part": "vowel", "rr": "eo", "press": ["u"]}
    assert hangul._rule_from_json(good, "t").press == ("u",)
    for bad in [
        {**good, "part": "coda"},
        {**good, "rr": "EO"},
        {**good, "press": []},
        {**good, "press": ["eo"]},
        {**good, "press": ["ü"]},
        {**good, "onset": "yes"},
        {**good, "vowels": []},
        ["eo"],
    ]:
        with pytest.raises(ConfigError):
            hangul._rule_from_json(bad, "t")
    assert hangul._rules()  # the bundled table is valid and not empty


# -- properties -----------------------------------------------------------------------------------

_SYLLABLE = st.integers(min_value=0xAC00, max_value=0xD7A3).map(chr)


@st.composite
def _hangul_names(draw: st.DrawFn) -> str:
    surname = draw(st.sampled_from(sorted(hangul_surnames())))
    given = draw(st.lists(_SYLLABLE, min_size=1, max_size=3))
    return surname + "".join(given)


def _rr(text: str) -> str:
    """Revised Romanization syllable by syllable, straight from koroman."""
    return "".join(str(koroman.romanize(ch, use_custom_dictionary=False)) for ch in text)


@settings(deadline=None, max_examples=300)
@given(_hangul_names())
def test_hangul_romanise_name_properties(name: str) -> None:
    split = split_hangul_name(name)
    assert split is not None
    surname, given_name = split
    variants = romanise_name(name)
    assert variants
    assert all(v.isascii() and v == v.strip() for v in variants)
    row = hangul_surnames()[surname]
    for variant in variants:
        words = variant.split()
        assert len(words) >= 2, variant  # a full name, never the given name alone
        assert words[0] in row or words[-1] in row, variant  # surnames only from the table
    # The Revised Romanization reading is among them, under every surname spelling...
    keys = {alias_key(v) for v in variants}
    name_keys = {name_key(v) for v in variants}
    for family in row:
        assert alias_key(family + _rr(given_name)) in keys
        assert name_key(family + _rr(given_name)) in name_keys
    # ... and so is the RR reading of the whole name when the table lists the RR surname.
    if _rr(surname).capitalize() in row:
        assert alias_key(_rr(name)) in keys


@settings(deadline=None, max_examples=200)
@given(_hangul_names())
def test_hangul_catalogue_variants_cover_every_spelling(name: str) -> None:
    """What the catalogue stores (press_names) expands at load time to at least romanise_name."""
    stored = press_names(name)
    assert stored and all(split_korean_name(text) is not None for text in stored)
    expanded = {alias_key(v) for text in stored for v in full_name_variants(text)}
    assert {alias_key(v) for v in romanise_name(name)} <= expanded

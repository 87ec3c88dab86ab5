from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Entity
from newsgraph.resolve import (
    choose_canonical,
    clean_alias,
    disambiguated_id,
    global_id_base,
    match_keys,
    name_key,
    slugify,
    text_key,
)

_NAME_CHARS = st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x2FFF)
_WORDS = st.lists(st.text(_NAME_CHARS, min_size=1, max_size=8), min_size=1, max_size=4)


@pytest.mark.parametrize(
    "spelling",
    [
        "Um Tae-hwa",
        "Um Tae Hwa",
        "um taehwa",
        "UM TAE-HWA",
        "Um Tae-hwa's",
        "Um Tae‐hwa’s",
        "Um. Taehwa",
    ],
)
def test_names_name_key_ignores_spelling_noise(spelling: str) -> None:
    assert name_key(spelling) == "umtaehwa"


def test_names_name_key_strips_possessives_and_quotes() -> None:
    assert name_key("BTS'") == name_key("BTS’") == "bts"
    assert name_key("IU’s") == "iu"
    assert name_key("Ｖ") == "v"  # full-width letters fold under NFKC
    assert name_key("'s") == ""


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=40))
def test_names_name_key_is_idempotent(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert not any(ch.isspace() for ch in key)


@settings(deadline=None, max_examples=200)
@given(_WORDS, st.sampled_from([" ", "-", "", ".", " - "]))
def test_names_name_key_ignores_separators(words: list[str], sep: str) -> None:
    assert name_key(sep.join(words)) == name_key("".join(words))


@settings(deadline=None, max_examples=200)
@given(_WORDS, st.sampled_from(["'s", "’s", "'", "’"]))
def test_names_name_key_ignores_possessive_suffix(words: list[str], suffix: str) -> None:
    name = " ".join(words)
    assert name_key(name + suffix) == name_key(name)


@settings(deadline=None, max_examples=200)
@given(_WORDS)
def test_names_name_key_ignores_case(words: list[str]) -> None:
    name = " ".join(words)
    assert name_key(name.casefold()) == name_key(name)


@settings(deadline=None, max_examples=200)
@given(st.text(st.characters(min_codepoint=0x41, max_codepoint=0x7A).filter(str.isalpha)))
def test_names_name_key_ignores_ascii_case(name: str) -> None:
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(name)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=30))
def test_names_slugify_is_a_clean_slug(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert slug == slug.casefold() or not slug.isascii()


def test_names_slugify_and_ids() -> None:
    assert slugify("Um Tae-hwa") == "um-tae-hwa"
    assert slugify("IU's") == "iu"
    assert global_id_base("Um Tae-hwa", "PERSON") == "person:um-tae-hwa"
    first = disambiguated_id("group:kim-lee", ["kim&lee"])
    assert first == disambiguated_id("group:kim-lee", ["kim&lee", "kim&lee"])
    assert first != disambiguated_id("group:kim-lee", ["kimlee"])


def test_names_clean_alias_drops_possessive() -> None:
    assert clean_alias("  Mira   Kang's ") == "Mira Kang"
    assert clean_alias("BTS’") == "BTS"
    assert clean_alias("'s") == "'s"


def test_names_text_key_folds_punctuation() -> None:
    assert text_key("His admiration for Um Tae-hwa!") == "his admiration for um tae hwa"
    assert text_key("his  admiration, for UM TAE HWA") == "his admiration for um tae hwa"


def test_names_match_keys_short_aliases_only_for_short_names() -> None:
    v_long = Entity("e1", "Kim Taehyung", "PERSON", ("Kim Taehyung", "V", "Tae-hyung"))
    keys = match_keys(v_long)
    assert keys["v"] is False
    assert keys["kimtaehyung"] is True and keys["taehyung"] is True
    v_short = Entity("e2", "V", "PERSON", ("V", "Kim Taehyung", "DK"))
    keys = match_keys(v_short)
    assert keys["v"] is True and keys["dk"] is False and keys["kimtaehyung"] is True


def test_names_match_keys_include_korean_press_spellings() -> None:
    um = Entity("e1", "Um Tae Hwa", "PERSON", ("Um Tae Hwa",))
    keys = {k for k, ok in match_keys(um).items() if ok}
    assert {"umtaehwa", "uhmtaehwa", "eomtaehwa", "taehwa"} <= keys
    # Western names and non-person entities get no invented spellings.
    assert set(match_keys(Entity("e2", "Ryan Coogler", "PERSON", ("Ryan Coogler",)))) == {
        "ryancoogler"
    }
    assert set(match_keys(Entity("e3", "Kim Chi", "WORK", ("Kim Chi",)))) == {"kimchi"}


def test_names_choose_canonical_is_order_free() -> None:
    assert choose_canonical({"Jo Hyun Woo": 1, "Jo Hyun-woo": 2}) == "Jo Hyun-woo"
    assert choose_canonical({"MK": 1, "Mira Kang": 1, "Kang Mira": 1}) == "Kang Mira"
    assert choose_canonical({"Kang Mira": 1, "MK": 1, "Mira Kang": 1}) == "Kang Mira"
    with pytest.raises(ValueError):
        choose_canonical({})

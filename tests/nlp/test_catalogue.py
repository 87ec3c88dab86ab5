from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError
from newsgraph.nlp.catalogue import (
    Catalogue,
    CatalogueEntry,
    alias_key,
    common_words,
    entry_from_json,
    full_name_variants,
    hangul_surnames,
    name_variants,
    needs_context,
    split_korean_name,
    supplement,
    surname_spellings,
)


def _line(**fields: Any) -> str:
    base: dict[str, Any] = {
        "subtype": None,
        "aliases": [],
        "hangul": [],
        "groups": [],
        "company": None,
        "popularity": None,
        "qid": None,
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def _small() -> Catalogue:
    lines = [
        _line(
            id="Q1",
            name="Starlight",
            type="GROUP",
            aliases=["Star Light"],
            hangul=["스타라이트"],
            company="Moonbeam Entertainment",
            popularity=500,
            qid="Q1",
        ),
        _line(
            id="Q2",
            name="Haneul",
            type="PERSON",
            aliases=["Kim Ha-neul"],
            groups=["Q1"],
            popularity=500,
            qid="Q2",
        ),
        _line(id="Q3", name="Haneul", type="PERSON", aliases=["Park Ha-neul"], popularity=90),
        _line(
            id="org:moonbeam",
            name="Moonbeam Entertainment",
            type="ORG",
            subtype="agency",
            aliases=["Moonbeam"],
        ),
    ]
    extra = [_line(id="event:gala", name="Neon Gala Awards", type="EVENT", subtype="award")]
    return Catalogue.from_jsonl([("gen.jsonl", "\n".join(lines)), ("extra.jsonl", extra[0])])


# -- alias_key ------------------------------------------------------------------------------------


def test_catalogue_alias_key_folds_press_spellings() -> None:
    assert alias_key("Kim Tae-hyung") == alias_key("Kim Taehyung") == alias_key("kim tae hyung")
    assert alias_key("BTS'") == alias_key("BTS") == alias_key("bts’")
    assert alias_key("V’s") == alias_key("V's") == alias_key("V")
    assert alias_key("Rosé") == alias_key("Rose")
    assert alias_key("Girls' Generation") == alias_key("Girls Generation")
    assert alias_key("J.Y. Park") == alias_key("JY Park")
    assert alias_key("방탄소년단") == "방탄소년단"
    assert alias_key("ＢＴＳ") == "bts"


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_catalogue_alias_key_is_idempotent(text: str) -> None:
    assert alias_key(alias_key(text)) == alias_key(text)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_WORDS = st.lists(_WORD, min_size=1, max_size=4)


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_catalogue_alias_key_ascii_fast_path_agrees_with_the_full_path(text: str) -> None:
    # A leading "é" sends the text down the general path; it folds to "e" and changes nothing else.
    assert alias_key("é" + text) == "e" + alias_key(text)


@settings(deadline=None)
@given(_WORDS)
def test_catalogue_alias_key_ignores_case_hyphens_and_spaces(words: list[str]) -> None:
    spaced = " ".join(words)
    assert alias_key(spaced.upper()) == alias_key(spaced)
    assert alias_key("-".join(words)) == alias_key(spaced) == alias_key("".join(words))
    assert alias_key(" ".join(w.capitalize() for w in words)) == alias_key(spaced)


@settings(deadline=None)
@given(_WORDS, st.sampled_from(["'s", "’s", "'", "’"]))
def test_catalogue_alias_key_ignores_possessives_and_curly_quotes(
    words: list[str], possessive: str
) -> None:
    name = " ".join(words)
    assert alias_key(name + possessive) == alias_key(name)
    quoted = f"{words[0]}'{''.join(words[1:])}"
    assert alias_key(quoted.replace("'", "’")) == alias_key(quoted)


# -- name variants --------------------------------------------------------------------------------


def test_catalogue_name_variants_gives_press_spellings() -> None:
    variants = name_variants("Kim Tae-hyung")
    for expected in [
        "Kim Tae-hyung",
        "Kim Taehyung",
        "Kim Tae Hyung",
        "Gim Tae-hyung",
        "Taehyung",
        "Tae-hyung",
    ]:
        assert expected in variants
    assert "Um Tae-hwa" in name_variants("Eom Tae-hwa")
    assert "Uhm Tae-hwa" in name_variants("Um Taehwa")
    assert "Lee Ji-eun" in name_variants("Yi Jieun")


def test_catalogue_name_variants_leaves_other_names_alone() -> None:
    assert name_variants("Taylor Swift") == {"Taylor Swift"}
    assert name_variants("V") == {"V"}
    assert name_variants("Lee Isaac Chung") == {"Lee Isaac Chung"}
    assert name_variants("김태형") == {"김태형"}


def test_catalogue_name_variants_skips_one_syllable_given_names_alone() -> None:
    variants = name_variants("Lee Hi")
    assert "Yi Hi" in variants
    assert "Hi" not in variants


def test_catalogue_name_variants_without_given_name_alone() -> None:
    variants = name_variants("Kim Tae-hyung", given_alone=False)
    assert "Gim Taehyung" in variants
    assert not {"Taehyung", "Tae-hyung", "Tae Hyung"} & variants


def test_catalogue_full_name_variants_add_the_western_order() -> None:
    variants = full_name_variants("Kim Tae-hyeong")
    assert {"Kim Tae-hyeong", "Gim Taehyeong", "Taehyeong Kim", "Tae-hyeong Gim"} <= variants
    assert "Taehyeong" not in variants
    assert full_name_variants("Namgoong Min") == {"Namgoong Min", "Namgung Min"}
    assert full_name_variants("Taylor Swift") == {"Taylor Swift"}


def test_catalogue_hangul_surnames_are_table_rows() -> None:
    table = hangul_surnames()
    assert table["김"] == ("Kim", "Gim")
    assert table["엄"] == ("Um", "Uhm", "Eom")
    assert table["유"] == ("Yoo", "Yu", "You")  # the row, not the class joined with 류
    assert table["남궁"][0] == "Namgoong"
    assert all(1 <= len(h) <= 2 for h in table)


def test_catalogue_split_korean_name_prefers_likely_syllables() -> None:
    assert split_korean_name("Kim Taehyung") == ("Kim", ("Tae", "hyung"))
    assert split_korean_name("Park Jimin") == ("Park", ("Ji", "min"))
    assert split_korean_name("Kim Jongin") == ("Kim", ("Jong", "in"))
    assert split_korean_name("Jennie Kim") is None


def test_catalogue_surname_classes_are_symmetric() -> None:
    assert {"Lee", "Yi", "Rhee", "Ri"} <= set(surname_spellings("lee"))
    assert set(surname_spellings("Ryu")) == set(surname_spellings("Yoo"))
    assert surname_spellings("Swift") == ()


_SYLLABLE = st.sampled_from(
    ["tae", "hyung", "ji", "min", "eun", "seok", "jin", "hwa", "yeon", "soo", "kook", "ha", "na"]
)
_SURNAME = st.sampled_from(["Kim", "Lee", "Park", "Um", "Jung", "Yoo", "Ryu", "Choi", "Kang"])


@st.composite
def _korean_names(draw: st.DrawFn) -> str:
    surname = draw(_SURNAME)
    syllables = draw(st.lists(_SYLLABLE, min_size=1, max_size=2))
    style = draw(st.sampled_from(["hyphen", "joined", "spaced"]))
    parts = [syllables[0].capitalize(), *syllables[1:]]
    if style == "hyphen":
        given = "-".join(parts)
    elif style == "joined":
        given = "".join(parts)
    else:
        given = " ".join(p.capitalize() for p in parts)
    return f"{surname} {given}"


def _keys(names: set[str]) -> set[str]:
    return {alias_key(n) for n in names}


@settings(deadline=None)
@given(_korean_names())
def test_catalogue_name_variants_contain_the_input(name: str) -> None:
    assert alias_key(name) in _keys(name_variants(name))


@settings(deadline=None)
@given(_korean_names())
def test_catalogue_name_variants_are_closed(name: str) -> None:
    keys = _keys(name_variants(name))
    split = split_korean_name(name)
    assert split is not None
    surname, parts = split
    for variant in name_variants(name):
        other = split_korean_name(variant)
        same_person = (
            other is not None
            and other[0] in surname_spellings(surname)
            and alias_key("".join(other[1])) == alias_key("".join(parts))
        )
        if same_person:
            assert _keys(name_variants(variant)) == keys
        else:  # the given name alone: a variant of the same person, not a full name
            assert alias_key(variant) in keys
            assert alias_key(variant) == alias_key("".join(parts))


# -- needs_context --------------------------------------------------------------------------------


def test_catalogue_needs_context_flags_short_and_common_aliases() -> None:
    for risky in ["V", "뷔", "Jo", "TV", "Rose", "Joy", "Key", "Twice", "Winter", "I.N"]:
        assert needs_context(risky), risky
    for safe in ["IU", "DK", "BTS", "Jimin", "Suga", "Red Velvet", "제니", "Taehyung"]:
        assert not needs_context(safe), safe


def test_catalogue_common_words_are_lowercase_words() -> None:
    words = common_words()
    assert "rose" in words and "the" in words
    assert "jimin" not in words and "taehyung" not in words


# -- entries and the catalogue --------------------------------------------------------------------


def test_catalogue_lookup_is_key_based_and_ranked_by_popularity() -> None:
    cat = _small()
    assert [e.id for e in cat.lookup("haneul")] == ["Q2", "Q3"]
    assert [e.id for e in cat.lookup("Kim Haneul")] == ["Q2"]
    assert [e.id for e in cat.lookup("Gim Ha Neul")] == ["Q2"]  # generated variant
    assert [e.id for e in cat.lookup("STAR-LIGHT's")] == ["Q1"]
    assert [e.id for e in cat.lookup("스타라이트")] == ["Q1"]
    assert cat.lookup("Nobody") == []


def test_catalogue_get_and_aliases() -> None:
    cat = _small()
    entry = cat.get("org:moonbeam")
    assert entry is not None and entry.type == "ORG" and entry.subtype == "agency"
    assert cat.get("Q999") is None
    assert len(cat) == 5 and "Q1" in cat
    pairs = list(cat.aliases())
    assert ("Star Light", cat.get("Q1")) in pairs
    assert ("Kim Ha-neul", cat.get("Q2")) in pairs
    assert ("Kim Haneul", cat.get("Q2")) in pairs
    assert all(isinstance(text, str) and text for text, _ in pairs)


def test_catalogue_rejects_repeated_ids() -> None:
    line = _line(id="Q1", name="A", type="GROUP")
    with pytest.raises(ConfigError, match="repeated"):
        Catalogue.from_jsonl([("one.jsonl", f"{line}\n{line}")])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "", "name": "A", "type": "GROUP"}, "'id'"),
        ({"id": "x", "type": "GROUP"}, "'name'"),
        ({"id": "x", "name": "A", "type": "BAND"}, "type"),
        ({"id": "x", "name": "A", "type": "GROUP", "aliases": "A"}, "aliases"),
        ({"id": "x", "name": "A", "type": "GROUP", "popularity": "high"}, "popularity"),
        ({"id": "x", "name": "A", "type": "GROUP", "qid": "12"}, "QID"),
    ],
)
def test_catalogue_rejects_invalid_entries(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        entry_from_json(fields, "test")


def test_catalogue_rejects_unknown_groups_and_bad_json() -> None:
    orphan = _line(id="Q2", name="B", type="PERSON", groups=["Q404"])
    with pytest.raises(ConfigError, match="unknown groups"):
        Catalogue.from_jsonl([("g.jsonl", orphan)])
    with pytest.raises(ConfigError, match=r"g\.jsonl:1"):
        Catalogue.from_jsonl([("g.jsonl", "{not json")])
    with pytest.raises(ConfigError, match="empty"):
        Catalogue([])


def test_catalogue_extra_entry_with_known_id_supplements_it() -> None:
    base = _line(
        id="Q7",
        name="Kim Seo-yeon",
        type="PERSON",
        aliases=["Seoyeon"],
        company="Old Agency",
        popularity=10,
    )
    patch = _line(
        id="Q7", name="Yeonnie", type="PERSON", aliases=["Seo-yeon"], company="New Agency"
    )
    cat = Catalogue.from_jsonl([("gen", base), ("extra", patch)])
    entry = cat.get("Q7")
    assert entry is not None
    assert entry.name == "Yeonnie"
    assert entry.aliases == ("Seoyeon", "Kim Seo-yeon", "Seo-yeon")
    assert entry.company == "New Agency" and entry.popularity == 10
    assert [e.id for e in cat.lookup("Kim Seoyeon")] == ["Q7"]


def test_catalogue_romanised_names_match_as_full_names_only() -> None:
    person = _line(
        id="Q8",
        name="Tae",
        type="PERSON",
        aliases=["Kim Tae-hyung"],
        hangul=["김태형"],
        romanised=["Kim Tae-hyeong"],
        popularity=5,
    )
    cat = Catalogue.from_jsonl([("gen", person)])
    for spelling in ["Kim Tae-hyeong", "Gim Taehyeong", "Taehyeong Kim", "Tae-hyeong Gim"]:
        assert [e.id for e in cat.lookup(spelling)] == ["Q8"], spelling
    assert cat.lookup("Taehyeong") == []  # a guessed spelling never matches as a given name
    assert [e.id for e in cat.lookup("Taehyung")] == ["Q8"]  # a written alias still does
    entry = cat.get("Q8")
    assert entry is not None and entry.to_json()["romanised"] == ["Kim Tae-hyeong"]
    assert entry_from_json(entry.to_json()) == entry
    assert entry.surfaces() is entry.surfaces()  # computed once


def test_catalogue_romanised_is_optional_and_validated() -> None:
    assert entry_from_json({"id": "x", "name": "A", "type": "PERSON"}).romanised == ()
    with pytest.raises(ConfigError, match="romanised"):
        entry_from_json({"id": "x", "name": "A", "type": "PERSON", "romanised": "Kim A"})
    base = CatalogueEntry(id="Q7", name="A", type="PERSON", romanised=("Kim Ha-na",))
    extra = CatalogueEntry(id="Q7", name="A", type="PERSON", romanised=("Kim Ha-neul",))
    assert supplement(base, extra).romanised == ("Kim Ha-na", "Kim Ha-neul")


def test_catalogue_lookup_by_hangul_mention() -> None:
    # "Haneul (김하늘) said ...": the parenthesised Hangul name is a key of its own.
    line = _line(id="Q9", name="Haneul", type="PERSON", hangul=["김하늘", "하늘"])
    cat = Catalogue.from_jsonl([("gen", line)])
    assert [e.id for e in cat.lookup("김하늘")] == ["Q9"]
    assert [e.id for e in cat.lookup(" 김하늘 ")] == ["Q9"]
    assert cat.lookup("김하") == []


def test_catalogue_supplement_refuses_another_type() -> None:
    person = CatalogueEntry(id="Q7", name="A", type="PERSON")
    with pytest.raises(ConfigError, match="type"):
        supplement(person, CatalogueEntry(id="Q7", name="A", type="GROUP"))


# -- the bundled data -----------------------------------------------------------------------------


def test_catalogue_bundled_loads_once_and_is_consistent() -> None:
    cat = Catalogue.load()
    assert Catalogue.load() is cat
    assert len(cat) > 2000
    org_names = {e.name for e in cat if e.type == "ORG"}
    assert all(e.company in org_names for e in cat if e.company), "company names an unknown ORG"
    types = {e.type for e in cat}
    assert {"PERSON", "GROUP", "ORG", "EVENT"} <= types


def test_catalogue_bundled_knows_the_usual_names() -> None:
    cat = Catalogue.load()

    def first(alias: str) -> CatalogueEntry:
        found = cat.lookup(alias)
        assert found, alias
        return found[0]

    v = first("Kim Tae-hyung")
    assert v.name == "V" and v.qid == "Q18388296"
    assert first("Kim Taehyung") == v == first("kim tae hyung") == first("Taehyung")
    bts = first("BTS")
    assert bts.id in v.groups and bts.company == "Big Hit Music"
    assert first("Bangtan Boys") == bts
    big_hit = first("Big Hit Music")
    assert big_hit.type == "ORG" and big_hit.company == "HYBE"
    iu = first("IU")
    assert iu.type == "PERSON" and iu.company == "EDAM Entertainment"
    assert first("Lee Ji-eun") == iu
    assert first("Um Tae-hwa").type == "PERSON"
    assert first("Grammys").type == "EVENT"
    assert first("Oscars").name == "Academy Awards"
    assert first("Netflix").subtype == "streaming"
    assert first("Pledis").name == "Pledis Entertainment"
    # Hangul mentions in English text ("V (김태형)", "IU (이지은)") and romanised spellings.
    assert first("김태형") == v and first("이지은") == iu
    assert first("Kim Tae-hyeong") == v == first("Taehyeong Kim")
    assert v not in cat.lookup("Tae-hyeong")


@settings(deadline=None, max_examples=200)
@given(st.text())
def test_catalogue_alias_key_memo_agrees_with_the_plain_function(text: str) -> None:
    assert alias_key(text) == alias_key.__wrapped__(text)
    assert alias_key(text) == alias_key.__wrapped__(text)  # the second call is a cache hit

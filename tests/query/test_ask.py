from __future__ import annotations

import pytest

import newsgraph.query
from newsgraph.errors import QueryError
from newsgraph.query import ask, find_entities, load_patterns
from newsgraph.store import GraphStore


def test_ask_public_names() -> None:
    assert sorted(newsgraph.query.__all__) == [
        "Answer",
        "QueryPatterns",
        "ask",
        "find_entities",
        "load_patterns",
        "parse_patterns",
    ]


def test_ask_why_gives_reasons_of_the_agent_ranked(store: GraphStore) -> None:
    a = ask(store, "Why did Hana Yoo ask Park Min-jae to direct the video?")
    assert a.method == "graph"
    assert set(a.answers[:2]) == {"she loved his film Cold Harbor", "she wanted a darker look"}
    assert a.answers[2] == "a throat injury"  # all of the agent's reasons, unrelated ones last
    assert "Cold Harbor" in a.answer and "darker look" in a.answer
    assert "throat" not in a.answer
    assert {e["article"] for e in a.evidence} == {"q-1"}
    assert any("because she loved" in e["text"] for e in a.evidence)


def test_ask_why_with_possessive_and_other_spelling(store: GraphStore) -> None:
    a = ask(store, "Why did Yoo skip the summer festival?")
    assert a.answer == "a throat injury"
    assert a.evidence[0]["text"].startswith("Yoo skipped the summer festival")


def test_ask_what_made_is_a_why_question(store: GraphStore) -> None:
    a = ask(store, "What made Hana Yoo skip the summer festival?")
    assert a.answer == "a throat injury"


def test_ask_when_spells_out_dates(store: GraphStore) -> None:
    a = ask(store, "When did Glass Garden come out?")
    assert a.answer == "2024-06-07"
    assert a.answers == ["2024-06-07 (June 7, 2024)"]


def test_ask_who_directed(store: GraphStore) -> None:
    for q in ("Who directed Glass Garden?", "Who directed the Glass Garden music video?"):
        a = ask(store, q)
        assert a.answer == "Park Min-jae", q
        assert a.answers == ["Park Min-jae"]
        assert a.method == "graph"
        assert a.evidence == [
            {
                "article": "q-1",
                "sentence": 1,
                "text": "The music video was directed by Park Min-jae.",
            }
        ]


def test_ask_members_and_agency(store: GraphStore) -> None:
    members = ask(store, "Who are the members of Nova Five?")
    assert sorted(members.answers) == ["Hana Yoo", "Lee Jun"]
    agency = ask(store, "Which agency manages Nova Five?")
    assert agency.answer == "Star Road Entertainment"
    group = ask(store, "Which group is Lee Jun a member of?")
    assert group.answer == "Nova Five"
    via_group = ask(store, "Which agency represents Hana Yoo?")  # stated for her group only
    assert via_group.answer == "Star Road Entertainment"
    assert via_group.evidence[0]["text"].startswith("Star Road Entertainment, which manages")


def test_ask_when_picks_event_type_from_verb(store: GraphStore) -> None:
    enlist = ask(store, "When will Hana Yoo enlist for military service?")
    assert enlist.answer == "2025-03-02"
    assert enlist.evidence[0]["article"] == "q-2"
    release = ask(store, "When did Hana Yoo release Glass Garden?")
    assert release.answer == "2024-06-07"  # Hana has no release event; her single has
    assert ask(store, "When did Lee Jun debut?").method != "graph"


def test_ask_generic_relation_by_predicate_words(store: GraphStore) -> None:
    a = ask(store, "Which film did Park Min-jae direct?")
    assert a.method == "graph"
    assert sorted(a.answers) == ["Cold Harbor", "Glass Garden"]


def test_ask_falls_back_to_text_search(store: GraphStore) -> None:
    a = ask(store, "How long did the fans wait outside the studio?")
    assert a.method == "text-search"
    assert a.answer == "The fans waited outside the studio in the rain for six hours."
    assert a.evidence[0] == {"article": "q-1", "sentence": 5, "text": a.answer}


def test_ask_says_nothing_when_nothing_matches(store: GraphStore) -> None:
    for q in ("What is the capital of Mongolia?", "Why is the sky blue?", "Who?"):
        a = ask(store, q)
        assert (a.answer, a.answers, a.evidence, a.method) == ("", [], [], "none"), q


def test_ask_empty_question_is_a_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="empty"):
        ask(store, "   ")


def test_ask_to_json_contract(store: GraphStore) -> None:
    out = ask(store, "Who directed Glass Garden?").to_json()
    assert set(out) == {"question", "answer", "answers", "evidence", "method"}
    assert out["question"] == "Who directed Glass Garden?"


def test_ask_find_entities_longest_names_in_text_order(store: GraphStore) -> None:
    stop = load_patterns().stopwords
    found = find_entities(store, "Did Hana Yoo's label Star Road Entertainment sign Park?", stop)
    assert [f.text for f in found] == ["Hana Yoo's", "Star Road Entertainment", "Park"]
    assert found[1].entities[0].name == "Star Road Entertainment"
    assert find_entities(store, "who is it on the list", stop) == []

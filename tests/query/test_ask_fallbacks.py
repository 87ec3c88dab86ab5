"""``ask`` rules beyond the direct graph paths: word forms, dated sentences, backing, aliases."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Event, Reason, Relation
from newsgraph.query import ask
from newsgraph.store import GraphStore


def _film_article(builder: Any) -> tuple[Any, dict[str, str]]:
    b = builder(
        "f-1",
        [
            "Director Oren Vale unveiled his film Tin Lantern at a press conference on March 2.",
            "Sung by Rina Moss, the ballad Silver Tide closes the film.",
            "Tin Lantern opens in Japan on April 5, a month after its US release.",
            "Oren Vale married actor Dae Sol in 2019.",
            "Nova Five member Lee Jun-ho plays the lighthouse keeper.",
            "Lee Jun-ho signed with Harbor Artists last October after leaving Blue Gate.",
            "Blue Gate Entertainment managed the group until 2023.",
            "Vale cast Lee because he wanted a singer who could stand still, the director said.",
        ],
    )
    ids = {
        "vale": b.entity("v", "Oren Vale", "PERSON", "Vale"),
        "film": b.entity("t", "Tin Lantern", "WORK"),
        "rina": b.entity("r", "Rina Moss", "PERSON"),
        "song": b.entity("s", "Silver Tide", "WORK"),
        "dae": b.entity("d", "Dae Sol", "PERSON"),
        "nova": b.entity("n", "Nova Five", "GROUP"),
        "lee": b.entity("l", "Lee Jun-ho", "PERSON", "Lee", "Junho"),
        "harbor": b.entity("h", "Harbor Artists", "ORG"),
        "gate": b.entity("g", "Blue Gate Entertainment", "ORG", "Blue Gate"),
    }
    return b, ids


@pytest.fixture
def film_store(tmp_path: Path, article_builder: Any) -> GraphStore:
    b, i = _film_article(article_builder)
    extraction = b.build(
        published=date(2024, 3, 3),
        relations=[
            Relation(i["vale"], "director_of", i["film"], (b.ev("his film Tin Lantern"),)),
            Relation(i["vale"], "related_to", i["dae"], (b.ev("married actor Dae Sol"),)),
            Relation(i["lee"], "member_of", i["nova"], (b.ev("Nova Five member"),)),
            Relation(i["lee"], "appears_in", i["film"], (b.ev("plays the lighthouse"),)),
            Relation(i["lee"], "signed_to", i["gate"], (b.ev("managed the group"),)),
        ],
        events=[
            Event("other", i["film"], "2024-03-02", "day", "March 2", evidence=(b.ev("unveiled"),))
        ],
        reasons=[
            Reason(
                i["vale"],
                "cast Lee",
                "he wanted a singer who could stand still",
                attributed_to=i["vale"],
                evidence=(b.ev("Vale cast Lee"),),
            )
        ],
    )
    store = GraphStore(str(tmp_path / "f.db"))
    store.add_extraction(extraction)
    return store


def test_ask_irregular_verb_form_finds_the_sentence(film_store: GraphStore) -> None:
    a = ask(film_store, "Who sang Silver Tide?")  # no relation: the text says "Sung by"
    assert a.method == "text-search"
    assert "Rina Moss" in a.answer


def test_ask_question_verb_meets_predicate_by_lemma(film_store: GraphStore) -> None:
    a = ask(film_store, "Whom did Oren Vale marry?")
    assert (a.method, a.answer) == ("graph", "Dae Sol")


def test_ask_when_reads_the_date_of_a_sentence(film_store: GraphStore) -> None:
    a = ask(film_store, "When will Tin Lantern open in Japan?")
    assert a.method == "text-search"  # said as such: no stored event
    assert a.answer == "2024-04-05"
    assert a.answers[0] == "2024-04-05 (April 5, 2024)"
    assert a.evidence[0]["text"].startswith("Tin Lantern opens in Japan")


def test_ask_when_uses_an_event_of_another_type_whose_sentence_fits(
    film_store: GraphStore,
) -> None:
    a = ask(film_store, "When was the Tin Lantern press conference held?")
    assert (a.method, a.answer) == ("graph", "2024-03-02")


def test_ask_when_is_never_answered_by_a_relation(film_store: GraphStore) -> None:
    a = ask(film_store, "When did Dae Sol win an Oscar?")
    assert a.method == "none"


def test_ask_answer_names_show_other_aliases(film_store: GraphStore) -> None:
    a = ask(film_store, "Who are the members of Nova Five?")
    assert a.answer == "Lee Jun-ho"
    assert a.answers == ["Lee Jun-ho (also known as Junho)"]  # "Lee" is part of the name


def test_ask_fact_lacking_the_question_words_yields_to_a_sentence(
    film_store: GraphStore,
) -> None:
    a = ask(film_store, "Which agency did Lee Jun-ho join last October?")
    assert a.method == "text-search"
    assert "Harbor Artists" in a.answer


def test_ask_role_noun_must_be_backed(film_store: GraphStore) -> None:
    # Dae Sol is related to Vale, but nothing says Dae Sol is a composer.
    a = ask(film_store, "Which composer did Oren Vale marry?")
    assert a.method != "graph"  # at most the sentence, never "Dae Sol" as a graph fact


def test_ask_why_says_who_gives_the_reason(film_store: GraphStore) -> None:
    a = ask(film_store, "Why did Oren Vale cast Lee Jun-ho?")
    assert a.answer == "he wanted a singer who could stand still (according to Oren Vale)"
    assert a.answers == ["he wanted a singer who could stand still"]


def test_ask_why_ignores_the_agents_reasons_for_other_things(film_store: GraphStore) -> None:
    a = ask(film_store, "Why did Oren Vale sell his house?")
    assert a.method == "none"

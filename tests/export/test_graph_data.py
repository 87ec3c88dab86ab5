from __future__ import annotations

from collections.abc import Callable

from newsgraph.export import EntityInfo, fact_ids, from_export, load_graph
from newsgraph.store import GraphStore


def test_graph_data_load_adds_article_and_entity_details(store: GraphStore) -> None:
    graph = load_graph(store)
    assert graph.data == store.export_json()
    film1 = graph.article("film-1")
    assert film1.url == "https://example.com/news/film-1"
    assert film1.title == "Story film-1"
    assert film1.published == "2024-06-01"
    assert film1.retrieved is not None and len(film1.retrieved) == 10
    assert graph.article("film-3").url == ""
    assert graph.entity_info("work:paper-lanterns") == EntityInfo(
        "film", (("wikidata", "Q900003"),)
    )
    assert graph.entity_info("work:night-ferry").qid is None
    assert graph.entity_info("no:such-entity") == EntityInfo()
    assert graph.article("unknown").id == "unknown"


def test_graph_data_qid_must_be_well_formed() -> None:
    assert EntityInfo(None, (("wikidata", "Q42"),)).qid == "Q42"
    for bad in ("42", "Q0", "q42", "Q42 ", "P31", ""):
        assert EntityInfo(None, (("wikidata", bad),)).qid is None


def test_graph_data_from_export_keeps_inline_details() -> None:
    data = {
        "entities": [
            {
                "id": "a",
                "name": "A",
                "type": "WORK",
                "aliases": ["A"],
                "mentions": [],
                "subtype": "album",
                "external_ids": {"wikidata": "Q7"},
            },
            {"id": "b", "name": "B", "type": "PERSON", "aliases": ["B"], "mentions": []},
        ],
        "relations": [],
        "events": [],
        "reasons": [],
    }
    graph = from_export(data)
    assert graph.entity_info("a") == EntityInfo("album", (("wikidata", "Q7"),))
    assert graph.entity_info("b") == EntityInfo()
    explicit = from_export(data, entities={"a": EntityInfo("song")})
    assert explicit.entity_info("a").subtype == "song"


def test_graph_data_fact_ids_do_not_depend_on_ingest_order(
    store: GraphStore, make_store: Callable[[list[str]], GraphStore]
) -> None:
    other = make_store(["film-3", "pop-2", "film-1"])
    first, second = fact_ids(load_graph(store)), fact_ids(load_graph(other))
    assert first == second
    every = [*first.relations, *first.events, *first.reasons]
    assert len(set(every)) == len(every)
    assert all(i.startswith("rel-") for i in first.relations)
    assert all(i.startswith("evt-") for i in first.events)
    assert all(i.startswith("rsn-") for i in first.reasons)


def test_graph_data_fact_ids_disambiguate_duplicates() -> None:
    rel = {"s": "a", "p": "won", "o": "b", "sources": [], "support": 0}
    ids = fact_ids(from_export({"relations": [rel, dict(rel)]}))
    assert ids.relations[1] == ids.relations[0] + "-2"

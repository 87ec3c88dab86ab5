"""Cross-article resolution in the store: context, Wikidata ids, decisions, rebuilds, explain."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

import pytest

from newsgraph.errors import QueryError
from newsgraph.model import Article, Entity, Event, Extraction, Relation
from newsgraph.store import GraphStore

NewDb = Callable[[], str]  # the `new_db` fixture of conftest.py: a new empty graph


def _x(
    article_id: str,
    *entities: Entity,
    relations: tuple[Relation, ...] = (),
    events: tuple[Event, ...] = (),
    url: str = "",
    published: date | None = None,
) -> Extraction:
    text = " ".join(e.name for e in entities) + "."
    return Extraction(
        Article(article_id, text, url=url, published=published),
        entities,
        relations,
        events,
    )


def _e(
    local: str,
    name: str,
    etype: str = "PERSON",
    *aliases: str,
    qid: str = "",
    subtype: str | None = None,
) -> Entity:
    ids = (("wikidata", qid),) if qid else ()
    return Entity(local, name, etype, (name, *aliases), subtype=subtype, external_ids=ids)


def _ingest(db: str, extractions: list[Extraction]) -> GraphStore:
    store = GraphStore(db)
    for x in extractions:
        store.add_extraction(x)
    return store


def _taehyungs() -> list[Extraction]:
    a_band, b_band = _e("g", "Silverline", "GROUP"), _e("g", "Harbor Lights", "GROUP")
    return [
        _x("a", _e("p", "Kim Taehyung"), a_band),
        _x("b", _e("p", "Taehyung"), a_band),  # shares the group: the same man
        _x("c", _e("p", "Taehyung"), b_band),  # another group's Taehyung
        _x("d", _e("p", "Lee Tae-hyung"), b_band),
    ]


def _articles_of(store: GraphStore, entity: str) -> set[str]:
    found = store.explain(entity)
    assert found is not None
    return {m["article"] for m in found["members"]}


def test_resolution_context_keeps_namesakes_apart(new_db: NewDb) -> None:
    store = _ingest(new_db(), _taehyungs())
    assert _articles_of(store, "Kim Taehyung") == {"a", "b"}
    assert _articles_of(store, "Lee Tae-hyung") == {"c", "d"}


def _qid_conflict() -> list[Extraction]:
    return [
        _x("a", _e("p", "Nara Cho", qid="Q10")),
        _x("b", _e("p", "Nara Cho")),
        _x("c", _e("p", "Nara Cho", qid="Q20")),
        _x("d", _e("p", "Nara Cho", qid="Q10")),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_resolution_refused_joins_stay_order_independent(
    new_db: NewDb, order: tuple[int, ...]
) -> None:
    corpus = _qid_conflict()
    reference = _ingest(new_db(), corpus).export_json()
    assert len(reference["entities"]) == 2
    shuffled = _ingest(new_db(), [corpus[i] for i in order]).export_json()
    assert shuffled == reference


def test_resolution_decisions_survive_reingest_and_rebuild(new_db: NewDb) -> None:
    corpus = _taehyungs()
    store = _ingest(new_db(), corpus)
    ours = store.resolve_entity("Kim Taehyung")
    theirs = store.resolve_entity("Lee Tae-hyung")
    assert ours is not None and theirs is not None and ours.id != theirs.id
    assert store.merge_entities(ours.id, theirs.id, note="one person after all") is True
    merged = store.export_json()
    assert len([e for e in merged["entities"] if e["type"] == "PERSON"]) == 1
    assert [store.add_extraction(x) for x in corpus] == [False] * 4
    assert store.export_json() == merged
    assert store.rebuild() is True and store.export_json() == merged

    assert _articles_of(store, "Kim Taehyung") == {"a", "b", "c", "d"}
    assert store.split_entity("Kim Taehyung", article="c") is True  # the later decision wins
    after = store.export_json()
    assert len([e for e in after["entities"] if e["type"] == "PERSON"]) == 2
    store.rebuild()
    assert store.export_json() == after
    # a later article that says "Taehyung" next to Harbor Lights follows article c, not Kim
    store.add_extraction(_x("e", _e("p", "Taehyung"), _e("g", "Harbor Lights", "GROUP")))
    assert _articles_of(store, "Kim Taehyung") == {"a", "b"}
    assert _articles_of(store, "Lee Tae-hyung") == {"c", "d", "e"}
    explained = store.explain("Kim Taehyung")
    assert explained is not None
    assert [d["kind"] for d in explained["decisions"]] == ["merge", "split"]


def test_resolution_split_needs_something_to_split(new_db: NewDb) -> None:
    store = _ingest(new_db(), _taehyungs())
    with pytest.raises(QueryError):
        store.split_entity("Kim Taehyung", alias="Nobody")
    with pytest.raises(QueryError):
        store.split_entity("Kim Taehyung")
    with pytest.raises(QueryError):
        store.merge_entities("Kim Taehyung", "person:nobody")


def test_resolution_explain_names_the_rule(new_db: NewDb) -> None:
    store = _ingest(new_db(), _taehyungs())
    found = store.explain("Kim Taehyung")
    assert found is not None
    rules = {j["rule"] for m in found["members"] for j in m["joined_by"]}
    assert rules == {"context"}
    assert any("silverline" in j["detail"] for m in found["members"] for j in m["joined_by"])


def _release(article: str, host: str, day: str, published: date) -> Extraction:
    song = _e("w", "Glass River", "WORK", subtype="song")
    singer = _e("p", "Ara Moon")
    return _x(
        article,
        singer,
        song,
        relations=(Relation("p", "performer_of", "w"),),
        events=(Event("release", "w", day, "day" if len(day) == 10 else "month"),),
        url=f"https://{host}/story",
        published=published,
    )


def test_resolution_claims_count_outlets_and_dates(new_db: NewDb) -> None:
    corpus = [
        _release("a", "www.one.example", "2024-05-02", date(2024, 5, 1)),
        _release("b", "one.example", "2024-05-02", date(2024, 5, 3)),
        _release("c", "two.example", "2024-05", date(2024, 4, 20)),
        _release("d", "three.example", "2024-05-09", date(2024, 5, 4)),
    ]
    store = _ingest(new_db(), corpus)
    rel = store.export_json()["relations"][0]
    assert (rel["support"], rel["outlets"]) == (4, ["one.example", "three.example", "two.example"])
    assert (rel["first_seen"], rel["last_seen"]) == ("2024-04-20", "2024-05-04")
    conflicts = store.conflicts()
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict.kind, conflict.what, conflict.subject) == (
        "date",
        "release",
        "work:glass-river",
    )
    sides = {s.value: {src.article for src in s.sources} for s in conflict.sides}
    assert sides == {"2024-05": {"c"}, "2024-05-02": {"a", "b"}, "2024-05-09": {"d"}}


def test_resolution_show_profiles_an_entity(new_db: NewDb) -> None:
    store = _ingest(new_db(), [_release("a", "one.example", "2024-05-02", date(2024, 5, 1))])
    profile = store.show("glass river")
    assert profile is not None and profile["id"] == "work:glass-river"
    assert profile["relations"][0]["direction"] == "in"
    assert [e["date"] for e in profile["timeline"]] == ["2024-05-02"]
    assert profile["sources"][0]["outlet"] == "one.example"
    assert store.show("nobody at all") is None


def _subtype_clash(copies: int) -> list[Extraction]:
    """A title typed as a film, as a show and untyped, with a star and a city each time: the
    untyped copies link to both sides, so every copy re-clusters the title's part of the graph."""
    out = []
    for n in range(copies):
        for article, subtype in (("film", "film"), ("show", "show"), ("plain", None)):
            out.append(
                _x(
                    f"{article}-{n}",
                    _e("w", "Lantern Bay", "WORK", subtype=subtype),
                    _e("p", "Odile Marchetti"),
                    _e("c", "Port Halloran", "PLACE"),
                )
            )
    return out


@pytest.mark.parametrize("order", ["forward", "backward", "interleaved"])
def test_resolution_refusals_resolved_locally_match_a_rebuild(new_db: NewDb, order: str) -> None:
    corpus = _subtype_clash(4)
    if order == "backward":
        corpus.reverse()
    elif order == "interleaved":
        corpus = corpus[1::2] + corpus[::2]
    store = _ingest(new_db(), corpus)
    grown = store.export_json()
    assert store.rebuild() is True
    assert store.export_json() == grown
    works = [e for e in grown["entities"] if e["type"] == "WORK"]
    assert len(works) == 2  # the film apart from the show, the untyped copies on one side
    names = {e["name"] for e in grown["entities"]}
    assert {"Odile Marchetti", "Port Halloran"} <= names
    assert len(grown["entities"]) == 4
    reference = _ingest(new_db(), _subtype_clash(4)).export_json()
    assert grown == reference


def test_resolution_copies_share_one_signature(new_db: NewDb) -> None:
    """Ten copies of one article under new ids: one global entity per real entity, each
    explained by links, however many copies there are."""
    corpus = [
        _x(f"copy-{n}", _e("p", "Odile Marchetti"), _e("g", "Silverline", "GROUP"))
        for n in range(10)
    ]
    store = _ingest(new_db(), corpus)
    graph = store.export_json()
    assert sorted(e["name"] for e in graph["entities"]) == ["Odile Marchetti", "Silverline"]
    found = store.explain("Odile Marchetti")
    assert found is not None
    members = found["members"]
    assert len(members) == 10
    assert all(m["joined_by"] for m in members)
    assert {j["rule"] for m in members for j in m["joined_by"]} == {"exact"}

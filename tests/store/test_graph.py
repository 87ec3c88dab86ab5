from __future__ import annotations

import itertools
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import cli
from newsgraph.errors import ConfigError, StorageError
from newsgraph.model import Article, Entity, Extraction, Relation, Skip
from newsgraph.query import ask
from newsgraph.store import GraphStore, database_url
from newsgraph.store import writer as writer_module

NewDb = Callable[[], str]  # the `new_db` fixture of conftest.py: a new empty graph


def _ingest(db: str, extractions: list[Extraction]) -> GraphStore:
    store = GraphStore(db)
    for x in extractions:
        store.add_extraction(x)
    return store


def _entity(export: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in export["entities"] if name in e["aliases"])


def test_graph_database_url_plain_path_becomes_sqlite() -> None:
    assert database_url("/tmp/g.db") == "sqlite:////tmp/g.db"
    assert database_url("graph.db") == "sqlite:///graph.db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_graph_one_global_entity_per_real_entity(new_db: NewDb, corpus: list[Extraction]) -> None:
    export = _ingest(new_db(), corpus).export_json()
    people = [e for e in export["entities"] if e["type"] == "PERSON"]
    assert len(people) == 2  # Mira Kang (MK, Kang Mira) and Jo Hyun-woo (Jo Hyun Woo)
    mira = _entity(export, "MK")
    assert {"Mira Kang", "Kang Mira", "MK", "Kang"} <= set(mira["aliases"])
    assert {m["article"] for m in mira["mentions"]} == {"news-a", "news-b", "news-c"}
    jo = _entity(export, "Jo Hyun Woo")
    assert jo["id"] == "person:jo-hyun-woo"
    assert jo["name"] == "Jo Hyun-woo"  # the name two of three articles use
    assert len([e for e in export["entities"] if e["name"] == "Paper Moon"]) == 1
    assert len([e for e in export["entities"] if e["name"] == "Northwind"]) == 1


def test_graph_support_counts_distinct_articles(new_db: NewDb, corpus: list[Extraction]) -> None:
    export = _ingest(new_db(), corpus).export_json()
    jo, moon = _entity(export, "Jo Hyun Woo")["id"], _entity(export, "Paper Moon")["id"]
    directed = [r for r in export["relations"] if r["p"] == "director_of" and r["o"] == moon]
    assert len(directed) == 1
    assert directed[0]["s"] == jo
    assert directed[0]["support"] == 2
    assert {s["article"] for s in directed[0]["sources"]} == {"news-a", "news-b"}
    assert directed[0]["sources"][0]["text"].startswith("The music video was directed")
    collab = [r for r in export["relations"] if r["p"] == "collaborated_with"]
    assert len(collab) == 1  # MK~Jo (news-b) and Jo~Kang Mira (news-c) are one symmetric fact
    assert collab[0]["support"] == 2
    assert collab[0]["s"] < collab[0]["o"]
    release = [e for e in export["events"] if e["type"] == "release"]
    assert len(release) == 1
    assert release[0]["date"] == "2024-03-03"
    assert release[0]["support"] == 2
    member = [r for r in export["relations"] if r["p"] == "member_of"]
    assert len(member) == 1 and member[0]["support"] == 2


def test_graph_export_shape_matches_contract(new_db: NewDb, corpus: list[Extraction]) -> None:
    export = _ingest(new_db(), corpus).export_json()
    assert set(export) == {"entities", "relations", "events", "reasons"}
    for entity in export["entities"]:
        assert set(entity) == {"id", "name", "type", "aliases", "mentions"}
        for m in entity["mentions"]:
            assert set(m) == {"article", "text", "start", "end", "sentence"}
    for fact in (*export["relations"], *export["events"], *export["reasons"]):
        assert fact["support"] >= 1
        for src in fact["sources"]:
            assert set(src) == {"article", "sentence", "start", "end", "text"}
    reason = export["reasons"][0]
    assert reason["agent"] == _entity(export, "MK")["id"]
    assert reason["attributed_to"] == reason["agent"]
    assert reason["cause"] == "she admired his short film Blue Hour"


def test_graph_reingest_changes_nothing(new_db: NewDb, corpus: list[Extraction]) -> None:
    store = _ingest(new_db(), corpus)
    before, stats = store.export_json(), store.stats()
    assert store.has_article("news-a")
    assert [store.add_extraction(x) for x in corpus] == [False, False, False]
    assert store.export_json() == before
    assert store.stats() == stats


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_graph_export_is_order_independent(
    new_db: NewDb, corpus: list[Extraction], order: tuple[int, ...]
) -> None:
    reference = _ingest(new_db(), corpus).export_json()
    shuffled = _ingest(new_db(), [corpus[i] for i in order]).export_json()
    assert shuffled == reference


def test_graph_merge_joins_globals_found_separately(
    new_db: NewDb, corpus: list[Extraction]
) -> None:
    def one(article_id: str, name: str, *aliases: str) -> Extraction:
        return Extraction(
            Article(article_id, f"{name} sang."), (Entity("e1", name, "PERSON", (name, *aliases)),)
        )

    first, last = one("a", "Selene Arc"), one("c", "Selene Marisol Arc")
    bridge = one("b", "Selene Marisol Arc", "Selene Arc")
    store = _ingest(new_db(), [first, last])
    assert len(store.export_json()["entities"]) == 2  # too far apart for fuzzy matching
    store.add_extraction(bridge)  # names both: the two globals merge
    export = store.export_json()
    assert len(export["entities"]) == 1
    assert export == _ingest(new_db(), [first, bridge, last]).export_json()
    a, b, c = corpus  # B's "MK" also named "Mira Kang" and "Kang Mira": joined after the fact
    assert _ingest(new_db(), [a, c, b]).export_json() == _ingest(new_db(), [a, b, c]).export_json()


def test_graph_failure_mid_article_stores_nothing(
    new_db: NewDb, corpus: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _ingest(new_db(), corpus[:1])
    before, stats = store.export_json(), store.stats()

    def boom(self: writer_module.ArticleWriter) -> None:
        raise RuntimeError("disk fell off")

    monkeypatch.setattr(writer_module.ArticleWriter, "_add_facts", boom)
    with pytest.raises(RuntimeError):
        store.add_extraction(corpus[1])
    monkeypatch.undo()
    assert not store.has_article("news-b")
    assert store.export_json() == before
    assert store.stats() == stats
    assert store.search_sentences(["joy"]) == []
    assert store.add_extraction(corpus[1]) is True


def test_graph_read_only_database_raises_storage_error(
    tmp_path: Path, corpus: list[Extraction]
) -> None:
    path = tmp_path / "g.db"
    _ingest(str(path), corpus[:1]).close()
    store = GraphStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert store.has_article("news-a")  # reading still works
    with pytest.raises(StorageError, match="read-only") as info:
        store.add_extraction(corpus[1])
    assert "[NG200]" in str(info.value)
    with pytest.raises(StorageError, match="read-only"):
        store.record_skip(Skip("x.txt", "NG001", "empty"))


def test_graph_locked_database_raises_storage_error(
    tmp_path: Path, corpus: list[Extraction]
) -> None:
    path = tmp_path / "g.db"
    _ingest(str(path), []).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = GraphStore(str(path), timeout=0.1)
        with pytest.raises(StorageError, match="locked"):
            store.add_extraction(corpus[0])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_graph_missing_folder_raises_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no folder"):
        GraphStore(str(tmp_path / "nowhere" / "g.db"))


def test_graph_record_skip_is_idempotent(new_db: NewDb) -> None:
    store = GraphStore(new_db())
    store.record_skip(Skip("a.txt", "NG001", "empty file"))
    store.record_skip(Skip("a.txt", "NG001", "empty file"))
    store.record_skip(Skip("b.bin", "NG003", "binary"))
    assert store.stats()["skips"] == {"NG001": 1, "NG003": 1}


def test_graph_stats_counts_rows(new_db: NewDb, corpus: list[Extraction]) -> None:
    stats = _ingest(new_db(), corpus).stats()
    assert stats["articles"] == 3
    assert stats["relations"] == 6
    assert stats["events"] == 2
    assert stats["reasons"] == 1
    assert stats["quotes"] == 1
    assert stats["skips"] == {}


def test_graph_short_alias_does_not_merge_longer_names(new_db: NewDb) -> None:
    def one(article_id: str, name: str, *aliases: str) -> Extraction:
        text = f"{name} spoke."
        return Extraction(
            Article(article_id, text), (Entity("e1", name, "PERSON", (name, *aliases)),)
        )

    store = GraphStore(new_db())
    store.add_extraction(one("a", "Kim Dae-ho", "D"))
    store.add_extraction(one("b", "D"))
    store.add_extraction(one("c", "D"))
    names = sorted(e["name"] for e in store.export_json()["entities"])
    # Kim Dae-ho stays apart; the two one-word "D"s share no context, so they stay apart too
    assert names == ["D", "D", "Kim Dae-ho"]


def test_graph_same_name_other_type_stays_apart(new_db: NewDb) -> None:
    text = "Northwind released Northwind."
    x = Extraction(
        Article("a", text),
        (
            Entity("g", "Northwind", "GROUP", ("Northwind",)),
            Entity("w", "Northwind", "WORK", ("Northwind",)),
        ),
        (Relation("g", "performer_of", "w"),),
    )
    store = GraphStore(new_db())
    assert store.add_extraction(x) is True
    export = store.export_json()
    assert sorted(e["id"] for e in export["entities"]) == ["group:northwind", "work:northwind"]
    rel = export["relations"][0]
    assert (rel["s"], rel["o"]) == ("group:northwind", "work:northwind")
    assert rel["sources"] == [
        {"article": "a", "sentence": None, "start": None, "end": None, "text": ""}
    ]
    assert rel["support"] == 1


def test_graph_colliding_slugs_get_distinct_ids(new_db: NewDb) -> None:
    store = GraphStore(new_db())
    # One-word person names with different keys and no shared context: two people, one slug.
    for article_id, name in (("a", "O'Neil"), ("b", "ONeil")):
        store.add_extraction(
            Extraction(Article(article_id, name), (Entity("e", name, "PERSON", (name,)),))
        )
    ids = sorted(e["id"] for e in store.export_json()["entities"])
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(i.startswith("person:oneil-") for i in ids)


def test_graph_query_helpers(new_db: NewDb, corpus: list[Extraction]) -> None:
    store = _ingest(new_db(), corpus)
    found = store.find_entities(["johyunwoo", "mk", "kang", "nothing"])
    assert [e.name for e in found["johyunwoo"]] == ["Jo Hyun-woo"]
    assert found["mk"][0].id == found["kang"][0].id
    assert "nothing" not in found
    mira = found["mk"][0].id
    assert store.entity(mira) is not None
    assert store.entity("person:nobody") is None
    preds = {r.p for r in store.relations_touching(mira)}
    assert preds == {"performer_of", "collaborated_with", "member_of"}
    assert [r.p for r in store.relations_touching(mira, {"member_of"})] == ["member_of"]
    assert [r.cause for r in store.reasons_by_agent(mira)] == [
        "she admired his short film Blue Hour"
    ]
    assert store.reasons_with_words(["sings"]) == []
    assert len(store.reasons_with_words(["chose"])) == 1
    moon = found_id(store, "papermoon")
    assert [e.date for e in store.events_by_subject(moon, {"release"})] == ["2024-03-03"]
    assert store.events_by_subject(moon, {"debut"}) == []
    hits = store.search_sentences(["strong", "sales*"])
    assert hits[0].article == "news-b" and hits[0].sentence == 1 and hits[0].matched == 2
    assert store.search_sentences(["zebra"]) == []
    assert store.search_sentences(["?!"]) == []


def test_graph_lookups_read_the_same_facts_as_the_export(
    new_db: NewDb, corpus: list[Extraction]
) -> None:
    """The lookups read only the entities and sources they need; each fact they return is the
    exported one: same names, sources, support, outlets and first/last seen."""
    store = _ingest(new_db(), corpus)
    export = store.export_json()
    for entity in export["entities"]:
        gid = entity["id"]
        touching = [r.to_json() for r in store.relations_touching(gid)]
        assert touching == [r for r in export["relations"] if gid in (r["s"], r["o"])]
        events = [e.to_json() for e in store.events_by_subject(gid)]
        assert events == [e for e in export["events"] if e["subject"] == gid]
        reasons = [r.to_json() for r in store.reasons_by_agent(gid)]
        assert reasons == [r for r in export["reasons"] if r["agent"] == gid]
        everyone = [c.to_json() for c in store.count_claims() if c.subject == gid]
        assert [c.to_json() for c in store.count_claims(gid)] == everyone
    assert any(r["outlets"] for r in export["relations"])


def found_id(store: GraphStore, key: str) -> str:
    return store.find_entities([key])[key][0].id


# ------------------------------------------------------------------ both backends


def test_graph_readers_do_not_wait_for_the_writer(
    new_db: NewDb, corpus: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An API server (its own engine, as another process has) reads the last committed graph
    while one writer holds an open transaction: WAL on SQLite, MVCC on PostgreSQL."""
    db = new_db()
    writer = _ingest(db, corpus[:1])
    before = writer.export_json()
    reader = GraphStore(db, timeout=1.0)  # a reader that waited would fail fast
    inside, release = threading.Event(), threading.Event()
    real_run = writer_module.ArticleWriter.run

    def run_then_hold(self: writer_module.ArticleWriter) -> None:
        real_run(self)  # news-b is written, not committed
        inside.set()
        assert release.wait(30)

    monkeypatch.setattr(writer_module.ArticleWriter, "run", run_then_hold)
    added: list[bool] = []
    thread = threading.Thread(target=lambda: added.append(writer.add_extraction(corpus[1])))
    thread.start()
    try:
        assert inside.wait(30)
        started = time.monotonic()
        assert reader.stats()["articles"] == 1
        assert not reader.has_article("news-b")
        assert reader.search_sentences(["joy"]) == []
        assert reader.export_json() == before
        assert time.monotonic() - started < 5
    finally:
        release.set()
        thread.join(30)
    assert added == [True]
    assert reader.has_article("news-b")
    assert [h.article for h in reader.search_sentences(["joy"])] == ["news-b"]


def _sentences(article_id: str, *sentences: str) -> Extraction:
    spans, pos = [], 0
    for sent in sentences:
        spans.append((pos, pos + len(sent)))
        pos += len(sent) + 1
    return Extraction(Article(article_id, " ".join(sentences)), (), sentences=tuple(spans))


def test_graph_sentence_search_finds_the_same_rows_on_every_backend(new_db: NewDb) -> None:
    store = GraphStore(new_db())
    store.add_extraction(
        _sentences(
            "s-1",
            "The Café Lumen on Harbor Road reopened on Friday.",
            "뷔가 새 앨범을 발표했다.",
            "Fans of Priya Menon cheered outside the studio.",
        )
    )
    store.add_extraction(_sentences("s-2", "Reopening night at the cafe drew the cast."))

    def found(*terms: str) -> set[tuple[str, int]]:
        return {(h.article, h.sentence) for h in store.search_sentences(list(terms), limit=10)}

    assert found("cafe") == {("s-1", 0), ("s-2", 0)}  # accents and case are ignored
    assert found("reopen*") == {("s-1", 0), ("s-2", 0)}
    assert found("reopen") == set()
    assert found("뷔") == {("s-1", 1)}  # Hangul: the particle 가 is written onto the name
    assert found("CHEERED", "zebra") == {("s-1", 2)}
    assert found("menon", "studio")  # any term matches
    assert store.search_sentences(["menon", "studio"])[0].matched == 2


def test_graph_entity_search_finds_substrings_on_every_backend(new_db: NewDb) -> None:
    store = GraphStore(new_db())
    for article_id, name, alias in (("k", "Kim Tae-hyung", "김태형"), ("m", "Priya Menon", "")):
        names = (name, alias) if alias else (name,)
        store.add_extraction(
            Extraction(Article(article_id, f"{name} spoke."), (Entity("e", name, "PERSON", names),))
        )
    total, found = store.search_entities("태형")
    assert total == 1 and found[0].name == "Kim Tae-hyung"
    total, found = store.search_entities("menon", type="PERSON")
    assert [e.name for e in found] == ["Priya Menon"]
    assert store.search_entities("nobody") == (0, [])


def test_graph_ask_answers_the_same_on_every_backend(
    new_db: NewDb, corpus: list[Extraction]
) -> None:
    store = _ingest(new_db(), corpus)
    assert ask(store, "Why did Mira Kang choose Jo?").answers == [
        "she admired his short film Blue Hour"
    ]
    assert ask(store, "Who directed Paper Moon?").answers == ["Jo Hyun-woo"]
    found = ask(store, "What came out to strong sales?")  # the full-text fallback
    assert found.method == "text-search"
    assert {(e["article"], e["sentence"]) for e in found.evidence} == {("news-b", 1)}


def test_graph_unreachable_server_is_a_storage_error_without_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StorageError, match="cannot be reached") as info:
        GraphStore("postgresql+psycopg://ng:s3cret@127.0.0.1:1/graph", timeout=1)
    assert "s3cret" not in str(info.value)
    result = CliRunner().invoke(
        cli.app, ["--db", "postgresql+psycopg://ng:s3cret@127.0.0.1:1/graph", "stats"]
    )
    assert result.exit_code == 4 and "s3cret" not in result.output


def test_graph_postgres_without_its_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(ConfigError, match=r"newsgraph\[postgres\]"):
        GraphStore("postgresql+psycopg://ng@127.0.0.1:1/graph")

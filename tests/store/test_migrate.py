"""Schema migrations on both backends: new databases, old and newer ones, models that match."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from newsgraph import api, cli
from newsgraph.errors import StorageError
from newsgraph.model import Article, Entity, Extraction
from newsgraph.store import GraphStore, database_url
from newsgraph.store.migrate import (
    BASELINE,
    BASELINE_COLUMNS,
    alembic_config,
    head_revision,
    include_object,
    schema_state,
)
from newsgraph.store.schema import FTS_TABLE, UNMODELLED_INDEXES, Base

NewDb = Callable[[], str]  # the `new_db` fixture of conftest.py: a new empty graph


def _one(article_id: str = "a") -> Extraction:
    body = "Selene Arc sang."
    return Extraction(
        Article(article_id, body),
        (Entity("e1", "Selene Arc", "PERSON", ("Selene Arc",)),),
        sentences=((0, len(body)),),
    )


def _exec(db: str, *statements: str) -> None:
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_migrate_new_database_is_created_at_head(new_db: NewDb) -> None:
    db = new_db()
    store = GraphStore(db)
    assert (store.revision_before, store.revision) == (None, head_revision())
    assert store.add_extraction(_one()) is True
    store.close()
    again = GraphStore(db)
    assert (again.revision_before, again.revision) == (head_revision(), head_revision())
    assert again.has_article("a")


def test_migrate_baseline_columns_are_what_the_baseline_creates(new_db: NewDb) -> None:
    db = new_db()
    GraphStore(db).close()
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), BASELINE)
            conn.commit()
            inspector = inspect(conn)
            tables = set(inspector.get_table_names())
            found = {
                t: frozenset(c["name"] for c in inspector.get_columns(t))
                for t in BASELINE_COLUMNS
                if t in tables
            }
            indexes = {i["name"] for t in tables for i in inspector.get_indexes(t)}
    finally:
        engine.dispose()
    assert found == BASELINE_COLUMNS
    assert "alembic_version" in tables
    if engine.dialect.name == "sqlite":
        assert FTS_TABLE in tables
    else:
        assert indexes >= UNMODELLED_INDEXES


def test_migrate_models_match_the_migrations(new_db: NewDb) -> None:
    """A model change without a revision fails here: autogenerate must find nothing to do."""
    db = new_db()
    GraphStore(db).close()
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"include_object": include_object, "compare_type": True},
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_migrate_downgrade_and_upgrade_again(new_db: NewDb) -> None:
    db = new_db()
    GraphStore(db).close()
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), "base")
            conn.commit()
            left = set(inspect(conn).get_table_names()) - {"alembic_version"}
            conn.rollback()
    finally:
        engine.dispose()
    assert left == set()
    store = GraphStore(db)
    assert store.revision_before is None
    assert store.add_extraction(_one()) is True
    assert [h.article for h in store.search_sentences(["sang"])] == ["a"]


def test_migrate_refuses_a_database_from_a_newer_newsgraph(new_db: NewDb) -> None:
    db = new_db()
    GraphStore(db).close()
    _exec(db, "UPDATE alembic_version SET version_num = 'f00dfeed'")
    with pytest.raises(StorageError, match="newer newsgraph") as info:
        GraphStore(db)
    assert "[NG200]" in str(info.value) and "f00dfeed" in str(info.value)
    result = CliRunner().invoke(cli.app, ["--db", db, "migrate"])
    assert result.exit_code == 4
    assert "newer newsgraph" in result.stderr


def _legacy(db: str) -> None:
    """A database as newsgraph made it before migrations: the baseline's tables, FTS5 on
    SQLite, no alembic_version."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            command.upgrade(alembic_config(conn), BASELINE)
            conn.execute(text("DROP TABLE alembic_version"))
            conn.commit()
    finally:
        engine.dispose()


def test_migrate_adopts_a_complete_database_made_before_migrations(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    _legacy(db)
    store = GraphStore(db)
    assert (store.revision_before, store.revision) == (None, head_revision())
    assert store.add_extraction(_one()) is True
    assert [h.article for h in store.search_sentences(["selene"])] == ["a"]
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            assert schema_state(conn).revision == head_revision()
    finally:
        engine.dispose()


def test_migrate_refuses_an_old_database_that_lacks_tables(new_db: NewDb) -> None:
    db = new_db()
    _legacy(db)
    _exec(db, "DROP TABLE local_keys")
    with pytest.raises(StorageError, match=r"before schema migrations.*local_keys"):
        GraphStore(db)


def test_migrate_without_upgrade_refuses_an_old_schema(new_db: NewDb) -> None:
    db = new_db()
    with pytest.raises(StorageError, match="migrate"):
        GraphStore(db, upgrade=False)
    GraphStore(db).close()
    assert GraphStore(db, upgrade=False).revision == head_revision()


def test_migrate_many_processes_opening_a_new_database_create_it_once(new_db: NewDb) -> None:
    db = new_db()
    errors: list[BaseException] = []
    revisions: list[str | None] = []

    def open_it() -> None:
        try:
            store = GraphStore(db)
            revisions.append(store.revision_before)
            store.close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(revisions) == 4 and revisions.count(None) == 1  # one of them migrated


def test_migrate_command_reports_what_it_did(new_db: NewDb) -> None:
    db = new_db()
    first = CliRunner().invoke(cli.app, ["--db", db, "migrate", "--json"])
    assert first.exit_code == 0, first.output
    done = json.loads(first.stdout)
    assert (done["from"], done["to"]) == (None, head_revision())
    assert done["dialect"] in ("sqlite", "postgresql")
    second = CliRunner().invoke(cli.app, ["--db", db, "migrate"])
    assert second.exit_code == 0 and "already at revision" in second.stdout
    assert api.migrate(db=db)["from"] == head_revision()


def test_migrate_baseline_is_the_first_revision() -> None:
    assert BASELINE == "0001"
    assert head_revision() == "0003"  # update the adoption rules when a revision is added


def test_migrate_view_signatures_are_filled_for_stored_articles(new_db: NewDb) -> None:
    """A graph stored before revision 0002 gets its signatures, so new articles still link."""
    db, fresh = new_db(), new_db()
    with GraphStore(db) as store:
        store.add_extraction(_one("a"))
        store.add_extraction(_one("b"))
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), BASELINE)
            conn.commit()
    finally:
        engine.dispose()
    with GraphStore(db) as store:
        assert store.revision_before == BASELINE
        assert store.add_extraction(_one("c")) is True
        migrated = store.export_json()
    with GraphStore(fresh) as store:
        for article in "abc":
            store.add_extraction(_one(article))
        assert migrated == store.export_json()
    assert len(migrated["entities"]) == 1


def _counts(db: str) -> list[tuple[str, str, str, int]]:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT e.gid, c.kind, c.value, c.articles FROM entity_counts c "
                    "JOIN entities e ON e.pk = c.entity_pk"
                )
            )
            return sorted((str(g), str(k), str(v), int(n)) for g, k, v, n in rows)
    finally:
        engine.dispose()


def test_migrate_entity_counts_are_filled_for_stored_articles(new_db: NewDb) -> None:
    """A graph stored before revision 0003 gets the name and type counts new articles update."""
    db, fresh = new_db(), new_db()
    sung = Extraction(
        Article("b", "Selene A. sang."),
        (Entity("e1", "Selene A.", "PERSON", ("Selene A.", "Selene Arc")),),
        sentences=((0, 15),),
    )
    with GraphStore(db) as store:
        store.add_extraction(_one("a"))
        store.add_extraction(sung)
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), "0002")
            conn.commit()
    finally:
        engine.dispose()
    with GraphStore(db) as store:
        assert store.revision_before == "0002"
        store.add_extraction(_one("c"))
    with GraphStore(fresh) as store:
        for extraction in (_one("a"), sung, _one("c")):
            store.add_extraction(extraction)
    assert _counts(db) == _counts(fresh)
    assert ("person:selene-arc", "name", "Selene Arc", 2) in _counts(db)

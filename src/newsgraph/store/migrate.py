"""Schema migrations: Alembic, configured from code (no ini file), for SQLite and PostgreSQL.

:class:`~newsgraph.store.GraphStore` calls :func:`ensure_schema` when it opens a database:

- a database at the head revision is only read (so read-only files and locked databases open);
- an empty database, or one at an older revision, is upgraded to head in one transaction, under
  a lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so that several processes
  opening the same new database at once create it once;
- a database whose revision this code does not know (made by a newer newsgraph) is refused;
- a database made before migrations existed (tables but no ``alembic_version``) is stamped at
  :data:`BASELINE` when it has every table and column of that revision, and refused otherwise.

New revisions: ``alembic.command.revision(alembic_config(url=...), message, autogenerate=True)``
against a database at head writes a file to ``migrations/versions``; add dialect-specific SQL by
hand (``op.get_bind().dialect.name``), as the baseline does for full-text search.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from newsgraph.errors import StorageError
from newsgraph.store.schema import FTS_TABLE, PG_TEXT_CONFIG, UNMODELLED_INDEXES

__all__ = [
    "BASELINE",
    "SchemaState",
    "alembic_config",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "include_object",
    "schema_state",
]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
"""The revision that creates the schema newsgraph had before it used migrations."""

# Every table and column of BASELINE, frozen: a database without ``alembic_version`` is adopted
# only when it has all of them (tests check this list against what BASELINE creates).
BASELINE_COLUMNS: dict[str, frozenset[str]] = {
    table: frozenset(columns.split())
    for table, columns in {
        "articles": "id url title published source text ingested_at",
        "sentences": "article_id index start end text",
        "entities": "pk gid base name type subtype external_ids",
        "aliases": "pk entity_pk alias key matchable",
        "article_entities": "article_id local_id entity_pk name type",
        "mentions": "pk entity_pk article_id local_id text start end sentence",
        "relations": "pk s_pk p o_pk",
        "events": "pk type subject_pk date scope precision date_text place_text",
        "reasons": "pk agent_pk effect cause effect_key cause_key kind cue",
        "quotes": "pk speaker_pk text text_key cue",
        "relation_sources": "pk article_id sentence start end text fact_pk",
        "event_sources": "pk article_id sentence start end text fact_pk place_pk",
        "reason_sources": "pk article_id sentence start end text fact_pk attributed_pk",
        "quote_sources": "pk article_id sentence start end text fact_pk",
        "skips": "pk source code reason seen_at",
        "extractions": "article_id data",
        "local_entities": "article_id local_id data constrained",
        "local_keys": "pk key article_id local_id",
        "merge_reasons": "pk article_id local_id other_article other_local rule score detail",
        "decisions": "pk kind anchor other selector value note made_at",
    }.items()
}

# Any constant works: it only has to be the same in every newsgraph process.
_PG_LOCK_KEY = 0x6E67_5343  # "ngSC"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Keep the unmodelled full-text tables and indexes out of autogenerate's comparison."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    return not (type_ == "index" and name in UNMODELLED_INDEXES)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config for our migrations: with ``connection`` (runs in its transaction) or
    ``url`` (for offline ``--sql`` output and for writing new revisions)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this code knows."""
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships BASELINE
        raise StorageError("no schema revisions are installed with newsgraph")
    return head


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None (no ``alembic_version`` table)."""
    return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class SchemaState:
    """What a database holds: its revision, and whether it has our tables at all."""

    revision: str | None
    head: str
    has_tables: bool
    missing: tuple[str, ...] = ()
    """For a database without a revision: the BASELINE tables or columns it lacks."""

    @property
    def current(self) -> bool:
        return self.revision == self.head

    @property
    def newer(self) -> bool:
        """Stamped with a revision this code does not know: made by a newer newsgraph."""
        return self.revision is not None and not _known(self.revision)


def schema_state(connection: Connection) -> SchemaState:
    """Read (never write) the schema state of the database behind ``connection``."""
    revision = current_revision(connection)
    head = head_revision()
    if revision is not None:
        return SchemaState(revision, head, True)
    inspector = inspect(connection)
    tables = set(inspector.get_table_names())
    if "articles" not in tables:
        return SchemaState(None, head, False)
    missing: list[str] = []
    for table, columns in sorted(BASELINE_COLUMNS.items()):
        if table not in tables:
            missing.append(table)
            continue
        have = {c["name"] for c in inspector.get_columns(table)}
        missing.extend(f"{table}.{c}" for c in sorted(columns - have))
    if connection.dialect.name == "sqlite" and FTS_TABLE not in tables:
        missing.append(FTS_TABLE)
    if connection.dialect.name == "postgresql":
        found = connection.execute(
            text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name"), {"name": PG_TEXT_CONFIG}
        ).first()
        if found is None:
            missing.append(f"text search configuration {PG_TEXT_CONFIG}")
    return SchemaState(None, head, True, tuple(missing))


def _check(state: SchemaState, where: str) -> None:
    if state.newer:
        raise StorageError(
            f"{where} has schema revision {state.revision!r}, which this newsgraph does not "
            f"know (its newest is {state.head!r}): it was written by a newer newsgraph; "
            "upgrade newsgraph to open it"
        )
    if state.has_tables and state.revision is None and state.missing:
        shown = ", ".join(state.missing[:5]) + (" ..." if len(state.missing) > 5 else "")
        raise StorageError(
            f"{where} was made by an old newsgraph, before schema migrations, and lacks {shown}; "
            "it cannot be upgraded in place: re-ingest its articles into a new database"
        )


def _lock(connection: Connection, timeout: float) -> None:
    """Begin the migration transaction holding the database's schema lock."""
    if connection.dialect.name == "sqlite":
        # pysqlite would start its transaction only at the first INSERT; DDL must be inside it.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.execute(text(f"SET LOCAL lock_timeout = '{max(int(timeout * 1000), 1)}ms'"))
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def ensure_schema(
    engine: Engine, *, where: str, upgrade: bool = True, timeout: float = 10.0
) -> tuple[str | None, str]:
    """Bring the database to the head revision (see the module docstring); returns the
    revision before and after. With ``upgrade=False`` an out-of-date database is refused
    instead. Raises StorageError for a database newsgraph cannot use; driver errors pass
    through for the caller to word."""
    with engine.connect() as connection:
        state = schema_state(connection)
        connection.rollback()
    _check(state, where)
    if state.current:
        return state.revision, state.head
    if not upgrade:
        shown = state.revision or ("no revision" if state.has_tables else "empty")
        raise StorageError(
            f"{where} has schema revision {shown}, not {state.head}: run `newsgraph --db ... "
            "migrate` to upgrade it"
        )
    with engine.connect() as connection:
        _lock(connection, timeout)
        state = schema_state(connection)  # another process may have migrated meanwhile
        _check(state, where)
        if not state.current:
            config = alembic_config(connection)
            if state.has_tables and state.revision is None:
                command.stamp(config, BASELINE)
            command.upgrade(config, "head")
        connection.commit()
    return state.revision, state.head

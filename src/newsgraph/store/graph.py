"""The graph store: one SQLite (or other SQLAlchemy) database holding the merged, sourced graph.

Guarantees: each article is written in one transaction (all of it or none of it); re-ingesting an
article changes nothing; the exported graph does not depend on the order articles were ingested in.
Database trouble (read-only file, lock held too long, unreachable server) raises
:class:`~newsgraph.errors.StorageError` with the reason, never a bare driver exception.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    create_engine,
    event,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from newsgraph.errors import ConfigError, QueryError, StorageError
from newsgraph.model import SYMMETRIC_RELATIONS, Count, Extraction, Skip
from newsgraph.resolve.link import Decision
from newsgraph.resolve.local import ref_of
from newsgraph.resolve.names import SHORT_KEY_MAX, name_key
from newsgraph.store import codec
from newsgraph.store.claims import (
    Conflict,
    CountClaim,
    SingleValued,
    count_claims,
    count_conflicts,
    event_conflicts,
    outlet_of,
    role_conflicts,
)
from newsgraph.store.migrate import ensure_schema
from newsgraph.store.records import (
    ArticleRecord,
    EntityRecord,
    EventRecord,
    ReasonRecord,
    RelationRecord,
    SentenceHit,
    Source,
)
from newsgraph.store.schema import (
    FTS_TABLE,
    PG_TEXT_CONFIG,
    AliasRow,
    ArticleEntityRow,
    ArticleRow,
    DecisionRow,
    EntityRow,
    EventRow,
    EventSourceRow,
    ExtractionRow,
    MentionRow,
    MergeReasonRow,
    QuoteRow,
    ReasonRow,
    ReasonSourceRow,
    RelationRow,
    RelationSourceRow,
    SentenceRow,
    SkipRow,
)
from newsgraph.store.sql import in_batches
from newsgraph.store.writer import (
    ArticleWriter,
    NeedsRebuild,
    load_decisions,
    load_views,
    rebuild_graph,
)

_WORD = re.compile(r"\w+")
# What codec.dumps writes for an extraction with at least one count (none is '"counts":[]'):
# a plain substring, so the filter is the same LIKE on SQLite and PostgreSQL.
_HAS_COUNTS = '"counts":[{'
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

_Names = dict[int, tuple[str, str]]  # entity pk -> (global id, name)


class _SourceRow(NamedTuple):
    """One source of a fact as read: the Source, the entity it carries (an event's place, a
    reason's speaker), and its article's outlet and date seen (see :func:`claim_window`)."""

    source: Source
    entity: int | None
    outlet: str
    seen: str | None


def database_url(url_or_path: str) -> str:
    """A SQLAlchemy URL: URLs pass through, a plain path ``P`` becomes ``sqlite:///P``."""
    if "://" in url_or_path:
        return url_or_path
    if url_or_path in ("", ":memory:"):
        return "sqlite://"
    return f"sqlite:///{url_or_path}"


_WRITE_LOCK_KEY = 0x6E67_5752  # any constant shared by every newsgraph writer ("ngWR")


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    """WAL journal and enforced foreign keys on every SQLite connection."""
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        # A read-only database keeps its journal mode; writes will report it clearly.
        with suppress(sqlite3.OperationalError):
            cur.execute("PRAGMA journal_mode=WAL")
    finally:
        cur.close()


class GraphStore:
    """The merged knowledge graph in a database given by URL or plain SQLite path.

    ``timeout`` is how many seconds a writer waits for another writer's lock before giving up
    with a :class:`StorageError` (on PostgreSQL also the connect timeout). Opening brings the
    schema to the newest revision (see :mod:`newsgraph.store.migrate`); with ``upgrade=False``
    an out-of-date database is refused instead. Readers never wait for the writer: SQLite runs
    in WAL mode, PostgreSQL reads a consistent snapshot (MVCC).
    """

    def __init__(self, url_or_path: str, *, timeout: float = 10.0, upgrade: bool = True) -> None:
        self.url = database_url(url_or_path)
        self.timeout = timeout
        self._engine = self._connect()
        self._is_sqlite = self._engine.dialect.name == "sqlite"
        self._is_postgres = self._engine.dialect.name == "postgresql"
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self.revision_before, self.revision = self._migrate(upgrade)

    @property
    def shown_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return _shown(self.url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql`` (or another SQLAlchemy dialect name)."""
        return self._engine.dialect.name

    # ------------------------------------------------------------- plumbing

    def _connect(self) -> Engine:
        url = self.url
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": self.timeout}
            if url in ("sqlite://", "sqlite:///:memory:"):
                kwargs["poolclass"] = StaticPool
                kwargs["connect_args"]["check_same_thread"] = False
            else:
                path = url.split("///", 1)[1].split("?", 1)[0] if "///" in url else ""
                if path and not path.startswith("file:"):
                    parent = Path(path).expanduser().resolve().parent
                    if not parent.is_dir():
                        raise StorageError(f"cannot open database {path!r}: no folder {parent}")
        elif url.startswith("postgresql"):
            connect: dict[str, Any] = {"connect_timeout": max(1, round(self.timeout))}
            if "options=" not in url:
                connect["options"] = "-c timezone=UTC"  # timestamps are stored as UTC
            kwargs["connect_args"] = connect
        try:
            engine = create_engine(url, **kwargs)
        except ModuleNotFoundError as exc:
            if "psycopg" in str(exc):
                raise ConfigError(
                    f"cannot open {_shown(url)}: PostgreSQL needs the driver; "
                    "install newsgraph[postgres]"
                ) from exc
            raise StorageError(f"cannot open database {_shown(url)!r}: {exc}") from exc
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StorageError(f"cannot open database {_shown(url)!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _on_connect)
        return engine

    def _migrate(self, upgrade: bool) -> tuple[str | None, str]:
        try:
            return ensure_schema(
                self._engine, where=self.shown_url, upgrade=upgrade, timeout=self.timeout
            )
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise self._error(exc, "open the graph") from exc
        except StorageError:
            self._engine.dispose()
            raise

    def _error(self, exc: BaseException, doing: str) -> StorageError:
        """A StorageError that says what went wrong in words a user can act on."""
        detail = str(getattr(exc, "orig", None) or exc)
        low = detail.lower()
        if "readonly" in low or "read-only" in low or "read only" in low:
            why = "the database is read-only"
        elif "locked" in low or "busy" in low or "lock timeout" in low:
            why = f"the database is locked by another writer (waited {self.timeout:g}s)"
        elif "unable to open" in low:
            why = "the database file cannot be opened"
        elif "connection refused" in low or "could not connect" in low or "timeout expired" in low:
            why = f"the database server cannot be reached ({detail.strip().splitlines()[0]})"
        elif "permission denied" in low:
            why = f"the database user lacks a privilege ({detail.strip().splitlines()[0]})"
        else:
            why = detail
        return StorageError(f"cannot {doing} in {self.shown_url}: {why}")

    def _write_lock(self, session: Session) -> None:
        """Serialise writers. SQLite does it with its file lock; on PostgreSQL, a transaction
        advisory lock, so that resolution always sees every committed article."""
        if self._is_postgres:
            timeout_ms = max(int(self.timeout * 1000), 1)
            session.execute(text(f"SET LOCAL lock_timeout = '{timeout_ms}ms'"))
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as exc:
            raise self._error(exc, "read the graph") from exc

    def close(self) -> None:
        """Release every pooled connection."""
        self._engine.dispose()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --------------------------------------------------------------- writing

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored already (so ingesting it again is a no-op)."""
        with self._read() as session:
            return session.get(ArticleRow, article_id) is not None

    def add_extraction(self, extraction: Extraction) -> bool:
        """Add one article's extraction in one transaction; False if it was stored already."""
        article_id = extraction.article.id
        try:
            with self._sessions.begin() as session:
                self._write_lock(session)
                if session.get(ArticleRow, article_id) is not None:
                    return False
                writer = ArticleWriter(
                    session, extraction, fts=self._is_sqlite, decisions=load_decisions(session)
                )
                try:
                    writer.run()
                except NeedsRebuild:
                    rebuild_graph(session, fts=self._is_sqlite)
        except IntegrityError as exc:
            if self.has_article(article_id):  # another writer stored it first
                return False
            raise self._error(exc, f"store article {article_id!r}") from exc
        except SQLAlchemyError as exc:
            raise self._error(exc, f"store article {article_id!r}") from exc
        return True

    def record_skip(self, skip: Skip) -> None:
        """Remember an input that was not ingested; the same source and code is kept once."""
        try:
            with self._sessions.begin() as session:
                insert = postgresql.insert if self._is_postgres else sqlite.insert
                session.execute(
                    insert(SkipRow)
                    .values(
                        source=skip.source,
                        code=skip.code,
                        reason=skip.reason,
                        seen_at=datetime.now(UTC),
                    )
                    .on_conflict_do_nothing(index_elements=["source", "code"])
                )
        except SQLAlchemyError as exc:
            raise self._error(exc, f"record the skip of {skip.source!r}") from exc

    # --------------------------------------------------------------- reading

    def stats(self) -> dict[str, Any]:
        """Row counts: articles, entities, relations, events, reasons, quotes, and skips by code."""
        with self._read() as session:
            counts: dict[str, Any] = {}
            for name, model in (
                ("articles", ArticleRow),
                ("entities", EntityRow),
                ("relations", RelationRow),
                ("events", EventRow),
                ("reasons", ReasonRow),
                ("quotes", QuoteRow),
            ):
                counts[name] = session.scalar(select(func.count()).select_from(model)) or 0
            skips = session.execute(select(SkipRow.code, func.count()).group_by(SkipRow.code))
            counts["skips"] = {code: n for code, n in sorted(skips.all())}
            return counts

    def export_json(self) -> dict[str, Any]:
        """The whole graph as the ``export --format json`` contract, sorted to be reproducible."""
        with self._read() as session:
            aliases: dict[int, set[str]] = defaultdict(set)
            for pk, alias in session.execute(select(AliasRow.entity_pk, AliasRow.alias)):
                aliases[pk].add(alias)
            mentions: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for m in session.scalars(select(MentionRow)):
                mentions[m.entity_pk].append(
                    {
                        "article": m.article_id,
                        "text": m.text,
                        "start": m.start,
                        "end": m.end,
                        "sentence": m.sentence,
                    }
                )
            entities: list[dict[str, Any]] = []
            for row in session.scalars(select(EntityRow)):
                entities.append(
                    {
                        "id": row.gid,
                        "name": row.name,
                        "type": row.type,
                        "aliases": sorted(aliases[row.pk]),
                        "mentions": sorted(
                            mentions[row.pk],
                            key=lambda m: (m["article"], m["start"], m["end"], m["text"]),
                        ),
                    }
                )
            entities.sort(key=lambda e: e["id"])
            everyone = self._all_names(session)
            relations = self._relations(session, select(RelationRow), everyone)
            events = self._events(session, select(EventRow), everyone)
            reasons = self._reasons(session, select(ReasonRow), everyone)
        return {
            "entities": entities,
            "relations": [r.to_json() for r in relations],
            "events": [e.to_json() for e in events],
            "reasons": [r.to_json() for r in reasons],
        }

    # ---------------------------------------------------------- query helpers

    def entity(self, entity_id: str) -> EntityRecord | None:
        """The global entity with this id, or None."""
        with self._read() as session:
            row = session.scalar(select(EntityRow).where(EntityRow.gid == entity_id))
            return None if row is None else self._entity_record(session, row)

    def find_entities(self, keys: Collection[str]) -> dict[str, list[EntityRecord]]:
        """Entities by alias key (see :func:`~newsgraph.resolve.name_key`), sorted by id.

        A short key ("v", "iu") only finds entities whose canonical name is that short, as in
        merging, so a question's "V" does not find everyone who was once called V in passing.
        """
        if not keys:
            return {}
        with self._read() as session:
            rows = session.execute(
                select(AliasRow.key, AliasRow.entity_pk)
                .where(AliasRow.key.in_(sorted(set(keys))))
                .where(or_(func.length(AliasRow.key) > SHORT_KEY_MAX, AliasRow.matchable.is_(True)))
                .distinct()
            )
            found: dict[str, set[int]] = defaultdict(set)
            for key, pk in rows:
                found[key].add(pk)
            records = self._entity_records(session, {pk for pks in found.values() for pk in pks})
            return {
                key: sorted((records[pk] for pk in pks), key=lambda r: r.id)
                for key, pks in found.items()
            }

    def relations_touching(
        self, entity_id: str, predicates: Collection[str] | None = None
    ) -> list[RelationRecord]:
        """Relations with this entity as subject or object, optionally only these predicates."""
        with self._read() as session:
            pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == entity_id))
            if pk is None:
                return []
            query = select(RelationRow).where(or_(RelationRow.s_pk == pk, RelationRow.o_pk == pk))
            if predicates is not None:
                query = query.where(RelationRow.p.in_(sorted(predicates)))
            return self._relations(session, query)

    def reasons_by_agent(self, entity_id: str) -> list[ReasonRecord]:
        """Every reason whose agent is this entity."""
        with self._read() as session:
            pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == entity_id))
            if pk is None:
                return []
            query = select(ReasonRow).where(ReasonRow.agent_pk == pk)
            return self._reasons(session, query)

    def reasons_with_words(self, words: Sequence[str], limit: int = 50) -> list[ReasonRecord]:
        """Reasons whose effect contains any of these (lowercase) words, for agent-less 'why'."""
        clean = [w for w in (w.casefold() for w in words) if _WORD.fullmatch(w)]
        if not clean:
            return []
        with self._read() as session:
            padded = " " + ReasonRow.effect_key + " "
            query = (
                select(ReasonRow)
                .where(or_(*(padded.contains(f" {w} ") for w in clean)))
                .order_by(ReasonRow.pk)
                .limit(limit)
            )
            return self._reasons(session, query)

    def events_by_subject(
        self, entity_id: str, types: Collection[str] | None = None
    ) -> list[EventRecord]:
        """Events whose subject is this entity, optionally only of these types."""
        with self._read() as session:
            pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == entity_id))
            if pk is None:
                return []
            query = select(EventRow).where(EventRow.subject_pk == pk)
            if types is not None:
                query = query.where(EventRow.type.in_(sorted(types)))
            return self._events(session, query)

    def search_sentences(self, terms: Sequence[str], limit: int = 5) -> list[SentenceHit]:
        """Sentences containing any of the terms, most terms first (then the database's text
        rank: FTS5 bm25 on SQLite, ``ts_rank`` on PostgreSQL; which rows match is the same).

        A term ending in ``*`` matches as a prefix, and so does a Hangul term, since Korean
        particles are written onto the word (뷔 finds 뷔가). Case and accents are ignored.
        Terms are words; anything else is dropped.
        """
        words = [(t.rstrip("*").casefold(), t.endswith("*")) for t in terms]
        words = [(w, p or bool(_HANGUL.search(w))) for w, p in words if _WORD.fullmatch(w)]
        if not words:
            return []
        n = max(limit * 10, 50)
        with self._read() as session:
            if self._is_sqlite:
                match = " OR ".join(f'"{w}"' + ("*" if p else "") for w, p in words)
                rows = session.execute(
                    text(
                        f"SELECT article_id, sentence, text FROM {FTS_TABLE} "
                        f"WHERE {FTS_TABLE} MATCH :match ORDER BY bm25({FTS_TABLE}) LIMIT :n"
                    ),
                    {"match": match, "n": n},
                )
                found = [(str(a), int(s), str(t)) for a, s, t in rows]
            elif self._is_postgres:
                # Same expression as the GIN index of the baseline revision, so it is used.
                vector = f"to_tsvector('{PG_TEXT_CONFIG}'::regconfig, text)"
                query = f"to_tsquery('{PG_TEXT_CONFIG}'::regconfig, :query)"
                rows = session.execute(
                    text(
                        f'SELECT article_id, "index", text FROM sentences '
                        f"WHERE {vector} @@ {query} "
                        f'ORDER BY ts_rank({vector}, {query}) DESC, article_id, "index" LIMIT :n'
                    ),
                    {"query": " | ".join(f"'{w}'" + (":*" if p else "") for w, p in words), "n": n},
                )
                found = [(str(a), int(s), str(t)) for a, s, t in rows]
            else:
                likes = [SentenceRow.text.ilike(f"%{w}%") for w, _ in words]
                found = [
                    (r.article_id, r.idx, r.text)
                    for r in session.scalars(select(SentenceRow).where(or_(*likes)).limit(500))
                ]
        hits = []
        for rank, (article, sentence, sent) in enumerate(found):
            tokens = [t.casefold() for t in _WORD.findall(sent)]
            matched = sum(
                1
                for w, prefix in words
                if any(tok == w or (prefix and tok.startswith(w)) for tok in tokens)
            )
            hits.append((-matched, rank, SentenceHit(article, sentence, sent, matched)))
        hits.sort(key=lambda h: (h[0], h[1]))
        return [h[2] for h in hits[:limit]]

    # ------------------------------------------------------- browsing (serve)

    def search_entities(
        self, query: str = "", *, type: str | None = None, offset: int = 0, limit: int = 20
    ) -> tuple[int, list[EntityRecord]]:
        """Entities with an alias containing ``query`` (spelling-insensitive, as alias keys are),
        exact alias matches first, then by name; with the total count, for paging."""
        key = name_key(query.strip())
        conditions: list[ColumnElement[bool]] = []
        exact: Any = literal(False)
        if key:
            escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            conditions.append(
                EntityRow.pk.in_(
                    select(AliasRow.entity_pk).where(AliasRow.key.like(pattern, escape="\\"))
                )
            )
            exact = EntityRow.pk.in_(select(AliasRow.entity_pk).where(AliasRow.key == key))
        if type:
            conditions.append(EntityRow.type == type)
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(EntityRow).where(*conditions))
            rows = session.scalars(
                select(EntityRow)
                .where(*conditions)
                .order_by(exact.desc(), EntityRow.name, EntityRow.gid)
                .offset(max(offset, 0))
                .limit(max(limit, 0))
            )
            return total or 0, [self._entity_record(session, row) for row in rows]

    def external_ids(self, entity_id: str) -> dict[str, str]:
        """The entity's ids in other knowledge bases (``wikidata``: ``Q…``); empty if unknown."""
        with self._read() as session:
            raw = session.scalar(select(EntityRow.external_ids).where(EntityRow.gid == entity_id))
        try:
            ids = json.loads(raw or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in ids.items()} if isinstance(ids, dict) else {}

    def articles(self, article_ids: Collection[str]) -> dict[str, ArticleRecord]:
        """Metadata of these stored articles, by id (unknown ids are left out)."""
        ids = sorted(set(article_ids))
        found: dict[str, ArticleRecord] = {}
        with self._read() as session:
            for part in in_batches(ids, 500):
                query = select(ArticleRow).where(ArticleRow.id.in_(part))
                for row in session.scalars(query):
                    found[row.id] = ArticleRecord(row.id, row.url, row.title, row.published)
        return found

    def articles_mentioning(self, entity_id: str) -> list[ArticleRecord]:
        """The articles that name this entity, newest first."""
        with self._read() as session:
            query = (  # metadata columns only: not each article's whole text
                select(ArticleRow.id, ArticleRow.url, ArticleRow.title, ArticleRow.published)
                .join(ArticleEntityRow, ArticleEntityRow.article_id == ArticleRow.id)
                .join(EntityRow, EntityRow.pk == ArticleEntityRow.entity_pk)
                .where(EntityRow.gid == entity_id)
                .distinct()
            )
            rows = [ArticleRecord(*r) for r in session.connection().execute(query)]
        return sorted(rows, key=lambda a: (a.published or "", a.id), reverse=True)

    def list_relations(
        self, *, predicate: str | None = None, offset: int = 0, limit: int = 50
    ) -> tuple[int, list[RelationRecord]]:
        """A page of relations (optionally one predicate), in storage order; with the total."""
        where = [RelationRow.p == predicate] if predicate else []
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(RelationRow).where(*where))
            query = (
                select(RelationRow)
                .where(*where)
                .order_by(RelationRow.pk)
                .offset(max(offset, 0))
                .limit(max(limit, 0))
            )
            return total or 0, self._relations(session, query)

    def list_events(
        self, *, type: str | None = None, offset: int = 0, limit: int = 50
    ) -> tuple[int, list[EventRecord]]:
        """A page of the timeline: events by date (undated last), optionally one type."""
        where = [EventRow.type == type] if type else []
        with self._read() as session:
            total = session.scalar(select(func.count()).select_from(EventRow).where(*where))
            query = (
                select(EventRow)
                .where(*where)
                .order_by(EventRow.date.is_(None), EventRow.date, EventRow.pk)
                .offset(max(offset, 0))
                .limit(max(limit, 0))
            )
            events = self._events(session, query)
        events.sort(key=lambda e: (e.date is None, e.date or "", e.type, e.subject or ""))
        return total or 0, events

    def list_reasons(
        self, *, agent: str | None = None, offset: int = 0, limit: int = 50
    ) -> tuple[int, list[ReasonRecord]]:
        """A page of reasons (optionally one agent's), in storage order; with the total."""
        with self._read() as session:
            where = []
            if agent is not None:
                where.append(
                    ReasonRow.agent_pk
                    == select(EntityRow.pk).where(EntityRow.gid == agent).scalar_subquery()
                )
            total = session.scalar(select(func.count()).select_from(ReasonRow).where(*where))
            query = (
                select(ReasonRow)
                .where(*where)
                .order_by(ReasonRow.pk)
                .offset(max(offset, 0))
                .limit(max(limit, 0))
            )
            return total or 0, self._reasons(session, query)

    # ------------------------------------------------- resolution, claims, conflicts

    def resolve_entity(self, entity: str) -> EntityRecord | None:
        """The entity with this id, else the one an alias names (the one most articles mention,
        then the smallest id), else None."""
        found = self.entity(entity)
        if found is not None:
            return found
        key = name_key(entity.strip())
        if not key:
            return None
        with self._read() as session:
            rows = session.execute(
                select(EntityRow.gid, func.count(func.distinct(ArticleEntityRow.article_id)))
                .join(AliasRow, AliasRow.entity_pk == EntityRow.pk)
                .join(ArticleEntityRow, ArticleEntityRow.entity_pk == EntityRow.pk, isouter=True)
                .where(AliasRow.key == key)
                .group_by(EntityRow.gid)
            ).all()
        if not rows:
            return None
        gid = min(rows, key=lambda r: (-r[1], r[0]))[0]
        return self.entity(gid)

    def count_claims(self, entity: str | None = None) -> list[CountClaim]:
        """Counts stated about entities, as claims: equal counts of one fact from several
        articles are one claim with all their sources. With ``entity`` (a global id), only counts
        about it.

        Counts are kept in the stored extractions (not in tables of their own), so only the
        extractions holding a count are read, and each count's article-local subject is mapped
        to its global entity as resolution left it (``article_entities``).
        """
        with self._read() as session:
            has_counts = ExtractionRow.data.contains(_HAS_COUNTS)
            if entity is None:
                queries = [select(ExtractionRow.article_id, ExtractionRow.data).where(has_counts)]
            else:
                pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == entity))
                if pk is None:
                    return []
                # The articles naming it first (an index), then only their blobs: a LIKE over
                # every stored blob costs as much for a rare entity as for a popular one.
                mentioning = list(  # in the database's order, so chunks keep it
                    session.scalars(
                        select(ArticleEntityRow.article_id)
                        .where(ArticleEntityRow.entity_pk == pk)
                        .distinct()
                        .order_by(ArticleEntityRow.article_id)
                    )
                )
                queries = [
                    select(ExtractionRow.article_id, ExtractionRow.data).where(
                        ExtractionRow.article_id.in_(mentioning[i : i + 500]), has_counts
                    )
                    for i in range(0, len(mentioning), 500)
                ]
            local: list[tuple[str, Count]] = []
            for query in queries:
                # Streamed (a server-side cursor on PostgreSQL): a blob holds the article's text.
                query = query.order_by(ExtractionRow.article_id).execution_options(yield_per=200)
                for article_id, data in session.execute(query):
                    local.extend((article_id, c) for c in codec.loads_counts(data))
            if not local:
                return []
            articles = sorted({a for a, _ in local})
            global_pk: dict[tuple[str, str], int] = {}
            for part in in_batches(articles, 500):
                rows = session.execute(
                    select(
                        ArticleEntityRow.article_id,
                        ArticleEntityRow.local_id,
                        ArticleEntityRow.entity_pk,
                    ).where(ArticleEntityRow.article_id.in_(part))
                )
                global_pk.update({(a, lid): pk for a, lid, pk in rows})
            pks = sorted(set(global_pk.values()))
            entities: dict[int, tuple[str, str]] = {}
            for pk_part in in_batches(pks, 500):
                found = session.execute(
                    select(EntityRow.pk, EntityRow.gid, EntityRow.name).where(
                        EntityRow.pk.in_(pk_part)
                    )
                )
                entities.update({pk: (gid, name) for pk, gid, name in found})
            meta = self._claim_meta(session, articles)
        stated: list[tuple[str, Count]] = []
        names: dict[str, str] = {}
        for article_id, count in local:
            pk = global_pk.get((article_id, count.subject))
            if pk is None or pk not in entities:
                continue  # its subject was not stored as an entity: a count of nothing
            gid, name = entities[pk]
            if entity is not None and gid != entity:
                continue
            names[gid] = name
            stated.append((article_id, replace(count, subject=gid)))
        return count_claims(stated, names, meta)

    def conflicts(self) -> list[Conflict]:
        """Where sources disagree: single-valued events on different dates, single-valued roles
        held by different people, and counts that cannot all be true (see
        :mod:`newsgraph.store.claims`)."""
        rules = SingleValued.load()
        with self._read() as session:
            everyone = self._all_names(session)
            types = {
                gid: etype for gid, etype in session.execute(select(EntityRow.gid, EntityRow.type))
            }
            subtypes = {
                gid: sub for gid, sub in session.execute(select(EntityRow.gid, EntityRow.subtype))
            }
            events = self._events(
                session,
                select(EventRow).where(
                    EventRow.type.in_(sorted(rules.events)), EventRow.date.is_not(None)
                ),
                everyone,
            )
            relations = self._relations(
                session,
                select(RelationRow).where(RelationRow.p.in_(sorted(rules.relations))),
                everyone,
            )
        return (
            event_conflicts(events, types, rules)
            + role_conflicts(relations, subtypes, rules)
            + count_conflicts(self.count_claims())
        )

    def show(self, entity: str) -> dict[str, Any] | None:
        """A profile of one entity (id or alias): names, ids, relations both ways, a timeline of
        dated events, reasons with who gave them, counts stated about it, and the articles that
        mention it."""
        record = self.resolve_entity(entity)
        if record is None:
            return None
        with self._read() as session:
            row = session.scalar(select(EntityRow).where(EntityRow.gid == record.id))
            subtype = row.subtype if row is not None else None
            names = {
                gid: name for gid, name in session.execute(select(EntityRow.gid, EntityRow.name))
            }
        ids = self.external_ids(record.id)
        relations = []
        for rel in self.relations_touching(record.id):
            outgoing = rel.s == record.id
            relations.append(
                {
                    "direction": "out" if outgoing else "in",
                    "p": rel.p,
                    "other": rel.o if outgoing else rel.s,
                    "other_name": rel.o_name if outgoing else rel.s_name,
                    **rel.to_json(),
                }
            )
        relations.sort(key=lambda r: (-r["support"], r["p"], r["other"]))
        events = sorted(
            self.events_by_subject(record.id),
            key=lambda e: (e.date is None, e.date or "", e.type),
        )
        reasons = [
            {**r.to_json(), "attributed_name": names.get(r.attributed_to or "")}
            for r in self.reasons_by_agent(record.id)
        ]
        articles = self.articles_mentioning(record.id)
        return {
            "id": record.id,
            "name": record.name,
            "type": record.type,
            "subtype": subtype,
            "aliases": list(record.aliases),
            "external_ids": ids,
            "wikidata_url": (
                f"https://www.wikidata.org/wiki/{ids['wikidata']}" if "wikidata" in ids else None
            ),
            "relations": relations,
            "timeline": [e.to_json() for e in events],
            "reasons": reasons,
            "counts": [c.to_json() for c in self.count_claims(record.id)],
            "sources": [
                {
                    "article": a.id,
                    "url": a.url,
                    "title": a.title,
                    "published": a.published,
                    "outlet": outlet_of(a.url, a.id),
                }
                for a in articles
            ],
        }

    def explain(self, entity: str) -> dict[str, Any] | None:
        """Why an entity holds what it holds: each article's local entity, the rules that joined
        it (Wikidata id, exact key, press spelling, fuzzy score, shared context, a decision),
        and the user decisions that concern it."""
        record = self.resolve_entity(entity)
        if record is None:
            return None
        with self._read() as session:
            pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == record.id))
            members = session.execute(
                select(
                    ArticleEntityRow.article_id,
                    ArticleEntityRow.local_id,
                    ArticleEntityRow.name,
                    ArticleEntityRow.type,
                )
                .where(ArticleEntityRow.entity_pk == pk)
                .order_by(ArticleEntityRow.article_id, ArticleEntityRow.local_id)
            ).all()
            refs = {(a, lid) for a, lid, _, _ in members}
            local_names = {
                (a, lid): n
                for a, lid, n in session.execute(
                    select(
                        ArticleEntityRow.article_id,
                        ArticleEntityRow.local_id,
                        ArticleEntityRow.name,
                    )
                )
            }
            reasons = session.scalars(select(MergeReasonRow).order_by(MergeReasonRow.pk)).all()
            by_ref: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
            for r in reasons:
                a, b = (r.article_id, r.local_id), (r.other_article, r.other_local)
                for me, other in ((a, b), (b, a)):
                    if me in refs and other in refs:
                        by_ref[me].append(
                            {
                                "rule": r.rule,
                                "score": r.score,
                                "detail": r.detail,
                                "with_article": other[0],
                                "with_local": other[1],
                                "with_name": local_names.get(other, ""),
                            }
                        )
            decision_rows = session.scalars(select(DecisionRow).order_by(DecisionRow.pk)).all()
        member_refs = {ref_of(a, lid) for a, lid in refs}
        decisions = [
            _decision_json(d)
            for d in decision_rows
            if d.anchor in member_refs
            or d.other in member_refs
            or (d.selector == "alias" and d.value in {name_key(x) for x in record.aliases})
        ]
        return {
            "id": record.id,
            "name": record.name,
            "type": record.type,
            "aliases": list(record.aliases),
            "members": [
                {
                    "article": a,
                    "local": lid,
                    "name": name,
                    "type": etype,
                    "joined_by": sorted(
                        by_ref[(a, lid)],
                        key=lambda x: (x["rule"], x["with_article"], x["with_local"]),
                    ),
                }
                for a, lid, name, etype in members
            ],
            "decisions": decisions,
        }

    def decisions(self) -> list[dict[str, Any]]:
        """Every user merge and split, oldest first."""
        with self._read() as session:
            return [
                _decision_json(d)
                for d in session.scalars(select(DecisionRow).order_by(DecisionRow.pk))
            ]

    def _member_refs(self, session: Session, gid: str) -> list[str]:
        pk = session.scalar(select(EntityRow.pk).where(EntityRow.gid == gid))
        if pk is None:
            raise QueryError(f"no entity {gid!r} in the graph")
        rows = session.execute(
            select(ArticleEntityRow.article_id, ArticleEntityRow.local_id).where(
                ArticleEntityRow.entity_pk == pk
            )
        ).all()
        return sorted(ref_of(a, lid) for a, lid in rows)

    def _decide(self, row_of: Any, doing: str) -> bool:
        try:
            with self._sessions.begin() as session:
                self._write_lock(session)
                row = row_of(session)
                if row is None:
                    return False
                session.add(row)
                session.flush()
                return rebuild_graph(session, fts=self._is_sqlite)
        except SQLAlchemyError as exc:
            raise self._error(exc, doing) from exc

    def merge_entities(self, first: str, second: str, *, note: str = "") -> bool:
        """Record the user's decision that two entities (ids or aliases) are one, and apply it.
        The decision is kept and applied again on every later ingest and rebuild. Returns
        whether the graph changed."""
        a, b = self._require(first), self._require(second)
        if a.id == b.id:
            return False

        def row(session: Session) -> DecisionRow:
            return DecisionRow(
                kind="merge",
                anchor=self._member_refs(session, a.id)[0],
                other=self._member_refs(session, b.id)[0],
                note=note,
                made_at=datetime.now(UTC),
            )

        return self._decide(row, f"merge {a.id} and {b.id}")

    def split_entity(
        self, entity: str, *, alias: str | None = None, article: str | None = None, note: str = ""
    ) -> bool:
        """Record the user's decision that what an entity holds under ``alias`` (or from
        ``article``) is someone else, and apply it (kept for later ingests and rebuilds)."""
        if (alias is None) == (article is None):
            raise QueryError("split needs exactly one of an alias or an article")
        record = self._require(entity)
        key = name_key(alias) if alias is not None else ""

        def row(session: Session) -> DecisionRow:
            refs = self._member_refs(session, record.id)
            views = {
                v.ref: v
                for v in load_views(
                    session, [(r.rpartition("#")[0], r.rpartition("#")[2]) for r in refs]
                )
            }
            probe = Decision(
                0,
                "split",
                "",
                selector="alias" if alias else "article",
                value=key if alias else str(article),
            )
            cut = [r for r in refs if r in views and probe.selects(views[r])]
            stay = [r for r in refs if r not in cut]
            if not cut:
                what = f"alias {alias!r}" if alias else f"article {article!r}"
                raise QueryError(f"{record.id} holds nothing under {what}")
            if not stay:
                raise QueryError(f"everything {record.id} holds would be split off; nothing stays")
            return DecisionRow(
                kind="split",
                anchor=stay[0],
                selector=probe.selector,
                value=probe.value,
                note=note,
                made_at=datetime.now(UTC),
            )

        return self._decide(row, f"split {record.id}")

    def rebuild(self) -> bool:
        """Re-resolve every stored article from its stored extraction (with the user's decisions);
        returns whether anything changed. Needs no NLP model."""
        try:
            with self._sessions.begin() as session:
                self._write_lock(session)
                return rebuild_graph(session, fts=self._is_sqlite, force=True)
        except SQLAlchemyError as exc:
            raise self._error(exc, "rebuild the graph") from exc

    def _require(self, entity: str) -> EntityRecord:
        record = self.resolve_entity(entity)
        if record is None:
            raise QueryError(f"no entity {entity!r} in the graph")
        return record

    # -------------------------------------------------------------- internals

    @staticmethod
    def _all_names(session: Session) -> _Names:
        """Every entity's (global id, name): for whole-graph reads (export, conflicts) only."""
        rows = session.execute(select(EntityRow.pk, EntityRow.gid, EntityRow.name))
        return {pk: (gid, name) for pk, gid, name in rows}

    @staticmethod
    def _entity_records(session: Session, pks: Collection[int]) -> dict[int, EntityRecord]:
        """Entity records by pk, in two queries per 500 (not two per entity)."""
        wanted = sorted(set(pks))
        out: dict[int, EntityRecord] = {}
        for chunk in in_batches(wanted, 500):
            aliases: dict[int, set[str]] = defaultdict(set)
            for pk, alias in session.execute(
                select(AliasRow.entity_pk, AliasRow.alias).where(AliasRow.entity_pk.in_(chunk))
            ):
                aliases[pk].add(alias)
            for pk, gid, name, etype in session.execute(
                select(EntityRow.pk, EntityRow.gid, EntityRow.name, EntityRow.type).where(
                    EntityRow.pk.in_(chunk)
                )
            ):
                out[pk] = EntityRecord(gid, name, etype, tuple(sorted(aliases[pk])))
        return out

    @staticmethod
    def _entity_record(session: Session, row: EntityRow) -> EntityRecord:
        aliases = session.scalars(select(AliasRow.alias).where(AliasRow.entity_pk == row.pk))
        return EntityRecord(row.gid, row.name, row.type, tuple(sorted(set(aliases))))

    @staticmethod
    def _sources(
        session: Session, cls: Any, fact_pks: Collection[int], extra: Any = None
    ) -> dict[int, list[_SourceRow]]:
        """Each fact's sources as plain rows, with their article's outlet and date seen: one
        query per 500 facts, columns only (no ORM objects: a popular fact has hundreds)."""
        by_fact: dict[int, list[_SourceRow]] = defaultdict(list)
        if not fact_pks:
            return by_fact
        columns = [
            cls.fact_pk,
            cls.article_id,
            cls.sentence,
            cls.start,
            cls.end,
            cls.text,
            extra if extra is not None else literal(None),
            ArticleRow.url,
            ArticleRow.published,
            ArticleRow.ingested_at,
        ]
        meta: dict[str, tuple[str, str | None]] = {}
        hosts: dict[str | None, str] = {}  # url -> outlet ("article:" when it has no host)
        pks = sorted(fact_pks)
        conn = session.connection()  # Core rows: the ORM's per-row bookkeeping is not needed
        for part in in_batches(pks, 500):
            rows = conn.execute(
                select(*columns)
                .outerjoin(ArticleRow, ArticleRow.id == cls.article_id)
                .where(cls.fact_pk.in_(part))
            )
            for fact, aid, sent, start, end, txt, other, url, published, ingested in rows:
                if aid not in meta:
                    seen = published or (ingested.date().isoformat() if ingested else None)
                    if url not in hosts:
                        hosts[url] = outlet_of(url or "", "")
                    host = hosts[url]
                    meta[aid] = (host if host != "article:" else f"article:{aid}", seen)
                outlet, seen = meta[aid]
                by_fact[fact].append(
                    _SourceRow(Source(aid, sent, start, end, txt), other, outlet, seen)
                )
        return by_fact

    @staticmethod
    def _entity_names(session: Session, pks: Collection[int | None]) -> dict[int, tuple[str, str]]:
        """Entity pk -> (global id, name), only for these pks (not the whole entity table)."""
        wanted = sorted({pk for pk in pks if pk is not None})
        found: dict[int, tuple[str, str]] = {}
        for part in in_batches(wanted, 500):
            rows = session.execute(
                select(EntityRow.pk, EntityRow.gid, EntityRow.name).where(EntityRow.pk.in_(part))
            )
            found.update({pk: (gid, name) for pk, gid, name in rows})
        return found

    @staticmethod
    def _claim_meta(
        session: Session, article_ids: Collection[str]
    ) -> dict[str, tuple[str, str | None]]:
        """Article id -> (outlet, date seen: published, else the day it was ingested)."""
        ids = sorted(set(article_ids))
        meta: dict[str, tuple[str, str | None]] = {}
        for part in in_batches(ids, 500):
            rows = session.execute(
                select(
                    ArticleRow.id, ArticleRow.url, ArticleRow.published, ArticleRow.ingested_at
                ).where(ArticleRow.id.in_(part))
            )
            for aid, url, published, ingested in rows:
                seen = published or (ingested.date().isoformat() if ingested else None)
                meta[aid] = (outlet_of(url or "", aid), seen)
        return meta

    @staticmethod
    def _as_sources(rows: Sequence[_SourceRow]) -> tuple[Source, ...]:
        return tuple(sorted({r.source for r in rows}, key=Source.sort_key))

    @staticmethod
    def _window(rows: Sequence[_SourceRow]) -> tuple[tuple[str, ...], str | None, str | None]:
        """(distinct outlets, first seen, last seen): :func:`claim_window` from the joined rows."""
        outlets = tuple(sorted({r.outlet for r in rows}))
        seen = [r.seen for r in rows if r.seen]
        return outlets, (min(seen) if seen else None), (max(seen) if seen else None)

    def _relations(
        self, session: Session, query: Select[RelationRow], everyone: _Names | None = None
    ) -> list[RelationRecord]:
        rows = list(session.scalars(query))
        names = everyone or self._entity_names(session, [p for r in rows for p in (r.s_pk, r.o_pk)])
        srcs = self._sources(session, RelationSourceRow, [r.pk for r in rows])
        out = []
        for r in rows:
            (s, s_name), (o, o_name) = names[r.s_pk], names[r.o_pk]
            if r.p in SYMMETRIC_RELATIONS and o < s:
                s, o, s_name, o_name = o, s, o_name, s_name
            found = srcs[r.pk]
            sources = self._as_sources(found)
            out.append(RelationRecord(s, r.p, o, s_name, o_name, sources, *self._window(found)))
        out.sort(key=lambda r: (r.s, r.p, r.o))
        return out

    def _events(
        self, session: Session, query: Select[EventRow], everyone: _Names | None = None
    ) -> list[EventRecord]:
        rows = list(session.scalars(query))
        srcs = self._sources(session, EventSourceRow, [r.pk for r in rows], EventSourceRow.place_pk)
        names = everyone or self._entity_names(
            session,
            [r.subject_pk for r in rows] + [x.entity for v in srcs.values() for x in v],
        )
        out = []
        for r in rows:
            found = srcs[r.pk]
            places = sorted(names[x.entity][0] for x in found if x.entity is not None)
            subject = names[r.subject_pk] if r.subject_pk is not None else None
            sources = self._as_sources(found)
            outlets, first, last = self._window(found)
            out.append(
                EventRecord(
                    type=r.type,
                    subject=subject[0] if subject is not None else None,
                    subject_name=subject[1] if subject is not None else None,
                    date=r.date,
                    precision=r.precision,
                    date_text=r.date_text,
                    place=places[0] if places else r.place_text,
                    sources=sources,
                    outlets=outlets,
                    first_seen=first,
                    last_seen=last,
                )
            )
        out.sort(key=_event_order)
        return out

    def _reasons(
        self, session: Session, query: Select[ReasonRow], everyone: _Names | None = None
    ) -> list[ReasonRecord]:
        rows = list(session.scalars(query))
        srcs = self._sources(
            session, ReasonSourceRow, [r.pk for r in rows], ReasonSourceRow.attributed_pk
        )
        names = everyone or self._entity_names(
            session, [r.agent_pk for r in rows] + [x.entity for v in srcs.values() for x in v]
        )
        out = []
        for r in rows:
            found = srcs[r.pk]
            sources = self._as_sources(found)
            outlets, first, last = self._window(found)
            said_by = sorted(names[x.entity][0] for x in found if x.entity is not None)
            agent = names[r.agent_pk] if r.agent_pk is not None else None
            out.append(
                ReasonRecord(
                    agent=agent[0] if agent is not None else None,
                    agent_name=agent[1] if agent is not None else None,
                    effect=r.effect,
                    cause=r.cause,
                    kind=r.kind,
                    cue=r.cue,
                    attributed_to=said_by[0] if said_by else None,
                    sources=sources,
                    outlets=outlets,
                    first_seen=first,
                    last_seen=last,
                )
            )
        out.sort(key=lambda r: (r.agent or "", r.effect, r.cause, r.kind))
        return out

    def events_in_sentences(self, sentences: Collection[tuple[str, int]]) -> list[EventRecord]:
        """Events stated in any of these (article id, sentence index) sentences, whatever their
        subject: "when" questions use them to date a sentence the way extraction did."""
        wanted = {(a, i) for a, i in sentences}
        if not wanted:
            return []
        articles = sorted({a for a, _ in wanted})
        with self._read() as session:
            pks: set[int] = set()
            for part in in_batches(articles, 500):
                src = EventSourceRow
                rows = session.execute(
                    select(src.fact_pk, src.article_id, src.sentence).where(
                        src.article_id.in_(part)
                    )
                )
                pks.update(pk for pk, a, idx in rows if (a, idx) in wanted)
            if not pks:
                return []
            query = select(EventRow).where(EventRow.pk.in_(sorted(pks)))
            return self._events(session, query)


def _decision_json(d: DecisionRow) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "anchor": d.anchor,
        "other": d.other or None,
        "selector": d.selector or None,
        "value": d.value or None,
        "note": d.note,
        "made_at": d.made_at.isoformat() if d.made_at else None,
    }


def _event_order(e: EventRecord) -> tuple[str, str, str, str]:
    first = e.sources[0].sort_key()[0] if e.sources else ""
    return (e.subject or "", e.type, e.date or "", first if e.subject is None else "")

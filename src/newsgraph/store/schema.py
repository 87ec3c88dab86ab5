"""The graph's tables as typed SQLAlchemy 2 models.

Integer primary keys are internal only: they depend on ingest order, so nothing exported uses them.
Entities are exported under ``gid`` (a slug of name and type), and facts under the gids they link.
Each fact table has a ``*_sources`` table: one row per place an article states the fact, so a fact's
support is the number of distinct articles among its sources.

The tables are created and changed by the Alembic revisions in ``store/migrations`` (run by
:mod:`newsgraph.store.migrate`), never by ``create_all``. Full-text search is not modelled, because
it differs by database: on SQLite an FTS5 virtual table (:data:`FTS_TABLE`); on PostgreSQL a GIN
index over ``to_tsvector(PG_TEXT_CONFIG, sentences.text)`` (a ``simple`` configuration that also
strips accents, as FTS5's ``remove_diacritics`` does) and a ``pg_trgm`` index for substring search
on alias keys. The revisions create them with raw SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every newsgraph table."""


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    url: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime]


class SentenceRow(Base):
    __tablename__ = "sentences"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    idx: Mapped[int] = mapped_column("index", primary_key=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    __tablename__ = "entities"

    pk: Mapped[int] = mapped_column(primary_key=True)
    gid: Mapped[str] = mapped_column(String, unique=True)
    base: Mapped[str] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), index=True)
    subtype: Mapped[str | None] = mapped_column(String)
    external_ids: Mapped[str] = mapped_column(Text, default="{}")


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_pk", "alias"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String, index=True)
    matchable: Mapped[bool] = mapped_column(default=True)


class ArticleEntityRow(Base):
    """Which global entity each article-local entity id was merged into, under which local name."""

    __tablename__ = "article_entities"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String, primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))


class MentionRow(Base):
    __tablename__ = "mentions"

    pk: Mapped[int] = mapped_column(primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    local_id: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    sentence: Mapped[int]


class RelationRow(Base):
    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("s_pk", "p", "o_pk"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    s_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)
    p: Mapped[str] = mapped_column(String(32))
    o_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), index=True)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_identity", "type", "subject_pk", "date", "scope"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    subject_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    date: Mapped[str | None] = mapped_column(String(10))
    # "" for events with a subject; the article id for subject-less ones, which never merge.
    scope: Mapped[str] = mapped_column(String, default="")
    precision: Mapped[str | None] = mapped_column(String(8))
    date_text: Mapped[str | None] = mapped_column(Text)
    place_text: Mapped[str | None] = mapped_column(Text)


class ReasonRow(Base):
    __tablename__ = "reasons"
    __table_args__ = (Index("ix_reasons_identity", "agent_pk", "cause_key", "effect_key"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    agent_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    effect: Mapped[str] = mapped_column(Text)
    cause: Mapped[str] = mapped_column(Text)
    effect_key: Mapped[str] = mapped_column(Text)
    cause_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="cause")
    cue: Mapped[str] = mapped_column(Text, default="")


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_identity", "speaker_pk", "text_key"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    speaker_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"), index=True)
    text: Mapped[str] = mapped_column(Text)
    text_key: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text, default="")


class _SourceColumns:
    """Where one article states a fact. Offsets are None when the extractor gave no evidence."""

    pk: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    sentence: Mapped[int | None]
    start: Mapped[int | None]
    end: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")


class RelationSourceRow(_SourceColumns, Base):
    __tablename__ = "relation_sources"

    fact_pk: Mapped[int] = mapped_column(ForeignKey("relations.pk", ondelete="CASCADE"), index=True)


class EventSourceRow(_SourceColumns, Base):
    __tablename__ = "event_sources"

    fact_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    # Entity-valued details are kept per source so that merging never depends on arrival order.
    place_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"))


class ReasonSourceRow(_SourceColumns, Base):
    __tablename__ = "reason_sources"

    fact_pk: Mapped[int] = mapped_column(ForeignKey("reasons.pk", ondelete="CASCADE"), index=True)
    attributed_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.pk"))


class QuoteSourceRow(_SourceColumns, Base):
    __tablename__ = "quote_sources"

    fact_pk: Mapped[int] = mapped_column(ForeignKey("quotes.pk", ondelete="CASCADE"), index=True)


class SkipRow(Base):
    __tablename__ = "skips"
    __table_args__ = (UniqueConstraint("source", "code"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(8), index=True)
    reason: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime]


class ExtractionRow(Base):
    """The article's extraction as JSON, so the graph can be rebuilt without the NLP model."""

    __tablename__ = "extractions"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[str] = mapped_column(Text)


class LocalEntityRow(Base):
    """What resolution knows about one article-local entity (:class:`LocalEntity` as JSON).

    ``constrained`` marks entities whose cluster was shaped by a refused join or a user decision:
    a later article touching them is resolved by re-clustering, not by a plain union.
    """

    __tablename__ = "local_entities"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    local_id: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    constrained: Mapped[bool] = mapped_column(default=False)
    sig: Mapped[str] = mapped_column(String(40), index=True, default="")
    """:meth:`LocalEntity.signature`: the row of :class:`ViewSigRow` this view shares."""


class LocalKeyRow(Base):
    """The lookup index of local entities: ``n:`` name keys, ``q:`` Wikidata ids, ``t:`` tokens."""

    __tablename__ = "local_keys"
    __table_args__ = (UniqueConstraint("key", "article_id", "local_id"),)

    pk: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    local_id: Mapped[str] = mapped_column(String)


class ViewSigRow(Base):
    """One distinct resolution view (:meth:`LocalEntity.signature`), as the JSON of its first
    stored local entity. Views with one signature link alike to every other article's views, so
    resolution compares a new view with each signature once, however many articles share it."""

    __tablename__ = "view_sigs"

    sig: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class SigKeyRow(Base):
    """The blocking index of signatures: a lookup key (as in :class:`LocalKeyRow`) -> signature."""

    __tablename__ = "sig_keys"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    sig: Mapped[str] = mapped_column(ForeignKey("view_sigs.sig"), primary_key=True)


class SigEntityRow(Base):
    """Which global entities hold local entities of a signature (derived, like ``entities``)."""

    __tablename__ = "sig_entities"

    sig: Mapped[str] = mapped_column(ForeignKey("view_sigs.sig"), primary_key=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), primary_key=True, index=True)


class EntityCountRow(Base):
    """How many articles call a global entity by one name (``kind`` ``name``) or give it one
    type (``kind`` ``type``): kept up to date as articles arrive, so choosing a popular entity's
    canonical name reads its distinct names, not all its article-local entities (derived)."""

    __tablename__ = "entity_counts"

    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.pk"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[str] = mapped_column(Text, primary_key=True)
    articles: Mapped[int]


class MergeReasonRow(Base):
    """Why two article-local entities were joined: the rule, its score and what it matched."""

    __tablename__ = "merge_reasons"

    pk: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(String, index=True)
    local_id: Mapped[str] = mapped_column(String)
    other_article: Mapped[str] = mapped_column(String, index=True)
    other_local: Mapped[str] = mapped_column(String)
    rule: Mapped[str] = mapped_column(String(16))
    score: Mapped[float]
    detail: Mapped[str] = mapped_column(Text, default="")


class DecisionRow(Base):
    """A user's merge or split, in article-local refs (``article#local``) so it outlives ids."""

    __tablename__ = "decisions"

    pk: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    anchor: Mapped[str] = mapped_column(Text)
    other: Mapped[str] = mapped_column(Text, default="")
    selector: Mapped[str] = mapped_column(String(8), default="")
    value: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    made_at: Mapped[datetime]


SourceRow = RelationSourceRow | EventSourceRow | ReasonSourceRow | QuoteSourceRow

FTS_TABLE = "sentences_fts"
"""SQLite: the FTS5 table of sentence text (``article_id``, ``sentence`` unindexed)."""
PG_TEXT_CONFIG = "newsgraph_text"
"""PostgreSQL: the text search configuration the sentence index is built with."""
UNMODELLED_INDEXES = frozenset({"ix_sentences_tsv", "ix_aliases_key_trgm"})
"""PostgreSQL indexes the revisions create with raw SQL (autogenerate must not drop them)."""

"""Baseline: the graph schema as it was before migrations, with full-text search.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25

Full-text search is not modelled, so it is created here per dialect: on SQLite an FTS5 table
that the writer fills; on PostgreSQL the ``pg_trgm`` and ``unaccent`` extensions, a ``simple``
text search configuration that strips accents (as FTS5's ``remove_diacritics 2`` does), a GIN
index over the sentences' tsvector and a trigram index for substring search on alias keys.
Databases made before migrations hold exactly this schema and are stamped at this revision.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "decisions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("anchor", sa.Text(), nullable=False),
        sa.Column("other", sa.Text(), nullable=False),
        sa.Column("selector", sa.String(length=8), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("gid", sa.String(), nullable=False),
        sa.Column("base", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("subtype", sa.String(), nullable=True),
        sa.Column("external_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("gid"),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_base"), ["base"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_type"), ["type"], unique=False)

    op.create_table(
        "merge_reasons",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("other_article", sa.String(), nullable=False),
        sa.Column("other_local", sa.String(), nullable=False),
        sa.Column("rule", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("merge_reasons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_reasons_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_merge_reasons_other_article"), ["other_article"], unique=False
        )

    op.create_table(
        "skips",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("source", "code"),
    )
    with op.batch_alter_table("skips", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skips_code"), ["code"], unique=False)

    op.create_table(
        "aliases",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("matchable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("entity_pk", "alias"),
    )
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aliases_entity_pk"), ["entity_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_aliases_key"), ["key"], unique=False)

    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("article_id", "local_id"),
    )
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_entities_entity_pk"), ["entity_pk"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("subject_pk", sa.Integer(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("precision", sa.String(length=8), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["subject_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_identity", ["type", "subject_pk", "date", "scope"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_subject_pk"), ["subject_pk"], unique=False)

    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "local_entities",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("constrained", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "local_id"),
    )
    op.create_table(
        "local_keys",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("key", "article_id", "local_id"),
    )
    with op.batch_alter_table("local_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_keys_key"), ["key"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_entity_pk"), ["entity_pk"], unique=False)

    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("speaker_pk", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_key", sa.Text(), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.create_index("ix_quotes_identity", ["speaker_pk", "text_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_quotes_speaker_pk"), ["speaker_pk"], unique=False)

    op.create_table(
        "reasons",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("agent_pk", sa.Integer(), nullable=True),
        sa.Column("effect", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("effect_key", sa.Text(), nullable=False),
        sa.Column("cause_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("reasons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reasons_agent_pk"), ["agent_pk"], unique=False)
        batch_op.create_index(
            "ix_reasons_identity", ["agent_pk", "cause_key", "effect_key"], unique=False
        )

    op.create_table(
        "relations",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("s_pk", sa.Integer(), nullable=False),
        sa.Column("p", sa.String(length=32), nullable=False),
        sa.Column("o_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["o_pk"],
            ["entities.pk"],
        ),
        sa.ForeignKeyConstraint(
            ["s_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("s_pk", "p", "o_pk"),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relations_o_pk"), ["o_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_relations_s_pk"), ["s_pk"], unique=False)

    op.create_table(
        "sentences",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "index"),
    )
    op.create_table(
        "event_sources",
        sa.Column("fact_pk", sa.Integer(), nullable=False),
        sa.Column("place_pk", sa.Integer(), nullable=True),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(["fact_pk"], ["events.pk"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["place_pk"],
            ["entities.pk"],
        ),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_sources_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_sources_fact_pk"), ["fact_pk"], unique=False)

    op.create_table(
        "quote_sources",
        sa.Column("fact_pk", sa.Integer(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(["fact_pk"], ["quotes.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("quote_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quote_sources_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_quote_sources_fact_pk"), ["fact_pk"], unique=False)

    op.create_table(
        "reason_sources",
        sa.Column("fact_pk", sa.Integer(), nullable=False),
        sa.Column("attributed_pk", sa.Integer(), nullable=True),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["attributed_pk"],
            ["entities.pk"],
        ),
        sa.ForeignKeyConstraint(["fact_pk"], ["reasons.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("reason_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reason_sources_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reason_sources_fact_pk"), ["fact_pk"], unique=False)

    op.create_table(
        "relation_sources",
        sa.Column("fact_pk", sa.Integer(), nullable=False),
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(["fact_pk"], ["relations.pk"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("relation_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relation_sources_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_relation_sources_fact_pk"), ["fact_pk"], unique=False)
    _full_text_up(op.get_context().dialect.name)


def downgrade() -> None:
    _full_text_down(op.get_context().dialect.name)
    with op.batch_alter_table("relation_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relation_sources_fact_pk"))
        batch_op.drop_index(batch_op.f("ix_relation_sources_article_id"))

    op.drop_table("relation_sources")
    with op.batch_alter_table("reason_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reason_sources_fact_pk"))
        batch_op.drop_index(batch_op.f("ix_reason_sources_article_id"))

    op.drop_table("reason_sources")
    with op.batch_alter_table("quote_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_sources_fact_pk"))
        batch_op.drop_index(batch_op.f("ix_quote_sources_article_id"))

    op.drop_table("quote_sources")
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_sources_fact_pk"))
        batch_op.drop_index(batch_op.f("ix_event_sources_article_id"))

    op.drop_table("event_sources")
    op.drop_table("sentences")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relations_s_pk"))
        batch_op.drop_index(batch_op.f("ix_relations_o_pk"))

    op.drop_table("relations")
    with op.batch_alter_table("reasons", schema=None) as batch_op:
        batch_op.drop_index("ix_reasons_identity")
        batch_op.drop_index(batch_op.f("ix_reasons_agent_pk"))

    op.drop_table("reasons")
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotes_speaker_pk"))
        batch_op.drop_index("ix_quotes_identity")

    op.drop_table("quotes")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_entity_pk"))
        batch_op.drop_index(batch_op.f("ix_mentions_article_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("local_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_keys_key"))

    op.drop_table("local_keys")
    op.drop_table("local_entities")
    op.drop_table("extractions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_subject_pk"))
        batch_op.drop_index("ix_events_identity")

    op.drop_table("events")
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_entities_entity_pk"))

    op.drop_table("article_entities")
    with op.batch_alter_table("aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aliases_key"))
        batch_op.drop_index(batch_op.f("ix_aliases_entity_pk"))

    op.drop_table("aliases")
    with op.batch_alter_table("skips", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skips_code"))

    op.drop_table("skips")
    with op.batch_alter_table("merge_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_reasons_other_article"))
        batch_op.drop_index(batch_op.f("ix_merge_reasons_article_id"))

    op.drop_table("merge_reasons")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_type"))
        batch_op.drop_index(batch_op.f("ix_entities_base"))

    op.drop_table("entities")
    op.drop_table("decisions")
    op.drop_table("articles")


SQLITE_UP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text, article_id UNINDEXED, "
    "sentence UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
)
SQLITE_DOWN = ("DROP TABLE IF EXISTS sentences_fts",)
POSTGRES_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION newsgraph_text (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION newsgraph_text "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "CREATE INDEX ix_sentences_tsv ON sentences "
    "USING gin (to_tsvector('newsgraph_text'::regconfig, text))",
    "CREATE INDEX ix_aliases_key_trgm ON aliases USING gin (key gin_trgm_ops)",
)
# The extensions stay: other schemas of the database may use them.
POSTGRES_DOWN = (
    "DROP INDEX IF EXISTS ix_aliases_key_trgm",
    "DROP INDEX IF EXISTS ix_sentences_tsv",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsgraph_text",
)


def _full_text_up(dialect: str) -> None:
    for statement in {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(dialect, ()):
        op.execute(statement)


def _full_text_down(dialect: str) -> None:
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(dialect, ()):
        op.execute(statement)

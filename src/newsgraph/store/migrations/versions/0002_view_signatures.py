"""View signatures: resolution blocks on distinct views, not on every local entity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Adds ``local_entities.sig`` (:meth:`~newsgraph.resolve.local.LocalEntity.signature`), the
distinct views (``view_sigs``), their lookup keys (``sig_keys``) and the global entities holding
each (``sig_entities``), and fills them from the stored local entities, so that linking a new
article costs the same at 100 articles as at 10,000.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from newsgraph.resolve.local import LocalEntity

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500


def upgrade() -> None:
    op.create_table(
        "view_sigs",
        sa.Column("sig", sa.String(length=40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sig"),
    )
    op.create_table(
        "sig_keys",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("sig", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["sig"], ["view_sigs.sig"]),
        sa.PrimaryKeyConstraint("key", "sig"),
    )
    op.create_table(
        "sig_entities",
        sa.Column("sig", sa.String(length=40), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_pk"], ["entities.pk"]),
        sa.ForeignKeyConstraint(["sig"], ["view_sigs.sig"]),
        sa.PrimaryKeyConstraint("sig", "entity_pk"),
    )
    with op.batch_alter_table("sig_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sig_entities_entity_pk"), ["entity_pk"], unique=False)
    with op.batch_alter_table("local_entities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sig", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_local_entities_sig"), ["sig"], unique=False)
    _fill(op.get_bind())


def _fill(bind: sa.Connection) -> None:
    """Compute the signature of every stored local entity, and the tables built from them."""
    local = sa.table(
        "local_entities",
        sa.column("article_id", sa.String),
        sa.column("local_id", sa.String),
        sa.column("data", sa.Text),
        sa.column("sig", sa.String),
    )
    sigs = sa.table("view_sigs", sa.column("sig", sa.String), sa.column("data", sa.Text))
    keys = sa.table("sig_keys", sa.column("key", sa.String), sa.column("sig", sa.String))
    rows = bind.execute(
        sa.select(local.c.article_id, local.c.local_id, local.c.data).order_by(
            local.c.article_id, local.c.local_id
        )
    ).all()
    seen: set[str] = set()
    updates: list[dict[str, str]] = []
    for article, local_id, data in rows:
        view = LocalEntity.from_json(json.loads(data))
        sig = view.signature()
        updates.append({"a": article, "l": local_id, "s": sig})
        if sig not in seen:
            seen.add(sig)
            bind.execute(sa.insert(sigs).values(sig=sig, data=data))
            bind.execute(sa.insert(keys), [{"key": k, "sig": sig} for k in view.index_keys()])
    statement = (
        sa.update(local)
        .where(local.c.article_id == sa.bindparam("a"), local.c.local_id == sa.bindparam("l"))
        .values(sig=sa.bindparam("s"))
    )
    for i in range(0, len(updates), _BATCH):
        bind.execute(statement, updates[i : i + _BATCH])
    bind.execute(
        sa.text(
            "INSERT INTO sig_entities (sig, entity_pk) "
            "SELECT DISTINCT le.sig, ae.entity_pk FROM local_entities le "
            "JOIN article_entities ae "
            "ON ae.article_id = le.article_id AND ae.local_id = le.local_id"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("local_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_entities_sig"))
        batch_op.drop_column("sig")
    with op.batch_alter_table("sig_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sig_entities_entity_pk"))
    op.drop_table("sig_entities")
    op.drop_table("sig_keys")
    op.drop_table("view_sigs")

"""Entity name and type counts: choosing a canonical name reads distinct names, not members.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Adds ``entity_counts`` (how many articles call each global entity by each name, and give it each
type), kept up to date by the writer, and fills it from ``article_entities``, so that renaming a
popular entity after a new article costs the same at 100 articles as at 10,000.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "entity_counts",
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_pk"], ["entities.pk"]),
        sa.PrimaryKeyConstraint("entity_pk", "kind", "value"),
    )
    for kind in ("name", "type"):
        op.execute(
            "INSERT INTO entity_counts (entity_pk, kind, value, articles) "
            f"SELECT entity_pk, '{kind}', {kind}, COUNT(DISTINCT article_id) "
            f"FROM article_entities GROUP BY entity_pk, {kind}"
        )


def downgrade() -> None:
    op.drop_table("entity_counts")

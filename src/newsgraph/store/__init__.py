"""store stage: the merged, sourced knowledge graph in SQLite (or another SQLAlchemy database)."""

from __future__ import annotations

from newsgraph.store.graph import GraphStore, database_url
from newsgraph.store.records import (
    ArticleRecord,
    EntityRecord,
    EventRecord,
    ReasonRecord,
    RelationRecord,
    SentenceHit,
    Source,
)

__all__ = [
    "ArticleRecord",
    "EntityRecord",
    "EventRecord",
    "GraphStore",
    "ReasonRecord",
    "RelationRecord",
    "SentenceHit",
    "Source",
    "database_url",
]

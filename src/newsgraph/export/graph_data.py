"""The input of every standard export: the JSON export contract plus article and entity details.

The JSON export (``GraphStore.export_json()``) has no article URLs or titles and no entity subtypes
or Wikidata ids, which JSON-LD, CSV and QuickStatements need. :func:`load_graph` adds them, and
:func:`fact_ids` gives every relation, event and reason one stable id that all formats share, so a
CSV row, an RDF claim and a GraphML edge for the same fact can be joined.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from newsgraph.store import GraphStore
from newsgraph.store.schema import ArticleRow, EntityRow

_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class ArticleInfo:
    """What an export says about a source article. ``retrieved`` is the ISO day it was ingested."""

    id: str
    url: str = ""
    title: str = ""
    published: str | None = None
    retrieved: str | None = None


@dataclass(frozen=True)
class EntityInfo:
    """Entity details the JSON contract leaves out: subtype and ids in other knowledge bases."""

    subtype: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()

    @property
    def qid(self) -> str | None:
        """The Wikidata item id (``Q...``), when the entity has a well-formed one."""
        qid = dict(self.external_ids).get("wikidata")
        return qid if qid is not None and _QID.fullmatch(qid) else None


@dataclass(frozen=True)
class ExportGraph:
    """The export contract (``data``) with article and entity details by id."""

    data: Mapping[str, Any]
    articles: Mapping[str, ArticleInfo] = field(default_factory=dict)
    entities: Mapping[str, EntityInfo] = field(default_factory=dict)

    def entity_info(self, entity_id: str) -> EntityInfo:
        """Details of an entity; empty ones when nothing is known."""
        return self.entities.get(entity_id, EntityInfo())

    def article(self, article_id: str) -> ArticleInfo:
        """Details of an article; just its id when nothing else is known."""
        return self.articles.get(article_id) or ArticleInfo(article_id)

    def section(self, name: str) -> list[dict[str, Any]]:
        """One list of the contract (``entities``, ``relations``, ``events``, ``reasons``)."""
        return list(self.data.get(name) or [])


def from_export(
    data: Mapping[str, Any],
    articles: Mapping[str, ArticleInfo] | None = None,
    entities: Mapping[str, EntityInfo] | None = None,
) -> ExportGraph:
    """An ExportGraph from a JSON export (as parsed from ``export --format json``) and details.

    Entities whose export object carries ``subtype``/``external_ids`` keep them when ``entities``
    says nothing about them.
    """
    details = dict(entities or {})
    for entity in data.get("entities") or []:
        eid = entity["id"]
        if eid not in details and (entity.get("subtype") or entity.get("external_ids")):
            ids = entity.get("external_ids") or {}
            details[eid] = EntityInfo(entity.get("subtype"), tuple(sorted(ids.items())))
    return ExportGraph(data, dict(articles or {}), details)


def load_graph(store: GraphStore) -> ExportGraph:
    """The whole stored graph with article URLs/titles and entity subtypes/Wikidata ids."""
    data = store.export_json()
    articles, entities = _details(store)
    return from_export(data, articles, entities)


def _details(store: GraphStore) -> tuple[dict[str, ArticleInfo], dict[str, EntityInfo]]:
    # GraphStore has no public reader for these columns yet; this is the one place that reads
    # them, through the store's own session (and its StorageError translation).
    articles: dict[str, ArticleInfo] = {}
    entities: dict[str, EntityInfo] = {}
    with store._read() as session:
        for a in session.scalars(select(ArticleRow)):
            retrieved = a.ingested_at.date().isoformat() if a.ingested_at else None
            articles[a.id] = ArticleInfo(a.id, a.url or "", a.title or "", a.published, retrieved)
        for gid, subtype, raw in session.execute(
            select(EntityRow.gid, EntityRow.subtype, EntityRow.external_ids)
        ):
            try:
                ids = json.loads(raw or "{}")
            except json.JSONDecodeError:
                ids = {}
            pairs = tuple(sorted((str(k), str(v)) for k, v in dict(ids).items()))
            if subtype or pairs:
                entities[gid] = EntityInfo(subtype, pairs)
    return articles, entities


def _digest(prefix: str, parts: list[Any]) -> str:
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return f"{prefix}-{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:12]}"


@dataclass(frozen=True)
class FactIds:
    """A stable id for each relation, event and reason, in the order of the export's lists."""

    relations: tuple[str, ...]
    events: tuple[str, ...]
    reasons: tuple[str, ...]


def fact_ids(graph: ExportGraph) -> FactIds:
    """Ids built from each fact's identity (not its position), made unique by a suffix.

    Relations: ``rel-`` + hash of (s, p, o); events: ``evt-`` + hash of (type, subject, date,
    and the first source article for subject-less events, as the store keys them); reasons:
    ``rsn-`` + hash of (agent, effect, cause, kind).
    """
    seen: set[str] = set()

    def unique(fid: str) -> str:
        n, candidate = 1, fid
        while candidate in seen:
            n += 1
            candidate = f"{fid}-{n}"
        seen.add(candidate)
        return candidate

    rels = tuple(
        unique(_digest("rel", [r["s"], r["p"], r["o"]])) for r in graph.section("relations")
    )
    evts = []
    for e in graph.section("events"):
        scope = "" if e.get("subject") else next((s["article"] for s in e["sources"]), "")
        evts.append(unique(_digest("evt", [e["type"], e.get("subject"), e.get("date"), scope])))
    rsns = tuple(
        unique(_digest("rsn", [r.get("agent"), r["effect"], r["cause"], r.get("kind")]))
        for r in graph.section("reasons")
    )
    return FactIds(rels, tuple(evts), rsns)

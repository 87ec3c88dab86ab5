"""The ``graphml`` export: entities and relations as a networkx MultiDiGraph, for Gephi and co.

GraphML holds scalar attributes only (networkx raises on lists and dicts), so aliases are joined
with `` | `` and a missing subtype or Wikidata id is an empty string. Edges are keyed by predicate,
so two facts between the same pair of entities stay two edges.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from newsgraph.export._files import write_text_atomic
from newsgraph.export.graph_data import ExportGraph, fact_ids

ALIAS_SEPARATOR = " | "


def to_networkx(graph: ExportGraph) -> nx.MultiDiGraph[str]:
    """Nodes = entities (name, type, subtype, aliases, qid, mentions, articles); edges = relations
    (predicate, support, evidence = the first source sentence, fact_id, articles)."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="newsgraph")
    for entity in graph.section("entities"):
        info = graph.entity_info(entity["id"])
        mentions = entity.get("mentions") or []
        g.add_node(
            entity["id"],
            name=str(entity["name"]),
            type=str(entity.get("type") or ""),
            subtype=info.subtype or "",
            aliases=ALIAS_SEPARATOR.join(entity.get("aliases") or []),
            qid=info.qid or "",
            mentions=len(mentions),
            articles=len({m["article"] for m in mentions}),
        )
    ids = fact_ids(graph)
    for fid, rel in zip(ids.relations, graph.section("relations"), strict=True):
        sources = rel.get("sources") or []
        evidence = rel.get("evidence") or next((s["text"] for s in sources if s.get("text")), "")
        for end in (rel["s"], rel["o"]):
            if end not in g:  # a hand-written export may name an entity it does not list
                g.add_node(
                    end, name=end, type="", subtype="", aliases="", qid="", mentions=0, articles=0
                )
        g.add_edge(
            rel["s"],
            rel["o"],
            key=rel["p"],
            predicate=rel["p"],
            support=int(rel.get("support") or 0),
            evidence=str(evidence),
            fact_id=fid,
            articles=ALIAS_SEPARATOR.join(sorted({s["article"] for s in sources})),
        )
    return g


def to_graphml(graph: ExportGraph) -> str:
    """GraphML text (UTF-8 XML), ending in a newline."""
    lines = nx.generate_graphml(to_networkx(graph))
    return "<?xml version='1.0' encoding='utf-8'?>\n" + "\n".join(lines) + "\n"


def write_graphml(graph: ExportGraph, path: str | Path) -> None:
    """Write GraphML to ``path`` atomically; StorageError when it cannot be written."""
    write_text_atomic(path, to_graphml(graph))

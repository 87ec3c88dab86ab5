from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from newsgraph.errors import StorageError
from newsgraph.export import fact_ids, from_export, load_graph, to_graphml, write_graphml
from newsgraph.store import GraphStore


def _read(text: str) -> nx.MultiDiGraph[str]:
    g = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    return g


def test_graphml_export_round_trips_nodes_edges_and_attributes(store: GraphStore) -> None:
    graph = load_graph(store)
    back = _read(to_graphml(graph))
    entities = graph.section("entities")
    assert set(back.nodes) == {e["id"] for e in entities}
    lanterns = back.nodes["work:paper-lanterns"]
    assert lanterns == {
        "name": "Paper Lanterns",
        "type": "WORK",
        "subtype": "film",
        "aliases": "Paper Lanterns",
        "qid": "Q900003",
        "mentions": 2,
        "articles": 2,
    }
    assert back.nodes["person:rina-okada"]["aliases"] == "Okada | Rina Okada"
    assert back.nodes["work:night-ferry"]["qid"] == ""
    edges = {(s, o, k): d for s, o, k, d in back.edges(keys=True, data=True)}
    assert len(edges) == len(graph.section("relations"))
    directed = edges[("person:rina-okada", "work:paper-lanterns", "director_of")]
    assert directed["predicate"] == "director_of"
    assert directed["support"] == 2
    assert directed["evidence"].startswith("Director Rina Okada cast")
    assert directed["articles"] == "film-1 | film-3"
    assert directed["fact_id"] in fact_ids(graph).relations


def test_graphml_export_keeps_parallel_edges_and_unknown_ends() -> None:
    data = {
        "entities": [
            {"id": "p", "name": "Mei", "type": "PERSON", "aliases": ["Mei"], "mentions": []},
            {"id": "w", "name": "Kite", "type": "WORK", "aliases": ["Kite"], "mentions": []},
        ],
        "relations": [
            {"s": "p", "p": "composer_of", "o": "w", "sources": [], "support": 1},
            {"s": "p", "p": "lyricist_of", "o": "w", "sources": [], "support": 1},
            {"s": "p", "p": "won", "o": "award:x", "sources": [], "support": 1},
        ],
    }
    back = _read(to_graphml(from_export(data)))
    assert set(back.edges(keys=True)) == {
        ("p", "w", "composer_of"),
        ("p", "w", "lyricist_of"),
        ("p", "award:x", "won"),
    }
    assert back.nodes["award:x"]["name"] == "award:x"


def test_graphml_export_writes_file(store: GraphStore, tmp_path: Path) -> None:
    graph = load_graph(store)
    target = tmp_path / "graph.graphml"
    write_graphml(graph, target)
    back = nx.read_graphml(target, force_multigraph=True)
    assert back.number_of_edges() == len(graph.section("relations"))
    with pytest.raises(StorageError, match="cannot write the export"):
        write_graphml(graph, tmp_path / "missing" / "g.graphml")

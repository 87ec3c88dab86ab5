from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from newsgraph.errors import StorageError
from newsgraph.export import csv_tables, fact_ids, from_export, load_graph, write_csv
from newsgraph.store import GraphStore

NAMES = ["articles.csv", "edges.csv", "events.csv", "evidence.csv", "nodes.csv", "reasons.csv"]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_folder_tables(store: GraphStore, tmp_path: Path) -> None:
    graph = load_graph(store)
    written = write_csv(graph, tmp_path / "out")
    assert sorted(p.name for p in written) == NAMES
    read = {p.name: _rows(p.read_text("utf-8")) for p in written}

    nodes = {r["id"]: r for r in read["nodes.csv"]}
    assert nodes["work:paper-lanterns"]["subtype"] == "film"
    assert nodes["work:paper-lanterns"]["qid"] == "Q900003"
    assert nodes["person:dev-malhotra"]["aliases"] == "Dev Malhotra | Malhotra"
    assert nodes["work:night-ferry"]["qid"] == ""

    edges = read["edges.csv"]
    assert len(edges) == len(graph.section("relations"))
    directed = next(e for e in edges if e["predicate"] == "director_of")
    assert (directed["source"], directed["target"], directed["support"]) == (
        "person:rina-okada",
        "work:paper-lanterns",
        "2",
    )

    evidence = read["evidence.csv"]
    n_sources = sum(
        len(f["sources"]) for k in ("relations", "events", "reasons") for f in graph.section(k)
    )
    assert len(evidence) == n_sources
    mine = [r for r in evidence if r["fact_id"] == directed["fact_id"]]
    assert {r["article"] for r in mine} == {"film-1", "film-3"}
    first = next(r for r in mine if r["article"] == "film-1")
    assert first["fact_kind"] == "relation"
    assert first["url"] == "https://example.com/news/film-1"
    assert first["text"] == "Director Rina Okada cast Dev Malhotra in her film Paper Lanterns."
    assert int(first["sentence"]) == 0 and int(first["start"]) < int(first["end"])
    no_offsets = [r for r in evidence if r["fact_kind"] == "event" and r["sentence"] == ""]
    assert no_offsets  # the comeback event has no evidence span: empty cells, not "None"

    events = {r["type"]: r for r in read["events.csv"]}
    assert events["release"]["date"] == "2024-06-14"
    assert events["comeback"]["precision"] == "month"
    assert events["comeback"]["place"] == ""
    (reason,) = read["reasons.csv"]
    assert reason["agent"] == "person:dev-malhotra"
    assert reason["cause"] == "he admired Okada's earlier work"
    assert reason["fact_id"] == fact_ids(graph).reasons[0]
    articles = {r["id"]: r for r in read["articles.csv"]}
    assert articles["pop-2"]["url"] == "https://example.com/news/pop-2?id=2"
    assert articles["film-3"]["url"] == ""


def test_csv_export_zip_holds_the_same_tables(store: GraphStore, tmp_path: Path) -> None:
    graph = load_graph(store)
    folder = write_csv(graph, tmp_path / "out")
    (archive,) = write_csv(graph, tmp_path / "graph.zip")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == NAMES
        for path in folder:
            assert zf.read(path.name).decode("utf-8") == path.read_text("utf-8")
    again = tmp_path / "again.zip"
    write_csv(graph, again)
    assert again.read_bytes() == archive.read_bytes()  # reproducible archive


def test_csv_export_quotes_awkward_text(tmp_path: Path) -> None:
    text = 'He said, "yes",\nthen left; 이 노래 | ok'
    data = {
        "entities": [
            {"id": "p", "name": 'A "B", C', "type": "PERSON", "aliases": [], "mentions": []}
        ],
        "relations": [
            {
                "s": "p",
                "p": "won",
                "o": "q",
                "evidence": text,
                "sources": [{"article": "x", "sentence": 0, "start": 0, "end": 2, "text": text}],
                "support": 1,
            }
        ],
    }
    write_csv(from_export(data), tmp_path / "out")
    (row,) = _rows((tmp_path / "out" / "evidence.csv").read_text("utf-8"))
    assert row["text"] == text
    (node,) = _rows((tmp_path / "out" / "nodes.csv").read_text("utf-8"))
    assert node["name"] == 'A "B", C'
    assert csv_tables(from_export(data))["edges"][1][0][5] == text


def test_csv_export_unwritable_target(store: GraphStore, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot write the export"):
        write_csv(load_graph(store), blocker / "sub")
    with pytest.raises(StorageError, match="cannot write the export"):
        write_csv(load_graph(store), tmp_path / "missing" / "g.zip")

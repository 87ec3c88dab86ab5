from __future__ import annotations

import json
import socket
import zipfile
from pathlib import Path
from typing import Any, NoReturn

import networkx as nx
import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import newsgraph.export
from newsgraph import api, cli
from newsgraph.errors import ConfigError
from newsgraph.export import (
    FORMATS,
    build_rdf,
    export_store,
    load_graph,
    read_rdf,
    render,
)
from newsgraph.store import GraphStore


class NetworkCalled(Exception):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        raise NetworkCalled(f"network call attempted: {args!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_formats_public_names() -> None:
    assert sorted(newsgraph.export.__all__) == sorted(
        [
            "DEFAULT_BASE",
            "FORMATS",
            "ArticleInfo",
            "EntityInfo",
            "ExportFormat",
            "ExportGraph",
            "FactIds",
            "QuickStatements",
            "build_rdf",
            "csv_tables",
            "dumps",
            "export_json",
            "export_store",
            "fact_ids",
            "from_export",
            "jsonld_context",
            "load_graph",
            "quickstatements",
            "read_rdf",
            "render",
            "to_graphml",
            "to_jsonld",
            "to_networkx",
            "to_turtle",
            "write",
            "write_csv",
            "write_graphml",
            "write_json",
        ]
    )
    assert list(FORMATS) == ["json", "jsonld", "turtle", "graphml", "csv", "quickstatements"]


@pytest.mark.usefixtures("no_network")
def test_formats_no_output_makes_a_network_call(store: GraphStore, tmp_path: Path) -> None:
    graph = load_graph(store)
    expected = build_rdf(graph)
    for fmt in FORMATS:
        target = tmp_path / f"out-{fmt}"
        export_store(store, fmt, target)
        if FORMATS[fmt].text:
            assert target.read_text("utf-8") == export_store(store, fmt)
    assert isomorphic(read_rdf((tmp_path / "out-jsonld").read_text("utf-8"), "json-ld"), expected)
    assert isomorphic(read_rdf((tmp_path / "out-turtle").read_text("utf-8"), "turtle"), expected)


@pytest.mark.usefixtures("no_network")
def test_formats_network_guard_catches_a_remote_context() -> None:
    # The guard above would catch an export that named a remote @context: reading one fetches.
    doc = json.dumps({"@context": "https://schema.org/", "@id": "urn:x", "name": "x"})
    with pytest.raises(Exception) as info:
        read_rdf(doc, "json-ld")
    chain: BaseException | None = info.value
    seen = []
    while chain is not None:
        seen.append(chain)
        chain = chain.__cause__ or chain.__context__
    assert any(isinstance(e, NetworkCalled) for e in seen)


def test_formats_text_and_target_rules(store: GraphStore, tmp_path: Path) -> None:
    text = export_store(store, "json")
    assert isinstance(text, str) and json.loads(text) == store.export_json()
    with pytest.raises(ConfigError, match=r"give an output folder or \.zip"):
        export_store(store, "csv")
    with pytest.raises(ConfigError, match="unknown export format 'rdfxml'"):
        export_store(store, "rdfxml")
    with pytest.raises(ConfigError, match="writes several files"):
        render(load_graph(store), "csv")
    notes: list[str] = []
    text = export_store(store, "quickstatements", notes=notes.append)
    assert isinstance(text, str) and text.count("\n") == 4
    assert notes == [
        "quickstatements: 4 relations as 4 lines; skipped 2 (1 no_qid, 1 no_wikidata_property)"
    ]


def _db(store: GraphStore) -> str:
    return store.url  # the API and CLI take a path or a database URL


def test_formats_api_export(store: GraphStore, tmp_path: Path) -> None:
    db = _db(store)
    assert api.export(db=db) == store.export_json()
    turtle = api.export(db=db, format="turtle", base_iri="https://kb.example.org/")
    assert isinstance(turtle, str) and "https://kb.example.org/id/" in turtle
    written = api.export(db=db, format="csv", output=tmp_path / "g.zip")
    assert written == [tmp_path / "g.zip"]
    assert "nodes.csv" in zipfile.ZipFile(tmp_path / "g.zip").namelist()
    with pytest.raises(ConfigError):
        api.export(db=db, format="csv")


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli.app, list(args), env={"CI": "1", "NEWSGRAPH_DB": None})


def test_formats_cli_export(store: GraphStore, tmp_path: Path) -> None:
    db = _db(store)
    result = _run("--db", db, "export", "--format", "jsonld")
    assert result.exit_code == 0, result.stderr
    assert isomorphic(read_rdf(result.stdout, "json-ld"), build_rdf(load_graph(store)))

    result = _run("--db", db, "export", "-f", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert result.exit_code == 0 and result.stdout == ""
    assert nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True).number_of_nodes() == 7

    result = _run("--db", db, "export", "-f", "csv", "-o", str(tmp_path / "tables"))
    assert result.exit_code == 0
    assert (tmp_path / "tables" / "evidence.csv").is_file()

    result = _run("--db", db, "export", "-f", "quickstatements")
    assert result.exit_code == 0
    assert result.stdout.count("\tS854\t") == 4
    assert "skipped 2" in result.stderr

    result = _run("--db", db, "export", "-f", "turtle", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("@prefix")

    result = _run("--db", db, "export", "-f", "csv")
    assert result.exit_code == 5
    assert "[NG100]" in result.stderr and "-o" in result.stderr

"""Every export format behind one entry point, so the API, CLI and server choose by name.

Text formats can go to stdout or a file; ``csv`` writes several files and so needs a target (a
folder, or an archive when the target ends in ``.zip``). An unknown format, or a folder format
without a target, is a :class:`~newsgraph.errors.ConfigError` (exit code 5 in the CLI).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.export._files import write_text_atomic
from newsgraph.export.csv_export import write_csv
from newsgraph.export.graph_data import ExportGraph, from_export, load_graph
from newsgraph.export.graphml_export import to_graphml
from newsgraph.export.json_export import dumps
from newsgraph.export.quickstatements_export import quickstatements
from newsgraph.export.rdf_export import DEFAULT_BASE, to_jsonld, to_turtle
from newsgraph.store import GraphStore

Notes = Callable[[str], None]
"""Receives one-line remarks for a human (what was skipped), e.g. printed on stderr."""


@dataclass(frozen=True)
class ExportFormat:
    """A format's name, whether it is text (stdout is fine) and what it holds."""

    name: str
    text: bool
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", True, "the JSON contract of gold/SCHEMA.md"),
        ExportFormat("jsonld", True, "JSON-LD (schema.org + PROV-O), inline @context"),
        ExportFormat("turtle", True, "the same RDF graph as Turtle"),
        ExportFormat("graphml", True, "entities and relations as GraphML (Gephi, networkx)"),
        ExportFormat("csv", False, "nodes, edges, events, reasons, evidence, articles tables"),
        ExportFormat("quickstatements", True, "Wikidata QuickStatements V1 with references"),
    )
}


def check_format(fmt: str) -> ExportFormat:
    """The format called ``fmt``, or a ConfigError listing the available ones."""
    found = FORMATS.get(fmt)
    if found is None:
        raise ConfigError(f"unknown export format {fmt!r}; available: {', '.join(FORMATS)}")
    return found


def render(
    graph: ExportGraph,
    fmt: str,
    *,
    base: str = DEFAULT_BASE,
    retrieved: date | None = None,
    notes: Notes | None = None,
) -> str:
    """A text format as a string; ConfigError for a format that needs a target (csv)."""
    spec = check_format(fmt)
    if not spec.text:
        raise ConfigError(f"export format {fmt!r} writes several files: give an output path")
    if fmt == "json":
        return dumps(dict(graph.data))
    if fmt == "jsonld":
        return to_jsonld(graph, base=base)
    if fmt == "turtle":
        return to_turtle(graph, base=base)
    if fmt == "graphml":
        return to_graphml(graph)
    qs = quickstatements(graph, retrieved=retrieved)
    if notes is not None:
        notes(qs.summary())
    return qs.text


def write(
    graph: ExportGraph,
    fmt: str,
    target: str | Path,
    *,
    base: str = DEFAULT_BASE,
    retrieved: date | None = None,
    notes: Notes | None = None,
) -> list[Path]:
    """Write a format to ``target`` (file, folder, or .zip for csv); the paths written."""
    spec = check_format(fmt)
    if not spec.text:
        return write_csv(graph, target)
    write_text_atomic(target, render(graph, fmt, base=base, retrieved=retrieved, notes=notes))
    return [Path(target)]


def export_store(
    store: GraphStore,
    fmt: str,
    target: str | Path | None = None,
    *,
    base: str = DEFAULT_BASE,
    retrieved: date | None = None,
    notes: Notes | None = None,
) -> str | list[Path]:
    """Export a store: the text when ``target`` is None (or "-"), else the paths written.

    The format is checked before the graph is read, so a bad request fails fast.
    """
    spec = check_format(fmt)
    if target is not None and str(target) == "-":
        target = None
    if target is None and not spec.text:
        raise ConfigError(
            f"export format {fmt!r} writes several files: give an output folder or .zip (-o)"
        )
    graph = from_export(store.export_json()) if fmt == "json" else load_graph(store)
    if target is None:
        return render(graph, fmt, base=base, retrieved=retrieved, notes=notes)
    return write(graph, fmt, target, base=base, retrieved=retrieved, notes=notes)

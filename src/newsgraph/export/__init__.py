"""export stage: the stored graph written out in the documented formats.

``json`` is the contract of ``gold/SCHEMA.md``; ``jsonld``/``turtle`` (RDF: schema.org + PROV-O),
``graphml``, ``csv`` and ``quickstatements`` (Wikidata) are built from it plus article and entity
details (:func:`load_graph`). :func:`export_store` picks a format by name.
"""

from __future__ import annotations

from newsgraph.export.csv_export import csv_tables, write_csv
from newsgraph.export.formats import FORMATS, ExportFormat, export_store, render, write
from newsgraph.export.graph_data import (
    ArticleInfo,
    EntityInfo,
    ExportGraph,
    FactIds,
    fact_ids,
    from_export,
    load_graph,
)
from newsgraph.export.graphml_export import to_graphml, to_networkx, write_graphml
from newsgraph.export.json_export import dumps, export_json, write_json
from newsgraph.export.quickstatements_export import QuickStatements, quickstatements
from newsgraph.export.rdf_export import (
    DEFAULT_BASE,
    build_rdf,
    jsonld_context,
    read_rdf,
    to_jsonld,
    to_turtle,
)

__all__ = [
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

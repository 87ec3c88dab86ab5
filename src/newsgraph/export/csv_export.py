"""The ``csv`` export: one table per kind of thing, in a folder or a ``.zip``, UTF-8 with a header.

Tables: ``nodes.csv`` (entities), ``edges.csv`` (relations), ``events.csv``, ``reasons.csv``,
``evidence.csv`` (one row per source of any fact, joined to the facts on ``fact_id``) and
``articles.csv``. Aliases are joined with `` | ``; a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from newsgraph.errors import StorageError
from newsgraph.export._files import file_mode, write_text_atomic
from newsgraph.export.graph_data import ExportGraph, fact_ids
from newsgraph.export.graphml_export import ALIAS_SEPARATOR

Table = tuple[list[str], list[list[Any]]]

TABLE_NAMES = ("nodes", "edges", "events", "reasons", "evidence", "articles")


def csv_tables(graph: ExportGraph) -> dict[str, Table]:
    """Every table as (header, rows), in the order of :data:`TABLE_NAMES`."""
    ids = fact_ids(graph)
    nodes: list[list[Any]] = []
    for e in graph.section("entities"):
        info = graph.entity_info(e["id"])
        mentions = e.get("mentions") or []
        nodes.append(
            [
                e["id"],
                e["name"],
                e.get("type") or "",
                info.subtype or "",
                info.qid or "",
                ALIAS_SEPARATOR.join(e.get("aliases") or []),
                len(mentions),
                len({m["article"] for m in mentions}),
            ]
        )
    evidence: list[list[Any]] = []

    def sources(kind: str, fid: str, fact: dict[str, Any]) -> None:
        for src in fact.get("sources") or []:
            evidence.append(
                [
                    kind,
                    fid,
                    src["article"],
                    graph.article(src["article"]).url,
                    _cell(src.get("sentence")),
                    _cell(src.get("start")),
                    _cell(src.get("end")),
                    src.get("text") or "",
                ]
            )

    edges: list[list[Any]] = []
    for fid, r in zip(ids.relations, graph.section("relations"), strict=True):
        edges.append([fid, r["s"], r["p"], r["o"], r.get("support", 0), _first_text(r)])
        sources("relation", fid, r)
    events: list[list[Any]] = []
    for fid, ev in zip(ids.events, graph.section("events"), strict=True):
        events.append(
            [
                fid,
                ev["type"],
                _cell(ev.get("subject")),
                _cell(ev.get("date")),
                _cell(ev.get("precision")),
                _cell(ev.get("date_text")),
                _cell(ev.get("place")),
                ev.get("support", 0),
                _first_text(ev),
            ]
        )
        sources("event", fid, ev)
    reasons: list[list[Any]] = []
    for fid, rs in zip(ids.reasons, graph.section("reasons"), strict=True):
        reasons.append(
            [
                fid,
                _cell(rs.get("agent")),
                rs["effect"],
                rs["cause"],
                _cell(rs.get("kind")),
                _cell(rs.get("cue")),
                _cell(rs.get("attributed_to")),
                rs.get("support", 0),
                _first_text(rs),
            ]
        )
        sources("reason", fid, rs)
    article_ids = sorted(set(graph.articles) | {row[2] for row in evidence})
    articles = [
        [a.id, a.url, a.title, _cell(a.published), _cell(a.retrieved)]
        for a in (graph.article(i) for i in article_ids)
    ]
    return {
        "nodes": (
            ["id", "name", "type", "subtype", "qid", "aliases", "mentions", "articles"],
            nodes,
        ),
        "edges": (["fact_id", "source", "predicate", "target", "support", "evidence"], edges),
        "events": (
            [
                "fact_id",
                "type",
                "subject",
                "date",
                "precision",
                "date_text",
                "place",
                "support",
                "evidence",
            ],
            events,
        ),
        "reasons": (
            [
                "fact_id",
                "agent",
                "effect",
                "cause",
                "kind",
                "cue",
                "attributed_to",
                "support",
                "evidence",
            ],
            reasons,
        ),
        "evidence": (
            ["fact_kind", "fact_id", "article", "url", "sentence", "start", "end", "text"],
            evidence,
        ),
        "articles": (["id", "url", "title", "published", "retrieved"], articles),
    }


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _first_text(fact: dict[str, Any]) -> str:
    if fact.get("evidence"):
        return str(fact["evidence"])
    return next((s["text"] for s in fact.get("sources") or [] if s.get("text")), "")


def _render(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    header, rows = table
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_csv(graph: ExportGraph, target: str | Path) -> list[Path]:
    """Write the tables into the folder ``target`` (created if missing), or into one zip archive
    when ``target`` ends in ``.zip``. Returns the paths written (the archive alone for a zip).
    Files are replaced atomically; StorageError when the target cannot be written."""
    dest = Path(target)
    tables = {f"{name}.csv": _render(t) for name, t in csv_tables(graph).items()}
    try:
        if dest.suffix.lower() == ".zip":
            fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent or Path("."))
            try:
                with (
                    os.fdopen(fd, "wb") as fh,
                    zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf,
                ):
                    for name, text in tables.items():
                        # A fixed timestamp keeps the archive identical for the same graph.
                        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        zf.writestr(info, text.encode("utf-8"))
                os.chmod(tmp, file_mode())
                os.replace(tmp, dest)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return [dest]
        dest.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            write_text_atomic(dest / name, text)
        return [dest / name for name in tables]
    except OSError as exc:
        raise StorageError(f"cannot write the export to {dest}: {exc}") from exc

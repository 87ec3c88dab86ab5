"""The ``export --format json`` output: the whole graph with global ids and every fact's sources."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

from newsgraph.export._files import write_text_atomic
from newsgraph.store import GraphStore


def export_json(store: GraphStore) -> dict[str, Any]:
    """The graph as ``{"entities", "relations", "events", "reasons"}``, sorted (reproducible)."""
    return store.export_json()


def dumps(data: dict[str, Any], *, indent: int | None = 2) -> str:
    """Stable JSON text (keys in contract order, non-ASCII kept as is), ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def write_json(
    store: GraphStore, dest: str | Path | IO[str] | None = None, *, indent: int | None = 2
) -> None:
    """Write the export to a path (atomically), an open text stream, or stdout for None or "-"."""
    text = dumps(export_json(store), indent=indent)
    if dest is None or dest == "-":
        sys.stdout.write(text)
        return
    if not isinstance(dest, str | Path):
        dest.write(text)
        return
    write_text_atomic(dest, text)

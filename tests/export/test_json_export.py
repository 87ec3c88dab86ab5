from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import newsgraph.export
from newsgraph.errors import StorageError
from newsgraph.export import dumps, export_json, write_json
from newsgraph.model import Article, Entity, Evidence, Extraction, Relation
from newsgraph.store import GraphStore


def _store(tmp_path: Path) -> GraphStore:
    text = "Hana Yoo sang Glass Garden. Hana Yoo wrote it too."
    store = GraphStore(str(tmp_path / "g.db"))
    store.add_extraction(
        Extraction(
            Article("art-1", text),
            (
                Entity("p", "Hana Yoo", "PERSON", ("Hana Yoo",)),
                Entity("w", "Glass Garden", "WORK", ("Glass Garden",)),
            ),
            (Relation("p", "performer_of", "w", (Evidence("art-1", 0, 0, 27, text[:27]),)),),
            sentences=((0, 27), (28, len(text))),
        )
    )
    return store


def test_json_export_public_names() -> None:
    assert {"dumps", "export_json", "write_json"} <= set(newsgraph.export.__all__)


def test_json_export_writes_file_and_stream(tmp_path: Path) -> None:
    store = _store(tmp_path)
    data = export_json(store)
    assert data["relations"][0]["s"] == "person:hana-yoo"
    assert data["relations"][0]["o"] == "work:glass-garden"
    out = tmp_path / "graph.json"
    write_json(store, out)
    assert json.loads(out.read_text("utf-8")) == data
    buf = io.StringIO()
    write_json(store, buf, indent=None)
    assert buf.getvalue() == dumps(data, indent=None)
    assert buf.getvalue().endswith("\n")


def test_json_export_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = _store(tmp_path)
    write_json(store, "-")
    assert json.loads(capsys.readouterr().out) == export_json(store)


def test_json_export_unwritable_target_raises_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot write the export"):
        write_json(_store(tmp_path), tmp_path / "missing" / "graph.json")

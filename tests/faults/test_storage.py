"""A locked or read-only graph gives a clear StorageError (exit code 4), never a traceback."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import api, cli
from newsgraph.errors import StorageError
from newsgraph.store import GraphStore

NEW = (
    "The actor Nadia Ferro won the best actress prize at the Lakeside Film Festival on Sunday "
    "for her role in a film about two sisters who run a ferry between two islands."
)


def test_storage_locked_database_exits_4(tmp_path: Path, made_up_articles: Path) -> None:
    db = tmp_path / "g.db"
    GraphStore(str(db)).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another writer holds the write lock
    try:
        result = CliRunner().invoke(cli.app, ["--db", str(db), "ingest", str(made_up_articles)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 4
    assert "[NG200]" in result.stderr and "locked" in result.stderr
    assert "Traceback" not in result.output


def test_storage_read_only_graph_with_signatures_exits_4(
    tmp_path: Path, made_up_articles: Path
) -> None:
    db = tmp_path / "g.db"
    api.ingest([made_up_articles], db=str(db))
    assert (tmp_path / "g.db.dedup").exists()
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = CliRunner().invoke(cli.app, ["--db", url, "ingest", str(tmp_path / "new.txt")])
    assert result.exit_code == 4
    assert "read-only" in result.stderr
    with pytest.raises(StorageError, match="read-only"):
        api.ingest([tmp_path / "new.txt"], db=url)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_storage_read_only_file_exits_4(tmp_path: Path, made_up_articles: Path) -> None:
    db = tmp_path / "g.db"
    GraphStore(str(db)).close()
    db.chmod(0o444)
    try:
        result = CliRunner().invoke(cli.app, ["--db", str(db), "ingest", str(made_up_articles)])
    finally:
        db.chmod(0o644)
    assert result.exit_code == 4


def test_storage_unwritable_signature_file_exits_4(tmp_path: Path, made_up_articles: Path) -> None:
    db = tmp_path / "g.db"
    (tmp_path / "g.db.dedup").mkdir()  # a folder where the signature file should be
    result = CliRunner().invoke(cli.app, ["--db", str(db), "ingest", str(made_up_articles)])
    assert result.exit_code == 4
    assert "near-duplicate index" in result.stderr

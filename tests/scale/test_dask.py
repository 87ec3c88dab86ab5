"""Dask extraction: the same graph as one process, and a clear message when Dask is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import api, cli
from newsgraph.errors import ConfigError
from newsgraph.nlp.pipeline import Extractor
from newsgraph.scale import dask_executor


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_dask_two_workers_build_the_same_graph(
    tmp_path: Path, texts: dict[str, str], made_up_articles: Path, extractor: Extractor
) -> None:
    pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "corpus", texts)
    inputs = [made_up_articles, corpus]
    single = api.ingest(inputs, db=str(tmp_path / "single.db"))
    spread = api.ingest(inputs, db=str(tmp_path / "dask.db"), workers=2)
    assert spread.to_json() == single.to_json()
    assert single.added == 6  # 3 made-up + the wire story, its rewrite and the other story
    assert sorted(s.code for s in single.skipped) == ["NG001", "NG007", "NG007", "NG008"]
    assert api.export(db=str(tmp_path / "dask.db")) == api.export(db=str(tmp_path / "single.db"))


def test_dask_cli_workers_option(tmp_path: Path, made_up_articles: Path) -> None:
    pytest.importorskip("distributed")
    db = str(tmp_path / "g.db")
    result = CliRunner().invoke(
        cli.app, ["--db", db, "ingest", str(made_up_articles), "--workers", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert api.stats(db=db)["articles"] == 3


def test_dask_cli_refuses_zero_workers(tmp_path: Path, made_up_articles: Path) -> None:
    result = CliRunner().invoke(
        cli.app, ["--db", str(tmp_path / "g.db"), "ingest", str(made_up_articles), "--workers", "0"]
    )
    assert result.exit_code == 2


def test_dask_missing_says_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    monkeypatch.delitem(sys.modules, "newsgraph.scale._dask", raising=False)
    with pytest.raises(ConfigError, match=r"install newsgraph\[dask\]"):
        dask_executor(workers=2)


def test_dask_missing_exits_5_from_the_cli(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, made_up_articles: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "newsgraph.scale._dask", raising=False)
    result = CliRunner().invoke(
        cli.app, ["--db", str(tmp_path / "g.db"), "ingest", str(made_up_articles), "--workers", "2"]
    )
    assert result.exit_code == 5
    assert "newsgraph[dask]" in result.stderr


def test_dask_unreachable_scheduler_is_a_config_error(tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(ConfigError, match="cannot start Dask"),
    ):
        dask_executor(scheduler="tcp://127.0.0.1:9")


def test_dask_zero_workers_refused() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        dask_executor(workers=0)

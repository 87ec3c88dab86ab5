"""``newsgraph serve``: binds to loopback by default and passes the database and token on."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph import cli, serve


def test_cli_serve_defaults_to_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(settings: serve.ServeSettings, *, host: str, port: int) -> None:
        calls.append({"settings": settings, "host": host, "port": port})

    monkeypatch.setattr(serve, "run", fake_run)
    monkeypatch.setenv("NEWSGRAPH_TOKEN", "tok")
    db = str(tmp_path / "g.db")
    result = CliRunner().invoke(cli.app, ["--db", db, "serve"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert calls[0]["settings"].db == db and calls[0]["settings"].token == "tok"


def test_cli_serve_warns_when_writes_are_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setattr(serve, "run", lambda settings, *, host, port: None)
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    result = CliRunner().invoke(
        cli.app, ["--db", str(tmp_path / "g.db"), "serve", "--port", "9001", "--host", "::1"]
    )
    assert result.exit_code == 0
    assert "writes disabled" in result.output


def test_cli_serve_rejects_a_bad_port() -> None:
    assert CliRunner().invoke(cli.app, ["serve", "--port", "70000"]).exit_code == 2

"""Server settings: the write token comes from the environment only."""

from __future__ import annotations

import pytest

from newsgraph.serve.settings import DEFAULT_MAX_BODY, TOKEN_ENV, ServeSettings


def test_settings_token_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "  abc  ")
    settings = ServeSettings.from_env("g.db")
    assert settings.token == "abc" and settings.writes_enabled
    assert settings.max_body_bytes == DEFAULT_MAX_BODY == 2 * 1024 * 1024


@pytest.mark.parametrize("value", [None, "", "   "])
def test_settings_no_token_disables_writes(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv(TOKEN_ENV, raising=False)
    else:
        monkeypatch.setenv(TOKEN_ENV, value)
    settings = ServeSettings.from_env("g.db")
    assert settings.token is None and not settings.writes_enabled

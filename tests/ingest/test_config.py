"""The ingest data file (data/ingest_limits.json) and its validation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.ingest._config import INPUT_KINDS, load_config, parse_config

VALID: dict[str, Any] = {
    "extensions": {
        "text": [".txt"],
        "jsonl": [".jsonl"],
        "json": [".json"],
        "html": [".html"],
        "feed": [".xml"],
    },
    "unsupported_extensions": [".pdf"],
    "feed_markers": ["<rss"],
    "html_markers": ["<html"],
    "sniff_chars": 1024,
    "max_control_share": 0.05,
    "preferred_legacy_encodings": ["cp1252"],
}


def test_config_packaged_file_is_valid() -> None:
    config = load_config()
    assert set(config.kind_by_extension.values()) == set(INPUT_KINDS)
    assert config.kind_by_extension[".txt"] == "text"
    assert config.kind_by_extension[".atom"] == "feed"
    assert ".pdf" in config.unsupported_extensions


def test_config_minimal_valid_file_parses() -> None:
    config = parse_config(VALID)
    assert config.kind_by_extension == {
        ".txt": "text",
        ".jsonl": "jsonl",
        ".json": "json",
        ".html": "html",
        ".xml": "feed",
    }


def _broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("extensions", "text"), [], "non-empty"),
        (("extensions", "text"), [".txt", ".TXT"], "twice"),
        (("extensions", "text"), [".json"], "two kinds"),
        (("extensions", "text"), ["txt"], "extension"),
        (("extensions", "text"), [""], "empty"),
        (("unsupported_extensions",), [".txt"], "both"),
        (("feed_markers",), [], "non-empty"),
        (("sniff_chars",), 3, "sniff_chars"),
        (("max_control_share",), 1.5, "max_control_share"),
        (("preferred_legacy_encodings",), ["cp1252", "cp1252"], "twice"),
    ],
)
def test_config_refuses_bad_entries(path: tuple[str, ...], value: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(_broken(path, value))


def test_config_refuses_missing_kind() -> None:
    data = copy.deepcopy(VALID)
    del data["extensions"]["feed"]
    with pytest.raises(ConfigError, match="extensions"):
        parse_config(data)

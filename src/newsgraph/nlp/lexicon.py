"""Load and validate the domain data files under ``newsgraph/data``.

Tables refuse to be empty and refuse duplicate entries, so that a broken data file fails at
start-up with a clear :class:`~newsgraph.errors.ConfigError` instead of silently matching nothing.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError


def read_data_text(name: str) -> str:
    """The text of a bundled data file."""
    try:
        return resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    except (OSError, FileNotFoundError) as exc:
        raise ConfigError(f"data file {name!r} is missing: {exc}") from exc


@cache
def load_json(name: str) -> Any:
    """A bundled JSON data file, parsed (cached)."""
    try:
        return json.loads(read_data_text(name))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"data file {name!r} is not valid JSON: {exc}") from exc


def word_list(name: str, key: str | None = None) -> tuple[str, ...]:
    """A non-empty list of unique strings, from a JSON file (or one key of it)."""
    data = load_json(name)
    items = data[key] if key is not None else data
    where = f"{name}:{key}" if key else name
    if not isinstance(items, list) or not items:
        raise ConfigError(f"data list {where} is empty or not a list")
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"data list {where} holds a blank or non-string entry: {item!r}")
        if item.lower() in seen:
            raise ConfigError(f"data list {where} repeats {item!r}")
        seen.add(item.lower())
    return tuple(items)


def word_map(name: str, key: str | None = None) -> dict[str, Any]:
    """A non-empty mapping from a JSON file (or one key of it)."""
    data = load_json(name)
    items = data[key] if key is not None else data
    if not isinstance(items, dict) or not items:
        raise ConfigError(f"data map {name}:{key} is empty or not a mapping")
    return dict(items)

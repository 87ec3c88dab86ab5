"""Ingest settings loaded from ``data/ingest_limits.json`` and checked once.

Which extension means which input kind, what marks a feed or a web page when the extension says
nothing, and the decoding thresholds are reviewable data, not code. A broken file fails loudly with
a :class:`~newsgraph.errors.ConfigError` instead of silently reading everything as text.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError

DATA_FILE = "ingest_limits.json"

#: Every input kind the readers understand, in the order they are documented.
INPUT_KINDS: tuple[str, ...] = ("text", "jsonl", "json", "html", "feed")


@dataclass(frozen=True)
class IngestConfig:
    """Validated contents of the ingest data file."""

    kind_by_extension: dict[str, str]
    unsupported_extensions: frozenset[str]
    feed_markers: tuple[str, ...]
    html_markers: tuple[str, ...]
    sniff_chars: int
    max_control_share: float
    preferred_legacy_encodings: tuple[str, ...]


def _string_list(raw: Any, where: str, *, lower: bool = True) -> list[str]:
    """A non-empty list of distinct non-empty strings, or a ConfigError naming ``where``."""
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{DATA_FILE}: {where} must be a non-empty list")
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{DATA_FILE}: {where} has an empty or non-string entry")
        value = item.strip().lower() if lower else item.strip()
        if value in out:
            raise ConfigError(f"{DATA_FILE}: {where} lists {value!r} twice")
        out.append(value)
    return out


def _extension_list(raw: Any, where: str) -> list[str]:
    values = _string_list(raw, where)
    for ext in values:
        if not ext.startswith(".") or len(ext) < 2:
            raise ConfigError(f"{DATA_FILE}: {where}: {ext!r} is not an extension like '.txt'")
    return values


def parse_config(data: Any) -> IngestConfig:
    """Validate the raw JSON object of the data file; refuse empty or duplicate entries."""
    if not isinstance(data, dict):
        raise ConfigError(f"{DATA_FILE}: top level must be an object")
    extensions = data.get("extensions")
    if not isinstance(extensions, dict) or set(extensions) != set(INPUT_KINDS):
        raise ConfigError(f"{DATA_FILE}: 'extensions' must map exactly {', '.join(INPUT_KINDS)}")
    kind_by_extension: dict[str, str] = {}
    for kind in INPUT_KINDS:
        for ext in _extension_list(extensions[kind], f"extensions.{kind}"):
            if ext in kind_by_extension:
                raise ConfigError(f"{DATA_FILE}: extension {ext!r} belongs to two kinds")
            kind_by_extension[ext] = kind
    unsupported = _extension_list(data.get("unsupported_extensions"), "unsupported_extensions")
    clash = sorted(set(unsupported) & set(kind_by_extension))
    if clash:
        raise ConfigError(f"{DATA_FILE}: {clash} are both supported and unsupported")
    sniff_chars = data.get("sniff_chars")
    if not isinstance(sniff_chars, int) or isinstance(sniff_chars, bool) or sniff_chars < 64:
        raise ConfigError(f"{DATA_FILE}: 'sniff_chars' must be an integer >= 64")
    share = data.get("max_control_share")
    if not isinstance(share, int | float) or isinstance(share, bool) or not 0 < share < 1:
        raise ConfigError(f"{DATA_FILE}: 'max_control_share' must be a number in (0, 1)")
    encodings = _string_list(data.get("preferred_legacy_encodings"), "preferred_legacy_encodings")
    return IngestConfig(
        kind_by_extension=kind_by_extension,
        unsupported_extensions=frozenset(unsupported),
        feed_markers=tuple(_string_list(data.get("feed_markers"), "feed_markers")),
        html_markers=tuple(_string_list(data.get("html_markers"), "html_markers")),
        sniff_chars=sniff_chars,
        max_control_share=float(share),
        preferred_legacy_encodings=tuple(encodings),
    )


@functools.cache
def load_config() -> IngestConfig:
    """The packaged ingest settings, read and validated once per process."""
    try:
        raw = resources.files("newsgraph.data").joinpath(DATA_FILE).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as err:
        raise ConfigError(f"cannot read {DATA_FILE}: {err}") from err
    return parse_config(data)

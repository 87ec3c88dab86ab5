"""Reading the gold annotation files (``gold/SCHEMA.md``) and fingerprinting them.

Gold files are checked once here (the edge); scorers then trust the dicts. A bad gold file is a
:class:`~newsgraph.errors.ConfigError` naming the file, never a silent skip: a missing article
would quietly change every figure.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError

__all__ = ["GoldArticle", "gold_digest", "gold_files", "load_gold"]

ARTICLE_FIELDS = ("id", "url", "title", "published", "text")
_LIST_FIELDS = ("entities", "relations", "events", "reasons", "questions")


@dataclass(frozen=True)
class GoldArticle:
    """One gold file: the article and what a careful reader takes from it (plain dicts)."""

    id: str
    path: Path
    data: dict[str, Any]

    @property
    def article(self) -> dict[str, Any]:
        """Only what the system may read (id, url, title, published, text): no annotations."""
        return {key: self.data.get(key) for key in ARTICLE_FIELDS}

    @property
    def entities(self) -> list[dict[str, Any]]:
        return list(self.data.get("entities", []))

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.data.get("questions", []))


def gold_files(gold_dir: Path | str) -> list[Path]:
    """The ``*.json`` gold files of a folder, sorted by name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise ConfigError(f"gold folder {str(folder)!r} does not exist")
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if not files:
        raise ConfigError(f"gold folder {str(folder)!r} holds no .json files")
    return files


def load_gold(gold_dir: Path | str) -> list[GoldArticle]:
    """Every gold article of ``gold_dir``, sorted by file name; refuses malformed files."""
    articles: list[GoldArticle] = []
    seen: dict[str, Path] = {}
    for path in gold_files(gold_dir):
        data = _read(path)
        article_id = data["id"]
        if article_id in seen:
            raise ConfigError(
                f"{path.name}: article id {article_id!r} already in {seen[article_id].name}"
            )
        seen[article_id] = path
        articles.append(GoldArticle(id=article_id, path=path, data=data))
    return articles


def gold_digest(gold_dir: Path | str) -> str:
    """sha256 over the sorted gold files: each file's name, a NUL, its bytes, a NUL.

    Names are included so that renaming an article also counts as a change of gold.
    """
    digest = hashlib.sha256()
    for path in gold_files(gold_dir):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read gold file: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: a gold file holds one JSON object")
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise ConfigError(f"{path.name}: gold article has no string 'id'")
    if not isinstance(data.get("text"), str):
        raise ConfigError(f"{path.name}: gold article has no string 'text'")
    for key in _LIST_FIELDS:
        if not isinstance(data.get(key, []), list):
            raise ConfigError(f"{path.name}: {key!r} must be a list")
    ids: set[str] = set()
    for number, entity in enumerate(data.get("entities", [])):
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise ConfigError(f"{path.name}: entity #{number} has no string 'id'")
        if not isinstance(entity.get("mentions", []), list):
            raise ConfigError(f"{path.name}: entity {entity['id']!r}: 'mentions' must be a list")
        if entity["id"] in ids:
            raise ConfigError(f"{path.name}: duplicate entity id {entity['id']!r}")
        ids.add(entity["id"])
    return data

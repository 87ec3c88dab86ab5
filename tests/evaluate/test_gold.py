from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.evaluate.gold import gold_digest, load_gold


def _write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _article(article_id: str) -> dict[str, Any]:
    return {
        "id": article_id,
        "url": f"https://example.test/{article_id}",
        "published": "2024-02-01",
        "title": "Made-up headline",
        "text": "Starline announced a spring tour.",
        "entities": [
            {"id": "starline", "name": "Starline", "type": "GROUP", "mentions": ["Starline"]}
        ],
        "relations": [],
        "events": [],
        "reasons": [],
        "questions": [],
    }


def test_gold_load_sorted_by_file_name_and_article_view_hides_annotations(tmp_path: Path) -> None:
    _write(tmp_path, "b.json", _article("second"))
    _write(tmp_path, "a.json", _article("first"))
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    gold = load_gold(tmp_path)
    assert [g.id for g in gold] == ["first", "second"]
    assert set(gold[0].article) == {"id", "url", "title", "published", "text"}
    assert gold[0].entities[0]["id"] == "starline"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read"),
        ("[]", "one JSON object"),
        (json.dumps({"text": "x"}), "no string 'id'"),
        (json.dumps({"id": "a"}), "no string 'text'"),
        (json.dumps({"id": "a", "text": "", "entities": {}}), "must be a list"),
        (
            json.dumps({"id": "a", "text": "", "entities": [{"id": "x"}, {"id": "x"}]}),
            "duplicate entity id",
        ),
    ],
)
def test_gold_load_refuses_malformed_files(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_gold(tmp_path)


def test_gold_load_refuses_missing_empty_folder_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match=r"no \.json files"):
        load_gold(tmp_path)
    _write(tmp_path, "a.json", _article("same"))
    _write(tmp_path, "b.json", _article("same"))
    with pytest.raises(ConfigError, match=r"already in a\.json"):
        load_gold(tmp_path)


def test_gold_digest_changes_with_content_and_names(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.json", _article("first"))
    before = gold_digest(tmp_path)
    assert gold_digest(tmp_path) == before
    assert len(before) == 64
    path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    edited = gold_digest(tmp_path)
    assert edited != before
    path.rename(tmp_path / "renamed.json")
    assert gold_digest(tmp_path) != edited

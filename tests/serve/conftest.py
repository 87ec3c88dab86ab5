"""Fixtures for the server tests: a graph of the bundled (invented) samples, and app clients.

The sample graph is built once per session; tests that write get their own copy of the file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph import api
from newsgraph.nlp.pipeline import Extractor
from newsgraph.serve import ServeSettings, create_app

TOKEN = "test-token-3f9a"

# Invented, hostile article: markup in the text, the title and a javascript: address.
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "url": "javascript:alert(3)",
    "title": "<script>alert('title')</script>Night Kite news",
    "published": "2025-04-02",
    "text": (
        'Actor Roan Vell joined the film "Night Kite" because he wanted to work with director '
        'Ilse Marr again <script>alert("pwned")</script>.\n\n'
        "Roan Vell is signed to Copperleaf Entertainment <img src=x onerror=alert(2)>. "
        'The film "Night Kite" was directed by Ilse Marr.'
    ),
}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> str:
    """A graph of the eight bundled sample articles (needs the spaCy model)."""
    del extractor  # only there to skip when the model is missing, and to load it once
    db = tmp_path_factory.mktemp("serve") / "samples.db"
    report = api.ingest([api.bundled_samples()], db=str(db))
    assert report.added == 8
    return str(db)


@pytest.fixture
def fresh_db(sample_db: str, tmp_path: Path) -> str:
    """A private copy of the sample graph, for tests that write."""
    copy = tmp_path / "graph.db"
    shutil.copy(sample_db, copy)
    return str(copy)


@pytest.fixture(scope="session")
def client(sample_db: str) -> Iterator[TestClient]:
    """A read-only client over the sample graph (no token: writes are disabled)."""
    with TestClient(create_app(ServeSettings(db=sample_db))) as test_client:
        yield test_client


@pytest.fixture
def writer(fresh_db: str) -> Iterator[TestClient]:
    """A client over a private graph, with the write token configured."""
    with TestClient(create_app(ServeSettings(db=fresh_db, token=TOKEN))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_article() -> dict[str, str]:
    return dict(HOSTILE_ARTICLE)


@pytest.fixture(scope="session")
def token_headers() -> dict[str, str]:
    """The Authorization header the ``writer`` client accepts."""
    return {"Authorization": f"Bearer {TOKEN}"}

"""The application shell: security headers, the body limit, error shapes for every failure."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsgraph.errors import ConfigError, StorageError
from newsgraph.serve import ServeSettings, create_app
from newsgraph.serve.app import CSP, error_code


@pytest.fixture
def small_limit(fresh_db: str) -> Iterator[TestClient]:
    app = create_app(ServeSettings(db=fresh_db, token="t", max_body_bytes=100))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_app_every_response_has_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/stats", "/api/entities/nobody", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_app_csp_allows_no_inline_code() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in CSP and "object-src 'none'" in CSP


def test_app_body_limit_applies_to_every_route(small_limit: TestClient) -> None:
    headers = {"Authorization": "Bearer t", "Content-Type": "text/plain"}
    over = small_limit.post("/api/ingest", content=b"x" * 101, headers=headers)
    assert over.status_code == 413 and over.json()["error"]["code"] == "NG004"
    form = small_limit.post("/ingest", data={"token": "t", "text": "y" * 200})
    assert form.status_code == 413
    bad = small_limit.post("/api/ingest", content=b"x", headers={**headers, "Content-Length": "x"})
    assert bad.status_code == 400


def test_app_unexpected_errors_are_json_500(
    small_limit: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = small_limit.app.state.view  # type: ignore[attr-defined]

    def broken() -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(view, "stats", broken)
    response = small_limit.get("/api/stats")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "internal server error"}
    }
    assert "secret detail" not in response.text


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [(StorageError("database is locked"), 503, "NG200"), (ConfigError("bad"), 500, "NG100")],
)
def test_app_newsgraph_errors_keep_their_code(
    small_limit: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    status: int,
    code: str,
) -> None:
    view = small_limit.app.state.view  # type: ignore[attr-defined]

    def failing() -> None:
        raise error

    monkeypatch.setattr(view, "stats", failing)
    response = small_limit.get("/api/stats")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    page = small_limit.get("/", headers={"Accept": "text/html"})
    assert page.status_code == status and "<html" in page.text and code in page.text


def test_app_error_codes() -> None:
    assert error_code(404) == "not_found"
    assert error_code(413) == "NG004"
    assert error_code(429) == "too_many_requests"
    assert error_code(799) == "error"


def test_app_docs_pages_are_off_but_openapi_is_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "newsgraph"

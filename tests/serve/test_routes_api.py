"""The JSON API over the sample graph: every endpoint, paging, and every error status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph import api

WRITE_TOKEN = "test-token-3f9a"  # as configured by the ``writer`` fixture


def auth(token: str = WRITE_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(body: Any, code: str | None = None) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code


# ------------------------------------------------------------------ reading


def test_routes_api_stats_match_the_store(client: TestClient, sample_db: str) -> None:
    response = client.get("/api/stats")
    assert response.status_code == 200
    assert response.json() == api.stats(db=sample_db)


def test_routes_api_search_finds_an_alias_in_any_spelling(client: TestClient) -> None:
    for query in ("minjae", "Kim Min-jae", "kim minjae", "MIN-JAE"):
        body = client.get("/api/entities", params={"q": query}).json()
        assert "person:minjae" in [e["id"] for e in body["items"]], query


def test_routes_api_search_puts_exact_alias_first(client: TestClient) -> None:
    body = client.get("/api/entities", params={"q": "Nova7"}).json()
    assert body["items"][0]["name"] == "NOVA7"


def test_routes_api_search_filters_by_type(client: TestClient) -> None:
    body = client.get("/api/entities", params={"type": "PLACE", "size": 100}).json()
    assert body["total"] == len(body["items"]) > 0
    assert {e["type"] for e in body["items"]} == {"PLACE"}


def test_routes_api_search_pages_cover_everything_once(client: TestClient) -> None:
    first = client.get("/api/entities", params={"size": 7}).json()
    total, pages = first["total"], first["pages"]
    assert pages == -(-total // 7)
    seen: list[str] = []
    for page in range(1, pages + 1):
        body = client.get("/api/entities", params={"size": 7, "page": page}).json()
        assert body["page"] == page and body["size"] == 7
        seen.extend(e["id"] for e in body["items"])
    assert len(seen) == len(set(seen)) == total
    beyond = client.get("/api/entities", params={"size": 7, "page": pages + 1}).json()
    assert beyond["items"] == [] and beyond["total"] == total


@pytest.mark.parametrize(
    "params",
    [{"size": 0}, {"size": 101}, {"page": 0}, {"page": "one"}, {"type": "ALIEN"}, {"q": "x" * 201}],
)
def test_routes_api_bad_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/entities", params=params)
    assert response.status_code == 422
    assert_error(response.json(), "validation_error")


def test_routes_api_entity_has_every_part(client: TestClient) -> None:
    body = client.get("/api/entities/person:minjae").json()
    assert body["name"] == "Minjae" and body["type"] == "PERSON"
    assert {"Kim Min-jae", "Kim Minjae"} <= set(body["aliases"])
    assert body["external_ids"] == {} and body["wikidata_url"] is None
    assert body["relations_out"] and all(r["subject"] == body["id"] for r in body["relations_out"])
    for fact in body["relations_out"] + body["reasons"]:
        assert fact["sources"] and all(s["text"] for s in fact["sources"])
        assert fact["support"] == len({s["article"] for s in fact["sources"]})
    causes = " ".join(r["cause"] for r in body["reasons"])
    assert "admiration" in causes and "melody" in causes
    assert body["articles"]
    dated = [e["date"] for e in body["events"] if e["date"]]
    assert dated == sorted(dated)


def test_routes_api_entity_relations_in_both_directions(client: TestClient) -> None:
    body = client.get("/api/entities/person:yoon-da-eun").json()
    ids = {r["subject"] for r in body["relations_in"]} | {
        r["object"] for r in body["relations_out"]
    }
    assert body["relations_in"] or body["relations_out"]
    assert all(r["object"] == "person:yoon-da-eun" for r in body["relations_in"])
    assert "person:yoon-da-eun" not in ids


def test_routes_api_source_links_are_only_http(client: TestClient) -> None:
    body = client.get("/api/facts", params={"size": 100}).json()
    urls = [s["url"] for r in body["items"] for s in r["sources"]]
    assert any(urls)
    assert all(u == "" or u.startswith(("http://", "https://")) for u in urls)


def test_routes_api_unknown_entity_is_404(client: TestClient) -> None:
    for path in ("/api/entities/person:nobody", "/api/entities/person:nobody/neighbours"):
        response = client.get(path)
        assert response.status_code == 404
        assert_error(response.json(), "not_found")


def test_routes_api_neighbours_form_a_graph(client: TestClient) -> None:
    body = client.get("/api/entities/person:minjae/neighbours").json()
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["person:minjae"]["centre"] is True
    assert sum(n["centre"] for n in nodes.values()) == 1
    assert body["edges"]
    for edge in body["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        assert "person:minjae" in (edge["source"], edge["target"])


def test_routes_api_facts_paginate_and_filter(client: TestClient) -> None:
    everything = client.get("/api/facts", params={"size": 100}).json()
    keys = [(r["subject"], r["predicate"], r["object"]) for r in everything["items"]]
    paged: list[tuple[str, str, str]] = []
    for page in range(1, everything["total"] // 4 + 2):
        items = client.get("/api/facts", params={"size": 4, "page": page}).json()["items"]
        paged.extend((r["subject"], r["predicate"], r["object"]) for r in items)
    assert sorted(paged) == sorted(keys) and len(keys) == everything["total"]
    only = client.get("/api/facts", params={"predicate": "director_of", "size": 100}).json()
    assert only["items"] and {r["predicate"] for r in only["items"]} == {"director_of"}


def test_routes_api_events_are_a_timeline(client: TestClient) -> None:
    body = client.get("/api/events", params={"size": 100}).json()
    dates = [e["date"] for e in body["items"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    assert dates[: len(dated)] == dated  # undated events come last
    assert all(e["sources"] for e in body["items"])


def test_routes_api_reasons_say_who_said_them(client: TestClient) -> None:
    body = client.get("/api/reasons", params={"size": 100}).json()
    assert body["total"] == len(body["items"]) > 0
    for reason in body["items"]:
        assert (reason["said_by"] is None) == (reason["said_by_name"] is None)
    mine = client.get("/api/reasons", params={"agent": "person:minjae"}).json()
    assert mine["items"] and {r["agent"] for r in mine["items"]} == {"person:minjae"}


def test_routes_api_ask_gives_both_reasons(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "Why did Minjae take the role?"}).json()
    assert body["method"] == "graph"
    joined = " ".join(body["answers"])
    assert "admiration" in joined and "melody" in joined
    assert len({e["article"] for e in body["evidence"]}) >= 2


def test_routes_api_ask_errors(client: TestClient) -> None:
    empty = client.get("/api/ask", params={"q": "   "})
    assert empty.status_code == 400
    assert_error(empty.json(), "NG300")
    missing = client.get("/api/ask")
    assert missing.status_code == 422
    assert_error(missing.json(), "validation_error")


def test_routes_api_unknown_path_and_method(client: TestClient) -> None:
    assert_error(client.get("/api/nothing").json(), "not_found")
    response = client.delete("/api/stats")
    assert response.status_code == 405
    assert_error(response.json(), "method_not_allowed")


# ------------------------------------------------------------------ writing


ARTICLE = {
    "id": "made-up-harbour-pianist",
    "url": "https://news.example/harbour-pianist",
    "title": "Pianist Odile Brek signs with Saltmarsh Records",
    "published": "2025-05-06",
    "text": (
        "Pianist Odile Brek is signed to Saltmarsh Records. "
        "Odile Brek said she chose the label because it lets artists record live."
    ),
}


def test_routes_api_ingest_is_403_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json=ARTICLE, headers=auth())
    assert response.status_code == 403
    assert_error(response.json(), "forbidden")


@pytest.mark.parametrize("headers", [{}, auth("wrong"), {"Authorization": f"Basic {WRITE_TOKEN}"}])
def test_routes_api_ingest_needs_the_token(writer: TestClient, headers: dict[str, str]) -> None:
    response = writer.post("/api/ingest", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert_error(response.json(), "unauthorized")


def test_routes_api_ingest_json_then_again(writer: TestClient) -> None:
    before = writer.get("/api/stats").json()["articles"]
    first = writer.post("/api/ingest", json=ARTICLE, headers=auth())
    assert first.status_code == 201
    assert first.json() == {"read": 1, "added": 1, "unchanged": 0, "skipped": []}
    again = writer.post("/api/ingest", json=ARTICLE, headers=auth())
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    assert writer.get("/api/stats").json()["articles"] == before + 1
    found = writer.get("/api/entities", params={"q": "Odile Brek"}).json()["items"]
    assert found and found[0]["name"] == "Odile Brek"


def test_routes_api_ingest_raw_html_and_feed(writer: TestClient) -> None:
    html = (
        "<html><head><title>Lark Nine return</title></head><body><article><h1>Lark Nine "
        'return</h1><p>The band Lark Nine released the single "Paper Moons" on May 9, 2025.'
        "</p><p>Leader Tam Ivers said the band wrote it on tour.</p></article></body></html>"
    )
    response = writer.post(
        "/api/ingest", content=html, headers={**auth(), "Content-Type": "text/html; charset=utf-8"}
    )
    assert response.status_code == 201, response.text
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        "<guid>feed-made-up-1</guid><title>Juno Park debuts</title>"
        "<description>Singer Juno Park debuted with the single Cold Light in 2024.</description>"
        "</item></channel></rss>"
    )
    response = writer.post(
        "/api/ingest", content=feed, headers={**auth(), "Content-Type": "application/rss+xml"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["added"] == 1


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 422, "validation_error"),
        (json.dumps({"title": "no text"}), "application/json", 422, "validation_error"),
        (json.dumps({"text": ""}), "application/json", 422, "validation_error"),
        (json.dumps({"text": "   \n  "}), "application/json", 422, "NG001"),
        ("hello", "application/pdf", 415, "unsupported_media_type"),
        ("", "text/html", 422, None),
    ],
)
def test_routes_api_ingest_bad_bodies(
    writer: TestClient, content: str, content_type: str, status: int, code: str | None
) -> None:
    response = writer.post(
        "/api/ingest", content=content, headers={**auth(), "Content-Type": content_type}
    )
    assert response.status_code == status, response.text
    assert_error(response.json(), code)


def test_routes_api_ingest_body_over_the_limit_is_413(writer: TestClient) -> None:
    big = b"a" * (2 * 1024 * 1024 + 1)
    declared = writer.post(
        "/api/ingest", content=big, headers={**auth(), "Content-Type": "text/plain"}
    )
    assert declared.status_code == 413
    assert_error(declared.json(), "NG004")

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(3):
            yield b"b" * (1024 * 1024)

    streamed = writer.post(
        "/api/ingest", content=chunks(), headers={**auth(), "Content-Type": "text/plain"}
    )
    assert streamed.status_code == 413
    assert_error(streamed.json(), "NG004")


def test_routes_api_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/entities/{entity_id}/neighbours",
        "/api/facts",
        "/api/events",
        "/api/reasons",
        "/api/ask",
        "/api/stats",
        "/api/ingest",
    } == paths
    body = spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/html", "application/rss+xml"} <= set(body)

"""The server-rendered pages: they work as plain HTML, swap fragments for htmx, and escape
everything an article brings (the XSS test)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.serve import web

HTML = {"Accept": "text/html"}
HTMX = {"Accept": "text/html", "HX-Request": "true"}


class _Elements(HTMLParser):
    """The real elements of a page (escaped text never becomes one): tags, attributes, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_no_inline_code(html: str) -> None:
    """Every script is an external file; no inline handlers, styles or javascript: links."""
    page = _Elements()
    page.feed(html)
    assert page.script_text == []
    for tag, attrs in page.tags:
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:")
        assert tag not in ("img", "iframe", "object", "embed"), tag


def test_web_home_has_search_and_ask_forms(client: TestClient) -> None:
    response = client.get("/", headers=HTML)
    assert response.status_code == 200
    html = response.text
    assert 'action="/search"' in html and 'action="/ask"' in html
    assert 'hx-get="/search"' in html and 'hx-get="/ask"' in html
    assert "8 articles" in html
    assert_no_inline_code(html)


def test_web_search_page_and_fragment(client: TestClient) -> None:
    page = client.get("/search", params={"q": "min-jae"}, headers=HTML).text
    assert "<html" in page and 'href="/entities/person%3Aminjae"' in page
    fragment = client.get("/search", params={"q": "min-jae"}, headers=HTMX).text
    assert "<html" not in fragment and 'href="/entities/person%3Aminjae"' in fragment
    restore = {**HTMX, "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/search", params={"q": "x"}, headers=restore).text


def test_web_search_pages_through_results(client: TestClient) -> None:
    html = client.get("/search", headers=HTML).text  # every entity, 20 a page
    assert "next &rarr;" in html and "page 1 of" in html


def test_web_entity_page_shows_facts_with_sources(client: TestClient) -> None:
    response = client.get("/entities/person:minjae", headers=HTML)
    assert response.status_code == 200
    html = response.text
    assert "Kim Min-jae" in html
    assert html.count('<details class="fact">') >= 3
    assert "admiration" in html and "melody" in html
    assert 'class="sentence"' in html
    assert 'data-neighbours="/api/entities/person%3Aminjae/neighbours"' in html
    assert 'href="https://' in html  # article links
    assert_no_inline_code(html)


def test_web_entity_page_links_wikidata(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = client.app.state.view  # type: ignore[attr-defined]
    monkeypatch.setattr(view.store, "external_ids", lambda _id: {"wikidata": "Q42"})
    html = client.get("/entities/person:minjae", headers=HTML).text
    assert 'href="https://www.wikidata.org/wiki/Q42"' in html
    monkeypatch.setattr(view.store, "external_ids", lambda _id: {"wikidata": "javascript:x"})
    html = client.get("/entities/person:minjae", headers=HTML).text
    assert "wikidata.org" not in html and 'href="javascript:' not in html
    assert "<dd>javascript:x</dd>" in html  # shown as text, never as a link


def test_web_unknown_entity_is_an_html_404(client: TestClient) -> None:
    response = client.get("/entities/person:nobody", headers=HTML)
    assert response.status_code == 404
    assert "<html" in response.text and "not_found" in response.text


def test_web_ask_page_shows_both_reasons(client: TestClient) -> None:
    html = client.get("/ask", params={"q": "Why did Minjae take the role?"}, headers=HTML).text
    assert "admiration" in html and "melody" in html
    assert html.count('class="sentence"') >= 2
    fragment = client.get("/ask", params={"q": "Why did Minjae take the role?"}, headers=HTMX)
    assert "<html" not in fragment.text and "melody" in fragment.text
    blank = client.get("/ask", params={"q": "   "}, headers=HTML)
    assert blank.status_code == 200 and "answer-text" not in blank.text


def test_web_timeline_lists_events(client: TestClient) -> None:
    html = client.get("/timeline", headers=HTML).text
    assert "<time" in html and 'datetime="2025' in html


def test_web_vendor_scripts_only_when_installed(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "VENDOR_DIR", tmp_path)
    html = client.get("/", headers=HTML).text
    assert "/static/vendor/" not in html and 'src="/static/app.js"' in html
    for name in ("cytoscape.min.js", "htmx.min.js"):
        (tmp_path / name).write_text("/* stand-in */", encoding="utf-8")
    html = client.get("/", headers=HTML).text
    assert html.index("htmx.min.js") < html.index("cytoscape.min.js")
    assert "cose-base.js" not in html


def test_web_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert "cytoscape" in client.get("/static/app.js").text


def test_web_ingest_form_writes_with_the_token(writer: TestClient) -> None:
    form = {
        "title": "Cellist Maren Oak joins Ferro Strings",
        "url": "https://news.example/maren-oak",
        "published": "2025-05-02",
        "text": "Cellist Maren Oak is signed to Ferro Strings. She joined because of the tours.",
    }
    wrong = writer.post("/ingest", data={**form, "token": "nope"}, headers=HTML)
    assert wrong.status_code == 401 and "bearer token" in wrong.text
    assert "Maren Oak" in wrong.text  # the form keeps what was typed
    added = writer.post("/ingest", data={**form, "token": "test-token-3f9a"}, headers=HTML)
    assert added.status_code == 201 and "1 added" in added.text
    empty = writer.post("/ingest", data={"token": "test-token-3f9a", "text": " "}, headers=HTML)
    assert empty.status_code == 422


def test_web_ingest_form_disabled_without_token(client: TestClient) -> None:
    page = client.get("/ingest", headers=HTML).text
    assert "Writing is disabled" in page
    response = client.post("/ingest", data={"token": "x", "text": "Some text."}, headers=HTML)
    assert response.status_code == 403


# ---------------------------------------------------------------------- XSS


def test_web_article_markup_is_escaped_on_every_page(
    writer: TestClient, token_headers: dict[str, str], hostile_article: dict[str, str]
) -> None:
    """A <script> in an article's text or title is shown as text wherever it appears."""
    response = writer.post("/api/ingest", json=hostile_article, headers=token_headers)
    assert response.status_code == 201, response.text
    found = writer.get("/api/entities", params={"q": "Roan Vell"}).json()["items"]
    assert found
    entity_id = found[0]["id"]
    pages = {
        "entity": writer.get(f"/entities/{entity_id}", headers=HTML).text,
        "ask": writer.get(
            "/ask", params={"q": "Why did Roan Vell join the film?"}, headers=HTML
        ).text,
        "ask-fragment": writer.get(
            "/ask", params={"q": "Why did Roan Vell join the film?"}, headers=HTMX
        ).text,
        "director": writer.get(
            "/entities/"
            + writer.get("/api/entities", params={"q": "Copperleaf"}).json()["items"][0]["id"],
            headers=HTML,
        ).text,
        "timeline": writer.get("/timeline", headers=HTML).text,
        "search": writer.get("/search", params={"q": "<script>"}, headers=HTML).text,
    }
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in pages["entity"]
    assert "&lt;script&gt;alert(" in pages["ask"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["director"]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in pages["entity"]
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "<img src=x" not in html, name
        assert_no_inline_code(html)

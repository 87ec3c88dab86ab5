"""End-to-end tests in Debian's Chromium (Playwright) against a live uvicorn server on loopback.

They skip when ``chromium`` is not installed (``apt-get install chromium``); Playwright's own
browser download is never used. Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.serve import ServeSettings, create_app
from newsgraph.serve.web import VENDOR_DIR, VENDOR_SCRIPTS

CHROMIUM = shutil.which("chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QUESTION = "Why did Minjae take the role?"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_server(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn in a thread on 127.0.0.1 and a free port, over a copy of the sample graph."""
    import uvicorn

    copy = tmp_path_factory.mktemp("browser") / "graph.db"
    shutil.copy(sample_db, copy)
    port = _free_port()
    app = create_app(ServeSettings(db=str(copy), token="browser-token"))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that records console errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.problems = []
    opened.on(
        "console",
        lambda msg: opened.problems.append(msg.text) if msg.type == "error" else None,
    )
    opened.on("pageerror", lambda exc: opened.problems.append(str(exc)))
    yield opened
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def vendor_installed() -> bool:
    return all((VENDOR_DIR / name).is_file() for name in VENDOR_SCRIPTS)


def test_browser_search_then_open_an_entity(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    page.fill("#q-search", "Kim Min-jae")
    page.click("form[action='/search'] button")
    link = page.locator("#results a", has_text="Minjae").first
    link.wait_for()
    shot(page, "search")
    link.click()
    page.wait_for_url("**/entities/person%3Aminjae")
    assert page.locator("h1").inner_text().startswith("Minjae")
    assert page.problems == [], page.problems


def test_browser_expand_a_fact_to_its_sentence(live_server: str, page: Any) -> None:
    page.goto(live_server + "/entities/person:minjae")
    fact = page.locator("ul.reasons details.fact").first
    sentence = fact.locator("q.sentence").first
    assert not sentence.is_visible()
    fact.locator("summary .effect").click()  # not the "said by" link inside the summary
    assert sentence.is_visible()
    assert "Minjae" in sentence.inner_text() or "Min-jae" in sentence.inner_text()
    assert fact.locator(".cite .article").count() >= 1  # a link when the article has a URL
    assert page.locator("details.fact a.article").count() >= 1
    shot(page, "entity-fact-open")
    assert page.problems == [], page.problems


def test_browser_ask_shows_both_reasons(live_server: str, page: Any) -> None:
    page.goto(live_server + "/")
    page.fill("#q-ask", QUESTION)
    page.click("form[action='/ask'] button")
    answer = page.locator("#answer .answer")
    answer.wait_for()
    text = answer.inner_text()
    assert "admiration" in text and "melody" in text
    assert answer.locator("q.sentence").count() >= 2
    shot(page, "ask")
    assert page.problems == [], page.problems


def test_browser_graph_renders(live_server: str, page: Any) -> None:
    if not vendor_installed():
        pytest.skip("vendor scripts are not installed (scripts/setup runs npm ci)")
    page.goto(live_server + "/entities/person:minjae")
    page.wait_for_selector("#graph[data-ready='true']", timeout=15_000)
    assert page.locator("#graph canvas").count() >= 1
    nodes = page.evaluate("window.newsgraphGraph.nodes().length")
    assert nodes >= 2
    layout = page.evaluate("window.cytoscapeFcose !== undefined")
    assert layout is True
    shot(page, "graph")
    assert page.problems == []  # includes any Content-Security-Policy violation


def test_browser_pages_work_without_javascript(live_server: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        page.fill("#q-search", "nova7")
        page.click("form[action='/search'] button")
        page.wait_for_url("**/search?**")
        page.locator("#results a", has_text="NOVA7").first.click()
        page.wait_for_url("**/entities/**")
        assert page.locator("#graph").is_hidden()
        details = page.locator("details.fact").first
        details.locator("summary").click()
        assert details.locator("q.sentence").first.is_visible()
        page.goto(live_server + "/ask?q=" + QUESTION.replace(" ", "+").replace("?", "%3F"))
        assert "melody" in page.locator(".answer").inner_text()
        shot(page, "no-javascript")
    finally:
        context.close()

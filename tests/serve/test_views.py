"""Record-to-response conversion, and the link rules that keep hostile URLs out of pages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.serve.views import GraphView, pages, safe_url
from newsgraph.store import GraphStore


def test_views_safe_url_keeps_only_http() -> None:
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    assert safe_url(" http://x.example ") == "http://x.example"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//x.example", "", "/a"):
        assert safe_url(bad) == ""


@given(st.text())
def test_views_safe_url_never_raises_and_is_http_or_empty(text: str) -> None:
    result = safe_url(text)
    assert result == "" or result.lower().startswith(("http://", "https://"))


def test_views_pages() -> None:
    assert pages(0, 20) == 1 and pages(20, 20) == 1 and pages(21, 20) == 2


def test_views_empty_graph(tmp_path: object) -> None:
    store = GraphStore(":memory:")
    try:
        view = GraphView(store)
        assert view.search("anything", type=None, page=1, size=5).total == 0
        assert view.entity("person:nobody") is None
        assert view.neighbours("person:nobody") is None
        assert view.events(type=None, page=1, size=5).items == []
        assert view.stats().articles == 0
        assert view.ask("Why did anyone do anything?").method == "none"
    finally:
        store.close()


def test_views_store_search_is_paged_and_typed(sample_db: str) -> None:
    store = GraphStore(sample_db)
    try:
        total, first = store.search_entities("", offset=0, limit=5)
        _, second = store.search_entities("", offset=5, limit=5)
        assert total >= 10 and len(first) == 5
        assert not {e.id for e in first} & {e.id for e in second}
        _, people = store.search_entities("", type="PERSON", limit=100)
        assert people and {e.type for e in people} == {"PERSON"}
        assert store.search_entities("%", limit=5)[0] == 0  # LIKE wildcards are literal
        assert store.external_ids("person:nobody") == {}
        assert store.articles(["no-such-article"]) == {}
        assert store.articles_mentioning("person:minjae")
    finally:
        store.close()

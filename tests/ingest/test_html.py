"""Page extraction through trafilatura and feed-fragment stripping (newsgraph.ingest._html)."""

from __future__ import annotations

import logging

import pytest

from newsgraph.errors import NotAnArticle
from newsgraph.ingest._html import extract_page, fragment_to_text, quiet_extraction_logs


def test_html_extract_page_drops_boilerplate_and_reads_metadata(html_page: str) -> None:
    page = extract_page(html_page, url="https://example.com/drama/blue-harbour")
    assert "Singer Han Mirae will star in the new drama “Blue Harbour,”" in page.text
    assert "I was drawn to the story" in page.text
    for boilerplate in ("Sign in", "Copyright", "Privacy policy", "Advertise"):
        assert boilerplate not in page.text
    assert page.title.startswith("Han Mirae to star in seaside drama")
    assert page.date == "2024-03-05"
    assert page.author == "Jane Writer"


@pytest.mark.parametrize("html", ["", "   ", "<html><body></body></html>", "\x00\x01"])
def test_html_extract_page_without_text_is_not_an_article(
    html: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NotAnArticle, match="no main text"):
        extract_page(html)
    noisy = [r for r in caplog.records if r.name.startswith("trafilatura")]
    assert noisy == []


def test_html_quiet_logs_restore_levels() -> None:
    log = logging.getLogger("trafilatura")
    log.setLevel(logging.INFO)
    try:
        with quiet_extraction_logs():
            with quiet_extraction_logs():
                assert log.level == logging.CRITICAL
            assert log.level == logging.CRITICAL
        assert log.level == logging.INFO
    finally:
        log.setLevel(logging.NOTSET)


def test_html_fragment_to_text_keeps_blocks_and_inline_spacing() -> None:
    fragment = (
        "<p>Nova Seven will visit <b>twelve</b> <i>cities</i>.</p>"
        "<script>var x = 1;</script><ul><li>Seoul</li><li>Busan &amp; Daegu</li></ul>"
        "Last line<br/>after break"
    )
    assert fragment_to_text(fragment) == (
        "Nova Seven will visit twelve cities.\nSeoul\nBusan & Daegu\nLast line\nafter break"
    )


def test_html_fragment_to_text_plain_text_passes_through() -> None:
    assert fragment_to_text("Ratings rose to 9% “again”") == "Ratings rose to 9% “again”"

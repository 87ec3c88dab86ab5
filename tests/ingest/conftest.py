"""Hand-written, made-up entertainment-news inputs for the ingest tests, as fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Han Mirae to star in seaside drama ‘Blue Harbour’ | Example Daily</title>
<meta property="og:title" content="Han Mirae to star in seaside drama ‘Blue Harbour’">
<meta property="article:published_time" content="2024-03-05T09:00:00+09:00">
<meta name="author" content="Jane Writer">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/kpop">K-pop</a></li>
<li><a href="/film">Film</a></li><li><a href="/login">Sign in to Example Daily</a></li></ul></nav>
<main><article>
<h1>Han Mirae to star in seaside drama ‘Blue Harbour’</h1>
<p>Singer Han Mirae will star in the new drama “Blue Harbour,” her agency Starlight
Entertainment said on Tuesday, marking her first lead role on television.</p>
<p>The series, directed by Oh Jinwoo, follows two childhood friends who reopen a seaside café
after ten years apart, and it is set to premiere on a cable channel this autumn.</p>
<p>“I was drawn to the story because it reminded me of my hometown,” Han said in a statement,
adding that she had taken acting lessons for a year to prepare for the part.</p>
</article></main>
<footer><p>Copyright 2024 Example Daily. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> · <a href="/ads">Advertise with us</a></p></footer>
</body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Daily: K-pop</title><link>https://example.com/kpop</link>
<description>Made-up K-pop news</description>
<item>
  <title>Band Nova Seven announces first world tour</title>
  <link>https://example.com/kpop/nova-seven-tour</link>
  <guid isPermaLink="false">example-kpop-101</guid>
  <pubDate>Wed, 06 Mar 2024 07:30:00 +0900</pubDate>
  <description>&lt;p&gt;Nova Seven will visit &lt;b&gt;twelve cities&lt;/b&gt;
    this summer.&lt;/p&gt;
    &lt;p&gt;Tickets go on sale in April.&lt;/p&gt;</description>
</item>
<item>
  <title>Solo singer Yoon Haneul returns with “Paper Moon”</title>
  <link>https://example.com/kpop/yoon-haneul-paper-moon</link>
  <pubDate>Thu, 07 Mar 2024 10:00:00 GMT</pubDate>
  <description>
    Yoon Haneul released the single “Paper Moon” because fans asked for a ballad.
  </description>
</item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Film Desk</title>
  <id>urn:example:film</id>
  <updated>2024-02-01T12:00:00Z</updated>
  <entry>
    <title>Director Oh Jinwoo wins best film at the Harbour Awards</title>
    <id>urn:example:film:55</id>
    <link href="https://example.com/film/oh-jinwoo-award"/>
    <published>2024-02-01T08:00:00+09:00</published>
    <updated>2024-02-01T09:00:00+09:00</updated>
    <author><name>Sam Critic</name></author>
    <content type="html">&lt;p&gt;Oh Jinwoo won best film for “Salt Wind”.&lt;/p&gt;
      &lt;p&gt;He thanked his cast.&lt;/p&gt;</content>
  </entry>
</feed>
"""

# Unescaped ampersand and an unclosed channel: feedparser flags it (bozo) but keeps the entries.
BROKEN_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>Actor Lee Dawon joins variety show</title><link>https://example.com/a</link>
<description>Lee Dawon will appear on the show from May.</description></item>
<item><title>Drama ratings</title><description>Ratings rose to 9% & climbing</description></item>
"""

JSONL_LINES = [
    '{"id": "ex-1", "url": "https://example.com/1", "title": "Nova Seven tour", '
    '"published": "2024-03-06", "text": "Nova Seven announced a world tour on Wednesday."}',
    '{"id": "ex-2", "text": "broken line',
    "",
    '{"title": "No id here", "published": "not a date", '
    '"text": "Yoon Haneul thanked her fans after the concert."}',
    '{"id": "ex-5", "title": "No text field"}',
    '{"id": "ex-6", "text": "   "}',
]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to ``tmp_path/name``, creating folders; return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def html_page() -> str:
    return HTML_PAGE


@pytest.fixture
def rss_feed() -> str:
    return RSS_FEED


@pytest.fixture
def atom_feed() -> str:
    return ATOM_FEED


@pytest.fixture
def broken_rss() -> str:
    return BROKEN_RSS


@pytest.fixture
def jsonl_text() -> str:
    return "\n".join(JSONL_LINES) + "\n"

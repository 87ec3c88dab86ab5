"""HTML to text: whole pages through trafilatura, feed-entry fragments through the stdlib parser.

trafilatura finds the main text of a page and drops navigation, asides and footers; on input it
cannot use it logs at ERROR level and returns ``None``. We keep its loggers quiet while it runs and
turn ``None`` into a :class:`~newsgraph.errors.NotAnArticle` that says why. Feed entries are already
the article body, so they only need their tags removed, which a small ``HTMLParser`` does without
trafilatura's minimum-length rules dropping short items.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import trafilatura

from newsgraph.errors import NotAnArticle

# Libraries that log at ERROR/WARNING for every page they cannot parse.
_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_quiet_lock = threading.Lock()
_quiet_depth = 0
_saved_levels: dict[str, int] = {}

_WHITESPACE = re.compile(r"\s+")
# Tags whose start or end breaks a line in rendered text.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Tags whose content is never text a reader sees.
_HIDDEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe"}
)


@contextlib.contextmanager
def quiet_extraction_logs() -> Iterator[None]:
    """Raise the extraction libraries' loggers to CRITICAL for the duration; thread-safe, nests."""
    global _quiet_depth
    with _quiet_lock:
        if _quiet_depth == 0:
            for name in _NOISY_LOGGERS:
                log = logging.getLogger(name)
                _saved_levels[name] = log.level
                log.setLevel(logging.CRITICAL)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for name, level in _saved_levels.items():
                    logging.getLogger(name).setLevel(level)
                _saved_levels.clear()


@dataclass(frozen=True)
class PageText:
    """What trafilatura found on a page (strings not yet normalised)."""

    text: str
    title: str
    author: str
    url: str
    date: str


def extract_page(html: str, *, url: str = "") -> PageText:
    """Main text and metadata of a web page; raises NotAnArticle when there is no main text."""
    with quiet_extraction_logs():
        doc = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        raise NotAnArticle("no main text found in the HTML page")

    def field(name: str) -> str:
        value = getattr(doc, name, None)
        return value if isinstance(value, str) else ""

    return PageText(
        text=text,
        title=field("title"),
        author=field("author"),
        url=field("url"),
        date=field("date"),
    )


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def _break(self) -> None:
        self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # HTML collapses whitespace inside text; line breaks come from block tags only.
            self.parts.append(_WHITESPACE.sub(" ", data))


def fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block element, entities decoded."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)

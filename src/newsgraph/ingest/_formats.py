"""One reader per input kind: decoded (or raw) content in, Articles and per-record Skips out.

A reader raises an :class:`~newsgraph.errors.InputError` when the whole input is unusable. When a
multi-article input (JSON Lines, a JSON list, a feed) has some bad records, it returns a ``Skip``
for each of them, named ``SOURCE#L<line>`` (JSON Lines) or ``SOURCE#<n>`` (1-based entry index).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import feedparser

from newsgraph.errors import (
    EmptyInput,
    InputError,
    MalformedInput,
    NotAnArticle,
    TooLarge,
)
from newsgraph.ingest._config import load_config
from newsgraph.ingest._html import extract_page, fragment_to_text
from newsgraph.ingest._text import (
    clean_string,
    content_id,
    decode_bytes,
    normalise_line,
    normalise_text,
    parse_published,
)
from newsgraph.model import Article, Skip

logger = logging.getLogger("newsgraph.ingest")

Result = list[Article | Skip]


@dataclass(frozen=True)
class Request:
    """One input to read: its bytes, the name used as ``source``, limits, and a fallback URL."""

    data: bytes
    name: str
    max_chars: int
    url: str = ""


def skip_from(source: str, err: InputError) -> Skip:
    """The recorded form of an InputError."""
    logger.info("skipped %s: [%s] %s", source, err.code, err.reason)
    return Skip(source=source, code=err.code, reason=err.reason)


def make_article(
    text: str,
    *,
    source: str,
    max_chars: int,
    source_id: str = "",
    url: str = "",
    title: str = "",
    published: date | None = None,
    author: str = "",
) -> Article:
    """Normalise the text, enforce the limits and pick the id (source id, else content hash)."""
    clean = normalise_text(text)
    if not clean:
        raise EmptyInput("article text is empty")
    if len(clean) > max_chars:
        raise TooLarge(f"article text has {len(clean)} characters, the limit is {max_chars}")
    return Article(
        id=source_id or content_id(clean),
        text=clean,
        url=clean_string(url.strip()),
        title=normalise_line(title),
        published=published,
        source=source,
        author=normalise_line(author),
    )


# --- plain text -----------------------------------------------------------------------------


def read_text(req: Request, text: str) -> Result:
    """A whole file is one article; the title stays empty (the first line is often not one)."""
    return [make_article(text, source=req.name, max_chars=req.max_chars, url=req.url)]


# --- JSON records -----------------------------------------------------------------------------


def _record_id(value: Any) -> str:
    if isinstance(value, str):
        return clean_string(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _string_field(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def record_to_article(record: Any, *, source: str, max_chars: int, url: str = "") -> Article:
    """An article from a ``{id, url, title, published, text}`` object; other keys are ignored."""
    if not isinstance(record, dict):
        raise MalformedInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise MalformedInput("record has no 'text' field")
    if not isinstance(text, str):
        raise MalformedInput(f"'text' must be a string, got {type(text).__name__}")
    return make_article(
        text,
        source=source,
        max_chars=max_chars,
        source_id=_record_id(record.get("id")),
        url=_string_field(record, "url") or url,
        title=_string_field(record, "title"),
        published=parse_published(record.get("published")),
        author=_string_field(record, "author"),
    )


def _guarded(source: str, build: Callable[[], Article]) -> Article | Skip:
    try:
        return build()
    except InputError as err:
        return skip_from(source, err)


def _jsonl_record(req: Request, line: str, number: int) -> Article:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as err:
        raise MalformedInput(f"line {number} is not valid JSON: {err}") from err
    source = f"{req.name}#L{number}"
    return record_to_article(record, source=source, max_chars=req.max_chars, url=req.url)


def read_jsonl(req: Request, text: str) -> Result:
    """One article per line; blank lines are ignored, a bad line is a Skip with its line number."""
    out: Result = []
    # Split on \n only: U+2028 and friends are legal inside JSON strings.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if line.strip():
            out.append(_guarded(f"{req.name}#L{number}", partial(_jsonl_record, req, line, number)))
    if not out:
        raise EmptyInput("JSON Lines input has no records")
    return out


def read_json(req: Request, text: str) -> Result:
    """A gold-style object (annotations ignored) or a list of them; JSON Lines under .json too."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            return read_jsonl(req, text)
        raise MalformedInput(f"invalid JSON at line {err.lineno}: {err.msg}") from err
    except (ValueError, RecursionError) as err:
        raise MalformedInput(f"invalid JSON: {err}") from err
    if isinstance(data, dict):
        return [record_to_article(data, source=req.name, max_chars=req.max_chars, url=req.url)]
    if isinstance(data, list):
        if not data:
            raise EmptyInput("JSON list has no records")
        out: Result = []
        for index, record in enumerate(data, start=1):
            source = f"{req.name}#{index}"
            build = partial(
                record_to_article, record, source=source, max_chars=req.max_chars, url=req.url
            )
            out.append(_guarded(source, build))
        return out
    raise MalformedInput(f"JSON must be an object or a list of objects, got {type(data).__name__}")


# --- HTML pages -------------------------------------------------------------------------------


def read_html(req: Request, text: str) -> Result:
    """Main text, title, date and author of one page; the id is the hash of the main text."""
    page = extract_page(text, url=req.url)
    return [
        make_article(
            page.text,
            source=req.name,
            max_chars=req.max_chars,
            url=page.url or req.url,
            title=page.title,
            published=parse_published(page.date),
            author=page.author,
        )
    ]


# --- RSS / Atom feeds -------------------------------------------------------------------------


def _get(mapping: Any, key: str) -> Any:
    # dict.get bypasses FeedParserDict's key aliases, which emit DeprecationWarnings.
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _detail_text(value: Any, detail: Any) -> str:
    """Plain text of a feed text construct; HTML types (or anything with tags) lose their tags."""
    if not isinstance(value, str):
        return ""
    kind = _get(detail, "type") if detail is not None else None
    is_html = "html" in kind if isinstance(kind, str) else "<" in value
    return fragment_to_text(value) if is_html else value


def _entry_body(entry: Any) -> str:
    """The longest ``content`` value, else the summary."""
    best = ""
    contents = _get(entry, "content")
    if isinstance(contents, list):
        for item in contents:
            text = _detail_text(_get(item, "value"), item)
            if len(text.strip()) > len(best.strip()):
                best = text
    if not best.strip():
        best = _detail_text(_get(entry, "summary"), _get(entry, "summary_detail"))
    return best


def _entry_published(entry: Any) -> date | None:
    for key in ("published", "updated", "created"):
        parsed = parse_published(_get(entry, key))
        if parsed is not None:
            return parsed
    for key in ("published_parsed", "updated_parsed"):
        struct = _get(entry, key)
        if struct is not None:
            try:
                return date(struct[0], struct[1], struct[2])
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _entry_to_article(entry: Any, *, source: str, max_chars: int) -> Article:
    body = _entry_body(entry)
    if not body.strip():
        raise EmptyInput("feed entry has no content or summary")
    link = _get(entry, "link")
    link = link if isinstance(link, str) else ""
    entry_id = _get(entry, "id")
    source_id = entry_id.strip() if isinstance(entry_id, str) and entry_id.strip() else link
    author = _get(entry, "author")
    return make_article(
        body,
        source=source,
        max_chars=max_chars,
        source_id=clean_string(source_id.strip()),
        url=link,
        title=_detail_text(_get(entry, "title"), _get(entry, "title_detail")),
        published=_entry_published(entry),
        author=author if isinstance(author, str) else "",
    )


def read_feed(req: Request, text: str) -> Result:
    """Each entry an article; a broken (bozo) feed still gives the entries feedparser could read."""
    del text  # feedparser decodes the raw bytes itself, honouring the XML declaration.
    # A file object, never a string: feedparser fetches strings that look like URLs or paths.
    parsed = feedparser.parse(io.BytesIO(req.data), resolve_relative_uris=False)
    entries = _get(parsed, "entries") or []
    if not entries:
        if _get(parsed, "bozo"):
            problem = _get(parsed, "bozo_exception")
            raise MalformedInput(f"not a readable RSS/Atom feed: {problem}")
        raise NotAnArticle("feed has no entries")
    if _get(parsed, "bozo"):
        logger.warning(
            "%s: feed is malformed (%s); reading the %d entries found",
            req.name,
            _get(parsed, "bozo_exception"),
            len(entries),
        )
    out: Result = []
    for index, entry in enumerate(entries, start=1):
        source = f"{req.name}#{index}"
        build = partial(_entry_to_article, entry, source=source, max_chars=req.max_chars)
        out.append(_guarded(source, build))
    return out


READERS: dict[str, Callable[[Request, str], Result]] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "json": read_json,
    "html": read_html,
    "feed": read_feed,
}


def sniff_kind(text: str) -> str:
    """Guess the kind of content whose name says nothing: JSON, JSON Lines, feed, HTML or text."""
    config = load_config()
    head = text.lstrip()[: config.sniff_chars].lower()
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            return "jsonl" if err.msg == "Extra data" else "text"
        except (ValueError, RecursionError):
            return "text"
        return "json"
    if head.startswith("<"):
        if any(marker in head for marker in config.feed_markers):
            return "feed"
        if any(marker in head for marker in config.html_markers):
            return "html"
        if head.startswith("<?xml"):
            return "feed"
    return "text"


def read_content(req: Request, kind: str) -> Result:
    """Decode, then hand the content to the reader of ``kind`` (``"sniff"`` guesses it)."""
    text = decode_bytes(req.data)
    if kind == "sniff":
        kind = sniff_kind(text)
    return READERS[kind](req, text)

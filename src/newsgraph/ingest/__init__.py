"""Ingest: files, folders or bytes in; :class:`~newsgraph.model.Article` or a typed ``Skip`` out.

Reads plain text, JSON Lines, gold-style JSON, HTML pages (main text via trafilatura) and RSS/Atom
feeds (feedparser). Validation happens here, once: size limits, decoding, binary detection, empty
input. Bad input never raises; it becomes a ``Skip`` with the ``NGxxx`` code of its InputError.
Article ids are stable (the source's own id, else ``content_id`` of the normalised text), so
re-ingesting the same article is a no-op downstream.
"""

from __future__ import annotations

from newsgraph.ingest import dedup
from newsgraph.ingest._config import INPUT_KINDS
from newsgraph.ingest._reader import read_article_bytes, read_inputs
from newsgraph.ingest._text import content_id, normalise_text, parse_published

__all__ = [
    "INPUT_KINDS",
    "content_id",
    "dedup",
    "normalise_text",
    "parse_published",
    "read_article_bytes",
    "read_inputs",
]

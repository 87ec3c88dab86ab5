"""Name keys: one normalised form for every press spelling of a name.

"Um Tae-hwa", "Um Tae Hwa", "UM TAEHWA" and "Um Tae Hwa’s" all give the key ``umtaehwa``.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_DROP = re.compile(r"[\s\-‐‑–—.·・_]+")
_EDGE = re.compile(r"^[\"'()\[\]\s,;:!?]+|[\"'()\[\]\s,;:!?]+$")


def clean_surface(text: str) -> str:
    """A mention as written, without possessive ending, edge quotes or surrounding punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).strip()
    text = _EDGE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return _EDGE.sub("", text)


def name_key(text: str) -> str:
    """Case-, space-, hyphen- and possessive-insensitive key of a name (idempotent)."""
    key = clean_surface(text).casefold()
    return _DROP.sub("", key)


def tokens_key(text: str) -> list[str]:
    """The name's words as keys, hyphenated parts joined ("Tae-hwa" -> "taehwa")."""
    cleaned = clean_surface(text).casefold().replace("-", "").replace("‐", "")
    return [w for w in re.split(r"[\s.]+", cleaned) if w]

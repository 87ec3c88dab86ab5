"""Name keys: one normalised form for every press spelling of a name.

"Um Tae-hwa", "Um Tae Hwa", "UM TAEHWA" and "Um Tae Hwa’s" all give the key ``umtaehwa``.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_DROP = re.compile(r"[\s\-‐‑–—.·・_'\"()]+")
_EDGE = re.compile(r"^[\"'“”‘’\[\]\s,;:!?]+|[\"'“”‘’\[\]\s,;:!?]+$")


def _balance(text: str) -> str:
    """Drop an edge parenthesis that has no partner inside the text."""
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    return text.strip()


def clean_surface(text: str) -> str:
    """A mention as written (its own quote characters kept), without a possessive ending, edge
    quotes, surrounding punctuation or an unpaired parenthesis."""
    text = _EDGE.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    return _balance(_EDGE.sub("", text))


def name_key(text: str) -> str:
    """Case-, space-, hyphen-, quote- and possessive-insensitive key of a name (idempotent)."""
    key = unicodedata.normalize("NFKC", clean_surface(text)).translate(_QUOTES).casefold()
    return _DROP.sub("", key)


def tokens_key(text: str) -> list[str]:
    """The name's words as keys, hyphenated parts joined ("Tae-hwa" -> "taehwa")."""
    cleaned = name_key_spaced(text)
    return [w for w in re.split(r"[\s.]+", cleaned) if w]


def name_key_spaced(text: str) -> str:
    """Like :func:`name_key` but word boundaries kept as single spaces, hyphens joined."""
    folded = unicodedata.normalize("NFKC", clean_surface(text)).translate(_QUOTES).casefold()
    return re.sub(r"[\-‐'\"()]", "", folded)

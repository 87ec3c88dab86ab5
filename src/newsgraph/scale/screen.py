"""Screen articles before extraction: the pipeline is English-only.

A Korean-only or Spanish-only article run through ``en_core_web_sm`` gives noise (Hangul runs
typed as ORG, Spanish capitalised words as PERSON), which would then merge into real entities.
So an article that is clearly not English is skipped with ``NG007`` and a reason that says which
test it failed; short texts, and English with foreign names or quotes in it, pass. The word list
and the thresholds are in ``data/language_screen.json``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError, NotEnglish
from newsgraph.model import Article, Skip

DATA_FILE = "language_screen.json"
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_END = 0x250  # Basic Latin up to the end of Latin Extended-B

__all__ = ["LanguageScreen", "load_screen", "not_english"]


@dataclass(frozen=True)
class LanguageScreen:
    """Validated contents of the data file."""

    min_words: int
    min_latin_share: float
    min_function_share: float
    function_words: frozenset[str]


def _share(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise ConfigError(f"{DATA_FILE}: {key!r} must be a number in [0, 1]")
    return float(value)


def parse_screen(data: Any) -> LanguageScreen:
    """Check the raw JSON object; refuse an empty or repeated word list."""
    if not isinstance(data, dict):
        raise ConfigError(f"{DATA_FILE}: top level must be an object")
    words = data.get("function_words")
    if not isinstance(words, list) or not words:
        raise ConfigError(f"{DATA_FILE}: 'function_words' must be a non-empty list")
    if not all(isinstance(w, str) and w.strip() == w and w for w in words):
        raise ConfigError(f"{DATA_FILE}: 'function_words' has an empty or padded entry")
    lowered = [w.lower() for w in words]
    if len(set(lowered)) != len(lowered):
        raise ConfigError(f"{DATA_FILE}: 'function_words' lists a word twice")
    min_words = data.get("min_words")
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
        raise ConfigError(f"{DATA_FILE}: 'min_words' must be a positive integer")
    return LanguageScreen(
        min_words=min_words,
        min_latin_share=_share(data, "min_latin_share"),
        min_function_share=_share(data, "min_function_share"),
        function_words=frozenset(lowered),
    )


@functools.cache
def load_screen() -> LanguageScreen:
    """The packaged screen, read and checked once per process."""
    try:
        raw = resources.files("newsgraph.data").joinpath(DATA_FILE).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as err:
        raise ConfigError(f"cannot read {DATA_FILE}: {err}") from err
    return parse_screen(data)


def not_english(article: Article, screen: LanguageScreen | None = None) -> Skip | None:
    """A NG007 Skip when ``article`` is clearly not English, else None."""
    screen = screen or load_screen()
    words = _WORD.findall(article.text)
    if len(words) < screen.min_words:
        return None
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ord(ch) < _LATIN_END)
    reason: str | None = None
    if latin < screen.min_latin_share * letters:
        reason = f"not English: only {latin / letters:.0%} of the letters are Latin"
    else:
        hits = sum(1 for w in words if w.lower() in screen.function_words)
        if hits < screen.min_function_share * len(words):
            reason = f"not English: {hits / len(words):.0%} of the words are English function words"
    if reason is None:
        return None
    return Skip(article.source or article.id, NotEnglish.code, NotEnglish(reason).reason)

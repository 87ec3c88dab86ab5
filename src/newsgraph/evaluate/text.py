"""Text normalisation shared by every scorer, so that all figures compare strings the same way.

Two levels are used:

- :func:`normalise_mention` turns a surface name into a comparison key: curly quotes become
  straight, case is folded, whitespace collapsed, surrounding quotes stripped and a trailing
  possessive (``'s`` or a bare ``'``) trimmed, so that "BTS’" and "bts" compare equal.
- :func:`content_tokens` turns free text (reason causes, evidence, QA key phrases) into lowercase
  alphanumeric tokens minus the stop words listed in ``data/eval_stopwords.txt``.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from newsgraph.errors import ConfigError

__all__ = [
    "EVIDENCE_MIN_SHARED_CHARS",
    "EVIDENCE_MIN_TOKEN_OVERLAP",
    "content_tokens",
    "evidence_overlaps",
    "load_stopwords",
    "normalise_mention",
    "normalise_text",
    "token_f1",
]

STOPWORDS_FILE = "eval_stopwords.txt"

# Two evidence texts "overlap" when they share a run of at least this many characters (after
# normalise_text) ...
EVIDENCE_MIN_SHARED_CHARS = 20
# ... or when at least this share of the shorter text's content tokens also occur in the other.
EVIDENCE_MIN_TOKEN_OVERLAP = 0.5

_QUOTE_MAP = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
    }
)
_SPACE_RE = re.compile(r"\s+")
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"^[a-z0-9]+$")
_SURROUNDING = "'\" \t\n"


def normalise_text(text: str) -> str:
    """Straight quotes, folded case and single spaces: the form every comparison starts from."""
    return _SPACE_RE.sub(" ", text.translate(_QUOTE_MAP).casefold()).strip()


def normalise_mention(text: str) -> str:
    """Comparison key of a surface name; ``""`` means the string names nothing.

    Idempotent: trimming repeats until nothing changes, so "'BTS's'" and "bts" give the same key.
    """
    key = normalise_text(text)
    while True:
        before = key
        key = key.strip(_SURROUNDING)
        if key.endswith("'s"):
            key = key[:-2]
        elif key.endswith("'"):
            key = key[:-1]
        key = key.strip()
        if key == before:
            return key


@cache
def load_stopwords() -> frozenset[str]:
    """The evaluation stop words; refuses an empty list, duplicates or non-token entries."""
    raw = resources.files("newsgraph.data").joinpath(STOPWORDS_FILE).read_text(encoding="utf-8")
    return parse_stopwords(raw, source=STOPWORDS_FILE)


def parse_stopwords(raw: str, *, source: str = "<string>") -> frozenset[str]:
    """Validate a stop-word list (one lowercase alphanumeric word a line, ``#`` comments)."""
    seen: set[str] = set()
    for number, line in enumerate(raw.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not _WORD_RE.match(word):
            raise ConfigError(f"{source}:{number}: {word!r} is not a lowercase alphanumeric word")
        if word in seen:
            raise ConfigError(f"{source}:{number}: duplicate stop word {word!r}")
        seen.add(word)
    if not seen:
        raise ConfigError(f"{source}: the stop-word list is empty")
    return frozenset(seen)


def content_tokens(text: str | None) -> list[str]:
    """Lowercase alphanumeric tokens of ``text`` without stop words, in order (repeats kept)."""
    if not text:
        return []
    stop = load_stopwords()
    return [t for t in _TOKEN_RE.findall(normalise_text(text)) if t not in stop]


def token_f1(a: str | None, b: str | None) -> float:
    """Token F1 (multiset overlap, as SQuAD scores answers) of the content words of two texts."""
    ta, tb = Counter(content_tokens(a)), Counter(content_tokens(b))
    common = sum((ta & tb).values())
    if common == 0:
        return 0.0
    precision = common / sum(ta.values())
    recall = common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def evidence_overlaps(a: str | None, b: str | None) -> bool:
    """Whether two evidence texts quote the same passage.

    True when they share a run of at least :data:`EVIDENCE_MIN_SHARED_CHARS` characters after
    :func:`normalise_text`, or when at least :data:`EVIDENCE_MIN_TOKEN_OVERLAP` of the content
    tokens of the shorter one (as a set) also occur in the other. Either test alone suffices: the
    first catches a clause quoted from a long sentence, the second a re-punctuated quote.
    """
    na, nb = normalise_text(a or ""), normalise_text(b or "")
    if not na or not nb:
        return False
    if min(len(na), len(nb)) >= EVIDENCE_MIN_SHARED_CHARS:
        match = SequenceMatcher(None, na, nb, autojunk=False).find_longest_match(
            0, len(na), 0, len(nb)
        )
        if match.size >= EVIDENCE_MIN_SHARED_CHARS:
            return True
    sa, sb = set(content_tokens(na)), set(content_tokens(nb))
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= EVIDENCE_MIN_TOKEN_OVERLAP

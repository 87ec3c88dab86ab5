"""Bytes to clean text: decoding, binary detection, newline/whitespace normalisation, ids, dates.

Every later stage keeps character offsets into the text produced here, so this is the one place
where text is changed. Normalisation is deliberately small: newlines become ``\\n``, trailing
whitespace and stray control characters go, mojibake is repaired by ftfy's encoding fixer only
(which never straightens curly quotes, because quote extraction needs them).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from datetime import date, datetime

import charset_normalizer
from dateutil import parser as date_parser  # type: ignore[import-untyped]
from ftfy import fix_encoding
from ftfy.badness import is_bad

from newsgraph.errors import EmptyInput, NotAnArticle, UndecodableInput
from newsgraph.ingest._config import load_config

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset= in a <meta> tag or encoding= in an XML declaration, looked for in the first bytes only.
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Line breaks other than \n that str.splitlines() and spaCy would treat differently.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0/C1 controls except tab and newline, plus the BOM/zero-width no-break space.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_MANY_BLANK_LINES = re.compile("\n{3,}")
_TRAILING_SPACE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_MAX_ROUNDS = 5  # normalisation rounds before giving up on reaching a fixed point

# Two different defaults reveal which parts of a date string were really given.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r\x0b\x0c" and unicodedata.category(ch) == "Cc"


def _check_not_binary(text: str) -> None:
    """Refuse decoded text that is mostly control characters: binary that happened to decode."""
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if _is_control(ch))
    if controls / len(sample) > load_config().max_control_share:
        raise NotAnArticle(f"binary content ({controls} control characters in {len(sample)})")


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess_encoding(data: bytes) -> str:
    """Best legacy-encoding guess; among equally good ones prefer the configured (cp1252)."""
    results = [
        r
        for r in charset_normalizer.from_bytes(data)
        # Without a BOM and without NUL bytes, UTF-16/32 guesses are always wrong.
        if not r.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not results:
        raise UndecodableInput("no text encoding fits these bytes")
    best = results[0]
    tier = [
        r for r in results if r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.01
    ]
    for preferred in load_config().preferred_legacy_encodings:
        wanted = codecs.lookup(preferred).name
        for r in tier:
            names = {codecs.lookup(n).name for n in r.could_be_from_charset}
            if wanted in names:
                try:
                    data.decode(wanted)
                except UnicodeDecodeError:
                    continue
                return wanted
    return best.encoding


def decode_bytes(data: bytes) -> str:
    """Decode input bytes to ``str``, or raise the InputError that says why not.

    Order: empty → BOM (UTF-8/16/32) → NUL bytes mean binary → strict UTF-8 → the charset the
    document declares → charset-normalizer's guess. The result is not normalised yet (JSON Lines
    must be split before ``normalise_text`` runs).
    """
    if not data.strip():
        raise EmptyInput("input is empty or only whitespace")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise UndecodableInput(f"bytes do not match their {encoding} BOM: {err}") from err
            text = text.removeprefix("\ufeff")
            break
    if text is None:
        if b"\x00" in data:
            raise NotAnArticle("binary content (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            declared = _declared_encoding(data)
            if declared and not declared.startswith(("utf-16", "utf-32", "utf-8")):
                try:
                    text = data.decode(declared)
                except UnicodeDecodeError:
                    text = None
            if text is None:
                text = data.decode(_guess_encoding(data))
    _check_not_binary(text)
    if not text.strip():
        raise EmptyInput("input is empty or only whitespace")
    return text


def clean_string(value: str) -> str:
    """Make any string storable: lone surrogates (from JSON ``\\ud800`` escapes) become U+FFFD."""
    if _SURROGATES.search(value):
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def normalise_text(text: str) -> str:
    """The article text every offset refers to.

    Repairs mojibake with ``ftfy.fix_encoding`` only when ftfy sees it, turns every line break into
    ``\\n``, drops control characters, strips trailing whitespace on each line and around the text,
    and keeps at most one blank line between paragraphs. Curly quotes, dashes and non-ASCII letters
    are kept as they are. Idempotent.
    """
    # Each step can expose work for another (a repair yields a control character, stripping
    # exposes mojibake), so repeat until nothing changes; one or two rounds in practice.
    text = clean_string(text)
    for _ in range(_MAX_ROUNDS):
        cleaned = _normalise_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def _normalise_once(text: str) -> str:
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
    if is_bad(text):
        text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", fix_encoding(text)))
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def normalise_line(text: str) -> str:
    """A single-line field (title, author): whitespace runs become one space."""
    return " ".join(_CONTROLS.sub("", clean_string(text)).split())


def content_id(text: str) -> str:
    """Stable id from the normalised text: ``sha1-`` plus 16 hex digits of its SHA-1 (UTF-8)."""
    digest = hashlib.sha1(clean_string(text).encode("utf-8"), usedforsecurity=False)
    return "sha1-" + digest.hexdigest()[:16]


def parse_published(value: object) -> date | None:
    """A publication date from an ISO or RFC-822 string (or a date), else None; never raises.

    The date is the one written in the string, in its own time zone (no conversion to UTC), because
    that is the day the publisher printed. Strings without a year, month and day give None.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if not raw or len(raw) > 100:
        return None
    try:
        first = date_parser.parse(raw, default=_DEFAULT_A, ignoretz=True)
        second = date_parser.parse(raw, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if not isinstance(first, datetime) or not isinstance(second, datetime):
        return None
    if first.date() != second.date():
        return None
    return first.date()

"""The dates component: find date expressions and resolve them against the publication date.

News text rarely writes full dates: it says "on Monday", "on the 24th", "last September". Such
expressions only mean something relative to when the article was published, and often only
together with the tense of the verb they modify ("will perform on Friday" is after publication,
"performed on Friday" before). This component finds them with the patterns in
``data/dates_patterns.json`` (plus spaCy's ``DATE`` entities that no pattern covers), resolves each
to an ISO string with a precision, and writes them to ``doc._.ng_dates``.

Guarantees: ``iso`` is ``YYYY-MM-DD`` (precision ``day``), ``YYYY-MM`` (``month``) or ``YYYY``
(``year``), or None. An undated article (``published`` None) resolves only expressions that carry
their own year; relative ones stay None rather than being guessed. Durations and ages
("two years", "the 29-year-old") are not dates and are left out.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from dateparser.date import DateDataParser
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.nlp import doc_ext, lexicon
from newsgraph.nlp.doc_ext import DateMention

# "planned": a future seen from the past ("was scheduled for the 28th"): the closest candidate.
Tense = Literal["past", "future", "planned", "unknown"]
Precision = Literal["day", "month", "year"]

LEXICON_FILE = "dates_lexicon.json"
PATTERNS_FILE = "dates_patterns.json"


def _int_map(name: str, key: str) -> dict[str, int]:
    raw = lexicon.word_map(name, key)
    out: dict[str, int] = {}
    for word, value in raw.items():
        if not word.strip() or not isinstance(value, int):
            raise ConfigError(f"data map {name}:{key} has a bad entry {word!r}: {value!r}")
        out[word.lower()] = value
    return out


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest first so that "january" is tried before "jan"."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _month_alternation(months: dict[str, int]) -> str:
    """Month names; only abbreviations ("Jan.", "Sept.") may take a trailing period."""
    full = {n: max((w for w in months if months[w] == n), key=len) for n in set(months.values())}
    names = set(full.values())
    short = [w for w in months if w not in names]
    return f"(?:{_alternation(list(names))})|(?:(?:{_alternation(short)})\\.?)"


@dataclass(frozen=True)
class DateLexicon:
    """The word tables and compiled patterns, validated once."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: tuple[str, ...]
    units: dict[str, str]
    deictic: dict[str, int]
    relative: dict[str, int]
    numbers: dict[str, int]
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    schedule_verbs: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    duration: re.Pattern[str]
    duration_heads: frozenset[str]
    past_cues: frozenset[str]
    shared_year: re.Pattern[str]

    @classmethod
    def load(cls) -> DateLexicon:
        """Read and check the bundled data files (ConfigError when broken)."""
        months = _int_map(LEXICON_FILE, "months")
        weekdays = _int_map(LEXICON_FILE, "weekdays")
        units_raw = lexicon.word_map(LEXICON_FILE, "units")
        units = {str(k).lower(): str(v) for k, v in units_raw.items()}
        if not set(units.values()) <= {"day", "week", "month", "year"}:
            raise ConfigError(f"{LEXICON_FILE}:units maps to an unknown unit: {units}")
        numbers = _int_map(LEXICON_FILE, "numbers")
        seasons = lexicon.word_list(LEXICON_FILE, "seasons")
        fills = {
            "MONTH": rf"(?P<month>{_month_alternation(months)})",
            "DAY": r"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?!\d)",
            "ORD": r"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))",
            "YEAR": r"(?<![\d$£€#.,])(?P<year>(?:1[89]|20)\d{2})(?!\d|[.,]\d|%)",
            "WEEKDAY": rf"(?P<weekday>{_alternation(list(weekdays))})",
            "SEASON": rf"(?P<season>{_alternation(list(seasons))})",
            "UNIT": rf"(?P<unit>{_alternation(list(units))})",
            "REL": rf"(?P<rel>{_alternation(list(_int_map(LEXICON_FILE, 'relative')))})",
            "DEICTIC": rf"(?P<deictic>{_alternation(list(_int_map(LEXICON_FILE, 'deictic')))})",
            "NUM": rf"(?P<num>\d+|{_alternation(list(numbers))})",
        }
        raw_patterns = lexicon.load_json(PATTERNS_FILE).get("patterns")
        if not isinstance(raw_patterns, list) or not raw_patterns:
            raise ConfigError(f"{PATTERNS_FILE} lists no patterns")
        compiled: list[tuple[str, re.Pattern[str]]] = []
        seen: set[str] = set()
        for item in raw_patterns:
            kind, pattern = item.get("kind"), item.get("pattern")
            if not isinstance(kind, str) or kind not in _RESOLVERS:
                raise ConfigError(f"{PATTERNS_FILE}: unknown pattern kind {kind!r}")
            if not isinstance(pattern, str) or not pattern or pattern in seen:
                raise ConfigError(f"{PATTERNS_FILE}: empty or repeated pattern {pattern!r}")
            seen.add(pattern)
            text = pattern
            for key, fill in fills.items():
                text = text.replace("{" + key + "}", fill)
            try:
                compiled.append((kind, re.compile(rf"(?<!\w)(?:{text})(?!\w)", re.IGNORECASE)))
            except re.error as exc:
                raise ConfigError(f"{PATTERNS_FILE}: bad pattern {pattern!r}: {exc}") from exc
        unit_words = _alternation(list(units))
        duration = re.compile(
            rf"(?:\b(?:\d+|{_alternation(list(numbers))}|several|few|many|couple)[\s-]+"
            rf"(?:{unit_words})\b(?!\s+ago))|(?:year[\s-]old|years[\s-]old)",
            re.IGNORECASE,
        )
        # "July and August next year", "July 4 and 5, 2025": a year written after a list of
        # months or days belongs to every item of the list.
        shared_year = re.compile(
            rf"(?:\s*(?:,|and|or|to|through|until|[-–])\s*"
            rf"(?:{fills['MONTH'].replace('?P<month>', '')}"
            rf"|(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
            rf"(?!\w))*,?\s+(?:of\s+)?(?:{fills['YEAR']}|{fills['REL']}\s+year\b)",
            re.IGNORECASE,
        )
        return cls(
            months=months,
            shared_year=shared_year,
            schedule_verbs=frozenset(
                w.lower() for w in lexicon.word_list(LEXICON_FILE, "schedule_verbs")
            ),
            weekdays=weekdays,
            seasons=seasons,
            past_cues=frozenset(w.lower() for w in lexicon.word_list(LEXICON_FILE, "past_cues")),
            duration_heads=frozenset(
                w.lower() for w in lexicon.word_list(LEXICON_FILE, "duration_heads")
            ),
            units=units,
            deictic=_int_map(LEXICON_FILE, "deictic"),
            relative=_int_map(LEXICON_FILE, "relative"),
            numbers=numbers,
            future_aux=frozenset(w.lower() for w in lexicon.word_list(LEXICON_FILE, "future_aux")),
            future_governors=frozenset(
                w.lower() for w in lexicon.word_list(LEXICON_FILE, "future_governors")
            ),
            patterns=tuple(compiled),
            duration=duration,
        )


# --- calendar arithmetic -------------------------------------------------------------------------


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _pick(candidates: list[date], pub: date, tense: Tense) -> date | None:
    """The candidate the tense points to: latest not after ``pub`` for past, earliest not before
    it for future, and the closest one otherwise."""
    valid = sorted(c for c in candidates if c is not None)
    if not valid:
        return None
    if tense == "past":
        before = [c for c in valid if c <= pub]
        return before[-1] if before else valid[0]
    if tense == "future":
        after = [c for c in valid if c >= pub]
        return after[0] if after else valid[-1]
    if tense == "planned":
        return min(valid, key=lambda c: (abs((c - pub).days), c < pub))
    return min(valid, key=lambda c: (abs((c - pub).days), c > pub))


@dataclass(frozen=True)
class Resolved:
    iso: str | None
    precision: Precision | None


_NONE = Resolved(None, None)


def _after_day(prev: date, day: int) -> str | None:
    """The first ``day`` of a month on or after ``prev`` ("March 28 ... the 30th" -> March 30,
    "March 28 ... the 2nd" -> April 2)."""
    for delta in (0, 1):
        y, m = _add_months(prev.year, prev.month, delta)
        found = _safe_date(y, m, day)
        if found is not None and found >= prev:
            return found.isoformat()
    return None


def _day(d: date | None) -> Resolved:
    return Resolved(d.isoformat(), "day") if d else _NONE


def _month(year: int, month: int) -> Resolved:
    return Resolved(f"{year:04d}-{month:02d}", "month")


def _year(year: int) -> Resolved:
    return Resolved(f"{year:04d}", "year")


@dataclass(frozen=True)
class _Ctx:
    groups: Mapping[str, str]
    pub: date | None
    tense: Tense
    lex: DateLexicon

    def month(self) -> int:
        return self.lex.months[self.groups["month"].lower().rstrip(".")]

    def day(self) -> int:
        return int(re.sub(r"\D", "", self.groups["day"]))

    def year(self) -> int:
        return int(self.groups["year"])

    def rel(self) -> int:
        return self.lex.relative[self.groups["rel"].lower()]

    def unit(self) -> str:
        return self.lex.units[self.groups["unit"].lower()]


def _r_full_day(c: _Ctx) -> Resolved:
    return _day(_safe_date(c.year(), c.month(), c.day()))


def _r_month_year(c: _Ctx) -> Resolved:
    return _month(c.year(), c.month())


def _r_year(c: _Ctx) -> Resolved:
    return _year(c.year())


def _r_month_day(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    month, day = c.month(), c.day()
    tense: Tense = c.tense
    if "rel" in c.groups:
        tense = "past" if c.rel() < 0 else "future" if c.rel() > 0 else tense
    years = (c.pub.year - 1, c.pub.year, c.pub.year + 1)
    options = [d for y in years if (d := _safe_date(y, month, day)) is not None]
    return _day(_pick(options, c.pub, tense))


def _r_ordinal_day(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    day = c.day()
    options = []
    for delta in (-1, 0, 1):
        y, m = _add_months(c.pub.year, c.pub.month, delta)
        if (d := _safe_date(y, m, day)) is not None:
            options.append(d)
    # "on the 24th" in news leans to the past: treat an unknown tense as past.
    return _day(_pick(options, c.pub, c.tense if c.tense in ("future", "planned") else "past"))


def _r_month(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    month, pub = c.month(), c.pub
    if "rel" in c.groups and c.rel() != 0:
        if c.rel() < 0:
            return _month(pub.year if month < pub.month else pub.year - 1, month)
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    if c.tense == "past" and month > pub.month:
        return _month(pub.year - 1, month)
    if c.tense == "future" and month < pub.month:
        return _month(pub.year + 1, month)
    return _month(pub.year, month)


def _r_weekday(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    target, pub = c.lex.weekdays[c.groups["weekday"].lower()], c.pub
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    rel = c.rel() if "rel" in c.groups else None
    if rel is not None and rel < 0:
        return _day(pub - timedelta(days=back or 7))
    if rel is not None and rel > 0:
        return _day(pub + timedelta(days=ahead or 7))
    if c.tense == "future":
        return _day(pub + timedelta(days=ahead))
    return _day(pub - timedelta(days=back))


def _r_weekend(c: _Ctx) -> Resolved:
    """A weekend is dated by its Friday, the day films open and weekend figures start."""
    if c.pub is None:
        return _NONE
    pub, friday = c.pub, 4
    rel = c.rel() if "rel" in c.groups else None
    in_weekend = pub.weekday() >= friday
    back = pub - timedelta(days=(pub.weekday() - friday) % 7)  # the latest Friday
    ahead = pub + timedelta(days=(friday - pub.weekday()) % 7)  # the next Friday
    if rel is not None and rel < 0:
        return _day(back - timedelta(days=7) if in_weekend else back)
    if rel is not None and rel > 0:
        return _day(ahead + timedelta(days=7) if in_weekend else ahead)
    if in_weekend:
        return _day(back)  # "this weekend" said during it
    return _day(ahead if c.tense == "future" else back)


def _shift_unit(pub: date, unit: str, n: int) -> Resolved:
    if unit == "year":
        return _year(pub.year + n)
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, n))
    days = n * (7 if unit == "week" else 1)
    shifted = pub + timedelta(days=days)
    # A week is vaguer than a day: claim only its month.
    return _month(shifted.year, shifted.month) if unit == "week" else _day(shifted)


def _r_rel_unit(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    return _shift_unit(c.pub, c.unit(), c.rel())


def _r_rel_season(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    return _year(c.pub.year + c.rel())


def _r_ago(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    raw = c.groups["num"].lower()
    n = int(raw) if raw.isdigit() else c.lex.numbers.get(re.sub(r"\s+", " ", raw), 0)
    if n <= 0:
        return _NONE
    return _shift_unit(c.pub, c.unit(), -n)


def _r_anchored(c: _Ctx) -> Resolved:
    """Counted from the date the text gave last ("a year later", "the following month"; passed
    in as the ``anchor`` group), never from publication; as precise as the unit."""
    anchor = c.groups.get("anchor")
    if not anchor:
        return _NONE
    raw = c.groups.get("num", "one").lower()
    n = int(raw) if raw.isdigit() else c.lex.numbers.get(re.sub(r"\s+", " ", raw), 0)
    if n <= 0:
        return _NONE
    if c.groups["dir"].lower() in ("earlier", "previous", "preceding", "before"):
        n = -n
    unit, parts = c.unit(), [int(x) for x in anchor.split("-")]
    if unit == "year":
        return _year(parts[0] + n)
    if len(parts) < 2:
        return _NONE  # "a month later" than "2019" is still only "2019" or "2020"
    if unit in ("month", "week"):
        months = n if unit == "month" else 0
        year, month = _add_months(parts[0], parts[1], months)
        if unit == "week" and len(parts) == 3:
            shifted = date(parts[0], parts[1], parts[2]) + timedelta(days=7 * n)
            year, month = shifted.year, shifted.month
        return _month(year, month)
    if len(parts) < 3:
        return _NONE
    return _day(date(parts[0], parts[1], parts[2]) + timedelta(days=n))


def _r_deictic(c: _Ctx) -> Resolved:
    if c.pub is None:
        return _NONE
    return _day(c.pub + timedelta(days=c.lex.deictic[c.groups["deictic"].lower()]))


_RESOLVERS: dict[str, Callable[[_Ctx], Resolved]] = {
    "month_day_year": _r_full_day,
    "day_month_year": _r_full_day,
    "month_year": _r_month_year,
    "part_of_year": _r_year,
    "season_year": _r_year,
    "year": _r_year,
    "rel_month_day": _r_month_day,
    "month_day": _r_month_day,
    "day_month": _r_month_day,
    "part_of_rel": _r_rel_unit,
    "early_rel": _r_rel_unit,
    "rel_unit": _r_rel_unit,
    "rel_month": _r_month,
    "rel_weekday": _r_weekday,
    "weekend": _r_weekend,
    "rel_weekend": _r_weekend,
    "rel_season": _r_rel_season,
    "ago": _r_ago,
    "deictic": _r_deictic,
    "anchored": _r_anchored,
    "ordinal_day": _r_ordinal_day,
    "weekday": _r_weekday,
    "month": _r_month,
}


def resolve(
    kind: str,
    groups: Mapping[str, str],
    published: date | None,
    tense: Tense = "unknown",
    lex: DateLexicon | None = None,
) -> tuple[str | None, str | None]:
    """Resolve one matched expression of ``kind`` to ``(iso, precision)`` (both None if unknown).

    ``groups`` are the named groups of the pattern match (``month``, ``day``, ``year``, ``rel``...).
    """
    lex = lex or _default_lexicon()
    try:
        out = _RESOLVERS[kind](_Ctx(groups, published, tense, lex))
    except (KeyError, ValueError, OverflowError):
        return None, None
    return out.iso, out.precision


_LEXICON: list[DateLexicon] = []


def _default_lexicon() -> DateLexicon:
    if not _LEXICON:
        _LEXICON.append(DateLexicon.load())
    return _LEXICON[0]


# --- context years ---

# A bare month or day and the kind that reads the same words with a year added.
_WITH_YEAR = {"month": "month_year", "month_day": "month_day_year", "day_month": "day_month_year"}


@dataclass
class _YearContext:
    """Years the text has stated so far: per month ("July 2025"), only from this year on (a past
    month is background: "quit on August 28 2009" says nothing about "August 2"), and the latest
    year stated at all."""

    pub: date
    month_years: dict[int, int] = field(default_factory=dict)
    last_year: int | None = None

    def note(
        self, kind: str, groups: Mapping[str, str], iso: str | None, precision: str | None
    ) -> None:
        if iso is None:
            return
        explicit = "year" in groups
        if explicit and precision in ("month", "day") and int(iso[:4]) >= self.pub.year:
            self.month_years[int(iso[5:7])] = int(iso[:4])
        if explicit or (precision == "year" and "unit" in groups):
            self.last_year = int(iso[:4])


# --- tense ---


def governing_verb(token: Token) -> Token:
    """The nearest verb (or auxiliary) at or above ``token`` in the parse, else the root."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head != token and seen < 12:
        token = token.head
        seen += 1
    return token


def tense_of(verb: Token, lex: DateLexicon, _depth: int = 0) -> Tense:
    """Coarse tense of a clause from its verb: enough to pick the right Monday."""
    if verb.pos_ not in ("VERB", "AUX"):
        return "unknown"
    if any(ch.dep_ in ("aux", "auxpass") and ch.lower_ in lex.future_aux for ch in verb.children):
        return "future"
    aux = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass")]
    if verb.lemma_.lower() in lex.schedule_verbs:
        # "is scheduled for the 28th" looks ahead; "was scheduled for the 28th" looks ahead from
        # a past moment, so the date may fall either side of publication.
        past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux)
        return "planned" if past else "future"
    if verb.tag_ == "VBD":
        return "past"
    if any(a.tag_ == "VBD" for a in aux) or (
        verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)
    ):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl"):
        return "past"
    # "is set to be released", "plans to perform": climb xcomp links to the governing verb.
    head, steps = verb, 0
    while head.dep_ == "xcomp" and head.head != head and steps < 3:
        head = head.head
        steps += 1
        if head.lemma_.lower() in lex.future_governors or any(
            ch.dep_ in ("aux", "auxpass") and ch.lower_ in lex.future_aux for ch in head.children
        ):
            head_aux = [ch for ch in head.children if ch.dep_ in ("aux", "auxpass")]
            was = head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in head_aux)
            return "planned" if was and head.lemma_.lower() in lex.schedule_verbs else "future"
    if _depth < 3 and _non_finite(verb) and verb.head != verb:
        # "will carry on, starting with a comeback on the 29th", "after releasing it on the 3rd,
        # she toured": a participle or infinitive has no tense of its own; its clause's has.
        return tense_of(governing_verb(verb.head), lex, _depth + 1)
    return "unknown"


def _non_finite(verb: Token) -> bool:
    """A participle or bare infinitive without a tensed auxiliary of its own."""
    if verb.tag_ not in ("VBG", "VB") or verb.dep_ == "ROOT":
        return False
    return not any(ch.dep_ in ("aux", "auxpass") and ch.tag_ != "TO" for ch in verb.children)


# --- the component -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str]
    rank: int
    name_start: int | None  # where the month or weekday name starts, if any


def _capitalised(text: str, groups: Mapping[str, str], match: re.Match[str]) -> bool:
    """Month and weekday names count only when capitalised ("may", "march" are verbs)."""
    for name in ("month", "weekday"):
        if name in groups:
            word = match.group(name)
            if not word[:1].isupper():
                return False
    return True


class DatesComponent:
    """Writes ``doc._.ng_dates``: every date expression of the doc, resolved where possible."""

    def __init__(self, *, use_spacy_dates: bool = True, parser_cache_size: int = 64) -> None:
        """``use_spacy_dates`` adds spaCy ``DATE`` entities that no pattern covers (resolved with
        dateparser); ``parser_cache_size`` bounds the dateparser instances kept (one per
        publication date and preference, since dateparser fixes its base date at construction)."""
        self.use_spacy_dates = use_spacy_dates
        self.parser_cache_size = parser_cache_size
        self.lex: DateLexicon | None = None
        self._parsers: dict[tuple[date | None, str], DateDataParser] = {}

    def initialize(self) -> None:
        """Load and validate the data files (done lazily on first use otherwise)."""
        if self.lex is None:
            self.lex = DateLexicon.load()

    def _parser(self, pub: date | None, prefer: str) -> DateDataParser:
        key = (pub, prefer)
        parser = self._parsers.get(key)
        if parser is None:
            if len(self._parsers) >= self.parser_cache_size:
                self._parsers.pop(next(iter(self._parsers)))
            settings: dict[str, Any] = {
                "PREFER_DATES_FROM": prefer,
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            }
            if pub is not None:
                settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
            parser = DateDataParser(languages=["en"], settings=settings)
            self._parsers[key] = parser
        return parser

    def __call__(self, doc: Doc) -> Doc:
        self.initialize()
        assert self.lex is not None
        article = doc._.ng_article
        pub: date | None = article.published if article is not None else None
        text = doc_ext.doc_text(doc)
        inside = [(m.start_char, m.end_char) for m in doc_ext.mentions(doc)]

        candidates: list[_Candidate] = []
        for rank, (kind, pattern) in enumerate(self.lex.patterns):
            for match in pattern.finditer(text):
                groups = {k: v for k, v in match.groupdict().items() if v is not None}
                if not _capitalised(text, groups, match):
                    continue
                name = "month" if "month" in groups else "weekday" if "weekday" in groups else None
                candidates.append(
                    _Candidate(
                        match.start(),
                        match.end(),
                        kind,
                        groups,
                        rank,
                        match.start(name) if name else None,
                    )
                )
        candidates.sort(key=lambda c: (c.rank, -(c.end - c.start), c.start))
        taken: list[tuple[int, int]] = []
        blocked: list[tuple[int, int]] = []
        chosen: list[_Candidate] = []
        for cand in candidates:
            if any(cand.start < e and s < cand.end for s, e in taken):
                continue
            if any(s <= cand.start and cand.end <= e for s, e in inside):
                continue  # "2023 Asia Artist Awards", "Blade Runner 2049": part of a name
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is None or not self._plausible(cand, span):
                blocked.append((cand.start, cand.end))
                continue
            taken.append((cand.start, cand.end))
            chosen.append(cand)

        out: list[DateMention] = []
        years = _YearContext(pub or date.min)
        anchor: str | None = None  # the latest resolved date, for "a year later"
        last_day: tuple[date, int] | None = None  # the latest full date and its sentence
        for cand in sorted(chosen, key=lambda c: c.start):
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            assert span is not None
            tense = self._tense(span)
            kind, groups = self._with_context_year(text, cand, pub, tense, years)
            if kind == "anchored" and anchor is not None:
                groups = {**groups, "anchor": anchor}
            iso, precision = resolve(kind, groups, pub, tense, self.lex)
            sent_i = doc_ext.sentence_index(doc, span.start)
            if kind == "ordinal_day" and last_day is not None and last_day[1] == sent_i:
                # "opens on March 28 and moves on the 30th": the month named just before
                iso = _after_day(last_day[0], int(re.sub(r"\D", "", groups["day"]))) or iso
            if precision == "day" and iso is not None:
                last_day = (date.fromisoformat(iso), sent_i)
            years.note(kind, groups, iso, precision)
            anchor = iso or anchor
            out.append(self._mention(doc, span, cand.start, cand.end, iso, precision))

        if self.use_spacy_dates:
            for ent in doc.ents:
                if ent.label_ != "DATE":
                    continue
                if any(ent.start_char < e and s < ent.end_char for s, e in taken + blocked):
                    continue
                mention = self._from_dateparser(doc, ent, pub)
                if mention is not None:
                    out.append(mention)
        out.sort(key=lambda m: m.start_char)
        doc._.ng_dates = out
        return doc

    def _with_context_year(
        self, text: str, cand: _Candidate, pub: date | None, tense: Tense, years: _YearContext
    ) -> tuple[str, dict[str, str]]:
        """A month or day written without a year takes one from its context: a year after the
        list it belongs to ("July and August next year"), else the year an earlier date of the
        same month carried ("in July 2025 ... on July 4"), else, when the tense leaves it open,
        the future year the text is about ("a tour in 2025 ... dates in March")."""
        assert self.lex is not None
        with_year = _WITH_YEAR.get(cand.kind)
        if with_year is None or pub is None:
            return cand.kind, cand.groups
        shared = self.lex.shared_year.match(text, cand.end)
        if shared is not None:
            if shared.group("year"):
                return with_year, {**cand.groups, "year": shared.group("year")}
            rel = self.lex.relative[shared.group("rel").lower()]
            return with_year, {**cand.groups, "year": str(pub.year + rel)}
        month = self.lex.months.get(cand.groups["month"].lower().rstrip("."))
        options: list[tuple[int, bool]] = []
        if month is not None and month in years.month_years:
            options.append((years.month_years[month], True))
        if years.last_year is not None and years.last_year > pub.year and tense != "past":
            options.append((years.last_year, False))
        naive, _ = resolve(cand.kind, cand.groups, pub, tense, self.lex)
        for year, same_month in options:
            groups = {**cand.groups, "year": str(year)}
            iso, _ = resolve(with_year, groups, pub, tense, self.lex)
            if iso is None or iso == naive:
                continue
            # The context year must not contradict the tense of the clause.
            stamp = pub.isoformat()[: len(iso)]
            if (tense == "past" and iso > stamp) or (tense == "future" and iso < stamp):
                continue
            if not same_month and naive is not None and naive >= stamp:
                continue  # the frame year only moves a date that would fall behind us
            return with_year, groups
        return cand.kind, cand.groups

    def _tense(self, span: Span) -> Tense:
        """Tense of the clause the date sits in; "back in January" is past whatever the verb."""
        assert self.lex is not None
        before = span.start - 1
        if before >= 0 and span.doc[before].pos_ == "ADP":
            before -= 1
        if before >= 0 and span.doc[before].lower_ in self.lex.past_cues:
            return "past"
        return tense_of(governing_verb(span.root), self.lex)

    def _plausible(self, cand: _Candidate, span: Span) -> bool:
        """Cheap checks that keep ordinals, counts and durations out."""
        assert self.lex is not None
        lex, doc = self.lex, span.doc
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        if (
            cand.kind == "ordinal_day"
            and nxt is not None
            and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
        ):
            return False  # "the 44th Blue Dragon Awards", "the 11th extended play"
        if cand.name_start is not None:
            word = doc.char_span(cand.name_start, cand.name_start + 1, alignment_mode="expand")
            if word is not None and word[0].pos_ in ("AUX", "VERB"):
                return False  # "May we go?", "March on"
        if cand.kind == "year":
            if nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in lex.units:
                return False  # "2000 fans"
            if prev is not None and prev.lower_ in ("no", "no.", "number", "#", "top"):
                return False
            pub = doc._.ng_article.published if doc._.ng_article is not None else None
            if pub is not None and int(cand.groups["year"]) > pub.year + 5:
                return False  # "Blade Runner 2049": a title, not a date
        # "for the last year", "over the next year": durations, not dates
        return not (
            cand.kind in ("rel_unit", "rel_season", "rel_weekend", "anchored")
            and prev is not None
            and prev.lower_ in lex.duration_heads
        )

    def _from_dateparser(self, doc: Doc, ent: Span, pub: date | None) -> DateMention | None:
        assert self.lex is not None
        text = ent.text.strip()
        if self.lex.duration.search(text):
            return None
        # Only what our patterns cannot read: numeric dates and odd forms that carry a year.
        # Bare numbers ("4,43 theatres") and vague phrases ("the weekend") are left out.
        has_year = re.search(r"(?<![\d,])(?:1[89]|20)\d{2}(?![\d,])", text) is not None
        numeric = re.search(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b", text) is not None
        if not (has_year or numeric):
            return None
        tense = self._tense(ent)
        prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
        try:
            data = self._parser(pub, prefer).get_date_data(text)
        except (ValueError, OverflowError):
            return None
        if data is None or data.date_obj is None:
            return None
        d = data.date_obj.date()
        period = data.period or "day"
        if period == "year":
            iso, precision = f"{d.year:04d}", "year"
        elif period == "month":
            iso, precision = f"{d.year:04d}-{d.month:02d}", "month"
        elif period in ("day", "time", "week"):
            iso, precision = d.isoformat(), "day"
        else:
            return None
        return self._mention(doc, ent, ent.start_char, ent.end_char, iso, precision)

    @staticmethod
    def _mention(
        doc: Doc, span: Span, start: int, end: int, iso: str | None, precision: str | None
    ) -> DateMention:
        return DateMention(
            start_char=start,
            end_char=end,
            text=doc_ext.doc_text(doc)[start:end],
            iso=iso,
            precision=precision,
            sentence=doc_ext.sentence_index(doc, span.start),
        )


@Language.factory(
    "newsgraph_dates_v1",  # spaCy 3.8 forbids "." in factory names (E853)
    assigns=["doc._.ng_dates"],
    requires=[],
    default_config={"use_spacy_dates": True, "parser_cache_size": 64},
)
def make_dates(
    nlp: Language, name: str, use_spacy_dates: bool, parser_cache_size: int
) -> DatesComponent:
    return DatesComponent(use_spacy_dates=use_spacy_dates, parser_cache_size=parser_cache_size)


__all__ = ["DateLexicon", "DatesComponent", "governing_verb", "resolve", "tense_of"]

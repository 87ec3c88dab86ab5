"""QA accuracy: ask every gold question and check the answer text against the gold answer.

The answer text is ``answer`` and every item of ``answers`` joined. A question is correct when any
of its gold keys is satisfied:

- ``answer`` (entity id): the entity's name (also without a trailing "(...)" qualifier) or any of
  its gold mentions, from every gold article that uses that id, occurs in the answer text after
  :func:`~newsgraph.evaluate.text.normalise_text`, on word boundaries (so "V" is not found in
  "love");
- ``answer_date``: a date written in the answer text (ISO, "May 11, 2023", "11 May 2023",
  "September 2023", "2015") whose ISO form starts with the gold date;
- ``answer_text`` (key phrases): at least half of the phrases appear. A phrase appears when at
  least 60% of its content tokens (distinct, stop words removed) are tokens of the answer text;
  a phrase made only of stop words must occur verbatim (normalised, on word boundaries).
"""

from __future__ import annotations

import calendar
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.evaluate.gold import GoldArticle
from newsgraph.evaluate.text import content_tokens, normalise_mention, normalise_text

__all__ = [
    "KEY_PHRASE_MIN_TOKENS",
    "AskFn",
    "QAResult",
    "QAScores",
    "answer_text_of",
    "dates_in",
    "question_correct",
    "score_qa",
]

AskFn = Callable[[str], Mapping[str, Any]]

KEY_PHRASE_MIN_TOKENS = 0.6

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].casefold()] = _number
    _MONTHS[calendar.month_abbr[_number].casefold()] = _number
_MONTHS["sept"] = 9
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"(?<!\d)(?P<year>\d{4})(?!\d)"),
)
_NAME_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class QAResult:
    """One asked question: whether it was answered right, and what was said."""

    article_id: str
    question: str
    correct: bool
    answer: str
    error: str = ""


@dataclass(frozen=True)
class QAScores:
    """QA accuracy over every gold question."""

    results: tuple[QAResult, ...] = field(default=())

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def answer_text_of(response: Mapping[str, Any]) -> str:
    """``answer`` and every item of ``answers`` as one text."""
    parts: list[str] = []
    answer = response.get("answer")
    if isinstance(answer, str):
        parts.append(answer)
    for item in response.get("answers") or []:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Mapping):
            parts.extend(str(v) for v in item.values() if isinstance(v, str))
    return "\n".join(parts)


def dates_in(text: str) -> set[str]:
    """ISO forms (YYYY, YYYY-MM or YYYY-MM-DD) of every date written in ``text``."""
    found: set[str] = set()
    lowered = normalise_text(text)
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(lowered):
            parts = match.groupdict()
            year = parts["year"]
            month_raw = parts.get("month")
            if month_raw is None:
                found.add(year)
                continue
            month = int(month_raw) if month_raw.isdigit() else _MONTHS[month_raw]
            if not 1 <= month <= 12:
                continue
            day_raw = parts.get("day")
            if day_raw is None:
                found.add(f"{year}-{month:02d}")
            elif 1 <= int(day_raw) <= 31:
                found.add(f"{year}-{month:02d}-{int(day_raw):02d}")
    return found


def question_correct(
    question: Mapping[str, Any], response_text: str, aliases: Mapping[str, Iterable[str]]
) -> bool:
    """Whether ``response_text`` answers ``question``; ``aliases`` maps gold ids to names."""
    text = normalise_text(response_text)
    answer_id = question.get("answer")
    if isinstance(answer_id, str) and any(
        _contains(text, alias) for alias in aliases.get(answer_id, ())
    ):
        return True
    answer_date = question.get("answer_date")
    if isinstance(answer_date, str) and answer_date.strip():
        gold_date = answer_date.strip()
        if any(found.startswith(gold_date) for found in dates_in(response_text)):
            return True
    phrases = [p for p in question.get("answer_text") or [] if isinstance(p, str) and p.strip()]
    if phrases:
        tokens = set(content_tokens(text))
        hits = sum(_phrase_appears(p, text, tokens) for p in phrases)
        if hits >= math.ceil(len(phrases) / 2):
            return True
    return False


def gold_aliases(gold_articles: Sequence[GoldArticle]) -> dict[str, set[str]]:
    """Every name and mention of each gold id, gathered over all gold articles."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for article in gold_articles:
        for entity in article.entities:
            names = [m for m in entity.get("mentions") or [] if isinstance(m, str)]
            name = entity.get("name")
            if isinstance(name, str):
                names += [name, _NAME_QUALIFIER.sub("", name)]
            aliases[str(entity["id"])].update(n for n in names if normalise_mention(n))
    return aliases


def score_qa(gold_articles: Sequence[GoldArticle], ask: AskFn) -> QAScores:
    """Ask every gold question through ``ask`` (the ``ask --json`` contract) and score it.

    A question ``ask`` refuses with a :class:`~newsgraph.errors.NewsgraphError` counts as wrong and
    keeps the error message; other exceptions are bugs and propagate.
    """
    aliases = gold_aliases(gold_articles)
    results: list[QAResult] = []
    for article in gold_articles:
        for question in article.questions:
            q = str(question.get("q", ""))
            try:
                response = ask(q)
            except NewsgraphError as exc:
                results.append(QAResult(article.id, q, False, "", error=str(exc)))
                continue
            text = answer_text_of(response)
            results.append(QAResult(article.id, q, question_correct(question, text, aliases), text))
    return QAScores(results=tuple(results))


def _contains(text: str, alias: str) -> bool:
    """``alias`` (normalised) occurs in the normalised ``text`` on word boundaries."""
    key = normalise_mention(alias)
    if not key:
        return False
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def _phrase_appears(phrase: str, text: str, tokens: set[str]) -> bool:
    wanted = set(content_tokens(phrase))
    if not wanted:
        return _contains(text, phrase)
    return len(wanted & tokens) / len(wanted) >= KEY_PHRASE_MIN_TOKENS

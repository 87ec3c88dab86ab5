"""Korean personal names in Hangul, spelled the way the English-language press spells them.

Revised Romanization (RR, from the koroman library) is the official spelling, but not the press
one: 김태형 is RR "Gim Taehyeong", and the press writes Kim Tae-hyung. So a name is spelled in two
steps. The surname comes from our own table (``data/korean_surnames.tsv``: 김 → Kim, Gim; 엄 → Um,
Uhm, Eom; 이 → Lee, Yi, Rhee...). Each syllable of the given name is romanised on its own by
koroman (RR does not carry sound changes across the syllables of a personal name), and a small
rule table (``data/korean_press_spelling.json``) adds the common press respellings of that
syllable (hyeong → hyung, su → soo, hui → hee); the RR spelling is always kept.

A Hangul name is read as surname + given name: a two-syllable surname (남궁, 선우, 제갈...) is
preferred when the table lists one and a given name remains, so 남궁민 is Namgoong Min.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import koroman  # type: ignore[import-untyped]  # no type information shipped

from newsgraph.errors import ConfigError
from newsgraph.nlp.catalogue import hangul_surnames

__all__ = [
    "given_name_spellings",
    "is_hangul_syllables",
    "press_names",
    "romanise_name",
    "rr_syllable",
    "split_hangul_name",
    "syllable_spellings",
]

_RULES_FILE = "korean_press_spelling.json"
_PARTS = ("onset", "vowel", "syllable")
# An RR syllable: consonant letters, then vowel letters (w and y glide into the vowel), then
# consonant letters. RR writes no vowel-less syllable, so the split is unambiguous.
_RR_SYLLABLE = re.compile(r"([^aeiouwy]*)([aeiouwy]+)([^aeiouwy]*)")
# Given names of one to three syllables; the longest Korean names we read have four in all.
_MAX_GIVEN = 3


def is_hangul_syllables(text: str) -> bool:
    """Whether ``text`` is non-empty and made only of precomposed Hangul syllables (가-힣)."""
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" for ch in text)


@dataclass(frozen=True)
class _Rule:
    part: str
    rr: str
    press: tuple[str, ...]
    onset: bool | None
    coda: bool | None
    vowels: frozenset[str] | None

    def applies(self, onset: str, vowel: str, coda: str) -> bool:
        own = {"onset": onset, "vowel": vowel, "syllable": onset + vowel + coda}[self.part]
        return (
            own == self.rr
            and (self.onset is None or self.onset == bool(onset))
            and (self.coda is None or self.coda == bool(coda))
            and (self.vowels is None or vowel in self.vowels)
        )


def _rule_from_json(obj: Any, where: str) -> _Rule:
    if not isinstance(obj, dict):
        raise ConfigError(f"{where}: expected an object")
    part, rr, press = obj.get("part"), obj.get("rr"), obj.get("press")
    if part not in _PARTS:
        raise ConfigError(f"{where}: 'part' must be one of {_PARTS}")
    if not isinstance(rr, str) or not rr.isascii() or not rr.isalpha() or rr != rr.lower():
        raise ConfigError(f"{where}: 'rr' must be lowercase ASCII letters")
    if (
        not isinstance(press, list)
        or not press
        or not all(isinstance(p, str) and p.isascii() and p.isalpha() for p in press)
        or len(set(press)) != len(press)
        or rr in press
    ):
        raise ConfigError(f"{where}: 'press' must list distinct new ASCII spellings")
    flags: dict[str, bool | None] = {}
    for flag in ("onset", "coda"):
        value = obj.get(flag)
        if value is not None and not isinstance(value, bool):
            raise ConfigError(f"{where}: {flag!r} must be true, false or absent")
        flags[flag] = value
    vowels = obj.get("vowels")
    if vowels is not None and (
        not isinstance(vowels, list) or not vowels or not all(isinstance(v, str) for v in vowels)
    ):
        raise ConfigError(f"{where}: 'vowels' must be a non-empty list of strings")
    return _Rule(
        part=part,
        rr=rr,
        press=tuple(p.lower() for p in press),
        onset=flags["onset"],
        coda=flags["coda"],
        vowels=frozenset(vowels) if vowels is not None else None,
    )


@cache
def _rules() -> tuple[_Rule, ...]:
    """The press respelling rules, validated; the file must hold at least one."""
    try:
        text = resources.files("newsgraph.data").joinpath(_RULES_FILE).read_text("utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"data file {_RULES_FILE!r} is missing or not JSON: {exc}") from exc
    raw = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{_RULES_FILE}: 'rules' must be a non-empty list")
    rules = tuple(_rule_from_json(obj, f"{_RULES_FILE}: rule {n}") for n, obj in enumerate(raw, 1))
    seen: set[tuple[str, str, bool | None, bool | None, frozenset[str] | None]] = set()
    for n, rule in enumerate(rules, 1):
        key = (rule.part, rule.rr, rule.onset, rule.coda, rule.vowels)
        if key in seen:
            raise ConfigError(f"{_RULES_FILE}: rule {n} repeats an earlier rule")
        seen.add(key)
    return rules


@cache
def rr_syllable(syllable: str) -> str:
    """The Revised Romanization of one Hangul syllable on its own, lowercase ("형" -> "hyeong")."""
    if len(syllable) != 1 or not is_hangul_syllables(syllable):
        raise ValueError(f"not one Hangul syllable: {syllable!r}")
    # The custom dictionary is koroman's process-wide state: never let it change our spellings.
    return str(koroman.romanize(syllable, use_custom_dictionary=False)).lower()


@cache
def syllable_spellings(syllable: str) -> tuple[str, ...]:
    """Spellings of one given-name syllable: RR first, then the press forms, lowercase.

    "형" -> ("hyeong", "hyung"); "국" -> ("guk", "gook", "kook", "kuk").
    """
    rr = rr_syllable(syllable)
    match = _RR_SYLLABLE.fullmatch(rr)
    if match is None:  # koroman always writes a vowel; guard the parse all the same
        return (rr,)
    onset, vowel, coda = match.groups()
    rules = [r for r in _rules() if r.applies(onset, vowel, coda)]
    whole = [p for r in rules if r.part == "syllable" for p in r.press]
    if whole:
        return (rr, *sorted(set(whole) - {rr}))
    onsets = [onset, *(p for r in rules if r.part == "onset" for p in r.press)]
    vowels = [vowel, *(p for r in rules if r.part == "vowel" for p in r.press)]
    forms = {o + v + coda for o, v in itertools.product(onsets, vowels)}
    return (rr, *sorted(forms - {rr}))


def split_hangul_name(hangul: str) -> tuple[str, str] | None:
    """``(surname, given name)`` of a Hangul personal name, or None when it does not read as one.

    The name must be 2-5 Hangul syllables with no spaces, start with a surname of the table and
    leave a given name of one to three syllables. A two-syllable surname wins when it fits.
    """
    if not is_hangul_syllables(hangul) or not 2 <= len(hangul) <= 5:
        return None
    surnames = hangul_surnames()
    for size in (2, 1):
        surname, given = hangul[:size], hangul[size:]
        if surname in surnames and 1 <= len(given) <= _MAX_GIVEN:
            return surname, given
    return None


def given_name_spellings(given: str) -> list[str]:
    """Every spelling of a Hangul given name, hyphenated and capitalised ("Tae-hyung"), RR first.

    One spelling per combination of syllable spellings, in a stable order.
    """
    if not is_hangul_syllables(given) or len(given) > _MAX_GIVEN:
        raise ValueError(f"not a Hangul given name: {given!r}")
    out: list[str] = []
    for combo in itertools.product(*(syllable_spellings(ch) for ch in given)):
        spelling = "-".join(combo).capitalize()
        if spelling not in out:
            out.append(spelling)
    return out


def press_names(hangul: str) -> list[str]:
    """One full name per given-name spelling, under the surname's most common spelling:
    김태형 -> ["Kim Tae-hyeong", "Kim Tae-hyung"]. [] when ``hangul`` is not a personal name.

    The compact form the catalogue stores; :func:`romanise_name` gives every variant.
    """
    split = split_hangul_name(hangul)
    if split is None:
        return []
    surname, given = split
    first = hangul_surnames()[surname][0]
    return [f"{first} {spelling}" for spelling in given_name_spellings(given)]


def _forms(given: str) -> set[str]:
    """ "Tae-hyung" -> hyphenated, joined and spaced: Tae-hyung, Taehyung, Tae Hyung."""
    parts = given.split("-")
    return {given, "".join(parts).capitalize(), " ".join(p.capitalize() for p in parts)}


def romanise_name(hangul: str) -> set[str]:
    """The English press spellings of a Korean personal name written in Hangul.

    Every surname spelling of the table row, times every given-name spelling (RR and press
    forms), hyphenated, joined and spaced: 김태형 -> Kim Tae-hyung, Kim Taehyung, Kim Tae Hyung,
    Gim Tae-hyeong... When the given name has two or more syllables the Western order is added
    with a hyphenated or joined given name (Taehyung Kim, Tae-hyung Kim). Only full names: the
    given name alone is never returned. Empty when ``hangul`` does not read as a name (see
    :func:`split_hangul_name`). Every spelling is ASCII.
    """
    split = split_hangul_name(hangul)
    if split is None:
        return set()
    surname, given = split
    surnames: Mapping[str, tuple[str, ...]] = hangul_surnames()
    out: set[str] = set()
    for spelling in given_name_spellings(given):
        forms = _forms(spelling)
        for family in surnames[surname]:
            out.update(f"{family} {form}" for form in forms)
            if len(given) >= 2:
                out.update(f"{form} {family}" for form in forms if " " not in form)
    return out

"""The bundled entity catalogue (gazetteer): known people, groups, organisations and events.

Three JSONL files under ``newsgraph/data`` feed it: ``catalogue.jsonl``, generated from open data
by ``scripts/build_catalogue.py`` (Wikidata + kpopnet); ``catalogue_extra.jsonl``, hand-written
facts the open data lacks (agencies, broadcasters, award ceremonies, soloists and actors); and
``catalogue_world.jsonl``, a hand-written table of world entertainment organisations (studios,
labels, networks, streaming and ticketing services, publishers, charts) and award ceremonies and
festivals beyond K-pop. An
extras line that reuses a generated id is a supplement to that entry (an alias the open data
capped away, a missing or wrong agency), applied at load time by :func:`supplement`.

Matching works on a *key*, not on the surface text: :func:`alias_key` folds case, width, quotes,
Latin accents, possessives, spaces, hyphens and dots, so "Kim Tae-hyung", "Kim Taehyung" and
"kim tae hyung" all find the same entry. :func:`name_variants` adds the spellings the press uses
for Korean names (surname romanisations, hyphenated / joined / spaced given names, given name
alone), because the open data lists only a few of them. Entries also carry ``romanised``: full
names spelled from their Hangul names by :mod:`newsgraph.nlp.hangul` at build time. Those are
matched as full names only (every surname spelling, both name orders), never as the given name
alone, because a romanisation is a guess that no source wrote down.

Which aliases are too risky to match without context is decided by :func:`needs_context`:

* one character ("V", "뷔"): always;
* two characters: yes, unless the alias is written in capitals and is not an English word ("IU",
  "DK" are distinctive; "TV", "US" are not), or is two Hangul syllables. Callers should match such
  aliases case-sensitively;
* otherwise, when the alias, lowercased, is a common English word or phrase ("Rose", "Joy", "Key",
  "Twice", "Winter"). The word list ``common_words.txt`` is built by the catalogue script from the
  spaCy English model's lemmatizer index (WordNet lemmas) restricted to lowercase words that the
  model's vocabulary also holds, plus spaCy's stop words. A word list is reviewable, deterministic
  and does not depend on the model being installed at run time.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.model import ENTITY_TYPES

__all__ = [
    "CATALOGUE_FILES",
    "Catalogue",
    "CatalogueEntry",
    "alias_key",
    "alias_key_spaced",
    "common_words",
    "entry_from_json",
    "full_name_variants",
    "hangul_surnames",
    "name_variants",
    "needs_context",
    "split_korean_name",
    "supplement",
    "surname_spellings",
]

# The generated file first; the hand-written ones may supplement its entries (same id).
CATALOGUE_FILES: tuple[str, ...] = (
    "catalogue.jsonl",
    "catalogue_extra.jsonl",
    "catalogue_world.jsonl",
)

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
    }
)
# Separators that vary between spellings of one name: spaces, hyphens, dashes, dots, middle dots.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fb\u00b7.]+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


def _fold_latin(text: str) -> str:
    """Drop accents from Latin letters only ("Rosé" -> "Rose"); other scripts stay untouched."""
    out: list[str] = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        if len(base) > 1 and base[0].isascii() and base[0].isalpha():
            out.append(base[0])
        else:
            out.append(ch)
    return "".join(out)


def _key_step(text: str) -> str:
    if text.isascii():
        text = text.lower().translate(_QUOTES)
    else:
        text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
        text = _fold_latin(unicodedata.normalize("NFKC", text))
    text = _POSSESSIVE.sub("", text.strip())
    text = text.replace("'", "")
    return _SEPARATORS.sub("", text)


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """The matching key of a name: equal keys mean the same spelling for lookup purposes.

    NFKC, casefold, straight quotes, Latin accents folded, a final possessive (``'s`` or ``'``)
    and every apostrophe removed, spaces, hyphens and dots removed. Idempotent. Memoised: the
    same words are keyed again for every article and every catalogue check.
    """
    if text.isascii():
        # The fast path for most names: NFKC and accent folding change nothing, casefold is
        # lower(), and one step reaches the fixed point (no quote or separator is left).
        return _key_step(text)
    # NFKC and casefold can each undo the other's fixed point on rare characters, so iterate.
    for _ in range(6):
        new = _key_step(text)
        if new == text:
            break
        text = new
    return text


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


# ----------------------------------------------------------------------------------------------
# Data tables


def _read_data(name: str) -> str:
    try:
        return resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    except (OSError, FileNotFoundError) as exc:
        raise ConfigError(f"data file {name!r} is missing: {exc}") from exc


@cache
def common_words() -> frozenset[str]:
    """Lowercase common English words and phrases (``data/common_words.txt``), non-empty."""
    words: set[str] = set()
    for lineno, raw in enumerate(_read_data("common_words.txt").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line != line.lower():
            raise ConfigError(f"common_words.txt:{lineno}: {line!r} is not lowercase")
        if line in words:
            raise ConfigError(f"common_words.txt:{lineno}: {line!r} is repeated")
        words.add(line)
    if not words:
        raise ConfigError("common_words.txt is empty")
    return frozenset(words)


@cache
def _surname_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(hangul, spellings)`` rows of ``korean_surnames.tsv``, validated, in file order."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    seen_hangul: set[str] = set()
    lines = _read_data("korean_surnames.tsv").splitlines()
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("hangul\t"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ConfigError(f"korean_surnames.tsv:{lineno}: expected 'hangul<TAB>spellings'")
        hangul, spellings = parts[0].strip(), [s.strip() for s in parts[1].split(",")]
        if hangul in seen_hangul:
            raise ConfigError(f"korean_surnames.tsv:{lineno}: {hangul} is repeated")
        seen_hangul.add(hangul)
        if not 1 <= len(hangul) <= 2 or not all("\uac00" <= ch <= "\ud7a3" for ch in hangul):
            raise ConfigError(f"korean_surnames.tsv:{lineno}: {hangul!r} is not 1-2 syllables")
        if any(not s.isascii() or not s.isalpha() for s in spellings):
            raise ConfigError(f"korean_surnames.tsv:{lineno}: blank or non-Latin spelling")
        if len({s.lower() for s in spellings}) != len(spellings):
            raise ConfigError(f"korean_surnames.tsv:{lineno}: a spelling is repeated")
        rows.append((hangul, tuple(spellings)))
    if not rows:
        raise ConfigError("korean_surnames.tsv is empty")
    return tuple(rows)


@cache
def _surname_table() -> dict[str, tuple[str, ...]]:
    """Lowercase spelling -> every spelling of its equivalence class (preferred spellings first).

    Rows that share a spelling are joined (connected components), so the relation is symmetric
    and transitive: a variant of a variant is a variant of the original.
    """
    rows = [list(spellings) for _hangul, spellings in _surname_rows()]
    # Union-find over spellings.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for row in rows:
        for spelling in row[1:]:
            parent[find(spelling.lower())] = find(row[0].lower())
    classes: dict[str, list[str]] = {}
    for row in rows:
        for spelling in row:
            members = classes.setdefault(find(spelling.lower()), [])
            if spelling not in members:
                members.append(spelling)
    return {s.lower(): tuple(members) for members in classes.values() for s in members}


def surname_spellings(surname: str) -> tuple[str, ...]:
    """Every press spelling of a Korean surname's class ("Lee" -> Lee, Yi, Rhee...), or ()."""
    return _surname_table().get(surname.lower(), ())


@cache
def hangul_surnames() -> Mapping[str, tuple[str, ...]]:
    """Hangul surname (one or two syllables) -> its press spellings, most common first.

    Unlike :func:`surname_spellings` this is one table row, not the joined class: 유 gives Yoo,
    Yu, You but not Ryu, which belongs to 류.
    """
    return MappingProxyType(dict(_surname_rows()))


# ----------------------------------------------------------------------------------------------
# Korean name variants

_ONSET = "(?:kk|gg|tt|pp|bb|ss|jj|ch|sh|g|k|n|d|t|r|l|m|b|p|s|j|h)?"
_VOWEL = (
    "(?:yeo|yae|wae|eui|you|yoo|woo|yuh"
    "|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|ah|uh|a|e|o|u|i)"
)
_CODA = "(?:ng|k|g|n|t|l|m|p|b)?"
_SYLLABLE = re.compile(_ONSET + _VOWEL + _CODA)
_PLAIN_VOWELS = "aeiou"


def _segmentations(word: str, limit: int) -> Iterator[tuple[str, ...]]:
    if not word:
        yield ()
        return
    if limit == 0:
        return
    for i in range(1, min(len(word), 7) + 1):
        head = word[:i]
        if _SYLLABLE.fullmatch(head):
            for rest in _segmentations(word[i:], limit - 1):
                yield (head, *rest)


@lru_cache(maxsize=1 << 16)
def _syllables(joined: str) -> tuple[str, ...] | None:
    """The likeliest split of a romanised Korean given name ("taehyung" -> tae, hyung), or None.

    Preference: fewest syllables; keep "ng" as a coda ("jongin" -> jong-in); avoid syllables that
    start with a bare vowel ("jimin" -> ji-min, not jim-in). A tie that remains is ambiguous.
    """
    word = joined.lower()
    if not word.isascii() or not word.isalpha():
        return None
    best: list[tuple[int, tuple[str, ...]]] = []
    for seg in _segmentations(word, 3):
        score = 10 * len(seg)
        for prev, cur in itertools.pairwise(seg):
            if prev.endswith("n") and cur.startswith("g"):
                score += 3
            if cur[0] in _PLAIN_VOWELS:
                score += 2
            if cur.startswith("ny"):
                score += 1
        best.append((score, seg))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0]:
        return None
    return best[0][1]


@lru_cache(maxsize=1 << 16)  # pure, and asked again for every variant of every entry
def split_korean_name(name: str) -> tuple[str, tuple[str, ...]] | None:
    """Split "Kim Tae-hyung" into ("Kim", ("Tae", "hyung")) when it reads as Surname Given-Name.

    The surname must be in ``korean_surnames.tsv``; the given name is one to three romanised parts
    (spaces or hyphens), or a joined form that is split into syllables when that is unambiguous.
    Returns None for anything else (Western names, stage names, Hangul).
    """
    tokens = name.split()
    if len(tokens) < 2 or len(tokens) > 4 or not surname_spellings(tokens[0]):
        return None
    parts = [p for token in tokens[1:] for p in token.split("-")]
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isalpha() for p in parts):
        return None
    # The given name must read as romanised Korean syllables ("Lee Isaac Chung" does not).
    if next(_segmentations("".join(parts).lower(), 4), None) is None:
        return None
    if len(parts) == 1:
        # Split a joined given name only into the usual two syllables ("Taehyung" -> Tae-hyung).
        parsed = _syllables(parts[0])
        if parsed is not None and len(parsed) == 2:
            parts = [parsed[0].capitalize(), *parsed[1:]]
    return tokens[0], tuple(parts)


def name_variants(name: str, *, given_alone: bool = True) -> set[str]:
    """Press spellings of a Korean personal name, always including ``name`` itself.

    For "Kim Tae-hyung": every spelling of the surname (Kim, Gim) with the given name hyphenated,
    joined and spaced (Tae-hyung, Taehyung, Tae Hyung), and (unless ``given_alone`` is False) the
    given name alone when it has two or more syllables. Names that are not Surname Given-Name
    come back as ``{name}``.
    """
    variants = {name}
    split = split_korean_name(name)
    if split is None:
        return variants
    surname, parts = split
    first, rest = parts[0].capitalize(), [p.lower() for p in parts[1:]]
    givens = {
        "-".join([first, *rest]),
        "".join([first, *rest]),
        " ".join([first, *(p.capitalize() for p in rest)]),
    }
    for spelling in surname_spellings(surname):
        variants.update(f"{spelling} {given}" for given in givens)
    if not given_alone:
        return variants
    parsed = _syllables("".join(parts))
    if parsed is not None and len(parsed) >= 2:
        variants.update(givens)
    return variants


def full_name_variants(name: str) -> set[str]:
    """Full-name press spellings of a Korean name, never the given name alone.

    :func:`name_variants` without the given name, plus the Western order ("Taehyung Kim",
    "Tae-hyung Kim") when the given name has two or more parts. For matching names that no source
    wrote down (romanised from Hangul): a full name is distinctive, a given name alone is not.
    """
    variants = name_variants(name, given_alone=False)
    split = split_korean_name(name)
    if split is None or len(split[1]) < 2:
        return variants
    surname, parts = split
    first, rest = parts[0].capitalize(), [p.lower() for p in parts[1:]]
    for spelling in surname_spellings(surname):
        variants.add(f"{''.join([first, *rest])} {spelling}")
        variants.add(f"{'-'.join([first, *rest])} {spelling}")
    return variants


def needs_context(alias: str) -> bool:
    """Whether matching ``alias`` alone is too risky (see the module docstring for the rule)."""
    chars = [ch for ch in alias if ch.isalnum()]
    if len(chars) <= 1:
        return True
    phrase = alias_key_spaced(alias)
    words = common_words()
    if len(chars) == 2:
        if all(_is_hangul(ch) for ch in chars):
            return False
        capitals = all(ch.isascii() and ch.isupper() for ch in chars)
        return not capitals or phrase.replace(" ", "") in words
    return phrase in words or (" " in phrase and phrase.replace(" ", "") in words)


def alias_key_spaced(text: str) -> str:
    """:func:`alias_key` per word, joined by single spaces ("Red-Velvet's" -> "red velvet")."""
    words = [alias_key(w) for w in _SEPARATORS.sub(" ", text.translate(_QUOTES)).split()]
    return " ".join(w for w in words if w)


# ----------------------------------------------------------------------------------------------
# Entries and the catalogue


@dataclass(frozen=True)
class CatalogueEntry:
    """One known entity. ``groups`` holds ids of groups it belongs to (for a GROUP: its parent
    group when it is a sub-unit); ``company`` is the name of its agency or label (for an ORG: its
    parent company), which is itself a catalogue name."""

    id: str
    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    hangul: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    company: str | None = None
    popularity: float | None = None
    qid: str | None = None
    romanised: tuple[str, ...] = ()

    def surfaces(self) -> tuple[str, ...]:
        """Every surface form to match: name, aliases, Hangul and (for people) name variants,
        then the full-name variants of the ``romanised`` names (never a given name alone).

        Computed once per entry (the matcher asks again for every context check)."""
        cached: tuple[str, ...] | None = self.__dict__.get("_surfaces")
        if cached is None:
            cached = self._surfaces_uncached()
            object.__setattr__(self, "_surfaces", cached)  # frozen: a cache, not a field
        return cached

    def _surfaces_uncached(self) -> tuple[str, ...]:
        out: dict[str, None] = dict.fromkeys([self.name, *self.aliases, *self.hangul])
        if self.type == "PERSON":
            for text in [self.name, *self.aliases]:
                for variant in sorted(name_variants(text)):
                    out.setdefault(variant, None)
            for text in self.romanised:
                for variant in sorted(full_name_variants(text)):
                    out.setdefault(variant, None)
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "aliases": list(self.aliases),
            "hangul": list(self.hangul),
            "groups": list(self.groups),
            "company": self.company,
            "popularity": self.popularity,
            "qid": self.qid,
            "romanised": list(self.romanised),
        }


def _str_list(obj: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    value = obj.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {field!r} must be a list of non-blank strings")
    return tuple(value)


def _opt_str(obj: dict[str, Any], field: str, where: str) -> str | None:
    value = obj.get(field)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"{where}: {field!r} must be a non-blank string or null")
    return value


def entry_from_json(obj: Any, where: str = "catalogue") -> CatalogueEntry:
    """Validate one JSON object and turn it into an entry; ``where`` names it in errors."""
    if not isinstance(obj, dict):
        raise ConfigError(f"{where}: expected a JSON object")
    for field in ("id", "name", "type"):
        if not isinstance(obj.get(field), str) or not obj[field].strip():
            raise ConfigError(f"{where}: required field {field!r} is missing or blank")
    if obj["type"] not in ENTITY_TYPES:
        raise ConfigError(f"{where}: type {obj['type']!r} is not one of {ENTITY_TYPES}")
    popularity = obj.get("popularity")
    if popularity is not None and (
        isinstance(popularity, bool) or not isinstance(popularity, int | float)
    ):
        raise ConfigError(f"{where}: 'popularity' must be a number or null")
    qid = _opt_str(obj, "qid", where)
    if qid is not None and not re.fullmatch(r"Q[0-9]+", qid):
        raise ConfigError(f"{where}: qid {qid!r} is not a Wikidata QID")
    return CatalogueEntry(
        id=obj["id"],
        name=obj["name"],
        type=obj["type"],
        subtype=_opt_str(obj, "subtype", where),
        aliases=_str_list(obj, "aliases", where),
        hangul=_str_list(obj, "hangul", where),
        groups=_str_list(obj, "groups", where),
        company=_opt_str(obj, "company", where),
        popularity=float(popularity) if popularity is not None else None,
        qid=qid,
        romanised=_str_list(obj, "romanised", where),
    )


def _parse_jsonl(text: str, source: str) -> Iterator[CatalogueEntry]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not valid JSON: {exc}") from exc
        yield entry_from_json(obj, where)


def supplement(base: CatalogueEntry, extra: CatalogueEntry, source: str = "") -> CatalogueEntry:
    """``base`` with ``extra``'s facts added: lists are joined, set scalars replace, and a new
    name becomes canonical with the old one kept as an alias. The types must agree."""
    if extra.type != base.type:
        raise ConfigError(
            f"{source}: supplement for {base.id!r} has type {extra.type}, not {base.type}"
        )

    def join(*lists: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item for items in lists for item in items))

    old_name = () if extra.name == base.name else (base.name,)
    aliases = tuple(a for a in join(base.aliases, old_name, extra.aliases) if a != extra.name)
    return CatalogueEntry(
        id=base.id,
        name=extra.name,
        type=base.type,
        subtype=extra.subtype or base.subtype,
        aliases=aliases,
        hangul=join(base.hangul, extra.hangul),
        groups=join(base.groups, extra.groups),
        company=extra.company or base.company,
        popularity=extra.popularity if extra.popularity is not None else base.popularity,
        qid=extra.qid or base.qid,
        romanised=join(base.romanised, extra.romanised),
    )


def _rank(entry: CatalogueEntry) -> tuple[float, str]:
    return (-(entry.popularity or 0.0), entry.id)


class Catalogue:
    """An indexed, validated set of :class:`CatalogueEntry`.

    Ids are unique, every id in ``groups`` exists, and lookups go through :func:`alias_key`.
    Lookup results are ordered by popularity (most viewed first), then id.
    """

    def __init__(self, entries: Iterable[CatalogueEntry]) -> None:
        self._by_id: dict[str, CatalogueEntry] = {}
        for entry in entries:
            if entry.id in self._by_id:
                raise ConfigError(f"catalogue id {entry.id!r} is repeated")
            self._by_id[entry.id] = entry
        if not self._by_id:
            raise ConfigError("the catalogue is empty")
        for entry in self._by_id.values():
            missing = [g for g in entry.groups if g not in self._by_id]
            if missing:
                raise ConfigError(f"catalogue entry {entry.id!r} names unknown groups {missing}")
        self._surfaces: list[tuple[str, CatalogueEntry]] = []
        index: dict[str, dict[str, CatalogueEntry]] = {}
        for entry in sorted(self._by_id.values(), key=lambda e: e.id):
            for surface in entry.surfaces():
                self._surfaces.append((surface, entry))
                key = alias_key(surface)
                if key:
                    index.setdefault(key, {})[entry.id] = entry
        self._index: dict[str, tuple[CatalogueEntry, ...]] = {
            key: tuple(sorted(found.values(), key=_rank)) for key, found in index.items()
        }

    @classmethod
    def load(cls) -> Catalogue:
        """The bundled catalogue (both data files), loaded once per process."""
        return _bundled()

    @classmethod
    def from_jsonl(cls, texts: Iterable[tuple[str, str]]) -> Catalogue:
        """A catalogue from ``(source_name, jsonl_text)`` pairs, read in order.

        Ids must be unique within each source. An entry whose id an earlier source already holds
        is a *supplement* (see :func:`supplement`): that is how the hand-written extras add an
        alias or fix a company on a generated entry without editing generated data.
        """
        merged: dict[str, CatalogueEntry] = {}
        for source, text in texts:
            seen: set[str] = set()
            for entry in _parse_jsonl(text, source):
                if entry.id in seen:
                    raise ConfigError(f"{source}: catalogue id {entry.id!r} is repeated")
                seen.add(entry.id)
                old = merged.get(entry.id)
                merged[entry.id] = entry if old is None else supplement(old, entry, source)
        return cls(merged.values())

    def lookup(self, alias: str) -> list[CatalogueEntry]:
        """Entries with a name, alias or name variant whose key equals ``alias``'s key."""
        return list(self._index.get(alias_key(alias), ()))

    def get(self, entity_id: str) -> CatalogueEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entity_id)

    def aliases(self) -> Iterator[tuple[str, CatalogueEntry]]:
        """Every ``(surface form, entry)`` pair, for building a PhraseMatcher; stable order."""
        return iter(self._surfaces)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id


@cache
def _bundled() -> Catalogue:
    return Catalogue.from_jsonl((name, _read_data(name)) for name in CATALOGUE_FILES)

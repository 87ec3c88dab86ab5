"""Name keys and the rules for merging one article's entities into the global graph.

Two local entities are the same real entity when they have the same type and share a *match key*:
the :func:`name_key` of one of their aliases. Keys of two characters or fewer ("V", "IU", "DK") are
match keys only for entities whose canonical name is that short too, so a stray "V" alias on
"Kim Taehyung" cannot glue him to every other "V". Because the rule looks at each entity alone,
the resulting clusters are the connected components of "shares a match key": the same whatever order
the articles arrive in.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from newsgraph.model import Entity
from newsgraph.nlp.catalogue import name_variants

SHORT_KEY_MAX = 2
"""Keys this long or shorter only match for entities whose canonical name key is short too."""

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
    }
)
_POSSESSIVE = re.compile(r"(?:'s|')$")
_NON_WORD = re.compile(r"[^\w]+")


def straight_quotes(text: str) -> str:
    """Curly and look-alike quotes as straight ASCII quotes."""
    return text.translate(_QUOTES)


def _drop_char(ch: str) -> bool:
    # Spaces, dots, underscores and every dash are spelling noise in romanised names.
    return ch.isspace() or ch in "._\u00b7\u30fb" or unicodedata.category(ch) == "Pd"


def name_key(text: str) -> str:
    """A spelling-insensitive key: "Um Tae-hwa", "Um Tae Hwa" and "um taehwa's" share one.

    NFKC, casefold, straight quotes, no spaces/dots/dashes, and no trailing possessive. The key is
    idempotent: ``name_key(name_key(s)) == name_key(s)``.
    """
    key = text
    for _ in range(8):  # settles in two or three rounds; the cap only guards odd Unicode
        folded = unicodedata.normalize("NFKC", straight_quotes(key).casefold())
        folded = "".join(ch for ch in straight_quotes(folded) if not _drop_char(ch))
        # dropping a separator can join a base letter to a combining mark: normalise again
        folded = unicodedata.normalize("NFKC", _POSSESSIVE.sub("", folded))
        if folded == key:
            break
        key = folded
    return key


def clean_alias(text: str) -> str:
    """A surface form for display: trimmed, single-spaced, without a trailing possessive."""
    alias = " ".join(unicodedata.normalize("NFKC", text).split())
    plain = straight_quotes(alias)
    while True:
        m = re.search(r"(?:'s|')$", plain)
        if not m or m.start() == 0:
            return alias.strip()
        alias, plain = alias[: m.start()].rstrip(), plain[: m.start()].rstrip()


def text_key(text: str) -> str:
    """A key for free text (reason causes and effects, quotes): no case, punctuation or spacing."""
    folded = straight_quotes(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


VARIANT_KEY_MIN = 4


@cache
def generic_keys() -> frozenset[str]:
    """Keys of generic names that never identify an entity across articles."""
    from newsgraph.nlp.lexicon import word_list

    return frozenset(name_key(n) for n in word_list("resolve_generic_names.json"))


def match_keys(entity: Entity) -> dict[str, bool]:
    """Every alias key of a local entity, each with whether it may be used to match.

    Short keys (two characters or fewer) may match only when the canonical name's key is short too.
    Generic names ("music video", "MV": see ``data/resolve_generic_names.json``) never match on
    their own: every article's unnamed music video is a different video.
    """
    generic = generic_keys()
    name = name_key(entity.name)
    short_name = 0 < len(name) <= SHORT_KEY_MAX
    keys: dict[str, bool] = {}
    for alias in (entity.name, *entity.aliases):
        key = name_key(alias)
        if not key:
            continue
        ok = key not in generic and (len(key) > SHORT_KEY_MAX or (short_name and key == name))
        keys[key] = keys.get(key, False) or ok
    if entity.type == "PERSON":
        # Press spellings of a Korean name (Um/Uhm/Eom Tae-hwa, the given name alone) match too.
        for alias in (entity.name, *entity.aliases):
            if len(alias.split()) < 2:
                continue
            for variant in name_variants(alias):
                key = name_key(variant)
                if len(key) >= VARIANT_KEY_MIN and key not in generic:
                    keys.setdefault(key, True)
    return keys


def choose_canonical(name_counts: Mapping[str, int]) -> str:
    """The display name of a merged entity, chosen from its articles' local names.

    Most articles first, then the longest (most specific) key, then alphabetical, so the choice does
    not depend on the order the articles were read in.
    """
    if not name_counts:
        raise ValueError("choose_canonical needs at least one name")
    return min(name_counts, key=lambda n: (-name_counts[n], -len(name_key(n)), n))


def slugify(text: str) -> str:
    """A lowercase, hyphenated slug of a name ("Um Tae-hwa" → "um-tae-hwa"); never empty."""
    folded = straight_quotes(unicodedata.normalize("NFKC", clean_alias(text)).casefold())
    folded = folded.replace("'", "")
    slug = _NON_WORD.sub("-", folded).replace("_", "-").strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    return slug or "x"


def global_id_base(name: str, entity_type: str) -> str:
    """The id a global entity gets when no other entity has the same one: ``person:um-tae-hwa``."""
    return f"{entity_type.lower()}:{slugify(name)}"


def disambiguated_id(base: str, keys: Iterable[str]) -> str:
    """The id for one of several entities sharing ``base``: a short digest of its alias keys."""
    digest = hashlib.sha1("\n".join(sorted(set(keys))).encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}"

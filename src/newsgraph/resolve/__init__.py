"""resolve stage: the rules that merge each article's local entities into global ones.

The store applies them inside its per-article transaction; see :mod:`newsgraph.resolve.names`.
"""

from __future__ import annotations

from newsgraph.resolve.names import (
    SHORT_KEY_MAX,
    choose_canonical,
    clean_alias,
    disambiguated_id,
    global_id_base,
    match_keys,
    name_key,
    slugify,
    straight_quotes,
    text_key,
)

__all__ = [
    "SHORT_KEY_MAX",
    "choose_canonical",
    "clean_alias",
    "disambiguated_id",
    "global_id_base",
    "match_keys",
    "name_key",
    "slugify",
    "straight_quotes",
    "text_key",
]

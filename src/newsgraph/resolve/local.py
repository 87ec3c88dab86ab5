"""What cross-article resolution knows about one article-local entity, from its article alone.

A :class:`LocalEntity` holds the keys an entity may be matched on, split by how safe they are:

* ``full`` keys (the name key of a multi-word alias, a press spelling of a full Korean name, any
  name of a non-person) match on their own;
* ``context`` keys (a one-word person name such as "Taehyung", "Jin" or "Kai", or the given name
  alone of "Kim Tae-hyung") match only when the two articles share context;

plus its Wikidata id, its subtype, the words fuzzy matching is blocked on, and its *context*: the
keys of every other entity its article mentions. Because every field depends on the article only,
any rule that compares two local entities is order-free, and so are the clusters it builds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Entity, Extraction
from newsgraph.nlp.catalogue import name_variants, split_korean_name, surname_spellings
from newsgraph.resolve.names import (
    SHORT_KEY_MAX,
    VARIANT_KEY_MIN,
    clean_alias,
    generic_keys,
    name_key,
    text_key,
)

__all__ = ["LocalEntity", "local_entities", "ref_of"]

_DIGITS = re.compile(r"\d+")


def ref_of(article: str, local: str) -> str:
    """A stable text reference to one article-local entity: ``article#local``."""
    return f"{article}#{local}"


@dataclass(frozen=True)
class LocalEntity:
    """One article's view of an entity, with everything resolution compares (see module doc)."""

    article: str
    local: str
    name: str
    type: str
    subtype: str | None
    qid: str | None
    name_key: str
    alias_keys: tuple[str, ...]
    full: tuple[tuple[str, str], ...]
    """(key, kind) pairs that match alone; kind is ``alias`` (a written alias) or ``press``."""
    context_keys: tuple[str, ...]
    fuzzy_name: str | None
    tokens: tuple[str, ...]
    korean: bool
    context: tuple[tuple[str, tuple[str, ...]], ...]
    """(type, keys) of every other entity of the article: its full keys and ``q:QID``."""

    @property
    def ref(self) -> str:
        return ref_of(self.article, self.local)

    def full_keys(self) -> frozenset[str]:
        return frozenset(k for k, _ in self.full)

    def all_keys(self) -> frozenset[str]:
        return self.full_keys() | frozenset(self.context_keys)

    def index_keys(self) -> tuple[str, ...]:
        """Keys of the lookup index: ``n:`` name keys, ``q:`` Wikidata ids, ``t:`` fuzzy tokens."""
        keys = {f"n:{k}" for k in self.all_keys()}
        if self.qid:
            keys.add(f"q:{self.qid}")
        keys.update(f"t:{t}" for t in self.tokens)
        return tuple(sorted(keys))

    def digits(self) -> tuple[str, ...]:
        return tuple(sorted(_DIGITS.findall(self.name)))

    def signature(self) -> str:
        """A digest of everything :func:`~newsgraph.resolve.link.link` compares but the article
        and the local id: two views with one signature link to the same entities of other
        articles, so resolution compares a new entity with each distinct signature once."""
        data = self.to_json()
        del data["article"], data["local"]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "local": self.local,
            "name": self.name,
            "type": self.type,
            "subtype": self.subtype,
            "qid": self.qid,
            "name_key": self.name_key,
            "alias_keys": list(self.alias_keys),
            "full": [list(p) for p in self.full],
            "context_keys": list(self.context_keys),
            "fuzzy_name": self.fuzzy_name,
            "tokens": list(self.tokens),
            "korean": self.korean,
            "context": [[t, list(keys)] for t, keys in self.context],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LocalEntity:
        return cls(
            article=str(data["article"]),
            local=str(data["local"]),
            name=str(data["name"]),
            type=str(data["type"]),
            subtype=data.get("subtype"),
            qid=data.get("qid"),
            name_key=str(data["name_key"]),
            alias_keys=tuple(data["alias_keys"]),
            full=tuple((str(k), str(kind)) for k, kind in data["full"]),
            context_keys=tuple(data["context_keys"]),
            fuzzy_name=data.get("fuzzy_name"),
            tokens=tuple(data["tokens"]),
            korean=bool(data["korean"]),
            context=tuple((str(t), tuple(keys)) for t, keys in data["context"]),
        )


def _qid(entity: Entity) -> str | None:
    qid = dict(entity.external_ids).get("wikidata")
    return qid or None


def _keys(entity: Entity) -> tuple[dict[str, str], set[str]]:
    """(full key -> kind, context keys) of one local entity."""
    generic = generic_keys()
    surfaces = sorted({clean_alias(a) for a in (entity.name, *entity.aliases) if a.strip()})
    name = name_key(entity.name)
    short_name = 0 < len(name) <= SHORT_KEY_MAX
    person = entity.type == "PERSON"
    multi = [s for s in surfaces if len(s.split()) >= 2]
    full: dict[str, str] = {}
    context: set[str] = set()
    for surface in surfaces:
        key = name_key(surface)
        if not key or key in generic:
            continue
        if len(key) <= SHORT_KEY_MAX and not (short_name and key == name):
            continue
        one_word = len(surface.split()) < 2
        if person and one_word:
            context.add(key)  # "Taehyung", "Jin", "Kai": several people answer to it
        else:
            full.setdefault(key, "alias")
    if person:
        for surface in multi:
            split = split_korean_name(surface)
            surnames = {name_key(s) for s in surname_spellings(split[0])} if split else set()
            for variant in sorted(name_variants(surface)):
                key = name_key(variant)
                if len(key) < VARIANT_KEY_MIN or key in generic or key in full:
                    continue
                words = variant.split()
                if len(words) >= 2 and (not split or name_key(words[0]) in surnames):
                    full[key] = "press"
                else:
                    context.add(key)  # the given name alone ("Taehyung", "Tae Hyung")
    context -= set(full)
    return full, context


def _fuzzy(
    entity: Entity, stopwords: frozenset[str], min_words: int, min_chars: int
) -> tuple[str | None, tuple[str, ...]]:
    name = clean_alias(entity.name)
    words = text_key(name).split()
    key = name_key(name)
    if len(words) < min_words or len(key) < min_chars or key in generic_keys():
        return None, ()  # "music video" is every article's own video
    tokens = tuple(sorted({w for w in words if len(w) >= 3 and w not in stopwords}))
    return " ".join(words), tokens


def local_entities(
    extraction: Extraction,
    *,
    stopwords: Iterable[str] = (),
    min_words: int = 2,
    min_chars: int = 6,
) -> list[LocalEntity]:
    """The resolution view of every entity of one extraction, in the extraction's order.

    An id listed twice keeps its first entry (the store folds the second into it).
    """
    stop = frozenset(stopwords)
    article = extraction.article.id
    seen: set[str] = set()
    prepared: list[tuple[Entity, dict[str, str], set[str]]] = []
    for entity in extraction.entities:
        if entity.id in seen:
            continue
        seen.add(entity.id)
        full, loose = _keys(entity)
        prepared.append((entity, full, loose))
    out: list[LocalEntity] = []
    for entity, full, ctx_keys in prepared:
        context: list[tuple[str, tuple[str, ...]]] = []
        for other, other_full, _ in prepared:
            if other.id == entity.id:
                continue
            keys = set(other_full)
            qid = _qid(other)
            if qid:
                keys.add(f"q:{qid}")
            if keys:
                context.append((other.type, tuple(sorted(keys))))
        fuzzy_name, tokens = _fuzzy(entity, stop, min_words, min_chars)
        out.append(
            LocalEntity(
                article=article,
                local=entity.id,
                name=clean_alias(entity.name),
                type=entity.type,
                subtype=entity.subtype,
                qid=_qid(entity),
                name_key=name_key(entity.name),
                alias_keys=tuple(
                    sorted({k for k in (name_key(a) for a in (entity.name, *entity.aliases)) if k})
                ),
                full=tuple(sorted(full.items())),
                context_keys=tuple(sorted(ctx_keys)),
                fuzzy_name=fuzzy_name,
                tokens=tokens,
                korean=split_korean_name(clean_alias(entity.name)) is not None,
                context=tuple(sorted(context)),
            )
        )
    return out

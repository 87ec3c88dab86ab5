"""Relations read off the dependency parse: credit triggers and the paths to their arguments.

The patterns of :mod:`newsgraph.nlp.relations` match word sequences, so each phrasing needs a
rule of its own. This module works one level up: a trigger word found by lemma
(``data/relations_dep.json``: "direct", "star", "agency", "the lyrics") is linked to its
arguments through the parse (subject, passive agent, object, preposition, apposition, possessor,
relative clause, coordinated list), and a relation is kept only when both arguments are entity
mentions (or a pronoun or definite description standing for one) whose types fit the label.
Negated or hedged statements ("did not direct", "might star", "denied joining") are skipped.

It reads ``doc.spans["ng_mentions"]`` and the entities, and returns (subject, label, object)
triples; the relations component turns them into facts with their sentence as evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ConfigError
from newsgraph.model import RELATION_TYPES, Entity
from newsgraph.nlp import doc_ext
from newsgraph.nlp.lexicon import load_json

DATA_FILE = "relations_dep.json"
ENTITY_TYPES = frozenset({"PERSON", "GROUP", "ORG", "WORK", "EVENT", "PLACE"})
_DIRECTIONS = frozenset({"so", "os", "any"})
_REL_PRONOUN_TAGS = frozenset({"WDT", "WP"})
_DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her"})
_FOR = frozenset({"for"})
_SCREEN = frozenset({"film", "drama", "show"})
_SCREEN_SUBTYPES = frozenset({"drama", "show", None})
_AWARD_SIDES = frozenset({"PERSON", "GROUP", "WORK"})


@dataclass(frozen=True)
class VerbFrame:
    """How one verb sense links its arguments: ``dir`` says which one is the subject."""

    p: str
    direction: str = "any"
    dobj: bool = True
    preps: frozenset[str] = frozenset()
    pairs: bool = False
    passive_only: bool = False
    needs_dobj: frozenset[str] = frozenset()
    o_types: frozenset[str] = frozenset()
    o_subtypes: tuple[str | None, ...] | None = None
    implicit_work: tuple[str, ...] = ()
    not_objects: frozenset[str] = frozenset()
    co_agents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NounFrame:
    """A role noun: the entity it names fills slot ``is``; its target fills the other."""

    p: str
    named_is: str
    preps: frozenset[str] = frozenset()
    implicit: str | None = None
    role: str | None = None
    poss_org: bool = False
    # Sentences back the implicit target may be named; past two, the entity in focus is taken
    # (the most mentioned one), not the latest.
    implicit_window: int = 2


@dataclass(frozen=True)
class AwardLexicon:
    """How award sentences name their winners: categories, verbs, and what a category credits."""

    category_patterns: tuple[re.Pattern[str], ...]
    category_words: tuple[tuple[str, str], ...]
    verbs: dict[str, str]
    nouns: frozenset[str]
    list_preps: frozenset[str]
    role_nouns: frozenset[str]
    event_window: int


@dataclass(frozen=True)
class DepLexicon:
    """The validated contents of ``relations_dep.json``."""

    signatures: dict[str, tuple[frozenset[str], frozenset[str]]]
    object_subtypes: dict[str, tuple[str | None, ...]]
    verbs: dict[str, tuple[VerbFrame, ...]]
    nouns: dict[str, tuple[NounFrame, ...]]
    credit_nouns: dict[str, tuple[str, ...]]
    credit_verbs: frozenset[str]
    producer_org_words: frozenset[str]
    director_roles: frozenset[str]
    blocking_modals: frozenset[str]
    blocking_heads: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    descriptions: dict[tuple[str, ...], tuple[str, frozenset[str]]]
    awards: AwardLexicon
    role_relations: dict[str, str]
    cast_nouns: frozenset[str]
    cast_verbs: frozenset[str]
    pair_nouns: frozenset[str]
    joint_adverbs: frozenset[str]
    installment_nouns: frozenset[str]

    @cached_property
    def phrasal_heads(self) -> frozenset[str]:
        """Verbs that open a phrasal trigger ("team" of "team up")."""
        return frozenset(key.split()[0] for key in self.verbs if " " in key)


def _strings(row: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{DATA_FILE}: {where}: {key!r} must be a list of words")
    return frozenset(v.lower() for v in value)


def _label(row: dict[str, Any], where: str) -> str:
    p = row.get("p")
    if p not in RELATION_TYPES:
        raise ConfigError(f"{DATA_FILE}: {where}: unknown relation {p!r}")
    return str(p)


def _subtypes(value: Any, where: str) -> tuple[str | None, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{DATA_FILE}: {where}: subtypes must be a non-empty list")
    return tuple(None if v is None else str(v) for v in value)


def _verb_frame(row: dict[str, Any], where: str) -> VerbFrame:
    direction = row.get("dir", "any")
    if direction not in _DIRECTIONS:
        raise ConfigError(f"{DATA_FILE}: {where}: dir must be one of {sorted(_DIRECTIONS)}")
    o_types = _strings(row, "o_types", where)
    return VerbFrame(
        p=_label(row, where),
        direction=direction,
        dobj=bool(row.get("dobj", True)),
        preps=_strings(row, "preps", where),
        pairs=bool(row.get("pairs", False)),
        passive_only=bool(row.get("passive_only", False)),
        needs_dobj=_strings(row, "needs_dobj", where),
        o_types=frozenset(t.upper() for t in o_types),
        o_subtypes=_subtypes(row["o_subtypes"], where) if "o_subtypes" in row else None,
        implicit_work=tuple(sorted(_strings(row, "implicit_work", where))),
        not_objects=_strings(row, "not_objects", where),
        co_agents=_strings(row, "co_agents", where),
    )


def _noun_frame(row: dict[str, Any], where: str) -> NounFrame:
    named_is = row.get("is")
    if named_is not in {"s", "o"}:
        raise ConfigError(f"{DATA_FILE}: {where}: 'is' must be 's' or 'o'")
    implicit = row.get("implicit")
    if implicit is not None and implicit not in ENTITY_TYPES:
        raise ConfigError(f"{DATA_FILE}: {where}: implicit must be an entity type")
    window = row.get("implicit_window", 2)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 12:
        raise ConfigError(f"{DATA_FILE}: {where}: implicit_window must be a small whole number")
    return NounFrame(
        p=_label(row, where),
        named_is=named_is,
        preps=_strings(row, "preps", where),
        implicit=implicit,
        role=row.get("role"),
        poss_org=bool(row.get("poss_org", False)),
        implicit_window=window,
    )


def _frames(data: dict[str, Any], key: str) -> dict[str, list[dict[str, Any]]]:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{DATA_FILE}: {key!r} is empty or not a mapping")
    for word, rows in table.items():
        if not isinstance(rows, list) or not rows or word != word.lower():
            raise ConfigError(f"{DATA_FILE}: {key}.{word}: needs a non-empty list, lowercase key")
    return table


def _word_set(data: dict[str, Any], key: str) -> frozenset[str]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{DATA_FILE}: {key!r} is empty or not a list")
    lowered = [str(i).lower() for i in items]
    if len(set(lowered)) != len(lowered):
        raise ConfigError(f"{DATA_FILE}: {key!r} repeats an entry")
    return frozenset(lowered)


def _descriptions() -> dict[tuple[str, ...], tuple[str, frozenset[str]]]:
    table: dict[tuple[str, ...], tuple[str, frozenset[str]]] = {}
    for row in load_json("relations_descriptions.json")["descriptions"]:
        table[tuple(row["words"].lower().split())] = (
            row["type"],
            frozenset(row.get("subtypes", [])),
        )
    return table


_AWARD_WINNER_SLOTS = frozenset({"subject", "to", "patient"})
_AWARD_CREDITS = frozenset({"work", "by_work"})


def _awards(data: Any) -> AwardLexicon:
    """The award section: category regexes, category words (first match wins), winner verbs."""
    if not isinstance(data, dict):
        raise ConfigError(f"{DATA_FILE}: 'awards' is missing or not a mapping")
    try:
        patterns = tuple(re.compile(p) for p in data["category_patterns"])
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"{DATA_FILE}: awards.category_patterns: {exc}") from exc
    words: list[tuple[str, str]] = []
    for row in data.get("category_words", []):
        word, label = row
        if label not in _AWARD_CREDITS:
            _label({"p": label}, f"awards.category_words.{word}")
        words.append((str(word).lower(), str(label)))
    verbs = dict(data.get("verbs", {}))
    if not patterns or not words or not verbs or not set(verbs.values()) <= _AWARD_WINNER_SLOTS:
        raise ConfigError(f"{DATA_FILE}: awards needs patterns, category words and winner verbs")
    return AwardLexicon(
        category_patterns=patterns,
        category_words=tuple(words),
        verbs=verbs,
        nouns=_word_set(data, "nouns"),
        list_preps=_word_set(data, "list_preps"),
        role_nouns=_word_set(data, "role_nouns"),
        event_window=int(data.get("event_window", 3)),
    )


@cache
def load_lexicon(name: str = DATA_FILE) -> DepLexicon:
    """The dependency lexicon, checked: known labels and types, no empty tables or repeats."""
    data = load_json(name)
    if not isinstance(data, dict):
        raise ConfigError(f"{name} is not a JSON object")
    signatures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for p, row in (data.get("signatures") or {}).items():
        s_types, o_types = frozenset(row.get("s", [])), frozenset(row.get("o", []))
        if p not in RELATION_TYPES or not s_types or not o_types:
            raise ConfigError(f"{name}: bad signature for {p!r}")
        if not (s_types | o_types) <= ENTITY_TYPES:
            raise ConfigError(f"{name}: unknown entity type in the signature of {p!r}")
        signatures[p] = (s_types, o_types)
    if set(signatures) != set(RELATION_TYPES):
        raise ConfigError(f"{name}: signatures must cover exactly {RELATION_TYPES}")
    credit: dict[str, tuple[str, ...]] = {}
    for word, labels in _frames(data, "credit_nouns").items():
        credit[word] = tuple(_label({"p": label}, f"credit_nouns.{word}") for label in labels)
    pronouns = {
        word: frozenset(types)
        for word, types in (data.get("pronouns") or {}).items()
        if frozenset(types) <= ENTITY_TYPES
    }
    if not pronouns:
        raise ConfigError(f"{name}: 'pronouns' is empty")
    return DepLexicon(
        signatures=signatures,
        object_subtypes={
            p: _subtypes(v, f"object_subtypes.{p}")
            for p, v in (data.get("object_subtypes") or {}).items()
            if _label({"p": p}, "object_subtypes")
        },
        verbs={
            word: tuple(_verb_frame(r, f"verbs.{word}") for r in rows)
            for word, rows in _frames(data, "verbs").items()
        },
        nouns={
            word: tuple(_noun_frame(r, f"nouns.{word}") for r in rows)
            for word, rows in _frames(data, "nouns").items()
        },
        credit_nouns=credit,
        credit_verbs=_word_set(data, "credit_verbs"),
        producer_org_words=_word_set(data, "producer_org_words"),
        director_roles=_word_set(data, "director_roles"),
        blocking_modals=_word_set(data, "blocking_modals"),
        blocking_heads=_word_set(data, "blocking_heads"),
        pronouns=pronouns,
        descriptions=_descriptions(),
        awards=_awards(data.get("awards")),
        cast_nouns=_word_set(data, "cast_nouns"),
        cast_verbs=_word_set(data, "cast_verbs"),
        pair_nouns=_word_set(data, "pair_nouns"),
        joint_adverbs=_word_set(data, "joint_adverbs"),
        installment_nouns=_word_set(data, "installment_nouns"),
        role_relations={
            role: _label({"p": p}, f"role_relations.{role}")
            for role, p in (data.get("role_relations") or {}).items()
        },
    )


class DocIndex:
    """Per-token and per-mention tables of one doc, read many times by the relation finders.

    Built once per doc (see :func:`doc_index`) so that each token costs list lookups instead of
    ``doc[i]`` token objects and ``doc_ext`` calls. It reads the same tables ``doc_ext`` builds
    (``mention_at`` and ``entity_at`` answer from them), so every lookup agrees with those helpers.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        doc_ext.mention_at(doc, 0)  # make doc_ext build its per-token tables
        doc_ext.entity_at(doc, 0)
        mention_table: list[Span | None] | None = doc._.ng_token_mention
        entity_table: list[str | None] | None = doc._.ng_token_entity
        if mention_table is None or len(mention_table) != len(doc):
            mention_table = [doc_ext.mention_at(doc, i) for i in range(len(doc))]
        if entity_table is None or len(entity_table) != len(doc):
            entity_table = [doc_ext.entity_at(doc, i) for i in range(len(doc))]
        self.key = _index_key(doc)
        self.mention = mention_table
        self.entity = entity_table
        # The covering mention's id and end, one entry a token.
        ids: dict[int, str] = {}
        self.mention_id: list[str | None] = []
        self.mention_end: list[int] = []
        for span in mention_table:
            if span is None:
                self.mention_id.append(None)
                self.mention_end.append(0)
                continue
            kb = ids.get(id(span))
            if kb is None:
                kb = ids[id(span)] = span.kb_id_
            self.mention_id.append(kb)
            self.mention_end.append(span.end)
        self.text: list[str] = []
        self.lower: list[str] = []
        self.space_after: list[bool] = []
        self.is_space: list[bool] = []
        for token in doc:
            self.text.append(token.text)
            self.lower.append(token.lower_)
            self.space_after.append(bool(token.whitespace_))
            self.is_space.append(token.is_space)
        self.starts = doc_ext.sentence_starts(doc)
        # Mentions in document order: where each is, what it names, whether it is a subject.
        spans = doc_ext.mentions(doc)
        self.m_id = [span.kb_id_ for span in spans]
        self.m_sentence = [self.sentence_of(span.start) for span in spans]
        self.m_subject = [doc[span.end - 1].dep_ in {"nsubj", "nsubjpass"} for span in spans]
        self.m_end_max: list[int] = []  # the largest end of any mention up to this one
        furthest = -1
        for span in spans:
            furthest = max(furthest, span.end)
            self.m_end_max.append(furthest)
        self._syntax: tuple[list[str], list[str], list[str]] | None = None

    def sentence_of(self, token_i: int) -> int:
        """As :func:`doc_ext.sentence_index`."""
        return max(0, bisect_right(self.starts, token_i) - 1)

    @property
    def syntax(self) -> tuple[list[str], list[str], list[str]]:
        """Lowercased lemma, coarse tag and dependency label of every token (built on demand)."""
        if self._syntax is None:
            lemma, pos, dep = [], [], []
            for token in self.doc:
                lemma.append(token.lemma_.lower())
                pos.append(token.pos_)
                dep.append(token.dep_)
            self._syntax = (lemma, pos, dep)
        return self._syntax

    def latest(
        self,
        before: int,
        wanted: frozenset[str],
        types: dict[str, Entity],
        *,
        window: int,
        prefer_subject: bool = False,
        subtypes: frozenset[str] = frozenset(),
        strict: bool = False,
    ) -> Entity | None:
        """See :func:`latest_entity`: the same answer, found by walking back from ``before``.

        Mentions are read in document order up to the first one that ends after ``before``;
        of those, the last ones sit in the latest sentences, so the walk stops at the window.
        """
        here = self.sentence_of(before)
        best: Entity | None = None
        for n in range(bisect_right(self.m_end_max, before) - 1, -1, -1):
            distance = here - self.m_sentence[n]
            if distance > window or (best is not None and distance > 0):
                break
            entity = types.get(self.m_id[n])
            if entity is None or entity.type not in wanted:
                continue
            if (
                subtypes
                and entity.subtype not in subtypes
                and (strict or entity.subtype is not None)
            ):
                continue
            if not prefer_subject:
                return entity
            if distance == 0 and self.m_subject[n]:
                return entity
            if best is None:
                best = entity
        return best

    def focus(
        self, before: int, wanted: str, types: dict[str, Entity], *, window: int
    ) -> str | None:
        """The entity of a type the article is about so far: named in the last ``window``
        sentences and most often before ``before`` (the first named on a tie: an article names
        its subject first), so that "Members A and B" is the group in focus, not a producer team
        named in passing."""
        here = self.sentence_of(before)
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        recent: set[str] = set()
        for n, entity_id in enumerate(self.m_id):
            if self.m_end_max[n] > before:
                break
            entity = types.get(entity_id)
            if entity is None or entity.type != wanted:
                continue
            counts[entity_id] = counts.get(entity_id, 0) + 1
            first.setdefault(entity_id, n)
            if here - self.m_sentence[n] <= window:
                recent.add(entity_id)
        if not recent:
            return None
        return max(recent, key=lambda e: (counts[e], -first[e]))

    def latest_pair(self, before: int, types: dict[str, Entity], *, window: int) -> list[str]:
        """What "the pair" / "the duo" stands for: the latest group (a duo) if it comes last,
        else the two latest distinct people, at most ``window`` sentences back."""
        here = self.sentence_of(before)
        people: list[str] = []
        for n in range(bisect_right(self.m_end_max, before) - 1, -1, -1):
            if here - self.m_sentence[n] > window:
                break
            entity = types.get(self.m_id[n])
            if entity is None:
                continue
            if entity.type == "GROUP" and not people:
                return [entity.id]
            if entity.type == "PERSON" and entity.id not in people:
                people.append(entity.id)
                if len(people) == 2:
                    return people[::-1]
        return []


_INDEX_KEY = "newsgraph.relations_index"


def _index_key(doc: Doc) -> tuple[object, object, object, int]:
    """What a :class:`DocIndex` was built from: the mention group (and its size) and doc_ext's
    per-token tables, compared by identity."""
    group = doc.spans.get(doc_ext.MENTIONS_KEY)
    return (group, doc._.ng_token_mention, doc._.ng_token_entity, len(group or ()))


def doc_index(doc: Doc) -> DocIndex:
    """The doc's :class:`DocIndex`, kept in ``doc.user_data`` and rebuilt when the mentions (or
    doc_ext's tables built from them) are replaced."""
    cached = doc.user_data.get(_INDEX_KEY)
    if isinstance(cached, DocIndex):
        group, mention_table, entity_table, size = _index_key(doc)
        old = cached.key
        if (
            group is old[0]
            and mention_table is old[1]
            and entity_table is old[2]
            and size == old[3]
        ):
            return cached
    index = DocIndex(doc)
    doc.user_data[_INDEX_KEY] = index
    return index


def latest_entity(
    doc: Doc,
    before: int,
    wanted: frozenset[str],
    types: dict[str, Entity],
    *,
    window: int,
    prefer_subject: bool = False,
    subtypes: frozenset[str] = frozenset(),
    strict: bool = False,
) -> Entity | None:
    """The latest mention of a wanted type before token ``before``, at most ``window`` sentences
    back. With ``prefer_subject``, a grammatical subject in the same sentence wins over a later
    non-subject ("V appeared on IU's show to promote his album": his = V)."""
    return doc_index(doc).latest(
        before,
        wanted,
        types,
        window=window,
        prefer_subject=prefer_subject,
        subtypes=subtypes,
        strict=strict,
    )


def described_entity(
    doc: Doc, before: int, etype: str, subtypes: frozenset[str], types: dict[str, Entity]
) -> Entity | None:
    """What "the film" stands for: a fitting work named earlier in the sentence, else the
    latest film up to six sentences back (an article keeps its film in view); a work of unknown
    kind from an earlier sentence only when no film is named there (a song is no film)."""
    return _described_entity(doc_index(doc), before, etype, subtypes, types)


def _described_entity(
    index: DocIndex, before: int, etype: str, subtypes: frozenset[str], types: dict[str, Entity]
) -> Entity | None:
    wanted = frozenset({etype})
    return (
        index.latest(before, wanted, types, window=0, subtypes=subtypes)
        or index.latest(before, wanted, types, window=6, subtypes=subtypes, strict=True)
        or index.latest(before, wanted, types, window=3, subtypes=subtypes)
    )


def _phrasal(token: Token) -> str:
    """The verb's lemma, with its particle when it has one ("team up", "take home")."""
    for child in token.children:
        if child.dep_ == "prt":
            return f"{token.lemma_.lower()} {child.lower_}"
    return token.lemma_.lower()


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass", "agent"} for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "conj"} and verb.head.pos_ != "AUX"


def _pobjs(head: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the prepositions in ``preps`` hung on ``head``."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ in {"pobj", "pcomp"})
    return found


class _Sentence:
    """One sentence's view of the doc: mention and argument resolution for the frames."""

    def __init__(
        self,
        doc: Doc,
        sent: Span,
        entities: dict[str, Entity],
        lexicon: DepLexicon,
        index: DocIndex | None = None,
    ) -> None:
        self.doc = doc
        self.index = index or doc_index(doc)
        self.sent = sent
        self.entities = entities
        self.lex = lexicon
        self.found: set[tuple[str, str, str]] = set()
        self._names: dict[str, str] | None = None

    # -- arguments ---------------------------------------------------------------------------

    def mention(self, token: Token) -> Span | None:
        i = token.i
        if self.index.mention_id[i] not in self.entities:
            return None
        return self.index.mention[i]

    def resolve(self, token: Token, wanted: frozenset[str], depth: int = 0) -> list[str]:
        """Entity ids a token stands for, with the coordinated list it opens ("A, B and C")."""
        ids: list[str] = []
        for item in self._conjuncts(token):
            ids.extend(self._one(item, wanted, depth))
        return list(dict.fromkeys(ids))

    def _conjuncts(self, token: Token) -> Iterator[Token]:
        span = self.mention(token)
        stack = [token]
        seen = {token.i}
        while stack:
            current = stack.pop()
            yield current
            owner = self.mention(current)
            heads = list(owner) if owner is not None else [current]
            for head in heads:
                for child in head.children:
                    if child.dep_ == "conj" and child.i not in seen:
                        if span is not None and span.start <= child.i < span.end:
                            continue
                        seen.add(child.i)
                        stack.append(child)

    def _one(self, token: Token, wanted: frozenset[str], depth: int) -> list[str]:
        span = self.mention(token)
        if span is not None:
            return [span.kb_id_]
        if depth > 2:
            return []
        if token.tag_ in _REL_PRONOUN_TAGS:
            relcl = token.head if token.head.dep_ == "relcl" else token.head.head
            if relcl.dep_ == "relcl":
                return self.resolve(relcl.head, wanted, depth + 1)
            return []
        lower = token.lower_
        if (
            lower in self.lex.pair_nouns
            and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
            and not any(self.mention(c) is not None for c in token.children)
        ):
            # "The pair starred together in Y": the two people named just before.
            return [
                e
                for e in self.index.latest_pair(token.i, self.entities, window=1)
                if self.entities[e].type in wanted
            ]
        if (
            "WORK" in wanted
            and token.lemma_.lower() in self.lex.installment_nouns
            and any(c.dep_ == "nummod" or c.lower_ in _DEFINITE for c in token.children)
        ):
            # "Season 2 starred A and B": a part of the series the article is about.
            found = _described_entity(self.index, token.i, "WORK", _SCREEN, self.entities)
            return [found.id] if found is not None and found.subtype in _SCREEN_SUBTYPES else []
        if lower in self.lex.pronouns:
            types = self.lex.pronouns[lower] & wanted
            found = self.index.latest(token.i, types, self.entities, window=1, prefer_subject=True)
            return [found.id] if found is not None else []
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        if token.pos_ == "PROPN":
            named = self._by_name(token)
            if named is not None:
                return [named]
        # "the label Gulmohar Records", "the lead pair A and B": the name beside the noun.
        for child in token.children:
            if child.dep_ in {"appos", "compound", "nmod"} and self.mention(child) is not None:
                return self.resolve(child, wanted, depth + 1)
        return self._described(token, wanted)

    def _by_name(self, token: Token) -> str | None:
        """A name the entity component left untagged here but tagged elsewhere in the article."""
        if self._names is None:
            self._names = {}
            for entity in self.entities.values():
                for alias in (entity.name, *entity.aliases):
                    self._names.setdefault(alias.lower(), entity.id)
        words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        text = " ".join(t.text for t in (*words, token)).lower()
        return self._names.get(text)

    def _described(self, token: Token, wanted: frozenset[str]) -> list[str]:
        """ "the film", "the group's": a definite description of an entity named shortly before."""
        if not any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in token.children
        ):
            return []
        lemma = token.lemma_.lower()
        compound = [c.lower_ for c in token.children if c.dep_ == "compound"]
        kind = self.lex.descriptions.get((*compound[-1:], lemma)) or self.lex.descriptions.get(
            (lemma,)
        )
        if kind is None or kind[0] not in wanted:
            return []
        etype, subtypes = kind
        found = _described_entity(self.index, token.i, etype, subtypes, self.entities)
        if found is None or found.subtype == "music_video":
            return []
        return [found.id]

    # -- checks ------------------------------------------------------------------------------

    def fits(self, p: str, s: str, o: str, frame: VerbFrame | None = None) -> bool:
        if s == o:
            return False
        s_types, o_types = self.lex.signatures[p]
        subject, obj = self.entities[s], self.entities[o]
        if subject.type not in s_types or obj.type not in o_types:
            return False
        if frame is not None and frame.o_types and obj.type not in frame.o_types:
            return False
        allowed = frame.o_subtypes if frame is not None and frame.o_subtypes else None
        allowed = allowed or self.lex.object_subtypes.get(p)
        return not (allowed is not None and obj.type == "WORK" and obj.subtype not in allowed)

    def blocked(self, token: Token) -> bool:
        """Negated, hedged ("might"), or under a verb that denies it ("declined to star")."""
        current = token
        for _ in range(4):
            for child in current.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "aux" and child.lower_ in self.lex.blocking_modals:
                    return True
            if current is not token and _phrasal(current) in self.lex.blocking_heads:
                return True
            if current.dep_ not in {"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep"}:
                return False
            current = current.head
        return False

    def add(self, p: str, s: str, o: str, frame: VerbFrame | None = None) -> None:
        if self.fits(p, s, o, frame):
            self.found.add((s, p, o))

    def wanted(self, p: str) -> frozenset[str]:
        s_types, o_types = self.lex.signatures[p]
        return s_types | o_types

    # -- verbs -------------------------------------------------------------------------------

    def subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        """The logical subject: nsubj, the agent of a passive, or what a clause inherits."""
        if _is_passive(verb):
            return _pobjs(verb, frozenset({"by"}))
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        if found or depth > 3:
            return found
        if verb.dep_ in {"acl", "relcl"}:
            return [verb.head]
        head = verb.head
        if verb.dep_ == "conj":
            if head.dep_ == "acl" and _is_passive(head):
                return [head.head]  # "the film, directed by A and starring B": the film stars B
            if _is_passive(head):
                return [c for c in head.children if c.dep_ == "nsubjpass"]
            return self.subjects(head, depth + 1)
        if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
            if _is_passive(head):
                return [c for c in head.children if c.dep_ == "nsubjpass"]
            return self.subjects(head, depth + 1)
        return []

    def patients(self, verb: Token) -> list[Token]:
        """The direct object, or the passive subject (the film in "the film, directed by X")."""
        if _is_passive(verb):
            found = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not found and verb.dep_ in {"acl", "relcl"}:
                found = [verb.head]
            if not found and verb.dep_ == "conj":
                if _is_passive(verb.head):
                    return self.patients(verb.head)
                # "X is a member of Y and is represented by Z": the subject is shared
                found = [c for c in verb.head.children if c.dep_ == "nsubj"]
            return found
        found = [c for c in verb.children if c.dep_ == "dobj"]
        if not found:  # "wrote and performed the theme song": the object is shared
            for child in verb.children:
                if child.dep_ == "conj" and child.pos_ == "VERB":
                    found = [g for g in child.children if g.dep_ == "dobj"]
                    break
        return found

    def verb(self, token: Token, frames: Iterable[VerbFrame]) -> None:
        if self.blocked(token):
            return
        passive = _is_passive(token)
        subjects = self.subjects(token)
        patients = self.patients(token)
        dobj_lemmas = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
        for frame in frames:
            if frame.passive_only and not passive:
                continue
            if frame.needs_dobj and not frame.needs_dobj & dobj_lemmas:
                continue
            wanted = self.wanted(frame.p)
            agents = [e for t in subjects for e in self.resolve(t, wanted)]
            if frame.co_agents and agents:
                # "produced by A with B", "A produced the EP with B": B is a second agent.
                agents += [
                    e
                    for t in _pobjs(token, frame.co_agents)
                    for e in self.resolve(t, wanted)
                    if self.entities[e].type != "WORK"
                ]
            direct = patients if (frame.dobj or passive) else []
            # Prepositions may hang on the verb or on its object ("won the prize at X", "plays
            # the lead in X").
            prep_tokens = _pobjs(token, frame.preps)
            for obj in patients:
                prep_tokens.extend(_pobjs(obj, frame.preps))
            others_tokens = [*direct, *prep_tokens] if frame.dobj or passive else prep_tokens
            others = [e for t in others_tokens for e in self.resolve(t, wanted)]
            if passive and not agents and direct:
                agents = [e for t in direct for e in self.resolve(t, wanted)]
                others = [e for t in prep_tokens for e in self.resolve(t, wanted)]
            if not others and frame.implicit_work and not passive:
                others = self._implicit_work(token, patients, frame)
            if frame.pairs:
                self._pairs(frame, agents)
                self._pairs(frame, [e for t in patients for e in self.resolve(t, wanted)])
            for a in agents:
                for b in others:
                    self._directed(frame, a, b)
        self._together(token, subjects)

    def _together(self, verb: Token, subjects: list[Token]) -> None:
        """ "A and B starred together", "the pair worked together": the subjects collaborated."""
        if not any(
            c.dep_ == "advmod" and c.lower_ in self.lex.joint_adverbs for c in verb.children
        ):
            return
        wanted = self.wanted("collaborated_with")
        ids = [e for t in subjects for e in self.resolve(t, wanted)]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                self.add("collaborated_with", a, b)

    def _implicit_work(self, verb: Token, patients: list[Token], frame: VerbFrame) -> list[str]:
        """ "X plays the girl's father", "Y voices the owner": a character object and no work
        named, so the work is the film or series the article is about (named up to four
        sentences back)."""
        objects = [t for t in patients if t.dep_ == "dobj"]
        if not objects:
            return []
        for obj in objects:
            span = self.mention(obj)
            if obj.lemma_.lower() in frame.not_objects or obj.pos_ not in {"NOUN", "PROPN"}:
                return []
            if span is not None and self.entities[span.kb_id_].type != "PERSON":
                return []  # "plays Wembley", "plays the Glastonbury festival"
        found = self.index.latest(
            verb.i,
            frozenset({"WORK"}),
            self.entities,
            window=4,
            subtypes=frozenset(frame.implicit_work),
        )
        if found is None or found.subtype not in frame.implicit_work:
            return []
        return [found.id]

    def _pairs(self, frame: VerbFrame, ids: list[str]) -> None:
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                self.add(frame.p, a, b, frame)

    def _directed(self, frame: VerbFrame, a: str, b: str) -> None:
        if frame.direction == "so":
            self.add(frame.p, a, b, frame)
        elif frame.direction == "os":
            self.add(frame.p, b, a, frame)
        elif self.fits(frame.p, a, b, frame):
            self.add(frame.p, a, b, frame)
        else:
            self.add(frame.p, b, a, frame)

    # -- awards ------------------------------------------------------------------------------

    def awards(self, categories: list[Span]) -> None:
        """ "X won Best Actor for Y", "Best Director went to X for Y", "the film took Picture of
        the Year": the winner won the ceremony, and the category says what the winner did for
        the work after "for" (an actor appears in it, a director directed it)."""
        done: set[int] = set()
        categories = sorted(categories, key=lambda c: c.start)
        for n, category in enumerate(categories):
            anchor = self._award_anchor(category.root)
            verb, slot = self._award_verb(anchor)
            if verb is None or slot is None:
                continue
            done.add(verb.i)
            # "taking A for X and B for Y", "lost the B award to X for Y": a category owns the
            # first "for" after it (the parse often hangs it on the wrong word of the list).
            stop = categories[n + 1].start if n + 1 < len(categories) else self.sent.end
            in_clause = {t.i for t in verb.subtree}
            prep = next(
                (
                    t
                    for t in self.doc[category.end : stop]
                    if t.lower_ == "for" and t.dep_ == "prep" and t.i in in_clause
                ),
                None,
            )
            targets = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}] if prep else []
            self._award(verb, slot, self._category_label(category), targets)
        for token in self.sent:
            if token.i in done:
                continue
            lemma = token.lemma_.lower()
            if lemma in self.lex.awards.nouns and token.dep_ == "nsubj":
                # "The top honours went to X": the winner is after "to".
                head = token.head
                if self.lex.awards.verbs.get(head.lemma_.lower()) == "to" and head.i not in done:
                    done.add(head.i)
                    self._award(head, "to", None, _pobjs(head, _FOR))
                continue
            # "Lyricist X also won for the same song": no category named
            if token.pos_ != "VERB":
                continue
            if self.lex.awards.verbs.get(_phrasal(token)) != "subject":
                continue
            objects = [c.lemma_.lower() for c in token.children if c.dep_ == "dobj"]
            if any(o not in self.lex.awards.nouns for o in objects):
                continue
            targets = _pobjs(token, _FOR)
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                targets += _pobjs(obj, _FOR)
            if targets:
                self._award(token, "subject", None, targets)

    def _award_anchor(self, root: Token) -> Token:
        """The phrase a category stands in: "the Best Director award", "six trophies
        including Best Film and Best Score" (the trophies)."""
        awards = self.lex.awards
        if root.dep_ == "compound" and root.head.lemma_.lower() in awards.nouns:
            root = root.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "for"
            and root.head.head.lemma_.lower() in awards.nouns
        ):
            root = root.head.head  # "won the Golden Lotus Award for Best Actor"
        for _ in range(2):
            while root.dep_ in {"conj", "appos"} and root.head.pos_ in {"NOUN", "PROPN"}:
                root = root.head
            if root.dep_ == "pobj" and root.head.lower_ in awards.list_preps:
                root = root.head.head
        return root

    def _award_verb(self, anchor: Token) -> tuple[Token | None, str | None]:
        head = anchor.head
        slot = self.lex.awards.verbs.get(_phrasal(head)) or self.lex.awards.verbs.get(
            head.lemma_.lower()
        )
        if slot is None or head.pos_ not in {"VERB", "AUX"}:
            return None, None
        if anchor.dep_ in {"dobj", "attr", "oprd"}:
            return head, slot
        if anchor.dep_ == "nsubj" and slot == "to":  # "Best Actor went to X"
            return head, slot
        return None, None

    def _category_label(self, category: Span) -> str | None:
        words = {t.lower_ for t in category}
        for word, label in self.lex.awards.category_words:
            if word in words:
                return label
        return None

    def _award(self, verb: Token, slot: str, label: str | None, for_tokens: list[Token]) -> None:
        if self.blocked(verb) and slot != "to":
            return
        if slot == "subject":
            winner_tokens = self.subjects(verb)
        elif slot == "to":
            winner_tokens = _pobjs(verb, frozenset({"to"}))
        else:
            winner_tokens = self.patients(verb)
        winners = [e for t in winner_tokens for e in self.resolve(t, _AWARD_SIDES)]
        if not winners:
            return
        targets = [e for t in for_tokens for e in self._award_target(t)]
        event = self._award_event(verb)
        for winner in winners:
            won = [winner]
            for target in targets:
                if self.entities[target].type == "WORK":
                    self._award_credit(label, winner, target)
                elif self.entities[winner].type == "WORK":
                    self._award_credit(label, target, winner)
                    won.append(target)
            if event is not None:
                for who in won:
                    self.add("won", who, event)

    def _award_target(self, token: Token) -> list[str]:
        """What an award was "for": a work, a person, or "his role ... in the film"."""
        found = self.resolve(token, _AWARD_SIDES)
        if found:
            return found
        if token.lemma_.lower() in self.lex.awards.role_nouns:
            # "for her role as a nurse in the film X": the "as" phrase may hang on the verb.
            scope = token.head.head if token.dep_ == "pobj" else token
            for t in scope.subtree:
                if t.i > token.i and t.dep_ == "pobj" and t.head.lower_ == "in":
                    found.extend(self.resolve(t, frozenset({"WORK"})))
                    if found:
                        break
            return found
        # "for the chartbuster "X"": the title stands beside the noun, however it was parsed.
        nxt = token.i + 1
        while nxt < self.sent.end and self.doc[nxt].is_punct:
            nxt += 1
        span = self.mention(self.doc[nxt]) if nxt < self.sent.end else None
        if span is not None and self.entities[span.kb_id_].type == "WORK":
            return [span.kb_id_]
        return []

    def _award_credit(self, label: str | None, who: str, work: str) -> None:
        entity = self.entities[who]
        if label is None and entity.type == "PERSON":
            label = self.lex.role_relations.get(entity.subtype or "")
        subtype = self.entities[work].subtype
        if label in _AWARD_CREDITS:
            if subtype in {"song", "album"}:
                label = "performer_of"
            elif label == "by_work" and subtype in {"film", "drama", "show"}:
                label = "appears_in"
            else:
                return
        if label is not None:
            self.add(label, who, work)

    def _award_event(self, verb: Token) -> str | None:
        """The ceremony: one named in the sentence, else the latest one a few sentences back."""
        for token in self.sent:
            span = self.mention(token)
            if span is not None and self.entities[span.kb_id_].type == "EVENT":
                return span.kb_id_
        found = self.index.latest(
            verb.i,
            frozenset({"EVENT"}),
            self.entities,
            window=self.lex.awards.event_window,
        )
        return found.id if found is not None else None

    # -- cast lists --------------------------------------------------------------------------

    def cast(self, token: Token) -> None:
        """ "an ensemble cast including A, B and C", "the cast includes A and B", "the film's
        cast of A and B": each person named appears in the work the cast belongs to."""
        if self.blocked(token):
            return
        people = _pobjs(token, frozenset({"including", "of", "with"}))
        head = token.head
        if token.dep_ == "nsubj" and head.lemma_.lower() in self.lex.cast_verbs:
            people += [c for c in head.children if c.dep_ == "dobj"]
        cast = frozenset({"PERSON", "GROUP"})
        members = [e for t in people for e in self.resolve(t, cast)]
        members = [e for e in members if self.entities[e].type in cast]
        if not members:
            return
        owners = [c for c in token.children if c.dep_ in {"poss", "compound"}]
        owners += _pobjs(token, frozenset({"of", "for", "in"}))
        if token.dep_ == "dobj":  # "the show features an ensemble cast including ..."
            owners += self.subjects(head)
        works = [e for t in owners for e in self.resolve(t, frozenset({"WORK"}))]
        works = [e for e in works if self.entities[e].type == "WORK"]
        if not works:
            found = _described_entity(self.index, token.i, "WORK", _SCREEN, self.entities)
            works = [found.id] if found is not None else []
        for person in members:
            for work in works:
                self.add("appears_in", person, work)

    # -- nouns -------------------------------------------------------------------------------

    def named(self, noun: Token) -> list[Token]:
        """What a role noun names: "director X", "X, the director of", "X is the director"."""
        found: list[Token] = []
        if noun.dep_ in {"compound", "appos"} and self.mention(noun) is None:
            found.append(noun.head)
        found.extend(
            c for c in noun.children if c.dep_ in {"appos", "compound"} and self.mention(c)
        )
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            found.extend(c for c in noun.head.children if c.dep_ == "nsubj")
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
            found.extend(self.subjects(noun.head.head))
        return found

    def noun(self, token: Token, frames: Iterable[NounFrame]) -> None:
        if self.mention(token) is not None and token.lemma_.lower() not in {"member"}:
            span = self.mention(token)
            if span is not None and span.root.i == token.i:
                return  # the noun is the head of a name ("Lotus Films"), not a role
        if self.blocked(token):
            return
        named_tokens = self.named(token)
        if not named_tokens:
            return
        poss = [c for c in token.children if c.dep_ == "poss"]
        compounds = [
            c
            for c in token.children
            if c.dep_ == "compound" and self.mention(c) is not None and c not in named_tokens
        ]
        for frame in frames:
            wanted = self.wanted(frame.p)
            named = [e for t in named_tokens for e in self.resolve(t, wanted)]
            if not named:
                continue
            if frame.role is not None:
                candidates = [*poss, *_pobjs(token, frame.preps)]
                targets = [t for t in candidates if self._has_role(t, frame.role)]
                target_ids = [e for t in targets for e in self.resolve(t, wanted)]
            elif frame.poss_org:
                target_ids = [e for t in poss for e in self._producer_org(t)]
            else:
                tokens = [*poss, *compounds, *_pobjs(token, frame.preps)]
                target_ids = [e for t in tokens for e in self.resolve(t, wanted)]
            bare = not any(c.dep_ in {"prep", "poss"} for c in token.children)
            if not target_ids and bare and frame.implicit is not None:
                target_ids = self._implicit_target(token, frame)
            for n in named:
                for t in target_ids:
                    if frame.named_is == "s":
                        self.add(frame.p, n, t)
                    else:
                        self.add(frame.p, t, n)

    def _implicit_target(self, token: Token, frame: NounFrame) -> list[str]:
        """ "Leader X", "members A and B": the group the article is about."""
        wanted = frame.implicit or ""
        if frame.implicit_window > 2:
            focus = self.index.focus(token.i, wanted, self.entities, window=frame.implicit_window)
            return [focus] if focus is not None else []
        found = self.index.latest(token.i, frozenset({wanted}), self.entities, window=2)
        return [found.id] if found is not None else []

    def _has_role(self, token: Token, role: str) -> bool:
        span = self.mention(token)
        if span is None:
            return False
        if self.entities[span.kb_id_].subtype == role:
            return True
        return any(
            c.dep_ == "compound" and c.lemma_.lower() in self.lex.director_roles
            for t in span
            for c in t.children
        )

    def _producer_org(self, token: Token) -> list[str]:
        """A studio's possessive on a film ("Bellwether Pictures' thriller"), not a streamer's."""
        span = self.mention(token)
        if span is None or self.entities[span.kb_id_].type != "ORG":
            return []
        words = {w.lower() for w in self.entities[span.kb_id_].name.split()}
        return [span.kb_id_] if words & self.lex.producer_org_words else []

    # -- credit nouns ------------------------------------------------------------------------

    def credit(self, token: Token, labels: tuple[str, ...]) -> None:
        """ "The lyrics are by X", "X wrote the score for Y", "with music by X"."""
        if token.dep_ in {"compound", "amod"} or self.blocked(token):
            return
        base = token
        while base.dep_ == "conj" and base.head.pos_ in {"NOUN", "PROPN"}:
            base = base.head
        holders = _pobjs(token, frozenset({"by"}))
        head = base.head
        head_lemma = head.lemma_.lower()
        target_tokens = [
            *(c for c in token.children if c.dep_ == "poss"),
            *_pobjs(token, frozenset({"of", "for", "to", "on"})),
        ]
        if base.dep_ in {"nsubj", "nsubjpass"} and head_lemma in self.lex.credit_verbs:
            holders.extend(_pobjs(head, frozenset({"by"})))
        elif base.dep_ == "dobj" and head_lemma in self.lex.credit_verbs:
            holders.extend(self.subjects(head))
            holders.extend(_pobjs(head, frozenset({"with"})))
            if not target_tokens:  # "wrote the music for Y" (the phrase hangs on the verb)
                target_tokens.extend(_pobjs(head, frozenset({"for", "of", "to", "on"})))
        if not holders:
            return
        for p in labels:
            wanted = self.wanted(p)
            holder_ids = [e for t in holders for e in self.resolve(t, wanted)]
            targets = [e for t in target_tokens for e in self.resolve(t, frozenset({"WORK"}))]
            if not targets:
                targets = self._nearest_work(token, p)
            for h in holder_ids:
                for t in targets:
                    self.add(p, h, t)

    def _nearest_work(self, token: Token, p: str) -> list[str]:
        """The work a bare credit noun is about: the closest fitting work before it in the
        sentence, else the latest one up to two sentences back (a work named after it, in a
        relative clause, is another credit: "..., who also scored Y")."""
        best: tuple[int, str] | None = None
        for span in doc_ext.mentions(self.doc):
            if span.start >= token.i:
                break
            entity = self.entities.get(span.kb_id_)
            if entity is None or entity.type != "WORK" or entity.subtype == "music_video":
                continue
            if span.start < self.sent.start:
                continue
            allowed = self.lex.object_subtypes.get(p)
            if allowed is not None and entity.subtype not in allowed:
                continue
            distance = abs(span.start - token.i)
            if best is None or distance < best[0]:
                best = (distance, entity.id)
        if best is not None:
            return [best[1]]
        found = self.index.latest(token.i, frozenset({"WORK"}), self.entities, window=2)
        if found is None or found.subtype == "music_video":
            return []
        allowed = self.lex.object_subtypes.get(p)
        return [found.id] if allowed is None or found.subtype in allowed else []


def find_relations(
    doc: Doc,
    sent: Span,
    entities: dict[str, Entity],
    lexicon: DepLexicon | None = None,
    *,
    index: DocIndex | None = None,
    text: str | None = None,
) -> set[tuple[str, str, str]]:
    """(subject, label, object) triples the parse of ``sent`` states, types checked.

    One pass over the sentence's tokens; sentences naming fewer than two entities (counting
    pronouns) are skipped without looking at their triggers. ``index`` and ``text`` (the
    sentence's text) may be passed by a caller that already has them.
    """
    lex = lexicon or load_lexicon()
    index = index or doc_index(doc)
    entity = index.entity
    lower = index.lower
    lemma, pos_of, dep = index.syntax
    phrasal_heads = lex.phrasal_heads
    triggers: list[tuple[Token, str]] = []
    arguments = 0
    implicit = False
    for i in range(sent.start, sent.end):
        if entity[i] is not None:
            if i == sent.start or entity[i - 1] is None:
                arguments += 1
        elif lower[i] in lex.pair_nouns:
            arguments += 2  # "the pair" may stand for two people
        elif lemma[i] in lex.installment_nouns:
            arguments += 1  # "Season 2" stands for the series
        elif (
            lower[i] in lex.pronouns
            or (lemma[i],) in lex.descriptions
            or (pos_of[i] == "PROPN" and dep[i] != "compound")
        ):
            arguments += 1  # a pronoun, description or untagged name may stand for an entity
        pos = pos_of[i]
        if pos in {"VERB", "AUX"}:
            if lemma[i] not in lex.verbs and lemma[i] not in phrasal_heads:
                continue  # neither the lemma nor a phrasal verb on it is a trigger
            token = doc[i]
            key = _phrasal(token)
            frames = lex.verbs.get(key) or lex.verbs.get(lemma[i])
            if frames:
                triggers.append((token, "verb"))
                # "X plays the father": the film may stand unnamed in an earlier sentence
                implicit = implicit or any(f.implicit_work for f in frames)
        elif pos in {"NOUN", "PROPN"}:
            word = lemma[i]
            if word in lex.credit_nouns:
                triggers.append((doc[i], "credit"))
            elif word in lex.cast_nouns:
                triggers.append((doc[i], "cast"))
            elif word in lex.nouns or lower[i] in lex.nouns:
                triggers.append((doc[i], "noun"))
    if text is None:
        text = sent.text
    categories = [
        span
        for pattern in lex.awards.category_patterns
        for m in pattern.finditer(text)
        if (span := sent.char_span(m.start(), m.end(), alignment_mode="expand")) is not None
    ]
    if arguments + bool(categories) + implicit < 2 or not (triggers or categories):
        return set()
    view = _Sentence(doc, sent, entities, lex, index)
    view.awards(categories)
    for token, kind in triggers:
        if kind == "verb":
            key = _phrasal(token)
            frames = lex.verbs.get(key) or lex.verbs.get(token.lemma_.lower(), ())
            view.verb(token, frames)
        elif kind == "credit":
            view.credit(token, lex.credit_nouns[token.lemma_.lower()])
        elif kind == "cast":
            view.cast(token)
        else:
            word = token.lemma_.lower()
            view.noun(token, lex.nouns.get(word) or lex.nouns[token.lower_])
    return view.found


__all__ = [
    "DepLexicon",
    "DocIndex",
    "NounFrame",
    "VerbFrame",
    "described_entity",
    "doc_index",
    "find_relations",
    "latest_entity",
    "load_lexicon",
]

"""Which article-local entities are the same real entity, and why: pairwise links, then clusters.

:func:`link` compares two :class:`~newsgraph.resolve.local.LocalEntity` and returns the rule that
joins them, trying in order:

1. ``qid``: the same Wikidata id (two different ids never join, whatever else they share);
2. ``exact``: a shared name key of a written alias (same type);
3. ``press``: a shared press spelling of a full Korean name (Um/Uhm/Eom Tae-hwa);
4. ``context``: a one-word person name or a given name alone, only when the two articles mention
   the same group or agency, or at least ``min_shared`` of the same entities;
5. ``fuzzy``: rapidfuzz similarity of two names of several words, same type and digits.

Two WORKs whose subtypes are both known and differ (a song and its music video) never join.
:func:`cluster` joins linked entities strongest link first (a Kruskal pass over the sorted links)
and refuses any join that would put two Wikidata ids, two subtypes, or the two sides of a user's
split in one entity. Links are pairwise and the pass is sorted, so the clusters depend only on the
set of entities, never on the order the articles were ingested in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from heapq import heappop, heappush
from itertools import combinations

from rapidfuzz import fuzz

from newsgraph.errors import ConfigError
from newsgraph.nlp.lexicon import load_json
from newsgraph.resolve.local import LocalEntity

__all__ = [
    "RULE_ORDER",
    "Block",
    "Clustering",
    "Decision",
    "Link",
    "ResolveRules",
    "cluster",
    "context_evidence",
    "incompatible",
    "kruskal",
    "kruskal_blocks",
    "link",
]

RULE_ORDER: dict[str, int] = {
    "decision": 0,
    "qid": 1,
    "exact": 2,
    "press": 3,
    "fuzzy": 4,
    "context": 5,
}
"""Strength of each rule: clusters are built from the strongest links first."""

_SCORERS: dict[str, Callable[..., float]] = {
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "ratio": fuzz.ratio,
    "WRatio": fuzz.WRatio,
}


@dataclass(frozen=True)
class ResolveRules:
    """The thresholds of ``data/resolve_rules.json``, validated."""

    fuzzy_scorer: str
    fuzzy_min: float
    fuzzy_min_words: int
    fuzzy_min_chars: int
    strong_types: frozenset[str]
    min_shared: int
    subtype_types: frozenset[str]
    token_stopwords: frozenset[str]
    type_families: tuple[frozenset[str], ...] = ()
    cross_type_min_shared: int = 1

    def same_family(self, a: str, b: str) -> bool:
        return any(a in f and b in f for f in self.type_families)

    @staticmethod
    @cache
    def load() -> ResolveRules:
        data = load_json("resolve_rules.json")
        try:
            fuzzy, context = data["fuzzy"], data["context"]
            rules = ResolveRules(
                fuzzy_scorer=str(fuzzy["scorer"]),
                fuzzy_min=float(fuzzy["min_score"]),
                fuzzy_min_words=int(fuzzy["min_words"]),
                fuzzy_min_chars=int(fuzzy["min_chars"]),
                strong_types=frozenset(context["strong_types"]),
                min_shared=int(context["min_shared"]),
                subtype_types=frozenset(data["subtype_types"]),
                token_stopwords=frozenset(w.casefold() for w in data["token_stopwords"]),
                type_families=tuple(frozenset(map(str, f)) for f in data["cross_type"]["families"]),
                cross_type_min_shared=int(data["cross_type"]["min_shared"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"data file 'resolve_rules.json' is malformed: {exc}") from exc
        if rules.fuzzy_scorer not in _SCORERS:
            raise ConfigError(f"resolve_rules.json: unknown fuzzy scorer {rules.fuzzy_scorer!r}")
        if not 50 <= rules.fuzzy_min <= 100 or rules.fuzzy_min_words < 2 or rules.min_shared < 1:
            raise ConfigError(
                "resolve_rules.json: fuzzy min_score must be 50-100, min_words >= 2,"
                " context min_shared >= 1"
            )
        if not rules.strong_types:
            raise ConfigError("resolve_rules.json: context strong_types is empty")
        return rules


@dataclass(frozen=True)
class Link:
    """Why two local entities are the same: the rule, a score (100 unless fuzzy) and words."""

    rule: str
    score: float
    detail: str

    def rank(self) -> tuple[int, float]:
        return (RULE_ORDER[self.rule], -self.score)


def incompatible(a: LocalEntity, b: LocalEntity, rules: ResolveRules) -> str | None:
    """Why ``a`` and ``b`` can never be one entity, or None."""
    if a.qid and b.qid and a.qid != b.qid:
        return f"different Wikidata ids {a.qid} / {b.qid}"
    if (
        a.type == b.type
        and a.type in rules.subtype_types
        and a.subtype
        and b.subtype
        and a.subtype != b.subtype
    ):
        return f"different subtypes {a.subtype} / {b.subtype}"
    return None


def _context_index(ctx: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for i, (_, keys) in enumerate(ctx):
        for k in keys:
            index[k].add(i)
    return index


def context_evidence(
    a: LocalEntity, b: LocalEntity, rules: ResolveRules, min_shared: int | None = None
) -> str | None:
    """What the two articles share that makes a one-word name safe to join, or None: a group or
    agency both mention, or at least ``min_shared`` (default: the rules') co-mentioned entities."""
    if a.article == b.article:
        return "same article"
    b_index = _context_index(b.context)
    strong: set[str] = set()
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    for i, (etype, keys) in enumerate(a.context):
        hits = set().union(*(b_index.get(k, set()) for k in keys)) if keys else set()
        if not hits:
            continue
        matched_a.add(i)
        matched_b.update(hits)
        if etype in rules.strong_types and any(b.context[j][0] in rules.strong_types for j in hits):
            strong.add(next((k for k in keys if not k.startswith("q:")), keys[0]))
    if strong:
        return "shared " + ", ".join(sorted(strong))
    shared = min(len(matched_a), len(matched_b))
    if shared >= (rules.min_shared if min_shared is None else min_shared):
        return f"{shared} co-mentioned entities in common"
    return None


def link(a: LocalEntity, b: LocalEntity, rules: ResolveRules | None = None) -> Link | None:
    """The strongest rule that makes ``a`` and ``b`` one entity, or None (see module doc)."""
    rules = rules or ResolveRules.load()
    if a.ref == b.ref or incompatible(a, b, rules):
        return None
    if a.qid and a.qid == b.qid:
        return Link("qid", 100.0, a.qid)
    a_full = dict(a.full)
    b_full = dict(b.full)
    shared = sorted(set(a_full) & set(b_full))
    if a.type != b.type:
        # The extractor may type one name differently in two articles; join only on a full key
        # and shared context, never across families (a group and its self-titled album).
        if not shared or not rules.same_family(a.type, b.type):
            return None
        why = context_evidence(a, b, rules, rules.cross_type_min_shared)
        if why is None:
            return None
        return Link("exact", 100.0, f"{shared[0]} (typed {a.type} and {b.type}; {why})")
    if shared:
        written = [k for k in shared if a_full[k] == "alias" and b_full[k] == "alias"]
        if written:
            return Link("exact", 100.0, written[0])
        return Link("press", 100.0, shared[0])
    loose = sorted(a.all_keys() & b.all_keys())
    if loose:
        why = context_evidence(a, b, rules)
        if why is not None:
            return Link("context", 100.0, f"{loose[0]}: {why}")
    if a.fuzzy_name and b.fuzzy_name and not (a.korean and b.korean) and a.digits() == b.digits():
        score = float(_SCORERS[rules.fuzzy_scorer](a.fuzzy_name, b.fuzzy_name))
        if score >= rules.fuzzy_min:
            return Link("fuzzy", round(score, 1), f"{a.fuzzy_name} ~ {b.fuzzy_name}")
    return None


@dataclass(frozen=True)
class Decision:
    """A user's decision: ``merge`` joins two entities (given by member refs); ``split`` cuts the
    members matching ``selector`` (``alias`` key or ``article`` id) away from ``anchor``."""

    id: int
    kind: str
    anchor: str
    other: str = ""
    selector: str = ""
    value: str = ""

    def selects(self, entity: LocalEntity) -> bool:
        """Whether a split decision cuts this local entity away from its anchor."""
        if self.kind != "split" or entity.ref == self.anchor:
            return False
        if self.selector == "article":
            return entity.article == self.value
        return entity.name_key == self.value


@dataclass
class Clustering:
    """The result of :func:`cluster`: each ref's cluster (its smallest member ref), the links
    that joined them, and the refs whose cluster was shaped by a refusal or a user decision."""

    root: dict[str, str]
    links: list[tuple[str, str, Link]] = field(default_factory=list)
    constrained: set[str] = field(default_factory=set)

    def members(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for ref, root in self.root.items():
            groups[root].append(ref)
        return {root: sorted(refs) for root, refs in groups.items()}


def candidate_pairs(entities: Sequence[LocalEntity]) -> set[tuple[int, int]]:
    """Index pairs that share a lookup key (only they can link)."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        for key in e.index_keys():
            buckets[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(combinations(members, 2))
    return pairs


class _Group:
    __slots__ = ("qids", "sides", "subtypes")

    def __init__(self, e: LocalEntity, decisions: Sequence[Decision], rules: ResolveRules):
        self.qids: set[str] = {e.qid} if e.qid else set()
        self.subtypes: set[tuple[str, str]] = (
            {(e.type, e.subtype)} if e.subtype and e.type in rules.subtype_types else set()
        )
        self.sides: set[tuple[int, str]] = set()
        for d in decisions:
            if d.kind == "split":
                if e.ref == d.anchor:
                    self.sides.add((d.id, "in"))
                elif d.selects(e):
                    self.sides.add((d.id, "out"))

    def clashes(self, other: _Group, *, splits_after: int | None = None) -> bool:
        """Whether the two groups may not be one entity. With ``splits_after`` (a merge decision's
        id) only the splits decided later count: a later decision overrides an earlier one."""
        flip = {"in": "out", "out": "in"}
        if splits_after is not None:
            return any((d, flip[side]) in other.sides for d, side in self.sides if d > splits_after)
        if self.qids and other.qids and self.qids.isdisjoint(other.qids):
            return True
        for etype in {t for t, _ in self.subtypes} & {t for t, _ in other.subtypes}:
            mine = {s for t, s in self.subtypes if t == etype}
            if mine.isdisjoint(s for t, s in other.subtypes if t == etype):
                return True
        return any((d, flip[side]) in other.sides for d, side in self.sides)

    def absorb(self, other: _Group) -> None:
        self.qids |= other.qids
        self.subtypes |= other.subtypes
        self.sides |= other.sides


Edge = tuple[tuple[int, float], str, str, Link]
"""(rank, smaller ref, larger ref, link): one pairwise link, as :func:`kruskal` takes them."""


def cluster(
    entities: Iterable[LocalEntity],
    decisions: Sequence[Decision] = (),
    rules: ResolveRules | None = None,
) -> Clustering:
    """Cluster local entities into global ones; the result depends only on the set given."""
    rules = rules or ResolveRules.load()
    items = sorted({e.ref: e for e in entities}.values(), key=lambda e: e.ref)
    edges: list[Edge] = []
    for i, j in sorted(candidate_pairs(items)):
        found = link(items[i], items[j], rules)
        if found is not None:
            edges.append((found.rank(), items[i].ref, items[j].ref, found))
    return kruskal(items, edges, decisions, rules)


def kruskal(
    entities: Iterable[LocalEntity],
    links: Iterable[Edge],
    decisions: Sequence[Decision] = (),
    rules: ResolveRules | None = None,
) -> Clustering:
    """The clusters of :func:`cluster`, from the links it would find (``links``): the store
    computes the links of a part of the graph more cheaply and clusters that part alone."""
    rules = rules or ResolveRules.load()
    items = sorted({e.ref: e for e in entities}.values(), key=lambda e: e.ref)
    index = {e.ref: i for i, e in enumerate(items)}
    edges = list(links)
    forced: set[str] = set()
    for d in decisions:
        if d.kind == "merge" and d.anchor in index and d.other in index:
            a, b = sorted((d.anchor, d.other))
            edges.append(
                ((RULE_ORDER["decision"], float(d.id)), a, b, Link("decision", 100.0, f"#{d.id}"))
            )
            forced.update((a, b))
        elif d.kind == "split" and d.anchor in index:
            forced.add(d.anchor)
    # Links of entities a split cuts away come last, so the rest gathers around the anchor first.
    cut = {e.ref for e in items for d in decisions if d.selects(e)}

    def order(edge: Edge) -> tuple[int, tuple[int, float], str, str]:
        rank, a, b, _ = edge
        late = 0 if rank[0] == RULE_ORDER["decision"] else 1 + (a in cut or b in cut)
        return (late, rank, a, b)

    edges.sort(key=order)
    parent = list(range(len(items)))
    groups = {i: _Group(e, decisions, rules) for i, e in enumerate(items)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted: list[tuple[str, str, Link]] = []
    refused: list[tuple[int, int]] = []
    for rank, a_ref, b_ref, found in edges:
        ra, rb = find(index[a_ref]), find(index[b_ref])
        if ra == rb:
            continue
        forced_id = int(rank[1]) if rank[0] == RULE_ORDER["decision"] else None
        if groups[ra].clashes(groups[rb], splits_after=forced_id):
            refused.append((ra, rb))
            continue
        keep, lose = min(ra, rb), max(ra, rb)
        parent[lose] = keep
        groups[keep].absorb(groups.pop(lose))
        accepted.append((a_ref, b_ref, found))
    root = {e.ref: items[find(i)].ref for i, e in enumerate(items)}
    members = Clustering(root).members()
    constrained: set[str] = set()
    marked = {items[find(x)].ref for pair in refused for x in pair}
    marked |= {root[r] for r in forced}
    for r in marked:
        constrained.update(members[r])
    return Clustering(root, accepted, constrained)


Member = tuple[str, str]
"""(ref, article) of one local entity, as :class:`Block` lists them."""


@dataclass(frozen=True)
class Block:
    """Every cross-article link between the members of two signatures (or of one, ``same``):
    ``forward`` joins a ``left`` member to a larger-ref ``right`` member, ``backward`` a ``right``
    member to a larger-ref ``left`` one. Members are sorted by ref; two of one article never link
    this way."""

    left: tuple[Member, ...]
    right: tuple[Member, ...]
    forward: Link | None
    backward: Link | None
    same: bool = False

    def edges(self) -> Iterator[Edge]:
        """The block's links in :func:`kruskal` order (rank, then smaller ref, then larger)."""
        if self.same:
            if self.forward is not None:
                rank = self.forward.rank()
                for i, (a, a_article) in enumerate(self.left):
                    for b, b_article in self.left[i + 1 :]:
                        if a_article != b_article:
                            yield (rank, a, b, self.forward)
            return
        tagged = sorted(
            [(r, art, False) for r, art in self.left] + [(r, art, True) for r, art in self.right]
        )
        refs = {False: [r for r, _ in self.right], True: [r for r, _ in self.left]}
        for a, a_article, on_right in tagged:
            found = self.backward if on_right else self.forward
            if found is None:
                continue
            rank = found.rank()
            others = self.left if on_right else self.right
            for b, b_article in others[bisect_right(refs[on_right], a) :]:
                if a_article != b_article:
                    yield (rank, a, b, found)


def kruskal_blocks(
    entities: Iterable[LocalEntity],
    blocks: Sequence[Block],
    links: Iterable[Edge] = (),
    rules: ResolveRules | None = None,
) -> Clustering:
    """:func:`kruskal` without user decisions, for links given by signature blocks (plus single
    ``links``). The links are walked in kruskal's order, but a block is dropped once none of its
    remaining links can change anything (its members already together, or in clusters that
    clash and are marked), so a popular entity costs about its member count, not its pairs."""
    rules = rules or ResolveRules.load()
    items = sorted({e.ref: e for e in entities}.values(), key=lambda e: e.ref)
    index = {e.ref: i for i, e in enumerate(items)}
    parent = list(range(len(items)))
    groups = {i: _Group(e, (), rules) for i, e in enumerate(items)}
    marked = [False] * len(items)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def dead(block: Block) -> bool:
        left = {find(index[r]) for r, _ in block.left}
        right = left if block.same else {find(index[r]) for r, _ in block.right}
        return all(
            a == b or (marked[a] and marked[b] and groups[a].clashes(groups[b]))
            for a in left
            for b in right
        )

    sources: list[Iterator[Edge]] = [b.edges() for b in blocks]
    sources.append(iter(sorted(links, key=lambda e: (e[0], e[1], e[2]))))
    heap: list[tuple[tuple[int, float], str, str, int, Link]] = []
    for k, source in enumerate(sources):
        for rank, a, b, found in source:
            heappush(heap, (rank, a, b, k, found))
            break
    idle = [0] * len(sources)
    accepted: list[tuple[str, str, Link]] = []
    while heap:
        _, a_ref, b_ref, k, found = heappop(heap)
        ra, rb = find(index[a_ref]), find(index[b_ref])
        changed = False
        if ra != rb:
            if groups[ra].clashes(groups[rb]):
                changed = not (marked[ra] and marked[rb])
                marked[ra] = marked[rb] = True
            else:
                keep, lose = min(ra, rb), max(ra, rb)
                parent[lose] = keep
                groups[keep].absorb(groups.pop(lose))
                marked[keep] = marked[keep] or marked[lose]
                accepted.append((a_ref, b_ref, found))
                changed = True
        if k < len(blocks):
            idle[k] = 0 if changed else idle[k] + 1
            if idle[k] >= len(blocks[k].left) + len(blocks[k].right):
                idle[k] = 0
                if dead(blocks[k]):
                    continue
        for rank, a, b, nxt in sources[k]:
            heappush(heap, (rank, a, b, k, nxt))
            break
    root = {e.ref: items[find(i)].ref for i, e in enumerate(items)}
    members = Clustering(root).members()
    constrained: set[str] = set()
    for i in range(len(items)):
        if parent[i] == i and marked[i]:
            constrained.update(members[items[i].ref])
    return Clustering(root, accepted, constrained)

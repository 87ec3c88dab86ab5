"""Re-DocRED test with gold entities: newsgraph's relation rules on the relations we share.

For each document the text is rebuilt from its tokens (one line per sentence, so that our
paragraph component keeps the gold sentence breaks), the backbone model parses it, and the gold
entity clusters (``vertexSet``) replace our own mentions: ``doc.spans["ng_mentions"]`` gets one
span per gold mention with ``kb_id_ = "e<vertex index>"`` (our placeholders need the ``e<n>``
form) and ``doc._.ng_entities`` one Entity per cluster. Only then does our relations component
run. Types follow ``data/bench_redocred_relations.json``: PER -> PERSON, LOC -> PLACE,
TIME/NUM skipped, ORG -> ORG and MISC -> WORK; with ``--typing ours`` (the default) an ORG
cluster becomes GROUP, and a MISC one EVENT or a WORK with a subtype, when newsgraph's own entity
recogniser, run on the same text, types one of its mentions so (it never adds or drops a gold
entity). ``--typing plain`` uses the fixed map only.

Scoring is micro P/R/F1 over (head, relation, tail) triples of gold vertex indices, restricted to
the mapped relations, with each Wikidata property turned the way our relation points.

Usage: ``python benchmarks/redocred.py [--shared ../shared] [--limit N] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.errors import ConfigError
from newsgraph.evaluate.scores import Counts
from newsgraph.model import ENTITY_TYPES, RELATION_TYPES, Article, Entity, Mention
from newsgraph.nlp import doc_ext
from newsgraph.nlp.lexicon import load_json

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH = Path("benchmarks") / "re_docred"
MAP_FILE = "bench_redocred_relations.json"
# Pipes that must not run before we put the gold entities in place.
_SKIP = frozenset({"ng_dates", "ng_quotes", "ng_relations", "ng_events", "ng_reasons"})
# Documents of the README's "entertainment subset".
ENTERTAINMENT = frozenset(
    {"P175", "P161", "P57", "P86", "P162", "P58", "P676", "P264", "P272", "P449"}
)

PUBLISHED = [
    ("ATLOP (Zhou et al. 2021)", None, 77.56),
    ("DocuNet (Zhang et al. 2021)", None, 77.87),
    ("DREEAM (Ma et al. 2023), RoBERTa-large", 79.66, 80.73),
]


# ---------------------------------------------------------------- the map


@dataclass(frozen=True)
class RelationMap:
    """One Wikidata property and the newsgraph relation it stands for."""

    wikidata: str
    label: str
    newsgraph: str
    inverse: bool
    core: bool

    def triple(self, h: int, t: int) -> tuple[int, str, int]:
        """The gold (head, relation, tail) as our relation reads it."""
        return (t, self.newsgraph, h) if self.inverse else (h, self.newsgraph, t)


@dataclass(frozen=True)
class BenchMap:
    """The relation and type maps of the data file, validated."""

    relations: dict[str, RelationMap]
    types: dict[str, str | None]
    refine: dict[str, frozenset[str]]

    def by_newsgraph(self) -> dict[str, RelationMap]:
        return {m.newsgraph: m for m in self.relations.values()}


def load_map(name: str = MAP_FILE) -> BenchMap:
    """The maps of ``data/bench_redocred_relations.json``; refuses unknown names and repeats."""
    data = load_json(name)
    relations: dict[str, RelationMap] = {}
    seen: set[str] = set()
    for row in data.get("relations") or []:
        pid, ours, direction = row.get("wikidata"), row.get("newsgraph"), row.get("direction")
        if not isinstance(pid, str) or not pid.startswith("P") or pid in relations:
            raise ConfigError(f"{name}: bad or repeated property {pid!r}")
        if ours not in RELATION_TYPES or ours in seen:
            raise ConfigError(f"{name}: {pid} maps to unknown or repeated relation {ours!r}")
        if direction not in ("same", "inverse"):
            raise ConfigError(f"{name}: {pid} direction must be 'same' or 'inverse'")
        seen.add(ours)
        relations[pid] = RelationMap(
            pid, str(row.get("label", "")), ours, direction == "inverse", bool(row.get("core"))
        )
    if not relations:
        raise ConfigError(f"{name} maps no relation")
    types = data.get("types") or {}
    for src, dst in types.items():
        if dst is not None and dst not in ENTITY_TYPES:
            raise ConfigError(f"{name}: type {src} maps to unknown type {dst!r}")
    refine = {}
    for src, allowed in (data.get("refine") or {}).items():
        if src.startswith("_"):
            continue
        if src not in types or not set(allowed) <= set(ENTITY_TYPES):
            raise ConfigError(f"{name}: bad refine entry {src!r}")
        refine[src] = frozenset(allowed)
    return BenchMap(relations, dict(types), refine)


# ---------------------------------------------------------------- documents


@dataclass(frozen=True)
class GoldMention:
    """A gold mention: its cluster, DocRED type, and character offsets in the rebuilt text."""

    vertex: int
    type: str
    start: int
    end: int
    sentence: int
    text: str


@dataclass(frozen=True)
class Rebuilt:
    """A document's text rebuilt from its tokens, with its gold mentions located in it."""

    title: str
    text: str
    mentions: tuple[GoldMention, ...]
    vertex_types: tuple[str, ...]


def rebuild(doc: dict[str, Any]) -> Rebuilt:
    """Tokens joined by spaces, one sentence per line; each mention's character offsets."""
    offsets: list[list[tuple[int, int]]] = []
    parts: list[str] = []
    cursor = 0
    for sent in doc["sents"]:
        row = []
        for n, token in enumerate(sent):
            if n:
                cursor += 1
            row.append((cursor, cursor + len(token)))
            cursor += len(token)
        offsets.append(row)
        parts.append(" ".join(sent))
        cursor += 1  # the line break
    text = "\n".join(parts)
    mentions = []
    types = []
    for vertex, cluster in enumerate(doc["vertexSet"]):
        types.append(cluster[0]["type"])
        for m in cluster:
            sent_offsets = offsets[m["sent_id"]]
            start = sent_offsets[m["pos"][0]][0]
            end = sent_offsets[m["pos"][1] - 1][1]
            mentions.append(
                GoldMention(vertex, m["type"], start, end, m["sent_id"], text[start:end])
            )
    return Rebuilt(doc.get("title", ""), text, tuple(mentions), tuple(types))


def gold_triples(doc: dict[str, Any], bench: BenchMap) -> set[tuple[int, str, int]]:
    """The document's labels on mapped properties, as (subject, our relation, object)."""
    out = set()
    for label in doc.get("labels", []):
        mapping = bench.relations.get(label["r"])
        if mapping is not None:
            out.add(mapping.triple(label["h"], label["t"]))
    return out


# ---------------------------------------------------------------- gold entities on the doc


def _our_types(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """(start_char, end_char, type, subtype) of each mention our own recogniser found."""
    entities = {e.id: e for e in doc._.ng_entities or []}
    out = []
    for span in doc_ext.mentions(doc):
        entity = entities.get(span.kb_id_)
        if entity is not None:
            out.append((span.start_char, span.end_char, entity.type, entity.subtype))
    return out


def cluster_type(
    docred_type: str,
    mention_spans: Iterable[tuple[int, int]],
    ours: Sequence[tuple[int, int, str, str | None]],
    bench: BenchMap,
) -> tuple[str | None, str | None]:
    """Our (type, subtype) for a gold cluster: the fixed map, refined by our own typing of any
    overlapping mention when the data file allows that type for this DocRED type."""
    base = bench.types.get(docred_type)
    if base is None:
        return None, None
    allowed = bench.refine.get(docred_type, frozenset())
    votes: list[tuple[str, str | None]] = []
    for start, end in mention_spans:
        for o_start, o_end, etype, subtype in ours:
            if o_start < end and start < o_end and etype in allowed:
                votes.append((etype, subtype))
    if not votes:
        return base, None
    # A GROUP or EVENT reading wins over the default; the first subtype seen is kept.
    types = [v[0] for v in votes]
    chosen = next((t for t in types if t != base), base)
    subtype = next((s for t, s in votes if t == chosen and s), None)
    return chosen, subtype


def set_gold_entities(
    doc: Doc, rebuilt: Rebuilt, bench: BenchMap, *, refine: bool = True
) -> list[Entity]:
    """Replace the doc's mentions and entities with the gold clusters (TIME/NUM left out)."""
    ours = _our_types(doc) if refine else []
    article_id = doc._.ng_article.id if doc._.ng_article is not None else ""
    by_vertex: dict[int, list[GoldMention]] = {}
    for m in rebuilt.mentions:
        by_vertex.setdefault(m.vertex, []).append(m)
    spans: list[Span] = []
    entities: list[Entity] = []
    for vertex in sorted(by_vertex):
        gold = by_vertex[vertex]
        etype, subtype = cluster_type(
            rebuilt.vertex_types[vertex], [(m.start, m.end) for m in gold], ours, bench
        )
        if etype is None:
            continue
        eid = f"e{vertex}"
        mentions = []
        for m in gold:
            span = doc.char_span(m.start, m.end, label=etype, kb_id=eid, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            mentions.append(Mention(article_id, m.start, m.end, m.sentence, m.text, etype))
        if not mentions:
            continue
        aliases = tuple(dict.fromkeys(m.text for m in gold))
        entities.append(Entity(eid, gold[0].text, etype, aliases, tuple(mentions), subtype=subtype))
    doc.spans[doc_ext.MENTIONS_KEY] = spans
    doc._.ng_entities = entities
    doc._.ng_token_entity = None  # caches built from our own mentions
    doc._.ng_sent_starts = None
    return entities


def predict(
    nlp: Language, rebuilt: Rebuilt, bench: BenchMap, *, refine: bool = True
) -> set[tuple[int, str, int]]:
    """Our relations between gold clusters, as (subject vertex, relation, object vertex)."""
    doc = nlp.make_doc(rebuilt.text)
    doc._.ng_article = Article(id=rebuilt.title or "doc", text=rebuilt.text)
    for name, proc in nlp.pipeline:
        if name not in _SKIP:
            doc = proc(doc)
    set_gold_entities(doc, rebuilt, bench, refine=refine)
    doc = nlp.get_pipe("ng_relations")(doc)
    wanted = bench.by_newsgraph()
    out = set()
    for rel in doc._.ng_relations or []:
        if rel.p in wanted:
            out.add((int(rel.s[1:]), rel.p, int(rel.o[1:])))
    return out


# ---------------------------------------------------------------- scoring


def score(
    gold: set[tuple[int, str, int]], predicted: set[tuple[int, str, int]], relations: Iterable[str]
) -> dict[str, Counts]:
    """Counts per relation name for one document."""
    out = {}
    for rel in relations:
        g = {x for x in gold if x[1] == rel}
        p = {x for x in predicted if x[1] == rel}
        out[rel] = Counts(len(g & p), len(p - g), len(g - p))
    return out


def _total(counts: dict[str, Counts], names: Iterable[str]) -> Counts:
    total = Counts()
    for name in names:
        total = total + counts.get(name, Counts())
    return total


def build_nlp() -> Language:
    """The bundled pipeline (our relations component included, run on its own later)."""
    from newsgraph.nlp.pipeline import build_language

    return build_language()


def run(
    shared: Path,
    limit: int | None = None,
    *,
    split: str = "test",
    refine: bool = True,
    nlp: Language | None = None,
) -> dict[str, Any]:
    """The benchmark on one split; figures in percent."""
    bench = load_map()
    docs = json.loads((shared / BENCH / f"{split}_revised.json").read_text("utf-8"))[:limit]
    nlp = nlp or build_nlp()
    names = [m.newsgraph for m in bench.relations.values()]
    core = [m.newsgraph for m in bench.relations.values() if m.core]
    totals: dict[str, Counts] = {n: Counts() for n in names}
    subset: dict[str, Counts] = {n: Counts() for n in names}
    n_subset = 0
    for raw in docs:
        counts = score(
            gold_triples(raw, bench), predict(nlp, rebuild(raw), bench, refine=refine), names
        )
        in_subset = any(label["r"] in ENTERTAINMENT for label in raw.get("labels", []))
        n_subset += in_subset
        for name in names:
            totals[name] = totals[name] + counts[name]
            if in_subset:
                subset[name] = subset[name] + counts[name]

    def row(c: Counts) -> dict[str, Any]:
        return {
            "precision": round(100 * c.precision, 2),
            "recall": round(100 * c.recall, 2),
            "f1": round(100 * c.f1, 2),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
        }

    by_name = {m.newsgraph: m for m in bench.relations.values()}
    return {
        "split": split,
        "documents": len(docs),
        "entertainment_documents": n_subset,
        "typing": "ours" if refine else "plain",
        "per_relation": {
            n: {"wikidata": by_name[n].wikidata, "core": by_name[n].core, **row(totals[n])}
            for n in names
        },
        "overall_core": row(_total(totals, core)),
        "overall_all": row(_total(totals, names)),
        "entertainment_core": row(_total(subset, core)),
        "published": [{"system": s, "ign_f1": i, "f1": f} for s, i, f in PUBLISHED],
    }


def render_table(result: dict[str, Any]) -> str:
    """The Markdown table: published supervised systems, then our rows."""
    lines = [
        f"## Re-DocRED {result['split']} ({result['documents']} documents), gold entities, "
        f"typing: {result['typing']}",
        "",
        "| system | setting | relations | P | R | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for pub in result["published"]:
        lines.append(
            f"| {pub['system']} | supervised on Re-DocRED train, gold entities "
            f"| all 96 | | | {pub['f1']:.2f} | | | |"
        )

    def ours(label: str, relations: str, r: dict[str, Any]) -> str:
        return (
            f"| newsgraph rules | {label} | {relations} | {r['precision']:.2f} "
            f"| {r['recall']:.2f} | **{r['f1']:.2f}** | {r['tp']} | {r['fp']} | {r['fn']} |"
        )

    lines.append(ours("no training, gold entities", "8 core (micro)", result["overall_core"]))
    lines.append(
        ours(
            "no training, gold entities",
            "10 shared (core + producer, lyricist)",
            result["overall_all"],
        )
    )
    lines.append(
        ours(
            f"entertainment docs only ({result['entertainment_documents']})",
            "8 core (micro)",
            result["entertainment_core"],
        )
    )
    lines += [
        "",
        "| Wikidata | newsgraph relation | P | R | F1 | TP | FP | FN |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in result["per_relation"].items():
        flag = "" if r["core"] else " (extra)"
        lines.append(
            f"| {r['wikidata']} | {name}{flag} | {r['precision']:.2f} | {r['recall']:.2f} "
            f"| {r['f1']:.2f} | {r['tp']} | {r['fp']} | {r['fn']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N documents")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--typing", choices=("ours", "plain"), default="ours")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    path = args.shared / BENCH / f"{args.split}_revised.json"
    if not path.is_file():
        print(f"benchmark file {path} is absent", file=sys.stderr)
        return 3
    result = run(args.shared, args.limit, split=args.split, refine=args.typing == "ours")
    print(json.dumps(result, indent=2) if args.json else render_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

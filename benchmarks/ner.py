"""Public NER benchmarks (CrossNER music, literature, politics; WNUT-17) side by side, one command.

    python benchmarks/ner.py [--shared ../shared] [--limit N] [--json]

Each test sentence is rebuilt from its tokens (with every token's character offsets), run through
newsgraph's entity recogniser (the bundled pipeline cut after ``ng_entities``, batched with
:meth:`Extractor.pipe`) and through the bare spaCy NER of the same loaded model. Predicted
mentions are mapped back to token spans, and both systems are scored with micro P/R/F1 over exact
``(start, end, type)`` spans, on the benchmark labels we have a type for. The label maps and the
published figures live in ``newsgraph/data/bench_ner_labels.json``.

Scoring rules, so that the figures can be read exactly:

- a gold label mapped to ``null`` is dropped from the gold (genres, instruments, ``misc``,
  ``product``);
- a prediction whose type none of the benchmark's labels maps to is dropped (a WORK in politics);
- every other prediction counts, including one that lands on a dropped gold span (strict);
- a mention whose offsets fall inside a token is widened to the tokens it touches (counted as
  ``misaligned``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError, MalformedInput, NewsgraphError
from newsgraph.evaluate.scores import Counts
from newsgraph.model import ENTITY_TYPES, Article
from newsgraph.nlp.lexicon import load_json
from newsgraph.nlp.pipeline import Extractor, PipelineConfig

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
DATA_FILE = "bench_ner_labels.json"
LAST_COMPONENT = "ng_entities"  # the bundled pipeline is cut after the entity recogniser

# A gold or predicted entity: token offsets [start, end) and a newsgraph type.
Span = tuple[int, int, str]


# ---------------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Sentence:
    """One benchmark sentence: its tokens and BIO tags, as read from the file."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def parse_conll(text: str, source: str = "<text>") -> list[Sentence]:
    """CoNLL-style ``token<TAB>tag`` lines, blank lines between sentences; CRLF is accepted.

    A line without a tab is split at its last run of white space. Raises :class:`MalformedInput`
    (with the line number) on a line that has no tag or a tag that is not ``O``/``B-x``/``I-x``.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if tokens:
                sentences.append(Sentence(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
            continue
        token, sep, tag = line.rpartition("\t")
        if not sep:
            token, _, tag = line.strip().rpartition(" ")
        tag = tag.strip()
        if not token.strip() or not _valid_tag(tag):
            raise MalformedInput(f"{source}:{number}: expected 'token<TAB>tag', got {line!r}")
        tokens.append(token.strip())
        tags.append(tag)
    if tokens:
        sentences.append(Sentence(tuple(tokens), tuple(tags)))
    return sentences


def _valid_tag(tag: str) -> bool:
    return tag == "O" or (len(tag) > 2 and tag[:2] in {"B-", "I-"})


def read_conll(path: Path) -> list[Sentence]:
    """The sentences of a CoNLL-style file (UTF-8)."""
    return parse_conll(path.read_text("utf-8"), source=str(path))


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` in token offsets, conlleval style.

    ``B-x`` always opens a span; ``I-x`` continues a span of the same label and otherwise opens
    one (an ``I-`` without a ``B-`` is an entity, as conlleval counts it).
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and start >= 0 and kind == label
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in {"B", "I"} and not continues:
            start, label = i, kind
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


# ------------------------------------------------------------------------- text and offsets
@dataclass(frozen=True)
class Detokeniser:
    """Rebuilds readable text from tokens: no space before ``,`` or ``'s``, none after ``(``."""

    no_space_before: frozenset[str]
    no_space_after: frozenset[str]
    apostrophes: frozenset[str]
    clitics: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Detokeniser:
        def words(key: str) -> frozenset[str]:
            items = data.get(key)
            if not isinstance(items, list) or not items:
                raise ConfigError(f"{DATA_FILE}: detokenise.{key} must be a non-empty list")
            return frozenset(str(i) for i in items)

        return cls(
            words("no_space_before"),
            words("no_space_after"),
            words("apostrophes"),
            words("clitics"),
        )

    def join(self, tokens: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The text and each token's ``[start, end)`` character offsets in it."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        double_quotes = 0
        for i, token in enumerate(tokens):
            if i and self._space_between(tokens, i, double_quotes):
                parts.append(" ")
                pos += 1
            if token == '"':
                double_quotes += 1
            parts.append(token)
            offsets.append((pos, pos + len(token)))
            pos += len(token)
        return "".join(parts), tuple(offsets)

    def _space_between(self, tokens: Sequence[str], i: int, quotes_before: int) -> bool:
        prev, token = tokens[i - 1], tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in self.no_space_before or prev in self.no_space_after:
            return False
        # "don ' t", "Clash ' s": the apostrophe of a split clitic joins both sides.
        if token in self.apostrophes and nxt.lower() in self.clitics:
            return False
        if prev in self.apostrophes and token.lower() in self.clitics and i >= 2:
            return False
        # Straight double quotes alternate: an opening one hugs the next token, a closing one
        # the previous token.
        if token == '"' and quotes_before % 2 == 1:
            return False
        return not (prev == '"' and quotes_before % 2 == 1)


def char_span_to_tokens(
    offsets: Sequence[tuple[int, int]], start: int, end: int
) -> tuple[int, int, bool] | None:
    """The tokens ``[first, last)`` a character span ``[start, end)`` touches.

    The third value says whether the span had to be widened (it started or ended inside a token).
    None when the span touches no token (white space only, or out of range).
    """
    if end <= start or not offsets:
        return None
    ends = [e for _, e in offsets]
    starts = [s for s, _ in offsets]
    first = bisect_right(ends, start)  # first token ending after ``start``
    last = bisect_right(starts, end - 1)  # tokens starting before ``end``
    if first >= last:
        return None
    exact = offsets[first][0] == start and offsets[last - 1][1] == end
    return first, last, not exact


# --------------------------------------------------------------------------------- labels
@dataclass(frozen=True)
class Benchmark:
    """One benchmark: its file (relative to ``shared/benchmarks``), label map, published figures."""

    name: str
    title: str
    path: str
    labels: dict[str, str | None]
    published: dict[str, Any] | None = None
    per_class: dict[str, dict[str, Any]] = field(default_factory=dict)
    merge_predicted: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def scored_types(self) -> tuple[str, ...]:
        """Our types this benchmark can check, in ENTITY_TYPES order."""
        mapped = {t for t in self.labels.values() if t is not None}
        return tuple(t for t in ENTITY_TYPES if t in mapped)

    @property
    def scored_labels(self) -> tuple[str, ...]:
        return tuple(label for label, t in self.labels.items() if t is not None)

    @property
    def dropped_labels(self) -> tuple[str, ...]:
        return tuple(label for label, t in self.labels.items() if t is None)

    def gold_type(self, label: str) -> str | None:
        """Our type for a gold label; labels the map does not list are dropped."""
        return self.labels.get(label)

    def predicted_type(self, etype: str) -> str | None:
        """A predicted type after the merges, or None when the benchmark cannot score it."""
        etype = self.merge_predicted.get(etype, etype)
        return etype if etype in self.scored_types else None


@dataclass(frozen=True)
class LabelMaps:
    """Everything in the data file, validated."""

    benchmarks: tuple[Benchmark, ...]
    spacy_labels: dict[str, str | None]
    detokeniser: Detokeniser


def _type_map(where: str, raw: Any) -> dict[str, str | None]:
    if not isinstance(raw, dict) or not raw:
        raise ConfigError(f"{DATA_FILE}: {where} must be a non-empty mapping")
    out: dict[str, str | None] = {}
    for label, etype in raw.items():
        if etype is not None and etype not in ENTITY_TYPES:
            raise ConfigError(f"{DATA_FILE}: {where}.{label} maps to unknown type {etype!r}")
        out[str(label)] = etype
    if all(t is None for t in out.values()):
        raise ConfigError(f"{DATA_FILE}: {where} maps nothing to a newsgraph type")
    return out


def _benchmark(raw: dict[str, Any]) -> Benchmark:
    for key in ("name", "title", "path", "labels"):
        if key not in raw:
            raise ConfigError(f"{DATA_FILE}: a benchmark lacks {key!r}: {raw!r}")
    name = str(raw["name"])
    labels = _type_map(f"{name}.labels", raw["labels"])
    per_class = dict(raw.get("per_class") or {})
    for label in per_class:
        etype = labels.get(label)
        # A per-class figure is only ours to compute when no other label shares its type.
        if etype is None or sum(t == etype for t in labels.values()) != 1:
            raise ConfigError(f"{DATA_FILE}: {name}.per_class.{label} needs a type of its own")
    merge = dict(raw.get("merge_predicted") or {})
    for src, dst in merge.items():
        if src not in ENTITY_TYPES or dst not in ENTITY_TYPES:
            raise ConfigError(f"{DATA_FILE}: {name}.merge_predicted {src}->{dst} is not a type")
    return Benchmark(
        name=name,
        title=str(raw["title"]),
        path=str(raw["path"]),
        labels=labels,
        published=raw.get("published"),
        per_class=per_class,
        merge_predicted=merge,
        note=str(raw.get("note", "")),
    )


def load_label_maps(name: str = DATA_FILE) -> LabelMaps:
    """The bundled label maps, checked: known types only, unique names, per-class labels 1:1."""
    data = load_json(name)
    raw_benchmarks = data.get("benchmarks")
    if not isinstance(raw_benchmarks, list) or not raw_benchmarks:
        raise ConfigError(f"{name}: 'benchmarks' must be a non-empty list")
    benchmarks = tuple(_benchmark(b) for b in raw_benchmarks)
    names = Counter(b.name for b in benchmarks)
    if repeated := [n for n, count in names.items() if count > 1]:
        raise ConfigError(f"{name}: benchmark names repeat: {repeated}")
    return LabelMaps(
        benchmarks=benchmarks,
        spacy_labels=_type_map("spacy_label_map", data.get("spacy_label_map")),
        detokeniser=Detokeniser.from_data(data.get("detokenise") or {}),
    )


# -------------------------------------------------------------------------------- scoring
@dataclass
class Score:
    """Counts of one system on one benchmark, overall and per type and per gold label."""

    total: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=dict)
    label_found: Counter[str] = field(default_factory=Counter)
    label_total: Counter[str] = field(default_factory=Counter)
    fp_on_dropped_gold: int = 0
    misaligned: int = 0

    def add(
        self,
        gold: Iterable[tuple[int, int, str, str]],
        predicted: Iterable[Span],
        dropped_gold: Iterable[tuple[int, int]] = (),
    ) -> None:
        """One sentence: gold ``(start, end, type, label)`` against predicted spans, exactly."""
        gold_list = list(gold)
        gold_set = {(s, e, t) for s, e, t, _ in gold_list}
        pred_set = set(predicted)
        dropped = set(dropped_gold)
        for etype in {t for *_, t in gold_set} | {t for *_, t in pred_set}:
            g = {x for x in gold_set if x[2] == etype}
            p = {x for x in pred_set if x[2] == etype}
            counts = Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))
            self.per_type[etype] = self.per_type.get(etype, Counts()) + counts
            self.total = self.total + counts
        for s, e, t, label in gold_list:
            self.label_total[label] += 1
            self.label_found[label] += (s, e, t) in pred_set
        self.fp_on_dropped_gold += sum((s, e) in dropped for s, e, _ in pred_set - gold_set)

    def to_json(self) -> dict[str, Any]:
        return {
            **_figures(self.total),
            "per_type": {t: _figures(c) for t, c in sorted(self.per_type.items())},
            "recall_per_gold_label": {
                label: round(100 * self.label_found[label] / n, 2)
                for label, n in sorted(self.label_total.items())
            },
            "fp_on_dropped_gold": self.fp_on_dropped_gold,
            "misaligned_mentions": self.misaligned,
        }


def _figures(c: Counts) -> dict[str, Any]:
    return {
        "precision": round(100 * c.precision, 2),
        "recall": round(100 * c.recall, 2),
        "f1": round(100 * c.f1, 2),
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
    }


def micro_score(
    gold: Sequence[Iterable[Span]], predicted: Sequence[Iterable[Span]]
) -> tuple[Counts, dict[str, Counts]]:
    """Micro-averaged counts over sentences (counts are summed, never figures averaged)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted must have one entry per sentence")
    score = Score()
    for g, p in zip(gold, predicted, strict=True):
        score.add(((s, e, t, t) for s, e, t in g), p)
    return score.total, score.per_type


# ------------------------------------------------------------------------------ prediction
@dataclass(frozen=True)
class Prepared:
    """A sentence ready to run: rebuilt text, token offsets, gold spans with their labels."""

    text: str
    offsets: tuple[tuple[int, int], ...]
    gold: tuple[tuple[int, int, str], ...]  # token offsets and the benchmark's own label


@dataclass(frozen=True)
class Mentions:
    """Predicted character spans ``(start, end, type)`` of one sentence, before mapping."""

    spans: tuple[tuple[int, int, str], ...]


def prepare(sentences: Sequence[Sentence], detok: Detokeniser) -> list[Prepared]:
    out = []
    for sent in sentences:
        text, offsets = detok.join(sent.tokens)
        out.append(Prepared(text, offsets, tuple(bio_spans(sent.tags))))
    return out


def newsgraph_mentions(extractor: Extractor, texts: Sequence[str], prefix: str) -> list[Mentions]:
    """Our recogniser's mentions (every mention of every entity) for each text, in order."""
    articles = (Article(id=f"{prefix}:{i}", text=t) for i, t in enumerate(texts))
    return [
        Mentions(tuple((m.start, m.end, m.type) for e in ex.entities for m in e.mentions))
        for ex in extractor.pipe(articles, batch_size=64)
    ]


def spacy_mentions(
    extractor: Extractor, texts: Sequence[str], label_map: dict[str, str | None]
) -> list[Mentions]:
    """The backbone model's own NER on the same loaded pipeline, our components switched off."""
    ours = [c["name"] for c in extractor.config.components if c["name"] in extractor.nlp.pipe_names]
    nlp = extractor.nlp
    out = []
    with nlp.select_pipes(disable=ours):
        for doc in nlp.pipe(texts, batch_size=64):
            spans = []
            for ent in doc.ents:
                etype = label_map.get(ent.label_)
                if etype is not None:
                    spans.append((ent.start_char, ent.end_char, etype))
            out.append(Mentions(tuple(spans)))
    return out


def score_benchmark(
    bench: Benchmark, prepared: Sequence[Prepared], found: Sequence[Mentions]
) -> Score:
    """Map gold and predicted spans to our types and count exact matches."""
    score = Score()
    for sent, mentions in zip(prepared, found, strict=True):
        gold = []
        dropped = []
        for s, e, label in sent.gold:
            etype = bench.gold_type(label)
            if etype is None:
                dropped.append((s, e))
            else:
                gold.append((s, e, etype, label))
        predicted: set[Span] = set()
        for cs, ce, ctype in mentions.spans:
            etype = bench.predicted_type(ctype)
            if etype is None:
                continue
            tokens = char_span_to_tokens(sent.offsets, cs, ce)
            if tokens is None:
                continue
            first, last, widened = tokens
            score.misaligned += widened
            predicted.add((first, last, etype))
        score.add(gold, predicted, dropped)
    return score


# ----------------------------------------------------------------------------------- runs
def build_extractor() -> Extractor:
    """The bundled pipeline cut after ``ng_entities`` (what the recogniser sees in a full run,
    without the slower stages after it); no blank fallback, so a missing model is an error."""
    full = PipelineConfig.load()
    names = [c["name"] for c in full.components]
    if LAST_COMPONENT not in names:
        raise ConfigError(f"the bundled pipeline has no {LAST_COMPONENT!r} component")
    comps = list(full.components[: names.index(LAST_COMPONENT) + 1])
    config = PipelineConfig.load(components=comps, allow_blank_fallback=False)
    return Extractor(config)


def run(
    shared: Path,
    limit: int | None = None,
    extractor: Extractor | None = None,
    maps: LabelMaps | None = None,
) -> dict[str, Any]:
    """Every benchmark whose file is present under ``shared/benchmarks``: figures as a dict."""
    maps = maps or load_label_maps()
    started = time.perf_counter()
    extractor = extractor or build_extractor()
    load_seconds = time.perf_counter() - started
    folder = shared / "benchmarks"
    # One run per file: a variant that re-scores the same file reuses the predictions.
    cache: dict[str, tuple[list[Prepared], list[Mentions], list[Mentions], dict[str, Any]]] = {}
    results = []
    missing = []
    for bench in maps.benchmarks:
        path = folder / bench.path
        if bench.path in missing:
            continue
        if bench.path not in cache:
            if not path.is_file():
                missing.append(bench.path)
                continue
            prepared = prepare(read_conll(path)[:limit], maps.detokeniser)
            texts = [p.text for p in prepared]
            t0 = time.perf_counter()
            ours = newsgraph_mentions(extractor, texts, bench.name)
            t1 = time.perf_counter()
            theirs = spacy_mentions(extractor, texts, maps.spacy_labels)
            t2 = time.perf_counter()
            seconds = {"newsgraph": round(t1 - t0, 2), "spacy": round(t2 - t1, 2)}
            cache[bench.path] = (prepared, ours, theirs, seconds)
            reused = False
        else:
            reused = True
        prepared, ours, theirs, seconds = cache[bench.path]
        ng = score_benchmark(bench, prepared, ours)
        sp = score_benchmark(bench, prepared, theirs)
        results.append(
            {
                "name": bench.name,
                "title": bench.title,
                "file": bench.path,
                "sentences": len(prepared),
                "gold_entities": sum(ng.label_total.values()),
                "scored_types": list(bench.scored_types),
                "scored_labels": list(bench.scored_labels),
                "dropped_labels": list(bench.dropped_labels),
                "label_map": bench.labels,
                "merge_predicted": bench.merge_predicted,
                "note": bench.note,
                "newsgraph": ng.to_json(),
                "spacy": sp.to_json(),
                "published": bench.published,
                "per_class": {
                    label: {
                        "type": bench.labels[label],
                        "newsgraph_f1": _type_f1(ng, bench.labels[label]),
                        "spacy_f1": _type_f1(sp, bench.labels[label]),
                        "published": figure,
                    }
                    for label, figure in bench.per_class.items()
                },
                "seconds": {**seconds, "reused_predictions": reused},
            }
        )
    return {
        "model": extractor.config.model,
        "components": [c["name"] for c in extractor.config.components],
        "limit": limit,
        "benchmarks": results,
        "missing": missing,
        "spacy_label_map": maps.spacy_labels,
        "seconds": {
            "load": round(load_seconds, 2),
            "total": round(time.perf_counter() - started, 2),
        },
    }


def _type_f1(score: Score, etype: str | None) -> float:
    counts = score.per_type.get(etype or "", Counts())
    return round(100 * counts.f1, 2)


# ---------------------------------------------------------------------------------- output
def _prf(fig: dict[str, Any]) -> str:
    return f"{fig['precision']:.1f} / {fig['recall']:.1f} / [bold]{fig['f1']:.1f}[/bold]"


def _rows(result: dict[str, Any]) -> Iterator[list[str]]:
    for b in result["benchmarks"]:
        pub = b["published"]
        yield [
            b["title"],
            f"{len(b['scored_labels'])} of {len(b['label_map'])} → {' '.join(b['scored_types'])}",
            str(b["sentences"]),
            str(b["gold_entities"]),
            _prf(b["newsgraph"]),
            _prf(b["spacy"]),
            f"{pub['f1']:.1f} {pub['system']} *" if pub else "-",
        ]
        for label, pc in b["per_class"].items():
            pub_pc = pc["published"]
            counts = b["newsgraph"]["per_type"].get(pc["type"], {})
            yield [
                f"  └ {label} only",
                f"{label} → {pc['type']}",
                "",
                str(counts.get("tp", 0) + counts.get("fn", 0)),
                f"F1 [bold]{pc['newsgraph_f1']:.1f}[/bold]",
                f"F1 [bold]{pc['spacy_f1']:.1f}[/bold]",
                f"{pub_pc['f1']:.1f} {pub_pc['system']}",
            ]


def footnote(result: dict[str, Any]) -> list[str]:
    """The label maps and the caveats, printed under the table."""
    lines = ["Label maps (benchmark label → newsgraph type; '-' = dropped from gold):"]
    seen: set[str] = set()
    for b in result["benchmarks"]:
        key = json.dumps([b["label_map"], b["merge_predicted"]], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        mapped = ", ".join(f"{k}→{v or '-'}" for k, v in b["label_map"].items())
        extra = f"; our {', '.join(f'{k}→{v}' for k, v in b['merge_predicted'].items())}"
        lines.append(f"  {b['title']}: {mapped}{extra if b['merge_predicted'] else ''}")
    spacy_map = ", ".join(f"{k}→{v}" for k, v in result["spacy_label_map"].items() if v)
    lines += [
        f"  spaCy NER: {spacy_map}; every other label dropped.",
        "Scoring: micro P/R/F1 over exact (token start, end, type) spans on the mapped labels; "
        "predictions of a type the benchmark has no label for are dropped; a prediction on a "
        "dropped gold span (genre, misc, product) counts as a false positive.",
        "* Not directly comparable: the CrossNER figures (GLiNER-L, zero-shot) are over ALL "
        "labels of each domain, ours over the mapped subset; the WNUT-17 figure is over all 6 "
        "classes, and the 2017 systems were trained on WNUT data. The class rows compare like "
        "with like (exact span and type, one class).",
    ]
    for b in result["benchmarks"]:
        if b["published"]:
            pub = b["published"]
            lines.append(f"  {b['title']}: {pub['f1']} = {pub['system']}, {pub['scope']}.")
    for b in result["benchmarks"]:
        if b["note"]:
            lines.append(f"  {b['title']}: {b['note']}.")
    widened = {
        system: sum(
            b[system]["misaligned_mentions"]
            for b in result["benchmarks"]
            if not b["seconds"]["reused_predictions"]
        )
        for system in ("newsgraph", "spacy")
    }
    lines.append(
        "Mentions starting or ending inside a token, widened to whole tokens: "
        f"newsgraph {widened['newsgraph']}, spaCy {widened['spacy']} (all files)."
    )
    if result["missing"]:
        lines.append(f"Missing, skipped: {', '.join(result['missing'])}")
    secs = result["seconds"]
    per = ", ".join(
        f"{b['name']} {b['seconds']['newsgraph']:.1f} + {b['seconds']['spacy']:.1f}"
        for b in result["benchmarks"]
        if not b["seconds"]["reused_predictions"]
    )
    lines.append(
        f"Runtime: {secs['total']:.1f} s in all (model load {secs['load']:.1f} s; "
        f"newsgraph + spaCy seconds per file: {per})."
    )
    return lines


def print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    limit = f", first {result['limit']} sentences each" if result["limit"] else ""
    table = Table(
        title=f"NER benchmarks, test splits{limit}: P / R / F1 (%)",
        caption=f"newsgraph = {' + '.join(result['components'])} on {result['model']}",
    )
    for name in ("benchmark", "labels scored", "sent.", "gold ents"):
        table.add_column(name, overflow="fold")
    table.add_column("newsgraph P / R / F1", justify="right")
    table.add_column("bare spaCy NER P / R / F1", justify="right")
    table.add_column("published F1 (see note)", overflow="fold")
    for row in _rows(result):
        table.add_row(*row)
    # Wide enough for the seven columns even when the output is piped to a file.
    console = Console(width=max(Console().width, 150))
    console.print(table)
    for line in footnote(result):
        console.print(line, highlight=False, markup=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each set")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    try:
        result = run(args.shared, limit=args.limit)
    except NewsgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 5 if not isinstance(exc, MalformedInput) else 1
    if not result["benchmarks"]:
        print(f"error: no benchmark file found under {args.shared / 'benchmarks'}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

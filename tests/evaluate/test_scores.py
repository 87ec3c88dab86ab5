from __future__ import annotations

import pytest

from newsgraph.evaluate.scores import Counts, Ratio


def test_scores_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_scores_counts_zero_denominators() -> None:
    assert Counts().f1 == 1.0  # nothing to find, nothing claimed
    assert Counts(fn=2).precision == 0.0
    assert Counts(fn=2).f1 == 0.0
    assert Counts(fp=2).recall == 0.0
    assert Counts(fp=2).f1 == 0.0


def test_scores_counts_and_ratios_add_for_micro_average() -> None:
    assert Counts(1, 2, 3) + Counts(10, 20, 30) == Counts(11, 22, 33)
    assert Ratio(1, 2) + Ratio(0, 2) == Ratio(1, 4)
    assert Ratio(1, 4).value == 0.25
    assert Ratio().value == 0.0

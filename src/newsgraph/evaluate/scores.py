"""Count containers: every figure is derived from integer counts so that articles sum exactly.

Micro-averaging over articles is done by adding counts (``Counts + Counts``), never by averaging
per-article figures.

Zero denominators: a task with nothing to find and nothing predicted scores P = R = F1 = 1.0 (no
mistake was made); any other zero denominator gives 0.0. A :class:`Ratio` with nothing measured
(``total == 0``) is 0.0, so that an extractor that finds nothing can never pass a floor.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Counts", "Ratio"]


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one task."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class Ratio:
    """``hits`` out of ``total`` (alias recall, date accuracy, QA accuracy)."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

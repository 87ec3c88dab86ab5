"""Whether two counts contradict each other: the pure half of ``newsgraph conflicts`` for counts.

Two counts are compared only when they say the same thing about the same subject: equal subject,
quantity, qualifier and unit (:meth:`~newsgraph.model.Count.key`); "1.2 million copies in its
first week" and "1.5 million copies" are different facts. Each count stands for a range of true
values, and two counts conflict when their ranges cannot meet:

- ``exact``: the value give or take half its written precision, ``[v - p/2, v + p/2)``, so
  "1.2 million" covers 1,234,567 but not 1.3 million;
- ``at_least`` ("more than 1 million", "topped 300 million streams"): ``[v, +inf)``;
- ``at_most`` ("up to", "fewer than"): ``(-inf, v]``;
- ``about`` ("nearly", "some"): ``v`` give or take 10 % (or half the precision, if wider).

Time matters for quantities that change (``kind`` in ``data/counts.json``): a ``fixed`` quantity
(episodes, tracks) or one pinned by its qualifier ("first week", "debut") is compared as is; a
running total (``grows``: streams, box office, age) may be larger later, so it conflicts across
dates only when the earlier figure is surely above the later one, and a ``varies`` quantity
(a chart position, members) only when both were stated on the same date or in the same article.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsgraph.model import Count
from newsgraph.nlp.counts import counts_lexicon

# Half-width of an "about" count, as a share of its value.
ABOUT_SHARE = 0.1


@dataclass(frozen=True)
class ValueRange:
    """The true values a count allows: from ``lo`` to ``hi``, each end open or closed."""

    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    def meets(self, other: ValueRange) -> bool:
        """Whether the two ranges share at least one value."""
        if self.lo > other.lo or (self.lo == other.lo and not self.lo_closed):
            lo, lo_closed = self.lo, self.lo_closed
        else:
            lo, lo_closed = other.lo, other.lo_closed
        if self.hi < other.hi or (self.hi == other.hi and not self.hi_closed):
            hi, hi_closed = self.hi, self.hi_closed
        else:
            hi, hi_closed = other.hi, other.hi_closed
        return lo < hi or (lo == hi and lo_closed and hi_closed)


def value_range(count: Count) -> ValueRange:
    """The range of true values a count allows, given its bound and written precision."""
    value = float(count.value)
    half = float(count.precision) / 2
    if count.bound == "at_least":
        return ValueRange(value, math.inf)
    if count.bound == "at_most":
        return ValueRange(-math.inf, value)
    if count.bound == "about":
        width = max(half, abs(value) * ABOUT_SHARE)
        return ValueRange(value - width, value + width)
    return ValueRange(value - half, value + half, hi_closed=half == 0)


def _pinned(count: Count) -> bool:
    """A qualifier such as "first week" or "debut" fixes a running total to one moment."""
    fixed = counts_lexicon().fixed_qualifiers
    parts = (count.qualifier or "").split("; ")
    return any(part.split(" ", 1)[0] in fixed for part in parts if part)


def _articles(count: Count) -> set[str]:
    return {e.article_id for e in count.evidence if e.article_id}


def _same_time(a: Count, b: Count) -> bool:
    if a.as_of is not None and a.as_of == b.as_of:
        return True
    return bool(_articles(a) & _articles(b))


def counts_conflict(a: Count, b: Count) -> bool:
    """Whether ``a`` and ``b`` state incompatible values for the same fact (symmetric)."""
    if a.key() != b.key():
        return False
    spec = counts_lexicon().quantities.get(a.quantity)
    kind = spec.kind if spec is not None else "fixed"
    ra, rb = value_range(a), value_range(b)
    if kind == "fixed" or (_pinned(a) and _pinned(b)) or _same_time(a, b):
        return not ra.meets(rb)
    if kind == "varies" or a.as_of is None or b.as_of is None:
        return False
    # a running total never shrinks: the earlier count must allow a value at most the later's
    earlier, later = (ra, rb) if a.as_of < b.as_of else (rb, ra)
    floor_later = ValueRange(-math.inf, later.hi, hi_closed=later.hi_closed)
    return not earlier.meets(floor_later)


__all__ = ["ABOUT_SHARE", "ValueRange", "counts_conflict", "value_range"]

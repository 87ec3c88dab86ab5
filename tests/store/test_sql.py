"""The store's IN-list batching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.store.sql import in_batches


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=50))
def test_in_batches_keeps_every_value_in_order_and_bounds_each_batch(
    values: list[int], size: int
) -> None:
    batches = list(in_batches(values, size))
    assert [v for batch in batches for v in batch] == values
    assert all(1 <= len(batch) <= size for batch in batches)

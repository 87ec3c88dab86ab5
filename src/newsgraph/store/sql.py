"""Small SQL helpers shared by the store's reader and writer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

__all__ = ["in_batches"]

T = TypeVar("T")


def in_batches(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most ``size``: an ``IN (...)`` list stays under the bound
    parameter limits of SQLite and PostgreSQL however many ids a query is given."""
    for start in range(0, len(values), size):
        yield values[start : start + size]

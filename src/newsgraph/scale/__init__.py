"""Scale out and hold up: the ingest loop, Dask extraction, and screens before extraction.

``run_ingest`` is the one loop every ingest goes through (``api.ingest`` calls it), with a
:class:`LocalExecutor` in this process or a Dask executor (``newsgraph[dask]``) from
:func:`dask_executor`; a single writer in the main process stores results in input order, so the
graph does not depend on how many workers extracted it.
"""

from __future__ import annotations

from newsgraph.errors import ConfigError
from newsgraph.scale.runner import (
    BatchExecutor,
    LocalExecutor,
    Report,
    extract_batch,
    run_ingest,
)
from newsgraph.scale.screen import not_english

__all__ = [
    "BatchExecutor",
    "LocalExecutor",
    "Report",
    "dask_executor",
    "extract_batch",
    "not_english",
    "run_ingest",
]


def dask_executor(
    *, workers: int | None = None, scheduler: str | None = None, config_path: str | None = None
) -> BatchExecutor:
    """A Dask executor: ``workers`` local processes on 127.0.0.1, or the cluster at
    ``scheduler`` (``tcp://host:port``). Raises ConfigError when Dask is not installed."""
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    try:
        from newsgraph.scale._dask import DaskExecutor
    except ImportError as exc:
        raise ConfigError(
            'distributed ingest needs Dask: install newsgraph[dask] (pip install "newsgraph[dask]")'
        ) from exc
    return DaskExecutor(workers=workers, scheduler=scheduler, config_path=config_path)

"""Extraction on a Dask cluster: a LocalCluster on 127.0.0.1, or an existing scheduler.

Imported only when ``--workers``/``--scheduler`` is asked for, so newsgraph runs without Dask.
The pipeline is built once per worker (the :class:`ExtractorPlugin` warms the process-wide
``api.extractor`` cache as the worker starts, so the first batches do not all pile onto the one
worker that happens to be warm), and batches of about 100 articles keep the task overhead small.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin

from newsgraph.errors import ConfigError
from newsgraph.scale.runner import DASK_BATCH, Batch, Result, extract_batch

log = logging.getLogger(__name__)


class ExtractorPlugin(WorkerPlugin):
    """Loads the pipeline on each worker as it joins (a new worker of a running cluster too)."""

    name = "newsgraph-extractor"

    def __init__(self, config_path: str | None = None) -> None:
        self.config_path = config_path

    def setup(self, worker: Any) -> None:
        from newsgraph import api

        api.extractor(self.config_path)


class DaskExecutor:
    """Batches go out as tasks; results come back in submission order, with at most
    ``window`` batches in flight so memory stays bounded on a long input."""

    def __init__(
        self,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        config_path: str | None = None,
        batch_size: int = DASK_BATCH,
        window: int | None = None,
    ) -> None:
        self.config_path = config_path
        self.batch_size = batch_size
        self._cluster: LocalCluster | None = None
        try:
            if scheduler:
                # distributed leaves Client/LocalCluster.__init__ unannotated. The connect
                # timeout is Dask's own setting (distributed.comm.timeouts.connect).
                self._client = Client(scheduler)  # type: ignore[no-untyped-call]
            else:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers or 1,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
            self.close()
            where = scheduler or "a local cluster"
            raise ConfigError(f"cannot start Dask on {where}: {exc}") from exc
        self._client.register_plugin(ExtractorPlugin(config_path))
        n_workers = len(self._client.scheduler_info().get("workers", {})) or 1
        self.window = window or 2 * n_workers + 1

    def map_batches(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        flight: deque[tuple[Batch, Future[list[Result]]]] = deque()
        for batch in batches:
            future = self._client.submit(extract_batch, batch, self.config_path, pure=False)
            flight.append((batch, future))
            if len(flight) >= self.window:
                done, pending = flight.popleft()
                yield done, pending.result()
        while flight:
            done, pending = flight.popleft()
            yield done, pending.result()

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

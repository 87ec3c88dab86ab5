"""The ingest loop, shared by the single-process and the Dask runs so both build the same graph.

The main process reads inputs, screens them (stored already? English? a copy of a stored
article?), sends fresh articles in batches to an executor, and is the ONE writer: results come
back in input order and each article is stored in its own transaction. A killed run therefore
loses at most the batches in flight; running it again skips what was stored and finishes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from newsgraph.errors import InputError
from newsgraph.ingest.dedup import Deduplicator
from newsgraph.model import Article, Extraction, Skip
from newsgraph.scale.screen import not_english
from newsgraph.store import GraphStore

Result = Extraction | Skip
Batch = list[Article]
Progress = Callable[[int, int | None], None]

LOCAL_BATCH = 32
DASK_BATCH = 100

__all__ = ["BatchExecutor", "LocalExecutor", "Report", "extract_batch", "run_ingest"]


class Report(Protocol):
    """The counters :func:`run_ingest` fills (``api.IngestReport`` has them)."""

    read: int
    added: int
    unchanged: int
    skipped: list[Skip]


class BatchExecutor(Protocol):
    """Runs :func:`extract_batch` over batches and hands back each batch with its results,
    in the order the batches were given."""

    batch_size: int

    def map_batches(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]: ...

    def close(self) -> None: ...


def extract_batch(articles: Batch, config_path: str | None = None) -> list[Result]:
    """Extract a batch with the process's pipeline (built once per process or Dask worker).

    One ``nlp.pipe`` over the batch; when an article raises an InputError (too long...), the
    batch is run again one article at a time so only that article becomes a Skip. A ConfigError
    or ModelError is not about one article: it stops the run instead of skipping every article.
    """
    from newsgraph import api

    nlp = api.extractor(config_path)
    try:
        return list(nlp.pipe(articles))
    except InputError:
        pass
    results: list[Result] = []
    for article in articles:
        try:
            results.append(nlp.extract(article))
        except InputError as exc:
            results.append(Skip(article.source or article.id, exc.code, exc.reason))
    return results


class LocalExecutor:
    """Extraction in this process, one batch at a time (lazy: reading keeps pace with storing)."""

    def __init__(self, config_path: str | None = None, batch_size: int = LOCAL_BATCH) -> None:
        self.config_path = config_path
        self.batch_size = batch_size

    def map_batches(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        for batch in batches:
            yield batch, extract_batch(batch, self.config_path)

    def close(self) -> None:
        """Nothing to release."""


def run_ingest(
    items: Iterable[Article | Skip],
    *,
    store: GraphStore,
    report: Report,
    executor: BatchExecutor,
    dedup: Deduplicator | None = None,
    screen_language: bool = True,
    progress: Progress | None = None,
) -> None:
    """Ingest ``items`` (from ``read_inputs``) into ``store``, filling ``report``.

    Skips: the reader's (bad input), NG007 (not English), NG008 (a near-duplicate of an article
    admitted earlier: counted once), and extraction failures. Articles count as ``read`` whether
    they were stored, found already stored, or skipped after reading.
    """
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, None)

    def skip(item: Skip) -> None:
        report.skipped.append(item)
        store.record_skip(item)
        tick()

    def fresh_batches() -> Iterator[Batch]:
        batch: Batch = []
        for item in items:
            if isinstance(item, Skip):
                skip(item)
                continue
            report.read += 1
            if store.has_article(item.id):
                report.unchanged += 1
                if dedup is not None:
                    dedup.remember(item)
                tick()
                continue
            refused = not_english(item) if screen_language else None
            if refused is not None:
                skip(refused)
                continue
            if dedup is not None:
                match = dedup.check(item)
                if match is not None:
                    skip(dedup.skip_for(item, match))
                    continue
                dedup.admit(item)
            batch.append(item)
            if len(batch) >= executor.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    for batch, results in executor.map_batches(fresh_batches()):
        for article, result in zip(batch, results, strict=True):
            if isinstance(result, Skip):
                report.skipped.append(result)
                store.record_skip(result)
                if dedup is not None:
                    dedup.forget(article.id)
            else:
                if store.add_extraction(result):
                    report.added += 1
                else:
                    report.unchanged += 1
                if dedup is not None:
                    dedup.persist(article.id)
            tick()

"""The Python API: every surface (CLI, HTTP, scripts) calls these functions and nothing deeper.

    >>> from newsgraph import api
    >>> report = api.ingest(["articles/"], db="graph.db")
    >>> api.ask("Why did V take the role?", db="graph.db").answers

Functions take plain paths and strings, load the NLP pipeline once per process, and never raise
for bad input articles: those come back as :class:`~newsgraph.model.Skip` records.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.ingest import read_article_bytes, read_inputs
from newsgraph.model import Article, Extraction, Skip
from newsgraph.query import Answer
from newsgraph.query import ask as _ask
from newsgraph.store import GraphStore

if TYPE_CHECKING:
    from newsgraph.scale import BatchExecutor

__all__ = [
    "IngestReport",
    "ask",
    "bundled_samples",
    "conflicts",
    "evaluate",
    "explain",
    "export",
    "extract",
    "extractor",
    "ingest",
    "ingest_bytes",
    "merge",
    "migrate",
    "open_store",
    "show",
    "split",
    "stats",
]

Progress = Callable[[int, int | None], None]
"""Called with (articles done, total or None) as a batch advances."""


def extractor(config_path: str | None = None) -> Any:
    """The NLP pipeline, built once per process and config (``extractor()`` and
    ``extractor(None)`` are the same one)."""
    return _extractor_for(config_path)


@cache
def _extractor_for(config_path: str | None) -> Any:
    from newsgraph.nlp.pipeline import Extractor, PipelineConfig

    return Extractor(PipelineConfig.load(config_path))


def open_store(db: str) -> GraphStore:
    """The graph at ``db``: a SQLite file path or an SQLAlchemy URL."""
    return GraphStore(db)


def migrate(*, db: str) -> dict[str, Any]:
    """Bring the graph at ``db`` to the newest schema revision (opening it does this too; this
    says what was done). Returns ``db`` (password hidden), ``dialect``, ``from`` (None for a new
    database) and ``to``. Raises StorageError for a database newer than this newsgraph, or one
    made before migrations that cannot be adopted."""
    store = open_store(db)
    try:
        return {
            "db": store.shown_url,
            "dialect": store.dialect,
            "from": store.revision_before,
            "to": store.revision,
        }
    finally:
        store.close()


def bundled_samples() -> Path:
    """The folder of sample articles shipped with newsgraph (written for it, CC0)."""
    return Path(__file__).resolve().parent / "data" / "samples"


def extract(
    inputs: Iterable[str | Path], *, config_path: str | None = None
) -> Iterator[Extraction | Skip]:
    """Extract every article found in ``inputs``; bad inputs and failures come back as Skips."""
    nlp = extractor(config_path)
    for item in read_inputs(inputs):
        if isinstance(item, Skip):
            yield item
            continue
        try:
            yield nlp.extract(item)
        except NewsgraphError as exc:
            yield Skip(item.source or item.id, exc.code, exc.reason)


@dataclass
class IngestReport:
    """What an ingest run did: counts, and every skip with its reason."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "unchanged": self.unchanged,
            "skipped": [
                {"source": s.source, "code": s.code, "reason": s.reason} for s in self.skipped
            ],
        }


def ingest(
    inputs: Iterable[str | Path],
    *,
    db: str,
    config_path: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestReport:
    """Add the articles in ``inputs`` to the graph at ``db``; re-ingesting changes nothing.

    Each article is written in one transaction, so a crash never leaves half an article.
    Non-English articles (NG007) and near-duplicates of articles already admitted (NG008, a
    syndicated copy counts as one source) are skipped. ``workers`` (local processes) or
    ``scheduler`` (``tcp://host:port``) extract on Dask (``newsgraph[dask]``); the graph is the
    same as a single-process run's.
    """
    from newsgraph.scale import LocalExecutor, dask_executor

    if workers is not None or scheduler is not None:
        executor: BatchExecutor = dask_executor(
            workers=workers, scheduler=scheduler, config_path=config_path
        )
    else:
        executor = LocalExecutor(config_path)
    return _ingest_items(read_inputs(inputs), db=db, executor=executor, progress=progress)


def ingest_bytes(
    data: bytes,
    *,
    name: str,
    db: str,
    kind: str | None = None,
    url: str = "",
    config_path: str | None = None,
) -> IngestReport:
    """Add the articles in ``data`` (an upload, a posted page or feed) to the graph at ``db``.

    ``kind`` is one of ``INPUT_KINDS`` (else the content is sniffed); ``name`` becomes the
    articles' source. As :func:`ingest`: bad input, non-English articles and near-duplicates
    come back as skips, one transaction an article.
    """
    from newsgraph.scale import LocalExecutor

    items = read_article_bytes(data, name=name, kind=kind, url=url)
    return _ingest_items(items, db=db, executor=LocalExecutor(config_path))


def _ingest_items(
    items: Iterable[Article | Skip],
    *,
    db: str,
    executor: BatchExecutor,
    progress: Progress | None = None,
) -> IngestReport:
    """The one ingest loop behind :func:`ingest` and :func:`ingest_bytes`; closes ``executor``."""
    from newsgraph.ingest.dedup import Deduplicator
    from newsgraph.scale import run_ingest

    report = IngestReport()
    try:
        store = open_store(db)
        try:
            run_ingest(
                items,
                store=store,
                report=report,
                executor=executor,
                dedup=Deduplicator.for_db(db),
                progress=progress,
            )
        finally:
            store.close()
    finally:
        executor.close()
    return report


def export(
    *,
    db: str,
    format: str = "json",
    output: str | Path | None = None,
    base_iri: str | None = None,
    notes: Callable[[str], None] | None = None,
) -> dict[str, Any] | str | list[Path]:
    """The whole graph in an export format (see ``newsgraph.export.FORMATS``).

    Without ``output``: ``json`` returns the contract of ``gold/SCHEMA.md`` as a dict, the other
    text formats (jsonld, turtle, graphml, quickstatements) return their text, and ``csv``
    (several files) raises ConfigError. With ``output``: writes the file (``csv``: a folder, or a
    zip when the path ends in ``.zip``) and returns the list of paths written. ``base_iri`` is
    the RDF base of our ids; ``notes`` receives one-line remarks such as what was skipped.
    """
    from newsgraph.export import DEFAULT_BASE, export_store
    from newsgraph.export.formats import check_format

    check_format(format)
    store = open_store(db)
    try:
        if format == "json" and output is None:
            return store.export_json()
        return export_store(store, format, output, base=base_iri or DEFAULT_BASE, notes=notes)
    finally:
        store.close()


def ask(question: str, *, db: str) -> Answer:
    """Answer a question from the graph at ``db``, with the sentences that support it."""
    store = open_store(db)
    try:
        return _ask(store, question)
    finally:
        store.close()


def stats(*, db: str) -> dict[str, Any]:
    """Counts of what the graph holds, and of skipped inputs by reason code."""
    store = open_store(db)
    try:
        return store.stats()
    finally:
        store.close()


def show(*, db: str, entity: str) -> dict[str, Any]:
    """The profile of one entity (an id, or a name resolved through the aliases): aliases, types,
    external ids, relations both ways with their support, a timeline, reasons, and sources.
    Raises QueryError when nothing in the graph has that id or name."""
    store = open_store(db)
    try:
        profile = store.show(entity)
    finally:
        store.close()
    if profile is None:
        raise QueryError(f"no entity {entity!r} in the graph")
    return profile


def explain(*, db: str, entity: str) -> dict[str, Any]:
    """Why an entity holds each of its article-local entities (the merge rule and its evidence),
    and the user decisions about it. Raises QueryError when there is no such entity."""
    store = open_store(db)
    try:
        found = store.explain(entity)
    finally:
        store.close()
    if found is None:
        raise QueryError(f"no entity {entity!r} in the graph")
    return found


def conflicts(*, db: str) -> list[dict[str, Any]]:
    """Where sources disagree: an event on different dates, a single-valued role held by
    different people, a count that differs (members, copies sold...); each with its sides and
    their sources."""
    store = open_store(db)
    try:
        return [c.to_json() for c in store.conflicts()]
    finally:
        store.close()


def merge(first: str, second: str, *, db: str, note: str = "") -> bool:
    """Decide that two entities are one. The decision is stored and applied on every later
    ingest and rebuild; returns whether the graph changed."""
    store = open_store(db)
    try:
        return store.merge_entities(first, second, note=note)
    finally:
        store.close()


def split(
    entity: str,
    *,
    db: str,
    alias: str | None = None,
    article: str | None = None,
    note: str = "",
) -> bool:
    """Decide that what ``entity`` holds under ``alias`` (or from ``article``) is another entity.
    The decision is stored and applied on every later ingest and rebuild."""
    store = open_store(db)
    try:
        return store.split_entity(entity, alias=alias, article=article, note=note)
    finally:
        store.close()


def _article_from_gold(fields: dict[str, Any]) -> Article:
    published = fields.get("published")
    return Article(
        id=str(fields["id"]),
        text=str(fields["text"]),
        url=str(fields.get("url") or ""),
        title=str(fields.get("title") or ""),
        published=date.fromisoformat(published) if published else None,
    )


def evaluate(
    gold_dir: str | Path,
    *,
    config_path: str | None = None,
    graph: bool = True,
    progress: Progress | None = None,
) -> Any:
    """Score extraction on every gold article, then (``graph=True``) ingest them all into a
    temporary graph and score the cross-article merge and the answers to the gold questions."""
    from newsgraph.evaluate import evaluate as _evaluate

    nlp = extractor(config_path)
    extractions: list[Extraction] = []

    def run(fields: dict[str, Any]) -> dict[str, Any]:
        extraction = nlp.extract(_article_from_gold(fields))
        extractions.append(extraction)
        if progress is not None:
            progress(len(extractions), None)
        result: dict[str, Any] = extraction.to_json()
        return result

    if not graph:
        return _evaluate(gold_dir, run)
    with tempfile.TemporaryDirectory(prefix="newsgraph-eval-") as tmp:
        db = str(Path(tmp) / "eval.db")
        # Extraction runs first (scored as it goes); the graph is built from the same results.
        from newsgraph.evaluate import load_gold

        for article in load_gold(gold_dir):
            run(article.article)
        store = open_store(db)
        try:
            for extraction in extractions:
                store.add_extraction(extraction)
            graph_export = store.export_json()
            cached = {e.article.id: e.to_json() for e in extractions}
            return _evaluate(
                gold_dir,
                lambda fields: cached[str(fields["id"])],
                graph_export=graph_export,
                ask=lambda q: _ask(store, q).to_json(),
            )
        finally:
            store.close()

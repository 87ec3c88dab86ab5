"""The shared ingest loop: one writer, input order, skips with reasons, copies counted once."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsgraph import api
from newsgraph.ingest.dedup import Deduplicator
from newsgraph.model import Article, Extraction, Skip
from newsgraph.nlp.pipeline import Extractor
from newsgraph.scale import LocalExecutor, extract_batch, run_ingest
from newsgraph.scale.runner import Batch, Result
from newsgraph.store import GraphStore


class FakeExecutor:
    """Stands in for the NLP: an empty extraction per article, a Skip for text saying FAIL."""

    def __init__(self, batch_size: int = 2) -> None:
        self.batch_size = batch_size
        self.batches: list[list[str]] = []

    def map_batches(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        for batch in batches:
            self.batches.append([a.id for a in batch])
            results: list[Result] = [
                Skip(a.source, "NG000", "failed") if "FAIL" in a.text else Extraction(article=a)
                for a in batch
            ]
            yield batch, results

    def close(self) -> None:
        pass


def art(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt")


def run(store: GraphStore, items: list[Article | Skip], **kwargs: object) -> api.IngestReport:
    report = api.IngestReport()
    executor = FakeExecutor()
    run_ingest(items, store=store, report=report, executor=executor, **kwargs)  # type: ignore[arg-type]
    return report


def test_runner_counts_skips_and_stores_in_input_order(
    texts: dict[str, str], tmp_path: Path
) -> None:
    progress: list[int] = []
    items: list[Article | Skip] = [
        art("a", texts["wire"]),
        Skip("bad.bin", "NG003", "binary content"),
        art("b", texts["other"]),
        art("c", "FAIL " + texts["rewrite"]),
        art("d", texts["copy"]),
        art("e", texts["korean"]),
        art("f", texts["spanish"]),
    ]
    with GraphStore(str(tmp_path / "g.db")) as store:
        report = run(
            store,
            items,
            dedup=Deduplicator.for_db(str(tmp_path / "g.db")),
            progress=lambda done, total: progress.append(done),
        )
        assert (report.read, report.added, report.unchanged) == (6, 2, 0)
        codes = {s.source: s.code for s in report.skipped}
        assert codes == {
            "bad.bin": "NG003",
            "c.txt": "NG000",
            "d.txt": "NG008",
            "e.txt": "NG007",
            "f.txt": "NG007",
        }
        assert store.stats()["skips"] == {"NG000": 1, "NG003": 1, "NG007": 2, "NG008": 1}
        assert store.has_article("a") and store.has_article("b")
    assert progress == list(range(1, 8))


def test_runner_second_run_changes_nothing(texts: dict[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    items: list[Article | Skip] = [
        art("a", texts["wire"]),
        art("b", texts["other"]),
        art("d", texts["copy"]),
    ]
    with GraphStore(db) as store:
        run(store, items, dedup=Deduplicator.for_db(db))
        again = run(store, items, dedup=Deduplicator.for_db(db))
    assert (again.read, again.added, again.unchanged) == (3, 0, 2)
    assert [s.code for s in again.skipped] == ["NG008"]


def test_runner_recovers_a_signature_lost_by_a_killed_run(
    texts: dict[str, str], tmp_path: Path
) -> None:
    """Stored, but the run died before saving the signature: the copy is still caught later."""
    db = str(tmp_path / "g.db")
    with GraphStore(db) as store:
        run(store, [art("a", texts["wire"])], dedup=None)  # as if the sidecar write never happened
        report = run(
            store, [art("a", texts["wire"]), art("d", texts["copy"])], dedup=Deduplicator.for_db(db)
        )
    assert [s.code for s in report.skipped] == ["NG008"]
    assert "a" in Deduplicator.for_db(db).index


def test_runner_failed_article_does_not_shadow_its_copies(
    texts: dict[str, str], tmp_path: Path
) -> None:
    with GraphStore(str(tmp_path / "g.db")) as store:
        dedup = Deduplicator()
        report = run(store, [art("a", "FAIL " + texts["wire"])], dedup=dedup)
        assert [s.code for s in report.skipped] == ["NG000"]
        report = run(store, [art("d", texts["copy"])], dedup=dedup)
        assert report.added == 1


def test_runner_without_screen_keeps_foreign_articles(
    texts: dict[str, str], tmp_path: Path
) -> None:
    with GraphStore(str(tmp_path / "g.db")) as store:
        report = run(store, [art("e", texts["korean"])], screen_language=False)
    assert report.added == 1


def test_runner_forty_wire_copies_count_as_one_source(
    texts: dict[str, str], tmp_path: Path, extractor: Extractor
) -> None:
    """A wire story on 40 sites: one article stored, so each claim has one source, not 40."""
    folder = tmp_path / "sites"
    folder.mkdir()
    for n in range(40):
        head = f"SITE {n} NEWS DESK - " if n else ""
        (folder / f"site-{n:02d}.txt").write_text(
            head + texts["wire"] + f"\n\nCopyright Site {n}.\n"
        )
    db = str(tmp_path / "g.db")
    report = api.ingest([folder], db=db)
    assert report.added == 1
    assert [s.code for s in report.skipped] == ["NG008"] * 39
    graph = api.export(db=db)
    assert isinstance(graph, dict) and graph["relations"]
    articles = {m["article"] for e in graph["entities"] for m in e["mentions"]}
    assert len(articles) == 1
    for relation in graph["relations"]:
        assert {s["article"] for s in relation["sources"]} == articles


def test_runner_extraction_pickles_for_dask(texts: dict[str, str], extractor: Extractor) -> None:
    """Results travel from Dask workers to the writer by pickle: frozen dataclasses must survive."""
    (result,) = extract_batch([art("a", texts["wire"])])
    assert isinstance(result, Extraction) and result.entities
    assert pickle.loads(pickle.dumps(result)) == result


def test_runner_local_executor_matches_one_by_one_extraction(
    texts: dict[str, str], extractor: Extractor
) -> None:
    articles = [art("a", texts["wire"]), art("b", texts["other"]), art("c", texts["rewrite"])]
    executor = LocalExecutor(batch_size=2)
    got = [r for _, results in executor.map_batches([articles[:2], articles[2:]]) for r in results]
    assert got == [extractor.extract(a) for a in articles]


def test_runner_batch_with_a_failing_article_skips_only_it(
    texts: dict[str, str], extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.errors import TooLarge

    real_pipe = extractor.pipe

    def picky(article: Article) -> Extraction:
        if article.id == "b":
            raise TooLarge("too long for the test")
        return next(iter(real_pipe([article])))

    def failing_pipe(
        articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Extraction]:
        raise TooLarge("one article is too long")
        yield  # pragma: no cover

    monkeypatch.setattr(extractor, "extract", picky)
    monkeypatch.setattr(extractor, "pipe", failing_pipe)
    results = extract_batch([art("a", texts["wire"]), art("b", texts["other"])])
    assert isinstance(results[0], Extraction)
    assert results[1] == Skip("b.txt", "NG004", "too long for the test")

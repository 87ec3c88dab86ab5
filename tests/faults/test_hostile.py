"""A hostile corpus ingests: every bad input skipped with its reason, every good one stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsgraph import api
from newsgraph.nlp.pipeline import Extractor


def stored_sources(db: str, folder: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source FROM articles").fetchall()
    return {str(Path(source).relative_to(folder)) for (source,) in rows}


def test_hostile_corpus_skips_every_bad_input_and_stores_every_good_one(
    hostile: Any, tmp_path: Path, extractor: Extractor
) -> None:
    db = str(tmp_path / "graph.db")
    report = api.ingest([hostile.folder], db=db)
    skipped = {str(Path(s.source).relative_to(hostile.folder)): s.code for s in report.skipped}
    assert skipped == hostile.bad
    assert all(s.reason for s in report.skipped)  # every skip says why
    assert stored_sources(db, hostile.folder) == set(hostile.good)
    assert report.added == len(hostile.good)
    stats = api.stats(db=db)
    assert stats["articles"] == len(hostile.good)
    assert stats["skips"]["NG008"] == 9_999  # 10,000 wire copies: one text, one source


def test_hostile_damaged_text_keeps_its_readable_part(
    hostile: Any, tmp_path: Path, extractor: Extractor
) -> None:
    db = str(tmp_path / "graph.db")
    api.ingest(
        [hostile.folder / "truncated-utf8.txt", hostile.folder / "mixed-encodings.txt"], db=db
    )
    with sqlite3.connect(db) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM articles ORDER BY source")]
    assert texts[0].startswith("The actor Nadia Ferr")
    assert texts[1].startswith("The rock band Iron Meadow cancelled two shows")


def test_hostile_second_run_changes_nothing(
    hostile: Any, tmp_path: Path, extractor: Extractor
) -> None:
    db = str(tmp_path / "graph.db")
    small = [hostile.folder / name for name in ("hollywood.txt", "korean.txt", "bomb.html")]
    api.ingest(small, db=db)
    before = api.export(db=db)
    again = api.ingest(small, db=db)
    assert (again.added, again.unchanged) == (0, 1)
    assert api.export(db=db) == before

"""Near-duplicate detection: syndicated copies are found, rewrites and other stories are not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError, StorageError
from newsgraph.ingest.dedup import (
    Deduplicator,
    LSHIndex,
    MinHasher,
    SignatureFile,
    load_config,
    parse_config,
    sidecar_path,
)
from newsgraph.model import Article

# Invented wire copy and what outlets make of it (no real article text).
WIRE = (
    'Singer Lira Vale will release her second studio album "Northern Glass" on April 12, her '
    "agency Copperline Music said on Tuesday. The ten-track record was produced by Tomas Greer, "
    "who also worked on her debut. Vale wrote eight of the songs during a tour of Canada last "
    'year, and the lead single "Frost Letters" comes out a week before the album. A world tour '
    "starts in Toronto in June, with dates in Seoul, Tokyo and London to follow."
)
COPY = "LOS ANGELES (Starwire) - " + WIRE + " Reporting by Dana Holt; editing by Sam Price."
REWRITE = (
    'Lira Vale is back. The Canadian singer announced on Tuesday that "Northern Glass," her '
    "second album, arrives April 12. Producer Tomas Greer, her collaborator since the debut, "
    "returns behind the desk, and the singer says most of the songs were written on the road. "
    "Fans in Seoul, Tokyo and London can expect concerts after a Toronto opening in June."
)
OTHER = (
    'The drama "Harbour Lights" ended its run on Sunday with its highest ratings yet, the '
    "broadcaster said. Actor Min Seora played a ferry captain who returns to her home island "
    "after twenty years, and director Oh Jaewon said a second season is being discussed. The "
    "series was filmed over five months in a fishing village on the south coast of the country."
)


def art(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt")


@pytest.fixture
def hasher() -> MinHasher:
    return MinHasher(load_config())


def similarity(hasher: MinHasher, a: str, b: str) -> float:
    sa, sb = hasher.signature(a), hasher.signature(b)
    assert sa is not None and sb is not None
    return float(np.mean(sa == sb))


def test_dedup_config_is_packaged_and_consistent() -> None:
    config = load_config()
    assert config.num_perm == config.bands * config.rows
    assert 0 < config.threshold <= 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bands": 7}, "multiple of bands"),
        ({"threshold": 0}, "threshold"),
        ({"threshold": True}, "threshold"),
        ({"shingle_words": 0}, "shingle_words"),
        ({"seed": -1}, "seed"),
    ],
)
def test_dedup_parse_config_refuses_bad_settings(change: dict[str, object], message: str) -> None:
    good = {"shingle_words": 3, "num_perm": 128, "bands": 32, "threshold": 0.7, "min_words": 20}
    with pytest.raises(ConfigError, match=message):
        parse_config({**good, "seed": 1, **change})
    with pytest.raises(ConfigError):
        parse_config([good])


def test_dedup_signature_is_stable_across_instances(hasher: MinHasher) -> None:
    again = MinHasher(load_config())
    first, second = hasher.signature(WIRE), again.signature(WIRE)
    assert first is not None and second is not None
    assert first.dtype == np.uint32 and len(first) == load_config().num_perm
    assert np.array_equal(first, second)


def test_dedup_short_text_has_no_signature(hasher: MinHasher) -> None:
    assert hasher.signature("Lira Vale sings.") is None
    assert hasher.signature("") is None


def test_dedup_copy_is_similar_rewrite_and_other_story_are_not(hasher: MinHasher) -> None:
    threshold = load_config().threshold
    assert similarity(hasher, WIRE, COPY) >= threshold
    assert similarity(hasher, WIRE, WIRE.upper()) == 1.0  # case does not matter
    assert similarity(hasher, WIRE, REWRITE) < 0.3
    assert similarity(hasher, WIRE, OTHER) < 0.1


def test_dedup_index_finds_the_earliest_copy_and_forgets(hasher: MinHasher) -> None:
    index = LSHIndex(load_config())
    wire = hasher.signature(WIRE)
    assert wire is not None
    index.add("a", wire)
    index.add("b", wire)
    index.add("a", wire)  # adding twice changes nothing
    assert len(index) == 2 and "a" in index
    match = index.query(wire)
    assert match is not None and (match.original, match.similarity) == ("a", 1.0)
    index.discard("a")
    match = index.query(wire)
    assert match is not None and match.original == "b"
    other = hasher.signature(OTHER)
    assert other is not None and index.query(other) is None


def test_dedup_detects_copies_within_a_run_and_across_runs(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    first = Deduplicator.for_db(db)
    assert first.check(art("wire", WIRE)) is None
    first.admit(art("wire", WIRE))
    match = first.check(art("copy-1", COPY))  # same run, not stored yet
    assert match is not None and match.original == "wire" and match.similarity >= 0.7
    first.persist("wire")
    skip = Deduplicator.skip_for(art("copy-1", COPY), match)
    assert skip.code == "NG008" and "near-duplicate of wire" in skip.reason
    assert skip.source == "copy-1.txt"

    later = Deduplicator.for_db(db)  # a new run reads the sidecar
    assert "wire" in later.index
    again = later.check(art("copy-2", COPY))
    assert again is not None and again.original == "wire"
    assert later.check(art("rewrite", REWRITE)) is None
    assert later.check(art("wire", WIRE)) is None  # the article itself is not its own copy


def test_dedup_forget_unadmits_a_failed_article() -> None:
    dedup = Deduplicator()
    dedup.admit(art("wire", WIRE))
    dedup.forget("wire")
    assert dedup.check(art("copy", COPY)) is None


def test_dedup_remember_saves_a_stored_article_once(tmp_path: Path) -> None:
    path = tmp_path / "g.db.dedup"
    dedup = Deduplicator(path=path)
    dedup.remember(art("wire", WIRE))
    size = path.stat().st_size
    dedup.remember(art("wire", WIRE))
    assert path.stat().st_size == size
    assert [i for i, _ in SignatureFile(path, load_config()).load()] == ["wire"]


def test_dedup_sidecar_cuts_a_torn_record_and_appends_after_it(tmp_path: Path) -> None:
    config = load_config()
    path = tmp_path / "g.db.dedup"
    file = SignatureFile(path, config)
    sig = np.arange(config.num_perm, dtype=np.uint32)
    file.append("one", sig)
    good = path.stat().st_size
    with path.open("ab") as handle:  # a run killed in the middle of a record
        handle.write(b"\x05\x00tw")
    assert [(i, s.tolist()) for i, s in file.load()] == [("one", sig.tolist())]
    assert path.stat().st_size == good
    file.append("two", sig + 1)
    assert [i for i, _ in file.load()] == ["one", "two"]


def test_dedup_sidecar_of_other_settings_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "g.db.dedup"
    path.write_bytes(b"NGDEDUP1" + b"\x00" * 32 + b"junk")
    assert list(SignatureFile(path, load_config()).load()) == []
    assert not path.exists() and (tmp_path / "g.db.dedup.old").exists()


def test_dedup_sidecar_write_failure_is_a_storage_error(tmp_path: Path) -> None:
    file = SignatureFile(tmp_path / "no-such-folder" / "g.db.dedup", load_config())
    with pytest.raises(StorageError, match="near-duplicate index"):
        file.append("one", np.zeros(load_config().num_perm, dtype=np.uint32))


@pytest.mark.parametrize(
    ("db", "expected"),
    [
        ("graph.db", "graph.db.dedup"),
        ("sqlite:///data/graph.db", "data/graph.db.dedup"),
        ("sqlite:///file:data/graph.db?mode=ro&uri=true", "data/graph.db.dedup"),
        (":memory:", None),
        ("sqlite://", None),
        ("postgresql+psycopg://u@localhost/news", None),
    ],
)
def test_dedup_sidecar_path(db: str, expected: str | None) -> None:
    path = sidecar_path(db)
    assert (str(path) if path else None) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_dedup_any_text_is_its_own_copy_or_too_short(text: str) -> None:
    dedup = Deduplicator()
    sig = dedup.hasher.signature(text)
    dedup.admit(art("x", text))
    match = dedup.check(art("y", text))
    assert (match is None) == (sig is None)
    if match is not None:
        assert match.similarity == 1.0

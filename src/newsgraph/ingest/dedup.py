"""Near-duplicate articles: a wire story copied by 40 sites must count as one source, not 40.

MinHash signatures over lower-cased word shingles, an LSH index (bands of signature rows) to find
candidates without comparing every pair, and a similarity threshold read from
``data/dedup.json``. Our own MinHash on numpy (already installed with spaCy) replaces datasketch,
which would pull in scipy (143 MB) for this one feature; trafilatura's Simhash has no index.

Signatures outlive a run in a *sidecar* file next to the SQLite database (``graph.db.dedup``):
append-only binary records, written only after the article is committed, so a killed run leaves
at worst a torn last record, which is cut off on the next open. An article that is stored but whose
signature is missing is remembered again when it is next read (see :meth:`Deduplicator.remember`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsgraph.errors import ConfigError, NearDuplicate, StorageError
from newsgraph.model import Article, Skip

log = logging.getLogger(__name__)

DATA_FILE = "dedup.json"
SIDECAR_SUFFIX = ".dedup"
_MAGIC = b"NGDEDUP1"
_WORD = re.compile(r"\w+")
_CHUNK = 4096  # shingles hashed at once, so a huge article never needs a huge matrix

Signature = NDArray[np.uint32]

__all__ = [
    "DedupConfig",
    "Deduplicator",
    "LSHIndex",
    "Match",
    "MinHasher",
    "SignatureFile",
    "load_config",
    "parse_config",
    "sidecar_path",
]


@dataclass(frozen=True)
class DedupConfig:
    """Validated contents of ``data/dedup.json``."""

    shingle_words: int
    num_perm: int
    bands: int
    threshold: float
    min_words: int
    seed: int

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def digest(self) -> bytes:
        """What a saved signature depends on; other settings may change freely."""
        key = f"{self.shingle_words}/{self.num_perm}/{self.seed}/crc32-mas"
        return hashlib.sha256(key.encode()).digest()


def _positive_int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{DATA_FILE}: {key!r} must be a positive integer")
    return value


def parse_config(data: Any) -> DedupConfig:
    """Check the raw JSON object; refuse settings that cannot work."""
    if not isinstance(data, dict):
        raise ConfigError(f"{DATA_FILE}: top level must be an object")
    num_perm = _positive_int(data, "num_perm")
    bands = _positive_int(data, "bands")
    if num_perm % bands:
        raise ConfigError(f"{DATA_FILE}: num_perm ({num_perm}) must be a multiple of bands")
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or isinstance(threshold, bool):
        raise ConfigError(f"{DATA_FILE}: 'threshold' must be a number")
    if not 0 < threshold <= 1:
        raise ConfigError(f"{DATA_FILE}: 'threshold' must be in (0, 1]")
    seed = data.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ConfigError(f"{DATA_FILE}: 'seed' must be a non-negative integer")
    return DedupConfig(
        shingle_words=_positive_int(data, "shingle_words"),
        num_perm=num_perm,
        bands=bands,
        threshold=float(threshold),
        min_words=_positive_int(data, "min_words"),
        seed=seed,
    )


@functools.cache
def load_config() -> DedupConfig:
    """The packaged settings, read and checked once per process."""
    try:
        raw = resources.files("newsgraph.data").joinpath(DATA_FILE).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError) as err:
        raise ConfigError(f"cannot read {DATA_FILE}: {err}") from err
    return parse_config(data)


class MinHasher:
    """Text in, MinHash signature out: ``num_perm`` minima of multiply-add-shift hashes.

    Shingle hashes are CRC-32 (stable across processes and machines, unlike ``hash()``), so a
    signature computed today matches one saved by another process last week.
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        rng = np.random.default_rng(config.seed)
        top = np.iinfo(np.uint64).max
        self._a = rng.integers(0, top, size=config.num_perm, dtype=np.uint64, endpoint=True) | 1
        self._b = rng.integers(0, top, size=config.num_perm, dtype=np.uint64, endpoint=True)

    def shingles(self, text: str) -> set[str]:
        words = _WORD.findall(text.lower())
        k = self.config.shingle_words
        if len(words) < self.config.min_words:
            return set()
        return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}

    def signature(self, text: str) -> Signature | None:
        """The signature, or None for a text too short to call anything a copy of it."""
        shingles = self.shingles(text)
        if not shingles:
            return None
        hashes = np.fromiter(
            (zlib.crc32(s.encode("utf-8")) for s in sorted(shingles)),
            dtype=np.uint64,
            count=len(shingles),
        )
        best = np.full(self.config.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        a, b = self._a[:, None], self._b[:, None]
        for start in range(0, len(hashes), _CHUNK):
            chunk = hashes[None, start : start + _CHUNK]
            # uint64 arithmetic wraps modulo 2**64: that wrap is the hash family, not a bug.
            mixed = ((a * chunk + b) >> np.uint64(32)).astype(np.uint32)
            best = np.minimum(best, mixed.min(axis=1))
        return best


@dataclass(frozen=True)
class Match:
    """The stored article a text copies, and the estimated Jaccard similarity of the two."""

    original: str
    similarity: float


class LSHIndex:
    """Signatures by article id, with one hash table a band so candidates are found in O(bands)."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self._signatures: dict[str, Signature] = {}
        self._order: dict[str, int] = {}
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(config.bands)]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def __len__(self) -> int:
        return len(self._signatures)

    def _keys(self, signature: Signature) -> Iterator[tuple[int, bytes]]:
        rows = self.config.rows
        for band in range(self.config.bands):
            yield band, signature[band * rows : (band + 1) * rows].tobytes()

    def add(self, article_id: str, signature: Signature) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        self._order[article_id] = len(self._order)
        for band, key in self._keys(signature):
            self._tables[band].setdefault(key, []).append(article_id)

    def discard(self, article_id: str) -> None:
        signature = self._signatures.pop(article_id, None)
        if signature is None:
            return
        del self._order[article_id]
        for band, key in self._keys(signature):
            bucket = self._tables[band].get(key, [])
            if article_id in bucket:
                bucket.remove(article_id)

    def query(self, signature: Signature) -> Match | None:
        """The most similar indexed article at or above the threshold (earliest on a tie)."""
        candidates: set[str] = set()
        for band, key in self._keys(signature):
            candidates.update(self._tables[band].get(key, ()))
        best: tuple[float, int, str] | None = None
        for candidate in candidates:
            similarity = float(np.mean(self._signatures[candidate] == signature))
            if similarity < self.config.threshold:
                continue
            rank = (-similarity, self._order[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return None if best is None else Match(best[2], -best[0])


class SignatureFile:
    """The append-only sidecar: a header with the config digest, then one record an article.

    A record is ``<u16 id length><id UTF-8><num_perm little-endian u32>``. A file written under
    other MinHash settings is set aside (renamed ``.old``) rather than misread.
    """

    def __init__(self, path: Path, config: DedupConfig) -> None:
        self.path = path
        self.config = config
        self._header = _MAGIC + config.digest()

    def load(self) -> Iterator[tuple[str, Signature]]:
        """Every complete record; a torn last record (a killed run) is cut off the file."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as err:
            raise StorageError(f"cannot read the near-duplicate index {self.path}: {err}") from err
        if not data.startswith(self._header):
            if data:
                old = self.path.with_name(self.path.name + ".old")
                log.warning("%s was written with other settings: moved to %s", self.path, old)
                self._move(old)
            return
        size = self.config.num_perm * 4
        offset = len(self._header)
        while offset + 2 <= len(data):
            (length,) = struct.unpack_from("<H", data, offset)
            end = offset + 2 + length + size
            if end > len(data):
                break
            try:
                article_id = data[offset + 2 : offset + 2 + length].decode("utf-8")
            except UnicodeDecodeError:
                break
            sig = np.frombuffer(data, dtype="<u4", count=self.config.num_perm, offset=end - size)
            yield article_id, sig.astype(np.uint32)
            offset = end
        if offset < len(data):
            log.warning(
                "%s: cutting off a torn last record (%d bytes)", self.path, len(data) - offset
            )
            self._truncate(offset)

    def _move(self, old: Path) -> None:
        try:
            self.path.replace(old)
        except OSError as err:
            raise StorageError(f"cannot set aside {self.path}: {err}") from err

    def _truncate(self, size: int) -> None:
        try:
            with self.path.open("r+b") as handle:
                handle.truncate(size)
        except OSError as err:
            raise StorageError(
                f"cannot repair the near-duplicate index {self.path}: {err}"
            ) from err

    def append(self, article_id: str, signature: Signature) -> None:
        raw_id = article_id.encode("utf-8")[:0xFFFF]
        record = struct.pack("<H", len(raw_id)) + raw_id + signature.astype("<u4").tobytes()
        try:
            with self.path.open("ab") as handle:
                if handle.tell() == 0:
                    handle.write(self._header)
                handle.write(record)
        except OSError as err:
            raise StorageError(f"cannot write the near-duplicate index {self.path}: {err}") from err


def sidecar_path(db: str) -> Path | None:
    """Where the signatures of the SQLite graph ``db`` live; None for in-memory or server URLs."""
    if db in ("", ":memory:"):
        return None
    if "://" not in db:
        return Path(db + SIDECAR_SUFFIX)
    if not db.startswith("sqlite:///"):
        return None
    path = db[len("sqlite:///") :].split("?", 1)[0]
    if path.startswith("file:"):
        path = path[len("file:") :]
    if not path or path == ":memory:":
        return None
    return Path(path + SIDECAR_SUFFIX)


class Deduplicator:
    """Which articles copy one already admitted in this run or stored by an earlier one.

    ``check`` before extraction; ``admit`` an article sent for extraction (so copies later in the
    same batch are caught); ``persist`` once it is committed; ``remember`` an article found
    already stored, in case a killed run stored it without saving its signature.
    """

    def __init__(self, config: DedupConfig | None = None, path: Path | None = None) -> None:
        self.config = config or load_config()
        self.hasher = MinHasher(self.config)
        self.index = LSHIndex(self.config)
        self.file = SignatureFile(path, self.config) if path is not None else None
        self._saved: set[str] = set()
        self._pending: dict[str, Signature] = {}
        if self.file is not None:
            for article_id, signature in self.file.load():
                self.index.add(article_id, signature)
                self._saved.add(article_id)

    @classmethod
    def for_db(cls, db: str, config: DedupConfig | None = None) -> Deduplicator:
        """The deduplicator of graph ``db``, loaded from its sidecar file when there is one."""
        return cls(config, sidecar_path(db))

    def check(self, article: Article) -> Match | None:
        """The admitted article that ``article`` copies, or None (then admit it)."""
        signature = self.hasher.signature(article.text)
        if signature is None:
            return None
        match = self.index.query(signature)
        if match is not None and match.original != article.id:
            return match  # a copy: never admitted, so its signature is not kept
        self._pending[article.id] = signature
        return None

    def admit(self, article: Article) -> None:
        """Index an article that goes on to extraction."""
        signature = self._pending.pop(article.id, None)
        if signature is None:
            signature = self.hasher.signature(article.text)
        if signature is not None:
            self.index.add(article.id, signature)
            self._pending[article.id] = signature  # kept until persisted

    def persist(self, article_id: str) -> None:
        """Save the signature of an article now committed to the graph."""
        signature = self._pending.pop(article_id, None)
        if signature is None or article_id in self._saved:
            return
        self._saved.add(article_id)
        if self.file is not None:
            self.file.append(article_id, signature)

    def forget(self, article_id: str) -> None:
        """Un-admit an article that was not stored after all (its extraction failed)."""
        self._pending.pop(article_id, None)
        if article_id not in self._saved:
            self.index.discard(article_id)

    def remember(self, article: Article) -> None:
        """An already stored article: make sure its signature is indexed and saved."""
        if article.id in self._saved:
            return
        self.admit(article)
        self.persist(article.id)

    @staticmethod
    def skip_for(article: Article, match: Match) -> Skip:
        """The recorded skip of a copy: until the store keeps copies as extra sources of one
        text, this is how a syndicated copy is kept out of the counts."""
        reason = NearDuplicate(
            f"near-duplicate of {match.original} (similarity {match.similarity:.2f}); "
            f"counted as one source with it"
        ).reason
        return Skip(article.source or article.id, NearDuplicate.code, reason)

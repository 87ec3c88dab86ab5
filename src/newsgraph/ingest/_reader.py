"""The two entry points: files and folders (``read_inputs``) and raw bytes (``read_article_bytes``).

Both validate at the edge and never raise for bad content: every problem with one input becomes a
:class:`~newsgraph.model.Skip` carrying the ``NGxxx`` code of the matching InputError, and the
batch goes on. An unexpected exception while reading one input is logged with its traceback and
recorded as a Skip with the generic code ``NG000``.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import InputError, TooLarge, UnsupportedInput
from newsgraph.ingest._config import INPUT_KINDS, load_config
from newsgraph.ingest._formats import Request, Result, read_content, skip_from
from newsgraph.model import Article, Skip

logger = logging.getLogger("newsgraph.ingest")

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_CHARS = 500_000
UNEXPECTED_CODE = InputError.code  # "NG000": not a known kind of bad input


def _kind_for_name(name: str) -> str:
    """The kind an input's name implies: a configured kind, ``"sniff"``, or UnsupportedInput."""
    config = load_config()
    suffix = Path(name).suffix.lower()
    if suffix in config.kind_by_extension:
        return config.kind_by_extension[suffix]
    if suffix in config.unsupported_extensions:
        raise UnsupportedInput(f"{suffix} files are not supported")
    return "sniff"


def _unexpected(source: str, err: Exception) -> Skip:
    logger.error("unexpected error while reading %s", source, exc_info=err)
    return Skip(source=source, code=UNEXPECTED_CODE, reason=f"{type(err).__name__}: {err}")


def read_article_bytes(
    data: bytes,
    *,
    name: str,
    kind: str | None = None,
    url: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[Article | Skip]:
    """Read articles from bytes that have no file (an upload, a fetched page); never raises.

    ``name`` is used as ``Article.source``/``Skip.source`` and its extension picks the reader when
    ``kind`` (one of ``INPUT_KINDS``) is not given; an unknown extension means the content is
    sniffed. ``url`` is the page address when the content does not state one (HTML, text).
    Multi-article inputs give one item per record, in input order.
    """
    try:
        if kind is None:
            chosen = _kind_for_name(name)
        elif kind in INPUT_KINDS:
            chosen = kind
        else:
            raise UnsupportedInput(f"unknown input kind {kind!r}; use one of {INPUT_KINDS}")
        if len(data) > max_bytes:
            raise TooLarge(f"input has {len(data)} bytes, the limit is {max_bytes}")
        return read_content(Request(bytes(data), name, max_chars, url), chosen)
    except InputError as err:
        return [skip_from(name, err)]
    except Exception as err:
        return [_unexpected(name, err)]


def _read_file(path: Path, *, max_bytes: int, max_chars: int) -> Result:
    """Check the file before reading it (kind, type, size), then read at most ``max_bytes + 1``."""
    source = str(path)
    try:
        _kind_for_name(path.name)  # refuse unsupported kinds before touching the file
        try:
            info = path.stat()
        except FileNotFoundError as err:
            raise UnsupportedInput("no such file or folder") from err
        except OSError as err:
            raise InputError(f"cannot read file: {err.strerror or err}") from err
        if not stat.S_ISREG(info.st_mode):
            raise UnsupportedInput("not a regular file")
        if info.st_size > max_bytes:
            raise TooLarge(f"file has {info.st_size} bytes, the limit is {max_bytes}")
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as err:
            raise InputError(f"cannot read file: {err.strerror or err}") from err
    except InputError as err:
        return [skip_from(source, err)]
    except Exception as err:
        return [_unexpected(source, err)]
    return read_article_bytes(data, name=source, max_bytes=max_bytes, max_chars=max_chars)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted path order, leaving out hidden files and folders.

    Symbolic links to folders are not followed, so a link loop cannot make the walk endless.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        found.extend(Path(root) / f for f in files if not _is_hidden(f))
    yield from sorted(found, key=lambda p: p.parts)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Skip]:
    """Read every article from files and folders, lazily, one input at a time; never raises.

    A folder is read recursively in sorted order, without hidden files. File kinds come from the
    extension (``.txt``, ``.jsonl``, ``.json``, ``.html``, ``.xml``/``.rss``/``.atom``; others are
    sniffed). A single path may be passed instead of a list. Articles carry ``source`` = the file
    path, plus ``#L<line>`` for JSON Lines and ``#<n>`` for the n-th entry of a feed or JSON list.
    Ids are the source's id, else ``content_id`` of the text, so reading the same article twice
    gives the same id.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of its characters
    for item in paths:
        if not os.fspath(item):
            yield skip_from("", UnsupportedInput("empty path"))
            continue
        path = Path(item)
        try:
            is_folder = path.is_dir()
        except OSError:
            is_folder = False  # _read_file reports why the path cannot be read
        if is_folder:
            for file in _walk(path):
                yield from _read_file(file, max_bytes=max_bytes, max_chars=max_chars)
        else:
            yield from _read_file(path, max_bytes=max_bytes, max_chars=max_chars)

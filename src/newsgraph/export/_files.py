"""Writing export files: atomically (a temporary file renamed into place) or to stdout."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newsgraph.errors import StorageError


def file_mode() -> int:
    """The mode a plain new file gets under the current umask (mkstemp would give 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 text so readers never see half a file; StorageError when it cannot."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, file_mode())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(f"cannot write the export to {target}: {exc}") from exc

"""Server settings: where the graph is, the write token, and request limits.

The token comes from the environment (``NEWSGRAPH_TOKEN``), never from the command line, where
other users of the machine could read it. Without a token every write endpoint answers 403.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

TOKEN_ENV = "NEWSGRAPH_TOKEN"
DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class ServeSettings:
    """``token`` None or empty disables writes; ``max_body_bytes`` bounds every request body."""

    db: str
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY

    @property
    def writes_enabled(self) -> bool:
        return bool(self.token)

    @classmethod
    def from_env(cls, db: str, *, max_body_bytes: int = DEFAULT_MAX_BODY) -> ServeSettings:
        token = os.environ.get(TOKEN_ENV, "").strip() or None
        return cls(db=db, token=token, max_body_bytes=max_body_bytes)

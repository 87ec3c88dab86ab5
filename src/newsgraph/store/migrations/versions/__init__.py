"""One module a schema revision; Alembic reads them by path (this file is skipped)."""

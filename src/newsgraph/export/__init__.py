"""export stage: the stored graph written out in the documented formats."""

from __future__ import annotations

from newsgraph.export.json_export import dumps, export_json, write_json

__all__ = ["dumps", "export_json", "write_json"]

"""serve: the graph over HTTP. A JSON API (FastAPI, OpenAPI at ``/openapi.json``) and web pages
(Jinja2 + htmx, cytoscape.js for the graph view) on one app, both calling the store's public reads.

    newsgraph --db graph.db serve --port 8000        # NEWSGRAPH_TOKEN=... enables POST /api/ingest
"""

from __future__ import annotations

from newsgraph.serve.app import create_app, run
from newsgraph.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "run"]

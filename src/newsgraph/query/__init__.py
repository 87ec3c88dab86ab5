"""query stage: ``ask`` answers questions from the graph, citing its sources."""

from __future__ import annotations

from newsgraph.query.ask import Answer, ask, find_entities
from newsgraph.query.patterns import QueryPatterns, load_patterns, parse_patterns

__all__ = ["Answer", "QueryPatterns", "ask", "find_entities", "load_patterns", "parse_patterns"]

"""Scoring newsgraph against gold annotations (``gold/SCHEMA.md``, "Counting") and the quality gate.

Scorers work on plain dicts (the ``extract --json``, ``export --format json`` and ``ask --json``
contracts), so they do not depend on the NLP, store or query code.

The gate names are imported lazily so that ``python -m newsgraph.evaluate.gate`` does not import
the module twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.evaluate.extraction import ArticleScores, match_entities, score_extraction
from newsgraph.evaluate.gold import GoldArticle, gold_digest, load_gold
from newsgraph.evaluate.graph import GraphScores, score_graph
from newsgraph.evaluate.qa import QAResult, QAScores, score_qa
from newsgraph.evaluate.report import Report, evaluate
from newsgraph.evaluate.scores import Counts, Ratio
from newsgraph.evaluate.text import normalise_mention

if TYPE_CHECKING:
    from newsgraph.evaluate.gate import GateResult, check_gate, update_baseline

__all__ = [
    "ArticleScores",
    "Counts",
    "GateResult",
    "GoldArticle",
    "GraphScores",
    "QAResult",
    "QAScores",
    "Ratio",
    "Report",
    "check_gate",
    "evaluate",
    "gold_digest",
    "load_gold",
    "match_entities",
    "normalise_mention",
    "score_extraction",
    "score_graph",
    "score_qa",
    "update_baseline",
]

_GATE_NAMES = frozenset({"GateResult", "check_gate", "update_baseline"})


def __getattr__(name: str) -> Any:
    if name in _GATE_NAMES:
        from newsgraph.evaluate import gate

        return getattr(gate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

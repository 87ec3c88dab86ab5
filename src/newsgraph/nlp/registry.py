"""Where our pipeline components are registered with spaCy, under versioned factory names.

Each component module calls ``Language.factory("newsgraph_<job>_v<N>", assigns=..., requires=...)``
at import time; :func:`load_all` imports them so the factories exist before a pipeline is built.
"""

from __future__ import annotations

import importlib

from spacy.language import Language

COMPONENT_MODULES: tuple[str, ...] = (
    "newsgraph.nlp.initials",
    "newsgraph.nlp.paragraphs",
    "newsgraph.nlp.entities",
    "newsgraph.nlp.dates",
    "newsgraph.nlp.quotes",
    "newsgraph.nlp.relations",
    "newsgraph.nlp.events",
    "newsgraph.nlp.reasons",
    "newsgraph.nlp.counts",
)


def load_all() -> None:
    """Import every component module so its factory is registered."""
    for module in COMPONENT_MODULES:
        importlib.import_module(module)


def factory_names() -> list[str]:
    """Our registered factory names (``newsgraph_*``; spaCy forbids dots in factory names)."""
    load_all()
    return sorted(n for n in Language.factories if n.startswith("newsgraph_"))

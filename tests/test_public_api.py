"""The public surface: ``__all__`` of the API and of every package, and the factory registry.

As httpx does, every public name a module defines (or re-exports from its private modules) must
be in its ``__all__``, and everything in ``__all__`` must exist. The API's ``__all__`` and the
registered factory names are snapshots: changing them is a deliberate, reviewed act.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from types import ModuleType

import pytest

from newsgraph import api
from newsgraph.nlp import registry

API_ALL = [
    "IngestReport",
    "ask",
    "bundled_samples",
    "conflicts",
    "evaluate",
    "explain",
    "export",
    "extract",
    "extractor",
    "ingest",
    "ingest_bytes",
    "merge",
    "migrate",
    "open_store",
    "show",
    "split",
    "stats",
]

FACTORY_NAMES = [
    "newsgraph_counts_v1",
    "newsgraph_dates_v1",
    "newsgraph_entities_v1",
    "newsgraph_events_v1",
    "newsgraph_initials_v1",
    "newsgraph_paragraphs_v1",
    "newsgraph_quotes_v1",
    "newsgraph_reasons_v1",
    "newsgraph_relations_v1",
]

MODULES_WITH_ALL = [
    "newsgraph.api",
    "newsgraph.ingest",
    "newsgraph.query",
    "newsgraph.store",
    "newsgraph.export",
    "newsgraph.evaluate",
    "newsgraph.resolve",
    "newsgraph.nlp.pipeline",
]


def _is_project_object(obj: object, module: ModuleType) -> bool:
    """A function or class defined in ``module`` or one of its (private) submodules."""
    if not (inspect.isclass(obj) or callable(obj)):
        return False
    owner = getattr(obj, "__module__", None)
    if not isinstance(owner, str):
        return False
    name = module.__name__
    if owner == name:
        return True
    is_package = hasattr(module, "__path__")
    return is_package and owner.startswith(name + ".")


def public_names(module: ModuleType) -> set[str]:
    """Names a user would take as public: no underscore, not a module, not a typing helper."""
    names = set()
    for name, obj in vars(module).items():
        if name.startswith("_") or inspect.ismodule(obj):
            continue
        if type(obj).__module__ == "__future__" or getattr(typing, name, None) is obj:
            continue
        if _is_project_object(obj, module):
            names.add(name)
    return names


def test_public_api_all_snapshot() -> None:
    assert api.__all__ == API_ALL


@pytest.mark.parametrize("module_name", MODULES_WITH_ALL)
def test_public_api_all_names_exist(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported: list[str] = module.__all__
    assert len(exported) == len(set(exported)), "duplicate names in __all__"
    missing = [name for name in exported if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("module_name", MODULES_WITH_ALL)
def test_public_api_public_names_are_exported(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert public_names(module) <= set(module.__all__)


def test_public_api_helper_sees_the_api_functions() -> None:
    """Guard the guard: the helper must find the API's own functions, or the test above is void."""
    assert {"ingest", "ask", "IngestReport", "extractor"} <= public_names(api)
    assert "Path" not in public_names(api)  # imported, not ours


def test_public_api_registry_snapshot() -> None:
    assert registry.factory_names() == FACTORY_NAMES


def test_public_api_registry_names_are_versioned() -> None:
    for name in registry.factory_names():
        assert name.startswith("newsgraph_")
        assert name.rsplit("_", 1)[1].startswith("v")
        assert name.rsplit("_", 1)[1][1:].isdigit()


def test_public_api_registry_covers_every_component_module() -> None:
    """One factory per component module listed in the registry."""
    assert len(registry.COMPONENT_MODULES) == len(FACTORY_NAMES)
    for module_name in registry.COMPONENT_MODULES:
        job = module_name.rsplit(".", 1)[1]
        assert f"newsgraph_{job}_v1" in FACTORY_NAMES

"""Schemathesis fuzzes every operation of the app's own OpenAPI schema, in process: whatever it
sends (a bounded number of examples per operation), the server never answers 5xx, and every
error keeps the ``{"error": {"code", "message"}}`` shape.

Schemathesis' pytest plugin (``from_fixture``/``parametrize``) does not run under pytest 9, so
each operation's Hypothesis strategy is driven directly.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from newsgraph.serve import ServeSettings, create_app

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def fuzzed_schema(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    copy = tmp_path_factory.mktemp("fuzz") / "graph.db"
    shutil.copy(sample_db, copy)
    app = create_app(ServeSettings(db=str(copy), token="fuzz-token"))
    with TestClient(app):  # runs the lifespan, so the store is closed at the end
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def _checker(strategy: Any, failures: list[str], label: str) -> Callable[[], None]:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(strategy)
    def check(case: Any) -> None:
        response = case.call()
        if response.status_code >= 500:
            failures.append(f"{label}: {response.status_code} {response.text[:200]}")
        elif response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}

    return check  # type: ignore[no-any-return]


def test_openapi_no_operation_answers_5xx(fuzzed_schema: Any) -> None:
    operations = [result.ok() for result in fuzzed_schema.get_all_operations()]
    assert len(operations) == 9
    failures: list[str] = []
    for operation in operations:
        _checker(operation.as_strategy(), failures, operation.label)()
    assert failures == []

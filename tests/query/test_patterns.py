from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.query import load_patterns, parse_patterns


def _raw() -> dict[str, Any]:
    text = resources.files("newsgraph.data").joinpath("query_patterns.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def test_patterns_bundled_file_loads() -> None:
    patterns = load_patterns()
    assert "the" in patterns.stopwords
    assert patterns.why.search("Why did she leave?")
    assert patterns.why.search("What made him change his mind?")
    assert patterns.when.search("When did they debut?")
    assert patterns.event_types[0][0] == "military_discharge"
    assert all(q.known != q.answer for q in patterns.relation_questions)
    assert patterns.where.search("Where was the film shot?")
    assert patterns.forms("wrote") == patterns.forms("written") >= {"write", "writer"}
    assert patterns.forms("zebra") == {"zebra"}
    assert patterns.question_tense["did"] == "past"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("stopwords",), [], "non-empty"),
        (("stopwords",), ["the", "The"], "repeats"),
        (("why",), "(", "bad regex"),
        (("relation_questions", 0, "predicates"), ["directed_by"], "directed_by"),
        (("relation_questions", 0, "known"), "x", "known"),
        (("relation_questions", 0, "answer"), "o", "different sides"),
        (("event_types", 0, 0), "wedding", "wedding"),
        (("event_types", 1, 0), "military_discharge", "repeats"),
        (("answer_types", "agency"), "COMPANY", "COMPANY"),
        (("predicate_words",), {}, "non-empty"),
        (("word_forms", 1), ["wrote", "sang"], "already in another group"),
        (("word_forms", 0), ["sing"], "at least two"),
        (("question_tense", "past"), ["will"], "both past and future"),
        (("question_tense",), {"future": ["will"]}, "exactly the keys"),
        (("role_nouns",), [], "non-empty"),
    ],
)
def test_patterns_refuse_broken_data(path: tuple[Any, ...], value: Any, message: str) -> None:
    data = copy.deepcopy(_raw())
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(ConfigError, match=message):
        parse_patterns(data)


def test_patterns_refuse_missing_section() -> None:
    data = _raw()
    del data["when"]
    with pytest.raises(ConfigError, match="missing"):
        parse_patterns(data)

"""The exception tree: stable, distinct ``[NGxxx]`` codes; InputError catches every input fault."""

from __future__ import annotations

import re

import pytest

from newsgraph import errors
from newsgraph.errors import (
    ConfigError,
    EmptyInput,
    InputError,
    MalformedInput,
    ModelError,
    NearDuplicate,
    NewsgraphError,
    NotAnArticle,
    NotEnglish,
    QueryError,
    StorageError,
    TooLarge,
    UndecodableInput,
    UnsupportedInput,
)

INPUT_ERRORS = [
    EmptyInput,
    UndecodableInput,
    NotAnArticle,
    TooLarge,
    MalformedInput,
    UnsupportedInput,
    NotEnglish,
    NearDuplicate,
]
OTHER_ERRORS = [ConfigError, ModelError, StorageError, QueryError]
CONCRETE = INPUT_ERRORS + OTHER_ERRORS
EXPECTED_CODES = {
    "EmptyInput": "NG001",
    "UndecodableInput": "NG002",
    "NotAnArticle": "NG003",
    "TooLarge": "NG004",
    "MalformedInput": "NG005",
    "UnsupportedInput": "NG006",
    "NotEnglish": "NG007",
    "NearDuplicate": "NG008",
    "ConfigError": "NG100",
    "ModelError": "NG110",
    "StorageError": "NG200",
    "QueryError": "NG300",
}


def _all_error_classes() -> list[type[NewsgraphError]]:
    return [
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type) and issubclass(obj, NewsgraphError)
    ]


def test_errors_every_concrete_class_is_listed() -> None:
    defined = {cls.__name__ for cls in _all_error_classes()}
    assert defined == {"NewsgraphError", "InputError", *EXPECTED_CODES}


def test_errors_codes_are_stable_and_distinct() -> None:
    codes = {cls.__name__: cls.code for cls in CONCRETE}
    assert codes == EXPECTED_CODES
    assert len(set(codes.values())) == len(codes)
    assert all(re.fullmatch(r"NG\d{3}", code) for code in codes.values())
    assert "NG000" not in codes.values()  # reserved for the two abstract bases


def test_errors_docstring_tree_matches_the_codes() -> None:
    """The tree drawn in the module docstring is documentation users read: keep it true."""
    doc = errors.__doc__ or ""
    drawn = dict(re.findall(r"(\w+)\s+(NG\d{3})", doc))
    assert drawn == EXPECTED_CODES


@pytest.mark.parametrize("cls", CONCRETE)
def test_errors_message_starts_with_code(cls: type[NewsgraphError]) -> None:
    exc = cls("something went wrong")
    assert str(exc).startswith(f"[{cls.code}] ")
    assert str(exc) == f"[{cls.code}] something went wrong"
    assert exc.reason == "something went wrong"
    assert exc.code == cls.code


@pytest.mark.parametrize("cls", INPUT_ERRORS)
def test_errors_input_errors_are_caught_as_input_error(cls: type[InputError]) -> None:
    with pytest.raises(InputError) as caught:
        raise cls("bad file")
    assert caught.value.code == cls.code


@pytest.mark.parametrize("cls", OTHER_ERRORS)
def test_errors_other_errors_are_not_input_errors(cls: type[NewsgraphError]) -> None:
    assert not issubclass(cls, InputError)
    assert issubclass(cls, NewsgraphError)
    assert issubclass(cls, Exception)


def test_errors_base_catches_everything() -> None:
    for cls in CONCRETE:
        with pytest.raises(NewsgraphError):
            raise cls("x")

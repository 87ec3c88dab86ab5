from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import ConfigError
from newsgraph.evaluate.text import (
    content_tokens,
    evidence_overlaps,
    load_stopwords,
    normalise_mention,
    parse_stopwords,
    token_f1,
)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Nova's", "nova"),
        ("Nova’s", "nova"),
        ("STARLINE'S", "starline"),
        ("Starline’", "starline"),
        ("Starline'", "starline"),
        ("  “Moon Garden”  ", "moon garden"),
        ("'Moon   Garden'", "moon garden"),
        ("‘Moon Garden’s’", "moon garden"),
        ("Rock 'n' Roll", "rock 'n' roll"),
        ("'s", "s"),
        ("  ’ ", ""),
    ],
)
def test_text_normalise_mention_trims_possessives_quotes_and_case(raw: str, key: str) -> None:
    assert normalise_mention(raw) == key


@settings(deadline=None)
@given(st.text())
def test_text_normalise_mention_is_idempotent_and_clean(raw: str) -> None:
    key = normalise_mention(raw)
    assert normalise_mention(key) == key
    assert key == key.strip()
    assert not any(q in key for q in "‘’“”")
    assert not key.endswith("'s")
    assert not key.startswith(("'", '"'))


def test_text_stopwords_load_from_data_file() -> None:
    words = load_stopwords()
    assert {"the", "of", "because"} - words == {"because"}
    assert "military" not in words


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("# only a comment\n\n", "empty"),
        ("the\nof\nthe\n", "duplicate"),
        ("the\nOf\n", "not a lowercase"),
        ("the\nin order\n", "not a lowercase"),
    ],
)
def test_text_parse_stopwords_refuses_bad_lists(raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_stopwords(raw)


def test_text_content_tokens_drop_stopwords_and_punctuation() -> None:
    assert content_tokens("Because of the singer’s injury, the tour was delayed.") == [
        "because",
        "singer",
        "injury",
        "tour",
        "delayed",
    ]
    assert content_tokens(None) == []


def test_text_token_f1_counts_shared_content_words() -> None:
    assert token_f1("his injury", "an injury to his knee") == pytest.approx(2 / 3)
    assert token_f1("the tour", "a festival") == 0.0
    assert token_f1("", "anything") == 0.0


def test_text_evidence_overlaps_on_shared_run_or_tokens() -> None:
    sentence = "The drummer left the band in March to focus on his health, the label said."
    assert evidence_overlaps(sentence, "left the band in March to focus on his health")
    # No 20-character run in common, but most content words are shared.
    assert evidence_overlaps("Drummer quits: health focus.", "health drummer focus quits")
    assert not evidence_overlaps(sentence, "Tickets for the arena show sold out within an hour.")
    assert not evidence_overlaps(sentence, None)

"""Decoding, normalisation, content ids and publication dates (newsgraph.ingest._text)."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import EmptyInput, NotAnArticle, UndecodableInput
from newsgraph.ingest import content_id, normalise_text, parse_published
from newsgraph.ingest._text import decode_bytes, normalise_line

KOREAN = "가수 한미래가 새 드라마에 출연한다. 소속사는 24일 이렇게 밝혔다."


def test_text_decode_utf8_with_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "IU’s “Love”".encode()) == "IU’s “Love”"


def test_text_decode_utf16_with_bom_despite_nul_bytes() -> None:
    data = "Nova Seven’s tour".encode("utf-16")
    assert b"\x00" in data
    assert decode_bytes(data) == "Nova Seven’s tour"


def test_text_decode_latin1_guesses_western_text() -> None:
    text = "Beyoncé played a café concert in São Paulo; fans were thrilled."
    assert decode_bytes(text.encode("latin-1")) == text


def test_text_decode_cp1252_keeps_curly_quotes() -> None:
    text = "The singer’s “comeback” was called a “triumph” by critics."
    assert decode_bytes(text.encode("cp1252")) == text


def test_text_decode_cp949_korean() -> None:
    assert decode_bytes(KOREAN.encode("cp949")) == KOREAN


def test_text_decode_uses_declared_html_charset() -> None:
    page = f'<html><head><meta charset="euc-kr"></head><body><p>{KOREAN}</p></body></html>'
    assert KOREAN in decode_bytes(page.encode("euc-kr"))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\n".encode()])
def test_text_decode_empty_is_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode_bytes(data)


def test_text_decode_nul_bytes_are_binary() -> None:
    with pytest.raises(NotAnArticle, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00 some zip header")


def test_text_decode_control_characters_are_binary() -> None:
    with pytest.raises(NotAnArticle, match="control"):
        decode_bytes(bytes(range(1, 32)) * 4 + b"text")


def test_text_decode_broken_bom_is_undecodable() -> None:
    with pytest.raises(UndecodableInput):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe broken")


def test_text_normalise_newlines_and_trailing_space() -> None:
    raw = "  Title line  \r\nFirst para.\t \r\rSecond\u2028para.\n\n\n\n\nThird.   \n"
    assert normalise_text(raw) == "Title line\nFirst para.\n\nSecond\npara.\n\nThird."


def test_text_normalise_keeps_curly_quotes_and_dashes() -> None:
    raw = "“I was drawn to it,” she said — ‘really’ drawn…"
    assert normalise_text(raw) == raw


def test_text_normalise_repairs_mojibake() -> None:
    broken = "Beyoncé’s ‘café’ tour".encode().decode("cp1252")
    assert broken != "Beyoncé’s ‘café’ tour"
    assert normalise_text(broken) == "Beyoncé’s ‘café’ tour"


def test_text_normalise_drops_controls_and_lone_surrogates() -> None:
    assert normalise_text("Nova\x00 Seven\x07 \ud800tour") == "Nova Seven \ufffdtour"


def test_text_normalise_line_collapses_whitespace() -> None:
    assert normalise_line("  Blue\n Harbour \t premiere ") == "Blue Harbour premiere"


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_text_normalise_is_idempotent_and_clean(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once
    assert once == once.strip()
    assert all(not line.endswith((" ", "\t")) for line in once.split("\n"))
    once.encode("utf-8")  # storable: no lone surrogates


def test_text_content_id_format_and_stability() -> None:
    first = content_id("Nova Seven announced a world tour.")
    assert first == content_id("Nova Seven announced a world tour.")
    assert first.startswith("sha1-")
    assert len(first) == len("sha1-") + 16
    assert first != content_id("Nova Seven announced a world tour!")


@settings(deadline=None)
@given(st.text())
def test_text_content_id_is_a_pure_function_of_text(text: str) -> None:
    assert content_id(text) == content_id(str(text))
    assert content_id(text).startswith("sha1-")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-01-24", date(2024, 1, 24)),
        ("2024-01-24T23:30:00+09:00", date(2024, 1, 24)),
        ("Wed, 06 Mar 2024 07:30:00 +0900", date(2024, 3, 6)),
        ("Thu, 07 Mar 2024 10:00:00 GMT", date(2024, 3, 7)),
        ("Mon, 06 Sep 2021 16:45:00 EST", date(2021, 9, 6)),
        ("January 24, 2024", date(2024, 1, 24)),
        ("  2023-12-05  ", date(2023, 12, 5)),
    ],
)
def test_text_parse_published_formats(raw: str, expected: date) -> None:
    assert parse_published(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "not a date", "2024", "2024-01", "Tuesday", "31/31/2024", "9" * 40, None, 20240124]
)
def test_text_parse_published_bad_or_partial_is_none(raw: object) -> None:
    assert parse_published(raw) is None


def test_text_parse_published_accepts_date_objects() -> None:
    moment = datetime(2024, 1, 24, 23, 0, tzinfo=timezone(timedelta(hours=9)))
    assert parse_published(moment) == date(2024, 1, 24)
    assert parse_published(date(2024, 1, 24)) == date(2024, 1, 24)


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=60))
def test_text_parse_published_never_raises(raw: str) -> None:
    result = parse_published(raw)
    assert result is None or isinstance(result, date)

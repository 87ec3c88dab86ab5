"""The language screen: clearly non-English articles are skipped with NG007, English passes."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.model import Article
from newsgraph.scale.screen import load_screen, not_english, parse_screen

# Invented articles.
ENGLISH = (
    'Actor Jeon Hyeri joined the drama "Winter Lamp" because she wanted to work with director '
    "Kang Doyun again. The series starts filming in Busan next month, and Jeon said the script "
    "was the best she had read in years."
)
ENGLISH_WITH_HANGUL = (
    'The singer Ara Moon (아라 문) released "Glass River" (유리 강) on Friday. Her agency said '
    "the song was written in Jeju during a break from the tour, and that a music video will "
    "follow next week with the actor Kang Doyun (강도윤) in the lead."
)
KOREAN = (
    "가수 아라 문이 새 싱글 유리 강을 발표했다. 소속사는 이번 곡이 제주에서 쓰였다고 밝혔다. "
    "뮤직비디오는 다음 주에 공개되며 배우 강도윤이 주연을 맡았다. 팬들은 공연 일정을 기다리고 "
    "있다. 앨범은 오월에 나올 예정이다. 투어는 서울에서 시작해 부산과 대구로 이어진다."
)
SPANISH = (
    "La cantante Ana Luna lanzó su nuevo sencillo el viernes pasado en Madrid. Según su agencia, "
    "el video fue dirigido por Pablo Ríos, quien también trabajó en su primer álbum. La gira "
    "comenzará en marzo y visitará doce ciudades de España y México."
)


def art(text: str) -> Article:
    return Article(id="a", text=text, source="a.txt")


@pytest.mark.parametrize("text", [ENGLISH, ENGLISH_WITH_HANGUL, "Hola, amigos.", "뉴스"])
def test_screen_passes_english_and_short_texts(text: str) -> None:
    assert not_english(art(text)) is None


def test_screen_skips_korean_for_its_script() -> None:
    skip = not_english(art(KOREAN))
    assert skip is not None and skip.code == "NG007" and skip.source == "a.txt"
    assert "Latin" in skip.reason


def test_screen_skips_spanish_for_its_words() -> None:
    skip = not_english(art(SPANISH))
    assert skip is not None and skip.code == "NG007"
    assert "function words" in skip.reason


def test_screen_data_file_is_valid() -> None:
    screen = load_screen()
    assert "the" in screen.function_words and screen.min_words > 0


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"min_words": 5, "min_latin_share": 0.5, "min_function_share": 0.1, "function_words": []},
        {"min_words": 5, "min_latin_share": 2, "min_function_share": 0.1, "function_words": ["a"]},
        {
            "min_words": 0,
            "min_latin_share": 0.5,
            "min_function_share": 0.1,
            "function_words": ["a"],
        },
        {
            "min_words": 5,
            "min_latin_share": 0.5,
            "min_function_share": 0.1,
            "function_words": ["the", "The"],
        },
    ],
)
def test_screen_refuses_a_bad_data_file(data: object) -> None:
    with pytest.raises(ConfigError):
        parse_screen(data)

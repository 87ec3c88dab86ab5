from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import QueryError
from newsgraph.evaluate.gold import GoldArticle
from newsgraph.evaluate.qa import answer_text_of, dates_in, question_correct, score_qa


def _article(
    article_id: str, entities: list[dict[str, Any]], questions: list[dict[str, Any]]
) -> GoldArticle:
    data = {"id": article_id, "text": "", "entities": entities, "questions": questions}
    return GoldArticle(id=article_id, path=Path(f"{article_id}.json"), data=data)


ALIASES = {
    "v_x": {"V", "Kim Vale"},
    "glass_river": {"Glass River (song)", "Glass River"},
}


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("Kim Vale", True),
        ("It was V’s idea.", True),
        ("KIM VALE directed it", True),
        ("The video was made with love", False),  # "v" inside "love" is not the name
        ("Nobody", False),
    ],
)
def test_qa_entity_answer_by_any_alias_on_word_boundaries(answer: str, correct: bool) -> None:
    assert question_correct({"q": "Who?", "answer": "v_x"}, answer, ALIASES) is correct


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("2024-03-15", True),
        ("It came out on March 15, 2024.", True),
        ("15 March 2024", True),
        ("Released 2024-03", False),  # less precise than the gold day
        ("March 16, 2024", False),
        ("It came out in 2024", False),
    ],
)
def test_qa_date_answer_must_start_with_gold_date(answer: str, correct: bool) -> None:
    question = {"q": "When?", "answer_date": "2024-03-15"}
    assert question_correct(question, answer, ALIASES) is correct


def test_qa_coarse_gold_date_accepts_precise_answers() -> None:
    question = {"q": "When?", "answer_date": "2023-09"}
    assert question_correct(question, "He enlisted on Sept. 18th, 2023.", {})
    assert question_correct(question, "in September 2023", {})
    assert not question_correct(question, "in October 2023", {})


def test_qa_dates_in_reads_iso_and_written_dates() -> None:
    assert dates_in("On Jan. 5, 2021 and 2022-07-30; by 12 August 2020; June 2019.") >= {
        "2021-01-05",
        "2022-07-30",
        "2020-08-12",
        "2019-06",
        "2021",
    }
    assert "2024-13" not in dates_in("2024-13-01")


@settings(deadline=None)
@given(st.dates())
def test_qa_dates_in_finds_every_iso_date(day: Any) -> None:
    assert day.isoformat() in dates_in(f"It happened on {day.isoformat()}.")
    written = f"{day.strftime('%B')} {day.day}, {day.year:04d}"
    assert day.isoformat() in dates_in(written)


def test_qa_key_phrases_at_least_half_must_appear() -> None:
    question = {"q": "Why?", "answer_text": ["a knee injury", "the tour schedule", "fatigue"]}
    # 2 of 3 phrases ("knee injury", "tour schedule") appear.
    assert question_correct(question, "Her knee injury and the tour schedule.", {})
    # 1 of 3 is under half.
    assert not question_correct(question, "Fatigue, mostly.", {})
    two = {"q": "Why?", "answer_text": ["a knee injury", "fatigue"]}
    assert question_correct(two, "Fatigue, mostly.", {})  # 1 of 2 is half


def test_qa_key_phrase_needs_sixty_percent_of_its_content_words() -> None:
    question = {"q": "Why?", "answer_text": ["admiration for director Lee Sora"]}
    # content words: admiration, director, lee, sora -> 3/4 present
    assert question_correct(question, "He admired... admiration for Lee Sora", {})
    # 2/4 present is under 60%
    assert not question_correct(question, "Lee Sora asked him", {})


def test_qa_answer_text_joins_answer_and_answers() -> None:
    response = {"question": "q", "answer": "Mira", "answers": ["Jun", {"text": "Sora"}]}
    assert answer_text_of(response) == "Mira\nJun\nSora"
    assert answer_text_of({"answer": None}) == ""


def test_qa_score_uses_aliases_from_every_gold_article() -> None:
    first = _article(
        "a1",
        [{"id": "v_x", "name": "V", "type": "PERSON", "mentions": ["V"]}],
        [{"q": "Who starred?", "answer": "v_x"}],
    )
    second = _article(
        "a2",
        [{"id": "v_x", "name": "V", "type": "PERSON", "mentions": ["Kim Vale"]}],
        [{"q": "Who sang?", "answer": "v_x"}, {"q": "Why?", "answer_text": ["rain"]}],
    )

    def ask(question: str) -> Mapping[str, Any]:
        if question == "Why?":
            raise QueryError("cannot parse")
        return {"question": question, "answer": "Kim Vale", "answers": [], "evidence": []}

    scores = score_qa([first, second], ask)
    assert [r.correct for r in scores.results] == [True, True, False]
    assert scores.results[2].error.startswith("[NG300]")
    assert (scores.correct, scores.total) == (2, 3)
    assert scores.accuracy == pytest.approx(2 / 3)

"""The held-out gold set (tests/heldout) stays well-formed.

The set scores how newsgraph's rules generalise to text they were never tuned on, so a broken file
(a typo in an entity id, an evidence string edited away from the text) would silently change the
figures. These checks are about the annotations only: the extractor is never run here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluate.gold import GoldArticle, load_gold
from newsgraph.model import ENTITY_TYPES, EVENT_TYPES, RELATION_TYPES, SYMMETRIC_RELATIONS

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "heldout"
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
POSSESSIVE = re.compile(r"['’]s?$")


def _articles() -> list[GoldArticle]:
    return load_gold(HELDOUT_DIR)


ARTICLES = _articles()


def _squash(text: str) -> str:
    """Whitespace-insensitive form: evidence may span a paragraph break."""
    return re.sub(r"\s+", " ", text).strip()


def _evidence_parts(evidence: str) -> Iterator[str]:
    """An evidence string may join non-adjacent passages with '...', as the dev gold does."""
    for part in re.split(r"\s*(?:\.\.\.|…)\s*", evidence):
        if part.strip():
            yield _squash(part)


def _entity_ids(article: GoldArticle) -> dict[str, dict[str, Any]]:
    return {entity["id"]: entity for entity in article.entities}


def _valid_date(value: str) -> bool:
    if not ISO_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def test_heldout_set_has_twelve_articles_over_four_industries() -> None:
    ids = [a.id for a in ARTICLES]
    assert len(ids) == 12
    for prefix in ("hw-", "bw-", "jp-", "kp-"):
        assert sum(i.startswith(prefix) for i in ids) == 3
    assert sum(a.data["published"] is None for a in ARTICLES) == 2


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_article_fields(article: GoldArticle) -> None:
    data = article.data
    assert article.path.stem == article.id
    assert data["url"] == f"heldout:{article.id}"
    assert isinstance(data["title"], str)
    published = data["published"]
    assert published is None or (len(published) == 10 and _valid_date(published))
    words = len(data["text"].split())
    assert 180 <= words <= 320, words
    assert 3 <= len(article.questions) <= 6


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_entities_and_mentions(article: GoldArticle) -> None:
    text = article.data["text"]
    for entity in article.entities:
        assert entity["type"] in ENTITY_TYPES, entity
        assert isinstance(entity["name"], str) and entity["name"]
        assert entity["mentions"], entity["id"]
        assert len(set(entity["mentions"])) == len(entity["mentions"]), entity["id"]
        for mention in entity["mentions"]:
            assert mention in text, (entity["id"], mention)
            assert not POSSESSIVE.search(mention), (entity["id"], mention)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_relations_refer_to_entities_and_quote_text(article: GoldArticle) -> None:
    ids = _entity_ids(article)
    text = _squash(article.data["text"])
    seen: set[tuple[str, str, str]] = set()
    for rel in article.data["relations"]:
        s, p, o = rel["s"], rel["p"], rel["o"]
        assert p in RELATION_TYPES, rel
        assert s in ids and o in ids, rel
        assert s != o, rel
        key = (min(s, o), p, max(s, o)) if p in SYMMETRIC_RELATIONS else (s, p, o)
        assert key not in seen, f"relation listed twice: {rel}"
        seen.add(key)
        for part in _evidence_parts(rel["evidence"]):
            assert part in text, (rel, part)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_events_refer_to_entities_and_quote_text(article: GoldArticle) -> None:
    ids = _entity_ids(article)
    text = _squash(article.data["text"])
    for event in article.data["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert event["subject"] in ids, event
        assert event["date"] is None or _valid_date(event["date"]), event
        for part in _evidence_parts(event["evidence"]):
            assert part in text, (event, part)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_reasons_refer_to_entities_and_quote_text(article: GoldArticle) -> None:
    ids = _entity_ids(article)
    text = _squash(article.data["text"])
    for reason in article.data["reasons"]:
        assert reason["effect"] and reason["cause"], reason
        for key in ("agent", "attributed_to"):
            assert reason[key] is None or reason[key] in ids, (key, reason)
        for part in _evidence_parts(reason["evidence"]):
            assert part in text, (reason, part)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_heldout_questions_have_one_checkable_answer(article: GoldArticle) -> None:
    ids = _entity_ids(article)
    for question in article.questions:
        assert question["q"].endswith("?"), question
        answers = {"answer", "answer_text", "answer_date"} & set(question)
        assert len(answers) == 1, question
        if "answer" in question:
            assert question["answer"] in ids, question
        elif "answer_date" in question:
            assert _valid_date(question["answer_date"]), question
        else:
            assert question["answer_text"] and all(question["answer_text"]), question


def test_heldout_global_ids_agree_across_articles() -> None:
    """One invented entity keeps one id, type and name wherever it appears."""
    seen: dict[str, tuple[str, str, str]] = {}
    for article in ARTICLES:
        for entity in article.entities:
            found = seen.setdefault(entity["id"], (entity["type"], entity["name"], article.id))
            assert found[:2] == (entity["type"], entity["name"]), (entity, found)
    shared = {eid for eid in seen if sum(eid in _entity_ids(a) for a in ARTICLES) > 1}
    # The paired stories (same film, song, idol, anime in two articles) share their ids.
    assert {"the_lantern_keepers", "baarish_ke_baad", "kaleidoscope_heart", "taesan"} <= shared


def test_helpers_reject_what_the_checks_must_catch() -> None:
    """The checks above are only as strict as these helpers."""
    assert list(_evidence_parts("He left.  ... She  stayed.")) == ["He left.", "She stayed."]
    assert _valid_date("2024") and _valid_date("2024-02") and _valid_date("2024-02-29")
    assert not _valid_date("2023-02-29") and not _valid_date("24-02-01")
    assert not _valid_date("2024-13")
    assert POSSESSIVE.search("Sehgal’s") and POSSESSIVE.search("BTS'")
    assert not POSSESSIVE.search("Salim–Anand")

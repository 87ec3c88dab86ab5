"""The second blind held-out gold set (tests/heldout2) stays well-formed.

The set is scored once, at the end of a work session, to see whether newsgraph's rules generalise
to text nobody tuned them on. A broken file (an entity id with a typo, an evidence string that no
longer matches the text) would silently move those figures, so the annotations are checked here.
The extractor is never run in this module: the set must stay unseen.
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

SET_DIR = Path(__file__).resolve().parents[1] / "heldout2"
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
POSSESSIVE_END = re.compile(r"['’]s?$")
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")

# Subject and object types each predicate allows, as in the table of gold/SCHEMA.md.
SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "member_of": (frozenset({"PERSON"}), frozenset({"GROUP"})),
    "performer_of": (frozenset({"PERSON", "GROUP"}), frozenset({"WORK"})),
    "appears_in": (frozenset({"PERSON", "GROUP"}), frozenset({"WORK"})),
    "director_of": (frozenset({"PERSON"}), frozenset({"WORK"})),
    "composer_of": (frozenset({"PERSON", "GROUP"}), frozenset({"WORK"})),
    "lyricist_of": (frozenset({"PERSON"}), frozenset({"WORK"})),
    "producer_of": (frozenset({"PERSON", "ORG"}), frozenset({"WORK"})),
    "part_of": (frozenset({"WORK"}), frozenset({"WORK"})),
    "signed_to": (frozenset({"PERSON", "GROUP"}), frozenset({"ORG"})),
    "won": (frozenset({"PERSON", "GROUP", "WORK"}), frozenset({"EVENT", "WORK", "ORG"})),
    "collaborated_with": (frozenset({"PERSON", "GROUP"}), frozenset({"PERSON", "GROUP"})),
    "related_to": (frozenset({"PERSON"}), frozenset({"PERSON"})),
}

# Ids that the paired stories (two outlets, two spellings) must share.
PAIRED_IDS = {
    "the_harrow_line",
    "marisol_ketterby",
    "kavya_raghunathan",
    "neend_ka_shehar",
    "comet_diner",
    "ren_aoyagi",
    "winterline",
    "ryu_seong_bin",
    "glasshouse_entertainment",
}

ARTICLES: list[GoldArticle] = load_gold(SET_DIR)


def _squash(text: str) -> str:
    """Whitespace-insensitive form: an evidence string may run across a line or paragraph break."""
    return re.sub(r"\s+", " ", text).strip()


def _evidence_parts(evidence: str) -> Iterator[str]:
    """Non-adjacent passages joined with '...' (as in the dev gold) are checked one by one."""
    for part in ELLIPSIS.split(evidence):
        if part.strip():
            yield _squash(part)


def _valid_date(value: str) -> bool:
    """ISO year, year-month or full date that exists on the calendar."""
    if not ISO_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _as_word(mention: str, text: str) -> bool:
    """The mention occurs at least once not glued to letters or digits on either side."""
    return re.search(rf"(?<![\w]){re.escape(mention)}(?![\w])", text) is not None


def _entities(article: GoldArticle) -> dict[str, dict[str, Any]]:
    return {entity["id"]: entity for entity in article.entities}


def _ids(articles: list[GoldArticle]) -> list[str]:
    return [a.id for a in articles]


def test_set_has_twelve_articles_three_per_industry_two_undated() -> None:
    ids = _ids(ARTICLES)
    assert len(ids) == 12
    for prefix in ("us-", "in-", "ja-", "ko-"):
        assert sum(i.startswith(prefix) for i in ids) == 3, prefix
    assert sum(a.data["published"] is None for a in ARTICLES) == 2


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_article_fields(article: GoldArticle) -> None:
    data = article.data
    assert article.path.stem == article.id
    assert data["url"] == f"heldout2:{article.id}"
    assert isinstance(data["title"], str) and data["title"]
    published = data["published"]
    assert published is None or (len(published) == 10 and _valid_date(published)), published
    assert 180 <= len(data["text"].split()) <= 320
    assert 3 <= len(article.questions) <= 6
    for key in ("entities", "relations", "events", "reasons"):
        assert data[key], f"{article.id}: no {key}"


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_entities_and_mentions(article: GoldArticle) -> None:
    text = article.data["text"]
    ids = [entity["id"] for entity in article.entities]
    assert len(ids) == len(set(ids)), "entity id declared twice"
    for entity in article.entities:
        assert re.fullmatch(r"[a-z0-9_]+", entity["id"]), entity["id"]
        assert entity["type"] in ENTITY_TYPES, entity
        assert isinstance(entity["name"], str) and entity["name"], entity
        mentions = entity["mentions"]
        assert mentions and len(set(mentions)) == len(mentions), entity["id"]
        for mention in mentions:
            assert mention == mention.strip() and mention, (entity["id"], mention)
            assert mention in text, (entity["id"], mention)
            assert _as_word(mention, text), (entity["id"], mention)
            assert not POSSESSIVE_END.search(mention), (entity["id"], mention)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_relations_are_typed_declared_and_quoted(article: GoldArticle) -> None:
    entities = _entities(article)
    text = _squash(article.data["text"])
    seen: set[tuple[str, str, str]] = set()
    for rel in article.data["relations"]:
        s, p, o = rel["s"], rel["p"], rel["o"]
        assert p in RELATION_TYPES, rel
        assert s in entities and o in entities, rel
        assert s != o, rel
        subject_types, object_types = SIGNATURES[p]
        assert entities[s]["type"] in subject_types, rel
        assert entities[o]["type"] in object_types, rel
        key = (min(s, o), p, max(s, o)) if p in SYMMETRIC_RELATIONS else (s, p, o)
        assert key not in seen, f"relation listed twice: {rel}"
        seen.add(key)
        for part in _evidence_parts(rel["evidence"]):
            assert part in text, (rel, part)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_events_are_typed_dated_and_quoted(article: GoldArticle) -> None:
    entities = _entities(article)
    text = _squash(article.data["text"])
    for event in article.data["events"]:
        assert event["type"] in EVENT_TYPES, event
        assert event["subject"] in entities, event
        assert event["date"] is None or _valid_date(event["date"]), event
        for part in _evidence_parts(event["evidence"]):
            assert part in text, (event, part)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_reasons_refer_to_entities_and_quote_text(article: GoldArticle) -> None:
    entities = _entities(article)
    text = _squash(article.data["text"])
    for reason in article.data["reasons"]:
        assert reason["effect"].strip() and reason["cause"].strip(), reason
        for key in ("agent", "attributed_to"):
            assert key in reason, (key, reason)
            assert reason[key] is None or reason[key] in entities, (key, reason)
        for part in _evidence_parts(reason["evidence"]):
            assert part in text, (reason, part)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_questions_have_exactly_one_checkable_answer(article: GoldArticle) -> None:
    entities = _entities(article)
    for question in article.questions:
        assert question["q"].strip().endswith("?"), question
        kinds = {"answer", "answer_text", "answer_date"} & set(question)
        assert len(kinds) == 1, question
        if "answer" in question:
            assert question["answer"] in entities, question
        elif "answer_date" in question:
            assert _valid_date(question["answer_date"]), question
        else:
            phrases = question["answer_text"]
            assert isinstance(phrases, list) and phrases and all(phrases), question


def test_global_ids_keep_one_type_and_name() -> None:
    """An invented entity keeps one id, one type and one canonical name in every article."""
    seen: dict[str, tuple[str, str, str]] = {}
    for article in ARTICLES:
        for entity in article.entities:
            first = seen.setdefault(entity["id"], (entity["type"], entity["name"], article.id))
            assert first[:2] == (entity["type"], entity["name"]), (article.id, entity, first)


def test_paired_stories_share_their_ids() -> None:
    counts: dict[str, int] = {}
    for article in ARTICLES:
        for entity_id in _entities(article):
            counts[entity_id] = counts.get(entity_id, 0) + 1
    shared = {entity_id for entity_id, n in counts.items() if n > 1}
    assert shared >= PAIRED_IDS, PAIRED_IDS - shared


def test_helpers_catch_what_they_must() -> None:
    """The checks above are only as strict as these helpers."""
    assert list(_evidence_parts("She left.  ... He\nstayed.")) == ["She left.", "He stayed."]
    assert list(_evidence_parts("one … two")) == ["one", "two"]
    assert _valid_date("2025") and _valid_date("2025-06") and _valid_date("2024-02-29")
    assert not _valid_date("2025-02-29") and not _valid_date("2025-13") and not _valid_date("25-01")
    assert POSSESSIVE_END.search("Ketterby's") and POSSESSIVE_END.search("Meghdoot’s")
    assert POSSESSIVE_END.search("Bellwether Pictures'")
    assert not POSSESSIVE_END.search("Neeraj–Tanmay")
    assert _as_word("Rio", "Rio's dance break") and not _as_word("Rio", "Riordan said")
    assert _as_word("Glasshouse Ent.", "with Glasshouse Ent., his lawyers")

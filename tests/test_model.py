"""The shared data model: the JSON contracts of gold/SCHEMA.md, fact identity, immutability."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import (
    COUNT_BOUNDS,
    ENTITY_TYPES,
    EVENT_TYPES,
    RELATION_TYPES,
    SYMMETRIC_RELATIONS,
    Article,
    Count,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Reason,
    Relation,
    Skip,
)

# The ``extract --json`` contract of gold/SCHEMA.md ("The command-line contract").
CONTRACT_KEYS = {"article", "entities", "relations", "events", "reasons"}
ARTICLE_KEYS = {"id", "url", "title", "published"}
# The gold fields each fact must carry, plus the sentence index and offsets the contract adds.
ENTITY_FIELDS = {"id", "name", "type", "mentions"}
RELATION_FIELDS = {"s", "p", "o", "evidence", "sentence", "start", "end"}
EVENT_FIELDS = {"type", "subject", "date", "evidence", "sentence", "start", "end"}
REASON_FIELDS = {
    "agent",
    "effect",
    "cause",
    "attributed_to",
    "evidence",
    "sentence",
    "start",
    "end",
}
# Keys beyond the contract that Extraction.to_json adds; each must be a deliberate extension.
EXTENSION_KEYS = {"quotes", "counts"}

TEXT = (
    "Singer Ara Moon released the single Glass River. "
    "She thanked director Kang Doyun because he believed in the song."
)
FIRST = "Singer Ara Moon released the single Glass River."
SECOND = "She thanked director Kang Doyun because he believed in the song."


def _evidence(sentence_text: str, index: int) -> Evidence:
    start = TEXT.index(sentence_text)
    return Evidence("a1", index, start, start + len(sentence_text), sentence_text)


def _extraction() -> Extraction:
    article = Article(id="a1", text=TEXT, url="https://example.com/a1", title="Glass River")
    first, second = _evidence(FIRST, 0), _evidence(SECOND, 1)
    ara = Entity(
        id="e1",
        name="Ara Moon",
        type="PERSON",
        aliases=("Ara Moon",),
        mentions=(Mention("a1", 7, 15, 0, "Ara Moon", "PERSON"),),
    )
    song = Entity(id="e2", name="Glass River", type="WORK", aliases=("Glass River",))
    kang = Entity(id="e3", name="Kang Doyun", type="PERSON", aliases=("Kang Doyun",))
    return Extraction(
        article=article,
        entities=(ara, song, kang),
        relations=(Relation("e1", "performer_of", "e2", (first,)),),
        events=(Event("release", "e2", evidence=(first,)),),
        reasons=(
            Reason(
                agent="e1",
                effect="She thanked director Kang Doyun",
                cause="he believed in the song",
                cue="because",
                evidence=(second,),
            ),
        ),
        quotes=(Quote(speaker=None, text="believed in the song", evidence=(second,)),),
        counts=(Count("e2", "tracks", 12, evidence=(first,)),),
    )


def test_model_extraction_to_json_has_the_contract_keys() -> None:
    data = _extraction().to_json()
    assert set(data) >= CONTRACT_KEYS
    assert set(data) - CONTRACT_KEYS == EXTENSION_KEYS
    assert set(data["article"]) == ARTICLE_KEYS


def test_model_contract_keys_match_schema_md(shared_dir: Path) -> None:
    """The key sets above are the ones SCHEMA.md documents (so this test cannot drift)."""
    schema = (shared_dir / "gold" / "SCHEMA.md").read_text(encoding="utf-8")
    row = next(line for line in schema.splitlines() if line.startswith("| `newsgraph extract"))
    assert '"article": {"id", "url", "title", "published"}' in row
    top = set(re.findall(r'"(\w+)": ', row))
    assert top == CONTRACT_KEYS


def test_model_fact_json_carries_gold_fields_and_offsets() -> None:
    data = _extraction().to_json()
    assert set(data["entities"][0]) >= ENTITY_FIELDS
    assert set(data["relations"][0]) >= RELATION_FIELDS
    assert set(data["events"][0]) >= EVENT_FIELDS
    assert set(data["reasons"][0]) >= REASON_FIELDS


def test_model_fact_json_evidence_is_the_stated_sentence() -> None:
    data = _extraction().to_json()
    reason = data["reasons"][0]
    assert reason["evidence"] == SECOND
    assert reason["sentence"] == 1
    assert TEXT[reason["start"] : reason["end"]] == SECOND
    assert reason["sources"] == [
        {
            "article": "a1",
            "sentence": 1,
            "start": reason["start"],
            "end": reason["end"],
            "text": SECOND,
        }
    ]


def test_model_fact_json_without_evidence_has_null_offsets() -> None:
    data = Relation("e1", "member_of", "e2").to_json()
    assert data["evidence"] == ""
    assert data["sentence"] is None
    assert data["start"] is None and data["end"] is None
    assert data["sources"] == []


def test_model_fact_json_joins_several_evidence_sentences() -> None:
    relation = Relation("e1", "performer_of", "e2", (_evidence(FIRST, 0), _evidence(SECOND, 1)))
    data = relation.to_json()
    assert data["evidence"] == f"{FIRST} {SECOND}"
    assert data["sentence"] == 0  # offsets are the first sentence's
    assert len(data["sources"]) == 2


def test_model_evidence_fields() -> None:
    ev = _evidence(SECOND, 1)
    assert TEXT[ev.start : ev.end] == ev.text
    assert ev.to_json() == {
        "article": "a1",
        "sentence": 1,
        "start": ev.start,
        "end": ev.end,
        "text": SECOND,
    }


def test_model_entity_json_lists_aliases_as_mentions_and_spans() -> None:
    data = _extraction().to_json()["entities"][0]
    assert data["mentions"] == ["Ara Moon"]
    assert data["spans"] == [{"text": "Ara Moon", "start": 7, "end": 15, "sentence": 0}]
    assert TEXT[7:15] == "Ara Moon"
    assert data["external_ids"] == {}


def test_model_article_header_dates_are_iso() -> None:
    assert Article("a", "t", published=date(2024, 5, 2)).header()["published"] == "2024-05-02"
    assert Article("a", "t").header()["published"] is None


def test_model_extraction_entity_lookup() -> None:
    extraction = _extraction()
    found = extraction.entity("e3")
    assert found is not None and found.name == "Kang Doyun"
    assert extraction.entity("nope") is None


@settings(deadline=None)
@given(
    a=st.text(alphabet="abcdefxyz_", min_size=1, max_size=8),
    b=st.text(alphabet="abcdefxyz_", min_size=1, max_size=8),
    p=st.sampled_from(RELATION_TYPES),
)
def test_model_relation_key_orders_only_symmetric_relations(a: str, b: str, p: str) -> None:
    forward, backward = Relation(a, p, b).key(), Relation(b, p, a).key()
    if p in SYMMETRIC_RELATIONS:
        assert forward == backward
        assert forward == (min(a, b), p, max(a, b))
    else:
        assert forward == (a, p, b)
        assert backward == (b, p, a)


def test_model_relation_key_symmetric_example() -> None:
    assert Relation("v_bts", "collaborated_with", "iu").key() == (
        "iu",
        "collaborated_with",
        "v_bts",
    )
    assert Relation("v_bts", "member_of", "bts").key() == ("v_bts", "member_of", "bts")


def test_model_closed_sets_match_schema() -> None:
    assert set(ENTITY_TYPES) == {"PERSON", "GROUP", "ORG", "WORK", "EVENT", "PLACE"}
    assert len(RELATION_TYPES) == len(set(RELATION_TYPES)) == 12
    assert {"collaborated_with", "related_to"} == SYMMETRIC_RELATIONS
    assert set(RELATION_TYPES) >= SYMMETRIC_RELATIONS
    assert "other" in EVENT_TYPES and len(EVENT_TYPES) == len(set(EVENT_TYPES))


@pytest.mark.parametrize(
    ("obj", "attr"),
    [
        (Article("a", "t"), "text"),
        (Skip("f.txt", "NG001", "empty"), "code"),
        (Evidence("a", 0, 0, 1, "t"), "start"),
        (Mention("a", 0, 1, 0, "t", "PERSON"), "text"),
        (Entity("e1", "n", "PERSON", ("n",)), "name"),
        (Relation("e1", "member_of", "e2"), "p"),
        (Event("release", None), "date"),
        (Reason(None, "effect", "cause"), "cause"),
        (Quote(None, "words"), "speaker"),
        (Extraction(Article("a", "t")), "entities"),
    ],
)
def test_model_objects_are_frozen(obj: object, attr: str) -> None:
    assert dataclasses.is_dataclass(obj)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, attr, None)


def test_model_objects_are_hashable_values() -> None:
    """Frozen facts compare by value, so the same fact found twice collapses in a set."""
    one = Relation("e1", "member_of", "e2", (_evidence(FIRST, 0),))
    two = Relation("e1", "member_of", "e2", (_evidence(FIRST, 0),))
    assert one == two
    assert len({one, two}) == 1


def test_model_count_json_carries_value_bound_and_evidence() -> None:
    first = _evidence(FIRST, 0)
    count = Count(
        subject="e2",
        quantity="box_office",
        value=52300000,
        unit="USD",
        qualifier="first",
        bound="at_least",
        precision=100000,
        text="$52.3 million",
        as_of="2024-05-01",
        evidence=(first,),
    )
    data = count.to_json()
    assert {k: data[k] for k in ("subject", "quantity", "value", "unit", "bound")} == {
        "subject": "e2",
        "quantity": "box_office",
        "value": 52300000,
        "unit": "USD",
        "bound": "at_least",
    }
    assert data["qualifier"] == "first" and data["precision"] == 100000
    assert data["evidence"] == FIRST and data["sentence"] == 0
    assert count.key() == ("e2", "box_office", "first", "USD")
    assert count.bound in COUNT_BOUNDS


def test_model_count_is_frozen_and_defaults_to_an_exact_unitless_count() -> None:
    count = Count("e1", "age", 29)
    assert (count.unit, count.qualifier, count.bound, count.precision) == (None, None, "exact", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        count.value = 30  # type: ignore[misc]


def test_model_extraction_counts_default_to_none_and_serialise() -> None:
    assert Extraction(article=Article(id="a9", text="")).counts == ()
    assert _extraction().to_json()["counts"][0]["quantity"] == "tracks"

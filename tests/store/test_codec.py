"""The store's lossless extraction round trip."""

from __future__ import annotations

import json

from newsgraph.model import Article, Count, Evidence, Extraction
from newsgraph.store import codec


def test_codec_round_trips_an_extraction(corpus: list[Extraction]) -> None:
    for extraction in corpus:
        assert codec.loads(codec.dumps(extraction)) == extraction


def test_codec_round_trips_counts() -> None:
    text = "The seven-member group Tide Five returns."
    evidence = (Evidence(article_id="a1", sentence=0, start=0, end=len(text), text=text),)
    count = Count(
        subject="e1",
        quantity="members",
        value=7,
        text="seven",
        as_of="2025-03-07",
        evidence=evidence,
    )
    extraction = Extraction(article=Article(id="a1", text=text), counts=(count,))
    assert codec.loads(codec.dumps(extraction)).counts == (count,)


def test_codec_reads_extractions_stored_before_counts() -> None:
    extraction = Extraction(article=Article(id="a1", text="Tide Five returns."))
    stored = json.loads(codec.dumps(extraction))
    del stored["counts"]
    assert codec.loads(json.dumps(stored)) == extraction

"""The store's lossless extraction round trip."""

from __future__ import annotations

from newsgraph.model import Extraction
from newsgraph.store import codec


def test_codec_round_trips_an_extraction(corpus: list[Extraction]) -> None:
    for extraction in corpus:
        assert codec.loads(codec.dumps(extraction)) == extraction

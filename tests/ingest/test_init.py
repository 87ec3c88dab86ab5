"""The public surface of newsgraph.ingest stays small and deliberate."""

from __future__ import annotations

import newsgraph.ingest as ingest


def test_init_all_snapshot() -> None:
    assert sorted(ingest.__all__) == [
        "INPUT_KINDS",
        "content_id",
        "dedup",
        "normalise_text",
        "parse_published",
        "read_article_bytes",
        "read_inputs",
    ]


def test_init_all_names_exist_and_nothing_else_is_public() -> None:
    for name in ingest.__all__:
        assert hasattr(ingest, name)
    public = {n for n in vars(ingest) if not n.startswith("_") and n != "annotations"}
    assert public == set(ingest.__all__)

"""Fuzzing the readers and the pipeline: arbitrary bytes and text never crash an ingest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest import INPUT_KINDS, read_article_bytes
from newsgraph.ingest.dedup import Deduplicator
from newsgraph.model import Article, Extraction, Skip
from newsgraph.nlp.pipeline import Extractor
from newsgraph.scale import extract_batch, not_english

MARKUP = st.sampled_from(
    ["<html>", "<body>", "<p>", "</p>", "<div>", "<rss>", "<item>", "<![CDATA[", "&amp;", "{", "\n"]
)
WORDS = st.sampled_from(
    ["Ara Moon", "said", "released", "on May 2", "because", "the film", '"Glass River"', ". "]
)
TEXTISH = st.lists(st.one_of(MARKUP, WORDS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=2000), TEXTISH.map(lambda t: t.encode("utf-8", "replace"))),
    kind=st.sampled_from([None, *INPUT_KINDS]),
)
def test_fuzz_readers_return_articles_or_skips(data: bytes, kind: str | None) -> None:
    items = read_article_bytes(data, name="fuzz.bin.txt", kind=kind)
    for item in items:
        assert isinstance(item, Article | Skip)
        if isinstance(item, Skip):
            assert item.code.startswith("NG") and item.reason
        else:
            assert item.text.strip() and item.id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXTISH.filter(str.strip), min_size=1, max_size=3))
def test_fuzz_pipeline_and_screens_never_crash(texts: list[str], extractor: Extractor) -> None:
    articles = [Article(id=f"f{i}", text=t, source=f"f{i}.txt") for i, t in enumerate(texts)]
    results = extract_batch(articles)
    assert len(results) == len(articles)
    for article, result in zip(articles, results, strict=True):
        assert isinstance(result, Extraction | Skip)
        if isinstance(result, Extraction):
            for entity in result.entities:
                for mention in entity.mentions:
                    assert article.text[mention.start : mention.end] == mention.text
        not_english(article)
        dedup = Deduplicator()
        dedup.check(article)
        dedup.admit(article)

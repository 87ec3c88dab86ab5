"""The bundled samples the quick start reads: every reader, no skips, the names they were built on.

The samples were written with particular name spellings, reasons, dates and one release-date
conflict in them (see ``src/newsgraph/data/SAMPLES.md``). These tests pin those choices so that a
later edit to a sample changes them on purpose, not by accident.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsgraph.data
from newsgraph.ingest import read_inputs
from newsgraph.model import Article, Skip

DATA = Path(newsgraph.data.__file__).resolve().parent
SAMPLES = DATA / "samples"

TXT = "01-lumen-video.txt"
HTML = "02-lumen-video-outlet-b.html"
JSONL = "articles.jsonl"
FEED = "feed.xml"
FILES = {TXT: 1, HTML: 1, JSONL: 4, FEED: 2}

# Source suffix (file name plus the reader's record marker) -> expected publication date.
PUBLISHED: dict[str, date | None] = {
    TXT: None,
    HTML: date(2025, 3, 14),
    f"{JSONL}#L1": date(2025, 3, 17),
    f"{JSONL}#L2": date(2025, 3, 20),
    f"{JSONL}#L3": date(2025, 3, 21),
    f"{JSONL}#L4": date(2025, 3, 29),
    f"{FEED}#1": date(2025, 3, 15),
    f"{FEED}#2": date(2025, 3, 17),
}

# Records that carry their own id keep it; the text and HTML articles get a content hash.
SOURCE_IDS = {
    f"{JSONL}#L1": "kpopwire-20250317-paper-lanterns-chart",
    f"{JSONL}#L2": "kpopwire-20250320-hana-seo-album-delay",
    f"{JSONL}#L3": "stagepulse-20250321-nova7-taeyoon-enlistment",
    f"{JSONL}#L4": "screendesk-20250329-seoul-star-awards",
    f"{FEED}#1": "https://hallyubeat.example/2025/03/15/paper-lanterns-behind-the-scenes",
    f"{FEED}#2": "https://hallyubeat.example/2025/03/17/glass-orchard-premiere-date",
}

# The spellings each article was written with: syndication spells one name many ways.
NAME_VARIANTS = {
    TXT: ["Hana Seo", "Minjae", "NOVA7", "Yoon Da-eun", "Park Jun-ho", "Greyhound Avenue",
          "Bluebell Entertainment", "Orbit Music", "Salt Wind", "Paper Lanterns"],
    HTML: ["Seo Ha-na", "Kim Min-jae", "NOVA7", "Yoon Da Eun", "Park Jun-ho", "Greyhound Avenue",
           "Bluebell Entertainment", "Orbit Music", "Salt Wind", "Paper Lanterns"],
    f"{JSONL}#L1": ["HANA", "Seo Hana", "Kim Minjae", "NOVA7", "Yoon Da-eun", "Park Jun-ho",
                    "Greyhound Avenue", "Bluebell Entertainment"],
    f"{JSONL}#L2": ["Hana Seo", "Seo Ha-na", "Minjae", "NOVA7", "Park Jun-ho",
                    "Bluebell Entertainment"],
    f"{JSONL}#L3": ["Taeyoon", "Lee Tae-yoon", "NOVA7", "Orbit Music", "Kim Min-jae", "Hana Seo"],
    f"{JSONL}#L4": ["Salt Wind", "Yoon Da-eun", "Seoul Star Awards", "Hana Seo", "Minjae",
                    "NOVA7", "Moonlit Pharmacy"],
    f"{FEED}#1": ["HANA", "Seo Hana", "Kim Minjae", "NOVA7", "Yoon Da Eun", "Park Jun-ho",
                  "Greyhound Avenue", "Bluebell Entertainment", "Orbit Music", "Salt Wind"],
    f"{FEED}#2": ["The Glass Orchard", "Marisol Fenwick", "Theo Brannigan", "Ada Whitlock",
                  "Northlight Pictures"],
}  # fmt: skip

# The words each reason is stated in, so "why" questions have evidence to quote.
REASONS = {
    TXT: ["Minjae took the role out of admiration for Yoon Da-eun",
          'because I wanted to work with her," Minjae said'],
    HTML: ["Kim Min-jae accepted the part because he fell for the melody"],
    f"{JSONL}#L1": ["who joined the project because he fell for the melody"],
    f"{JSONL}#L2": ["postponed her first full-length album due to a vocal-cord injury"],
    f"{JSONL}#L3": ["postponed last September because of a typhoon"],
    f"{JSONL}#L4": ["renewed after its finale drew record ratings",
                    "record ratings led to a second season"],
    f"{FEED}#1": ["decision to take the role was influenced by his admiration for director "
                  "Yoon Da Eun"],
    f"{FEED}#2": ["delayed last autumn because of flooding"],
}  # fmt: skip


def _read(*paths: Path) -> list[Article | Skip]:
    return list(read_inputs(paths))


def _by_suffix(items: list[Article | Skip]) -> dict[str, Article]:
    """Articles keyed by file name plus record marker (``articles.jsonl#L1``, ``feed.xml#2``)."""
    out: dict[str, Article] = {}
    for item in items:
        assert isinstance(item, Article), item
        out[Path(item.source).name] = item
    return out


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return _by_suffix(_read(SAMPLES))


def test_samples_folder_holds_one_file_per_reader() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(FILES)
    assert (DATA / "SAMPLES.md").is_file()  # beside the folder: a .md inside would be ingested


@pytest.mark.parametrize(("name", "count"), sorted(FILES.items()))
def test_samples_file_reads_as_articles_without_skips(name: str, count: int) -> None:
    items = _read(SAMPLES / name)
    skips = [item for item in items if isinstance(item, Skip)]
    assert skips == []
    assert len(items) == count


def test_samples_folder_reads_eight_articles(articles: dict[str, Article]) -> None:
    assert sorted(articles) == sorted(PUBLISHED)


def test_samples_ids_are_stable_across_reads(articles: dict[str, Article]) -> None:
    again = _by_suffix(_read(SAMPLES))
    assert {k: a.id for k, a in again.items()} == {k: a.id for k, a in articles.items()}
    assert len({a.id for a in articles.values()}) == len(articles)


def test_samples_ids_keep_the_source_ids(articles: dict[str, Article]) -> None:
    assert {k: articles[k].id for k in SOURCE_IDS} == SOURCE_IDS
    assert articles[TXT].id.startswith("sha1-")
    assert articles[HTML].id.startswith("sha1-")


@settings(max_examples=10, deadline=None)
@given(st.permutations(sorted(FILES)))
def test_samples_ids_do_not_depend_on_reading_order(order: list[str]) -> None:
    items = _read(*(SAMPLES / name for name in order))
    ids = {k: a.id for k, a in _by_suffix(items).items()}
    assert {k: ids[k] for k in SOURCE_IDS} == SOURCE_IDS
    assert len(set(ids.values())) == len(PUBLISHED)


def test_samples_published_dates_except_plain_text(articles: dict[str, Article]) -> None:
    assert {k: a.published for k, a in articles.items()} == PUBLISHED


def test_samples_have_titles_and_urls_except_plain_text(articles: dict[str, Article]) -> None:
    assert articles[TXT].title == ""
    for key, article in articles.items():
        if key != TXT:
            assert article.title, key
            assert re.fullmatch(r"https://[a-z]+\.example/\S+", article.url), key


def test_samples_html_keeps_the_article_and_drops_the_boilerplate(
    articles: dict[str, Article],
) -> None:
    page = articles[HTML]
    assert page.author == "Erin Cho"
    assert page.text.startswith("Seo Ha-na drops “Paper Lanterns”")
    for boilerplate in ("All rights reserved", "Most read", "Sign in", "newsletter"):
        assert boilerplate not in page.text


def test_samples_feed_descriptions_are_escaped_html_paragraphs(
    articles: dict[str, Article],
) -> None:
    channel = ET.parse(SAMPLES / FEED).getroot().find("channel")
    assert channel is not None
    for item in channel.iter("item"):
        for tag in ("title", "link", "guid", "pubDate", "description"):
            assert (item.findtext(tag) or "").strip(), tag
        description = item.findtext("description") or ""
        assert description.startswith("<p>")
        assert description.endswith("</p>")
    for key in (f"{FEED}#1", f"{FEED}#2"):
        assert "<p>" not in articles[key].text


@pytest.mark.parametrize("key", sorted(NAME_VARIANTS))
def test_samples_mention_the_designed_name_variants(articles: dict[str, Article], key: str) -> None:
    text = articles[key].text
    missing = [name for name in NAME_VARIANTS[key] if name not in text]
    assert missing == []


def test_samples_spell_each_main_name_several_ways(articles: dict[str, Article]) -> None:
    corpus = "\n".join(a.text for a in articles.values())
    for variants in (
        ["Hana Seo", "Seo Ha-na", "Seo Hana", "HANA"],
        ["Minjae", "Kim Min-jae", "Kim Minjae"],
        ["Yoon Da-eun", "Yoon Da Eun"],
    ):
        assert [v for v in variants if v not in corpus] == []


@pytest.mark.parametrize("key", sorted(REASONS))
def test_samples_state_the_reasons_in_quotable_words(
    articles: dict[str, Article], key: str
) -> None:
    text = articles[key].text
    assert [phrase for phrase in REASONS[key] if phrase not in text] == []


def test_samples_disagree_on_the_release_date(articles: dict[str, Article]) -> None:
    assert 'released her new single "Paper Lanterns" on March 14, 2025' in articles[TXT].text
    assert "the single Seo released on March 14" in articles[f"{JSONL}#L2"].text
    assert 'released "Paper Lanterns" on March 15' in articles[f"{JSONL}#L1"].text


def test_samples_are_short_news_articles(articles: dict[str, Article]) -> None:
    counts = {key: len(article.text.split()) for key, article in articles.items()}
    assert all(150 <= n <= 350 for n in counts.values()), counts

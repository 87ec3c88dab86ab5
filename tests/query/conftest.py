"""A small graph of two made-up articles, built by hand, for the ``ask`` tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from newsgraph.model import Article, Entity, Event, Evidence, Extraction, Mention, Reason, Relation
from newsgraph.store import GraphStore


class ArticleBuilder:
    """Builds an Extraction whose offsets and evidence are found in the text it is given."""

    def __init__(self, article_id: str, sentences: Sequence[str]) -> None:
        self.id = article_id
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for sent in sentences:
            self.spans.append((pos, pos + len(sent)))
            pos += len(sent) + 1
        self.text = " ".join(sentences)
        self.entities: list[Entity] = []

    def ev(self, phrase: str) -> Evidence:
        start = self.text.index(phrase)
        idx = next(i for i, (s, e) in enumerate(self.spans) if s <= start < e)
        s, e = self.spans[idx]
        return Evidence(self.id, idx, start, start + len(phrase), self.text[s:e])

    def entity(self, local_id: str, name: str, etype: str, *aliases: str) -> str:
        ev = self.ev(name)
        mention = Mention(self.id, ev.start, ev.end, ev.sentence, name, etype)
        self.entities.append(Entity(local_id, name, etype, (name, *aliases), (mention,)))
        return local_id

    def build(self, published: date | None = None, **facts: Sequence[object]) -> Extraction:
        return Extraction(
            Article(self.id, self.text, published=published),
            tuple(self.entities),
            sentences=tuple(self.spans),
            **{k: tuple(v) for k, v in facts.items()},  # type: ignore[arg-type]
        )


def _video_article() -> Extraction:
    b = ArticleBuilder(
        "q-1",
        [
            "Singer Hana Yoo released her single Glass Garden on June 7.",
            "The music video was directed by Park Min-jae.",
            "Yoo said she asked Park to direct the video because she loved his film Cold Harbor.",
            "She also wanted a darker look for the video.",
            "Yoo skipped the summer festival due to a throat injury.",
            "The fans waited outside the studio in the rain for six hours.",
        ],
    )
    hana = b.entity("h", "Hana Yoo", "PERSON", "Yoo")
    song = b.entity("g", "Glass Garden", "WORK")
    park = b.entity("p", "Park Min-jae", "PERSON", "Park")
    film = b.entity("c", "Cold Harbor", "WORK")
    effect = "asked Park to direct the video"
    return b.build(
        relations=[
            Relation(hana, "performer_of", song, (b.ev("released her single"),)),
            Relation(park, "director_of", song, (b.ev("directed by Park"),)),
            Relation(park, "director_of", film, (b.ev("his film Cold Harbor"),)),
        ],
        events=[Event("release", song, "2024-06-07", "day", "June 7", evidence=(b.ev("June"),))],
        reasons=[
            Reason(hana, effect, "she loved his film Cold Harbor", evidence=(b.ev("because"),)),
            Reason(hana, effect, "she wanted a darker look", evidence=(b.ev("darker look"),)),
            Reason(
                hana,
                "skipped the summer festival",
                "a throat injury",
                evidence=(b.ev("throat injury"),),
            ),
        ],
    )


def _group_article() -> Extraction:
    b = ArticleBuilder(
        "q-2",
        [
            "Nova Five member Hana Yoo will enlist on March 2, 2025.",
            "Star Road Entertainment, which manages Nova Five, confirmed the date.",
            "Bandmate Lee Jun joined the group in 2019.",
        ],
    )
    nova = b.entity("n", "Nova Five", "GROUP")
    hana = b.entity("h", "Hana Yoo", "PERSON")
    agency = b.entity("s", "Star Road Entertainment", "ORG", "Star Road")
    lee = b.entity("l", "Lee Jun", "PERSON")
    return b.build(
        relations=[
            Relation(hana, "member_of", nova, (b.ev("Nova Five member"),)),
            Relation(lee, "member_of", nova, (b.ev("Bandmate Lee Jun"),)),
            Relation(nova, "signed_to", agency, (b.ev("which manages"),)),
        ],
        events=[
            Event("military_enlistment", hana, "2025-03-02", "day", evidence=(b.ev("will enlist"),))
        ],
    )


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    graph = GraphStore(str(tmp_path / "q.db"))
    graph.add_extraction(_video_article())
    graph.add_extraction(_group_article())
    return graph


@pytest.fixture
def article_builder() -> type[ArticleBuilder]:
    """The builder itself, for test modules that make their own small graph."""
    return ArticleBuilder

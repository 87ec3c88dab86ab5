"""A small hand-built graph for the export tests: three invented articles, with URLs, subtypes
and Wikidata-style ids on some entities (the QIDs are made up as well)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest

from newsgraph.model import Article, Entity, Event, Evidence, Extraction, Mention, Reason, Relation
from newsgraph.store import GraphStore


class Builder:
    """One article: sentences joined by spaces, evidence located by phrase."""

    def __init__(self, article_id: str, url: str, sentences: Sequence[str], published: date):
        self.id, self.url, self.published = article_id, url, published
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

    def entity(
        self,
        local: str,
        name: str,
        etype: str,
        *aliases: str,
        subtype: str | None = None,
        qid: str | None = None,
    ) -> str:
        mentions = []
        for alias in (name, *aliases):
            if alias in self.text:
                ev = self.ev(alias)
                mentions.append(Mention(self.id, ev.start, ev.end, ev.sentence, alias, etype))
        ext = (("wikidata", qid),) if qid else ()
        self.entities.append(
            Entity(local, name, etype, (name, *aliases), tuple(mentions), subtype, ext)
        )
        return local

    def build(
        self,
        relations: Sequence[Relation] = (),
        events: Sequence[Event] = (),
        reasons: Sequence[Reason] = (),
    ) -> Extraction:
        article = Article(
            self.id, self.text, url=self.url, title=f"Story {self.id}", published=self.published
        )
        return Extraction(
            article,
            tuple(self.entities),
            tuple(relations),
            tuple(events),
            tuple(reasons),
            sentences=tuple(self.spans),
        )


def article_one() -> Extraction:
    b = Builder(
        "film-1",
        "https://example.com/news/film-1",
        [
            "Director Rina Okada cast Dev Malhotra in her film Paper Lanterns.",
            "Malhotra said he took the role because he admired Okada's earlier work.",
            "Paper Lanterns opens in cinemas on 14 June 2024.",
        ],
        date(2024, 6, 1),
    )
    rina = b.entity("a", "Rina Okada", "PERSON", "Okada", qid="Q900001")
    dev = b.entity("b", "Dev Malhotra", "PERSON", "Malhotra", qid="Q900002")
    film = b.entity("c", "Paper Lanterns", "WORK", subtype="film", qid="Q900003")
    return b.build(
        relations=[
            Relation(rina, "director_of", film, (b.ev("her film Paper Lanterns"),)),
            Relation(dev, "appears_in", film, (b.ev("cast Dev Malhotra"),)),
        ],
        events=[
            Event("release", film, "2024-06-14", "day", "14 June 2024", evidence=(b.ev("opens"),))
        ],
        reasons=[
            Reason(
                dev,
                "took the role",
                "he admired Okada's earlier work",
                kind="motive",
                cue="because",
                attributed_to=dev,
                evidence=(b.ev("because he admired"),),
            )
        ],
    )


def article_two() -> Extraction:
    b = Builder(
        "pop-2",
        "https://example.com/news/pop-2?id=2",
        [
            "Sora Hayase of the band Blue Comet sang the single Night Ferry.",
            "Blue Comet is signed to Harbor Records.",
            "Hayase teamed up with Dev Malhotra on the soundtrack.",
        ],
        date(2024, 7, 2),
    )
    sora = b.entity("s", "Sora Hayase", "PERSON", "Hayase", qid="Q900010")
    band = b.entity("g", "Blue Comet", "GROUP", qid="Q900011")
    song = b.entity("w", "Night Ferry", "WORK", subtype="song")
    label = b.entity("l", "Harbor Records", "ORG", subtype="label", qid="Q900012")
    dev = b.entity("d", "Dev Malhotra", "PERSON", qid="Q900002")
    return b.build(
        relations=[
            Relation(sora, "member_of", band, (b.ev("of the band Blue Comet"),)),
            Relation(sora, "performer_of", song, (b.ev("sang the single Night Ferry"),)),
            Relation(band, "signed_to", label, (b.ev("signed to Harbor Records"),)),
            Relation(sora, "collaborated_with", dev, (b.ev("teamed up with Dev Malhotra"),)),
        ],
        events=[Event("comeback", band, "2024-09", "month", "September")],
    )


def article_three() -> Extraction:
    """No URL: its facts can never be referenced on Wikidata."""
    b = Builder(
        "film-3",
        "",
        ["Rina Okada directed Paper Lanterns, starring Dev Malhotra, in Kyoto."],
        date(2024, 8, 3),
    )
    rina = b.entity("r", "Rina Okada", "PERSON", qid="Q900001")
    film = b.entity("f", "Paper Lanterns", "WORK", subtype="film", qid="Q900003")
    return b.build(relations=[Relation(rina, "director_of", film, (b.ev("Rina Okada directed"),))])


ARTICLES = {"film-1": article_one, "pop-2": article_two, "film-3": article_three}

StoreFactory = Callable[[Sequence[str]], GraphStore]


@pytest.fixture
def make_store(tmp_path: Path) -> StoreFactory:
    """Builds a fresh store from the named articles, ingested in the order given."""
    count = 0

    def make(names: Sequence[str]) -> GraphStore:
        nonlocal count
        count += 1
        store = GraphStore(str(tmp_path / f"g{count}.db"))
        for name in names:
            store.add_extraction(ARTICLES[name]())
        return store

    return make


@pytest.fixture
def store(make_store: StoreFactory) -> GraphStore:
    return make_store(["film-1", "pop-2", "film-3"])

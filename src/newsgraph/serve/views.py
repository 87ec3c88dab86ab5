"""Store records turned into response models: one place, shared by the JSON API and the pages.

Only the store's public read methods and :func:`newsgraph.query.ask` are used. Article links are
kept only when they are http(s): a stored ``javascript:`` URL from a hostile page never becomes a
link.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from newsgraph.query import ask as ask_graph
from newsgraph.serve.models import (
    AnswerOut,
    ArticleOut,
    EdgeOut,
    EntityDetail,
    EntityPage,
    EntitySummary,
    EventOut,
    EventPage,
    EvidenceOut,
    Neighbours,
    NodeOut,
    ReasonOut,
    ReasonPage,
    RelationOut,
    RelationPage,
    SourceOut,
    StatsOut,
)
from newsgraph.store import (
    ArticleRecord,
    EventRecord,
    GraphStore,
    ReasonRecord,
    RelationRecord,
    Source,
)

WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/{}"


def safe_url(url: str) -> str:
    """``url`` when it is an absolute http(s) address, else ``""``."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size)) if size > 0 else 1


class GraphView:
    """Read-only views of one graph store, shaped as the response models."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    # ------------------------------------------------------------ helpers

    def _articles(self, ids: Iterable[str]) -> dict[str, ArticleRecord]:
        return self.store.articles(set(ids))

    def _sources(
        self, sources: Sequence[Source], articles: dict[str, ArticleRecord]
    ) -> list[SourceOut]:
        out = []
        for s in sources:
            art = articles.get(s.article)
            out.append(
                SourceOut(
                    article=s.article,
                    sentence=s.sentence,
                    start=s.start,
                    end=s.end,
                    text=s.text,
                    url=safe_url(art.url) if art else "",
                    title=art.title if art else "",
                    published=art.published if art else None,
                )
            )
        return out

    def _relation(self, r: RelationRecord, arts: dict[str, ArticleRecord]) -> RelationOut:
        return RelationOut(
            subject=r.s,
            subject_name=r.s_name,
            predicate=r.p,
            object=r.o,
            object_name=r.o_name,
            support=r.support,
            evidence=next((s.text for s in r.sources if s.text), ""),
            sources=self._sources(r.sources, arts),
        )

    def _event(self, e: EventRecord, arts: dict[str, ArticleRecord]) -> EventOut:
        return EventOut(
            type=e.type,
            subject=e.subject,
            subject_name=e.subject_name,
            date=e.date,
            precision=e.precision,
            date_text=e.date_text,
            place=e.place,
            support=e.support,
            evidence=next((s.text for s in e.sources if s.text), ""),
            sources=self._sources(e.sources, arts),
        )

    def _reason(
        self, r: ReasonRecord, arts: dict[str, ArticleRecord], names: dict[str, str]
    ) -> ReasonOut:
        return ReasonOut(
            agent=r.agent,
            agent_name=r.agent_name,
            effect=r.effect,
            cause=r.cause,
            kind=r.kind,
            cue=r.cue,
            said_by=r.attributed_to,
            said_by_name=names.get(r.attributed_to) if r.attributed_to else None,
            support=r.support,
            evidence=next((s.text for s in r.sources if s.text), ""),
            sources=self._sources(r.sources, arts),
        )

    def _names(self, ids: Iterable[str | None]) -> dict[str, str]:
        names = {}
        for entity_id in {i for i in ids if i}:
            record = self.store.entity(entity_id)
            if record is not None:
                names[entity_id] = record.name
        return names

    @staticmethod
    def _source_ids(facts: Iterable[Any]) -> set[str]:
        return {s.article for f in facts for s in f.sources}

    # ------------------------------------------------------------- views

    def search(self, q: str, *, type: str | None, page: int, size: int) -> EntityPage:
        total, found = self.store.search_entities(
            q, type=type, offset=(page - 1) * size, limit=size
        )
        items = [
            EntitySummary(id=e.id, name=e.name, type=e.type, aliases=list(e.aliases)) for e in found
        ]
        return EntityPage(items=items, page=page, size=size, total=total, pages=pages(total, size))

    def entity(self, entity_id: str) -> EntityDetail | None:
        record = self.store.entity(entity_id)
        if record is None:
            return None
        relations = self.store.relations_touching(entity_id)
        events = sorted(
            self.store.events_by_subject(entity_id),
            key=lambda e: (e.date is None, e.date or "", e.type),
        )
        reasons = self.store.reasons_by_agent(entity_id)
        arts = self._articles(self._source_ids([*relations, *events, *reasons]))
        names = self._names(r.attributed_to for r in reasons)
        ext = self.store.external_ids(entity_id)
        wikidata = ext.get("wikidata", "")
        valid_qid = wikidata[:1] == "Q" and wikidata[1:].isdigit()
        return EntityDetail(
            id=record.id,
            name=record.name,
            type=record.type,
            aliases=list(record.aliases),
            external_ids=ext,
            wikidata_url=WIKIDATA_ENTITY.format(wikidata) if valid_qid else None,
            relations_out=[self._relation(r, arts) for r in relations if r.s == entity_id],
            relations_in=[self._relation(r, arts) for r in relations if r.s != entity_id],
            events=[self._event(e, arts) for e in events],
            reasons=[self._reason(r, arts, names) for r in reasons],
            articles=[
                ArticleOut(id=a.id, url=safe_url(a.url), title=a.title, published=a.published)
                for a in self.store.articles_mentioning(entity_id)
            ],
        )

    def neighbours(self, entity_id: str) -> Neighbours | None:
        record = self.store.entity(entity_id)
        if record is None:
            return None
        nodes = {record.id: NodeOut(id=record.id, name=record.name, type=record.type, centre=True)}
        edges = []
        for r in self.store.relations_touching(entity_id):
            for other in (r.s, r.o):
                if other not in nodes:
                    found = self.store.entity(other)
                    if found is not None:
                        nodes[other] = NodeOut(
                            id=found.id, name=found.name, type=found.type, centre=False
                        )
            edges.append(
                EdgeOut(
                    id=f"{r.s}|{r.p}|{r.o}",
                    source=r.s,
                    target=r.o,
                    predicate=r.p,
                    support=r.support,
                )
            )
        return Neighbours(nodes=list(nodes.values()), edges=edges)

    def relations(self, *, predicate: str | None, page: int, size: int) -> RelationPage:
        total, found = self.store.list_relations(
            predicate=predicate, offset=(page - 1) * size, limit=size
        )
        arts = self._articles(self._source_ids(found))
        items = [self._relation(r, arts) for r in found]
        return RelationPage(
            items=items, page=page, size=size, total=total, pages=pages(total, size)
        )

    def events(self, *, type: str | None, page: int, size: int) -> EventPage:
        total, found = self.store.list_events(type=type, offset=(page - 1) * size, limit=size)
        arts = self._articles(self._source_ids(found))
        items = [self._event(e, arts) for e in found]
        return EventPage(items=items, page=page, size=size, total=total, pages=pages(total, size))

    def reasons(self, *, agent: str | None, page: int, size: int) -> ReasonPage:
        total, found = self.store.list_reasons(agent=agent, offset=(page - 1) * size, limit=size)
        arts = self._articles(self._source_ids(found))
        names = self._names(r.attributed_to for r in found)
        items = [self._reason(r, arts, names) for r in found]
        return ReasonPage(items=items, page=page, size=size, total=total, pages=pages(total, size))

    def ask(self, question: str) -> AnswerOut:
        """Raises :class:`~newsgraph.errors.QueryError` for an empty question."""
        answer = ask_graph(self.store, question)
        arts = self._articles(str(e.get("article", "")) for e in answer.evidence)
        evidence = []
        for e in answer.evidence:
            art = arts.get(str(e.get("article", "")))
            sentence = e.get("sentence")
            evidence.append(
                EvidenceOut(
                    article=str(e.get("article", "")),
                    sentence=sentence if isinstance(sentence, int) else None,
                    text=str(e.get("text", "")),
                    url=safe_url(art.url) if art else "",
                    title=art.title if art else "",
                )
            )
        return AnswerOut(
            question=answer.question,
            answer=answer.answer,
            answers=list(answer.answers),
            evidence=evidence,
            method=answer.method,
        )

    def stats(self) -> StatsOut:
        figures = self.store.stats()
        return StatsOut(
            articles=int(figures.get("articles", 0)),
            entities=int(figures.get("entities", 0)),
            relations=int(figures.get("relations", 0)),
            events=int(figures.get("events", 0)),
            reasons=int(figures.get("reasons", 0)),
            quotes=int(figures.get("quotes", 0)),
            skips={str(k): int(v) for k, v in dict(figures.get("skips", {})).items()},
        )

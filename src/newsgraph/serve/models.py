"""Typed shapes of every HTTP response: the OpenAPI schema is generated from these.

Pydantic lives at the API edge only; inside, the store's frozen records are the data. Ids are the
graph's global entity ids (a slug of name and type), never database keys.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="An NGxxx code where one applies, else the HTTP error's name.")
    message: str


class ErrorBody(BaseModel):
    """Every error response: ``{"error": {"code", "message"}}``."""

    error: ErrorDetail


class SourceOut(BaseModel):
    """One sentence of one article that states a fact."""

    article: str
    sentence: int | None = None
    start: int | None = None
    end: int | None = None
    text: str
    url: str = Field(default="", description="The article's address, when it has an http(s) one.")
    title: str = ""
    published: str | None = None


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]


class Page(BaseModel):
    """Paging fields shared by every list: 1-based ``page``, ``size`` items a page."""

    page: int
    size: int
    total: int
    pages: int


class EntityPage(Page):
    items: list[EntitySummary]


class RelationOut(BaseModel):
    subject: str
    subject_name: str
    predicate: str
    object: str
    object_name: str
    support: int = Field(description="How many distinct articles state this relation.")
    evidence: str
    sources: list[SourceOut]


class RelationPage(Page):
    items: list[RelationOut]


class EventOut(BaseModel):
    type: str
    subject: str | None
    subject_name: str | None
    date: str | None = Field(description="ISO date, as precise as the text allows.")
    precision: str | None
    date_text: str | None
    place: str | None
    support: int
    evidence: str
    sources: list[SourceOut]


class EventPage(Page):
    items: list[EventOut]


class ReasonOut(BaseModel):
    agent: str | None
    agent_name: str | None
    effect: str
    cause: str
    kind: str
    cue: str
    said_by: str | None = Field(description="The entity the article attributes the reason to.")
    said_by_name: str | None
    support: int
    evidence: str
    sources: list[SourceOut]


class ReasonPage(Page):
    items: list[ReasonOut]


class ArticleOut(BaseModel):
    id: str
    url: str
    title: str
    published: str | None


class EntityDetail(BaseModel):
    """Everything the graph holds about one entity, each fact with its sources."""

    id: str
    name: str
    type: str
    aliases: list[str]
    external_ids: dict[str, str]
    wikidata_url: str | None
    relations_out: list[RelationOut] = Field(description="Relations with this entity as subject.")
    relations_in: list[RelationOut] = Field(description="Relations with this entity as object.")
    events: list[EventOut] = Field(description="Events with this subject, in date order.")
    reasons: list[ReasonOut]
    articles: list[ArticleOut] = Field(description="Articles that name this entity.")


class NodeOut(BaseModel):
    id: str
    name: str
    type: str
    centre: bool


class EdgeOut(BaseModel):
    id: str
    source: str
    target: str
    predicate: str
    support: int


class Neighbours(BaseModel):
    """The entity and the entities one relation away: what the graph view draws."""

    nodes: list[NodeOut]
    edges: list[EdgeOut]


class EvidenceOut(BaseModel):
    article: str
    sentence: int | None = None
    text: str
    url: str = ""
    title: str = ""


class AnswerOut(BaseModel):
    question: str
    answer: str
    answers: list[str]
    evidence: list[EvidenceOut]
    method: str = Field(description='"graph", "text-search" or "none".')


class StatsOut(BaseModel):
    articles: int
    entities: int
    relations: int
    events: int
    reasons: int
    quotes: int
    skips: dict[str, int]


class ArticleIn(BaseModel):
    """An article posted as JSON; only ``text`` is required."""

    id: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40, description="A date, ISO preferred.")
    text: str = Field(min_length=1)


class SkipOut(BaseModel):
    source: str
    code: str
    reason: str


class IngestOut(BaseModel):
    read: int
    added: int
    unchanged: int
    skipped: list[SkipOut]

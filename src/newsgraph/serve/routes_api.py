"""The JSON API under ``/api``: thin routes that parse parameters and call :class:`GraphView`.

Writes (``POST /api/ingest``) call :func:`newsgraph.api.ingest_bytes` and need
``Authorization: Bearer <token>``; with no token configured they answer 403.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from newsgraph import api
from newsgraph.errors import InputError
from newsgraph.model import EntityType
from newsgraph.serve.models import (
    AnswerOut,
    ArticleIn,
    EntityDetail,
    EntityPage,
    ErrorBody,
    EventPage,
    IngestOut,
    Neighbours,
    ReasonPage,
    RelationPage,
    SkipOut,
    StatsOut,
)
from newsgraph.serve.settings import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ServeSettings
from newsgraph.serve.views import GraphView

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 413, 422, 500, 503)
}
router = APIRouter(prefix="/api", tags=["graph"], responses=ERRORS)

# Content types POST /api/ingest reads, and the reader each one goes to.
RAW_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "text",
}
_ingest_lock = threading.Lock()  # one extraction at a time: the spaCy pipeline is shared
_bearer = HTTPBearer(auto_error=False)


def get_view(request: Request) -> GraphView:
    view: GraphView = request.app.state.view
    return view


def get_settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


View = Annotated[GraphView, Depends(get_view)]
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number.")]
Size = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items a page.")]


def check_token(settings: ServeSettings, given: str | None) -> None:
    """403 when writes are disabled, 401 when the token is missing or wrong."""
    if not settings.token:
        raise HTTPException(403, "writes are disabled: the server has no NEWSGRAPH_TOKEN")
    if given is None or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    check_token(get_settings(request), credentials.credentials if credentials else None)


def ingest_data(settings: ServeSettings, data: bytes, *, kind: str, name: str) -> IngestOut:
    """Run one ingest (serialised), and raise the first skip's InputError when nothing was read."""
    with _ingest_lock:
        report = api.ingest_bytes(data, name=name, kind=kind, db=settings.db)
    skipped = [SkipOut(source=s.source, code=s.code, reason=s.reason) for s in report.skipped]
    if report.read == 0 and skipped:
        error = InputError(skipped[0].reason)
        error.code = skipped[0].code
        raise error
    return IngestOut(
        read=report.read, added=report.added, unchanged=report.unchanged, skipped=skipped
    )


@router.get("/entities", response_model=EntityPage, summary="Search entities by name or alias")
def search_entities(
    view: View,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
    q: Annotated[str, Query(max_length=200, description="Part of a name or alias.")] = "",
    type: Annotated[EntityType | None, Query(description="Only this entity type.")] = None,
) -> EntityPage:
    return view.search(q, type=type, page=page, size=size)


@router.get("/entities/{entity_id}", response_model=EntityDetail, summary="One entity")
def get_entity(view: View, entity_id: str) -> EntityDetail:
    found = view.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return found


@router.get(
    "/entities/{entity_id}/neighbours",
    response_model=Neighbours,
    summary="The entity and the entities one relation away",
)
def get_neighbours(view: View, entity_id: str) -> Neighbours:
    found = view.neighbours(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return found


@router.get("/facts", response_model=RelationPage, summary="Relations with their evidence")
def list_facts(
    view: View,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
    predicate: Annotated[str | None, Query(max_length=40)] = None,
) -> RelationPage:
    return view.relations(predicate=predicate, page=page, size=size)


@router.get("/events", response_model=EventPage, summary="The timeline, in date order")
def list_events(
    view: View,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
    type: Annotated[str | None, Query(max_length=40)] = None,
) -> EventPage:
    return view.events(type=type, page=page, size=size)


@router.get("/reasons", response_model=ReasonPage, summary="Reasons, with who gave them")
def list_reasons(
    view: View,
    page: PageNo = 1,
    size: Size = DEFAULT_PAGE_SIZE,
    agent: Annotated[str | None, Query(max_length=200, description="An entity id.")] = None,
) -> ReasonPage:
    return view.reasons(agent=agent, page=page, size=size)


@router.get("/ask", response_model=AnswerOut, summary="Answer a question, citing sentences")
def ask(view: View, q: Annotated[str, Query(min_length=1, max_length=500)]) -> AnswerOut:
    return view.ask(q)


@router.get("/stats", response_model=StatsOut, summary="Counts of what the graph holds")
def stats(view: View) -> StatsOut:
    return view.stats()


_RAW_BODY = {"schema": {"type": "string"}}


@router.post(
    "/ingest",
    response_model=IngestOut,
    status_code=201,
    summary="Add an article (JSON) or a page or feed (raw body)",
    dependencies=[Depends(require_token)],
    responses={
        200: {"model": IngestOut, "description": "Read, but every article was stored already."},
        401: {"model": ErrorBody},
        403: {"model": ErrorBody},
        415: {"model": ErrorBody},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ArticleIn.model_json_schema()},
                **{content_type: _RAW_BODY for content_type in RAW_KINDS},
            },
        }
    },
)
async def ingest(request: Request) -> Any:
    settings = get_settings(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type == "application/json":
        try:
            article = ArticleIn.model_validate_json(body)
        except ValidationError as exc:
            problems = [
                f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
                for err in exc.errors()[:5]
            ]
            raise HTTPException(422, "; ".join(problems) or "invalid article") from exc
        data = article.model_dump_json(exclude_none=True).encode()
        kind, name = "json", f"api:{article.id or 'article'}"
    elif content_type in RAW_KINDS:
        data, kind, name = body, RAW_KINDS[content_type], "api:upload"
    else:
        raise HTTPException(415, f"send application/json or one of {', '.join(sorted(RAW_KINDS))}")
    result = await run_in_threadpool(ingest_data, settings, data, kind=kind, name=name)
    status = 201 if result.added else 200
    return JSONResponse(result.model_dump(), status_code=status)

"""Server-rendered pages (Jinja2, autoescaped everywhere) that work without any JavaScript.

With the vendored scripts present, htmx swaps search results and answers in place and
cytoscape.js draws the entity's neighbourhood; without them the same pages are plain forms,
tables and ``<details>``. Article text is hostile input: it is only ever rendered escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.model import ENTITY_TYPES
from newsgraph.serve.models import ArticleIn
from newsgraph.serve.routes_api import check_token, ingest_data
from newsgraph.serve.settings import DEFAULT_PAGE_SIZE, ServeSettings
from newsgraph.serve.views import GraphView

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
VENDOR_DIR = STATIC_DIR / "vendor"
# Load order matters: fcose needs cose-base, which needs layout-base, and all need cytoscape.
VENDOR_SCRIPTS = (
    "htmx.min.js",
    "cytoscape.min.js",
    "layout-base.js",
    "cose-base.js",
    "cytoscape-fcose.js",
)

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
    autoescape=True,  # every template and every string: article text is never trusted
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)


def vendor_scripts() -> list[str]:
    """The vendored scripts that are installed (``scripts/setup`` copies them from npm)."""
    return [name for name in VENDOR_SCRIPTS if (VENDOR_DIR / name).is_file()]


def _view(request: Request) -> GraphView:
    view: GraphView = request.app.state.view
    return view


def _settings(request: Request) -> ServeSettings:
    settings: ServeSettings = request.app.state.settings
    return settings


def _partial(request: Request) -> bool:
    """An htmx swap (not a history restore) gets only the fragment."""
    return (
        request.headers.get("hx-request") == "true"
        and request.headers.get("hx-history-restore-request") != "true"
    )


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("vendor", vendor_scripts())
    context.setdefault("writes_enabled", _settings(request).writes_enabled)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    return page(request, "error.html", status, status=status, code=code, message=message)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return page(request, "home.html", stats=_view(request).stats(), types=ENTITY_TYPES)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=16)] = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    chosen = type if type in ENTITY_TYPES else None
    results = _view(request).search(q, type=chosen, page=page_no, size=DEFAULT_PAGE_SIZE)
    name = "_results.html" if _partial(request) else "search.html"
    return page(request, name, q=q, type=chosen or "", results=results, types=ENTITY_TYPES)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str) -> HTMLResponse:
    found = _view(request).entity(entity_id)
    if found is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return page(request, "entity.html", entity=found)


@router.get("/ask", response_class=HTMLResponse)
def ask(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    answer = None
    error = ""
    if q.strip():
        try:
            answer = _view(request).ask(q)
        except QueryError as exc:
            error = exc.reason
    name = "_answer.html" if _partial(request) else "ask.html"
    return page(request, name, q=q, answer=answer, error=error)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, page_no: Annotated[int, Query(alias="page", ge=1, le=1_000_000)] = 1
) -> HTMLResponse:
    events = _view(request).events(type=None, page=page_no, size=50)
    return page(request, "timeline.html", events=events)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return page(request, "ingest.html", result=None, error="", form={})


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=2000)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
) -> HTMLResponse:
    form = {"title": title, "url": url, "published": published, "text": text}
    settings = _settings(request)
    try:
        check_token(settings, token or None)
    except HTTPException as exc:
        return page(
            request, "ingest.html", exc.status_code, result=None, error=str(exc.detail), form=form
        )
    if not text.strip():
        return page(
            request, "ingest.html", 422, result=None, error="the article text is empty", form=form
        )
    article = ArticleIn(
        text=text, title=title or None, url=url or None, published=published or None
    )
    data = article.model_dump_json(exclude_none=True).encode()
    try:
        result = await run_in_threadpool(ingest_data, settings, data, kind="json", name="web:form")
    except NewsgraphError as exc:
        return page(request, "ingest.html", 422, result=None, error=str(exc), form=form)
    return page(
        request, "ingest.html", 201 if result.added else 200, result=result, error="", form={}
    )

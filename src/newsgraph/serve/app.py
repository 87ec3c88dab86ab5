"""The FastAPI application: JSON API under ``/api``, server-rendered pages, static files.

Guarantees: every error is ``{"error": {"code", "message"}}`` (pages get an HTML page instead);
request bodies above ``max_body_bytes`` get 413 before they are read whole; every response
carries a Content-Security-Policy without inline scripts or styles; writes need the bearer token.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsgraph import __version__, api
from newsgraph.errors import (
    InputError,
    NewsgraphError,
    QueryError,
    StorageError,
    TooLarge,
)
from newsgraph.serve.routes_api import router as api_router
from newsgraph.serve.settings import ServeSettings
from newsgraph.serve.views import GraphView
from newsgraph.serve.web import STATIC_DIR, render_error
from newsgraph.serve.web import router as web_router

logger = logging.getLogger("newsgraph.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: TooLarge.code,
    415: "unsupported_media_type",
    422: "validation_error",
}


def error_code(status: int) -> str:
    if status in ERROR_CODES:
        return ERROR_CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_")
    except ValueError:
        return "error"


def error_json(status: int, code: str, message: str, headers: Any = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


class Guard:
    """ASGI middleware: security headers on every response, and the request body size limit.

    A declared Content-Length over the limit is refused at once; a chunked body is counted as it
    arrives and refused (413, through the normal error handler) as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                message["headers"] = headers
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                response = error_json(400, "bad_request", "invalid Content-Length header")
                await response(scope, receive, send_guarded)
                return
            if int(declared) > self.max_body:
                response = error_json(413, TooLarge.code, self._too_large())
                await response(scope, receive, send_guarded)
                return
        seen = 0

        async def receive_guarded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, self._too_large())
            return message

        await self.app(scope, receive_guarded, send_guarded)

    def _too_large(self) -> str:
        return f"the request body is larger than the limit of {self.max_body} bytes"


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _install_error_handlers(app: FastAPI) -> None:
    def respond(
        request: Request, status: int, code: str, message: str, headers: Any = None
    ) -> Response:
        if _wants_html(request):
            return render_error(request, status, code, message)
        return error_json(status, code, message, headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.detail else HTTPStatus(exc.status_code).phrase
        return respond(request, exc.status_code, error_code(exc.status_code), message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return respond(request, 422, "validation_error", "; ".join(parts) or "invalid request")

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, exc: NewsgraphError) -> Response:
        if isinstance(exc, QueryError):
            status = 400
        elif isinstance(exc, InputError):
            status = 422
        elif isinstance(exc, StorageError):
            status = 503
        else:
            status = 500
        if status >= 500:
            logger.error("%s %s failed: %s", request.method, request.url.path, exc)
        return respond(request, status, exc.code, exc.reason)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        return respond(request, 500, "internal_error", "internal server error")


def create_app(settings: ServeSettings) -> FastAPI:
    """The application over the graph at ``settings.db`` (opened now, closed at shutdown)."""
    store = api.open_store(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        summary="A sourced graph of entertainment news: entities, facts, events, reasons.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs a CDN and inline script: /openapi.json is the contract
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.view = GraphView(store)
    _install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(Guard, max_body=settings.max_body_bytes)
    return app


def run(settings: ServeSettings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``settings.db`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")

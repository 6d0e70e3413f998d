"""The ASGI application: routes, security headers, request size limits, the CSRF cookie and the error pages.

:func:`create_app` builds it from a :class:`ServerConfig`; the stores are opened when the app starts (on the
thread that serves it) and closed when it stops. Every response carries a Content Security Policy that allows
no inline script and no framing, ``Referrer-Policy: same-origin`` and ``X-Content-Type-Options: nosniff``; every
error is a page (or, under ``/api``, a JSON object), never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import AsyncIterator, Callable
from http import HTTPStatus
from typing import Any, cast

import attrs
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import kzquiz
from kzquiz.server import api, auth, learner, teacher
from kzquiz.server.classroom import open_classroom
from kzquiz.server.classroom_sqlite import classroom_path_for
from kzquiz.server.study import Decks, OncePerWorker
from kzquiz.server.web import CSRF_COOKIE, STATIC, PageError, SignInNeeded, State, environment, render
from kzquiz.stores import store_location
from kzquiz.text import safe_data

log = logging.getLogger("kzquiz.server")

FORM_LIMIT = 64 * 1024
"""Largest request body, except a deck upload: forms are small."""

DEFAULT_UPLOAD_LIMIT = 2 * 1024 * 1024
"""Largest deck file a teacher may upload, by default (2 MiB: some 10,000 facts)."""

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"referrer-policy", b"same-origin"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


@attrs.frozen
class ServerConfig:
    """How to run the app: the progress store (a path, or ``None`` for the default), the classroom file (by
    default beside the store), the largest deck upload in bytes, and the clock."""

    db: str | None = None
    classroom: str | None = None
    max_upload: int = DEFAULT_UPLOAD_LIMIT
    clock: Callable[[], dt.datetime] = utc_now

    def classroom_location(self) -> str:
        """Where the classroom is: as given, else beside an SQLite store (``NAME.classroom.sqlite3``), else in the
        PostgreSQL store's own database and schema."""
        if self.classroom:
            return self.classroom
        target = store_location(self.db)
        return target if isinstance(target, str) else str(classroom_path_for(target))

    @classmethod
    def from_environment(cls) -> ServerConfig:
        """The configuration ``kzquiz serve`` hands to its workers through ``KZQUIZ_SERVER_*`` variables."""
        upload = os.environ.get("KZQUIZ_SERVER_MAX_UPLOAD")
        return cls(
            db=os.environ.get("KZQUIZ_SERVER_DB") or None,
            classroom=os.environ.get("KZQUIZ_SERVER_CLASSROOM") or None,
            max_upload=int(upload) if upload else DEFAULT_UPLOAD_LIMIT,
        )


class BodyTooLarge(Exception):
    """A request body went over its limit."""


class Guard:
    """Pure ASGI middleware: security headers on every response, request size limits, the browser's CSRF cookie."""

    def __init__(self, app: ASGIApp, max_upload: int) -> None:
        """Wrap ``app``; deck uploads may be ``max_upload`` bytes, other requests :data:`FORM_LIMIT`."""
        self.app = app
        self.max_upload = max_upload

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request through the guard."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_upload + FORM_LIMIT if scope["path"] == "/teach/decks" else FORM_LIMIT
        headers = dict(scope["headers"])
        length = headers.get(b"content-length", b"0")
        new_cookie = b"" if _has_cookie(headers.get(b"cookie", b""), CSRF_COOKIE) else auth.new_token().encode()
        if new_cookie:
            scope.setdefault("state", {})["new_csrf_cookie"] = new_cookie.decode()
        secure = scope.get("scheme") == "https"
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = list(SECURITY_HEADERS)
                if new_cookie:
                    cookie = b"%s=%s; Path=/; HttpOnly; SameSite=Strict" % (CSRF_COOKIE.encode(), new_cookie)
                    extra.append((b"set-cookie", cookie + (b"; Secure" if secure else b"")))
                if not any(name.lower() == b"cache-control" for name, _ in message.get("headers", [])):
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        if not length.isdigit() or int(length) > limit:
            await _too_large(scope, guarded_send, limit)
            return
        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await _too_large(scope, guarded_send, limit)


def _has_cookie(header: bytes, name: str) -> bool:
    return any(part.strip().startswith(f"{name}=".encode()) for part in header.split(b";"))


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    body = f"Too large: a request here takes at most {limit // 1024} KiB.".encode()
    await send(
        {"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    await send({"type": "http.response.body", "body": body})


def _error_page(request: Request, status: int, title: str, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": f"{title}: {message}" if message else title}, status_code=status)
    try:
        return render(request, "error.html", status=status, title=title, message=message)
    except Exception:  # noqa: BLE001 - the error page itself failed (the app is not started): plain text, no trace
        return Response(f"{status} {title}", status_code=status, media_type="text/plain")


async def _page_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageError)
    return _error_page(request, error.status, error.title, error.message)


async def _sign_in_needed(request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInNeeded)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": "sign in first"}, status_code=401)
    target = "/login" if error.role.value == "learner" else "/teacher/login"
    return Response(status_code=303, headers={"location": target})


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    phrase = HTTPStatus(error.status_code).phrase if error.status_code in HTTPStatus._value2member_map_ else "Error"
    if request.url.path.startswith("/api/"):
        response: Response = JSONResponse({"detail": error.detail}, status_code=error.status_code)
    else:
        message = "There is no such page." if error.status_code == 404 else ""
        response = _error_page(request, error.status_code, phrase, message)
    if error.headers:
        response.headers.update(error.headers)
    return response


async def _invalid_request(request: Request, error: Exception) -> Response:
    """FastAPI's 422 reply, listing the fields that do not match, with the values it echoes made safe to encode: a
    JSON request may carry half a character (a lone surrogate), which would otherwise fail the reply itself."""
    assert isinstance(error, RequestValidationError)
    return JSONResponse({"detail": safe_data(jsonable_encoder(error.errors()))}, status_code=422)


async def _server_error(request: Request, error: Exception) -> Response:
    log.exception("error while serving %s %s", request.method, request.url.path, exc_info=error)
    message = "Something went wrong on the server. Your answers so far are saved; try again in a moment."
    return _error_page(request, 500, "Server error", message)


def create_app(config: ServerConfig | None = None) -> FastAPI:
    """The web app, with its stores opened when it starts and closed when it stops."""
    config = config or ServerConfig()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = kzquiz.open_store(config.db)
        try:
            classroom = open_classroom(config.classroom_location())
        except BaseException:
            store.close()
            raise
        app.state.kzquiz = State(
            store=cast("kzquiz.Store", OncePerWorker(store)),
            classroom=classroom,
            secret=classroom.secret(),
            decks=Decks(classroom),
            clock=config.clock,
            max_upload=config.max_upload,
            templates=environment(),
        )
        try:
            yield
        finally:
            classroom.close()
            store.close()

    app = FastAPI(
        title="kzquiz",
        version=kzquiz.__version__,
        description=api.DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs inline scripts and a CDN: the CSP allows neither
        redoc_url=None,
        openapi_url="/api/openapi.json",
        exception_handlers={
            PageError: _page_error,
            SignInNeeded: _sign_in_needed,
            HTTPException: _http_error,
            RequestValidationError: _invalid_request,
            Exception: _server_error,
        },
    )
    app.include_router(api.router)
    app.router.routes.extend([*learner.routes, *teacher.routes, Mount("/static", StaticFiles(directory=STATIC))])
    app.add_middleware(Guard, max_upload=config.max_upload)
    return app


def app_from_environment() -> Any:
    """The app as ``kzquiz serve``'s workers build it (uvicorn's ``--factory``)."""
    return create_app(ServerConfig.from_environment())

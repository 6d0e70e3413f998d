"""What every page shares: the app's state, templates, who is signed in, CSRF-checked forms and the error pages.

Access rules live here, once: :func:`learner_of` and :func:`teacher_of` let through only the right kind of
account (a learner on a teacher's page gets 403, a visitor signed out is sent to sign in), and
:func:`checked_form` refuses any form whose CSRF token does not match the browser's cookie. Every page that
changes something reads its form through :func:`checked_form` before anything else; a test walks every route to
hold that promise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import jinja2
import markupsafe
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

import kzquiz
from kzquiz.server import auth
from kzquiz.server.classroom import Classroom, Learner, Role, SignIn, Teacher
from kzquiz.server.study import Decks
from kzquiz.text import safe_text

SESSION_COOKIE = "kzquiz_session"
CSRF_COOKIE = "kzquiz_csrf"
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

MAX_FIELDS = 200
"""Most form fields a request may carry."""


class IdConvertor(Convertor[int]):
    """``{name:id}`` in a route: a database id, 1 to 18 digits. A longer number matches no route (404), where
    ``{name:int}`` took any length and a number past 2**63 failed in the database (500)."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        """The id as a number."""
        return int(value)

    def to_string(self, value: int) -> str:
        """The id in a URL."""
        return str(value)


register_url_convertor("id", IdConvertor())


@attrs.define
class State:
    """What the routes share: the stores, the server's secret, parsed decks and the clock."""

    store: kzquiz.Store
    classroom: Classroom
    secret: bytes
    decks: Decks
    clock: Callable[[], dt.datetime]
    max_upload: int
    templates: jinja2.Environment

    def now(self) -> dt.datetime:
        """The current time, from the clock (tests fix it)."""
        return self.clock()


def shown(value: Any) -> Any:
    """A value as a page shows it: text without terminal escape sequences, control characters or bidi overrides
    (as the command line shows deck text, :func:`kzquiz.text.safe_text`), tabs as spaces, newlines kept. Every
    ``{{ ... }}`` of every template passes through here before Jinja2 escapes it."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return safe_text(value)
    return value


def environment() -> jinja2.Environment:
    """The templates, with autoescaping on for every template (all of them are HTML) and control characters
    removed from every value shown (:func:`shown`)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )


def state(request: Request) -> State:
    """The app's shared state."""
    found: State = request.app.state.kzquiz
    return found


class PageError(Exception):
    """Stop handling a request and show an error page with this status and message."""

    def __init__(self, status: int, title: str, message: str = "") -> None:
        """An error page: ``status`` (404, 403...), a short title and a sentence that says what to do."""
        super().__init__(title)
        self.status = status
        self.title = title
        self.message = message


class SignInNeeded(Exception):
    """Stop handling a request and send the visitor to the sign-in page for ``role``."""

    def __init__(self, role: Role) -> None:
        """Sign in as ``role`` first."""
        super().__init__(role.value)
        self.role = role


NOT_FOUND = "There is no such page, or it is not yours to see."


def csrf(request: Request) -> str:
    """The CSRF token for forms on this page (see :mod:`kzquiz.server.auth`)."""
    browser = request.cookies.get(CSRF_COOKIE) or request.scope.get("state", {}).get("new_csrf_cookie", "")
    return auth.csrf_token(state(request).secret, browser)


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page from ``template``, with the signed-in account and the CSRF token available to it."""
    page = state(request).templates.get_template(template)
    html = page.render(request=request, csrf=csrf(request), account=request.scope.get("kzquiz_account"), **values)
    return HTMLResponse(html, status_code=status)


def redirect(url: str) -> RedirectResponse:
    """Go to ``url`` with a GET (after a form, so that reloading does not send it again)."""
    return RedirectResponse(url, status_code=303)


async def checked_form(request: Request) -> FormData:
    """The request's form, once its CSRF token has been checked against the browser's cookie."""
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    token = form.get("csrf")
    if not auth.csrf_ok(
        state(request).secret, request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None
    ):
        raise PageError(
            403,
            "This form has expired",
            "Go back, reload the page and send it again. (Forms only work from this site, with cookies on.)",
        )
    return form


def field(form: FormData, name: str, limit: int = 200) -> str:
    """A text field of a form, stripped; a missing or non-text field is empty; longer than ``limit`` is refused."""
    value = form.get(name)
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > limit:
        raise PageError(400, "Too long", f"The field {name} takes at most {limit} characters.")
    return text


def signed_in(request: Request) -> SignIn | None:
    """Who the session cookie signs in, if anyone."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    app = state(request)
    return app.classroom.sign_in(auth.digest(token), app.now())


_Account = TypeVar("_Account", Learner, Teacher)


def _account_of(request: Request, role: Role, find: Callable[[int], _Account | None], refusal: str) -> _Account:
    """The signed-in account of ``role``: a visitor is sent to sign in, an account of the other role gets 403."""
    found = signed_in(request)
    if found is None:
        raise SignInNeeded(role)
    if found.role is not role:
        raise PageError(403, f"For {role.value}s only", refusal)
    account = find(found.account_id)
    if account is None:
        raise SignInNeeded(role)
    request.scope["kzquiz_account"] = account
    return account


def learner_of(request: Request) -> Learner:
    """The signed-in learner; a visitor is sent to sign in, a teacher gets 403."""
    refusal = "This page is a learner's. Sign out to sign in as a learner."
    return _account_of(request, Role.LEARNER, state(request).classroom.learner, refusal)


def teacher_of(request: Request) -> Teacher:
    """The signed-in teacher; a visitor is sent to sign in, a learner gets 403."""
    return _account_of(request, Role.TEACHER, state(request).classroom.teacher, "This page is a teacher's.")


def start_sign_in(request: Request, response: Response, role: Role, account_id: int) -> Response:
    """Sign an account in on this browser: a new random token in an HttpOnly, SameSite cookie (Secure on HTTPS)."""
    app = state(request)
    token = auth.new_token()
    expires = app.now() + dt.timedelta(days=auth.SIGN_IN_DAYS)
    app.classroom.add_sign_in(auth.digest(token), SignIn(role, account_id, expires), app.now())
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=auth.SIGN_IN_DAYS * 86400,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


def end_sign_in(request: Request, response: Response) -> Response:
    """Sign out: forget the sign-in and clear the cookie."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        state(request).classroom.end_sign_in(auth.digest(token))
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
    return response


def address(request: Request) -> str:
    """The client's network address (the proxy's forwarded one when uvicorn is told to trust the proxy)."""
    return request.client.host if request.client else "unknown"


def too_many_failures(request: Request, account_key: str) -> str | None:
    """Why a sign-in is refused before its password is checked (too many recent failures), or ``None``."""
    app = state(request)
    since = app.now() - auth.FAILURE_WINDOW
    minutes = int(auth.FAILURE_WINDOW.total_seconds() // 60)
    if app.classroom.failures(f"address:{address(request)}", since) >= auth.ADDRESS_FAILURES:
        return f"Too many failed sign-ins from this network: wait {minutes} minutes."
    if app.classroom.failures(account_key, since) >= auth.ACCOUNT_FAILURES:
        return f"Too many failed sign-ins for this account: wait {minutes} minutes, or ask your teacher."
    return None


def note_failure(request: Request, account_key: str) -> None:
    """Count a failed sign-in against the account and the address."""
    app = state(request)
    app.classroom.add_failure([account_key, f"address:{address(request)}"], app.now())

"""The classroom's security rules over HTTP, each with a test that fails when the rule is taken out: password
hashes, cookie flags, CSRF on every form, bounded sign-in failures, who may see what, size limits, headers,
escaped deck text and error pages without tracebacks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.servertools import (
    EVERY_KIND,
    PASSWORD,
    Browser,
    Clock,
    a_class_with_a_deck,
    dump,
    join,
    make_app,
    need_server,
    new_class,
    reviews_in,
    set_up_teacher,
    sign_out,
    upload,
    upload_and_assign,
)

need_server()

from starlette.routing import Route  # noqa: E402 - only once the server extra is known to be there
from starlette.testclient import TestClient  # noqa: E402

from kzquiz.server import auth  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(tmp_path: Path, clock: Clock) -> Any:
    return make_app(tmp_path, clock, max_upload=4096)


@pytest.fixture
def browser(app: Any) -> Iterator[Browser]:
    with TestClient(app) as client:
        yield Browser(client)


@pytest.fixture
def other(browser: Browser) -> Browser:
    """A second browser on the same server (another person)."""
    return Browser(browser.client)


# -- passwords and cookies -----------------------------------------------------------------------------------


def test_passwords_are_kept_as_argon2id_hashes(browser: Browser, app: Any, tmp_path: Path) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim", "a learner's secret")
    data = dump(tmp_path / "progress.classroom.sqlite3")
    assert "a learner's secret" not in data
    assert PASSWORD not in data
    assert data.count("$argon2id$") == 2


def test_the_sign_in_cookie_is_httponly_and_samesite(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    response = join(browser, code, "Aigerim")
    cookie = next(h for h in response.history[0].headers.get_list("set-cookie") if h.startswith("kzquiz_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on a laptop: a Secure cookie would never come back


def test_over_https_the_cookies_are_secure(app: Any) -> None:
    with TestClient(app, base_url="https://classroom.example") as client:
        browser = Browser(client)
        first = browser.get("/")
        assert "Secure" in first.headers["set-cookie"]
        assert "SameSite=Strict" in first.headers["set-cookie"]
        set_up_teacher(browser, app)
        sign_out(browser)
        browser.get("/teacher/login")
        response = browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
        session = next(h for h in response.history[0].headers.get_list("set-cookie") if "kzquiz_session=" in h)
        assert "Secure" in session
        assert "HttpOnly" in session


def test_a_sign_in_token_is_stored_only_as_its_digest(browser: Browser, app: Any, tmp_path: Path) -> None:
    set_up_teacher(browser, app)
    token = browser.jar["kzquiz_session"]
    data = dump(tmp_path / "progress.classroom.sqlite3")
    assert token not in data
    assert auth.digest(token) in data


# -- CSRF ----------------------------------------------------------------------------------------------------


def _post_routes(app: Any) -> list[str]:
    return sorted(
        {
            r.path
            for r in app.routes
            if isinstance(r, Route) and "POST" in (r.methods or ()) and not r.path.startswith("/api")
        }
    )


def test_every_form_without_its_csrf_token_is_refused(browser: Browser, app: Any, other: Browser) -> None:
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(other, code, "Aigerim")  # a signed-in learner
    set_up_teacher(browser, app, "Mr Jones")  # and a signed-in teacher in the other browser
    paths = _post_routes(app)
    assert len(paths) >= 9, paths
    values = {"klass": str(class_id), "deck": str(key)}
    for path in paths:
        url = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values[m.group(1)], path)
        who = other if url.startswith(("/learn", "/logout")) else browser
        for token in (None, "forged", other.csrf if who is browser else browser.csrf):
            form = {"name": "x"} if token is None else {"name": "x", "csrf": token}
            response = who.request("POST", url, data=form)
            assert response.status_code == 403, (url, token, response.status_code)
            assert "This form has expired" in response.text


def test_a_form_with_its_token_goes_through(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    assert new_class(browser, "7A")[1]


# -- sign-in failures ------------------------------------------------------------------------------------------


def test_an_account_is_locked_after_five_failures_even_for_the_right_password(
    browser: Browser, app: Any, clock: Clock
) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    sign_out(browser)
    browser.get("/login")
    for _ in range(auth.ACCOUNT_FAILURES):
        assert browser.post("/login", {"code": code, "name": "Aigerim", "password": "guess guess"}).status_code == 400
    locked = browser.post("/login", {"code": code, "name": "Aigerim", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed sign-ins for this account" in locked.text
    clock.advance(minutes=16)
    assert browser.post("/login", {"code": code, "name": "Aigerim", "password": PASSWORD}).url.path == "/learn"


def test_a_teacher_account_is_locked_too(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    sign_out(browser)
    browser.get("/teacher/login")
    for _ in range(auth.ACCOUNT_FAILURES):
        browser.post("/teacher/login", {"username": "Ms Smith", "password": "nope nope"})
    locked = browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    assert locked.status_code == 429


def test_an_address_is_held_back_after_many_failures_across_accounts(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    sign_out(browser)
    browser.get("/login")
    for n in range(auth.ADDRESS_FAILURES):
        browser.post("/login", {"code": code, "name": f"nobody{n}", "password": "guess guess"})
    held = browser.post("/login", {"code": code, "name": "Aigerim", "password": PASSWORD})
    assert held.status_code == 429
    assert "from this network" in held.text


def test_the_api_sign_in_counts_failures_too(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    for _ in range(auth.ACCOUNT_FAILURES):
        response = browser.request(
            "POST", "/api/login", json={"code": code, "name": "Aigerim", "password": "guess guess"}
        )
        assert response.status_code == 401
    locked = browser.request("POST", "/api/login", json={"code": code, "name": "Aigerim", "password": PASSWORD})
    assert locked.status_code == 429


# -- who may see what ------------------------------------------------------------------------------------------


def test_a_learner_never_reaches_a_teachers_page(browser: Browser, app: Any) -> None:
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    for url in ("/teach", f"/teach/classes/{class_id}", f"/teach/decks/{key}"):
        response = browser.get(url)
        assert response.status_code == 403, url
        assert "For teachers only" in response.text
    response = browser.post(f"/teach/classes/{class_id}/decks", {"deck": str(key), "action": "remove"})
    assert response.status_code == 403


def test_a_visitor_is_sent_to_sign_in(browser: Browser, app: Any) -> None:
    class_id, _, key = a_class_with_a_deck(browser, app)
    assert browser.get("/learn").url.path == "/login"
    assert browser.get(f"/learn/decks/{key}").url.path == "/login"
    assert browser.get(f"/teach/classes/{class_id}").url.path == "/teacher/login"
    assert browser.get("/api/decks").status_code == 401


def test_a_teacher_is_not_a_learner(browser: Browser, app: Any) -> None:
    _, _, key = a_class_with_a_deck(browser, app)
    set_up_teacher(browser, app, "Mr Jones")
    assert browser.get(f"/learn/decks/{key}").status_code == 403


def test_a_learner_answers_only_their_own_questions(browser: Browser, app: Any, other: Browser, tmp_path: Path) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    join(other, code, "Bolat")
    browser.get(f"/learn/decks/{key}")
    stolen = browser.ticket()
    response = other.post(f"/learn/decks/{key}", {"ticket": stolen, "answer": "Masimov"})
    assert response.status_code == 400
    assert "does not belong to a question you were asked" in response.text
    forged = stolen[:-4] + ("AAAA" if not stolen.endswith("AAAA") else "BBBB")
    assert browser.post(f"/learn/decks/{key}", {"ticket": forged, "answer": "Masimov"}).status_code == 400
    assert reviews_in(tmp_path) == []


def test_a_learner_sees_only_their_classs_decks(browser: Browser, app: Any, other: Browser) -> None:
    set_up_teacher(browser, app)
    first, code = new_class(browser, "7A")
    second, _ = new_class(browser, "7B")
    mine = upload_and_assign(browser, first, "every-kind.toml", EVERY_KIND.read_bytes())
    hostile = EVERY_KIND.read_text().replace('id = "every-kind"', 'id = "other"').replace("Every answer type", "Other")
    theirs = upload_and_assign(browser, second, "other.toml", hostile.encode())
    join(other, code, "Aigerim")
    assert other.get(f"/learn/decks/{mine}").status_code == 200
    assert other.get(f"/learn/decks/{theirs}").status_code == 404
    assert "Other" not in other.get("/learn").text


def test_a_teacher_sees_only_their_own_classes_and_decks(browser: Browser, app: Any, other: Browser) -> None:
    class_id, _, key = a_class_with_a_deck(browser, app)
    set_up_teacher(other, app, "Mr Jones")
    mine, _ = new_class(other, "8C")
    assert other.get(f"/teach/classes/{class_id}").status_code == 404
    assert other.get(f"/teach/decks/{key}").status_code == 404
    assert other.post(f"/teach/classes/{class_id}/decks", {"deck": str(key), "action": "remove"}).status_code == 404
    assert other.post(f"/teach/classes/{mine}/decks", {"deck": str(key), "action": "assign"}).status_code == 404
    assert 'href="/teach/classes/1"' not in other.get("/teach").text


def test_the_api_shows_a_learner_only_their_own_progress(browser: Browser, app: Any, other: Browser) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    browser.get(f"/learn/decks/{key}")
    browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), "answer": "Masimov"})
    join(other, code, "Bolat")
    signed = other.request("POST", "/api/login", json={"code": code, "name": "Bolat", "password": PASSWORD})
    progress = other.get("/api/progress", headers={"authorization": f"Bearer {signed.json()['token']}"}).json()
    assert progress["reviews"] == 0
    assert other.get("/api/progress").status_code == 401  # the browser's cookie is not an API sign-in


# -- limits, headers, escaping, errors -------------------------------------------------------------------------


def test_an_upload_over_the_limit_is_refused(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    big = b"# " + b"x" * 5000 + b"\n" + EVERY_KIND.read_bytes()
    response = upload(browser, "big.toml", big)
    assert response.status_code == 413
    assert classroom_decks(app) == []
    streamed = browser.request(
        "POST",
        "/teach/decks",
        content=(b"z" * 1024 for _ in range(100)),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert streamed.status_code == 413


def classroom_decks(app: Any) -> list[Any]:
    return list(app.state.kzquiz.classroom.teacher_decks(1))


def test_a_form_over_64_kib_is_refused(browser: Browser, app: Any) -> None:
    browser.get("/join")
    response = browser.post("/join", {"code": "x", "name": "y" * 70_000, "password": "z"})
    assert response.status_code == 413


def test_every_response_carries_the_security_headers(browser: Browser, app: Any) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    for url in (
        "/",
        "/learn",
        f"/learn/decks/{key}",
        "/learn/progress",
        "/no/such/page",
        "/static/style.css",
        "/teach",
    ):
        headers = browser.get(url).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy, url
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "default-src 'none'" in policy
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_the_pages_carry_no_inline_script(browser: Browser, app: Any) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    for url in ("/", "/learn", f"/learn/decks/{key}", "/learn/progress"):
        page = browser.get(url).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], url
        assert " on" not in re.sub(r"\s+", " ", " ".join(re.findall(r"<[^>]+>", page))).replace(" one", ""), url


HOSTILE = b"""[deck]
id = "hostile"
title = "<script>alert('title')</script>"

[[facts]]
id = "x"
kind = "choice"
question = "<script>alert('prompt')</script><img src=x onerror=alert(1)> <a href=\\"javascript:alert(2)\\">link</a>"
answer = "<b>bold</b>"
wrong = ["<script>alert('option')</script>", "javascript:alert(3)"]
quote = "</blockquote><script>alert('quote')</script>"
note = "<iframe src=javascript:alert(4)>"
"""


def test_deck_text_is_always_escaped(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    class_id, code = new_class(browser)
    key = upload_and_assign(browser, class_id, "hostile.toml", HOSTILE)
    preview = browser.get(f"/teach/decks/{key}").text
    sign_out(browser)
    join(browser, code, "Aigerim")
    question = browser.get(f"/learn/decks/{key}").text
    feedback = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), "pick": "0"}).text
    for page in (preview, question, feedback, browser.get("/learn").text):
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<iframe" not in page
        assert '<a href="javascript:' not in page
        assert "<b>bold" not in page
    assert "&lt;script&gt;alert(&#39;prompt&#39;)&lt;/script&gt;" in question
    assert "&lt;script&gt;alert(&#39;quote&#39;)" in feedback


def test_an_unknown_page_is_a_page(browser: Browser) -> None:
    response = browser.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Not Found</h1>" in response.text
    assert browser.get("/api/nothing").json()["detail"]


def test_a_server_error_is_a_page_without_a_traceback(browser: Browser, app: Any, tmp_path: Path) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internals /etc/passwd")

    app.state.kzquiz.store.memories = broken
    browser.client._transport.raise_server_exceptions = False
    response = browser.get("/learn")
    assert response.status_code == 500
    assert "Server error" in response.text
    assert "Traceback" not in response.text
    assert "secret internals" not in response.text
    assert "RuntimeError" not in response.text

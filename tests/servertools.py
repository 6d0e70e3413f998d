"""Driving the classroom web app in tests: an app on temporary files, a fixed clock, and a browser-like client.

The server tests need the server extra; without it they are skipped, except under CI=true, where a skip fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "server"
EVERY_KIND = DATA / "every-kind.toml"
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse"  # noqa: S105 - the test accounts' password


def need_server() -> None:
    """Skip the calling module when the server extra is missing (fail instead under CI=true)."""
    for module in ("fastapi", "jinja2", "argon2", "python_multipart", "httpx2"):
        try:
            __import__(module)
        except ModuleNotFoundError:
            if os.environ.get("CI") == "true":
                raise
            pytest.skip(f"the server extra is not installed ({module} is missing)", allow_module_level=True)


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


CSRF = re.compile(r'name="csrf" value="([^"]+)"')
TICKET = re.compile(r'name="ticket" value="([^"]+)"')


class Browser:
    """One person's browser on the test server: its own cookies, the last page and its CSRF token.

    Several browsers share one TestClient (one running app, one event loop), each with its own cookie jar.
    """

    def __init__(self, client: Any) -> None:
        self.client = client
        self.jar = client.cookies.__class__()
        self.csrf = ""
        self.page = ""

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send a request with this browser's cookies, as it is (no CSRF token added)."""
        self.client.cookies = self.jar
        try:
            response = self.client.request(method, url, **kwargs)
        finally:
            self.jar = self.client.cookies
        self._remember(response)
        return response

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any) -> Any:
        """Post a form, with the CSRF token of the last page (fetching the front page first if there was none)."""
        if csrf and not self.csrf:
            self.get("/")
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf", self.csrf)
        return self.request("POST", url, data=form, **kwargs)

    def _remember(self, response: Any) -> None:
        if response.headers.get("content-type", "").startswith("text/html"):
            self.page = response.text
            found = CSRF.search(response.text)
            if found:
                self.csrf = found.group(1)

    def ticket(self) -> str:
        found = TICKET.search(self.page)
        assert found, self.page
        return found.group(1)


def make_app(folder: Path, clock: Clock, **config: Any) -> Any:
    from kzquiz.server.app import ServerConfig, create_app

    return create_app(ServerConfig(db=str(folder / "progress.sqlite3"), clock=clock, **config))


def classroom(app: Any) -> Any:
    return app.state.kzquiz.classroom


def set_up_teacher(browser: Browser, app: Any, name: str = "Ms Smith") -> None:
    """Create (the first) teacher through the first-run page, or add one directly, and sign in as them."""
    room = classroom(app)
    if not room.has_teacher():
        room.new_setup_token("the-token")
        browser.get("/setup?token=the-token")
        response = browser.post("/setup", {"token": "the-token", "username": name, "password": PASSWORD})
        assert response.url.path == "/teach", response.text
        return
    from kzquiz.server.auth import hash_password

    room.add_teacher(name, hash_password(PASSWORD))
    browser.get("/teacher/login")
    response = browser.post("/teacher/login", {"username": name, "password": PASSWORD})
    assert response.url.path == "/teach", response.text


def new_class(browser: Browser, name: str = "10B") -> tuple[int, str]:
    response = browser.post("/teach/classes", {"name": name})
    assert response.status_code == 200, response.text
    code = re.search(r'id="join-code">(\w+)<', response.text)
    assert code
    return int(response.url.path.rsplit("/", 1)[1]), code.group(1)


def upload(browser: Browser, name: str, data: bytes) -> Any:
    return browser.post("/teach/decks", files={"deck": (name, data)})


def upload_and_assign(browser: Browser, class_id: int, name: str, data: bytes) -> int:
    response = upload(browser, name, data)
    assert response.status_code == 200, response.text
    key = re.search(r'href="/teach/decks/(\d+)"', response.text)
    assert key, response.text
    deck_key = int(key.group(1))
    assigned = browser.post(f"/teach/classes/{class_id}/decks", {"deck": str(deck_key), "action": "assign"})
    assert assigned.status_code == 200
    return deck_key


def join(browser: Browser, code: str, name: str, password: str = PASSWORD) -> Any:
    browser.get("/join")
    return browser.post("/join", {"code": code, "name": name, "password": password})


def sign_out(browser: Browser) -> None:
    browser.post("/logout")


def a_class_with_a_deck(browser: Browser, app: Any, deck: Path = EVERY_KIND) -> tuple[int, str, int]:
    """A teacher with a class and the deck assigned; the browser is signed out afterwards."""
    set_up_teacher(browser, app)
    class_id, code = new_class(browser)
    key = upload_and_assign(browser, class_id, deck.name, deck.read_bytes())
    sign_out(browser)
    return class_id, code, key


def reviews_in(folder: Path) -> list[Any]:
    """Every review in the app's progress store, read through a connection of the test's own."""
    import kzquiz

    with kzquiz.open_store(folder / "progress.sqlite3") as store:
        return [review for learner in store.learners() for review in store.reviews(learner)]


def dump(path: Path) -> str:
    """Everything in an SQLite file (its write-ahead log included), as SQL text."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return "\n".join(db.iterdump())
    finally:
        db.close()


class LiveServer:
    """``kzquiz serve`` in a subprocess on a free port of 127.0.0.1, with its files in ``folder``; stopped on exit.

    ``setup_token`` is written into the classroom first, so that a test can open the first-run page with it.
    """

    def __init__(self, folder: Path, *, setup_token: str | None = None, workers: int = 1) -> None:
        self.folder = folder
        self.setup_token = setup_token
        self.workers = workers
        self.base = ""
        self._process: Any = None

    def __enter__(self) -> LiveServer:
        import socket
        import subprocess
        import sys
        import time
        import urllib.request

        if self.setup_token is not None:
            from kzquiz.server.classroom_sqlite import SQLiteClassroom

            room = SQLiteClassroom(self.folder / "progress.classroom.sqlite3")
            room.new_setup_token(self.setup_token)
            room.close()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        command = [sys.executable, "-m", "kzquiz", "serve", "--port", str(port), "--workers", str(self.workers)]
        self._process = subprocess.Popen(
            [*command, "--db", str(self.folder / "progress.sqlite3")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "KZQUIZ_HOME": str(self.folder)},
        )
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{self.base}/api/openapi.json", timeout=2):  # noqa: S310 - loopback
                    return self
            except OSError:
                if time.monotonic() > deadline or self._process.poll() is not None:
                    self.__exit__()
                    raise
                time.sleep(0.2)

    def __exit__(self, *_exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None

"""The classroom's JSON API: sign in, decks, next question, answer (once per ticket), appeal, progress; and
schemathesis against its OpenAPI document on a live server, for a bounded number of examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.servertools import PASSWORD, Browser, Clock, LiveServer, a_class_with_a_deck, join, make_app, need_server

need_server()

from starlette.testclient import TestClient  # noqa: E402 - only once the server extra is known to be there


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return make_app(tmp_path, Clock())


@pytest.fixture
def api(app: Any) -> Iterator[tuple[Browser, str, int]]:
    """A browser, a learner's bearer token and the deck's key."""
    with TestClient(app) as client:
        browser = Browser(client)
        _, code, key = a_class_with_a_deck(browser, app)
        join(browser, code, "Aigerim")
        signed = browser.request("POST", "/api/login", json={"code": code, "name": "aigerim", "password": PASSWORD})
        assert signed.status_code == 200, signed.text
        yield browser, signed.json()["token"], key


def call(api: tuple[Browser, str, int], method: str, url: str, **kwargs: Any) -> Any:
    browser, token, _ = api
    return browser.request(method, url, headers={"authorization": f"Bearer {token}"}, **kwargs)


def test_decks_next_answer_and_progress(api: tuple[Browser, str, int]) -> None:
    key = api[2]
    decks = call(api, "GET", "/api/decks").json()
    assert decks == [{"key": key, "id": "every-kind", "title": "Every answer type", "due": 0, "new": 8, "facts": 8}]
    question = call(api, "GET", f"/api/decks/{key}/next").json()["question"]
    assert question["answer_type"] == "typed"
    assert "National Security Committee" in question["prompt"]
    verdict = call(api, "POST", f"/api/decks/{key}/answer", json={"ticket": question["ticket"], "text": "Masimow"})
    assert verdict.status_code == 200
    body = verdict.json()
    assert body["correct"] is True
    assert body["label"] == "Right, nearly"
    assert body["diff"] == "Masimo[w→v]"
    assert body["recorded"] is True
    assert body["appeal"] is None
    again = call(api, "POST", f"/api/decks/{key}/answer", json={"ticket": question["ticket"], "text": "Masimov"})
    assert again.json()["recorded"] is False
    progress = call(api, "GET", "/api/progress").json()
    assert progress["reviews"] == 1
    assert progress["retention"] == 1.0
    assert len(progress["forecast"]) == 14


def test_picks_and_orders_by_index(api: tuple[Browser, str, int]) -> None:
    key = api[2]
    seen = {}
    for _ in range(8):
        question = call(api, "GET", f"/api/decks/{key}/next").json()["question"]
        answer_type, choices = question["answer_type"], question["choices"]
        body: dict[str, Any] = {"ticket": question["ticket"]}
        if answer_type == "choice":
            body["picks"] = [choices.index("the CSTO")]
        elif answer_type == "select":
            body["picks"] = [choices.index(c) for c in ("Russia", "Kazakhstan", "Armenia")]
        elif answer_type == "true-false":
            body["picks"] = [0]
        elif answer_type == "order":
            body["order"] = [choices.index(c) for c in ("Akmola", "Astana", "Nur-Sultan")]
        else:
            body["text"] = {"typed": "Masimov", "list": "Russia, Belarus", "number": "200", "cloze": "Taldykorgan"}[
                answer_type
            ]
        seen[answer_type] = call(api, "POST", f"/api/decks/{key}/answer", json=body).json()["correct"]
    assert seen == dict.fromkeys(("typed", "list", "number", "cloze", "choice", "select", "true-false", "order"), True)


def test_a_wrong_typed_answer_can_be_appealed_once(api: tuple[Browser, str, int]) -> None:
    key = api[2]
    question = call(api, "GET", f"/api/decks/{key}/next").json()["question"]
    verdict = call(api, "POST", f"/api/decks/{key}/answer", json={"ticket": question["ticket"], "text": "Massimoff"})
    token = verdict.json()["appeal"]
    assert token
    made = call(api, "POST", f"/api/decks/{key}/appeal", json={"appeal": token})
    assert made.status_code == 200
    assert made.json()["status"] == "pending"
    assert call(api, "POST", f"/api/decks/{key}/appeal", json={"appeal": token}).status_code == 409
    assert call(api, "POST", f"/api/decks/{key}/appeal", json={"appeal": "forged.token"}).status_code == 400


def test_bad_requests_are_json_errors(api: tuple[Browser, str, int]) -> None:
    key = api[2]
    assert call(api, "GET", "/api/decks/999/next").status_code == 404
    assert call(api, "POST", f"/api/decks/{key}/answer", json={"ticket": "x.y"}).status_code == 400
    missing = call(api, "POST", f"/api/decks/{key}/answer", json={})
    assert missing.status_code == 422
    assert missing.json()["detail"]
    assert api[0].request("GET", "/api/decks", headers={"authorization": "Bearer nonsense"}).status_code == 401


# -- schemathesis on a live server -----------------------------------------------------------------------------


def prepared_files(folder: Path) -> tuple[str, int]:
    """A classroom with a teacher, a class, the deck assigned and a signed-in learner; the token and deck key."""
    from kzquiz.server import auth
    from kzquiz.server.classroom import Role, SignIn
    from kzquiz.server.classroom_sqlite import SQLiteClassroom

    room = SQLiteClassroom(folder / "progress.classroom.sqlite3")
    try:
        teacher = room.add_teacher("Ms Smith", auth.hash_password(PASSWORD))
        klass = room.add_class(teacher.id, "10B", "ABCDEF")
        text = (Path(__file__).parent / "data" / "server" / "every-kind.toml").read_text()
        stored = room.save_deck(teacher.id, "every-kind", "Every answer type", "every-kind.toml", text)
        room.assign(klass.id, stored.id)
        learner = room.add_learner(klass.id, "Aigerim", auth.hash_password(PASSWORD))
        token = auth.new_token()
        now = dt.datetime.now(dt.UTC)
        room.add_sign_in(auth.digest(token), SignIn(Role.LEARNER, learner.id, now + dt.timedelta(days=1)), now)
        return token, stored.id
    finally:
        room.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("live")
    token, _ = prepared_files(folder)
    with LiveServer(folder) as server:
        yield server.base, token


def test_the_api_keeps_to_its_openapi_document(live: tuple[str, str]) -> None:
    """Every operation, with up to 25 generated requests each, answers as its OpenAPI document says."""
    import schemathesis
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    base, token = live
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            # A ticket or appeal token is valid only if this server signed it: a well-formed forgery is refused
            # (400), which is right, so the check that schema-valid data is always accepted does not apply.
            case.call_and_validate(
                headers={"authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
            )

        check()

"""Classes kept apart in a store several teachers share: accepting an appeal reaches only the deciding teacher's
learners, and no route shows or changes another class's or another learner's data."""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.servertools import (
    EVERY_KIND,
    PASSWORD,
    Browser,
    Clock,
    join,
    make_app,
    need_server,
    new_class,
    set_up_teacher,
    sign_out,
    upload_and_assign,
)

need_server()

from starlette.testclient import TestClient  # noqa: E402 - only once the server extra is known to be there

import kzquiz  # noqa: E402


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return make_app(tmp_path, Clock())


@pytest.fixture
def client(app: Any) -> Iterator[Any]:
    with TestClient(app) as client:
        yield client


def wrong_typed_answer(learner: Browser, key: int, *, appeal: bool) -> None:
    """Answer the deck's first question (the typed one) "Karim Massimoff", and appeal it if asked to."""
    page = learner.get(f"/learn/decks/{key}").text
    assert "National Security Committee" in page
    feedback = learner.post(f"/learn/decks/{key}", {"ticket": learner.ticket(), "answer": "Karim Massimoff"})
    assert 'class="verdict wrong"' in feedback.text
    if appeal:
        token = re.search(r'name="appeal" value="([^"]+)"', feedback.text)
        assert token
        assert learner.post(f"/learn/decks/{key}/appeal", {"appeal": token.group(1)}).status_code == 200


class School:
    """Two teachers in one store: Ms Smith with classes 7A and 7B, Mr Jones with 8C, each teacher with their own
    upload of the same deck (the same deck id), each class with learners who answered "Karim Massimoff"."""

    def __init__(self, client: Any, app: Any) -> None:
        self.smith, self.jones = Browser(client), Browser(client)
        set_up_teacher(self.smith, app, "Ms Smith")
        self.a, code_a = new_class(self.smith, "7A")
        self.a2, code_a2 = new_class(self.smith, "7B")
        self.smith_deck = upload_and_assign(self.smith, self.a, "every-kind.toml", EVERY_KIND.read_bytes())
        self.smith.post(f"/teach/classes/{self.a2}/decks", {"deck": str(self.smith_deck), "action": "assign"})
        set_up_teacher(self.jones, app, "Mr Jones")
        self.b, code_b = new_class(self.jones, "8C")
        self.jones_deck = upload_and_assign(self.jones, self.b, "every-kind.toml", EVERY_KIND.read_bytes())
        self.learners: dict[str, Browser] = {}
        for name, code, key, appeal in (
            ("Aigerim", code_a, self.smith_deck, True),
            ("Arman", code_a2, self.smith_deck, False),
            ("Bolat", code_b, self.jones_deck, True),
            ("Dana", code_b, self.jones_deck, False),
        ):
            self.learners[name] = learner = Browser(client)
            join(learner, code, name)
            wrong_typed_answer(learner, key, appeal=appeal)
        self.ids = {learner.name: learner.id for c in (self.a, self.a2, self.b) for learner in app_learners(app, c)}


def app_learners(app: Any, class_id: int) -> list[Any]:
    return list(app.state.kzquiz.classroom.learners(class_id))


def accept_massimoff(teacher: Browser, class_id: int, deck_key: int) -> Any:
    form = {"deck": str(deck_key), "fact": "typed", "answer": "Karim Massimoff", "action": "accept"}
    return teacher.post(f"/teach/classes/{class_id}/appeals", form)


def test_accepting_reaches_the_teachers_own_classes_only(client: Any, app: Any, tmp_path: Path) -> None:
    school = School(client, app)
    store_path = tmp_path / "progress.sqlite3"
    with kzquiz.open_store(store_path) as store:
        jones_before = {name: store.memories(name) for name in store.learners() if name.startswith(f"c{school.b}/")}
    jones_text = app.state.kzquiz.classroom.deck(school.jones_deck).text

    assert accept_massimoff(school.smith, school.a, school.smith_deck).status_code == 200

    with kzquiz.open_store(store_path) as store:
        decided = {(a.learner.partition("/")[2], a.status.value, a.teacher) for a in store.appeals()}
        assert decided == {
            ("Aigerim", "accepted", False),  # her own appeal
            ("Arman", "accepted", True),  # same teacher, same deck, other class: counted right
            ("Bolat", "pending", False),  # another teacher's class: untouched
        }
        for name, memories in jones_before.items():
            assert store.memories(name) == memories, name
    assert app.state.kzquiz.classroom.deck(school.jones_deck).text == jones_text
    assert "Karim Massimoff" in app.state.kzquiz.classroom.deck(school.smith_deck).text

    # Mr Jones still has his learner's appeal to decide, and deciding it leaves Ms Smith's classes alone
    page = school.jones.get(f"/teach/classes/{school.b}").text
    assert re.search(r'<table class="pending".*?<q>Karim Massimoff</q>', page, re.S)
    assert (
        school.jones.post(
            f"/teach/classes/{school.b}/appeals",
            {"deck": str(school.jones_deck), "fact": "typed", "answer": "Karim Massimoff", "action": "reject"},
        ).status_code
        == 200
    )
    with kzquiz.open_store(store_path) as store:
        statuses = {a.learner.partition("/")[2]: a.status.value for a in store.appeals()}
    assert statuses == {"Aigerim": "accepted", "Arman": "accepted", "Bolat": "rejected"}


def test_a_teacher_cannot_decide_reach_or_read_another_teachers_class(client: Any, app: Any, tmp_path: Path) -> None:
    school = School(client, app)
    smith, b = school.smith, school.b
    # another class's appeals, through her own class with his deck, or through his class
    assert accept_massimoff(smith, b, school.jones_deck).status_code == 404
    assert accept_massimoff(smith, school.a, school.jones_deck).status_code == 404
    assert accept_massimoff(smith, b, school.smith_deck).status_code == 404
    for url in (
        f"/teach/classes/{b}",
        f"/teach/classes/{b}/report.csv",
        f"/teach/classes/{b}/learners/{school.ids['Bolat']}",
        f"/teach/classes/{school.a}/learners/{school.ids['Bolat']}",  # her class, his learner
        f"/teach/decks/{school.jones_deck}",
    ):
        response = smith.get(url)
        assert response.status_code == 404, url
        assert "Bolat" not in response.text, url
        assert "Dana" not in response.text, url
    own = smith.get(f"/teach/classes/{school.a}")
    assert "Aigerim" in own.text
    assert "Bolat" not in own.text
    assert "Dana" not in own.text
    assert "Arman" not in own.text
    csv = smith.get(f"/teach/classes/{school.a}/report.csv").text
    assert "Aigerim" in csv
    assert "Bolat" not in csv
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:
        assert {a.status.value for a in store.appeals()} == {"pending"}


def test_a_learner_reaches_only_their_own_records(client: Any, app: Any) -> None:
    school = School(client, app)
    aigerim, arman, bolat = (school.learners[n] for n in ("Aigerim", "Arman", "Bolat"))
    # another class's deck, by its key in the URL or in the API
    assert bolat.get(f"/learn/decks/{school.smith_deck}").status_code == 404
    signed = bolat.request(
        "POST", "/api/login", json={"code": _code(app, school.b), "name": "Bolat", "password": PASSWORD}
    )
    bearer = {"authorization": f"Bearer {signed.json()['token']}"}
    assert bolat.get(f"/api/decks/{school.smith_deck}/next", headers=bearer).status_code == 404
    assert [d["key"] for d in bolat.get("/api/decks", headers=bearer).json()] == [school.jones_deck]
    # another learner's question ticket, even in the same teacher's other class on the same deck
    aigerim.get(f"/learn/decks/{school.smith_deck}")
    stolen = aigerim.ticket()
    taken = arman.post(f"/learn/decks/{school.smith_deck}", {"ticket": stolen, "answer": "Masimov"})
    assert taken.status_code == 400
    # progress is one's own: no id in the URL or the JSON can name another learner's
    assert bolat.get("/api/progress", headers=bearer).json()["reviews"] == 1
    assert bolat.get(f"/learn/progress?learner={school.ids['Aigerim']}").status_code == 200
    assert "Aigerim" not in bolat.get(f"/learn/progress?learner={school.ids['Aigerim']}").text
    # and a learner never reaches a teacher's page
    for url in (f"/teach/classes/{school.b}", f"/teach/classes/{school.b}/learners/{school.ids['Dana']}"):
        assert bolat.get(url).status_code == 403, url
    sign_out(bolat)


def _code(app: Any, class_id: int) -> str:
    klass = app.state.kzquiz.classroom.klass(class_id)
    assert klass is not None
    return str(klass.join_code)


# -- what a deck or a visitor sends is shown as text --------------------------------------------------------------

CONTROLS = """[deck]
id = "controls"
title = "Con\\u001b[31mtrols\\u0007"

[[facts]]
id = "ansi"
kind = "choice"
question = "Which \\u001b]0;owned\\u0007colour\\u001b[2J is <b>red</b>?\\u0000\\u0008\\u009b1m"
answer = "Red\\u001b[0m"
wrong = ["Blue\\u0085", "Gr\\u202eeen", "Yellow\\tnow"]
note = "a\\u000bb"
"""
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_control_characters_and_escapes_never_reach_a_page_or_the_api(client: Any, app: Any) -> None:
    teacher = Browser(client)
    set_up_teacher(teacher, app)
    class_id, code = new_class(teacher)
    uploaded = teacher.post("/teach/decks", files={"deck": ("controls.toml", CONTROLS.encode())})
    assert uploaded.status_code == 200, uploaded.text
    key = int(re.search(r'href="/teach/decks/(\d+)"', uploaded.text).group(1))  # type: ignore[union-attr]
    teacher.post(f"/teach/classes/{class_id}/decks", {"deck": str(key), "action": "assign"})
    pages = [uploaded.text, teacher.get(f"/teach/decks/{key}").text, teacher.get(f"/teach/classes/{class_id}").text]
    learner = Browser(client)
    join(learner, code, "Aigerim")
    pages.append(learner.get("/learn").text)
    pages.append(question := learner.get(f"/learn/decks/{key}").text)
    pages.append(learner.post(f"/learn/decks/{key}", {"ticket": learner.ticket(), "pick": "0"}).text)
    for page in pages:
        assert not CONTROL_CHARACTERS.search(page), CONTROL_CHARACTERS.findall(page)
        assert "owned" not in page
        assert "[31m" not in page
        assert "[2J" not in page
    assert 'id="prompt">Which colour is &lt;b&gt;red&lt;/b&gt;?</h1>' in question  # the 8-bit CSI "\x9b1m" too
    assert "<span>Green</span>" in question
    assert "<span>Yellow now</span>" in question
    signed = learner.request("POST", "/api/login", json={"code": code, "name": "Aigerim", "password": PASSWORD})
    bearer = {"authorization": f"Bearer {signed.json()['token']}"}
    reply = learner.get(f"/api/decks/{key}/next", headers=bearer).text
    assert "\\u001b" not in reply
    assert "\\u0007" not in reply
    assert "\\u202e" not in reply
    assert "<b>red</b>" in reply  # JSON is not HTML: an app escapes it where it shows it


def test_any_printable_class_name_is_taken_and_escaped(client: Any, app: Any) -> None:
    teacher = Browser(client)
    set_up_teacher(teacher, app)
    for name in ("History 7/8", "Қазақ тілі 5<b>Ә</b>", "Maths & Physics: 10?", "../../etc"):
        class_id, _ = new_class(teacher, name)
        page = teacher.get(f"/teach/classes/{class_id}").text
        assert f"<h1>{html.escape(name, quote=True).replace('&#x27;', '&#39;')}</h1>" in page
        assert f'href="/teach/classes/{class_id}' in teacher.get("/teach").text
        download = teacher.get(f"/teach/classes/{class_id}/report.csv")
        assert download.status_code == 200
        disposition = download.headers["content-disposition"]
        assert disposition.isascii()
        assert "/" not in disposition.split("filename*=")[1]
    assert "History 7-8 report.csv" in urllib.parse.unquote(disposition_of(teacher, app, "History 7/8"))
    refused = teacher.post("/teach/classes", {"name": "bad\x1bname"})
    assert refused.status_code == 400
    assert "control characters" in refused.text


def disposition_of(teacher: Browser, app: Any, name: str) -> str:
    teacher_id = app.state.kzquiz.classroom.teacher_named("Ms Smith").id
    klass = next(k for k in app.state.kzquiz.classroom.classes(teacher_id) if k.name == name)
    return str(teacher.get(f"/teach/classes/{klass.id}/report.csv").headers["content-disposition"])


def test_a_form_or_token_with_any_characters_is_refused_not_a_server_error(client: Any, app: Any) -> None:
    learner = Browser(client)
    learner.get("/join")
    assert learner.post("/join", {"code": "X", "name": "a", "password": "b", "csrf": "é"}).status_code == 403
    school_teacher = Browser(client)
    set_up_teacher(school_teacher, app)
    class_id, code = new_class(school_teacher)
    key = upload_and_assign(school_teacher, class_id, "every-kind.toml", EVERY_KIND.read_bytes())
    join(learner, code, "Aigerim")
    for ticket in ("é.é", "x.\u0085", "\u202e."):
        assert learner.post(f"/learn/decks/{key}", {"ticket": ticket, "answer": "x"}).status_code == 400
        assert learner.post(f"/learn/decks/{key}/appeal", {"appeal": ticket}).status_code == 400


def test_an_id_too_long_for_the_database_is_not_found(client: Any, app: Any) -> None:
    school = School(client, app)
    huge = "9" * 30  # past 2**63: the database cannot hold it
    for url in (
        f"/teach/classes/{huge}",
        f"/teach/classes/{huge}/report.csv",
        f"/teach/classes/{school.a}/learners/{huge}",
        f"/teach/decks/{huge}",
    ):
        assert school.smith.get(url).status_code == 404, url
    assert school.smith.post(f"/teach/classes/{huge}/decks", {"deck": "1"}).status_code == 404
    assert school.smith.post(f"/teach/classes/{school.a}/decks", {"deck": "9" * 20}).status_code == 404
    assert school.smith.post(f"/teach/classes/{huge}/appeals", {"deck": "1"}).status_code == 404
    aigerim = school.learners["Aigerim"]
    assert aigerim.get(f"/learn/decks/{huge}").status_code == 404
    assert aigerim.post(f"/learn/decks/{huge}", {"ticket": "x"}).status_code == 404


def test_the_dashboard_counted_by_the_store_is_the_class_log_tallied(client: Any, app: Any, tmp_path: Path) -> None:
    """The class page's numbers come from the store's counts over the class's learners and decks: the same as
    tallying every review of the class, and nothing of the other teacher's class in the same store."""
    from kzquiz.reporting import Attempt, class_tallies, counts_of, name_choices
    from kzquiz.server.dashboard import class_report, dashboard

    school = School(client, app)
    smith = school.learners["Aigerim"]
    for _ in range(7):  # the rest of the deck, picks included, some right and some wrong
        page = smith.get(f"/learn/decks/{school.smith_deck}").text
        if 'name="ticket"' not in page:
            break
        smith.post(f"/learn/decks/{school.smith_deck}", {"ticket": smith.ticket(), "answer": "1 2 3", "pick": "1"})
    room = app.state.kzquiz.classroom
    learners = room.learners(school.a)
    decks = [app.state.kzquiz.decks.get(d) for d in room.class_decks(school.a)]
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:  # the test's own connection
        logged = [Attempt.of(learner.name, r) for learner in learners for r in store.reviews(learner.store_name)]
        expected = class_tallies(*counts_of(name_choices(logged, decks)))
        assert class_report(store, learners, decks) == expected
        report = dashboard(store, learners, decks)
    assert len(logged) >= 6
    assert [row.learner.name for row in report.learners] == ["Aigerim"]
    assert report.learners[0].tally == expected[0]["Aigerim"]
    assert report.learners[0].last_studied is not None
    assert sum(row.tally.asked for row in report.facts) == len(logged)

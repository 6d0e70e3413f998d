"""The classroom's teacher pages over HTTP: the first run, classes, uploads with file:line:column problems and a
preview, imports from GIFT, CSV and Aiken, assignments, the dashboard, one learner's answers, the CSV export, and
learners' appeals."""

from __future__ import annotations

import csv
import io
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

from starlette.testclient import TestClient  # noqa: E402 - only once the server extra is known to be there

import kzquiz  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(tmp_path: Path, clock: Clock) -> Any:
    return make_app(tmp_path, clock)


@pytest.fixture
def browser(app: Any) -> Iterator[Browser]:
    with TestClient(app) as client:
        yield Browser(client)


@pytest.fixture
def learner(browser: Browser) -> Browser:
    return Browser(browser.client)


def test_the_set_up_page_needs_the_token_and_works_once(browser: Browser, app: Any) -> None:
    app.state.kzquiz.classroom.new_setup_token("the-token")
    browser.get("/setup")
    wrong = browser.post("/setup", {"token": "guess", "username": "Eve", "password": PASSWORD})
    assert wrong.status_code == 400
    assert "token is wrong" in wrong.text
    assert not app.state.kzquiz.classroom.has_teacher()
    right = browser.post("/setup", {"token": "the-token", "username": "Ms Smith", "password": PASSWORD})
    assert right.url.path == "/teach"
    sign_out(browser)
    assert browser.get("/setup?token=the-token").status_code == 404


def test_a_class_gets_a_join_code_of_unmistakable_characters(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    codes = {new_class(browser, f"class {n}")[1] for n in range(5)}
    assert len(codes) == 5
    for code in codes:
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code), code
    again = browser.post("/teach/classes", {"name": "class 1"})
    assert again.status_code == 400
    assert "already have a class called" in again.text


BROKEN = b"""[deck]
id = "capitals"
title = "Capitals"

[[facts]]
id = "kz"
kind = "answer"
question = "What is the capital of Kazakhstan?"
anwser = "Astana"
"""


def test_an_upload_with_a_mistake_lists_it_with_its_line_and_saves_nothing(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    response = upload(browser, "capitals.toml", BROKEN)
    assert response.status_code == 400
    problems = kzquiz.check_deck(BROKEN, "capitals.toml")
    assert problems
    for problem in problems:  # exactly what kzquiz validate prints
        assert str(problem).replace("'", "&#39;").replace('"', "&#34;") in response.text
    assert "capitals.toml:9:1" in response.text
    assert app.state.kzquiz.classroom.teacher_decks(1) == []
    fixed = upload(browser, "capitals.toml", BROKEN.replace(b"anwser", b"answer"))
    assert fixed.status_code == 200
    assert "Saved Capitals" in fixed.text
    assert "What is the capital of Kazakhstan?" in fixed.text
    assert "answer: Astana" in fixed.text


def test_uploading_a_deck_again_replaces_it(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    upload(browser, "capitals.toml", BROKEN.replace(b"anwser", b"answer"))
    upload(browser, "capitals-v2.toml", BROKEN.replace(b"anwser", b"answer").replace(b"Astana", b"Nur-Sultan"))
    decks = app.state.kzquiz.classroom.teacher_decks(1)
    assert [d.source_name for d in decks] == ["capitals-v2.toml"]


@pytest.mark.parametrize(
    ("name", "data", "facts"),
    [
        ("quiz.gift", b"::Capital:: What is the capital of Kazakhstan? {=Astana ~Almaty ~Shymkent}\n", 1),
        ("quiz.csv", b"question,answer\nWhat is the capital of Kazakhstan?,Astana\nWho leads it?,Tokayev\n", 2),
        ("quiz.txt", b"What is the capital of Kazakhstan?\nA. Almaty\nB. Astana\nANSWER: B\n", 1),
    ],
)
def test_gift_csv_and_aiken_are_converted(browser: Browser, app: Any, name: str, data: bytes, facts: int) -> None:
    set_up_teacher(browser, app)
    response = upload(browser, name, data)
    assert response.status_code == 200, response.text
    assert f"{facts} facts" in response.text
    listed = app.state.kzquiz.classroom.teacher_decks(1)[0]
    stored = app.state.kzquiz.classroom.deck(listed.id)
    assert kzquiz.loads_deck(stored.text, stored.source_name).facts


def test_an_unknown_file_type_is_refused_with_the_formats(browser: Browser, app: Any) -> None:
    set_up_teacher(browser, app)
    response = upload(browser, "notes.docx", b"PK\x03\x04")
    assert response.status_code == 400
    assert "toml, gift, csv, tsv, aiken" in response.text


def answer(browser: Browser, key: int, **form: Any) -> Any:
    browser.get(f"/learn/decks/{key}")
    return browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **form})


def aigerim_answers(browser: Browser, app: Any, learner: Browser, list_answer: str, then_joins: str = "") -> int:
    """A class in which Aigerim answers the typed question wrong ("Nazarbayev") and the list with ``list_answer``
    (and ``then_joins`` joins without answering); the class's id."""
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "Aigerim")
    answer(learner, key, answer="Nazarbayev")
    answer(learner, key, answer=list_answer)
    if then_joins:
        join(Browser(browser.client), code, then_joins)
    return class_id


def class_page(browser: Browser, class_id: int) -> str:
    """The class's dashboard, as the teacher signed in sees it."""
    browser.get("/teacher/login")
    browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    return str(browser.get(f"/teach/classes/{class_id}").text)


def test_the_dashboard_shows_who_studied_their_retention_and_the_wrong_answers(
    browser: Browser, app: Any, learner: Browser
) -> None:
    page = class_page(browser, aigerim_answers(browser, app, learner, "Russia, Belarus", then_joins="Bolat"))
    learners = re.search(r'<table class="learners".*?</table>', page, re.S)
    assert learners
    rows = re.findall(r"<tr>(.*?)</tr>", learners.group(0), re.S)[1:]
    assert len(rows) == 2
    assert "Aigerim" in rows[0]
    assert "2026-03-02 09:00 UTC" in rows[0]
    assert "50%" in rows[0]
    assert "Bolat" in rows[1]
    assert "never" in rows[1]
    facts = re.search(r'<table class="facts".*?</table>', page, re.S)
    assert facts
    assert "Who was the long-standing chief" in facts.group(0)
    assert "<q>Nazarbayev</q> (1)" in facts.group(0)


def test_a_learners_answers_are_listed_for_their_teacher(browser: Browser, app: Any, learner: Browser) -> None:
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "Aigerim")
    answer(learner, key, answer="Nazarbayev")
    browser.get("/teacher/login")
    browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    learner_id = app.state.kzquiz.classroom.learners(class_id)[0].id
    page = browser.get(f"/teach/classes/{class_id}/learners/{learner_id}").text
    assert "<q>Nazarbayev</q>" in page
    assert "✗ wrong" in page
    assert "National Security Committee" in page


def test_the_report_downloads_as_csv(browser: Browser, app: Any, learner: Browser) -> None:
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "=cmd")
    answer(learner, key, answer="Nazarbayev")
    browser.get("/teacher/login")
    browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    response = browser.get(f"/teach/classes/{class_id}/report.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="10B-report.csv"' in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [
        *("learner", "deck", "fact", "asked", "right", "partly_right", "wrong", "accuracy", "wrong_answers")
    ]
    assert rows[1] == ["'=cmd", "every-kind", "typed", "1", "0", "0", "1", "0.00", "Nazarbayev (1)"]


def test_a_learner_appeals_a_typed_answer_and_the_teacher_sees_it(
    browser: Browser, app: Any, learner: Browser, tmp_path: Path
) -> None:
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "Aigerim")
    feedback = answer(learner, key, answer="Karim Massimoff")
    assert "I was right" in feedback.text
    token = re.search(r'name="appeal" value="([^"]+)"', feedback.text)
    assert token
    appealed = learner.post(f"/learn/decks/{key}/appeal", {"appeal": token.group(1)})
    assert appealed.status_code == 200
    assert "Appeal sent" in appealed.text
    again = learner.post(f"/learn/decks/{key}/appeal", {"appeal": token.group(1)})
    assert again.status_code == 409
    assert "already been appealed" in again.text
    other = Browser(browser.client)
    join(other, code, "Bolat")
    stolen = other.post(f"/learn/decks/{key}/appeal", {"appeal": token.group(1)})
    assert stolen.status_code == 400
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:
        assert [a.answer for a in store.appeals()] == ["Karim Massimoff"]
    browser.get("/teacher/login")
    browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    page = browser.get(f"/teach/classes/{class_id}").text
    appeals = re.search(r'<table class="appeals".*?</table>', page, re.S)
    assert appeals
    assert "<q>Karim Massimoff</q>" in appeals.group(0)
    assert "pending" in appeals.group(0)


def test_an_option_picked_cannot_be_appealed(browser: Browser, app: Any, learner: Browser, tmp_path: Path) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "Aigerim")
    for text in ("Nazarbayev", "x", "1", "x"):  # typed, list, number and cloze
        answer(learner, key, answer=text)
    feedback = answer(learner, key, pick="0")  # the multiple-choice question, wrong or right: no appeal either way
    assert "I was right" not in feedback.text
    assert len(reviews_in(tmp_path)) == 5


def test_a_deck_can_be_taken_away_from_a_class(browser: Browser, app: Any, learner: Browser) -> None:
    set_up_teacher(browser, app)
    class_id, code = new_class(browser)
    key = upload_and_assign(browser, class_id, "every-kind.toml", EVERY_KIND.read_bytes())
    browser.post(f"/teach/classes/{class_id}/decks", {"deck": str(key), "action": "remove"})
    join(learner, code, "Aigerim")
    assert learner.get(f"/learn/decks/{key}").status_code == 404


def appeal_massimoff(browser: Browser, app: Any, learner: Browser) -> tuple[int, str, int]:
    """A class whose learner appealed the answer "Karim Massimoff"; the teacher signed in again."""
    class_id, code, key = a_class_with_a_deck(browser, app)
    join(learner, code, "Aigerim")
    feedback = answer(learner, key, answer="Karim Massimoff")
    token = re.search(r'name="appeal" value="([^"]+)"', feedback.text)
    assert token
    assert learner.post(f"/learn/decks/{key}/appeal", {"appeal": token.group(1)}).status_code == 200
    browser.get("/teacher/login")
    browser.post("/teacher/login", {"username": "Ms Smith", "password": PASSWORD})
    return class_id, code, key


def test_accepting_an_appeal_adds_the_answer_to_the_deck(
    browser: Browser, app: Any, learner: Browser, tmp_path: Path, clock: Clock
) -> None:
    class_id, _code, key = appeal_massimoff(browser, app, learner)
    page = browser.get(f"/teach/classes/{class_id}").text
    pending = re.search(r'<table class="pending".*?</table>', page, re.S)
    assert pending
    assert "<q>Karim Massimoff</q>" in pending.group(0)
    form = {"deck": str(key), "fact": "typed", "answer": "Karim Massimoff", "action": "accept"}
    decided = browser.post(f"/teach/classes/{class_id}/appeals", form)
    assert decided.status_code == 200
    assert 'class="pending"' not in decided.text
    assert "accepted" in decided.text
    stored = app.state.kzquiz.classroom.deck(key)
    assert "Karim Massimoff" in stored.text
    assert kzquiz.loads_deck(stored.text, "x.toml").question("every-kind/typed/recall").check("Karim Massimoff").correct
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:
        assert [a.status.value for a in store.appeals()] == ["accepted"]
    again = browser.post(f"/teach/classes/{class_id}/appeals", form)
    assert again.status_code == 409
    clock.advance(days=3)  # the fact comes round again, asked of the learner with the new deck
    for _ in range(8):
        page = learner.get(f"/learn/decks/{key}").text
        if "National Security Committee" in page:
            verdict = learner.post(f"/learn/decks/{key}", {"ticket": learner.ticket(), "answer": "Karim Massimoff"})
            assert 'class="verdict right"' in verdict.text
            break
        learner.post(f"/learn/decks/{key}", {"ticket": learner.ticket(), "answer": "x", "pick": "0"})
    else:
        pytest.fail("the appealed question did not come round again")


def test_rejecting_an_appeal_leaves_the_deck_alone(
    browser: Browser, app: Any, learner: Browser, tmp_path: Path
) -> None:
    class_id, _, key = appeal_massimoff(browser, app, learner)
    before = app.state.kzquiz.classroom.deck(key).text
    form = {"deck": str(key), "fact": "typed", "answer": "Karim Massimoff", "action": "reject"}
    assert browser.post(f"/teach/classes/{class_id}/appeals", form).status_code == 200
    assert app.state.kzquiz.classroom.deck(key).text == before
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:
        assert [a.status.value for a in store.appeals()] == ["rejected"]


def test_another_teacher_cannot_decide_a_classs_appeals(
    browser: Browser, app: Any, learner: Browser, tmp_path: Path
) -> None:
    class_id, _, key = appeal_massimoff(browser, app, learner)
    other = Browser(browser.client)
    set_up_teacher(other, app, "Mr Jones")
    form = {"deck": str(key), "fact": "typed", "answer": "Karim Massimoff", "action": "accept"}
    assert other.post(f"/teach/classes/{class_id}/appeals", form).status_code == 404
    with kzquiz.open_store(tmp_path / "progress.sqlite3") as store:
        assert [a.status.value for a in store.appeals()] == ["pending"]


def test_the_dashboard_counts_a_partly_right_answer_apart_and_not_as_a_wrong_answer(
    browser: Browser, app: Any, learner: Browser
) -> None:
    page = class_page(browser, aigerim_answers(browser, app, learner, "Russia"))  # one of the two members asked
    learners = re.search(r'<table class="learners".*?</table>', page, re.S)
    assert learners
    assert "<th>Right</th><th>Partly right</th>" in learners.group(0)
    [row] = re.findall(r"<tr>(.*?)</tr>", learners.group(0), re.S)[1:]
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "0", "1"]  # answers, right, partly right
    facts = re.search(r'<table class="facts".*?</table>', page, re.S)
    assert facts
    rows = re.findall(r"<tr>(.*?)</tr>", facts.group(0), re.S)[1:]
    cells = [re.findall(r"<td>(.*?)</td>", r) for r in rows]
    assert cells == [["1", "1", "0%", "0", "<q>Nazarbayev</q> (1)"], ["1", "1", "0%", "1", "–"]]

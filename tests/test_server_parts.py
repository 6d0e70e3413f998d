"""The classroom's parts without a server: the SQLite classroom, tickets and CSRF tokens, the feedback and chart
values, uploads, and where the classroom file goes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.servertools import EVERY_KIND, T0, need_server

need_server()

import kzquiz  # noqa: E402 - only once the server extra is known to be there
from kzquiz.server import auth, views  # noqa: E402
from kzquiz.server.app import ServerConfig  # noqa: E402
from kzquiz.server.classroom import Classroom, ClassroomError, Role, SignIn, open_classroom  # noqa: E402
from kzquiz.server.classroom_sqlite import SQLiteClassroom  # noqa: E402
from kzquiz.server.decks import clean_name, read_upload  # noqa: E402


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def room(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Classroom]:
    """A new classroom of each kind: an SQLite file, and a PostgreSQL schema beside a progress store."""
    made: Classroom
    if request.param == "sqlite":
        made = open_classroom(str(tmp_path / "school.classroom.sqlite3"))
    else:
        url = request.getfixturevalue("postgres_url")
        kzquiz.open_store(url).close()  # the server opens the store first, which makes the schema
        made = open_classroom(url)
    yield made
    made.close()


def test_names_are_unique_without_regard_to_case(room: Classroom) -> None:
    teacher = room.add_teacher("Ms Smith", "hash")
    with pytest.raises(ClassroomError, match="already a teacher"):
        room.add_teacher("ms smith", "hash")
    klass = room.add_class(teacher.id, "10B", "abcdef")
    assert room.class_with_code("ABCDEF") == room.class_with_code("abcdef") == klass
    room.add_learner(klass.id, "Aigerim", "hash")
    with pytest.raises(ClassroomError, match="already has a learner"):
        room.add_learner(klass.id, "AIGERIM", "hash")
    assert room.learner_named(klass.id, "aigerim") is not None
    other = room.add_class(teacher.id, "10C", "GHJKLM")
    assert room.add_learner(other.id, "Aigerim", "hash").store_name == f"c{other.id}/Aigerim"


def test_a_deck_uploaded_again_replaces_its_older_version(room: Classroom) -> None:
    teacher = room.add_teacher("Ms Smith", "hash")
    first = room.save_deck(teacher.id, "d", "Old", "d.toml", "old text")
    second = room.save_deck(teacher.id, "d", "New", "d2.toml", "new text")
    assert first.id == second.id
    assert room.deck(first.id) == second
    assert [d.title for d in room.teacher_decks(teacher.id)] == ["New"]
    assert room.teacher_decks(teacher.id)[0].text == ""  # listings leave the text out


def test_sign_ins_expire_and_end(room: Classroom) -> None:
    room.add_sign_in("digest", SignIn(Role.LEARNER, 1, T0 + dt.timedelta(days=1)), T0)
    assert room.sign_in("digest", T0) == SignIn(Role.LEARNER, 1, T0 + dt.timedelta(days=1))
    assert room.sign_in("digest", T0 + dt.timedelta(days=2)) is None
    room.end_sign_in("digest")
    assert room.sign_in("digest", T0) is None


def test_a_ticket_is_claimed_once_until_given_back(room: Classroom) -> None:
    assert room.claim_ticket("k", T0, "Astana") is None
    assert room.claim_ticket("k", T0, "Almaty") == "Astana"  # the first answer, the one recorded
    assert room.claim_ticket("k", T0, "") == "Astana"
    room.release_ticket("k")
    assert room.claim_ticket("k", T0, "Almaty") is None
    assert room.claim_ticket("k", T0, "Astana") == "Almaty"


def test_a_classroom_file_from_before_tickets_kept_answers_is_brought_up_to_date(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.classroom.sqlite3"
    SQLiteClassroom(path).close()
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE tickets; CREATE TABLE tickets (key TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;"
        "INSERT INTO tickets VALUES ('old', '2026-03-02T09:00:00.000000+00:00');"
    )
    db.close()
    room = SQLiteClassroom(path)
    try:
        assert room.claim_ticket("k", T0, "Astana") is None
        assert room.claim_ticket("k", T0, "x") == "Astana"
    finally:
        room.close()


def test_failures_are_counted_per_key_within_the_window(room: Classroom) -> None:
    room.add_failure(["account:a", "address:x"], T0)
    room.add_failure(["account:a"], T0 + dt.timedelta(minutes=20))
    assert room.failures("account:a", T0 + dt.timedelta(minutes=10)) == 1
    assert room.failures("address:x", T0 - dt.timedelta(minutes=1)) == 1


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    with kzquiz.open_store(tmp_path / "progress.sqlite3"):
        pass
    before = (tmp_path / "progress.sqlite3").read_bytes()
    with pytest.raises(kzquiz.NotAStoreError, match="not a kzquiz classroom file"):
        SQLiteClassroom(tmp_path / "progress.sqlite3")
    assert (tmp_path / "progress.sqlite3").read_bytes() == before


def test_tickets_are_signed_for_one_purpose() -> None:
    secret, other = b"s" * 32, b"o" * 32
    ticket = auth.Ticket("c1/Aigerim", "deck/fact/recall", T0)
    text = auth.make_ticket(secret, ticket)
    assert auth.read_ticket(secret, text) == ticket
    assert auth.read_ticket(other, text) is None
    assert auth.read_ticket(secret, text, "appeal") is None
    assert auth.read_ticket(secret, "garbage") is None
    assert auth.csrf_ok(secret, "browser", auth.csrf_token(secret, "browser"))
    assert not auth.csrf_ok(secret, "another browser", auth.csrf_token(secret, "browser"))
    assert not auth.csrf_ok(secret, None, None)


def test_passwords_hash_and_verify() -> None:
    hashed = auth.hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert auth.verify_password(hashed, "correct horse")
    assert not auth.verify_password(hashed, "wrong horse")
    assert not auth.verify_password("not a hash", "x")
    assert auth.password_problem("short")
    assert auth.password_problem("x" * 201)
    assert not auth.password_problem("x" * 8)


def test_feedback_says_what_the_command_line_says() -> None:
    deck = kzquiz.load_deck(EVERY_KIND)
    question = deck.question("every-kind/typed/recall")
    typo = views.feedback(question, question.check("Karim Masimow"))
    assert (typo.tone, typo.label, typo.diff) == ("right", "Right, nearly", "Karim Masimo[w→v]")
    assert typo.note == "Masimov was arrested on 8 January 2022."
    assert typo.quote.startswith("fired a few")
    wrong = views.feedback(question, question.check("Nazarbayev"))
    assert wrong.tone == "wrong"
    assert wrong.label == "Wrong"
    assert "Karim Masimov" in wrong.feedback + wrong.answer
    listed = deck.question("every-kind/list/name")
    verdict = listed.check("Russia, China")
    half = views.feedback(listed, verdict)
    assert half.tone == "partly"
    assert 0 < verdict.score < 1
    assert half.label == f"Partly right ({verdict.score:.0%})"


def test_the_forecast_chart_scales_to_the_busiest_day() -> None:
    bars = views.forecast_bars((4, 0, 2, 1), T0)
    assert [b.label for b in bars] == ["today", "Tue 3", "Wed 4", "Thu 5"]
    assert bars[0].height == views.CHART_HEIGHT - 20
    assert bars[1].height == 0
    assert bars[2].height == bars[0].height / 2
    assert all(b.y + b.height == views.CHART_HEIGHT - 12 for b in bars)
    assert views.forecast_bars((0, 0), T0)[0].height == 0
    assert views.chart_width(bars) == 4 * views.BAR_WIDTH + 3 * views.BAR_GAP


def test_uploads_are_named_harmlessly() -> None:
    assert clean_name("C:\\Users\\me\\my deck.toml") == "my deck.toml"
    assert clean_name("../../etc/passwd") == "passwd"
    assert clean_name("<script>.toml") == "_script_.toml"
    assert read_upload("x.toml", b"").problems[0].message == "the file is empty"
    assert not read_upload("x.toml", b"\xff\xfe").ok


def test_the_classroom_goes_beside_the_store(tmp_path: Path) -> None:
    assert ServerConfig(db=str(tmp_path / "school.sqlite3")).classroom_location() == str(
        tmp_path / "school.classroom.sqlite3"
    )
    assert ServerConfig(db="x.sqlite3", classroom="/srv/c.sqlite3").classroom_location() == "/srv/c.sqlite3"
    url = "postgresql://kzquiz@db/school?options=-csearch_path%3Dclass_7b"
    assert ServerConfig(db=url).classroom_location() == url


@pytest.mark.postgres
def test_the_postgresql_classroom_needs_its_schema_made_first(postgres_url: str) -> None:
    with pytest.raises(kzquiz.StoreError, match="the schema does not exist yet"):
        open_classroom(postgres_url)


@pytest.mark.postgres
def test_a_class_studies_on_postgresql(postgres_url: str) -> None:
    """The whole journey on one PostgreSQL schema: the progress store and the classroom side by side."""
    from starlette.testclient import TestClient
    from tests.servertools import Browser, Clock, a_class_with_a_deck, join

    from kzquiz.server.app import ServerConfig, create_app

    app = create_app(ServerConfig(db=postgres_url, clock=Clock()))
    with TestClient(app) as client:
        browser = Browser(client)
        _, code, key = a_class_with_a_deck(browser, app)
        join(browser, code, "Aigerim")
        browser.get(f"/learn/decks/{key}")
        page = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), "answer": "Masimov"}).text
        assert 'class="verdict right"' in page
    with kzquiz.open_store(postgres_url) as store:
        assert [r.answer for r in store.reviews("c1/Aigerim")] == ["Masimov"]


KEYBOARDS = """[deck]
id = "keys"
title = "Keyboards"

[[facts]]
id = "paid"
kind = "number"
question = "How much was the man paid?"
answer = 200
unit = "dollars"

[[facts]]
id = "year"
kind = "number"
question = "In which year?"
answer = 1997

[[facts]]
id = "cold"
kind = "number"
question = "How cold does it get in Astana, in degrees Celsius?"
answer = -40

[[facts]]
id = "range"
kind = "number"
question = "What is the temperature range?"
min = -5
max = 5

[[facts]]
id = "date"
kind = "number"
question = "When did the protests start?"
answer = 2022-01-02

[[facts]]
id = "who"
kind = "answer"
question = "Who?"
answer = "Masimov"

[[facts]]
id = "short"
kind = "sequence"
subject = "the capitals"
items = ["Akmola", "Astana", "Nur-Sultan"]
forms = ["order"]

[[facts]]
id = "long"
kind = "sequence"
subject = "the numbers"
items = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
forms = ["order"]
"""


@pytest.mark.parametrize(
    ("fact", "mode"),
    [
        ("paid", "decimal"),
        ("year", "decimal"),
        ("cold", ""),  # a phone's number pad has no minus sign
        ("range", ""),
        ("date", ""),  # "2 January 2022" needs letters
        ("who", ""),
        ("short", "numeric"),  # typed as 312
        ("long", ""),  # ten or more need spaces between the numbers
    ],
)
def test_each_answer_box_asks_the_phone_for_the_keyboard_it_needs(fact: str, mode: str) -> None:
    deck = kzquiz.loads_deck(KEYBOARDS, "keys.toml")
    [question] = [q for q in deck.questions_for(fact) if q.answer_type.is_recall]
    assert views.input_mode(question) == mode

"""Appeals from the command line: the key in a real pseudo-terminal, ``/appeal`` in plain mode, JSON commands."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest
from tests.clitools import kzquiz_cli

DECK = """
[deck]
id = "pty"
title = "Appeals"

[[facts]]
id = "chief"
kind = "answer"
question = "Who was the chief of the National Security Committee?"
answer = "Karim Masimov"
forms = ["recall"]

[[facts]]
id = "capital"
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
forms = ["recall"]

[[facts]]
id = "police"
kind = "statement"
statement = "The police withdrew from Almaty on 5 January."
answer = true
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "appeals.toml"
    path.write_text(DECK, encoding="utf-8")
    return path


def rows(db: Path, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "KZQUIZ_LEARNER", "COLUMNS")}
    env.update(KZQUIZ_HOME=str(home), TERM="xterm-256color")
    return pexpect.spawn(
        sys.executable,
        ["-m", "kzquiz", *args],
        env=env,  # type: ignore[arg-type]
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=30,
    )


def test_the_appeal_key_in_a_terminal(tmp_path: Path, deck_file: Path) -> None:
    child = spawn(tmp_path, "study", str(deck_file), "--learner", "ana")
    child.expect("Who was the chief")
    child.expect("Your answer")
    child.send("Masimov the spy\r")
    child.expect("✗ Wrong")
    child.expect("a: I was right")
    child.send("a")
    child.expect("Appeal noted: your answer counts as right")
    child.expect("Next review in 10 min")
    child.expect("What is the capital")
    child.expect("Your answer")
    child.send("Astana\r")
    child.expect("✓ Right")  # a right answer is not offered for appeal: the next question comes at once
    child.expect("True or false")
    child.expect("arrow keys or 1-")  # the prompt is up: Ctrl-C now reaches it, not the set-up
    child.sendintr()
    child.expect("Stopped early")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    db = tmp_path / "kzquiz.sqlite3"
    assert rows(db, "SELECT question_id, answer, status, teacher FROM appeals") == [
        ("pty/chief/recall", "Masimov the spy", "pending", 0)
    ]
    # the review keeps its verdict; the memory moved to the second learning step, as for a right answer
    assert rows(db, "SELECT answer, correct FROM reviews ORDER BY id")[0] == ("Masimov the spy", 0)
    [(reviewed, due)] = rows(db, "SELECT last_review, due FROM memory WHERE fact_id = 'chief'")
    gap = dt.datetime.fromisoformat(str(due)) - dt.datetime.fromisoformat(str(reviewed))
    assert gap == dt.timedelta(minutes=10)


def test_any_other_key_goes_on_without_an_appeal(tmp_path: Path, deck_file: Path) -> None:
    child = spawn(tmp_path, "study", str(deck_file), "--limit", "2")
    child.expect("Your answer")
    child.send("Masimov the spy\r")
    child.expect("a: I was right")
    child.send("\r")
    child.expect("What is the capital")
    child.expect("Your answer")
    child.send("Almaty\r")
    child.expect("a: I was right")
    child.sendintr()  # Ctrl-C at the offer ends the session like anywhere else
    child.expect("Stopped early")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert rows(tmp_path / "kzquiz.sqlite3", "SELECT count(*) FROM appeals") == [(0,)]
    assert rows(tmp_path / "kzquiz.sqlite3", "SELECT count(*) FROM reviews") == [(2,)]


def test_plain_mode_appeals_with_a_line(tmp_path: Path, deck_file: Path) -> None:
    result = kzquiz_cli(tmp_path, "study", str(deck_file), stdin="Masimov the spy\n/appeal\nAstana\n/appeal\ntrue\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "If you were right, type /appeal before your next answer." in out
    assert out.count("If you were right") == 1  # only after the wrong answer
    assert "Appeal noted: your answer counts as right" in out
    assert "Cannot appeal: this answer was already graded right." in out
    # the next question is already shown when "/appeal" is read: the appeal is about the verdict before it
    assert out.index("If you were right") < out.index("What is the capital") < out.index("Appeal noted")
    db = tmp_path / "kzquiz.sqlite3"
    assert rows(db, "SELECT question_id, status FROM appeals") == [("pty/chief/recall", "pending")]
    assert rows(db, "SELECT answer FROM reviews ORDER BY id") == [("Masimov the spy",), ("Astana",), ("true",)]


def test_json_mode_appeals_with_a_command(tmp_path: Path, deck_file: Path) -> None:
    stdin = 'Masimov the spy\n{"command": "appeal"}\n{"command": "appeal"}\nAstana\ntrue\n'
    result = kzquiz_cli(tmp_path, "study", str(deck_file), "--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [event["event"] for event in events]
    assert kinds[:6] == ["question", "verdict", "question", "appeal", "appeal", "verdict"]
    verdicts = [event for event in events if event["event"] == "verdict"]
    assert [v["appealable"] for v in verdicts] == [True, False, False]
    accepted, refused = events[3], events[4]
    assert accepted["ok"] is True
    assert accepted["id"] == "pty/chief/recall"
    assert accepted["answer"] == "Masimov the spy"
    assert accepted["status"] == "pending"
    due = dt.datetime.fromisoformat(accepted["next_due"])
    assert dt.timedelta(minutes=9) < due - dt.datetime.now(dt.UTC) <= dt.timedelta(minutes=10)
    assert refused == {"event": "appeal", "ok": False, "reason": "this answer has already been appealed"}


def test_kzquiz_appeal_appeals_the_last_answer_after_the_session(tmp_path: Path, deck_file: Path) -> None:
    study = kzquiz_cli(tmp_path, "study", str(deck_file), "--json", "--limit", "1", stdin="Masimov the spy\n")
    assert study.returncode == 0, study.stderr
    first = kzquiz_cli(tmp_path, "appeal", str(deck_file), "--json")
    assert first.returncode == 0, first.stderr
    event = json.loads(first.stdout)
    assert (event["event"], event["ok"], event["id"], event["status"]) == (
        "appeal",
        True,
        "pty/chief/recall",
        "pending",
    )
    again = kzquiz_cli(tmp_path, "appeal", str(deck_file))
    assert again.returncode == 1
    assert again.stdout == "Cannot appeal: this answer has already been appealed.\n"
    elsewhere = kzquiz_cli(tmp_path, "appeal")  # the bundled deck: not the deck of the last answer
    assert elsewhere.returncode == 1
    assert "the last answer is from the deck 'pty'" in elsewhere.stdout
    nobody = kzquiz_cli(tmp_path, "appeal", str(deck_file), "--learner", "bob")
    assert nobody.returncode == 1
    assert "bob has no answers to appeal" in nobody.stdout
    assert rows(tmp_path / "kzquiz.sqlite3", "SELECT count(*) FROM appeals") == [(1,)]

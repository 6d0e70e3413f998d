"""The teacher's side of appeals on the command line: kzquiz report lists them, kzquiz accept and reject decide."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest
from tests.clitools import kzquiz_cli

DECK = """\
# Geography, by hand: the comments must survive kzquiz accept.
[deck]
id = "geo"
title = "Geography"

[[facts]]
id = "capital"   # keep this id
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"     # since 2022
forms = ["recall"]

[[facts]]
id = "sea"
kind = "answer"
question = "Which sea does Kazakhstan border?"
answer = "the Caspian Sea"
forms = ["recall"]
"""


def rows(db: Path, query: str, *parameters: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


def gap(db: Path, learner: str) -> dt.timedelta:
    """How long after the learner's last review of the capital it falls due."""
    [(last, due)] = rows(
        db,
        "SELECT last_review, due FROM memory JOIN learners ON learners.id = learner_id "
        "WHERE fact_id = 'capital' AND name = ?",
        learner,
    )
    return dt.datetime.fromisoformat(str(due)) - dt.datetime.fromisoformat(str(last))


@pytest.fixture
def classroom(tmp_path: Path) -> tuple[Path, Path]:
    """A deck and a store where ann appealed "Nur-Sultan" and bob gave "nur-sultan" without appealing."""
    deck = tmp_path / "geo.toml"
    deck.write_text(DECK, encoding="utf-8")
    ann = kzquiz_cli(tmp_path, "study", str(deck), "--learner", "ann", stdin="Nur-Sultan\n/appeal\nCaspian Sea\n")
    assert "Appeal noted" in ann.stdout, ann.stderr
    bob = kzquiz_cli(tmp_path, "study", str(deck), "--learner", "bob", "--limit", "1", stdin="nur-sultan\n")
    assert bob.returncode == 0, bob.stderr
    return deck, tmp_path / "kzquiz.sqlite3"


def test_report_accept_and_reject(tmp_path: Path, classroom: tuple[Path, Path]) -> None:
    deck, db = classroom
    assert gap(db, "ann") == dt.timedelta(minutes=10)  # appealed: the second learning step, as if right
    assert gap(db, "bob") == dt.timedelta(minutes=1)  # wrong: the first learning step again

    report = kzquiz_cli(tmp_path, "report", str(db))
    assert report.returncode == 0, report.stderr
    assert report.stdout.endswith(
        "Appeals (1)\n\n"
        "fact         appealed answer  learners  pending  accepted  rejected\n"
        "-----------  ---------------  --------  -------  --------  --------\n"
        "geo/capital  Nur-Sultan              1        1         0         0\n"
    )

    unnamed = kzquiz_cli(tmp_path, "accept", str(deck), "--from", str(db))
    assert unnamed.returncode == 1
    assert unnamed.stderr == "kzquiz: say which answers to accept: --answer FACT=TEXT (repeatable) or --all\n"
    unknown = kzquiz_cli(tmp_path, "accept", str(deck), "--from", str(db), "--answer", "capital=Almaty")
    assert unknown.returncode == 1
    assert "no appeal to accept with that answer (there are: capital=Nur-Sultan)" in unknown.stderr

    accepted = kzquiz_cli(tmp_path, "accept", str(deck), "--from", str(db), "--answer", "capital=Nur-Sultan")
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stdout == (
        f"Added to {deck}: capital: 'Nur-Sultan'.\n"
        "Accepted capital: 'Nur-Sultan' (1 learner).\n"
        "1 earlier answer by learners now counts as right.\n"
        "Replayed 2 learner memories of the facts concerned.\n"
    )
    assert deck.read_text(encoding="utf-8") == DECK.replace(
        'answer = "Astana"     # since 2022\n', 'answer = "Astana"     # since 2022\naliases = ["Nur-Sultan"]\n'
    )
    assert rows(
        db, "SELECT name, answer, status, teacher FROM appeals JOIN learners ON id = learner_id ORDER BY 1"
    ) == [
        ("ann", "Nur-Sultan", "accepted", 0),
        ("bob", "nur-sultan", "accepted", 1),
    ]
    assert gap(db, "ann") == gap(db, "bob") == dt.timedelta(minutes=10)  # bob's answer now counts as right too
    assert rows(db, "SELECT answer, correct FROM reviews WHERE fact_id = 'capital' ORDER BY id") == [
        ("Nur-Sultan", 0),
        ("nur-sultan", 0),
    ]  # the review log keeps the verdicts

    nothing = kzquiz_cli(tmp_path, "accept", str(deck), "--from", str(db), "--all")
    assert nothing.stdout == "No appeals to accept for the deck geo.\n"

    rejected = kzquiz_cli(tmp_path, "reject", str(deck), "--from", str(db), "--all")
    assert rejected.returncode == 0, rejected.stderr
    assert "Rejected capital: 'Nur-Sultan' (1 learner)." in rejected.stdout
    assert gap(db, "ann") == gap(db, "bob") == dt.timedelta(minutes=1)  # back as they were graded
    assert "Nur-Sultan              1        0         0         1" in kzquiz_cli(tmp_path, "report", str(db)).stdout


def test_accept_lets_a_teacher_tick_answers_in_a_terminal(tmp_path: Path, classroom: tuple[Path, Path]) -> None:
    deck, db = classroom
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS")}
    env.update(KZQUIZ_HOME=str(tmp_path), TERM="xterm-256color")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kzquiz", "accept", str(deck), "--from", str(db)],
        env=env,  # type: ignore[arg-type]
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Answers to accept")
    child.expect(r"capital: Nur-Sultan  \(1 learner\)")
    child.send(" ")
    child.send("\r")
    child.expect("Accepted capital: 'Nur-Sultan'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert 'aliases = ["Nur-Sultan"]' in deck.read_text(encoding="utf-8")


def test_an_alias_that_would_break_the_deck_changes_nothing(tmp_path: Path) -> None:
    deck = tmp_path / "geo.toml"
    deck.write_text(DECK.replace('forms = ["recall"]\n', 'distractors = ["Nur-Sultan"]\n', 1), encoding="utf-8")
    before = deck.read_text(encoding="utf-8")
    ann = kzquiz_cli(tmp_path, "study", str(deck), "--learner", "ann", "--new", "1", stdin="1\nNur-Sultan\n/appeal\n")
    assert ann.returncode == 0, ann.stderr
    db = tmp_path / "kzquiz.sqlite3"
    if not rows(db, "SELECT count(*) FROM appeals")[0][0]:
        appeal = kzquiz_cli(tmp_path, "appeal", str(deck), "--learner", "ann")
        assert appeal.returncode == 0, appeal.stdout
    result = kzquiz_cli(tmp_path, "accept", str(deck), "--from", str(db), "--all")
    assert result.returncode == 1
    assert "accepting would make the deck invalid" in result.stderr
    assert "'Nur-Sultan' is also a right answer" in result.stderr
    assert deck.read_text(encoding="utf-8") == before
    assert rows(db, "SELECT status FROM appeals") == [("pending",)]

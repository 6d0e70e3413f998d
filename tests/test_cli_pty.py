"""End to end in a real pseudo-terminal (pexpect): arrow keys, a typo, Ctrl-C and Ctrl-D, colours, hostile decks.

Each test starts ``python -m kzquiz`` with its own store file and reads the store back with sqlite3 afterwards.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

import kzquiz

DECK = """
[deck]
id = "pty"
title = "Terminal test"

[[facts]]
id = "alliance"
kind = "choice"
question = "Which alliance did Tokayev call in?"
answer = "the CSTO"
wrong = ["NATO", "the SCO", "the EAEU"]
quote = "Tokayev called in the CSTO"

[[facts]]
id = "chief"
kind = "answer"
question = "Who was the chief of the National Security Committee?"
answer = "Karim Masimov"
forms = ["recall"]
note = "He was arrested in January 2022."

[[facts]]
id = "police"
kind = "statement"
statement = "The police withdrew from Almaty on 5 January."
answer = true
"""

HOSTILE = """
[deck]
id = "hostile"
title = "Hostile \\u001b]0;pwned\\u0007 deck"

[[facts]]
id = "clear"
kind = "choice"
question = "Which \\u001b[2Jalliance \\u001b]0;pwned\\u0007did Tokayev call in?"
answer = "the \\u001b[31mCSTO"
wrong = ["NATO\\u001b[2J", "the SCO\\u009b2J", "the \\u001b]8;;http://evil.example\\u001b\\\\EAEU"]
quote = "quote \\u001b[?1049h alt screen"
note = "note \\u0007 bell \\u001bc reset"
"""

DOWN = "\x1b[B"
STYLE = re.compile(r"\x1b\[(?:1;)?3[1-6]m")  # the colours kzquiz's console uses


def spawn(home: Path, *args: str, no_color: bool = False, columns: int = 80) -> pexpect.spawn:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "KZQUIZ_LEARNER", "COLUMNS")}
    env.update(KZQUIZ_HOME=str(home), TERM="xterm-256color")
    if no_color:
        env["NO_COLOR"] = "1"
    return pexpect.spawn(
        sys.executable,
        ["-m", "kzquiz", *args],
        env=env,  # type: ignore[arg-type]
        dimensions=(30, columns),
        encoding="utf-8",
        timeout=30,
    )


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def reviews(db: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT question_id, answer, correct FROM reviews ORDER BY id").fetchall()
    connection.close()
    return rows


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "pty.toml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_arrow_keys_a_typo_then_ctrl_c(tmp_path: Path, deck_file: Path) -> None:
    choices = kzquiz.load_deck(deck_file).question("pty/alliance/choice").choices
    child = spawn(tmp_path, "study", str(deck_file), "--learner", "ana")
    child.expect("0 done · 3 left")
    child.expect("Which alliance did Tokayev call in?")
    child.expect("arrow keys or 1-")
    child.send(DOWN * choices.index("the CSTO"))
    child.send("\r")
    child.expect("✓ Right")
    child.expect("Tokayev called in the CSTO")
    child.expect("1 done · 3 left")
    child.expect("Who was the chief of the National Security Committee")
    child.expect("Your answer")
    child.send("Karim Masimow\r")
    child.expect("Right, nearly")
    child.expect("the spelling is Karim Masimov")
    child.expect("Note: He was arrested in January 2022.")
    child.expect("True or false")
    child.expect("arrow keys or 1-")
    child.sendintr()
    child.expect("Stopped early")
    child.expect(r"Score     2 / 2 \(100%\)")
    child.expect("Right     2 of 2 answered")
    child.expect("choice  1/1  100%")
    child.expect("typed   1/1  100%")
    child.expect(r"Next      in \d+ min")
    rest = finish(child)
    assert child.exitstatus == 130
    assert "Traceback" not in rest
    assert reviews(tmp_path / "kzquiz.sqlite3") == [
        ("pty/alliance/choice", "the CSTO", 1),
        ("pty/chief/recall", "Karim Masimow", 1),
    ]


def test_ctrl_d_at_a_typed_answer_ends_cleanly(tmp_path: Path, deck_file: Path) -> None:
    choices = kzquiz.load_deck(deck_file).question("pty/alliance/choice").choices
    db = tmp_path / "store.sqlite3"
    child = spawn(tmp_path, "study", str(deck_file), "--db", str(db))
    child.expect("arrow keys or 1-")
    child.send(str(choices.index("NATO") + 1) + "\r")  # a number shortcut, then Enter
    child.expect("✗ Wrong")
    child.expect("Your answer")
    child.sendeof()
    child.expect("Stopped early")
    child.expect("Right     0 of 1 answered")
    rest = finish(child)
    assert child.exitstatus == 130
    assert "Traceback" not in rest
    assert reviews(db) == [("pty/alliance/choice", "NATO", 0)]
    assert not (tmp_path / "kzquiz.sqlite3").exists()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_kill_or_a_closed_terminal_ends_like_ctrl_c(tmp_path: Path, deck_file: Path, signal_name: str) -> None:
    # Python's default for SIGTERM (kill) and SIGHUP ended kzquiz at once, in the middle of a prompt: the cursor
    # stayed hidden and line wrapping off in the learner's terminal, and no summary was shown.
    import signal

    choices = kzquiz.load_deck(deck_file).question("pty/alliance/choice").choices
    db = tmp_path / "store.sqlite3"
    child = spawn(tmp_path, "study", str(deck_file), "--db", str(db))
    child.logfile_read = log = io.StringIO()
    child.expect("arrow keys or 1-")
    child.send(str(choices.index("NATO") + 1) + "\r")
    child.expect("✗ Wrong")
    child.expect("Your answer")
    hidden = log.getvalue().rfind("\x1b[?25l")  # the prompt hides the cursor while it draws the list
    child.kill(getattr(signal, signal_name))
    child.expect("Stopped early")
    rest = finish(child)
    assert child.exitstatus == 130
    assert "Traceback" not in rest
    after = log.getvalue()[hidden:]
    assert after.rfind("\x1b[?25h") > after.rfind("\x1b[?25l")  # the cursor is shown again
    assert "\x1b[?7h" in after  # and line wrapping is back on
    assert reviews(db) == [("pty/alliance/choice", "NATO", 0)]


@pytest.mark.parametrize("no_color", [False, True])
def test_colours_follow_no_color(tmp_path: Path, deck_file: Path, no_color: bool) -> None:
    child = spawn(tmp_path, "study", str(deck_file), no_color=no_color)
    child.logfile_read = log = io.StringIO()
    child.expect("arrow keys or 1-")
    child.send("\r")
    child.expect("(Right|Wrong)")
    child.expect("Your answer")
    child.sendintr()
    finish(child)
    assert child.exitstatus == 130
    assert bool(STYLE.search(log.getvalue())) is not no_color


def test_hostile_deck_cannot_drive_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    child = spawn(tmp_path, "study", str(path), "--limit", "1")
    child.logfile_read = log = io.StringIO()
    choices = kzquiz.load_deck(path).question("hostile/clear/choice").choices
    right = next(i for i, choice in enumerate(choices) if "CSTO" in choice)
    child.expect("alliance")
    child.expect("arrow keys or 1-")
    child.send(DOWN * right + "\r")
    child.expect("✓ Right")
    rest = finish(child)
    screen = log.getvalue()
    assert "Summary" in rest
    assert child.exitstatus == 0
    for sequence in ("\x1b]0;", "\x1b]8;", "\x1b[2J", "\x1b[31mCSTO", "\x1b[?1049h", "\x1bc", "\x9b", "\x07"):
        assert sequence not in screen
    assert "evil.example" not in screen


def test_forty_columns(tmp_path: Path, deck_file: Path) -> None:
    child = spawn(tmp_path, "study", str(deck_file), columns=40, no_color=True)
    child.expect("Which alliance did Tokayev call in\\?")
    child.expect("arrow keys or 1-")
    child.send("\r")
    child.expect("(Right|Wrong)")
    child.expect("Your answer")
    shown = str(child.before)
    child.sendintr()
    finish(child)
    assert "Who was the chief of the National\r\nSecurity Committee?" in shown


def test_flashcards_reveal_then_rate(tmp_path: Path, deck_file: Path) -> None:
    child = spawn(tmp_path, "cards", str(deck_file), no_color=True)
    child.expect("Which alliance did Tokayev call in?")
    child.expect("  - NATO")
    child.expect("Press Enter to see the answer")
    child.send("\r")
    child.expect("Answer: the CSTO")
    child.expect("How well did you know it?")
    child.send("4\r")  # the number shortcut moves to Easy; Enter picks it
    child.expect("Who was the chief")
    child.expect("Press Enter to see the answer")
    child.send("\r")
    child.expect("Answer: Karim Masimov")
    child.expect("How well did you know it?")
    child.send("1\r")
    child.expect("True or false")
    child.expect("Press Enter to see the answer")  # the prompt is up: Ctrl-C now reaches it, not the set-up
    child.sendintr()
    child.expect("Stopped early")
    finish(child)
    assert child.exitstatus == 130
    with sqlite3.connect(tmp_path / "kzquiz.sqlite3") as connection:
        rows = connection.execute("SELECT question_id, rating, match FROM reviews ORDER BY id").fetchall()
    connection.close()
    assert rows == [("pty/alliance/choice", 4, "self"), ("pty/chief/recall", 1, "self")]


def test_exam_interrupted_writes_a_partial_report(tmp_path: Path, deck_file: Path) -> None:
    import json

    report = tmp_path / "result.json"
    child = spawn(tmp_path, "exam", str(deck_file), "--count", "3", "--report", str(report), no_color=True)
    child.expect("Question 1 of 3")
    child.expect("Your answer")
    child.send("\r")
    child.expect("(Right|Wrong)")
    child.expect("Question 2 of 3")
    child.expect("Your answer")
    child.sendintr()
    child.expect("Stopped early")
    child.expect("Result written to")
    finish(child)
    assert child.exitstatus == 130
    document = json.loads(report.read_text(encoding="utf-8"))
    assert (document["questions"], document["answered"], document["completed"]) == (3, 1, False)
    assert not (tmp_path / "kzquiz.sqlite3").exists()


TICKS = """
[deck]
id = "ticks"
title = "Tick all that apply"

[[facts]]
id = "csto"
kind = "set"
subject = "the member states of the CSTO"
members = ["Kazakhstan", "Armenia", "Russia"]
non_members = ["Uzbekistan", "Turkmenistan"]
forms = ["select"]
"""


def test_a_typed_word_never_picks_the_highlighted_option(tmp_path: Path, deck_file: Path) -> None:
    choices = kzquiz.load_deck(deck_file).question("pty/alliance/choice").choices
    child = spawn(tmp_path, "study", str(deck_file), no_color=True)
    child.expect("Which alliance did Tokayev call in?")
    child.expect("or type the answer")
    child.send("Mongolia\r")  # no such option: Enter picks nothing, and says so
    child.expect("Nothing picked: it names no option")
    child.send("\x15")  # Ctrl-U: the typed text is gone
    child.send("sco")  # names one option: the highlight goes to it
    child.expect("→ the SCO")
    child.send("\r")
    child.expect("✗ Wrong")
    child.expect("Who was the chief")
    child.expect("Your answer")
    child.sendintr()
    child.expect("Stopped early")
    finish(child)
    assert child.exitstatus == 130
    assert reviews(tmp_path / "kzquiz.sqlite3") == [("pty/alliance/choice", "the SCO", 0)]
    assert "NATO" in choices  # the option that was highlighted when Enter was first pressed


def test_typed_number_letter_and_arrows_in_a_terminal(tmp_path: Path, deck_file: Path) -> None:
    choices = kzquiz.load_deck(deck_file).question("pty/alliance/choice").choices
    right = choices.index("the CSTO")
    child = spawn(tmp_path, "study", str(deck_file), "--learner", "ana", "--limit", "3", no_color=True)
    child.expect("or type the answer")
    child.send("abcdefg"[right])  # its letter, as in plain mode
    child.expect("→ the CSTO")
    child.send("\r")
    child.expect("✓ Right")
    child.expect("Who was the chief")
    child.expect("Your answer")
    child.send("Karim Masimov\r")
    child.expect("True or false")
    child.expect("or type the answer")
    child.send("Mong")
    child.expect("names no option")
    child.send(DOWN)  # an arrow key drops the typed text and moves the highlight: to False
    child.expect("» 2\\) False")
    child.send("\r")
    child.expect("✗ Wrong")
    rest = finish(child)
    assert child.exitstatus == 0, rest
    assert reviews(tmp_path / "kzquiz.sqlite3") == [
        ("pty/alliance/choice", "the CSTO", 1),
        ("pty/chief/recall", "Karim Masimov", 1),
        ("pty/police/true-false", "false", 0),
    ]


@pytest.mark.parametrize("stop", ["\x03", "\x04"])
def test_ctrl_c_and_ctrl_d_with_text_typed_save_and_quit(tmp_path: Path, stop: str) -> None:
    path = tmp_path / "ticks.toml"
    path.write_text(TICKS, encoding="utf-8")
    choices = kzquiz.load_deck(path).question("ticks/csto/select").choices
    child = spawn(tmp_path, "study", str(path), no_color=True)
    child.expect("Space ticks")
    child.send("Kazakhstan\r")  # ticks what it names, and only that (questionary's "a" ticked all)
    child.expect("Ticked Kazakhstan")
    child.send("russia")
    child.expect("→ Russia")
    child.send("\r")
    child.expect("Ticked Russia")
    child.send("\r")  # nothing typed: Enter submits the ticks
    child.expect("Your answer Kazakhstan, Russia")
    child.expect("(Right|Wrong|right)")
    child.expect("Space ticks")  # the same fact again (it was not all right), or the end
    child.send("Turk")
    child.expect("→ Turkmenistan")
    child.send(stop)
    child.expect("Stopped early")
    finish(child)
    assert child.exitstatus == 130
    rows = reviews(tmp_path / "kzquiz.sqlite3")
    assert [(qid, sorted(answer.split(", "))) for qid, answer, _ in rows] == [
        ("ticks/csto/select", ["Kazakhstan", "Russia"])
    ]
    assert len(choices) == 5

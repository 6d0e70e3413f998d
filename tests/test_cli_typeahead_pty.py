"""Typing at a list of options, in a real pseudo-terminal, on prompts the kzquiz command does not build itself.

tests/promptscript.py builds each prompt (a checkbox with a disabled option and a validation, an order question
whose expectation has no matcher, a questionary whose list control is not found) and prints what it returns.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

import kzquiz
from promptscript import CHOICE

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)  # pexpect's own small terminal emulator, said to be deprecated
    from pexpect import ANSI

SCRIPT = Path(__file__).parent / "promptscript.py"
ROWS, COLUMNS = 30, 80
CPR_REQUEST = "\x1b[6n"
RESULT = re.compile(r"RESULT ([^\r\n]*)\r?\n")
DOWN, UP, SPACE, CTRL_U, BACKSPACE = "\x1b[B", "\x1b[A", " ", "\x15", "\x7f"


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pexpect's emulator appends sequences it does not know to a file "log" in the current folder: keep it out of
    the repository."""
    monkeypatch.chdir(tmp_path)


class Terminal:
    """A script run in a pseudo-terminal, with the screen it draws (prompt_toolkit redraws only what changed, so
    a message is read off the screen, not off the stream of bytes)."""

    def __init__(self, *args: str, home: Path | None = None) -> None:
        """Run ``promptscript.py ARGS`` (or with ``home``, ``python -m kzquiz ARGS`` with its store there)."""
        env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "KZQUIZ_LEARNER")}
        env.update(TERM="xterm-256color", NO_COLOR="1")
        if home is not None:
            env["KZQUIZ_HOME"] = str(home)
        command = ["-m", "kzquiz", *args] if home is not None else [str(SCRIPT), *args]
        self.child = pexpect.spawn(
            sys.executable,
            command,
            env=env,
            dimensions=(ROWS, COLUMNS),
            encoding="utf-8",  # type: ignore[arg-type]
        )
        self.screen = ANSI.ANSI(ROWS, COLUMNS)
        self.output = ""

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def _read(self, until: Callable[[], bool], wait: float) -> bool:
        end = time.monotonic() + wait
        while not until():
            if time.monotonic() > end:
                return False
            try:
                text = self.child.read_nonblocking(100_000, timeout=0.1)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return until()
            self.output += text
            for part in text.split(CPR_REQUEST):
                self.screen.write(part)
            for _ in range(text.count(CPR_REQUEST)):
                # Answered as a terminal does: prompt_toolkit shows a prompt's error line only once it knows where
                # it is on the screen.
                self.child.send(f"\x1b[{self.screen.cur_r};{self.screen.cur_c}R")
        return True

    def shows(self, text: str, wait: float = 10) -> bool:
        """Whether ``text`` is on the screen within ``wait`` seconds."""
        return self._read(lambda: text in str(self.screen), wait)

    def expect(self, text: str) -> None:
        assert self.shows(text), f"not on the screen: {text!r}\n{self.screen}"

    def expect_gone(self, text: str) -> None:
        assert self._read(lambda: text not in str(self.screen), 10), f"still on the screen: {text!r}\n{self.screen}"

    def finish(self) -> int:
        """Wait for the end; the exit status."""
        self.child.expect(pexpect.EOF, timeout=10)
        self.output += str(self.child.before)
        self.child.close()
        assert "Traceback" not in self.output
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def result(self) -> str:
        """What the prompt returned, once the script has ended."""
        found = self._read(lambda: bool(RESULT.search(self.output)), 10)
        assert found, f"no result:\n{self.output}"
        self.child.expect(pexpect.EOF, timeout=10)
        self.child.close()
        assert self.child.exitstatus == 0, self.output
        assert "Traceback" not in self.output
        match = RESULT.search(self.output)
        return match.group(1) if match else ""


def test_a_typed_tick_goes_the_way_space_does() -> None:
    term = Terminal("checkbox")
    term.expect("type to tick")
    term.send("uzbek\r")  # a disabled option: Space could never tick it, nor can typing
    term.expect("Nothing ticked: it names Uzbekistan, which cannot be ticked")
    term.send(CTRL_U + "kaz\r")
    term.expect("Ticked Kazakhstan")
    term.send("kaz\r")  # typing never unticks: Kazakhstan stays ticked
    term.send("arm\r" + "rus\r")
    term.expect("Ticked Russia")
    assert "● Kazakhstan" in str(term.screen)
    assert "- Uzbekistan" in str(term.screen)
    term.send("\r")  # three ticks: the prompt's validation refuses them
    term.expect("Tick at most two")
    term.send(SPACE)  # the highlight is on Kazakhstan: Space unticks it, and the prompt checks again
    term.expect_gone("Tick at most two")
    term.send("kaz\r")  # ticked again by typing: checked again as Space checks it, so the message is back
    term.expect("Tick at most two")
    term.send(SPACE + "\r")
    assert term.result() == "['Armenia', 'Russia']"


def test_other_keys_never_drop_a_typed_tick() -> None:
    term = Terminal("ticks")
    term.expect("type to tick")
    term.send("rus\r")
    term.expect("Ticked Russia")
    # Esc and Backspace with nothing typed, the arrows, a word typed and erased, a refused Enter: the tick stays.
    term.send("\x1b")
    term.send(BACKSPACE + DOWN + UP + "zz" + CTRL_U + "mongolia\r")
    term.expect("Nothing ticked")
    term.send(CTRL_U + "\r")
    assert term.result() == "['Russia']"


def test_the_terminal_is_heard_saying_where_the_cursor_is() -> None:
    term = Terminal("ticks")
    term.expect("type to tick")
    # prompt_toolkit asks the terminal where the cursor is, and warns after 2 s when no answer reaches it.
    assert not term.shows("cursor position requests", wait=3), term.output
    term.send("\r")
    assert term.result() == "[]"


def test_an_order_question_without_a_matcher_refuses_what_names_no_item() -> None:
    term = Terminal("order")
    term.expect("Your order")
    term.send("Mongolia\r")
    term.expect("“Mongolia” is not one of the options")
    term.send(CTRL_U + "Akmolinsk, Tselinograd, astana\r")
    assert term.result() == "2 3 1"


def test_an_order_question_without_a_matcher_takes_letters() -> None:
    term = Terminal("order")
    term.expect("Your order")
    term.send("b c a\r")
    assert term.result() == "2 3 1"


def test_a_list_control_not_found_leaves_the_arrow_keys() -> None:
    choices = kzquiz.loads_deck(CHOICE).question("pty/alliance/choice").choices
    term = Terminal("fallback")
    term.expect("Your answer (arrow keys, then Enter)")  # it does not invite typing it cannot read
    term.send("sco" + DOWN + "\r")  # typing does nothing here: the arrow keys still point
    assert term.result() == choices[1]


CARD = """
[deck]
id = "card"
title = "One card"

[[facts]]
id = "capital"
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
"""


def test_a_menu_reads_the_start_of_a_name_folded_as_a_part_is(tmp_path: Path) -> None:
    deck = tmp_path / "card.toml"
    deck.write_text(CARD, encoding="utf-8")
    term = Terminal("cards", str(deck), "--learner", "ana", home=tmp_path)
    term.expect("Press Enter to see the answer")
    term.send("\r")
    term.expect("How well did you know it?")
    # "Г" is a Cyrillic G: Latin g, the start of Good only (a part of Again and Good); "à" starts Again only.
    term.send("Г")
    term.expect("→ Good")
    term.send(BACKSPACE + "à")
    term.expect("→ Again")
    term.send(CTRL_U + "Г\r")
    term.expect("1 done")
    term.send("\x03")
    term.expect("Stopped early")
    assert term.finish() == 130
    with sqlite3.connect(tmp_path / "kzquiz.sqlite3") as connection:
        rows = connection.execute("SELECT question_id, rating FROM reviews").fetchall()
    connection.close()
    assert rows == [("card/capital/recall", 3)]


def test_the_line_under_the_list_is_under_the_list(tmp_path: Path) -> None:
    """A terminal that says where the cursor is lets prompt_toolkit use every row below it: the list must not take
    them all and push the line under it to the bottom of the screen."""
    deck = tmp_path / "pty.toml"
    deck.write_text(CHOICE, encoding="utf-8")
    term = Terminal("study", str(deck), "--learner", "ana", home=tmp_path)
    term.expect("or type the answer")
    term.send("sco")
    term.expect("→ the SCO")
    rows = str(term.screen).splitlines()
    last = max(index for index, row in enumerate(rows) if row.lstrip(" »").startswith("4)"))
    assert "sco → the SCO" in rows[last + 1], "\n".join(rows)
    term.send("\x03")
    assert term.finish() == 130

"""A deck's text is printed as text: escape sequences and control characters never reach the output unfiltered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clitools import kzquiz_cli

HOSTILE = r"""
[deck]
id = "hostile"
title = "Hostile \u001b]0;pwned\u0007 deck"

[[facts]]
id = "clear"
kind = "choice"
question = "Which \u001b[2Jalliance \u001b]0;pwned\u0007did Tokayev call in?"
answer = "the \u001b[31mCSTO"
wrong = ["NATO\u001b[2J", "the SCO\u009b2J", "the \u001b]8;;http://evil.example\u001b\\EAEU"]
quote = "quote \u001b[?1049h alt screen"
note = "note \u0007 bell \u001bc reset \u202e reversed"

[[facts]]
id = "typed"
kind = "answer"
question = "Type \u001b[8mhidden\u001b[28m text"
answer = "Masimov\u001b[2J"
forms = ["recall"]
"""

CONTROL = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def assert_clean(text: str) -> None:
    for character in CONTROL:
        assert character not in text, repr(character)


@pytest.mark.parametrize("mode", ["--plain", "--json"])
def test_study_output_is_clean(tmp_path: Path, hostile: Path, mode: str) -> None:
    answers = "1\nMasimov\x1b]0;echoed\x07 \x1b[2J\n"
    run = kzquiz_cli(tmp_path, "study", str(hostile), mode, stdin=answers)
    assert run.returncode == 0, run.stderr
    assert_clean(run.stdout)
    assert_clean(run.stderr)
    assert "alliance did Tokayev call in?" in run.stdout
    assert "evil.example" not in run.stdout


def test_json_events_carry_clean_text(tmp_path: Path, hostile: Path) -> None:
    run = kzquiz_cli(tmp_path, "study", str(hostile), "--json", stdin="1\nMasimov\x1b]0;x\x07\n")
    events = [json.loads(line) for line in run.stdout.splitlines()]
    for event in events:
        assert_clean(json.dumps(event, ensure_ascii=False))
    typed = next(e for e in events if e["event"] == "verdict" and e["id"] == "hostile/typed/recall")
    assert typed["answer"] == "Masimov"


def test_exam_report_is_clean(tmp_path: Path, hostile: Path) -> None:
    report = tmp_path / "report.json"
    run = kzquiz_cli(tmp_path, "exam", str(hostile), "--report", str(report), stdin="2\nx\x1b[2J\n")
    assert run.returncode == 0, run.stderr
    assert_clean(run.stdout)
    assert_clean(report.read_text(encoding="utf-8"))


def test_error_messages_are_clean(tmp_path: Path) -> None:
    run = kzquiz_cli(tmp_path, "study", "\x1b]0;pwned\x07.toml")
    assert run.returncode == 1
    assert_clean(run.stderr)
    assert "toml: cannot read the file" in run.stderr


def test_undecodable_answers_are_read_not_crashed_on(tmp_path: Path, hostile: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["KZQUIZ_HOME"] = str(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "kzquiz", "study", str(hostile), "--plain"],
        input=b"\xff\xfe\x1b[2J\n",
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode("utf-8")
    assert "> \ufffd\ufffd\n" in out
    assert_clean(out)

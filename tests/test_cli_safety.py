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


@pytest.mark.parametrize(
    "args", [("preview", "-o", "key.txt"), ("preview", "--markdown", "-o", "key.md"), ("export", "-o", "deck.gift")]
)
def test_files_written_for_reading_are_as_clean_as_the_screen(
    tmp_path: Path, hostile: Path, args: tuple[str, ...]
) -> None:
    # An answer key or a GIFT file is read with cat or in an editor as much as the screen is: a deck's escape
    # sequences and bidi overrides are left out of it too.
    run = kzquiz_cli(tmp_path, args[0], str(hostile), *args[1:], cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = (tmp_path / args[-1]).read_text(encoding="utf-8")
    assert_clean(written)
    assert "alliance did Tokayev call in?" in written
    assert "[2J" not in written  # a sequence is left out whole, never half


def test_a_markdown_key_on_the_screen_keeps_no_half_sequence(tmp_path: Path, hostile: Path) -> None:
    run = kzquiz_cli(tmp_path, "preview", str(hostile), "--markdown")
    assert run.returncode == 0, run.stderr
    assert_clean(run.stdout)
    assert "[2J" not in run.stdout
    assert "Which alliance did Tokayev call in?" in run.stdout


@pytest.mark.parametrize("target", ["deck.csv", "deck.tsv"])
def test_an_exported_table_is_clean_cell_by_cell_and_imports_back(tmp_path: Path, hostile: Path, target: str) -> None:
    run = kzquiz_cli(tmp_path, "export", str(hostile), "-o", target, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    written = (tmp_path / target).read_text(encoding="utf-8")
    assert_clean(written)
    assert "alliance did Tokayev call in?" in written
    run = kzquiz_cli(tmp_path, "import", target, "-o", "back.toml", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert 'answer = "Masimov"' in (tmp_path / "back.toml").read_text(encoding="utf-8")


def test_an_imported_deck_writes_controls_and_bidi_overrides_as_escapes(tmp_path: Path) -> None:
    # Raw in the deck file, a C1 control or a bidi override would reorder or hide what cat or an editor shows of it.
    (tmp_path / "bank.csv").write_text("prompt,answer\nWho\u202e? \x9b31m,Masimov\u2066x\n", encoding="utf-8")
    run = kzquiz_cli(tmp_path, "import", "bank.csv", "-o", "deck.toml", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    deck = (tmp_path / "deck.toml").read_text(encoding="utf-8")
    assert_clean(deck)
    for escaped in ("\\u202e", "\\u009b", "\\u2066"):
        assert escaped in deck

"""The audit's two halves: each is part of the report, joined in one order, and ``kzquiz audit`` runs them side by
side in two processes with the same report as one process gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.auditing import AuditPart, AuditRule, audit_part, merged
from kzquiz.cli import main, sidebyside

DATA = Path(__file__).parent / "data" / "audit"
TODAY = dt.date(2026, 12, 1)
SOURCE = "The statue in Taldykorgan was moved in 2019. It was big."
DECK = """
[deck]
id = "t"
title = "T"

[deck.source]
date = "2020-01-01"

[[facts]]
id = "statue"
kind = "answer"
question = "Which city near Almaty had the statue?"
answer = "Taldykorgan"
distractors = ["Almaty", "Shymkent", "Taraz"]
quote = "The statue stood in the north of the land."

[[facts]]
id = "moved"
kind = "statement"
statement = "The statue in Taldykorgan was moved in 2019."
answer = true
quote = "The statue in Taldykorgan was moved in 2019."
"""


def test_a_facts_findings_come_in_the_order_of_the_rules_whichever_half_found_them() -> None:
    deck = kzquiz.loads_deck(DECK, "t.toml")
    report = kzquiz.audit(deck, SOURCE, today=TODAY)
    assert [(f.fact, f.rule) for f in report.findings] == [
        ("statue", AuditRule.QUOTE),  # the source's half
        ("statue", AuditRule.LEAK),  # the questions' half
        ("statue", AuditRule.TIME),
        ("statue", AuditRule.TIME),
        ("statue", AuditRule.RULED_OUT),  # the source's half
        ("statue", AuditRule.UNBACKED),  # the questions' half
    ]


@pytest.mark.parametrize("parts", [list(AuditPart), list(reversed(AuditPart))])
def test_the_halves_joined_are_the_audit(parts: list[AuditPart]) -> None:
    for deck, source in [
        (kzquiz.loads_deck(DECK, "t.toml"), SOURCE),
        (kzquiz.load_deck(DATA / "broken.toml"), (DATA / "source.txt").read_text(encoding="utf-8")),
    ]:
        halves = [audit_part(deck, source, part, today=TODAY) for part in parts]
        assert [half.coverage is not None for half in halves] == [part is AuditPart.SOURCE for part in parts]
        assert merged(deck, halves) == kzquiz.audit(deck, source, today=TODAY)


def test_a_half_refuses_what_the_audit_refuses() -> None:
    deck = kzquiz.loads_deck(DECK, "t.toml")
    with pytest.raises(TypeError, match="source_text must be"):
        audit_part(deck, b"bytes", AuditPart.SOURCE)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="deck must be"):
        audit_part("deck.toml", SOURCE, AuditPart.QUESTIONS)  # type: ignore[arg-type]


def test_the_command_in_two_processes_reports_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "t.toml"
    deck.write_text(DECK, encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    argv = ["audit", str(deck), "--source", str(source), "--json", "--show-uncovered"]
    monkeypatch.setattr(sidebyside, "can_fork", lambda: False)
    assert main(argv) == 1
    alone = json.loads(capsys.readouterr().out)
    # A new process, as a teacher starts it: on two processors it forks.
    run = kzquiz_cli(None, *argv)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    assert json.loads(run.stdout) == alone
    assert {p["rule"] for p in alone["problems"]} == {"quote", "leak", "time", "ruled-out", "unbacked"}

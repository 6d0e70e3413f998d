"""A teacher's deck the grading tests never saw, graded against a table of fair-teacher verdicts.

The deck (tests/data/teacher/central-asia.toml) was written from docs/deck-format.md alone, and the table
(fair-teacher.csv) says, for each answer, what a fair teacher would decide: right, wrong or partly right. The
grader must agree on at least 97% of the rows; the disagreements are printed, so that they can be read.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

import kzquiz

DATA = Path(__file__).parent / "data" / "teacher"
AGREEMENT = 0.97


def _verdict(question: kzquiz.Question, answer: str) -> str:
    verdict = question.check(answer)
    if verdict.correct:
        return "right"
    return "partial" if verdict.score > 0 else "wrong"


def test_the_grader_agrees_with_a_fair_teacher(capsys: pytest.CaptureFixture[str]) -> None:
    deck = kzquiz.load_deck(DATA / "central-asia.toml")
    with (DATA / "fair-teacher.csv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    rules = {row["rule"] for row in rows}
    assert len(rows) >= 200
    assert len(rules) >= 40
    disagreements = []
    for row in rows:
        question = deck.question(f"{deck.id}/{row['question']}")
        got = _verdict(question, row["answer"])
        if got != row["verdict"]:
            disagreements.append(f"{row['question']}: {row['answer']!r}: teacher {row['verdict']}, kzquiz {got}")
    agreement = 1 - len(disagreements) / len(rows)
    with capsys.disabled():  # the figure is the point of this test: show it even when it passes
        sys.stdout.write(f"\nfair-teacher agreement: {agreement:.1%} of {len(rows)} cases ({len(rules)} rules)\n")
        sys.stdout.writelines(f"  disagree: {line}\n" for line in disagreements)
    assert agreement >= AGREEMENT, disagreements
    # Both directions are covered: right answers and wrong ones, for the new rules.
    verdicts = {row["verdict"] for row in rows}
    assert verdicts == {"right", "wrong", "partial"}

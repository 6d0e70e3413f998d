"""``kzquiz exam``: the same test for the same seed, a score out of N, and result files a teacher can open."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.cli.exam import (
    ExamAnswer,
    ExamResult,
    check_report_path,
    parse_answer_types,
    pick_questions,
    report_csv,
    report_json,
)
from kzquiz.questions import AnswerType

DATA = Path(__file__).parent / "data"
DECK = DATA / "all-kinds.toml"
START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DECK)


def test_same_seed_same_exam_other_seed_other_exam(deck: kzquiz.Deck) -> None:
    first = pick_questions(deck, 5, seed=7)
    assert [q.id for q in first] == [q.id for q in pick_questions(deck, 5, seed=7)]
    assert [q.id for q in first] != [q.id for q in pick_questions(deck, 5, seed=8)]


def test_one_question_per_fact_while_facts_last(deck: kzquiz.Deck) -> None:
    questions = pick_questions(deck, len(deck.facts), seed=1)
    assert len({q.fact_id for q in questions}) == len(deck.facts)
    more = pick_questions(deck, len(deck.facts) + 3, seed=1)
    assert len(more) == len(deck.facts) + 3
    assert len({q.id for q in more}) == len(more)


def test_answer_types_filter(deck: kzquiz.Deck) -> None:
    kinds = parse_answer_types(["choice,true-false"])
    assert kinds == {AnswerType.CHOICE, AnswerType.TRUE_FALSE}
    questions = pick_questions(deck, 50, kinds, seed=0)
    assert {q.answer_type for q in questions} == kinds
    assert len(questions) == sum(1 for q in deck.questions if q.answer_type in kinds)


def test_bad_exam_settings_are_refused(deck: kzquiz.Deck, tmp_path: Path) -> None:
    with pytest.raises(kzquiz.KzquizError, match="unknown answer type 'essay' for --types"):
        parse_answer_types(["essay"])
    for empty in ([""], [","], [" , ", ""]):  # named no type at all: not "no questions of answer type any answer type"
        with pytest.raises(kzquiz.KzquizError, match=r"^--types names no answer type \(choose from typed, "):
            parse_answer_types(empty)
    with pytest.raises(kzquiz.KzquizError, match="at least 1"):
        pick_questions(deck, 0)
    with pytest.raises(kzquiz.KzquizError, match=r"\.json or \.csv"):
        check_report_path(str(tmp_path / "out.txt"))
    with pytest.raises(kzquiz.KzquizError, match="does not exist"):
        check_report_path(str(tmp_path / "missing" / "out.json"))


def result(deck: kzquiz.Deck, answers: list[str]) -> ExamResult:
    questions = (
        deck.question("example/president/recall"),
        deck.question("example/police/true-false"),
        deck.question("example/nsc-chief/recall"),
    )
    pairs = zip(questions, answers, strict=False)
    given = tuple(ExamAnswer(n, q, q.check(text), 2.5) for n, (q, text) in enumerate(pairs, start=1))
    return ExamResult(deck, "ana", 3, questions, given, START, START + dt.timedelta(seconds=40), False)


def test_json_report(deck: kzquiz.Deck) -> None:
    document = json.loads(report_json(result(deck, ["Tokayev", "true"])))
    assert document["learner"] == "ana"
    assert document["deck"]["id"] == "example"
    assert (document["questions"], document["answered"], document["correct"]) == (3, 2, 1)
    assert document["score"] == 1
    assert document["completed"] is False
    assert [a["match"] for a in document["answers"]] == ["wrong", "exact", "unanswered"]
    assert document["answers"][0]["expected"] == "Kassym-Jomart Tokayev"


def test_csv_report_cannot_smuggle_a_formula_into_a_spreadsheet(deck: kzquiz.Deck) -> None:
    rows = list(csv.DictReader(io.StringIO(report_csv(result(deck, ['=HYPERLINK("http://x")', "-x", "@me"])))))
    assert [row["answer"] for row in rows] == ['\'=HYPERLINK("http://x")', "'-x", "'@me"]
    assert rows[0]["question_id"] == "example/president/recall"
    assert rows[2]["correct"] == "False"


def test_plain_exam_end_to_end_with_a_json_report(tmp_path: Path, deck: kzquiz.Deck) -> None:
    report = tmp_path / "results.json"
    questions = pick_questions(deck, 3, seed=5)
    answers = [q.expected if q.answer_type not in (AnswerType.ORDER,) else "1 2 3 4 5" for q in questions]
    answers[0] = "no idea"
    args = ("exam", str(DECK), "--count", "3", "--seed", "5", "--report", str(report))
    run = kzquiz_cli(None, *args, stdin="\n".join(answers))
    assert run.returncode == 0, run.stderr
    for number in (1, 2, 3):
        assert f"Question {number} of 3" in run.stdout
    assert "── Summary ──" in run.stdout
    assert f"Result written to {report}" in " ".join(run.stdout.split())
    document = json.loads(report.read_text(encoding="utf-8"))
    assert [a["question_id"] for a in document["answers"]] == [q.id for q in questions]
    assert document["answers"][0]["answer"] == "no idea"
    assert document["answers"][0]["correct"] is False
    assert document["completed"] is True
    assert not (tmp_path / "kzquiz.sqlite3").exists()


def test_exam_ended_early_by_end_of_input_keeps_what_was_answered(tmp_path: Path) -> None:
    report = tmp_path / "results.csv"
    run = kzquiz_cli(None, "exam", str(DECK), "--count", "4", "--report", str(report), stdin="1\n")
    assert run.returncode == 0, run.stderr
    assert "── Stopped early ──" in run.stdout
    assert "/ 4 (" in run.stdout
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [row["match"] == "unanswered" for row in rows] == [False, True, True, True]


def test_bad_report_path_is_refused_before_the_exam(tmp_path: Path) -> None:
    run = kzquiz_cli(None, "exam", str(DECK), "--report", str(tmp_path / "out.xlsx"), stdin="x\n")
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith("kzquiz: --report")
    assert "Traceback" not in run.stderr

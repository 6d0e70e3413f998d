"""``kzquiz report`` counts partly right answers (Moodle's partial credit, part of a list) apart from right and
wrong ones, in the text tables, ``--json`` and ``-o FILE.csv``, from a real SQLite store graded by a real session
and from exam result files; a partly right answer is never listed among the commonest wrong answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

import kzquiz
from kzquiz.cli import main
from kzquiz.cli.exam import ExamAnswer, ExamResult, report_csv, report_json
from kzquiz.reporting import Attempt, by_fact, by_learner, class_tallies, counts_of, render_report
from kzquiz.stores import open_store

NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)

DECK = Path(__file__).parent / "data" / "report" / "moodle-partial.toml"


@pytest.fixture
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DECK)


def study(store_path: Path, deck: kzquiz.Deck, answers: dict[str, list[tuple[str, str]]]) -> None:
    """Each learner answers (fact id, text) in turn, graded and saved by a real session."""
    with open_store(store_path) as store:
        for learner, given in answers.items():
            session = kzquiz.Session(deck, store, learner, new_limit=None)
            for minutes, (fact_id, text) in enumerate(given):
                question = deck.questions_for(fact_id)[0]
                session.answer(question, text, now=NOON + dt.timedelta(minutes=minutes))


@pytest.fixture
def store_path(tmp_path: Path, deck: kzquiz.Deck) -> Path:
    path = tmp_path / "class.sqlite3"
    study(
        path,
        deck,
        {
            "aigerim": [("hometown", "Galilee"), ("hometown", "Nazareth"), ("ocean", "Atlantic")],
            "bolat": [("hometown", "Galilee"), ("hometown", "Jerusalem"), ("ocean", "Pacific")],
            "dana": [("hometown", "Galiliee")],  # a typo of the partial answer earns its credit
        },
    )
    return path


def test_the_text_report_has_a_partly_column_and_no_partial_answer_among_the_wrong_ones(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["learner", "asked", "right", "partly", "wrong", "accuracy", "weakest", "facts"]
    rows = {line.split()[0]: line.split() for line in lines[4:7]}
    assert rows["aigerim"][:6] == ["aigerim", "3", "1", "1", "1", "33%"]
    assert rows["bolat"][:6] == ["bolat", "3", "1", "1", "1", "33%"]
    assert rows["dana"][:6] == ["dana", "1", "0", "1", "0", "0%"]
    facts = lines[lines.index("Per fact, hardest first (2)") + 2 :]
    assert facts[0].split()[:7] == ["fact", "learners", "asked", "right", "partly", "wrong", "accuracy"]
    hometown = next(line for line in facts if line.startswith("moodle/hometown"))
    assert hometown.split() == ["moodle/hometown", "3", "5", "1", "3", "1", "20%", "Jerusalem", "(1)"]
    assert "Galil" not in "\n".join(lines)


def test_json_and_csv_count_partly_right_answers_apart(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_csv = tmp_path / "report.csv"
    assert main(["report", str(store_path), "--json", "-o", str(out_csv)]) == 0
    document = json.loads(capsys.readouterr().out)  # nothing but the JSON document on standard output
    aigerim = next(row for row in document["learners"] if row["learner"] == "aigerim")
    assert {k: aigerim[k] for k in ("asked", "right", "partly_right", "wrong")} == {
        "asked": 3,
        "right": 1,
        "partly_right": 1,
        "wrong": 1,
    }
    assert aigerim["accuracy"] == pytest.approx(1 / 3)
    assert [(w["deck"], w["fact"], w["partly_right"]) for w in aigerim["weakest_facts"]] == [
        ("moodle", "ocean", 0),
        ("moodle", "hometown", 1),
    ]
    hometown = next(row for row in document["facts"] if row["fact"] == "hometown")
    assert (hometown["learners"], hometown["asked"], hometown["right"]) == (3, 5, 1)
    assert (hometown["partly_right"], hometown["wrong"]) == (3, 1)
    assert hometown["wrong_answers"] == [{"answer": "Jerusalem", "count": 1}]
    assert document["appeals"] == []
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert list(rows[0]) == [
        "learner",
        "deck",
        "fact",
        "asked",
        "right",
        "partly_right",
        "wrong",
        "accuracy",
        "wrong_answers",
    ]
    table = {(r["learner"], r["fact"]): (r["asked"], r["right"], r["partly_right"], r["wrong"]) for r in rows}
    assert table[("bolat", "hometown")] == ("2", "0", "1", "1")
    assert table[("dana", "hometown")] == ("1", "0", "1", "0")
    assert all("Galil" not in r["wrong_answers"] for r in rows)


def test_the_store_counts_and_the_log_give_the_same_report(store_path: Path) -> None:
    with open_store(store_path, read_only=True) as store:
        counted = class_tallies(store.fact_counts(), store.wrong_answers())
        log = [Attempt.of(name, r) for name in store.learners() for r in store.reviews(name)]
    assert class_tallies(*counts_of(log)) == counted
    assert sum(a.partial for a in log) == 3


def exam_result(deck: kzquiz.Deck, learner: str, answers: dict[str, str]) -> ExamResult:
    questions = tuple(deck.questions_for(fact_id)[0] for fact_id in answers)
    given = tuple(
        ExamAnswer(n, q, q.check(answers[q.fact_id]), 5.0) for n, q in enumerate(questions, 1) if answers[q.fact_id]
    )
    return ExamResult(deck, learner, 0, questions, given, NOON, NOON + dt.timedelta(minutes=5), True)


def test_exam_result_files_count_a_partial_score_as_partly_right(
    deck: kzquiz.Deck, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dana.json").write_text(
        report_json(exam_result(deck, "dana", {"hometown": "Galilee", "ocean": "Indian"})), encoding="utf-8"
    )
    (tmp_path / "erlan.csv").write_text(
        report_csv(exam_result(deck, "erlan", {"hometown": "galilee", "ocean": ""})), encoding="utf-8"
    )
    assert main(["report", str(tmp_path / "dana.json"), str(tmp_path / "erlan.csv"), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    counts = {row["learner"]: (row["right"], row["partly_right"], row["wrong"]) for row in document["learners"]}
    assert counts == {"dana": (0, 1, 1), "erlan": (0, 1, 1)}  # erlan left the ocean unanswered: wrong
    facts = {row["fact"]: row["wrong_answers"] for row in document["facts"]}
    assert facts == {"hometown": [], "ocean": [{"answer": "Indian", "count": 1}]}


def test_tallies_of_attempts_sort_partly_right_facts_after_wrong_ones() -> None:
    attempts = [
        Attempt("a", "d", "half", "d/half/recall", False, "close", partial=True),
        Attempt("a", "d", "none", "d/none/recall", False, "far"),
        Attempt("b", "d", "half", "d/half/recall", True, "right"),
        Attempt("b", "d", "none", "d/none/recall", True, "right"),
    ]
    assert list(by_fact(attempts)) == [("d", "none"), ("d", "half")]  # same accuracy; one has a partial answer
    half = by_fact(attempts)["d", "half"]
    assert (half.asked, half.right, half.partial, half.wrong, half.wrong_answers) == (2, 1, 1, 0, ())
    assert by_learner(attempts)["a"].partial == 1
    assert "far (1)" in render_report(attempts)
    assert "close" not in render_report(attempts)

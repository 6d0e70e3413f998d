"""``kzquiz report`` over a real SQLite progress store and real exam result files (JSON and CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import kzquiz
from kzquiz.cli import main
from kzquiz.cli.exam import ExamAnswer, ExamResult, report_csv, report_json
from kzquiz.reporting import Attempt, by_fact, by_learner, render_report
from kzquiz.scheduling import Memory, Rating
from kzquiz.stores import open_store
from kzquiz.stores.base import ReviewRecord

ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def review(learner: str, question_id: str, answer: str, correct: bool, minutes: int) -> ReviewRecord:
    deck_id, fact_id, form = question_id.split("/")[:3]
    rating = Rating.GOOD if correct else Rating.AGAIN
    when = NOON + dt.timedelta(minutes=minutes)
    return ReviewRecord(
        learner, deck_id, fact_id, question_id, form, answer, correct, float(correct), "exact", rating, 3.0, when
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "class.sqlite3"
    with open_store(path) as store:
        for minutes, (learner, qid, answer, correct) in enumerate(
            [
                ("aigerim", "example/nsc-chief/recall", "Karim Masimov", True),
                ("aigerim", "example/president/recall", "Nazarbayev", False),
                ("aigerim", "example/president/recall", "Tokayev", True),
                ("bolat", "example/president/recall", "Nazarbayev", False),
                ("bolat", "example/nsc-chief/recall", "Masimov", True),
                ("bolat", "example/police/true-false", "false", False),
            ]
        ):
            record = review(learner, qid, answer, correct, minutes)
            store.save_review(record, Memory(fact_id=record.fact_id, deck_id=record.deck_id))
    return path


def exam_result(learner: str, answers: dict[str, str]) -> ExamResult:
    deck = kzquiz.load_deck(ALL_KINDS)
    questions = tuple(deck.question(qid) for qid in answers)
    given = tuple(ExamAnswer(n, q, q.check(answers[q.id]), 5.0) for n, q in enumerate(questions, 1) if answers[q.id])
    return ExamResult(deck, learner, 0, questions, given, NOON, NOON + dt.timedelta(minutes=5), True)


def test_the_report_reads_a_store_and_counts_per_learner_and_per_fact(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(store_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Per learner (2)"
    assert lines[2].split() == ["learner", "asked", "right", "partly", "wrong", "accuracy", "weakest", "facts"]
    assert lines[4].split() == ["aigerim", "3", "2", "0", "1", "67%", "president", "(1/2)"]
    assert lines[5].split() == ["bolat", "3", "1", "0", "2", "33%", "police", "(0/1),", "president", "(0/1)"]
    facts = lines[lines.index("Per fact, hardest first (3)") + 4 :]
    assert facts[0].split() == ["example/police", "1", "1", "0", "0", "1", "0%", "false", "(1)"]
    assert facts[1].split() == ["example/president", "2", "3", "1", "0", "2", "33%", "Nazarbayev", "(2)"]
    assert facts[2].split() == ["example/nsc-chief", "2", "2", "2", "0", "0", "100%", "-"]


def test_exam_result_files_in_json_and_csv_count_unanswered_questions_as_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = exam_result("dana", {"example/nsc-chief/recall": "Masimov", "example/payment/entry": "300"})
    second = exam_result("erlan", {"example/nsc-chief/recall": "=Tokayev", "example/payment/entry": ""})
    (tmp_path / "dana.json").write_text(report_json(first), encoding="utf-8")
    (tmp_path / "erlan.csv").write_text(report_csv(second), encoding="utf-8")
    out_csv = tmp_path / "report.csv"
    code = main(["report", str(tmp_path / "dana.json"), str(tmp_path / "erlan.csv"), "-o", str(out_csv)])
    assert code == 0
    assert "Wrote" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    table = {(r["learner"], r["fact"]): (r["asked"], r["right"], r["wrong_answers"]) for r in rows}
    assert table == {
        ("dana", "nsc-chief"): ("1", "1", ""),
        ("dana", "payment"): ("1", "0", "300 (1)"),
        ("erlan", "nsc-chief"): ("1", "0", "'=Tokayev (1)"),  # read back as typed, quoted again for spreadsheets
        ("erlan", "payment"): ("1", "0", ""),
    }


def test_the_deck_option_keeps_one_deck(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(store_path), "--deck", "other"]) == 1
    assert "no answers found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.json", b'{"deck": {"id": "x"}, "answers": [', "r.json:1:"),
        ("r.json", b'{"learner": "x"}', "r.json: not an exam result file"),
        ("r.csv", b"a,b\n1,2\n", "r.csv: not an exam result file"),
        ("r.txt", b"hello", "r.txt: not a kzquiz store (SQLite) or an exam result file"),
    ],
)
def test_files_that_are_not_results_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    assert main(["report", str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kzquiz: {tmp_path / message}")


def test_tallies_sort_the_hardest_facts_first() -> None:
    attempts = [
        Attempt("a", "d", "easy", "d/easy/recall", True),
        Attempt("a", "d", "hard", "d/hard/recall", False, "x"),
        Attempt("b", "d", "hard", "d/hard/recall", False, "x"),
        Attempt("b", "d", "easy", "d/easy/recall", False, "y"),
    ]
    assert list(by_fact(attempts)) == [("d", "hard"), ("d", "easy")]
    assert by_fact(attempts)["d", "hard"].wrong_answers == (("x", 2),)
    assert by_learner(attempts)["a"].accuracy == 0.5
    assert "d/hard" in render_report(attempts)


def test_a_deck_file_among_the_sources_names_the_options_picked_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    question = deck.question("example/alliance/choice")
    wrong_number = next(i for i, c in enumerate(question.choices, 1) if c == "NATO")
    path = tmp_path / "s.sqlite3"
    with open_store(path) as store:
        record = review("aigerim", "example/alliance/choice", str(wrong_number), False, 0)
        store.save_review(record, Memory(fact_id="alliance", deck_id="example"))
    assert main(["report", str(path)]) == 0
    row = "example/alliance         1      1      0       0      1        0%"
    assert f"{row}  {wrong_number} (1)" in capsys.readouterr().out
    assert main(["report", str(path), str(ALL_KINDS)]) == 0
    assert f"{row}  NATO (1)" in capsys.readouterr().out


@pytest.mark.parametrize("content", [bytes(range(256)) * 64, b"SQLite format 2\x00" + b"\xff" * 4000, b"notes\n"])
def test_a_store_whose_header_is_gone_is_not_called_a_text_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    # A store damaged in its first bytes (or any other file) was read as a result file and called "not UTF-8 text
    # (save the file as UTF-8)", advice that fits no store. Only .json and .csv files are read as results.
    store = tmp_path / "class.sqlite3"
    store.write_bytes(content)
    assert main(["report", str(store)]) == 1
    err = capsys.readouterr().err
    assert err == f"kzquiz: {store}: not a kzquiz store (SQLite) or an exam result file (.json or .csv)\n"
    assert store.read_bytes() == content

"""``kzquiz study``, ``cards``, ``stats``, ``learners`` and ``decks`` in plain and JSON mode, against real SQLite files.

Answers are piped in, as a script or a class's test harness would; the store is then read back with sqlite3.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli

DECK = """
[deck]
id = "study"
title = "Study test"

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


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "study.toml"
    path.write_text(DECK, encoding="utf-8")
    return path


def reviews(db: Path) -> list[tuple[str, str, str, int, int]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT l.name, r.question_id, r.answer, r.correct, r.rating"
            " FROM reviews r JOIN learners l ON l.id = r.learner_id ORDER BY r.id"
        ).fetchall()
    connection.close()
    return rows


def test_plain_study_reads_one_answer_per_line_and_saves_each(tmp_path: Path, deck_file: Path) -> None:
    right = kzquiz.load_deck(deck_file).question("study/alliance/choice").choices.index("the CSTO") + 1
    run = kzquiz_cli(tmp_path, "study", str(deck_file), stdin=f"{right}\nKarim Masimow\n")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("\n0 done · 3 left\nWhich alliance did Tokayev call in?\n")
    assert f"{right}) the CSTO" in out
    assert "✓ Right\n  “Tokayev called in the CSTO”" in out
    assert "1 done · 3 left\nWho was the chief of the National Security Committee?\n> Karim Masimow\n" in out
    assert "✓ Right, nearly\n  Almost: you wrote Karim Masimow, the spelling is Karim Masimov." in out
    assert "  Note: He was arrested in January 2022." in out
    assert "2 done · 3 left\nTrue or false? The police withdrew from Almaty on 5 January." in out
    assert out.endswith("Next      in 1 min\n") or "Next      in" in out
    assert "Score     2 / 2 (100%)" in out
    assert "\x1b" not in out  # piped output is never coloured
    assert reviews(tmp_path / "kzquiz.sqlite3") == [
        ("default", "study/alliance/choice", str(right), 1, 3),
        ("default", "study/chief/recall", "Karim Masimow", 1, 2),
    ]


def test_plain_study_to_the_end(tmp_path: Path, deck_file: Path) -> None:
    deck = kzquiz.load_deck(deck_file)
    right = deck.question("study/alliance/choice").choices.index("the CSTO") + 1
    first = kzquiz_cli(tmp_path, "study", str(deck_file), "--learner", "ana", stdin=f"{right}\nMasimov\ntrue\n")
    assert first.returncode == 0, first.stderr
    assert "Right     2 of 3 answered" in first.stdout  # "Masimov" alone is not accepted for this fact
    assert "── Summary ──" in first.stdout
    assert [row[0] for row in reviews(tmp_path / "kzquiz.sqlite3")] == ["ana"] * 3


def test_limit_and_new(tmp_path: Path, deck_file: Path) -> None:
    run = kzquiz_cli(tmp_path, "study", str(deck_file), "--limit", "1", stdin="1\n2\n3\n")
    assert run.returncode == 0
    assert "0 done · 1 left" in run.stdout
    assert len(reviews(tmp_path / "kzquiz.sqlite3")) == 1
    run = kzquiz_cli(tmp_path, "study", str(deck_file), "--db", str(tmp_path / "other.db"), "--new", "0", stdin="1\n")
    assert "Nothing is due right now" in run.stdout
    assert reviews(tmp_path / "other.db") == []


def test_json_mode_writes_one_event_per_line(tmp_path: Path, deck_file: Path) -> None:
    run = kzquiz_cli(tmp_path, "study", str(deck_file), "--json", stdin="the CSTO\nKarim Masimov\n")
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert [e["event"] for e in events] == ["question", "verdict", "question", "verdict", "question", "summary"]
    assert events[0]["answer_type"] == "choice"
    assert "the CSTO" in events[0]["choices"]
    assert events[1] == {
        "event": "verdict",
        "id": "study/alliance/choice",
        "correct": True,
        "score": 1.0,
        "match": "exact",
        "answer": "the CSTO",
        "expected": "the CSTO",
        "feedback": "Right.",
        "diff": "",
        "quote": "Tokayev called in the CSTO",
        "note": "",
        "appealable": False,
    }
    assert events[-1]["answered"] == 2
    assert events[-1]["interrupted"] is False
    assert len(reviews(tmp_path / "kzquiz.sqlite3")) == 2


def test_plain_cards_reveal_and_rate(tmp_path: Path, deck_file: Path) -> None:
    run = kzquiz_cli(tmp_path, "cards", str(deck_file), stdin="\nagain\n\n4\n\n")
    assert run.returncode == 0, run.stderr
    assert "  Answer: the CSTO" in run.stdout
    assert "How well did you know it? 1) Again  2) Hard  3) Good  4) Easy" in run.stdout
    assert "  - NATO" in run.stdout
    rows = reviews(tmp_path / "kzquiz.sqlite3")
    assert [(row[1], row[4]) for row in rows] == [("study/alliance/choice", 1), ("study/chief/recall", 4)]


def test_stats_and_learners(tmp_path: Path, deck_file: Path) -> None:
    kzquiz_cli(tmp_path, "study", str(deck_file), "--learner", "ana", stdin="the CSTO\nwrong\n")
    kzquiz_cli(tmp_path, "study", str(deck_file), "--learner", "ben", stdin="NATO\n")
    stats = kzquiz_cli(tmp_path, "stats", "--learner", "ana", "--json")
    assert stats.returncode == 0, stats.stderr
    document = json.loads(stats.stdout)
    assert document["reviews"] == 2
    assert document["retention"] == 0.5
    assert document["streak"] == 1
    assert sum(document["forecast"]) == 2
    assert len(document["forecast"]) == 14
    text = kzquiz_cli(tmp_path, "stats", "--learner", "ana")
    assert "Reviews    2\nRetention  50%\nStreak     1 day\n" in text.stdout
    assert "Due in the next days" in text.stdout
    learners = kzquiz_cli(tmp_path, "learners")
    assert learners.stdout == "ana\nben\n"
    assert json.loads(kzquiz_cli(tmp_path, "learners", "--json").stdout) == ["ana", "ben"]


def test_decks_lists_the_bundled_deck(tmp_path: Path) -> None:
    run = kzquiz_cli(tmp_path, "decks", "--json")
    rows = json.loads(run.stdout)
    assert rows[0]["name"] == kzquiz.DEFAULT_DECK
    assert rows[0]["facts"] > 0
    assert rows[0]["questions"] >= rows[0]["facts"]


def test_no_arguments_and_options_alone_study_the_bundled_deck(tmp_path: Path) -> None:
    run = kzquiz_cli(tmp_path, stdin="")
    assert run.returncode == 0, run.stderr
    assert "0 done · 20 left" in run.stdout
    run = kzquiz_cli(tmp_path, "--plain", "--limit", "1", stdin="1\n")
    assert run.returncode == 0, run.stderr
    assert [row[1].split("/")[0] for row in reviews(tmp_path / "kzquiz.sqlite3")] == [kzquiz.DEFAULT_DECK]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["study", "no-such-deck"], "no deck file or bundled deck named 'no-such-deck'"),
        (["study", "missing.toml"], "missing.toml: cannot read the file"),
        (["exam", "no-such-deck"], "no deck file or bundled deck named"),
        (["exam", "kazakhstan-2022", "--types", "essay"], "unknown answer type 'essay'"),
        (["exam", "kazakhstan-2022", "--kinds", "essay"], "unknown answer type 'essay'"),
        (["cards", "no-such-deck"], "no deck file or bundled deck named"),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    run = kzquiz_cli(tmp_path, *args, stdin="x\n")
    assert run.returncode == 1
    assert run.stderr.startswith("kzquiz: ")
    assert message in run.stderr
    assert len(run.stderr.splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_broken_deck_lists_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[deck]\nid = "b"\ntitle = "B"\n\n[[facts]]\nid = "x"\nkind = "answer"\n', encoding="utf-8")
    run = kzquiz_cli(tmp_path, "study", str(broken), stdin="")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert all(line.startswith(f"kzquiz: {broken}") for line in run.stderr.splitlines())


@pytest.mark.parametrize("content", [b"not a database at all\n" * 10, b"SQLite format 3\x00" + b"\x00" * 200])
@pytest.mark.parametrize("command", ["study", "stats", "learners"])
def test_bad_store_file_is_refused_and_left_alone(tmp_path: Path, content: bytes, command: str) -> None:
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(content)
    run = kzquiz_cli(tmp_path, command, "--db", str(db), stdin="1\n")
    assert run.returncode == 1
    assert run.stderr.startswith("kzquiz: ")
    assert str(db) in run.stderr
    assert len(run.stderr.splitlines()) == 1
    assert db.read_bytes() == content


def test_exam_record_saves_to_the_store(tmp_path: Path, deck_file: Path) -> None:
    plain = kzquiz_cli(tmp_path, "exam", str(deck_file), "--count", "2", stdin="a\nb\n")
    assert plain.returncode == 0
    assert not (tmp_path / "kzquiz.sqlite3").exists()
    args = ("exam", str(deck_file), "--count", "2", "--record", "--learner", "cy")
    recorded = kzquiz_cli(tmp_path, *args, stdin="a\nb\n")
    assert recorded.returncode == 0, recorded.stderr
    rows = reviews(tmp_path / "kzquiz.sqlite3")
    assert [(row[0], row[2]) for row in rows] == [("cy", "a"), ("cy", "b")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["study", "--learner", " "], "a learner needs a name"),
        (["study", "--learner", "a\x1b[2Jb"], "control characters"),
        (["study", "--limit", "0"], "must be 1 or more"),
        (["exam", "kazakhstan-2022", "--count", "x"], "not a whole number"),
        (["stats", "--frobnicate"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_with_status_2(tmp_path: Path, args: list[str], message: str) -> None:
    run = kzquiz_cli(tmp_path, *args)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert "\x1b" not in run.stderr


def test_store_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    run = kzquiz_cli(blocker / "home", "learners")
    assert run.returncode == 1
    assert run.stderr.startswith("kzquiz: ")
    assert len(run.stderr.splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_json_cards_explain_a_refused_rating_on_standard_error(tmp_path: Path, deck_file: Path) -> None:
    run = kzquiz_cli(tmp_path, "cards", str(deck_file), "--json", stdin="\nsoso\n4\n")
    assert run.returncode == 0
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert [e["event"] for e in events] == ["question", "reveal", "rated", "question", "summary"]
    assert events[2]["rating"] == "easy"
    assert "please answer with a number from 1 to 4" in run.stderr

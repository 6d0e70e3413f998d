"""A damaged, foreign, read-only or half-made store file: a one-line error naming what and where, never a write."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from fstools import ROOT, in_read_only_folder, on_full_disk, with_read_only_file
from kzquiz.errors import StoreFix
from kzquiz.progress import stats
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores import open_store, sqliteschema
from kzquiz.stores.base import ReviewRecord
from kzquiz.stores.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from kzquiz.stores.sqlitefile import expected_schema

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DECK = kzquiz.loads_deck(
    '[deck]\nid = "d"\ntitle = "D"\n[[facts]]\nid = "a"\nkind = "answer"\nquestion = "A?"\nanswer = "a"\n', "d.toml"
)


def healthy(path: Path, reviews: int = 3) -> None:
    """A store with one learner, her settings, a deck and a few reviews."""
    with open_store(path) as store:
        store.record_deck(DECK)
        store.save_settings("ann", SchedulerSettings(desired_retention=0.85))
        for n in range(reviews):
            when = T0 + dt.timedelta(minutes=n)
            review = ReviewRecord("ann", "d", "a", "d/a/recall", "recall", "a", True, 1, "exact", Rating.GOOD, 2, when)
            memory = Memory("a", "d", CardState.REVIEW, None, 3.0 + n, 5.0, when + dt.timedelta(days=3), when, n + 1)
            store.save_review(review, memory)


def tamper(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        db.execute(statement)
    db.close()


def bad_review(column: str, value: str) -> str:
    values = {
        "learner_id": "1",
        "deck_id": "'d'",
        "fact_id": "'a'",
        "question_id": "'d/a/recall'",
        "form": "'recall'",
        "answer": "'a'",
        "correct": "1",
        "score": "1.0",
        "match": "'exact'",
        "rating": "3",
        "duration": "2.0",
        "reviewed_at": "'2026-03-03T09:00:00.000000+00:00'",
    }
    values[column] = value
    return f"INSERT INTO reviews ({', '.join(values)}) VALUES ({', '.join(values.values())})"  # noqa: S608 - test data


def settings_json(**changes: object) -> str:
    saved: dict[str, object] = {
        "desired_retention": 0.9,
        "parameters": list(DEFAULT_PARAMETERS),
        "learning_steps": [60],
    }
    saved.update(changes)
    return "UPDATE learners SET settings = '" + json.dumps(saved) + "'"  # noqa: S608 - test data


NOW = T0 + dt.timedelta(days=1)
Reader = Callable[[kzquiz.SQLiteStore], object]
READ_STATS: Reader = lambda store: stats(store, "ann", NOW)  # noqa: E731 - a table of readers
READ_REVIEWS: Reader = lambda store: store.reviews("ann")  # noqa: E731
READ_DECKS: Reader = lambda store: store.decks()  # noqa: E731
READ_LEARNERS: Reader = lambda store: store.learners()  # noqa: E731

# (name, damage, reader, the words the error must contain, the command that reads it)
DAMAGES = [
    ("due-garbage", "UPDATE memory SET due = 'garbage'", READ_STATS, "due: 'garbage' is not a time", "stats"),
    ("due-naive", "UPDATE memory SET due = '2026-03-05T09:00:00'", READ_STATS, "with its UTC offset", "stats"),
    ("due-number", "UPDATE memory SET due = 12", READ_STATS, "due: '12' is not a time", "stats"),
    ("state-zombie", "UPDATE memory SET state = 'zombie'", READ_STATS, "state: 'zombie' is not one of", "stats"),
    ("stability-negative", "UPDATE memory SET stability = -4", READ_STATS, "stability: -4.0", "stats"),
    ("stability-text", "UPDATE memory SET stability = 'lots'", READ_STATS, "stability: 'lots'", "stats"),
    ("difficulty-42", "UPDATE memory SET difficulty = 42", READ_STATS, "difficulty: 42.0", "stats"),
    ("reps-negative", "UPDATE memory SET reps = -1", READ_STATS, "reps: -1", "stats"),
    ("step-blob", "UPDATE memory SET step = x'00ff'", READ_STATS, "step:", "stats"),
    ("settings-not-json", "UPDATE learners SET settings = '{x'", READ_STATS, "settings: '{x' is not JSON", "stats"),
    ("settings-list", "UPDATE learners SET settings = '[1, 2]'", READ_STATS, "is not a JSON object", "stats"),
    ("retention-5", settings_json(desired_retention=5), READ_STATS, "settings.desired_retention: 5", "stats"),
    ("parameters-short", settings_json(parameters=[1, 2]), READ_STATS, "settings.parameters: [1, 2]", "stats"),
    (
        "parameter-out-of-bounds",
        settings_json(parameters=[*DEFAULT_PARAMETERS[:7], 0.0008, *DEFAULT_PARAMETERS[8:]]),
        READ_STATS,
        "settings.parameters[7]: 0.0008",
        "stats",
    ),
    ("steps-negative", settings_json(learning_steps=[-60]), READ_STATS, "settings.learning_steps[0]: -60", "stats"),
    ("interval-text", settings_json(maximum_interval="long"), READ_STATS, "settings.maximum_interval", "stats"),
    ("fuzz-text", settings_json(enable_fuzzing="yes"), READ_STATS, "settings.enable_fuzzing: 'yes'", "stats"),
    ("reviewed-garbage", bad_review("reviewed_at", "'soon'"), READ_REVIEWS, "reviewed_at: 'soon'", "report"),
    ("rating-7", bad_review("rating", "7"), READ_REVIEWS, "rating: 7 is not a rating", "report"),
    ("correct-2", bad_review("correct", "2"), READ_REVIEWS, "correct: 2 is not 0 or 1", "report"),
    ("score-high", bad_review("score", "1.5"), READ_REVIEWS, "score: 1.5", "report"),
    ("duration-negative", bad_review("duration", "-3"), READ_REVIEWS, "duration: -3.0", "report"),
    ("answer-blob", bad_review("answer", "x'1b5d35323b'"), READ_REVIEWS, "answer: b'\\x1b]52;' is not text", "report"),
    ("deck-title-blob", "UPDATE decks SET title = x'00'", READ_DECKS, "deck 'd': title:", None),
    ("deck-fact-ids", "UPDATE decks SET fact_ids = '[1, 2'", READ_DECKS, "deck 'd': fact_ids:", None),
    ("learner-blob", "INSERT INTO learners (name) VALUES (x'41')", READ_LEARNERS, "name b'A' is not", "learners"),
]


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize(("damage", "reader", "words"), [d[1:4] for d in DAMAGES], ids=[d[0] for d in DAMAGES])
def test_a_damaged_value_is_a_damaged_store_error_naming_it(
    tmp_path: Path, damage: str, reader: Reader, words: str
) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    tamper(path, damage)
    before = fingerprint(path)
    with open_store(path, read_only=True) as store, pytest.raises(kzquiz.DamagedStoreError) as caught:
        reader(store)
    message = str(caught.value)
    assert words in message
    assert message.startswith(f"{path}: the store is damaged: ")
    assert caught.value.fix is StoreFix.REPAIR
    assert caught.value.path == str(path)
    assert "--db" not in message  # the library's words; the command line adds its own hint
    assert "\n" not in message
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


@pytest.mark.parametrize(
    ("damage", "words", "command"),
    [(d[1], d[3], d[4]) for d in DAMAGES if d[4] is not None],
    ids=[d[0] for d in DAMAGES if d[4] is not None],
)
def test_commands_name_a_damaged_value_in_one_line_and_write_nothing(
    tmp_path: Path, damage: str, words: str, command: str
) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    tamper(path, damage)
    before = fingerprint(path)
    args = {"stats": ["stats", "--learner", "ann", "--db"], "report": ["report"], "learners": ["learners", "--db"]}
    result = kzquiz_cli(tmp_path, *args[command], str(path))
    assert result.returncode == 1, result.stdout
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"see kzquiz store check --db {path}, and kzquiz store repair" in result.stderr
    if command == "stats":  # study reads the same values first, and stops before writing anything
        study = kzquiz_cli(tmp_path, "study", "--plain", "--learner", "ann", "--db", str(path), stdin="a\n")
        assert study.returncode == 1
        assert words in study.stderr
        assert len(study.stderr.strip().splitlines()) == 1, study.stderr
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


def empty_foreign(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")  # another program's database, so far without tables
    db.close()


def test_an_empty_foreign_sqlite_file_is_never_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "theirs.sqlite3"
    empty_foreign(path)
    before = fingerprint(path)
    for args in (["stats", "--db"], ["learners", "--db"], ["report"], ["study", "--plain", "--db"]):
        result = kzquiz_cli(tmp_path, *args, str(path), stdin="1\n")
        assert result.returncode == 1, args
        assert "empty SQLite database made by another program" in result.stderr
        assert "left untouched" in result.stderr
        assert result.stderr.endswith("; choose another file with --db or KZQUIZ_HOME\n")
    assert fingerprint(path) == before
    with pytest.raises(kzquiz.NotAStoreError) as caught:
        open_store(path)
    assert caught.value.fix is StoreFix.ANOTHER_STORE
    assert "--db" not in str(caught.value)


def test_an_empty_file_becomes_a_store_only_when_written(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    path.touch()
    with open_store(path, read_only=True) as store:
        assert store.learners() == []
        assert stats(store, "ann", NOW).reviews == 0
    assert path.stat().st_size == 0
    with open_store(path) as store:
        store.add_learner("ann")
    with open_store(path, read_only=True) as store:
        assert store.learners() == ["ann"]


def test_reading_a_missing_store_makes_no_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for args in (["stats"], ["stats", "--json"], ["learners"]):
        result = kzquiz_cli(home, *args)
        assert result.returncode == 0, result.stderr
    assert not home.exists()


def set_header(path: Path, *, app_id: int | None = None, version: int | None = None) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    if app_id is not None:
        db.execute(f"PRAGMA application_id = {app_id}")
    if version is not None:
        db.execute(f"PRAGMA user_version = {version}")
    db.close()


@pytest.mark.parametrize(
    ("app_id", "version"), [(APPLICATION_ID, 0), (0, 0), (0, SCHEMA_VERSION)], ids=["no-version", "no-mark", "no-id"]
)
def test_a_store_that_lost_its_header_marks_is_recognised_by_its_tables(
    tmp_path: Path, app_id: int, version: int
) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    set_header(path, app_id=app_id, version=version)
    with open_store(path, read_only=True) as store:
        assert len(store.reviews("ann")) == 3
    with open_store(path) as store:
        assert len(store.reviews("ann")) == 3
        store.add_learner("bob")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_store_missing_a_table_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    tamper(path, "DROP TABLE memory")
    before = fingerprint(path)
    for read_only in (True, False):
        with pytest.raises(kzquiz.DamagedStoreError, match="its schema lacks table memory;"):
            open_store(path, read_only=read_only)
    tamper(path, "DROP TABLE decks", "DROP TABLE learners", "DROP TABLE meta", "DROP TABLE reviews")
    with pytest.raises(kzquiz.DamagedStoreError, match="its schema lacks table decks, table learners, table memory"):
        open_store(path)
    set_header(path, version=0)
    with pytest.raises(kzquiz.DamagedStoreError, match="none of a kzquiz store's tables"):
        open_store(path)
    assert fingerprint(path)[0] != before[0]


@pytest.mark.parametrize(
    ("statement", "missing"),
    [
        ("ALTER TABLE reviews DROP COLUMN duration", "column reviews.duration"),
        ("DROP INDEX reviews_uid", "index reviews_uid"),
        ("DROP TRIGGER reviews_are_kept", "trigger reviews_are_kept"),
    ],
)
def test_a_store_missing_a_column_an_index_or_a_trigger_is_damaged(
    tmp_path: Path, statement: str, missing: str
) -> None:
    # Every open checks the whole schema, kzquiz stats's read-only one too: without the trigger the review log
    # could be rewritten, without the index a review copied twice would count twice.
    path = tmp_path / "store.sqlite3"
    healthy(path)
    tamper(path, statement)
    before = fingerprint(path)
    for read_only in (True, False):
        with pytest.raises(kzquiz.DamagedStoreError, match=f"its schema lacks {missing};"):
            open_store(path, read_only=read_only)
    run = kzquiz_cli(tmp_path, "stats", "--json", "--learner", "ann", "--db", str(path))
    assert run.returncode == 1
    assert run.stdout == ""
    assert f"the store is damaged: its schema lacks {missing}; it was left untouched" in run.stderr
    assert fingerprint(path) == before


def test_the_schema_written_out_is_what_the_migrations_make(tmp_path: Path) -> None:
    # Opening a store compares its schema with the one written out, rather than making one from the migrations.
    healthy(tmp_path / "store.sqlite3")
    expected_schema.cache_clear()
    for read_only in (True, False):
        open_store(tmp_path / "store.sqlite3", read_only=read_only).close()
    assert expected_schema.cache_info().currsize == 0
    assert sqliteschema.VERSION == SCHEMA_VERSION
    assert expected_schema(MIGRATIONS, SCHEMA_VERSION) == sqliteschema.SCHEMA


def test_a_foreign_database_with_tables_stays_foreign_without_a_mark(tmp_path: Path) -> None:
    path = tmp_path / "theirs.sqlite3"
    tamper(path, "CREATE TABLE reviews (id INTEGER PRIMARY KEY, note TEXT)")
    with pytest.raises(kzquiz.NotAStoreError, match="not a kzquiz store"):
        open_store(path)


def test_opening_for_writing_checks_the_file_and_sets_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path, reviews=400)
    with open_store(path) as store:
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # Damage a page deep in the file, where opening alone reads nothing: the check finds it before any write.
    data = bytearray(path.read_bytes())
    page = 4096
    last = len(data) // page - 1
    data[last * page + 100 : last * page + 140] = b"\xff" * 40
    path.write_bytes(bytes(data))
    before = fingerprint(path)
    with pytest.raises(kzquiz.DamagedStoreError, match="the store is damaged"):
        open_store(path)
    assert fingerprint(path) == before


def test_a_read_only_folder_is_read_and_left_without_new_files(tmp_path: Path) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "store.sqlite3"
    healthy(path)
    before = fingerprint(path)
    for args in (["stats", "--learner", "ann", "--json", "--db"], ["learners", "--db"], ["report"]):
        result = in_read_only_folder(folder, *args, str(path))
        assert result.returncode == 0, result.stderr
        assert "ann" in result.stdout
    study = in_read_only_folder(folder, "study", "--plain", "--learner", "ann", "--db", str(path), stdin="a\n")
    assert study.returncode == 1
    assert len(study.stderr.strip().splitlines()) == 1, study.stderr
    assert str(path) in study.stderr
    assert "Traceback" not in study.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["store.sqlite3"]
    assert fingerprint(path) == before


def test_a_read_only_store_file_is_read_and_left_without_new_files(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    before = fingerprint(path)
    for args in (["stats", "--learner", "ann", "--json", "--db"], ["learners", "--db"], ["report"]):
        result = with_read_only_file(path, *args, str(path))
        assert result.returncode == 0, result.stderr
        assert "ann" in result.stdout
    study = with_read_only_file(path, "study", "--plain", "--learner", "ann", "--db", str(path), stdin="a\n")
    assert study.returncode == 1
    assert "read-only" in study.stderr
    assert len(study.stderr.strip().splitlines()) == 1, study.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]
    assert fingerprint(path) == before


def test_reading_while_another_session_writes_sees_its_answers_and_leaves_its_files(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    with open_store(path) as writer:
        writer.add_learner("bob")
        with open_store(path, read_only=True) as reader:
            assert reader.learners() == ["ann", "bob"]
        assert (tmp_path / "store.sqlite3-wal").exists()  # the writer's log is still in use
        writer.add_learner("cem")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


@pytest.mark.skipif(not ROOT, reason="a tmpfs in a private mount namespace needs root (CI runs as root)")
def test_a_full_disk_still_reads_and_refuses_to_study_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    healthy(path)
    disk = tmp_path / "disk"
    on_disk = str(disk / "store.sqlite3")
    stats_run, learners_run, study_run = on_full_disk(
        disk,
        path,
        (["stats", "--learner", "ann", "--json", "--db", on_disk], ""),
        (["learners", "--db", on_disk], ""),
        (["study", "--plain", "--learner", "ann", "--db", on_disk], "1\n"),
    )
    assert stats_run[0] == 0, stats_run[2]
    assert json.loads(stats_run[1])["reviews"] == 3
    assert learners_run[:2] == (0, "ann\n")
    status, _, stderr, files = study_run
    assert status == 1
    assert stderr.strip().splitlines() == [
        f"kzquiz: {on_disk}: cannot save: the disk holding {disk} is full; free some space there and try again "
        "(everything saved before was kept)"
    ]
    assert set(files) <= {"filler", "store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm"}
    assert Path(f"{path}.after").read_bytes() == path.read_bytes()

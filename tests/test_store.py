"""The SQLite store: its file survives kills, two writers and bad files (what all stores share: conformance)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import kzquiz
from kzquiz.stores import default_store_path, open_store, store_location
from kzquiz.stores.sqlite import APPLICATION_ID, SCHEMA_VERSION, SQLiteStore
from storetools import T0, deck_text, memory, record


def test_sqlite_store_persists_and_marks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "store.sqlite3"
    with open_store(path) as store:
        store.save_review(record("a", T0), memory("a", T0))
    with open_store(path) as store:
        assert store.memory("ann", "a", "d") == memory("a", T0)
        assert len(store.reviews("ann")) == 1
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
        dt.datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 1, 23, 59, 59, 999_999, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 1, 1, 30, 0, 500, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
    ],
)
def test_times_are_written_in_utc_as_isoformat_writes_them(tmp_path: Path, when: dt.datetime) -> None:
    # The text of times is what kzquiz stats and the queries compare and cut (the first 10 characters are the day)
    path = tmp_path / "store.sqlite3"
    with open_store(path) as store:
        saved = store.review_fact(record("a", when), lambda _: memory("a", when))
        assert store.review_fact(record("a", when + dt.timedelta(seconds=1)), lambda before: before or saved)
    text = when.astimezone(dt.UTC).isoformat(timespec="microseconds")
    later = (when + dt.timedelta(seconds=1)).astimezone(dt.UTC).isoformat(timespec="microseconds")
    due = (when + dt.timedelta(days=3)).astimezone(dt.UTC).isoformat(timespec="microseconds")
    db = sqlite3.connect(path)
    assert db.execute("SELECT reviewed_at FROM reviews ORDER BY id").fetchall() == [(text,), (later,)]
    assert db.execute("SELECT due, last_review FROM memory").fetchall() == [(due, text)]
    db.close()


def test_the_write_ahead_log_starts_again_after_a_hundred_pages(tmp_path: Path) -> None:
    # Answers overwrite the log's space instead of growing the file, whose size every flush would write too
    path = tmp_path / "store.sqlite3"
    wal = tmp_path / "store.sqlite3-wal"
    sizes = []
    with open_store(path) as store:
        for n in range(300):
            fact, when = f"f{n % 40}", T0 + dt.timedelta(minutes=n)
            store.review_fact(record(fact, when), lambda _, fact=fact, when=when: memory(fact, when))
            sizes.append(wal.stat().st_size)
        assert len(store.reviews("ann")) == 300
    page = 4096 + 24  # a page and its frame header
    assert max(sizes) < 32 + 120 * page  # 100 pages and the answer that went past them; SQLite's default: 1,000
    assert sizes[-1] == max(sizes)  # the file keeps its size: the log is written again from its beginning


def test_the_review_log_is_append_only(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with open_store(path) as store:
        store.save_review(record("a", T0), memory("a", T0))
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM reviews")
    db.close()


def test_default_path_follows_kzquiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZQUIZ_HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / "kzquiz.sqlite3"
    with open_store() as store:
        store.add_learner("ann")
    assert (tmp_path / "home" / "kzquiz.sqlite3").exists()
    monkeypatch.delenv("KZQUIZ_HOME")
    assert default_store_path().name == "kzquiz.sqlite3"


@pytest.mark.parametrize(
    ("xdg_data_home", "home"),
    [
        (None, "/home/ann"),
        (None, "/home/ann/"),
        ("", "/home/ann"),
        ("/data/ann", "/home/ann"),
        ("/data/ann/", None),
        (None, "/"),
        ("relative/data", "/home/ann"),  # platformdirs releases differ here: theirs is the answer
        ("   ", "/home/ann"),
        (None, "relative-home"),
        (None, None),  # no HOME: the account's home directory
    ],
)
def test_the_default_store_is_in_platformdirs_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, xdg_data_home: str | None, home: str | None
) -> None:
    # kzquiz finds the usual Linux case without importing platformdirs; the folder must be the very one
    # platformdirs names, or a learner's progress would seem lost.
    import platformdirs

    monkeypatch.delenv("KZQUIZ_HOME", raising=False)
    monkeypatch.delenv("KZQUIZ_DB", raising=False)
    for name, value in (("XDG_DATA_HOME", xdg_data_home), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    expected = Path(platformdirs.user_data_dir("kzquiz"), "kzquiz.sqlite3")
    assert default_store_path() == expected
    assert store_location() == expected


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG Base Directory rule is Linux's")
def test_the_default_store_follows_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KZQUIZ_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "ann"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_store_path() == tmp_path / "ann" / ".local" / "share" / "kzquiz" / "kzquiz.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "kzquiz" / "kzquiz.sqlite3"


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with open_store(path) as store:
        store.add_learner("ann")
        assert store.learners() == ["ann"]


def foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notes (text) VALUES ('mine, not kzquiz''s')")
    db.commit()
    db.close()


def newer_store(path: Path) -> None:
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


def damaged_store(path: Path) -> None:
    with open_store(path) as store:
        for n in range(300):
            store.save_review(record(f"fact-{n:04}" * 10, T0), memory(f"fact-{n:04}" * 10, T0))
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : 3 * page] = b"\xa5" * (2 * page)  # the first pages after the header: the schema's tables
    path.write_bytes(bytes(data))


def text_file(path: Path) -> None:
    path.write_text("learner,fact\nann,capital\n", encoding="utf-8")


def damaged_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00\x13garbage" * 100)


def use(path: Path) -> None:
    with open_store(path) as store:  # a damage may show only when the damaged pages are read
        store.reviews("ann")
        store.save_review(record("new", T0), memory("new", T0))


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (foreign_sqlite, kzquiz.NotAStoreError, "not a kzquiz store"),
        (text_file, kzquiz.NotAStoreError, "not an SQLite database"),
        (newer_store, kzquiz.StoreVersionError, "newer kzquiz"),
        (damaged_store, kzquiz.DamagedStoreError, "damaged"),
        (damaged_header, kzquiz.DamagedStoreError, "damaged"),
    ],
)
def test_files_kzquiz_must_not_use_are_refused_and_left_byte_identical(
    tmp_path: Path, make: object, error: type[Exception], words: str
) -> None:
    path = tmp_path / "store.sqlite3"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(error, match=words) as caught:
        use(path)
    assert isinstance(caught.value, kzquiz.StoreError)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(kzquiz.NotAStoreError, match="directory"):
        SQLiteStore(tmp_path)


WRITER = textwrap.dedent(
    """
    import datetime as dt, sys, time
    from pathlib import Path
    import kzquiz

    store_path, deck_path, learner = sys.argv[1:4]
    start_file = str(Path(store_path).parent / "go")
    deck = kzquiz.load_deck(deck_path)
    store = kzquiz.open_store(store_path)
    while not Path(start_file).exists():
        time.sleep(0.001)
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    session = kzquiz.Session(deck, store, learner, new_limit=None)
    count = 0
    while (question := session.next_question(now)) is not None:
        session.answer(question, question.expected if count % 3 else "wrong", now=now, duration=2.0)
        count += 1
        print(count, question.id, flush=True)
        now += dt.timedelta(seconds=7)
    """
)


def start_writers(tmp_path: Path, learners: list[str], facts: int) -> list[subprocess.Popen[str]]:
    (tmp_path / "writer.py").write_text(WRITER, encoding="utf-8")
    (tmp_path / "deck.toml").write_text(deck_text(facts), encoding="utf-8")
    open_store(tmp_path / "store.sqlite3").close()
    deck_and_start = [str(tmp_path / "deck.toml")]
    return [
        subprocess.Popen(
            [sys.executable, str(tmp_path / "writer.py"), str(tmp_path / "store.sqlite3"), *deck_and_start, learner],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for learner in learners
    ]


@pytest.mark.parametrize("answers", [40, 200], ids=["first-log-cycle", "log-written-again"])
def test_a_killed_writer_loses_no_committed_review(tmp_path: Path, answers: int) -> None:
    # 200 answers write over 1,000 pages (6 to 8 each): SQLite has copied its write-ahead log into the store and
    # writes it again from its start, over the frames of the first cycle, when the writer is killed
    (writer,) = start_writers(tmp_path, ["ann"], 2000)
    (tmp_path / "go").touch()
    assert writer.stdout is not None
    reported = []
    for line in writer.stdout:
        reported.append(line.split()[1])
        if len(reported) == answers:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.communicate()
    assert writer.returncode == -signal.SIGKILL
    with open_store(tmp_path / "store.sqlite3") as store:
        saved = [r.question_id for r in store.reviews("ann")]
        assert saved[: len(reported)] == reported
        assert len(saved) < 2 * 2000  # it was killed mid-session
        for review in store.reviews("ann"):
            assert store.memory("ann", review.fact_id, review.deck_id) is not None
    db = sqlite3.connect(tmp_path / "store.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


@pytest.mark.parametrize("learners", [["ann", "bob"], ["ann", "ann"]], ids=["two-learners", "same-learner"])
def test_two_writers_at_once_both_get_every_review_in(tmp_path: Path, learners: list[str]) -> None:
    writers = start_writers(tmp_path, learners, 60)
    time.sleep(0.3)  # both are waiting at the starting line
    (tmp_path / "go").touch()
    results = [w.communicate(timeout=120) for w in writers]
    outputs = [out for out, _ in results]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in results]
    answered = [len(out.splitlines()) for out in outputs]
    if learners[0] != learners[1]:  # the same learner's second session skips facts the first one already began
        assert all(n >= 60 for n in answered)
    with open_store(tmp_path / "store.sqlite3") as store:
        total = sum(len(store.reviews(name)) for name in set(learners))
    assert total == sum(answered)
    db = sqlite3.connect(tmp_path / "store.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_a_store_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(kzquiz.StoreError, match="is a file, not a folder"):
        open_store(blocker / "kzquiz.sqlite3")
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"

"""A store file is named and read the same without pathlib: ``kzquiz stats`` opens it read-only through a ``file:``
URI that kzquiz writes itself (kzquiz.stores.sqlitefile.file_uri), and names it in messages as before."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from fstools import NO_OVERRIDE, ROOT
from kzquiz.stores import read_study_counts
from kzquiz.stores.sqlitefile import file_uri

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

# Any character a file name may hold on Linux (no "/" and no NUL), and bytes that are not UTF-8.
NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20)


@given(NAMES, NAMES)
def test_a_file_uri_is_what_pathlib_writes(folder: str, name: str) -> None:
    for path in (f"/nowhere/{folder}/{name}", f"{folder}/{name}", os.fsdecode(b"/nowhere/\xff\xfe/" + name.encode())):
        assert file_uri(path) == Path(path).resolve().as_uri()


def answered(path: Path, learner: str = "ann") -> None:
    """Give ``learner`` one answer in the store at ``path``."""
    with kzquiz.open_store(path) as store:
        session = kzquiz.Session(kzquiz.bundled_deck(), store, learner)
        question = session.next_question(NOW)
        assert question is not None
        session.answer(question, question.expected, now=NOW)


@pytest.mark.parametrize("name", ["a?b#c%20d.sqlite3", "with space;&=+.sqlite3", "ключ.sqlite3"])
def test_a_store_whose_name_a_uri_must_escape_is_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    answered(path)
    assert len(read_study_counts(path, "ann").review_days) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "nothing left beside the store"


def test_a_store_whose_name_is_not_utf8_is_read(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/\xff\xfe.sqlite3"))
    answered(path)
    assert len(read_study_counts(path, "ann").review_days) == 1


def test_a_trailing_separator_names_the_file_as_before(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    answered(path)
    assert len(read_study_counts(f"{path}/", "ann").review_days) == 1
    assert read_study_counts(tmp_path / "missing.sqlite3", "ann").review_days == []


def test_stats_names_the_store_as_before(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my notes\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "kzquiz", "stats", "--db", "./notes.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("kzquiz: notes.txt: is not a kzquiz store (not an SQLite database)")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "my notes\n"


def test_a_folder_that_cannot_be_searched_is_an_error_not_an_empty_store(tmp_path: Path) -> None:
    # The file cannot even be looked at: that is not the same as no file (an empty store), before or now.
    path = tmp_path / "locked" / "store.sqlite3"
    answered(path)
    args = [sys.executable, "-m", "kzquiz", "stats", "--learner", "ann", "--db", str(path)]
    path.parent.chmod(0o600)
    try:
        run = subprocess.run(
            [*NO_OVERRIDE, *args] if ROOT else args, capture_output=True, text=True, timeout=60, check=False
        )
    finally:
        path.parent.chmod(0o755)
    assert run.returncode == 1, run.stdout
    assert run.stderr.startswith(f"kzquiz: {path}: ")
    assert run.stderr.endswith(": Permission denied\n")
    assert len(run.stderr.splitlines()) == 1


def kzquiz_run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzquiz", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
        env=None if env is None else {**os.environ, **env},
    )


STORE_COMMANDS = (
    ("stats", "--db"),
    ("learners", "--db"),
    ("study", "--db"),
    ("exam", "kazakhstan-2022", "--record", "--db"),
    ("store", "check", "--db"),
    ("store", "repair", "--db"),
)
"""Commands that read or write a store, each with the option that names it last."""


@pytest.mark.parametrize("special", ["fifo", "/dev/null", "/dev/zero"])
def test_a_fifo_or_a_device_is_refused_as_a_store_and_nothing_is_made_beside_it(tmp_path: Path, special: str) -> None:
    # SQLite reads /dev/null as an empty database and makes /dev/null-journal beside it when written; a FIFO
    # blocks it or reads as nothing. Every command that takes a store names the file and what it is, in one line.
    if special == "fifo":
        os.mkfifo(tmp_path / "progress.sqlite3")
        store, kind, folder = "progress.sqlite3", "a named pipe (FIFO)", tmp_path
    else:
        store, kind, folder = special, "a device", Path(special).parent
    source = tmp_path / "source.sqlite3"
    answered(source)
    before = set(folder.iterdir())
    for args in [*STORE_COMMANDS, ("store", "copy", str(source))]:
        run = kzquiz_run(*args, store, cwd=tmp_path)
        assert run.returncode == 1, (args, run.stdout)
        assert run.stderr == f"kzquiz: {store}: is {kind}, not a kzquiz store; {ANOTHER}\n", args
    assert set(folder.iterdir()) == before  # no -journal, -wal or -shm beside it


ANOTHER = "choose another file with --db or KZQUIZ_HOME"


def test_a_store_under_a_file_names_the_file_in_the_way(tmp_path: Path) -> None:
    # KZQUIZ_HOME set to a file: the store would be inside it. Reading it is not "an empty store of another
    # program", and writing it is not "cannot create the folder (File exists)": the file in the way is named.
    (tmp_path / "notes").write_text("my notes\n", encoding="utf-8")
    for args in STORE_COMMANDS:
        run = kzquiz_run(*args[:-1], cwd=tmp_path, env={"KZQUIZ_HOME": "notes", "KZQUIZ_DB": ""})
        assert run.returncode == 1, (args, run.stdout)
        expected = "notes/kzquiz.sqlite3: cannot be a store: notes is a file, not a folder"
        assert run.stderr == f"kzquiz: {expected}; {ANOTHER}\n", args
    assert [path.name for path in tmp_path.iterdir()] == ["notes"]
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "my notes\n"
    with pytest.raises(kzquiz.NotAStoreError, match=r"cannot be a store: .* is a file, not a folder"):
        kzquiz.open_store(tmp_path / "notes" / "deeper" / "store.sqlite3")


@pytest.mark.parametrize(
    "url", ["mysql://teacher@db.school/class", "sqlite:///progress.db", "postgresql+psycopg://x/y"]
)
def test_a_url_of_another_database_is_refused_not_made_into_folders(tmp_path: Path, url: str) -> None:
    # As a file name, mysql://host/db made a folder "mysql:" and a store in it, and studying went on.
    for args in (("study", "--db", url), ("stats", "--db", url), ("store", "copy", str(tmp_path / "no.sqlite3"), url)):
        run = kzquiz_run(*args, cwd=tmp_path)
        assert run.returncode == 1, (args, run.stdout)
        scheme = url.partition("://")[0]
        assert run.stderr == (
            f"kzquiz: {url}: kzquiz cannot use a {scheme}:// store "
            "(give the path of an SQLite file, or a postgresql:// URL)\n"
        )
    run = kzquiz_run("stats", cwd=tmp_path, env={"KZQUIZ_DB": url})
    assert run.returncode == 1
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(kzquiz.NotAStoreError):
        kzquiz.open_store(url)


def test_an_empty_store_name_is_said_as_such(tmp_path: Path) -> None:
    # It was the current folder: ".: is a directory, not a kzquiz store".
    for args in (("study", "--db", ""), ("stats", "--db", ""), ("store", "copy", "", "x.sqlite3")):
        run = kzquiz_run(*args, cwd=tmp_path)
        assert run.returncode == 1, args
        expected = "the store's name is empty: give the path of an SQLite file, or a postgresql:// URL"
        assert run.stderr == f"kzquiz: {expected}\n", args
    assert list(tmp_path.iterdir()) == []

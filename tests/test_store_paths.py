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

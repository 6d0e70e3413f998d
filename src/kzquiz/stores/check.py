"""``kzquiz store check``: every problem of an SQLite store file, found without writing a byte to it.

Like Anki's "Check Database", in three passes: SQLite's own ``PRAGMA integrity_check`` (every page, every index
against its table) and ``foreign_key_check``; the schema against kzquiz's; and every row of every table read back
through the same checks as the store's readers (:mod:`kzquiz.stores.rows`), going round damaged pages
(:mod:`kzquiz.stores.salvage`) so that one damaged page does not hide the rows after it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from kzquiz.errors import DamagedStoreError, NotAStoreError, StoreError, StoreFix
from kzquiz.stores.rows import (
    BadRow,
    deck_from_row,
    memory_from_row,
    read_time,
    review_from_row,
    settings_from_json,
    show,
    text_or_bytes,
)
from kzquiz.stores.salvage import read_rows, table_columns
from kzquiz.stores.sqlitefile import connect_read_only, not_a_file, tidy

__all__ = ["MEMORY_COLUMNS", "REVIEW_COLUMNS", "VALIDATORS", "StoreCheck", "check_row", "check_store"]

REVIEW_COLUMNS = (
    "deck_id",
    "fact_id",
    "question_id",
    "form",
    "answer",
    "correct",
    "score",
    "match",
    "rating",
    "duration",
    "reviewed_at",
    "uid",
)
MEMORY_COLUMNS = (
    "deck_id",
    "fact_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "question_id",
)
_MOST = 20
"""At most this many problems are listed per table (then a count of the rest)."""

Row = Mapping[str, Any]


def _learner(row: Row) -> None:
    if type(row["name"]) is not str or not row["name"]:
        raise BadRow(f"name: {show(row['name'])} is not a learner's name")
    if row["settings"] is not None:
        settings_from_json(row["settings"])


_ADDED_LATER = {"uid": "given-by-the-migration", "fact_ids": "[]"}
"""Columns that a store of an older schema version lacks, with the value its migration gives them."""


def _deck(row: Row) -> None:
    deck_from_row(tuple(row.get(name, _ADDED_LATER.get(name)) for name in ("id", "content_hash", "title", "fact_ids")))


def _review(row: Row) -> None:
    review_from_row("", tuple(row.get(name, _ADDED_LATER.get(name)) for name in REVIEW_COLUMNS))


def _memory(row: Row) -> None:
    memory_from_row(tuple(row[name] for name in MEMORY_COLUMNS))


def _appeal(row: Row) -> None:
    from kzquiz.appeals import AppealStatus

    for name in ("question_id", "deck_id", "fact_id", "answer"):
        if type(row[name]) is not str:
            raise BadRow(f"{name}: {show(row[name])} is not text")
    read_time("reviewed_at", row["reviewed_at"])
    read_time("made_at", row["made_at"])
    if row["decided_at"] is not None:
        read_time("decided_at", row["decided_at"])
    if row["status"] not in {status.value for status in AppealStatus}:
        raise BadRow(f"status: {show(row['status'])} is not an appeal's status")
    if row["teacher"] not in (0, 1) or type(row["teacher"]) is not int:
        raise BadRow(f"teacher: {show(row['teacher'])} is not 0 or 1")


VALIDATORS: dict[str, Callable[[Row], None]] = {
    "learners": _learner,
    "decks": _deck,
    "reviews": _review,
    "memory": _memory,
    "appeals": _appeal,
}
"""For each table kzquiz reads, the check of one row (by column name); a table without one is only read."""


def check_row(table: str, row: Row) -> str | None:
    """What is wrong with one row of ``table``, or ``None``."""
    validate = VALIDATORS.get(table)
    if validate is None:
        return None
    try:
        validate(row)
    except BadRow as bad:
        return str(bad)
    except KeyError as missing:
        return f"has no column {missing}"
    return None


def row_label(table: str, rowid: int | None, row: Row) -> str:
    """How a problem names a row: ``reviews row 37``, ``decks row 'kz'``, ``memory of fact 'a' of deck 'kz'``."""
    if rowid is not None:
        return f"{table} row {rowid}"
    if table == "memory":
        learner, deck, fact = (show(row.get(name)) for name in ("learner_id", "deck_id", "fact_id"))
        return f"memory row (learner {learner}, deck {deck}, fact {fact})"
    first = next(iter(row.values()), None)
    return f"{table} row {show(first)}"


@attrs.frozen
class StoreCheck:
    """What ``kzquiz store check`` found: each problem as one line, and how much the store holds."""

    path: Path
    problems: tuple[str, ...]
    counts: Mapping[str, int] = attrs.field(factory=dict)
    """Rows read per table."""

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def check_store(path: str | Path) -> StoreCheck:
    """Check the store file at ``path`` for every kind of damage kzquiz can see, without writing to it.

    Raises :class:`~kzquiz.StoreError` (not :class:`~kzquiz.DamagedStoreError`) for a file that is not a kzquiz
    store at all, is missing, or comes from a newer kzquiz: there is nothing to check.
    """
    from kzquiz.stores.sqlite import SQLiteStore

    path = Path(path)
    refused = not_a_file(path)
    if refused is not None:
        raise NotAStoreError(f"{path}: {refused}", path=path, fix=StoreFix.ANOTHER_STORE)
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError(f"{path}: no store there (no such file, or an empty one)")
    problems: list[str] = []
    try:
        SQLiteStore(path, read_only=True).close()  # what any command would say, and whether this is a store at all
    except DamagedStoreError as error:
        opening: str | None = str(error)
    else:
        opening = None
    try:
        db, tidy_due = connect_read_only(path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return StoreCheck(path, (f"{path}: SQLite cannot read the file ({error})",))
    db.text_factory = text_or_bytes
    try:
        counts = _check(db, path, problems)
    finally:
        db.close()
        if tidy_due:
            tidy(path)
    if opening is not None and not problems:
        problems.append(opening)
    return StoreCheck(path, tuple(problems), counts)


def _check(db: sqlite3.Connection, path: Path, problems: list[str]) -> dict[str, int]:
    try:
        for (text,) in db.execute("PRAGMA integrity_check(100)"):
            if text != "ok":
                problems.extend(f"{path}: {line.strip()}" for line in str(text).splitlines() if line.strip())
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problems.append(f"{path}: SQLite cannot check the file ({error})")
    try:
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
            which = f"{table} row {rowid}" if rowid is not None else f"a row of {table}"
            problems.append(f"{path}: {which} refers to a missing row of {parent}")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problems.append(f"{path}: SQLite cannot check the references between tables ({error})")
    try:
        tables = [
            str(name)
            for (name,) in db.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
            )
        ]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        problems.append(f"{path}: the list of tables is unreadable ({error})")
        return {}
    counts = {}
    for table in tables:
        try:
            columns, _, _ = table_columns(db, table)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            problems.append(f"{path}: {table}: its columns are unreadable ({error})")
            continue
        salvage = read_rows(db, table, columns)
        problems.extend(f"{path}: {note}" for note in salvage.unreadable)
        found = 0
        for rowid, values in salvage.rows:
            row = dict(zip(columns, values, strict=True))
            problem = check_row(table, row)
            if problem is not None:
                found += 1
                if found <= _MOST:
                    problems.append(f"{path}: {row_label(table, rowid, row)}: {problem}")
        if found > _MOST:
            problems.append(f"{path}: {table}: {found - _MOST} more rows with damaged values")
        counts[table] = len(salvage.rows)
    return counts

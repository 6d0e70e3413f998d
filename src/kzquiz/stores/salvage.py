"""Reading every row that a damaged SQLite file still holds readable, table by table, without writing to it.

SQLite stops a query at the first damaged page. :func:`read_rows` goes round the damage: it scans forward until
the first error, backward from the end until the first error, and then looks up each row id in between one by one
(a row on an intact page is found through the table's index pages even when a neighbouring page is damaged),
resuming the scan after each row it finds. Tables without row ids are read forward and backward only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import attrs

__all__ = ["Salvage", "read_rows", "table_columns"]

_PROBE_LIMIT = 2_000_000
"""At most this many row ids are looked up one by one in a table's damaged stretch (a few seconds)."""

_MISSES = 10_000
"""When the end of a table is damaged too, looking up row ids stops after this many ids in a row that are not there."""


@attrs.frozen
class Salvage:
    """The rows read from one table (each with its row id, or ``None`` without one), and what could not be read."""

    rows: tuple[tuple[int | None, tuple[Any, ...]], ...]
    unreadable: tuple[str, ...]


def table_columns(db: sqlite3.Connection, table: str) -> tuple[list[str], list[str], bool]:
    """A table's columns, its primary key columns, and whether it has row ids."""
    info = db.execute("SELECT name, pk FROM pragma_table_info(?)", (table,)).fetchall()
    columns = [str(name) for name, _ in info]
    keys = [str(name) for name, pk in sorted(info, key=lambda row: row[1]) if pk]
    sql = db.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)).fetchone()
    rowid = sql is None or "WITHOUT ROWID" not in str(sql[0]).upper()
    return columns, keys, rowid


def _quoted(names: list[str]) -> str:
    return ", ".join('"' + name.replace('"', '""') + '"' for name in names)


def _scan(
    cursor: Iterator[tuple[Any, ...]], found: dict[Any, tuple[Any, ...]], key: int | None, step: int = 0
) -> str | None:
    """Add rows from ``cursor`` to ``found`` (by column ``key``, or the whole row) until it ends (``None``) or
    fails (the error). With ``step`` 1 or -1 the keys must rise or fall: a key out of order comes from a damaged
    page, and ends the scan; a row already found is never replaced."""
    last = None
    try:
        for row in cursor:
            at: Any = row if key is None else row[key]
            if step and last is not None and (at - last) * step <= 0:
                return "rows out of order on a damaged page"
            last = at
            found.setdefault(at, row)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return str(error)
    return None


def read_rows(db: sqlite3.Connection, table: str, columns: list[str]) -> Salvage:
    """Every readable row of ``table`` (the given columns), in key order, and a note for each unreadable stretch."""
    names = _quoted(columns)
    quoted_table = _quoted([table])
    try:
        _, keys, has_rowid = table_columns(db, table)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        return Salvage((), (f"{table}: cannot be read ({error})",))
    if has_rowid:
        return _read_rowid_table(db, quoted_table, table, names)
    found: dict[Any, tuple[Any, ...]] = {}
    errors = []
    for direction in ("ASC", "DESC"):
        order = ", ".join(f"{name} {direction}" for name in (_quoted(keys).split(", ") if keys else [names]))
        try:
            problem = _scan(db.execute(f"SELECT {names} FROM {quoted_table} ORDER BY {order}"), found, None)  # noqa: S608
        except (sqlite3.DatabaseError, UnicodeDecodeError) as failed:
            problem = str(failed)
        if problem is None:
            break
        errors.append(problem)
    rows = tuple((None, row) for row in sorted(found.values(), key=_sort_key))
    return Salvage(rows, (f"{table}: some rows are unreadable ({errors[0]})",) if errors else ())


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(repr(value) for value in row)


def _read_rowid_table(db: sqlite3.Connection, quoted_table: str, table: str, names: str) -> Salvage:
    after = f"SELECT rowid, {names} FROM {quoted_table} WHERE rowid > ? ORDER BY rowid"  # noqa: S608
    before = f"SELECT rowid, {names} FROM {quoted_table} WHERE rowid < ? ORDER BY rowid DESC"  # noqa: S608
    one = f"SELECT rowid, {names} FROM {quoted_table} WHERE rowid = ?"  # noqa: S608

    def scan(query: str, start: int, step: int = 1) -> tuple[dict[Any, tuple[Any, ...]], str | None]:
        part: dict[Any, tuple[Any, ...]] = {}
        try:
            return part, _scan(db.execute(query, (start,)), part, 0, step)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            return part, str(error)

    found, error = scan(after, -(1 << 63))
    if error is None:
        return Salvage(tuple((row[0], row[1:]) for _, row in sorted(found.items())), ())
    low = max(found, default=0)  # the last row read before the damage
    tail, _ = scan(before, (1 << 63) - 1, -1)
    tail = {rowid: row for rowid, row in tail.items() if rowid > low}  # lower ones come from a damaged page
    high = min(tail, default=None)  # the first row of the intact end, if any
    found.update(tail)
    stop = high if high is not None else low + _PROBE_LIMIT
    stretches: list[tuple[int, int | None]] = []
    lost_from = None
    misses = 0
    rowid = low + 1
    while rowid < stop:
        try:
            row = db.execute(one, (rowid,)).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            lost_from = rowid if lost_from is None else lost_from
            misses = 0
            rowid += 1
            continue
        if row is None:  # no such row (past the end, when the end is damaged too)
            misses += 1
            if high is None and misses > _MISSES:
                break
            rowid += 1
            continue
        if lost_from is not None:
            stretches.append((lost_from, rowid - 1))
            lost_from = None
        misses = 0
        found[rowid] = row
        part, _ = scan(after, rowid)  # read on, up to the next damaged page
        part = {key: value for key, value in part.items() if key < stop}
        for key, value in part.items():
            found.setdefault(key, value)
        rowid = max(part, default=rowid) + 1
    if lost_from is not None:
        stretches.append((lost_from, rowid - 1 if high is not None else None))
    notes = tuple(_stretch(table, first, last, error) for first, last in stretches) or (
        f"{table}: some rows are unreadable ({error})",
    )
    return Salvage(tuple((row[0], row[1:]) for _, row in sorted(found.items())), notes)


def _stretch(table: str, first: int, last: int | None, error: str) -> str:
    if last is None:
        return f"{table}: rows {first} and after are unreadable ({error})"
    if last == first:
        return f"{table}: row {first} is unreadable ({error})"
    return f"{table}: rows {first} to {last} are unreadable ({error})"

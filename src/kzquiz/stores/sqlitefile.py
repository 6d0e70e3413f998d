"""The SQLite store's file handling: read-only connections that leave nothing behind, and knowing a store's schema.

A read-only connection (``kzquiz stats``, ``report``, ``learners``, ``store check``) never writes the store: it
opens the file with ``mode=ro``. SQLite's write-ahead log needs ``-wal`` and ``-shm`` files beside the store; when
they did not exist, a read-only connection in a writable folder creates them and cannot remove them, so on close
a plain connection is opened for a moment and SQLite itself removes them under its lock (only if no other process
uses the store). A store in a read-only folder, or on a full disk, is read without those files: directly when SQLite
can, and otherwise as an immutable file (``immutable=1``), which is safe because nothing else can write it then.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from collections.abc import Callable

__all__ = [
    "Schema",
    "connect_read_only",
    "describe_missing",
    "expected_schema",
    "file_uri",
    "not_a_file",
    "schema_of",
    "schema_version_of",
    "tidy",
]

Schema = frozenset[tuple[str, str, str]]
"""A schema as a set of (kind, table, name): tables, indexes and triggers by name, and each table's columns."""


def not_a_file(path: str | os.PathLike[str]) -> str | None:
    """Why the store path ``path`` cannot be a store file, or ``None`` when it can (a regular file, or nothing yet).

    A folder, a named pipe, a device or a socket is refused before SQLite opens it: SQLite would read a device
    such as ``/dev/null`` as an empty database and make a ``-journal`` file beside it, and block on a FIFO. A path
    under a file (``KZQUIZ_HOME`` naming a file) names the file in the way.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        parent = os.path.dirname(os.fspath(path))
        while os.path.dirname(parent) not in ("", parent) and not os.path.lexists(parent):
            parent = os.path.dirname(parent)
        return f"cannot be a store: {parent or '.'} is a file, not a folder"
    except OSError:
        return None  # a system error (no permission, a loop of links) is the caller's to report
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a kzquiz store"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a regular file"
    return f"is {kind}, not a kzquiz store"


_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")
"""The bytes a ``file:`` URI keeps as they are (urllib's ``quote`` keeps these too); every other byte is escaped."""


def file_uri(path: str | os.PathLike[str]) -> str:
    """The ``file:`` URI of the file at ``path``, made absolute, as ``pathlib.Path(path).resolve().as_uri()`` writes it
    (SQLite opens a file read-only only through a URI), without importing pathlib and urllib, which took a tenth of
    ``kzquiz stats``'s start-up. Every byte of the file's name but letters, digits, ``_.-~`` and ``/`` is escaped,
    so ``?``, ``#`` and ``%`` in a name, and names that are not UTF-8, reach SQLite as they are on the disk."""
    full = os.path.realpath(path)
    if os.name == "nt":  # C:\a\b is file:///C:/a/b (SQLite reads the escaped colon as a colon)
        full = "/" + full.replace("\\", "/")
    return "file://" + "".join(chr(byte) if byte in _URI_SAFE else f"%{byte:02X}" for byte in os.fsencode(full))


def _uri(path: str, *, immutable: bool) -> str:
    return file_uri(path) + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def _size(path: str) -> int | None:
    """The size of the file at ``path``, or ``None`` when there is none (or it cannot be seen)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def connect_read_only(path: str | os.PathLike[str]) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to an existing, non-empty store file, and whether :func:`tidy` is due on close."""
    path = os.fspath(path)
    had_wal = bool(_size(f"{path}-wal"))
    existed = {name for name in (f"{path}-wal", f"{path}-shm") if os.path.exists(name)}
    # A file nobody may write, with no write-ahead log to read, cannot change while it is read: no locks needed,
    # and no -shm file.
    immutable = not had_wal and not os.access(path, os.W_OK)
    db = sqlite3.connect(_uri(path, immutable=immutable), uri=True, timeout=30.0, isolation_level=None)
    try:
        db.execute("PRAGMA application_id").fetchone()  # SQLite opens the log here: see whether it can
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        db.close()
        _forget(path, existed)  # what the failed attempt made
        if immutable or had_wal or not isinstance(error, sqlite3.OperationalError):
            raise
        # Without a log to read, the file alone is the store: read it as it is (a full disk cannot make -shm).
        db = sqlite3.connect(_uri(path, immutable=True), uri=True, timeout=30.0, isolation_level=None)
        return db, False
    return db, not had_wal and not immutable


def _forget(path: str, existed: set[str] | None = None) -> None:
    """Remove an empty ``-wal`` and its ``-shm`` made by a connection that failed (not those in ``existed``)."""
    import contextlib  # here, not at the top: kzquiz stats needs it only when a connection failed

    wal = f"{path}-wal"
    with contextlib.suppress(OSError):
        if os.stat(wal).st_size == 0:
            for made in (wal, f"{path}-shm"):
                if existed is None or made not in existed:
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(made)


def tidy(path: str | os.PathLike[str]) -> None:
    """Remove the ``-wal`` and ``-shm`` files a read-only connection made, if no other connection uses the store.

    A read-write connection, closed as the last one, checkpoints an empty log (writing nothing) and deletes both
    files; if another process has the store open, SQLite leaves them for that process.
    """
    path = os.fspath(path)
    if not os.path.exists(f"{path}-wal") and not os.path.exists(f"{path}-shm"):
        return
    try:
        db = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            db.execute("PRAGMA application_id").fetchone()
        finally:
            db.close()
    except sqlite3.OperationalError:
        return  # busy, or not allowed: the files stay for whoever uses the store
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        _forget(path)  # not a database at all: nothing else can be using these files


def schema_of(db: sqlite3.Connection) -> Schema:
    """The tables, indexes, triggers and views of a database, and each table's columns (SQLite's own excluded)."""
    objects = db.execute(
        "SELECT type, tbl_name, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite%' AND type != 'table' "
        "UNION ALL SELECT 'column', m.name, c.name FROM sqlite_schema AS m, pragma_table_xinfo(m.name) AS c "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' "
        "UNION ALL SELECT 'table', name, name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    ).fetchall()
    return frozenset((str(kind), str(table), str(name)) for kind, table, name in objects)


Step = str | Callable[[sqlite3.Connection], None]
"""One step of a migration: an SQL statement, or a function that changes the data within the open transaction."""


def run_step(db: sqlite3.Connection, step: Step) -> None:
    """Run one migration step."""
    if isinstance(step, str):
        db.execute(step)
    else:
        step(db)


@functools.cache
def expected_schema(migrations: tuple[tuple[Step, ...], ...], version: int) -> Schema:
    """The schema that the first ``version`` migrations make, built in memory once per process."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for steps in migrations[:version]:
            for step in steps:
                run_step(db, step)
        return schema_of(db)
    finally:
        db.close()


def schema_version_of(db: sqlite3.Connection, migrations: tuple[tuple[Step, ...], ...]) -> int | None:
    """The highest schema version whose every table, column, index and trigger the database has, or ``None``."""
    found = schema_of(db)
    for version in range(len(migrations), 0, -1):
        if expected_schema(migrations, version) <= found:
            return version
    return None


def describe_missing(missing: Schema) -> str:
    """The missing parts of a schema in words: ``table reviews, column memory.due``."""
    tables = {name for kind, _, name in missing if kind == "table"}
    words = []
    for kind, table, name in sorted(missing):
        if kind != "table" and table in tables:
            continue  # a missing table's columns and indexes go without saying
        words.append(f"column {table}.{name}" if kind == "column" else f"{kind} {name}")
    return ", ".join(words[:5]) + (f" and {len(words) - 5} more" if len(words) > 5 else "")

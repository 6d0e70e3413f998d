"""How the SQLite store turns SQLite's errors into kzquiz's, and its write transaction.

Both are small classes rather than generator context managers: every answer runs one transaction, and a
generator-based ``with`` costs several times a plain one.
"""

from __future__ import annotations

import os
import sqlite3

from kzquiz.errors import DamagedStoreError, StoreError, StoreFix
from kzquiz.stores.cells import BadRow

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

__all__ = ["Guard", "Transaction", "damaged"]

_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL = 13  # SQLITE_FULL
_READONLY = 8  # SQLITE_READONLY
_IOERR = 10  # SQLITE_IOERR: on a full disk, when the -shm file cannot grow
_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED: another connection held its lock for the whole timeout


def damaged(path: str | os.PathLike[str], what: str) -> DamagedStoreError:
    """The error for a store found damaged (``what`` says how), which is left as it is."""
    return DamagedStoreError(
        f"{path}: the store is damaged: {what}; it was left untouched", path=path, fix=StoreFix.REPAIR
    )


def _disk_is_full(folder: os.PathLike[str]) -> bool:
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1 << 20  # under 1 MiB left


def _raise_translated(error: BaseException, file: str | os.PathLike[str]) -> None:
    """Raise kzquiz's error for ``error`` (a damaged file, a full disk, a store that cannot be used now) about the
    store ``file``; return when it is not an error of the store, to let it go on as it is."""
    from pathlib import Path  # here, where something went wrong: kzquiz stats reads a store without pathlib

    path = Path(file)
    if isinstance(error, BadRow):
        raise damaged(path, str(error)) from None
    if isinstance(error, UnicodeDecodeError):  # a flipped byte in the schema or in a text value
        raise damaged(path, f"text that is not UTF-8 ({error.reason})") from None
    if not isinstance(error, sqlite3.DatabaseError):
        return
    code = getattr(error, "sqlite_errorcode", 0) or 0
    if code & 0xFF in _CORRUPT or "malformed" in str(error) or "decode to UTF-8" in str(error):
        raise damaged(path, str(error)) from error
    if code & 0xFF == _FULL or (code & 0xFF == _IOERR and _disk_is_full(path.parent)):
        raise StoreError(
            f"{path}: cannot save: the disk holding {path.parent} is full; free some space "
            "there and try again (everything saved before was kept)"
        ) from None
    if code & 0xFF in _BUSY:
        raise StoreError(
            f"{path}: another program kept the store locked for 30 seconds ({error}); nothing more was saved "
            "(everything saved before was kept): close that program, or let it finish, and try again",
            path=path,
        ) from None
    if code & 0xFF == _READONLY:
        raise StoreError(
            f"{path}: cannot save: the store or its folder {path.parent} is read-only ({error})",
            path=path,
            fix=StoreFix.ANOTHER_STORE,
        ) from None
    raise StoreError(f"{path}: {error}") from error


class Guard:
    """``with Guard(path):`` turns SQLite's errors inside into kzquiz's (see :class:`~kzquiz.StoreError`)."""

    __slots__ = ("path",)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if error is not None:
            _raise_translated(error, self.path)


class Transaction:
    """``with Transaction(db, path, forget) as db:`` one write transaction, taken at once (``BEGIN IMMEDIATE``) so
    two writers queue instead of failing, committed at the end or rolled back on any error, errors translated.

    ``forget`` is called when the transaction is rolled back, to drop what was remembered from inside it (the row
    ids of learners it added, which another writer may now be given)."""

    __slots__ = ("db", "forget", "path")

    def __init__(self, db: sqlite3.Connection, path: str | os.PathLike[str], forget: Callable[[], object]) -> None:
        self.db = db
        self.path = path
        self.forget = forget

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except BaseException as error:
            _raise_translated(error, self.path)
            raise
        return self.db

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if error is None:
            try:
                self.db.execute("COMMIT")
            except BaseException as failed:
                self._roll_back()
                _raise_translated(failed, self.path)
                raise
            return
        self._roll_back()
        _raise_translated(error, self.path)

    def _roll_back(self) -> None:
        self.forget()
        if self.db.in_transaction:  # a failed COMMIT (a full disk) leaves the transaction open
            import contextlib  # here, not at the top: kzquiz stats needs it only when something failed

            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

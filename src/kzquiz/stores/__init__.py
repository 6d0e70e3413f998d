"""The progress stores, side by side: one module per store behind the one :class:`~kzquiz.stores.base.Store` protocol.

* :mod:`kzquiz.stores.base`: the ``Store`` protocol and the records it reads and writes.
* :mod:`kzquiz.stores.memory`: ``MemoryStore``, everything in memory.
* :mod:`kzquiz.stores.sqlite`: ``SQLiteStore``, one SQLite file (the default).
* :mod:`kzquiz.stores.postgres`: ``PostgresStore``, a PostgreSQL database for a whole school.
* :mod:`kzquiz.stores.common`: what the database stores share.
* :mod:`kzquiz.stores.sqlitebase`: the SQLite store without its records, which :func:`read_study_counts` opens.

:func:`open_store` chooses and opens a store; each store's module is imported only when that store is used, so
importing this package costs nothing (psycopg is imported only when a ``postgresql://`` URL is opened).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    from pathlib import Path

    from kzquiz.figures import StudyCounts
    from kzquiz.stores.postgres import PostgresStore
    from kzquiz.stores.sqlite import SQLiteStore
    from kzquiz.stores.sqlitebase import SQLiteBase

__all__ = ["default_store_path", "is_url", "open_store", "read_study_counts", "store_location"]


def default_store_path() -> Path:
    """Where the store lives by default: ``$KZQUIZ_HOME/kzquiz.sqlite3``, or the user data directory's."""
    from pathlib import Path

    return Path(_default_store_file())


def _default_store_file() -> str:
    """:func:`default_store_path` as a string: ``kzquiz stats`` finds its store without importing pathlib."""
    home = os.environ.get("KZQUIZ_HOME")
    if home:
        return os.path.join(os.path.expanduser(home), "kzquiz.sqlite3")
    return os.path.join(_user_data_dir(), "kzquiz.sqlite3")


def _user_data_dir() -> str:
    """kzquiz's folder in the user data directory: ``platformdirs.user_data_dir("kzquiz")``, always.

    On Linux that is the XDG Base Directory rule, ``$XDG_DATA_HOME/kzquiz`` or else ``~/.local/share/kzquiz``, and
    the usual case (an absolute ``$XDG_DATA_HOME``, or none and an absolute ``$HOME``) is answered here: importing
    platformdirs there also imports pathlib and tempfile (with shutil, random, bz2 and lzma), a third more work for
    ``kzquiz stats --json`` and more than Python's own start-up. Everything else, other systems, Android, or a
    relative or missing setting (which platformdirs releases treat differently), is platformdirs' to answer.
    """
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and "ANDROID_DATA" not in os.environ:
        data = os.environ.get("XDG_DATA_HOME", "")
        if data.startswith("/"):
            return os.path.join(data, "kzquiz")
        if not data and os.environ.get("HOME", "").startswith("/"):
            return os.path.join(os.path.expanduser("~/.local/share"), "kzquiz")
    import platformdirs  # every other case

    return platformdirs.user_data_dir("kzquiz")


def is_url(location: str | os.PathLike[str]) -> bool:
    """Whether a store location is a database URL (``postgresql://...``) rather than a file path."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def store_location(location: str | os.PathLike[str] | None = None) -> str | Path:
    """The store a location means: a URL as it is, a path as a :class:`~pathlib.Path`; ``None`` means
    ``$KZQUIZ_DB`` when it is set, else :func:`default_store_path`."""
    from pathlib import Path

    target = _store_target(location)
    return target if is_url(target) else Path(target)


def _store_target(location: str | os.PathLike[str] | None) -> str:
    """:func:`store_location` as a string: the URL, or the file's path."""
    if location is None:
        location = os.environ.get("KZQUIZ_DB") or _default_store_file()
    target = os.fspath(location)
    if not target:  # --db "": not the current folder
        from kzquiz.errors import NotAStoreError

        raise NotAStoreError("the store's name is empty: give the path of an SQLite file, or a postgresql:// URL")
    scheme, found, _ = target.partition("://")
    if found and len(scheme) > 1 and scheme.isascii() and scheme.replace("+", "").isalnum() and not is_url(target):
        # mysql://host/db or sqlite:///x.db is no file name anyone means: as one, it made a folder "mysql:"
        from kzquiz.errors import NotAStoreError

        hint = "give the path of an SQLite file, or a postgresql:// URL"
        raise NotAStoreError(f"{target}: kzquiz cannot use a {scheme}:// store ({hint})")
    return target


def open_store(
    location: str | os.PathLike[str] | None = None, *, read_only: bool = False
) -> SQLiteStore | PostgresStore:
    """Open (creating it if needed) the store at ``location``: a ``postgresql://`` URL opens a
    :class:`~kzquiz.PostgresStore` (``pip install 'kzquiz[postgres]'``), anything else is the path of an SQLite file
    (its parent directories are created). ``None`` means ``$KZQUIZ_DB`` when set, else :func:`default_store_path`.

    Raises :class:`~kzquiz.NotAStoreError`, :class:`~kzquiz.DamagedStoreError` or :class:`~kzquiz.StoreVersionError`
    for a file or database kzquiz must not use, :class:`~kzquiz.StoreError` for one it cannot reach. Opening a file
    for writing first checks it (``PRAGMA quick_check``). With ``read_only=True`` nothing is ever written or created
    (a missing file reads as an empty store) and read-only files and folders can be read; a PostgreSQL store is
    then opened in read-only transactions.
    """
    target = store_location(location)
    if isinstance(target, str):
        from kzquiz.stores.postgres import PostgresStore

        return PostgresStore(target, read_only=read_only)
    from kzquiz.stores.sqlite import SQLiteStore

    return SQLiteStore(target, read_only=read_only)


def read_study_counts(location: str | os.PathLike[str] | None, learner: str) -> StudyCounts:
    """A learner's :meth:`~kzquiz.Store.study_counts` from the store at ``location`` (as :func:`open_store` reads
    it), opened read-only and closed again: what ``kzquiz stats`` reads. An SQLite file is opened without the
    store's records (:class:`~kzquiz.stores.sqlitebase.SQLiteBase`), so that neither attrs nor the scheduler is
    loaded."""
    target = _store_target(location)
    store: SQLiteBase | PostgresStore
    if is_url(target):
        from kzquiz.stores.postgres import PostgresStore

        store = PostgresStore(target, read_only=True)
    else:
        from kzquiz.stores.sqlitebase import SQLiteBase

        store = SQLiteBase(target, read_only=True)
    try:
        return store.study_counts(learner)
    finally:
        store.close()

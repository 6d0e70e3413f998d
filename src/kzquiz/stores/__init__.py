"""The progress stores, side by side: one module per store behind the one :class:`~kzquiz.stores.base.Store` protocol.

* :mod:`kzquiz.stores.base`: the ``Store`` protocol and the records it reads and writes.
* :mod:`kzquiz.stores.memory`: ``MemoryStore``, everything in memory.
* :mod:`kzquiz.stores.sqlite`: ``SQLiteStore``, one SQLite file (the default).

:func:`open_store` chooses and opens a store; each store's module is imported only when that store is used, so
importing this package costs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kzquiz.stores.sqlite import SQLiteStore

__all__ = ["default_store_path", "open_store"]


def default_store_path() -> Path:
    """Where the store lives by default: ``$KZQUIZ_HOME/kzquiz.sqlite3``, or the user data directory's."""
    home = os.environ.get("KZQUIZ_HOME")
    if home:
        return Path(home).expanduser() / "kzquiz.sqlite3"
    import platformdirs  # only needed when no directory was given

    return platformdirs.user_data_path("kzquiz") / "kzquiz.sqlite3"


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> SQLiteStore:
    """Open (creating it if needed, with its parent directories) the SQLite store at ``path``.

    ``None`` means :func:`default_store_path`. Raises :class:`~kzquiz.NotAStoreError`,
    :class:`~kzquiz.DamagedStoreError` or :class:`~kzquiz.StoreVersionError` for a file kzquiz must not use.
    Opening for writing first checks the file (``PRAGMA quick_check``). With ``read_only=True`` nothing is ever
    written or created (a missing file reads as an empty store) and read-only files and folders can be read.
    """
    from kzquiz.stores.sqlite import SQLiteStore

    target = default_store_path() if path is None else Path(path)
    return SQLiteStore(target, read_only=read_only)

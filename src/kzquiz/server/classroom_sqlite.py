"""The classroom in one SQLite file (by default beside the progress store): see :mod:`kzquiz.server.classroom`.

Write-ahead logging lets the server's workers share the file; every write is one ``BEGIN IMMEDIATE``
transaction committed before the method returns. The file carries its own ``application_id`` so that it is never
mistaken for a progress store, nor a progress store for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kzquiz.errors import NotAStoreError, StoreError
from kzquiz.server.classroom import ClassroomError, Klass, Learner, Role, SignIn, StoredDeck, Teacher

APPLICATION_ID = 0x4B5A5343
"""``PRAGMA application_id`` of a classroom file: "KZSC" in ASCII."""

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE teachers (id INTEGER PRIMARY KEY, username TEXT NOT NULL, username_key TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE classes (id INTEGER PRIMARY KEY, teacher_id INTEGER NOT NULL REFERENCES teachers (id),
        name TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, UNIQUE (teacher_id, name))""",
    """CREATE TABLE learners (id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL REFERENCES classes (id),
        name TEXT NOT NULL, name_key TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL,
        UNIQUE (class_id, name_key))""",
    """CREATE TABLE decks (id INTEGER PRIMARY KEY, teacher_id INTEGER NOT NULL REFERENCES teachers (id),
        deck_id TEXT NOT NULL, title TEXT NOT NULL, source_name TEXT NOT NULL, text TEXT NOT NULL,
        uploaded_at TEXT NOT NULL, UNIQUE (teacher_id, deck_id))""",
    """CREATE TABLE assignments (class_id INTEGER NOT NULL REFERENCES classes (id),
        deck INTEGER NOT NULL REFERENCES decks (id), PRIMARY KEY (class_id, deck)) WITHOUT ROWID""",
    """CREATE TABLE sign_ins (token_hash TEXT PRIMARY KEY, role TEXT NOT NULL, account_id INTEGER NOT NULL,
        expires_at TEXT NOT NULL) WITHOUT ROWID""",
    "CREATE TABLE failures (key TEXT NOT NULL, at TEXT NOT NULL)",
    "CREATE INDEX failures_by_key ON failures (key, at)",
    "CREATE TABLE tickets (key TEXT PRIMARY KEY, at TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '') WITHOUT ROWID",
)


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _now() -> str:
    return _time(dt.datetime.now(dt.UTC))


def classroom_path_for(store_path: str | os.PathLike[str]) -> Path:
    """Where the classroom file lives by default: beside the progress store, ``NAME.classroom.sqlite3``."""
    path = Path(store_path)
    return path.with_name(f"{path.stem}.classroom.sqlite3")


class SQLiteClassroom:
    """The classroom in an SQLite file; see the module docstring."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Open (creating if needed) the classroom file at ``path``."""
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One event loop uses the connection at a time; it may be opened on another thread than it is used on.
            self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{self.path}: cannot open the classroom file: {error}") from None
        try:
            self._open()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise NotAStoreError(
                f"{self.path}: is not a kzquiz classroom file ({error}); it was left untouched"
            ) from None
        except BaseException:
            self._db.close()
            raise

    def _open(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotAStoreError(f"{self.path}: is an SQLite database but not a kzquiz classroom file; left untouched")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA foreign_keys = ON")
        if app_id == 0:
            with self._write() as db:
                for statement in SCHEMA:
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        elif "answer" not in {row[1] for row in self._db.execute("PRAGMA table_info(tickets)")}:
            with self._write() as db:  # a file from before tickets kept their answers
                db.execute("ALTER TABLE tickets ADD COLUMN answer TEXT NOT NULL DEFAULT ''")

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _one(self, query: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(query, args).fetchone()
        return row

    # -- the server's own keys ---------------------------------------------------------------------------------

    def secret(self) -> bytes:
        """The server's secret key (made on first use), shared by every worker."""
        row = self._one("SELECT value FROM meta WHERE key = 'secret'")
        if row is None:
            with self._write() as db:
                db.execute("INSERT OR IGNORE INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))
            row = self._one("SELECT value FROM meta WHERE key = 'secret'")
            assert row is not None
        return bytes.fromhex(row[0])

    def setup_token(self) -> str | None:
        """The first-run token, or ``None`` once a teacher exists."""
        if self.has_teacher():
            return None
        row = self._one("SELECT value FROM meta WHERE key = 'setup_token'")
        return None if row is None else str(row[0])

    def new_setup_token(self, token: str) -> None:
        """Remember the first-run token."""
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('setup_token', ?)", (token,))

    # -- teachers ----------------------------------------------------------------------------------------------

    def has_teacher(self) -> bool:
        """Whether any teacher account exists."""
        return self._one("SELECT 1 FROM teachers LIMIT 1") is not None

    def add_teacher(self, username: str, password_hash: str) -> Teacher:
        """Add a teacher; clears the first-run token."""
        try:
            with self._write() as db:
                cursor = db.execute(
                    "INSERT INTO teachers (username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    (username, username.casefold(), password_hash, _now()),
                )
                db.execute("DELETE FROM meta WHERE key = 'setup_token'")
        except sqlite3.IntegrityError:
            raise ClassroomError(f"there is already a teacher called {username!r}") from None
        assert cursor.lastrowid is not None
        return Teacher(cursor.lastrowid, username, password_hash)

    def teacher(self, teacher_id: int) -> Teacher | None:
        """A teacher by id."""
        row = self._one("SELECT id, username, password_hash FROM teachers WHERE id = ?", teacher_id)
        return None if row is None else Teacher(*row)

    def teacher_named(self, username: str) -> Teacher | None:
        """A teacher by username, without regard to case."""
        row = self._one("SELECT id, username, password_hash FROM teachers WHERE username_key = ?", username.casefold())
        return None if row is None else Teacher(*row)

    # -- classes -----------------------------------------------------------------------------------------------

    def add_class(self, teacher_id: int, name: str, join_code: str) -> Klass:
        """Add a class."""
        try:
            with self._write() as db:
                cursor = db.execute(
                    "INSERT INTO classes (teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?)",
                    (teacher_id, name, join_code.upper(), _now()),
                )
        except sqlite3.IntegrityError:
            raise ClassroomError(f"you already have a class called {name!r}") from None
        assert cursor.lastrowid is not None
        return Klass(cursor.lastrowid, teacher_id, name, join_code.upper())

    def classes(self, teacher_id: int) -> list[Klass]:
        """A teacher's classes, by name."""
        rows = self._db.execute(
            "SELECT id, teacher_id, name, join_code FROM classes WHERE teacher_id = ? ORDER BY name, id", (teacher_id,)
        )
        return [Klass(*row) for row in rows]

    def klass(self, class_id: int) -> Klass | None:
        """A class by id."""
        row = self._one("SELECT id, teacher_id, name, join_code FROM classes WHERE id = ?", class_id)
        return None if row is None else Klass(*row)

    def class_with_code(self, join_code: str) -> Klass | None:
        """The class a join code opens."""
        row = self._one("SELECT id, teacher_id, name, join_code FROM classes WHERE join_code = ?", join_code.upper())
        return None if row is None else Klass(*row)

    # -- learners ----------------------------------------------------------------------------------------------

    def add_learner(self, class_id: int, name: str, password_hash: str) -> Learner:
        """Add a learner to a class."""
        try:
            with self._write() as db:
                cursor = db.execute(
                    "INSERT INTO learners (class_id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                    (class_id, name, name.casefold(), password_hash, _now()),
                )
        except sqlite3.IntegrityError:
            raise ClassroomError(f"the class already has a learner called {name!r}: choose another name") from None
        assert cursor.lastrowid is not None
        return Learner(cursor.lastrowid, class_id, name, password_hash)

    def learner(self, learner_id: int) -> Learner | None:
        """A learner by id."""
        row = self._one("SELECT id, class_id, name, password_hash FROM learners WHERE id = ?", learner_id)
        return None if row is None else Learner(*row)

    def learner_named(self, class_id: int, name: str) -> Learner | None:
        """A class's learner by name, without regard to case."""
        row = self._one(
            "SELECT id, class_id, name, password_hash FROM learners WHERE class_id = ? AND name_key = ?",
            class_id,
            name.casefold(),
        )
        return None if row is None else Learner(*row)

    def learners(self, class_id: int) -> list[Learner]:
        """A class's learners, by name."""
        rows = self._db.execute(
            "SELECT id, class_id, name, password_hash FROM learners WHERE class_id = ? ORDER BY name_key", (class_id,)
        )
        return [Learner(*row) for row in rows]

    # -- decks -------------------------------------------------------------------------------------------------

    _DECK = "SELECT id, teacher_id, deck_id, title, source_name, text, uploaded_at FROM decks"
    _LISTED = "SELECT id, teacher_id, deck_id, title, source_name, '', uploaded_at FROM decks"  # no text: see listings

    @staticmethod
    def _deck(row: tuple[Any, ...]) -> StoredDeck:
        key, teacher_id, deck_id, title, source_name, text, uploaded_at = row
        return StoredDeck(key, teacher_id, deck_id, title, source_name, text, dt.datetime.fromisoformat(uploaded_at))

    def save_deck(self, teacher_id: int, deck_id: str, title: str, source_name: str, text: str) -> StoredDeck:
        """Save a deck, replacing the teacher's older version with the same deck id."""
        with self._write() as db:
            db.execute(
                """INSERT INTO decks (teacher_id, deck_id, title, source_name, text, uploaded_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (teacher_id, deck_id) DO UPDATE SET
                   title = excluded.title, source_name = excluded.source_name, text = excluded.text,
                   uploaded_at = excluded.uploaded_at""",
                (teacher_id, deck_id, title, source_name, text, _now()),
            )
            row = db.execute(self._DECK + " WHERE teacher_id = ? AND deck_id = ?", (teacher_id, deck_id)).fetchone()
        return self._deck(row)

    def deck(self, deck_key: int) -> StoredDeck | None:
        """An uploaded deck by its key."""
        row = self._one(self._DECK + " WHERE id = ?", deck_key)
        return None if row is None else self._deck(row)

    def teacher_decks(self, teacher_id: int) -> list[StoredDeck]:
        """A teacher's decks, by title, without their text."""
        rows = self._db.execute(self._LISTED + " WHERE teacher_id = ? ORDER BY title, id", (teacher_id,))
        return [self._deck(row) for row in rows]

    def assign(self, class_id: int, deck_key: int) -> None:
        """Assign a deck to a class."""
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO assignments VALUES (?, ?)", (class_id, deck_key))

    def unassign(self, class_id: int, deck_key: int) -> None:
        """Take a deck away from a class."""
        with self._write() as db:
            db.execute("DELETE FROM assignments WHERE class_id = ? AND deck = ?", (class_id, deck_key))

    def class_decks(self, class_id: int) -> list[StoredDeck]:
        """The decks assigned to a class, by title, without their text."""
        rows = self._db.execute(
            self._LISTED + " WHERE id IN (SELECT deck FROM assignments WHERE class_id = ?) ORDER BY title, id",  # noqa: S608 - constant text; values are bound
            (class_id,),
        )
        return [self._deck(row) for row in rows]

    # -- sign-ins ----------------------------------------------------------------------------------------------

    def add_sign_in(self, token_hash: str, sign_in: SignIn, now: dt.datetime) -> None:
        """Remember a sign-in; those expired at ``now`` are swept at the same time."""
        with self._write() as db:
            db.execute("DELETE FROM sign_ins WHERE expires_at < ?", (_time(now),))
            db.execute(
                "INSERT INTO sign_ins VALUES (?, ?, ?, ?)",
                (token_hash, sign_in.role.value, sign_in.account_id, _time(sign_in.expires_at)),
            )

    def sign_in(self, token_hash: str, now: dt.datetime) -> SignIn | None:
        """The sign-in with this token digest, unless it expired."""
        row = self._one("SELECT role, account_id, expires_at FROM sign_ins WHERE token_hash = ?", token_hash)
        if row is None:
            return None
        expires = dt.datetime.fromisoformat(row[2])
        return SignIn(Role(row[0]), row[1], expires) if expires > now else None

    def end_sign_in(self, token_hash: str) -> None:
        """Forget a sign-in."""
        with self._write() as db:
            db.execute("DELETE FROM sign_ins WHERE token_hash = ?", (token_hash,))

    def add_failure(self, keys: list[str], now: dt.datetime) -> None:
        """Note a failed sign-in under each key; failures older than a day are swept."""
        with self._write() as db:
            db.execute("DELETE FROM failures WHERE at < ?", (_time(now - dt.timedelta(days=1)),))
            db.executemany("INSERT INTO failures VALUES (?, ?)", [(key, _time(now)) for key in keys])

    def failures(self, key: str, since: dt.datetime) -> int:
        """Failed sign-ins under ``key`` since ``since``."""
        row = self._one("SELECT count(*) FROM failures WHERE key = ? AND at >= ?", key, _time(since))
        return int(row[0]) if row else 0

    def claim_ticket(self, key: str, now: dt.datetime, answer: str) -> str | None:
        """Claim a ticket once; tickets older than two days are swept (a ticket lives 12 hours)."""
        hashed = hashlib.sha256(key.encode()).hexdigest()
        with self._write() as db:
            if now.minute == 0:  # sweep now and then, not on every answer
                db.execute("DELETE FROM tickets WHERE at < ?", (_time(now - dt.timedelta(days=2)),))
            cursor = db.execute("INSERT OR IGNORE INTO tickets VALUES (?, ?, ?)", (hashed, _time(now), answer))
            if cursor.rowcount == 1:
                return None
            row = db.execute("SELECT answer FROM tickets WHERE key = ?", (hashed,)).fetchone()
        return str(row[0]) if row else ""

    def release_ticket(self, key: str) -> None:
        """Give a ticket back."""
        with self._write() as db:
            db.execute("DELETE FROM tickets WHERE key = ?", (hashlib.sha256(key.encode()).hexdigest(),))

    def close(self) -> None:
        """Close the file."""
        self._db.close()

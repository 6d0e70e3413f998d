"""The classroom in PostgreSQL, beside a school's progress store: see :mod:`kzquiz.server.classroom`.

Chosen by a ``postgresql://`` URL (``kzquiz serve --db`` or ``--classroom``); its tables, all named ``classroom_...``,
go in the URL's schema, made on first use. Every write is one transaction committed before the method returns; a
lost connection is opened again and the work retried once. Several servers can share one database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from kzquiz.errors import StoreError
from kzquiz.server.classroom import ClassroomError, Klass, Learner, Role, SignIn, StoredDeck, Teacher
from kzquiz.stores.postgres import redact

T = TypeVar("T")

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS classroom_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS classroom_teachers (id BIGSERIAL PRIMARY KEY, username TEXT NOT NULL,
        username_key TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS classroom_classes (id BIGSERIAL PRIMARY KEY,
        teacher_id BIGINT NOT NULL REFERENCES classroom_teachers (id), name TEXT NOT NULL,
        join_code TEXT NOT NULL UNIQUE, created_at TIMESTAMPTZ NOT NULL, UNIQUE (teacher_id, name))""",
    """CREATE TABLE IF NOT EXISTS classroom_learners (id BIGSERIAL PRIMARY KEY,
        class_id BIGINT NOT NULL REFERENCES classroom_classes (id), name TEXT NOT NULL, name_key TEXT NOT NULL,
        password_hash TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, UNIQUE (class_id, name_key))""",
    """CREATE TABLE IF NOT EXISTS classroom_decks (id BIGSERIAL PRIMARY KEY,
        teacher_id BIGINT NOT NULL REFERENCES classroom_teachers (id), deck_id TEXT NOT NULL, title TEXT NOT NULL,
        source_name TEXT NOT NULL, text TEXT NOT NULL, uploaded_at TIMESTAMPTZ NOT NULL,
        UNIQUE (teacher_id, deck_id))""",
    """CREATE TABLE IF NOT EXISTS classroom_assignments (class_id BIGINT NOT NULL REFERENCES classroom_classes (id),
        deck BIGINT NOT NULL REFERENCES classroom_decks (id), PRIMARY KEY (class_id, deck))""",
    """CREATE TABLE IF NOT EXISTS classroom_sign_ins (token_hash TEXT PRIMARY KEY, role TEXT NOT NULL,
        account_id BIGINT NOT NULL, expires_at TIMESTAMPTZ NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS classroom_failures (key TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)",
    "CREATE INDEX IF NOT EXISTS classroom_failures_by_key ON classroom_failures (key, at)",
    "CREATE TABLE IF NOT EXISTS classroom_tickets (key TEXT PRIMARY KEY, at TIMESTAMPTZ NOT NULL)",
    "ALTER TABLE classroom_tickets ADD COLUMN IF NOT EXISTS answer TEXT NOT NULL DEFAULT ''",
)

_DECK = "SELECT id, teacher_id, deck_id, title, source_name, text, uploaded_at FROM classroom_decks"
_LISTED = "SELECT id, teacher_id, deck_id, title, source_name, '', uploaded_at FROM classroom_decks"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _deck(row: tuple[Any, ...]) -> StoredDeck:
    return StoredDeck(*row)


class PostgresClassroom:
    """The classroom in a PostgreSQL schema; see the module docstring."""

    def __init__(self, url: str) -> None:
        """Connect to the database at ``url`` and make the classroom's tables if they are missing."""
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                f"{redact(url)}: a PostgreSQL classroom needs psycopg: pip install 'kzquiz[postgres]'"
            ) from None
        self._psycopg = psycopg
        self.url = url
        self._conn: Any = None

        def create(conn: Any) -> None:
            if conn.execute("SELECT current_schema()").fetchone()[0] is None:
                raise StoreError(
                    f"{redact(url)}: the schema does not exist yet: open the progress store there first "
                    "(kzquiz serve does), or create the schema"
                )
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('kzquiz-classroom:' || current_schema()))")
            for statement in SCHEMA:
                conn.execute(statement)

        try:
            self._run(create)
        except BaseException:
            self.close()
            raise

    def _connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            self._conn = self._psycopg.connect(self.url, autocommit=True, connect_timeout=10)
            self._conn.execute("SET TIME ZONE 'UTC'")
        return self._conn

    def _run(self, work: Callable[[Any], T], *, write: bool = True) -> T:
        """Run ``work`` (in one transaction when it writes; a read is one statement, committed by itself); a
        connection found lost is opened again and the work retried once."""
        for attempt in (1, 2):
            try:
                conn = self._connection()
                if not write:
                    return work(conn)
                with conn.transaction():
                    return work(conn)
            except self._psycopg.OperationalError as error:
                with contextlib.suppress(Exception):
                    self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise StoreError(f"{redact(self.url)}: cannot reach the database ({error})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _one(self, query: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._run(lambda conn: conn.execute(query, args).fetchone(), write=False)
        return row

    def _all(self, query: str, *args: Any) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._run(lambda conn: conn.execute(query, args).fetchall(), write=False)
        return rows

    def _insert(self, query: str, args: tuple[Any, ...], taken: str) -> tuple[Any, ...]:
        try:
            row: tuple[Any, ...] = self._run(lambda conn: conn.execute(query, args).fetchone())
        except self._psycopg.errors.UniqueViolation:
            raise ClassroomError(taken) from None
        return row

    def secret(self) -> bytes:
        """The server's secret key (made on first use), shared by every server on the database."""

        def work(conn: Any) -> str:
            conn.execute(
                "INSERT INTO classroom_meta VALUES ('secret', %s) ON CONFLICT (key) DO NOTHING",
                (secrets.token_hex(32),),
            )
            return str(conn.execute("SELECT value FROM classroom_meta WHERE key = 'secret'").fetchone()[0])

        return bytes.fromhex(self._run(work))

    def setup_token(self) -> str | None:
        """The first-run token, or ``None`` once a teacher exists."""
        if self.has_teacher():
            return None
        row = self._one("SELECT value FROM classroom_meta WHERE key = 'setup_token'")
        return None if row is None else str(row[0])

    def new_setup_token(self, token: str) -> None:
        """Remember the first-run token."""
        self._run(
            lambda conn: conn.execute(
                "INSERT INTO classroom_meta VALUES ('setup_token', %s) ON CONFLICT (key) DO UPDATE SET value = %s",
                (token, token),
            )
        )

    def has_teacher(self) -> bool:
        """Whether any teacher account exists."""
        return self._one("SELECT 1 FROM classroom_teachers LIMIT 1") is not None

    def add_teacher(self, username: str, password_hash: str) -> Teacher:
        """Add a teacher; clears the first-run token."""

        def work(conn: Any) -> tuple[Any, ...]:
            row = conn.execute(
                "INSERT INTO classroom_teachers (username, username_key, password_hash, created_at) "
                "VALUES (%s, %s, %s, %s) RETURNING id",
                (username, username.casefold(), password_hash, _now()),
            ).fetchone()
            conn.execute("DELETE FROM classroom_meta WHERE key = 'setup_token'")
            return tuple(row)

        try:
            row = self._run(work)
        except self._psycopg.errors.UniqueViolation:
            raise ClassroomError(f"there is already a teacher called {username!r}") from None
        return Teacher(row[0], username, password_hash)

    def teacher(self, teacher_id: int) -> Teacher | None:
        """A teacher by id."""
        row = self._one("SELECT id, username, password_hash FROM classroom_teachers WHERE id = %s", teacher_id)
        return None if row is None else Teacher(*row)

    def teacher_named(self, username: str) -> Teacher | None:
        """A teacher by username, without regard to case."""
        query = "SELECT id, username, password_hash FROM classroom_teachers WHERE username_key = %s"
        row = self._one(query, username.casefold())
        return None if row is None else Teacher(*row)

    def add_class(self, teacher_id: int, name: str, join_code: str) -> Klass:
        """Add a class."""
        row = self._insert(
            "INSERT INTO classroom_classes (teacher_id, name, join_code, created_at) VALUES (%s, %s, %s, %s) "
            "RETURNING id",
            (teacher_id, name, join_code.upper(), _now()),
            f"you already have a class called {name!r}",
        )
        return Klass(row[0], teacher_id, name, join_code.upper())

    def classes(self, teacher_id: int) -> list[Klass]:
        """A teacher's classes, by name."""
        query = "SELECT id, teacher_id, name, join_code FROM classroom_classes WHERE teacher_id = %s ORDER BY name, id"
        return [Klass(*row) for row in self._all(query, teacher_id)]

    def klass(self, class_id: int) -> Klass | None:
        """A class by id."""
        row = self._one("SELECT id, teacher_id, name, join_code FROM classroom_classes WHERE id = %s", class_id)
        return None if row is None else Klass(*row)

    def class_with_code(self, join_code: str) -> Klass | None:
        """The class a join code opens."""
        query = "SELECT id, teacher_id, name, join_code FROM classroom_classes WHERE join_code = %s"
        row = self._one(query, join_code.upper())
        return None if row is None else Klass(*row)

    def add_learner(self, class_id: int, name: str, password_hash: str) -> Learner:
        """Add a learner to a class."""
        row = self._insert(
            "INSERT INTO classroom_learners (class_id, name, name_key, password_hash, created_at) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (class_id, name, name.casefold(), password_hash, _now()),
            f"the class already has a learner called {name!r}: choose another name",
        )
        return Learner(row[0], class_id, name, password_hash)

    def learner(self, learner_id: int) -> Learner | None:
        """A learner by id."""
        row = self._one("SELECT id, class_id, name, password_hash FROM classroom_learners WHERE id = %s", learner_id)
        return None if row is None else Learner(*row)

    def learner_named(self, class_id: int, name: str) -> Learner | None:
        """A class's learner by name, without regard to case."""
        query = "SELECT id, class_id, name, password_hash FROM classroom_learners WHERE class_id = %s AND name_key = %s"
        row = self._one(query, class_id, name.casefold())
        return None if row is None else Learner(*row)

    def learners(self, class_id: int) -> list[Learner]:
        """A class's learners, by name."""
        query = "SELECT id, class_id, name, password_hash FROM classroom_learners WHERE class_id = %s ORDER BY name_key"
        return [Learner(*row) for row in self._all(query, class_id)]

    def save_deck(self, teacher_id: int, deck_id: str, title: str, source_name: str, text: str) -> StoredDeck:
        """Save a deck, replacing the teacher's older version with the same deck id."""
        row = self._one(
            "INSERT INTO classroom_decks (teacher_id, deck_id, title, source_name, text, uploaded_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (teacher_id, deck_id) DO UPDATE SET title = excluded.title, "
            "source_name = excluded.source_name, text = excluded.text, uploaded_at = excluded.uploaded_at "
            "RETURNING id, teacher_id, deck_id, title, source_name, text, uploaded_at",
            teacher_id,
            deck_id,
            title,
            source_name,
            text,
            _now(),
        )
        assert row is not None
        return _deck(row)

    def deck(self, deck_key: int) -> StoredDeck | None:
        """An uploaded deck by its key."""
        row = self._one(_DECK + " WHERE id = %s", deck_key)
        return None if row is None else _deck(row)

    def teacher_decks(self, teacher_id: int) -> list[StoredDeck]:
        """A teacher's decks, by title, without their text."""
        return [_deck(row) for row in self._all(_LISTED + " WHERE teacher_id = %s ORDER BY title, id", teacher_id)]

    def assign(self, class_id: int, deck_key: int) -> None:
        """Assign a deck to a class."""
        query = "INSERT INTO classroom_assignments VALUES (%s, %s) ON CONFLICT DO NOTHING"
        self._run(lambda conn: conn.execute(query, (class_id, deck_key)))

    def unassign(self, class_id: int, deck_key: int) -> None:
        """Take a deck away from a class."""
        query = "DELETE FROM classroom_assignments WHERE class_id = %s AND deck = %s"
        self._run(lambda conn: conn.execute(query, (class_id, deck_key)))

    def class_decks(self, class_id: int) -> list[StoredDeck]:
        """The decks assigned to a class, by title, without their text."""
        assigned = " WHERE id IN (SELECT deck FROM classroom_assignments WHERE class_id = %s) ORDER BY title, id"
        query = _LISTED + assigned
        return [_deck(row) for row in self._all(query, class_id)]

    def add_sign_in(self, token_hash: str, sign_in: SignIn, now: dt.datetime) -> None:
        """Remember a sign-in; those expired at ``now`` are swept at the same time."""

        def work(conn: Any) -> None:
            conn.execute("DELETE FROM classroom_sign_ins WHERE expires_at < %s", (now,))
            conn.execute(
                "INSERT INTO classroom_sign_ins VALUES (%s, %s, %s, %s)",
                (token_hash, sign_in.role.value, sign_in.account_id, sign_in.expires_at),
            )

        self._run(work)

    def sign_in(self, token_hash: str, now: dt.datetime) -> SignIn | None:
        """The sign-in with this token digest, unless it expired."""
        query = "SELECT role, account_id, expires_at FROM classroom_sign_ins WHERE token_hash = %s"
        row = self._one(query, token_hash)
        if row is None or row[2] <= now:
            return None
        return SignIn(Role(row[0]), row[1], row[2])

    def end_sign_in(self, token_hash: str) -> None:
        """Forget a sign-in."""
        self._run(lambda conn: conn.execute("DELETE FROM classroom_sign_ins WHERE token_hash = %s", (token_hash,)))

    def add_failure(self, keys: list[str], now: dt.datetime) -> None:
        """Note a failed sign-in under each key; failures older than a day are swept."""

        def work(conn: Any) -> None:
            conn.execute("DELETE FROM classroom_failures WHERE at < %s", (now - dt.timedelta(days=1),))
            for key in keys:
                conn.execute("INSERT INTO classroom_failures VALUES (%s, %s)", (key, now))

        self._run(work)

    def failures(self, key: str, since: dt.datetime) -> int:
        """Failed sign-ins under ``key`` since ``since``."""
        row = self._one("SELECT count(*) FROM classroom_failures WHERE key = %s AND at >= %s", key, since)
        return int(row[0]) if row else 0

    def claim_ticket(self, key: str, now: dt.datetime, answer: str) -> str | None:
        """Claim a ticket once; tickets older than two days are swept now and then."""
        hashed = hashlib.sha256(key.encode()).hexdigest()

        def work(conn: Any) -> str | None:
            if now.minute == 0:
                conn.execute("DELETE FROM classroom_tickets WHERE at < %s", (now - dt.timedelta(days=2),))
            cursor = conn.execute(
                "INSERT INTO classroom_tickets (key, at, answer) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                (hashed, now, answer),
            )
            if cursor.rowcount == 1:
                return None
            row = conn.execute("SELECT answer FROM classroom_tickets WHERE key = %s", (hashed,)).fetchone()
            return str(row[0]) if row else ""  # given back in between: its answer was not recorded

        return self._run(work)

    def release_ticket(self, key: str) -> None:
        """Give a ticket back."""
        hashed = hashlib.sha256(key.encode()).hexdigest()
        self._run(lambda conn: conn.execute("DELETE FROM classroom_tickets WHERE key = %s", (hashed,)))

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

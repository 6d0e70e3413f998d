"""The PostgreSQL progress store: a whole school on one database server, behind the same Store protocol.

Chosen by a ``postgresql://`` URL (``--db``, ``KZQUIZ_DB``, :func:`kzquiz.open_store`); credentials come from the
URL, the libpq environment variables (``PGHOST``, ``PGUSER``, ``PGPASSWORD``...) or ``~/.pgpass``, and a password
is never shown back: every message names the database by its URL with the password replaced by ``***``.

The tables live in the connection's current schema, so several classes share one database with one schema each,
chosen in the URL the libpq way (``?options=-csearch_path%3Dclass_7b``); a schema that does not exist yet is
created. The schema is marked as kzquiz's by its ``kzquiz_meta`` table, which also holds the schema version; older
schemas are migrated forward in one transaction, and a schema holding another application's tables, or written by
a newer kzquiz, is refused and left untouched.

Every write is one transaction, committed before the method returns. Concurrency rests on the database: unique
keys and ``ON CONFLICT`` make two sessions (two learners, or one learner in two terminals) safe without any lock
of ours. A lost connection (a server restart, a network cut) is retried for a few seconds on a new connection;
every write is idempotent (a review is identified by its uid), so a retry after a commit whose answer was lost
never saves anything twice. When the server stays away, :class:`~kzquiz.StoreConnectionError` says so and the
change counts as not saved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.errors import (
    AppealError,
    DamagedStoreError,
    NotAStoreError,
    StoreConnectionError,
    StoreError,
    StoreVersionError,
)
from kzquiz.figures import RECENT_REVIEWS, StudiedFact, StudyCounts
from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores.base import AnswerCount, DeckRecord, FactCount, ReviewRecord, fact_ids_of
from kzquiz.stores.common import memory_values, settings_to_json, utc
from kzquiz.stores.rows import deck_from_row, settings_from_json

if TYPE_CHECKING:
    import psycopg

    from kzquiz.model import Deck

__all__ = ["SCHEMA_VERSION", "PostgresStore", "redact"]

T = TypeVar("T")

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # Version 1: the SQLite store's tables (its schema version 3: appeals, a uid per review), in PostgreSQL's types.
    (
        "CREATE TABLE kzquiz_meta (key text PRIMARY KEY, value text NOT NULL)",
        "INSERT INTO kzquiz_meta (key, value) VALUES ('application', 'kzquiz'), ('schema_version', '0')",
        "CREATE TABLE learners (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, "
        "settings jsonb)",
        "CREATE TABLE decks (id text PRIMARY KEY, content_hash text NOT NULL, title text NOT NULL)",
        """CREATE TABLE memory (
            learner_id bigint NOT NULL REFERENCES learners (id),
            deck_id text NOT NULL REFERENCES decks (id),
            fact_id text NOT NULL,
            state text NOT NULL,
            step integer,
            stability double precision,
            difficulty double precision,
            due timestamptz NOT NULL,
            last_review timestamptz,
            reps integer NOT NULL,
            lapses integer NOT NULL,
            question_id text NOT NULL,
            PRIMARY KEY (learner_id, deck_id, fact_id)
        )""",
        "CREATE INDEX memory_due ON memory (learner_id, due)",
        """CREATE TABLE reviews (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uid text NOT NULL UNIQUE,
            learner_id bigint NOT NULL REFERENCES learners (id),
            deck_id text NOT NULL REFERENCES decks (id),
            fact_id text NOT NULL,
            question_id text NOT NULL,
            form text NOT NULL,
            answer text NOT NULL,
            correct boolean NOT NULL,
            score double precision NOT NULL,
            match text NOT NULL,
            rating smallint NOT NULL,
            duration double precision,
            reviewed_at timestamptz NOT NULL
        )""",
        # covers the review log read in time order and kzquiz stats' per-minute counts
        "CREATE INDEX reviews_by_learner ON reviews (learner_id, reviewed_at, correct)",
        """CREATE FUNCTION kzquiz_reviews_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'the review log is append-only'; END $$""",
        """CREATE TRIGGER reviews_are_kept BEFORE UPDATE OR DELETE ON reviews
           FOR EACH ROW EXECUTE FUNCTION kzquiz_reviews_are_kept()""",
        """CREATE TRIGGER reviews_are_not_truncated BEFORE TRUNCATE ON reviews
           FOR EACH STATEMENT EXECUTE FUNCTION kzquiz_reviews_are_kept()""",
        # "I was right" appeals, each beside the review it is about (named by learner, question and time)
        """CREATE TABLE appeals (
            learner_id bigint NOT NULL REFERENCES learners (id),
            question_id text NOT NULL,
            reviewed_at timestamptz NOT NULL,
            deck_id text NOT NULL,
            fact_id text NOT NULL,
            answer text NOT NULL,
            made_at timestamptz NOT NULL,
            status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
            decided_at timestamptz,
            teacher boolean NOT NULL,
            PRIMARY KEY (learner_id, question_id, reviewed_at)
        )""",
    ),
    # Version 2: each deck's fact ids, so that kzquiz stats counts the facts never asked as new.
    ("ALTER TABLE decks ADD COLUMN fact_ids jsonb NOT NULL DEFAULT '[]'::jsonb",),
)
"""Forward migrations: ``MIGRATIONS[n]`` takes a schema from version ``n`` to ``n + 1``, in one transaction."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this kzquiz writes; a schema with a higher version is refused."""

RETRY_SECONDS = 10.0
"""How long a lost connection is retried (on new connections) before the store gives up."""

_PASSWORD_KEYS = {"password"}


def redact(url: str) -> str:
    """The URL with any password (in the user part or a ``password=`` parameter) replaced by ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "***"  # not a URL: show nothing that could be a secret
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    netloc, tail = rest[:end], rest[end:]
    if "@" in netloc:
        user, _, hosts = netloc.rpartition("@")
        if ":" in user:
            netloc = user.partition(":")[0] + ":***@" + hosts
    path, question, query = tail.partition("?")
    if question:
        fields = [
            "password=***" if field.partition("=")[0].lower() == "password" else field for field in query.split("&")
        ]
        tail = path + "?" + "&".join(fields)
    return f"{scheme}://{netloc}{tail}"


_STATES = {state.value: state for state in CardState}

_MEMORY_COLUMNS = "deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id"

_REVIEW_COLUMNS = (
    "deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, reviewed_at, uid"
)

_SELECT_MEMORY = f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE learner_id = %s"  # noqa: S608 - constant columns
_UPSERT_MEMORY = (
    f"INSERT INTO memory (learner_id, {_MEMORY_COLUMNS}) VALUES ({', '.join(['%s'] * 12)}) "  # noqa: S608 - constant columns
    "ON CONFLICT (learner_id, deck_id, fact_id) DO UPDATE SET state = excluded.state, step = excluded.step, "
    "stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due, "
    "last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses, "
    "question_id = excluded.question_id"
)
_SELECT_REVIEWS = f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE learner_id = %s ORDER BY reviewed_at, id"  # noqa: S608
_INSERT_REVIEW = (
    f"INSERT INTO reviews (learner_id, {_REVIEW_COLUMNS}) VALUES ({', '.join(['%s'] * 13)}) "  # noqa: S608 - constant columns
    "ON CONFLICT (uid) DO NOTHING"
)

_ACTIVITY = (
    "SELECT date_trunc('minute', reviewed_at), count(*), count(*) FILTER (WHERE correct) FROM reviews "
    "WHERE learner_id = %s GROUP BY 1 ORDER BY 1"
)
_REVIEW_DAYS = (
    "SELECT min(reviewed_at), max(reviewed_at), count(*), count(*) FILTER (WHERE correct) FROM reviews "
    "WHERE learner_id = %s GROUP BY (reviewed_at AT TIME ZONE 'UTC')::date ORDER BY 1"
)
_RECENT_ANSWERS = (
    # each fact's last answers (the newest first: the log's order reversed), wrong unless an appeal stands
    "SELECT deck_id, fact_id, count(*), count(*) FILTER (WHERE NOT correct AND NOT EXISTS (SELECT 1 FROM appeals AS a "
    "WHERE a.learner_id = r.learner_id AND a.question_id = r.question_id AND a.reviewed_at = r.reviewed_at "
    "AND a.status != 'rejected')) FROM (SELECT learner_id, deck_id, fact_id, question_id, correct, reviewed_at, "
    "row_number() OVER (PARTITION BY deck_id, fact_id ORDER BY reviewed_at DESC, id DESC) AS latest "
    "FROM reviews WHERE learner_id = %s) AS r WHERE latest <= %s GROUP BY deck_id, fact_id"
)
"""kzquiz stats' queries: reviews and right answers per minute, and per day in UTC (with the day's first and last
review), and each fact's last answers."""

_FACT_COUNTS = (
    "SELECT learners.name, counted.deck_id, counted.fact_id, asked, right_, partial FROM (SELECT learner_id, "
    "deck_id, fact_id, count(*) AS asked, count(*) FILTER (WHERE correct) AS right_, "
    "count(*) FILTER (WHERE NOT correct AND score > 0) AS partial FROM reviews WHERE {within} GROUP BY 1, 2, 3) "
    "AS counted JOIN learners ON learners.id = counted.learner_id"
)
_WRONG_BY_LEARNER = (
    "SELECT learners.name, deck_id, fact_id, question_id, answer, n FROM (SELECT learner_id, deck_id, fact_id, "
    "question_id, answer, count(*) AS n FROM reviews WHERE NOT correct AND score <= 0 AND {within} "
    "GROUP BY 1, 2, 3, 4, 5) AS counted "
    "JOIN learners ON learners.id = counted.learner_id"
)
_WRONG_IN_CLASS = (
    "SELECT '', deck_id, fact_id, question_id, answer, count(*) FROM reviews WHERE NOT correct AND score <= 0 "
    "AND {within} GROUP BY 2, 3, 4, 5"
)
"""kzquiz report's queries: a whole class's answers counted by the server, each in one pass over the log (of the
rows ``{within}`` keeps: see :func:`_within`)."""


def _within(learner_ids: Iterable[int] | None, deck_ids: Iterable[str] | None) -> tuple[str, tuple[Any, ...]]:
    """The condition on ``reviews`` that keeps only these learners' and decks' rows (any for ``None``), and its
    parameters (each list is one array parameter, so that a class of any size is one). The learners go in by id,
    so that the planner sees how few rows they have and reads them through the learner index."""
    conditions: list[str] = ["TRUE"]
    params: list[Any] = []
    if learner_ids is not None:
        conditions.append("learner_id = ANY(%s)")
        params.append(list(learner_ids))
    if deck_ids is not None:
        conditions.append("deck_id = ANY(%s)")
        params.append(list(deck_ids))
    return " AND ".join(conditions), tuple(params)


def _counted(
    conn: psycopg.Connection[Any], query: str, learners: Iterable[str] | None, deck_ids: Iterable[str] | None
) -> list[tuple[Any, ...]]:
    conn.execute("SET LOCAL work_mem = '64MB'")  # a class's counts fit in memory: no spill to disk
    ids = None
    if learners is not None:
        ids = [row[0] for row in _rows(conn, "SELECT id FROM learners WHERE name = ANY(%s)", (list(learners),))]
    within, params = _within(ids, deck_ids)
    return _rows(conn, query.format(within=within), params)


def _rows(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = conn.execute(query, params).fetchall()
    return rows


def _row(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = conn.execute(query, params).fetchone()
    return row


def _retryable(error: Exception) -> bool:
    """Whether an error means the connection or the server went away (worth a new connection), not a refusal."""
    state = getattr(error, "sqlstate", None)
    # no SQLSTATE: no answer from the server at all; class 08: connection exception; 57P: server shutting down,
    # starting up or restarting; 40001/40P01: a serialization failure or deadlock, retried as PostgreSQL advises
    return state is None or state.startswith(("08", "57P")) or state in {"40001", "40P01"}


def _memory(row: tuple[Any, ...]) -> Memory:
    deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id = row
    return Memory(
        fact_id, deck_id, _STATES[state], step, stability, difficulty, due, last_review, reps, lapses, question_id
    )


class PostgresStore:
    """A progress store in a PostgreSQL schema, for a whole school on one server: every write is one transaction
    committed before the method returns, a lost connection is retried, and passwords are never shown.

    ``url`` is a libpq connection URL; ``retry_seconds`` is how long a lost connection is retried.
    """

    def __init__(self, url: str, *, retry_seconds: float = RETRY_SECONDS, read_only: bool = False) -> None:
        """Connect to the database at ``url`` and check (creating or migrating it if needed) the kzquiz schema.

        With ``read_only``, every transaction is read-only and nothing is created or migrated.
        """
        try:
            import psycopg
            import psycopg.conninfo
        except ImportError:
            raise StoreError(
                f"{redact(url)}: a PostgreSQL store needs psycopg: pip install 'kzquiz[postgres]'"
            ) from None
        self._psycopg = psycopg
        self.url = url
        self.retry_seconds = retry_seconds
        self.read_only = read_only
        try:
            params = psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError as error:
            raise StoreError(f"{redact(url)}: not a valid PostgreSQL URL ({self._scrub(error)})") from None
        self._secret = str(params.get("password") or "")
        defaults = {"connect_timeout": "10", "application_name": "kzquiz"}
        self._conninfo = psycopg.conninfo.make_conninfo(url, **{k: v for k, v in defaults.items() if k not in params})
        self._conn: psycopg.Connection[Any] | None = None
        self._pending: dict[str, int] = {}
        self._pending_decks: set[str] = set()
        self.schema = ""
        self._learner_ids: dict[str, int] = {}
        self._deck_ids: set[str] = set()
        self._closed = False
        try:
            self._run(self._open, write=False)
        except BaseException:
            self.close()
            raise

    # -- connections, errors and retries ---------------------------------------------------------------------

    @property
    def where(self) -> str:
        """How messages name this store: the URL without its password, and the schema."""
        return f"{redact(self.url)} (schema {self.schema})" if self.schema else redact(self.url)

    def _scrub(self, error: BaseException) -> str:
        text = " ".join(str(error).split()) or type(error).__name__
        return text.replace(self._secret, "***") if getattr(self, "_secret", "") else text

    def _connection(self) -> psycopg.Connection[Any]:
        if self._closed:
            raise StoreError(f"{self.where}: the store is closed")
        if self._conn is None or self._conn.closed:
            conn = self._psycopg.connect(self._conninfo, autocommit=True)
            conn.execute("SET TIME ZONE 'UTC'")
            if self.read_only:
                conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            self._conn = conn
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None

    def _run(self, work: Callable[[psycopg.Connection[Any]], T], *, write: bool = True) -> T:
        """Run ``work`` on the connection (in one transaction when it writes), retrying a lost connection."""
        psycopg = self._psycopg
        deadline = time.monotonic() + self.retry_seconds
        pause = 0.1
        while True:
            self._pending, self._pending_decks = {}, set()
            try:
                conn = self._connection()
                if write:
                    with conn.transaction():
                        result = work(conn)
                else:
                    result = work(conn)
            except psycopg.Error as error:
                if self._conn is None or self._conn.closed or self._conn.broken:
                    self._drop()
                if not _retryable(error):
                    raise StoreError(f"{self.where}: {self._scrub(error)}") from None
                if time.monotonic() + pause > deadline:
                    outcome = "nothing more was saved" if write else "nothing was read"
                    raise StoreConnectionError(
                        f"{self.where}: cannot reach the database ({self._scrub(error)}); {outcome}: "
                        "check that the server is running, then try again"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 2.0)
            else:
                self._learner_ids.update(self._pending)  # committed: these ids exist for good
                self._deck_ids.update(self._pending_decks)
                return result

    # -- opening: recognise, refuse or migrate ---------------------------------------------------------------

    def _open(self, conn: psycopg.Connection[Any]) -> None:
        schema = self._current_schema(conn)
        self.schema = schema
        version = self._identify(conn)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.where}: was written by a newer kzquiz (store schema {version}, this kzquiz knows up to "
                f"{SCHEMA_VERSION}); upgrade kzquiz to use it. The database was left untouched."
            )
        if version < SCHEMA_VERSION and self.read_only:
            found = "no kzquiz store" if version == 0 else f"an older kzquiz store (schema {version})"
            raise StoreError(
                f"{self.where}: holds {found}; opened read-only, nothing was created or upgraded "
                "(open it once with kzquiz study to set it up)"
            )
        if version < SCHEMA_VERSION:
            with conn.transaction():
                # one migrator at a time per schema: a second kzquiz opening the same new schema waits, then sees it
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('kzquiz:' || current_schema()))")
                version = self._identify(conn)
                for statements in MIGRATIONS[version:]:
                    for statement in statements:
                        conn.execute(statement)
                conn.execute("UPDATE kzquiz_meta SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def _current_schema(self, conn: psycopg.Connection[Any]) -> str:
        row = _row(conn, "SELECT current_schema()")
        if row is not None and row[0] is not None:
            return str(row[0])
        # the search_path names a schema that does not exist yet (a new class): create it
        shown = _row(conn, "SHOW search_path")
        path = "" if shown is None else str(shown[0])
        names = [n.strip() for n in path.split(",") if n.strip() and n.strip() != '"$user"']
        if self.read_only:
            raise StoreError(f"{redact(self.url)}: no such schema ({path}); opened read-only, nothing was created")
        if not names:
            raise StoreError(f"{redact(self.url)}: no schema to use: set one with ?options=-csearch_path%3DNAME")
        name = names[0][1:-1].replace('""', '"') if names[0].startswith('"') else names[0]
        from psycopg import sql

        with conn.transaction():
            # IF NOT EXISTS does not stop two kzquiz processes from creating it at once (the second fails on a
            # duplicate key, as when two learners of a new class start together): one at a time, the second sees it
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('kzquiz schema:' || %s))", (name,))
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(name)))
        return name

    def _identify(self, conn: psycopg.Connection[Any]) -> int:
        """The kzquiz schema version in the current schema: 0 for an empty schema; refuses another application's."""
        found = _rows(
            conn,
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind IN ('r', 'p', 'v', 'm', 'f')",
        )
        tables = [str(row[0]) for row in found]
        if "kzquiz_meta" not in tables:
            if tables:
                raise NotAStoreError(
                    f"{self.where}: holds tables that are not kzquiz's ({', '.join(sorted(tables)[:3])}...); "
                    "it was left untouched: choose another database or schema (?options=-csearch_path%3DNAME)"
                )
            return 0
        meta = {str(key): str(value) for key, value in _rows(conn, "SELECT key, value FROM kzquiz_meta")}
        if meta.get("application") != "kzquiz":
            raise NotAStoreError(f"{self.where}: is not a kzquiz store; it was left untouched")
        try:
            return int(meta.get("schema_version", ""))
        except ValueError:
            raise NotAStoreError(
                f"{self.where}: has no readable kzquiz schema version; it was left untouched"
            ) from None

    # -- ids ---------------------------------------------------------------------------------------------------

    def _learner_id(self, conn: psycopg.Connection[Any], name: str) -> int:
        """The learner's id, adding the learner (inside a write; remembered once the transaction commits)."""
        found = self._learner_ids.get(name) or self._pending.get(name)
        if found is None:
            row = _row(
                conn,
                # the no-op update makes RETURNING give the id of a learner another session added first
                "INSERT INTO learners (name) VALUES (%s) ON CONFLICT (name) DO UPDATE SET name = excluded.name "
                "RETURNING id",
                (name,),
            )
            assert row is not None
            found = self._pending[name] = int(row[0])
        return found

    def _find_learner(self, conn: psycopg.Connection[Any], name: str) -> int | None:
        found = self._learner_ids.get(name)
        if found is None:
            row = _row(conn, "SELECT id FROM learners WHERE name = %s", (name,))
            if row is None:
                return None
            found = self._learner_ids[name] = int(row[0])
        return found

    def _deck(self, conn: psycopg.Connection[Any], deck_id: str) -> None:
        """Make sure a deck row exists for a review or memory (a deck known only from them, when copied)."""
        if deck_id not in self._deck_ids and deck_id not in self._pending_decks:
            conn.execute(
                "INSERT INTO decks (id, content_hash, title) VALUES (%s, '', '') ON CONFLICT DO NOTHING", (deck_id,)
            )
            self._pending_decks.add(deck_id)

    # -- the Store protocol ------------------------------------------------------------------------------------

    def learners(self) -> list[str]:
        """The learners' names, sorted."""
        rows = self._run(lambda c: _rows(c, 'SELECT name FROM learners ORDER BY name COLLATE "C"'), write=False)
        return [str(row[0]) for row in rows]

    def add_learner(self, name: str) -> None:
        """Add a learner; adding one who exists does nothing."""
        self._run(lambda c: self._learner_id(c, name))

    def settings(self, learner: str) -> SchedulerSettings:
        """The learner's scheduling settings (the defaults for a learner without saved settings)."""
        row = self._run(
            lambda c: _row(c, "SELECT settings::text FROM learners WHERE name = %s", (learner,)),
            write=False,
        )
        return self._settings_of(learner, None if row is None else row[0])

    def _settings_of(self, learner: str, saved: str | None) -> SchedulerSettings:
        if saved is None:
            return SchedulerSettings()
        try:
            return settings_from_json(saved)
        except ValueError as bad:
            raise DamagedStoreError(f"{self.where}: learner {learner!r}: {bad}") from None

    def save_settings(self, learner: str, settings: SchedulerSettings) -> None:
        """Save the learner's scheduling settings, adding the learner if needed."""
        text = settings_to_json(settings)

        def work(conn: psycopg.Connection[Any]) -> None:
            learner_id = self._learner_id(conn, learner)
            conn.execute("UPDATE learners SET settings = %s::jsonb WHERE id = %s", (text, learner_id))

        self._run(work)

    def record_deck(self, deck: Deck | DeckRecord) -> None:
        """Note that a deck (its id, title, content hash and fact ids) has been seen."""
        fact_ids = json.dumps(fact_ids_of(deck), ensure_ascii=False)
        self._run(
            lambda c: c.execute(
                "INSERT INTO decks (id, content_hash, title, fact_ids) VALUES (%s, %s, %s, %s::jsonb) "
                "ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, title = excluded.title, "
                "fact_ids = excluded.fact_ids",
                (deck.id, deck.content_hash, deck.title, fact_ids),
            )
        )

    def decks(self) -> list[DeckRecord]:
        """The decks seen, by id."""
        rows = self._run(
            lambda c: _rows(c, 'SELECT id, content_hash, title, fact_ids::text FROM decks ORDER BY id COLLATE "C"'),
            write=False,
        )
        return [deck_from_row(row) for row in rows]

    def memory(self, learner: str, fact_id: str, deck_id: str) -> Memory | None:
        """The learner's memory of one fact, or ``None`` if it was never reviewed."""

        def work(conn: psycopg.Connection[Any]) -> tuple[Any, ...] | None:
            learner_id = self._find_learner(conn, learner)
            if learner_id is None:
                return None
            return _row(
                conn,
                _SELECT_MEMORY + " AND deck_id = %s AND fact_id = %s",
                (learner_id, deck_id, fact_id),
            )

        row = self._run(work, write=False)
        return None if row is None else _memory(row)

    def memories(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[Memory]:
        """The learner's memories of every fact reviewed (of the given decks only, when given)."""

        def work(conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
            learner_id = self._find_learner(conn, learner)
            if learner_id is None:
                return []
            return _rows(
                conn,
                _SELECT_MEMORY + ' ORDER BY deck_id COLLATE "C", fact_id COLLATE "C"',
                (learner_id,),
            )

        wanted = None if deck_ids is None else set(deck_ids)
        return [_memory(row) for row in self._run(work, write=False) if wanted is None or row[0] in wanted]

    def _put_memory(self, conn: psycopg.Connection[Any], learner_id: int, memory: Memory) -> None:
        self._deck(conn, memory.deck_id)
        conn.execute(_UPSERT_MEMORY, (learner_id, *memory_values(memory, utc)))

    def _review_row(self, conn: psycopg.Connection[Any], review: ReviewRecord) -> tuple[Any, ...]:
        """The review's row, its learner and deck added first if needed."""
        self._deck(conn, review.deck_id)
        return (
            self._learner_id(conn, review.learner),
            review.deck_id,
            review.fact_id,
            review.question_id,
            review.form,
            review.answer,
            review.correct,
            review.score,
            review.match,
            int(review.rating),
            review.duration,
            utc(review.reviewed_at),
            review.uid,
        )

    def _put_review(self, conn: psycopg.Connection[Any], review: ReviewRecord) -> None:
        conn.execute(_INSERT_REVIEW, self._review_row(conn, review))

    def save_review(self, review: ReviewRecord, memory: Memory) -> None:
        """Append a review to the log and save the fact's new memory, in one transaction, committed on return."""

        def work(conn: psycopg.Connection[Any]) -> None:
            self._put_review(conn, review)
            self._put_memory(conn, self._learner_id(conn, review.learner), memory)

        self._run(work)

    def review_fact(self, review: ReviewRecord, schedule: Callable[[Memory | None], Memory]) -> Memory:
        """Append a review to the log and save ``schedule`` of the fact's memory as the transaction finds it, in one
        transaction; the memory saved. The learner's row is locked first, so that a second session answering the
        same learner's fact waits for this one's commit and then schedules from it (even for a fact never seen)."""

        def work(conn: psycopg.Connection[Any]) -> Memory:
            learner_id = self._learner_id(conn, review.learner)
            conn.execute("SELECT id FROM learners WHERE id = %s FOR UPDATE", (learner_id,))
            row = _row(
                conn,
                _SELECT_MEMORY + " AND deck_id = %s AND fact_id = %s",
                (learner_id, review.deck_id, review.fact_id),
            )
            memory = schedule(None if row is None else _memory(row))
            self._put_review(conn, review)
            self._put_memory(conn, learner_id, memory)
            return memory

        return self._run(work)

    def add_reviews(self, reviews: Iterable[ReviewRecord]) -> int:
        """Append reviews to the log in one transaction, skipping uids it holds; returns how many were added."""
        batch = list(reviews)

        def work(conn: psycopg.Connection[Any]) -> int:
            rows = [self._review_row(conn, review) for review in batch]
            with conn.cursor() as cursor:
                cursor.executemany(_INSERT_REVIEW, rows)  # pipelined: one round trip for the lot
                added: int = cursor.rowcount  # the sum over the rows: those not skipped for a known uid
            return max(added, 0)

        return self._run(work)

    def save_memories(self, learner: str, memories: Iterable[Memory]) -> None:
        """Replace the learner's memories of these facts (after rescheduling), in one transaction."""
        batch = list(memories)

        def work(conn: psycopg.Connection[Any]) -> None:
            learner_id = self._learner_id(conn, learner)
            for memory in batch:
                self._put_memory(conn, learner_id, memory)

        self._run(work)

    def reviews(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[ReviewRecord]:
        """The learner's review log, oldest first (of the given decks only, when given)."""

        def work(conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
            learner_id = self._find_learner(conn, learner)
            if learner_id is None:
                return []
            return _rows(
                conn,
                _SELECT_REVIEWS,
                (learner_id,),
            )

        wanted = None if deck_ids is None else set(deck_ids)
        return [
            ReviewRecord(learner, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], Rating(r[8]), r[9], r[10], uid=r[11])
            for r in self._run(work, write=False)
            if wanted is None or r[0] in wanted
        ]

    def review_activity(self, learner: str) -> list[tuple[dt.datetime, int, int]]:
        """(minute, reviews, right answers) for each minute (UTC) in which the learner made reviews, in time order."""

        def work(conn: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
            learner_id = self._find_learner(conn, learner)
            if learner_id is None:
                return []
            return _rows(
                conn,
                _ACTIVITY,
                (learner_id,),
            )

        return [(minute.astimezone(dt.UTC), int(n), int(right)) for minute, n, right in self._run(work, write=False)]

    def study_counts(self, learner: str) -> StudyCounts:
        """What ``kzquiz stats`` needs of a learner (see :meth:`kzquiz.Store.study_counts`), read in one transaction:
        each fact's last answers are counted by the server over the learner's log rather than read review by
        review."""

        def work(conn: psycopg.Connection[Any]) -> tuple[Any, ...] | None:
            learner_id = self._find_learner(conn, learner)
            if learner_id is None:
                return None
            settings = _row(conn, "SELECT settings::text FROM learners WHERE id = %s", (learner_id,))
            return (
                None if settings is None else settings[0],
                _rows(conn, _SELECT_MEMORY, (learner_id,)),
                _rows(
                    conn,
                    "SELECT id, '', '', fact_ids::text FROM decks "
                    "WHERE id IN (SELECT deck_id FROM memory WHERE learner_id = %s)",
                    (learner_id,),
                ),
                _rows(conn, _REVIEW_DAYS, (learner_id,)),
                _rows(conn, _RECENT_ANSWERS, (learner_id, RECENT_REVIEWS)),
            )

        found = self._run(work)  # one transaction (read-only when the store is): one snapshot of the log
        if found is None:
            return StudyCounts([], [], {}, {})
        saved, memories, decks, days, recent = found
        settings = self._settings_of(learner, saved)
        return StudyCounts(
            review_days=[
                (first.astimezone(dt.UTC), last.astimezone(dt.UTC), int(n), int(right))
                for first, last, n, right in days
            ],
            facts=[StudiedFact.of(_memory(row)) for row in memories],
            recent={(deck_id, fact_id): (int(n), int(wrong)) for deck_id, fact_id, n, wrong in recent},
            deck_facts={deck.id: frozenset(deck.fact_ids) for deck in map(deck_from_row, decks) if deck.fact_ids},
            desired_retention=settings.desired_retention,
            parameters=settings.parameters,
        )

    def fact_counts(
        self, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[FactCount]:
        """How often each learner was asked each fact and answered it right, counted by the server in one pass
        (over the learners' rows only when ``learners`` are given: the log is indexed by learner)."""
        # a transaction, for SET LOCAL; read-only when the store is
        rows = self._run(lambda c: _counted(c, _FACT_COUNTS, learners, deck_ids))
        return [FactCount(*row) for row in rows]

    def wrong_answers(
        self, by_learner: bool = True, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[AnswerCount]:
        """How often each wrong answer was given to each question, per learner or over the class."""
        query = _WRONG_BY_LEARNER if by_learner else _WRONG_IN_CLASS
        rows = self._run(lambda c: _counted(c, query, learners, deck_ids))
        return [AnswerCount(*row) for row in rows]

    def _put_appeal(self, conn: psycopg.Connection[Any], appeal: AppealRecord, *, replace: bool) -> None:
        found = _row(
            conn,
            "SELECT reviews.learner_id FROM reviews JOIN learners ON learners.id = reviews.learner_id "
            "WHERE learners.name = %s AND reviewed_at = %s AND question_id = %s LIMIT 1",
            (appeal.learner, utc(appeal.reviewed_at), appeal.question_id),
        )
        if found is None:
            raise AppealError(
                f"{self.where}: no review of {appeal.question_id} by {appeal.learner} "
                f"at {appeal.reviewed_at.isoformat()}"
            )
        values = (
            found[0],
            appeal.question_id,
            utc(appeal.reviewed_at),
            appeal.deck_id,
            appeal.fact_id,
            appeal.answer,
            utc(appeal.made_at),
            appeal.status.value,
            None if appeal.decided_at is None else utc(appeal.decided_at),
            appeal.teacher,
        )
        on_conflict = (
            "DO UPDATE SET deck_id = excluded.deck_id, fact_id = excluded.fact_id, answer = excluded.answer, "
            "made_at = excluded.made_at, status = excluded.status, decided_at = excluded.decided_at, "
            "teacher = excluded.teacher"
            if replace
            else "DO NOTHING"
        )
        insert = (
            "INSERT INTO appeals (learner_id, question_id, reviewed_at, deck_id, fact_id, answer, made_at, status, "
            "decided_at, teacher) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (learner_id, question_id, reviewed_at) "
        )
        cursor = conn.execute(insert + on_conflict, values)
        if cursor.rowcount == 0:
            raise AppealError("this answer has already been appealed")

    def save_appeal(self, appeal: AppealRecord, memory: Memory) -> None:
        """Save a new appeal and the learner's recomputed memory of its fact, in one transaction.

        Raises :class:`~kzquiz.AppealError`, saving nothing, if there is no such review or it was appealed before.
        """

        def work(conn: psycopg.Connection[Any]) -> None:
            self._put_appeal(conn, appeal, replace=False)
            self._put_memory(conn, self._learner_id(conn, appeal.learner), memory)

        self._run(work)

    def appeals(self, learner: str | None = None, deck_ids: Iterable[str] | None = None) -> list[AppealRecord]:
        """Appeals, oldest first: one learner's, or every learner's for ``None`` (of ``deck_ids`` only, if given)."""
        query = (
            "SELECT learners.name, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at, "
            "teacher FROM appeals JOIN learners ON learners.id = appeals.learner_id"
        )
        order = ' ORDER BY made_at, reviewed_at, learners.name COLLATE "C", question_id COLLATE "C"'
        if learner is None:
            rows = self._run(lambda c: _rows(c, query + order), write=False)
        else:
            rows = self._run(lambda c: _rows(c, query + " WHERE learners.name = %s" + order, (learner,)), write=False)
        wanted = None if deck_ids is None else set(deck_ids)
        return [
            AppealRecord(
                learner=name,
                deck_id=deck_id,
                fact_id=fact_id,
                question_id=question_id,
                reviewed_at=reviewed_at,
                answer=answer,
                made_at=made_at,
                status=AppealStatus(status),
                decided_at=decided_at,
                teacher=teacher,
            )
            for name, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at, teacher in rows
            if wanted is None or deck_id in wanted
        ]

    def save_decisions(self, appeals: Iterable[AppealRecord], memories: Iterable[tuple[str, Memory]]) -> None:
        """Save a teacher's decisions (appeals added or replaced) and the recomputed memories, in one transaction."""
        changed, recomputed = list(appeals), list(memories)

        def work(conn: psycopg.Connection[Any]) -> None:
            for appeal in changed:
                self._put_appeal(conn, appeal, replace=True)
            for learner, memory in recomputed:
                self._put_memory(conn, self._learner_id(conn, learner), memory)

        self._run(work)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._closed = True
        self._drop()

    def __enter__(self) -> PostgresStore:
        """The store itself: ``with open_store(url) as store:`` closes it at the end."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the store."""
        self.close()

    def __repr__(self) -> str:
        """The store's URL, without its password."""
        return f"PostgresStore({self.where!r})"

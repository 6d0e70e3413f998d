"""The SQLite progress store: one file, several learners, safe against crashes and a second terminal.

The file is marked as kzquiz's with ``PRAGMA application_id`` and carries its schema version in ``PRAGMA
user_version``; older schemas are migrated forward in one transaction, and a file that is not a kzquiz store, is
damaged or comes from a newer kzquiz is refused with a clear error and left exactly as it was (nothing is written
to a file before it has been recognised). Write-ahead logging lets two sessions use the file at once; every write
is one ``BEGIN IMMEDIATE`` transaction, committed before the method returns, so a killed process loses nothing it
has answered. ``synchronous=NORMAL`` keeps a commit under a millisecond: a crash of the process loses nothing,
a power cut may lose the last few answers but never damages the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.errors import AppealError, DamagedStoreError, NotAStoreError, StoreError, StoreVersionError
from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores.base import DeckRecord, ReviewRecord

if TYPE_CHECKING:
    from kzquiz.model import Deck

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SQLiteStore"]

APPLICATION_ID = 0x4B5A515A
"""``PRAGMA application_id`` of a kzquiz store: "KZQZ" in ASCII."""

SQLITE_MAGIC = b"SQLite format 3\x00"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # Version 1: learners, decks seen, memory per (learner, fact), the append-only review log.
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, settings TEXT)",
        "CREATE TABLE decks (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, title TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE memory (
            learner_id INTEGER NOT NULL REFERENCES learners (id),
            deck_id TEXT NOT NULL REFERENCES decks (id),
            fact_id TEXT NOT NULL,
            state TEXT NOT NULL,
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,
            last_review TEXT,
            reps INTEGER NOT NULL,
            lapses INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            PRIMARY KEY (learner_id, deck_id, fact_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX memory_due ON memory (learner_id, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            learner_id INTEGER NOT NULL REFERENCES learners (id),
            deck_id TEXT NOT NULL REFERENCES decks (id),
            fact_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            form TEXT NOT NULL,
            answer TEXT NOT NULL,
            correct INTEGER NOT NULL,
            score REAL NOT NULL,
            match TEXT NOT NULL,
            rating INTEGER NOT NULL,
            duration REAL,
            reviewed_at TEXT NOT NULL
        )""",
        # covers the review log read in time order and kzquiz stats' per-minute counts without table lookups
        "CREATE INDEX reviews_by_learner ON reviews (learner_id, reviewed_at, correct)",
        """CREATE TRIGGER reviews_are_kept BEFORE DELETE ON reviews
           BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
        """CREATE TRIGGER reviews_are_unchanged BEFORE UPDATE ON reviews
           BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
    ),
    # Version 2: "I was right" appeals, each beside the review it is about (named by learner, question and time).
    (
        """CREATE TABLE appeals (
            learner_id INTEGER NOT NULL REFERENCES learners (id),
            question_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,
            deck_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            answer TEXT NOT NULL,
            made_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
            decided_at TEXT,
            teacher INTEGER NOT NULL CHECK (teacher IN (0, 1)),
            PRIMARY KEY (learner_id, question_id, reviewed_at)
        ) WITHOUT ROWID""",
    ),
)
"""Forward migrations: ``MIGRATIONS[n]`` takes a store from schema version ``n`` to ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this kzquiz writes; a store with a higher ``user_version`` is refused."""

_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


def _time(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        msg = f"times must be timezone-aware, not {moment.isoformat()}"
        raise ValueError(msg)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _read_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


_MEMORY_COLUMNS = "deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id"


_STATES = {state.value: state for state in CardState}  # a dict lookup is 10x faster than CardState(value)


def _memory(row: tuple[Any, ...]) -> Memory:
    deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id = row
    read = dt.datetime.fromisoformat
    return Memory(
        fact_id,
        deck_id,
        _STATES[state],
        step,
        stability,
        difficulty,
        read(due),
        None if last_review is None else read(last_review),
        reps,
        lapses,
        question_id,
    )


class SQLiteStore:
    """A progress store in one SQLite file; see the module docstring for what it promises."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Open the store at ``path``, creating it if the file does not exist; see :func:`kzquiz.open_store`."""
        self.path = Path(path)
        self._learner_ids: dict[str, int] = {}
        self._check_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(
                f"{self.path}: cannot create the folder {self.path.parent} for the store ({reason}); "
                "choose another file with --db or KZQUIZ_HOME"
            ) from None
        try:
            self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot open the store: {error}") from error
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise

    def _check_file(self) -> None:
        """Refuse, before SQLite opens it, anything that is not an SQLite file: nothing may write to it."""
        if self.path.is_dir():
            raise NotAStoreError(f"{self.path}: is a directory, not a kzquiz store (give a file name)")
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with self.path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise NotAStoreError(
                f"{self.path}: is not a kzquiz store (not an SQLite database); "
                "it was left untouched: choose another file with --db or KZQUIZ_HOME"
            )

    def _open(self) -> None:
        with self._guard():
            app_id, version, tables = self._identify()
            if app_id != APPLICATION_ID and (app_id != 0 or tables):
                raise NotAStoreError(
                    f"{self.path}: is an SQLite database but not a kzquiz store; "
                    "it was left untouched: choose another file with --db or KZQUIZ_HOME"
                )
            if version > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"{self.path}: was written by a newer kzquiz (store schema {version}, this kzquiz "
                    f"knows up to {SCHEMA_VERSION}); upgrade kzquiz to use it. The file was left untouched."
                )
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:
                self._migrate()

    def _identify(self) -> tuple[int, int, int]:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        return int(app_id), int(version), int(tables)

    def _migrate(self) -> None:
        with self._write():
            app_id, version, tables = self._identify()  # again, inside the lock: another process may have won
            if app_id != APPLICATION_ID and (app_id != 0 or tables):
                raise NotAStoreError(f"{self.path}: is an SQLite database but not a kzquiz store")
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into kzquiz's: a damaged file, or a store that cannot be used right now."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            code = getattr(error, "sqlite_errorcode", None)
            if (code is not None and code & 0xFF in _CORRUPT) or "malformed" in str(error):
                raise DamagedStoreError(
                    f"{self.path}: the store is damaged ({error}); it was left untouched: "
                    "restore a backup or move it aside"
                ) from error
            if isinstance(error, sqlite3.IntegrityError):
                raise
            raise StoreError(f"{self.path}: {error}") from error

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so two writers queue instead of failing."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _learner_id(self, db: sqlite3.Connection, name: str) -> int:
        """The learner's row id, adding the learner (call inside a write transaction)."""
        found = self._learner_ids.get(name)
        if found is None:
            db.execute("INSERT OR IGNORE INTO learners (name) VALUES (?)", (name,))
            found = self._learner_ids[name] = db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()[
                0
            ]
        return found

    def _find_learner(self, name: str) -> int | None:
        found = self._learner_ids.get(name)
        if found is None:
            with self._guard():
                row = self._db.execute("SELECT id FROM learners WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            found = self._learner_ids[name] = row[0]
        return found

    def learners(self) -> list[str]:
        """The learners' names, sorted."""
        with self._guard():
            return [row[0] for row in self._db.execute("SELECT name FROM learners ORDER BY name")]

    def add_learner(self, name: str) -> None:
        """Add a learner; adding one who exists does nothing."""
        with self._write() as db:
            self._learner_id(db, name)

    def settings(self, learner: str) -> SchedulerSettings:
        """The learner's scheduling settings (the defaults for a learner without saved settings)."""
        with self._guard():
            row = self._db.execute("SELECT settings FROM learners WHERE name = ?", (learner,)).fetchone()
        if row is None or row[0] is None:
            return SchedulerSettings()
        saved = json.loads(row[0])
        known = {field.name for field in attrs.fields(SchedulerSettings)}  # a newer kzquiz may save more
        return SchedulerSettings(**{k: v for k, v in saved.items() if k in known})

    def save_settings(self, learner: str, settings: SchedulerSettings) -> None:
        """Save the learner's scheduling settings, adding the learner if needed."""
        text = json.dumps(
            {
                "desired_retention": settings.desired_retention,
                "parameters": list(settings.parameters),
                "learning_steps": list(settings.learning_steps),
                "relearning_steps": list(settings.relearning_steps),
                "maximum_interval": settings.maximum_interval,
                "enable_fuzzing": settings.enable_fuzzing,
            }
        )
        with self._write() as db:
            learner_id = self._learner_id(db, learner)
            db.execute("UPDATE learners SET settings = ? WHERE id = ?", (text, learner_id))

    def record_deck(self, deck: Deck) -> None:
        """Note that a deck (its id, title and content hash) has been seen."""
        with self._write() as db:
            db.execute(
                "INSERT INTO decks (id, content_hash, title) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET content_hash = excluded.content_hash, title = excluded.title",
                (deck.id, deck.content_hash, deck.title),
            )

    def decks(self) -> list[DeckRecord]:
        """The decks seen, by id."""
        with self._guard():
            rows = self._db.execute("SELECT id, content_hash, title FROM decks ORDER BY id").fetchall()
        return [DeckRecord(*row) for row in rows]

    def memory(self, learner: str, fact_id: str, deck_id: str) -> Memory | None:
        """The learner's memory of one fact, or ``None`` if it was never reviewed."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return None
        with self._guard():
            row = self._db.execute(
                f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE learner_id = ? AND deck_id = ? AND fact_id = ?",  # noqa: S608 - constant columns
                (learner_id, deck_id, fact_id),
            ).fetchone()
        return None if row is None else _memory(row)

    def memories(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[Memory]:
        """The learner's memories of every fact reviewed (of the given decks only, when given)."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return []
        query = f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE learner_id = ?"  # noqa: S608 - constant columns
        with self._guard():
            rows = self._db.execute(query + " ORDER BY deck_id, fact_id", (learner_id,)).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        return [_memory(row) for row in rows if wanted is None or row[0] in wanted]

    def _put_memory(self, db: sqlite3.Connection, learner_id: int, memory: Memory) -> None:
        db.execute("INSERT OR IGNORE INTO decks (id, content_hash, title) VALUES (?, '', '')", (memory.deck_id,))
        db.execute(
            f"INSERT OR REPLACE INTO memory (learner_id, {_MEMORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608, E501 - constant columns
            (
                learner_id,
                memory.deck_id,
                memory.fact_id,
                memory.state.value,
                memory.step,
                memory.stability,
                memory.difficulty,
                _time(memory.due),
                None if memory.last_review is None else _time(memory.last_review),
                memory.reps,
                memory.lapses,
                memory.question_id,
            ),
        )

    def save_review(self, review: ReviewRecord, memory: Memory) -> None:
        """Append a review to the log and save the fact's new memory, in one transaction, committed on return."""
        with self._write() as db:
            learner_id = self._learner_id(db, review.learner)
            self._put_memory(db, learner_id, memory)
            db.execute(
                "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, "
                "match, rating, duration, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner_id,
                    review.deck_id,
                    review.fact_id,
                    review.question_id,
                    review.form,
                    review.answer,
                    int(review.correct),
                    review.score,
                    review.match,
                    int(review.rating),
                    review.duration,
                    _time(review.reviewed_at),
                ),
            )

    def save_memories(self, learner: str, memories: Iterable[Memory]) -> None:
        """Replace the learner's memories of these facts (after rescheduling), in one transaction."""
        with self._write() as db:
            learner_id = self._learner_id(db, learner)
            for memory in memories:
                self._put_memory(db, learner_id, memory)

    def reviews(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[ReviewRecord]:
        """The learner's review log, oldest first (of the given decks only, when given)."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return []
        with self._guard():
            rows = self._db.execute(
                "SELECT deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, "
                "reviewed_at FROM reviews WHERE learner_id = ? ORDER BY reviewed_at, id",
                (learner_id,),
            ).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        return [
            ReviewRecord(
                learner,
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                bool(row[5]),
                row[6],
                row[7],
                Rating(row[8]),
                row[9],
                _read_time(row[10]),
            )
            for row in rows
            if wanted is None or row[0] in wanted
        ]

    def review_activity(self, learner: str) -> list[tuple[dt.datetime, int, int]]:
        """(minute, reviews, right answers) for each minute (UTC) in which the learner made reviews, in time order."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return []
        with self._guard():
            rows = self._db.execute(
                # times are stored as ISO 8601 in UTC, so the first 16 characters are the minute
                "SELECT substr(reviewed_at, 1, 16), count(*), sum(correct) FROM reviews WHERE learner_id = ? "
                "GROUP BY 1 ORDER BY 1",
                (learner_id,),
            ).fetchall()
        return [(dt.datetime.fromisoformat(minute + "+00:00"), n, right) for minute, n, right in rows]

    def _put_appeal(self, db: sqlite3.Connection, appeal: AppealRecord, *, replace: bool) -> None:
        found = db.execute(
            "SELECT reviews.learner_id FROM reviews JOIN learners ON learners.id = reviews.learner_id "
            "WHERE learners.name = ? AND reviewed_at = ? AND question_id = ?",
            (appeal.learner, _time(appeal.reviewed_at), appeal.question_id),
        ).fetchone()
        if found is None:
            raise AppealError(
                f"{self.path}: no review of {appeal.question_id} by {appeal.learner} "
                f"at {appeal.reviewed_at.isoformat()}"
            )
        learner_id = found[0]
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        try:
            db.execute(
                f"{verb} INTO appeals (learner_id, question_id, reviewed_at, deck_id, fact_id, answer, made_at, "
                "status, decided_at, teacher) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    learner_id,
                    appeal.question_id,
                    _time(appeal.reviewed_at),
                    appeal.deck_id,
                    appeal.fact_id,
                    appeal.answer,
                    _time(appeal.made_at),
                    appeal.status.value,
                    None if appeal.decided_at is None else _time(appeal.decided_at),
                    int(appeal.teacher),
                ),
            )
        except sqlite3.IntegrityError:
            raise AppealError("this answer has already been appealed") from None

    def save_appeal(self, appeal: AppealRecord, memory: Memory) -> None:
        """Save a new appeal and the learner's recomputed memory of its fact, in one transaction.

        Raises :class:`~kzquiz.AppealError`, saving nothing, if there is no such review or it was appealed before.
        """
        with self._write() as db:
            self._put_appeal(db, appeal, replace=False)
            self._put_memory(db, self._learner_id(db, appeal.learner), memory)

    def appeals(self, learner: str | None = None, deck_ids: Iterable[str] | None = None) -> list[AppealRecord]:
        """Appeals, oldest first: one learner's, or every learner's for ``None`` (of ``deck_ids`` only, if given)."""
        query = (
            "SELECT learners.name, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at, "
            "teacher FROM appeals JOIN learners ON learners.id = appeals.learner_id"
        )
        with self._guard():
            if learner is None:
                rows = self._db.execute(query + " ORDER BY made_at, reviewed_at").fetchall()
            else:
                rows = self._db.execute(
                    query + " WHERE learners.name = ? ORDER BY made_at, reviewed_at", (learner,)
                ).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        return [self._appeal(row) for row in rows if wanted is None or row[1] in wanted]

    def _appeal(self, row: tuple[Any, ...]) -> AppealRecord:
        name, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at, teacher = row
        try:
            return AppealRecord(
                learner=name,
                deck_id=deck_id,
                fact_id=fact_id,
                question_id=question_id,
                reviewed_at=_read_time(reviewed_at),
                answer=answer,
                made_at=_read_time(made_at),
                status=AppealStatus(status),
                decided_at=None if decided_at is None else _read_time(decided_at),
                teacher=bool(teacher),
            )
        except (TypeError, ValueError) as error:
            raise DamagedStoreError(
                f"{self.path}: the appeal of {question_id!r} by {name!r} is damaged ({error}); "
                "restore a backup or move the store aside"
            ) from None

    def save_decisions(self, appeals: Iterable[AppealRecord], memories: Iterable[tuple[str, Memory]]) -> None:
        """Save a teacher's decisions (appeals added or replaced) and the recomputed memories, in one transaction."""
        with self._write() as db:
            for appeal in appeals:
                self._put_appeal(db, appeal, replace=True)
            for learner, memory in memories:
                self._put_memory(db, self._learner_id(db, learner), memory)

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        """The store itself: ``with open_store() as store:`` closes it at the end."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the store."""
        self.close()

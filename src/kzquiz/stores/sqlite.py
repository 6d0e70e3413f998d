"""The SQLite progress store: one file, several learners, safe against crashes, power cuts and a second terminal.

The file is marked as kzquiz's with ``PRAGMA application_id`` and carries its schema version in ``PRAGMA
user_version``; older schemas are migrated forward in one transaction, and a file that is not a kzquiz store, is
damaged or comes from a newer kzquiz is refused with a clear error and left exactly as it was (nothing is written
to a file before it has been recognised and, when opened for writing, passed ``PRAGMA quick_check``). Every value
read back is checked (:mod:`kzquiz.stores.rows`): a damaged row is a :class:`~kzquiz.DamagedStoreError` naming it.
Write-ahead logging lets two sessions use the file at once; every write is one ``BEGIN IMMEDIATE`` transaction,
committed before the method returns, and ``synchronous=FULL`` flushes the log to the disk at each commit, so
neither a killed process nor a power cut loses anything answered. A store opened read-only never writes and
leaves no files behind (:mod:`kzquiz.stores.sqlitefile`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzquiz.appeals import AppealRecord
from kzquiz.errors import (
    AppealError,
    DamagedStoreError,
    NotAStoreError,
    StoreError,
    StoreFix,
    StoreVersionError,
)
from kzquiz.scheduling import Memory, SchedulerSettings
from kzquiz.stores.base import AnswerCount, DeckRecord, FactCount, ReviewRecord, fact_ids_of
from kzquiz.stores.common import legacy_review_uid, settings_to_json
from kzquiz.stores.rows import (
    BadRow,
    appeal_from_row,
    deck_from_row,
    memory_from_row,
    minute_from_text,
    review_from_row,
    settings_from_json,
    show,
)
from kzquiz.stores.sqlitefile import (
    Step,
    connect_read_only,
    describe_missing,
    expected_schema,
    run_step,
    schema_of,
    schema_version_of,
    tidy,
)

if TYPE_CHECKING:
    from kzquiz.model import Deck

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SQLiteStore"]

APPLICATION_ID = 0x4B5A515A
"""``PRAGMA application_id`` of a kzquiz store: "KZQZ" in ASCII."""

SQLITE_MAGIC = b"SQLite format 3\x00"


def _give_reviews_uids(db: sqlite3.Connection) -> None:
    """Give each review saved before version 3 the uid :func:`legacy_review_uid` derives from it (rows identical in
    every field are numbered in log order), so that two copies of one store upgraded apart agree on every uid."""
    seen: dict[str, int] = {}
    updates = []
    rows = db.execute(
        "SELECT r.id, l.name, r.deck_id, r.fact_id, r.question_id, r.reviewed_at, r.answer, r.rating "
        "FROM reviews AS r JOIN learners AS l ON l.id = r.learner_id ORDER BY r.id"
    )
    for row_id, learner, deck_id, fact_id, question_id, reviewed_at, answer, rating in rows:
        uid = legacy_review_uid(learner, deck_id, fact_id, question_id, reviewed_at, answer, rating)
        seen[uid] = count = seen.get(uid, 0) + 1
        if count > 1:  # the same review twice in the log: the second is another review, with its own uid
            uid = legacy_review_uid(learner, deck_id, fact_id, question_id, reviewed_at, f"{answer}#{count}", rating)
        updates.append((uid, row_id))
    db.executemany("UPDATE reviews SET uid = ? WHERE id = ?", updates)


MIGRATIONS: tuple[tuple[Step, ...], ...] = (
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
    # Version 3: a uid per review, kept by every copy, so that copying and merging stores never doubles a review.
    (
        "DROP TRIGGER reviews_are_unchanged",
        "ALTER TABLE reviews ADD COLUMN uid TEXT NOT NULL DEFAULT ''",
        _give_reviews_uids,
        "CREATE UNIQUE INDEX reviews_uid ON reviews (uid)",
        """CREATE TRIGGER reviews_are_unchanged BEFORE UPDATE ON reviews
           BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END""",
    ),
    # Version 4: each deck's fact ids (a JSON list), so that kzquiz stats counts the facts never asked as new.
    ("ALTER TABLE decks ADD COLUMN fact_ids TEXT NOT NULL DEFAULT '[]'",),
)
"""Forward migrations: ``MIGRATIONS[n]`` takes a store from schema version ``n`` to ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this kzquiz writes; a store with a higher ``user_version`` is refused."""

_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_FULL = 13  # SQLITE_FULL
_READONLY = 8  # SQLITE_READONLY
_IOERR = 10  # SQLITE_IOERR: on a full disk, when the -shm file cannot grow


def _disk_is_full(folder: Path) -> bool:
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1 << 20  # under 1 MiB left


def _time(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        msg = f"times must be timezone-aware, not {moment.isoformat()}"
        raise ValueError(msg)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _read_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


_MEMORY_COLUMNS = "deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id"

_SELECT_MEMORY = f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE learner_id = ? AND deck_id = ? AND fact_id = ?"  # noqa: S608 - constant columns
_PUT_MEMORY = (
    f"INSERT OR REPLACE INTO memory (learner_id, {_MEMORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608 - constant columns
)

_SUSPECT_REVIEWS = (
    "SELECT learners.name, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, "
    "reviewed_at, uid FROM reviews JOIN learners ON learners.id = learner_id WHERE NOT ("
    "typeof(deck_id) = 'text' AND typeof(fact_id) = 'text' AND typeof(question_id) = 'text' "
    "AND typeof(form) = 'text' AND typeof(answer) = 'text' AND typeof(match) = 'text' AND typeof(uid) = 'text' "
    "AND typeof(correct) = 'integer' AND correct IN (0, 1) AND typeof(rating) = 'integer' AND rating BETWEEN 1 AND 4 "
    "AND typeof(score) IN ('integer', 'real') AND score BETWEEN 0 AND 1 "
    "AND (duration IS NULL OR (typeof(duration) IN ('integer', 'real') AND duration BETWEEN 0 AND 1e9)) "
    "AND typeof(reviewed_at) = 'text' AND reviewed_at LIKE '____-__-__T__:__:__%+00:00' "
    "AND julianday(substr(reviewed_at, 1, 19)) IS NOT NULL)"
)
"""The reviews that SQLite cannot vouch for as kzquiz writes them (checked one by one, in Python, before a count)."""

_PLACEHOLDER_DECK = "INSERT OR IGNORE INTO decks (id, content_hash, title) VALUES (?, '', '')"
"""A deck known only from a review or memory (copied from another store) until it is studied here."""

_INSERT_REVIEW = (
    "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, "
    "duration, reviewed_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING"
)


def _review_row(learner_id: int, review: ReviewRecord) -> tuple[object, ...]:
    return (
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
        review.uid,
    )


class SQLiteStore:
    """A progress store in one SQLite file, shared safely by several learners and programs: every write is
    committed (and flushed to the disk) before the method returns, and a file that is not a kzquiz store, is
    damaged or comes from a newer kzquiz is refused and left untouched."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        """Open the store at ``path``, creating it if the file does not exist; see :func:`kzquiz.open_store`."""
        self.path = Path(path)
        self.read_only = read_only
        self._learner_ids: dict[str, int] = {}
        self._reviews_checked = False
        self._tidy = False
        self._check_file()
        if read_only:
            self._db = self._connect_read_only()
        else:
            self._make_folder()
            self._check_writable()
            try:
                self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            except sqlite3.Error as error:
                raise StoreError(f"{self.path}: cannot open the store: {error}") from error
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    def _make_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise StoreError(
                f"{self.path}: cannot create the folder {self.path.parent} for the store ({reason})",
                path=self.path,
                fix=StoreFix.ANOTHER_STORE,
            ) from None

    def _check_writable(self) -> None:
        """Refuse a read-only file or folder before SQLite opens it (and leaves a log it cannot use behind)."""
        if self.path.exists() and not os.access(self.path, os.W_OK):
            blocked = f"the store {self.path} is read-only"
        elif not os.access(self.path.parent, os.W_OK):
            blocked = f"its folder {self.path.parent} is read-only"
        else:
            return
        raise StoreError(
            f"{self.path}: cannot save progress: {blocked}; it can still be opened read-only",
            path=self.path,
            fix=StoreFix.ANOTHER_STORE,
        )

    def _connect_read_only(self) -> sqlite3.Connection:
        """The file opened read-only, or an empty store in memory when there is no file yet (nothing is made)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return sqlite3.connect(":memory:", isolation_level=None)
        with self._guard():
            db, self._tidy = connect_read_only(self.path)
        return db

    def _check_file(self) -> None:
        """Refuse, before SQLite opens it, anything that is not an SQLite file: nothing may write to it."""
        if self.path.is_dir():
            raise NotAStoreError(f"{self.path}: is a directory, not a kzquiz store (give a file name)")
        try:
            if not self.path.exists() or self.path.stat().st_size == 0:
                return
            with self.path.open("rb") as file:
                head = file.read(len(SQLITE_MAGIC))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read the store: {error.strerror or error}") from None
        if head != SQLITE_MAGIC:
            raise NotAStoreError(
                f"{self.path}: is not a kzquiz store (not an SQLite database); it was left untouched",
                path=self.path,
                fix=StoreFix.ANOTHER_STORE,
            )

    def _open(self) -> None:
        with self._guard():
            version = self._recognise()
            if self.read_only:
                if version < SCHEMA_VERSION:  # an older store is read through a copy, brought up to date in memory
                    copy = sqlite3.connect(":memory:", isolation_level=None)
                    self._db.backup(copy)
                    self._close_file()
                    self._db = copy
                    self._migrate()
                return
            self._check_integrity()
            if (version, *self._identify()[:2]) != (SCHEMA_VERSION, APPLICATION_ID, SCHEMA_VERSION):
                self._migrate()  # before switching to WAL: a new store is made in one atomic transaction
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")

    def _identify(self) -> tuple[int, int, int]:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        return int(app_id), int(version), int(pages)

    def _recognise(self) -> int:
        """The store's schema version (0 for a file still to be made), or an error for a file kzquiz must not use."""
        app_id, version, pages = self._identify()
        if pages == 0 or (app_id == 0 and self._file_is_empty()):
            return 0  # the file is new: even inside the first transaction, nothing is on disk yet
        untouched = "it was left untouched"
        fix = StoreFix.ANOTHER_STORE
        if app_id not in (0, APPLICATION_ID):
            raise NotAStoreError(
                f"{self.path}: is an SQLite database but not a kzquiz store; {untouched}", path=self.path, fix=fix
            )
        if app_id == APPLICATION_ID and version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path}: was written by a newer kzquiz (store schema {version}, this kzquiz "
                f"knows up to {SCHEMA_VERSION}); upgrade kzquiz to use it. The file was left untouched."
            )
        tables = self._db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        if app_id == 0 and not tables:
            raise NotAStoreError(
                f"{self.path}: is an empty SQLite database made by another program, not a kzquiz store; {untouched}",
                path=self.path,
                fix=fix,
            )
        if app_id == APPLICATION_ID and version > 0:
            missing = expected_schema(MIGRATIONS, version) - schema_of(self._db)
            if missing:
                raise self._damaged(f"its schema lacks {describe_missing(missing)}")
            return version
        # No version, or no mark: a store whose header lost them, or another program's tables.
        found = schema_version_of(self._db, MIGRATIONS)
        if found is None and app_id == 0:
            raise NotAStoreError(
                f"{self.path}: is an SQLite database but not a kzquiz store; {untouched}", path=self.path, fix=fix
            )
        if found is None:
            raise self._damaged("it is marked as a kzquiz store but has none of a kzquiz store's tables")
        return found

    def _file_is_empty(self) -> bool:
        try:
            return self.path.stat().st_size == 0
        except FileNotFoundError:
            return True  # read-only, a store not made yet reads as an empty one in memory
        except OSError:
            return False

    def _check_integrity(self) -> None:
        """``PRAGMA quick_check`` before the first write: a damaged file is refused rather than damaged further."""
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise self._damaged("; ".join(str(p) for p in problems))

    def _migrate(self) -> None:
        with self._write():
            version = self._recognise()  # again, inside the lock: another process may have won
            for steps in MIGRATIONS[version:]:
                for step in steps:
                    run_step(self._db, step)
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _damaged(self, what: str) -> DamagedStoreError:
        return DamagedStoreError(
            f"{self.path}: the store is damaged: {what}; it was left untouched", path=self.path, fix=StoreFix.REPAIR
        )

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into kzquiz's: a damaged file, a full disk, or a store that cannot be used now."""
        try:
            yield
        except BadRow as bad:
            raise self._damaged(str(bad)) from None
        except UnicodeDecodeError as error:  # a flipped byte in the schema or in a text value
            raise self._damaged(f"text that is not UTF-8 ({error.reason})") from None
        except sqlite3.DatabaseError as error:
            code = getattr(error, "sqlite_errorcode", 0) or 0
            if code & 0xFF in _CORRUPT or "malformed" in str(error) or "decode to UTF-8" in str(error):
                raise self._damaged(str(error)) from error
            if code & 0xFF == _FULL or (code & 0xFF == _IOERR and _disk_is_full(self.path.parent)):
                raise StoreError(
                    f"{self.path}: cannot save: the disk holding {self.path.parent} is full; free some space "
                    "there and try again (everything saved before was kept)"
                ) from None
            if code & 0xFF == _READONLY:
                raise StoreError(
                    f"{self.path}: cannot save: the store or its folder {self.path.parent} is read-only ({error})",
                    path=self.path,
                    fix=StoreFix.ANOTHER_STORE,
                ) from None
            raise StoreError(f"{self.path}: {error}") from error

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so two writers queue instead of failing."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # a failed COMMIT (a full disk) leaves the transaction open
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise

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
            names = [row[0] for row in self._db.execute("SELECT name FROM learners ORDER BY name")]
            for name in names:
                if type(name) is not str or not name:
                    raise BadRow(f"learners: name {show(name)} is not a learner's name")
        return names

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
            try:
                return settings_from_json(row[0])
            except BadRow as bad:
                raise BadRow(f"learner {show(learner)}: {bad}") from None

    def save_settings(self, learner: str, settings: SchedulerSettings) -> None:
        """Save the learner's scheduling settings, adding the learner if needed."""
        text = settings_to_json(settings)
        with self._write() as db:
            learner_id = self._learner_id(db, learner)
            db.execute("UPDATE learners SET settings = ? WHERE id = ?", (text, learner_id))

    def record_deck(self, deck: Deck | DeckRecord) -> None:
        """Note that a deck (its id, title, content hash and fact ids) has been seen."""
        fact_ids = json.dumps(fact_ids_of(deck), ensure_ascii=False)
        with self._write() as db:
            db.execute(
                "INSERT INTO decks (id, content_hash, title, fact_ids) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET content_hash = excluded.content_hash, title = excluded.title, fact_ids = excluded.fact_ids",
                (deck.id, deck.content_hash, deck.title, fact_ids),
            )

    def decks(self) -> list[DeckRecord]:
        """The decks seen, by id."""
        with self._guard():
            rows = self._db.execute("SELECT id, content_hash, title, fact_ids FROM decks ORDER BY id").fetchall()
            found = []
            for row in rows:
                try:
                    found.append(deck_from_row(row))
                except BadRow as bad:
                    raise BadRow(f"deck {show(row[0])}: {bad}") from None
        return found

    def memory(self, learner: str, fact_id: str, deck_id: str) -> Memory | None:
        """The learner's memory of one fact, or ``None`` if it was never reviewed."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return None
        with self._guard():
            row = self._db.execute(_SELECT_MEMORY, (learner_id, deck_id, fact_id)).fetchone()
            return None if row is None else self._memories(learner, [row])[0]

    def memories(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[Memory]:
        """The learner's memories of every fact reviewed (of the given decks only, when given)."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return []
        query = f"SELECT {_MEMORY_COLUMNS} FROM memory WHERE learner_id = ?"  # noqa: S608 - constant columns
        with self._guard():
            rows = self._db.execute(query + " ORDER BY deck_id, fact_id", (learner_id,)).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        with self._guard():  # all checked, wanted or not: a session refuses a damaged store before writing to it
            return [m for m in self._memories(learner, rows) if wanted is None or m.deck_id in wanted]

    @staticmethod
    def _memories(learner: str, rows: Iterable[tuple[Any, ...]]) -> list[Memory]:
        found = []
        for row in rows:
            try:
                found.append(memory_from_row(row))
            except BadRow as bad:
                where = f"memory of {show(learner)} for fact {show(row[1])} of deck {show(row[0])}"
                raise BadRow(f"{where}: {bad}") from None
        return found

    def _put_memory(self, db: sqlite3.Connection, learner_id: int, memory: Memory) -> None:
        db.execute(_PLACEHOLDER_DECK, (memory.deck_id,))
        db.execute(
            _PUT_MEMORY,
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
            db.execute(_INSERT_REVIEW, _review_row(learner_id, review))

    def review_fact(self, review: ReviewRecord, schedule: Callable[[Memory | None], Memory]) -> Memory:
        """Append a review to the log and save ``schedule`` of the fact's memory as the transaction finds it, in one
        ``BEGIN IMMEDIATE`` transaction (so no other writer comes between the read and the write); the memory saved.
        """
        with self._write() as db:
            learner_id = self._learner_id(db, review.learner)
            row = db.execute(_SELECT_MEMORY, (learner_id, review.deck_id, review.fact_id)).fetchone()
            memory = schedule(None if row is None else self._memories(review.learner, [row])[0])
            self._put_memory(db, learner_id, memory)
            db.execute(_INSERT_REVIEW, _review_row(learner_id, review))
        return memory

    def add_reviews(self, reviews: Iterable[ReviewRecord]) -> int:
        """Append reviews to the log in one transaction, skipping uids it holds; returns how many were added."""
        added = 0
        with self._write() as db:
            for review in reviews:
                learner_id = self._learner_id(db, review.learner)
                db.execute(_PLACEHOLDER_DECK, (review.deck_id,))
                added += db.execute(_INSERT_REVIEW, _review_row(learner_id, review)).rowcount
        return added

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
                "reviewed_at, uid FROM reviews WHERE learner_id = ? ORDER BY reviewed_at, id",
                (learner_id,),
            ).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        found = []
        with self._guard():
            for number, row in enumerate(rows, 1):
                if wanted is None or row[0] in wanted:
                    try:
                        found.append(review_from_row(learner, row))
                    except BadRow as bad:
                        raise BadRow(f"review {number} of {show(learner)} (fact {show(row[1])}): {bad}") from None
        return found

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
        with self._guard():
            return [(minute_from_text(minute), n, right) for minute, n, right in rows]

    def _check_reviews(self) -> None:
        """Every review checked as :meth:`reviews` checks it, but by SQLite in one pass: only the rows it cannot
        vouch for (none in a healthy store) are read into Python, and the first damaged one is named. Once per store:
        what this process writes is checked on its way in."""
        if self._reviews_checked:
            return
        with self._guard():
            for row in self._db.execute(_SUSPECT_REVIEWS):
                try:
                    review_from_row(row[0], row[1:])
                except BadRow as bad:
                    raise BadRow(f"a review of {show(row[0])} (fact {show(row[2])}): {bad}") from None
        self._reviews_checked = True

    @staticmethod
    def _within(learners: Iterable[str] | None, deck_ids: Iterable[str] | None) -> tuple[str, list[str]]:
        """The condition on ``reviews`` that keeps only these learners' and decks' rows (any for ``None``), and its
        parameters: each list goes in as one JSON array, so that a class of any size is one parameter."""
        conditions, params = ["1"], []
        if learners is not None:
            conditions.append("learner_id IN (SELECT id FROM learners WHERE name IN (SELECT value FROM json_each(?)))")
            params.append(json.dumps(list(learners)))
        if deck_ids is not None:
            conditions.append("deck_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(deck_ids)))
        return " AND ".join(conditions), params

    def fact_counts(
        self, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[FactCount]:
        """How often each learner was asked each fact and answered it right and partly right, counted in one pass
        over the log (over the learners' rows only when ``learners`` are given: the log is indexed by learner)."""
        self._check_reviews()
        within, params = self._within(learners, deck_ids)
        with self._guard():
            rows = self._db.execute(
                "SELECT learners.name, deck_id, fact_id, asked, right, partial FROM (SELECT learner_id, deck_id, "  # noqa: S608 - {within} is constant text
                "fact_id, count(*) AS asked, sum(correct = 1) AS right, sum(correct = 0 AND score > 0) AS partial "
                f"FROM reviews WHERE {within} GROUP BY learner_id, deck_id, fact_id) "
                "JOIN learners ON learners.id = learner_id",
                params,
            ).fetchall()
            return [self._counted(FactCount, row, 3) for row in rows]

    def wrong_answers(
        self, by_learner: bool = True, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[AnswerCount]:
        """How often each wrong answer (worth nothing) was given to each question, per learner or over the class."""
        self._check_reviews()
        within, params = self._within(learners, deck_ids)
        with self._guard():
            if by_learner:
                rows = self._db.execute(
                    "SELECT learners.name, deck_id, fact_id, question_id, answer, n FROM (SELECT learner_id, "  # noqa: S608 - {within} is constant text
                    "deck_id, fact_id, question_id, answer, count(*) AS n FROM reviews "
                    f"WHERE NOT correct AND score <= 0 AND {within} "
                    "GROUP BY learner_id, deck_id, fact_id, question_id, answer) "
                    "JOIN learners ON learners.id = learner_id",
                    params,
                ).fetchall()
            else:
                rows = self._db.execute(
                    "SELECT '', deck_id, fact_id, question_id, answer, count(*) FROM reviews "  # noqa: S608 - {within} is constant text
                    f"WHERE NOT correct AND score <= 0 AND {within} "
                    "GROUP BY deck_id, fact_id, question_id, answer",
                    params,
                ).fetchall()
            return [self._counted(AnswerCount, row) for row in rows]

    @staticmethod
    def _counted(kind: Any, row: tuple[Any, ...], counts: int = 1) -> Any:
        """``kind`` made from a counted row that ends with ``counts`` counts (and an answer, unchecked, before the
        count of an :class:`AnswerCount`): anything but text in the other columns is a row kzquiz did not write."""
        texts = row[:3] if counts > 1 else row[:-2]
        if not all(type(v) is str for v in texts) or not all(type(v) is int for v in row[-counts:]):
            raise BadRow(f"review of {show(row[0])} (fact {show(row[2])}): not a review kzquiz writes")
        return kind(*row)

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
        with self._guard():  # a damaged row is a DamagedStoreError that names it
            return [self._appeal(row) for row in rows if wanted is None or row[1] in wanted]

    @staticmethod
    def _appeal(row: tuple[Any, ...]) -> AppealRecord:
        try:
            return appeal_from_row(row)
        except BadRow as bad:
            raise BadRow(f"appeal of {show(row[3])} by {show(row[0])}: {bad}") from None

    def save_decisions(self, appeals: Iterable[AppealRecord], memories: Iterable[tuple[str, Memory]]) -> None:
        """Save a teacher's decisions (appeals added or replaced) and the recomputed memories, in one transaction."""
        with self._write() as db:
            for appeal in appeals:
                self._put_appeal(db, appeal, replace=True)
            for learner, memory in memories:
                self._put_memory(db, self._learner_id(db, learner), memory)

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._close_file()

    def _close_file(self) -> None:
        self._db.close()
        if self._tidy:
            self._tidy = False
            tidy(self.path)

    def __enter__(self) -> SQLiteStore:
        """The store itself: ``with open_store() as store:`` closes it at the end."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the store."""
        self.close()

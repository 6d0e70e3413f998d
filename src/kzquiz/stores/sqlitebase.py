"""The SQLite store's foundation: opening, recognising and migrating the file, SQLite's errors in kzquiz's words
(:mod:`kzquiz.stores.sqliteguard`), and what ``kzquiz stats`` reads, with nothing but the standard library.

:class:`SQLiteBase` is the whole of :class:`~kzquiz.SQLiteStore` but its records (:mod:`kzquiz.stores.sqlite`
adds them): the file guarantees that module describes start here. Kept apart so that ``kzquiz stats`` opens a
store and counts a learner's progress (:meth:`SQLiteBase.study_counts`) without loading attrs, the scheduler and
the record classes, which took most of its start-up time.
"""

from __future__ import annotations

import os
import sqlite3

from kzquiz.errors import DamagedStoreError, NotAStoreError, StoreError, StoreFix, StoreVersionError
from kzquiz.figures import RECENT_REVIEWS, StudiedFact, StudyCounts
from kzquiz.stores import sqliteschema
from kzquiz.stores.cells import (
    BadRow,
    bad,
    fact_ids_from_json,
    memory_fields,
    minute_from_text,
    read_time,
    settings_values,
    show,
    text,
)
from kzquiz.stores.sqlitefile import (
    Step,
    connect_read_only,
    describe_missing,
    expected_schema,
    not_a_file,
    run_step,
    schema_of,
    schema_version_of,
    tidy,
)
from kzquiz.stores.sqliteguard import Guard, Transaction, damaged

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path
    from typing import Any, Self

__all__ = ["APPLICATION_ID", "MEMORY_COLUMNS", "MIGRATIONS", "SCHEMA_VERSION", "SQLiteBase"]

APPLICATION_ID = 0x4B5A515A
"""``PRAGMA application_id`` of a kzquiz store: "KZQZ" in ASCII."""

SQLITE_MAGIC = b"SQLite format 3\x00"


def _give_reviews_uids(db: sqlite3.Connection) -> None:
    """Give each review saved before version 3 the uid :func:`legacy_review_uid` derives from it (rows identical in
    every field are numbered in log order), so that two copies of one store upgraded apart agree on every uid."""
    from kzquiz.stores.common import legacy_review_uid  # here: only a store of version 2 needs it

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
    # Version 5: the decks' ids in an index of their own. SQLite checks the deck of every memory and review written
    # through it; through the table's key it read the whole deck row, fact ids and all (1 MB for 100,000 facts),
    # twice per answer.
    ("CREATE UNIQUE INDEX decks_by_id ON decks (id)",),
)
"""Forward migrations: ``MIGRATIONS[n]`` takes a store from schema version ``n`` to ``n + 1``."""

WAL_PAGES = 100
"""How many pages (4 KiB each) the write-ahead log takes before SQLite copies them into the store and starts the log
again from its beginning (SQLite's default: 1,000). An answer writes about five pages. While the log grows, every
commit makes the file longer, and flushing it must write the file's size too (on Linux's ext4, a second write
before the flush: about 0.1 ms); once it starts again, answers overwrite space the log already has and the flush
writes their pages only. With 100 pages that happens after about 20 answers instead of 200, at the cost of copying
the pages into the store every 20 answers (benchmarks/peers.py --only answer,rate)."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this kzquiz writes; a store with a higher ``user_version`` is refused."""

MEMORY_COLUMNS = "deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id"
"""The columns of a memory row, in the order :func:`~kzquiz.stores.cells.memory_fields` reads them."""

_ACTIVITY = (
    # times are stored as ISO 8601 in UTC, so the first 16 characters are the minute
    "SELECT substr(reviewed_at, 1, 16), count(*), sum(correct) FROM reviews WHERE learner_id = ? GROUP BY 1 ORDER BY 1"
)

_REVIEW_DAYS = (
    # the first 10 characters are the day; the text of times in UTC sorts as the times do. The last column counts
    # the values the others are counted from that are not what kzquiz writes (0 in a healthy store); all of these
    # are read from the index of the log, without reading its rows.
    "SELECT min(reviewed_at), max(reviewed_at), count(*), sum(correct), sum(NOT (typeof(correct) = 'integer' "
    "AND correct IN (0, 1) AND typeof(reviewed_at) = 'text' AND reviewed_at LIKE '____-__-__T__:__:__%+00:00')) "
    "FROM reviews WHERE learner_id = ? GROUP BY substr(reviewed_at, 1, 10) ORDER BY 1"
)

_RECENT_ANSWERS = (
    # each fact's last answers (the newest first: the log's order reversed), wrong unless an appeal stands
    "SELECT deck_id, fact_id, count(*), sum(NOT correct AND NOT EXISTS (SELECT 1 FROM appeals AS a "
    "WHERE a.learner_id = r.learner_id AND a.question_id = r.question_id AND a.reviewed_at = r.reviewed_at "
    "AND a.status != 'rejected')) FROM (SELECT learner_id, deck_id, fact_id, question_id, correct, reviewed_at, "
    "row_number() OVER (PARTITION BY deck_id, fact_id ORDER BY reviewed_at DESC, id DESC) AS latest "
    "FROM reviews WHERE learner_id = ?) AS r WHERE latest <= ? GROUP BY deck_id, fact_id"
)

_SUSPECT_ANSWER = (
    "SELECT fact_id, correct, reviewed_at FROM reviews WHERE learner_id = ? AND NOT (typeof(correct) = 'integer' "
    "AND correct IN (0, 1) AND typeof(reviewed_at) = 'text' AND reviewed_at LIKE '____-__-__T__:__:__%+00:00') "
    "ORDER BY id LIMIT 1"
)
"""The first of a learner's reviews whose values ``kzquiz stats`` counts are not what kzquiz writes, to name it."""


def _file_name(path: str | os.PathLike[str]) -> str:
    """``path`` as a string naming the file that ``pathlib.Path(path)`` names: a trailing separator (which would
    make the system look for a folder) dropped, and an empty path the current folder."""
    text = os.fspath(path)
    return text.rstrip(os.sep + (os.altsep or "")) or text[:1] or "."


class SQLiteBase:
    """An SQLite store file, opened (made, migrated or refused) and ready for its queries: what
    :class:`~kzquiz.SQLiteStore` adds its records to, and what ``kzquiz stats`` reads a learner's counts through."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        """Open the store at ``path``, creating it if the file does not exist; see :func:`kzquiz.open_store`."""
        self._file = _file_name(path)
        self.read_only = read_only
        self._learner_ids: dict[str, int] = {}
        self._deck_rows: set[str] = set()
        """Decks this store has seen committed to the file: no placeholder row is needed for them (no deck row is
        ever deleted)."""
        self._reviews_checked = False
        self._tidy = False
        size = self._check_file()
        if read_only:
            self._db = self._connect_read_only(size)
        else:
            self._make_folder()
            self._check_writable()
            try:
                self._db = sqlite3.connect(self._file, timeout=30.0, isolation_level=None)
            except sqlite3.Error as error:
                raise StoreError(f"{self.path}: cannot open the store: {error}") from error
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    @property
    def path(self) -> Path:
        """The store's file."""
        from pathlib import Path  # here, not at the top: kzquiz stats reads a store without importing pathlib

        return Path(self._file)

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

    def _connect_read_only(self, size: int) -> sqlite3.Connection:
        """The file (of ``size`` bytes) opened read-only, or an empty store in memory when there is no file yet or it
        is empty (nothing is made)."""
        if size == 0:
            return sqlite3.connect(":memory:", isolation_level=None)
        with self._guard():
            db, self._tidy = connect_read_only(self._file)
        return db

    def _check_file(self) -> int:
        """Refuse, before SQLite opens it, anything that is not an SQLite file: nothing may write to it. Returns the
        file's size: 0 when there is no file yet."""
        refused = not_a_file(self._file)
        if refused is not None:
            raise NotAStoreError(f"{self.path}: {refused}", path=self.path, fix=StoreFix.ANOTHER_STORE)
        try:
            found = os.stat(self._file)
            if found.st_size == 0:
                return 0
            with open(self._file, "rb") as file:
                head = file.read(len(SQLITE_MAGIC))
        except (FileNotFoundError, NotADirectoryError):
            return 0
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read the store: {error.strerror or error}") from None
        if head != SQLITE_MAGIC:
            raise NotAStoreError(
                f"{self.path}: is not a kzquiz store (not an SQLite database); it was left untouched",
                path=self.path,
                fix=StoreFix.ANOTHER_STORE,
            )
        return found.st_size

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
            self._db.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
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
            expected = sqliteschema.SCHEMA if version == sqliteschema.VERSION else expected_schema(MIGRATIONS, version)
            missing = expected - schema_of(self._db)
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
            return os.stat(self._file).st_size == 0
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
        return damaged(self.path, what)

    def _guard(self) -> Guard:
        """Turn SQLite's errors into kzquiz's: a damaged file, a full disk, or a store that cannot be used now."""
        return Guard(self._file)

    def _write(self) -> Transaction:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so two writers queue instead of failing."""
        return Transaction(self._db, self._file, self._learner_ids.clear)

    def _learner_id(self, db: sqlite3.Connection | sqlite3.Cursor, name: str) -> int:
        """The learner's row id, adding the learner (call inside a write transaction: if it is rolled back, the ids
        remembered are forgotten, as the row added may not exist)."""
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

    def review_activity(self, learner: str) -> list[tuple[dt.datetime, int, int]]:
        """(minute, reviews, right answers) for each minute (UTC) in which the learner made reviews, in time order."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return []
        with self._guard():
            rows = self._db.execute(_ACTIVITY, (learner_id,)).fetchall()
        with self._guard():
            return [(minute_from_text(minute), n, right) for minute, n, right in rows]

    def study_counts(self, learner: str) -> StudyCounts:
        """What ``kzquiz stats`` needs of a learner (see :meth:`kzquiz.Store.study_counts`), read in one transaction:
        each fact's last answers are counted by SQLite over the learner's log rather than read review by review.
        Every value read is checked; a damaged one is a :class:`~kzquiz.DamagedStoreError` naming it."""
        learner_id = self._find_learner(learner)
        if learner_id is None:
            return StudyCounts([], [], {}, {})
        with self._guard():
            db = self._db
            db.execute("BEGIN")  # one snapshot, even while a session writes
            try:
                settings = db.execute("SELECT settings FROM learners WHERE id = ?", (learner_id,)).fetchone()[0]
                memories = db.execute(
                    f"SELECT {MEMORY_COLUMNS} FROM memory WHERE learner_id = ?",  # noqa: S608 - constant columns
                    (learner_id,),
                ).fetchall()
                decks = db.execute(
                    "SELECT id, fact_ids FROM decks WHERE id IN (SELECT deck_id FROM memory WHERE learner_id = ?)",
                    (learner_id,),
                ).fetchall()
                days = db.execute(_REVIEW_DAYS, (learner_id,)).fetchall()
                suspect = None
                if any(day[4] for day in days):
                    suspect = db.execute(_SUSPECT_ANSWER, (learner_id,)).fetchone()
                recent = db.execute(_RECENT_ANSWERS, (learner_id, RECENT_REVIEWS)).fetchall()
            finally:
                db.execute("COMMIT")  # nothing was written: this ends the snapshot
        with self._guard():
            values = {} if settings is None else self._settings_values(learner, settings)
            if suspect is not None:
                self._name_suspect(learner, suspect)
            return StudyCounts(
                review_days=[
                    (read_time("reviewed_at", first), read_time("reviewed_at", last), n, right)
                    for first, last, n, right, _ in days
                ],
                facts=[self._studied_fact(learner, row) for row in memories],
                recent={
                    (text("deck_id", deck_id), text("fact_id", fact_id)): (n, wrong)
                    for deck_id, fact_id, n, wrong in recent
                },
                deck_facts={deck_id: frozenset(ids) for deck_id, ids in self._deck_facts(decks) if ids},
                **values,
            )

    @staticmethod
    def _settings_values(learner: str, settings: object) -> dict[str, Any]:
        try:
            values = settings_values(settings)
        except BadRow as error:
            raise BadRow(f"learner {show(learner)}: {error}") from None
        return {name: values[name] for name in ("desired_retention", "parameters") if name in values}

    @staticmethod
    def _studied_fact(learner: str, row: tuple[Any, ...]) -> StudiedFact:
        try:
            deck_id, fact_id, state, _, stability, _, due, last_review, _, lapses, _ = memory_fields(row)
        except BadRow as error:
            where = f"memory of {show(learner)} for fact {show(row[1])} of deck {show(row[0])}"
            raise BadRow(f"{where}: {error}") from None
        return StudiedFact(deck_id, fact_id, state, stability, due, last_review, lapses)

    @staticmethod
    def _deck_facts(rows: list[tuple[Any, ...]]) -> list[tuple[str, tuple[str, ...]]]:
        found = []
        for deck_id, fact_ids in rows:
            try:
                found.append((text("id", deck_id), fact_ids_from_json(fact_ids)))
            except BadRow as error:
                raise BadRow(f"deck {show(deck_id)}: {error}") from None
        return found

    @staticmethod
    def _name_suspect(learner: str, row: tuple[Any, ...]) -> None:
        fact_id, correct, reviewed_at = row
        try:
            if type(correct) is not int or correct not in (0, 1):
                raise bad("correct", correct, "0 or 1")
            read_time("reviewed_at", reviewed_at)
        except BadRow as error:
            raise BadRow(f"a review of {show(learner)} (fact {show(fact_id)}): {error}") from None

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._close_file()

    def _close_file(self) -> None:
        self._db.close()
        if self._tidy:
            self._tidy = False
            tidy(self._file)

    def __enter__(self) -> Self:
        """The store itself: ``with open_store() as store:`` closes it at the end."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the store."""
        self.close()

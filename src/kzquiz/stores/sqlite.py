"""The SQLite progress store: one file, several learners, safe against crashes, power cuts and a second terminal.

The file is marked as kzquiz's with ``PRAGMA application_id`` and carries its schema version in ``PRAGMA
user_version``; older schemas are migrated forward in one transaction, and a file that is not a kzquiz store, is
damaged or comes from a newer kzquiz is refused with a clear error and left exactly as it was (nothing is written
to a file before it has been recognised and, when opened for writing, passed ``PRAGMA quick_check``). Every value
read back is checked (:mod:`kzquiz.stores.rows`): a damaged row is a :class:`~kzquiz.DamagedStoreError` naming it.
Write-ahead logging lets two sessions use the file at once; every write is one ``BEGIN IMMEDIATE`` transaction,
committed before the method returns, and ``synchronous=FULL`` flushes the log to the disk at each commit, so
neither a killed process nor a power cut loses anything answered. A store opened read-only never writes and
leaves no files behind (:mod:`kzquiz.stores.sqlitefile`). Opening, recognising and migrating the file is
:class:`~kzquiz.stores.sqlitebase.SQLiteBase`'s, which this store extends with its records.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kzquiz.appeals import AppealRecord
from kzquiz.errors import AppealError
from kzquiz.isotime import iso_utc
from kzquiz.scheduling import Memory, SchedulerSettings
from kzquiz.stores.base import AnswerCount, DeckRecord, FactCount, ReviewRecord, fact_ids_of
from kzquiz.stores.common import memory_values, settings_to_json
from kzquiz.stores.rows import (
    BadRow,
    appeal_from_row,
    deck_from_row,
    memory_from_row,
    review_from_row,
    settings_from_json,
    show,
)
from kzquiz.stores.sqlitebase import APPLICATION_ID, MEMORY_COLUMNS, MIGRATIONS, SCHEMA_VERSION, SQLiteBase

if TYPE_CHECKING:
    from kzquiz.model import Deck

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "SQLiteStore"]


def _time(moment: dt.datetime) -> str:
    """A time as the store writes it: in UTC, with microseconds (``isoformat(timespec="microseconds")``)."""
    if moment.tzinfo is not dt.UTC:  # what kzquiz's clock and scheduler give, and so every answer: nothing to do
        if moment.tzinfo is None:
            msg = f"times must be timezone-aware, not {moment.isoformat()}"
            raise ValueError(msg)
        moment = moment.astimezone(dt.UTC)
    return iso_utc(moment, microseconds=True)


def _read_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


_SELECT_MEMORY = f"SELECT {MEMORY_COLUMNS} FROM memory WHERE learner_id = ? AND deck_id = ? AND fact_id = ?"  # noqa: S608 - constant columns
_PUT_MEMORY = (
    f"INSERT INTO memory (learner_id, {MEMORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "  # noqa: S608 - constant columns
    "ON CONFLICT (learner_id, deck_id, fact_id) DO UPDATE SET state = excluded.state, step = excluded.step, "
    "stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due, "
    "last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses, "
    "question_id = excluded.question_id"
)
"""A memory saved: updated in place when the fact has one (``OR REPLACE`` deleted the row and inserted it again)."""
_ADD_MEMORY = (
    f"INSERT INTO memory (learner_id, {MEMORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "  # noqa: S608 - constant columns
    "ON CONFLICT (learner_id, deck_id, fact_id) DO NOTHING"
)
"""A memory saved for a fact that has none: nothing is written over a memory another program saved meanwhile."""
_SAVE_OVER_KEPT = (
    "UPDATE memory SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, reps = ?, "
    "lapses = ?, question_id = ? WHERE learner_id = ? AND deck_id = ? AND fact_id = ? AND (state, step, stability, "
    "difficulty, due, last_review, reps, lapses, question_id) IS (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
"""A memory saved over the row this store last wrote for the fact, only if the row is still exactly that."""

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


def _review_row(learner_id: int, review: ReviewRecord, reviewed_at: str | None = None) -> tuple[object, ...]:
    """The row of a review; ``reviewed_at`` is its time as :func:`_time` writes it, when the caller has it."""
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
        _time(review.reviewed_at) if reviewed_at is None else reviewed_at,
        review.uid,
    )


_KEPT_MEMORIES = 4096
"""How many memories :meth:`SQLiteStore.review_fact` keeps with their rows (then it starts again)."""


class SQLiteStore(SQLiteBase):
    """A progress store in one SQLite file, shared safely by several learners and programs: every write is
    committed (and flushed to the disk) before the method returns, and a file that is not a kzquiz store, is
    damaged or comes from a newer kzquiz is refused and left untouched."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        """Open the store at ``path``, creating it if the file does not exist; see :func:`kzquiz.open_store`."""
        self._written: dict[tuple[int, str, str], tuple[tuple[object, ...], Memory]] = {}
        """Memories :meth:`review_fact` saved or :meth:`memories` read, by (learner row id, deck, fact), each with its
        row: while the row in the file is still that row, the next answer is scheduled from the memory as it is and
        saved over the row, without reading it and checking it again."""
        self._read_all: set[int] = set()
        """Learners (row ids) whose every memory, as :meth:`memories` read them, is in ``_written``: a fact of theirs
        that is not there had no memory then, and its first answer saves a new one without looking for it first."""
        super().__init__(path, read_only=read_only)
        self._cursor = self._db.cursor()
        """The cursor every answer's statements run on (``Connection.execute`` makes a new one for each)."""

    def add_learner(self, name: str) -> None:
        """Add a learner; adding one who exists does nothing."""
        with self._write() as db:
            added = db.execute("INSERT OR IGNORE INTO learners (name) VALUES (?)", (name,)).rowcount == 1
            learner_id = self._learner_id(db, name)
        if added:  # committed: a learner just added has no memories (see _read_all)
            self._read_all.add(learner_id)

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
        self._deck_rows.add(deck.id)  # committed

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
        query = f"SELECT {MEMORY_COLUMNS} FROM memory WHERE learner_id = ?"  # noqa: S608 - constant columns
        with self._guard():
            rows = self._db.execute(query + " ORDER BY deck_id, fact_id", (learner_id,)).fetchall()
        wanted = None if deck_ids is None else set(deck_ids)
        with self._guard():  # all checked, wanted or not: a session refuses a damaged store before writing to it
            found = self._memories(learner, rows)
        self._keep_read(learner_id, rows, found)
        return [m for m in found if wanted is None or m.deck_id in wanted]

    def _keep_read(self, learner_id: int, rows: list[tuple[Any, ...]], memories: list[Memory]) -> None:
        """Keep every memory of a learner as read with its row, as :meth:`review_fact` keeps those it saves, when
        they all fit: a session reads them as it starts, and then answers about them."""
        if len(self._written) + len(rows) > _KEPT_MEMORIES:
            return
        for row, memory in zip(rows, memories, strict=True):
            self._written[(learner_id, memory.deck_id, memory.fact_id)] = (row, memory)
        self._read_all.add(learner_id)

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

    def _put_memory(
        self,
        db: sqlite3.Connection | sqlite3.Cursor,
        learner_id: int,
        memory: Memory,
        time: Callable[[dt.datetime], str] = _time,
    ) -> tuple[object, ...]:
        """Save the memory, its times written by ``time``; the row written (as :data:`_SELECT_MEMORY` reads it back)."""
        if memory.deck_id not in self._deck_rows:
            db.execute(_PLACEHOLDER_DECK, (memory.deck_id,))
        row = memory_values(memory, time)
        db.execute(_PUT_MEMORY, (learner_id, *row))
        return row

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
        # The memory's last review is the review's own time: formatted once (about 4% of saving an answer)
        moment = review.reviewed_at
        reviewed_at = _time(moment)

        def time(other: dt.datetime) -> str:
            return reviewed_at if other is moment else _time(other)

        with self._write():
            cursor = self._cursor
            learner_id = self._learner_id(cursor, review.learner)
            key = (learner_id, review.deck_id, review.fact_id)
            kept = self._written.get(key)
            saved = False
            if kept is not None:
                # Most facts reviewed are ones this store read as the session started or saved since: their memory
                # is the one it kept, unless another program has changed the row meanwhile. The database compares
                # the row with the one kept, and saves over it only if they are equal; otherwise it is read below.
                memory = schedule(kept[1])
                written = memory_values(memory, time)
                saved = cursor.execute(_SAVE_OVER_KEPT, (*written[2:], *key, *kept[0][2:])).rowcount == 1
            elif learner_id in self._read_all and review.deck_id in self._deck_rows:
                # A fact the learner had no memory of when the session started: new, unless another program has
                # saved a memory of it meanwhile, over which the database writes nothing (then it is read below).
                memory = schedule(None)
                written = memory_values(memory, time)
                saved = cursor.execute(_ADD_MEMORY, (learner_id, *written)).rowcount == 1
            if not saved:
                row = cursor.execute(_SELECT_MEMORY, key).fetchone()
                memory = schedule(None if row is None else self._memories(review.learner, [row])[0])
                written = self._put_memory(cursor, learner_id, memory, time)
            cursor.execute(_INSERT_REVIEW, _review_row(learner_id, review, reviewed_at))
        self._deck_rows.add(memory.deck_id)  # committed
        if len(self._written) >= _KEPT_MEMORIES:
            self._written.clear()
            self._read_all.clear()
        if memory.due.tzinfo is dt.UTC and (memory.last_review is None or memory.last_review.tzinfo is dt.UTC):
            self._written[(learner_id, memory.deck_id, memory.fact_id)] = (written, memory)  # as a read would give
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

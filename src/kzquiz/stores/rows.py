"""Reading a store's raw rows into kzquiz's records, trusting nothing: every value is checked on the way in.

A store file can be damaged by a disk, edited by hand or written by another program, so each function here turns
one raw row (a tuple of plain values, as a database driver returns it) into a record, or raises :class:`BadRow`
naming the field and the value that kzquiz never writes. The checks of single values are
:mod:`kzquiz.stores.cells`'. No I/O: the stores call these and add where the row is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.scheduling import Memory, Rating, SchedulerSettings
from kzquiz.stores import cells
from kzquiz.stores.base import DeckRecord, ReviewRecord
from kzquiz.stores.cells import BadRow, minute_from_text, read_time, show, text_or_bytes

__all__ = [
    "BadRow",
    "appeal_from_row",
    "deck_from_row",
    "memory_from_row",
    "minute_from_text",
    "read_time",
    "review_from_row",
    "settings_from_json",
    "show",
    "text_or_bytes",
]

_RATINGS = {int(rating): rating for rating in Rating}


def memory_from_row(row: Sequence[Any]) -> Memory:
    """A memory from ``(deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses,
    question_id)``."""
    deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id = (
        cells.memory_fields(row)
    )
    return Memory(fact_id, deck_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id)


def review_from_row(learner: str, row: Sequence[Any]) -> ReviewRecord:
    """A review from ``(deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration,
    reviewed_at, uid)``."""
    deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, reviewed_at, uid = row
    if correct not in (0, 1) or type(correct) is not int:
        raise cells.bad("correct", correct, "0 or 1")
    found = _RATINGS.get(rating) if type(rating) is int else None
    if found is None:
        raise cells.bad("rating", rating, "a rating from 1 (again) to 4 (easy)")
    if duration is not None:
        duration = cells.number("duration", duration, 0.0, 1e9, "a duration in seconds")
    return ReviewRecord(
        learner,
        cells.text("deck_id", deck_id),
        cells.text("fact_id", fact_id),
        cells.text("question_id", question_id),
        cells.text("form", form),
        cells.text("answer", answer),
        bool(correct),
        cells.number("score", score, 0.0, 1.0, "a score from 0 to 1"),
        cells.text("match", match),
        found,
        duration,
        read_time("reviewed_at", reviewed_at),
        uid=_uid(uid),
    )


_STATUSES = {status.value: status for status in AppealStatus}


def appeal_from_row(row: Sequence[Any]) -> AppealRecord:
    """An appeal from ``(learner, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at,
    teacher)``."""
    learner, deck_id, fact_id, question_id, reviewed_at, answer, made_at, status, decided_at, teacher = row
    found = _STATUSES.get(status) if type(status) is str else None
    if found is None:
        raise cells.bad("status", status, "pending, accepted or rejected")
    if teacher not in (0, 1) or type(teacher) not in (int, bool):
        raise cells.bad("teacher", teacher, "0 or 1")
    return AppealRecord(
        learner=cells.text("learner", learner),
        deck_id=cells.text("deck_id", deck_id),
        fact_id=cells.text("fact_id", fact_id),
        question_id=cells.text("question_id", question_id),
        reviewed_at=read_time("reviewed_at", reviewed_at),
        answer=cells.text("answer", answer),
        made_at=read_time("made_at", made_at),
        status=found,
        decided_at=None if decided_at is None else read_time("decided_at", decided_at),
        teacher=bool(teacher),
    )


def _uid(value: object) -> str:
    if type(value) is not str or not 1 <= len(value) <= 64:
        raise cells.bad("uid", value, "a review's uid")
    return value


def deck_from_row(row: Sequence[Any]) -> DeckRecord:
    """A deck seen, from ``(id, content_hash, title, fact_ids)``; ``fact_ids`` is a JSON list of strings."""
    deck_id, content_hash, title, fact_ids = row
    ids = cells.fact_ids_from_json(fact_ids)
    return DeckRecord(
        cells.text("id", deck_id), cells.text("content_hash", content_hash), cells.text("title", title), ids
    )


def settings_from_json(text: object) -> SchedulerSettings:
    """A learner's settings from their saved JSON (fields kzquiz does not know are ignored: a newer kzquiz may
    save more)."""
    return SchedulerSettings(**cells.settings_values(text))

"""Reading a store's raw rows into kzquiz's records, trusting nothing: every value is checked on the way in.

A store file can be damaged by a disk, edited by hand or written by another program, so each function here turns
one raw row (a tuple of plain values, as a database driver returns it) into a record, or raises :class:`BadRow`
naming the field and the value that kzquiz never writes. No I/O: the stores call these and add where the row is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores.base import DeckRecord, ReviewRecord

__all__ = [
    "BadRow",
    "appeal_from_row",
    "deck_from_row",
    "memory_from_row",
    "minute_from_text",
    "review_from_row",
    "settings_from_json",
    "show",
    "text_or_bytes",
]


class BadRow(ValueError):
    """A row holds a value kzquiz never writes; the message names the field and the value."""


_STATES = {state.value: state for state in CardState}  # a dict lookup is 10x faster than CardState(value)
_RATINGS = {int(rating): rating for rating in Rating}


def show(value: object) -> str:
    """A value as a short, printable quotation (control characters escaped), for error messages."""
    text = repr(bytes(value) if isinstance(value, bytes) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def text_or_bytes(data: bytes) -> str | bytes:
    """SQLite text as a ``str``, or as the raw ``bytes`` when it is not UTF-8 (for the checks to name, not crash).

    A connection's ``text_factory``: without it, a damaged text stops the whole query.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def _bad(field: str, value: object, wanted: str) -> BadRow:
    return BadRow(f"{field}: {show(value)} is not {wanted}")


def read_time(field: str, value: object) -> dt.datetime:
    """A stored time: ISO 8601 text with a UTC offset."""
    if type(value) is not str:
        raise _bad(field, value, "a time")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _bad(field, value, "a time") from None
    if moment.tzinfo is None:
        raise _bad(field, value, "a time with its UTC offset")
    return moment


def _text(field: str, value: object) -> str:
    if type(value) is not str:
        raise _bad(field, value, "text")
    return value


def _count(field: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise _bad(field, value, "a whole number of 0 or more")
    return value


def _number(field: str, value: object, low: float, high: float, wanted: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:  # NaN fails
        raise _bad(field, value, wanted)
    return float(value)


def memory_from_row(row: Sequence[Any]) -> Memory:
    """A memory from ``(deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses,
    question_id)``."""
    deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id = row
    found = _STATES.get(state) if type(state) is str else None
    if found is None:
        raise _bad("state", state, "one of " + ", ".join(_STATES))
    if step is not None:
        _count("step", step)
    if stability is not None or found is not CardState.NEW:
        stability = _number("stability", stability, 1e-9, 1e12, "a stability in days above 0")
    if difficulty is not None or found is not CardState.NEW:
        difficulty = _number("difficulty", difficulty, 1.0, 10.0, "a difficulty from 1 to 10")
    return Memory(
        _text("fact_id", fact_id),
        _text("deck_id", deck_id),
        found,
        step,
        stability,
        difficulty,
        read_time("due", due),
        None if last_review is None else read_time("last_review", last_review),
        _count("reps", reps),
        _count("lapses", lapses),
        _text("question_id", question_id),
    )


def review_from_row(learner: str, row: Sequence[Any]) -> ReviewRecord:
    """A review from ``(deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration,
    reviewed_at, uid)``."""
    deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, reviewed_at, uid = row
    if correct not in (0, 1) or type(correct) is not int:
        raise _bad("correct", correct, "0 or 1")
    found = _RATINGS.get(rating) if type(rating) is int else None
    if found is None:
        raise _bad("rating", rating, "a rating from 1 (again) to 4 (easy)")
    if duration is not None:
        duration = _number("duration", duration, 0.0, 1e9, "a duration in seconds")
    return ReviewRecord(
        learner,
        _text("deck_id", deck_id),
        _text("fact_id", fact_id),
        _text("question_id", question_id),
        _text("form", form),
        _text("answer", answer),
        bool(correct),
        _number("score", score, 0.0, 1.0, "a score from 0 to 1"),
        _text("match", match),
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
        raise _bad("status", status, "pending, accepted or rejected")
    if teacher not in (0, 1) or type(teacher) not in (int, bool):
        raise _bad("teacher", teacher, "0 or 1")
    return AppealRecord(
        learner=_text("learner", learner),
        deck_id=_text("deck_id", deck_id),
        fact_id=_text("fact_id", fact_id),
        question_id=_text("question_id", question_id),
        reviewed_at=read_time("reviewed_at", reviewed_at),
        answer=_text("answer", answer),
        made_at=read_time("made_at", made_at),
        status=found,
        decided_at=None if decided_at is None else read_time("decided_at", decided_at),
        teacher=bool(teacher),
    )


def _uid(value: object) -> str:
    if type(value) is not str or not 1 <= len(value) <= 64:
        raise _bad("uid", value, "a review's uid")
    return value


def deck_from_row(row: Sequence[Any]) -> DeckRecord:
    """A deck seen, from ``(id, content_hash, title, fact_ids)``; ``fact_ids`` is a JSON list of strings."""
    deck_id, content_hash, title, fact_ids = row
    try:
        ids = json.loads(_text("fact_ids", fact_ids))
    except ValueError:
        raise _bad("fact_ids", fact_ids, "a list of fact ids") from None
    if not isinstance(ids, list) or not all(type(i) is str for i in ids):
        raise _bad("fact_ids", fact_ids, "a list of fact ids")
    return DeckRecord(_text("id", deck_id), _text("content_hash", content_hash), _text("title", title), tuple(ids))


def minute_from_text(text: object) -> dt.datetime:
    """A UTC minute from its first 16 characters of a stored time (``2026-03-02T09:05``)."""
    if type(text) is not str or len(text) != 16 or text[10] != "T":
        raise _bad("reviewed_at", text, "a time")
    try:
        return dt.datetime.fromisoformat(text + "+00:00")
    except ValueError:
        raise _bad("reviewed_at", text, "a time") from None


def _floats(field: str, value: object, low: float, high: float, count: int | None = None) -> tuple[float, ...]:
    if not isinstance(value, list) or (count is not None and len(value) != count):
        size = f"{count} numbers" if count is not None else "numbers"
        raise _bad(field, value, f"a list of {size}")
    wanted = f"a number from {low:g} to {high:g}"
    return tuple(_number(f"{field}[{n}]", v, low, high, wanted) for n, v in enumerate(value))


def settings_from_json(text: object) -> SchedulerSettings:
    """A learner's settings from their saved JSON (fields kzquiz does not know are ignored: a newer kzquiz may
    save more)."""
    if type(text) is not str:
        raise _bad("settings", text, "JSON text")
    try:
        saved = json.loads(text)
    except (ValueError, RecursionError):
        raise _bad("settings", text, "JSON") from None
    if not isinstance(saved, dict):
        raise _bad("settings", text, "a JSON object")
    values: dict[str, Any] = {}
    if "desired_retention" in saved:
        values["desired_retention"] = _number(
            "settings.desired_retention", saved["desired_retention"], 0.7, 0.99, "a retention from 0.7 to 0.99"
        )
    if "parameters" in saved:
        values["parameters"] = _floats("settings.parameters", saved["parameters"], -1e6, 1e6, len(DEFAULT_PARAMETERS))
    for steps in ("learning_steps", "relearning_steps"):
        if steps in saved:
            values[steps] = _floats(f"settings.{steps}", saved[steps], 0.0, 1e9)
    if "maximum_interval" in saved:
        days = saved["maximum_interval"]
        if type(days) is not int or not 1 <= days <= 1_000_000:
            raise _bad("settings.maximum_interval", days, "a number of days from 1 to 1000000")
        values["maximum_interval"] = days
    if "enable_fuzzing" in saved:
        if type(saved["enable_fuzzing"]) is not bool:
            raise _bad("settings.enable_fuzzing", saved["enable_fuzzing"], "true or false")
        values["enable_fuzzing"] = saved["enable_fuzzing"]
    return SchedulerSettings(**values)

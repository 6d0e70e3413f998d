"""One stored value checked on its way in: text, a count, a number in range, a time, a list of fact ids, settings.

A store file can be damaged by a disk, edited by hand or written by another program, so every value read back is
checked; a value kzquiz never writes raises :class:`BadRow` naming the field and the value. These checks need
nothing but the standard library: :mod:`kzquiz.stores.rows` builds the store's records with them, and ``kzquiz
stats`` checks the few columns it reads without loading those records. No I/O.
"""

from __future__ import annotations

import datetime as dt
import json

from kzquiz.memorystate import DEFAULT_PARAMETERS, PARAMETER_BOUNDS, CardState

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = [
    "BadRow",
    "bad",
    "count",
    "fact_ids_from_json",
    "memory_fields",
    "minute_from_text",
    "number",
    "numbers",
    "read_time",
    "settings_values",
    "show",
    "text",
    "text_or_bytes",
]


class BadRow(ValueError):
    """A row holds a value kzquiz never writes; the message names the field and the value."""


def show(value: object) -> str:
    """A value as a short, printable quotation (control characters escaped), for error messages."""
    quoted = repr(bytes(value) if isinstance(value, bytes) else value)
    return quoted if len(quoted) <= 60 else quoted[:57] + "..."


def text_or_bytes(data: bytes) -> str | bytes:
    """SQLite text as a ``str``, or as the raw ``bytes`` when it is not UTF-8 (for the checks to name, not crash).

    A connection's ``text_factory``: without it, a damaged text stops the whole query.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def bad(field: str, value: object, wanted: str) -> BadRow:
    """The error for a ``field`` whose ``value`` is not what was ``wanted`` (``a time``, ``0 or 1``)."""
    return BadRow(f"{field}: {show(value)} is not {wanted}")


def read_time(field: str, value: object) -> dt.datetime:
    """A stored time: ISO 8601 text with a UTC offset."""
    if type(value) is not str:
        raise bad(field, value, "a time")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise bad(field, value, "a time") from None
    if moment.tzinfo is None:
        raise bad(field, value, "a time with its UTC offset")
    return moment


def text(field: str, value: object) -> str:
    """A stored text."""
    if type(value) is not str:
        raise bad(field, value, "text")
    return value


def count(field: str, value: object) -> int:
    """A stored whole number of 0 or more."""
    if type(value) is not int or value < 0:
        raise bad(field, value, "a whole number of 0 or more")
    return value


def number(field: str, value: object, low: float, high: float, wanted: str) -> float:
    """A stored number from ``low`` to ``high`` (``wanted`` says so in words)."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:  # NaN fails
        raise bad(field, value, wanted)
    return float(value)


def numbers(field: str, value: object, low: float, high: float, size: int | None = None) -> tuple[float, ...]:
    """A stored list of numbers from ``low`` to ``high`` (exactly ``size`` of them, when given)."""
    if not isinstance(value, list) or (size is not None and len(value) != size):
        many = f"{size} numbers" if size is not None else "numbers"
        raise bad(field, value, f"a list of {many}")
    wanted = f"a number from {low:g} to {high:g}"
    return tuple(number(f"{field}[{n}]", v, low, high, wanted) for n, v in enumerate(value))


_STATES = {state.value: state for state in CardState}  # a dict lookup is 10x faster than CardState(value)


def memory_fields(row: Sequence[Any]) -> tuple[Any, ...]:
    """The values of a memory row ``(deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps,
    lapses, question_id)``, checked, in the same order: the state as a :class:`~kzquiz.CardState`, the times as
    ``datetime`` (``last_review`` ``None`` for a fact never reviewed)."""
    deck_id, fact_id, state, step, stability, difficulty, due, last_review, reps, lapses, question_id = row
    found = _STATES.get(state) if type(state) is str else None
    if found is None:
        raise bad("state", state, "one of " + ", ".join(_STATES))
    if step is not None:
        count("step", step)
    if stability is not None or found is not CardState.NEW:
        stability = number("stability", stability, 1e-9, 1e12, "a stability in days above 0")
    if difficulty is not None or found is not CardState.NEW:
        difficulty = number("difficulty", difficulty, 1.0, 10.0, "a difficulty from 1 to 10")
    return (
        text("deck_id", deck_id),
        text("fact_id", fact_id),
        found,
        step,
        stability,
        difficulty,
        read_time("due", due),
        None if last_review is None else read_time("last_review", last_review),
        count("reps", reps),
        count("lapses", lapses),
        text("question_id", question_id),
    )


def minute_from_text(value: object) -> dt.datetime:
    """A UTC minute from its first 16 characters of a stored time (``2026-03-02T09:05``)."""
    if type(value) is not str or len(value) != 16 or value[10] != "T":
        raise bad("reviewed_at", value, "a time")
    try:
        return dt.datetime.fromisoformat(value + "+00:00")
    except ValueError:
        raise bad("reviewed_at", value, "a time") from None


def fact_ids_from_json(value: object) -> tuple[str, ...]:
    """A deck's fact ids from their stored JSON list of strings."""
    try:
        ids = json.loads(text("fact_ids", value))
    except ValueError:
        raise bad("fact_ids", value, "a list of fact ids") from None
    if not isinstance(ids, list) or not all(type(i) is str for i in ids):
        raise bad("fact_ids", value, "a list of fact ids")
    return tuple(ids)


def settings_values(value: object) -> dict[str, Any]:
    """The settings a learner saved, from their JSON, checked, by the names of :class:`kzquiz.SchedulerSettings`'
    fields; fields kzquiz does not know are ignored (a newer kzquiz may save more), and fields not saved are left
    out."""
    if type(value) is not str:
        raise bad("settings", value, "JSON text")
    try:
        saved = json.loads(value)
    except (ValueError, RecursionError):
        raise bad("settings", value, "JSON") from None
    if not isinstance(saved, dict):
        raise bad("settings", value, "a JSON object")
    values: dict[str, Any] = {}
    if "desired_retention" in saved:
        values["desired_retention"] = number(
            "settings.desired_retention", saved["desired_retention"], 0.7, 0.99, "a retention from 0.7 to 0.99"
        )
    if "parameters" in saved:
        parameters = numbers("settings.parameters", saved["parameters"], -1e6, 1e6, len(DEFAULT_PARAMETERS))
        for index, (low, high) in enumerate(PARAMETER_BOUNDS):
            number(f"settings.parameters[{index}]", parameters[index], low, high, f"a number from {low:g} to {high:g}")
        values["parameters"] = parameters
    for steps in ("learning_steps", "relearning_steps"):
        if steps in saved:
            values[steps] = numbers(f"settings.{steps}", saved[steps], 0.0, 1e9)
    if "maximum_interval" in saved:
        days = saved["maximum_interval"]
        if type(days) is not int or not 1 <= days <= 1_000_000:
            raise bad("settings.maximum_interval", days, "a number of days from 1 to 1000000")
        values["maximum_interval"] = days
    if "enable_fuzzing" in saved:
        if type(saved["enable_fuzzing"]) is not bool:
            raise bad("settings.enable_fuzzing", saved["enable_fuzzing"], "true or false")
        values["enable_fuzzing"] = saved["enable_fuzzing"]
    return values

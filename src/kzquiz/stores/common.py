"""What the database stores share: settings as JSON, times in UTC, and the identity of reviews saved before uids.

Reading rows back, with every value checked, is :mod:`kzquiz.stores.rows`.
"""

from __future__ import annotations

import datetime as dt
import json

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    from collections.abc import Callable

    from kzquiz.scheduling import Memory, SchedulerSettings

__all__ = ["legacy_review_uid", "memory_values", "settings_to_json", "utc"]


def memory_values(memory: Memory, time: Callable[[dt.datetime], object]) -> tuple[object, ...]:
    """A memory's values in the order of a memory row (deck, fact, state, step, stability, difficulty, due, last
    review, reps, lapses, question), its times as ``time`` writes them for the database."""
    return (
        memory.deck_id,
        memory.fact_id,
        memory.state._value_,  # what .value gives, without its Python-level descriptor (~1.5k instructions)
        memory.step,
        memory.stability,
        memory.difficulty,
        time(memory.due),
        None if memory.last_review is None else time(memory.last_review),
        memory.reps,
        memory.lapses,
        memory.question_id,
    )


def settings_to_json(settings: SchedulerSettings) -> str:
    """A learner's scheduling settings as the JSON text the stores keep."""
    return json.dumps(
        {
            "desired_retention": settings.desired_retention,
            "parameters": list(settings.parameters),
            "learning_steps": list(settings.learning_steps),
            "relearning_steps": list(settings.relearning_steps),
            "maximum_interval": settings.maximum_interval,
            "enable_fuzzing": settings.enable_fuzzing,
        }
    )


def utc(moment: dt.datetime) -> dt.datetime:
    """The same moment in UTC; a naive time is refused, since nobody could tell which moment it meant."""
    if moment.tzinfo is None:
        msg = f"times must be timezone-aware, not {moment.isoformat()}"
        raise ValueError(msg)
    return moment.astimezone(dt.UTC)


def legacy_review_uid(
    learner: str, deck_id: str, fact_id: str, question_id: str, reviewed_at: str, answer: str, rating: int
) -> str:
    """The uid given to a review saved before reviews had one: derived from what the review is, so that two copies of
    one store, each upgraded on its own machine, give the same review the same uid and merge without doubles.

    ``reviewed_at`` is the time as the SQLite store wrote it (ISO 8601 in UTC, with microseconds).
    """
    import hashlib  # only a store from before uids needs it, once: not every command that opens one

    text = "\x1f".join((learner, deck_id, fact_id, question_id, reviewed_at, answer, str(rating)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

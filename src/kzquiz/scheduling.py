"""Scheduling: the memory of each fact, ratings from verdicts, and FSRS-6 reviews.

The functional core of spaced repetition. Nothing here reads the clock or touches a file: the time of a review
is always passed in as ``now``, and every function returns a new frozen value. FSRS-6 itself is py-fsrs's (the
``fsrs`` package), computed by :mod:`kzquiz.fsrs6` with the same formulas and the same results, without py-fsrs's
cost per call; kzquiz adds what py-fsrs leaves to the application: the unit of memory is a *fact*
(its question forms are ways of testing it), ratings come from grading verdicts, the question form follows the
fact's stability (recognition first, recall later), and fuzzing is deterministic (seeded by the fact and the time
of the review) so that the same review always gives the same interval. docs/scheduling.md explains the rules.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from kzquiz.fsrs6 import LEARNING, RELEARNING, REVIEW, Model, whole_days
from kzquiz.isotime import iso_utc
from kzquiz.memorystate import DEFAULT_PARAMETERS, DEFAULT_RETENTION, PARAMETER_BOUNDS, CardState, recall_chance

if TYPE_CHECKING:
    from kzquiz.grading import Verdict
    from kzquiz.questions import Question

__all__ = [
    "DEFAULT_PARAMETERS",
    "EASY_BASE_SECONDS",
    "EASY_SECONDS_PER_CHARACTER",
    "RECALL_STABILITY",
    "CardState",
    "Memory",
    "Rating",
    "SchedulerSettings",
    "choose_form",
    "easy_seconds",
    "fuzz_draw",
    "is_recall_due",
    "rating_for",
    "retrievability",
    "review",
]

RECALL_STABILITY = 7.0
"""Stability, in days, from which a fact in review is asked in a recall form (typed answer, order, list...)."""

EASY_BASE_SECONDS = 8.0
"""A right, clean answer to a recall question counts as Easy when given within this many seconds..."""

EASY_SECONDS_PER_CHARACTER = 0.1
"""...plus this many seconds per character of the expected answer (typing takes time)."""

PARTIAL_HARD_SCORE = 0.5
"""A partly right answer scoring at least this much is rated Hard; below it, Again."""


class Rating(enum.IntEnum):
    """How well a fact was remembered at a review; the values are FSRS's."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@attrs.frozen
class Memory:
    """What the scheduler knows about one learner's memory of one fact.

    ``stability`` (days until recall probability falls to 90 %) and ``difficulty`` (1 to 10) are FSRS's memory
    state, ``None`` for a new fact; ``step`` is the (re)learning step, ``None`` in review; ``due`` is when the
    fact should be asked next (UTC); ``reps`` and ``lapses`` count reviews and forgettings; ``question_id`` is the
    question last asked about the fact, so that a fact due again the same day is asked the same way.
    """

    fact_id: str
    deck_id: str
    state: CardState = CardState.NEW
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    last_review: dt.datetime | None = None
    reps: int = 0
    lapses: int = 0
    question_id: str = ""


def _seconds(steps: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(s) for s in steps)


def _floats(values: Sequence[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


@attrs.frozen(cache_hash=True)  # hashed at every review, to find its FSRS-6 model
class SchedulerSettings:
    """A learner's scheduling settings: FSRS-6 parameters, desired retention, steps (in seconds), limits.

    ``desired_retention`` is the probability of recall at which a fact falls due (0.9: reviews are scheduled
    when the learner is predicted to remember 90 %); ``learning_steps`` and ``relearning_steps`` are the short
    intervals, in seconds, of a new or lapsed fact before it goes back to review; ``maximum_interval`` is in days.
    """

    desired_retention: float = attrs.field(default=DEFAULT_RETENTION)
    parameters: tuple[float, ...] = attrs.field(default=DEFAULT_PARAMETERS, converter=_floats)
    learning_steps: tuple[float, ...] = attrs.field(default=(60.0, 600.0), converter=_seconds)
    relearning_steps: tuple[float, ...] = attrs.field(default=(600.0,), converter=_seconds)
    maximum_interval: int = attrs.field(default=36500)
    enable_fuzzing: bool = True

    @desired_retention.validator
    def _check_retention(self, _attribute: object, value: float) -> None:
        if not 0.7 <= value <= 0.99:
            msg = f"desired retention must be between 0.7 and 0.99, not {value}"
            raise ValueError(msg)

    @parameters.validator
    def _check_parameters(self, _attribute: object, value: tuple[float, ...]) -> None:
        if len(value) != len(DEFAULT_PARAMETERS):
            msg = f"FSRS-6 needs {len(DEFAULT_PARAMETERS)} parameters, not {len(value)}"
            raise ValueError(msg)
        for index, (parameter, (low, high)) in enumerate(zip(value, PARAMETER_BOUNDS, strict=True)):
            if not low <= parameter <= high:  # NaN too
                msg = f"FSRS-6 parameter w[{index}] must be from {low:g} to {high:g}, not {parameter!r}"
                raise ValueError(msg)

    @maximum_interval.validator
    def _check_maximum(self, _attribute: object, value: int) -> None:
        if type(value) is not int or value < 1:
            msg = f"the maximum interval must be a whole number of days from 1, not {value!r}"
            raise ValueError(msg)


@functools.lru_cache(maxsize=16)
def _model(settings: SchedulerSettings) -> Model:
    """FSRS-6 with these settings (py-fsrs's model, computed by :mod:`kzquiz.fsrs6`; fuzz is kzquiz's own)."""
    return Model(
        settings.parameters,
        settings.desired_retention,
        settings.learning_steps,
        settings.relearning_steps,
        settings.maximum_interval,
    )


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is dt.UTC:
        return moment
    if moment.tzinfo is None:
        msg = f"times must be timezone-aware (got {moment.isoformat()}); pass datetime.now(datetime.UTC)"
        raise ValueError(msg)
    return moment.astimezone(dt.UTC)


_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


@functools.lru_cache(maxsize=4096)
def _fuzz_range(days: int, maximum: int) -> tuple[int, int]:
    """The lowest and highest fuzzed interval for an interval of ``days`` (the same ranges as py-fsrs)."""
    delta = 1.0 + sum(factor * max(min(float(days), end) - start, 0.0) for start, end, factor in _FUZZ_RANGES)
    high = min(round(days + delta), maximum)
    return min(max(2, round(days - delta)), high), high


def fuzz_draw(deck_id: str, fact_id: str, now: dt.datetime) -> float:
    """The number from 0 to 1 (1 excluded) that places a review's fuzzed interval in its range: the first 8 bytes
    of the BLAKE2b hash of ``deck/fact@time`` (``now`` in UTC, ISO 8601) as a fraction of 2**64, so the same review
    always gives the same interval. (Seeding a ``random.Random`` for one number cost 6 µs of every answer.)"""
    blake2b = _BLAKE2B_8.copy()  # a copy of a hash made with its size: a third cheaper than making one each time
    blake2b.update(f"{deck_id}/{fact_id}@{iso_utc(now)}".encode())
    return int.from_bytes(blake2b.digest()) / 2**64


_BLAKE2B_8 = hashlib.blake2b(digest_size=8)


def _fuzzed_days(days: int, maximum: int, deck_id: str, fact_id: str, now: dt.datetime) -> int:
    """FSRS's fuzz of an interval, drawn by :func:`fuzz_draw`."""
    if days < 2.5:
        return days
    low, high = _fuzz_range(days, maximum)
    return min(round(fuzz_draw(deck_id, fact_id, now) * (high - low + 1) + low), maximum)


# Enum members by module names: on Python 3.11 each ``Rating.GOOD`` goes through the enum class's ``__getattr__``
# (about 900 instructions), and these are looked up at every answer.
_NEW = CardState.NEW
_LEARNING = CardState.LEARNING
_REVIEW = CardState.REVIEW
_RELEARNING = CardState.RELEARNING
_AGAIN = Rating.AGAIN
_HARD = Rating.HARD
_GOOD = Rating.GOOD
_EASY = Rating.EASY
_STATES = (_NEW, _LEARNING, _REVIEW, _RELEARNING)  # by FSRS's number (FSRS has no 0: a new card is learning)


@functools.cache
def _memory_maker() -> Callable[..., Memory]:
    """``Memory(...)`` as every review builds it: the same object, 11.5k instructions -> 4k (see kzquiz.makers).
    Made at the first review, not on import: ``kzquiz stats`` imports this module and reviews nothing."""
    from kzquiz.makers import maker

    return maker(Memory)


def review(
    memory: Memory | None,
    rating: Rating,
    now: dt.datetime,
    settings: SchedulerSettings,
    fact_id: str = "",
    deck_id: str = "",
    question_id: str = "",
) -> Memory:
    """The memory of a fact after a review with ``rating`` at ``now``; ``memory`` is ``None`` for a new fact.

    ``fact_id`` and ``deck_id`` name a new fact (they are taken from ``memory`` otherwise); ``question_id`` is
    the question that was asked. The result is deterministic: the same inputs give the same due time, fuzz
    included.
    """
    # This runs at every answer, so it does each thing once: no Memory is made for a new fact, enum members are
    # compared by identity (a dict lookup would hash them in Python), and fuzz takes the interval's days as FSRS
    # gives them.
    if now.tzinfo is not dt.UTC:
        now = _utc(now)
    model = _model(settings)
    if memory is None or memory.state is _NEW:  # reviewed as a card at its first learning step, knowing nothing
        reps = lapses = 0
        if memory is not None:
            fact_id, deck_id, reps, lapses = memory.fact_id, memory.deck_id, memory.reps, memory.lapses
            question_id = question_id or memory.question_id
        state, step, stability, difficulty, interval = model.review(LEARNING, 0, None, None, None, int(rating), now)
        lapse = False
    else:
        fact_id, deck_id, reps, lapses = memory.fact_id, memory.deck_id, memory.reps, memory.lapses
        question_id = question_id or memory.question_id
        before = memory.state
        last = memory.last_review
        if last is not None and last.tzinfo is not dt.UTC:
            last = _utc(last)
        state, step, stability, difficulty, interval = model.review(
            REVIEW if before is _REVIEW else RELEARNING if before is _RELEARNING else LEARNING,
            memory.step,
            memory.stability,
            memory.difficulty,
            last,
            int(rating),
            now,
        )
        lapse = rating is _AGAIN and before is _REVIEW
    if state == REVIEW and settings.enable_fuzzing:
        interval = whole_days(_fuzzed_days(interval.days, settings.maximum_interval, deck_id, fact_id, now))
    return _memory_maker()(
        fact_id=fact_id,
        deck_id=deck_id,
        state=_STATES[state],
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=now + interval,
        last_review=now,
        reps=reps + 1,
        lapses=lapses + lapse,
        question_id=question_id,
    )


def retrievability(memory: Memory | None, now: dt.datetime, settings: SchedulerSettings) -> float:
    """The predicted probability, from 0 to 1, that the learner recalls the fact at ``now`` (0 for a new fact)."""
    now = _utc(now)
    if memory is None:
        return 0.0
    return recall_chance(memory.stability, memory.last_review, now, settings.parameters)


def easy_seconds(expected: str) -> float:
    """How fast (in seconds) a right answer to a recall question must come to be rated Easy."""
    return EASY_BASE_SECONDS + EASY_SECONDS_PER_CHARACTER * len(expected)


def rating_for(question: Question, verdict: Verdict, duration: float | None = None) -> Rating:
    """The FSRS rating a graded answer earns.

    Wrong: Again. Partly right (score at least one half) or right with a typo: Hard. Right: Good. Right, clean
    and fast (under :func:`easy_seconds` of the expected answer) on a recall form: Easy. A recognition form
    (multiple choice, true/false, select) never earns Easy, since the answer was shown.
    """
    if not verdict.correct:
        from kzquiz.grading import Match  # loaded by whoever graded; kept out of ``stats``'s imports (and off the
        # way of right answers: an import statement costs as much as the rest of this function)

        partial = verdict.match is Match.PARTIAL or verdict.score > 0
        return Rating.HARD if partial and verdict.score >= PARTIAL_HARD_SCORE else Rating.AGAIN
    if not verdict.match.is_clean:  # (members by their module names: see review())
        return _HARD
    if duration is not None and question.answer_type.is_recall and duration < easy_seconds(question.expected):
        return _EASY
    return _GOOD


def is_recall_due(memory: Memory | None) -> bool:
    """Whether the fact should now be tested by recall: in review, with stability of at least a week.

    New facts, facts being (re)learnt and facts with low stability are tested by recognition; a lapse sends a fact
    to relearning, and so back to recognition.
    """
    return (
        memory is not None
        and memory.state is CardState.REVIEW
        and memory.stability is not None
        and memory.stability >= RECALL_STABILITY
    )


def choose_form(questions: Sequence[Question], memory: Memory | None, now: dt.datetime) -> Question:
    """Which of a fact's questions to ask now.

    A fact asked earlier the same day (a learning step) is asked with the same question, so that no sibling
    question of the fact is asked the same day. Otherwise recognition forms while the fact is new or weak, recall
    forms once :func:`is_recall_due`; a fact with forms of one kind only is asked with those. Among the suitable
    forms the choice rotates with the number of reviews, so the learner meets each form in turn. Deterministic.
    """
    if not questions:
        msg = "a fact with no questions cannot be asked"
        raise ValueError(msg)
    if len(questions) == 1:
        return questions[0]  # what follows would choose it too, whatever the memory
    if memory is not None and memory.question_id and memory.last_review is not None:
        same_day = memory.last_review.astimezone(now.tzinfo).date() == now.date()
        if same_day:
            for question in questions:
                if question.id == memory.question_id:
                    return question
    recall = is_recall_due(memory)
    suitable = [q for q in questions if q.answer_type.is_recall == recall] or list(questions)
    reps = memory.reps if memory is not None else 0
    return suitable[reps % len(suitable)]

"""FSRS-6, one review at a time: the memory model and the (re)learning steps, as py-fsrs's ``Scheduler`` has them.

:func:`kzquiz.review` runs at every answer. py-fsrs's ``Scheduler.review_card`` spends most of its time around
the model (a card copied, a review log built, enums and keyword calls), so kzquiz computes the same step here:
the same formulas, written in the same order of floating-point operations, so that every stability, difficulty
and interval is bit for bit py-fsrs's (tests/test_fsrs6.py replays random histories through both). Fuzz is left to
the caller. Pure functions over plain values; ``now`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import TypeAlias, TypeVar

__all__ = ["Model", "Step", "whole_days"]

STABILITY_MIN = 0.001
DIFFICULTY_MIN = 1.0
DIFFICULTY_MAX = 10.0

LEARNING = 1
REVIEW = 2
RELEARNING = 3
"""States as FSRS numbers them (a new card is reviewed as if learning, at step 0)."""

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4

_N = TypeVar("_N", int, float)


@functools.lru_cache(maxsize=4096)
def whole_days(count: int) -> dt.timedelta:
    """``timedelta(days=count)``, made once for each number of days: making one costs about 3,000 machine
    instructions on CPython 3.11, and every review that leaves a card in review needs one or two."""
    return dt.timedelta(days=count)


Step: TypeAlias = tuple[int, int | None, float, float, dt.timedelta]
"""A card's state after a review: FSRS's state (1 learning, 2 review, 3 relearning), its (re)learning step
(``None`` in review), stability, difficulty, and the time until it is due (unfuzzed). A plain tuple: one is made
at every answer, and a named tuple costs several times as much to make."""


class Model:
    """FSRS-6 with one set of 21 parameters, a desired retention, (re)learning steps in seconds and a maximum
    interval in days: :meth:`review` gives a card's state after a review."""

    def __init__(
        self,
        parameters: tuple[float, ...],
        desired_retention: float,
        learning_steps: tuple[float, ...],
        relearning_steps: tuple[float, ...],
        maximum_interval: int,
    ) -> None:
        """Precompute what every review uses; steps are in seconds."""
        self.w = w = parameters
        self.learning_steps = tuple(dt.timedelta(seconds=s) for s in learning_steps)
        self.relearning_steps = tuple(dt.timedelta(seconds=s) for s in relearning_steps)
        self.maximum_interval = maximum_interval
        self.decay = -w[20]
        self.factor: float = 0.9 ** (1 / self.decay) - 1
        self.interval_per_stability: float = (desired_retention ** (1 / self.decay)) - 1
        self.easy_difficulty: float = w[4] - (math.e ** (w[5] * (EASY - 1))) + 1  # where difficulty reverts to
        # What depends on the parameters and the rating alone, worked out once here (the same operations in the same
        # order, so the same floats): a power of e costs as much as the rest of a review's arithmetic.
        ratings = (AGAIN, HARD, GOOD, EASY)
        self.initial_difficulties = (0.0, *(self._initial_difficulty(rating) for rating in ratings))
        self.short_term_growth = (0.0, *((math.e ** (w[17] * (rating - 3 + w[18]))) for rating in ratings))
        self.e_w8: float = math.e ** (w[8])
        self.e_w17_w18: float = math.e ** (w[17] * w[18])

    def review(
        self,
        state: int,
        step: int | None,
        stability: float | None,
        difficulty: float | None,
        last_review: dt.datetime | None,
        rating: int,
        now: dt.datetime,
    ) -> Step:
        """A card's state after a review with ``rating`` (1 Again to 4 Easy) at ``now``: a new card is reviewed as
        ``state`` 1 (learning), ``step`` 0, without stability or difficulty."""
        elapsed = None if last_review is None else (now - last_review).days
        if stability is None or difficulty is None:
            if state != LEARNING:
                msg = f"a card in state {state} needs a stability and a difficulty"
                raise ValueError(msg)
            stability = _at_least(self.w[rating - 1], STABILITY_MIN)
            difficulty = self.initial_difficulties[rating]
        elif elapsed is not None and elapsed < 1:
            stability = self.short_term_stability(stability, rating)
            difficulty = self.next_difficulty(difficulty, rating)
        else:
            recall = 0.0 if elapsed is None else self.retrievability(stability, elapsed)
            stability = self.next_stability(difficulty, stability, recall, rating)
            difficulty = self.next_difficulty(difficulty, rating)
        if state == REVIEW:
            if rating == AGAIN and self.relearning_steps:
                return RELEARNING, 0, stability, difficulty, self.relearning_steps[0]
            return REVIEW, None, stability, difficulty, whole_days(self.interval_days(stability))
        steps = self.learning_steps if state == LEARNING else self.relearning_steps
        new_step, interval = self.stepped(steps, 0 if step is None else step, rating)
        if new_step is None or interval is None:
            return REVIEW, None, stability, difficulty, whole_days(self.interval_days(stability))
        return state, new_step, stability, difficulty, interval

    def retrievability(self, stability: float, elapsed_days: int) -> float:
        """The probability of recall ``elapsed_days`` after a review that left ``stability``."""
        elapsed = elapsed_days if elapsed_days > 0 else 0  # max(0, elapsed_days)
        return float((1 + self.factor * elapsed / stability) ** self.decay)

    def _initial_difficulty(self, rating: int) -> float:
        w = self.w
        difficulty: float = w[4] - (math.e ** (w[5] * (rating - 1))) + 1
        return _clamp(difficulty, DIFFICULTY_MIN, DIFFICULTY_MAX)

    def next_difficulty(self, difficulty: float, rating: int) -> float:
        w = self.w
        delta = -(w[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * delta / 9.0
        reverted = w[7] * self.easy_difficulty + (1 - w[7]) * damped
        return _clamp(reverted, DIFFICULTY_MIN, DIFFICULTY_MAX)

    def short_term_stability(self, stability: float, rating: int) -> float:
        increase: float = self.short_term_growth[rating] * (stability ** -self.w[19])
        if rating != AGAIN:
            increase = _at_least(increase, 1.0)
        return _at_least(stability * increase, STABILITY_MIN)

    def next_stability(self, difficulty: float, stability: float, retrievability: float, rating: int) -> float:
        w = self.w
        if rating == AGAIN:
            long_term: float = (
                w[11]
                * (difficulty ** -w[12])
                * (((stability + 1) ** (w[13])) - 1)
                * (math.e ** ((1 - retrievability) * w[14]))
            )
            short_term: float = stability / self.e_w17_w18
            return _at_least(short_term if short_term < long_term else long_term, STABILITY_MIN)  # max(min(...))
        hard_penalty = w[15] if rating == HARD else 1
        easy_bonus = w[16] if rating == EASY else 1
        recalled: float = stability * (
            1
            + self.e_w8
            * (11 - difficulty)
            * (stability ** -w[9])
            * ((math.e ** ((1 - retrievability) * w[10])) - 1)
            * hard_penalty
            * easy_bonus
        )
        return _at_least(recalled, STABILITY_MIN)

    def interval_days(self, stability: float) -> int:
        days: int = round((stability / self.factor) * self.interval_per_stability)
        return _clamp(days, 1, self.maximum_interval)

    @staticmethod
    def stepped(steps: tuple[dt.timedelta, ...], step: int, rating: int) -> tuple[int | None, dt.timedelta | None]:
        """The (re)learning step and its interval after ``rating`` at ``step``; ``None`` when the card graduates."""
        if not steps or (step >= len(steps) and rating != AGAIN):
            return None, None
        if rating == AGAIN:
            return 0, steps[0]
        if rating == HARD:
            if step == 0 and len(steps) == 1:
                return step, steps[0] * 1.5
            if step == 0:
                return step, (steps[0] + steps[1]) / 2.0
            return step, steps[step]
        if rating == GOOD and step + 1 < len(steps):
            return step + 1, steps[step + 1]
        return None, None  # Good at the last step, or Easy


# min() and max() of two numbers cost about 1,400 machine instructions each on CPython 3.11 (they iterate over their
# arguments); a review takes several. These give what the builtins give, NaN included, in a fraction of that.
def _at_least(value: _N, low: _N) -> _N:
    """``max(value, low)``."""
    return low if low > value else value


def _clamp(value: _N, low: _N, high: _N) -> _N:
    """``min(max(value, low), high)``."""
    value = low if low > value else value
    return high if high < value else value

"""A fact's memory in plain values: its state, FSRS-6's default parameters and its forgetting curve.

What the scheduler (:mod:`kzquiz.scheduling`) and the statistics (:mod:`kzquiz.figures`) share, kept apart from
the attrs records so that ``kzquiz stats`` can work out a chance of recall without loading them. Pure: the time is
always passed in.
"""

from __future__ import annotations

import enum

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    import datetime as dt

__all__ = ["DEFAULT_PARAMETERS", "DEFAULT_RETENTION", "PARAMETER_BOUNDS", "CardState", "recall_chance"]

DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212,
    1.2931,
    2.3065,
    8.2956,
    6.4133,
    0.8334,
    3.0194,
    0.001,
    1.8722,
    0.1666,
    0.796,
    1.4835,
    0.0614,
    0.2629,
    1.6483,
    0.6014,
    1.8729,
    0.5425,
    0.0912,
    0.0658,
    0.1542,
)
"""The 21 FSRS-6 default parameters (the same as py-fsrs's and fsrs-rs's defaults)."""

PARAMETER_BOUNDS: tuple[tuple[float, float], ...] = (
    (0.001, 100.0),  # w[0]
    (0.001, 100.0),  # w[1]
    (0.001, 100.0),  # w[2]
    (0.001, 100.0),  # w[3]
    (1.0, 10.0),  # w[4]
    (0.001, 4.0),  # w[5]
    (0.001, 4.0),  # w[6]
    (0.001, 0.75),  # w[7]
    (0.0, 4.5),  # w[8]
    (0.0, 0.8),  # w[9]
    (0.001, 3.5),  # w[10]
    (0.001, 5.0),  # w[11]
    (0.001, 0.25),  # w[12]
    (0.001, 0.9),  # w[13]
    (0.0, 4.0),  # w[14]
    (0.0, 1.0),  # w[15]
    (1.0, 6.0),  # w[16]
    (0.0, 2.0),  # w[17]
    (0.0, 2.0),  # w[18]
    (0.0, 0.8),  # w[19]
    (0.1, 0.8),  # w[20]
)
"""The lowest and highest value of each FSRS-6 parameter, as py-fsrs bounds them (its ``LOWER_BOUNDS_PARAMETERS``
and ``UPPER_BOUNDS_PARAMETERS``, without importing py-fsrs): outside them its formulas misbehave."""

DEFAULT_RETENTION = 0.9
"""The desired retention of a learner without saved settings: a fact falls due when its chance of recall is 90 %."""


class CardState(enum.Enum):
    """Where a fact is in its life: never seen, being learnt (short steps), in review, or relearnt after a lapse."""

    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


def recall_chance(
    stability: float | None, last_review: dt.datetime | None, now: dt.datetime, parameters: tuple[float, ...]
) -> float:
    """The predicted probability, from 0 to 1, of recalling at ``now`` a fact of this ``stability`` (in days) last
    reviewed at ``last_review``, with these FSRS-6 ``parameters``: 0 for a fact never reviewed.

    FSRS-6's forgetting curve over whole days elapsed: 90 % recall after ``stability`` days, with the decay
    ``parameters[20]``.
    """
    if last_review is None or not stability:
        return 0.0
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    elapsed = max(0, (now - last_review).days)
    return float((1 + factor * elapsed / stability) ** decay)

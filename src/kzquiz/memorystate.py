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

__all__ = ["DEFAULT_PARAMETERS", "DEFAULT_RETENTION", "CardState", "recall_chance"]

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

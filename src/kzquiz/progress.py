"""A learner's progress over all their decks: what ``kzquiz stats`` shows, as typed values.

:func:`stats` asks a store for its counts (:meth:`~kzquiz.Store.study_counts`), works the figures out with
:func:`kzquiz.figures.figures` and returns them as :class:`Stats`; nothing here prints. Which facts count as weak is
defined in docs/scheduling.md ("Progress and the weakest facts") and in :mod:`kzquiz.figures`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from kzquiz.figures import RECENT_REVIEWS, WEAKEST, Figures, figures
from kzquiz.scheduling import CardState

if TYPE_CHECKING:
    from kzquiz.stores.base import Store

__all__ = ["RECENT_REVIEWS", "WEAKEST", "Stats", "WeakFact", "stats", "stats_of"]


@attrs.frozen
class WeakFact:
    """A fact the learner finds hard, with the figures that say so.

    ``recent_wrong`` counts wrong answers among the fact's last ``recent_answers`` reviews (at most
    :data:`RECENT_REVIEWS`; an appealed answer counts as right unless a teacher rejected the appeal); ``lapses``
    counts the times the fact was forgotten after it had been learnt; ``retrievability`` is the predicted chance
    of recalling it now (0 to 1); ``last_reviewed`` is when it was last asked.
    """

    deck_id: str
    fact_id: str
    recent_wrong: int
    recent_answers: int
    lapses: int
    retrievability: float
    last_reviewed: dt.datetime | None


@attrs.frozen
class Stats:
    """A learner's progress over every deck they have studied.

    ``reviews`` counts every answer in the log; ``retention`` is the share of them answered right; ``streak``
    counts days in a row with a review, ending today or yesterday; ``by_state`` counts the facts of the decks
    studied in each :class:`~kzquiz.CardState`, never-seen facts as ``NEW``; ``forecast[i]`` counts the facts due
    on day ``i`` from today (today's count includes overdue facts); ``weakest`` lists the weak facts, weakest
    first, at most :data:`WEAKEST` of them.
    """

    reviews: int
    retention: float
    streak: int
    by_state: dict[CardState, int]
    forecast: tuple[int, ...]
    weakest: tuple[WeakFact, ...]


def stats(store: Store, learner: str, now: dt.datetime | None = None, days: int = 14) -> Stats:
    """A learner's progress at ``now`` (by default the current time): reviews, retention, streak, facts per state,
    a forecast of the next ``days`` days and the weakest facts.

    The decks studied are those the learner has answered a question of; their facts never asked count as new,
    and facts since removed from a deck are left out. Days are calendar days in ``now``'s time zone.
    """
    if not isinstance(learner, str):
        msg = f"learner: a learner's name (str), not {type(learner).__name__}"
        raise TypeError(msg)
    if now is None:
        now = dt.datetime.now(dt.UTC)
    elif not isinstance(now, dt.datetime):
        msg = f"now: a timezone-aware datetime, not {type(now).__name__}"
        raise TypeError(msg)
    elif now.tzinfo is None:
        msg = f"times must be timezone-aware, not {now.isoformat()}"
        raise ValueError(msg)
    return stats_of(figures(store.study_counts(learner), now, days))


def stats_of(found: Figures) -> Stats:
    """The figures :func:`kzquiz.figures.figures` worked out, as :class:`Stats`."""
    return Stats(
        reviews=found.reviews,
        retention=found.retention,
        streak=found.streak,
        by_state=dict(found.by_state),
        forecast=found.forecast,
        weakest=tuple(
            WeakFact(
                deck_id=weak.deck_id,
                fact_id=weak.fact_id,
                recent_wrong=weak.recent_wrong,
                recent_answers=weak.recent_answers,
                lapses=weak.lapses,
                retrievability=weak.retrievability,
                last_reviewed=weak.last_reviewed,
            )
            for weak in found.weakest
        ),
    )

"""A learner's progress over all their decks: what ``kzquiz stats`` shows, as typed values.

:func:`stats` reads a store and returns :class:`Stats`; nothing here prints. Which facts count as weak is defined
in docs/scheduling.md ("Weakest facts") and by :func:`weakest` below.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

import attrs

from kzquiz.scheduling import CardState, Memory, SchedulerSettings, retrievability
from kzquiz.stores.base import ReviewRecord, Store

__all__ = ["RECENT_REVIEWS", "WEAKEST", "Stats", "WeakFact", "stats", "weakest"]

WEAKEST = 10
"""How many facts :func:`stats` lists as the weakest, at most."""

RECENT_REVIEWS = 3
"""A fact's recent answers are its last this many reviews; a wrong one among them makes the fact weak."""


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
    first (see :func:`weakest`).
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
    if now is None:
        now = dt.datetime.now(dt.UTC)
    elif now.tzinfo is None:
        msg = f"times must be timezone-aware, not {now.isoformat()}"
        raise ValueError(msg)
    zone = now.tzinfo
    today = now.date()
    activity = store.review_activity(learner)
    review_days = {minute.astimezone(zone).date() for minute, _, _ in activity}
    day = today if today in review_days else today - dt.timedelta(days=1)
    streak = 0
    while day in review_days:
        streak += 1
        day -= dt.timedelta(days=1)
    reviews = sum(n for _, n, _ in activity)
    memories, unseen = _studied(store, learner)
    states = Counter(m.state for m in memories)
    states[CardState.NEW] += unseen
    forecast = [0] * days
    for memory in memories:
        offset = max(0, (memory.due.astimezone(zone).date() - today).days)
        if offset < days:
            forecast[offset] += 1
    log = store.reviews(learner) if memories else []
    rejected = _standing_appeals(store, learner) if log else set()
    weak = weakest(memories, log, now, store.settings(learner), rejected)
    return Stats(
        reviews=reviews,
        retention=sum(right for _, _, right in activity) / reviews if reviews else 0.0,
        streak=streak,
        by_state={state: states.get(state, 0) for state in CardState},
        forecast=tuple(forecast),
        weakest=weak[:WEAKEST],
    )


def _studied(store: Store, learner: str) -> tuple[list[Memory], int]:
    """The learner's memories of facts still in their decks, and how many facts of those decks were never asked."""
    memories = store.memories(learner)
    known = {record.id: frozenset(record.fact_ids) for record in store.decks() if record.fact_ids}
    kept = [m for m in memories if m.deck_id not in known or m.fact_id in known[m.deck_id]]
    seen: dict[str, set[str]] = defaultdict(set)
    for memory in kept:
        seen[memory.deck_id].add(memory.fact_id)
    unseen = sum(len(known[deck_id] - facts) for deck_id, facts in seen.items() if deck_id in known)
    return kept, unseen


def _standing_appeals(store: Store, learner: str) -> set[tuple[str, dt.datetime]]:
    """(question id, time) of the learner's answers whose appeal is still standing (pending or accepted)."""
    from kzquiz.appeals import AppealStatus

    return {
        (a.question_id, a.reviewed_at.astimezone(dt.UTC))
        for a in store.appeals(learner)
        if a.status is not AppealStatus.REJECTED
    }


def weakest(
    memories: Iterable[Memory],
    log: Iterable[ReviewRecord],
    now: dt.datetime,
    settings: SchedulerSettings,
    appealed: set[tuple[str, dt.datetime]] | None = None,
) -> tuple[WeakFact, ...]:
    """Every weak fact, weakest first.

    A fact is weak when it has a wrong answer among its last :data:`RECENT_REVIEWS` reviews, has lapsed at least
    once, or its chance of recall now is below the learner's desired retention. Weakest first means: more recent
    wrong answers first, then more lapses, then a lower chance of recall, then by deck and fact id. An answer in
    ``appealed`` ((question id, time in UTC) of an appeal not rejected) counts as right.
    """
    standing = appealed or set()
    recent: defaultdict[tuple[str, str], list[bool]] = defaultdict(list)
    for record in log:
        wrong = not record.correct and (record.question_id, record.reviewed_at.astimezone(dt.UTC)) not in standing
        recent[record.deck_id, record.fact_id].append(wrong)
    weak = []
    for memory in memories:
        answers = recent.get((memory.deck_id, memory.fact_id), [])
        last = answers[-RECENT_REVIEWS:]
        chance = retrievability(memory, now, settings)
        if sum(last) or memory.lapses or chance < settings.desired_retention:
            weak.append(
                WeakFact(
                    deck_id=memory.deck_id,
                    fact_id=memory.fact_id,
                    recent_wrong=sum(last),
                    recent_answers=len(last),
                    lapses=memory.lapses,
                    retrievability=chance,
                    last_reviewed=memory.last_review,
                )
            )
    weak.sort(key=lambda w: (-w.recent_wrong, -w.lapses, w.retrievability, w.deck_id, w.fact_id))
    return tuple(weak)

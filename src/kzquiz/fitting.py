"""Per-learner optimisation: fit FSRS-6's 21 parameters to a learner's own review log.

The fitting is done by the official Rust optimizer (``fsrs-rs-python``, the one Anki uses; no torch). A learner's
log becomes FSRS "items" the way fsrs-rs and Anki build them: one item per review made on a later day than the
previous review of the same fact, carrying the fact's whole history up to that review (same-day repeats, such as
learning steps, are kept in the history but are not predicted, since FSRS predicts recall across days).

Fitting needs enough data: :data:`MINIMUM_REVIEWS` long-term reviews, Anki's threshold for its own optimizer
(ankitects/anki#2999). With fewer, the fitted parameters follow the noise of a few days' work; the defaults,
fitted to 10,000 Anki users' 350 million reviews, predict better. docs/scheduling.md has the details.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from kzquiz.appeals import effective_rating, review_key
from kzquiz.collector import collector_paused
from kzquiz.errors import NotEnoughReviewsError
from kzquiz.memorystate import PARAMETER_BOUNDS
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, Rating, SchedulerSettings, review

if TYPE_CHECKING:
    from fsrs_rs_python import FSRSItem

    from kzquiz.appeals import AppealRecord
    from kzquiz.stores.base import ReviewRecord, Store

__all__ = [
    "MINIMUM_REVIEWS",
    "NotEnoughReviewsError",
    "fsrs_items",
    "optimize",
    "reoptimize",
    "reschedule",
    "reviews_from_csv",
]

MINIMUM_REVIEWS = 400
"""Long-term reviews (on a later day than the fact's previous review) needed before parameters are fitted."""


def reviews_from_csv(lines: Iterable[str], learner: str, deck_id: str = "log") -> list[ReviewRecord]:
    """Review records from a review log in py-fsrs's CSV layout, to fit parameters to a history kept elsewhere.

    The columns are ``card_id``, ``review_rating`` (1 Again to 4 Easy), ``review_time`` (ISO 8601) and
    ``review_duration`` (milliseconds); each card becomes a fact of ``deck_id`` answered in the recall form.
    """
    from kzquiz.stores.base import ReviewRecord

    records = []
    for row in csv.DictReader(lines):
        rating = Rating(int(row["review_rating"]))
        records.append(
            ReviewRecord(
                learner,
                deck_id,
                row["card_id"],
                f"{deck_id}/{row['card_id']}/recall",
                "recall",
                "",
                rating is not Rating.AGAIN,
                float(rating is not Rating.AGAIN),
                "self",
                rating,
                int(row["review_duration"]) / 1000,
                dt.datetime.fromisoformat(row["review_time"]),
            )
        )
    return records


def fsrs_items(reviews: Sequence[ReviewRecord], zone: dt.tzinfo = dt.UTC) -> list[FSRSItem]:
    """The learner's log as fsrs-rs training items, ordered by the time of the review each one predicts.

    Days are calendar days in ``zone``. Each item carries the fact's whole history up to a review made on a later
    day than the fact's previous one; reviews made at the same moment keep the log's order. One pass over the log,
    which a store gives oldest first (any other order is sorted first).
    """
    with collector_paused():  # the pass makes ~100,000 objects and frees none: collecting finds nothing
        items = _items_in_order(reviews, zone)
        if items is None:
            items = _items_in_order(sorted(reviews, key=attrgetter("reviewed_at")), zone) or []  # never None
    return items


_MIDNIGHT = dt.time()
_MICROSECOND = dt.timedelta(microseconds=1)


def _day_until(moment: dt.datetime, zone: dt.tzinfo) -> tuple[int, dt.datetime]:
    """The calendar day of ``moment`` in ``zone`` (an ordinal), and a moment before which every later one has the
    same day: the next midnight in a zone of fixed offset (every ``datetime.timezone``, UTC among them), otherwise
    ``moment`` itself plus a microsecond, so that only a review at the very same moment skips the conversion."""
    day = moment.astimezone(zone).toordinal()
    if isinstance(zone, dt.timezone) and moment.tzinfo is not None:
        return day, dt.datetime.combine(dt.date.fromordinal(day + 1), _MIDNIGHT, zone)
    return day, moment + _MICROSECOND


def _items_in_order(reviews: Sequence[ReviewRecord], zone: dt.tzinfo) -> list[FSRSItem] | None:
    """:func:`fsrs_items` of a log in time order; ``None`` as soon as a review is older than the one before it.

    This loop is all that fitting adds to fsrs-rs's own time, so it is written for speed: it reads each record
    once, keeps one list of fsrs-rs reviews per fact (fsrs-rs copies it into each item, so nothing is copied
    here), and makes one FSRSReview per (rating, days) pair, shared by every item. The calendar day is worked
    out once a day, not once a review: a review before the next midnight has the day of the one before it. A
    same-day review only extends its fact's list; facts are looked up in their deck's table, found again only
    when the deck changes.
    """
    from fsrs_rs_python import FSRSItem, FSRSReview

    if not reviews:
        return []
    same_day = [FSRSReview(rating, 0) for rating in range(5)]  # indexed by rating (1 to 4: [0] is never read)
    by_days: dict[int, list[FSRSReview]] = {}
    decks: dict[str, dict[str, list[Any]]] = {}
    facts: dict[str, list[Any]] = {}  # fact: [the day of its last review, its reviews] (a list: changed in place)
    deck = None
    items: list[FSRSItem] = []
    add = items.append
    previous = reviews[0].reviewed_at
    day, until = _day_until(previous, zone)
    for record in reviews:
        moment = record.reviewed_at
        if moment < previous:
            return None
        previous = moment
        if moment >= until:
            day, until = _day_until(moment, zone)
        if record.deck_id != deck:
            deck = record.deck_id
            facts = decks.get(deck) or decks.setdefault(deck, {})
        run = facts.get(record.fact_id)
        if run is None:  # the fact's first review: never predicted, 0 days elapsed
            facts[record.fact_id] = [day, [same_day[record.rating]]]
            continue
        if run[0] == day:
            run[1].append(same_day[record.rating])
            continue
        days = day - run[0]
        row = by_days.get(days)
        if row is None:
            row = by_days[days] = [FSRSReview(rating, days) for rating in range(5)]
        run[0] = day
        steps = run[1]
        steps.append(row[record.rating])
        add(FSRSItem(steps))
    return items


def optimize(reviews: Sequence[ReviewRecord], zone: dt.tzinfo = dt.UTC) -> tuple[float, ...]:
    """FSRS-6's 21 parameters fitted to ``reviews`` (one learner's log) by fsrs-rs.

    Raises :class:`NotEnoughReviewsError` below :data:`MINIMUM_REVIEWS` long-term reviews.
    """
    items = fsrs_items(reviews, zone)
    if len(items) < MINIMUM_REVIEWS:
        msg = (
            f"{len(items)} reviews on a later day than the fact's previous one; fitting needs {MINIMUM_REVIEWS}, "
            "the default parameters are kept"
        )
        raise NotEnoughReviewsError(msg)
    from fsrs_rs_python import FSRS

    fitted = FSRS([]).compute_parameters(items)
    if len(fitted) != len(DEFAULT_PARAMETERS):
        return DEFAULT_PARAMETERS
    # fsrs-rs and py-fsrs bound a few parameters slightly differently; keep to py-fsrs's, which schedules.
    return tuple(min(max(float(p), low), high) for p, (low, high) in zip(fitted, PARAMETER_BOUNDS, strict=True))


def reschedule(
    reviews: Sequence[ReviewRecord],
    memories: Sequence[Memory],
    settings: SchedulerSettings,
    appeals: Iterable[AppealRecord] = (),
) -> list[Memory]:
    """Each memory replayed from its fact's reviews with ``settings``; memories without reviews stay as they are.

    A review with an appeal that is not rejected counts as right, as :func:`kzquiz.appeals.effective_rating` says.
    """
    appealed = {appeal.key: appeal for appeal in appeals}
    by_fact: dict[tuple[str, str], list[ReviewRecord]] = defaultdict(list)
    for record in sorted(reviews, key=lambda r: r.reviewed_at):
        by_fact[record.deck_id, record.fact_id].append(record)
    result = []
    for memory in memories:
        replayed: Memory | None = None
        for record in by_fact.get((memory.deck_id, memory.fact_id), ()):
            replayed = review(
                replayed,
                effective_rating(record, appealed.get(review_key(record))),
                record.reviewed_at,
                settings,
                fact_id=memory.fact_id,
                deck_id=memory.deck_id,
                question_id=record.question_id,
            )
        if replayed is None or replayed.state is CardState.NEW:
            result.append(memory)
        else:
            result.append(attrs.evolve(replayed, question_id=memory.question_id))
    return result


def reoptimize(store: Store, learner: str, now: dt.datetime | None = None) -> tuple[float, ...]:
    """Fit the learner's parameters, save them in the learner's settings and reschedule every fact; the parameters.

    Days are counted in ``now``'s time zone (by default the current time, in UTC). Raises
    :class:`NotEnoughReviewsError` (and changes nothing) when the log is too short.
    """
    log = store.reviews(learner)
    parameters = optimize(log, (now.tzinfo if now is not None else None) or dt.UTC)
    settings = attrs.evolve(store.settings(learner), parameters=parameters)
    memories = reschedule(log, store.memories(learner), settings, store.appeals(learner))
    store.save_settings(learner, settings)
    store.save_memories(learner, memories)
    return parameters

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
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

import attrs

from kzquiz.appeals import effective_rating, review_key
from kzquiz.errors import NotEnoughReviewsError
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


def _day_number(zone: dt.tzinfo) -> Callable[[dt.datetime], int]:
    """A function giving a moment's calendar day in ``zone``, as a day number (fast for UTC, the usual zone)."""
    if zone is dt.UTC:
        return lambda moment: moment.toordinal() if moment.tzinfo is dt.UTC else moment.astimezone(dt.UTC).toordinal()
    return lambda moment: moment.astimezone(zone).toordinal()


def fsrs_items(reviews: Sequence[ReviewRecord], zone: dt.tzinfo = dt.UTC) -> list[FSRSItem]:
    """The learner's log as fsrs-rs training items, ordered by the time of the review each one predicts.

    Days are calendar days in ``zone``. Each item carries the fact's whole history up to a review made on a later
    day than the fact's previous one. Built in one pass over the log in time order, so the items come out in
    order. The Python loop is what costs here, not fsrs-rs's objects: one FSRSReview per (rating, days) pair is
    shared by every item (a log repeats the same few), and each item is one list copy.
    """
    from fsrs_rs_python import FSRSItem, FSRSReview

    day_of = _day_number(zone)
    shared: dict[tuple[int, int], FSRSReview] = {}
    runs: dict[tuple[str, str], tuple[list[FSRSReview], list[int]]] = {}  # per fact: its reviews, its last day
    items: list[FSRSItem] = []
    for record in sorted(reviews, key=attrgetter("reviewed_at")):
        day = day_of(record.reviewed_at)
        key = (record.deck_id, record.fact_id)
        run = runs.get(key)
        if run is None:
            run = runs[key] = ([], [day])
        steps, last = run
        pair = (int(record.rating), day - last[0])
        step = shared.get(pair)
        if step is None:
            step = shared[pair] = FSRSReview(*pair)
        steps.append(step)
        if pair[1] > 0:  # the first review of a fact is never predicted: its elapsed days are 0
            items.append(FSRSItem(steps.copy()))
        last[0] = day
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
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
    from fsrs_rs_python import FSRS

    fitted = FSRS([]).compute_parameters(items)
    if len(fitted) != len(DEFAULT_PARAMETERS):
        return DEFAULT_PARAMETERS
    # fsrs-rs and py-fsrs bound a few parameters slightly differently; keep to py-fsrs's, which schedules.
    return tuple(
        min(max(float(p), low), high)
        for p, low, high in zip(fitted, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True)
    )


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

"""The review log as fsrs-rs training items: any log, in any order, gives the items written the plain way."""

from __future__ import annotations

import datetime as dt
import re

from fsrs_rs_python import FSRSItem
from hypothesis import given, settings
from hypothesis import strategies as st

from kzquiz.fitting import fsrs_items
from kzquiz.scheduling import Rating
from kzquiz.stores.base import ReviewRecord

T0 = dt.datetime(2026, 3, 2, 21, 30, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=5)), dt.timezone(dt.timedelta(hours=-7))]
HOUR = dt.timedelta(hours=1)


class SummerTime(dt.tzinfo):
    """UTC+1, and UTC+2 from midnight on 10 March 2026 (wall time): a zone whose offset changes, unlike ZONES."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        return HOUR + self.dst(moment)

    def dst(self, moment: dt.datetime | None) -> dt.timedelta:
        summer = moment is not None and moment.replace(tzinfo=None) >= dt.datetime(2026, 3, 10)
        return HOUR if summer else dt.timedelta(0)


def record(deck_id: str, fact_id: str, rating: Rating, moment: dt.datetime) -> ReviewRecord:
    good = rating is not Rating.AGAIN
    return ReviewRecord("ann", deck_id, fact_id, f"{deck_id}/{fact_id}/recall", "recall", "", good, float(good),
                        "self", rating, None, moment)  # fmt: skip


def plain_items(log: list[ReviewRecord], zone: dt.tzinfo) -> list[list[tuple[int, int]]]:
    """Items as (rating, days since the fact's previous review) lists, by the definition: the log sorted by time
    (a stable sort: reviews at the same moment keep the log's order), then for each review on a later calendar day
    (in ``zone``) than its fact's previous review, the fact's history up to it."""
    ordered = sorted(log, key=lambda r: r.reviewed_at)
    histories: dict[tuple[str, str], list[tuple[int, int]]] = {}
    last_day: dict[tuple[str, str], dt.date] = {}
    items = []
    for review in ordered:
        key = (review.deck_id, review.fact_id)
        day = review.reviewed_at.astimezone(zone).date()
        days = (day - last_day.get(key, day)).days
        last_day[key] = day
        histories.setdefault(key, []).append((int(review.rating), days))
        if days > 0:
            items.append(list(histories[key]))
    return items


def as_pairs(items: list[FSRSItem]) -> list[list[tuple[int, int]]]:
    """(rating, days) of each review of each item, read from fsrs-rs's repr (its reviews have no attributes)."""
    return [[(int(a), int(b)) for a, b in re.findall(r"rating: (\d+), delta_t: (\d+)", repr(item.reviews))]
            for item in items]  # fmt: skip


reviews = st.lists(
    st.tuples(
        st.sampled_from(["d1", "d2"]),
        st.sampled_from(["f1", "f2", "f3"]),  # the same fact ids in two decks are two facts
        st.sampled_from(list(Rating)),
        st.integers(0, 20 * 24 * 60),  # minutes after T0: several reviews a day, same moments, late evenings
        st.sampled_from([*ZONES, SummerTime()]),  # the zone a time was recorded in does not change the moment
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(reviews=reviews, days_in=st.sampled_from([*ZONES, SummerTime()]), in_order=st.booleans())
def test_items_are_the_plain_definition_whatever_the_log_order(
    reviews: list[tuple[str, str, Rating, int, dt.tzinfo]], days_in: dt.tzinfo, in_order: bool
) -> None:
    log = [record(deck, fact, rating, (T0 + m * MINUTE).astimezone(zone)) for deck, fact, rating, m, zone in reviews]
    if in_order:
        log.sort(key=lambda r: r.reviewed_at)
    assert as_pairs(fsrs_items(log, days_in)) == plain_items(log, days_in)


def test_a_log_out_of_order_only_at_its_end_gives_the_sorted_logs_items() -> None:
    log = [record("d", f"f{n % 3}", Rating.GOOD, T0 + dt.timedelta(days=n)) for n in range(30)]
    late = record("d", "f0", Rating.AGAIN, T0 + dt.timedelta(days=2, hours=1))
    items = as_pairs(fsrs_items([*log, late]))
    assert items == as_pairs(fsrs_items(sorted([*log, late], key=lambda r: r.reviewed_at)))
    # f0 is reviewed on days 0, 3, 6...; the late Again of day 2 comes between its first two reviews.
    assert items[:2] == [[(3, 0), (1, 2)], [(3, 0), (1, 2), (3, 1)]]


def test_each_item_keeps_the_history_of_its_own_day() -> None:
    # fsrs-rs copies the reviews it is given: later reviews of the fact must not reach an earlier item.
    log = [record("d", "f", rating, T0 + dt.timedelta(days=n)) for n, rating in enumerate([3, 3, 1, 3, 4])]
    assert as_pairs(fsrs_items(log)) == [
        [(3, 0), (3, 1)],
        [(3, 0), (3, 1), (1, 1)],
        [(3, 0), (3, 1), (1, 1), (3, 1)],
        [(3, 0), (3, 1), (1, 1), (3, 1), (4, 1)],
    ]


def test_a_day_is_a_calendar_day_in_the_zone_given() -> None:
    # 21:30 and 01:00 the next night, UTC: a day apart in UTC, the same day at UTC-7 (14:30 and 18:00).
    log = [record("d", "f", Rating.GOOD, T0), record("d", "f", Rating.GOOD, T0 + dt.timedelta(hours=3, minutes=30))]
    assert as_pairs(fsrs_items(log)) == [[(3, 0), (3, 1)]]
    assert as_pairs(fsrs_items(log, ZONES[2])) == []
    # In a zone whose offset changes, 22:30 and 02:00 the next night (UTC+1): two days, three and a half hours apart.
    assert as_pairs(fsrs_items(log, SummerTime())) == [[(3, 0), (3, 1)]]
    # 23:50 and 01:10 across the change to UTC+2 (22:50 and 23:10 UTC): two days, twenty minutes apart.
    late = dt.datetime(2026, 3, 9, 22, 50, tzinfo=dt.UTC)
    log = [record("d", "f", Rating.GOOD, late), record("d", "f", Rating.HARD, late + 20 * MINUTE)]
    assert as_pairs(fsrs_items(log, SummerTime())) == [[(3, 0), (2, 1)]]

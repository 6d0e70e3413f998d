"""kzquiz.stats and ``kzquiz stats --json`` give the same figures from every store: MemoryStore, SQLiteStore (through
its records and through the reader ``kzquiz stats`` uses) and PostgresStore.

The history below is saved into each store (the ``store`` fixture, tests/conftest.py), and every figure is worked
out by hand from it, in the time zone UTC+5, where some reviews and due times fall on another day than in UTC:

====  ==========  ====  ======  ===========================================  ==========  ===============================
fact  state       S     lapses  ann's reviews (R right, W wrong)             due         weak?
====  ==========  ====  ======  ===========================================  ==========  ===============================
g/a   review      10    0       R -12 d, R 2026-03-05 20:00Z (local 6th), R -2d  +8 d        no: 98 % recall
g/b   review      20    2       W -40 d, W -30 d, R -20 d, R -10 d, R -3 d   +17 d       2 lapses (wrongs too old)
g/c   learning    1     0       W -1 h                                       +8 h (local tomorrow)  last answer wrong
g/d   relearning  2     1       R -20 d, R -10 d, W -1 d, W -2 h             +1 d        2 of the last 3 wrong
g/e   review      5     0       R -15 d, R -10 d                             -5 d        82 % recall, below 95 %
g/f   review      30    0       R -5 d, W -3 h appealed (pending)            +30 d       no: the appeal stands
g/g   review      30    0       R -6 d, W -4 h appealed (rejected)           +13 d       1 of the last 2 wrong
g/h   review      30    0       R -7 d, W -5 h appealed (accepted)           +14 d       no
g/i   review      40    0       R -9 d, W -5 d, R -5 d (same time), R -3 d, R -1 d  +3 d  no: the later of two at -5 d
g/j,k,l  never asked                                                                     (new)
g/old review      7     3       R -7 d (fact since removed from deck g)      now         not counted, but its review is
u/u1  learning    0.5   0       W -30 min (deck u never recorded)            +20 min     last answer wrong
n/n1  review      3     1       R -2 d (deck n recorded without fact ids)    +2 d        1 lapse, 93 % recall
w/w1..w5 review   10    1       R -6 h each (deck w has w1..w6)              +5 d        1 lapse each
====  ==========  ====  ======  ===========================================  ==========  ===============================

ann's settings: desired retention 0.95 and FSRS-6's decay parameter 0.5. Ben's reviews and memories never count.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.figures import StudyCounts
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores.base import DeckRecord, ReviewRecord, Store

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
ZONE = dt.timezone(dt.timedelta(hours=5))
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
PARAMETERS = (*DEFAULT_PARAMETERS[:20], 0.5)
SETTINGS = SchedulerSettings(desired_retention=0.95, parameters=PARAMETERS)

# fact: (deck, state, stability, lapses, reviews as (time, right), due)
HISTORY: dict[str, tuple[str, CardState, float, int, list[tuple[dt.datetime, bool]], dt.datetime]] = {
    "a": (
        "g",
        CardState.REVIEW,
        10,
        0,
        [(NOW - 12 * DAY, True), (dt.datetime(2026, 3, 5, 20, 0, tzinfo=dt.UTC), True), (NOW - 2 * DAY, True)],
        NOW + 8 * DAY,
    ),
    "b": (
        "g",
        CardState.REVIEW,
        20,
        2,
        [(NOW - days * DAY, right) for days, right in [(40, False), (30, False), (20, True), (10, True), (3, True)]],
        NOW + 17 * DAY,
    ),
    "c": ("g", CardState.LEARNING, 1, 0, [(NOW - HOUR, False)], NOW + 8 * HOUR),
    "d": (
        "g",
        CardState.RELEARNING,
        2,
        1,
        [(NOW - 20 * DAY, True), (NOW - 10 * DAY, True), (NOW - DAY, False), (NOW - 2 * HOUR, False)],
        NOW + DAY,
    ),
    "e": ("g", CardState.REVIEW, 5, 0, [(NOW - 15 * DAY, True), (NOW - 10 * DAY, True)], NOW - 5 * DAY),
    "f": ("g", CardState.REVIEW, 30, 0, [(NOW - 5 * DAY, True), (NOW - 3 * HOUR, False)], NOW + 30 * DAY),
    "g": ("g", CardState.REVIEW, 30, 0, [(NOW - 6 * DAY, True), (NOW - 4 * HOUR, False)], NOW + 13 * DAY),
    "h": ("g", CardState.REVIEW, 30, 0, [(NOW - 7 * DAY, True), (NOW - 5 * HOUR, False)], NOW + 14 * DAY),
    "i": (
        "g",
        CardState.REVIEW,
        40,
        0,
        [(NOW - days * DAY, right) for days, right in [(9, True), (5, False), (5, True), (3, True), (1, True)]],
        NOW + 3 * DAY,
    ),
    "old": ("g", CardState.REVIEW, 7, 3, [(NOW - 7 * DAY, True)], NOW),
    "u1": ("u", CardState.LEARNING, 0.5, 0, [(NOW - dt.timedelta(minutes=30), False)], NOW + dt.timedelta(minutes=20)),
    "n1": ("n", CardState.REVIEW, 3, 1, [(NOW - 2 * DAY, True)], NOW + 2 * DAY),
    **{f"w{n}": ("w", CardState.REVIEW, 10, 1, [(NOW - 6 * HOUR, True)], NOW + 5 * DAY) for n in range(1, 6)},
}
APPEALED = {"f": AppealStatus.PENDING, "g": AppealStatus.REJECTED, "h": AppealStatus.ACCEPTED}


def review(learner: str, deck: str, fact: str, when: dt.datetime, right: bool) -> ReviewRecord:
    rating = Rating.GOOD if right else Rating.AGAIN
    answer, match = ("yes", "exact") if right else ("no", "wrong")
    return ReviewRecord(
        learner, deck, fact, f"{deck}/{fact}/recall", "recall", answer, right, float(right), match, rating, 4.0, when
    )


def write_history(store: Store) -> None:
    store.record_deck(DeckRecord("g", "hash-g", "G", tuple("abcdefghijkl")))
    store.record_deck(DeckRecord("n", "hash-n", "N", ()))
    store.record_deck(DeckRecord("w", "hash-w", "W", tuple(f"w{n}" for n in range(1, 7))))
    store.save_settings("ann", SETTINGS)
    log = [
        review("ann", deck, fact, when, right)
        for fact, (deck, *_, reviews, _) in HISTORY.items()
        for when, right in reviews
    ]
    log += [review("ben", "g", "c", NOW, False), review("ben", "g", "e", NOW - DAY, False)]
    assert store.add_reviews(log) == len(log)
    memories = []
    for fact, (deck, state, stability, lapses, reviews, due) in HISTORY.items():
        step = None if state is CardState.REVIEW else 0
        last = reviews[-1][0]
        memories.append(
            Memory(fact, deck, state, step, stability, 5.0, due, last, len(reviews), lapses, f"{deck}/{fact}/recall")
        )
    store.save_memories("ann", memories)
    store.save_memories("ben", [Memory("a", "g", CardState.REVIEW, None, 1.0, 5.0, NOW, NOW - DAY, 1, 4, "g/a/recall")])
    for fact, status in APPEALED.items():
        record = next(r for r in log if r.learner == "ann" and r.fact_id == fact and not r.correct)
        store.save_decisions([AppealRecord.of(record, NOW - HOUR, status=status)], [])


def recall(days: int, stability: float) -> float:
    """FSRS-6's forgetting curve with decay 0.5, as docs/scheduling.md gives it: 90 % recall after ``stability``
    days."""
    return float((1 + (0.9 ** (1 / -0.5) - 1) * days / stability) ** -0.5)


EXPECTED_WEAKEST = [
    # deck, fact, recent wrong, recent answers, lapses, chance of recall now
    ("g", "d", 2, 3, 1, 1.0),
    ("g", "c", 1, 1, 0, 1.0),
    ("g", "g", 1, 2, 0, 1.0),
    ("u", "u1", 1, 1, 0, 1.0),
    ("g", "b", 0, 3, 2, recall(3, 20)),
    ("n", "n1", 0, 1, 1, recall(2, 3)),
    *[("w", f"w{n}", 0, 1, 1, 1.0) for n in range(1, 5)],  # ten at most: w5 and g/e (82 %) are left out
]
EXPECTED_BY_STATE = {CardState.NEW: 4, CardState.LEARNING: 2, CardState.REVIEW: 13, CardState.RELEARNING: 1}
EXPECTED_FORECAST = (2, 2, 1, 1, 0, 5, 0, 0, 1, 0, 0, 0, 0, 1)


def test_every_store_gives_the_same_figures(store: Store) -> None:
    write_history(store)
    result = kzquiz.stats(store, "ann", NOW.astimezone(ZONE), days=14)
    assert (result.reviews, result.retention, result.streak) == (34, pytest.approx(24 / 34), 8)
    assert result.by_state == EXPECTED_BY_STATE
    assert result.forecast == EXPECTED_FORECAST
    assert [
        (w.deck_id, w.fact_id, w.recent_wrong, w.recent_answers, w.lapses, pytest.approx(w.retrievability))
        for w in result.weakest
    ] == EXPECTED_WEAKEST
    assert result.weakest[0].last_reviewed == NOW - 2 * HOUR


def test_days_are_the_time_zones_of_now(store: Store) -> None:
    write_history(store)
    result = kzquiz.stats(store, "ann", NOW, days=3)  # in UTC, a's review on the 5th leaves the 6th without one
    assert result.streak == 4
    assert result.forecast == (3, 1, 1)  # c falls due today in UTC (tomorrow in UTC+5)
    assert [w.fact_id for w in result.weakest] == [fact for _, fact, *_ in EXPECTED_WEAKEST]  # whole days elapsed


def test_only_the_last_three_answers_count_and_a_standing_appeal_is_right(store: Store) -> None:
    write_history(store)
    counts = store.study_counts("ann")
    assert counts.recent[("g", "b")] == (3, 0)  # two wrong answers, but before the last three
    assert counts.recent[("g", "i")] == (3, 0)  # of two answers at one time, the later one saved is the latest
    assert counts.recent[("g", "f")] == (2, 0)  # pending appeal
    assert counts.recent[("g", "h")] == (2, 0)  # accepted appeal
    assert counts.recent[("g", "g")] == (2, 1)  # rejected appeal
    assert (counts.desired_retention, counts.parameters) == (0.95, PARAMETERS)
    assert store.study_counts("nobody").facts == []


def test_a_learner_without_reviews_has_no_figures(store: Store) -> None:
    write_history(store)
    store.add_learner("cem")
    for learner in ("cem", "nobody"):
        result = kzquiz.stats(store, learner, NOW)
        assert (result.reviews, result.retention, result.streak, result.weakest) == (0, 0.0, 0, ())
        assert result.by_state == dict.fromkeys(CardState, 0)
        assert result.forecast == (0,) * 14


def test_stats_json_prints_what_the_library_gives(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with kzquiz.open_store(path) as store:
        write_history(store)
        expected = kzquiz.stats(store, "ann")
    run = kzquiz_cli(tmp_path, "stats", "--json", "--learner", "ann", "--db", str(path))
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["reviews"] == expected.reviews == 34
    assert document["retention"] == expected.retention
    assert document["streak"] == expected.streak
    assert document["by_state"] == {state.value: n for state, n in expected.by_state.items()}
    assert document["forecast"] == list(expected.forecast)
    assert document["weakest"] == [
        {
            "fact": w.fact_id,
            "deck": w.deck_id,
            "recent_wrong": w.recent_wrong,
            "recent_answers": w.recent_answers,
            "lapses": w.lapses,
            "retrievability": w.retrievability,
            "last_reviewed": w.last_reviewed.isoformat() if w.last_reviewed else None,
        }
        for w in expected.weakest
    ]


def damaged_review(fact: str, correct: str, reviewed_at: str) -> str:
    """A review of ann's (learner 1) saved by something other than kzquiz (the log is append-only)."""
    return (
        "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, "  # noqa: S608 - the test's own values
        f"duration, reviewed_at, uid) VALUES (1, 'g', '{fact}', 'g/{fact}/recall', 'recall', 'x', {correct}, 0.0, "
        f"'wrong', 1, 1.0, {reviewed_at}, 'damaged')"
    )


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (damaged_review("e", "2", "'2026-03-09T12:00:00.000000+00:00'"), "(fact 'e'): correct: 2 is not 0 or 1"),
        (damaged_review("c", "0", "'soon'"), "a review of 'ann' (fact 'c'): reviewed_at: 'soon' is not a time"),
        ("UPDATE decks SET fact_ids = '[1, 2]' WHERE id = 'w'", "deck 'w': fact_ids: '[1, 2]' is not a list of fact"),
    ],
)
def test_stats_name_a_damaged_value_they_count(tmp_path: Path, damage: str, words: str) -> None:
    import sqlite3

    path = tmp_path / "store.sqlite3"
    with kzquiz.open_store(path) as store:
        write_history(store)
    db = sqlite3.connect(path)
    db.execute(damage)
    db.commit()
    db.close()
    with (
        kzquiz.open_store(path, read_only=True) as store,
        pytest.raises(kzquiz.DamagedStoreError, match=re.escape(words)),
    ):
        kzquiz.stats(store, "ann", NOW)
    run = kzquiz_cli(tmp_path, "stats", "--json", "--learner", "ann", "--db", str(path))
    assert run.returncode == 1
    assert words in run.stderr
    assert "Traceback" not in run.stderr


def test_every_store_counts_what_the_memory_store_counts(store: Store) -> None:
    # Counts compare by value (and show their fields), so each store's SQL can be held to the plain Python rule.
    reference = kzquiz.MemoryStore()
    write_history(store)
    write_history(reference)

    def in_order(counts: StudyCounts) -> StudyCounts:
        facts = sorted(counts.facts, key=lambda fact: (fact.deck_id, fact.fact_id))
        settings = (counts.desired_retention, counts.parameters)
        return StudyCounts(counts.review_days, facts, counts.recent, counts.deck_facts, *settings)

    assert in_order(store.study_counts("ann")) == in_order(reference.study_counts("ann"))
    assert in_order(store.study_counts("ann")) != in_order(reference.study_counts("nobody"))
    shown = repr(store.study_counts("nobody"))
    assert shown.startswith("StudyCounts(")
    assert all(part in shown for part in ("deck_facts={}", "facts=[]", "recent={}", "review_days=[]"))

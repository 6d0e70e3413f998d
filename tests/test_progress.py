"""``kzquiz stats`` and :func:`kzquiz.stats` over a scripted history: every number on screen and in JSON.

The history is written straight into a real SQLite store (memories and reviews chosen by hand), so each expected
figure below is worked out from the script, not from the code under test:

========  ==========  =========  ======  ================================  ========  =====================
fact      state       stability  lapses  reviews (days ago, Right/Wrong)   due       why weak
========  ==========  =========  ======  ================================  ========  =====================
a         review      10         0       19 R, 9 R                         +1 day    not weak (recall 90 %+)
b         review      20         2       40 R 35 W 30 R 25 W 12 R 6 R 2 R  +18 days  2 lapses
c         learning    1          0       0 W                               now       last answer wrong
d         relearning  2          1       20 R, 10 R, 1 W, 0 W              +1 day    2 of the last 3 wrong
e         review      5          0       15 R, 10 R                        -5 days   recall below 90 %
f         review      30         0       5 R, 0 W (appealed)               +30 days  not weak (appeal)
g, h      never asked                                                                 (new)
old       review (fact removed from the deck since)  7 R                    now       not counted
========  ==========  =========  ======  ================================  ========  =====================
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.appeals import AppealRecord
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, Rating
from kzquiz.stores.base import ReviewRecord

DAY = dt.timedelta(days=1)
DECK = """[deck]
id = "geo"
title = "Geography"
""" + "".join(
    f'\n[[facts]]\nid = "{name}"\nkind = "answer"\nquestion = "Question {name}?"\nanswer = "Answer {name}"\n'
    for name in "abcdefgh"
)
OTHER_DECK = (
    '[deck]\nid = "hist"\ntitle = "History"\n\n[[facts]]\nid = "x"\nkind = "answer"\nquestion = "X?"\nanswer = "X"\n'
)

HISTORY: dict[str, tuple[CardState, float, int, list[tuple[int, bool]], dt.timedelta]] = {
    # fact: state, stability, lapses, reviews (days ago, right), due relative to now
    "a": (CardState.REVIEW, 10, 0, [(19, True), (9, True)], DAY),
    "b": (
        CardState.REVIEW,
        20,
        2,
        [(40, True), (35, False), (30, True), (25, False), (12, True), (6, True), (2, True)],
        18 * DAY,
    ),
    "c": (CardState.LEARNING, 1, 0, [(0, False)], dt.timedelta(0)),
    "d": (CardState.RELEARNING, 2, 1, [(20, True), (10, True), (1, False), (0, False)], DAY),
    "e": (CardState.REVIEW, 5, 0, [(15, True), (10, True)], -5 * DAY),
    "f": (CardState.REVIEW, 30, 0, [(5, True), (0, False)], 30 * DAY),
    "old": (CardState.REVIEW, 7, 0, [(7, True)], dt.timedelta(0)),
}


def recall(days: float, stability: float) -> float:
    """FSRS-6's forgetting curve, as docs/scheduling.md gives it: 90 % recall after ``stability`` days."""
    decay = -DEFAULT_PARAMETERS[20]
    return float((1 + (0.9 ** (1 / decay) - 1) * days / stability) ** decay)


def write_history(path: Path, now: dt.datetime) -> None:
    deck = kzquiz.loads_deck(DECK, "geo.toml")
    with kzquiz.open_store(path) as store:
        store.add_learner("ann")
        store.add_learner("ben")
        store.record_deck(deck)
        store.record_deck(kzquiz.loads_deck(OTHER_DECK, "hist.toml"))  # recorded, never studied by ann
        for fact, (state, stability, lapses, reviews, due) in HISTORY.items():
            last = now - reviews[-1][0] * DAY
            memory = Memory(
                fact,
                "geo",
                state=state,
                step=None if state is CardState.REVIEW else 0,
                stability=stability,
                difficulty=5.0,
                due=now + due,
                last_review=last,
                reps=len(reviews),
                lapses=lapses,
                question_id=f"geo/{fact}/recall",
            )
            for days, right in reviews:
                record = ReviewRecord(
                    learner="ann",
                    deck_id="geo",
                    fact_id=fact,
                    question_id=f"geo/{fact}/recall",
                    form="recall",
                    answer="Answer" if right else "no idea",
                    correct=right,
                    score=float(right),
                    match="exact" if right else "wrong",
                    rating=Rating.GOOD if right else Rating.AGAIN,
                    duration=5.0,
                    reviewed_at=now - days * DAY,
                )
                store.save_review(record, memory)
        appealed = AppealRecord("ann", "geo", "f", "geo/f/recall", now, "no idea", made_at=now)
        store.save_appeal(appealed, store.memory("ann", "f", "geo"))  # type: ignore[arg-type]


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dt.datetime]:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=5)
    if now.hour == 23 and now.minute >= 59:  # keep the whole test on one calendar day
        pytest.skip("too close to midnight UTC")
    path = tmp_path / "progress.sqlite3"
    write_history(path, now)
    return path, now


EXPECTED_WEAKEST = [
    # fact, recent wrong, recent answers, lapses, recall now
    ("d", 2, 3, 1, 1.0),
    ("c", 1, 1, 0, 1.0),
    ("b", 0, 3, 2, recall(2, 20)),
    ("e", 0, 2, 0, recall(10, 5)),
]


def test_the_library_counts_every_fact_of_the_decks_studied(history: tuple[Path, dt.datetime]) -> None:
    path, now = history
    with kzquiz.open_store(path) as store:
        result = kzquiz.stats(store, "ann", now + dt.timedelta(seconds=1), days=14)
    assert result.reviews == 19
    assert result.retention == pytest.approx(13 / 19)
    assert result.streak == 3
    assert result.by_state == {
        CardState.NEW: 2,
        CardState.LEARNING: 1,
        CardState.REVIEW: 4,
        CardState.RELEARNING: 1,
    }
    assert result.forecast == (2, 2, *[0] * 12)
    assert [
        (w.fact_id, w.recent_wrong, w.recent_answers, w.lapses, pytest.approx(w.retrievability)) for w in result.weakest
    ] == EXPECTED_WEAKEST
    assert all(isinstance(w, kzquiz.WeakFact) and w.deck_id == "geo" for w in result.weakest)
    assert result.weakest[0].last_reviewed == now


def test_stats_json_shows_every_number(tmp_path: Path, history: tuple[Path, dt.datetime]) -> None:
    path, now = history
    run = kzquiz_cli(tmp_path, "stats", "--learner", "ann", "--db", str(path), "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    weakest = document.pop("weakest")
    assert document == {
        "learner": "ann",
        "reviews": 19,
        "retention": pytest.approx(13 / 19),
        "streak": 3,
        "by_state": {"new": 2, "learning": 1, "review": 4, "relearning": 1},
        "forecast": [2, 2, *[0] * 12],
    }
    assert [
        (w["fact"], w["recent_wrong"], w["recent_answers"], w["lapses"], pytest.approx(w["retrievability"]))
        for w in weakest
    ] == EXPECTED_WEAKEST
    assert {w["deck"] for w in weakest} == {"geo"}
    assert weakest[0]["last_reviewed"] == now.isoformat()


def test_stats_text_shows_every_number(tmp_path: Path, history: tuple[Path, dt.datetime]) -> None:
    path, _ = history
    run = kzquiz_cli(tmp_path, "stats", "--learner", "ann", "--db", str(path))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[:9] == [
        "Learner ann",
        "Reviews    19",
        "Retention  68%",
        "Streak     3 days",
        "Facts",
        "  new        2",
        "  learning   1",
        "  review     4",
        "  relearning 1",
    ]
    chart = lines[lines.index("Due in the next days") + 1 :][:14]
    assert [int(re.sub(r".* ", "", line)) for line in chart] == [2, 2, *[0] * 12]
    assert lines[lines.index("Weakest facts") + 1 :] == [
        "  geo/d: 2 of the last 3 answers wrong, 1 lapse, 100% recall now",
        "  geo/c: the last answer wrong, 100% recall now",
        f"  geo/b: 2 lapses, {recall(2, 20):.0%} recall now",
        f"  geo/e: {recall(10, 5):.0%} recall now",
    ]


def test_a_learner_with_no_reviews_sees_no_figures(tmp_path: Path, history: tuple[Path, dt.datetime]) -> None:
    path, _ = history
    with kzquiz.open_store(path) as store:
        result = kzquiz.stats(store, "ben")
    assert (result.reviews, result.streak, result.weakest) == (0, 0, ())
    assert result.by_state == dict.fromkeys(CardState, 0)
    run = kzquiz_cli(tmp_path, "stats", "--learner", "ben", "--db", str(path))
    assert run.stdout == "Learner ben\nNo reviews yet: run kzquiz to start studying.\n"


def test_stats_takes_the_current_time_by_default() -> None:
    store = kzquiz.MemoryStore()
    assert kzquiz.stats(store, "nobody").forecast == (0,) * 14
    with pytest.raises(ValueError, match="timezone-aware"):
        kzquiz.stats(store, "nobody", dt.datetime(2026, 1, 1))


def test_an_old_store_learns_its_decks_fact_ids_when_they_are_studied_again(tmp_path: Path) -> None:
    import sqlite3

    from kzquiz.stores.sqlite import APPLICATION_ID, MIGRATIONS, SQLiteStore

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            db.execute(statement)
    db.execute("INSERT INTO decks (id, content_hash, title) VALUES ('geo', '', 'Geography')")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.close()
    deck = kzquiz.loads_deck(DECK, "geo.toml")
    with SQLiteStore(path) as store:
        assert store.decks()[0].fact_ids == ()
        session = kzquiz.Session(deck, store, "ann")
        question = session.next_question()
        assert question is not None
        session.answer(question, question.expected)
        assert store.decks()[0].fact_ids == tuple("abcdefgh")
        assert kzquiz.stats(store, "ann").by_state[CardState.NEW] == 7

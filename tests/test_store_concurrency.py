"""Two sessions answering one learner's fact at once: the memory is read and written in one transaction, so neither
answer is lost, on real SQLite files (two connections) and a real PostgreSQL server (two connections)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import attrs
import pytest

import kzquiz
import kzquiz.session
from kzquiz.scheduling import Memory, Rating, SchedulerSettings, review
from kzquiz.stores.base import Store
from storetools import T0, deck_text, record

WAIT = 0.5
"""How long the first answer's transaction stays open while the second tries to write (seconds)."""


def _schedule(rating: Rating, now: dt.datetime, fact: str = "a") -> Callable[[Memory | None], Memory]:
    def schedule(before: Memory | None) -> Memory:
        return review(before, rating, now, SchedulerSettings(), fact_id=fact, deck_id="d", question_id=f"d/{fact}/c")

    return schedule


def test_review_fact_schedules_from_the_memory_the_store_holds(store: Store) -> None:
    seen: list[Memory | None] = []

    def schedule(before: Memory | None) -> Memory:
        seen.append(before)
        return _schedule(Rating.GOOD, T0 + dt.timedelta(days=len(seen)))(before)

    first = store.review_fact(record("a", T0), schedule)
    second = store.review_fact(record("a", T0 + dt.timedelta(days=2)), schedule)
    assert seen == [None, first]
    assert (first.reps, second.reps) == (1, 2)
    assert store.memory("ann", "a", "d") == second
    assert [r.reviewed_at for r in store.reviews("ann")] == [T0, T0 + dt.timedelta(days=2)]


def test_a_failed_schedule_saves_nothing(store: Store) -> None:
    def broken(before: Memory | None) -> Memory:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        store.review_fact(record("a", T0), broken)
    assert store.reviews("ann") == []
    assert store.memory("ann", "a", "d") is None


def _open(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], Any]:
    """A function that opens another connection to the same store."""
    if kind == "sqlite":
        return lambda: kzquiz.SQLiteStore(tmp_path / "progress.sqlite3")
    from kzquiz.stores.postgres import PostgresStore

    url = request.getfixturevalue("postgres_url")
    return lambda: PostgresStore(url)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_answer_made_while_another_is_being_saved_builds_on_it(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    opener = _open(kind, tmp_path, request)
    before, first, later = T0 - dt.timedelta(days=1), T0, T0 + dt.timedelta(minutes=1)

    def other_terminal() -> None:
        with opener() as second:  # its own connection, opened in its own thread
            second.review_fact(record("a", later, Rating.AGAIN), _schedule(Rating.AGAIN, later))

    with opener() as store, ThreadPoolExecutor(1) as pool:
        answered: list[Future[None]] = []

        def slow(memory: Memory | None) -> Memory:
            # the other terminal answers the same fact while this answer's transaction is open
            answered.append(pool.submit(other_terminal))
            wait(answered, WAIT)
            return _schedule(Rating.GOOD, first)(memory)

        store.review_fact(record("a", before), _schedule(Rating.GOOD, before))
        store.review_fact(record("a", first), slow)
        answered[0].result()
        saved = store.memory("ann", "a", "d")
        assert saved is not None
        assert (saved.reps, saved.last_review) == (3, later)  # the later answer was scheduled from the first
        assert [r.rating for r in store.reviews("ann")] == [Rating.GOOD, Rating.GOOD, Rating.AGAIN]


def test_two_sessions_on_one_file_answering_one_fact_at_once_lose_neither_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.sqlite3"
    deck = kzquiz.loads_deck(deck_text(1, "d"), "d.toml")
    ready, go = threading.Event(), threading.Event()

    def other_terminal() -> None:
        with kzquiz.SQLiteStore(path) as second:
            session = kzquiz.Session(deck, second, "ann")
            question = session.next_question(T0)
            assert question is not None
            ready.set()
            assert go.wait(10)
            session.answer(question, "wrong", now=T0 + dt.timedelta(seconds=30))

    with kzquiz.SQLiteStore(path) as store, ThreadPoolExecutor(1) as pool:
        session = kzquiz.Session(deck, store, "ann")
        question = session.next_question(T0)
        assert question is not None
        answered = pool.submit(other_terminal)
        assert ready.wait(10)
        scheduled = kzquiz.session.review

        def slow_review(*args: Any, **kwargs: Any) -> Memory:
            if not go.is_set():  # this session is scheduling its answer: the other one answers now
                go.set()
                wait([answered], WAIT)
            return scheduled(*args, **kwargs)

        monkeypatch.setattr(kzquiz.session, "review", slow_review)
        session.answer(question, question.expected, now=T0)
        answered.result()
        saved = store.memory("ann", question.fact_id, "d")
        assert saved is not None
        assert (saved.reps, saved.last_review) == (2, T0 + dt.timedelta(seconds=30))
        assert [(r.correct, r.reviewed_at) for r in store.reviews("ann")] == [
            (True, T0),
            (False, T0 + dt.timedelta(seconds=30)),
        ]


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_learner_added_by_a_rolled_back_answer_is_not_remembered(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # The first answer of a new learner fails and is rolled back, so her row is never made; another program then
    # adds a learner, who may get the row id she would have had. Her next answer must not go to that learner.
    opener = _open(kind, tmp_path, request)

    def broken(before: Memory | None) -> Memory:
        raise RuntimeError("the scheduler failed")

    with opener() as store:
        with pytest.raises(RuntimeError):
            store.review_fact(record("a", T0, learner="ann"), broken)
        with opener() as other:
            other.save_review(record("b", T0, learner="bob"), _schedule(Rating.GOOD, T0, "b")(None))
        store.save_review(record("a", T0, learner="ann"), _schedule(Rating.GOOD, T0)(None))
    with opener() as check:
        assert [r.fact_id for r in check.reviews("bob")] == ["b"]
        assert [r.fact_id for r in check.reviews("ann")] == ["a"]
        assert check.learners() == ["ann", "bob"]


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_answer_after_another_programs_answer_builds_on_it(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # A store keeps what it last wrote for a fact; another program's answer in between must be what the next
    # answer is scheduled from, even when that answer wrote values this store has seen before.
    opener = _open(kind, tmp_path, request)
    calls: list[Memory | None] = []

    def schedule(rating: Rating, now: dt.datetime) -> Callable[[Memory | None], Memory]:
        def recorded(before: Memory | None) -> Memory:
            calls.append(before)
            return _schedule(rating, now)(before)

        return recorded

    def answer(on: Store, minutes: int, rating: Rating = Rating.GOOD) -> tuple[Memory | None, Memory]:
        """The memory an answer was scheduled from (a store may try another first: see Store.review_fact) and
        the memory it saved."""
        now = T0 + dt.timedelta(minutes=minutes)
        saved = on.review_fact(record("a", now), schedule(rating, now))
        assert saved == _schedule(rating, now)(calls[-1])
        return calls[-1], saved

    with opener() as store, opener() as other:
        before, mine = answer(store, 0)
        assert before is None
        before, theirs = answer(other, 1, Rating.AGAIN)
        assert before == mine
        before, last = answer(store, 2)
        assert before == theirs
        # the other program puts back exactly the memory this store wrote: read again, it is the same memory
        other.save_memories("ann", [mine])
        before, last = answer(store, 3)
        assert before == mine
        # ... or one that differs from the memory this store last wrote in a single value
        assert last.stability is not None
        changed = attrs.evolve(last, stability=last.stability + 1.0)
        other.save_memories("ann", [changed])
        before, last = answer(store, 4)
        assert before == changed
        # and with nobody else writing, the next answer builds on the memory this store has just saved
        before, _ = answer(store, 5)
        assert before == last


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_session_builds_on_what_another_program_saved_since_it_started(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # A store may keep the memories a session read as it started (and so know which facts were new then); another
    # program's answers in between, to a fact reviewed before and to one new at the start, must not be lost.
    opener = _open(kind, tmp_path, request)
    deck = kzquiz.loads_deck(deck_text(3, "d"), "d.toml")
    with opener() as first:
        kzquiz.Session(deck, first, "ann").answer(deck.questions_for("f0")[0], "answer0", now=T0)
    later = T0 + dt.timedelta(days=30)
    with opener() as store, opener() as other:
        session = kzquiz.Session(deck, store, "ann", new_limit=None)
        theirs = kzquiz.Session(deck, other, "ann", new_limit=None)
        for fact in ("f0", "f1"):
            theirs.answer(deck.questions_for(fact)[0], "wrong", now=later)
        for fact in ("f0", "f1", "f2"):
            session.answer(deck.questions_for(fact)[0], f"answer{fact[1]}", now=later + dt.timedelta(minutes=1))
    with opener() as check:
        for fact, reps in (("f0", 3), ("f1", 2), ("f2", 1)):  # each answer counted once, the other's included
            saved = check.memory("ann", fact, "d")
            assert saved is not None
            assert (saved.reps, saved.last_review) == (reps, later + dt.timedelta(minutes=1)), fact
        assert len(check.reviews("ann")) == 6


def test_a_store_another_program_keeps_locked_is_said_in_words(tmp_path: Path) -> None:
    # Another program (not kzquiz: a DB browser, a backup tool) holds the store's write lock past the wait: the
    # error says so and what to do, not SQLite's bare "database is locked". The wait is made 0 here, not 30 s.
    import sqlite3

    from kzquiz.stores.sqliteguard import Guard

    path = tmp_path / "progress.sqlite3"
    kzquiz.open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(kzquiz.StoreError) as raised, Guard(path):
            waiting.execute("INSERT INTO learners (name) VALUES ('ann')")
    finally:
        waiting.close()
        holder.close()
    message = str(raised.value)
    assert message.startswith(f"{path}: another program kept the store locked for 30 seconds (database is locked)")
    assert message.endswith("close that program, or let it finish, and try again")
    with kzquiz.open_store(path) as store:
        assert store.learners() == []

"""One conformance suite for every store: MemoryStore, SQLiteStore and PostgresStore behave alike.

The ``store`` fixture (tests/conftest.py) gives each test a new, empty store of each kind in turn.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import kzquiz
from kzquiz.memorystate import PARAMETER_BOUNDS
from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores.base import DeckRecord, ReviewRecord, Store
from storetools import T0, deck_text, memory, record


def test_learners_are_added_once_and_sorted(store: Store) -> None:
    for name in ["zhan", "ann", "zhan"]:
        store.add_learner(name)
    assert store.learners() == ["ann", "zhan"]


def test_settings_round_trip_and_default(store: Store) -> None:
    assert store.settings("nobody") == SchedulerSettings()
    parameters = tuple((low + high) / 3 for low, high in PARAMETER_BOUNDS)  # none of them a default
    mine = SchedulerSettings(desired_retention=0.85, parameters=parameters, learning_steps=(30.0,))
    store.save_settings("ann", mine)
    assert store.settings("ann") == mine
    assert "ann" in store.learners()


def test_reviews_and_memories_round_trip(store: Store) -> None:
    store.save_review(record("a", T0), memory("a", T0))
    later = T0 + dt.timedelta(hours=1)
    store.save_review(record("b", later, Rating.AGAIN), memory("b", later))
    store.save_review(record("a", later + dt.timedelta(days=1), Rating.EASY), memory("a", later))
    assert [(r.fact_id, r.rating) for r in store.reviews("ann")] == [
        ("a", Rating.GOOD),
        ("b", Rating.AGAIN),
        ("a", Rating.EASY),
    ]
    assert attrs.evolve(store.reviews("ann")[0], uid="") == attrs.evolve(record("a", T0), uid="")
    assert store.memory("ann", "a", "d") == memory("a", later)
    assert store.memory("ann", "zzz", "d") is None
    assert store.memory("nobody", "a", "d") is None
    assert [m.fact_id for m in store.memories("ann")] == ["a", "b"]
    assert store.memories("ann", ["other"]) == []
    assert store.reviews("ann", ["other"]) == []
    assert store.reviews("nobody") == []


def test_decks_seen_keep_their_latest_hash(store: Store) -> None:
    deck = kzquiz.loads_deck(deck_text(2, "d"), "d.toml")
    store.record_deck(deck)
    store.record_deck(kzquiz.loads_deck(deck_text(3, "d"), "d.toml"))
    (seen,) = store.decks()
    assert seen.id == "d"
    assert seen.title == "Many facts"
    assert seen.fact_ids == tuple(fact.id for fact in kzquiz.loads_deck(deck_text(3, "d"), "d.toml").facts)


def test_stats_count_the_facts_never_asked_as_new_on_every_store(store: Store) -> None:
    deck = kzquiz.loads_deck(deck_text(5, "d"), "d.toml")
    session = kzquiz.Session(deck, store, "ann")
    question = session.next_question(T0)
    assert question is not None
    session.answer(question, question.expected, now=T0)
    assert kzquiz.stats(store, "ann", T0).by_state[CardState.NEW] == 4


def test_review_activity_counts_reviews_and_right_answers_per_minute(store: Store) -> None:
    late = T0 + dt.timedelta(seconds=30)
    store.save_review(record("a", T0), memory("a", T0))
    wrong = ReviewRecord("ann", "d", "b", "d/b/recall", "recall", "x", False, 0.0, "wrong", Rating.AGAIN, 1.0, late)
    store.save_review(wrong, memory("b", late))
    store.save_review(record("a", T0 + dt.timedelta(days=1)), memory("a", T0))
    assert store.review_activity("ann") == [(T0, 2, 1), (T0 + dt.timedelta(days=1), 1, 1)]
    assert store.review_activity("nobody") == []


def test_learners_sort_by_code_point_whatever_the_server_collation(store: Store) -> None:
    for name in ["zhan", "Ärlan", "ann", "Bolat", "бота"]:
        store.add_learner(name)
    assert store.learners() == ["Bolat", "ann", "zhan", "Ärlan", "бота"]


def test_a_review_keeps_its_uid_and_every_field(store: Store) -> None:
    when = dt.datetime(2026, 3, 2, 14, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    review = ReviewRecord(
        "ann", "d", "a", "d/a/choice", "choice", "Алматы «x»", False, 0.5, "typo", Rating.HARD, None, when
    )
    store.save_review(review, memory("a", when))
    (saved,) = store.reviews("ann")
    assert saved == review
    assert saved.uid == review.uid


def test_saving_a_review_again_does_not_count_it_twice(store: Store) -> None:
    review = record("a", T0)
    store.save_review(review, memory("a", T0))
    later = memory("a", T0 + dt.timedelta(hours=1))
    store.save_review(review, later)  # as a retry after a lost connection would
    assert [r.uid for r in store.reviews("ann")] == [review.uid]
    assert store.memory("ann", "a", "d") == later


def test_reviews_of_the_same_moment_are_two_reviews(store: Store) -> None:
    store.save_review(record("a", T0), memory("a", T0))
    store.save_review(record("a", T0), memory("a", T0))
    assert len(store.reviews("ann")) == 2


def test_add_reviews_skips_the_uids_it_holds_and_counts_the_rest(store: Store) -> None:
    first = [record("a", T0), record("b", T0 + dt.timedelta(minutes=1), learner="bob")]
    assert store.add_reviews(first) == 2
    again = [*first, record("c", T0 + dt.timedelta(minutes=2))]
    assert store.add_reviews(again) == 1
    assert store.add_reviews([]) == 0
    assert [r.fact_id for r in store.reviews("ann")] == ["a", "c"]
    assert [r.fact_id for r in store.reviews("bob")] == ["b"]
    assert store.learners() == ["ann", "bob"]
    assert store.memories("ann") == []  # the log only: memories are saved on their own


def test_reviews_come_back_in_time_order_whatever_the_order_saved(store: Store) -> None:
    times = [T0 + dt.timedelta(minutes=m) for m in (5, 1, 3)]
    store.add_reviews([record(f"f{n}", when) for n, when in enumerate(times)])
    assert [r.fact_id for r in store.reviews("ann")] == ["f1", "f2", "f0"]


def test_memories_are_replaced_and_sorted(store: Store) -> None:
    store.save_memories("ann", [memory("b", T0), memory("a", T0)])
    changed = attrs.evolve(memory("a", T0), state=CardState.RELEARNING, step=1, lapses=2)
    store.save_memories("ann", [changed])
    assert store.memories("ann") == [changed, memory("b", T0)]
    assert store.learners() == ["ann"]


def test_a_new_memory_round_trips_with_its_empty_fields(store: Store) -> None:
    new = Memory("a", "d")
    store.save_memories("ann", [new])
    assert store.memory("ann", "a", "d") == new


def test_a_deck_record_is_kept_as_given(store: Store) -> None:
    store.record_deck(DeckRecord("geo", "sha256:abc", "Geography", ("capital", "río")))
    store.record_deck(DeckRecord("art", "sha256:def", ""))
    assert store.decks() == [
        DeckRecord("art", "sha256:def", ""),
        DeckRecord("geo", "sha256:abc", "Geography", ("capital", "río")),
    ]


def test_settings_of_one_learner_leave_the_others_alone(store: Store) -> None:
    store.save_settings("ann", SchedulerSettings(desired_retention=0.8))
    store.add_learner("bob")
    assert store.settings("bob") == SchedulerSettings()
    assert store.settings("ann").desired_retention == 0.8


def test_a_session_studies_and_comes_back_on_every_store(store: Store) -> None:
    deck = kzquiz.loads_deck(deck_text(3, "d"), "d.toml")
    session = kzquiz.Session(deck, store, "ann", new_limit=None)
    now = T0
    while (question := session.next_question(now)) is not None:
        session.answer(question, question.expected, now=now, duration=3.0)
        now += dt.timedelta(seconds=5)
    done = len(store.reviews("ann"))
    assert done >= 3
    again = kzquiz.Session(deck, store, "ann")
    assert again.next_question(now) is None  # everything answered is remembered and not due yet
    assert kzquiz.stats(store, "ann", now).reviews == done


@pytest.mark.parametrize("kind", ["reviews", "memories", "activity"])
def test_an_unknown_learner_has_nothing(store: Store, kind: str) -> None:
    store.add_learner("ann")
    read = {"reviews": store.reviews, "memories": store.memories, "activity": store.review_activity}[kind]
    assert read("nobody") == []


def test_the_optimizer_fits_the_same_parameters_on_every_store(store: Store) -> None:
    from kzquiz.fitting import optimize, reoptimize, reviews_from_csv

    with (Path(__file__).parent / "data" / "review-logs" / "py-fsrs-josh-2024.csv").open(encoding="utf-8") as file:
        log = reviews_from_csv(file, "josh")[:2000]
    store.add_reviews(log)
    parameters = reoptimize(store, "josh", log[-1].reviewed_at)
    assert parameters == optimize(log)  # the same log, read back from the store, gives the same fit
    assert store.settings("josh").parameters == parameters


def test_fact_counts_and_wrong_answers_count_the_log(store: Store) -> None:
    wrong = attrs.evolve(record("a", T0), correct=False, score=0.0, answer="Almaty")
    partly = attrs.evolve(wrong, answer="Galilee", score=0.5, uid="partly", reviewed_at=T0 + dt.timedelta(minutes=3))
    store.add_reviews(
        [
            record("a", T0),
            record("a", T0 + dt.timedelta(minutes=1)),
            wrong,
            attrs.evolve(wrong, uid="other", reviewed_at=T0 + dt.timedelta(minutes=2)),
            attrs.evolve(wrong, uid="bob's", learner="bob"),
            record("b", T0, learner="bob"),
            partly,
            attrs.evolve(partly, uid="bob's partly", learner="bob", score=0.25),
        ]
    )
    # A partly right answer (not right, a score above 0) is counted apart, and never listed as a wrong answer.
    assert sorted(attrs.astuple(c) for c in store.fact_counts()) == [
        ("ann", "d", "a", 5, 2, 1),
        ("bob", "d", "a", 2, 0, 1),
        ("bob", "d", "b", 1, 1, 0),
    ]
    assert sorted(attrs.astuple(c) for c in store.wrong_answers()) == [
        ("ann", "d", "a", "d/a/recall", "Almaty", 2),
        ("bob", "d", "a", "d/a/recall", "Almaty", 1),
    ]
    assert [attrs.astuple(c) for c in store.wrong_answers(by_learner=False)] == [
        ("", "d", "a", "d/a/recall", "Almaty", 3)
    ]


def test_counts_can_be_limited_to_some_learners_and_decks(store: Store) -> None:
    """One class of a shared store: the counts of its learners and decks only, the same as counting a store that
    held nothing else."""
    wrong = attrs.evolve(record("a", T0), correct=False, score=0.0, answer="Almaty")
    store.add_reviews(
        [
            record("a", T0),
            wrong,
            attrs.evolve(wrong, uid="bob's", learner="c1/bob"),
            attrs.evolve(wrong, uid="other deck", learner="c1/bob", deck_id="e", question_id="e/a/recall"),
            attrs.evolve(wrong, uid="other class", learner="c2/cem"),
            attrs.evolve(record("b", T0), uid="cem right", learner="c2/cem"),
        ]
    )
    mine = {"learners": ["ann", "c1/bob", "nobody"], "deck_ids": ["d"]}
    assert sorted(attrs.astuple(c) for c in store.fact_counts(**mine)) == [
        ("ann", "d", "a", 2, 1, 0),
        ("c1/bob", "d", "a", 1, 0, 0),
    ]
    assert sorted(attrs.astuple(c) for c in store.wrong_answers(**mine)) == [
        ("ann", "d", "a", "d/a/recall", "Almaty", 1),
        ("c1/bob", "d", "a", "d/a/recall", "Almaty", 1),
    ]
    assert [attrs.astuple(c) for c in store.wrong_answers(False, **mine)] == [("", "d", "a", "d/a/recall", "Almaty", 2)]
    assert {c.learner for c in store.fact_counts(deck_ids=["d"])} == {"ann", "c1/bob", "c2/cem"}
    assert {c.deck_id for c in store.fact_counts(learners=["c1/bob"])} == {"d", "e"}
    assert store.fact_counts(learners=[]) == []
    assert store.wrong_answers(deck_ids=[]) == []
    assert len(store.fact_counts()) == 5


def test_the_class_report_from_the_store_counts_is_the_report_of_the_log(store: Store) -> None:
    from kzquiz.reporting import Attempt, class_tallies, render_report, render_tallies

    deck = kzquiz.loads_deck(deck_text(5, "d"), "d.toml")
    for learner in ("ann", "bob", "cem"):
        session = kzquiz.Session(deck, store, learner, new_limit=None)
        now = T0
        for n in range(12):
            question = session.next_question(now)
            assert question is not None
            session.answer(question, question.expected if n % (2 + len(learner)) else f"wrong {n % 2}", now=now)
            now += dt.timedelta(minutes=3)
    partly = attrs.evolve(record("a", now), learner="bob", correct=False, score=0.5, answer="half", uid="partly")
    store.add_reviews([partly, attrs.evolve(partly, learner="cem", uid="cem's", reviewed_at=now, score=0.0)])
    log = [Attempt.of(r.learner, r) for name in store.learners() for r in store.reviews(name)]
    assert sum(a.partial for a in log) == 1
    counted = render_tallies(class_tallies(store.fact_counts(), store.wrong_answers()))
    assert counted == render_report(log)
    assert "wrong 0" in counted
    assert "half" in counted  # cem's answer "half" scored nothing: a wrong answer; bob's, worth half, is not

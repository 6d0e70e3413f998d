"""kzquiz computes FSRS-6 itself (kzquiz.fsrs6): every review must give py-fsrs's result, bit for bit."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from unittest import mock

import attrs
import pytest
from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from hypothesis import given, settings
from hypothesis import strategies as st

from kzquiz.fsrs6 import Model
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Memory, SchedulerSettings, review
from kzquiz.scheduling import Rating as KzRating

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
STATES = {CardState.LEARNING: State.Learning, CardState.REVIEW: State.Review, CardState.RELEARNING: State.Relearning}

steps = st.lists(st.sampled_from([1.0, 30.0, 60.0, 600.0, 3600.0, 36_000.0, 86_400.0, 259_200.0]), max_size=3)
parameters = st.one_of(
    st.just(DEFAULT_PARAMETERS),
    st.tuples(
        *(st.floats(low, high) for low, high in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True))
    ),
)
scheduler_settings = st.builds(
    SchedulerSettings,
    desired_retention=st.floats(0.7, 0.99),
    parameters=parameters,
    learning_steps=steps,
    relearning_steps=steps,
    maximum_interval=st.integers(1, 36_500),
    enable_fuzzing=st.just(False),
)


def py_fsrs(chosen: SchedulerSettings) -> Scheduler:
    return Scheduler(
        parameters=chosen.parameters,
        desired_retention=chosen.desired_retention,
        learning_steps=tuple(dt.timedelta(seconds=s) for s in chosen.learning_steps),
        relearning_steps=tuple(dt.timedelta(seconds=s) for s in chosen.relearning_steps),
        maximum_interval=chosen.maximum_interval,
        enable_fuzzing=False,
    )


@settings(max_examples=300, deadline=None)
@given(
    history=st.lists(
        st.tuples(st.sampled_from(list(KzRating)), st.integers(0, 400 * 24 * 60), st.booleans()),
        min_size=1,
        max_size=30,
    ),
    first=scheduler_settings,
    second=scheduler_settings,
)
def test_every_review_is_py_fsrs_review_card_exactly(
    history: list[tuple[KzRating, int, bool]], first: SchedulerSettings, second: SchedulerSettings
) -> None:
    # Two sets of settings taken in turn, as when a learner's parameters are refitted or steps changed midway.
    memory: Memory | None = None
    card = Card(card_id=0, due=T0)
    now = T0
    for rating, wait_minutes, switch in history:
        now += dt.timedelta(minutes=wait_minutes)
        chosen = second if switch else first
        memory = review(memory, rating, now, chosen, fact_id="f", deck_id="d")
        card, _ = py_fsrs(chosen).review_card(card, Rating(int(rating)), now)
        assert STATES[memory.state] == card.state
        assert (memory.step, memory.stability, memory.difficulty) == (card.step, card.stability, card.difficulty)
        assert memory.due == card.due
        assert memory.last_review == card.last_review


def test_a_card_in_review_without_a_memory_state_is_refused() -> None:
    model = Model(DEFAULT_PARAMETERS, 0.9, (60.0,), (600.0,), 36500)
    with pytest.raises(ValueError, match="needs a stability and a difficulty"):
        model.review(2, None, None, None, T0, 3, T0)


def seeded_draw(fact_id: str, deck_id: str, now: dt.datetime) -> Callable[[], float]:
    """kzquiz's fuzz draw as docs/scheduling.md states it: a generator seeded by the fact and the review's time."""
    key = f"{deck_id}/{fact_id}@{now.astimezone(dt.UTC).isoformat()}".encode()
    return lambda: int.from_bytes(hashlib.blake2b(key, digest_size=8).digest()) / 2**64


ZONES = [dt.UTC, dt.timezone(dt.timedelta(hours=5)), dt.timezone(dt.timedelta(hours=-7, minutes=-30))]


@settings(max_examples=300, deadline=None)
@given(
    history=st.lists(
        st.tuples(st.sampled_from(list(KzRating)), st.integers(0, 400 * 24 * 60), st.sampled_from(ZONES)),
        min_size=1,
        max_size=30,
    ),
    chosen=scheduler_settings,
    fact_id=st.sampled_from(["f", "geo/capital", "Ünïcode fact"]),
)
def test_fuzzed_reviews_are_py_fsrs_fuzz_with_kzquizs_seeded_draw(
    history: list[tuple[KzRating, int, dt.tzinfo]], chosen: SchedulerSettings, fact_id: str
) -> None:
    # py-fsrs draws its fuzz from random.random(); given kzquiz's draw instead, every due time must be the same,
    # so kzquiz's fuzz is py-fsrs's ranges and rounding, and its draw is the documented one.
    fuzzy = attrs.evolve(chosen, enable_fuzzing=True)
    scheduler = py_fsrs(fuzzy)
    scheduler.enable_fuzzing = True
    memory: Memory | None = None
    card = Card(card_id=0, due=T0)
    now = T0
    for rating, wait_minutes, zone in history:
        now += dt.timedelta(minutes=wait_minutes)
        memory = review(memory, rating, now.astimezone(zone), fuzzy, fact_id=fact_id, deck_id="d", question_id="q")
        with mock.patch("fsrs.scheduler.random", seeded_draw(fact_id, "d", now)):
            card, _ = scheduler.review_card(card, Rating(int(rating)), now)
        assert STATES[memory.state] == card.state
        assert (memory.step, memory.stability, memory.difficulty) == (card.step, card.stability, card.difficulty)
        assert memory.due == card.due
        assert memory.last_review == card.last_review


def test_a_new_memory_from_a_store_keeps_its_fact_and_question() -> None:
    # A store can hold a fact that was shown but never answered (state new, its question recorded).
    shown = Memory("capital", "geo", question_id="geo/capital/choice")
    first = review(shown, KzRating.GOOD, T0, SchedulerSettings(), fact_id="ignored", deck_id="ignored")
    assert (first.fact_id, first.deck_id, first.question_id, first.reps, first.lapses) == (
        "capital",
        "geo",
        "geo/capital/choice",
        1,
        0,
    )
    assert first == review(None, KzRating.GOOD, T0, SchedulerSettings(), "capital", "geo", "geo/capital/choice")

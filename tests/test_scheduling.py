"""Scheduling: FSRS-6 intervals at fixed times, deterministic fuzz, ratings from verdicts, recognition then recall."""

from __future__ import annotations

import datetime as dt

import attrs
import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz.memorystate import PARAMETER_BOUNDS
from kzquiz.scheduling import (
    RECALL_STABILITY,
    CardState,
    Memory,
    Rating,
    SchedulerSettings,
    choose_form,
    easy_seconds,
    fuzz_draw,
    is_recall_due,
    rating_for,
    retrievability,
    review,
)

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
EXACT = SchedulerSettings(enable_fuzzing=False)

DECK = kzquiz.loads_deck(
    """
[deck]
id = "d"
title = "Test deck"

[[facts]]
id = "capital"
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
distractors = ["Almaty", "Shymkent", "Karaganda"]

[[facts]]
id = "unrest"
kind = "statement"
statement = "The unrest began in Zhanaozen."
answer = true

[[facts]]
id = "names"
kind = "sequence"
subject = "the names of the capital, oldest first"
items = ["Akmolinsk", "Tselinograd", "Akmola", "Astana"]
""",
    "test.toml",
)


def question(fact_id: str, form: str) -> kzquiz.Question:
    return next(q for q in DECK.questions_for(fact_id) if q.form.value == form)


def test_a_new_fact_answered_good_goes_through_the_learning_steps_then_grows() -> None:
    memory = review(None, Rating.GOOD, T0, EXACT, fact_id="capital", deck_id="d")
    assert (memory.state, memory.step, memory.due - T0) == (CardState.LEARNING, 1, dt.timedelta(minutes=10))
    t1 = T0 + dt.timedelta(minutes=10)
    memory = review(memory, Rating.GOOD, t1, EXACT)
    assert (memory.state, memory.due - t1) == (CardState.REVIEW, dt.timedelta(days=2))
    assert memory.stability == pytest.approx(2.3065)
    intervals = []
    for _ in range(2):
        moment = memory.due
        memory = review(memory, Rating.GOOD, moment, EXACT)
        intervals.append((memory.due - moment).days)
    assert intervals == [11, 46]
    assert (memory.reps, memory.lapses, memory.fact_id, memory.deck_id) == (4, 0, "capital", "d")


def test_a_lapse_goes_to_relearning_and_counts() -> None:
    memory = review(None, Rating.EASY, T0, EXACT, fact_id="f", deck_id="d")
    assert (memory.state, (memory.due - T0).days) == (CardState.REVIEW, 8)
    moment = memory.due
    lapsed = review(memory, Rating.AGAIN, moment, EXACT)
    assert (lapsed.state, lapsed.due - moment, lapsed.lapses) == (
        CardState.RELEARNING,
        dt.timedelta(minutes=10),
        1,
    )
    assert lapsed.stability is not None
    assert memory.stability is not None
    assert lapsed.stability < memory.stability


def test_again_while_learning_restarts_the_steps_and_is_no_lapse() -> None:
    memory = review(None, Rating.AGAIN, T0, EXACT, fact_id="f", deck_id="d")
    assert (memory.state, memory.step, memory.due - T0, memory.lapses) == (
        CardState.LEARNING,
        0,
        dt.timedelta(minutes=1),
        0,
    )


def test_fuzz_is_deterministic_within_fsrs_range_and_differs_between_facts() -> None:
    fuzzy = SchedulerSettings()
    base = review(None, Rating.EASY, T0, EXACT, fact_id="f", deck_id="d")
    moment = base.due
    exact_days = (review(base, Rating.GOOD, moment, EXACT).due - moment).days
    days = set()
    for n in range(40):
        memory = attrs.evolve(base, fact_id=f"f{n}")
        first = review(memory, Rating.GOOD, moment, fuzzy)
        assert first == review(memory, Rating.GOOD, moment, fuzzy)
        days.add((first.due - moment).days)
    assert len(days) > 1
    assert all(abs(d - exact_days) <= 0.05 * exact_days + 4 for d in days)


def test_maximum_interval_and_desired_retention_are_respected() -> None:
    capped = SchedulerSettings(enable_fuzzing=False, maximum_interval=5)
    memory = review(None, Rating.EASY, T0, capped, fact_id="f", deck_id="d")
    assert (memory.due - T0).days == 5
    relaxed = SchedulerSettings(enable_fuzzing=False, desired_retention=0.8)
    assert (review(None, Rating.EASY, T0, relaxed, fact_id="f", deck_id="d").due - T0).days > 8


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="retention"):
        SchedulerSettings(desired_retention=1.5)
    with pytest.raises(ValueError, match="21 parameters"):
        SchedulerSettings(parameters=(1.0, 2.0))
    with pytest.raises(ValueError, match="maximum interval"):
        SchedulerSettings(maximum_interval=0)


@pytest.mark.parametrize(("index", "value"), [(7, 0.0008), (4, 10.5), (20, 0.0), (0, float("nan")), (16, -1.0)])
def test_settings_refuse_a_parameter_py_fsrs_would_refuse(index: int, value: float) -> None:
    parameters = list(kzquiz.SchedulerSettings().parameters)
    parameters[index] = value
    with pytest.raises(ValueError, match=rf"w\[{index}\] must be from"):
        SchedulerSettings(parameters=tuple(parameters))
    with pytest.raises(ValueError, match=rf"parameters\[{index}\] = .* is out of bounds"):  # as py-fsrs says
        fsrs.Scheduler(parameters=tuple(parameters))


def test_the_parameter_bounds_are_py_fsrs_own() -> None:
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    assert tuple(low for low, _ in PARAMETER_BOUNDS) == LOWER_BOUNDS_PARAMETERS
    assert tuple(high for _, high in PARAMETER_BOUNDS) == UPPER_BOUNDS_PARAMETERS
    assert SchedulerSettings(parameters=LOWER_BOUNDS_PARAMETERS) != SchedulerSettings(
        parameters=UPPER_BOUNDS_PARAMETERS
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        review(None, Rating.GOOD, dt.datetime(2026, 1, 1), EXACT, fact_id="f", deck_id="d")


def test_retrievability_is_zero_for_new_and_ninety_percent_at_stability() -> None:
    assert retrievability(None, T0, EXACT) == 0.0
    memory = Memory("f", "d", CardState.REVIEW, None, 10.0, 5.0, T0, T0, 3, 0)
    assert retrievability(memory, T0, EXACT) == 1.0
    assert retrievability(memory, T0 + dt.timedelta(days=10), EXACT) == pytest.approx(0.9)
    assert retrievability(memory, T0 + dt.timedelta(days=100), EXACT) < 0.9


@pytest.mark.parametrize(
    ("fact_id", "form", "answer", "duration", "expected"),
    [
        ("capital", "recall", "Astana", 2.0, Rating.EASY),
        ("capital", "recall", "Astana", 9.0, Rating.GOOD),
        ("capital", "recall", "Astana", None, Rating.GOOD),
        ("capital", "recall", "Astanna", 2.0, Rating.HARD),
        ("capital", "recall", "Almaty", 2.0, Rating.AGAIN),
        ("capital", "recall", "", 2.0, Rating.AGAIN),
        ("capital", "choice", "Astana", 1.0, Rating.GOOD),
        ("capital", "choice", "Almaty", 1.0, Rating.AGAIN),
        ("unrest", "true-false", "true", 1.0, Rating.GOOD),
        ("unrest", "true-false", "false", 1.0, Rating.AGAIN),
        ("names", "order", "Akmolinsk, Tselinograd, Akmola, Astana", 5.0, Rating.EASY),
    ],
)
def test_rating_for_verdicts(fact_id: str, form: str, answer: str, duration: float | None, expected: Rating) -> None:
    asked = question(fact_id, form)
    assert rating_for(asked, asked.check(answer), duration) is expected


def test_easy_threshold_grows_with_the_answer_length() -> None:
    assert easy_seconds("Astana") == pytest.approx(8.6)
    assert easy_seconds("x" * 100) == pytest.approx(18.0)


def test_new_and_weak_facts_get_recognition_strong_facts_recall_and_a_lapse_goes_back() -> None:
    questions = DECK.questions_for("capital")
    assert choose_form(questions, None, T0).form.value == "choice"
    weak = Memory("capital", "d", CardState.REVIEW, None, 3.0, 5.0, T0, T0 - dt.timedelta(days=3), 2, 0)
    assert choose_form(questions, weak, T0).form.value == "choice"
    strong = attrs.evolve(weak, stability=RECALL_STABILITY + 1)
    assert is_recall_due(strong)
    assert choose_form(questions, strong, T0).form.value == "recall"
    lapsed = attrs.evolve(strong, state=CardState.RELEARNING, step=0)
    assert choose_form(questions, lapsed, T0).form.value == "choice"


def test_a_fact_seen_today_is_asked_with_the_same_question_and_not_a_sibling() -> None:
    questions = DECK.questions_for("capital")
    asked_today = Memory(
        "capital", "d", CardState.RELEARNING, 0, 2.0, 5.0, T0, T0 - dt.timedelta(hours=1), 5, 1, "d/capital/recall"
    )
    assert choose_form(questions, asked_today, T0).id == "d/capital/recall"
    yesterday = attrs.evolve(asked_today, last_review=T0 - dt.timedelta(days=1))
    assert choose_form(questions, yesterday, T0).id == "d/capital/choice"


def test_forms_of_one_kind_rotate_with_the_reviews() -> None:
    questions = DECK.questions_for("names")
    recall = [q for q in questions if q.answer_type.is_recall]
    assert len(recall) > 1
    chosen = set()
    for reps in range(len(recall)):
        memory = Memory("names", "d", CardState.REVIEW, None, 30.0, 5.0, T0, T0 - dt.timedelta(days=20), reps, 0)
        chosen.add(choose_form(questions, memory, T0).id)
    assert chosen == {q.id for q in recall}


def test_a_fact_with_recall_forms_only_is_asked_by_recall_from_the_start() -> None:
    numbers = kzquiz.loads_deck(
        '[deck]\nid = "n"\ntitle = "N"\n\n[[facts]]\nid = "year"\nkind = "number"\n'
        'question = "When did Kazakhstan become independent?"\nanswer = 1991\n',
        "n.toml",
    )
    assert choose_form(numbers.questions_for("year"), None, T0).answer_type.is_recall


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(list(Rating)), st.integers(min_value=0, max_value=400 * 24 * 60)),
        min_size=1,
        max_size=25,
    ),
    fuzz=st.booleans(),
)
def test_any_review_history_gives_a_sane_memory(steps: list[tuple[Rating, int]], fuzz: bool) -> None:
    chosen = SchedulerSettings(enable_fuzzing=fuzz, maximum_interval=3650)
    memory: Memory | None = None
    now = T0
    for n, (rating, wait_minutes) in enumerate(steps, 1):
        now += dt.timedelta(minutes=wait_minutes)
        before = memory
        memory = review(memory, rating, now, chosen, fact_id="f", deck_id="d")
        assert memory.reps == n
        assert memory.last_review == now
        assert now < memory.due <= now + dt.timedelta(days=3650)
        assert memory.stability is not None
        assert memory.stability > 0
        assert memory.difficulty is not None
        assert 1 <= memory.difficulty <= 10
        assert memory.lapses == (before.lapses if before else 0) + (
            rating is Rating.AGAIN and before is not None and before.state is CardState.REVIEW
        )
        assert 0.0 <= retrievability(memory, now + dt.timedelta(days=1), chosen) <= 1.0


def test_fuzz_draws_spread_evenly_and_repeat_for_the_same_review() -> None:
    # The draw places a fuzzed interval in its range: over many facts each tenth of the range is drawn about as often.
    now = dt.datetime(2026, 3, 2, 9, 5, tzinfo=dt.UTC)
    draws = [fuzz_draw("geo", f"fact-{n}", now) for n in range(5000)]
    assert all(0.0 <= d < 1.0 for d in draws)
    tenths = [sum(1 for d in draws if n / 10 <= d < (n + 1) / 10) for n in range(10)]
    assert min(tenths) > 400
    assert max(tenths) < 600
    assert fuzz_draw("geo", "fact-1", now) == draws[1]
    assert fuzz_draw("geo", "fact-1", now + dt.timedelta(microseconds=1)) != draws[1]

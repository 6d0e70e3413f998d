"""Sessions: what is asked when, what is saved, deck edits, statistics and per-learner optimisation."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import attrs
import pytest

import kzquiz
from kzquiz.fitting import MINIMUM_REVIEWS, fsrs_items, optimize, reoptimize, reviews_from_csv
from kzquiz.scheduling import DEFAULT_PARAMETERS, CardState, Rating, SchedulerSettings
from kzquiz.session import Session
from kzquiz.stores.base import ReviewRecord
from kzquiz.stores.memory import MemoryStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)
LOG = Path(__file__).parent / "data" / "review-logs" / "py-fsrs-josh-2024.csv"


def answer_fact(n: int) -> str:
    return (
        f'[[facts]]\nid = "f{n}"\nkind = "answer"\nquestion = "Word {n}?"\nanswer = "answer{n}"\n'
        f'distractors = ["wrong{n}a", "wrong{n}b", "wrong{n}c"]\n'
    )


def make_deck(ids: list[int], extra: str = "") -> kzquiz.Deck:
    text = '[deck]\nid = "d"\ntitle = "Words"\n\n' + "\n".join(answer_fact(n) for n in ids) + extra
    return kzquiz.loads_deck(text, "words.toml")


def study(session: Session, now: dt.datetime, right: bool = True) -> kzquiz.Question:
    question = session.next_question(now)
    assert question is not None
    session.answer(question, question.expected if right else "nonsense", now=now, duration=3.0)
    return question


def test_new_facts_come_in_deck_order_up_to_the_new_limit() -> None:
    session = Session(make_deck(list(range(5))), MemoryStore(), "ann", new_limit=3)
    asked = [study(session, T0 + n * 2 * MINUTE).fact_id for n in range(3)]
    assert asked == ["f0", "f1", "f2"]
    # f0 is due again (10 minutes after its first answer); the new limit keeps f3 and f4 back
    assert session.next_question(T0 + 15 * MINUTE).fact_id == "f0"  # type: ignore[union-attr]


def test_the_same_state_and_time_give_the_same_question() -> None:
    session = Session(make_deck(list(range(5))), MemoryStore(), "ann")
    first = session.next_question(T0)
    assert first is not None
    assert session.next_question(T0) == first


def test_due_facts_come_first_most_overdue_first() -> None:
    store = MemoryStore()
    deck = make_deck(list(range(4)))
    session = Session(deck, store, "ann", new_limit=2, clock=lambda: T0)
    for n in range(2):
        for step in range(2):  # through both learning steps: due in 2 days
            study(session, T0 + (n + 20 * step) * MINUTE)
    later = Session(deck, store, "ann", new_limit=10)
    due = {m.fact_id: m.due for m in store.memories("ann")}
    assert due["f0"] < due["f1"]
    now = max(due.values()) + DAY
    assert [study(later, now).fact_id, study(later, now).fact_id] == ["f0", "f1"]
    assert study(later, now).fact_id == "f2"  # then the new ones


def test_learning_steps_are_asked_ahead_when_nothing_else_is_left() -> None:
    session = Session(make_deck([0]), MemoryStore(), "ann")
    study(session, T0)
    assert session.next_question(T0 + MINUTE) is not None  # due at T0 + 10 min: within the 20 min learn-ahead
    session2 = Session(make_deck([0]), MemoryStore(), "ann")
    study(session2, T0)
    study(session2, T0 + 10 * MINUTE)  # graduated: due in two days, nothing to ask now
    assert session2.next_question(T0 + 11 * MINUTE) is None


def test_the_limit_ends_the_session() -> None:
    session = Session(make_deck(list(range(5))), MemoryStore(), "ann", limit=2)
    study(session, T0)
    study(session, T0 + MINUTE)
    assert session.next_question(T0 + 2 * MINUTE) is None


def test_recognition_first_then_recall_and_back_after_a_lapse() -> None:
    store = MemoryStore()
    deck = make_deck([0])
    session = Session(deck, store, "ann")
    now = T0
    kinds = []
    for _ in range(6):
        question = session.next_question(now)
        assert question is not None
        kinds.append(question.form.value)
        session.answer(question, question.expected, now=now, duration=10.0)
        now = store.memories("ann")[0].due
    assert kinds[:3] == ["choice", "choice", "choice"]
    assert kinds[-1] == "recall"
    assert store.memories("ann")[0].stability >= kzquiz.scheduling.RECALL_STABILITY  # type: ignore[operator]
    lapsed = session.next_question(now)
    assert lapsed is not None
    session.answer(lapsed, "nonsense", now=now)
    memory = store.memories("ann")[0]
    assert (memory.state, memory.lapses) == (CardState.RELEARNING, 1)
    # the same day, the same question again (no sibling); the next day, recognition
    assert session.next_question(now + 10 * MINUTE).id == lapsed.id  # type: ignore[union-attr]
    session.answer(lapsed, lapsed.expected, now=now + 10 * MINUTE)
    next_time = store.memories("ann")[0].due
    assert session.next_question(next_time).form.value == "choice"  # type: ignore[union-attr]


def test_answers_are_saved_with_their_verdict_and_rating(tmp_path: Path) -> None:
    with kzquiz.open_store(tmp_path / "s.sqlite3") as store:
        session = Session(make_deck([0, 1]), store, "ann")
        q0 = study(session, T0)
        q1 = session.next_question(T0 + MINUTE)
        assert q1 is not None
        verdict = session.answer(q1, "wrong1a", now=T0 + MINUTE, duration=4.5)
        assert not verdict.correct
    with kzquiz.open_store(tmp_path / "s.sqlite3") as store:
        log = store.reviews("ann")
        assert [(r.question_id, r.correct, r.rating, r.answer) for r in log] == [
            (q0.id, True, Rating.GOOD, q0.expected),
            (q1.id, False, Rating.AGAIN, "wrong1a"),
        ]
        assert (log[1].form, log[1].match, log[1].duration, log[1].reviewed_at) == (
            "choice",
            "wrong",
            4.5,
            T0 + MINUTE,
        )


def test_flashcards_are_rated_by_the_learner() -> None:
    store = MemoryStore()
    session = Session(make_deck([0]), store, "ann")
    question = session.next_question(T0)
    assert question is not None
    session.rate(question, Rating.EASY, now=T0)
    (memory,) = store.memories("ann")
    assert memory.state is CardState.REVIEW
    (logged,) = store.reviews("ann")
    assert (logged.match, logged.rating, logged.correct) == ("self", Rating.EASY, True)


def test_summary_counts_the_session() -> None:
    session = Session(make_deck([0, 1, 2]), MemoryStore(), "ann")
    study(session, T0)
    study(session, T0 + MINUTE, right=False)
    summary = session.summary(T0 + 2 * MINUTE)
    assert (summary.answered, summary.correct, summary.accuracy, summary.score) == (2, 1, 0.5, 1.0)
    assert summary.by_answer_type == {kzquiz.AnswerType.CHOICE: kzquiz.Tally(right=1, asked=2)}
    assert summary.duration_seconds == pytest.approx(6.0)
    assert summary.due_now == 1  # f1, wrong: again after one minute
    assert summary.next_due == T0 + 10 * MINUTE  # f0, right: its second learning step


def test_an_edited_deck_keeps_progress_and_a_removed_fact_keeps_its_history(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with kzquiz.open_store(path) as store:
        session = Session(make_deck([0, 1, 2]), store, "ann")
        for n in range(3):
            study(session, T0 + n * MINUTE)
        before = {m.fact_id: m for m in store.memories("ann")}
    edited = make_deck([2, 0, 7])  # f1 removed, f7 added, order changed
    with kzquiz.open_store(path) as store:
        session = Session(edited, store, "ann")
        assert {m.fact_id: m for m in store.memories("ann")} == before
        assert session.next_question(T0 + 5 * MINUTE).fact_id == "f7"  # type: ignore[union-attr]
        assert {r.fact_id for r in store.reviews("ann")} == {"f0", "f1", "f2"}
        assert session.next_question(T0 + 20 * MINUTE).fact_id == "f0"  # type: ignore[union-attr]


def real_log() -> list[ReviewRecord]:
    with LOG.open(encoding="utf-8") as file:
        return reviews_from_csv(file, "josh")


def test_optimize_fits_21_parameters_to_the_real_log() -> None:
    log = real_log()
    assert len(log) == 12_580
    items = fsrs_items(log)
    assert len(items) > MINIMUM_REVIEWS
    parameters = optimize(log)
    assert len(parameters) == len(DEFAULT_PARAMETERS)
    assert parameters != DEFAULT_PARAMETERS
    SchedulerSettings(parameters=parameters)  # within py-fsrs's bounds


def reference_items(log: list[ReviewRecord], zone: dt.tzinfo) -> list[list[tuple[int, int]]]:
    """fsrs-rs items as (rating, days since the fact's previous review) lists, written the plain way."""
    histories: dict[tuple[str, str], list[ReviewRecord]] = {}
    for record in sorted(log, key=lambda r: r.reviewed_at):
        histories.setdefault((record.deck_id, record.fact_id), []).append(record)
    dated = []
    for history in histories.values():
        steps: list[tuple[int, int]] = []
        for n, record in enumerate(history):
            previous = history[max(n - 1, 0)].reviewed_at.astimezone(zone).date()
            elapsed = (record.reviewed_at.astimezone(zone).date() - previous).days
            steps.append((int(record.rating), elapsed))
            if elapsed > 0:
                dated.append((record.reviewed_at, list(steps)))
    dated.sort(key=lambda pair: pair[0])
    return [steps for _, steps in dated]


@pytest.mark.parametrize("hours", [0, 6, -5])
def test_fsrs_items_carry_each_facts_history_up_to_each_later_day_review(hours: int) -> None:
    zone = dt.UTC if hours == 0 else dt.timezone(dt.timedelta(hours=hours))
    log = real_log()
    items = [[tuple(map(int, re.findall(r"\d+", repr(r)))) for r in item.reviews] for item in fsrs_items(log, zone)]
    assert len(items) > 6_000
    assert items == reference_items(log, zone)


@pytest.mark.parametrize("hours", [0, 6])
def test_the_fit_is_fsrs_rs_on_the_items_written_the_plain_way(hours: int) -> None:
    # Whatever the item builder does to be fast, fsrs-rs must see exactly these items: dropping or adding one
    # (say, one fsrs-rs would filter out later anyway) moves its outlier filter and recency weights, and the fit.
    from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

    from kzquiz.memorystate import PARAMETER_BOUNDS

    zone = dt.UTC if hours == 0 else dt.timezone(dt.timedelta(hours=hours))
    log = real_log()
    items = [FSRSItem([FSRSReview(*step) for step in steps]) for steps in reference_items(log, zone)]
    fitted = FSRS([]).compute_parameters(items)
    assert FSRS([]).compute_parameters(items[:-1]) != fitted  # one item fewer is seen
    bounded = tuple(min(max(p, low), high) for p, (low, high) in zip(fitted, PARAMETER_BOUNDS, strict=True))
    assert optimize(log, zone) == bounded


def test_too_short_a_log_is_refused() -> None:
    with pytest.raises(kzquiz.NotEnoughReviewsError, match="400"):
        optimize(real_log()[:300])


def test_reoptimize_saves_the_parameters_and_reschedules(tmp_path: Path) -> None:
    log = real_log()[:4000]
    with kzquiz.open_store(tmp_path / "s.sqlite3") as store:
        for record in log:
            store.save_review(record, kzquiz.Memory(record.fact_id, "log"))
        parameters = reoptimize(store, "josh", log[-1].reviewed_at)
        assert store.settings("josh").parameters == parameters
        memories = store.memories("josh")
        assert all(m.state is not CardState.NEW for m in memories)
        last = {r.fact_id: r.reviewed_at for r in log}
        assert all(m.last_review == last[m.fact_id] for m in memories)
        assert all(m.reps == sum(r.fact_id == m.fact_id for r in log) for m in memories[:50])


def test_settings_saved_for_a_learner_are_used_by_the_session() -> None:
    store = MemoryStore()
    store.save_settings("ann", SchedulerSettings(learning_steps=(), enable_fuzzing=False))
    session = Session(make_deck([0]), store, "ann")
    study(session, T0)
    (memory,) = store.memories("ann")
    assert memory.state is CardState.REVIEW
    assert memory.due - T0 == 2 * DAY
    assert attrs.evolve(session.settings, maximum_interval=3).maximum_interval == 3


def test_options_are_reshuffled_each_time_a_question_is_asked_again() -> None:
    deck = make_deck([0])
    session = Session(deck, MemoryStore(), "ann")
    orders = []
    now = T0
    for _ in range(6):
        question = session.next_question(now)
        assert question is not None
        assert question.form.value == "choice"
        assert session.next_question(now) == question  # the same attempt shows the same order
        orders.append(question.choices)
        right = question.choices.index("answer0") + 1
        assert question.check(str(right)).correct  # the right option's number follows it
        assert not question.check(str(right % 4 + 1)).correct
        session.answer(question, "wrong0a", now=now)  # wrong: asked again a minute later
        now += MINUTE
    assert orders[0] == deck.question("d/f0/choice").choices  # the first time, the order it was made with
    assert all(set(order) == set(orders[0]) for order in orders)
    assert all(later != earlier for earlier, later in itertools.pairwise(orders))
    assert len({order.index("answer0") for order in orders}) > 1  # the right answer does not keep its place
    again = Session(deck, MemoryStore(), "bob")  # another learner at the same attempt sees the same order
    assert again.next_question(T0).choices == orders[0]  # type: ignore[union-attr]


def test_remaining_counts_every_fact_still_to_be_asked() -> None:
    session = Session(make_deck([0, 1, 2]), MemoryStore(), "ann", new_limit=2)
    assert session.remaining(T0) == 2  # two new facts allowed
    first = study(session, T0, right=False)
    assert first.fact_id == "f0"
    assert session.remaining(T0) == 2  # f0 comes back in a minute; f1 is still new
    now = T0
    while session.next_question(now) is not None:
        study(session, now)
        now += 5 * MINUTE
    assert session.remaining(now) == 0
    limited = Session(make_deck([0, 1, 2]), MemoryStore(), "bob", limit=1, new_limit=None)
    assert limited.remaining(T0) == 1


@pytest.mark.parametrize(
    ("decks", "store", "learner", "named"),
    [
        ("kazakhstan-2022.toml", "memory", "ann", "decks: a Deck or a list of Decks (from kzquiz.load_deck), not str"),
        ([], "memory", "ann", "decks: at least one Deck"),
        ("deck", None, "ann", "store: a kzquiz store (kzquiz.open_store or kzquiz.MemoryStore()), not NoneType"),
        ("deck", "progress.sqlite3", "ann", "store: a kzquiz store"),
        ("deck", "memory", None, "learner: a learner's name (str), not NoneType"),
        ("deck", "memory", 42, "learner: a learner's name (str), not int"),
    ],
)
def test_a_session_given_the_wrong_kind_of_argument_names_it(
    decks: object, store: object, learner: object, named: str
) -> None:
    deck = kzquiz.bundled_deck()
    memory = kzquiz.MemoryStore()
    with pytest.raises(TypeError, match=re.escape(named)):
        Session(
            deck if decks == "deck" else decks,  # type: ignore[arg-type]
            memory if store == "memory" else store,  # type: ignore[arg-type]
            learner,  # type: ignore[arg-type]
        )
    assert memory.learners() == []  # nothing was recorded


def test_stats_given_the_wrong_kind_of_argument_names_it() -> None:
    store = kzquiz.MemoryStore()
    with pytest.raises(TypeError, match=r"^learner: a learner's name \(str\), not NoneType$"):
        kzquiz.stats(store, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^now: a timezone-aware datetime, not str$"):
        kzquiz.stats(store, "ann", "2026-01-01")  # type: ignore[arg-type]

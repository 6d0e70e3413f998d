"""Properties of appeals over any history of right and wrong answers: rejecting undoes an appeal exactly, and an
appeal counts exactly as a right answer would have."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz.appeals import AppealStatus
from kzquiz.deciding import group_appeals, reject
from kzquiz.scheduling import Rating, SchedulerSettings, review
from kzquiz.session import Session
from kzquiz.stores.memory import MemoryStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DECK = kzquiz.loads_deck(
    '[deck]\nid = "geo"\ntitle = "Geo"\n\n[[facts]]\nid = "capital"\nkind = "answer"\n'
    'question = "What is the capital of Kazakhstan?"\nanswer = "Astana"\nforms = ["recall"]\n',
    "geo.toml",
)

histories = st.lists(
    st.tuples(st.booleans(), st.integers(min_value=1, max_value=60 * 24 * 40)),  # right?, minutes after the last
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(history=histories, pick=st.integers(min_value=0))
def test_an_appeal_counts_as_good_and_rejecting_it_restores_the_memory(
    history: list[tuple[bool, int]], pick: int
) -> None:
    store = MemoryStore()
    fixed = SchedulerSettings(enable_fuzzing=False)
    store.save_settings("ann", fixed)
    session = Session(DECK, store, "ann")
    question = DECK.question("geo/capital/recall")
    now = T0
    for right, minutes in history:
        now += dt.timedelta(minutes=minutes)
        session.answer(question, "Astana" if right else "Almaty", now=now, duration=30.0)
    before = store.memory("ann", "capital", "geo")
    wrong = [r for r in store.reviews("ann") if not r.correct]
    if not wrong:
        assert session.appeal_refusal(store.reviews("ann")[-1]) == "this answer was already graded right"
        return
    appealed = wrong[pick % len(wrong)]
    session.appeal(appealed, now=now)

    # the memory is the history replayed with that one answer rated Good instead of Again
    expected = None
    for record in store.reviews("ann"):
        rating = Rating.GOOD if record is appealed or record == appealed else record.rating
        expected = review(expected, rating, record.reviewed_at, fixed, "capital", "geo", record.question_id)
    assert store.memory("ann", "capital", "geo") == expected

    reject(store, group_appeals(store.appeals(None)), now + dt.timedelta(days=1))
    assert store.memory("ann", "capital", "geo") == before
    assert [a.status for a in store.appeals("ann")] == [AppealStatus.REJECTED]

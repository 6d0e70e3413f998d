""" "I was right" appeals in the library: what can be appealed, what is stored, and the memory recomputed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import kzquiz
from kzquiz.appeals import APPEAL_RATING, AppealRecord, AppealStatus, replay, review_key
from kzquiz.fitting import reschedule
from kzquiz.scheduling import CardState, Rating, review
from kzquiz.session import Session
from kzquiz.stores import open_store
from kzquiz.stores.base import Store
from kzquiz.stores.sqlite import APPLICATION_ID, MIGRATIONS, SQLiteStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)

DECK = """
[deck]
id = "geo"
title = "Geography"

[[facts]]
id = "capital"
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
distractors = ["Almaty", "Shymkent", "Aktobe"]

[[facts]]
id = "neighbours"
kind = "set"
subject = "the countries bordering Kazakhstan"
members = ["Russia", "China", "Kyrgyzstan", "Uzbekistan", "Turkmenistan"]
non_members = ["Mongolia", "Tajikistan", "Afghanistan"]
name = 3
"""


@pytest.fixture
def deck() -> kzquiz.Deck:
    return kzquiz.loads_deck(DECK, "geo.toml")


def recall(deck: kzquiz.Deck) -> kzquiz.Question:
    return deck.question("geo/capital/recall")


def learn_to_review(session: Session, deck: kzquiz.Deck) -> dt.datetime:
    """Answer the capital right through its learning steps: in review, due in a few days; the time of the last."""
    question = deck.question("geo/capital/choice")
    session.answer(question, "Astana", now=T0, duration=3.0)
    session.answer(question, "Astana", now=T0 + 10 * MINUTE, duration=3.0)
    return T0 + 10 * MINUTE


def test_an_appeal_counts_the_answer_as_right_and_keeps_the_review(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    learn_to_review(session, deck)
    later = T0 + 3 * DAY
    verdict = session.answer(recall(deck), "Nur-Sultan city", now=later, duration=4.0)
    assert not verdict.correct
    before = store.memory("ann", "capital", "geo")
    assert before is not None
    assert before.state is CardState.RELEARNING
    assert before.due == later + 10 * MINUTE

    appeal = session.appeal(now=later + MINUTE)

    assert appeal == AppealRecord(
        "ann", "geo", "capital", "geo/capital/recall", later, "Nur-Sultan city", later + MINUTE
    )
    assert store.appeals("ann") == [appeal] == store.appeals(None) == store.appeals("ann", ["geo"])
    assert store.appeals("bob") == [] == store.appeals("ann", ["other"])
    # the review log is untouched: the review keeps its original verdict and rating
    last = store.reviews("ann")[-1]
    assert (last.answer, last.correct, last.rating) == ("Nur-Sultan city", False, Rating.AGAIN)
    # the memory is as if that answer had been right (Good), replayed from the whole log
    after = store.memory("ann", "capital", "geo")
    assert after is not None
    assert after.state is CardState.REVIEW
    assert after.lapses == 0
    settings = store.settings("ann")
    first = review(None, Rating.GOOD, T0, settings, fact_id="capital", deck_id="geo", question_id="geo/capital/choice")
    second = review(first, Rating.GOOD, T0 + 10 * MINUTE, settings, question_id="geo/capital/choice")
    assert after == review(second, APPEAL_RATING, later, settings, question_id="geo/capital/recall")
    assert after.due > later + 3 * DAY  # no longer due in ten minutes
    # the session asks by the recomputed memory: nothing is due ten minutes later any more
    assert (
        session.next_question(later + 10 * MINUTE) is None
        or session.next_question(later + 10 * MINUTE).fact_id != "capital"
    )  # type: ignore[union-attr]


def test_the_due_dates_before_and_after_an_appeal(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    session.settings = attrs.evolve(session.settings, enable_fuzzing=False)
    store.save_settings("ann", session.settings)
    learn_to_review(session, deck)
    assert store.memory("ann", "capital", "geo").due == dt.datetime(2026, 3, 4, 9, 10, tzinfo=dt.UTC)  # type: ignore[union-attr]
    wrong_at = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
    session.answer(recall(deck), "Almaty", now=wrong_at, duration=5.0)
    assert store.memory("ann", "capital", "geo").due == dt.datetime(2026, 3, 4, 9, 40, tzinfo=dt.UTC)  # type: ignore[union-attr]
    session.appeal(now=wrong_at + MINUTE)
    assert store.memory("ann", "capital", "geo").due == dt.datetime(2026, 3, 15, 9, 30, tzinfo=dt.UTC)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("question_id", "answer", "reason"),
    [
        ("geo/capital/recall", "Astana", "already graded right"),
        ("geo/capital/recall", "   ", "an empty answer"),
        ("geo/capital/choice", "Almaty", "only a typed answer"),
    ],
)
def test_what_cannot_be_appealed(store: Store, deck: kzquiz.Deck, question_id: str, answer: str, reason: str) -> None:
    session = Session(deck, store, "ann")
    session.answer(deck.question(question_id), answer, now=T0)
    assert reason in (session.appeal_refusal() or "")
    with pytest.raises(kzquiz.AppealError, match=reason):
        session.appeal(now=T0 + MINUTE)
    assert store.appeals(None) == []


def test_an_answer_is_appealed_at_most_once(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    session.answer(recall(deck), "Astanaa city", now=T0)
    session.appeal(now=T0 + MINUTE)
    with pytest.raises(kzquiz.AppealError, match="already been appealed"):
        session.appeal(now=T0 + 2 * MINUTE)
    # and a second session on the same store knows it too
    again = Session(deck, store, "ann")
    assert again.appeal_refusal(store.reviews("ann")[0]) == "this answer has already been appealed"
    assert len(store.appeals("ann")) == 1


def test_a_session_without_appeals_and_a_flashcard_refuse(store: Store, deck: kzquiz.Deck) -> None:
    exam = Session(deck, store, "ann", appeals=False)
    exam.answer(recall(deck), "Almaty", now=T0)
    with pytest.raises(kzquiz.AppealError, match="does not take appeals"):
        exam.appeal(now=T0)
    cards = Session(deck, store, "bob")
    with pytest.raises(kzquiz.AppealError, match="no answer to appeal"):
        cards.appeal(now=T0)
    cards.rate(recall(deck), Rating.AGAIN, now=T0)
    with pytest.raises(kzquiz.AppealError, match="rated yourself"):
        cards.appeal(now=T0)
    with pytest.raises(kzquiz.AppealError, match="ann's, not bob's"):
        cards.appeal(store.reviews("ann")[0], now=T0)


def test_a_partly_right_list_can_be_appealed(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    question = deck.question("geo/neighbours/name")
    verdict = session.answer(question, "Russia, China, Mongolia", now=T0)
    assert not verdict.correct
    appeal = session.appeal(now=T0 + MINUTE)
    assert appeal.answer == "Russia, China, Mongolia"


def test_an_earlier_review_can_be_appealed_by_its_record(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    learn_to_review(session, deck)
    session.answer(recall(deck), "Almaty", now=T0 + 3 * DAY)
    session.answer(recall(deck), "Astana", now=T0 + 3 * DAY + 10 * MINUTE)
    wrong = store.reviews("ann")[2]
    later = Session(deck, store, "ann")  # another session, a day later: the review is named by its record
    appeal = later.appeal(wrong, now=T0 + 4 * DAY)
    assert appeal.key == review_key(wrong)
    settings = store.settings("ann")
    expected = replay(store.reviews("ann"), {appeal.key: appeal}, settings, "capital", "geo")
    assert store.memory("ann", "capital", "geo") == expected
    assert expected is not None
    assert expected.lapses == 0


def test_a_store_refuses_an_appeal_of_a_review_it_does_not_have(store: Store, deck: kzquiz.Deck) -> None:
    Session(deck, store, "ann").answer(recall(deck), "Almaty", now=T0)
    ghost = AppealRecord("ann", "geo", "capital", "geo/capital/recall", T0 + MINUTE, "Almaty", T0 + MINUTE)
    memory = store.memory("ann", "capital", "geo")
    assert memory is not None
    with pytest.raises(kzquiz.AppealError, match="no review"):
        store.save_appeal(ghost, attrs.evolve(memory, reps=99))
    with pytest.raises(kzquiz.AppealError, match="no review"):
        store.save_decisions([ghost], [("ann", attrs.evolve(memory, reps=99))])
    assert store.appeals(None) == []
    assert store.memory("ann", "capital", "geo") == memory  # nothing half-saved


def test_decisions_replace_an_appeal_and_save_memories(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    session.answer(recall(deck), "Almaty", now=T0)
    appeal = session.appeal(now=T0 + MINUTE)
    memory = store.memory("ann", "capital", "geo")
    assert memory is not None
    rejected = attrs.evolve(appeal, status=AppealStatus.REJECTED, decided_at=T0 + DAY)
    store.save_decisions([rejected], [("ann", attrs.evolve(memory, reps=7))])
    assert store.appeals("ann") == [rejected]
    assert store.memory("ann", "capital", "geo") == attrs.evolve(memory, reps=7)


def test_rescheduling_keeps_appeals_counted(store: Store, deck: kzquiz.Deck) -> None:
    session = Session(deck, store, "ann")
    learn_to_review(session, deck)
    session.answer(recall(deck), "Almaty", now=T0 + 3 * DAY)
    appeal = session.appeal(now=T0 + 3 * DAY)
    settings = store.settings("ann")
    [with_appeal] = reschedule(store.reviews("ann"), store.memories("ann"), settings, [appeal])
    [without] = reschedule(store.reviews("ann"), store.memories("ann"), settings)
    assert with_appeal == store.memory("ann", "capital", "geo")
    assert without.state is CardState.RELEARNING
    assert with_appeal.state is CardState.REVIEW


def test_an_old_store_gains_the_appeals_table(tmp_path: Path, deck: kzquiz.Deck) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.close()
    with SQLiteStore(path) as store:
        session = Session(deck, store, "ann")
        session.answer(recall(deck), "Almaty", now=T0)
        session.appeal(now=T0)
        assert len(store.appeals("ann")) == 1


def test_appeal_rows_that_are_damaged_are_named(tmp_path: Path, deck: kzquiz.Deck) -> None:
    import sqlite3

    path = tmp_path / "store.sqlite3"
    with open_store(path) as store:
        session = Session(deck, store, "ann")
        session.answer(recall(deck), "Almaty", now=T0)
        session.appeal(now=T0)
    db = sqlite3.connect(path)
    db.execute("UPDATE appeals SET made_at = 'yesterday'")
    db.commit()
    db.close()
    with open_store(path) as store, pytest.raises(kzquiz.DamagedStoreError, match="appeal of 'geo/capital/recall'"):
        store.appeals("ann")


CHILD = """
import datetime as dt, os, signal, sys
import kzquiz
from kzquiz.session import Session
from kzquiz.stores import open_store
from kzquiz.stores.sqlite import SQLiteStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
deck = kzquiz.loads_deck(open(sys.argv[2], encoding="utf-8").read(), "geo.toml")
store = open_store(sys.argv[1])
session = Session(deck, store, "ann")
session.answer(deck.question("geo/capital/recall"), "Almaty", now=T0)
if sys.argv[3] == "mid-transaction":
    put_memory = SQLiteStore._put_memory
    def killed(self, db, learner_id, memory):
        # the appeal row is written; the process dies before the memory is, inside the transaction
        assert db.execute("SELECT count(*) FROM appeals").fetchone()[0] == 1
        os.kill(os.getpid(), signal.SIGKILL)
    SQLiteStore._put_memory = killed
session.appeal(now=T0 + dt.timedelta(minutes=1))
os.kill(os.getpid(), signal.SIGKILL)  # straight after the appeal returned: no close, no clean exit
"""


@pytest.mark.parametrize("when", ["mid-transaction", "after-commit"])
def test_a_killed_process_leaves_the_appeal_stored_or_not_never_half(tmp_path: Path, when: str) -> None:
    import signal
    import subprocess
    import sys

    (tmp_path / "child.py").write_text(CHILD, encoding="utf-8")
    (tmp_path / "geo.toml").write_text(DECK, encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    child = subprocess.run(
        [sys.executable, str(tmp_path / "child.py"), str(db), str(tmp_path / "geo.toml"), when],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    with open_store(db) as store:
        [wrong] = store.reviews("ann")
        memory = store.memory("ann", "capital", "geo")
        assert memory is not None
        settings = store.settings("ann")
        if when == "mid-transaction":
            assert store.appeals(None) == []
            assert memory == review(
                None, Rating.AGAIN, T0, settings, fact_id="capital", deck_id="geo", question_id="geo/capital/recall"
            )
        else:
            [appeal] = store.appeals("ann")
            assert appeal.key == review_key(wrong)
            assert memory == replay([wrong], {appeal.key: appeal}, settings, "capital", "geo")
            assert memory.due == T0 + 10 * MINUTE  # Good on a new fact: the second learning step
        # either way the learner can go on: an appeal that was lost can be made again
        session = Session(kzquiz.loads_deck(DECK, "geo.toml"), store, "ann")
        assert (session.appeal_refusal(wrong) is None) == (when == "mid-transaction")

"""Records, memories and decks for the store tests: one fixed time, one deck, reviews rated as asked."""

from __future__ import annotations

import datetime as dt

from kzquiz.scheduling import CardState, Memory, Rating
from kzquiz.stores.base import ReviewRecord

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def deck_text(facts: int, deck_id: str = "many") -> str:
    parts = [f'[deck]\nid = "{deck_id}"\ntitle = "Many facts"\n']
    for n in range(facts):
        parts.append(
            f'[[facts]]\nid = "f{n}"\nkind = "answer"\nquestion = "Word {n}?"\nanswer = "answer{n}"\n'
            f'distractors = ["wrong{n}a", "wrong{n}b"]\n'
        )
    return "\n".join(parts)


def record(fact: str, when: dt.datetime, rating: Rating = Rating.GOOD, learner: str = "ann") -> ReviewRecord:
    return ReviewRecord(learner, "d", fact, f"d/{fact}/recall", "recall", "x", True, 1.0, "exact", rating, 2.5, when)


def memory(fact: str, when: dt.datetime) -> Memory:
    return Memory(fact, "d", CardState.REVIEW, None, 3.5, 5.25, when + dt.timedelta(days=3), when, 2, 1, f"d/{fact}/c")

"""A class's dashboard: who studied when, each learner's retention, the facts the class gets wrong most with their
commonest wrong answers, the learners' appeals, one learner's answers, and the data of the CSV export: what
``kzquiz report`` shows, computed by the same functions (:mod:`kzquiz.reporting`) from the progress store.
"""

from __future__ import annotations

import datetime as dt

import attrs

import kzquiz
from kzquiz.reporting import Attempt, Tally, by_fact, by_learner, by_learner_and_fact, name_choices
from kzquiz.server.classroom import Learner

WEAKEST_PER_LEARNER = 3
HARDEST_FACTS = 20


@attrs.frozen
class LearnerRow:
    """One learner on the dashboard: when they last studied, their tally, their weakest facts."""

    learner: Learner
    last_studied: dt.datetime | None
    tally: Tally
    weakest: tuple[tuple[str, Tally], ...]


@attrs.frozen
class FactRow:
    """One fact on the dashboard, hardest first: its deck, its first question's prompt, the class's tally."""

    deck_title: str
    fact_id: str
    prompt: str
    tally: Tally


@attrs.frozen
class AppealRow:
    """A learner's "I was right" appeal, newest first: what they answered to which question, and where it stands."""

    learner: Learner
    prompt: str
    answer: str
    made_at: dt.datetime
    status: str


@attrs.frozen
class Dashboard:
    """Everything the class page reports."""

    learners: list[LearnerRow]
    facts: list[FactRow]
    attempts: list[Attempt]
    appeals: list[AppealRow]


def attempts_of(store: kzquiz.Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> list[Attempt]:
    """Every answer the class's learners gave on these decks, multiple-choice answers named by their options."""
    deck_ids = [deck.id for deck in decks]
    found = [Attempt.of(learner.name, r) for learner in learners for r in store.reviews(learner.store_name, deck_ids)]
    return name_choices(found, decks)


def fact_prompt(deck: kzquiz.Deck | None, fact_id: str) -> str:
    """How a fact is named to a teacher: its first question's prompt (its id if the deck no longer has it)."""
    questions = deck.questions_for(fact_id) if deck is not None else ()
    return questions[0].prompt if questions else fact_id


def dashboard(store: kzquiz.Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> Dashboard:
    """The class's dashboard over its assigned decks."""
    attempts = attempts_of(store, learners, decks)
    tallies = by_learner(attempts)
    cells = by_learner_and_fact(attempts)
    rows = []
    for learner in learners:
        activity = store.review_activity(learner.store_name)
        last = activity[-1][0] if activity else None
        mine = [(fact, t) for (name, _, fact), t in cells.items() if name == learner.name and t.right < t.asked]
        mine.sort(key=lambda item: (item[1].hardness, item[0]))
        tally = tallies.get(learner.name, Tally(0, 0))
        rows.append(LearnerRow(learner, last, tally, tuple(mine[:WEAKEST_PER_LEARNER])))
    by_id = {deck.id: deck for deck in decks}
    facts = [
        FactRow(
            by_id[deck_id].title if deck_id in by_id else deck_id, fact_id, fact_prompt(by_id.get(deck_id), fact_id), t
        )
        for (deck_id, fact_id), t in list(by_fact(attempts).items())[:HARDEST_FACTS]
    ]
    appeals = [
        AppealRow(
            learner,
            _question_prompt(by_id.get(a.deck_id), a.question_id, a.fact_id),
            a.answer,
            a.made_at,
            a.status.value,
        )
        for learner in learners
        for a in store.appeals(learner.store_name, list(by_id))
    ]
    appeals.sort(key=lambda row: row.made_at, reverse=True)
    return Dashboard(rows, facts, attempts, appeals)


def _question_prompt(deck: kzquiz.Deck | None, question_id: str, fact_id: str) -> str:
    try:
        return deck.question(question_id).prompt if deck is not None else fact_id
    except kzquiz.UnknownQuestionError:
        return fact_prompt(deck, fact_id)


@attrs.frozen
class AnswerRow:
    """One of a learner's answers, newest first, as their teacher reads it."""

    reviewed_at: dt.datetime
    deck_title: str
    prompt: str
    answer: str
    correct: bool
    score: float


def answers_of(store: kzquiz.Store, learner: Learner, decks: list[kzquiz.Deck], limit: int = 200) -> list[AnswerRow]:
    """A learner's latest answers on these decks, with the question each answered."""
    by_id = {deck.id: deck for deck in decks}
    reviews = store.reviews(learner.store_name, list(by_id))[-limit:]
    rows = []
    for review in reversed(reviews):
        deck = by_id[review.deck_id]
        prompt = _question_prompt(deck, review.question_id, review.fact_id)
        rows.append(AnswerRow(review.reviewed_at, deck.title, prompt, review.answer, review.correct, review.score))
    return rows

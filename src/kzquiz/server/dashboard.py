"""A class's dashboard: who studied when, each learner's retention, the facts the class gets wrong most with their
commonest wrong answers, the learners' appeals, one learner's answers, and the data of the CSV export: what
``kzquiz report`` shows, computed by the same functions (:mod:`kzquiz.reporting`) from the progress store.

The store counts the class's answers (:meth:`kzquiz.Store.fact_counts` and :meth:`kzquiz.Store.wrong_answers`,
limited to the class's learners and decks), so that a page costs about the same for a class with 100,000 reviews
as for one with a hundred: no review is read back one by one (``benchmarks/bench_dashboard.py``).
"""

from __future__ import annotations

import datetime as dt

import attrs

import kzquiz
from kzquiz.reporting import ClassTallies, Tally, class_tallies, name_choices, weakest_facts
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
    appeals: list[AppealRow]


def class_report(store: kzquiz.Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> ClassTallies:
    """The class's tallies over these decks, per learner (by the name the class knows), per learner and fact, and
    per fact, hardest first: counted by the store over the class's learners and decks only, with multiple-choice
    answers named by their options."""
    names = {learner.store_name: learner.name for learner in learners}
    deck_ids = [deck.id for deck in decks]
    facts = store.fact_counts(learners=list(names), deck_ids=deck_ids)
    wrong = store.wrong_answers(learners=list(names), deck_ids=deck_ids)
    per_learner, cells, per_fact = class_tallies(facts, name_choices(wrong, decks))
    # renamed after counting: a class's learner names are unique within it, as the store's names are
    return (
        {names[name]: tally for name, tally in per_learner.items()},
        {(names[name], deck_id, fact_id): tally for (name, deck_id, fact_id), tally in cells.items()},
        per_fact,
    )


def fact_prompt(deck: kzquiz.Deck | None, fact_id: str) -> str:
    """How a fact is named to a teacher: its first question's prompt (its id if the deck no longer has it)."""
    questions = deck.questions_for(fact_id) if deck is not None else ()
    return questions[0].prompt if questions else fact_id


def last_studied(store: kzquiz.Store, learner: Learner) -> dt.datetime | None:
    """When the learner last answered a question (UTC), from their memories: one row per fact, not per review."""
    times = [memory.last_review for memory in store.memories(learner.store_name) if memory.last_review is not None]
    return max(times).astimezone(dt.UTC) if times else None


def dashboard(store: kzquiz.Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> Dashboard:
    """The class's dashboard over its assigned decks."""
    tallies = class_report(store, learners, decks)
    per_learner, _, per_fact = tallies
    weakest = weakest_facts(tallies, WEAKEST_PER_LEARNER)
    rows = [
        LearnerRow(
            learner,
            last_studied(store, learner),
            per_learner.get(learner.name, Tally(0, 0)),
            tuple((fact_id, tally) for (_, _, fact_id), tally in weakest.get(learner.name, [])),
        )
        for learner in learners
    ]
    by_id = {deck.id: deck for deck in decks}
    facts = [
        FactRow(
            by_id[deck_id].title if deck_id in by_id else deck_id, fact_id, fact_prompt(by_id.get(deck_id), fact_id), t
        )
        for (deck_id, fact_id), t in list(per_fact.items())[:HARDEST_FACTS]
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
    return Dashboard(rows, facts, appeals)


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

"""The progress store: learners, their settings, decks seen, memory per fact and the review log.

:class:`Store` is a small Protocol so that the core never depends on a database: :class:`~kzquiz.MemoryStore` keeps
everything in memory (tests, library users, throwaway sessions); :class:`kzquiz.SQLiteStore` keeps
it in one SQLite file and is the default. A server store (PostgreSQL for a school) only needs these methods.

The review log is append-only: nothing ever deletes a review, so a fact removed from a deck keeps its history and
a fact whose id is unchanged keeps its progress whatever else changes in the deck.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

import attrs

from kzquiz.appeals import AppealRecord
from kzquiz.scheduling import Memory, Rating, SchedulerSettings

if TYPE_CHECKING:
    from kzquiz.figures import StudyCounts
    from kzquiz.model import Deck

__all__ = ["AnswerCount", "AppealRecord", "DeckRecord", "FactCount", "ReviewRecord", "Store", "fact_ids_of"]


@attrs.frozen
class ReviewRecord:
    """One answered (or self-rated) question, as the review log keeps it.

    ``form`` is the question form's value (``"recall"``, ``"choice"``...); ``answer`` is what the learner gave
    ("" for a self-graded flashcard); ``correct``, ``score`` and ``match`` come from the verdict (``match`` is a
    :class:`kzquiz.Match` value, or ``"self"`` for a self-rated card); ``duration`` is in seconds;
    ``reviewed_at`` is a timezone-aware time. ``uid`` identifies the review for good: every copy of the review
    keeps it, so copying or merging stores never counts a review twice (a new record gets a fresh random one).
    """

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    form: str
    answer: str
    correct: bool
    score: float
    match: str
    rating: Rating
    duration: float | None
    reviewed_at: dt.datetime
    uid: str = attrs.field(factory=lambda: os.urandom(16).hex(), kw_only=True)  # a uuid4's .hex costs 3x as much


@attrs.frozen
class DeckRecord:
    """A deck a store has seen: its id, the content hash of the file last seen, its title and its facts' ids.

    ``fact_ids`` is empty for a deck recorded by a kzquiz that did not keep them (until it is studied again).
    """

    id: str
    content_hash: str
    title: str = ""
    fact_ids: tuple[str, ...] = ()


@attrs.frozen
class FactCount:
    """How many times a learner was asked about one fact (``asked``), answered it right (``right``) and partly
    right (``partial``: not right, but worth some of the marks, a score above 0)."""

    learner: str
    deck_id: str
    fact_id: str
    asked: int
    right: int
    partial: int = 0


@attrs.frozen
class AnswerCount:
    """How many times (``count``) one wrong ``answer`` (not right and worth nothing: a partly right answer is not
    counted) was given to one question: by ``learner``, or by the whole class when ``learner`` is ``""``."""

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    answer: str
    count: int


class Store(Protocol):
    """Where learners' progress lives. Every method that writes has committed when it returns."""

    def learners(self) -> list[str]:
        """The learners' names, sorted."""
        ...

    def add_learner(self, name: str) -> None:
        """Add a learner; adding one who exists does nothing."""
        ...

    def settings(self, learner: str) -> SchedulerSettings:
        """The learner's scheduling settings (the defaults for a learner without saved settings)."""
        ...

    def save_settings(self, learner: str, settings: SchedulerSettings) -> None:
        """Save the learner's scheduling settings, adding the learner if needed."""
        ...

    def record_deck(self, deck: Deck | DeckRecord) -> None:
        """Note that a deck (its id, title and content hash) has been seen."""
        ...

    def decks(self) -> list[DeckRecord]:
        """The decks seen, by id."""
        ...

    def memory(self, learner: str, fact_id: str, deck_id: str) -> Memory | None:
        """The learner's memory of one fact, or ``None`` if it was never reviewed."""
        ...

    def memories(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[Memory]:
        """The learner's memories of every fact reviewed (of the given decks only, when given)."""
        ...

    def save_review(self, review: ReviewRecord, memory: Memory) -> None:
        """Append a review to the log and save the fact's new memory, in one transaction, committed on return.

        Saving a review whose ``uid`` the log already holds adds nothing to the log (the memory is still saved), so
        saving again after a lost connection never counts the review twice.
        """
        ...

    def review_fact(self, review: ReviewRecord, schedule: Callable[[Memory | None], Memory]) -> Memory:
        """Append ``review`` to the log and save ``schedule(before)`` as the fact's memory, in one transaction
        committed on return; the memory saved.

        ``before`` is the learner's memory of the review's fact as the store holds it inside that transaction
        (``None`` if never reviewed), so that two sessions answering one fact at once each schedule from the
        other's answer instead of overwriting it. ``schedule`` must not touch the store; it may run more than once
        (when a transaction is retried, or a store first tries the memory it last saved and finds it changed).
        """
        ...

    def add_reviews(self, reviews: Iterable[ReviewRecord]) -> int:
        """Append reviews (of any learners, adding them) to the log in one transaction, skipping those whose ``uid``
        the log already holds; returns how many were added. Memories are left as they are (see ``save_memories``).
        """
        ...

    def save_memories(self, learner: str, memories: Iterable[Memory]) -> None:
        """Replace the learner's memories of these facts (after rescheduling), in one transaction."""
        ...

    def reviews(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[ReviewRecord]:
        """The learner's review log, oldest first (of the given decks only, when given)."""
        ...

    def review_activity(self, learner: str) -> list[tuple[dt.datetime, int, int]]:
        """(minute, reviews, right answers) for each minute (UTC) in which the learner made reviews, in time order.

        What :func:`kzquiz.stats` needs, without the cost of reading whole review records.
        """
        ...

    def study_counts(self, learner: str) -> StudyCounts:
        """What :func:`kzquiz.stats` needs of a learner, counted by the store: reviews and right answers per day in
        UTC with the day's first and last review, the memory of every fact reviewed, (answers, wrong answers) among
        each fact's last three reviews (an answer whose appeal stands counting as right), the fact ids of the decks
        studied and the learner's retention and parameters. Empty counts for a learner the store does not know.
        """
        ...

    def fact_counts(
        self, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[FactCount]:
        """How often each learner was asked each fact and answered it right, in no set order: what ``kzquiz report``
        needs for a whole class, counted by the store rather than read review by review. Every learner and deck,
        or only the ``learners`` and ``deck_ids`` given (one class's, in a store several classes share).
        """
        ...

    def wrong_answers(
        self, by_learner: bool = True, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[AnswerCount]:
        """How often each wrong answer was given to each question, per learner, or over the whole class (learner
        ``""``) when ``by_learner`` is false; in no set order; of the ``learners`` and ``deck_ids`` given only, as
        :meth:`fact_counts`."""
        ...

    def save_appeal(self, appeal: AppealRecord, memory: Memory) -> None:
        """Save a new appeal and the learner's memory of its fact recomputed with it, in one transaction.

        Raises :class:`~kzquiz.AppealError`, saving nothing, if the store has no review with the appeal's
        :attr:`~kzquiz.AppealRecord.key` or that review already has an appeal.
        """
        ...

    def appeals(self, learner: str | None = None, deck_ids: Iterable[str] | None = None) -> list[AppealRecord]:
        """Appeals, oldest first: one learner's, or every learner's for ``None`` (of ``deck_ids`` only, if given)."""
        ...

    def save_decisions(self, appeals: Iterable[AppealRecord], memories: Iterable[tuple[str, Memory]]) -> None:
        """Save a teacher's decisions in one transaction: appeals added or changed (an appeal replaces the one with
        the same :attr:`~kzquiz.AppealRecord.key`) and the recomputed ``(learner, memory)`` pairs.

        Raises :class:`~kzquiz.AppealError`, saving nothing, if an appeal names a review the store does not have.
        """
        ...

    def close(self) -> None:
        """Release the store; using it afterwards is an error."""
        ...


def fact_ids_of(deck: Deck | DeckRecord) -> tuple[str, ...]:
    """The ids of a deck's facts, from the deck itself or from a store's record of it."""
    return deck.fact_ids if isinstance(deck, DeckRecord) else tuple(fact.id for fact in deck.facts)

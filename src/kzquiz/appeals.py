""" "I was right" appeals: records, the rules for making one, and memories replayed with appeals counted.

The functional core of appeals; no store or terminal here. An appeal is a record beside the review it is about
(the review log itself never changes): while it is pending or once a teacher accepts it, the review counts as a
right answer (rated Good) when the learner's memory of the fact is replayed from the log; a rejected appeal
counts for nothing and the review keeps its original rating. docs/grading.md ("Appeals") describes the rules.

A review is named by its learner, question id and time (:func:`review_key`): a learner never answers the same
question twice in the same microsecond, and the key stays the same when a store is copied to another database.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from kzquiz.scheduling import Memory, Rating, SchedulerSettings, review

if TYPE_CHECKING:
    from kzquiz.questions import AnswerType
    from kzquiz.stores.base import ReviewRecord

__all__ = [
    "APPEAL_RATING",
    "AppealRecord",
    "AppealStatus",
    "ReviewKey",
    "appeal_refusal",
    "effective_rating",
    "replay",
    "review_key",
    "same_answer",
]

APPEAL_RATING = Rating.GOOD
"""The rating an appealed review counts as: a plain right answer (never Easy: the grader did not agree)."""

ReviewKey = tuple[str, str, dt.datetime]
"""(learner, question id, time of the review in UTC): what names one review in the log."""


class AppealStatus(enum.Enum):
    """Where an appeal stands: waiting for a teacher, accepted, or rejected."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    @property
    def counts_as_right(self) -> bool:
        """Whether the appealed review counts as right: until a teacher rejects it, the learner is believed."""
        return self is not AppealStatus.REJECTED


@attrs.frozen
class AppealRecord:
    """An appeal against the verdict of one review: the learner says their answer was right.

    The review is named by ``learner``, ``question_id`` and ``reviewed_at`` (see :func:`review_key`);
    ``deck_id``, ``fact_id`` and ``answer`` (as the review log keeps it) are copied from the review for reports.
    ``made_at`` is when the appeal was made; ``decided_at`` when a teacher accepted or rejected it. ``teacher``
    is true for an appeal a teacher's ``kzquiz accept`` made on a learner's behalf, because the learner had given
    an answer the teacher accepted for everyone.
    """

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    reviewed_at: dt.datetime
    answer: str
    made_at: dt.datetime
    status: AppealStatus = AppealStatus.PENDING
    decided_at: dt.datetime | None = None
    teacher: bool = False

    @property
    def key(self) -> ReviewKey:
        """The key of the review appealed against."""
        return (self.learner, self.question_id, self.reviewed_at.astimezone(dt.UTC))

    @classmethod
    def of(cls, record: ReviewRecord, made_at: dt.datetime, **decision: Any) -> AppealRecord:
        """A new appeal of ``record`` made at ``made_at``; ``decision`` sets ``status``, ``decided_at``, ``teacher``."""
        return cls(
            learner=record.learner,
            deck_id=record.deck_id,
            fact_id=record.fact_id,
            question_id=record.question_id,
            reviewed_at=record.reviewed_at,
            answer=record.answer,
            made_at=made_at,
            **decision,
        )


def review_key(record: ReviewRecord) -> ReviewKey:
    """The key that names a review: its learner, question id and time in UTC."""
    return (record.learner, record.question_id, record.reviewed_at.astimezone(dt.UTC))


def same_answer(first: str, second: str) -> bool:
    """Whether two answers are the same text, ignoring case and runs of spaces: how appeals are grouped."""
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())


def _typed_answer_types() -> frozenset[AnswerType]:
    from kzquiz.questions import AnswerType

    return frozenset({AnswerType.TYPED, AnswerType.LIST, AnswerType.NUMBER, AnswerType.CLOZE})


def appeal_refusal(
    record: ReviewRecord, answer_type: AnswerType | None, existing: AppealRecord | None = None
) -> str | None:
    """Why the review cannot be appealed (a sentence for the learner), or ``None`` if it can.

    Only a typed answer (a typed, list, number or cloze question: not one picked among options, nor a
    self-rated flashcard) that was graded wrong or partly right can be appealed, and only once. ``answer_type``
    is the question's answer type (``None`` if the deck no longer has the question).
    """
    if existing is not None:
        return "this answer has already been appealed"
    if record.correct:
        return "this answer was already graded right"
    if record.match == "self":
        return "a flashcard you rated yourself cannot be appealed"
    if answer_type is None:
        return f"the deck no longer has the question {record.question_id}"
    if answer_type not in _typed_answer_types():
        return "only a typed answer can be appealed, not an option picked from a list"
    if not record.answer.strip():
        return "an empty answer cannot be appealed"
    return None


def effective_rating(record: ReviewRecord, appeal: AppealRecord | None) -> Rating:
    """The rating a review counts with: :data:`APPEAL_RATING` if it is a wrong answer appealed (and not
    rejected), its own rating otherwise."""
    if appeal is not None and appeal.status.counts_as_right and not record.correct:
        return APPEAL_RATING
    return record.rating


def replay(
    reviews: Iterable[ReviewRecord],
    appeals: Mapping[ReviewKey, AppealRecord],
    settings: SchedulerSettings,
    fact_id: str,
    deck_id: str,
) -> Memory | None:
    """The memory of one fact replayed from the learner's reviews of it, appeals counted; ``None`` if none.

    Reviews of other facts are skipped; the rest are replayed oldest first with :func:`effective_rating`.
    """
    mine: Sequence[ReviewRecord] = sorted(
        (r for r in reviews if r.fact_id == fact_id and r.deck_id == deck_id), key=lambda r: r.reviewed_at
    )
    memory: Memory | None = None
    for record in mine:
        rating = effective_rating(record, appeals.get(review_key(record)))
        memory = review(
            memory,
            rating,
            record.reviewed_at,
            settings,
            fact_id=fact_id,
            deck_id=deck_id,
            question_id=record.question_id,
        )
    return memory

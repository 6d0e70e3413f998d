"""A study session for library users: which question next, grade the answer, schedule the fact, save at once.

A :class:`Session` joins the functional core (questions, grading, scheduling) to a :class:`~kzquiz.Store`::

    store = kzquiz.open_store()
    session = kzquiz.Session(kzquiz.load_deck("capitals.toml"), store, "aigerim")
    while (question := session.next_question()) is not None:
        verdict = session.answer(question, input(question.prompt))

Every answer is committed to the store before :meth:`Session.answer` returns. After a wrong or partly right typed
answer the learner may appeal ("I was right") with :meth:`Session.appeal`. The session reads the clock only
through the ``clock`` it is given, and every method takes ``now=`` to override it, so tests run at fixed times.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from kzquiz.appeals import AppealRecord, appeal_refusal, replay, review_key
from kzquiz.errors import AppealError, UnknownQuestionError
from kzquiz.scheduling import CardState, Memory, Rating, choose_form, rating_for, review
from kzquiz.stores.base import ReviewRecord, Store

if TYPE_CHECKING:  # not imported at run time, so that ``stats`` (kzquiz stats) starts fast
    from kzquiz.grading import Verdict
    from kzquiz.leaks import LeakGuard
    from kzquiz.model import Deck
    from kzquiz.questions import AnswerType, Question

__all__ = ["LEARN_AHEAD", "Session", "Summary", "Tally"]

LOOK_AHEAD = 50
"""How many facts past the next one a session looks at for one whose answer the previous question did not show."""

LEARN_AHEAD = dt.timedelta(minutes=20)
"""When nothing is due and no new fact is left, a fact in a learning step due within this time is asked early."""

SELF_RATED = "self"
"""The ``match`` of a review the learner rated themselves (a flashcard)."""


def utc_now() -> dt.datetime:
    """The current time, in UTC: the default clock of a session."""
    return dt.datetime.now(dt.UTC)


@attrs.frozen
class Tally:
    """How many questions of one answer type were answered right, of how many asked."""

    right: int
    asked: int


@attrs.frozen
class Summary:
    """How a session went.

    ``by_answer_type`` maps each :class:`~kzquiz.AnswerType` asked to its :class:`Tally`; ``score`` sums the
    answers' scores (partial credit counts); ``next_due`` is the earliest time a fact of the session's decks falls
    due after now (``None`` if none is scheduled); ``due_now`` counts the facts due now.
    """

    answered: int
    correct: int
    accuracy: float
    score: float
    by_answer_type: dict[AnswerType, Tally]
    duration_seconds: float
    next_due: dt.datetime | None
    due_now: int


@attrs.frozen
class _Asked:
    answer_type: AnswerType
    correct: bool
    score: float
    duration: float | None


@functools.cache
def _asked_maker() -> Callable[..., _Asked]:
    """``_Asked(...)`` as every answer builds it, 5.8k -> 2k instructions (see :mod:`kzquiz.makers`); made at the
    first answer, not on import, since ``kzquiz stats`` imports this module."""
    from kzquiz.makers import maker

    return maker(_Asked)


@functools.cache
def _review_maker() -> Callable[..., ReviewRecord]:
    """``ReviewRecord(...)`` as every answer builds it, 18k -> 6k instructions (see :mod:`kzquiz.makers`); made at
    the first answer, as :func:`_asked_maker`."""
    from kzquiz.makers import maker

    return maker(ReviewRecord)


def _check_arguments(decks: tuple[Deck, ...], store: object, learner: object) -> None:
    """A ``TypeError`` naming the argument a program got wrong, rather than an ``AttributeError`` from deep inside."""
    from kzquiz.model import Deck  # here: kzquiz stats imports this module without the deck model

    if not decks:
        raise TypeError("decks: at least one Deck (from kzquiz.load_deck), not an empty list")
    for deck in decks:
        if not isinstance(deck, Deck):
            msg = f"decks: a Deck or a list of Decks (from kzquiz.load_deck), not {type(deck).__name__}"
            raise TypeError(msg)
    if not all(callable(getattr(store, name, None)) for name in ("settings", "memories", "review_fact")):
        msg = f"store: a kzquiz store (kzquiz.open_store or kzquiz.MemoryStore()), not {type(store).__name__}"
        raise TypeError(msg)
    if not isinstance(learner, str):
        msg = f"learner: a learner's name (str), not {type(learner).__name__}"
        raise TypeError(msg)


class Session:
    """One learner studying one or more decks against a store: the next question, the answer graded, scheduled
    (FSRS) and committed to the store before :meth:`answer` returns.

    ``limit`` caps the questions asked in the session; ``new_limit`` caps the new facts introduced (``None``: no
    cap). Facts due are asked first, most overdue first; then new facts in deck order; then, when nothing else is
    left, facts in a learning step due within :data:`LEARN_AHEAD`. ``appeals`` says whether the learner may appeal
    a verdict (:meth:`appeal`); turn it off for an exam.
    """

    def __init__(
        self,
        decks: Deck | Sequence[Deck],
        store: Store,
        learner: str = "default",
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        limit: int | None = None,
        new_limit: int | None = 20,
        appeals: bool = True,
    ) -> None:
        """Start a session: record the learner and the decks in the store and load the learner's memory."""
        self.decks: tuple[Deck, ...] = tuple(decks) if isinstance(decks, Sequence) else (decks,)
        _check_arguments(self.decks, store, learner)
        self.store = store
        self.learner = learner
        self.clock = clock
        self.limit = limit
        self.new_limit = new_limit
        self.appeals = appeals
        self.last_review: ReviewRecord | None = None
        """The review the last :meth:`answer` or :meth:`rate` saved (``None`` before the first)."""
        # Read before writing: a store whose saved values are damaged is refused before anything is written to it.
        self.settings = store.settings(learner)
        self._decks = {deck.id: deck for deck in self.decks}
        order = {(deck.id, fact.id): n for n, (deck, fact) in enumerate((d, f) for d in self.decks for f in d.facts)}
        self._order = order
        self._memory: dict[tuple[str, str], Memory] = {}
        for memory in store.memories(learner, self._decks):
            key = (memory.deck_id, memory.fact_id)
            if key in order:  # a fact removed from its deck keeps its history but is no longer asked
                self._memory[key] = memory
        store.add_learner(learner)
        for deck in self.decks:
            store.record_deck(deck)
        self._due = [(m.due, order[key], key) for key, m in self._memory.items()]
        heapq.heapify(self._due)
        self._new = [key for key in order if key not in self._memory]
        self._new_position = 0
        self._new_asked = 0
        self._asked: list[_Asked] = []
        self._previous: Question | None = None
        self._leaks: LeakGuard | None = None
        self._reshuffled: Callable[[Question, int], Question] | None = None

    def _now(self, now: dt.datetime | None) -> dt.datetime:
        moment = self.clock() if now is None else now
        if moment.tzinfo is None:
            msg = f"times must be timezone-aware, not {moment.isoformat()}"
            raise ValueError(msg)
        return moment

    def _first_scheduled(self) -> tuple[dt.datetime, tuple[str, str]] | None:
        """The fact whose due time comes first, dropping heap entries made stale by a later review."""
        while self._due:
            due, _, key = self._due[0]
            if self._memory[key].due == due:
                return due, key
            heapq.heappop(self._due)
        return None

    def _next_new(self) -> tuple[str, str] | None:
        if self.new_limit is not None and self._new_asked >= self.new_limit:
            return None
        while self._new_position < len(self._new):
            key = self._new[self._new_position]
            if key not in self._memory and self._decks[key[0]].questions_for(key[1]):
                return key
            self._new_position += 1
        return None

    def _next_fact(self, now: dt.datetime) -> tuple[str, str] | None:
        first = self._first_scheduled()
        if first is not None and first[0] <= now:
            return first[1]
        new = self._next_new()
        if new is not None:
            return new
        if first is not None and first[0] <= now + LEARN_AHEAD:
            state = self._memory[first[1]].state
            if state in (CardState.LEARNING, CardState.RELEARNING):
                return first[1]
        return None

    def next_question(self, now: dt.datetime | None = None) -> Question | None:
        """The question to ask now, or ``None`` when the session is over; the same state and time give the same.

        A question whose answer the previous question of the session showed (see :func:`kzquiz.leaks.gives_away`)
        waits: the next fact in line is asked first, unless every fact left would be given away.
        """
        now = self._now(now)
        if self.limit is not None and len(self._asked) >= self.limit:
            return None
        key = self._next_fact(now)
        if key is None:
            return None
        question = self._form(key, now)
        if self._previous is not None:
            gives_away = self._leak_guard().gives_away
            if gives_away(self._previous, question):
                for other in self._other_facts(now, key):
                    candidate = self._form(other, now)
                    if not gives_away(self._previous, candidate):
                        return candidate
        return question

    def _leak_guard(self) -> LeakGuard:
        if self._leaks is None:
            from kzquiz.leaks import LeakGuard  # here, so that ``kzquiz stats`` does not import question generation

            self._leaks = LeakGuard()
        return self._leaks

    def _form(self, key: tuple[str, str], now: dt.datetime) -> Question:
        """The question to ask about a fact now, its options in the order for this attempt (see :func:`reshuffled`)."""
        memory = self._memory.get(key)
        question = choose_form(self._decks[key[0]].questions_for(key[1]), memory, now)
        if memory is None or not memory.reps:
            return question  # the first attempt shows the options in the order they were made
        if self._reshuffled is None:
            # Imported on first use, not with this module (which ``kzquiz stats`` imports), and only once: an
            # import statement run on every question costs as much as choosing the fact.
            from kzquiz.shuffling import reshuffled

            self._reshuffled = reshuffled
        return self._reshuffled(question, memory.reps)

    def _other_facts(self, now: dt.datetime, first: tuple[str, str]) -> Iterator[tuple[str, str]]:
        """The facts that could be asked now after ``first``, in the order they would come (a bounded look-ahead)."""
        seen = {first}
        for due, _, key in heapq.nsmallest(LOOK_AHEAD, self._due):
            if due > now:
                break
            if key not in seen and self._memory[key].due == due:
                seen.add(key)
                yield key
        if self.new_limit is None or self._new_asked < self.new_limit:
            for key in itertools.islice(self._new, self._new_position, self._new_position + LOOK_AHEAD):
                if key not in seen and key not in self._memory and self._decks[key[0]].questions_for(key[1]):
                    seen.add(key)
                    yield key

    def answer(
        self, question: Question, text: str, *, now: dt.datetime | None = None, duration: float | None = None
    ) -> Verdict:
        """Grade ``text``, rate it (see :func:`~kzquiz.rating_for`), schedule the fact and commit; the verdict."""
        verdict = question.check(text)
        rating = rating_for(question, verdict, duration)
        self._save(question, rating, self._now(now), duration, verdict.answer, verdict, verdict.match._value_)
        return verdict

    def rate(
        self,
        question: Question,
        rating: Rating,
        *,
        now: dt.datetime | None = None,
        duration: float | None = None,
    ) -> None:
        """Schedule a self-graded flashcard with the learner's own rating, and commit."""
        self._save(question, Rating(rating), self._now(now), duration, "", None, SELF_RATED)

    def _save(
        self,
        question: Question,
        rating: Rating,
        now: dt.datetime,
        duration: float | None,
        answer: str,
        verdict: Verdict | None,
        match: str,
    ) -> None:
        key = (question.deck_id, question.fact_id)
        correct = verdict.correct if verdict is not None else rating is not Rating.AGAIN
        score = verdict.score if verdict is not None else float(correct)
        record = _review_maker()(
            learner=self.learner,
            deck_id=question.deck_id,
            fact_id=question.fact_id,
            question_id=question.id,
            form=question.form._value_,  # what .value gives; .value is a Python-level descriptor (~1.5k instructions)
            answer=answer,
            correct=correct,
            score=score,
            match=match,
            rating=rating,
            duration=duration,
            reviewed_at=now,
        )
        settings = self.settings

        def schedule(before: Memory | None) -> Memory:
            return review(
                before,
                rating,
                now,
                settings,
                fact_id=question.fact_id,
                deck_id=question.deck_id,
                question_id=question.id,
            )

        # The store reads the memory inside the transaction that saves the answer: another session on the same
        # store may have reviewed the fact meanwhile, and its answer must not be overwritten.
        after = self.store.review_fact(record, schedule)
        self.last_review = record
        if key not in self._memory:
            self._new_asked += 1
        self._remember(after)
        self._asked.append(_asked_maker()(question.answer_type, correct, score, duration))
        self._previous = question

    def _remember(self, memory: Memory) -> None:
        key = (memory.deck_id, memory.fact_id)
        self._memory[key] = memory
        if key in self._order:
            heapq.heappush(self._due, (memory.due, self._order[key], key))

    def appeal_refusal(self, record: ReviewRecord | None = None) -> str | None:
        """Why :meth:`appeal` would refuse to appeal ``record`` (the last answer by default), or ``None``."""
        return self._check_appeal(record)[1]

    def _check_appeal(self, record: ReviewRecord | None) -> tuple[ReviewRecord | None, str | None]:
        if not self.appeals:
            return record, "this session does not take appeals (an exam); ask your teacher instead"
        record = record if record is not None else self.last_review
        if record is None:
            return None, "there is no answer to appeal yet"
        if record.learner != self.learner:
            return record, f"the answer is {record.learner}'s, not {self.learner}'s"
        deck = self._decks.get(record.deck_id)
        try:
            answer_type = deck.question(record.question_id).answer_type if deck is not None else None
        except UnknownQuestionError:
            answer_type = None
        refusal = appeal_refusal(record, answer_type)
        if refusal is not None:  # a right answer needs no look at the store
            return record, refusal
        key = review_key(record)
        existing = next((a for a in self.store.appeals(self.learner, [record.deck_id]) if a.key == key), None)
        return record, appeal_refusal(record, answer_type, existing)

    def appeal(self, record: ReviewRecord | None = None, *, now: dt.datetime | None = None) -> AppealRecord:
        """Appeal a verdict ("I was right"): ``record`` (by default the last answer of this session) counts as right.

        The appeal is saved beside the review, which keeps its verdict; the learner's memory of the fact is
        replayed from the log as if that answer had been right (rated Good), and saved with the appeal in one
        transaction. A teacher may later accept or reject it (``kzquiz accept``, ``kzquiz reject``). Raises
        :class:`~kzquiz.AppealError` when the answer cannot be appealed (see :func:`kzquiz.appeals.appeal_refusal`)
        or the session takes no appeals.
        """
        moment = self._now(now)
        found, refusal = self._check_appeal(record)
        if refusal is not None or found is None:
            raise AppealError(refusal or "there is no answer to appeal yet")
        appeal = AppealRecord.of(found, moment)
        counted = {a.key: a for a in self.store.appeals(self.learner, [found.deck_id]) if a.fact_id == found.fact_id}
        counted[appeal.key] = appeal
        log = self.store.reviews(self.learner, [found.deck_id])
        memory = replay(log, counted, self.settings, found.fact_id, found.deck_id)
        if memory is None:
            raise AppealError(f"the store has no review of {found.question_id} at {found.reviewed_at.isoformat()}")
        self.store.save_appeal(appeal, memory)
        self._remember(memory)
        return appeal

    def remaining(self, now: dt.datetime | None = None) -> int:
        """How many facts the session will still ask at least once from ``now``: those due, those in a learning step
        due within :data:`LEARN_AHEAD`, and the new facts it may still introduce, within ``limit``.

        A fact answered wrongly comes back after a short learning step, so it counts again until it is learnt.
        """
        now = self._now(now)
        soon = now + LEARN_AHEAD
        learning = (CardState.LEARNING, CardState.RELEARNING)
        scheduled = sum(
            1
            for key, memory in self._memory.items()
            if key in self._order and (memory.due <= now or (memory.state in learning and memory.due <= soon))
        )
        new = sum(1 for key in self._new[self._new_position :] if key not in self._memory)
        if self.new_limit is not None:
            new = min(new, max(0, self.new_limit - self._new_asked))
        left = scheduled + new
        if self.limit is not None:
            left = min(left, self.limit - len(self._asked))
        return max(0, left)

    def summary(self, now: dt.datetime | None = None) -> Summary:
        """How the session went so far, and what is due next."""
        now = self._now(now)
        asked = self._asked
        correct = sum(a.correct for a in asked)
        by_answer_type: dict[AnswerType, Tally] = {}
        for a in asked:
            before = by_answer_type.get(a.answer_type, Tally(0, 0))
            by_answer_type[a.answer_type] = Tally(before.right + a.correct, before.asked + 1)
        dues = [m.due for key, m in self._memory.items() if key in self._order]
        later = [due for due in dues if due > now]
        return Summary(
            answered=len(asked),
            correct=correct,
            accuracy=correct / len(asked) if asked else 0.0,
            score=sum(a.score for a in asked),
            by_answer_type=by_answer_type,
            duration_seconds=sum(a.duration for a in asked if a.duration is not None),
            next_due=min(later, default=None),
            due_now=len(dues) - len(later),
        )

"""Studying through the web: the next question, an answer and its feedback, due counts, a learner's progress.

Everything here calls the library (:class:`kzquiz.Session`, :func:`kzquiz.stats`, :meth:`kzquiz.Question.check`)
and nothing else grades or schedules. Each request builds a fresh :class:`~kzquiz.Session` from the store, so
the server's workers never hold a learner's state between requests and any worker can answer any request. An
answer refers to the question the server asked through a signed :class:`~kzquiz.server.auth.Ticket`; a ticket is
claimed once, so an answer sent twice (a double click, a reloaded page, a retried request) is recorded once. An
appeal ("I was right") names the review it is about through another signed token, and goes to
:meth:`kzquiz.Session.appeal`, which decides whether it may be made.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

import attrs

import kzquiz
from kzquiz.picks import picks_answer, read_order
from kzquiz.server.auth import Ticket, make_ticket, read_ticket
from kzquiz.server.classroom import Classroom, StoredDeck
from kzquiz.shuffling import reshuffled

NEW_PER_DAY = 20
"""New facts a learner is given per deck and day (the rest wait for the next day)."""

TICKET_LIFETIME = dt.timedelta(hours=12)
"""How long a question page may stay open and still be answered."""

LONGEST_DURATION = 3600.0
"""Answering times above this (a page left open) are not recorded as the answer's duration."""

MAX_ANSWER = 2000
"""Longest answer accepted, in characters."""

PICKED = (kzquiz.AnswerType.CHOICE, kzquiz.AnswerType.SELECT, kzquiz.AnswerType.TRUE_FALSE)
"""Answer types answered by picking options (radio buttons or tick boxes) rather than typing."""


class AnswerError(kzquiz.KzquizError, ValueError):
    """An answer that cannot be taken (no option picked, an order that is not one, a forged or stale ticket)."""


@attrs.frozen
class Counts:
    """A deck's numbers for a learner: facts due now, new facts available today, and all facts."""

    due: int
    new: int
    total: int


@attrs.frozen
class Outcome:
    """A graded answer: the question, its verdict, whether it was recorded now, and when the learner may appeal it
    ("I was right"), the signed token that names the review.

    When the question had been answered already (``recorded`` false), ``answer`` and ``verdict`` are those of the
    answer recorded then, and ``resent`` is the answer sent this time, which was not taken.
    """

    question: kzquiz.Question
    verdict: kzquiz.Verdict
    answer: str
    recorded: bool
    appeal: str | None = None
    resent: str = ""


class Decks:
    """Uploaded decks parsed once per version and kept (the newest 64) in memory; a deck's text is read from the
    classroom only when a version is not in memory yet."""

    def __init__(self, classroom: Classroom, size: int = 64) -> None:
        """An empty cache of at most ``size`` decks of ``classroom``."""
        self._classroom = classroom
        self._size = size
        self._cache: OrderedDict[tuple[int, str], kzquiz.Deck] = OrderedDict()

    def get(self, stored: StoredDeck) -> kzquiz.Deck:
        """The deck of an uploaded file (which validated when it was uploaded)."""
        key = (stored.id, stored.uploaded_at.isoformat())
        deck = self._cache.get(key)
        if deck is None:
            whole = stored if stored.text else self._classroom.deck(stored.id)
            if whole is None:  # taken away between the listing and now
                raise kzquiz.UnknownQuestionError(f"no deck {stored.deck_id}")
            deck = kzquiz.loads_deck(whole.text, whole.source_name)
            self._cache[key] = deck
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return deck


class OncePerWorker:
    """The progress store, with the two writes every new :class:`~kzquiz.Session` makes (``add_learner`` and
    ``record_deck``, idempotent) done once per learner and deck version in this worker rather than on every request:
    each would otherwise be a transaction flushed to the disk. Everything else goes straight to the store."""

    def __init__(self, store: kzquiz.Store) -> None:
        """Wrap ``store``."""
        self._store = store
        self._learners: set[str] = set()
        self._decks: set[tuple[str, str, str]] = set()

    def add_learner(self, name: str) -> None:
        """Add the learner to the store, the first time only."""
        if name not in self._learners:
            self._store.add_learner(name)
            self._learners.add(name)

    def record_deck(self, deck: kzquiz.Deck) -> None:
        """Record the deck in the store, the first time this version is seen only."""
        key = (deck.id, deck.content_hash, deck.title)
        if key not in self._decks:
            self._store.record_deck(deck)
            self._decks.add(key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _introduced_today(store: kzquiz.Store, learner: str, deck: kzquiz.Deck, now: dt.datetime) -> int:
    first: dict[str, dt.datetime] = {}
    for review in store.reviews(learner, [deck.id]):
        first.setdefault(review.fact_id, review.reviewed_at)
    today = now.astimezone().date()
    return sum(1 for moment in first.values() if moment.astimezone().date() == today)


def session_for(
    store: kzquiz.Store, learner: str, deck: kzquiz.Deck, now: dt.datetime, introduced: int | None = None
) -> kzquiz.Session:
    """A session on one deck for one learner, with today's allowance of new facts (``introduced``: the new facts
    started today, when the caller has counted them already)."""
    if introduced is None:
        introduced = _introduced_today(store, learner, deck, now)
    return kzquiz.Session(deck, store, learner, new_limit=max(0, NEW_PER_DAY - introduced), clock=lambda: now)


def counts(
    store: kzquiz.Store, learner: str, deck: kzquiz.Deck, now: dt.datetime, introduced: int | None = None
) -> Counts:
    """How many facts of ``deck`` are due for ``learner`` now, and how many new ones today's allowance gives."""
    facts = {fact.id for fact in deck.facts if deck.questions_for(fact.id)}
    memories = [m for m in store.memories(learner, [deck.id]) if m.fact_id in facts]
    due = sum(1 for m in memories if m.due <= now)
    unseen = len(facts) - len(memories)
    if introduced is None and unseen:
        introduced = _introduced_today(store, learner, deck, now)
    left = max(0, NEW_PER_DAY - (introduced or 0)) if unseen else 0
    return Counts(due, min(unseen, left), len(facts))


def next_question(
    store: kzquiz.Store, secret: bytes, learner: str, deck: kzquiz.Deck, now: dt.datetime
) -> tuple[kzquiz.Question, str, Counts] | None:
    """The question to ask now, its signed ticket and the deck's counts, or ``None`` when nothing is left today."""
    introduced = _introduced_today(store, learner, deck, now)
    question = session_for(store, learner, deck, now, introduced).next_question(now)
    if question is None:
        return None
    memory = store.memory(learner, question.fact_id, question.deck_id)
    attempt = memory.reps if memory is not None else 0
    ticket = make_ticket(secret, Ticket(learner, question.id, now, attempt))
    return question, ticket, counts(store, learner, deck, now, introduced)


def asked_question(deck: kzquiz.Deck, ticket: Ticket) -> kzquiz.Question:
    """The ticket's question as it was shown: its options in the order of the ticket's attempt."""
    return reshuffled(deck.question(ticket.question_id), ticket.attempt)


def answer_text(question: kzquiz.Question, typed: str, picks: list[str]) -> str:
    """What a form's fields answer, as text the grader reads: typed text, or the options picked, by index.

    Picked options become their texts (as the command line records them), so that a teacher's report reads
    "Almaty" rather than "2"; an order typed as numbers ("3 1 2") becomes the options in that order.
    """
    answer_type = question.answer_type
    count = len(question.choices)
    if answer_type in PICKED:
        indexes: list[int] = []
        for pick in picks:
            if not (pick.isdecimal() and pick.isascii() and 0 <= int(pick) < count):
                raise AnswerError("that option is not one of this question's")
            indexes.append(int(pick))
        if not indexes:
            raise AnswerError(
                "tick the right boxes first" if answer_type is kzquiz.AnswerType.SELECT else "pick an option"
            )
        if answer_type is kzquiz.AnswerType.TRUE_FALSE:
            return "true" if indexes[0] == 0 else "false"
        return picks_answer(question, sorted(set(indexes)))
    if answer_type is kzquiz.AnswerType.ORDER:
        order = read_order(typed, count)
        if order is None:
            raise AnswerError(f"type each number from 1 to {count} once, in order, e.g. {' '.join(_example(count))}")
        return picks_answer(question, order)
    if len(typed) > MAX_ANSWER:
        raise AnswerError(f"an answer has at most {MAX_ANSWER} characters")
    return typed


def _example(count: int) -> list[str]:
    return [str(n) for n in range(count, 0, -1)] if count < 4 else ["3", "1", "2", "…"]


def question_of(secret: bytes, learner: str, deck: kzquiz.Deck, ticket_text: str, now: dt.datetime) -> Ticket:
    """The ticket of an answer, checked: signed by this server, for this learner and deck, and recent."""
    ticket = read_ticket(secret, ticket_text)
    if ticket is None or ticket.learner != learner:
        raise AnswerError("this answer does not belong to a question you were asked")
    if not ticket.question_id.startswith(deck.id + "/"):
        raise AnswerError("this answer belongs to another deck")
    if now - ticket.asked_at > TICKET_LIFETIME or ticket.asked_at > now + dt.timedelta(minutes=5):
        raise AnswerError("this question was shown too long ago: here it is again")
    return ticket


def answer(
    store: kzquiz.Store,
    classroom: Classroom,
    secret: bytes,
    learner: str,
    deck: kzquiz.Deck,
    ticket: Ticket,
    text: str,
    now: dt.datetime,
) -> Outcome:
    """Grade and record an answer to the ticket's question, once: a ticket answered before (a double click, a
    second answer sent from the same page, a retried request) records nothing, and its outcome is the first
    answer's, with ``recorded`` false and ``resent`` the answer that was not taken.

    Raises :class:`kzquiz.UnknownQuestionError` when the deck no longer has the question (it was edited).
    """
    question = asked_question(deck, ticket)
    key = f"{learner}\x1f{ticket.question_id}\x1f{ticket.asked_at.isoformat()}"
    first = classroom.claim_ticket(key, now, text)
    if first is not None:
        return Outcome(question, question.check(first), first, recorded=False, resent=text)
    seconds = (now - ticket.asked_at).total_seconds()
    duration = seconds if 0 <= seconds <= LONGEST_DURATION else None
    session = session_for(store, learner, deck, now)
    try:
        verdict = session.answer(question, text, now=now, duration=duration)
    except BaseException:
        classroom.release_ticket(key)
        raise
    appeal = None
    if session.last_review is not None and session.appeal_refusal() is None:
        review = Ticket(learner, question.id, session.last_review.reviewed_at)
        appeal = make_ticket(secret, review, APPEAL)
    return Outcome(question, verdict, text, recorded=True, appeal=appeal)


APPEAL = "appeal"
"""The purpose of the signed token that names a review a learner may appeal."""


def appeal(
    store: kzquiz.Store, secret: bytes, learner: str, deck: kzquiz.Deck, token: str, now: dt.datetime
) -> kzquiz.AppealRecord:
    """Appeal the learner's review named by ``token`` ("I was right"), through :meth:`kzquiz.Session.appeal`.

    Raises :class:`AnswerError` for a token this server did not give this learner, and
    :class:`kzquiz.AppealError` when the library refuses the appeal (appealed already, a picked option...).
    """
    named = read_ticket(secret, token, APPEAL)
    if named is None or named.learner != learner or not named.question_id.startswith(deck.id + "/"):
        raise AnswerError("this appeal does not name one of your answers")
    record = next(
        (
            r
            for r in store.reviews(learner, [deck.id])
            if r.question_id == named.question_id and r.reviewed_at == named.asked_at
        ),
        None,
    )
    if record is None:
        raise AnswerError("this appeal does not name one of your answers")
    return session_for(store, learner, deck, now).appeal(record, now=now)

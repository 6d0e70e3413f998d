"""``kzquiz study`` and ``kzquiz cards``: spaced-repetition sessions on the learner's store.

Each answer is graded, scheduled and committed by :class:`kzquiz.session.Session` before the next question is
shown, so Ctrl-C, Ctrl-D or a closed terminal lose nothing answered; the summary so far is shown either way.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from kzquiz.cli import EXIT_OK, EXIT_PROBLEM
from kzquiz.cli.learn import interactive, load_decks, quiz_io
from kzquiz.cli.prompter import LinePrompter
from kzquiz.cli.stopping import EXIT_INTERRUPTED, Stop, exit_status, until_stopped, utc_now
from kzquiz.cli.views import Progress

if TYPE_CHECKING:
    from kzquiz.cli.console import Console
    from kzquiz.cli.prompter import Prompter
    from kzquiz.cli.views import View
    from kzquiz.questions import Question
    from kzquiz.session import Session
    from kzquiz.stores.base import Store

RATINGS = ("Again", "Hard", "Good", "Easy")
"""The flashcard ratings, in the order of :class:`kzquiz.scheduling.Rating` (1 to 4)."""

NOTHING_DUE = "Nothing is due right now: well done."


class Countdown:
    """Where a session stands: the questions answered, and the facts it will still ask (:meth:`Session.remaining`)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.done = 0

    def answered(self, question: Question) -> None:
        """Count an answered question."""
        self.done += 1

    @property
    def left(self) -> int:
        """Facts left now, counting the one about to be asked."""
        return max(1, self._session.remaining())


def _open(args: argparse.Namespace) -> tuple[Session, Store]:
    from kzquiz.session import Session
    from kzquiz.stores import open_store

    decks = load_decks(args.decks)
    store = open_store(args.db)
    try:
        session = Session(decks, store, learner=args.learner, clock=utc_now, limit=args.limit, new_limit=args.new)
    except BaseException:
        store.close()
        raise
    return session, store


def _finish(session: Session, view: View, stop: Stop, done: int, *, interrupted: bool) -> None:
    now = utc_now()
    summary = session.summary(now)
    if done == 0 and stop is Stop.FINISHED:
        view.notice(NOTHING_DUE)
    view.summary(summary, now, interrupted=interrupted)


Step = Callable[["Session", "Prompter", "View", "Question"], None]
"""What a session does with each question: ask and grade it (study), or reveal and rate it (cards)."""


def _run(args: argparse.Namespace, console: Console, step: Step) -> int:
    """Run a session question by question until it ends, then show the summary; the exit status."""
    session, store = _open(args)
    try:
        prompter, view = quiz_io(args, console)
        if isinstance(prompter, LinePrompter):  # "/appeal" typed in place of an answer
            prompter.on_appeal = lambda: appeal_last(session, view)
        count = Countdown(session)

        def loop() -> None:
            while (question := session.next_question()) is not None:
                view.question(question, Progress(count.done, count.left))
                step(session, prompter, view, question)
                count.answered(question)

        stop = until_stopped(loop)
        status = exit_status(stop, interactive=interactive(args))
        if status == EXIT_INTERRUPTED and interactive(args):
            console.raw("\n")  # the prompt that was interrupted left the cursor on its line
        _finish(session, view, stop, count.done, interrupted=status == EXIT_INTERRUPTED)
    finally:
        store.close()
    return status


def _ask(session: Session, prompter: Prompter, view: View, question: Question) -> None:
    start = time.monotonic()
    text = prompter.ask(question)
    verdict = session.answer(question, text, duration=time.monotonic() - start)
    appealable = session.appeal_refusal() is None
    view.verdict(question, verdict, appealable=appealable)
    if appealable and prompter.offer_appeal():
        appeal_last(session, view)


def appeal_last(session: Session, view: View) -> bool:
    """Appeal the session's last answer and show what came of it (or why it was refused); whether it was taken."""
    from kzquiz.errors import AppealError

    now = utc_now()
    try:
        appeal = session.appeal(now=now)
    except AppealError as error:
        view.appeal_refused(str(error))
        return False
    memory = session.store.memory(session.learner, appeal.fact_id, appeal.deck_id)
    view.appealed(appeal, memory.due if memory is not None else None, now)
    return True


def _flashcard(session: Session, prompter: Prompter, view: View, question: Question) -> None:
    from kzquiz.scheduling import Rating

    view.choices(question)
    start = time.monotonic()
    prompter.reveal()
    view.reveal(question)
    picked = prompter.choose("How well did you know it?", RATINGS, default=2)
    session.rate(question, Rating(picked + 1), duration=time.monotonic() - start)
    view.rated(question, RATINGS[picked].lower())


def study(args: argparse.Namespace, console: Console) -> int:
    """Ask due and new questions until none are left (or the limit, Ctrl-C, Ctrl-D, or the end of input)."""
    return _run(args, console, _ask)


def cards(args: argparse.Namespace, console: Console) -> int:
    """Flashcards: the prompt, then the answer on request, then the learner's own rating."""
    return _run(args, console, _flashcard)


def appeal(args: argparse.Namespace, console: Console) -> int:
    """``kzquiz appeal``: appeal the learner's last answer, after the session (where plain and JSON mode cannot)."""
    from kzquiz.cli.views import JsonView, TextView
    from kzquiz.errors import AppealError

    session, store = _open(argparse.Namespace(**{**vars(args), "limit": None, "new": 0}))
    view: View = JsonView(console.out) if args.json else TextView(console)
    try:
        log = store.reviews(args.learner)
        if not log:
            raise AppealError(f"{args.learner} has no answers to appeal")
        last = log[-1]
        if last.deck_id not in {deck.id for deck in session.decks}:
            raise AppealError(
                f"the last answer is from the deck {last.deck_id!r}: name its deck file: kzquiz appeal FILE.toml"
            )
        session.last_review = last
        taken = appeal_last(session, view)
    except AppealError as error:
        view.appeal_refused(str(error))
        return EXIT_PROBLEM
    finally:
        store.close()
    return EXIT_OK if taken else EXIT_PROBLEM

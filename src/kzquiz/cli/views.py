"""Where a quiz's events go: text for people (:class:`TextView`) or one JSON object per line (:class:`JsonView`).

The quiz loops (study, cards, exam) report the same events to either view: a question, a verdict, a flashcard's
answer revealed and rated, a notice, the summary. JSON is written with ``ensure_ascii``, so no control character
or escape sequence from a deck can reach a terminal even when a program prints the stream as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, TextIO

import attrs

from kzquiz.cli import render
from kzquiz.questions import AnswerType
from kzquiz.text import safe_data, safe_text
from kzquiz.verdict import rounded_score

if TYPE_CHECKING:
    from kzquiz.appeals import AppealRecord
    from kzquiz.cli.console import Console
    from kzquiz.grading import Verdict
    from kzquiz.questions import Question
    from kzquiz.session import Tally


@attrs.frozen
class Progress:
    """Where a quiz stands when a question is asked: ``done`` answered, ``left`` to go (None if unknown).

    ``total`` is set for a fixed exam, whose questions are known in advance.
    """

    done: int
    left: int | None = None
    total: int | None = None


class View(Protocol):
    """Shows a quiz's events."""

    def question(self, question: Question, progress: Progress) -> None:
        """A question is about to be asked."""
        ...

    def verdict(self, question: Question, verdict: Verdict, *, appealable: bool = False) -> None:
        """An answer was graded; ``appealable`` when the learner may appeal the verdict."""
        ...

    def appealed(self, appeal: AppealRecord, due: dt.datetime | None, now: dt.datetime) -> None:
        """The learner appealed the last verdict; the fact is now due at ``due``."""
        ...

    def appeal_refused(self, reason: str) -> None:
        """An appeal was refused, for ``reason`` (a sentence)."""
        ...

    def choices(self, question: Question) -> None:
        """A flashcard's options, listed for reading (the question event already carries them)."""
        ...

    def reveal(self, question: Question) -> None:
        """A flashcard is turned over."""
        ...

    def rated(self, question: Question, rating: str) -> None:
        """The learner rated a flashcard (``again``, ``hard``, ``good`` or ``easy``)."""
        ...

    def notice(self, text: str) -> None:
        """Something the learner should know that is not a question ("Nothing is due")."""
        ...

    def summary(self, summary: render.SummaryLike, now: dt.datetime, **details: Any) -> None:
        """The end of the quiz; ``details`` are :func:`kzquiz.cli.render.summary_lines`' keyword options."""
        ...


class TextView:
    """Events as text for people, through a :class:`~kzquiz.cli.console.Console`."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def _lines(self, lines: list[str]) -> None:
        self.console.raw("\n".join(lines) + "\n")

    def question(self, question: Question, progress: Progress) -> None:
        """The progress line and the prompt."""
        text = render.progress_text(progress.done, progress.left, progress.total)
        self._lines(render.question_lines(self.console, question, text))

    def verdict(self, question: Question, verdict: Verdict, *, appealable: bool = False) -> None:
        """Right or wrong, with the answer, the feedback, the source and the note."""
        self._lines(render.verdict_lines(self.console, question, verdict))

    def appealed(self, appeal: AppealRecord, due: dt.datetime | None, now: dt.datetime) -> None:
        """What the appeal did: the answer counts as right until a teacher decides, and when the fact is due."""
        self._lines(render.appeal_lines(self.console, due, now))

    def appeal_refused(self, reason: str) -> None:
        """Why the appeal was not taken."""
        self._lines(
            [
                self.console.style(line, "yellow")
                for line in render.wrap(f"Cannot appeal: {reason}.", self.console.width)
            ]
        )

    def choices(self, question: Question) -> None:
        """The options as a bulleted list (an order's items, a choice's options); nothing for true or false."""
        if question.choices and question.answer_type is not AnswerType.TRUE_FALSE:
            self._lines(render.choice_lines(self.console, question.choices, numbered=False))

    def reveal(self, question: Question) -> None:
        """The answer, the source and the note."""
        self._lines(render.reveal_lines(self.console, question))

    def rated(self, question: Question, rating: str) -> None:
        """Nothing to show: the learner just chose the rating."""

    def notice(self, text: str) -> None:
        """A line of text."""
        self._lines(render.wrap(text, self.console.width))

    def summary(self, summary: render.SummaryLike, now: dt.datetime, **details: Any) -> None:
        """The closing summary."""
        self._lines(render.summary_lines(self.console, summary, now, **details))


def _text(value: str) -> str:
    return safe_text(value)


def question_event(question: Question, progress: Progress) -> dict[str, Any]:
    """The JSON object for a question: what it asks and how it is answered."""
    return {
        "event": "question",
        "id": question.id,
        "deck": question.deck_id,
        "fact": question.fact_id,
        "form": question.form.value,
        "answer_type": question.answer_type.value,
        "prompt": _text(question.prompt),
        "choices": [_text(choice) for choice in question.choices],
        "done": progress.done,
        "left": progress.left,
        "total": progress.total,
    }


def verdict_event(question: Question, verdict: Verdict, *, appealable: bool = False) -> dict[str, Any]:
    """The JSON object for a graded answer."""
    return {
        "event": "verdict",
        "id": question.id,
        "correct": verdict.correct,
        "score": rounded_score(verdict.score),
        "match": verdict.match.value,
        "answer": _text(verdict.answer),
        "expected": _text(verdict.expected),
        "feedback": _text(verdict.feedback),
        "diff": _text(verdict.diff),
        "quote": _text(question.quote),
        "note": _text(question.note),
        "appealable": appealable,
    }


def tally_json(tallies: Mapping[AnswerType, Tally]) -> dict[str, dict[str, int]]:
    """Right and asked counts by answer type, as JSON: ``{"typed": {"right": 1, "asked": 2}}``."""
    return {kind.value: {"right": t.right, "asked": t.asked} for kind, t in sorted(tallies.items(), key=_by_value)}


def _by_value(entry: tuple[AnswerType, Tally]) -> str:
    return entry[0].value


def summary_event(summary: render.SummaryLike, **details: Any) -> dict[str, Any]:
    """The JSON object for the end of a quiz."""
    next_due = summary.next_due
    event: dict[str, Any] = {
        "event": "summary",
        "answered": summary.answered,
        "correct": summary.correct,
        "score": rounded_score(summary.score),
        "out_of": details.get("out_of") or summary.answered,
        "by_answer_type": tally_json(summary.by_answer_type),
        "duration_seconds": round(summary.duration_seconds, 3),
        "next_due": next_due.isoformat() if next_due is not None else None,
        "due_now": summary.due_now,
        "interrupted": bool(details.get("interrupted", False)),
    }
    return event


class JsonView:
    """Events as JSON Lines: one object per event, flushed at once so that a program can answer as it reads."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _emit(self, event: dict[str, Any]) -> None:
        self.out.write(json.dumps(safe_data(event), ensure_ascii=True) + "\n")
        self.out.flush()

    def question(self, question: Question, progress: Progress) -> None:
        """``{"event": "question", ...}``."""
        self._emit(question_event(question, progress))

    def verdict(self, question: Question, verdict: Verdict, *, appealable: bool = False) -> None:
        """``{"event": "verdict", ...}``."""
        self._emit(verdict_event(question, verdict, appealable=appealable))

    def appealed(self, appeal: AppealRecord, due: dt.datetime | None, now: dt.datetime) -> None:
        """``{"event": "appeal", "ok": true, ...}``."""
        self._emit(
            {
                "event": "appeal",
                "ok": True,
                "id": appeal.question_id,
                "answer": _text(appeal.answer),
                "status": appeal.status.value,
                "next_due": due.isoformat() if due is not None else None,
            }
        )

    def appeal_refused(self, reason: str) -> None:
        """``{"event": "appeal", "ok": false, "reason": ...}``."""
        self._emit({"event": "appeal", "ok": False, "reason": _text(reason)})

    def choices(self, question: Question) -> None:
        """Nothing: the question event carries the options."""

    def reveal(self, question: Question) -> None:
        """``{"event": "reveal", ...}``: a flashcard's answer."""
        self._emit(
            {
                "event": "reveal",
                "id": question.id,
                "expected": _text(question.expected),
                "quote": _text(question.quote),
                "note": _text(question.note),
            }
        )

    def rated(self, question: Question, rating: str) -> None:
        """``{"event": "rated", ...}``."""
        self._emit({"event": "rated", "id": question.id, "rating": rating})

    def notice(self, text: str) -> None:
        """``{"event": "notice", "text": ...}``."""
        self._emit({"event": "notice", "text": _text(text)})

    def summary(self, summary: render.SummaryLike, now: dt.datetime, **details: Any) -> None:
        """``{"event": "summary", ...}``."""
        self._emit(summary_event(summary, **details))

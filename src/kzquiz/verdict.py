"""The verdict on one answer, and how feedback quotes answers and numbers back to the learner."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from kzquiz.folding import tidy
from kzquiz.model import PartialAnswer
from kzquiz.textmatch import Match

SHOWN = 80
"""Characters of an answer quoted back in feedback."""


@attrs.frozen
class Verdict:
    """The outcome of checking one answer.

    Attributes:
        correct: the answer counts as right (always ``score == 1``).
        score: how much of the answer was right, from 0 to 1 (partial credit for lists, selections, orders).
        expected: the canonical right answer, as text.
        feedback: a sentence for the learner: what was right, wrong or missing, and why.
        match: how the answer matched (exact, alias, typo, ...); ``match.is_clean`` tells a clean recall.
        answer: the learner's answer, cleaned of control characters so that it is safe to echo.
        diff: for a typo, the right spelling with the differences marked: ``Masimo[w→v]`` (see
            :func:`kzquiz.textmatch.mark_differences`); "" otherwise.
        named: the right items or options the answer gave, as the deck writes them.
        wrong: the parts of the answer that were wrong, as the learner wrote them.
        missing: the right items or options the answer left out (for "any N of", every one not given).
    """

    correct: bool
    score: float
    expected: str
    feedback: str
    match: Match
    answer: str = ""
    diff: str = ""
    named: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def quote(text: str) -> str:
    """An answer as quoted back in feedback: one line, and not too long."""
    text = tidy(text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def format_number(value: float | dt.date | None) -> str:
    """A number as the deck wrote it, never rounded and never in exponent form, so that typing it back is right:
    3.14159265, 1 234 567.5, 0.000001 (thousands grouped with spaces, as the grader reads them); numbers below
    10,000, years among them, without a separator (2019, not "2 019")."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    if value == int(value):
        if abs(value) < 10_000:
            return str(int(value))
        return f"{int(value):,}".replace(",", " ")
    # repr() is the shortest text that reads back as the same float; Decimal writes it out without an exponent.
    whole, _, fraction = f"{Decimal(repr(abs(value))):f}".partition(".")
    sign = "-" if value < 0 else ""
    grouped = f"{int(whole):,}".replace(",", " ") if abs(value) >= 10_000 else whole
    return f"{sign}{grouped}.{fraction}"


def partly_right(credit: PartialAnswer, expected: str, answer: str, spelling: str = "", diff: str = "") -> Verdict:
    """The verdict on an answer worth part of the marks: its credit, the teacher's feedback and the full answer."""
    percent = f"{credit.credit * 100:.4g}%"
    said = credit.feedback.strip().rstrip(".")
    feedback = f"Partly right ({percent}): {said}." if said else f"Partly right ({percent})."
    if spelling:
        feedback += f" You wrote {quote(answer)}, the spelling is {spelling}."
    feedback += f" The answer is {expected}."
    return Verdict(False, credit.credit, expected, feedback, Match.PARTIAL, answer, diff, named=(credit.text,))

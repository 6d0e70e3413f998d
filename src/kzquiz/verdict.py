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


SCORE_PLACES = 2
"""Decimal places a score is given to wherever it is shown or written out (text, JSON, result files)."""


def rounded_score(score: float) -> float:
    """A score as outputs give it: to :data:`SCORE_PLACES` decimal places (a third is 0.33, 2.5 stays 2.5)."""
    return round(score, SCORE_PLACES) + 0.0  # + 0.0: never "-0.0"


def score_text(score: float) -> str:
    """A score (or a sum of scores) as text: ``3``, ``2.5``, ``0.33``; never ``0.333333``."""
    return f"{rounded_score(score):.{SCORE_PLACES}f}".rstrip("0").rstrip(".")


def percent_text(share: float) -> str:
    """A share from 0 to 1 as a whole percentage, ``33%``; a share strictly between 0 and 1 is never shown as
    ``0%`` or ``100%``, so that a partly right answer never reads as wrong or right."""
    percent = round(share * 100)
    if 0 < share < 1:
        percent = min(max(percent, 1), 99)
    return f"{percent}%"


def repeats(feedback: str, source: str) -> bool:
    """Whether ``feedback`` already quotes ``source`` in full (a statement's correction that is the source quote),
    so that a view need not show the quote a second time."""
    source = tidy(source).strip("“”\"'‘’ ")
    return bool(source) and source in tidy(feedback)


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

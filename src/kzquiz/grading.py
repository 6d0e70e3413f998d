"""Grading: what a question expects, and the verdict on a learner's answer.

Pure functions over frozen objects; no I/O. Each question carries an *expectation* (what a right answer is,
which wrong answers are known, how leniently to grade) and :func:`grade` turns an answer into a :class:`Verdict`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

import attrs

from kzquiz.model import Answer, Grading
from kzquiz.text import safe_text


class Match(enum.Enum):
    """Why an answer was judged as it was; the scheduler tells a clean recall from a shaky one by it."""

    EXACT = "exact"
    ALIAS = "alias"
    TYPO = "typo"
    TRANSLITERATION = "transliteration"
    PARTIAL = "partial"
    WRONG = "wrong"
    EMPTY = "empty"


@attrs.frozen
class Verdict:
    """The outcome of checking one answer.

    Attributes:
        correct: the answer counts as right.
        score: how much of the answer was right, from 0 to 1 (partial credit for lists).
        expected: the canonical right answer, as text.
        feedback: a sentence for the learner: what was right, wrong or missing, and why.
        match: how the answer matched (exact, alias, typo, ...).
        answer: the learner's answer, cleaned of control characters so that it is safe to echo.
    """

    correct: bool
    score: float
    expected: str
    feedback: str
    match: Match
    answer: str = ""


@attrs.frozen
class TextExpectation:
    """A typed answer: any form of any accepted answer is right; ``others`` are known wrong answers."""

    accepted: tuple[Answer, ...]
    others: tuple[str, ...] = ()
    grading: Grading = Grading()


@attrs.frozen
class ListExpectation:
    """A typed list: ``count`` items from ``items`` (all of them when ``count`` equals their number).

    When ``ordered``, the items must come in the order given and are graded by position.
    """

    items: tuple[Answer, ...]
    count: int
    ordered: bool = False
    others: tuple[str, ...] = ()
    grading: Grading = Grading()


@attrs.frozen
class NumberExpectation:
    """A number or a date: ``value`` within ``tolerance``, or a range from ``low`` to ``high``."""

    value: float | dt.date | None = None
    low: float | dt.date | None = None
    high: float | dt.date | None = None
    tolerance: float = 0
    unit: str = ""
    inside: bool = True


@attrs.frozen
class ChoiceExpectation:
    """Pick from ``choices``: the ones at the indexes in ``correct`` (several for "tick all that apply")."""

    choices: tuple[str, ...]
    correct: frozenset[int]


@attrs.frozen
class OrderExpectation:
    """Put ``choices`` in order: ``order`` lists their indexes in the right order."""

    choices: tuple[str, ...]
    order: tuple[int, ...]


@attrs.frozen
class TruthExpectation:
    """True or false; ``correction`` says what is true when the statement is false."""

    value: bool
    correction: str = ""


Expectation = (
    TextExpectation | ListExpectation | NumberExpectation | ChoiceExpectation | OrderExpectation | TruthExpectation
)
"""Anything a question can expect."""


_FOLD = re.compile(r"[\W_]+")


def normalize(text: str, *, accents: bool = False) -> str:
    """Fold ``text`` to the form answers are compared in: NFKC, case-folded, punctuation and spaces removed.

    Accents and diacritics are dropped unless ``accents`` is true. Idempotent.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _FOLD.sub("", text)


def expected_text(expectation: Expectation) -> str:
    """The canonical right answer of an expectation, as a learner would read it."""
    match expectation:
        case TextExpectation(accepted=accepted):
            return " / ".join(a.text for a in accepted)
        case ListExpectation(items=items, count=count):
            shown = ", ".join(item.text for item in items)
            if count < len(items):
                return f"any {count} of: {shown}"
            return shown
        case NumberExpectation(value=value, low=low, high=high, tolerance=tolerance, unit=unit):
            text = f"{_number(low)} to {_number(high)}" if value is None else _number(value)
            if tolerance and value is not None:
                text += f" (± {_number(tolerance)})"
            return f"{text} {unit}".strip()
        case ChoiceExpectation(choices=choices, correct=correct):
            return ", ".join(choices[i] for i in sorted(correct))
        case OrderExpectation(choices=choices, order=order):
            return ", ".join(choices[i] for i in order)
        case TruthExpectation(value=value, correction=correction):
            return "true" if value else f"false: {correction}" if correction else "false"


def _number(value: float | dt.date | None) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return f"{value:g}" if value != int(value) else f"{int(value):,}".replace(",", " ")


def grade(expectation: Expectation, answer: str) -> Verdict:
    """Check ``answer`` against ``expectation``: exact matching after :func:`normalize`."""
    answer = safe_text(answer)
    expected = expected_text(expectation)
    if not answer.strip():
        return Verdict(False, 0.0, expected, f"No answer. The answer is {expected}.", Match.EMPTY, answer)
    right = _right(expectation, answer)
    if right:
        return Verdict(True, 1.0, expected, "Right.", Match.EXACT, answer)
    return Verdict(False, 0.0, expected, f"Not quite. The answer is {expected}.", Match.WRONG, answer)


def _right(expectation: Expectation, answer: str) -> bool:
    match expectation:
        case TextExpectation(accepted=accepted, grading=grading):
            given = normalize(answer, accents=grading.accents)
            return any(given == normalize(form, accents=grading.accents) for a in accepted for form in a.forms)
        case ListExpectation(items=items, count=count, ordered=ordered, grading=grading):
            parts = [normalize(p, accents=grading.accents) for p in re.split(r"[,;\n]|\band\b", answer)]
            parts = [p for p in parts if p]
            wanted = [{normalize(f, accents=grading.accents) for f in item.forms} for item in items]
            if ordered:
                return len(parts) == len(wanted) and all(p in w for p, w in zip(parts, wanted, strict=True))
            hits = {i for p in parts for i, w in enumerate(wanted) if p in w}
            return len(hits) >= count and len(parts) == len(hits)
        case NumberExpectation(value=value, low=low, high=high, tolerance=tolerance):
            try:
                number = float(answer.replace(",", "").replace(" ", ""))
            except ValueError:
                return False
            if isinstance(value, float | int):
                return abs(number - value) <= tolerance
            if isinstance(low, float | int) and isinstance(high, float | int):
                return low <= number <= high
            return False
        case ChoiceExpectation(choices=choices, correct=correct):
            picked = {int(p) - 1 for p in re.findall(r"\d+", answer)}
            if not picked:
                picked = {i for i, c in enumerate(choices) if normalize(c) == normalize(answer)}
            return picked == set(correct)
        case OrderExpectation(choices=choices, order=order):
            picked_order = tuple(int(p) - 1 for p in re.findall(r"\d+", answer))
            return picked_order == order
        case TruthExpectation(value=value):
            return normalize(answer) in ({"true", "t", "yes", "y"} if value else {"false", "f", "no", "n"})

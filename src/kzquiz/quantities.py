"""Grading number and date answers: units, ranges, bounds and tolerance (rules in docs/grading.md)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from kzquiz.numbers import (
    Amount,
    Bound,
    english_months,
    mend_months,
    month_slip,
    not_the_date,
    ordinal_digits,
    read_amount,
    read_date,
)
from kzquiz.textmatch import Match, mark_differences
from kzquiz.units import Unit, fact_unit, find_unit, slack
from kzquiz.values import year_of_date
from kzquiz.verdict import Verdict, format_number, partly_right, quote

if TYPE_CHECKING:
    from kzquiz.grading import NumberExpectation


def grade_number(expectation: NumberExpectation, answer: str, expected: str) -> Verdict:
    """Grade a number or a date; a right date with a misspelt month is right, as a typo with the spelling shown."""
    verdict = _grade_number(expectation, answer, expected)
    if not verdict.correct or not expectation.typos or not _is_date(expectation):
        return verdict
    slips = [(word, month) for word in _WORDS.findall(answer) if (month := month_slip(word))]
    if not slips:
        return verdict
    said = ", ".join(f"{month} (you wrote {quote(word)})" for word, month in slips)
    feedback = f"Right, but mind the spelling: {said}."
    return attrs.evolve(
        verdict, match=Match.TYPO, feedback=feedback, diff=mark_differences(answer, mend_months(answer))
    )


_WORDS = re.compile(r"[^\W\d_]+")


def _is_date(expectation: NumberExpectation) -> bool:
    return any(isinstance(v, dt.date) for v in (expectation.value, expectation.low, expectation.high))


def _grade_number(expectation: NumberExpectation, answer: str, expected: str) -> Verdict:
    value, low, high = expectation.value, expectation.low, expectation.high
    sample = next((v for v in (value, low, high) if v is not None), None)
    reading: tuple[float, float] | tuple[dt.date, dt.date] | None
    converted = ""
    slack = 0.0
    if isinstance(sample, dt.date):
        if not_the_date(answer):
            feedback = f"“{quote(answer)}” does not name the day. The answer is {expected}."
            return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
        reading = read_date(ordinal_digits(english_months(answer)), sample.year, typos=expectation.typos)
        what = "a date"
    else:
        what = "a number"
        amount = read_amount(answer)
        reading = None
        unit = fact_unit(expectation.unit)
        if amount is None and unit is None and isinstance(value, float | int):
            year = year_of_date(answer, typos=expectation.typos)  # "16 December 1991" for the year 1991
            amount = None if year is None else Amount(year, year)
        if amount is not None and amount.low_unit == amount.high_unit == "m" and unit and unit.dimension != "length":
            if unit.dimension == "duration":  # "90m" for 90 minutes
                amount = amount._replace(low_unit="min", high_unit="min")
            else:  # "19m" people, a million
                amount = amount._replace(low=amount.low * 1e6, high=amount.high * 1e6, low_unit="", high_unit="")
        if amount is not None:
            mismatch = _unit_mismatch(amount, unit)
            if mismatch:
                feedback = f"{mismatch}. The answer is {expected}."
                return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
            reading, converted, slack = _in_unit(amount, unit)
            if amount.bound is not None:
                return _grade_bound(expectation, amount.bound, reading[0], answer, expected)
    if reading is None or sample is None:
        feedback = f"I could not read {what} in “{quote(answer)}”. The answer is {expected}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
    first, last = reading
    tolerance = expectation.tolerance
    if slack and not isinstance(first, dt.date) and not isinstance(last, dt.date):
        # A converted answer is compared with a relative slack: none to speak of for exact units, 1% for months
        # and years, which have no single length. Taken of the larger side, so that conversion is symmetric.
        tolerance += slack * max(abs(first), abs(last), *(abs(v) for v in (value, low, high) if isinstance(v, float)))
    if tolerance and not isinstance(first, dt.date) and not isinstance(last, dt.date):
        # 81.4 is within 0.1 of 81.3, though their difference in binary floating point is 0.10000000000000853.
        tolerance += 1e-9 * max(abs(first), abs(last), 1.0)
    extra = tolerance - expectation.tolerance  # what a conversion allows, for the partial ranges too
    if first == last and expectation.partial and not _right(expectation, first, tolerance):
        partly = _partly_right(expectation, first, extra, answer, expected)
        if partly is not None:
            return partly
    if value is not None:
        if _gap(first, value) <= tolerance and _gap(last, value) <= tolerance:
            if converted:
                feedback = f"Right: {converted} is {expected}."
            else:
                feedback = "Right." if first == last == value else f"Right: the answer is {expected}."
            return Verdict(True, 1.0, expected, feedback, Match.EXACT, answer)
        if first != last:
            feedback = f"Give one {what[2:]}, not a range. The answer is {expected}."
        elif converted and not isinstance(first, dt.date):
            in_unit = f"{format_number(float(f'{first:.3g}'))} {expectation.unit}"
            feedback = f"Not quite: {converted} is {in_unit}. The answer is {expected}."
        else:
            feedback = f"Not quite. The answer is {expected}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
    bottom = low if low is not None else first
    top = high if high is not None else last
    if _gap(first, bottom) <= tolerance and _gap(last, top) <= tolerance:
        return Verdict(True, 1.0, expected, "Right.", Match.EXACT, answer)
    if first == last:
        if _before(bottom, first, tolerance) and _before(first, top, tolerance):
            if expectation.inside:
                return Verdict(True, 1.0, expected, f"Right: the answer is {expected}.", Match.EXACT, answer)
            feedback = f"Inside the range, but the question asks for the range: {expected}."
            return Verdict(False, 0.5, expected, feedback, Match.PARTIAL, answer)
        return Verdict(False, 0.0, expected, f"Not quite. The answer is {expected}.", Match.WRONG, answer)
    overlap = _gap(max(first, bottom), min(last, top)) if _before(max(first, bottom), min(last, top), 0) else 0.0
    span = _gap(min(first, bottom), max(last, top))
    if overlap > 0 and span > 0:
        score = min(overlap / span, 0.99)
        feedback = f"Partly right: your range overlaps the answer, {expected}."
        return Verdict(False, score, expected, feedback, Match.PARTIAL, answer)
    return Verdict(False, 0.0, expected, f"Not quite. The answer is {expected}.", Match.WRONG, answer)


def _right(expectation: NumberExpectation, number: float | dt.date, tolerance: float) -> bool:
    """A single number that earns full marks: the answer within the tolerance, or inside the range."""
    if expectation.value is not None:
        return _gap(number, expectation.value) <= tolerance
    low, high = expectation.low, expectation.high
    return low is not None and high is not None and _before(low, number, tolerance) and _before(number, high, tolerance)


def _partly_right(
    expectation: NumberExpectation, number: float | dt.date, extra: float, answer: str, expected: str
) -> Verdict | None:
    """The verdict on a number inside one of the fact's partial ranges (the one worth most), or None."""
    found = [c for low, high, c in expectation.partial if _before(low, number, extra) and _before(number, high, extra)]
    return partly_right(max(found, key=lambda c: c.credit), expected, answer) if found else None


def _unit_mismatch(amount: Amount, unit: Unit | None) -> str:
    """Why the units written in an answer cannot be the fact's unit ("" when they can, or none was written)."""
    if unit is None:
        return ""  # a fact without a unit compares the number alone
    for name in (amount.low_unit, amount.high_unit):
        written = find_unit(name, unit) if name else unit
        if written is None and name in unit.names:
            written = unit
        if written is None or written.dimension != unit.dimension:
            said = written.name if written is not None else name
            return f"You answered in {said}; the question asks for {unit.name}"
    return ""


def _in_unit(amount: Amount, unit: Unit | None) -> tuple[tuple[float, float], str, float]:
    """The amount in the fact's unit; how the answer said it when that took a conversion ("48 hours"); and the
    relative slack the conversion allows (see :func:`kzquiz.units.slack`)."""
    if unit is None:
        return (amount.low, amount.high), "", 0.0
    ends: list[float] = []
    said: list[str] = []
    most = 0.0
    for number, name in ((amount.low, amount.low_unit), (amount.high, amount.high_unit)):
        if not name and unit.scale != 1 and abs(number) >= unit.scale:
            number /= unit.scale  # "2,700,000" or "2.7 million" for a fact in "million km²"
        written = (find_unit(name, unit) or unit) if name else unit
        if written.dimension != unit.dimension or (written.size == unit.size and written.offset == unit.offset):
            ends.append(number)
            continue
        ends.append(written.convert(number, unit))
        most = max(most, slack(written, unit))
        # Not just "2.7 million km²" for a fact in million km².
        if written.size * unit.scale != unit.size or written.offset != unit.offset:
            said.append(f"{format_number(number)} {_singular(written.name) if number == 1 else written.name}")
    shown = said[0] if len(said) == 1 or (said and said[0] == said[-1]) else " to ".join(said)
    return (ends[0], ends[1]), shown, most


_SINGULAR = {"feet": "foot", "inches": "inch", "centuries": "century", "pence": "penny", "people": "person"}


def _singular(name: str) -> str:
    """A unit's name for one of it: "1 hour", "1 foot", "1 square mile", "1 US dollar"."""
    *head, last = name.split(" ")
    if last in _SINGULAR:
        last = _SINGULAR[last]
    elif last.endswith("s") and last not in ("times", "percent"):
        last = last[:-1]
    return " ".join([*head, last])


def _grade_bound(expectation: NumberExpectation, bound: Bound, number: float, answer: str, expected: str) -> Verdict:
    """A bound ("at least 3000") names one end of the answer: half credit when that end is right, else none."""
    low = expectation.low if expectation.value is None else expectation.value
    high = expectation.high if expectation.value is None else expectation.value
    end = low if bound is Bound.AT_LEAST else high
    said = f"{bound.value} {format_number(number)}"
    if isinstance(end, float | int) and abs(number - end) <= expectation.tolerance:
        which = "" if expectation.value is not None else " lower" if bound is Bound.AT_LEAST else " upper"
        feedback = f"“{said.capitalize()}” gives only the{which} end of the answer: it is {expected}."
        if expectation.value is not None:
            feedback = f"“{said.capitalize()}” is a bound, not the number: the answer is {expected}."
        return Verdict(False, 0.5, expected, feedback, Match.PARTIAL, answer)
    feedback = f"Not quite: “{said}” is not the answer. The answer is {expected}."
    return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)


def _gap(a: float | dt.date, b: float | dt.date) -> float:
    """How far apart two numbers (or two dates, in days) are."""
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return float(abs((a - b).days))
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return float("inf")
    return abs(a - b)


def _before(a: float | dt.date, b: float | dt.date, tolerance: float) -> bool:
    """``a`` is at most ``b``, give or take ``tolerance``."""
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return (a - b).days <= tolerance
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return False
    return a - b <= tolerance

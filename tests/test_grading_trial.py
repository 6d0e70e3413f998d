"""Verdicts a fair teacher would overrule, found by trying the rules of docs/grading.md on new decks, both ways.

Each table row is (expectation, answer, right?, score); the rule each group checks is named above it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kzquiz.grading import Match, NumberExpectation, grade

YEAR = NumberExpectation(1991)
CAESAR = NumberExpectation(-44)
DAY = NumberExpectation(dt.date(2022, 1, 11))
AFTER_DAYS = NumberExpectation(2, unit="days")
EMPIRE = NumberExpectation(low=-27, high=476)

NUMBER_CASES: list[tuple[NumberExpectation, str, bool, float]] = [
    # A year in words is read as a year in a number fact too, as in an answer fact.
    (YEAR, "nineteen ninety-one", True, 1),
    (YEAR, "nineteen ninety one", True, 1),
    (YEAR, "in nineteen ninety-one", True, 1),
    (NumberExpectation(1905), "nineteen oh five", True, 1),
    (NumberExpectation(2022), "twenty twenty-two", True, 1),
    (NumberExpectation(2010), "twenty ten", True, 1),
    (NumberExpectation(1900), "nineteen hundred", True, 1),
    (NumberExpectation(21), "twenty one", True, 1),
    (NumberExpectation(2500), "twenty five hundred", True, 1),
    (YEAR, "nineteen ninety", False, 0),
    (YEAR, "nineteen ninety-two", False, 0),
    # BC and BCE make a year negative (a year BC is written as a negative number in a deck); AD and CE do not.
    (YEAR, "1991 BC", False, 0),
    (YEAR, "1991 BCE", False, 0),
    (YEAR, "1991 B.C.", False, 0),
    (YEAR, "1991 AD", True, 1),
    (YEAR, "1991 CE", True, 1),
    (CAESAR, "44 BC", True, 1),
    (CAESAR, "44 B.C.E.", True, 1),
    (CAESAR, "-44", True, 1),
    (CAESAR, "44", False, 0),
    (CAESAR, "44 AD", False, 0),
    (EMPIRE, "27 BC to 476", True, 1),
    (NumberExpectation(low=-100, high=-44), "100-44 BC", True, 1),
    (NumberExpectation(low=-100, high=-44), "100-44", False, 0),
    # "not" before a number says what the answer is not.
    (YEAR, "not 1991", False, 0),
    (YEAR, "never 1991", False, 0),
    (YEAR, "it was not 1991", False, 0),
    # "before" and "after" a number without a unit are bounds, never the number itself.
    (YEAR, "before 1991", False, 0.5),
    (YEAR, "after 1991", False, 0.5),
    (YEAR, "earlier than 1991", False, 0.5),
    (YEAR, "later than 1991", False, 0.5),
    (YEAR, "after 1980", False, 0),
    (YEAR, "since 1991", True, 1),
    (AFTER_DAYS, "after 2 days", True, 1),
    (AFTER_DAYS, "2 days later", True, 1),
    # A date said only to exclude or bound it names no day.
    (DAY, "before 11 January 2022", False, 0),
    (DAY, "after 11 January", False, 0),
    (DAY, "not 11 January 2022", False, 0),
    (DAY, "not on the 11 January 2022", False, 0),
    (DAY, "11 January 2022 BC", False, 0),
    (DAY, "on 11 January 2022", True, 1),
    (DAY, "Tuesday, 11 January 2022", True, 1),
    (DAY, "I'm not sure: 11 January", True, 1),
]


@pytest.mark.parametrize(("expectation", "answer", "correct", "score"), NUMBER_CASES)
def test_number_answers(expectation: NumberExpectation, answer: str, correct: bool, score: float) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.score) == (correct, pytest.approx(score)), verdict.feedback


def test_a_bounded_date_says_it_names_no_day() -> None:
    verdict = grade(DAY, "before 11 January 2022")
    assert verdict.match is Match.WRONG
    assert verdict.feedback == "“before 11 January 2022” does not name the day. The answer is 2022-01-11."

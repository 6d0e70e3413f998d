"""Dates with a misspelt month, and people's names in another order (follow-ups of grading v2)."""

from __future__ import annotations

import datetime as dt

import pytest

import kzquiz
from kzquiz import Answer, Grading
from kzquiz.folding import name_orders
from kzquiz.grading import ChoiceExpectation, ListExpectation, NumberExpectation, TextExpectation, grade
from kzquiz.numbers import mend_months, month_slip, read_date
from kzquiz.textmatch import Match

PUBLISHED = NumberExpectation(dt.date(2022, 1, 15))
SEPT_3 = TextExpectation((Answer("3 September 2021"),))
JUNE_5 = NumberExpectation(dt.date(2022, 6, 5))
STRICT_DATE = NumberExpectation(dt.date(2022, 1, 15), typos=False)
PEOPLE = Grading(surname=True)
MASIMOV = TextExpectation((Answer("Karim Masimov", ("Karim Qajymqanuly Masimov",)),), ("Askar Mamin",), PEOPLE)
TOKAYEV = TextExpectation(
    (Answer("Kassym-Jomart Tokayev", ("Kassym-Jomart Kemeluly Tokayev",)),), ("Nursultan Nazarbayev",), PEOPLE
)
CITY = TextExpectation((Answer("New York"),), ("Boston",))
NOT_PEOPLE = TextExpectation((Answer("Karim Masimov"),))  # surname not set: the deck does not say it is a person


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Janury", "January"),
        ("Febuary", "February"),
        ("Feburary", "February"),
        ("Marhc", "March"),
        ("Agust", "August"),
        ("Septmber", "September"),
        ("Setpember", "September"),
        ("Ocotber", "October"),
        ("Novembre", "November"),
        ("Decmber", "December"),
        ("Septembr", "September"),
        ("January", ""),  # spelt right: nothing to mend
        ("Jully", ""),  # July has four letters: no slip allowed, like any four-letter word
        ("Juen", ""),
        ("Mayor", ""),
        ("Tuesday", ""),
        ("Marsh", "March"),
    ],
)
def test_a_month_slip_is_the_month_the_typo_rule_allows(word: str, month: str) -> None:
    assert month_slip(word) == month


def test_mending_keeps_the_rest_of_the_text() -> None:
    assert mend_months("15 Janury 2022, or so") == "15 January 2022, or so"
    assert mend_months("Sept 3rd 2021") == "Sept 3rd 2021"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("15 Janury 2022", dt.date(2022, 1, 15)),
        ("Janury 15, 2022", dt.date(2022, 1, 15)),
        ("the 15th of Janaury", dt.date(2022, 1, 15)),
        ("3 Febuary", dt.date(2022, 2, 3)),
        ("Sept 3rd 2021", dt.date(2021, 9, 3)),
        ("Septmber 3rd, 2021", dt.date(2021, 9, 3)),
    ],
)
def test_dates_with_a_misspelt_month_are_read(text: str, date: dt.date) -> None:
    assert read_date(text, 2022) == (date, date)


def test_without_typos_a_misspelt_month_is_no_date() -> None:
    assert read_date("15 Janury 2022", 2022, typos=False) is None
    assert not grade(STRICT_DATE, "15 Janury 2022").correct
    assert grade(STRICT_DATE, "15 January 2022").correct


@pytest.mark.parametrize(
    ("expectation", "answer", "correct", "match"),
    [
        (PUBLISHED, "15 Janury 2022", True, Match.TYPO),
        (PUBLISHED, "Janury 15", True, Match.TYPO),
        (PUBLISHED, "15 January 2022", True, Match.EXACT),
        (PUBLISHED, "15 Febuary 2022", False, Match.WRONG),  # February is another month: a wrong date
        (PUBLISHED, "16 Janury 2022", False, Match.WRONG),
        (JUNE_5, "5 July", False, Match.WRONG),  # both real months: never a slip of each other
        (JUNE_5, "5 Jnue", False, Match.WRONG),  # four letters: no slip allowed
        (JUNE_5, "5 June", True, Match.EXACT),
        (SEPT_3, "Sept 3rd 2021", True, Match.EXACT),
        (SEPT_3, "Septmber 3, 2021", True, Match.TYPO),
        (SEPT_3, "3 Setpember 2021", True, Match.TYPO),
        (SEPT_3, "3 Octobre 2021", False, Match.WRONG),
    ],
)
def test_a_misspelt_month_is_a_typo_never_another_month(
    expectation: NumberExpectation | TextExpectation, answer: str, correct: bool, match: Match
) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.match) == (correct, match), verdict.feedback


def test_the_feedback_shows_the_month_spelt_right() -> None:
    verdict = grade(PUBLISHED, "15 Janury 2022")
    assert verdict.feedback == "Right, but mind the spelling: January (you wrote Janury)."
    assert verdict.diff == "15 Janu[+a]ry 2022"
    typed = grade(SEPT_3, "Septmber 3, 2021")
    assert typed.feedback == "Almost: you wrote Septmber 3, 2021, the spelling is September 3, 2021."


def test_a_date_fact_in_the_bundled_deck_takes_a_misspelt_month() -> None:
    question = kzquiz.bundled_deck().question("kazakhstan-2022/article-date/entry")
    assert question.check("15 Janury 2022").correct
    assert question.check("Janury 15th, 2022").match is Match.TYPO
    assert not question.check("15 Junary 2021").correct


def test_name_orders() -> None:
    assert name_orders("Karim Masimov") == ["Masimov Karim"]
    assert name_orders("Tokayev, Kassym-Jomart") == ["Kassym-Jomart Tokayev"]
    assert len(name_orders("Kassym-Jomart Kemeluly Tokayev")) == 5
    assert name_orders("Anna Maria Luisa de Medici") == [
        "Maria Luisa de Medici Anna",
        "Luisa de Medici Anna Maria",
        "de Medici Anna Maria Luisa",
        "Medici Anna Maria Luisa de",
    ]
    assert name_orders("Madonna") == []


@pytest.mark.parametrize(
    ("expectation", "answer", "correct", "match"),
    [
        (MASIMOV, "Masimov Karim", True, Match.ALIAS),
        (MASIMOV, "Masimov, Karim", True, Match.ALIAS),
        (MASIMOV, "MASIMOV Karim", True, Match.ALIAS),
        (MASIMOV, "Masimov Karim Qajymqanuly", True, Match.ALIAS),
        (MASIMOV, "Masimow Karim", True, Match.TYPO),
        (MASIMOV, "Масимов Карим", True, Match.TRANSLITERATION),
        (MASIMOV, "Mamin Askar", False, Match.WRONG),  # a known wrong answer in another order stays wrong
        (MASIMOV, "Masimov Askar", False, Match.WRONG),
        (TOKAYEV, "Tokayev, Kassym-Jomart", True, Match.ALIAS),
        (TOKAYEV, "Tokayev Kassym-Jomart Kemeluly", True, Match.ALIAS),
        (TOKAYEV, "President Tokayev Kassym-Jomart", True, Match.ALIAS),
        (TOKAYEV, "Nazarbayev Nursultan", False, Match.WRONG),
        (CITY, "York New", False, Match.WRONG),  # not a person's name: words in order
        (CITY, "New York", True, Match.EXACT),
        (NOT_PEOPLE, "Masimov Karim", False, Match.WRONG),
    ],
)
def test_a_persons_name_in_another_order(
    expectation: TextExpectation, answer: str, correct: bool, match: Match
) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.match) == (correct, match), verdict.feedback


def test_a_reordered_name_is_shown_in_the_decks_order() -> None:
    assert grade(MASIMOV, "Masimov Karim").feedback == "Right: Karim Masimov."
    assert grade(TOKAYEV, "Nazarbayev Nursultan").feedback.startswith("No: Nursultan Nazarbayev is a different")


def test_names_in_another_order_in_lists_and_options() -> None:
    people = ListExpectation((Answer("Kassym-Jomart Tokayev"), Answer("Karim Masimov")), 2, False, (), PEOPLE)
    assert grade(people, "Masimov Karim; Tokayev Kassym-Jomart").correct
    options = ("Karim Masimov", "Askar Mamin", "Nursultan Nazarbayev")
    assert grade(ChoiceExpectation(options, frozenset({0}), grading=PEOPLE), "Masimov Karim").correct
    cities = ("New York", "York", "Boston")
    assert not grade(ChoiceExpectation(cities, frozenset({0})), "York New").correct


def test_the_bundled_deck_takes_surname_first() -> None:
    deck = kzquiz.bundled_deck()
    assert deck.question("kazakhstan-2022/nsc-chief/recall").check("Masimov Karim").correct
    assert deck.question("kazakhstan-2022/current-president/recall").check("Tokayev, Kassym-Jomart").correct
    assert not deck.question("kazakhstan-2022/current-president/recall").check("Nazarbayev Nursultan").correct

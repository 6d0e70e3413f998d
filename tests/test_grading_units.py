"""Numbers with units and bounds: one table of (expectation, answer, verdict) cases, both ways, and properties.

The rules are in docs/grading.md, "Units" and "Bounds".
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.convert.tabular import write_table
from kzquiz.grading import Match, NumberExpectation, grade
from kzquiz.numbers import Bound, read_amount
from kzquiz.units import UNITS, Unit, fact_unit, find_unit, nearest_names

DAYS = NumberExpectation(2, unit="days")
DOLLARS = NumberExpectation(200, unit="dollars")
DETAINED = NumberExpectation(low=3000, high=6000)
PEOPLE = NumberExpectation(low=3000, high=6000, unit="people")
KM = NumberExpectation(2, unit="km")
YEARS = NumberExpectation(2, unit="years")
HOURS = NumberExpectation(3.5, unit="hours")
AREA = NumberExpectation(2.7, unit="million square kilometres")
SQ_KM = NumberExpectation(5, unit="km²")
SHARE = NumberExpectation(40, unit="%")
TENGE = NumberExpectation(5000, unit="tenge")
EUROS = NumberExpectation(50, unit="euros")
TONNES = NumberExpectation(3, unit="tonnes")
VILLAGES = NumberExpectation(120, unit="villages")
NO_UNIT = NumberExpectation(200)
TIMES = NumberExpectation(3, unit="times")
CAD = NumberExpectation(20, unit="Canadian dollars")

E, P, W = Match.EXACT, Match.PARTIAL, Match.WRONG

CASES: list[tuple[NumberExpectation, str, bool, Match, float]] = [
    # Durations: same unit, no unit, converted; a different size of unit is a different amount.
    (DAYS, "2", True, E, 1),
    (DAYS, "2 days", True, E, 1),
    (DAYS, "two days", True, E, 1),
    (DAYS, "within 2 days", True, E, 1),
    (DAYS, "48 hours", True, E, 1),
    (DAYS, "48 h", True, E, 1),
    (DAYS, "2880 minutes", True, E, 1),
    (DAYS, "172,800 seconds", True, E, 1),
    (DAYS, "2 d", True, E, 1),
    (DAYS, "2 weeks", False, W, 0),
    (DAYS, "2 years", False, W, 0),
    (DAYS, "2 hours", False, W, 0),
    (DAYS, "2 months", False, W, 0),
    (DAYS, "24 hours", False, W, 0),
    (DAYS, "2 km", False, W, 0),
    (DAYS, "$2", False, W, 0),
    (YEARS, "730 days", True, E, 1),
    (YEARS, "24 months", True, E, 1),
    (YEARS, "104 weeks", True, E, 1),
    (YEARS, "2 yrs", True, E, 1),
    (YEARS, "700 days", False, W, 0),
    (YEARS, "2 decades", False, W, 0),
    (HOURS, "210 minutes", True, E, 1),
    (HOURS, "3.5 hours", True, E, 1),
    (HOURS, "3.5", True, E, 1),
    (HOURS, "3 hours", False, W, 0),
    (HOURS, "3.5 days", False, W, 0),
    # Currencies: symbols, codes and names; another currency is never converted.
    (DOLLARS, "$200", True, E, 1),
    (DOLLARS, "200$", True, E, 1),
    (DOLLARS, "200", True, E, 1),
    (DOLLARS, "200 dollars", True, E, 1),
    (DOLLARS, "200 US dollars", True, E, 1),
    (DOLLARS, "USD 200", True, E, 1),
    (DOLLARS, "200 usd", True, E, 1),
    (DOLLARS, "US$200", True, E, 1),
    (DOLLARS, "two hundred dollars", True, E, 1),
    (DOLLARS, "about 200 bucks", True, E, 1),
    (DOLLARS, "200 euros", False, W, 0),
    (DOLLARS, "€200", False, W, 0),
    (DOLLARS, "200 tenge", False, W, 0),
    (DOLLARS, "₸200", False, W, 0),
    (DOLLARS, "200 roubles", False, W, 0),
    (DOLLARS, "200 rubles", False, W, 0),
    (DOLLARS, "200 ₽", False, W, 0),
    (DOLLARS, "£200", False, W, 0),
    (DOLLARS, "200 Canadian dollars", False, W, 0),
    (DOLLARS, "200 days", False, W, 0),
    (DOLLARS, "300 dollars", False, W, 0),
    (CAD, "20 dollars", True, E, 1),
    (CAD, "C$20", True, E, 1),
    (CAD, "20 CAD", True, E, 1),
    (CAD, "20 USD", False, W, 0),
    (TENGE, "5000 tenge", True, E, 1),
    (TENGE, "5,000 ₸", True, E, 1),
    (TENGE, "KZT 5000", True, E, 1),
    (TENGE, "5000 roubles", False, W, 0),
    (EUROS, "€50", True, E, 1),
    (EUROS, "50 euro", True, E, 1),
    (EUROS, "50 EUR", True, E, 1),
    (EUROS, "$50", False, W, 0),
    # Lengths, areas, masses, shares and counts.
    (KM, "2 km", True, E, 1),
    (KM, "2,000 m", True, E, 1),
    (KM, "2000 metres", True, E, 1),
    (KM, "2 kilometres", True, E, 1),
    (KM, "2 kilometers", True, E, 1),
    (KM, "200,000 cm", True, E, 1),
    (KM, "2 miles", False, W, 0),
    (KM, "2 m", False, W, 0),
    (KM, "2 kg", False, W, 0),
    (SQ_KM, "5 square kilometres", True, E, 1),
    (SQ_KM, "5 sq km", True, E, 1),
    (SQ_KM, "500 hectares", True, E, 1),
    (SQ_KM, "5 km", False, W, 0),
    (TONNES, "3000 kg", True, E, 1),
    (TONNES, "3 t", True, E, 1),
    (TONNES, "3000 lb", False, W, 0),
    (SHARE, "40%", True, E, 1),
    (SHARE, "40 percent", True, E, 1),
    (SHARE, "40 per cent", True, E, 1),
    (SHARE, "40", True, E, 1),
    (SHARE, "40 km", False, W, 0),
    (SHARE, "4%", False, W, 0),
    (TIMES, "3 times", True, E, 1),
    (TIMES, "three times", True, E, 1),
    (TIMES, "3 days", False, W, 0),
    (VILLAGES, "120 villages", True, E, 1),
    (VILLAGES, "120", True, E, 1),
    (VILLAGES, "120 km", False, W, 0),
    (VILLAGES, "$120", False, W, 0),
    (NO_UNIT, "200 dollars", True, E, 1),
    (NO_UNIT, "200 km", True, E, 1),
    (PEOPLE, "4000 people", True, E, 1),
    (PEOPLE, "3000-6000 people", True, E, 1),
    (PEOPLE, "between 3,000 and 6,000 persons", True, E, 1),
    (PEOPLE, "4000 dollars", False, W, 0),
    # Bounds: half credit for the end of the answer they name, nothing for a wrong end.
    (DETAINED, "at least 3000", False, P, 0.5),
    (DETAINED, "3000+", False, P, 0.5),
    (DETAINED, "more than 3,000", False, P, 0.5),
    (DETAINED, "over 3000", False, P, 0.5),
    (DETAINED, "above 3000", False, P, 0.5),
    (DETAINED, "3000 or more", False, P, 0.5),
    (DETAINED, "no less than 3000", False, P, 0.5),
    (DETAINED, "up to 6000", False, P, 0.5),
    (DETAINED, "under 6,000", False, P, 0.5),
    (DETAINED, "less than 6000", False, P, 0.5),
    (DETAINED, "no more than 6000", False, P, 0.5),
    (DETAINED, "at most 6000", False, P, 0.5),
    (DETAINED, "6000 or fewer", False, P, 0.5),
    (DETAINED, "at least 6000", False, W, 0),
    (DETAINED, "at least 4000", False, W, 0),
    (DETAINED, "up to 3000", False, W, 0),
    (DETAINED, "more than 1000", False, W, 0),
    (DETAINED, "under 10,000", False, W, 0),
    (DETAINED, "3000 to 6000", True, E, 1),
    (DETAINED, "about 4000", True, E, 1),
    (PEOPLE, "more than 3,000 people", False, P, 0.5),
    (PEOPLE, "3000+ people", False, P, 0.5),
    (DOLLARS, "at least $200", False, P, 0.5),
    (DOLLARS, "more than 100 dollars", False, W, 0),
    (DAYS, "up to 48 hours", False, P, 0.5),
    (DAYS, "at most 2 days", False, P, 0.5),
]


@pytest.mark.parametrize(("expectation", "answer", "correct", "match", "score"), CASES)
def test_units_and_bounds(
    expectation: NumberExpectation, answer: str, correct: bool, match: Match, score: float
) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.match, verdict.score) == (correct, match, pytest.approx(score)), verdict.feedback


def test_feedback_says_why_a_unit_is_wrong_or_converted() -> None:
    assert grade(DOLLARS, "200 euros").feedback == (
        "You answered in euros; the question asks for US dollars. The answer is 200 dollars."
    )
    assert grade(DAYS, "2 weeks").feedback == "Not quite: 2 weeks is 14 days. The answer is 2 days."
    assert grade(DAYS, "48 hours").feedback == "Right: 48 hours is 2 days."
    assert grade(DAYS, "2 km").feedback == (
        "You answered in kilometres; the question asks for days. The answer is 2 days."
    )
    assert grade(DETAINED, "at least 3000").feedback == (
        "“At least 3000” gives only the lower end of the answer: it is 3000 to 6000."
    )
    assert grade(DOLLARS, "at least $200").feedback == (
        "“At least 200” is a bound, not the number: the answer is 200 dollars."
    )


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("at least 3000", Bound.AT_LEAST),
        ("3000+", Bound.AT_LEAST),
        ("3000 and above", Bound.AT_LEAST),
        ("not less than 3000", Bound.AT_LEAST),
        ("no more than 3000", Bound.AT_MOST),
        ("fewer than 3000", Bound.AT_MOST),
        ("3000 or less", Bound.AT_MOST),
        ("about 3000", None),
        ("within 3000 days", None),
    ],
)
def test_bounds_are_read(text: str, bound: Bound | None) -> None:
    amount = read_amount(text)
    assert amount is not None
    assert amount.bound is bound


def test_fact_units_and_ambiguous_names() -> None:
    dollars = fact_unit("dollars")
    assert dollars is not None
    assert dollars.name == "US dollars"
    cad = find_unit("Canadian dollars")
    assert find_unit("dollars", prefer=cad) is cad
    assert find_unit("pounds", prefer=find_unit("kg")) == find_unit("lb")
    assert find_unit("pounds", prefer=find_unit("GBP")) == find_unit("£")
    villages = fact_unit("villages")
    assert villages is not None
    assert villages.dimension == "count of villages"
    assert fact_unit("") is None
    assert nearest_names("dayz")[:2] == ["days", "day"] or "days" in nearest_names("dayz")


def test_an_unknown_unit_is_a_validation_warning_with_the_nearest_names() -> None:
    text = """
[deck]
id = "u"
title = "U"

[[facts]]
id = "wait"
kind = "number"
question = "How long?"
answer = 2
unit = "dayz"
quote = "two days"
"""
    problems = kzquiz.check_deck(text.encode(), "u.toml")
    (problem,) = [p for p in problems if p.field == "wait.unit"]
    assert problem.line == 11
    assert "unknown unit `dayz`" in problem.message
    assert "`days`" in problem.hint


UNIT_NAMES = st.sampled_from([unit for unit in UNITS if unit.dimension in ("duration", "length", "area", "mass")])


@given(UNIT_NAMES, UNIT_NAMES, st.integers(1, 10_000))
def test_unit_conversion_is_symmetric(first: Unit, second: Unit, number: int) -> None:
    """If "N first" is right for a fact in ``second``, the converted amount in ``second`` is right the other way."""
    if first.dimension != second.dimension:
        verdict = grade(NumberExpectation(float(number), unit=second.names[-1]), f"{number} {first.names[-1]}")
        assert not verdict.correct
        return
    converted = first.convert(float(number), second)
    forward = grade(NumberExpectation(converted, unit=second.names[-1]), f"{number} {first.names[-1]}")
    assert forward.correct, forward.feedback
    written = format(Decimal(repr(converted)), "f")  # every significant digit: 1 m² is 0.000000386102158542446 mi²
    back = grade(NumberExpectation(float(number), unit=first.names[-1]), f"{written} {second.names[-1]}")
    assert back.correct, back.feedback
    wrong = grade(NumberExpectation(converted * 1.5, unit=second.names[-1]), f"{number} {first.names[-1]}")
    assert not wrong.correct


@pytest.fixture(scope="module")
def bundled() -> kzquiz.Deck:
    return kzquiz.load_deck(kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK])


@pytest.mark.parametrize(
    ("question_id", "answer", "correct", "score"),
    [
        ("csto-withdrawal-days/entry", "2 weeks", False, 0),
        ("csto-withdrawal-days/entry", "2 years", False, 0),
        ("csto-withdrawal-days/entry", "2 hours", False, 0),
        ("csto-withdrawal-days/entry", "48 hours", True, 1),
        ("csto-withdrawal-days/entry", "two days", True, 1),
        ("confession-payment/entry", "200 euros", False, 0),
        ("confession-payment/entry", "200 tenge", False, 0),
        ("confession-payment/entry", "200 roubles", False, 0),
        ("confession-payment/entry", "$200", True, 1),
        ("confession-payment/entry", "200 US dollars", True, 1),
        ("detained-count/entry", "at least 3000", False, 0.5),
        ("detained-count/entry", "3000+", False, 0.5),
        ("detained-count/entry", "between 3000 and 6000", True, 1),
    ],
)
def test_bad_verdicts_of_the_bundled_deck_are_fixed(
    bundled: kzquiz.Deck, question_id: str, answer: str, correct: bool, score: float
) -> None:
    verdict = bundled.question(f"kazakhstan-2022/{question_id}").check(answer)
    assert (verdict.correct, verdict.score) == (correct, pytest.approx(score)), verdict.feedback


@pytest.mark.parametrize(
    ("expectation", "answer", "correct"),
    [
        (DAYS, "a day", False),
        (NumberExpectation(1, unit="days"), "a day", True),
        (NumberExpectation(0.5, unit="hours"), "half an hour", True),
        (NumberExpectation(12, unit="hours"), "half a day", True),
        (NumberExpectation(12, unit="hours"), "a day", False),
        (NumberExpectation(1, unit="weeks"), "a week", True),
        (NumberExpectation(30, unit="days"), "a month", False),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "2.7", True),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "2.7 million", True),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "2,700,000 square kilometres", True),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "270 million hectares", True),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "2.7 million miles", False),
        (NumberExpectation(2.7, 0.05, unit="million km²"), "3.5", False),
        (NumberExpectation(5, unit="thousand people"), "5000 people", True),
        (NumberExpectation(5, unit="thousand people"), "5 thousand", True),
        (NumberExpectation(5, unit="thousand people"), "5000 dollars", False),
    ],
)
def test_one_unit_said_in_words_and_units_with_a_number_word(
    expectation: NumberExpectation, answer: str, correct: bool
) -> None:
    verdict = grade(expectation, answer)
    assert verdict.correct is correct, verdict.feedback


def test_a_year_is_never_shown_with_a_thousands_separator() -> None:
    deck = kzquiz.loads_deck(
        """
[deck]
id = "y"
title = "Years"

[[facts]]
id = "founded"
kind = "number"
question = "In which year was the city founded?"
answer = 1854
quote = "founded in 1854"
"""
    )
    question = deck.questions[0]
    assert question.expected == "1854"
    assert question.check("1900").feedback == "Not quite. The answer is 1854."
    assert "founded,In which year was the city founded?,1854," in write_table(deck)
    assert grade(NumberExpectation(12_500), "1").expected == "12 500"

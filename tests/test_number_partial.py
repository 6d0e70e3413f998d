"""Partial credit for numbers: a second, wider tolerance or range worth part of the marks (Moodle's
``{#=1822:0 =%50%1822:2}``), read from decks, validated, graded and carried through GIFT."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz import Answer, NumberFact, PartialAnswer, PartialRange
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.grading import Match, TextExpectation, grade
from kzquiz.scheduling import Rating, rating_for
from partialtools import deck, problems

BORN = """\
[[facts]]
id = "born"
kind = "number"
question = "When was Ulysses S. Grant born?"
answer = 1822
partial = [{ tolerance = 2, credit = 0.5, feedback = "He was born in 1822." }]
"""

URAL = """\
[[facts]]
id = "ural"
kind = "number"
question = "How long is the Ural river?"
answer = 2428
unit = "km"
tolerance = 10
partial = [{ tolerance = 100, credit = 0.5 }, { min = 2000, max = 3000, credit = 0.25 }]
"""

DETAINED = """\
[[facts]]
id = "detained"
kind = "number"
question = "How many people were detained?"
min = 3000
max = 6000
partial = [{ tolerance = 1000, credit = 0.5 }]
"""

INTERNET = """\
[[facts]]
id = "internet"
kind = "number"
question = "From which day was the internet back?"
answer = 2022-01-11
partial = [{ min = 2022-01-01, max = 2022-01-31, credit = 0.25 }]
"""

# Moodle's documentation, GIFT format, "Numerical": full marks for 1822, half within two years.
MOODLE_BORN = """\
When was Ulysses S. Grant born? {#
    =1822:0      # Correct! Full credit.
    =%50%1822:2  # He was born in 1822. Half credit for being close.
}"""


@pytest.mark.parametrize(
    ("fact", "answer", "score"),
    [
        (BORN, "1822", 1.0),
        (BORN, "in 1822", 1.0),
        (BORN, "1821", 0.5),
        (BORN, "1820", 0.5),
        (BORN, "1824", 0.5),
        (BORN, "about 1823", 0.5),
        (BORN, "1825", 0.0),
        (BORN, "1819", 0.0),
        (BORN, "1821-1823", 0.0),  # a range where one number is asked
        (URAL, "2428", 1.0),
        (URAL, "2437 km", 1.0),
        (URAL, "2439", 0.5),
        (URAL, "2528", 0.5),
        (URAL, "2 500 000 m", 0.5),  # converted, then compared
        (URAL, "2529", 0.25),
        (URAL, "2000", 0.25),
        (URAL, "3001", 0.0),
        (URAL, "2500 miles", 0.0),  # another unit: wrong whatever the number
        (DETAINED, "4000", 1.0),
        (DETAINED, "3000 to 6000", 1.0),
        (DETAINED, "2500", 0.5),
        (DETAINED, "7000", 0.5),
        (DETAINED, "7001", 0.0),
        (INTERNET, "11 January 2022", 1.0),
        (INTERNET, "2022-01-20", 0.25),
        (INTERNET, "1 February 2022", 0.0),
    ],
)
def test_a_close_number_earns_the_credit_of_its_range(fact: str, answer: str, score: float) -> None:
    [question] = deck(fact).questions
    verdict = question.check(answer)
    assert verdict.score == score
    assert verdict.match is (Match.PARTIAL if 0 < score < 1 else Match.WRONG if score == 0 else Match.EXACT)
    assert verdict.correct is (score == 1)


def test_the_feedback_gives_the_credit_the_teachers_words_or_the_range_and_the_answer() -> None:
    [born] = deck(BORN).questions
    assert born.check("1821").feedback == "Partly right (50%): He was born in 1822. The answer is 1822."
    [ural] = deck(URAL).questions
    assert ural.check("2900").feedback == (
        "Partly right (25%): close, between 2000 and 3000. The answer is 2428 (± 10) km."
    )
    assert ural.check("2500").feedback == (
        "Partly right (50%): close, between 2328 and 2528. The answer is 2428 (± 10) km."
    )


def test_a_close_number_is_rated_as_other_partial_answers() -> None:
    [ural] = deck(URAL).questions
    assert rating_for(ural, ural.check("2500")) is Rating.HARD
    assert rating_for(ural, ural.check("2900")) is Rating.AGAIN


def test_the_fact_keeps_what_the_deck_says() -> None:
    [ural] = deck(URAL).facts
    assert isinstance(ural, NumberFact)
    assert ural.partial == (PartialRange(0.5, tolerance=100.0), PartialRange(0.25, low=2000.0, high=3000.0))
    assert [(low, high) for low, high, _ in ural.partial_bounds()] == [(2328, 2528), (2000, 3000)]


@pytest.mark.parametrize(
    ("partial", "message"),
    [
        (
            "[{ tolerance = 0, credit = 0.5 }]",
            "t.toml:10:14: born.partial[0].tolerance: must be wider than the fact's own tolerance (0) "
            "(a number within the fact's tolerance already earns full marks)",
        ),
        (
            "[{ min = 1823, max = 1830, credit = 0.5 }]",
            "t.toml:10:12: born.partial[0]: the partial range 1823 to 1830 must contain the fact's own answer (1822) "
            "and be wider (an answer inside the fact's own range already earns full marks)",
        ),
        (
            "[{ min = 1825, max = 1820, credit = 0.5 }]",
            "t.toml:10:14: born.partial[0].min: min (1825) is greater than max (1820) (swap them)",
        ),
        (
            "[{ tolerance = 2, min = 1820, max = 1825, credit = 0.5 }]",
            "t.toml:10:12: born.partial[0]: give a `tolerance` or `min` and `max`, not both "
            "(such as {tolerance = 2, credit = 0.5})",
        ),
        (
            "[{ credit = 0.5 }]",
            "t.toml:10:12: born.partial[0]: give a `tolerance` or `min` and `max`, one of them "
            "(such as {tolerance = 2, credit = 0.5})",
        ),
        (
            "[{ tolerance = 2 }]",
            "t.toml:10:12: born.partial[0]: missing required key `credit` (a number between 0 and 1, such as 0.5)",
        ),
        (
            "[{ tolerance = 2, credit = 1 }]",
            "t.toml:10:29: born.partial[0].credit: must be between 0 and 1 (both excluded), not 1 "
            "(widen the fact's `tolerance` instead)",
        ),
        (
            "[{ min = 2022-01-01, max = 2022-12-31, credit = 0.5 }]",
            "t.toml:10:14: born.partial[0].min: must be a number, as the fact's answer is",
        ),
        (
            "[{ tolerance = 2, credit = 0.5, text = 'x' }]",
            "t.toml:10:43: born.partial[0].text: unknown key `text` "
            "(allowed keys: credit, tolerance, min, max, feedback)",
        ),
        ('"1820"', "t.toml:10:1: born.partial: must be a list of tables, not a string"),
    ],
)
def test_impossible_ranges_are_refused_with_where_and_why(partial: str, message: str) -> None:
    lines = [line for line in BORN.splitlines() if not line.startswith("partial")]
    assert problems("\n".join([*lines, f"partial = {partial}"]) + "\n") == [message]


def test_moodles_documentation_example_imports_with_its_half_credit_and_grades_as_moodle() -> None:
    result = read_gift(MOODLE_BORN, "moodle.gift", "moodle", "Moodle")
    assert not result.skipped
    [fact] = result.deck.facts
    assert isinstance(fact, NumberFact)
    assert fact.partial == (
        PartialRange(0.5, tolerance=2.0, feedback="He was born in 1822. Half credit for being close."),
    )
    assert "Moodle gave" not in fact.note
    [question] = result.deck.questions
    # Moodle: the first answer that matches gives its fraction; 1822 matches the full one first.
    scores = {year: question.check(str(year)).score for year in range(1818, 1827)}
    assert scores == {1818: 0, 1819: 0, 1820: 0.5, 1821: 0.5, 1822: 1, 1823: 0.5, 1824: 0.5, 1825: 0, 1826: 0}


def test_a_partial_number_that_does_not_contain_the_answer_stays_in_the_note() -> None:
    result = read_gift("Pi? {#=3.14159:0.00001 =%50%3.1..3.2 =%10%5:0.5}", "m.gift", "m", "M")
    [fact] = result.deck.facts
    assert isinstance(fact, NumberFact)
    assert fact.partial == (PartialRange(0.5, low=3.1, high=3.2),)
    assert fact.note == "Moodle gave 10% credit for 5 ± 0.5."


def test_export_then_import_keeps_every_range() -> None:
    original = deck(BORN + "\n" + URAL + "\n" + DETAINED)
    text, left_out = write_gift(original)
    assert not left_out
    assert "{#=1822 =%50%1822:2#He was born in 1822.}" in text
    assert "{#=2428:10 =%50%2428:100 =%25%2000..3000}" in text
    assert "{#=3000..6000 =%50%2000..7000}" in text
    again = read_gift(text, "t.gift", "t", "Test").deck

    def ranges(facts: tuple[kzquiz.AnyFact, ...]) -> list[list[tuple[object, ...]]]:
        return [[(lo, hi, p.credit, p.feedback) for lo, hi, p in f.partial_bounds()] for f in facts]  # type: ignore[union-attr]

    assert ranges(again.facts) == ranges(original.facts)


@given(
    value=st.integers(min_value=-10_000, max_value=10_000),
    tolerance=st.integers(min_value=0, max_value=50),
    wider=st.integers(min_value=1, max_value=50),
    credit=st.integers(min_value=1, max_value=99),
    offset=st.integers(min_value=-200, max_value=200),
)
def test_a_number_scores_full_marks_its_ranges_credit_or_nothing(
    value: int, tolerance: int, wider: int, credit: int, offset: int
) -> None:
    fact = f'[[facts]]\nid = "n"\nkind = "number"\nquestion = "N?"\nanswer = {value}\ntolerance = {tolerance}\n'
    fact += f"partial = [{{ tolerance = {tolerance + wider}, credit = {credit / 100} }}]\n"
    [question] = deck(fact).questions
    score = question.check(str(value + offset)).score
    assert 0 <= score <= 1
    expected = 1.0 if abs(offset) <= tolerance else credit / 100 if abs(offset) <= tolerance + wider else 0.0
    assert score == expected


OTHER_LETTERS = st.text(alphabet="bcdfgklmpsuvwy", min_size=6, max_size=12)


@given(partial=OTHER_LETTERS, position=st.integers(min_value=0), letter=st.sampled_from("bcdfgklmpsuvwy"))
def test_a_typo_of_a_partial_answer_never_earns_more_than_its_credit(partial: str, position: int, letter: str) -> None:
    expectation = TextExpectation((Answer("Nazareth"),), partial=(PartialAnswer(partial, 0.4),))
    place = position % len(partial)
    typo = partial[:place] + letter + partial[place + 1 :]
    verdict = grade(expectation, typo)
    assert verdict.score in (0.0, 0.4)
    assert not verdict.correct

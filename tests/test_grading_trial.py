"""Verdicts a fair teacher would overrule, found by trying the rules of docs/grading.md on new decks, both ways.

Each table row is (expectation, answer, right?, score); the rule each group checks is named above it.
"""

from __future__ import annotations

import datetime as dt

import pytest

import kzquiz
from kzquiz import Answer, Grading
from kzquiz.grading import ChoiceExpectation, ListExpectation, Match, NumberExpectation, TextExpectation, grade
from kzquiz.questionwords import blank_words, head_words

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


DOLLARS = NumberExpectation(200, unit="dollars")
AREA = NumberExpectation(2.7, unit="million km²")
SQ_KM = NumberExpectation(5, unit="km²")
MINUTES = NumberExpectation(90, unit="minutes")
PEOPLE = NumberExpectation(19_000_000, unit="people")
DETAINED = NumberExpectation(low=3000, high=6000)
HEIGHT = NumberExpectation(71, unit="inches")

UNIT_CASES: list[tuple[NumberExpectation, str, bool, float]] = [
    # Cents, pence, tiyn and kopecks are hundredths of their currency, not the currency.
    (DOLLARS, "200 cents", False, 0),
    (DOLLARS, "20000 cents", True, 1),
    (DOLLARS, "20,000¢", True, 1),
    (DOLLARS, "199 dollars and 100 cents", False, 0),
    (DOLLARS, "199 dollars and 99 cents", False, 0),
    (NumberExpectation(2.5, unit="dollars"), "2 dollars and 50 cents", True, 1),
    (NumberExpectation(3, unit="euros"), "300 cents", True, 1),
    (NumberExpectation(3, unit="pounds sterling"), "300 pence", True, 1),
    (NumberExpectation(3, unit="pounds sterling"), "3 pence", False, 0),
    # Other dollars are other currencies, whatever their prefix.
    (DOLLARS, "CA$200", False, 0),
    (DOLLARS, "AU$200", False, 0),
    (DOLLARS, "HK$200", False, 0),
    (DOLLARS, "200 Hong Kong dollars", False, 0),
    (DOLLARS, "200 Singapore dollars", False, 0),
    (NumberExpectation(200, unit="Canadian dollars"), "CA$200", True, 1),
    (NumberExpectation(200, unit="Hong Kong dollars"), "200 dollars", True, 1),
    # A power after a unit's name makes the square or cubic unit.
    (AREA, "2.7 million miles²", False, 0),
    (AREA, "2.7 million square miles", False, 0),
    (SQ_KM, "5 km^2", True, 1),
    (SQ_KM, "5 kilometres²", True, 1),
    (SQ_KM, "5 miles²", False, 0),
    (SQ_KM, "5 ft²", False, 0),
    (SQ_KM, "5 km", False, 0),
    (NumberExpectation(5, unit="m³"), "5 metres³", True, 1),
    (NumberExpectation(5, unit="m³"), "5 metres²", False, 0),
    # "m" after an amount of something that is not a length is a million.
    (AREA, "2.7m km²", True, 1),
    (PEOPLE, "19m", True, 1),
    (PEOPLE, "19m people", True, 1),
    (PEOPLE, "19 mn", True, 1),
    (PEOPLE, "18m", False, 0),
    (DOLLARS, "$0.0002m", True, 1),
    (NumberExpectation(19, unit="km"), "19m", False, 0),
    (NumberExpectation(19, unit="m"), "19m", True, 1),
    (MINUTES, "90m", True, 1),
    (NumberExpectation(1.5, unit="hours"), "90 m", True, 1),
    (MINUTES, "90 million", False, 0),
    # Scales in words: "2 hundred", and a range whose scale is said once at its end.
    (DOLLARS, "2 hundred dollars", True, 1),
    (DOLLARS, "3 hundred dollars", False, 0),
    (DETAINED, "between three and six thousand", True, 1),
    (DETAINED, "three to six thousand", True, 1),
    (DETAINED, "from three thousand to six thousand", True, 1),
    (DETAINED, "three and six thousand people", True, 1),
    (NumberExpectation(2019), "two thousand and nineteen", True, 1),
    (NumberExpectation(6000), "six thousand", True, 1),
    # An amount in two units of one kind, the larger first, is their sum; "and a half" adds a half.
    (MINUTES, "1 hour 30 minutes", True, 1),
    (MINUTES, "1 hour and 30 minutes", True, 1),
    (MINUTES, "1 hr, 30 mins", True, 1),
    (MINUTES, "1h30", True, 1),
    (MINUTES, "1h30m", True, 1),
    (MINUTES, "1 h 30", True, 1),
    (MINUTES, "an hour and a half", True, 1),
    (MINUTES, "one and a half hours", True, 1),
    (MINUTES, "1 and a half hours", True, 1),
    (MINUTES, "about 1 hour 30 minutes", True, 1),
    (MINUTES, "1 hour 20 minutes", False, 0),
    (MINUTES, "2 hours 30 minutes", False, 0),
    (MINUTES, "1 hour 90 minutes", False, 0),
    (MINUTES, "30 minutes 1 hour", False, 0),
    (MINUTES, "1 hour 30 km", False, 0),
    (MINUTES, "two and a half hours", False, 0),
    (NumberExpectation(49, unit="hours"), "2 days 1 hour", True, 1),
    (NumberExpectation(2, unit="days"), "2 days 1 hour", False, 0),
    (HEIGHT, "5 ft 11", True, 1),
    (HEIGHT, "5 feet 11 inches", True, 1),
    (NumberExpectation(1.8, unit="m"), "1 m 80 cm", True, 1),
]


def test_feedback_on_cents_and_one_of_a_unit() -> None:
    assert grade(DOLLARS, "200 cents").feedback == "Not quite: 200 cents is 2 dollars. The answer is 200 dollars."
    assert grade(MINUTES, "1 hour").feedback == "Not quite: 1 hour is 60 minutes. The answer is 90 minutes."
    assert grade(SQ_KM, "1 mile²").feedback == "Not quite: 1 square mile is 2.59 km². The answer is 5 km²."
    assert grade(SQ_KM, "5 ft²").feedback == (
        "You answered in ft²; the question asks for square kilometres. The answer is 5 km²."
    )


@pytest.mark.parametrize(("expectation", "answer", "correct", "score"), NUMBER_CASES + UNIT_CASES)
def test_number_answers(expectation: NumberExpectation, answer: str, correct: bool, score: float) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.score) == (correct, pytest.approx(score)), verdict.feedback


def test_a_bounded_date_says_it_names_no_day() -> None:
    verdict = grade(DAY, "before 11 January 2022")
    assert verdict.match is Match.WRONG
    assert verdict.feedback == "“before 11 January 2022” does not name the day. The answer is 2022-01-11."


NAMED = Grading(surname=True)
JACOB = TextExpectation((Answer("Jacob Grimm"),), ("Wilhelm Grimm", "Hans Christian Andersen"), NAMED)
MASIMOV = TextExpectation((Answer("Karim Masimov"),), ("Kassym-Jomart Tokayev", "Nursultan Nazarbayev"), NAMED)
TOKAYEV = TextExpectation((Answer("Kassym-Jomart Tokayev"),), ("Karim Masimov",), NAMED)

NAME_CASES: list[tuple[TextExpectation, str, bool]] = [
    # A surname alone is not right when a known wrong answer has it too: it does not say which one.
    (JACOB, "Grimm", False),
    (JACOB, "Mr Grimm", False),
    (JACOB, "Jacob Grimm", True),
    (JACOB, "Grimm Jacob", True),
    (JACOB, "Jakob Grimm", True),
    (JACOB, "Wilhelm Grimm", False),
    (JACOB, "Andersen", False),
    # Initials before a surname are right when they are the given names' and wrong when they are not.
    (JACOB, "J. Grimm", True),
    (JACOB, "J Grimm", True),
    (JACOB, "W. Grimm", False),
    (JACOB, "W Grimm", False),
    (MASIMOV, "K. Masimov", True),
    (MASIMOV, "K Masimov", True),
    (MASIMOV, "K. Masimow", True),
    (MASIMOV, "A. Masimov", False),
    (MASIMOV, "N. Masimov", False),
    (MASIMOV, "Masimov", True),
    (MASIMOV, "Masimow", True),
    (TOKAYEV, "K.-J. Tokayev", True),
    (TOKAYEV, "K. J. Tokayev", True),
    (TOKAYEV, "K. Tokayev", True),
    (TOKAYEV, "J. Tokayev", False),
    (TOKAYEV, "President Tokayev", True),
]


@pytest.mark.parametrize(("expectation", "answer", "correct"), NAME_CASES)
def test_names(expectation: TextExpectation, answer: str, correct: bool) -> None:
    assert grade(expectation, answer).correct is correct


def test_a_shared_surname_picks_no_option_and_initials_pick_theirs() -> None:
    options = ("Wilhelm Grimm", "Jacob Grimm", "Hans Christian Andersen")
    choice = ChoiceExpectation(options, frozenset({1}))
    assert not grade(choice, "Grimm").correct
    assert grade(choice, "J. Grimm").correct
    assert not grade(choice, "W. Grimm").correct


SECOND = TextExpectation((Answer("second"),), ("first", "third"), heads=("place",))
CENTURY = TextExpectation((Answer("19th century"),), ("18th century",))
WAR = TextExpectation((Answer("First World War"),), ("Second World War",))
KING = TextExpectation((Answer("Henry VIII"),), ("Henry VII",))
ELEVENTH = TextExpectation((Answer("11 January 2022"),), ())

ORDINAL_CASES: list[tuple[TextExpectation | NumberExpectation, str, bool]] = [
    # An ordinal is the same in words and in digits, both ways; another ordinal is another answer.
    (SECOND, "2nd", True),
    (SECOND, "2nd place", True),
    (SECOND, "Second", True),
    (SECOND, "3rd", False),
    (SECOND, "1st", False),
    (SECOND, "22nd", False),
    (CENTURY, "nineteenth century", True),
    (CENTURY, "the nineteenth century", True),
    (CENTURY, "19th century", True),
    (CENTURY, "eighteenth century", False),
    (CENTURY, "twentieth century", False),
    (WAR, "1st World War", True),
    (WAR, "2nd World War", False),
    (WAR, "Second World War", False),
    (TextExpectation((Answer("21st"),), ()), "twenty-first", True),
    (TextExpectation((Answer("twenty-first"),), ()), "21st", True),
    (TextExpectation((Answer("twenty-first"),), ()), "31st", False),
    (KING, "Henry the Eighth", False),
    # Ordinal days in dates.
    (ELEVENTH, "the eleventh of January", True),
    (ELEVENTH, "on the eleventh of January 2022", True),
    (ELEVENTH, "the twelfth of January", False),
    (DAY, "the eleventh of January", True),
    (DAY, "the twelfth of January 2022", False),
]


@pytest.mark.parametrize(("expectation", "answer", "correct"), ORDINAL_CASES)
def test_ordinals(expectation: TextExpectation | NumberExpectation, answer: str, correct: bool) -> None:
    assert grade(expectation, answer).correct is correct


def test_how_many_names_the_counted_thing_as_the_questions_own_word() -> None:
    assert head_words("How many regions does Kazakhstan have?") == ("regions",)
    assert head_words("How many member states does the CSTO have?") == ("member", "states")
    assert head_words("How many of them came?") == ()
    regions = TextExpectation((Answer("seventeen"),), ("sixteen",), heads=head_words("How many regions are there?"))
    for right in ("17 regions", "seventeen regions", "17", "17 region"):
        assert grade(regions, right).correct, right
    for wrong in ("16 regions", "regions", "18 regions"):
        assert not grade(regions, wrong).correct, wrong


YEAR_TEXT = TextExpectation((Answer("1991"),), ("1989", "1985"))


@pytest.mark.parametrize(
    ("expectation", "answer", "correct"),
    [
        # A year asked for may be answered with a month or a whole date in that year.
        (YEAR_TEXT, "December 1991", True),
        (YEAR_TEXT, "in December 1991", True),
        (YEAR_TEXT, "26 December 1991", True),
        (YEAR_TEXT, "December 26th, 1991", True),
        (YEAR_TEXT, "1991-12-26", True),
        (YEAR_TEXT, "Decmber 1991", True),
        (YEAR_TEXT, "December 1990", False),
        (YEAR_TEXT, "December 1989", False),
        (YEAR_TEXT, "26 December", False),
        (YEAR_TEXT, "Monday 1991", False),
        (YEAR, "16 December 1991", True),
        (YEAR, "December 1991", True),
        (YEAR, "16 December 1992", False),
        (NumberExpectation(2, unit="days"), "16 December 1991", False),
    ],
)
def test_a_year_answered_with_a_date_in_it(
    expectation: TextExpectation | NumberExpectation, answer: str, correct: bool
) -> None:
    assert grade(expectation, answer).correct is correct


def test_a_number_with_thousands_commas_is_one_item_of_a_list() -> None:
    blanks = ListExpectation((Answer("Ural"), Answer("2,428"), Answer("Caspian Sea")), 3, True)
    assert grade(blanks, "Ural, 2,428, Caspian Sea").correct
    assert grade(blanks, "Ural, 2428, Caspian Sea").correct
    assert grade(blanks, "Ural,2,428,Caspian Sea").correct
    assert grade(blanks, "Ural, 2,429, Caspian Sea").score == pytest.approx(2 / 3)
    numbers = ListExpectation((Answer("1"), Answer("2"), Answer("3")), 3, False)
    assert grade(numbers, "1,2,3").correct
    years = ListExpectation((Answer("1991"), Answer("1992")), 2, False)
    assert grade(years, "1991,1992").correct


def test_the_last_word_of_a_short_question_is_its_own_word() -> None:
    river = ChoiceExpectation(
        ("Syr Darya", "Ili", "Irtysh", "Ural"),
        frozenset({1}),
        (Answer("Syr Darya"), Answer("Ili"), Answer("Irtysh"), Answer("Ural")),
        heads=head_words("Which river?"),
    )
    assert grade(river, "Ili River").correct
    assert grade(river, "the river Ili").correct
    assert not grade(river, "Ural river").correct


CELSIUS = NumberExpectation(20, unit="°C")
KMH = NumberExpectation(100, unit="km/h")


@pytest.mark.parametrize(
    ("expectation", "answer", "correct"),
    [
        # Temperatures convert with their zero points; another scale's number is not the fact's.
        (CELSIUS, "20°C", True),
        (CELSIUS, "20 ℃", True),
        (CELSIUS, "20 degrees", True),
        (CELSIUS, "20°", True),
        (CELSIUS, "20 degrees Celsius", True),
        (CELSIUS, "68°F", True),
        (CELSIUS, "293.15 kelvins", True),
        (CELSIUS, "20°F", False),
        (CELSIUS, "20 F", False),
        (CELSIUS, "-20°C", False),
        (CELSIUS, "20 km", False),
        (NumberExpectation(0, unit="°C"), "32 °F", True),
        (NumberExpectation(-40, unit="°F"), "-40 °C", True),
        (NumberExpectation(100, unit="°F"), "100 degrees", True),
        (NumberExpectation(100, unit="°F"), "100°C", False),
        # Speeds convert; a length is not a speed.
        (KMH, "100 km/h", True),
        (KMH, "100 kph", True),
        (KMH, "62.1371192237334 mph", True),
        (KMH, "100 mph", False),
        (KMH, "100 m/s", False),
        (KMH, "100 km", False),
        (KMH, "100 knots", False),
        # Angles: degrees are not degrees Celsius.
        (NumberExpectation(90, unit="degrees"), "90°", True),
        (NumberExpectation(90, unit="degrees"), "90 degrees", True),
        (NumberExpectation(90, unit="degrees"), "90°C", False),
        # "c" after an amount of money is cents.
        (DOLLARS, "20000c", True),
        (DOLLARS, "200c", False),
    ],
)
def test_temperatures_speeds_and_angles(expectation: NumberExpectation, answer: str, correct: bool) -> None:
    assert grade(expectation, answer).correct is correct


def test_a_temperature_in_another_scale_is_converted_in_the_feedback() -> None:
    assert grade(CELSIUS, "68°F").feedback == "Right: 68 degrees Fahrenheit is 20 °C."
    assert grade(CELSIUS, "20°F").feedback == "Not quite: 20 degrees Fahrenheit is -6.67 °C. The answer is 20 °C."


NINE_THIRTY = TextExpectation((Answer("9:30"),), ("10:30",))
CURFEW = TextExpectation((Answer("23:00"),), ())
JAN_FIFTH = NumberExpectation(dt.date(2022, 1, 5))


@pytest.mark.parametrize(
    ("expectation", "answer", "correct"),
    [
        # Times said in words.
        (NINE_THIRTY, "half past nine", True),
        (NINE_THIRTY, "at half past nine", True),
        (NINE_THIRTY, "nine thirty", True),
        (NINE_THIRTY, "nine-thirty am", True),
        (NINE_THIRTY, "thirty past nine", True),
        (NINE_THIRTY, "half past ten", False),
        (NINE_THIRTY, "half past nine pm", False),
        (NINE_THIRTY, "nine", False),
        (NINE_THIRTY, "half past", False),
        (TextExpectation((Answer("5:45"),), ()), "quarter to six", True),
        (TextExpectation((Answer("5:45"),), ()), "a quarter to six", True),
        (TextExpectation((Answer("5:15"),), ()), "quarter past five", True),
        (TextExpectation((Answer("11:55"),), ()), "five to twelve", True),
        (TextExpectation((Answer("9:05"),), ()), "nine oh five", True),
        (CURFEW, "eleven pm", True),
        (CURFEW, "11 o'clock at night", True),
        (CURFEW, "eleven in the evening", True),
        (CURFEW, "11 in the morning", False),
        (CURFEW, "eleven am", False),
        (TextExpectation((Answer("9:00"),), ()), "nine o'clock in the morning", True),
        # Months in Russian and Kazakh.
        (JAN_FIFTH, "5 января 2022", True),
        (JAN_FIFTH, "5 январь 2022", True),
        (JAN_FIFTH, "5 қаңтар 2022", True),
        (JAN_FIFTH, "5 qantar 2022", True),
        (JAN_FIFTH, "5 февраля 2022", False),
        (TextExpectation((Answer("5 January 2022"),), ()), "5 января", True),
        (YEAR_TEXT, "16 желтоқсан 1991", True),
    ],
)
def test_times_in_words_and_months_in_other_languages(
    expectation: TextExpectation | NumberExpectation, answer: str, correct: bool
) -> None:
    assert grade(expectation, answer).correct is correct


def test_and_and_the_ampersand_are_the_same_word() -> None:
    gamble = TextExpectation((Answer("Procter & Gamble"),), ("Johnson & Johnson",))
    assert grade(gamble, "Procter and Gamble").correct
    assert grade(gamble, "Procter & Gamble").correct
    assert not grade(gamble, "Johnson and Johnson").correct
    spencer = TextExpectation((Answer("Marks and Spencer"),), ())
    assert grade(spencer, "Marks & Spencer").correct
    assert not grade(TextExpectation((Answer("AT&T"),), ()), "ATT").correct


def test_umlauts_may_be_written_as_german_writes_them_without() -> None:
    cologne = TextExpectation((Answer("Köln"),), ("Bonn",))
    for right in ("Koeln", "Koln", "KOELN", "Köln"):
        assert grade(cologne, right).correct, right
    assert not grade(cologne, "Kuln").correct
    strict = TextExpectation((Answer("Düsseldorf"),), (), Grading(accents=True))
    assert grade(strict, "Duesseldorf").correct
    assert not grade(strict, "Dusseldorf").correct


def test_the_word_after_a_blank_may_be_added_to_it() -> None:
    assert blank_words(("The ", "Ural", " river is ", "2,428", " km long and flows into the ", "Caspian Sea", ".")) == (
        "river",
        "km",
    )
    assert blank_words(("The curfew began at ", "23:00", " on ", "5 January", ".")) == ()
    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\n[[facts]]\nid = "jazz"\nkind = "cloze"\n'
        'text = "He was a well-known {{jazz}} musician."\ndistractors = ["rock", "folk"]\n'
        '[[facts]]\nid = "ural"\nkind = "cloze"\ntext = "The {{Ural}} river is {{2,428}} km long."\n',
        "t.toml",
    )
    jazz, ural = deck.question("t/jazz/cloze"), deck.question("t/ural/cloze")
    assert jazz.check("jazz musician").correct
    assert not jazz.check("rock musician").correct
    assert not jazz.check("musician").correct
    assert ural.check("Ural river, 2428 km").correct
    assert ural.check("Ural, 2,428").correct
    assert ural.check("Ural river, 2429 km").score == pytest.approx(0.5)


def test_initials_are_read_past_characters_that_are_not_letters() -> None:
    odd = TextExpectation((Answer("\x1aA\tAA"),), grading=NAMED)  # a control character before the first initial
    assert grade(odd, "\x1aA\tAA").correct
    assert grade(odd, "A AA").correct
    assert grade(TextExpectation((Answer("“Karim” Masimov"),), grading=NAMED), "K. Masimov").correct


def test_a_leading_a_is_an_article_unless_it_has_a_full_stop() -> None:
    article = TextExpectation((Answer("A", ("AA", "A AA")),), grading=NAMED)
    assert grade(article, "A AA").correct
    assert not grade(MASIMOV, "A. Masimov").correct


def test_a_name_typed_as_its_form_is_right_whatever_the_form_holds_between_its_words() -> None:
    assert grade(TextExpectation((Answer("B\x1fAA"),), grading=NAMED), "B\x1fAA").correct
    assert not grade(JACOB, "Grimm").correct  # but no slip drops a form's initials


@pytest.mark.parametrize(
    ("answer", "correct"), [("81.4", True), ("81.2", True), ("81.3", True), ("81.41", False), ("81.19", False)]
)
def test_a_number_at_the_edge_of_the_tolerance_is_right(answer: str, correct: bool) -> None:
    assert grade(NumberExpectation(81.3, tolerance=0.1, unit="%"), answer).correct is correct

"""What a verdict says: feedback, marked spelling, right/wrong/missing items, and hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import kzquiz
from kzquiz.grading import (
    MAX_ANSWER_LENGTH,
    ChoiceExpectation,
    ListExpectation,
    Match,
    OrderExpectation,
    TextExpectation,
    grade,
)
from kzquiz.textmatch import mark_differences
from test_grading import (
    ALLIANCE,
    ASTANA,
    DETAINED,
    DETAINED_RANGE_ONLY,
    FALSE,
    LAST_THREE,
    LAST_THREE_IN_ORDER,
    MASIMOV,
    NAME_ALL,
    NAME_THREE,
    ORDER,
    PAID,
    SELECT,
    TOKAYEV,
    TRUE,
    TURKISTAN_ACCENTS,
)

DECK = Path(__file__).parent / "data" / "all-kinds.toml"


def test_a_typo_is_accepted_and_shows_the_spelling_marked() -> None:
    verdict = grade(MASIMOV, "Masimow")
    assert verdict.correct
    assert verdict.match is Match.TYPO
    assert verdict.feedback == "Almost: you wrote Masimow, the spelling is Masimov."
    assert verdict.diff == "Masimo[w→v]"
    assert not verdict.match.is_clean


def test_marked_differences() -> None:
    assert mark_differences("Masimow", "Masimov") == "Masimo[w→v]"
    assert mark_differences("Astna", "Astana") == "Ast[+a]na"
    assert mark_differences("Astanaa", "Astana") == "Astana[-a]"
    assert mark_differences("karim  masimov", "Karim Masimov") == "Karim Masimov"
    assert mark_differences("Türkistn", "Türkistan") == "Türkist[+a]n"
    assert mark_differences("Almаty", "Almaty") == "Almaty"  # a Cyrillic а that looks like a Latin a
    assert mark_differences("ALMATY", "Almaty") == "Almaty"


def test_clean_matches_say_right_and_name_the_canonical_form() -> None:
    assert grade(MASIMOV, "Karim Masimov").feedback == "Right."
    surname = grade(MASIMOV, "Masimov")
    assert surname.feedback == "Right: Karim (Qajymqanuly) Masimov."
    assert surname.match.is_clean
    cyrillic = grade(MASIMOV, "Масимов")
    assert cyrillic.match is Match.TRANSLITERATION
    assert cyrillic.match.is_clean
    assert cyrillic.feedback == "Right: Karim (Qajymqanuly) Masimov."


def test_a_sibling_is_named_as_a_different_answer() -> None:
    verdict = grade(ASTANA, "Akmola")
    assert not verdict.correct
    assert verdict.feedback == "No: Akmola is a different answer. The answer is Astana."
    assert grade(TOKAYEV, "Nursultan Nazarbaev").feedback.startswith("No: Nursultan Nazarbayev is a different answer")


def test_a_wrong_answer_gives_the_answer() -> None:
    verdict = grade(TOKAYEV, "Putin")
    assert verdict.feedback == "Not quite. The answer is Kassym-Jomart Tokayev."
    assert verdict.expected == "Kassym-Jomart Tokayev"
    assert verdict.diff == ""


def test_accents_that_matter_are_pointed_out() -> None:
    verdict = grade(TURKISTAN_ACCENTS, "Turkistan")
    assert verdict.feedback == "Mind the accents: the spelling is Türkistan."
    assert verdict.diff == "Türkistan"  # the letters are the same once accents are folded


def test_a_partial_list_names_what_was_right_wrong_and_missing() -> None:
    verdict = grade(NAME_THREE, "Russia, Uzbekistan, Belarus")
    assert verdict.match is Match.PARTIAL
    assert verdict.named == ("Russia", "Belarus")
    assert verdict.wrong == ("Uzbekistan",)
    assert verdict.missing == ("Kazakhstan", "Kyrgyzstan", "Armenia", "Tajikistan")
    assert verdict.feedback == (
        "Partly right (2 of 3). Right: Russia, Belarus. Wrong: Uzbekistan. "
        "Missing: one more of Kazakhstan, Kyrgyzstan, Armenia, Tajikistan. "
        "Score: 2 of 3 right, 1 wrong named: 2/(3 + 1) = 50%."
    )
    assert verdict.score == 0.5


def test_a_list_with_every_item_and_a_wrong_one_is_not_fully_right() -> None:
    verdict = grade(LAST_THREE, "Akmola, Astana, Nur-Sultan, Tselinograd")
    assert not verdict.correct
    assert verdict.score == pytest.approx(0.75)
    assert verdict.missing == ()
    assert verdict.wrong == ("Tselinograd",)
    assert "leave out the ones you are not sure of" in verdict.feedback


def test_a_complete_list_with_a_slip_says_which() -> None:
    verdict = grade(NAME_ALL, "Kazakhstan, Kyrgystan, Armenia, Tajikistan, Belarus, Russia")
    assert verdict.correct
    assert verdict.match is Match.TYPO
    assert verdict.feedback == "Right, but mind the spelling: Kyrgyzstan (you wrote Kyrgystan)."
    assert verdict.diff == "Kyrgy[+z]stan"


def test_an_ordered_list_says_what_is_out_of_place() -> None:
    verdict = grade(LAST_THREE_IN_ORDER, "Akmola, Nur-Sultan, Astana")
    assert verdict.named == ("Akmola",)
    assert verdict.wrong == ("Nur-Sultan", "Astana")
    assert verdict.missing == ("Astana", "Nur-Sultan")
    assert "Wrong (or in the wrong place): Nur-Sultan, Astana." in verdict.feedback


def test_a_long_list_of_wrong_items_is_summarised() -> None:
    answer = ", ".join(f"Country {i}" for i in range(40))
    verdict = grade(NAME_THREE, answer)
    assert verdict.score == 0
    assert "and 30 more" in verdict.feedback


def test_numbers_feedback() -> None:
    assert grade(PAID, "300").feedback == "Not quite. The answer is 200 dollars."
    assert grade(PAID, "lots").feedback == "I could not read a number in “lots”. The answer is 200 dollars."
    assert grade(PAID, "100-300").feedback == "Give one number, not a range. The answer is 200 dollars."
    assert grade(DETAINED, "4000").feedback == "Right: the answer is 3000 to 6000."
    assert grade(DETAINED_RANGE_ONLY, "4000").feedback.startswith("Inside the range")
    assert "overlaps" in grade(DETAINED, "2000-4000").feedback


def test_choices_feedback() -> None:
    assert grade(ALLIANCE, "a").feedback == "Not quite: you picked NATO. The answer is the CSTO."
    assert grade(ALLIANCE, "a b").feedback == "Pick one option. The answer is the CSTO."
    assert grade(ALLIANCE, "the Warsaw Pact").feedback.startswith("I could not tell which option you meant.")
    select = grade(SELECT, "1, 5")
    assert select.named == ("Armenia",)
    assert select.wrong == ("Turkmenistan",)
    assert select.missing == ("Tajikistan", "Kazakhstan", "Russia")
    assert select.feedback == (
        "Partly right (1 of 4). Right: Armenia. Wrong: Turkmenistan. Missing: Tajikistan, Kazakhstan, Russia. "
        "Score: 1 of 4 right, 1 wrong picked: 1/(4 + 1) = 20%."
    )
    assert select.score == 0.2


def test_order_feedback() -> None:
    verdict = grade(ORDER, "5 4 1 2 3")
    assert verdict.feedback == (
        "3 of 5 in the right place. The order is: Akmolinsk, Tselinograd, Akmola, Astana, Nur-Sultan."
    )
    assert grade(ORDER, "5, 4, Almaty").feedback.startswith("I could not read Almaty as options.")
    assert grade(ORDER, "5, 4, Akmola, c, Nur-Sultan").correct


def test_true_false_feedback() -> None:
    assert grade(TRUE, "no").feedback == "No, it is true."
    assert grade(FALSE, "yes").feedback == "No, it is false. The police withdrew on 5 January."
    assert grade(FALSE, "no").feedback == "Right, it is false. The police withdrew on 5 January."
    assert grade(TRUE, "perhaps").feedback == "Answer true or false. The answer is true."


@pytest.mark.parametrize("answer", ["1", "1.", "(1)", "[1]", " 1 ", "1)"])
def test_true_false_takes_an_option_number_written_as_one(answer: str) -> None:
    assert grade(TRUE, answer).correct
    assert grade(FALSE, answer.replace("1", "2")).correct


@pytest.mark.parametrize("answer", ["-1", "+1", "-2", "1.5", "2.0", "12", "0", "−1"])
def test_true_false_reads_no_other_number_as_an_option(answer: str) -> None:
    # "-1" used to be read as "1" (true) once its sign was folded away: it names no option, so it is no answer.
    for question in (TRUE, FALSE):
        verdict = grade(question, answer)
        assert not verdict.correct
        assert verdict.feedback.startswith("Answer true or false.")


# Hostile and odd input -------------------------------------------------------------------------------------------


def test_an_empty_answer_is_simply_wrong() -> None:
    verdict = grade(MASIMOV, " \n ")
    assert verdict.match is Match.EMPTY
    assert not verdict.correct
    assert verdict.feedback == "No answer. The answer is Karim (Qajymqanuly) Masimov."


def test_an_answer_over_the_cap_is_refused_at_once() -> None:
    answer = "Masimov " * 1_000_000
    start = time.perf_counter()
    verdict = grade(MASIMOV, answer)
    assert time.perf_counter() - start < 0.5  # generous: the real figure is microseconds (see benchmarks)
    assert not verdict.correct
    assert verdict.match is Match.WRONG
    assert f"the limit is {MAX_ANSWER_LENGTH:,}" in verdict.feedback
    assert len(verdict.answer) < 100


def test_an_answer_at_the_cap_is_still_graded() -> None:
    answer = "Masimov".ljust(MAX_ANSWER_LENGTH)
    assert grade(MASIMOV, answer).correct


def test_escape_sequences_and_controls_are_removed_before_echoing() -> None:
    verdict = grade(MASIMOV, "\x1b[2J\x1b]0;pwned\x07Masim\x00ow\x1b[31m")
    assert verdict.correct
    assert verdict.answer == "Masimow"
    assert "\x1b" not in verdict.feedback
    assert "\x00" not in verdict.feedback
    wrong = grade(TOKAYEV, "\x1b[31mPutin\u202e")
    assert wrong.answer == "Putin"


def test_escape_sequences_in_a_list_are_not_echoed() -> None:
    verdict = grade(NAME_THREE, "Russia, \x1b[5mUzbekistan\x1b[0m, Belarus")
    assert verdict.wrong == ("Uzbekistan",)
    assert "\x1b" not in verdict.feedback


@pytest.mark.parametrize("answer", ["\ud800", "Masimov\udfff", "\udc80\udc81", "Ма\ud83dсимов"])
def test_lone_surrogates_do_not_crash(answer: str) -> None:
    verdict = grade(MASIMOV, answer)
    assert "\ud800" not in verdict.answer
    verdict.answer.encode("utf-8")  # safe to print


def test_every_question_of_the_example_deck_grades_its_own_expected_answer() -> None:
    deck = kzquiz.load_deck(DECK)
    for question in deck.questions:
        if question.answer_type is kzquiz.AnswerType.TRUE_FALSE:
            continue
        expected = question.expected.removeprefix("any 3 of: ")
        if question.answer_type is kzquiz.AnswerType.NUMBER:
            expected = expected.replace(" dollars", "")
        verdict = question.check(expected)
        assert verdict.correct, (question.id, expected, verdict.feedback)
        assert verdict.match is Match.EXACT, question.id


def test_the_example_deck_through_question_check() -> None:
    deck = kzquiz.load_deck(DECK)
    chief = deck.question("example/nsc-chief/recall")
    assert chief.check("Масимов").match is Match.TRANSLITERATION
    assert chief.check("Masimow").match is Match.TYPO
    president = deck.question("example/president/recall")
    assert not president.check("Nursultan Nazarbayev").correct
    after_akmola = deck.question("example/capital-names/after/akmola")
    assert not after_akmola.check("Akmola").correct
    assert after_akmola.check("Astana").correct
    statue = deck.question("example/statue/cloze")
    assert statue.check("Taldyqorghan").match is Match.ALIAS
    assert not statue.check("Almaty").correct
    assert deck.question("example/payment/entry").check("$200").correct
    assert deck.question("example/detained/entry").check("between 3,000 and 6,000").correct
    select = deck.question("example/csto/select")
    picks = ", ".join(
        str(i + 1) for i, option in enumerate(select.choices) if option not in ("Uzbekistan", "Turkmenistan")
    )
    assert select.check(picks).correct
    assert deck.question("example/police/true-false").check("yes").correct


def test_a_text_expectation_with_several_accepted_answers() -> None:
    expectation = TextExpectation((kzquiz.Answer("Almaty"), kzquiz.Answer("Nur-Sultan")), ("Shymkent",))
    assert grade(expectation, "Nur Sultan").correct
    assert grade(expectation, "Almaty").correct
    assert expectation.matcher is expectation.matcher  # folded once, then kept


def test_degenerate_expectations_do_not_divide_by_zero() -> None:
    assert not grade(ListExpectation((), 0), "Astana").correct
    assert not grade(ListExpectation((), 0, ordered=True), ",,,").correct
    assert not grade(OrderExpectation((), ()), "1").correct
    assert not grade(ChoiceExpectation(("a", "b"), frozenset()), "1, 2").correct


def test_naming_more_than_asked_with_a_wrong_one() -> None:
    verdict = grade(NAME_THREE, "Kazakhstan, Kyrgyzstan, Armenia, Belarus, Uzbekistan")
    assert verdict.score == 0.75
    assert verdict.feedback.startswith("Partly right (3 of 3).")

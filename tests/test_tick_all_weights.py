"""Weighted tick-all questions (Moodle's multiple-answer questions): options that earn or cost part of the marks.

Moodle grades such a question by adding up the weights of the options ticked, then keeping the total between 0
and 1 (question/type/multichoice/question.php, ``grade_response``); these tests hold kzquiz to the same rule, with
Moodle's own documentation examples (docs.moodle.org, GIFT format) among them.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz import ChoiceFact, PartialAnswer
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.grading import ChoiceExpectation, Match, grade
from kzquiz.shuffling import reshuffled
from partialtools import deck, problems

TOMB = """\
[[facts]]
id = "tomb"
kind = "choice"
question = "What two people are entombed in Grant's tomb?"
answers = ["Grant", "Grant's wife"]
partial = [
  { text = "No one", credit = -1, feedback = "Two people are" },
  { text = "Grant's father", credit = -1 },
]
"""

GASES = """\
[[facts]]
id = "gases"
kind = "choice"
question = "Which of these are noble gases?"
partial = [
  { text = "Helium", credit = 0.5 },
  { text = "Neon", credit = 0.3 },
  { text = "Argon", credit = 0.2 },
  { text = "Oxygen", credit = -0.5, feedback = "Oxygen burns." },
]
wrong = ["Iron"]
"""

# Moodle's documentation, GIFT format, "Multiple choice with multiple right answers".
MOODLE_TOMB = """\
What two people are entombed in Grant's tomb? {
   ~%-100%No one
   ~%50%Grant
   ~%50%Grant's wife
   ~%-100%Grant's father
}"""

MOODLE_TOMB_TITLED = """\
::Q5:: What two people are entombed in Grant's tomb? {
     ~%-100%No one
     ~%50%Grant
     ~%50%Grant's wife
     ~%-100%Grant's father }"""


def ticked(question: kzquiz.Question, options: tuple[str, ...]) -> float:
    """The score for ticking ``options`` by their numbers, as the terminal sends a checkbox answer."""
    return question.check(", ".join(str(question.choices.index(o) + 1) for o in options)).score


def moodle(weights: dict[str, float], options: tuple[str, ...]) -> float:
    """Moodle's rule, written out: the sum of the fractions of the options ticked, at least 0 and at most 1."""
    return min(max(0.0, sum(weights[o] for o in options)), 1.0)


def every_tick(choices: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [c for n in range(1, len(choices) + 1) for c in itertools.combinations(choices, n)]


def test_a_weighted_tick_all_fact_weighs_each_option() -> None:
    [tomb] = deck(TOMB).facts
    assert isinstance(tomb, ChoiceFact)
    assert tomb.tick_all
    assert tomb.weighted
    assert tomb.weights() == {"Grant": 0.5, "Grant's wife": 0.5, "No one": -1.0, "Grant's father": -1.0}
    [gases] = deck(GASES).facts
    assert isinstance(gases, ChoiceFact)
    assert gases.answers == ()
    assert gases.weights() == {"Helium": 0.5, "Neon": 0.3, "Argon": 0.2, "Oxygen": -0.5, "Iron": 0.0}


@pytest.mark.parametrize("text", [TOMB, GASES])
def test_every_way_of_ticking_scores_as_moodle_scores_it(text: str) -> None:
    [fact] = deck(text).facts
    assert isinstance(fact, ChoiceFact)
    [question] = deck(text).questions
    assert question.answer_type is kzquiz.AnswerType.SELECT
    for options in every_tick(question.choices):
        expected = moodle(fact.weights(), options)
        assert ticked(question, options) == pytest.approx(expected), options


def test_moodles_documentation_examples_import_with_their_weights_and_grade_as_moodle() -> None:
    result = read_gift(f"{MOODLE_TOMB}\n\n{MOODLE_TOMB_TITLED}", "moodle.gift", "moodle", "Moodle")
    assert not result.skipped
    weights = {"No one": -1.0, "Grant": 0.5, "Grant's wife": 0.5, "Grant's father": -1.0}
    for fact, question in zip(result.deck.facts, result.deck.questions, strict=True):
        assert isinstance(fact, ChoiceFact)
        assert fact.weights() == weights
        for options in every_tick(question.choices):
            assert ticked(question, options) == moodle(weights, options), options
    tomb = result.deck.questions[0]
    assert ticked(tomb, ("Grant", "Grant's wife")) == 1.0
    assert ticked(tomb, ("Grant",)) == 0.5
    assert ticked(tomb, ("Grant", "Grant's wife", "No one")) == 0.0


def test_unequal_and_zero_weights_import_and_grade_as_moodle() -> None:
    gift = "Which are noble gases? {~%50%Helium ~%30%Neon ~%20%Argon ~%-50%Oxygen#Oxygen burns. ~Iron ~%0%Gold}"
    result = read_gift(gift, "m.gift", "m", "M")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    weights = {"Helium": 0.5, "Neon": 0.3, "Argon": 0.2, "Oxygen": -0.5, "Iron": 0.0, "Gold": 0.0}
    assert fact.weights() == weights
    assert fact.partial[3] == PartialAnswer("Oxygen", -0.5, "Oxygen burns.")
    [question] = result.deck.questions
    for options in every_tick(question.choices):
        assert ticked(question, options) == pytest.approx(moodle(weights, options)), options


def test_a_multiple_answer_question_whose_weights_do_not_make_100_percent_is_skipped_with_why() -> None:
    result = read_gift("Which? {~%50%a ~%20%b ~c}", "m.gift", "m", "M")
    assert result.deck.facts == ()
    [skipped] = result.skipped
    assert skipped.reason == "the options' positive weights add up to 70%, not 100% (Moodle refuses it too)"


def test_three_thirds_make_a_whole() -> None:
    result = read_gift("Which? {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}", "m.gift", "m", "M")
    [question] = result.deck.questions
    verdict = question.check(", ".join(str(question.choices.index(o) + 1) for o in "abc"))
    assert (verdict.score, verdict.correct) == (1.0, True)


def test_export_then_import_keeps_every_weight() -> None:
    original = deck(TOMB + "\n" + GASES)
    text, left_out = write_gift(original)
    assert not left_out
    assert "~%-50%Oxygen#Oxygen burns." in text
    assert "~%-100%No one#Two people are" in text
    assert "  ~Iron\n" in text
    again = read_gift(text, "t.gift", "t", "Test").deck
    assert [f.weights() for f in again.facts] == [f.weights() for f in original.facts]  # type: ignore[union-attr]
    assert [f.partial for f in again.facts] == [f.partial for f in original.facts]  # type: ignore[union-attr]


def test_the_feedback_says_what_each_ticked_option_was_worth() -> None:
    [question] = deck(GASES).questions
    verdict = question.check("Helium, Oxygen, Neon")
    assert verdict.score == pytest.approx(0.3)
    assert verdict.match is Match.PARTIAL
    assert verdict.feedback == (
        "Partly right (30%): you ticked Helium +50%, Oxygen -50% (Oxygen burns), Neon +30%. Missing: Argon +20%. "
        f"The answer is {', '.join(o for o in question.choices if o in ('Helium', 'Neon', 'Argon'))}."
    )
    assert verdict.named == ("Helium", "Neon")
    assert verdict.wrong == ("Oxygen",)
    assert verdict.missing == ("Argon",)


def test_a_total_below_nothing_counts_as_nothing_and_says_so() -> None:
    [question] = deck(TOMB).questions
    verdict = question.check(", ".join(str(question.choices.index(o) + 1) for o in ("Grant", "No one")))
    assert (verdict.score, verdict.match, verdict.correct) == (0.0, Match.WRONG, False)
    assert "They add up to -50%, which counts as 0%." in verdict.feedback
    assert "No one -100% (Two people are)" in verdict.feedback


def test_all_right_options_ticked_is_right_and_a_free_option_does_not_cost() -> None:
    [question] = deck(GASES).questions
    assert question.check("Helium, Neon, Argon").feedback == "Right."
    verdict = question.check("Helium, Neon, Argon, Iron")
    assert (verdict.score, verdict.correct) == (1.0, True)
    assert verdict.feedback == "Right (100%): you ticked Helium +50%, Neon +30%, Argon +20%, Iron 0%."


def test_reshuffled_options_keep_their_weights() -> None:
    [question] = deck(GASES).questions
    again = reshuffled(question, 3)
    assert again.choices != question.choices
    for options in every_tick(question.choices):
        assert ticked(again, options) == ticked(question, options)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '{ text = "Neon", credit = 0.3 }',
            '{ text = "Neon", credit = 0.2 }',
            "t.toml:9:1: gases.partial: the positive credits add up to 90%, not 100% "
            "(the right options of a tick-all question are worth 100% together, as in Moodle)",
        ),
        (
            '{ text = "Oxygen", credit = -0.5, feedback = "Oxygen burns." }',
            '{ text = "Oxygen", credit = -1.5 }',
            "t.toml:13:22: gases.partial[3].credit: must be a weight from -1 to 1 (0 excluded), not -1.5 "
            "(a weight is a share of the marks: 1 is 100%, -0.5 takes away half)",
        ),
        (
            '{ text = "Helium", credit = 0.5 }',
            '{ text = "Helium", credit = 1.5 }',
            "t.toml:10:22: gases.partial[0].credit: must be a weight from -1 to 1 (0 excluded), not 1.5 "
            "(a weight is a share of the marks: 1 is 100%, -0.5 takes away half)",
        ),
        (
            '{ text = "Oxygen", credit = -0.5, feedback = "Oxygen burns." }',
            '{ text = "Oxygen", credit = 0 }',
            "t.toml:13:22: gases.partial[3].credit: must be a weight from -1 to 1 (0 excluded), not 0 "
            "(an option worth nothing belongs in `wrong`)",
        ),
        (
            '{ text = "Oxygen", credit = -0.5, feedback = "Oxygen burns." }',
            '{ text = "Iron", credit = -0.5 }',
            "t.toml:13:3: gases.partial[3]: 'Iron' is both a partial answer and a wrong one "
            "(remove it from the partial answers or remove 'Iron' from the wrong ones)",
        ),
    ],
)
def test_impossible_weights_are_refused_with_where_and_why(old: str, new: str, message: str) -> None:
    assert old in GASES
    assert problems(GASES.replace(old, new)) == [message]


def test_right_options_beside_weights_that_already_make_100_percent_are_refused() -> None:
    text = TOMB.replace('credit = -1, feedback = "Two people are"', "credit = 1")
    assert problems(text) == [
        "t.toml:10:1: tomb.partial: the positive credits add up to 100%, which leaves nothing for the 2 options "
        "in `answers` (lower them, or leave out `answers` and weigh every right option in `partial`)"
    ]


def test_a_negative_credit_in_a_one_answer_question_is_refused() -> None:
    text = TOMB.replace('answers = ["Grant", "Grant\'s wife"]', 'answer = "Grant"\nwrong = ["Napoleon"]')
    found = problems(text)
    assert found[0] == (
        "t.toml:12:22: tomb.partial[0].credit: must be between 0 and 1 (both excluded), not -1 "
        "(a wrong answer belongs in `distractors` or `wrong`)"
    )
    assert len(found) == 2  # and the other option's


ELEMENTS = ("Helium", "Neon", "Argon", "Krypton", "Xenon", "Radon", "Oxygen", "Iron", "Gold", "Silver", "Tin")
WEIGHTS = st.lists(
    st.integers(min_value=-100, max_value=100).filter(bool).map(lambda n: n / 100), min_size=1, max_size=6
)


@given(
    positive=st.lists(st.integers(min_value=1, max_value=20), min_size=1, max_size=5),
    negative=WEIGHTS,
    picks=st.lists(st.integers(min_value=0, max_value=10), max_size=12),
)
def test_the_score_is_moodles_sum_and_always_between_0_and_1(
    positive: list[int], negative: list[float], picks: list[int]
) -> None:
    total = sum(positive)
    weights = (*(p / total for p in positive), *(-abs(n) for n in negative))
    choices = ELEMENTS[: len(weights)]
    expectation = ChoiceExpectation(choices, frozenset(i for i, w in enumerate(weights) if w > 0), weights=weights)
    chosen = sorted({p % len(choices) for p in picks})
    verdict = grade(expectation, ", ".join(choices[i] for i in chosen) or "nothing")
    assert 0.0 <= verdict.score <= 1.0
    expected = min(max(0.0, sum(weights[i] for i in chosen)), 1.0)
    assert verdict.score == pytest.approx(1.0 if abs(expected - 1) <= 0.005 else expected)
    assert verdict.correct is (verdict.score == 1.0)

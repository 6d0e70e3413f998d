"""Partial credit in cloze blanks, and Moodle's weighted ``=%N%`` options in one-answer multiple choice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz import ChoiceFact, ClozeFact, PartialAnswer
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.grading import Match
from partialtools import deck, problems

HOME = """\
[[facts]]
id = "home"
kind = "cloze"
text = "Jesus grew up in {{Nazareth}}."
partial = [{ text = "Galilee", credit = 0.5, feedback = "You need to be more specific." }]
distractors = ["Rome", "Athens", "Jerusalem"]
"""

TWO = """\
[[facts]]
id = "two"
kind = "cloze"
text = "Jesus was born in {{Bethlehem}} and grew up in {{Nazareth}}."
partial = [
  { blank = 2, text = "Galilee", credit = 0.5, feedback = "You need to be more specific." },
  { text = "Judea", credit = 0.25 },
]
"""


@pytest.mark.parametrize(
    ("answer", "score", "match"),
    [
        ("Nazareth", 1.0, Match.EXACT),
        ("Galilee", 0.5, Match.PARTIAL),
        ("Galiliee", 0.5, Match.PARTIAL),  # a typo of the partial answer: its credit, never more
        ("Jerusalem", 0.0, Match.WRONG),
    ],
)
def test_a_blank_with_a_partial_answer(answer: str, score: float, match: Match) -> None:
    recall = deck(HOME).question("t/home/cloze")
    verdict = recall.check(answer)
    assert (verdict.score, verdict.match) == (score, match)


def test_a_partial_blank_says_so_and_is_never_an_option() -> None:
    home = deck(HOME)
    assert home.question("t/home/cloze").check("Galilee").feedback == (
        "Partly right (50%): You need to be more specific. The answer is Nazareth."
    )
    assert "Galilee" not in home.question("t/home/choice").choices


@pytest.mark.parametrize(
    ("answer", "score"),
    [
        ("Bethlehem, Nazareth", 1.0),
        ("Bethlehem, Galilee", 0.75),
        ("Judea, Nazareth", 0.625),
        ("Judea, Galilee", 0.375),
        ("Galilee, Nazareth", 0.5),  # Galilee is worth part of the second blank, not the first
        ("Judea", 0.125),
        ("Rome, Athens", 0.0),
    ],
)
def test_each_blank_earns_its_share_or_its_partial_answers_share(answer: str, score: float) -> None:
    verdict = deck(TWO).question("t/two/cloze").check(answer)
    assert verdict.score == score
    assert verdict.correct is (score == 1.0)


def test_the_feedback_names_the_part_marks_and_the_right_answers() -> None:
    question = deck(TWO).question("t/two/cloze")
    assert question.check("Bethlehem, Galilee").feedback == (
        "Partly right (1 of 2). Right: Bethlehem. "
        "Part marks: Galilee (50%: You need to be more specific; the answer is Nazareth)."
    )
    assert question.check("Rome, Galilee").feedback == (
        "Partly right. Part marks: Galilee (50%: You need to be more specific; the answer is Nazareth). "
        "Wrong (or in the wrong place): Rome. Missing: Bethlehem."
    )


def test_the_fact_keeps_each_partial_answer_with_its_blank() -> None:
    [fact] = deck(TWO).facts
    assert isinstance(fact, ClozeFact)
    assert fact.partial == (
        (2, PartialAnswer("Galilee", 0.5, "You need to be more specific.")),
        (1, PartialAnswer("Judea", 0.25)),
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "blank = 2,",
            "blank = 3,",
            "t.toml:10:5: two.partial[0].blank: must be a blank's number, from 1 to 2, not 3 (the first blank is 1)",
        ),
        (
            "blank = 2,",
            "blank = 0,",
            "t.toml:10:5: two.partial[0].blank: must be a blank's number, from 1 to 2, not 0 (the first blank is 1)",
        ),
        (
            '{ text = "Judea", credit = 0.25 }',
            '{ text = "bethlehem", credit = 0.25 }',
            "t.toml:11:3: two.partial[1]: 'bethlehem' is also a right answer (a partial answer must differ from it)",
        ),
        (
            '{ text = "Judea", credit = 0.25 }',
            '{ blank = 2, text = "galilee", credit = 0.25 }',
            "t.toml:11:3: two.partial[1]: 'galilee' is listed twice (it repeats 'Galilee'; remove one of them)",
        ),
    ],
)
def test_impossible_blanks_are_refused_with_where_and_why(old: str, new: str, message: str) -> None:
    assert old in TWO
    assert problems(TWO.replace(old, new)) == [message]


def test_the_same_partial_answer_may_serve_two_blanks() -> None:
    deck(TWO.replace('{ text = "Judea", credit = 0.25 }', '{ text = "Galilee", credit = 0.25 }'))


def test_a_partial_answer_that_is_a_distractor_is_refused() -> None:
    text = HOME.replace('"Rome", ', '"Galilee", "Rome", ')
    assert problems(text) == [
        "t.toml:9:12: home.partial[0]: 'Galilee' is both a partial answer and a wrong one "
        "(remove it from the partial answers or remove 'Galilee' from the wrong ones)"
    ]


def test_a_one_blank_cloze_needs_no_blank_number() -> None:
    text = HOME.replace('{ text = "Galilee"', '{ blank = 2, text = "Galilee"')
    assert problems(text) == [
        "t.toml:9:14: home.partial[0].blank: must be a blank's number, from 1 to 1, not 2 "
        "(this cloze has one blank: leave `blank` out)"
    ]


@given(st.lists(st.sampled_from(["Bethlehem", "Nazareth", "Galilee", "Judea", "Rome", "Galiliee"]), max_size=5))
def test_a_cloze_score_is_always_between_0_and_1_and_1_only_when_every_blank_is_right(words: list[str]) -> None:
    verdict = deck(TWO).question("t/two/cloze").check(", ".join(words) or "-")
    assert 0.0 <= verdict.score <= 1.0
    assert (verdict.score == 1.0) is (words == ["Bethlehem", "Nazareth"])


# -- GIFT ------------------------------------------------------------------------------------------------------


def test_a_missing_word_short_answer_keeps_its_partial_answers_and_they_go_back_out() -> None:
    gift = "Jesus grew up in {=Nazareth =%50%Galilee#Be more specific. =%25%Judea} as a boy."
    result = read_gift(gift, "m.gift", "m", "M")
    assert result.notes == ()
    [fact] = result.deck.facts
    assert isinstance(fact, ClozeFact)
    assert fact.partial == ((1, PartialAnswer("Galilee", 0.5, "Be more specific.")), (1, PartialAnswer("Judea", 0.25)))
    [question] = result.deck.questions
    assert [question.check(a).score for a in ("Nazareth", "Galilee", "Judea", "Rome")] == [1.0, 0.5, 0.25, 0.0]
    text, left_out = write_gift(result.deck)
    assert not left_out
    assert "{=Nazareth =%50%Galilee#Be more specific. =%25%Judea}" in text
    again = read_gift(text, "m.gift", "m", "M").deck
    assert again.facts[0].partial == fact.partial  # type: ignore[union-attr]


def test_a_weighted_right_option_in_one_answer_multiple_choice_is_worth_its_weight() -> None:
    # Moodle reads =%50%X in a one-answer question as an option worth 50%, not as a second right option.
    gift = "Who is buried in Grant's tomb? {=Grant =%50%Grant's wife#She is there too. ~Napoleon ~Churchill}"
    result = read_gift(gift, "m.gift", "m", "M")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Grant",)
    assert fact.partial == (PartialAnswer("Grant's wife", 0.5, "She is there too."),)
    [question] = result.deck.questions
    assert question.answer_type is kzquiz.AnswerType.CHOICE
    scores = {option: question.check(option).score for option in question.choices}
    assert scores == {"Grant": 1.0, "Grant's wife": 0.5, "Napoleon": 0.0, "Churchill": 0.0}


def test_a_one_answer_question_without_an_option_worth_full_marks_is_skipped_with_why() -> None:
    result = read_gift("Which? {=%50%a =%50%b ~c}", "m.gift", "m", "M")
    [skipped] = result.skipped
    assert skipped.reason == "no option is worth full marks (a one-answer question needs one at 100%, as in Moodle)"

"""Verdicts a fair teacher would overrule unless folding keeps what carries meaning: numbers by value and sign,
symbols attached to words ("C++", "C#", "A+"), and, for slips, numbers and Roman numerals ("Henry VII")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz import Answer, Grading
from kzquiz.grading import ChoiceExpectation, ListExpectation, Match, TextExpectation, grade
from kzquiz.marks import marks, numerals


def recall(tmp_path: Path, answer: str) -> kzquiz.Question:
    """The recall question of a one-fact deck, read from a real deck file."""
    path = tmp_path / "deck.toml"
    path.write_text(
        '[deck]\nid = "t"\ntitle = "T"\n\n[[facts]]\nid = "f"\nkind = "answer"\n'
        f'question = "What is it?"\nanswer = "{answer}"\nquote = "It is {answer}."\n',
        encoding="utf-8",
    )
    return next(q for q in kzquiz.generate(kzquiz.load_deck(path)) if q.form.value == "recall")


CASES = [
    # numbers: a different value is wrong, however folding reads it
    ("35", "3.5", False, Match.WRONG),
    ("35", "3 5", False, Match.WRONG),
    ("5", "-5", False, Match.WRONG),
    ("5", "\u22125", False, Match.WRONG),
    ("-5", "5", False, Match.WRONG),
    ("5", "+5", True, Match.EXACT),
    ("5", "05", True, Match.EXACT),
    ("5", "5.0", True, Match.EXACT),
    ("3000", "3 000", True, Match.EXACT),
    ("3000", "3,000", True, Match.EXACT),
    ("3.5", "3.5", True, Match.EXACT),
    ("3.5", "35", False, Match.WRONG),
    ("1997", "1997.", True, Match.EXACT),
    ("9:00", "9.00", True, Match.EXACT),
    ("COVID-19", "COVID 19", True, Match.EXACT),
    # a date is read only when nothing else is said (no other word, no other number)
    ("5 January 2022", "on 5 January 2022", True, Match.EXACT),
    ("5 January 2022", "the 5th of January", True, Match.EXACT),
    ("5 January 2022", "5 January 20.22", False, Match.WRONG),
    ("5 January 2022", "5 January 20", False, Match.WRONG),
    ("5 January 2022", "5 January 2022 3", False, Match.WRONG),
    ("5 January 2022", "5 January banana", False, Match.WRONG),
    # symbols attached to a word
    ("C++", "C", False, Match.WRONG),
    ("C++", "C#", False, Match.WRONG),
    ("C++", "c++", True, Match.EXACT),
    ("C++", "C++.", True, Match.EXACT),
    ("A+", "A-", False, Match.WRONG),
    ("A+", "A", False, Match.WRONG),
    ("A-", "A", False, Match.WRONG),
    ("A-", "A\u2212", True, Match.EXACT),
    ("AT&T", "ATT", False, Match.WRONG),
    ("F#", "F", False, Match.WRONG),
    # what never mattered still does not
    ("Nur-Sultan", "Nur Sultan", True, Match.EXACT),
    ("Nur-Sultan", "nursultan", True, Match.EXACT),
    ("Nur-Sultan", "\u201cNur\u2013Sultan\u201d", True, Match.EXACT),
    ("C.S.T.O.", "CSTO", True, Match.EXACT),
    ("Procter & Gamble", "Procter Gamble", True, Match.EXACT),
    ("O'Brien", "OBrien", True, Match.EXACT),
    # a slip never changes a number or a Roman numeral
    ("Henry VII", "Henry VIII", False, Match.WRONG),
    ("Henry VII", "Henry VI", False, Match.WRONG),
    ("Henry VII", "henry vii", True, Match.EXACT),
    ("Henry VII", "Henri VII", True, Match.TYPO),
    ("Henry VII", "Henry 7", False, Match.WRONG),
    ("Henry VII", "Henry the Seventh", False, Match.WRONG),
    ("George I", "George II", False, Match.WRONG),
    ("Louis XIV", "Louis XV", False, Match.WRONG),
    ("Louis XIV", "Luis xiv", True, Match.TYPO),
    ("Apollo 11", "Apollo 13", False, Match.WRONG),
    ("Apollo 11", "Apollo 1", False, Match.WRONG),
    ("Apollo 11", "Apolo 11", True, Match.TYPO),
    ("Windows 10", "Windows 11", False, Match.WRONG),
    ("Tselinograd", "Tselinograd II", False, Match.WRONG),
]


@pytest.mark.parametrize(("answer", "typed", "correct", "match"), CASES, ids=[f"{a}|{t}" for a, t, _, _ in CASES])
def test_a_recall_question_keeps_what_carries_meaning(
    tmp_path: Path, answer: str, typed: str, correct: bool, match: Match
) -> None:
    verdict = recall(tmp_path, answer).check(typed)
    assert (verdict.correct, verdict.match) == (correct, match)


def test_options_that_differ_only_in_symbols_are_told_apart() -> None:
    languages = ChoiceExpectation(("C++", "C#", "C"), frozenset({1}))
    assert grade(languages, "C#").correct
    assert not grade(languages, "C++").correct
    assert not grade(languages, "C").correct


def test_aliases_keep_their_own_symbols() -> None:
    sharp = TextExpectation((Answer("C#", ("C sharp",)),), ("C++",))
    assert grade(sharp, "c sharp").match is Match.ALIAS
    assert not grade(sharp, "C++").correct
    assert not grade(sharp, "C").correct


def test_list_items_are_numbers_by_value() -> None:
    scores = ListExpectation((Answer("35"), Answer("12")), 2)
    verdict = grade(scores, "3.5, 12")
    assert verdict.named == ("12",)
    assert verdict.wrong == ("3.5",)


NUMBER = st.integers(min_value=0, max_value=10**6)


@given(NUMBER, NUMBER)
def test_a_number_answer_accepts_another_number_only_with_its_value(right: int, typed: int) -> None:
    expectation = TextExpectation((Answer(str(right)),), (), Grading())
    assert grade(expectation, str(typed)).correct == (right == typed)
    assert not grade(expectation, f"-{right}").correct or right == 0


@given(st.integers(min_value=1, max_value=3988), st.integers(min_value=0, max_value=11))
def test_a_slip_never_changes_a_regnal_number(right: int, step: int) -> None:
    typed = right + step  # near numbers are the ones a slip reaches: VII and VIII, XIV and XV

    def roman(n: int) -> str:
        out = ""
        for value, letters in (
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ):
            while n >= value:
                out, n = out + letters, n - value
        return out

    assert numerals(f"Henry {roman(right)}", any_case=False) == (right,)
    expectation = TextExpectation((Answer(f"Henry {roman(right)}"),), (), Grading())
    assert grade(expectation, f"Henry {roman(typed)}").correct == (right == typed)


def test_marks_read_signs_groups_and_symbols() -> None:
    assert marks("+5") == marks("05") == marks("5.0") == marks("5")
    assert marks("-5") == marks("\u22125") != marks("5")
    assert marks("3 000") == marks("3,000") == marks("3000") != marks("3 5")
    assert marks("C++") != marks("C#") != marks("C")
    assert marks("Nur-Sultan") == marks("Nur Sultan") == marks("C.S.T.O.") == marks("(the) \u201cCSTO\u201d")


def test_a_deck_may_hold_options_that_differ_only_in_symbols(tmp_path: Path) -> None:
    path = tmp_path / "deck.toml"
    path.write_text(
        '[deck]\nid = "t"\ntitle = "T"\n\n[[facts]]\nid = "f"\nkind = "choice"\n'
        'question = "Which language did Microsoft design?"\nanswer = "C#"\nwrong = ["C++", "C", "F#"]\n'
        '\n[[facts]]\nid = "g"\nkind = "answer"\nquestion = "Which language?"\nanswer = "C++"\n'
        'distractors = ["C", "C#"]\n',
        encoding="utf-8",
    )
    questions = kzquiz.generate(kzquiz.load_deck(path))
    choice = next(q for q in questions if q.id.endswith("f") or "Microsoft" in q.prompt)
    assert choice.check("C#").correct
    assert not choice.check("C++").correct
    typed = next(q for q in questions if "Which language?" in q.prompt and q.form.value == "recall")
    verdict = typed.check("C#")
    assert not verdict.correct
    assert verdict.feedback == "No: C# is a different answer. The answer is C++."
    assert typed.check("C++").correct


@given(st.text(alphabet="abcxyzABC0123456789", min_size=1, max_size=16))
def test_marks_of_letters_and_digits_read_as_every_other_text(text: str) -> None:
    # a text of ASCII letters and digits takes a shortcut; a space before it sends it the general way
    assert marks(text) == marks(f" {text}")

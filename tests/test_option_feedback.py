"""A choice fact's feedback on its options: written per option, shown only to the learner who picks that option."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.convert.tomlwriter import deck_to_toml
from kzquiz.deckfile import loads_deck
from kzquiz.errors import DeckError
from kzquiz.model import ChoiceFact
from kzquiz.shuffling import reshuffled

HEADER = '[deck]\nid = "geo"\ntitle = "Geography"\n\n[[facts]]\nid = "cap"\nkind = "choice"\n'
CAPITAL = HEADER + (
    'question = "What is the capital of Australia?"\n'
    'answer = "Canberra"\n'
    'wrong = ["Sydney", "Melbourne", "Perth"]\n'
    'feedback.Canberra = "Chosen in 1908 as a compromise between Sydney and Melbourne."\n'
    'feedback.sydney = """\nSydney is the largest city,\nbut it has never been the capital."""\n'
)
TICK_ALL = HEADER + (
    'question = "Which of these border Kazakhstan?"\n'
    'answers = ["Russia", "China"]\n'
    'wrong = ["Mongolia", "Iran"]\n'
    '[facts.feedback]\n"Mongolia" = "Mongolia is 37 km away: Russia and China meet in between."\n'
    'China = "1,783 km of border."\n'
)


def question(text: str) -> kzquiz.Question:
    [q] = loads_deck(text, "geo.toml").questions
    return q


def test_the_feedback_table_is_keyed_by_option_as_graded() -> None:
    [fact] = loads_deck(CAPITAL, "geo.toml").facts
    assert isinstance(fact, ChoiceFact)
    assert dict(fact.feedback) == {
        "Canberra": "Chosen in 1908 as a compromise between Sydney and Melbourne.",
        "Sydney": "Sydney is the largest city,\nbut it has never been the capital.",
    }


def test_a_wrong_pick_hears_about_that_option_and_no_other() -> None:
    verdict = question(CAPITAL).check("Sydney")
    assert not verdict.correct
    assert verdict.feedback == (
        "Not quite: you picked Sydney. The answer is Canberra.\n"
        "Sydney: Sydney is the largest city,\n"
        "        but it has never been the capital."
    )
    assert "compromise" not in verdict.feedback
    perth = question(CAPITAL).check("Perth")
    assert perth.feedback == "Not quite: you picked Perth. The answer is Canberra."


def test_a_right_pick_hears_the_teachers_words_about_it() -> None:
    verdict = question(CAPITAL).check("canberra")
    assert verdict.correct
    assert verdict.feedback == "Canberra: Chosen in 1908 as a compromise between Sydney and Melbourne."


def test_no_option_is_talked_about_when_none_was_picked_for_sure() -> None:
    q = question(CAPITAL)
    sydney = q.choices.index("Sydney") + 1
    canberra = q.choices.index("Canberra") + 1
    for answer in (f"{sydney} {canberra}", "Brisbane"):
        verdict = q.check(answer)
        assert "largest" not in verdict.feedback
        assert "compromise" not in verdict.feedback


def test_the_feedback_follows_its_option_when_the_options_are_reshuffled() -> None:
    q = question(CAPITAL)
    for attempt in range(1, 6):
        again = reshuffled(q, attempt)
        number = again.choices.index("Sydney") + 1
        assert again.check(str(number)).feedback.splitlines()[1] == "Sydney: Sydney is the largest city,"


def test_tick_all_says_something_about_each_option_ticked() -> None:
    q = question(TICK_ALL)
    verdict = q.check("China, Mongolia")
    assert verdict.feedback.splitlines()[1:] == [
        "China: 1,783 km of border.",
        "Mongolia: Mongolia is 37 km away: Russia and China meet in between.",
    ]
    assert q.check("Russia, China").feedback == "China: 1,783 km of border."
    assert q.check("Russia").feedback.count("\n") == 0  # nothing ticked has feedback


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'feedback.Brisbane = "No."',
            (
                "cap.feedback.Brisbane: 'Brisbane' is not an option of this question "
                "(each key is an option from `answer(s)` or `wrong`)"
            ),
        ),
        (
            'feedback.Sydny = "No."',
            "cap.feedback.Sydny: 'Sydny' is not an option of this question (did you mean 'Sydney'?)",
        ),
        ('feedback.Sydney = ""', "cap.feedback.Sydney: must not be empty (leave the option out of `feedback` instead)"),
        ("feedback.Sydney = 3", "cap.feedback.Sydney: must be a string, not a number"),
        ('feedback = "No."', "cap.feedback: must be a table of option = feedback, not a string"),
        (
            'feedback.Sydney = "No."\nfeedback.SYDNEY = "Again."',
            "cap.feedback.SYDNEY: feedback for 'Sydney' is given twice",
        ),
        (
            'partial = [{ text = "Canberra, ACT", credit = 0.5 }]\nfeedback."Canberra, ACT" = "Close."',
            "cap.feedback.Canberra, ACT: 'Canberra, ACT' is a partial option "
            "(give its feedback in its `partial` entry)",
        ),
    ],
)
def test_feedback_for_something_that_is_not_an_option_is_one_clear_error(table: str, message: str) -> None:
    text = HEADER + 'question = "Capital of Australia?"\nanswer = "Canberra"\nwrong = ["Sydney", "Perth"]\n' + table
    with pytest.raises(DeckError) as caught:
        loads_deck(text, "geo.toml")
    problems = [f"{p.field}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in caught.value.problems]
    assert problems == [message]


GIFT = """::cap:: What is the capital of Australia? {
  =Canberra#Chosen in 1908.
  ~Sydney#The largest city,\\nnever the capital.
  ~Perth
  ####Australia's capital was built for the purpose.
}

::border:: Which border Kazakhstan? {
  ~%50%Russia#Yes, the longest border.
  ~%50%China
  ~%-100%Iran#No: the Caspian Sea is between them.
}
"""


def test_gift_per_answer_feedback_goes_with_its_option_not_into_the_note() -> None:
    result = read_gift(GIFT, "bank.gift", "bank", "Bank")
    capital, border = result.deck.facts
    assert isinstance(capital, ChoiceFact)
    assert capital.feedback == (("Canberra", "Chosen in 1908."), ("Sydney", "The largest city,\nnever the capital."))
    assert capital.note == "Australia's capital was built for the purpose."
    assert isinstance(border, ChoiceFact)
    assert dict(border.feedback) | {p.text: p.feedback for p in border.partial if p.feedback} == {
        "Russia": "Yes, the longest border.",
        "Iran": "No: the Caspian Sea is between them.",
    }
    assert "Caspian" not in border.note


def test_the_feedback_survives_the_deck_file_and_a_gift_export() -> None:
    deck = read_gift(GIFT, "bank.gift", "bank", "Bank").deck
    again = loads_deck(deck_to_toml(deck, "test"), "bank.toml")
    assert [f.feedback for f in again.facts if isinstance(f, ChoiceFact)] == [
        f.feedback for f in deck.facts if isinstance(f, ChoiceFact)
    ]
    text, left_out = write_gift(again)
    assert not left_out
    assert "=Canberra#Chosen in 1908." in text
    assert "~Sydney#The largest city,\\nnever the capital." in text
    assert read_gift(text, "x.gift", "bank", "Bank").deck.facts[0].feedback == deck.facts[0].feedback


def test_the_study_screen_shows_it_after_the_pick_indented_under_the_option(tmp_path: Path) -> None:
    deck = tmp_path / "geo.toml"
    deck.write_text(CAPITAL, encoding="utf-8")
    q = question(CAPITAL)
    result = kzquiz_cli(tmp_path, "study", "--plain", str(deck), stdin=f"{q.choices.index('Sydney') + 1}\n")
    lines = result.stdout.splitlines()
    at = lines.index("  Sydney: Sydney is the largest city,")
    assert lines[at + 1] == "          but it has never been the capital."
    assert "compromise" not in result.stdout


def test_preview_shows_each_options_feedback_for_proof_reading() -> None:
    from kzquiz.teach import preview_text

    text = preview_text(loads_deck(CAPITAL, "geo.toml"))
    assert "Sydney — if picked: Sydney is the largest city, / but it has never been the capital." in text
    assert "Perth\n" in text

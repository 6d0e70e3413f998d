"""Typing at a list of options (prompt_toolkit pipe input): typed text picks only the option it names.

A learner who types an answer and presses Enter must never get the highlighted option instead; what typing names
is what a typed line names in plain mode. The same in a real terminal: tests/test_cli_pty.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

import kzquiz
from kzquiz.cli.console import Console
from kzquiz.cli.prompter import QuestionaryPrompter, read_option
from kzquiz.picks import Named, named_option, named_options, options_containing, read_picks, search_key

DATA = Path(__file__).parent / "data"
DOWN, UP, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x04"
CTRL_U, BACKSPACE = "\x15", "\x7f"
RATINGS = ["Again", "Hard", "Good", "Easy"]

WORDS = """
[deck]
id = "words"
title = "Options in two scripts, and numbers"

[[facts]]
id = "city"
kind = "choice"
question = "Largest city?"
answer = "Алматы"
wrong = ["Астана", "Shymkent", "Karaganda"]

[[facts]]
id = "moved"
kind = "choice"
question = "When did the capital move to Astana?"
answer = "1997"
wrong = ["1", "2", "1991"]
"""


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DATA / "all-kinds.toml")


@pytest.fixture(scope="module")
def words() -> kzquiz.Deck:
    return kzquiz.loads_deck(WORDS)


def ask(pipe: PipeInput, question: kzquiz.Question, keys: str) -> str:
    pipe.send_text(keys)
    console = Console(io.StringIO(), io.StringIO(), False, 80)
    return QuestionaryPrompter(console, terminal={"input": pipe, "output": DummyOutput()}).ask(question)


def choose(pipe: PipeInput, keys: str, default: int = 2) -> int:
    pipe.send_text(keys)
    console = Console(io.StringIO(), io.StringIO(), False, 80)
    asker = QuestionaryPrompter(console, terminal={"input": pipe, "output": DummyOutput()})
    return asker.choose("How well did you know it?", RATINGS, default=default)


def test_a_word_that_names_no_option_picks_nothing(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    # Enter after "Mongolia" is refused (the prompt stays); the typed text is cleared, then an arrow points.
    answer = ask(pipe, q, "Mongolia" + ENTER + ENTER + CTRL_U + DOWN * 2 + ENTER)
    assert answer == q.choices[2]


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_typing_an_option_and_enter_picks_it_not_the_highlighted_one(
    deck: kzquiz.Deck, pipe: PipeInput, index: int
) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, DOWN + q.choices[index].upper() + ENTER) == q.choices[index]


@pytest.mark.parametrize(
    ("typed", "picked"),
    [("2", "the CSTO"), ("b", "the CSTO"), ("B", "the CSTO"), ("4", "the EAEU"), ("d", "the EAEU"), ("a", "NATO"),
     ("csto", "the CSTO"), ("sco", "the SCO"), ("the c", "the CSTO"), ("EAE", "the EAEU"), ("Nato", "NATO")],
)  # fmt: skip
def test_numbers_letters_and_parts_of_an_option(deck: kzquiz.Deck, pipe: PipeInput, typed: str, picked: str) -> None:
    q = deck.question("example/alliance/choice")
    assert q.choices == ("NATO", "the CSTO", "the SCO", "the EAEU")
    assert ask(pipe, q, DOWN * 2 + typed + ENTER) == picked


@pytest.mark.parametrize("typed", ["the", "t", "csto sco", "1 2", "-", "e"])
def test_text_in_several_options_or_naming_several_picks_nothing(
    deck: kzquiz.Deck, pipe: PipeInput, typed: str
) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, DOWN + typed + ENTER + CTRL_U + "eaeu" + ENTER) == "the EAEU"  # the first Enter: nothing


def test_typing_goes_on_after_a_refused_enter(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, "the" + ENTER + " e" + ENTER) == "the EAEU"
    assert ask(pipe, q, "Mongolia" + ENTER + BACKSPACE * 8 + "2" + ENTER) == "the CSTO"


def test_arrow_keys_after_typing_point_again(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, "sco" + DOWN + ENTER) == "the EAEU"  # "sco" pointed at option 3; Down moved to 4
    assert ask(pipe, q, "Mongolia" + UP + ENTER) == "the EAEU"  # from option 1 up, round to the last


@pytest.mark.parametrize("erase", [CTRL_U, BACKSPACE * 3, "\x1b"])
def test_erasing_the_text_points_back_where_the_learner_left_it(deck: kzquiz.Deck, pipe: PipeInput, erase: str) -> None:
    q = deck.question("example/alliance/choice")
    # "sco" pointed at the SCO; erased, Enter picks what the learner pointed at before typing, not the SCO
    assert ask(pipe, q, DOWN + "sco" + erase + ENTER) == q.choices[1]


def test_space_before_any_text_is_nothing(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, DOWN + SPACE + ENTER) == q.choices[1]
    assert ask(pipe, q, SPACE + "sco" + ENTER) == "the SCO"


def test_escape_clears_the_typed_text(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, "Mongolia\x1b" + ENTER) == "NATO"


def test_pasted_text_names_an_option(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    assert ask(pipe, q, "\x1b[200~the SCO\x1b[201~" + ENTER) == "the SCO"


@pytest.mark.parametrize(
    ("typed", "picked"),
    [
        ("алм", "Алматы"),
        ("alm", "Алматы"),
        ("Astana", "Астана"),
        ("shym", "Shymkent"),
        ("Шымкент", "Shymkent"),
        ("шым", "Shymkent"),
        ("3", None),
    ],
)
def test_any_script(words: kzquiz.Deck, pipe: PipeInput, typed: str, picked: str | None) -> None:
    q = words.question("words/city/choice")
    expected = picked if picked is not None else q.choices[2]
    assert ask(pipe, q, typed + ENTER) == expected


@pytest.mark.parametrize(
    ("typed", "picked"),
    [("1", "1"), ("2", "2"), ("1997", "1997"), ("1991", "1991"), ("99", None), ("199", None), ("7", "1997")],
)
def test_options_that_are_numbers(words: kzquiz.Deck, pipe: PipeInput, typed: str, picked: str | None) -> None:
    q = words.question("words/moved/choice")
    if picked is None:  # in two options: Enter picks nothing, and the learner types on
        assert ask(pipe, q, typed + ENTER + "7" + ENTER) == "1997"
    else:
        assert ask(pipe, q, typed + ENTER) == picked


@pytest.mark.parametrize("typed", ["1", "2", "3", "4", "c", "1991", "1997", "Mongolia", "19", "1 2", "", "7"])
def test_typing_picks_what_plain_mode_reads(words: kzquiz.Deck, typed: str) -> None:
    """Where a typed line names one option in plain mode, typing it at the list names the same one."""
    q = words.question("words/moved/choice")
    picks, unread = read_picks(typed, q.expectation.matcher, len(q.choices))  # type: ignore[union-attr]
    named = named_options(q, typed)
    if picks and not unread:
        assert named.picks == tuple(dict.fromkeys(index for index, _ in picks))
    else:
        assert len(named.picks) <= 1  # only a part of exactly one option's text, shown before Enter
        assert not named.picks or options_containing(typed, q.choices) == named.picks


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("false", "false"), ("no", "false"), ("2", "false"), ("b", "false"), ("fa", "false"), ("t", "true"),
     ("yes", "true"), ("TRUE", "true")],
)  # fmt: skip
def test_true_false_by_typing(deck: kzquiz.Deck, pipe: PipeInput, typed: str, answer: str) -> None:
    q = deck.question("example/police/true-false")
    start = DOWN if answer == "true" else ""  # the highlight is on the other one
    assert ask(pipe, q, start + typed + ENTER) == answer


def test_true_false_refuses_maybe(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/police/true-false")
    assert ask(pipe, q, "maybe" + ENTER + CTRL_U + DOWN + ENTER) == "false"


def test_checkbox_typed_numbers_tick_and_enter_submits(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/csto/select")
    assert q.choices[:4] == ("Armenia", "Tajikistan", "Kazakhstan", "Russia")
    answer = ask(pipe, q, "1 3" + ENTER + "russia" + ENTER + "tajikistan, Armenia" + ENTER + ENTER)
    assert answer == "Armenia, Tajikistan, Kazakhstan, Russia"
    assert q.check(answer).correct


def test_checkbox_typed_word_ticks_only_what_it_names(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/csto/select")
    # questionary's own keys would have ticked everything ("a", three times), inverted ("i") and moved ("k").
    assert ask(pipe, q, "Kazakhstan" + ENTER + ENTER) == "Kazakhstan"
    assert ask(pipe, q, "Mongolia" + ENTER + ENTER + CTRL_U + ENTER) == ""  # refused twice, then nothing ticked
    assert ask(pipe, q, "stan" + ENTER + CTRL_U + ENTER) == ""  # in four options: refused


def test_checkbox_space_ticks_and_is_text_while_typing(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/csto/select")
    assert ask(pipe, q, SPACE + DOWN + SPACE + ENTER) == "Armenia, Tajikistan"
    assert ask(pipe, q, "1 2" + ENTER + SPACE + ENTER) == "Tajikistan"  # ticked 1 and 2; Space unticked 1


@pytest.mark.parametrize(("typed", "index"), [("hard", 1), ("h", 1), ("4", 3), ("EASY", 3), ("ood", 2), ("ga", 0)])
def test_menus_by_name_or_number(pipe: PipeInput, typed: str, index: int) -> None:
    assert choose(pipe, typed + ENTER, default=2 if index != 2 else 0) == index


def test_menu_refuses_a_name_it_does_not_have(pipe: PipeInput) -> None:
    assert choose(pipe, "great" + ENTER + CTRL_U + UP + ENTER) == 1


@pytest.mark.parametrize(("key", "error"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)])
@pytest.mark.parametrize("qid", ["alliance/choice", "csto/select", "police/true-false"])
def test_ctrl_c_and_ctrl_d_with_text_typed(
    deck: kzquiz.Deck, pipe: PipeInput, qid: str, key: str, error: type[BaseException]
) -> None:
    with pytest.raises(error):
        ask(pipe, deck.question(f"example/{qid}"), "Mong" + ENTER + key)


@pytest.mark.parametrize(
    ("typed", "named"),
    [("", Named()), ("2", Named((1,))), ("hard", Named((1,))), ("d", Named((), (1, 2))), ("x", Named()),
     ("ea", Named((3,))), ("9", Named()), ("Г", Named((2,))), ("à", Named((0,))), ("-", Named()), ("G-o", Named((2,))),
     ("EÁ", Named((3,)))],
)  # fmt: skip
def test_named_option(typed: str, named: Named) -> None:
    assert named_option(typed, RATINGS) == named


@pytest.mark.parametrize("typed", ["g", "Г", "ǵ", "go", "Go-", "а", "à", "A", "h", "х", "E", "é", "Э"])
def test_the_start_of_an_option_is_folded_as_a_part_of_it(typed: str) -> None:
    """One rule: an option the text starts (folded by search_key) is named, as one containing it would be."""
    key = search_key(typed)
    starting = [index for index, option in enumerate(RATINGS) if search_key(option).startswith(key)]
    named = named_option(typed, RATINGS)
    if len(starting) == 1:
        assert named.picks == tuple(starting)
    else:
        assert named == Named() or named.picks == options_containing(typed, RATINGS)


def test_plain_menus_read_the_same(pipe: PipeInput) -> None:
    assert [read_option(typed, RATINGS) for typed in ("ood", "d", "", "2")] == [2, None, 0, 1]


def test_order_by_names_or_letters_as_in_plain_mode(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/capital-names/order")
    right = ["Akmolinsk", "Tselinograd", "Akmola", "Astana", "Nur-Sultan"]
    letters = " ".join("abcde"[q.choices.index(name)] for name in right)
    assert q.check(ask(pipe, q, ", ".join(right) + ENTER)).correct
    assert q.check(ask(pipe, q, letters + ENTER)).correct
    # Names that are no item, or too few of them, are refused (the prompt stays) as plain mode refuses them.
    answer = ask(
        pipe, q, "Almaty" + ENTER + CTRL_U + "Astana" + ENTER + CTRL_U + "  " + ENTER + CTRL_U + letters + ENTER
    )
    assert q.check(answer).correct


@pytest.mark.parametrize("qid", ["alliance/choice", "csto/select"])
def test_a_list_not_found_is_asked_with_the_keys_alone(
    deck: kzquiz.Deck, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch, qid: str
) -> None:
    """A questionary whose list control kzquiz does not find: no typing, no traceback, the keys still answer."""
    import questionary.prompts.common

    monkeypatch.setattr(questionary.prompts.common, "InquirerControl", type("Renamed", (), {}))
    q = deck.question(f"example/{qid}")
    answer = ask(pipe, q, "zz" + DOWN + (SPACE if qid.endswith("select") else "") + ENTER)
    assert answer == q.choices[1]


def test_typed_ticks_skip_an_option_that_cannot_be_ticked(pipe: PipeInput) -> None:
    import questionary

    from kzquiz.cli.typeahead import read_typing

    titles = ["Kazakhstan", "Uzbekistan", "Armenia"]
    choices = [questionary.Choice(t, value=t, disabled="no" if t == "Uzbekistan" else None) for t in titles]
    prompt = questionary.checkbox("Members?", choices, input=pipe, output=DummyOutput())
    typing = read_typing(prompt.application, titles, lambda text: named_option(text, titles), several=True)
    assert typing is not None
    pipe.send_text("uzb" + ENTER + CTRL_U + "2" + ENTER + CTRL_U + "arm" + ENTER + "arm" + ENTER + ENTER)
    assert prompt.unsafe_ask() == ["Armenia"]  # Uzbekistan refused by name and by number; Armenia ticked once

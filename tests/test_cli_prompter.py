"""Prompters: questionary driven through prompt_toolkit's pipe input, and the line-by-line plain prompter."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

import kzquiz
from kzquiz.cli.console import Console
from kzquiz.cli.prompter import LinePrompter, QuestionaryPrompter, picks_answer, read_option, read_order

DATA = Path(__file__).parent / "data"
DOWN, UP, ENTER, SPACE, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", " ", "\x03", "\x04"

TRICKY = """
[deck]
id = "tricky"
title = "Options that look like numbers or lists"

[[facts]]
id = "year"
kind = "choice"
question = "When did Kazakhstan become independent?"
answer = "1991"
wrong = ["1", "2", "1986"]

[[facts]]
id = "cities"
kind = "choice"
question = "Which are cities?"
answers = ["Almaty, the south", "Astana"]
wrong = ["Balkhash, a lake", "Ural"]
"""


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DATA / "all-kinds.toml")


@pytest.fixture(scope="module")
def tricky() -> kzquiz.Deck:
    return kzquiz.loads_deck(TRICKY)


def prompter(pipe: PipeInput) -> tuple[QuestionaryPrompter, io.StringIO]:
    out = io.StringIO()
    console = Console(out, io.StringIO(), False, 60)
    return QuestionaryPrompter(console, terminal={"input": pipe, "output": DummyOutput()}), out


def test_choice_with_arrow_keys(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    right = q.choices.index("the CSTO")
    pipe.send_text(DOWN * right + ENTER)
    answer = prompter(pipe)[0].ask(q)
    assert answer == "the CSTO"
    assert q.check(answer).correct


def test_choice_with_a_number_shortcut(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/alliance/choice")
    wrong = next(i for i, c in enumerate(q.choices) if c != "the CSTO")
    pipe.send_text(f"{wrong + 1}{ENTER}")
    answer = prompter(pipe)[0].ask(q)
    assert answer == q.choices[wrong]
    assert not q.check(answer).correct


def test_checkbox_ticks_several(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/csto/select")
    keys = "".join((SPACE if choice not in ("Turkmenistan", "Uzbekistan") else "") + DOWN for choice in q.choices)
    pipe.send_text(keys + ENTER)
    answer = prompter(pipe)[0].ask(q)
    verdict = q.check(answer)
    assert verdict.correct, (answer, verdict.feedback)


def test_every_pick_is_echoed_the_same_way(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    select = deck.question("example/csto/select")
    wanted = [c for c in select.choices if c not in ("Turkmenistan", "Uzbekistan")]
    pipe.send_text("".join((SPACE if c in wanted else "") + DOWN for c in select.choices) + ENTER)
    asker, out = prompter(pipe)
    asker.ask(select)
    choice = deck.question("example/alliance/choice")
    pipe.send_text(DOWN * choice.choices.index("the CSTO") + ENTER)
    asker.ask(choice)
    pipe.send_text(ENTER)
    asker.ask(select)
    assert out.getvalue().splitlines() == [
        f"? Your answer {', '.join(wanted)}",
        "? Your answer the CSTO",
        "? Your answer nothing ticked",
    ]


def test_true_false_is_a_two_way_select(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/police/true-false")
    pipe.send_text("2" + ENTER)
    answer = prompter(pipe)[0].ask(q)
    assert answer == "false"
    assert not q.check(answer).correct


def test_order_by_typed_numbers_shows_the_numbered_items(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/capital-names/order")
    right = ["Akmolinsk", "Tselinograd", "Akmola", "Astana", "Nur-Sultan"]
    numbers = " ".join(str(q.choices.index(name) + 1) for name in right)
    pipe.send_text("1 1" + ENTER + "\x7f" * 3 + numbers + ENTER)  # an invalid order is refused, then fixed
    ask, out = prompter(pipe)
    answer = ask.ask(q)
    assert answer == ", ".join(right)
    assert q.check(answer).correct
    assert f" 1) {q.choices[0]}" in out.getvalue()


def test_typed_answer(deck: kzquiz.Deck, pipe: PipeInput) -> None:
    q = deck.question("example/nsc-chief/recall")
    pipe.send_text("Karim Masimow" + ENTER)
    answer = prompter(pipe)[0].ask(q)
    assert answer == "Karim Masimow"
    assert q.check(answer).match is kzquiz.Match.TYPO


@pytest.mark.parametrize(("key", "error"), [(CTRL_C, KeyboardInterrupt), (CTRL_D, EOFError)])
@pytest.mark.parametrize("qid", ["alliance/choice", "csto/select", "nsc-chief/recall", "capital-names/order"])
def test_ctrl_c_and_ctrl_d_raise(deck: kzquiz.Deck, pipe: PipeInput, qid: str, key: str, error: type) -> None:
    pipe.send_text(key)
    with pytest.raises(error):
        prompter(pipe)[0].ask(deck.question(f"example/{qid}"))


def test_rating_select(pipe: PipeInput) -> None:
    pipe.send_text(UP + ENTER)
    assert prompter(pipe)[0].choose("How well?", ["Again", "Hard", "Good", "Easy"], default=2) == 1


@pytest.mark.parametrize(
    ("qid", "indexes"),
    [("year", [0]), ("year", [1]), ("year", [2]), ("year", [3]), ("cities", [0, 1]), ("cities", [2]), ("cities", [])],
)
def test_picks_answer_reads_back_as_the_same_options(tricky: kzquiz.Deck, qid: str, indexes: list[int]) -> None:
    from kzquiz.picks import read_picks

    q = tricky.question(f"tricky/{qid}/choice")
    answer = picks_answer(q, indexes)
    picks, unread = read_picks(answer, q.expectation.matcher, len(q.choices))  # type: ignore[union-attr]
    assert ([index for index, _ in picks], unread) == (indexes, []), answer


def test_picks_answer_prefers_readable_text(tricky: kzquiz.Deck) -> None:
    q = tricky.question("tricky/cities/choice")
    both = [q.choices.index("Almaty, the south"), q.choices.index("Astana")]
    assert picks_answer(q, both) in ("Almaty, the south; Astana", " ".join(str(i + 1) for i in both))
    assert q.check(picks_answer(q, sorted(both))).correct


@pytest.mark.parametrize(
    ("text", "order"),
    [("3 1 2", [2, 0, 1]), ("3,1,2", [2, 0, 1]), ("312", [2, 0, 1]), ("1 2", None), ("1 1 2", None), ("a b c", None)],
)
def test_read_order(text: str, order: list[int] | None) -> None:
    assert read_order(text, 3) == order


@pytest.mark.parametrize(
    ("text", "index"), [("", 2), ("1", 0), ("4", 3), ("e", 3), ("ha", 1), ("5", None), ("x", None)]
)
def test_read_option(text: str, index: int | None) -> None:
    assert read_option(text, ["Again", "Hard", "Good", "Easy"], default=2) == index


def test_line_prompter_numbers_options_echoes_and_ends_at_eof(deck: kzquiz.Deck) -> None:
    out = io.StringIO()
    lines = LinePrompter(io.StringIO("2\nwhatever\n"), Console(out, io.StringIO(), False, 80))
    q = deck.question("example/alliance/choice")
    assert lines.ask(q) == "2"
    assert lines.ask(deck.question("example/nsc-chief/recall")) == "whatever"
    with pytest.raises(EOFError):
        lines.ask(q)
    text = out.getvalue()
    assert f" 2) {q.choices[1]}" in text
    assert "Answer with a number (or the option's text).\n> 2\n" in text
    assert "> whatever\n" in text


def test_line_prompter_without_console_writes_nothing(deck: kzquiz.Deck) -> None:
    lines = LinePrompter(io.StringIO("a\n\nx\n3\n"))
    assert lines.ask(deck.question("example/alliance/choice")) == "a"
    lines.reveal()
    assert lines.choose("Rate", ["Again", "Hard", "Good", "Easy"]) == 2  # "x" is refused, "3" is Good


LONG = """
[deck]
id = "long"
title = "Long options"

[[facts]]
id = "why"
kind = "choice"
question = "Why did the protests start?"
answer = "Because the price of liquefied petroleum gas doubled overnight at the start of the year"
wrong = ["Because of a disputed election", "Because the capital was renamed", "Because of a devaluation"]
"""


def test_long_options_are_printed_in_full_before_a_narrow_prompt(pipe: PipeInput) -> None:
    q = kzquiz.loads_deck(LONG).question("long/why/choice")
    right = next(i for i, c in enumerate(q.choices) if c.startswith("Because the price"))
    pipe.send_text(DOWN * right + ENTER)
    out = io.StringIO()
    narrow = QuestionaryPrompter(
        Console(out, io.StringIO(), False, 40), terminal={"input": pipe, "output": DummyOutput()}
    )
    answer = narrow.ask(q)
    assert q.check(answer).correct
    shown = out.getvalue().splitlines()
    assert max(len(line) for line in shown) <= 40
    assert f"{right + 1:>2}) Because the price of liquefied" in shown
    assert "    the start of the year" in shown

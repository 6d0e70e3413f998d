"""Plain mode asks again when an answer picks no option, as the arrow-key prompt could not give such an answer;
``/appeal`` in a plain exam is refused and the question asked again."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.cli.console import Console
from kzquiz.cli.exam import pick_questions
from kzquiz.cli.prompter import LinePrompter
from kzquiz.picks import not_a_pick
from kzquiz.questions import AnswerType, Form, Question

DATA = Path(__file__).parent / "data"
DECK = DATA / "all-kinds.toml"


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DECK)


@pytest.mark.parametrize(
    ("qid", "answer", "problem"),
    [
        ("alliance/choice", "the Warsaw Pact", "“the Warsaw Pact” is not one of the options"),
        ("alliance/choice", "7", "“7” is not one of the options"),
        ("alliance/choice", "1 2", "Pick one option only"),
        ("alliance/choice", "a", ""),
        ("alliance/choice", "NATO", ""),  # a wrong option is an answer: graded, not asked again
        ("alliance/choice", "", ""),  # no answer is an answer too
        ("police/true-false", "maybe", "“maybe” is neither true nor false"),
        ("police/true-false", "no", ""),
        ("police/true-false", "-1", "“-1” is neither true nor false"),
        ("capital-names/order", "3 1", "Give each of the 5 options once, in order (e.g. 5 4 3 2 1): you gave 2."),
        ("capital-names/order", "Akmolinsk, Tselinograd", "Give each of the 5 options once"),
        ("capital-names/order", "1 1 2 3 4", "Give each of the 5 options once, in order (e.g. 5 4 3 2 1)."),
        ("capital-names/order", "5 4 1 2 3", ""),  # a whole order is an answer, right or wrong
        ("capital-names/order", "e d a b c", ""),
        ("capital-names/order", "Akmolinsk, Tselinograd, Akmola, Nur-Sultan, Astana", ""),
        ("csto/select", "Mongolia, Narnia", "“Mongolia”, “Narnia” are not among the options"),
        ("nsc-chief/recall", "anything at all", ""),  # a typed question has no options
    ],
)
def test_what_is_not_a_pick(deck: kzquiz.Deck, qid: str, answer: str, problem: str) -> None:
    said = not_a_pick(deck.question(f"example/{qid}"), answer)
    assert said.startswith(problem) if problem else said == ""


def test_the_plain_prompter_asks_again_until_an_option_is_picked(deck: kzquiz.Deck) -> None:
    out = io.StringIO()
    lines = LinePrompter(io.StringIO("the Warsaw Pact\n9\nb\n"), Console(out, io.StringIO(), False, 80))
    question = deck.question("example/alliance/choice")
    assert lines.ask(question) == "b"
    text = " ".join(out.getvalue().split())
    assert "“the Warsaw Pact” is not one of the options: answer with a number from 1 to 4, a letter from a to d" in text
    assert "“9” is not one of the options" in text


def test_json_mode_grades_what_it_is_given(deck: kzquiz.Deck) -> None:
    lines = LinePrompter(io.StringIO("the Warsaw Pact\n"))  # a program reads a verdict for every answer it sends
    assert lines.ask(deck.question("example/alliance/choice")) == "the Warsaw Pact"


def test_a_plain_exam_asks_again_and_refuses_appeals(tmp_path: Path, deck: kzquiz.Deck) -> None:
    report = tmp_path / "result.json"
    [question] = pick_questions(deck, 1, frozenset({AnswerType.CHOICE}), seed=0)
    right = question.choices.index(question.expected) + 1
    stdin = f"not an option\n/appeal\n{right}\n"
    args = ("exam", str(DECK), "--count", "1", "--types", "choice", "--plain", "--report", str(report))
    run = kzquiz_cli(None, *args, stdin=stdin)
    assert run.returncode == 0, run.stderr
    out = " ".join(run.stdout.split())
    assert "“not an option” is not one of the options" in out
    assert "Cannot appeal: an exam takes no appeals while it runs" in out
    assert "Score 1 / 1 (100%)" in out
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["answers"][0]["answer"] == question.expected
    assert document["answers"][0]["correct"] is True


def test_a_plain_study_asks_again_too(tmp_path: Path) -> None:
    deck = tmp_path / "one.toml"
    deck.write_text(
        '[deck]\nid = "one"\ntitle = "One"\n[[facts]]\nid = "q"\nkind = "statement"\n'
        'statement = "Almaty is in Kazakhstan."\nanswer = true\n',
        encoding="utf-8",
    )
    run = kzquiz_cli(tmp_path, "study", str(deck), "--plain", stdin="Almaty\nyes\n")
    assert run.returncode == 0, run.stderr
    assert "“Almaty” is neither true nor false: answer true or false (or 1 or 2)." in run.stdout
    assert "✓ Right" in run.stdout


@attrs.frozen
class Unread:
    """An expectation a library user might write: it has no matcher to read options with."""

    order: tuple[int, ...]


@pytest.mark.parametrize(
    ("answer", "problem"),
    [("Mongolia", "“Mongolia” is not one of the options"), ("b a", "Give each of the 3 options once"),
     ("b c a", ""), ("2 3 1", ""), ("Akmolinsk, Tselinograd, astana", ""), ("akmolinsk tselinograd astana", "")],
)  # fmt: skip
def test_options_are_read_without_the_expectation_s_matcher(answer: str, problem: str) -> None:
    """An order question whose expectation reads no options still tells an answer that names none, in plain mode
    as at the prompt (tests/test_cli_typeahead_pty.py)."""
    question = Question(
        "d/f/order", "d", "f", Form.ORDER, AnswerType.ORDER, "Put the names in order",
        Unread((1, 2, 0)), ("Astana", "Akmolinsk", "Tselinograd"),  # type: ignore[arg-type]
    )  # fmt: skip
    said = not_a_pick(question, answer)
    assert said.startswith(problem) if problem else said == ""

"""One list prompt in a real terminal, for tests/test_cli_typeahead_pty.py: ``python promptscript.py SCENARIO``.

Prints ``RESULT <answer>`` when the prompt returns. The scenarios are prompts the kzquiz command never builds
(a checkbox with a disabled option and a validation, an order question whose expectation has no matcher, a
questionary whose list control is not found), so that the typing layer is tested on them as it runs.
"""

from __future__ import annotations

import sys

import attrs

import kzquiz
from kzquiz.cli.console import Console
from kzquiz.cli.prompter import QuestionaryPrompter
from kzquiz.questions import AnswerType, Form, Question

MEMBERS = ["Kazakhstan", "Uzbekistan", "Armenia", "Russia"]

CHOICE = """
[deck]
id = "pty"
title = "Terminal test"

[[facts]]
id = "alliance"
kind = "choice"
question = "Which alliance did Tokayev call in?"
answer = "the CSTO"
wrong = ["NATO", "the SCO", "the EAEU"]
"""


@attrs.frozen
class Unread:
    """An expectation a library user might write: it grades, but offers no matcher to read options with."""

    order: tuple[int, ...]


def checkbox(validate: bool) -> object:
    """Uzbekistan cannot be ticked; with ``validate``, at most two options may be submitted."""
    import questionary

    from kzquiz.cli.typeahead import read_typing
    from kzquiz.picks import named_option

    choices = [
        questionary.Choice(title, value=title, disabled="not a member" if title == "Uzbekistan" else None)
        for title in MEMBERS
    ]
    prompt = questionary.checkbox(
        "Members?",
        choices,
        validate=(lambda ticked: len(ticked) <= 2 or "Tick at most two") if validate else (lambda ticked: True),
        instruction="(type to tick)",
        use_jk_keys=False,
    )
    read_typing(prompt.application, MEMBERS, lambda text: named_option(text, MEMBERS), several=True)
    return sorted(prompt.unsafe_ask())


def main(scenario: str) -> None:
    console = Console(sys.stdout, sys.stderr, False, 80)
    if scenario in ("checkbox", "ticks"):
        result = checkbox(validate=scenario == "checkbox")
    elif scenario == "order":
        question = Question(
            "d/f/order", "d", "f", Form.ORDER, AnswerType.ORDER, "Put the names in order",
            Unread((1, 2, 0)), ("Astana", "Akmolinsk", "Tselinograd"),  # type: ignore[arg-type]
        )  # fmt: skip
        result = QuestionaryPrompter(console).ask(question)
    elif scenario == "fallback":
        import questionary.prompts.common

        # A questionary whose list control kzquiz does not know: the lists must work without typing.
        questionary.prompts.common.InquirerControl = type("Renamed", (), {})  # type: ignore[assignment,misc]
        question = kzquiz.loads_deck(CHOICE).question("pty/alliance/choice")
        result = QuestionaryPrompter(console).ask(question)
    else:
        raise SystemExit(f"unknown scenario {scenario!r}")
    sys.stdout.write(f"RESULT {result}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])

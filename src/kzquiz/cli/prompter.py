"""Asking for answers: the :class:`Prompter` protocol, with a questionary prompter and a line-by-line one.

A prompter turns a question into the learner's answer as text, which :meth:`kzquiz.Question.check` grades. Both
raise ``KeyboardInterrupt`` (Ctrl-C) and ``EOFError`` (Ctrl-D, or the end of piped input) for the caller to end
the session cleanly. questionary and prompt_toolkit are imported only when :class:`QuestionaryPrompter` is first
used, so that commands which never prompt start quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from kzquiz.cli import render
from kzquiz.picks import (
    Named,
    named_option,
    named_options,
    not_a_pick,
    options_read_by,
    picks_answer,
    read_order,
    read_picks,
)
from kzquiz.questions import AnswerType
from kzquiz.text import safe_text

if TYPE_CHECKING:
    from kzquiz.cli.console import Console
    from kzquiz.questions import Question

PICKED_BY_NUMBER = (AnswerType.CHOICE, AnswerType.SELECT, AnswerType.TRUE_FALSE, AnswerType.ORDER)
"""Kinds whose options are shown numbered, so that an answer can name them by number."""

HINTS = {
    AnswerType.CHOICE: "Answer with a number (or the option's text).",
    AnswerType.SELECT: "Answer with all the right numbers, e.g. 1 3.",
    AnswerType.TRUE_FALSE: "Answer true or false (or 1 or 2).",
    AnswerType.ORDER: "Answer with the numbers in order, e.g. 3 1 2.",
    AnswerType.LIST: "Separate the items with commas.",
}
"""One-line instructions shown in plain mode, where options cannot be picked with the arrow keys."""


class Prompter(Protocol):
    """Gets answers from a learner. Every method raises ``KeyboardInterrupt`` or ``EOFError`` to stop."""

    def ask(self, question: Question) -> str:
        """The learner's answer to ``question``, as text :meth:`~kzquiz.Question.check` can grade."""
        ...

    def reveal(self) -> None:
        """Wait until the learner wants to see a flashcard's answer."""
        ...

    def choose(self, message: str, options: Sequence[str], default: int = 0) -> int:
        """The index of the option the learner picks among ``options`` (the program's own words, not a deck's)."""
        ...

    def offer_appeal(self) -> bool:
        """After a verdict that can be appealed: whether the learner appeals it now ("I was right")."""
        ...


APPEAL_LINE = "/appeal"
"""What a learner types instead of an answer, in plain and JSON mode, to appeal the verdict just given."""

APPEAL_HINT = "If you were right, type /appeal before your next answer."
"""What plain mode says after a verdict that can be appealed."""


def is_appeal(line: str) -> bool:
    """Whether a line asks to appeal: ``/appeal``, or the JSON command ``{"command": "appeal"}``."""
    text = line.strip()
    if text.casefold() == APPEAL_LINE:
        return True
    if text.startswith("{") and text.endswith("}"):
        import json

        try:
            command = json.loads(text)
        except ValueError:
            return False
        return isinstance(command, dict) and command.get("command") == "appeal"
    return False


class LinePrompter:
    """Reads one answer per line from ``stream`` (plain mode, and ``--json`` for programs).

    With ``console``, options and a one-line hint are printed before reading and piped answers are echoed (plain
    mode); without, nothing is written, so that standard output stays pure JSON. ``complain`` (by default the
    console's error stream) is told when an answer cannot be read. A line that :func:`is_appeal` in place of an
    answer calls ``on_appeal`` (when set), then the answer is read from the next line. In plain mode, an answer
    to a question with options that picks none of them (:func:`kzquiz.picks.not_a_pick`) is asked again.
    """

    on_appeal: Callable[[], object] | None = None
    """What to do when the learner appeals the last verdict (set by the quiz loop that can handle it)."""

    def __init__(
        self, stream: TextIO, console: Console | None = None, complain: Callable[[str], None] | None = None
    ) -> None:
        self.stream = stream
        self.console = console
        self.complain = complain or (console.error if console is not None else None)
        """Where a refused answer is explained (standard error), in JSON mode too."""
        try:
            typed = stream.isatty()
        except (AttributeError, ValueError):
            typed = False
        # Piped answers are echoed, so that the transcript shows what was answered; a terminal echoes by itself.
        self.echo = console is not None and not typed

    def _line(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
        if self.echo and self.console is not None:
            self.console.write(f"> {line}", "dim")
        return line

    def ask(self, question: Question) -> str:
        """Print the options (numbered) and a hint, then read one line."""
        if self.console is not None:
            console = self.console
            lines = render.choice_lines(console, question.choices) if question.answer_type in PICKED_BY_NUMBER else []
            hint = HINTS.get(question.answer_type)
            if hint:
                lines.extend(console.style(line, "dim") for line in render.wrap(hint, console.width))
            if lines:
                console.raw("\n".join(lines) + "\n")
        while True:
            line = self._line()
            if self.on_appeal is not None and is_appeal(line):
                self.on_appeal()
                continue
            # In plain mode, an answer that picks no option is asked again: a prompt with arrow keys could not give it.
            problem = not_a_pick(question, line) if self.console is not None else ""
            if not problem or self.console is None:
                return line
            lines = [self.console.style(text, "yellow") for text in render.wrap(problem, self.console.width)]
            self.console.raw("\n".join(lines) + "\n")

    def offer_appeal(self) -> bool:
        """Never waits: in plain mode, say how to appeal (a line read with the next answer); in JSON mode, nothing."""
        if self.console is not None:
            self.console.write(APPEAL_HINT, "dim")
        return False

    def reveal(self) -> None:
        """Read (and ignore) one line: a learner's guess, or just Enter."""
        if self.console is not None:
            self.console.write("Press Enter to see the answer.", "dim")
        self._line()

    def choose(self, message: str, options: Sequence[str], default: int = 0) -> int:
        """Read a number (from 1), the start of an option's name or a part of only one name; an empty line takes the
        default."""
        listed = "  ".join(f"{i}) {option}" for i, option in enumerate(options, start=1))
        if self.console is not None:
            self.console.raw("\n".join(render.wrap(f"{message} {listed}", self.console.width)) + "\n")
        while True:
            picked = read_option(self._line(), options, default)
            if picked is not None:
                return picked
            if self.complain is not None:
                self.complain(f"please answer with a number from 1 to {len(options)} or (part of) a name: {listed}")


def numbered(titles: Sequence[str]) -> list[str]:
    """Options as a list shows them, with the numbers that pick them: ``1) Astana`` (`` 1)`` from ten on)."""
    width = len(str(len(titles)))
    return [f"{number:>{width}}) {title}" for number, title in enumerate(titles, start=1)]


def read_option(text: str, options: Sequence[str], default: int = 0) -> int | None:
    """The option ``text`` names (:func:`kzquiz.picks.named_option`: its number from 1, the start of its name, or
    a part only it contains), as typing at the list in a terminal does; empty means ``default``."""
    if not text.strip():
        return default
    picks = named_option(text, options).picks
    return picks[0] if picks else None


class QuestionaryPrompter:
    """Asks with questionary: arrow keys or typed numbers, letters and names for options (see :mod:`.typeahead`),
    ticks for several, text otherwise."""

    def __init__(self, console: Console, *, terminal: dict[str, Any] | None = None) -> None:
        self.console = console
        self.terminal = dict(terminal or {})
        """prompt_toolkit ``input`` and ``output`` to use instead of the process's terminal (for tests)."""

    def _run(self, prompt: Any) -> Any:
        """Ask a questionary question; Ctrl-D leaves it like Ctrl-C does, as ``EOFError``."""
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        extra = KeyBindings()

        @extra.add("c-d", eager=True)
        def _end(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        application = prompt.application
        application.key_bindings = merge_key_bindings([application.key_bindings, extra])
        from kzquiz.cli.stopping import PROMPTS  # kill or a closed terminal ends the prompt itself (until_stopped)

        PROMPTS.append(application)
        try:
            return prompt.unsafe_ask()
        finally:
            PROMPTS.remove(application)

    def _options(self) -> dict[str, Any]:
        """Keyword arguments every prompt gets: no colour when the console has none (NO_COLOR, ``--no-color``)."""
        if self.console.color:
            return dict(self.terminal)
        from prompt_toolkit.output import ColorDepth

        return {"color_depth": ColorDepth.DEPTH_1_BIT, **self.terminal}

    def ask(self, question: Question) -> str:
        """Ask in the way the question's answer type calls for and return the answer as text."""
        import questionary

        titles = [safe_text(choice, newlines=False) for choice in question.choices]
        answer_type = question.answer_type
        if answer_type is AnswerType.CHOICE:
            picked = self._select("Your answer", self._fit(titles), lambda text: named_options(question, text))
            self._echo([titles[picked]])
            return picks_answer(question, [picked])
        if answer_type is AnswerType.TRUE_FALSE:
            picked = self._select("Your answer", ["True", "False"], lambda text: named_options(question, text))
            self._echo([("True", "False")[picked]])
            return "true" if picked == 0 else "false"
        if answer_type is AnswerType.SELECT:
            from kzquiz.cli.typeahead import read_typing

            choices = [questionary.Choice(title, value=i) for i, title in enumerate(numbered(self._fit(titles)))]

            def checkbox(instruction: str) -> Any:
                prompt = questionary.checkbox(
                    "Your answer", choices, instruction=instruction, qmark="?", use_jk_keys=False, **self._options()
                )
                prompt.application.erase_when_done = True  # echoed like every pick, by _echo
                return prompt

            def name(text: str) -> Named:
                return named_options(question, text)

            prompt = checkbox("(Space ticks, Enter submits; or type 1 3 or the options)")
            if read_typing(prompt.application, titles, name, several=True) is None:
                prompt = checkbox("(Space ticks, Enter submits)")  # a list typing cannot reach: keys only
            ticked: list[int] = self._run(prompt)
            self._echo([titles[i] for i in sorted(ticked)])
            return picks_answer(question, sorted(ticked))
        if answer_type is AnswerType.ORDER:
            return self._order(question, titles)
        message = "Your answer, separated by commas" if answer_type is AnswerType.LIST else "Your answer"
        text: str = self._run(questionary.text(message, qmark="?", **self._options()))
        return text

    def _fit(self, titles: list[str]) -> list[str]:
        """Options as a prompt can show them on one line each.

        A prompt cuts a line at the edge of the terminal, so when an option is too long for it, the options are
        first printed in full, numbered and wrapped, and the prompt shows them shortened.
        """
        room = self.console.width - 8 - len(str(len(titles)))  # the pointer, tick mark, number and spaces
        if all(len(title) <= room for title in titles):
            return titles
        self.console.raw("\n".join(render.choice_lines(self.console, titles)) + "\n")
        return [title if len(title) <= room else title[: room - 1].rstrip() + "…" for title in titles]

    def _echo(self, picked: Sequence[str], message: str = "Your answer") -> None:
        """What was picked, the same way for one option, several ticked or none: ``? Your answer Astana, Almaty``."""
        shown = ", ".join(picked) if picked else "nothing ticked"
        lines = render.wrap(shown, self.console.width, indent="  ", first=f"? {message} ")
        self.console.raw("\n".join(lines) + "\n")

    def _select(
        self,
        message: str,
        titles: Sequence[str],
        name: Callable[[str], Named],
        default: int | None = None,
        typed: str = "the answer",
    ) -> int:
        """The index of the option picked with the arrow keys, or named by typing (see :mod:`.typeahead`)."""
        import questionary

        from kzquiz.cli.typeahead import read_typing

        choices = [questionary.Choice(title, value=i) for i, title in enumerate(numbered(titles))]

        def select(instruction: str) -> Any:
            prompt = questionary.select(
                message,
                choices,
                default=choices[default] if default is not None else None,
                instruction=instruction,
                use_shortcuts=False,
                use_jk_keys=False,
                use_arrow_keys=True,
                qmark="?",
                **self._options(),
            )
            prompt.application.erase_when_done = True  # the caller echoes the pick (see _echo)
            return prompt

        prompt = select(f"(arrow keys or 1-{len(choices)}, or type {typed})")
        if read_typing(prompt.application, titles, name) is None:
            prompt = select("(arrow keys, then Enter)")  # a list typing cannot reach: the arrow keys only
        picked: int = self._run(prompt)
        return picked

    def _order(self, question: Question, titles: Sequence[str]) -> str:
        """The order typed as numbers (``3 1 2``), or as letters or the items' texts, as plain mode reads them."""
        import questionary

        count = len(titles)
        self.console.raw("\n".join(render.choice_lines(self.console, titles)) + "\n")
        numbers = f"Type each number from 1 to {count} once, e.g. 3 1 2"

        def validate(text: str) -> bool | str:
            if read_order(text, count) is not None:
                return True
            problem = not_a_pick(question, text) if text.strip() else numbers
            return problem or True

        prompt = questionary.text("Your order (numbers or names)", qmark="?", validate=validate, **self._options())
        text: str = self._run(prompt)
        order = read_order(text, count)
        matcher = options_read_by(question)
        if order is None and matcher is not None and getattr(question.expectation, "matcher", None) is None:
            # Letters or texts, for an expectation that cannot read them (it has no matcher): given as numbers.
            order = [index for index, _ in read_picks(text, matcher, count)[0]]
        return picks_answer(question, order) if order is not None else text

    def reveal(self) -> None:
        """Wait for Enter (anything typed is ignored)."""
        import questionary

        self._run(questionary.text("Press Enter to see the answer", qmark="…", **self._options()))

    def choose(self, message: str, options: Sequence[str], default: int = 0) -> int:
        """A select with the arrow keys, or a typed number or name (:func:`kzquiz.picks.named_option`)."""
        picked = self._select(message, options, lambda text: named_option(text, options), default, "its name")
        self._echo([options[picked]], message)
        return picked

    def offer_appeal(self) -> bool:
        """One key: ``a`` appeals; Enter (or any other key) goes on to the next question."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from questionary.question import Question as Prompt

        keys = KeyBindings()

        @keys.add("a")
        @keys.add("A")
        def _appeal(event: Any) -> None:
            event.app.exit(result=True)

        @keys.add(Keys.Any)
        def _go_on(event: Any) -> None:
            event.app.exit(result=False)

        @keys.add("c-c")
        def _stop(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        message = FormattedText([("class:instruction", "  Enter: next question · a: I was right (appeal) ")])
        session: Any = PromptSession(message, key_bindings=keys, **self._options())
        answer: bool = self._run(Prompt(session.app))
        return answer

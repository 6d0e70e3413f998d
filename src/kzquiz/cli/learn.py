"""The learner's commands: ``study`` (the default), ``exam``, ``cards``, ``stats``, ``learners`` and ``decks``.

Only argument definitions live at the top level of this module (a function per command, named in
:data:`kzquiz.cli.COMMANDS`), so that ``kzquiz --help`` stays instant; each handler imports what it needs (the
store, the scheduler, questionary) when it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from kzquiz.cli.plainargs import DEFAULT_LEARNER, learner_name_problem

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from kzquiz.cli.console import Console
    from kzquiz.cli.prompter import Prompter
    from kzquiz.cli.views import View
    from kzquiz.model import Deck

    Handler = Callable[[argparse.Namespace, Console], int]


def _positive(text: str) -> int:
    import argparse  # loaded already: only argparse calls this

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text}")
    return value


def _at_least_one(text: str) -> int:
    value = _positive(text)
    if value < 1:
        import argparse  # loaded already: only argparse calls this

        raise argparse.ArgumentTypeError(f"must be 1 or more: {text}")
    return value


def _learner_name(text: str) -> str:
    name = text.strip()
    problem = learner_name_problem(name)
    if problem:
        import argparse  # loaded already: only argparse calls this

        raise argparse.ArgumentTypeError(problem)
    return name


def _add_colour(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-color", action="store_true", help="never colour the output (as NO_COLOR=1 does)")


def _add_quiz(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain text: numbered options, one answer per line from standard input (the default when piped)",
    )
    parser.add_argument(
        "--json", action="store_true", help="for programs: one JSON object per event, answers read line by line"
    )


def _add_learner(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--learner",
        metavar="NAME",
        type=_learner_name,
        default=os.environ.get("KZQUIZ_LEARNER") or DEFAULT_LEARNER,
        help="whose progress to use (default: $KZQUIZ_LEARNER or %(default)r)",
    )


def _add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="STORE",
        help="the progress store: a file or a postgresql:// URL (default: $KZQUIZ_DB, else "
        "$KZQUIZ_HOME/kzquiz.sqlite3, else the user data folder)",
    )


def _add_session(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=_at_least_one, metavar="N", help="stop after N questions")
    parser.add_argument(
        "--new", type=_positive, default=20, metavar="N", help="introduce at most N new facts (default: %(default)s)"
    )


_DECK_HELP = "a deck file, or the name of a bundled deck (see: kzquiz decks)"


def study_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz study``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    description = "Study the facts that are due, and some new ones, with spaced repetition (FSRS)."
    _session_arguments(parser, description, _study)


def _session_arguments(parser: argparse.ArgumentParser, description: str, handler: Handler) -> None:
    """The arguments of ``study`` and ``cards``: a session on the facts that are due, and some new ones."""
    parser.description = description
    for add in (_add_colour, _add_quiz, _add_learner, _add_store, _add_session):
        add(parser)
    parser.add_argument("decks", nargs="*", metavar="DECK", help=f"{_DECK_HELP} (default: the bundled deck)")
    parser.set_defaults(handler=handler)


def exam_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz exam``'s arguments."""
    import argparse  # loaded already: argparse calls this

    parser.description = (
        "A fixed test, the same for everyone who runs the same command: no spaced-repetition effects unless "
        "--record is given."
    )
    for add in (_add_colour, _add_quiz, _add_learner, _add_store):
        add(parser)
    parser.add_argument("deck", metavar="DECK", help=_DECK_HELP)
    parser.add_argument("--count", type=_at_least_one, default=10, metavar="N", help="questions (default: %(default)s)")
    parser.add_argument(
        "--types",
        action="append",
        metavar="TYPE,...",
        help="only these answer types: typed, list, number, cloze, choice, select, true-false, order",
    )
    # The name published in 0.1, kept working (documented in docs/cli.md) but no longer shown in --help.
    parser.add_argument("--kinds", action="append", dest="types", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="another seed, another test (default: 0)")
    parser.add_argument("--report", metavar="FILE", help="write the result to FILE (.json or .csv)")
    parser.add_argument("--record", action="store_true", help="also record the answers in the progress store")
    parser.set_defaults(handler=_exam)


def cards_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz cards``'s arguments."""
    description = "Flashcards: show the prompt, reveal the answer, then rate it Again, Hard, Good or Easy."
    _session_arguments(parser, description, _cards)


def appeal_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz appeal``'s arguments."""
    parser.description = (
        "Appeal the verdict of your last answer (a typed answer graded wrong or partly right): it counts as right "
        "for your schedule unless your teacher rejects the appeal."
    )
    for add in (_add_colour, _add_learner, _add_store):
        add(parser)
    parser.add_argument("decks", nargs="*", metavar="DECK", help=f"{_DECK_HELP} (default: the bundled deck)")
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    parser.set_defaults(handler=_appeal)


def stats_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz stats``'s arguments."""
    for add in (_add_colour, _add_learner, _add_store):
        add(parser)
    parser.add_argument("--json", action="store_true", help="as one JSON object")
    from kzquiz.cli.statscmd import show_stats  # this parser is built only to run stats (or for all of them)

    parser.set_defaults(handler=show_stats)


def learners_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz learners``'s arguments."""
    _add_colour(parser)
    _add_store(parser)
    parser.add_argument("--json", action="store_true", help="as a JSON list")
    parser.set_defaults(handler=_learners)


def decks_arguments(parser: argparse.ArgumentParser) -> None:
    """``kzquiz decks``'s arguments."""
    _add_colour(parser)
    parser.add_argument("--json", action="store_true", help="as a JSON list")
    parser.set_defaults(handler=_decks)


# Shared by the quiz commands -------------------------------------------------------------------------------------


def interactive(args: argparse.Namespace) -> bool:
    """Whether to prompt with questionary: a terminal on both ends, and neither ``--plain`` nor ``--json``."""
    if getattr(args, "plain", False) or getattr(args, "json", False):
        return False
    if os.environ.get("TERM") == "dumb":  # a terminal that cannot move the cursor gets plain text
        return False
    # A stream the shell closed (<&-, >&-) is None.
    return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()


def quiz_io(args: argparse.Namespace, console: Console) -> tuple[Prompter, View]:
    """The prompter and the view for this run: questionary and text, plain lines and text, or JSON."""
    from kzquiz.cli.prompter import LinePrompter, QuestionaryPrompter
    from kzquiz.cli.views import JsonView, TextView

    if getattr(args, "json", False):
        return LinePrompter(_stdin(), complain=console.error), JsonView(console.out)
    if not interactive(args):
        return LinePrompter(_stdin(), console), TextView(console)
    return QuestionaryPrompter(console), TextView(console)


def _stdin() -> Any:
    """Standard input that reads undecodable bytes as replacement characters rather than crashing."""
    import io

    if sys.stdin is None:  # closed by the shell (<&-): no answers, as at the end of piped input
        return io.StringIO("")
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    return sys.stdin


def load_decks(names: list[str]) -> list[Deck]:
    """The decks named on the command line (files or bundled names); the bundled deck when none is named."""
    from kzquiz.bundled import DEFAULT_DECK, resolve_deck
    from kzquiz.deckfile import load_deck

    decks = [load_deck(resolve_deck(name)) for name in names or [DEFAULT_DECK]]
    seen: dict[str, str] = {}
    for deck in decks:
        if deck.id in seen and seen[deck.id] != deck.path:
            from kzquiz.cli.paths import shown_path
            from kzquiz.errors import KzquizError

            raise KzquizError(
                f"two decks have the id {deck.id!r}: {shown_path(seen[deck.id])} and {shown_path(deck.path)}"
            )
        seen[deck.id] = deck.path
    return list({deck.id: deck for deck in decks}.values())


# Handlers ------------------------------------------------------------------------------------------------------


def _lazy(module: str, name: str) -> Handler:
    """A handler that imports ``module`` only when the command runs, so ``kzquiz --help`` stays fast."""

    def handler(args: argparse.Namespace, console: Console) -> int:
        import importlib

        function: Callable[[argparse.Namespace, Console], int] = getattr(importlib.import_module(module), name)
        return function(args, console)

    return handler


_study = _lazy("kzquiz.cli.study", "study")
_cards = _lazy("kzquiz.cli.study", "cards")
_exam = _lazy("kzquiz.cli.exam", "exam")
_appeal = _lazy("kzquiz.cli.study", "appeal")

_learners = _lazy("kzquiz.cli.statscmd", "show_learners")
_decks = _lazy("kzquiz.cli.statscmd", "show_decks")

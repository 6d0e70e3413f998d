"""The ``kzquiz`` command: argument parsing and the one place where errors become messages and exit codes.

:data:`COMMANDS` lists the subcommands; each group of them lives in its own module, with a function per command
that gives its parser its arguments. Only the command being run is built, and heavy imports (questionary, fsrs,
genanki) happen inside the command handlers, so ``kzquiz --help`` and ``kzquiz stats`` start instantly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence

from kzquiz.cli.console import Console

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    import argparse

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (the module of kzquiz.cli that defines it, its line in kzquiz --help)
    "study": ("learn", "a spaced-repetition session on due and new facts (the default command)"),
    "exam": ("learn", "a fixed test with a score out of N and an optional result file"),
    "cards": ("learn", "classic flashcards: see the prompt, reveal the answer, rate how well you knew it"),
    "appeal": ("learn", '"I was right": appeal the verdict of your last answer'),
    "stats": ("learn", "reviews, retention, streak, the due forecast and the weakest facts"),
    "learners": ("learn", "the learners in the progress store"),
    "decks": ("learn", "the bundled decks and their sizes"),
    "validate": ("teach", "check deck files and list every problem"),
    "preview": ("teach", "show every question of a deck with its accepted answers"),
    "new": ("teach", "create a deck file with an example of every fact kind"),
    "fmt": ("teach", "rewrite deck files in canonical form, keeping comments"),
    "import": ("teach", "make a deck from a GIFT, CSV, TSV or Aiken file"),
    "export": ("teach", "write a deck as an Anki package, GIFT or CSV"),
    "report": ("report", "what each learner and the class get wrong, per fact"),
    "audit": ("audit", "check a deck against its source text"),
    "accept": ("appealcmd", "accept appealed answers: add them to the deck as aliases, count them right"),
    "reject": ("appealcmd", "reject appealed answers: they count as graded again"),
    "serve": ("serve", "the classroom web app: learners study in a browser, teachers see their classes"),
    "store": ("storecmd", "copy, merge, check and repair progress stores"),
}
"""Every subcommand, in the order ``kzquiz --help`` lists them. The module defining a command NAME has a function
``NAME_arguments(parser)`` that gives the command's parser its description and arguments and sets its ``handler``.
Only the command being run has its module imported and its parser built: building all of them took as long as
Python's own start-up (pip's ``commands_dict`` is lazy for the same reason)."""

if TYPE_CHECKING:
    Handler = Callable[[argparse.Namespace, Console], int]

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def build_parser(complete: Iterable[str] | None = None, *, list_all: bool = True) -> argparse.ArgumentParser:
    """The ``kzquiz`` argument parser. The commands in ``complete`` (all when ``None``) get their arguments; with
    ``list_all``, every other command stands as an empty placeholder that names it, as ``kzquiz --help`` and the
    error for an unknown command need, and without it, it is left out. Parse only a command line whose command is
    complete."""
    import importlib  # here, not at the top: kzquiz stats --json builds no parser

    from kzquiz.cli.argparsing import Parser, english_words

    english_words()
    parser = Parser(
        prog="kzquiz",
        description="Quizzes and flashcards from plain-text decks, with spaced repetition.",
        epilog="With no command, kzquiz studies the bundled Kazakhstan 2022 deck.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = COMMANDS.keys() if complete is None else set(complete)
    for name, (module, help_line) in COMMANDS.items():
        if name in wanted:
            define = getattr(importlib.import_module(f"kzquiz.cli.{module}"), f"{name}_arguments")
            define(subparsers.add_parser(name, help=help_line))
        elif list_all:
            subparsers.add_parser(name, help=help_line, add_help=False)
    return parser


def _hint(error: Exception) -> str:
    """What the command line adds to a library error: how to fix it with kzquiz's own options and commands."""
    from kzquiz.errors import StoreError, StoreFix

    if not isinstance(error, StoreError) or error.fix is None:
        return ""
    if error.fix is StoreFix.REPAIR:
        return f"; see kzquiz store check --db {error.path}, and kzquiz store repair to rebuild it from its review log"
    return "; choose another file with --db or KZQUIZ_HOME"


def _version() -> str:
    from kzquiz import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kzquiz`` command line and return its exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["study", *args_list]
    from kzquiz.cli.plainargs import stats_command_line

    # kzquiz stats's everyday command lines are read without argparse (a tenth of that command's work)
    args = stats_command_line(args_list)
    if args is None:
        # A known command needs its parser alone (none of its usage errors names another command); the top level's
        # --help and an unknown command's error name every command, and build none.
        known = args_list[0] in COMMANDS
        parser = build_parser([args_list[0]], list_all=False) if known else build_parser([])
        try:
            args = parser.parse_args(args_list)
        except SystemExit as stop:
            if stop.code not in (0, None):
                raise
            # --help or --version: their text is the output, so losing it is a problem as for any command
            return EXIT_OK if sys.stdout is not None and _flushed() else EXIT_PROBLEM
        except BrokenPipeError:  # kzquiz --help | head -1
            _drop_stdout()
            return EXIT_PROBLEM
        except OSError as error:
            return _output_failed(Console.for_stdout(), error)
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return EXIT_USAGE
    console = Console.for_stdout(no_color=getattr(args, "no_color", False))
    handler: Handler = args.handler
    from kzquiz.errors import DeckError, KzquizError  # here, not at the top: --help does not need attrs

    try:
        status = handler(args, console)
    except DeckError as error:
        import attrs

        from kzquiz.cli.paths import shown_path

        for problem in error.problems:
            _quietly(console.error, str(attrs.evolve(problem, path=shown_path(problem.path))))
        return EXIT_PROBLEM
    except KzquizError as error:
        _quietly(console.error, str(error) + _hint(error))
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        _quietly(console.error, "Interrupted.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (kzquiz stats | head): output was lost, so the status says so, quietly.
        _drop_stdout()
        return EXIT_PROBLEM
    except OSError as error:
        return _output_failed(console, error)
    if console.output_lost or not _flushed():
        return status or EXIT_PROBLEM
    return status


def _output_failed(console: Console, error: OSError) -> int:
    """Say what the system refused, and where, in one line (a folder that cannot be created, a file that cannot be
    read, standard output on a full disk), with standard output sent nowhere after it; the status says it."""
    from kzquiz.cli.paths import shown_path

    where = f"{shown_path(error.filename)}: " if isinstance(error.filename, str) and error.filename else ""
    _drop_stdout()
    _quietly(console.error, f"{where}{error.strerror or error}")
    return EXIT_PROBLEM


def _flushed() -> bool:
    """Flush standard output; False (and standard output sent nowhere) when it cannot take what was written."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _drop_stdout()
        return False
    return True


def _drop_stdout() -> None:
    """Point standard output at the null device, so that Python's last flush at exit has nothing to complain of."""
    if sys.stdout is None:
        return
    import contextlib  # here, not at the top, as in _quietly

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _quietly(write: Callable[[str], None], text: str) -> None:
    """Write an error message if standard error can take it; a closed or broken one loses only the message."""
    import contextlib  # here, not at the top: only an error needs it, and importing it cost `kzquiz --help` 3%

    with contextlib.suppress(OSError, ValueError):
        write(text)


BRIEF = frozenset({"stats", "learners", "decks", "--help", "-h", "--version", "audit"})
"""Commands (and options) that read, print and end within moments, having closed what they opened: their process
runs without Python's garbage collector, and ends without its last collection (see :func:`run`). ``audit`` too:
it makes no reference cycles either, and its last collection walked the 10,000-fact benchmark's every object."""


def run() -> None:
    """Entry point of the ``kzquiz`` script.

    A brief command (:data:`BRIEF`) makes no reference cycles worth collecting, yet Python looks for them as
    modules load and, at exit, among every object left: an eighth of ``kzquiz stats --json``'s instructions
    beyond Python's own start-up. So its process turns the collector off and, when it is done, freezes what is left
    (:func:`gc.freeze`), which the last collection then passes over; the system takes the memory back at exit. Only
    the process's entry point does this: :func:`main` called from a program leaves the collector alone.
    """
    import gc

    brief = len(sys.argv) > 1 and sys.argv[1] in BRIEF
    if brief:
        gc.disable()
    try:
        sys.exit(main())
    finally:  # also when argparse stops with the help or a usage error
        if brief:
            gc.freeze()

"""The ``kzquiz`` command: argument parsing and the one place where errors become messages and exit codes.

Each group of subcommands lives in its own module with a ``register(subparsers)`` function; heavy imports
(questionary, fsrs, genanki) happen inside the command handlers, so ``kzquiz --help`` starts instantly.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from kzquiz.cli.argparsing import Parser, translations_looked_up_once
from kzquiz.cli.console import Console

COMMAND_MODULES = (
    "kzquiz.cli.learn",
    "kzquiz.cli.teach",
    "kzquiz.cli.audit",
    "kzquiz.cli.appealcmd",
    "kzquiz.cli.serve",
    "kzquiz.cli.storecmd",
)
"""Modules that add subcommands; each has ``register(subparsers) -> None``."""

Handler = Callable[[argparse.Namespace, Console], int]

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every registered subcommand."""
    translations_looked_up_once()
    parser = Parser(
        prog="kzquiz",
        description="Quizzes and flashcards from plain-text decks, with spaced repetition.",
        epilog="With no command, kzquiz studies the bundled Kazakhstan 2022 deck.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers)
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
    parser = build_parser()
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["study", *args_list]
    args = parser.parse_args(args_list)
    console = Console.for_stdout(no_color=getattr(args, "no_color", False))
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
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
        from kzquiz.cli.paths import shown_path

        # A folder that cannot be created, a file that cannot be read, standard output on a full disk: the
        # system's reason, and where.
        where = f"{shown_path(error.filename)}: " if isinstance(error.filename, str) and error.filename else ""
        _drop_stdout()
        _quietly(console.error, f"{where}{error.strerror or error}")
        return EXIT_PROBLEM
    if console.output_lost or not _flushed():
        return status or EXIT_PROBLEM
    return status


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
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _quietly(write: Callable[[str], None], text: str) -> None:
    """Write an error message if standard error can take it; a closed or broken one loses only the message."""
    with contextlib.suppress(OSError, ValueError):
        write(text)


def run() -> None:
    """Entry point of the ``kzquiz`` script."""
    sys.exit(main())

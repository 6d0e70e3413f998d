"""argparse as kzquiz's commands use it: the same parsers and help, for less start-up time.

Every command builds the whole parser, so what argparse does per argument counts: it makes a help formatter for
each argument, and the stock formatter imports shutil (with the compression modules it brings) to read the
terminal's width; and it looks up the translation of its own words ("options", "show this help message and
exit") in the locale folders, four file checks a word, for every subcommand. Here the width is read without
shutil and each word is looked up once: together about half the time of ``kzquiz --help``'s parser.
"""

from __future__ import annotations

import argparse
import functools

from kzquiz.cli.console import terminal_columns

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from typing import Any


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own help layout, at the width argparse would choose (the terminal's, less 2), read without
    importing shutil."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, width or terminal_columns() - 2)


class Parser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose help uses :class:`HelpFormatter` unless told otherwise; its subcommands'
    parsers are made with the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def translations_looked_up_once() -> None:
    """Make argparse look up the translation of each of its words once: they cannot change while a command runs."""
    names = vars(argparse)
    if not hasattr(names["_"], "cache_info"):
        names["_"] = functools.cache(names["_"])

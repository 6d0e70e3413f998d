"""argparse as kzquiz's commands use it: the same parsers and help, for less start-up time.

Every command builds the whole parser, so what argparse does per argument counts: it makes a help formatter for
each argument, and the stock formatter imports shutil (with the compression modules it brings) to read the
terminal's width; and it looks up the translation of its own words ("options", "show this help message and
exit") in the locale folders, importing locale to do so. Here the width is read without shutil, and argparse's
words stay in English, as every other word kzquiz prints.
"""

from __future__ import annotations

import argparse
import sys

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

    def _print_message(self, message: str, file: Any = None) -> None:
        """Write ``message`` as argparse does (to standard error when ``file`` is None), but let an error writing
        it through: argparse drops it, so that ``kzquiz --help >/dev/full`` lost the help and said it was done."""
        if message:
            (file or sys.stderr or _Nowhere()).write(message)


class _Nowhere:
    """Standard error closed too (``2>&-``): a usage message has nowhere to go, and the status still says it."""

    def write(self, message: str) -> None:
        """Drop ``message``."""


def english_words() -> None:
    """Keep argparse's own words ("usage:", "options", "show this help message and exit") in English, as the rest of
    kzquiz's help and messages are: a translation of them would make a help page in two languages. Looking them up
    also imported locale and searched the locale folders, about 5% of ``kzquiz --help`` and ``kzquiz stats --json``."""
    names = vars(argparse)
    names["_"] = _english
    names["ngettext"] = _english_plural


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural

"""One channel for everything the CLI shows: plain or coloured text, always safe to print.

Deck text and learners' answers pass through :func:`kzquiz.text.safe_text` here, so nothing a deck contains can
move the cursor or change the terminal. Colours are used only on a terminal and never when ``NO_COLOR`` is set
(https://no-color.org).

This module is imported for every command, so it stays light: no attrs, nothing beyond the standard library.
"""

from __future__ import annotations

import io
import os
import sys

from kzquiz.text import safe_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from typing import TextIO

_STYLES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}

MIN_WIDTH = 20
MAX_WIDTH = 100
"""Text is wrapped to the terminal's width, but never wider than this: long lines are hard to read."""


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it (``COLUMNS`` first, 80 when unknown), without
    importing shutil and the compression modules it brings, which every command would pay for."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def colour_wanted(stream: TextIO, *, no_color: bool = False) -> bool:
    """True when text written to ``stream`` may be coloured: a terminal, no ``NO_COLOR``, no ``TERM=dumb``."""
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class LostOutput(io.TextIOBase):
    """Stands in for a closed standard stream (``kzquiz stats >&-``): takes every write, keeps nothing, and
    remembers that something was lost, so that the command can end with a non-zero status instead of a traceback.
    """

    def __init__(self) -> None:
        super().__init__()
        self.lost = False

    def write(self, text: str) -> int:
        """Discard ``text``, noting that output was lost."""
        if text:
            self.lost = True
        return len(text)

    def isatty(self) -> bool:
        """Never a terminal."""
        return False


def _lost() -> TextIO:
    return LostOutput()  # type: ignore[return-value]  # a TextIOBase is a TextIO in all but typeshed's name


class Console:
    """Writes text to ``out`` (and errors to ``err``), colouring it when ``color`` is true.

    ``columns`` fixes the width text is wrapped to; by default it follows the terminal, read afresh each time
    so that a resized window gets lines of the new width.
    """

    def __init__(self, out: TextIO, err: TextIO, color: bool = False, columns: int | None = None) -> None:
        self.out = out
        self.err = err
        self.color = color
        self.columns = columns

    def __repr__(self) -> str:
        return f"Console(color={self.color}, columns={self.columns})"

    @classmethod
    def for_stdout(cls, *, no_color: bool = False) -> Console:
        """A console on the process's standard streams, coloured only on a terminal without NO_COLOR."""
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                # An answer or a deck in a script the terminal cannot encode must not crash the session.
                stream.reconfigure(errors="replace")
        # A stream closed by the shell (>&- or 2>&-) is None in Python.
        out = sys.stdout if sys.stdout is not None else _lost()
        err = sys.stderr if sys.stderr is not None else _lost()
        return cls(out, err, colour_wanted(out, no_color=no_color))

    @property
    def output_lost(self) -> bool:
        """True when something was meant for standard output but it was closed."""
        return isinstance(self.out, LostOutput) and self.out.lost

    @property
    def width(self) -> int:
        """The width to wrap text to: the terminal's (or ``columns``), between 20 and 100 characters."""
        columns = self.columns or terminal_columns()
        return max(MIN_WIDTH, min(columns, MAX_WIDTH))

    def style(self, text: str, *styles: str) -> str:
        """``text`` made safe, wrapped in the ANSI codes of ``styles`` when colour is on."""
        text = safe_text(text)
        if not self.color or not styles or not text:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def write(self, text: str = "", *styles: str) -> None:
        """Write a line of (untrusted) text."""
        self.out.write(self.style(text, *styles) + "\n")
        self.out.flush()

    def raw(self, text: str) -> None:
        """Write text the program composed itself (already styled or made safe), without a newline."""
        self.out.write(text)
        self.out.flush()

    def error(self, text: str) -> None:
        """Write an error message to the error stream, prefixed with the program name."""
        self.err.write(f"kzquiz: {safe_text(text)}\n")
        self.err.flush()

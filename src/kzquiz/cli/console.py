"""One channel for everything the CLI shows: plain or coloured text, always safe to print.

Deck text and learners' answers pass through :func:`kzquiz.text.safe_text` here, so nothing a deck contains can
move the cursor or change the terminal. Colours are used only on a terminal and never when ``NO_COLOR`` is set
(https://no-color.org).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

import attrs

from kzquiz.text import safe_text

_STYLES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


@attrs.define
class Console:
    """Writes text to ``out`` (and errors to ``err``), colouring it when ``color`` is true."""

    out: TextIO
    err: TextIO
    color: bool = False

    @classmethod
    def for_stdout(cls, *, no_color: bool = False) -> Console:
        """A console on the process's standard streams, coloured only on a terminal without NO_COLOR."""
        color = not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
        color = color and os.environ.get("TERM") != "dumb"
        return cls(sys.stdout, sys.stderr, color)

    def style(self, text: str, *styles: str) -> str:
        """``text`` made safe, wrapped in the ANSI codes of ``styles`` when colour is on."""
        text = safe_text(text)
        if not self.color or not styles:
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

"""How a quiz ends: finished, interrupted (Ctrl-C, or Ctrl-D at a prompt) or at the end of piped input.

The quiz loops run inside :func:`until_stopped`, which turns ``KeyboardInterrupt`` and ``EOFError`` into a
:class:`Stop` so that the caller can show the summary so far: every answer is saved as it is given, so stopping
loses nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from kzquiz.cli.clock import utc_now

__all__ = ["EXIT_INTERRUPTED", "EXIT_OK", "Stop", "exit_status", "until_stopped", "utc_now"]

EXIT_OK = 0
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped with Ctrl-C


class Stop(enum.Enum):
    """Why a quiz loop ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"
    END_OF_INPUT = "end of input"


def until_stopped(loop: Callable[[], object]) -> Stop:
    """Run ``loop`` to its end, or until Ctrl-C (``KeyboardInterrupt``) or Ctrl-D / end of input (``EOFError``)."""
    try:
        loop()
    except KeyboardInterrupt:
        return Stop.INTERRUPTED
    except EOFError:
        return Stop.END_OF_INPUT
    return Stop.FINISHED


def exit_status(stop: Stop, *, interactive: bool) -> int:
    """0 for a finished quiz or the end of piped input; 130 for Ctrl-C, and for Ctrl-D at an interactive prompt."""
    if stop is Stop.INTERRUPTED or (stop is Stop.END_OF_INPUT and interactive):
        return EXIT_INTERRUPTED
    return EXIT_OK

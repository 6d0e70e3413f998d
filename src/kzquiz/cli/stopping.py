"""How a quiz ends: finished, interrupted (Ctrl-C, or Ctrl-D at a prompt) or at the end of piped input.

The quiz loops run inside :func:`until_stopped`, which turns ``KeyboardInterrupt`` and ``EOFError`` into a
:class:`Stop` so that the caller can show the summary so far: every answer is saved as it is given, so stopping
loses nothing.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from typing import Any

from kzquiz.cli.clock import utc_now

__all__ = ["EXIT_INTERRUPTED", "EXIT_OK", "Stop", "exit_status", "until_stopped", "utc_now"]

EXIT_OK = 0
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped with Ctrl-C


class Stop(enum.Enum):
    """Why a quiz loop ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"
    END_OF_INPUT = "end of input"


PROMPTS: list[Any] = []
"""The prompt_toolkit application on screen while a prompt is (see ``QuestionaryPrompter._run``)."""


def _interrupt(app: Any) -> None:
    if app.is_running and not app.future.done():
        app.exit(exception=KeyboardInterrupt, style="class:aborting")


def until_stopped(loop: Callable[[], object]) -> Stop:
    """Run ``loop`` to its end, or until Ctrl-C (``KeyboardInterrupt``) or Ctrl-D / end of input (``EOFError``).

    ``kill`` (SIGTERM) and a closed terminal (SIGHUP) stop it as Ctrl-C does: Python's default for them ends the
    process at once, leaving the terminal as the prompt had set it (cursor hidden, line wrap off) and no summary.
    """
    import signal

    def stop(signum: int, frame: object) -> None:
        for app in PROMPTS:  # a prompt is on screen: it ends itself as Ctrl-C ends it, putting the terminal back
            if app.is_running and app.loop is not None:
                app.loop.call_soon_threadsafe(_interrupt, app)
                return
        raise KeyboardInterrupt  # between prompts (raised in the middle of a prompt, it could be lost in a thread)

    kept: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError):  # not the main thread: the caller's signals are its own
                kept[number] = signal.signal(number, stop)
    try:
        loop()
    except KeyboardInterrupt:
        return Stop.INTERRUPTED
    except EOFError:
        return Stop.END_OF_INPUT
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)
    return Stop.FINISHED


def exit_status(stop: Stop, *, interactive: bool) -> int:
    """0 for a finished quiz or the end of piped input; 130 for Ctrl-C, and for Ctrl-D at an interactive prompt."""
    if stop is Stop.INTERRUPTED or (stop is Stop.END_OF_INPUT and interactive):
        return EXIT_INTERRUPTED
    return EXIT_OK

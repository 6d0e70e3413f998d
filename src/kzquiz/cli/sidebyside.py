"""Two pieces of work side by side on two processors: one here, the other in a forked child process that sends its
result back through a pipe. ``kzquiz audit`` runs its two halves so, each about a second on a deck of 10,000 facts.

A forked child starts with a copy of everything this process has built (a loaded deck and its questions) at no
cost, so only the result travels. Where forking cannot help or is not safe, the work is done one piece after the
other, with the same result.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn, TypeVar

    First = TypeVar("First")
    Second = TypeVar("Second")


def side_by_side(first: Callable[[], First], second: Callable[[], Second]) -> tuple[First, Second]:
    """``(first(), second())``, with ``first`` run in a child process while this one runs ``second``.

    Only where it helps and is safe (:func:`can_fork`). Whatever the child does not bring back (an error, a result
    that cannot be pickled, the child killed) is done again here, so the result, or the error, is always the one
    ``first()`` gives here. An error or Ctrl-C in ``second`` stops the child before it goes on.
    """
    if not can_fork():
        return first(), second()
    import pickle
    import signal

    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory, or forbidden: one after the other
        os.close(read)
        os.close(write)
        return first(), second()
    if pid == 0:
        _child(first, read, write)
    os.close(write)
    done = False
    replaced = _stop_child_on_end(pid)
    try:
        later = second()
        data = _read_all(read)
        done = True
    finally:
        os.close(read)
        if not done:
            os.kill(pid, signal.SIGKILL)  # its work is not wanted; do not wait for it
        for number, handler in replaced.items():  # before the child is reaped, after which its number may be reused
            signal.signal(number, handler)
        _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return first(), later
    return pickle.loads(data), later  # noqa: S301 - the bytes come from our own child, through our own pipe


def can_fork() -> bool:
    """Whether a forked child can run beside this process: an operating system that forks safely (not Windows,
    which has no fork, nor macOS, whose system libraries may break in a forked child), more than one processor
    this process may use, and no other thread (a fork copies only the calling thread, so a lock another thread
    holds would never be released in the child)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # a system without processor affinity
        processors = os.cpu_count() or 1
    threading = sys.modules.get("threading")  # never started a thread if it was never imported
    return processors > 1 and (threading is None or threading.active_count() == 1)


def _stop_child_on_end(pid: int) -> dict[int, Any]:
    """Make the signals that end this process without running its ``finally`` blocks (SIGTERM, as ``kill`` sends,
    and SIGHUP, as a closed terminal sends) stop child ``pid`` first, so that it never goes on working alone; each
    then ends this process as it would have. Only a signal left to its default action is caught (one ignored, as
    under ``nohup``, stays ignored). Returns the handlers replaced, to put back."""
    import signal

    def stop(number: int, _frame: object) -> None:
        try:  # noqa: SIM105 - contextlib is one more import for every command that forks
            os.kill(pid, signal.SIGKILL)
        except OSError:  # gone already
            pass
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    replaced: dict[int, Any] = {}
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            try:
                replaced[number] = signal.signal(number, stop)
            except ValueError:  # not the main thread, where alone signals can be caught
                break
    return replaced


def _child(first: Callable[[], object], read: int, write: int) -> NoReturn:
    """Run ``first``, write its pickled result to ``write`` and leave at once, without the parent's exit handlers
    or buffered output: the child never prints, and any failure only leaves the work to the parent."""
    status = 1
    try:
        import pickle

        os.close(read)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        sys.stdout = sys.stderr = os.fdopen(quiet, "w")  # Python's own streams may write elsewhere (a notebook)
        data = pickle.dumps(first(), pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write, view) :]
        status = 0
    except BaseException:  # noqa: BLE001, S110 - Ctrl-C too: the parent does the work itself, or stops
        pass
    finally:
        os._exit(status)


def _read_all(read: int) -> bytes:
    """Everything the child writes to ``read``, until it closes its end."""
    chunks = []
    while chunk := os.read(read, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)

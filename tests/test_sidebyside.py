"""Two pieces of work side by side: the first in a forked child process, its result brought back, or done here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kzquiz.cli import sidebyside
from kzquiz.cli.sidebyside import can_fork, side_by_side

forking = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="no safe fork here")


def _no_other_threads() -> None:
    if threading.active_count() != 1:
        pytest.fail(f"another test left {threading.active_count() - 1} thread(s) running")


def test_a_fresh_process_on_two_processors_runs_the_first_piece_in_a_child() -> None:
    script = (
        "import os\n"
        "from kzquiz.cli.sidebyside import can_fork, side_by_side\n"
        "print(can_fork(), *side_by_side(os.getpid, os.getpid), os.getpid())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    forks, child, parent, me = out
    fork_expected = hasattr(os, "fork") and sys.platform != "darwin" and len(os.sched_getaffinity(0)) > 1
    assert forks == str(fork_expected)
    assert parent == me
    assert (child != me) == fork_expected


def test_the_results_come_back_in_order_whatever_they_hold() -> None:
    big = {"words": ["x" * 100] * 20_000, "numbers": tuple(range(50_000))}  # more than a pipe holds at once
    first, second = side_by_side(lambda: big, lambda: "second")
    assert first == big
    assert second == "second"


@forking
def test_a_child_that_fails_leaves_the_work_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_other_threads()
    monkeypatch.setattr(sidebyside, "can_fork", lambda: True)
    parent = os.getpid()
    ran_here = []

    def first() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        ran_here.append(True)
        return "done here"

    assert side_by_side(first, lambda: 2) == ("done here", 2)
    assert ran_here == [True]


@forking
@pytest.mark.parametrize("how", ["killed", "unpicklable"])
def test_a_child_killed_or_with_a_result_it_cannot_send_leaves_the_work_here(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    _no_other_threads()
    monkeypatch.setattr(sidebyside, "can_fork", lambda: True)
    parent = os.getpid()

    def first() -> object:
        if os.getpid() == parent:
            return "done here"
        if how == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        return lambda: "a function cannot be pickled"

    assert side_by_side(first, lambda: 2) == ("done here", 2)


@forking
def test_an_error_in_the_first_piece_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_other_threads()
    monkeypatch.setattr(sidebyside, "can_fork", lambda: True)

    def first() -> None:
        raise ValueError("bad deck")

    with pytest.raises(ValueError, match="bad deck"):
        side_by_side(first, lambda: 2)


@forking
def test_an_error_in_the_second_piece_stops_the_child_at_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _no_other_threads()
    monkeypatch.setattr(sidebyside, "can_fork", lambda: True)
    pid_file = tmp_path / "child.pid"

    def first() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)

    def second() -> None:
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.01)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        side_by_side(first, second)
    child = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):  # killed and reaped: not even a zombie is left
        os.kill(child, 0)


@forking
def test_the_child_prints_nothing(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    _no_other_threads()
    monkeypatch.setattr(sidebyside, "can_fork", lambda: True)
    parent = os.getpid()

    def first() -> int:
        print("from the child", flush=True)  # noqa: T201 - what the child must not show
        os.write(1, b"from the child\n")
        os.write(2, b"to stderr\n")
        return os.getpid()

    child, _ = side_by_side(first, lambda: None)
    assert child != parent
    out, err = capfd.readouterr()
    assert "from the child" not in out
    assert "to stderr" not in err


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        me = os.getpid()
        assert side_by_side(os.getpid, os.getpid) == (me, me)
    finally:
        stop.set()
        thread.join()


def test_no_fork_on_one_processor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not can_fork()


def _running(pid: int) -> bool:
    """Whether process ``pid`` is still working: neither gone nor a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


@forking
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes' states in /proc")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_the_process_ended_by_a_signal_stops_the_child_too(tmp_path: Path, number: signal.Signals) -> None:
    """``kill PID`` or a closed terminal ends this process without running its ``finally`` blocks: the child must
    not go on working alone, and the process still ends by that signal."""
    script = (
        "import os, sys, time\n"
        "from kzquiz.cli import sidebyside\n"
        "sidebyside.can_fork = lambda: True\n"
        "folder = sys.argv[1]\n"
        "def first():\n"
        "    open(os.path.join(folder, 'child'), 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        "def second():\n"
        "    open(os.path.join(folder, 'parent'), 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        "sidebyside.side_by_side(first, second)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)])
    deadline = time.monotonic() + 30
    while not all((tmp_path / name).exists() and (tmp_path / name).read_text() for name in ("child", "parent")):
        assert time.monotonic() < deadline, "the two pieces never started"
        time.sleep(0.01)
    child = int((tmp_path / "child").read_text())
    process.send_signal(number)
    assert process.wait(timeout=30) == -number
    deadline = time.monotonic() + 5
    while _running(child):
        if time.monotonic() > deadline:
            os.kill(child, signal.SIGKILL)
            pytest.fail("the child went on after its parent was ended")
        time.sleep(0.01)

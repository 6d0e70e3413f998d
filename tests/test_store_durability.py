"""Durability against power cuts, simulated from the system calls of a real kzquiz process (no LD_PRELOAD).

A power cut loses every write that the kernel had not yet flushed to the disk: whatever was written to a file since
its last ``fsync``/``fdatasync``. The test runs a child process that saves answers through the store and marks the
moment each ``save_review`` returns, under ``strace``, and replays the trace: at every mark, no write to the store or
its write-ahead log may still be waiting for its flush, or a power cut at that moment would lose an answer that the
learner was told was saved. The same replay on ``synchronous=NORMAL`` (kzquiz's setting before) finds answers at
risk, which shows that the simulation can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

STRACE = shutil.which("strace")
needs_strace = pytest.mark.skipif(
    STRACE is None and os.environ.get("CI") != "true", reason="strace is not installed (CI installs it)"
)

CHILD = textwrap.dedent(
    """
    import datetime as dt, os, sys
    from kzquiz.scheduling import CardState, Memory, Rating
    from kzquiz.stores import open_store
    from kzquiz.stores.base import ReviewRecord

    path, sync, method = sys.argv[1], sys.argv[2], sys.argv[3]
    store = open_store(path)
    if sync != "FULL":
        store._db.execute(f"PRAGMA synchronous = {sync}")
    marks = os.open(path + ".marks", os.O_WRONLY | os.O_CREAT)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    for n in range(int(sys.argv[4])):
        fact = f"f{n % 15}"  # facts answered again too, as in a session (saved over the row the store wrote)
        when = start + dt.timedelta(minutes=n)
        review = ReviewRecord("ann", "d", fact, f"d/{fact}/recall", "recall", "x", True, 1.0, "exact", Rating.GOOD,
                              2.0, when)
        memory = Memory(fact, "d", CardState.REVIEW, None, 3.0, 5.0, when, when, 1)
        if method == "save_review":
            store.save_review(review, memory)
        else:  # what a session's answer calls
            store.review_fact(review, lambda before: memory)
        os.write(marks, b"saved")  # the answer counts as saved from here on
    store.close()
    """
)

ANSWERS = 60
"""Answers saved in each traced run: enough for the write-ahead log to be copied into the store and started again
(every 100 pages, about 20 answers), so that those writes are replayed too."""

CALL = re.compile(r"^\d+\s+(pwrite64|write|pwritev|writev|fsync|fdatasync)\((\d+)<([^>]*)>")


def at_risk_at_each_mark(tmp_path: Path, sync: str, method: str = "save_review") -> list[set[str]]:
    """For each answer saved, the store files holding writes not yet flushed to the disk when it was saved."""
    store = tmp_path / "store.sqlite3"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    trace = tmp_path / "trace.txt"
    assert STRACE is not None
    command = [STRACE, "-f", "-qq", "-y", "-s", "0", "-o", str(trace)]
    command += ["-e", "trace=pwrite64,write,pwritev,writev,fsync,fdatasync", sys.executable, str(script)]
    done = subprocess.run(
        [*command, str(store), sync, method, str(ANSWERS)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    watched = {f"{store}{suffix}": suffix or "store" for suffix in ("", "-wal", "-journal")}
    pending: dict[str, bool] = {}
    marks: list[set[str]] = []
    for line in trace.read_text(encoding="utf-8").splitlines():
        found = CALL.match(line)
        if found is None:
            continue
        call, _, name = found.groups()
        if name == f"{store}.marks":
            marks.append({watched[file] for file, waiting in pending.items() if waiting})
        elif name in watched:
            pending[name] = call not in ("fsync", "fdatasync")
    assert len(marks) == ANSWERS, "every save was traced"
    return marks


@needs_strace
@pytest.mark.parametrize("method", ["save_review", "review_fact"])
def test_every_saved_answer_is_on_the_disk_before_save_returns(tmp_path: Path, method: str) -> None:
    assert at_risk_at_each_mark(tmp_path, "FULL", method) == [set()] * ANSWERS


@needs_strace
def test_the_simulation_finds_answers_at_risk_with_the_old_setting(tmp_path: Path) -> None:
    marks = at_risk_at_each_mark(tmp_path, "NORMAL")
    assert set().union(*marks) == {"-wal"}
    # every answer but those whose commit copied the log into the store (which flushes it first)
    assert sum(files == {"-wal"} for files in marks) > ANSWERS * 0.9

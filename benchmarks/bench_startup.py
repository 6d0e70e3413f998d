"""Start-up times of the ``kzquiz`` command, as a learner feels them.

Measures, as the median of several runs of a fresh process:

- ``kzquiz --help`` and ``kzquiz stats --json`` (targets: under 100 ms);
- ``kzquiz`` with no arguments in a pseudo-terminal, for a newcomer (no store yet): the time until the first
  question's text is on screen (target: under 400 ms), and until its interactive prompt is ready for keys.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs N]``. Figures depend on the machine and its load;
compare runs made on the same machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
SCRIPT = Path(sys.executable).with_name("kzquiz")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "kzquiz"]
FIRST_QUESTION = "0 done · "  # the progress line printed just before the first prompt
PROMPT_READY = "arrow keys or 1-"


BYTECODE = tempfile.mkdtemp(prefix="kzquiz-bench-pycache-")
"""Compiled modules go here, outside the source tree, as they go to __pycache__ in an installed kzquiz.

With ``PYTHONDONTWRITEBYTECODE`` set (as in some development shells), every run would compile kzquiz's modules
afresh, which no installed copy does; ``--no-bytecode`` measures that case."""


def environment(home: Path) -> dict[str, str]:
    """A learner's environment with ``home`` as their home folder: the store is where it is for a learner who set
    nothing (the user data directory, ``~/.local/share/kzquiz`` on Linux), inside ``home``, never in the real one.
    Windows finds that directory without ``HOME``: there ``KZQUIZ_HOME`` is set."""
    drop = ("NO_COLOR", "KZQUIZ_LEARNER", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    drop += ("KZQUIZ_HOME", "KZQUIZ_DB", "XDG_DATA_HOME")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(HOME=str(home), TERM="xterm-256color")
    if sys.platform == "win32":
        env["KZQUIZ_HOME"] = str(home)
    if NO_BYTECODE:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = BYTECODE
    return env


NO_BYTECODE = "--no-bytecode" in sys.argv


def timed_run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*COMMAND, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)  # noqa: S603
    return time.perf_counter() - start


def first_question(home: Path) -> tuple[float, float]:
    """Seconds until the first question's text, and until its prompt, appear in a pseudo-terminal."""
    env = environment(home)
    start = time.perf_counter()
    child = pexpect.spawn(COMMAND[0], COMMAND[1:], env=env, dimensions=(30, 100), encoding="utf-8", timeout=30)  # type: ignore[arg-type]
    child.expect(FIRST_QUESTION)
    text = time.perf_counter() - start
    child.expect(PROMPT_READY)
    prompt = time.perf_counter() - start
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return text, prompt


def report(name: str, samples: list[float], target: float | None = None) -> None:
    median = statistics.median(samples) * 1000
    met = "met" if target is not None and median < target else "missed"
    verdict = "" if target is None else f"  (target < {target:.0f} ms: {met})"
    print(
        f"{name:<44} median {median:6.1f} ms   min {min(samples) * 1000:6.1f}   max {max(samples) * 1000:6.1f}"
        f"   n={len(samples)}{verdict}"
    )


def seed_store(home: Path) -> None:
    """A store with a few reviews, so that ``stats --json`` has something to count."""
    env = environment(home)
    subprocess.run(  # noqa: S603 - kzquiz itself, with fixed arguments
        [*COMMAND, "--plain", "--limit", "10"],
        input="1\n" * 10,
        text=True,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def repeat(runs: int, measure: Callable[[], float]) -> list[float]:
    measure()  # warm the disk cache and .pyc files; not counted
    return [measure() for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-bytecode", action="store_true", help="compile every module on every run")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print("bytecode: " + ("compiled afresh on every run" if args.no_bytecode else "cached, as when installed"))
    print(f"command: {' '.join(COMMAND)}")
    baseline = repeat(args.runs, lambda: timed_run_python())
    report("python -c pass (the floor)", baseline)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        report("kzquiz --help", repeat(args.runs, lambda: timed_run(["--help"], environment(home))), 100)
        seed_store(home)
        report("kzquiz stats --json", repeat(args.runs, lambda: timed_run(["stats", "--json"], environment(home))), 100)
    texts: list[float] = []
    prompts: list[float] = []
    for run in range(args.runs + 1):
        with tempfile.TemporaryDirectory() as folder:
            text, prompt = first_question(Path(folder))
        if run:  # the first run warms the caches
            texts.append(text)
            prompts.append(prompt)
    report("kzquiz: first question on screen (new learner)", texts, 400)
    report("kzquiz: its prompt ready for keys", prompts)


def timed_run_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

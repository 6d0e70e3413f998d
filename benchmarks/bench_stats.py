"""Speed of ``kzquiz stats``: the whole command against ``python -c pass``, and the statistics of a long review log.

Run on demand: ``python benchmarks/bench_stats.py [--reviews 100000] [--rounds 7]``. Prints, with medians of
interleaved rounds:

- ``kzquiz stats --json`` as a process on an empty store, on a store with 10 reviews and on one learner's
  ``--reviews`` reviews of a tenth as many facts, side by side with ``python -c pass`` (the start-up goal: within
  3x, issue 12);
- :func:`kzquiz.stats` on that long log in-process, side by side with reading every record the statistics were
  worked out from before the store counted them (memories, the whole review log, appeals, decks and settings).

Figures depend on the machine and its load; only the ratios of one run compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import kzquiz
from kzquiz.appeals import AppealRecord, AppealStatus
from kzquiz.scheduling import CardState, Memory, Rating
from kzquiz.stores.base import DeckRecord, ReviewRecord

NOW = dt.datetime.now(dt.UTC)
SCRIPT = Path(sys.executable).with_name("kzquiz")
KZQUIZ = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "kzquiz"]


def long_log(path: Path, reviews: int) -> None:
    """One learner's ``reviews`` reviews of a tenth as many facts, over the last months, a fifth of them wrong and
    one wrong answer in fifty appealed; a memory of every fact asked, in every state."""
    facts = max(1, reviews // 10)
    chance = random.Random(7)
    log = []
    for n in range(reviews):
        fact = f"f{n % facts}"
        right = chance.random() < 0.8
        log.append(
            ReviewRecord(
                "ann",
                "big",
                fact,
                f"big/{fact}/recall",
                "recall",
                "yes" if right else "no",
                right,
                float(right),
                "exact" if right else "wrong",
                Rating.GOOD if right else Rating.AGAIN,
                3.0,
                NOW - dt.timedelta(minutes=7 * (reviews - n)),
            )
        )
    states = [CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING]
    memories = [
        Memory(
            f"f{n}",
            "big",
            states[n % 3],
            None if n % 3 == 1 else 0,
            1.0 + n % 50,
            5.0,
            NOW + dt.timedelta(days=n % 30 - 5),
            NOW - dt.timedelta(days=n % 20),
            10,
            n % 4 == 0,
            f"big/f{n}/recall",
        )
        for n in range(facts)
    ]
    with kzquiz.open_store(path) as store:
        store.record_deck(DeckRecord("big", "hash", "Big", tuple(f"f{n}" for n in range(facts + facts // 10))))
        store.add_reviews(log)
        store.save_memories("ann", memories)
        wrong = [r for r in log if not r.correct][::50]
        statuses = list(AppealStatus)
        store.save_decisions(
            [AppealRecord.of(r, r.reviewed_at, status=statuses[n % 3]) for n, r in enumerate(wrong)], []
        )


def short_log(path: Path) -> None:
    """Ten reviews of the bundled deck, as a first session leaves them."""
    with kzquiz.open_store(path) as store:
        deck = kzquiz.bundled_deck()
        session = kzquiz.Session(deck, store, "ann")
        for n in range(10):
            question = session.next_question(NOW)
            assert question is not None
            session.answer(question, question.expected if n % 3 else "no idea", now=NOW)


def process_seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True)  # noqa: S603 - kzquiz and python, fixed arguments
    return time.perf_counter() - start


def records_the_old_way(path: Path) -> None:
    """What kzquiz stats read before the store counted for it: every record of the learner."""
    with kzquiz.open_store(path, read_only=True) as store:
        store.review_activity("ann")
        store.memories("ann")
        store.decks()
        store.reviews("ann")
        store.appeals("ann")
        store.settings("ann")


def library_stats(path: Path) -> None:
    with kzquiz.open_store(path, read_only=True) as store:
        kzquiz.stats(store, "ann", NOW)


def interleaved(ours: Callable[[], float], theirs: Callable[[], float], rounds: int) -> tuple[float, float, float]:
    """Medians of ``ours`` and ``theirs`` run in turn, and the median of the per-round ratios."""
    pairs = [(ours(), theirs()) for _ in range(rounds)]
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(a / b for a, b in pairs),
    )


def timed(work: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000, help="reviews in the long log (default 100,000)")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kzquiz-stats-") as name:
        folder = Path(name)
        print(f"building a store with {args.reviews:,} reviews...", flush=True)
        stores = {"empty store": folder / "empty.sqlite3", "10 reviews": folder / "short.sqlite3"}
        short_log(stores["10 reviews"])
        stores[f"{args.reviews:,} reviews"] = big = folder / "long.sqlite3"
        long_log(big, args.reviews)
        python = [sys.executable, "-c", "pass"]
        print("\n| measure | kzquiz | peer | ratio |\n|---|---|---|---|")
        for label, path in stores.items():
            command = [*KZQUIZ, "stats", "--json", "--learner", "ann", "--db", str(path)]
            ours, theirs, ratio = interleaved(
                lambda c=command: process_seconds(c), lambda: process_seconds(python), args.rounds
            )
            print(
                f"| `kzquiz stats --json`, {label} | {ours * 1000:.1f} ms | python -c pass: {theirs * 1000:.1f} ms "
                f"| {ratio:.2f} |"
            )
        ours, theirs, ratio = interleaved(
            timed(lambda: library_stats(big)), timed(lambda: records_the_old_way(big)), args.rounds
        )
        print(
            f"| kzquiz.stats, {args.reviews:,} reviews (in-process) | {ours * 1000:.1f} ms | reading every record "
            f"as before: {theirs * 1000:.1f} ms | {ratio:.2f} |"
        )


if __name__ == "__main__":
    main()

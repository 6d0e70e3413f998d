"""Where the per-learner fit's time goes, beside fsrs-rs's own ``compute_parameters`` on the same items.

Run on demand: ``python benchmarks/bench_fit.py [--rounds N]``. On the logs of ``peers.py``'s fit rows (the
12,580-review log in tests/data and a synthetic 100,000-review log), interleaved rounds time:

- ``kzquiz.optimize(log)``: the items built from the log, then fsrs-rs (what ``peers.py`` times for kzquiz);
- fsrs-rs ``compute_parameters`` on those items, built beforehand (``peers.py``'s peer);
- building the items alone (``kzquiz.fitting.fsrs_items``);
- kzquiz's loop alone: ``fsrs_items`` with ``FSRSItem`` swapped for the builtin ``len``, a C call that copies
  nothing (what is left of "items built" once the objects are taken out);
- the ``FSRSItem`` objects alone, made from review lists built beforehand: the least any caller of
  fsrs-rs-python 0.9 pays for these items whatever its loop, since its API takes only ``FSRSItem`` objects, each
  one made by a call that copies its reviews in.

Each is printed as a median and as a ratio to fsrs-rs's compute time in the same rounds; the floor is the ratio a
fit would reach if its own loop cost nothing (fsrs-rs plus the ``FSRSItem`` objects). Then the per-object costs of
fsrs-rs-python's constructors. Figures depend on the machine and its load; the ratios of one run compare.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import timeit
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import fsrs_rs_python
from fsrs_rs_python import FSRS, FSRSItem, FSRSReview

from kzquiz import ReviewRecord
from kzquiz.fitting import fsrs_items, optimize, reviews_from_csv

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers import LOG, synthetic_log  # noqa: E402  # the same logs as the peer table's fit rows


def seconds(call: Callable[[], object]) -> float:
    """The wall time of one ``call``."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def fsrs_rs(items: list[FSRSItem]) -> None:
    """fsrs-rs's fit of ``items``, called as ``peers.py`` calls it for the peer."""
    FSRS([]).compute_parameters(items)


@contextlib.contextmanager
def items_not_made() -> Iterator[None]:
    """``fsrs_items`` runs its loop but makes no ``FSRSItem``: it reads the class from fsrs_rs_python at each call."""
    fsrs_rs_python.FSRSItem = len  # type: ignore[misc,assignment]  # a C call that takes the list and copies nothing
    try:
        yield
    finally:
        fsrs_rs_python.FSRSItem = FSRSItem  # type: ignore[misc]


def loop_alone(log: list[ReviewRecord]) -> None:
    """kzquiz's pass over ``log`` without the ``FSRSItem`` objects it would make."""
    with items_not_made():
        fsrs_items(log)


def breakdown(log: list[ReviewRecord], rounds: int) -> dict[str, float]:
    """Median seconds of each part of the fit of ``log``, over interleaved rounds."""
    reviews = [item.reviews for item in fsrs_items(log)]  # new FSRSReview objects, as many as the items hold
    times: dict[str, list[float]] = {"fit": [], "compute": [], "build": [], "loop": [], "objects": []}
    for _ in range(rounds):
        times["fit"].append(seconds(lambda: optimize(log)))
        items = fsrs_items(log)  # built just before, as optimize builds them and as peers.py gives them to fsrs-rs
        times["compute"].append(seconds(partial(fsrs_rs, items)))
        times["build"].append(seconds(lambda: fsrs_items(log)))
        times["loop"].append(seconds(lambda: loop_alone(log)))
        times["objects"].append(seconds(lambda: [FSRSItem(steps) for steps in reviews]))
    return {name: statistics.median(values) for name, values in times.items()}


def per_object_ns() -> tuple[float, float, float]:
    """fsrs-rs-python's costs in nanoseconds: an ``FSRSItem`` call, each review it copies, an ``FSRSReview``."""
    one, many = [FSRSReview(3, 1)], [FSRSReview(3, 1)] * 101

    def best(call: Callable[[], object]) -> float:
        return min(timeit.repeat(call, number=20_000, repeat=7)) / 20_000 * 1e9

    short, long = best(lambda: FSRSItem(one)), best(lambda: FSRSItem(many))
    per_review = (long - short) / 100
    return short - per_review, per_review, best(lambda: FSRSReview(3, 1))


def main() -> None:
    """Print the table of each log's parts, then the per-object costs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (default 7)")
    args = parser.parse_args()
    with LOG.open(encoding="utf-8") as lines:
        real = reviews_from_csv(lines, "bench")
    logs = {f"{len(real):,} real reviews": real, "100,000 synthetic reviews": synthetic_log(100_000)}
    print(
        "| log | items (reviews copied) | kzquiz fit | fsrs-rs compute | ratio | items built | loop alone "
        "| FSRSItem objects |",
        end="",
    )
    print(" floor |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, log in logs.items():
        items = fsrs_items(log)
        copied = sum(len(item.reviews) for item in items)
        parts = breakdown(log, args.rounds)
        compute = parts["compute"]

        def cell(part: str) -> str:
            return f"{parts[part] * 1000:.1f} ms ({parts[part] / compute:.2f})"  # noqa: B023  # used at once

        print(
            f"| {name} | {len(items):,} ({copied:,}) | {parts['fit'] * 1000:.1f} ms | {compute * 1000:.1f} ms | "
            f"{parts['fit'] / compute:.2f} | {cell('build')} | {cell('loop')} | {cell('objects')} | "
            f"{1 + parts['objects'] / compute:.2f} |"
        )
    call, review, alone = per_object_ns()
    print(
        f"\nfsrs-rs-python: FSRSItem {call:.0f} ns a call + {review:.1f} ns per review copied in; "
        f"FSRSReview {alone:.0f} ns. In brackets: the ratio to fsrs-rs compute in the same rounds."
    )


if __name__ == "__main__":
    main()

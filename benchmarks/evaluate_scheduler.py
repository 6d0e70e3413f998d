"""How well kzquiz's scheduler predicts recall on a real learner's review log.

Run on demand: ``python benchmarks/evaluate_scheduler.py``. The log is tests/data/review-logs/py-fsrs-josh-2024.csv
(12,580 reviews of 1,205 cards, from py-fsrs, MIT licence). Each review made on a later day than the card's
previous one is a prediction to score: the model sees the card's history before it and predicts the probability
of recall; a rating above Again counts as recalled. The items are built as kzquiz builds them for fitting
(:func:`kzquiz.fitting.fsrs_items`, days in UTC).

Time-series split as in srs-benchmark (scikit-learn's ``TimeSeriesSplit(n_splits=5)``): the items, in time order,
are cut into six parts; each of the last five is predicted by a model fitted only on the reviews made before it.
Models:

* FSRS-6 with its default parameters (no fitting);
* kzquiz's per-learner fit: :func:`kzquiz.optimize` on the reviews before the part (the defaults while fewer than
  :data:`kzquiz.fitting.MINIMUM_REVIEWS` long-term reviews exist, as kzquiz does);
* SM-2 (Anki's old algorithm) as srs-benchmark scores it: the interval SM-2 would give after the card's history,
  recall predicted as 0.9 ** (days elapsed / interval).

Metrics, as srs-benchmark defines them: log loss; RMSE (bins), the count-weighted RMSE between mean recall and
mean prediction in bins of days elapsed, review number and lapse count; AUC. Lower is better but for AUC. The
figures from fsrs-rs's own helpers (``FSRS.evaluate`` and ``evaluate_with_time_series_splits``) are printed too.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from fsrs_rs_python import FSRS, FSRSItem, FSRSReview, evaluate_with_time_series_splits

from kzquiz.fitting import MINIMUM_REVIEWS, NotEnoughReviewsError, fsrs_items, optimize, reviews_from_csv
from kzquiz.scheduling import DEFAULT_PARAMETERS
from kzquiz.stores.base import ReviewRecord

LOG = Path(__file__).parent.parent / "tests" / "data" / "review-logs" / "py-fsrs-josh-2024.csv"
SPLITS = 5
REFERENCE = {"FSRS-6 defaults": (0.4647, 0.0764), "fsrs-rs time-series fit": (0.4641, 0.0632)}


def read_log() -> list[ReviewRecord]:
    with LOG.open(encoding="utf-8") as file:
        return reviews_from_csv(file, "josh")


History = list[tuple[int, int]]
"""A card's reviews up to and including the one to predict, as (rating, days since the previous review)."""


def dated_histories(log: Sequence[ReviewRecord]) -> list[tuple[dt.datetime, History]]:
    """What :func:`kzquiz.fitting.fsrs_items` builds, kept readable (fsrs-rs's items hide their reviews)."""
    by_card: dict[str, list[ReviewRecord]] = defaultdict(list)
    for record in sorted(log, key=lambda r: r.reviewed_at):
        by_card[record.fact_id].append(record)
    dated = []
    for records in by_card.values():
        history: History = []
        last = records[0].reviewed_at.date()
        for record in records:
            elapsed = (record.reviewed_at.date() - last).days
            history.append((int(record.rating), elapsed))
            if elapsed > 0:
                dated.append((record.reviewed_at, list(history)))
            last = record.reviewed_at.date()
    dated.sort(key=lambda pair: pair[0])
    assert len(dated) == len(fsrs_items(log))
    return dated


def item(history: History) -> FSRSItem:
    return FSRSItem([FSRSReview(rating, elapsed) for rating, elapsed in history])


def fsrs_predictor(parameters: Sequence[float]) -> Callable[[Sequence[History]], list[float]]:
    model = FSRS(list(parameters))
    decay = -parameters[20]
    factor = 0.9 ** (1 / decay) - 1

    def predict(histories: Sequence[History]) -> list[float]:
        states = model.memory_state_batch([item(history[:-1]) for history in histories])
        return [
            (1 + factor * history[-1][1] / state.stability) ** decay
            for history, state in zip(histories, states, strict=True)
        ]

    return predict


def sm2_interval(ratings: Sequence[int]) -> float:
    """The interval SM-2 schedules after these ratings (1 to 4), as srs-benchmark computes it."""
    interval, ease, reps = 0.0, 2.5, 0
    for rating in ratings:
        grade = rating + 1  # Again..Easy as SM-2's grades 2..5
        if grade > 2:
            interval = 1 if reps == 0 else 6 if reps == 1 else interval * ease
            reps += 1
        else:
            interval, reps = 1, 0
        ease = max(1.3, ease + (0.1 - (5 - grade) * (0.08 + (5 - grade) * 0.02)))
        interval = max(1, round(interval + 0.01))
    return interval


def sm2_predict(histories: Sequence[History]) -> list[float]:
    return [0.9 ** (history[-1][1] / sm2_interval([r for r, _ in history[:-1]])) for history in histories]


def log_loss(y: Sequence[int], p: Sequence[float]) -> float:
    eps = 1e-7
    return -sum(
        math.log(min(max(q, eps), 1 - eps)) if r else math.log(1 - min(max(q, eps), 1 - eps))
        for r, q in zip(y, p, strict=True)
    ) / len(y)


def _bin(value: float, base: float, scale: float, digits: int) -> float:
    return round(scale * base ** math.floor(math.log(value) / math.log(base)), digits)


def rmse_bins(histories: Sequence[History], y: Sequence[int], p: Sequence[float]) -> float:
    """srs-benchmark's RMSE (bins): bins of days elapsed, review number and lapses; weighted by the bin counts."""
    bins: dict[tuple[float, float, float], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for history, recalled, predicted in zip(histories, y, p, strict=True):
        lapses = sum(rating == 1 and elapsed != 0 for rating, elapsed in history[:-1])
        key = (
            _bin(max(history[-1][1], 1e-6), 3.62, 2.48, 2),
            _bin(len(history), 1.89, 1.99, 0),
            _bin(lapses, 1.73, 1.65, 0) if lapses else 0.0,
        )
        cell = bins[key]
        cell[0] += recalled
        cell[1] += predicted
        cell[2] += 1
    total = sum(c[2] for c in bins.values())
    return math.sqrt(sum(c[2] * (c[0] / c[2] - c[1] / c[2]) ** 2 for c in bins.values()) / total)


def auc(y: Sequence[int], p: Sequence[float]) -> float:
    """The probability that a recalled review gets a higher prediction than a forgotten one (ties count half)."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    ranks = [0.0] * len(p)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and p[order[j + 1]] == p[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(y)
    negatives = len(y) - positives
    return (sum(r for r, label in zip(ranks, y, strict=True) if label) - positives * (positives + 1) / 2) / (
        positives * negatives
    )


def recalled(histories: Sequence[History]) -> list[int]:
    return [int(history[-1][0] > 1) for history in histories]


def kzquiz_fit(log: Sequence[ReviewRecord], before: dt.datetime) -> tuple[float, ...]:
    try:
        return optimize([r for r in log if r.reviewed_at < before])
    except NotEnoughReviewsError:
        return DEFAULT_PARAMETERS


def time_series(log: Sequence[ReviewRecord], dated: Sequence[tuple[dt.datetime, History]]) -> None:
    n = len(dated)
    size = n // (SPLITS + 1)
    tested: list[History] = []
    predictions: dict[str, list[float]] = defaultdict(list)
    fit_seconds = 0.0
    for split in range(SPLITS):
        start = n - (SPLITS - split) * size
        part = [history for _, history in dated[start : start + size]]
        tested.extend(part)
        began = time.perf_counter()
        fitted = kzquiz_fit(log, dated[start][0])
        fit_seconds += time.perf_counter() - began
        predictions["FSRS-6 defaults"].extend(fsrs_predictor(DEFAULT_PARAMETERS)(part))
        predictions["kzquiz per-learner fit"].extend(fsrs_predictor(fitted)(part))
        predictions["SM-2"].extend(sm2_predict(part))
    y = recalled(tested)
    print(f"Time-series split: {SPLITS} test parts of {size:,} items ({len(tested):,} predictions)\n")
    print(f"{'model':28} {'log loss':>9} {'RMSE(bins)':>11} {'AUC':>7}")
    for name, p in predictions.items():
        print(f"{name:28} {log_loss(y, p):9.4f} {rmse_bins(tested, y, p):11.4f} {auc(y, p):7.4f}")
    print(f"(kzquiz's {SPLITS} fits took {1000 * fit_seconds:.0f} ms in all)\n")


def fsrs_rs_helpers(histories: Sequence[History]) -> None:
    items = [item(history) for history in histories]
    every = FSRS(list(DEFAULT_PARAMETERS)).evaluate(items)
    split = evaluate_with_time_series_splits(items)
    print("fsrs-rs's own helpers on the same items (log loss / RMSE(bins)), and the issue's reference figures:")
    for name, result, reference in (
        ("FSRS.evaluate, defaults, every item", every, REFERENCE["FSRS-6 defaults"]),
        ("evaluate_with_time_series_splits", split, REFERENCE["fsrs-rs time-series fit"]),
    ):
        print(
            f"  {name:38} {result.log_loss:.4f} / {result.rmse_bins:.4f}   "
            f"reference {reference[0]:.4f} / {reference[1]:.4f}"
        )
    print()


def minimum_study(log: Sequence[ReviewRecord], dated: Sequence[tuple[dt.datetime, History]]) -> None:
    """Why MINIMUM_REVIEWS: fit on the first N items, predict the next 1,000, against the defaults."""
    print(f"Fitting on the first N long-term reviews, predicting the next 1,000 (kzquiz waits for {MINIMUM_REVIEWS}):")
    print(f"{'N':>6} {'fit log loss':>13} {'defaults':>9} {'fit RMSE(bins)':>15} {'defaults':>9}")
    for count in (50, 100, 200, 400, 800, 1600):
        train = [item(history) for _, history in dated[:count]]
        test = [history for _, history in dated[count : count + 1000]]
        y = recalled(test)
        fitted = FSRS([]).compute_parameters(train) if count >= 8 else list(DEFAULT_PARAMETERS)
        p_fit = fsrs_predictor(fitted)(test)
        p_def = fsrs_predictor(DEFAULT_PARAMETERS)(test)
        print(
            f"{count:6} {log_loss(y, p_fit):13.4f} {log_loss(y, p_def):9.4f} "
            f"{rmse_bins(test, y, p_fit):15.4f} {rmse_bins(test, y, p_def):9.4f}"
        )
    del log


def main() -> None:
    """Print the evaluation tables."""
    log = read_log()
    dated = dated_histories(log)
    cards = len({r.fact_id for r in log})
    print(f"{len(log):,} reviews of {cards:,} cards; {len(dated):,} long-term reviews to predict\n")
    time_series(log, dated)
    fsrs_rs_helpers([history for _, history in dated])
    minimum_study(log, dated)


if __name__ == "__main__":
    main()

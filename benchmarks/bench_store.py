"""Speed of a study session on a large store, and of fitting FSRS to a real review log.

Run on demand: ``python benchmarks/bench_store.py``. The goals (issue 4), for one learner with 100,000 facts in
an SQLite store on disk: choosing the next question under 5 ms; answering (grade, rate, schedule, commit) under
2 ms median; fitting the 21 FSRS-6 parameters to the 12,580 real reviews of tests/data/review-logs under 2 s.
Half the facts have a memory (due at spread-out times, some overdue); the other half are new.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import kzquiz
from kzquiz import Answer, AnswerFact, Deck, Memory
from kzquiz.fitting import fsrs_items, optimize, reviews_from_csv
from kzquiz.scheduling import CardState
from kzquiz.stores.base import ReviewRecord

FACTS = 100_000
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LOG = Path(__file__).parent.parent / "tests" / "data" / "review-logs" / "py-fsrs-josh-2024.csv"


def big_deck() -> Deck:
    """A deck of ``FACTS`` answer facts, built in code (loading is measured by bench_load.py)."""
    facts = tuple(
        AnswerFact(
            id=f"f{n}",
            question=f"What is word number {n}?",
            answer=Answer(f"answer {n}"),
            distractors=(f"wrong {n} a", f"wrong {n} b", f"wrong {n} c"),
        )
        for n in range(FACTS)
    )
    return Deck(id="big", title="100,000 facts", facts=facts)


def fill(store: kzquiz.SQLiteStore) -> None:
    """Give the learner a memory of every other fact, due from ten days ago to ninety days ahead."""
    memories = [
        Memory(
            fact_id=f"f{n}",
            deck_id="big",
            state=CardState.REVIEW,
            step=None,
            stability=5.0 + n % 50,
            difficulty=5.0,
            due=NOW + dt.timedelta(minutes=(n * 7919) % (100 * 24 * 60) - 10 * 24 * 60),
            last_review=NOW - dt.timedelta(days=20),
            reps=3,
            lapses=n % 3,
            question_id=f"big/f{n}/choice",
        )
        for n in range(0, FACTS, 2)
    ]
    store.save_memories("bench", memories)


def percentile(times: list[float], share: float) -> float:
    return sorted(times)[int(share * (len(times) - 1))]


def bench_session(path: Path) -> None:
    deck = big_deck()
    with kzquiz.open_store(path) as store:
        fill(store)
        start = time.perf_counter()
        session = kzquiz.Session(deck, store, "bench", new_limit=None)
        print(f"session start (load {FACTS // 2:,} memories): {1000 * (time.perf_counter() - start):8.1f} ms")
        choose, answer = [], []
        now = NOW
        for n in range(2_000):
            start = time.perf_counter()
            question = session.next_question(now)
            choose.append(time.perf_counter() - start)
            assert question is not None
            text = question.expected if n % 4 else "a wrong answer"
            start = time.perf_counter()
            session.answer(question, text, now=now, duration=4.0)
            answer.append(time.perf_counter() - start)
            now += dt.timedelta(seconds=5)
        for name, times in (("next_question", choose), ("answer (grade+schedule+commit)", answer)):
            print(
                f"{name:32} median {1000 * statistics.median(times):6.3f} ms   "
                f"p95 {1000 * percentile(times, 0.95):6.3f} ms   max {1000 * max(times):6.2f} ms"
            )
        start = time.perf_counter()
        summary = session.summary(now)
        print(f"{'summary':32} {1000 * (time.perf_counter() - start):13.1f} ms ({summary.due_now:,} due now)")


def real_log() -> list[ReviewRecord]:
    with LOG.open(encoding="utf-8") as file:
        return reviews_from_csv(file, "josh")


def bench_fit() -> None:
    log = real_log()
    start = time.perf_counter()
    items = fsrs_items(log)
    built = time.perf_counter() - start
    optimize(log)
    total = time.perf_counter() - start
    print(
        f"optimize: {len(log):,} reviews, {len(items):,} FSRS items: {1000 * total:8.1f} ms "
        f"(of which building the items {1000 * built:.1f} ms)"
    )


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        bench_session(Path(folder) / "bench.sqlite3")
    bench_fit()


if __name__ == "__main__":
    main()

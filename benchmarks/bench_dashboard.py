"""A class's page on a busy store: 30 learners with 100,000 reviews, beside another class of the same size.

Run on demand: ``python benchmarks/bench_dashboard.py`` (SQLite), or ``.ci/with-postgres python
benchmarks/bench_dashboard.py`` for PostgreSQL beside it (or set KZQUIZ_TEST_POSTGRES to a server's URL).

Times a class's dashboard as the classroom computes it (the store counts the class's answers:
``Store.fact_counts`` and ``Store.wrong_answers`` limited to the class's learners and decks) beside the peer,
the same numbers tallied from every review read back (how the page worked before), each the median of a few
interleaved runs, and prints the ratio. Both must give the same tables, and the same CSV report.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import kzquiz
from bench_report import class_log  # the same school's log, as kzquiz report's benchmark makes it
from kzquiz.reporting import Attempt, by_fact, by_learner, by_learner_and_fact, cells_csv, name_choices
from kzquiz.server.classroom import Learner
from kzquiz.server.dashboard import class_report, dashboard
from kzquiz.stores.base import ReviewRecord, Store

FACTS = 60  # the facts of bench_report's class log


def deck_text(facts: int) -> str:
    """The school deck of ``bench_report``'s class log: answer facts asked typed and as multiple choice."""
    parts = ['[deck]\nid = "history"\ntitle = "History"\n']
    for n in range(facts):
        parts.append(
            f'[[facts]]\nid = "f{n}"\nkind = "answer"\nquestion = "Who led uprising number {n}?"\n'
            f'answer = "answer {n}"\ndistractors = ["wrong {n}", "other {n}", "third {n}"]\n'
        )
    return "\n".join(parts)


def learner_log(learner: str, reviews: int, rng: random.Random) -> list[ReviewRecord]:
    """``bench_report``'s class log (right 70 % of the time, wrong with one of a few common answers, a choice
    recorded as its option's text as the classroom records it), its true/false questions asked as choices here."""
    return [
        attrs.evolve(r, question_id=f"history/{r.fact_id}/choice", form="choice") if r.form == "truefalse" else r
        for r in class_log(learner, reviews, rng)
    ]


def fill(store: Store, deck: kzquiz.Deck, classes: int, learners: int, reviews: int) -> list[list[Learner]]:
    """``classes`` classes of ``learners`` learners with ``reviews`` reviews each, in one store."""
    rng = random.Random(15)
    store.record_deck(deck)
    made = []
    for class_id in range(1, classes + 1):
        members = [Learner(n, class_id, f"learner{n:02}", "") for n in range(learners)]
        for learner in members:
            store.add_reviews(learner_log(learner.store_name, reviews, rng))
        made.append(members)
    return made


def from_every_review(store: Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> tuple[Any, ...]:
    """The peer: the class page's numbers tallied from every review of the class read back, as the page did before
    (with each learner's last study time from their per-minute activity, and their appeals)."""
    deck_ids = [deck.id for deck in decks]
    found = [Attempt.of(learner.name, r) for learner in learners for r in store.reviews(learner.store_name, deck_ids)]
    attempts = name_choices(found, decks)
    for learner in learners:
        store.review_activity(learner.store_name)
        store.appeals(learner.store_name, deck_ids)
    return by_learner(attempts), by_learner_and_fact(attempts), by_fact(attempts)


def median_seconds(work: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def measure(name: str, store: Store, classes: list[list[Learner]], deck: kzquiz.Deck, rounds: int) -> None:
    klass = classes[0]
    ours, theirs = class_report(store, klass, [deck]), from_every_review(store, klass, [deck])
    assert ours == theirs, "the store's counts and the log's tallies differ"
    assert cells_csv(ours[1]) == cells_csv(theirs[1]), "the CSV reports differ"
    mine: list[float] = []
    peer: list[float] = []
    for _ in range(rounds):  # interleaved, so that the machine's load falls on both alike
        mine += median_seconds(lambda: dashboard(store, klass, [deck]), 1)
        peer += median_seconds(lambda: from_every_review(store, klass, [deck]), 1)
    ratio = statistics.median(mine) / statistics.median(peer)
    print(
        f"{name:11} {statistics.median(mine) * 1000:10.1f} ms {statistics.median(peer) * 1000:14.1f} ms {ratio:7.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classes", type=int, default=2, help="classes in the store (the first is measured)")
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--reviews", type=int, default=3334, help="reviews per learner")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    deck = kzquiz.loads_deck(deck_text(FACTS), "history.toml")
    total = args.classes * args.learners * args.reviews
    print(
        f"{args.classes} classes × {args.learners} learners × {args.reviews:,} reviews = {total:,} reviews; "
        f"one class's page ({args.learners * args.reviews:,} reviews), median of {args.rounds}"
    )
    print(f"\n{'store':11} {'counted (ours)':>13} {'every review (peer)':>19} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as folder, kzquiz.open_store(Path(folder) / "school.sqlite3") as store:
        measure("SQLite", store, fill(store, deck, args.classes, args.learners, args.reviews), deck, args.rounds)
    server = os.environ.get("KZQUIZ_TEST_POSTGRES")
    if not server:
        print("\nno PostgreSQL row: run with .ci/with-postgres, or set KZQUIZ_TEST_POSTGRES")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
        with kzquiz.open_store(url) as store:
            classes = fill(store, deck, args.classes, args.learners, args.reviews)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("ANALYZE")
            measure("PostgreSQL", store, classes, deck, args.rounds)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()

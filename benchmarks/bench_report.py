"""A big class's report: 500 learners × 2,000 reviews (1,000,000 reviews) in SQLite and in PostgreSQL.

Run on demand: ``python benchmarks/bench_report.py`` (SQLite only), or ``.ci/with-postgres python
benchmarks/bench_report.py`` for the PostgreSQL rows beside SQLite's (or set KZQUIZ_TEST_POSTGRES to a server's
URL). The goal (issue 14): ``kzquiz report`` on the class under 2 s. Prints the time to load the class with
``Store.add_reviews`` (what ``kzquiz store copy`` does), the report itself (counting in the store, then the
tables), the whole ``kzquiz report`` command, and PostgreSQL's plans for the report's query and a learner's log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from kzquiz.cli.report import store_counts
from kzquiz.reporting import class_tallies, render_tallies
from kzquiz.scheduling import Rating
from kzquiz.stores.base import ReviewRecord, Store
from kzquiz.stores.sqlite import SQLiteStore

T0 = dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
FACTS = 60
FORMS = ("recall", "choice", "truefalse")


def class_log(learner: str, reviews: int, rng: random.Random) -> list[ReviewRecord]:
    """A learner's log: the 60 facts of a school deck asked in three forms, right 70 % of the time, wrong with one of
    a few common answers, one review every ten minutes of school time."""
    log = []
    for n in range(reviews):
        fact = rng.randrange(FACTS)
        form = FORMS[n % 3]
        right = rng.random() < 0.7
        answer = f"answer {fact}" if right else rng.choice((f"wrong {fact}", f"other {fact}", "I don't know"))
        log.append(
            ReviewRecord(
                learner,
                "history",
                f"f{fact}",
                f"history/f{fact}/{form}",
                form,
                answer,
                right,
                float(right),
                "exact" if right else "wrong",
                Rating.GOOD if right else Rating.AGAIN,
                4.0,
                T0 + dt.timedelta(minutes=10 * n),
            )
        )
    return log


def load(store: Store, learners: int, reviews: int) -> float:
    rng = random.Random(14)
    start = time.perf_counter()
    for n in range(learners):
        store.add_reviews(class_log(f"learner{n:03}", reviews, rng))
    return time.perf_counter() - start


def report_seconds(location: str) -> tuple[float, float, int]:
    """The report in this process (counted by the store, then rendered) and the whole command; and its length."""
    start = time.perf_counter()
    text = render_tallies(class_tallies(*store_counts(location, by_learner=False)))
    inside = time.perf_counter() - start
    start = time.perf_counter()
    run = subprocess.run(  # noqa: S603 - this Python, this kzquiz
        [sys.executable, "-m", "kzquiz", "report", location], capture_output=True, text=True, check=True, timeout=600
    )
    command = time.perf_counter() - start
    assert run.stdout.startswith(text.split("\n", 1)[0])
    return inside, command, len(text.splitlines())


def explain(url: str) -> None:
    import psycopg

    from kzquiz.stores.postgres import _FACT_COUNTS, _WRONG_IN_CLASS, PostgresStore

    with PostgresStore(url) as store:
        learner_id = store._find_learner(store._connection(), "learner000")
    with psycopg.connect(url) as conn:
        conn.execute("ANALYZE")
        for title, query, params in (
            ("kzquiz report: each learner's right answers per fact", _FACT_COUNTS.format(within="TRUE"), ()),
            ("kzquiz report: the class's wrong answers per question", _WRONG_IN_CLASS.format(within="TRUE"), ()),
            (
                "one learner's log (stats --learner, the optimizer)",
                "SELECT * FROM reviews WHERE learner_id = %s ORDER BY reviewed_at, id",
                (learner_id,),
            ),
        ):
            print(f"\nEXPLAIN ANALYZE: {title}")
            conn.execute("SET work_mem = '64MB'")  # as the store sets it for these queries
            for (line,) in conn.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query, params):  # type: ignore[arg-type]
                print("   ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--sqlite", metavar="FILE", help="a class already loaded in this SQLite file")
    parser.add_argument("--schema", metavar="NAME", help="a class already loaded in this PostgreSQL schema")
    args = parser.parse_args()
    server = os.environ.get("KZQUIZ_TEST_POSTGRES")
    print(f"{args.learners} learners × {args.reviews:,} reviews = {args.learners * args.reviews:,} reviews")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.sqlite or Path(folder) / "class.sqlite3")
        loaded = 0.0
        if not args.sqlite:
            with SQLiteStore(path) as store:
                loaded = load(store, args.learners, args.reviews)
        rows = {"SQLite": (loaded, *report_seconds(str(path)))}
        if server:
            from kzquiz.stores.postgres import PostgresStore

            schema = args.schema or f"bench_{uuid.uuid4().hex[:8]}"
            url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
            loaded = 0.0
            if not args.schema:
                with PostgresStore(url) as store:
                    loaded = load(store, args.learners, args.reviews)
            rows["PostgreSQL"] = (loaded, *report_seconds(url))
        print(f"\n{'store':12} {'load (add_reviews)':>20} {'report in process':>18} {'kzquiz report':>14} {'lines':>6}")
        for name, (loaded, inside, command, lines) in rows.items():
            print(f"{name:12} {loaded:18.1f} s {inside:16.2f} s {command:12.2f} s {lines:6}")
        if server:
            sqlite_command, pg_command = rows["SQLite"][2], rows["PostgreSQL"][2]
            print(f"kzquiz report, PostgreSQL / SQLite: {pg_command / sqlite_command:.2f}x")
            explain(url)
            import psycopg

            if not args.schema:
                with psycopg.connect(server, autocommit=True) as conn:
                    conn.execute(f"DROP SCHEMA {schema} CASCADE")
    if not server:
        print("\nno PostgreSQL rows: run with .ci/with-postgres, or set KZQUIZ_TEST_POSTGRES")


if __name__ == "__main__":
    main()

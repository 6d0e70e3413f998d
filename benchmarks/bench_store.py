"""Speed of a study session on a large store, and of fitting FSRS to a real review log.

Run on demand: ``python benchmarks/bench_store.py``. The goals (issue 4), for one learner with 100,000 facts in
an SQLite store on disk: choosing the next question under 5 ms; answering (grade, rate, schedule, commit) under
2 ms median; fitting the 21 FSRS-6 parameters to the 12,580 real reviews of tests/data/review-logs under 2 s.
Half the facts have a memory (due at spread-out times, some overdue); the other half are new.

The store rows (issue 14) compare SQLite with PostgreSQL on a local server (run through ``.ci/with-postgres``, or
with KZQUIZ_TEST_POSTGRES set to a server's URL; without one only SQLite's rows are printed): the median and p95
time from an answer to its commit on a 60-fact deck, and 8 processes answering 200 questions each at once
(throughput, p95 per answer, and every review counted afterwards).
Durability and integrity (issue 11), with ``--durability``: the median cost of an answer with
``synchronous=FULL`` (each commit flushed to the disk, as now) side by side with ``NORMAL`` (before) and with Anki's
``answer_card`` on the same deck, in interleaved rounds; and the cost of the ``PRAGMA quick_check`` that opening a
15 MB store to study runs, with the full ``kzquiz store check`` of it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
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


def small_deck() -> Deck:
    """A class's deck: 60 answer facts."""
    facts = tuple(
        AnswerFact(id=f"f{n}", question=f"Word {n}?", answer=Answer(f"answer {n}"), distractors=(f"w{n}a", f"w{n}b"))
        for n in range(60)
    )
    return Deck(id="class", title="60 facts", facts=facts)


def answer_times(location: str, learner: str, answers: int, go: Path | None = None) -> list[float]:
    """Seconds from each answer to its commit (``Session.answer`` returning), for ``answers`` answers."""
    with kzquiz.open_store(location) as store:
        session = kzquiz.Session(small_deck(), store, learner, new_limit=None)
        while go is not None and not go.exists():
            time.sleep(0.001)
        times, now = [], NOW
        for n in range(answers):
            question = session.next_question(now)
            if question is None:  # everything learnt: a day later, the facts are due again
                now += dt.timedelta(days=30)
                question = session.next_question(now)
            assert question is not None
            start = time.perf_counter()
            session.answer(question, question.expected if n % 4 else "a wrong answer", now=now, duration=4.0)
            times.append(time.perf_counter() - start)
            now += dt.timedelta(seconds=5)
    return times


def parallel(location: str, processes: int, answers: int) -> tuple[float, list[float]]:
    """``processes`` learners answering ``answers`` questions each at once: the wall time and every answer's time."""
    with tempfile.TemporaryDirectory() as folder:
        go = Path(folder) / "go"
        workers = [
            subprocess.Popen(  # noqa: S603 - this Python, this file
                [sys.executable, __file__, "--worker", location, f"p{n}", str(answers), str(go)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(processes)
        ]
        time.sleep(1.0)  # every worker is at the starting line, its store open
        start = time.perf_counter()
        go.touch()
        outputs = [w.communicate(timeout=600)[0] for w in workers]
        wall = time.perf_counter() - start
    assert all(w.returncode == 0 for w in workers)
    return wall, [t for out in outputs for t in json.loads(out)]


def bench_stores(sqlite_path: Path) -> None:
    locations = {"SQLite": str(sqlite_path)}
    server = os.environ.get("KZQUIZ_TEST_POSTGRES")
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    if server:
        locations["PostgreSQL"] = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
    medians = {}
    print("\nanswer -> commit, one learner, 500 answers (grade + schedule + commit)")
    for name, location in locations.items():
        times = answer_times(location, "solo", 500)
        medians[name] = statistics.median(times)
        print(f"  {name:11} median {1000 * medians[name]:6.3f} ms   p95 {1000 * percentile(times, 0.95):6.3f} ms")
    if server:
        print(f"  PostgreSQL / SQLite median: {medians['PostgreSQL'] / medians['SQLite']:.2f}x")
    print("\n8 processes x 200 answers at once")
    throughput = {}
    for name, location in locations.items():
        wall, times = parallel(location, 8, 200)
        with kzquiz.open_store(location) as store:
            counted = sum(len(store.reviews(f"p{n}")) for n in range(8))
        throughput[name] = len(times) / wall
        print(
            f"  {name:11} {throughput[name]:7.0f} answers/s   p95 {1000 * percentile(times, 0.95):7.2f} ms   "
            f"max {1000 * max(times):7.1f} ms   reviews counted after: {counted:,} of {len(times):,}"
        )
        assert counted == len(times)
    if server:
        print(f"  PostgreSQL / SQLite throughput: {throughput['PostgreSQL'] / throughput['SQLite']:.2f}x")
        import psycopg

        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    else:
        print("\n(no PostgreSQL rows: run through .ci/with-postgres, or set KZQUIZ_TEST_POSTGRES)")


# --- Durability and integrity (issue 11) ------------------------------------------------------------------------

DURABLE_ANSWERS = 300
ROUNDS = 3


def answer_median(folder: Path, deck: Deck, sync: str) -> float:
    """Median seconds of ``Session.answer`` (grade, schedule, commit) with the store's journal at ``sync``."""
    store = kzquiz.open_store(Path(tempfile.mkdtemp(dir=folder)) / "progress.sqlite3")
    store._db.execute(f"PRAGMA synchronous = {sync}")
    times = []
    try:
        session = kzquiz.Session(deck, store, "bench", new_limit=None)
        now = NOW
        for n in range(DURABLE_ANSWERS):
            now += dt.timedelta(seconds=20)
            question = session.next_question(now)
            assert question is not None
            start = time.perf_counter()
            session.answer(question, "no idea" if n % 7 == 0 else question.expected, now=now, duration=5.0)
            times.append(time.perf_counter() - start)
    finally:
        store.close()
    return statistics.median(times)


def bench_durability(folder: Path) -> None:
    """Per answer: synchronous=FULL (each commit flushed to the disk) against NORMAL (before) and Anki's answer."""
    sys.path.insert(0, str(Path(__file__).parent))
    import peers

    deck_path = folder / "answers.toml"
    deck_path.write_text(peers.answer_deck(DURABLE_ANSWERS + 100), encoding="utf-8")
    deck = kzquiz.load_deck(deck_path)
    package: Path | None = None
    if importlib.util.find_spec("anki") is not None:  # the test extra installs it
        from kzquiz.convert.anki import write_apkg

        package = folder / "answers.apkg"
        write_apkg(deck, package, NOW)
        import anki.collection  # noqa: F401 - first: importing anki.cards first is circular
    full, normal, anki_times = [], [], []
    for _ in range(ROUNDS):  # interleaved, so that the machine's load falls on every column alike
        full.append(answer_median(folder, deck, "FULL"))
        normal.append(answer_median(folder, deck, "NORMAL"))
        if package is not None:
            anki_times.append(peers.anki_loop(folder, package, DURABLE_ANSWERS)[1])
    full_ms, normal_ms = 1000 * statistics.median(full), 1000 * statistics.median(normal)
    print(f"answer, synchronous=FULL (now)       median {full_ms:6.3f} ms")
    print(f"answer, synchronous=NORMAL (before)  median {normal_ms:6.3f} ms   FULL/NORMAL {full_ms / normal_ms:5.2f}x")
    if anki_times:
        anki_ms = 1000 * statistics.median(anki_times)
        ratio = full_ms / anki_ms
        print(f"Anki answer_card (same deck)         median {anki_ms:6.3f} ms   kzquiz FULL/Anki {ratio:5.2f}x")
    else:
        print("Anki answer_card: the anki package is not installed (pip install '.[test]')")


def big_store(path: Path, megabytes: float) -> None:
    """A store of about ``megabytes`` MB: one learner's reviews of 20,000 facts, and their memories."""
    with kzquiz.open_store(path) as store:
        now = NOW
        made = 0
        wal = Path(f"{path}-wal")
        while path.stat().st_size + (wal.stat().st_size if wal.exists() else 0) < megabytes * 1e6:
            batch = []
            for _ in range(5_000):
                fact = f"fact-{made % 20_000}"
                batch.append(
                    ReviewRecord(
                        "bench",
                        "big",
                        fact,
                        f"big/{fact}/recall",
                        "recall",
                        f"answer {made}",
                        True,
                        1.0,
                        "exact",
                        kzquiz.Rating.GOOD,
                        2.5,
                        now,
                    )
                )
                now += dt.timedelta(minutes=1)
                made += 1
            store.add_reviews(batch)
        memories = [
            Memory(f"fact-{n}", "big", CardState.REVIEW, None, 5.0, 5.0, NOW, NOW, 3, 0, f"big/fact-{n}/recall")
            for n in range(20_000)
        ]
        store.save_memories("bench", memories)


def bench_integrity(folder: Path) -> None:
    """What checking a 15 MB store costs when kzquiz opens it to study, and what ``kzquiz store check`` costs."""
    from kzquiz.stores.check import check_store

    path = folder / "big.sqlite3"
    big_store(path, 15)
    size = path.stat().st_size / 1e6

    def opened(read_only: bool) -> float:
        start = time.perf_counter()
        kzquiz.open_store(path, read_only=read_only).close()
        return time.perf_counter() - start

    checked = [opened(False) for _ in range(7)]
    unchecked = [opened(True) for _ in range(7)]
    start = time.perf_counter()
    report = check_store(path)
    whole = time.perf_counter() - start
    check_ms, plain_ms = 1000 * statistics.median(checked), 1000 * statistics.median(unchecked)
    print(f"open a {size:.1f} MB store to study (quick_check)  median {check_ms:7.1f} ms")
    cost = check_ms - plain_ms
    print(f"open it read-only (no check, as stats does)   median {plain_ms:7.1f} ms   the check: {cost:6.1f} ms")
    verdict = "ok" if report.ok else "damaged"
    print(f"kzquiz store check (full, every row)          {1000 * whole:12.1f} ms   ({verdict})")


def main() -> None:
    """Print the figures."""
    if sys.argv[1:2] == ["--worker"]:
        location, learner, answers, go = sys.argv[2:6]
        print(json.dumps(answer_times(location, learner, int(answers), Path(go))))
        return
    if sys.argv[1:2] == ["--durability"]:
        with tempfile.TemporaryDirectory() as folder:
            bench_durability(Path(folder))
            bench_integrity(Path(folder))
        return
    only_stores = sys.argv[1:2] == ["--stores"]
    with tempfile.TemporaryDirectory() as folder:
        if not only_stores:
            bench_session(Path(folder) / "bench.sqlite3")
        bench_stores(Path(folder) / "class.sqlite3")
    if not only_stores:
        bench_fit()


if __name__ == "__main__":
    main()

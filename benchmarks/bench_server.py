"""Load on the classroom server: N learners answering M questions each through the web pages, then a count.

Starts ``kzquiz serve --workers 2`` on a free port of 127.0.0.1 (and nowhere else), with a classroom made
beforehand (a teacher, a class, the bundled deck assigned, N signed-in learners; on PostgreSQL, the classroom is
in the same schema as the progress store), and drives the learners with a
bounded asynchronous client: at most ``--concurrency`` requests in flight. Each learner opens their decks, then
asks for a question and answers it, M times, then opens their progress, exactly as a browser does (cookies and the
CSRF token included). It prints throughput and p50/p95/p99 latency per request type, then counts the reviews in
the store: every answer the server acknowledged must be there, and none twice.

    python benchmarks/bench_server.py                          # SQLite: 200 learners x 20 answers
    .ci/with-postgres python benchmarks/bench_server.py        # and PostgreSQL, from $KZQUIZ_TEST_POSTGRES
    python benchmarks/bench_server.py --postgres postgresql://... --learners 50 --answers 10

Needs the server and test extras (httpx2 is the client).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable
from pathlib import Path

import httpx2

import kzquiz
from kzquiz.server import auth
from kzquiz.server.classroom import Role, SignIn, open_classroom
from kzquiz.server.web import CSRF_COOKIE, SESSION_COOKIE

TICKET = re.compile(r'name="ticket" value="([^"]+)"')
ANSWER_TYPE = re.compile(r'data-answer-type="([^"]+)"')
OPTIONS = re.compile(r'name="pick" value="(\d+)"')
ORDER = re.compile(r'<ol class="order">(.*?)</ol>', re.S)
DONE = "Nothing left for today"


def prepare(store: str, classroom: str, learners: int) -> tuple[int, list[tuple[str, str, str]]]:
    """A classroom with the bundled deck assigned and ``learners`` signed in: the deck key and, per learner, the
    store name, the session cookie and the CSRF cookie with its form token."""
    kzquiz.open_store(store).close()  # as the server does first (on PostgreSQL, this makes the schema)
    room = open_classroom(classroom)
    try:
        teacher = room.add_teacher("Ms Bench", auth.hash_password("benchmark password"))
        klass = room.add_class(teacher.id, "Bench class", "BENCH2")
        path = kzquiz.resolve_deck(kzquiz.DEFAULT_DECK)
        deck = kzquiz.load_deck(path)
        stored = room.save_deck(teacher.id, deck.id, deck.title, path.name, path.read_text(encoding="utf-8"))
        room.assign(klass.id, stored.id)
        secret = room.secret()
        hashed = auth.hash_password("learner password")  # one hash for all: hashing is not what is measured
        now = dt.datetime.now(dt.UTC)
        people = []
        for n in range(learners):
            learner = room.add_learner(klass.id, f"learner{n:03d}", hashed)
            token = auth.new_token()
            room.add_sign_in(auth.digest(token), SignIn(Role.LEARNER, learner.id, now + dt.timedelta(days=1)), now)
            browser = auth.new_token()
            people.append((learner.store_name, f"{SESSION_COOKIE}={token}; {CSRF_COOKIE}={browser}", browser))
        return stored.id, [(name, cookie, auth.csrf_token(secret, browser)) for name, cookie, browser in people]
    finally:
        room.close()


class Stats:
    """Latencies per request type, and the answers the server acknowledged."""

    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.acknowledged: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()


async def timed(stats: Stats, kind: str, request: Awaitable[httpx2.Response]) -> httpx2.Response:
    start = time.perf_counter()
    response = await request
    stats.latency[kind].append(time.perf_counter() - start)
    if response.status_code != 200:
        stats.errors[f"{kind} {response.status_code}"] += 1
    return response


def form_for(page: str, rng: random.Random) -> dict[str, str | list[str]]:
    """An answer for the question on ``page``: a guess, right or wrong, in the form a browser sends."""
    answer_type = ANSWER_TYPE.search(page)
    options = OPTIONS.findall(page)
    kind = answer_type.group(1) if answer_type else "typed"
    if kind in ("choice", "true-false"):
        return {"pick": rng.choice(options)}
    if kind == "select":
        return {"pick": rng.sample(options, k=max(1, len(options) // 2))}
    if kind == "order":
        block = ORDER.search(page)
        count = block.group(1).count("<li>") if block else 1
        order = [str(n) for n in range(1, count + 1)]
        rng.shuffle(order)
        return {"answer": " ".join(order)}
    return {"answer": rng.choice(["Astana", "Tokayev", "1991", "I do not know", "Almaty, Shymkent"])}


async def learner(
    client: httpx2.AsyncClient, stats: Stats, deck: int, person: tuple[str, str, str], answers: int, seed: int
) -> None:
    name, cookie, csrf = person
    rng = random.Random(seed)
    headers = {"cookie": cookie}
    await timed(stats, "decks", client.get("/learn", headers=headers))
    for _ in range(answers):
        page = (await timed(stats, "question", client.get(f"/learn/decks/{deck}", headers=headers))).text
        ticket = TICKET.search(page)
        if ticket is None:
            if DONE not in page:
                stats.errors["question without a ticket"] += 1
            break
        form = {"csrf": csrf, "ticket": ticket.group(1), **form_for(page, rng)}
        response = await timed(stats, "answer", client.post(f"/learn/decks/{deck}", data=form, headers=headers))
        if response.status_code == 200 and 'class="verdict' in response.text:
            stats.acknowledged[name] += 1
    await timed(stats, "progress", client.get("/learn/progress", headers=headers))


async def drive(base: str, deck: int, people: list[tuple[str, str, str]], answers: int, concurrency: int) -> Stats:
    stats = Stats()
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        gate = asyncio.Semaphore(concurrency)

        async def one(index: int, person: tuple[str, str, str]) -> None:
            async with gate:
                await learner(client, stats, deck, person, answers, index)

        await asyncio.gather(*(one(i, p) for i, p in enumerate(people)))
    return stats


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store: str, classroom: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "kzquiz", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--db", store, "--classroom", classroom]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 - our own command
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx2.get(f"{base}/api/openapi.json", timeout=2).status_code == 200:
                return server, base
        except httpx2.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            raise SystemExit("the server did not start")
        time.sleep(0.2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(label: str, stats: Stats, seconds: float, store: str, people: list[tuple[str, str, str]]) -> bool:
    total = sum(len(v) for v in stats.latency.values())
    print(f"\n== {label}: {total} requests in {seconds:.1f} s = {total / seconds:.0f} requests/s")
    print(f"{'request':<10}{'count':>7}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for kind in ("decks", "question", "answer", "progress"):
        values = stats.latency.get(kind, [])
        if not values:
            continue
        row = [percentile(values, q) * 1000 for q in (0.5, 0.95, 0.99)] + [statistics.fmean(values) * 1000]
        print(f"{kind:<10}{len(values):>7}{len(values) / seconds:>8.0f}" + "".join(f"{v:>9.1f}" for v in row))
    if stats.errors:
        print("errors:", dict(stats.errors))
    with kzquiz.open_store(store) as opened:
        stored: Counter[str] = Counter()
        duplicates = 0
        for name, _, _ in people:
            reviews = opened.reviews(name)
            stored[name] = len(reviews)
            keys = Counter((r.question_id, r.reviewed_at) for r in reviews)
            duplicates += sum(n - 1 for n in keys.values() if n > 1)
    acknowledged = sum(stats.acknowledged.values())
    missing = sum(max(0, stats.acknowledged[n] - stored[n]) for n, _, _ in people)
    extra = sum(max(0, stored[n] - stats.acknowledged[n]) for n, _, _ in people)
    print(
        f"answers acknowledged {acknowledged}, reviews in the store {sum(stored.values())}: "
        f"{missing} missing, {extra} not acknowledged, {duplicates} twice"
    )
    return missing == 0 and duplicates == 0 and extra == 0 and not stats.errors


def run(label: str, store: str, classroom: str, args: argparse.Namespace) -> bool:
    deck, people = prepare(store, classroom, args.learners)
    server, base = start_server(store, classroom, args.workers)
    try:
        start = time.perf_counter()
        stats = asyncio.run(drive(base, deck, people, args.answers, args.concurrency))
        seconds = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)
    return report(label, stats, seconds, store, people)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at most (default: 8)")
    parser.add_argument("--postgres", default=os.environ.get("KZQUIZ_TEST_POSTGRES"), help="a PostgreSQL URL too")
    args = parser.parse_args()
    print(
        f"{args.learners} learners x {args.answers} answers, {args.workers} workers, "
        f"at most {args.concurrency} requests in flight, on {os.cpu_count()} cores"
    )
    ok = True
    with tempfile.TemporaryDirectory(prefix="kzquiz-bench-") as folder:
        ok &= run("SQLite", str(Path(folder) / "bench.sqlite3"), str(Path(folder) / "bench.classroom.sqlite3"), args)
    if args.postgres:
        schema = f"bench_{os.getpid()}"
        joiner = "&" if "?" in args.postgres else "?"
        url = f"{args.postgres}{joiner}options=-csearch_path%3D{schema}"
        ok &= run("PostgreSQL", url, url, args)  # the progress store and the classroom in one schema
    else:
        print("\n(PostgreSQL skipped: give --postgres URL, or run under .ci/with-postgres)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

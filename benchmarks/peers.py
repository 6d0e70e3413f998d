"""kzquiz side by side with its peers, on the same work, in one run: one table of medians and ratios.

Run on demand (the peers come with the test extra: ``anki``, ``genanki``, ``fsrs``, ``fsrs-rs-python``)::

    python benchmarks/peers.py [--rounds 3] [--quick] [--only ROWS] [--scaling]

Every row builds the same work for both sides (the same deck, the same notes, the same review log), then runs
kzquiz and its peer in turn, A B A B ..., for several rounds, so that a machine that slows down in the middle
slows both; the answer and next-question rows take turns answer by answer (kzquiz answering, Anki, kzquiz
self-rated), since one disk flush can take 0.2 ms or 4 ms a second later. It prints ``measure | kzquiz | peer |
ratio`` with the medians and the median of the per-round ratios (kzquiz / peer; below 1.0 means kzquiz is ahead).
The peers:

- Anki's own Python backend (the ``anki`` package, Rust inside), with FSRS on and its daily new-card and review
  limits raised to their maximum (9,999), so that its queue and its answer loop really run: importing the same
  notes as an .apkg (built by kzquiz's own exporter), answering, and choosing the next card;
- py-fsrs ``Scheduler.review_card`` for scheduling alone (fuzz on, as kzquiz's default settings have it), and
  fsrs-rs ``compute_parameters`` for the fit, on the very items kzquiz builds from the log;
- ``python -c pass`` for whole-command start-up, and kzquiz's own load + generate for ``kzquiz validate``.

The commands run as a learner who set nothing runs them: their store in the user data directory
(``~/.local/share/kzquiz`` on Linux) of a temporary home folder, never the real one; the ``stats_home`` row reads
the same store named by ``KZQUIZ_HOME``. The start-up rows take the median of five runs of each side, in turn, per
round.

Anki's ``answer_card`` takes the learner's rating: the ``answer`` row also grades the answer (kzquiz's
``Session.answer``), which Anki does not do; the ``rate`` row (``Session.rate``, a self-rated flashcard) is the
same work on both sides: schedule, then commit with the disk flushed. Both sides give the same ratings (Again
every seventh answer, Good otherwise): kzquiz's typed answers take long enough not to earn Easy.

The first row is the headline for start-up: what a study session pays before its first question (load and
validate the deck, choose and generate one question). ``--scaling`` prints another table instead: ``answer`` decks
of 1,000 to 1,000,000 facts loaded with every question, each in a fresh process, against Anki importing the same
notes, with the time per fact (flat when time grows linearly) and both peak memories.

``--quick`` runs smaller sizes (1,000 facts instead of 10,000 and 100,000; 20,000 reviews instead of 100,000),
to check that the benchmark itself works. Figures depend on the machine and its load; only the ratios of one run
compare.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs

import kzquiz
from kzquiz import ReviewRecord
from kzquiz.fitting import fsrs_items, optimize, reviews_from_csv
from kzquiz.scheduling import easy_seconds

HERE = Path(__file__).resolve().parent
LOG = HERE.parent / "tests" / "data" / "review-logs" / "py-fsrs-josh-2024.csv"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SCRIPT = Path(sys.executable).with_name("kzquiz")
KZQUIZ = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "kzquiz"]
ANSWERS = 300  # answers timed per round in each answer loop
ANKI_LIMIT = 9_999  # the largest daily limit Anki accepts
ROWS = (
    "session",
    *("full", "load", "big", "validate", "answer", "rate", "next", "next_big", "review"),
    *("fit", "fit_big", "stats", "stats_home", "help", "first", "memory"),
)
"""The rows of the table, by the names ``--only`` takes, in the order they are printed."""


# --- the same work, for both sides ---------------------------------------------------------------------------


def answer_deck(facts: int) -> str:
    """A deck of ``facts`` ``answer`` facts, each with an alias and a quote: the notes every row compares."""
    parts = ['[deck]\nid = "peers"\ntitle = "Peers"\n']
    parts.extend(
        f'\n[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "What is word number {i}?"\n'
        f'answer = "Answer {i}"\naliases = ["Alias {i}"]\nquote = "Word {i} is Answer {i}."\n'
        for i in range(facts)
    )
    return "".join(parts)


def mixed_deck(facts: int) -> str:
    """A deck that cycles through every kind of fact, in groups of ten (as benchmarks/bench_load.py builds it)."""
    sys.path.insert(0, str(HERE))
    from bench_load import synthetic_deck

    return synthetic_deck(facts)


def synthetic_log(reviews: int, seed: int = 7) -> list[ReviewRecord]:
    """A plausible review log: facts reviewed at growing intervals, now and then forgotten; oldest first.

    Each record is made with its own strings and time, in that order, as a store's ``reviews()`` makes them from
    its rows: the objects the fit reads one after the other then lie together in memory, as they do for a real
    log (making the times fact by fact and sorting only the records scatters them, and the fit's loop pays ~1.5x).
    """
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC)
    planned: list[tuple[dt.timedelta, int, kzquiz.Rating]] = []  # (when after the start, fact, rating)
    fact = 0
    while len(planned) < reviews:
        after = dt.timedelta(days=rng.randrange(300), minutes=rng.randrange(600))
        interval = 1.0
        for _ in range(rng.randrange(3, 15)):
            rating = kzquiz.Rating.AGAIN if rng.random() < 0.12 else kzquiz.Rating.GOOD
            planned.append((after, fact, rating))
            interval = 1.0 if rating is kzquiz.Rating.AGAIN else interval * rng.uniform(1.8, 3.0)
            after += dt.timedelta(days=interval, minutes=rng.randrange(-120, 120))
        fact += 1
    return [
        ReviewRecord(
            learner="bench",
            deck_id="log",
            fact_id=f"f{fact}",
            question_id=f"log/f{fact}/recall",
            form="recall",
            answer="",
            correct=rating is not kzquiz.Rating.AGAIN,
            score=float(rating is not kzquiz.Rating.AGAIN),
            match="self",
            rating=rating,
            duration=None,
            reviewed_at=start + after,
        )
        for after, fact, rating in sorted(planned[:reviews], key=lambda plan: plan[0])
    ]


@attrs.define
class Work:
    """Files built once, before any timing: decks, the Anki packages of the same decks, review logs."""

    folder: Path
    sizes: tuple[int, int]
    decks: dict[int, Path] = attrs.Factory(dict)
    packages: dict[int, Path] = attrs.Factory(dict)
    mixed: Path | None = None
    real_log: list[ReviewRecord] = attrs.Factory(list)
    big_log: list[ReviewRecord] = attrs.Factory(list)

    def build(self, big_log: int) -> None:
        from kzquiz.convert.anki import write_apkg

        for size in self.sizes:
            path = self.folder / f"answers-{size}.toml"
            path.write_text(answer_deck(size), encoding="utf-8")
            self.decks[size] = path
            package = self.folder / f"answers-{size}.apkg"
            write_apkg(kzquiz.load_deck(path), package, NOW)
            self.packages[size] = package
        self.mixed = self.folder / "mixed.toml"
        self.mixed.write_text(mixed_deck(self.sizes[0]), encoding="utf-8")
        with LOG.open(encoding="utf-8") as lines:
            self.real_log = reviews_from_csv(lines, "bench")
        self.big_log = synthetic_log(big_log)


# --- Anki's side ---------------------------------------------------------------------------------------------


@contextmanager
def anki_collection(folder: Path, package: Path | None = None) -> Iterator[object]:
    """A fresh Anki collection with FSRS on and its limits raised, the package imported when given (untimed), then
    closed and opened again, as a study session opens it.

    Reopening puts both sides of the answer rows in the same state: SQLite deletes the write-ahead log when the last
    connection closes, so Anki starts its answers with an empty log, as kzquiz's loop does with the store it opens,
    instead of writing into the log its own import has just grown. (On the development machine's ext4 the
    difference this makes was lost in the noise of the disk's flush times, which swing from 0.2 to 4 ms.)
    """
    from anki.collection import Collection

    path = str(Path(tempfile.mkdtemp(dir=folder)) / "collection.anki2")
    col = Collection(path)
    try:
        if package is not None:
            anki_import(col, package)
        prepare_anki(col)
    finally:
        col.close()
    col = Collection(path)
    try:
        yield col
    finally:
        col.close()


def prepare_anki(col: object) -> None:
    """FSRS on; every deck's daily new and review limits at the maximum, so the queue never runs dry early."""
    col.set_config("fsrs", True)  # type: ignore[attr-defined]
    for deck in col.decks.all_names_and_ids():  # type: ignore[attr-defined]
        conf = col.decks.config_dict_for_deck_id(deck.id)  # type: ignore[attr-defined]
        conf["new"]["perDay"] = ANKI_LIMIT
        conf["rev"]["perDay"] = ANKI_LIMIT
        col.decks.update_config(conf)  # type: ignore[attr-defined]
        if deck.name != "Default":
            col.decks.select(deck.id)  # type: ignore[attr-defined]


def anki_import(col: object, package: Path) -> None:
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    col.import_anki_package(request)  # type: ignore[attr-defined]


def anki_import_seconds(folder: Path, package: Path) -> float:
    from anki.collection import Collection

    col = Collection(str(Path(tempfile.mkdtemp(dir=folder)) / "collection.anki2"))
    try:
        start = time.perf_counter()
        anki_import(col, package)
        return time.perf_counter() - start
    finally:
        col.close()


def anki_steps(folder: Path, package: Path, answers: int) -> Iterator[tuple[float, float]]:
    """Seconds to choose the next card, and to answer it (schedule and commit), for each of ``answers`` answers."""
    from anki.cards import Card
    from anki.scheduler_pb2 import CardAnswer

    with anki_collection(folder, package) as col:
        for n in range(answers):
            start = time.perf_counter()
            queued = col.sched.get_queued_cards()  # type: ignore[attr-defined]
            chosen = time.perf_counter() - start
            if not queued.cards:
                msg = f"Anki's queue ran dry after {n} answers: the comparison would time an empty queue"
                raise RuntimeError(msg)
            first = queued.cards[0]
            card = Card(col, backend_card=first.card)  # type: ignore[arg-type]
            card.start_timer()
            rating = CardAnswer.AGAIN if n % 7 == 0 else CardAnswer.GOOD
            answer = col.sched.build_answer(card=card, states=first.states, rating=rating)  # type: ignore[attr-defined]
            start = time.perf_counter()
            col.sched.answer_card(answer)  # type: ignore[attr-defined]
            yield chosen, time.perf_counter() - start


def in_turn(*sides: Iterator[tuple[float, float]]) -> list[tuple[float, float]]:
    """The median (next, answer) seconds of each side, taking one answer from each side in turn.

    The answer rows time single disk flushes, and this machine's flushes swing from 0.2 to 4 ms within seconds: a
    side that ran all its answers first and the other after could land on a fast moment while the other waited on
    a slow one. Taken answer by answer, a slow moment falls on every side alike.
    """
    steps: list[list[tuple[float, float]]] = [[] for _ in sides]
    for row in zip(*sides, strict=True):
        for kept, step in zip(steps, row, strict=True):
            kept.append(step)
    return [(statistics.median(n for n, _ in kept), statistics.median(a for _, a in kept)) for kept in steps]


# --- kzquiz's side -------------------------------------------------------------------------------------------


def kzquiz_steps(
    folder: Path, deck_path: Path, answers: int, *, self_rated: bool = False
) -> Iterator[tuple[float, float]]:
    """Seconds to choose the next question, and to answer it (grade, schedule, commit), for each of ``answers``
    answers; ``self_rated``: to rate it as a flashcard (schedule, commit), which is all Anki's answer_card does."""
    deck = kzquiz.load_deck(deck_path)
    store = kzquiz.open_store(Path(tempfile.mkdtemp(dir=folder)) / "progress.sqlite3")
    try:
        session = kzquiz.Session(deck, store, "bench", new_limit=None)
        moment = NOW
        for n in range(answers):
            moment += dt.timedelta(seconds=20)
            start = time.perf_counter()
            question = session.next_question(now=moment)
            chosen = time.perf_counter() - start
            if question is None:
                msg = f"kzquiz ran out of questions after {n} answers"
                raise RuntimeError(msg)
            text = "no idea" if n % 7 == 0 else question.expected
            rating = kzquiz.Rating.AGAIN if n % 7 == 0 else kzquiz.Rating.GOOD
            # Slow enough for a right typed answer to earn Good, the rating Anki's side gives: a fast one earns
            # Easy, which sends a new fact days ahead and so does other work (and other page writes) than Anki's.
            duration = easy_seconds(question.expected) + 1.0
            start = time.perf_counter()
            if self_rated:
                session.rate(question, rating, now=moment, duration=duration)
                yield chosen, time.perf_counter() - start
            else:
                verdict = session.answer(question, text, now=moment, duration=duration)
                yield chosen, time.perf_counter() - start
                if kzquiz.rating_for(question, verdict, duration) is not rating:
                    msg = f"the typed answer {text!r} earned another rating than {rating.name}: the sides would differ"
                    raise RuntimeError(msg)
    finally:
        store.close()


def load_seconds(path: Path, generate: bool) -> float:
    start = time.perf_counter()
    deck = kzquiz.load_deck(path)
    if generate:
        len(deck.questions)
    return time.perf_counter() - start


def session_start_seconds(path: Path) -> float:
    """What a study session pays before its first question: load and validate the deck, and ask one question."""
    start = time.perf_counter()
    session = kzquiz.Session(kzquiz.load_deck(path), kzquiz.MemoryStore(), "bench", new_limit=None)
    session.next_question(now=NOW)
    return time.perf_counter() - start


def per_call(fn: Callable[[int], object], calls: int) -> float:
    start = time.perf_counter()
    for n in range(calls):
        fn(n)
    return (time.perf_counter() - start) / calls


def review_kzquiz(calls: int) -> float:
    settings = kzquiz.SchedulerSettings()
    memory = kzquiz.review(None, kzquiz.Rating.GOOD, NOW, settings, fact_id="f", deck_id="d")
    later = NOW + dt.timedelta(days=3)
    return per_call(lambda n: kzquiz.review(memory, kzquiz.Rating(2 + n % 2), later, settings), calls)


def review_pyfsrs(calls: int) -> float:
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler()  # fuzz on, as kzquiz's default settings have it: both sides do the same work
    card, _ = scheduler.review_card(Card(), Rating.Good, NOW)
    later = NOW + dt.timedelta(days=3)
    return per_call(lambda n: scheduler.review_card(card, Rating(2 + n % 2), later), calls)


def fit_kzquiz(log: list[ReviewRecord]) -> float:
    start = time.perf_counter()
    optimize(log)
    return time.perf_counter() - start


def fit_fsrs_rs(log: list[ReviewRecord]) -> float:
    from fsrs_rs_python import FSRS

    items = fsrs_items(log)  # built outside the timing: the peer gets kzquiz's items for free
    start = time.perf_counter()
    FSRS([]).compute_parameters(items)
    return time.perf_counter() - start


# --- whole processes -----------------------------------------------------------------------------------------


def environment(home: Path) -> dict[str, str]:
    """A learner's environment, with ``home`` as their home folder: kzquiz finds its store where it does for a
    learner who set nothing (in the user data directory, ``~/.local/share/kzquiz`` on Linux), inside ``home``
    rather than in the real one. Windows finds that directory without ``HOME``: there ``KZQUIZ_HOME`` is set."""
    drop = ("NO_COLOR", "KZQUIZ_LEARNER", "PYTHONDONTWRITEBYTECODE", "KZQUIZ_HOME", "KZQUIZ_DB", "XDG_DATA_HOME")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(HOME=str(home), TERM="xterm-256color")
    if sys.platform == "win32":
        env["KZQUIZ_HOME"] = str(home)
    return env


def process_seconds(args: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - kzquiz, python and the benchmark's own snippets, with fixed arguments
        args, env=env, input=stdin, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


START_UPS = 5
"""Runs of each side per round for the start-up rows: a run takes tens of milliseconds, and one moment of load
would otherwise decide a round."""


def start_up_seconds(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The medians of :data:`START_UPS` runs of ``args`` and of ``python -c pass``, taken in turn, in ``env``."""
    ours, python = [], []
    for _ in range(START_UPS):
        ours.append(process_seconds(args, env))
        python.append(process_seconds([sys.executable, "-c", "pass"], env))
    return statistics.median(ours), statistics.median(python)


# VmHWM, the peak resident size of this process image: ru_maxrss would carry over the parent's peak through exec.
PEAK = (
    "import sys, pathlib\n"
    "status = pathlib.Path('/proc/self/status').read_text()\n"
    "print(next(line.split()[1] for line in status.splitlines() if line.startswith('VmHWM:')), file=sys.stderr)"
)


def peak_mib(code: str) -> float:
    """Peak resident memory in MiB of a fresh Python process running ``code``."""
    done = subprocess.run(  # noqa: S603 - the benchmark's own snippet
        [sys.executable, "-c", f"{code}\n{PEAK}"], capture_output=True, text=True, check=True
    )
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def first_question_seconds(home: Path) -> float:
    """Seconds until ``kzquiz`` (a newcomer, the bundled deck) has its first question on a pseudo-terminal."""
    import pexpect

    env = environment(home)
    start = time.perf_counter()
    child = pexpect.spawn(KZQUIZ[0], KZQUIZ[1:], env=env, dimensions=(30, 100), encoding="utf-8", timeout=30)  # type: ignore[arg-type]
    child.expect("0 done · ")
    seconds = time.perf_counter() - start
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return seconds


ANKI_FIRST = """
import sys
from anki.collection import Collection
from anki.cards import Card
col = Collection(sys.argv[1])
queued = col.sched.get_queued_cards()
print(Card(col, backend_card=queued.cards[0].card).question())
col.close()
"""


# --- scaling: 1,000 to 1,000,000 facts ----------------------------------------------------------------------

SCALING = (1_000, 10_000, 100_000, 1_000_000)

KZQUIZ_SCALING = (
    "import sys, time, kzquiz, kzquiz.questions\n"
    "load = kzquiz.load_deck  # the library's modules imported before the timing, as Anki's are\n"
    "start = time.perf_counter()\n"
    "deck = load(sys.argv[1], max_bytes=1 << 40)\n"
    "len(deck.questions)\n"
    "print(time.perf_counter() - start)"
)
ANKI_SCALING = (
    "import sys, time\n"
    "from anki.collection import Collection, ImportAnkiPackageRequest, ImportAnkiPackageOptions\n"
    "col = Collection(sys.argv[2])\n"
    "request = ImportAnkiPackageRequest(package_path=sys.argv[1], options=ImportAnkiPackageOptions())\n"
    "start = time.perf_counter()\n"
    "col.import_anki_package(request)\n"
    "print(time.perf_counter() - start)\n"
    "col.close()"
)


def timed_process(code: str, *args: str) -> tuple[float, float]:
    """The seconds a fresh Python process prints for its timed part, and its peak resident memory in MiB."""
    done = subprocess.run(  # noqa: S603 - the benchmark's own snippet, on the benchmark's own files
        [sys.executable, "-c", f"{code}\n{PEAK}", *args], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1]), int(done.stderr.split()[-1]) / 1024


def scaling(folder: Path, sizes: tuple[int, ...], rounds: int) -> str:
    """kzquiz loading, validating and generating every question of ``answer`` decks of each size, in a fresh
    process, against Anki importing the same notes: time per fact stays flat when time grows linearly."""
    from kzquiz.convert.anki import write_apkg

    lines = [
        "| facts | kzquiz: load + validate + every question | µs per fact | peak MiB "
        "| Anki imports the .apkg | µs per fact | peak MiB | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        print(f"scaling: {size:,} facts...", flush=True)
        deck = folder / f"scaling-{size}.toml"
        deck.write_text(answer_deck(size), encoding="utf-8")
        package = folder / f"scaling-{size}.apkg"
        write_apkg(kzquiz.load_deck(deck, max_bytes=1 << 40), package, NOW)
        ours, theirs = [], []
        for _ in range(rounds):
            ours.append(timed_process(KZQUIZ_SCALING, str(deck)))
            collection = Path(tempfile.mkdtemp(dir=folder)) / "collection.anki2"
            theirs.append(timed_process(ANKI_SCALING, str(package), str(collection)))
        seconds, mib = (statistics.median(column) for column in zip(*ours, strict=True))
        anki_seconds, anki_mib = (statistics.median(column) for column in zip(*theirs, strict=True))
        lines.append(
            f"| {size:,} | {seconds:.3g} s | {seconds / size * 1e6:.1f} | {mib:.0f} | {anki_seconds:.3g} s "
            f"| {anki_seconds / size * 1e6:.1f} | {anki_mib:.0f} | {seconds / anki_seconds:.2f} |"
        )
        deck.unlink()
        package.unlink()
    return "\n".join(lines)


# --- the table -----------------------------------------------------------------------------------------------


@attrs.define
class Row:
    """One measure: a kzquiz figure and a peer figure per round."""

    measure: str
    unit: str
    peer_name: str
    kzquiz: list[float] = attrs.Factory(list)
    peer: list[float] = attrs.Factory(list)

    def add(self, ours: float, theirs: float) -> None:
        self.kzquiz.append(ours)
        self.peer.append(theirs)

    def cells(self) -> list[str]:
        scale = {"s": 1.0, "ms": 1e3, "µs": 1e6, "MiB": 1.0}[self.unit]
        ratios = [a / b for a, b in zip(self.kzquiz, self.peer, strict=True) if b]
        ours = statistics.median(self.kzquiz) * scale
        theirs = statistics.median(self.peer) * scale
        ratio = statistics.median(ratios) if ratios else float("nan")
        return [
            self.measure,
            f"{ours:.3g} {self.unit}",
            f"{self.peer_name}: {theirs:.3g} {self.unit}",
            f"{ratio:.2f}",
        ]


def table(rows: list[Row]) -> str:
    header = ["measure", "kzquiz", "peer", "ratio"]
    body = [row.cells() for row in rows if row.kzquiz]
    lines = [f"| {' | '.join(header)} |", f"|{'|'.join('---' for _ in header)}|"]
    lines.extend(f"| {' | '.join(cells)} |" for cells in body)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the benchmark itself")
    parser.add_argument(
        "--only",
        type=lambda text: set(text.split(",")),
        default=None,
        metavar="ROWS",
        help=f"run only these rows, comma-separated, of: {', '.join(ROWS)} (default: all)",
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="instead of the table: answer decks of 1,000 to 1,000,000 facts (to 10,000 with --quick) loaded with "
        "every question against Anki importing them, each in a fresh process, with time per fact and peak memory",
    )
    args = parser.parse_args()
    if args.scaling:
        with tempfile.TemporaryDirectory(prefix="kzquiz-scaling-") as name:
            print(scaling(Path(name), SCALING[:2] if args.quick else SCALING, args.rounds))
        return
    only: set[str] = set(ROWS) if args.only is None else args.only
    unknown = only - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}; the rows are {', '.join(ROWS)}")
    small, large = (1_000, 5_000) if args.quick else (10_000, 100_000)
    big_log = 20_000 if args.quick else 100_000
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="kzquiz-peers-") as name:
        folder = Path(name)
        work = Work(folder, (small, large))
        print(f"building the work: decks of {small:,} and {large:,} facts, their .apkg, a {big_log:,}-review log")
        work.build(big_log)
        anki_first = folder / "first.anki2"
        from anki.collection import Collection

        col = Collection(str(anki_first))
        anki_import(col, work.packages[small])
        prepare_anki(col)
        col.close()
        home = folder / "home"
        home.mkdir()
        env = environment(home)
        process_seconds([*KZQUIZ, "--plain", "--limit", "10"], env, stdin="1\n" * 10)  # a store with reviews
        where = [sys.executable, "-c", "import kzquiz; print(kzquiz.default_store_path().parent)"]
        store_folder = subprocess.run(where, env=env, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603
        home_env = {**env, "KZQUIZ_HOME": store_folder}  # the same store, named by KZQUIZ_HOME

        rows = {
            "session": Row(
                f"{small:,} answer facts: load + validate + a session's first question", "s", "Anki imports the .apkg"
            ),
            "full": Row(f"{small:,} answer facts: load + validate + every question", "s", "Anki imports the .apkg"),
            "load": Row(f"{small:,} answer facts: load + validate", "s", "Anki imports the .apkg"),
            "big": Row(f"{large:,} answer facts: load + validate", "s", "Anki imports the .apkg"),
            "validate": Row(
                f"`kzquiz validate`, {small:,} mixed facts (process)", "s", "kzquiz load + generate (process)"
            ),
            "answer": Row("answer → schedule → durable commit, median", "ms", "Anki answer_card"),
            "rate": Row("self-rated (flashcard) → schedule → durable commit, median", "ms", "Anki answer_card"),
            "next": Row(f"next question among {small:,}", "ms", "Anki get_queued_cards"),
            "next_big": Row(f"next question among {large:,}", "ms", "Anki get_queued_cards"),
            "review": Row("scheduling alone, per review", "µs", "py-fsrs review_card"),
            "fit": Row(f"per-learner fit, {len(work.real_log):,} real reviews", "s", "fsrs-rs compute_parameters"),
            "fit_big": Row(f"per-learner fit, {big_log:,} synthetic reviews", "s", "fsrs-rs compute_parameters"),
            "stats": Row("`kzquiz stats --json` (process)", "ms", "python -c pass"),
            "stats_home": Row("`kzquiz stats --json`, KZQUIZ_HOME set (process)", "ms", "python -c pass"),
            "help": Row("`kzquiz --help` (process)", "ms", "python -c pass"),
            "first": Row("first question on screen (process)", "ms", "Anki: open, first card's question"),
            "memory": Row(f"peak memory, {large:,} mixed facts, every question", "MiB", "Anki imports as many notes"),
        }
        generate = f"import kzquiz; len(kzquiz.load_deck({str(work.mixed)!r}).questions)"
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_} of {args.rounds}...", flush=True)
            if "session" in only:
                ours = session_start_seconds(work.decks[small])
                rows["session"].add(ours, anki_import_seconds(folder, work.packages[small]))
            if "full" in only:
                rows["full"].add(
                    load_seconds(work.decks[small], True), anki_import_seconds(folder, work.packages[small])
                )
            if "load" in only:
                rows["load"].add(
                    load_seconds(work.decks[small], False), anki_import_seconds(folder, work.packages[small])
                )
            if "big" in only:
                rows["big"].add(
                    load_seconds(work.decks[large], False), anki_import_seconds(folder, work.packages[large])
                )
            if "validate" in only:
                rows["validate"].add(
                    process_seconds([*KZQUIZ, "validate", str(work.mixed)], env),
                    process_seconds([sys.executable, "-c", generate]),
                )
            if only & {"answer", "rate", "next"}:
                (ours_next, ours_answer), (their_next, their_answer), (_, ours_rated) = in_turn(
                    kzquiz_steps(folder, work.decks[small], ANSWERS),
                    anki_steps(folder, work.packages[small], ANSWERS),
                    kzquiz_steps(folder, work.decks[small], ANSWERS, self_rated=True),
                )
                rows["answer"].add(ours_answer, their_answer)
                rows["rate"].add(ours_rated, their_answer)
                rows["next"].add(ours_next, their_next)
            if "next_big" in only:
                (ours_next, _), (their_next, _) = in_turn(
                    kzquiz_steps(folder, work.decks[large], ANSWERS // 3),
                    anki_steps(folder, work.packages[large], ANSWERS // 3),
                )
                rows["next_big"].add(ours_next, their_next)
            if "review" in only:
                rows["review"].add(review_kzquiz(2_000), review_pyfsrs(2_000))
            if "fit" in only:
                rows["fit"].add(fit_kzquiz(work.real_log), fit_fsrs_rs(work.real_log))
            if "fit_big" in only:
                rows["fit_big"].add(fit_kzquiz(work.big_log), fit_fsrs_rs(work.big_log))
            if "stats" in only:
                rows["stats"].add(*start_up_seconds([*KZQUIZ, "stats", "--json"], env))
            if "stats_home" in only:
                rows["stats_home"].add(*start_up_seconds([*KZQUIZ, "stats", "--json"], home_env))
            if "help" in only:
                rows["help"].add(*start_up_seconds([*KZQUIZ, "--help"], env))
            if "first" in only:
                with tempfile.TemporaryDirectory(dir=folder) as newcomer:
                    ours = first_question_seconds(Path(newcomer))
                rows["first"].add(ours, process_seconds([sys.executable, "-c", ANKI_FIRST, str(anki_first)]))
            if round_ == 1 and "memory" in only:  # memory does not drift with the machine's load: once is enough
                mixed_big = folder / "mixed-big.toml"
                if not mixed_big.exists():
                    mixed_big.write_text(mixed_deck(large), encoding="utf-8")
                ours_mib = peak_mib(f"import kzquiz; d = kzquiz.load_deck({str(mixed_big)!r}); len(d.questions)")
                theirs_mib = peak_mib(
                    "from anki.collection import Collection, ImportAnkiPackageRequest, ImportAnkiPackageOptions\n"
                    f"col = Collection({str(folder / 'mem.anki2')!r})\n"
                    f"col.import_anki_package(ImportAnkiPackageRequest(package_path={str(work.packages[large])!r},"
                    " options=ImportAnkiPackageOptions()))\ncol.close()"
                )
                rows["memory"].add(ours_mib, theirs_mib)
        print()
        print(table(list(rows.values())))


if __name__ == "__main__":
    main()

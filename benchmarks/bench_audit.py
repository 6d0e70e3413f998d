"""Benchmark: ``kzquiz.audit`` of a 10,000-fact deck against a 1 MB source text.

Run on demand: ``python benchmarks/bench_audit.py [FACTS [SOURCE_MB]]``. Prints the median of several runs, in
wall-clock and CPU seconds, of: loading the deck (the peer, what every teacher already runs with ``kzquiz
validate``), the whole audit with loading (question generation, every quote found, coverage, leaks, dates,
options) as a ratio to the peer; finding the quotes as the audit does (an index of the source's word pairs)
against the plain way (``quote in source`` for each quote); and whole processes, ``kzquiz audit`` against
``kzquiz validate`` of the same deck (each process median of 5), the audit also held to one processor (it runs its
two halves side by side where it can use two). Goal: the audit of 10,000 facts against 1 MB in under 2 s, the
``kzquiz audit`` command included.

Every in-process run starts with kzquiz's caches empty, and processes run with their bytecode compiled, as a fresh
command of an installed kzquiz does.

The synthetic deck is built so that every check has work: answers are names that other facts' prompts and quotes
mention (leaks), a tenth of the quotes are misspelt (closest passage), every fact is time-bound, and sequences
have their own item quotes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import kzquiz
from kzquiz.sourcetext import SourceText, fold_quote

WORDS = [
    "the",
    "council",
    "army",
    "city",
    "river",
    "treaty",
    "border",
    "election",
    "reform",
    "protest",
    "market",
    "harbour",
    "bridge",
    "railway",
    "parliament",
    "minister",
    "governor",
    "museum",
    "festival",
    "census",
    "drought",
    "harvest",
    "winter",
    "summer",
    "archive",
]
NAMES = [f"Name{n:04d}" for n in range(2_000)]


def sentence(rng: random.Random, name: str) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    words.insert(rng.randint(2, len(words) - 2), name)
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def build(facts: int, source_mb: float, seed: int = 0) -> tuple[str, str]:
    """The source text and the deck text."""
    rng = random.Random(seed)
    sentences: list[str] = []
    size = 0
    while size < source_mb * 1_000_000:
        text = sentence(rng, rng.choice(NAMES))
        sentences.append(text)
        size += len(text) + 1
    paragraphs = ["\n".join(sentences[i : i + 6]) + "\n" for i in range(0, len(sentences), 6)]
    source = "\n".join(paragraphs)
    parts = ['[deck]\nid = "bench"\ntitle = "Bench"\nas_of = 2022-01-15\n']
    for i in range(facts):
        quote = sentences[rng.randrange(len(sentences))]
        if i % 10 == 0:
            quote = quote.replace("the", "teh", 1)  # not found: the audit looks for the closest sentence
        name = next((w for w in quote.split() if w.startswith("Name")), "Name0000")
        other = rng.choice(NAMES)
        head = f'\n[[facts]]\nid = "f{i}"\ngroup = "g{i // 10}"\nquote = "{quote}"\n'
        match i % 4:
            case 0:
                body = f'kind = "answer"\nquestion = "According to the text, who met {other}?"\nanswer = "{name}"\n'
            case 1:
                items = ", ".join(f'{{ text = "{rng.choice(NAMES)}{i}x{j}", quote = "{quote}" }}' for j in range(3))
                body = f'kind = "sequence"\nsubject = "the names of list {i}, oldest first"\nitems = [{items}]\n'
            case 2:
                body = (
                    f'kind = "choice"\nquestion = "Which place did {other} visit?"\nanswer = "{name}"\n'
                    f'wrong = ["{name}a", "{name}b"]\n'
                )
            case _:
                body = f'kind = "statement"\nstatement = "According to the text, {other} met {name}."\nanswer = true\n'
        parts.append(head + body)
    return source, "".join(parts)


def median_seconds(action: object, runs: int) -> float:
    return statistics.median(measure(action, runs)[0])


def clear_caches() -> None:
    """Empty kzquiz's function caches (folded words, answer keys...), so that each run starts as a new ``kzquiz``
    process does, instead of finding the words of the run before."""
    for name, module in list(sys.modules.items()):
        if name.startswith("kzquiz"):
            for value in vars(module).values():
                if not isinstance(value, type) and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def measure(action: object, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (CPU time is steadier on a machine shared with other work), each with
    kzquiz's caches empty."""
    walls, cpus = [], []
    for _ in range(runs):
        clear_caches()
        wall, cpu = time.perf_counter(), time.process_time()
        action()  # type: ignore[operator]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def process_seconds(argv: list[str], runs: int, *, one_processor: bool = False) -> tuple[float, float]:
    """The median wall-clock and CPU (user + system) seconds of a whole ``kzquiz`` process (start-up, reading the
    files, printing, and any child process it starts); CPU time is steadier on a machine shared with other work.
    ``one_processor`` lets the process use only the first processor it may use (Linux), as on a one-processor
    machine.

    Timed as an installed kzquiz runs, with its modules' bytecode compiled (pip compiles it when it installs): a
    first run that is not timed writes it, even where PYTHONDONTWRITEBYTECODE is set.
    """
    command = [sys.executable, "-m", "kzquiz", *argv]
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False, env=env)  # noqa: S603 - this Python, this kzquiz
    first = min(os.sched_getaffinity(0)) if one_processor else None
    pinned = (lambda: os.sched_setaffinity(0, {first})) if first is not None else None
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False, env=env, preexec_fn=pinned)  # noqa: S603
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def row(label: str, seconds: tuple[list[float], list[float]], peer: tuple[list[float], list[float]] | None) -> None:
    wall, cpu = statistics.median(seconds[0]), statistics.median(seconds[1])
    text = f"{label:38s} {wall:7.3f} s wall {cpu:7.3f} s CPU"
    if peer is not None:
        text += f"   {cpu / statistics.median(peer[1]):5.2f}x the peer's CPU"
    print(text)


def main(argv: list[str]) -> None:
    facts = int(argv[0]) if argv else 10_000
    source_mb = float(argv[1]) if len(argv) > 1 else 1.0
    source, deck_text = build(facts, source_mb)
    runs = 3
    print(f"deck: {facts:,} facts; source: {len(source.encode()) / 1e6:.2f} MB; median of {runs} runs")

    peer = measure(lambda: kzquiz.loads_deck(deck_text, "bench.toml"), runs)
    row("peer: load and validate the deck", peer, None)
    row(
        "load + generate every question",
        measure(lambda: kzquiz.loads_deck(deck_text, "bench.toml").questions, runs),
        peer,
    )

    report: list[kzquiz.AuditReport] = []

    def run_audit() -> None:
        deck = kzquiz.loads_deck(deck_text, "bench.toml")  # a fresh deck: question generation is part of it
        report.append(kzquiz.audit(deck, source, today=dt.date(2026, 12, 1)))

    total = measure(run_audit, runs)
    row("load + audit (kzquiz.audit)", total, peer)
    findings = report[-1]
    print(
        f"  {len(findings.findings):,} findings ({findings.errors:,} errors), coverage {findings.coverage.percent:.0f}%"
        f" of {findings.coverage.sentences:,} sentences"
    )

    deck = kzquiz.loads_deck(deck_text, "bench.toml")
    quotes = [fact.quote for fact in deck.facts]
    text = SourceText(source)
    indexed = median_seconds(lambda: [text.find(q) for q in quotes], runs)
    folded = fold_quote(source)
    plain = median_seconds(lambda: [fold_quote(q) in folded for q in quotes], runs)
    print(
        f"find {len(quotes):,} quotes: indexed {indexed:.3f} s, plain `in` {plain:.3f} s, ratio {plain / indexed:.1f}x"
    )

    with tempfile.TemporaryDirectory() as folder:
        deck_file, source_file = Path(folder) / "bench.toml", Path(folder) / "source.txt"
        deck_file.write_text(deck_text, encoding="utf-8")
        source_file.write_text(source, encoding="utf-8")
        audit_argv = ["audit", str(deck_file), "--source", str(source_file)]
        validate = process_seconds(["validate", str(deck_file)], 5)
        command = process_seconds(audit_argv, 5)
        alone = process_seconds(audit_argv, 5, one_processor=True)
        print(f"process: kzquiz validate (peer) {validate[0]:.3f} s wall {validate[1]:.3f} s CPU")
        for label, (seconds, cpu) in [("kzquiz audit", command), ("kzquiz audit, one processor", alone)]:
            print(
                f"process: {label} {seconds:.3f} s wall ({seconds / validate[0]:.2f}x the peer's)"
                f" {cpu:.3f} s CPU ({cpu / validate[1]:.2f}x the peer's)"
            )
        print(
            f"goal: the command under 2 s: {'under' if command[0] < 2 else 'OVER'} ({command[0]:.2f} s wall, with"
            f" {len(os.sched_getaffinity(0))} processors; the machine's load average was {os.getloadavg()[0]:.2f})"
        )

    wall, cpu = statistics.median(total[0]), statistics.median(total[1])
    verdict = "under" if cpu < 2 else "OVER"
    print(
        f"goal: kzquiz.audit of {facts:,} facts against {source_mb:g} MB in one process under 2 s: {verdict} "
        f"({cpu:.2f} s CPU, {wall:.2f} s wall, with loading)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Benchmark: load, validate and generate the questions of synthetic decks of 1,000 to 100,000 facts.

Run on demand: ``python benchmarks/bench_load.py [SIZE ...]``. Prints the median of several runs for each size:
reading and validating the file (``load_deck``), generating every question (``Deck.questions``), and the time per
fact, which stays flat when time grows linearly with size. Goal: 10,000 facts in under 0.5 s. A study session
generates questions only for the facts it asks, so it pays the load column and not the generate one.
"""

from __future__ import annotations

import statistics
import sys
import time

import kzquiz

KINDS = 7


def synthetic_deck(facts: int) -> str:
    """A deck of ``facts`` facts cycling through every kind, in groups of ten that lend distractors."""
    parts = ['[deck]\nid = "synthetic"\ntitle = "Synthetic"\n']
    for i in range(facts):
        head = f'\n[[facts]]\nid = "f{i}"\ngroup = "g{i // 10}"\nquote = "Quote {i}."\n'
        match i % KINDS:
            case 0:
                body = f'kind = "answer"\nquestion = "Question {i}?"\nanswer = "Answer {i}"\naliases = ["Alias {i}"]\n'
            case 1:
                items = ", ".join(f'"Item {i}-{j}"' for j in range(5))
                body = f'kind = "sequence"\nsubject = "the items of {i}"\nlast = 3\nitems = [{items}]\n'
            case 2:
                members = ", ".join(f'"Member {i}-{j}"' for j in range(6))
                body = f'kind = "set"\nsubject = "set {i}"\nmembers = [{members}]\n'
                body += f'non_members = ["Other {i}", "Else {i}"]\n'
            case 3:
                body = f'kind = "number"\nquestion = "How many {i}?"\nmin = {i}\nmax = {i + 100}\n'
            case 4:
                body = f'kind = "statement"\nstatement = "Statement {i}."\nanswer = false\ncorrection = "Not {i}."\n'
            case 5:
                body = f'kind = "cloze"\ntext = "Sentence {{{{blank {i}}}}} here."\ndistractors = ["x{i}", "y{i}"]\n'
            case _:
                body = f'kind = "choice"\nquestion = "Choose {i}?"\nanswer = "Right {i}"\nwrong = ["W{i}", "V{i}"]\n'
        parts.append(head + body)
    return "".join(parts)


def answer_deck(facts: int, group: str) -> str:
    """A deck of ``facts`` answer facts, all in ``group`` (or in none when it is empty), each with its choice form."""
    parts = ['[deck]\nid = "answers"\ntitle = "Answers"\n']
    grouped = f'group = "{group}"\n' if group else ""
    for i in range(facts):
        parts.append(
            f'\n[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "Question {i}?"\nanswer = "Answer {i}"\n'
            f'distractors = ["Wrong {i}", "Other {i}"]\n{grouped}'
        )
    return "".join(parts)


def measure(text: str, runs: int) -> tuple[float, float, int]:
    """Median seconds to load and validate, and to generate every question; and the number of questions."""
    load, generate = [], []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        deck = kzquiz.loads_deck(text, "synthetic.toml")
        loaded = time.perf_counter()
        count = len(deck.questions)
        load.append(loaded - start)
        generate.append(time.perf_counter() - loaded)
    return statistics.median(load), statistics.median(generate), count


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000]
    print(f"{'facts':>8} {'questions':>10} {'load s':>7} {'generate s':>10} {'total s':>8} {'µs/fact':>8}")
    for size in sizes:
        text = synthetic_deck(size)
        load, generate, questions = measure(text, runs=5 if size <= 10_000 else 3)
        total = load + generate
        print(f"{size:>8,} {questions:>10,} {load:>7.3f} {generate:>10.3f} {total:>8.3f} {total / size * 1e6:>8.1f}")
    # One big group against no group, side by side: a group lends each fact distractors and known wrong answers,
    # which must cost the same per fact however large the group is (linear, not quadratic).
    largest = max(sizes)
    print(f"\n{largest:,} answer facts, loading and generating every question:")
    print(f"{'deck':>14} {'questions':>10} {'load s':>7} {'generate s':>10} {'total s':>8} {'ratio':>6}")
    peer = 0.0
    for label, group in (("no group", ""), ("one group", "all")):
        load, generate, questions = measure(answer_deck(largest, group), runs=3)
        total = load + generate
        peer = peer or total
        print(f"{label:>14} {questions:>10,} {load:>7.3f} {generate:>10.3f} {total:>8.3f} {total / peer:>6.2f}")


if __name__ == "__main__":
    main()

"""How long the teachers' conversions take on large files: GIFT and CSV import, fmt, and the exports.

Run on demand: ``.venv/bin/python benchmarks/bench_convert.py [N]`` (N questions, default 2,000).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import kzquiz
from kzquiz.convert.anki import write_apkg
from kzquiz.convert.fmt import format_deck
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.convert.tabular import read_table, write_table
from kzquiz.convert.tomlwriter import deck_to_toml

TEMPLATES = (
    "::q{i}::Who is buried in tomb {i}?{{~Grant ~Jefferson =no one #Right!}}",
    "Tomb {i} holds Grant.{{FALSE#No one is buried in tomb {i}.}}",
    "Who's buried in tomb number {i}?{{=no one =nobody =%50%Grant}}",
    "When was person {i} born?{{#1822:5}}",
    "Person {i} is {{~buried =entombed ~living}} in the tomb.",
    "::m{i}::Match set {i}.{{=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo}}",
)


def timed(label: str, action: Callable[[], object], count: int, unit: str) -> object:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds * 1000:9.1f} ms  {count / seconds:10.0f} {unit}/s")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    gift = "\n\n".join(TEMPLATES[i % len(TEMPLATES)].format(i=i) for i in range(n))
    print(f"{n} GIFT questions, {len(gift) / 1e6:.2f} MB")
    result = timed("GIFT import (parse, check facts)", lambda: read_gift(gift, "big.gift", "b", "B"), n, "questions")
    assert isinstance(result, kzquiz.convert.ImportResult)
    deck = result.deck
    facts = len(deck.facts)
    print(f"  -> {facts} facts, {len(result.skipped)} skipped")
    text = str(timed("deck TOML writing", lambda: deck_to_toml(deck), facts, "facts"))
    timed("fmt (tomlkit)", lambda: format_deck(text), facts, "facts")
    loaded = timed("deck loading", lambda: kzquiz.loads_deck(text), facts, "facts")
    assert isinstance(loaded, kzquiz.Deck)
    timed("GIFT export", lambda: write_gift(loaded), facts, "facts")
    csv_text = str(timed("CSV export", lambda: write_table(loaded), facts, "facts"))
    timed("CSV import", lambda: read_table(csv_text, "big.csv", "big", "Big"), facts, "rows")
    with tempfile.TemporaryDirectory() as folder:
        now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        timed("Anki .apkg export", lambda: write_apkg(loaded, Path(folder) / "big.apkg", now), facts, "notes")


if __name__ == "__main__":
    main()

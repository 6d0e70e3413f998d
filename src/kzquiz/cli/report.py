"""``kzquiz report``: what each learner and the class get wrong, per fact, from progress stores and exam results.

The handler reads stores (through their own counting queries) and result files, and hands them to the pure
functions of :mod:`kzquiz.reporting`, which count and word the report.
"""

from __future__ import annotations

import argparse
import os
import stat

from kzquiz.cli.console import Console
from kzquiz.cli.teach import EXIT_OK, _doc, _read_text, _write

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def report_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz report``'s arguments."""
    p.description = _doc(report)
    p.add_argument(
        "sources",
        nargs="+",
        metavar="STORE_OR_RESULTS",
        help="progress stores, exam result files, and deck files (.toml) to name the options picked",
    )
    p.add_argument("-o", "--output", metavar="FILE.csv", help="write the per-fact table as CSV")
    p.add_argument("--deck", help="only this deck id")
    p.add_argument("--json", action="store_true", help="print the report as JSON, for programs")
    p.set_defaults(handler=report)


def report(args: argparse.Namespace, console: Console) -> int:
    """Turn learners' progress stores (files, or postgresql:// URLs) and exam result files (--report results.json
    or .csv) into a table per learner and per fact, hardest first, so a teacher sees what the class gets wrong:
    answers right, partly right (worth part of the marks) and wrong, and the commonest wrong answers. Deck files
    (.toml) named among them turn multiple-choice answers given by number into the options' text. With -o
    FILE.csv, the table per learner and fact is also written as CSV; with --json, the report is printed as JSON.
    """
    from pathlib import Path

    from kzquiz.deciding import render_appeals
    from kzquiz.deckfile import load_deck
    from kzquiz.errors import ConversionError
    from kzquiz.reporting import cells_csv, class_tallies, counts_of, name_choices, render_tallies, report_document
    from kzquiz.stores import is_url

    facts, wrong = [], []
    decks = []
    for name in args.sources:
        if Path(name).suffix.lower() == ".toml" and not is_url(name):
            decks.append(load_deck(name))
            continue
        if is_url(name) or _is_sqlite(Path(name)):  # a store counts its own log: fast on a big class
            found, answers = store_counts(name, by_learner=bool(args.output))
        else:
            found, answers = counts_of(read_attempts(Path(name)))
        facts.extend(found)
        wrong.extend(answers)
    wrong = name_choices(wrong, decks)
    if args.deck:
        facts = [f for f in facts if f.deck_id == args.deck]
        wrong = [w for w in wrong if w.deck_id == args.deck]
    if not facts:
        from kzquiz.stores.postgres import redact

        sources = ", ".join(redact(name) if is_url(name) else name for name in args.sources)
        raise ConversionError(f"no answers found in {sources}" + (f" for the deck {args.deck}" if args.deck else ""))
    tallies = class_tallies(facts, wrong)
    if args.output:
        _write(Path(args.output), cells_csv(tallies[1]))
    if args.json:
        _report_json(args, console, report_document(tallies))
        return EXIT_OK
    console.write(render_tallies(tallies))
    lines = render_appeals(_appeal_groups(args))
    if lines:
        console.write("\n" + "\n".join(lines))
    if args.output:
        console.write(f"Wrote {args.output}.")
    return EXIT_OK


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _appeal_groups(args: argparse.Namespace) -> list[Any]:
    """The appeals the stores among the sources hold, grouped by fact and answer, most learners first."""
    from pathlib import Path

    from kzquiz.deciding import group_appeals
    from kzquiz.stores import is_url, open_store

    appeals = []
    for name in args.sources:
        if is_url(name) or _is_sqlite(Path(name)):
            with open_store(name, read_only=True) as store:
                appeals.extend(store.appeals(None, [args.deck] if args.deck else None))
    return group_appeals(appeals)


def _report_json(args: argparse.Namespace, console: Console, document: dict[str, Any]) -> None:
    """The report as one JSON document, the appeals (one entry per fact and answer) after the facts."""
    import json

    from kzquiz.appeals import AppealStatus
    from kzquiz.text import safe_data

    document["appeals"] = [
        {
            "deck": group.deck_id,
            "fact": group.fact_id,
            "answer": group.answer,
            "learners": group.learners,
            **{status.value: group.count(status) for status in AppealStatus},
        }
        for group in _appeal_groups(args)
        if group.learners
    ]
    console.raw(json.dumps(safe_data(document), ensure_ascii=False, indent=2) + "\n")


def _is_sqlite(path: Path) -> bool:
    if not path.is_file():  # read_attempts has already said what is wrong with anything else
        return False
    with path.open("rb") as file:
        return file.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def store_counts(location: str | Path, *, by_learner: bool) -> tuple[list[Any], list[Any]]:
    """A progress store's answers counted by the store (an SQLite file, or a PostgreSQL database's URL): per learner
    and fact, and each wrong answer (per learner, or over the class when ``by_learner`` is false)."""
    from kzquiz.stores import open_store

    with open_store(location, read_only=True) as store:
        return store.fact_counts(), store.wrong_answers(by_learner)


def store_attempts(location: str | Path) -> list[Any]:
    """Every answer in the review log of a progress store: an SQLite file, or a PostgreSQL database's URL."""
    from kzquiz.reporting import Attempt
    from kzquiz.stores import open_store

    with open_store(location, read_only=True) as store:
        return [Attempt.of(r.learner, r) for learner in store.learners() for r in store.reviews(learner)]


def read_attempts(path: Path) -> list[Any]:
    """Every answer recorded in a progress store (an SQLite file) or an exam result file (.json or .csv)."""
    from kzquiz.errors import ConversionError
    from kzquiz.reporting import Attempt, fact_of

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ConversionError(f"{path}: cannot read the file: not a regular file")
            head = os.read(fd, len(_SQLITE_MAGIC))
        finally:
            os.close(fd)
    except OSError as error:
        raise ConversionError(f"{path}: cannot read the file: {error.strerror or error}") from None
    if head == _SQLITE_MAGIC:
        return store_attempts(path)
    if path.suffix.lower() not in (".json", ".csv"):  # a damaged store is not "not UTF-8 text"
        raise ConversionError(f"{path}: not a kzquiz store (SQLite) or an exam result file (.json or .csv)")
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        return _json_attempts(path, text)
    import csv  # a .csv file
    import io

    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    needed = {"learner", "deck", "question_id", "correct", "answer"}
    if not rows or not needed <= set(rows[0]):
        raise ConversionError(f"{path}: not an exam result file (it needs the columns {', '.join(sorted(needed))})")
    out = []
    for row in rows:
        correct = row["correct"].strip().lower() in ("true", "1", "yes")
        partial = not correct and _scored(row.get("score"))
        qid, answer = row["question_id"], _uncell(row["answer"] or "")
        out.append(Attempt(row["learner"], row["deck"], fact_of(qid), qid, correct, answer, partial=partial))
    return out


def _scored(score: object) -> bool:
    """Whether an exam result's score (a number, or its text in a CSV file) gave part of the marks: above 0."""
    if isinstance(score, str):
        try:
            score = float(score.strip())
        except ValueError:
            return False
    return isinstance(score, int | float) and not isinstance(score, bool) and 0 < score <= 1


def _uncell(value: str) -> str:
    """An answer as the learner typed it: exam CSV files quote answers that look like formulas with a '."""
    from kzquiz.text import FORMULA_STARTS

    return value[1:] if value[:1] == "'" and value[1:].startswith(FORMULA_STARTS) else value


def _json_attempts(path: Path, text: str) -> list[Any]:
    import json

    from kzquiz.errors import ConversionError
    from kzquiz.reporting import Attempt, fact_of

    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConversionError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise ConversionError(f"{path}: not an exam result file: arrays or objects nested too deeply") from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise ConversionError(f"{path}: not an exam result file: a number with more than 4,300 digits") from None
    deck = document.get("deck") if isinstance(document, dict) else None
    answers = document.get("answers") if isinstance(document, dict) else None
    if not isinstance(deck, dict) or not isinstance(answers, list):
        raise ConversionError(f"{path}: not an exam result file (it needs a deck and a list of answers)")
    out = []
    for number, row in enumerate(answers, 1):
        if not isinstance(row, dict) or not isinstance(row.get("question_id"), str):
            raise ConversionError(f"{path}: answer {number} has no question_id")
        question_id = row["question_id"]
        learner = str(row.get("learner") or document.get("learner") or "")
        deck_id = str(row.get("deck") or deck.get("id") or "")
        correct = row.get("correct") is True
        partial = not correct and _scored(row.get("score"))
        out.append(
            Attempt(
                learner,
                deck_id,
                fact_of(question_id),
                question_id,
                correct,
                str(row.get("answer") or ""),
                partial=partial,
            )
        )
    return out

"""``kzquiz stats``, ``kzquiz learners`` and ``kzquiz decks``: what a learner has done, and what there is to study."""

from __future__ import annotations

import json

from kzquiz.cli.clock import utc_now
from kzquiz.text import counted, safe_data, safe_text

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from kzquiz.cli.console import Console
    from kzquiz.figures import Figures

FORECAST_DAYS = 14
EXIT_OK = 0


def stats_document(stats: Figures, learner: str) -> dict[str, Any]:
    """``kzquiz stats --json``: the same figures as the text, with the total number of reviews under ``reviews``."""
    return {
        "learner": learner,
        "reviews": stats.reviews,
        "retention": stats.retention,
        "streak": stats.streak,
        "by_state": {state.value: count for state, count in stats.by_state.items()},
        "forecast": list(stats.forecast),
        "weakest": [
            {
                "fact": weak.fact_id,
                "deck": weak.deck_id,
                "recent_wrong": weak.recent_wrong,
                "recent_answers": weak.recent_answers,
                "lapses": weak.lapses,
                "retrievability": weak.retrievability,
                "last_reviewed": weak.last_reviewed.isoformat() if weak.last_reviewed else None,
            }
            for weak in stats.weakest
        ],
    }


def _dump(console: Console, document: object) -> None:
    console.raw(json.dumps(safe_data(document), ensure_ascii=True, indent=2) + "\n")


def show_stats(args: argparse.Namespace, console: Console) -> int:
    """Print a learner's statistics as text with a forecast chart, or as JSON."""
    # The store counts and the plain figures: neither attrs nor the scheduler's records are loaded (start-up time).
    from kzquiz.figures import figures as work_out
    from kzquiz.stores import read_study_counts

    counts = read_study_counts(args.db, args.learner)
    now = utc_now()
    figures = work_out(counts, now, days=FORECAST_DAYS)
    if args.json:
        _dump(console, stats_document(figures, args.learner))
    else:
        from kzquiz.cli import render  # the text view's chart and wrapping: --json does without them

        console.raw("\n".join(render.stats_lines(console, figures, args.learner, now)) + "\n")
    return EXIT_OK


def show_learners(args: argparse.Namespace, console: Console) -> int:
    """Print the learners in the store, one per line (or as a JSON list)."""
    from kzquiz.stores import open_store

    store = open_store(args.db, read_only=True)
    try:
        names = store.learners()
    finally:
        store.close()
    if args.json:
        _dump(console, [safe_text(name) for name in names])
    elif not names:
        console.write("No learners yet: run kzquiz to start studying.")
    else:
        for name in names:
            console.write(name)
    return EXIT_OK


def show_decks(args: argparse.Namespace, console: Console) -> int:
    """Print the bundled decks: name, title, and how many facts and questions each has."""
    from kzquiz.bundled import bundled_decks
    from kzquiz.deckfile import load_deck

    rows: list[dict[str, Any]] = []
    for name, path in bundled_decks().items():
        deck = load_deck(path)
        rows.append(
            {
                "name": name,
                "id": deck.id,
                "title": deck.title,
                "facts": len(deck.facts),
                "questions": len(deck.questions),
            }
        )
    if args.json:
        _dump(console, rows)
        return EXIT_OK
    from kzquiz.cli import render

    if not rows:
        console.write("No bundled decks.")
    for row in rows:
        console.write(str(row["name"]), "bold")
        about = f"{row['title']}: {counted(row['facts'], 'fact')}, {counted(row['questions'], 'question')}"
        console.raw("\n".join(render.wrap(about, console.width, "  ")) + "\n")
    return EXIT_OK

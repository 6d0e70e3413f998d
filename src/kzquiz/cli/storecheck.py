"""``kzquiz store check`` and ``kzquiz store repair``: look after the store file, as Anki's "Check Database"."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from kzquiz.text import counted

if TYPE_CHECKING:
    from kzquiz.cli.console import Console

EXIT_OK = 0
EXIT_PROBLEM = 1


def _path(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from kzquiz.stores import default_store_path

    return default_store_path() if args.db is None else Path(args.db)


def _count(counts: Any, table: str) -> int:
    return int(counts.get(table, 0))


def check_command(args: argparse.Namespace, console: Console) -> int:
    """``kzquiz store check``: one line if the store is sound, else one line per problem and a hint; status 1."""
    from kzquiz.stores.check import check_store

    path = _path(args)
    found = check_store(path)
    if args.json:
        document = {"store": str(path), "ok": found.ok, "problems": list(found.problems), "rows": dict(found.counts)}
        console.raw(json.dumps(document, ensure_ascii=True, indent=2) + "\n")
        return EXIT_OK if found.ok else EXIT_PROBLEM
    if found.ok:
        counts = found.counts
        console.write(
            f"{path}: ok: {counted(_count(counts, 'learners'), 'learner')}, "
            f"{counted(_count(counts, 'reviews'), 'review')}, {counted(_count(counts, 'memory'), 'memory', 'memories')}"
        )
        return EXIT_OK
    for problem in found.problems:
        console.write(problem)
    many = len(found.problems)
    console.error(
        f"{path}: {many} problem{'s' if many != 1 else ''} found; nothing was changed. "
        f"kzquiz store repair --db {path} rebuilds the store from its review log and keeps the damaged file"
    )
    return EXIT_PROBLEM


def repair_command(args: argparse.Namespace, console: Console) -> int:
    """``kzquiz store repair``: rebuild a damaged store; a sound one is left alone."""
    from kzquiz.cli.stopping import utc_now
    from kzquiz.stores.check import check_store
    from kzquiz.stores.repair import repair_store

    path = _path(args)
    if check_store(path).ok:
        if args.json:
            console.raw(json.dumps({"store": str(path), "repaired": False, "ok": True}) + "\n")
        else:
            console.write(f"{path}: ok: nothing to repair")
        return EXIT_OK
    done = repair_store(path, utc_now())
    if args.json:
        document = {
            "store": str(done.path),
            "repaired": True,
            "kept": str(done.kept),
            "rows": done.copied,
            "memories": done.memories,
            "lost": list(done.lost),
        }
        console.raw(json.dumps(document, ensure_ascii=True, indent=2) + "\n")
        return EXIT_OK
    reviews = done.copied.get("reviews", 0)
    console.write(
        f"{done.path}: repaired: {counted(done.copied.get('learners', 0), 'learner')} and "
        f"{counted(reviews, 'review')} recovered, "
        f"{counted(done.memories, 'memory', 'memories')} rebuilt from the review log"
    )
    console.write(f"The damaged file was kept as {done.kept}")
    if done.lost:
        console.write(f"Could not be recovered ({len(done.lost)}):")
        for line in done.lost:
            console.write(f"  {line}")
    else:
        console.write("Nothing was lost.")
    return EXIT_OK

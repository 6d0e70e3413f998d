"""``kzquiz store``: commands on a progress store as a whole (``store copy`` moves a class in and out; ``store check``
and ``store repair`` look after a store file)."""

from __future__ import annotations

import argparse

from kzquiz.cli.argparsing import Parser
from kzquiz.cli.console import Console

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from typing import Any

EXIT_OK = 0


def store_arguments(store: argparse.ArgumentParser) -> None:
    """``kzquiz store``'s subcommands and their arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    store.description = "Commands on a progress store as a whole."
    commands = store.add_subparsers(dest="store_command", metavar="COMMAND", required=True)

    p = commands.add_parser("copy", help="copy one store into another, without doubles", description=_doc(copy))
    p.add_argument("source", metavar="SOURCE", help="the store to copy from: a file or a postgresql:// URL")
    p.add_argument("target", metavar="TARGET", help="the store to copy into (made if needed): a file or a URL")
    p.add_argument("--json", action="store_true", help="print what was copied as one JSON object")
    p.set_defaults(handler=copy)

    where = Parser(add_help=False)
    where.add_argument(
        "--db",
        metavar="PATH",
        help="the progress store file (default: $KZQUIZ_HOME/kzquiz.sqlite3, or the user data folder)",
    )
    where.add_argument("--json", action="store_true", help="as one JSON object")
    check = commands.add_parser(
        "check",
        parents=[where],
        help="look for damage in a store file without changing anything",
        description=(
            "Check the store: SQLite's integrity check, the tables, and every value kzquiz reads. Never writes; "
            "exit status 1 if anything is wrong."
        ),
    )
    check.set_defaults(handler=_check)
    repair = commands.add_parser(
        "repair",
        parents=[where],
        help="rebuild a damaged store file from its review log, keeping the damaged file",
        description=(
            "Rebuild a damaged store: copy everything still readable into a new file, rebuild every memory from "
            "the review log, keep the damaged file beside it, and list what could not be recovered."
        ),
    )
    repair.set_defaults(handler=_repair)


def _check(args: argparse.Namespace, console: Console) -> int:
    from kzquiz.cli.storecheck import check_command

    return check_command(args, console)


def _repair(args: argparse.Namespace, console: Console) -> int:
    from kzquiz.cli.storecheck import repair_command

    return repair_command(args, console)


def _doc(handler: Any) -> str:
    return str(handler.__doc__).strip()


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def _name(location: str) -> str:
    from kzquiz.stores import is_url
    from kzquiz.stores.postgres import redact

    return redact(location) if is_url(location) else location


def copy(args: argparse.Namespace, console: Console) -> int:
    """Copy learners, their settings, the decks seen, memories, appeals and the whole review log from SOURCE into
    TARGET: SQLite into PostgreSQL to move a class in, PostgreSQL into SQLite to take it out, or several files into
    one. A review TARGET already holds (by its uid) is never added twice, so copying again adds nothing and two
    copies of one store merge cleanly; a memory is taken from SOURCE when it was reviewed later. SOURCE is only
    read.
    """
    import json

    from kzquiz.errors import StoreError
    from kzquiz.stores import open_store, store_location
    from kzquiz.stores.copy import copy_store

    if store_location(args.source) == store_location(args.target):
        raise StoreError(f"{_name(args.source)}: the source and the target are the same store")
    with open_store(args.source, read_only=True) as source, open_store(args.target) as target:
        result = copy_store(source, target)
    if args.json:
        import attrs

        console.raw(json.dumps(attrs.asdict(result)) + "\n")
        return EXIT_OK
    console.write(
        f"Copied {_name(args.source)} into {_name(args.target)}: {_count(result.learners, 'learner')}, "
        f"{_count(result.reviews_added, 'review')} added ({result.reviews_present} already there), "
        f"{_count(result.memories, 'memory', 'memories')}, {_count(result.decks, 'deck')}, "
        f"{_count(result.appeals, 'appeal')}."
    )
    return EXIT_OK

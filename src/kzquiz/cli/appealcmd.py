"""The teacher's answer to appeals: ``kzquiz accept`` and ``kzquiz reject``.

Each reads the deck file and the store, lets the teacher choose which appealed answers to decide on (ticked in a
terminal, or named with ``--answer FACT=TEXT`` or ``--all``), and calls :mod:`kzquiz.deciding`. ``accept`` first
writes the answers into the deck file as aliases (:func:`kzquiz.convert.aliases.add_aliases`), then saves the
decisions, so that running it again after a failure finishes the work instead of doing it twice.
"""

from __future__ import annotations

import argparse
import sys

from kzquiz.cli.paths import shown_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from kzquiz.appeals import AppealStatus
    from kzquiz.cli.console import Console
    from kzquiz.deciding import AppealGroup
    from kzquiz.model import Deck
    from kzquiz.stores.base import Store

EXIT_OK = 0


def accept_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz accept``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    _arguments(p, accept_command)


def reject_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz reject``'s arguments."""
    _arguments(p, reject_command)


def _arguments(p: argparse.ArgumentParser, handler: Callable[[argparse.Namespace, Console], int]) -> None:
    p.description = str(handler.__doc__).strip()
    p.add_argument("deck", metavar="DECK.toml", help="the deck file the appeals are about")
    p.add_argument(
        "--from",
        dest="source",
        metavar="STORE",
        help="the progress store: a file or a postgresql:// URL (default: $KZQUIZ_HOME/kzquiz.sqlite3)",
    )
    p.add_argument(
        "--answer",
        action="append",
        metavar="FACT=TEXT",
        help="the appealed answer TEXT to the fact FACT, as kzquiz report lists it (repeat for more)",
    )
    p.add_argument("--all", action="store_true", help="every appealed answer still to decide")
    p.set_defaults(handler=handler)


def accept_command(args: argparse.Namespace, console: Console) -> int:
    """Accept appealed answers: each is added to the deck file as an alias of the answer it stands for (comments and
    layout kept), its appeals are accepted, and every learner's earlier reviews of that fact which the answer now
    makes right count as right, their memories replayed. A list or number answer, which has no place for an alias,
    is only counted right. Without --answer or --all, a terminal lets you tick the answers.
    """
    return _decide(args, console, accepting=True)


def reject_command(args: argparse.Namespace, console: Console) -> int:
    """Reject appealed answers: their appeals are rejected, the answers count as they were graded, and the learners'
    memories go back. The deck file is not changed. Without --answer or --all, a terminal lets you tick them.
    """
    return _decide(args, console, accepting=False)


def _decide(args: argparse.Namespace, console: Console, *, accepting: bool) -> int:
    from pathlib import Path

    from kzquiz.appeals import AppealStatus
    from kzquiz.cli.teach import _read_text
    from kzquiz.deciding import group_appeals
    from kzquiz.deckfile import loads_deck
    from kzquiz.stores import open_store

    path = Path(args.deck)
    text = _read_text(path)
    deck = loads_deck(text, str(path))
    statuses: tuple[AppealStatus, ...] = (
        (AppealStatus.PENDING,) if accepting else (AppealStatus.PENDING, AppealStatus.ACCEPTED)
    )
    with open_store(args.source) as store:
        groups = [g for g in group_appeals(store.appeals(None, [deck.id]), statuses) if g.learners]
        verb = "accept" if accepting else "reject"
        if not groups:
            console.write(f"No appeals to {verb} for the deck {deck.id}.")
            return EXIT_OK
        chosen = _choose(args, console, groups, verb)
        if not chosen:
            console.write("Nothing chosen; nothing changed.")
            return EXIT_OK
        if accepting:
            _accept(args, console, store, chosen, deck, path, text)
        else:
            _reject(console, store, chosen)
    return EXIT_OK


def _choose(args: argparse.Namespace, console: Console, groups: list[AppealGroup], verb: str) -> list[AppealGroup]:
    from kzquiz.deciding import matching
    from kzquiz.errors import KzquizError

    if args.all:
        return groups
    if args.answer:
        chosen: list[AppealGroup] = []
        for label in args.answer:
            if "=" not in label:
                raise KzquizError(f"--answer {label}: write it as FACT=TEXT, e.g. capital=Nur-Sultan")
            found = matching(groups, label)
            if not found:
                known = ", ".join(g.label for g in groups)
                raise KzquizError(f"--answer {label}: no appeal to {verb} with that answer (there are: {known})")
            chosen.extend(g for g in found if g not in chosen)
        return chosen
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise KzquizError(f"say which answers to {verb}: --answer FACT=TEXT (repeatable) or --all")
    import questionary

    from kzquiz.text import safe_text

    choices = [
        questionary.Choice(safe_text(f"{g.fact_id}: {g.answer}  ({g.learners} learner{'s' * (g.learners != 1)})"), g)
        for g in groups
    ]
    picked: list[AppealGroup] = questionary.checkbox(
        f"Answers to {verb}", choices, instruction="(space ticks, Enter when done)", qmark="?"
    ).unsafe_ask()
    return picked


def _accept(
    args: argparse.Namespace,
    console: Console,
    store: Store,
    chosen: list[AppealGroup],
    deck: Deck,
    path: Path,
    text: str,
) -> None:
    import datetime as dt

    from kzquiz.cli.teach import _write
    from kzquiz.convert.aliases import add_aliases
    from kzquiz.deciding import AliasTarget, accept, alias_target
    from kzquiz.deckfile import loads_deck
    from kzquiz.errors import ConversionError, DeckError

    additions: list[tuple[AliasTarget, str]] = []
    for group in chosen:
        places = {alias_target(deck, a.question_id) for a in group.appeals}
        for place in sorted(places, key=str):
            if isinstance(place, AliasTarget):
                additions.append((place, group.answer))
            else:
                console.write(
                    f"{group.fact_id}: {group.answer!r} counts as right but is not added to the deck: {place}"
                )
    after = deck
    if additions:
        new_text, notes = add_aliases(text, shown_path(path), additions)
        for note in notes:
            console.write(note)
        if new_text != text:
            try:
                after = loads_deck(new_text, shown_path(path))
            except DeckError as error:
                problem = error.problems[0] if error.problems else "a problem"
                raise ConversionError(f"{shown_path(path)}: accepting would make the deck invalid: {problem}") from None
            _write(path, new_text)
            added = ", ".join(f"{target.fact_id}: {answer!r}" for target, answer in additions)
            console.write(f"Added to {shown_path(path)}: {added}.")
    decision = accept(store, chosen, dt.datetime.now(dt.UTC), deck, after)
    _tell(console, chosen, decision.counted_right, len(decision.memories), "Accepted")


def _reject(console: Console, store: Store, chosen: list[AppealGroup]) -> None:
    import datetime as dt

    from kzquiz.deciding import reject

    decision = reject(store, chosen, dt.datetime.now(dt.UTC))
    _tell(console, chosen, 0, len(decision.memories), "Rejected")


def _tell(console: Console, chosen: list[AppealGroup], others: int, memories: int, done: str) -> None:
    for group in chosen:
        learners = f"{group.learners} learner{'s' * (group.learners != 1)}"
        console.write(f"{done} {group.fact_id}: {group.answer!r} ({learners}).")
    if others:
        console.write(
            f"{others} earlier answer{'s' * (others != 1)} by learners now count{'s' * (others == 1)} as right."
        )
    console.write(f"Replayed {memories} learner memor{'ies' if memories != 1 else 'y'} of the facts concerned.")

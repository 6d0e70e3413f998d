"""The source text file a deck names under ``[deck.source] file``, kept inside the deck's folder.

A deck is anyone's data, and ``kzquiz audit`` prints lines of its source (``--show-uncovered``, closest passages),
so a deck may name only a file in its own folder or below it, symlinks followed. The deck reader already refuses
an absolute path or ``..``; this module follows symlinks, which needs the file system. ``--source`` on the command
line is the teacher's own choice and may name any file.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from pathlib import Path

    from kzquiz.model import Deck
    from kzquiz.problems import Problem

HINT = "copy the source into the deck's folder, or give it with --source instead"


def deck_source_file(deck: Deck, deck_path: Path, deck_text: str, deck_name: str) -> tuple[Path | None, Problem | None]:
    """The file ``[deck.source] file`` names, beside ``deck_path`` (``None`` when it names none), and the problem
    when it leads out of the deck's folder through a symlink (then it must not be read), placed at the key like
    any deck problem."""
    from kzquiz import tomlpos
    from kzquiz.problems import Problem

    if not deck.source.file:
        return None, None
    folder = deck_path.parent
    path = folder / deck.source.file
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop: reading it says why it cannot be read
        return path, None
    if inside:
        return path, None
    line, column = tomlpos.positions(deck_text).get(("deck", "source", "file"), (None, None))
    message = f"must name a file in the deck's folder or below it: {deck.source.file!r} leads out of it"
    return path, Problem(deck_name, line, column, "deck.source.file", message, HINT)

"""The decks that ship inside the kzquiz package, found by name."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kzquiz.errors import UnknownQuestionError

if TYPE_CHECKING:
    from kzquiz.model import Deck

DEFAULT_DECK = "kazakhstan-2022"
"""The deck ``kzquiz`` studies when no deck is named."""


@functools.cache
def bundled_folder() -> Path:
    """The folder the bundled decks are read from, as an absolute path with its links resolved."""
    return Path(str(resources.files("kzquiz") / "decks")).resolve()


def bundled_decks() -> dict[str, Path]:
    """The bundled deck files by name (the file name without ``.toml``), sorted by name."""
    folder = Path(str(resources.files("kzquiz") / "decks"))
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}


def bundled_deck(name: str = DEFAULT_DECK) -> Deck:
    """A deck that ships with kzquiz, loaded by name (``"kazakhstan-2022"``), from any working folder.

    Raises :class:`~kzquiz.UnknownQuestionError` (a ``KeyError``) for a name no bundled deck has.
    """
    from kzquiz.deckfile import load_deck

    decks = bundled_decks()
    if name not in decks:
        names = ", ".join(decks) or "none"
        raise UnknownQuestionError(f"no bundled deck named {name!r} (bundled decks: {names})")
    return load_deck(decks[name])


def resolve_deck(name_or_path: str) -> Path:
    """The deck file a user named: an existing path, or the name of a bundled deck."""
    path = Path(name_or_path)
    if path.suffix or path.exists():
        return path
    decks = bundled_decks()
    if name_or_path in decks:
        return decks[name_or_path]
    names = ", ".join(decks) or "none"
    raise UnknownQuestionError(f"no deck file or bundled deck named {name_or_path!r} (bundled decks: {names})")

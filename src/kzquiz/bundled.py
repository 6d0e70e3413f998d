"""The decks that ship inside the kzquiz package, found by name."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kzquiz.errors import UnknownQuestionError

DEFAULT_DECK = "kazakhstan-2022"
"""The deck ``kzquiz`` studies when no deck is named."""


def bundled_decks() -> dict[str, Path]:
    """The bundled deck files by name (the file name without ``.toml``), sorted by name."""
    folder = Path(str(resources.files("kzquiz") / "decks"))
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}


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

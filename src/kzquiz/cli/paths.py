"""How the command line names a file in its messages: short, and never a path inside kzquiz's own installation.

A file inside the current folder is named relative to it (``decks/history.toml``, however it was given); a file
outside it is named as it was given; a deck that ships with kzquiz by its name (``kazakhstan-2022``), never by the
site-packages path it was read from. Every message that names a deck or another file goes through
:func:`shown_path`.
"""

from __future__ import annotations

import os


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a message should name it: a bundled deck's name, or a path relative to the current folder when
    the file is inside it, or else the path as given. A name that is not a path (``<deck>``) is returned as is."""
    text = os.fspath(path)
    if not text or text.startswith("<"):
        return text
    from pathlib import Path  # here, not at the top: every command module imports this one, --help included

    try:
        here = Path.cwd().resolve()
        full = (here / text).resolve()
    except (OSError, RuntimeError, ValueError):  # a deleted current folder, a symlink loop, a NUL in the name
        return text
    from kzquiz.bundled import bundled_folder

    if full.suffix == ".toml" and full.parent == bundled_folder() and full.is_file():
        return full.stem
    if full.is_relative_to(here):
        return str(full.relative_to(here)) if full != here else "."
    return text

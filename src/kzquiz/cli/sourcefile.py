"""The source text file of ``kzquiz audit``: the one a deck names under ``[deck.source] file``, kept inside the
deck's folder, and how it is read.

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


_DOCUMENTS = (
    (b"%PDF-", "a PDF document, not plain text", "copy its text into a UTF-8 text file, or convert it with pdftotext"),
    (
        b"PK\x03\x04",
        "a zipped document such as Word .docx, OpenDocument .odt or EPUB, not plain text",
        "save it as UTF-8 text",
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc document, not plain text", "save it as UTF-8 text"),
    (b"{\\rtf", "an RTF document, not plain text", "save it as UTF-8 text"),
    (b"\xff\xfe\x00\x00", "UTF-32 text, not UTF-8", "save the file as UTF-8"),
    (b"\x00\x00\xfe\xff", "UTF-32 text, not UTF-8", "save the file as UTF-8"),
    (b"\xff\xfe", "UTF-16 text, not UTF-8", "save the file as UTF-8"),
    (b"\xfe\xff", "UTF-16 text, not UTF-8", "save the file as UTF-8"),
)
"""What a source that is not plain text usually is, by its first bytes: a teacher saves an article as it came."""


def read_source(path: Path, name: str) -> tuple[str, Problem | None]:
    """The text of the source file, read as deck files are (a regular file, within the size limit), or why not:
    a document of a word processor or a PDF is named as such, since its bytes are no text to quote."""
    from kzquiz.files import UnreadableFileError, read_limited
    from kzquiz.problems import Problem

    try:
        data = read_limited(path)
    except UnreadableFileError as error:
        reason, hint = error.reason, ""
        if reason.endswith(")") and " (" in reason:  # "larger than the limit (set KZQUIZ_MAX_DECK_MB ...)"
            reason, hint = reason[: reason.rindex(" (")], reason[reason.rindex(" (") + 2 : -1]
        return "", Problem(name, None, None, "", f"cannot read the file: {reason}", hint)
    for start, message, hint in _DOCUMENTS:
        if data.startswith(start):
            return "", Problem(name, 1, 1, "", message, hint)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:  # placed as validate places it in a deck: line, and byte in the line
        line, column = _byte_place(data, error.start)
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x})"
        return "", Problem(name, line, column, "", message, "save the file as UTF-8")
    nul = data.find(b"\0")
    if nul >= 0:  # UTF-8 allows it, but no text holds one: UTF-16 without its byte order mark, or a binary file
        line, column = _byte_place(data, nul)
        message = "not text (byte 0x00, as in a UTF-16 or binary file)"
        return "", Problem(name, line, column, "", message, "save the file as UTF-8 text")
    return text, None


def _byte_place(data: bytes, at: int) -> tuple[int, int]:
    """The line of byte ``at`` of ``data``, and its place in that line in bytes, both from 1."""
    before = data[:at]
    return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1

"""Moving decks between kzquiz and the formats teachers already use: GIFT (Moodle), CSV/TSV, Aiken, Anki.

Readers turn a foreign file's text into an :class:`ImportResult`: a :class:`~kzquiz.model.Deck` whose facts all
validate, plus every question that could not be brought over, each with its line and the reason
(:class:`Skipped`). Writers turn a deck into a foreign file's text (or, for Anki, a package). Nothing here reads
the clock or the file system except :mod:`kzquiz.convert.anki`, which writes the package it is asked for.
"""

from __future__ import annotations

import enum
import re
from pathlib import Path

import attrs

from kzquiz.errors import ConversionError
from kzquiz.model import Deck


class Format(enum.Enum):
    """A file format kzquiz can import from or export to."""

    GIFT = "gift"
    CSV = "csv"
    TSV = "tsv"
    AIKEN = "aiken"
    APKG = "apkg"
    TOML = "toml"


IMPORT_FORMATS = (Format.GIFT, Format.CSV, Format.TSV, Format.AIKEN)
"""The formats ``kzquiz import`` reads."""

EXPORT_FORMATS = (Format.APKG, Format.GIFT, Format.CSV, Format.TSV)
"""The formats ``kzquiz export`` writes."""

_EXTENSIONS = {".gift": Format.GIFT, ".csv": Format.CSV, ".tsv": Format.TSV, ".tab": Format.TSV, ".txt": Format.AIKEN}
_EXTENSIONS.update({".aiken": Format.AIKEN, ".apkg": Format.APKG, ".toml": Format.TOML})


def format_of(path: str | Path, given: str | None, allowed: tuple[Format, ...]) -> Format:
    """The format named by ``given`` (``--from``/``--to``) or else by the extension of ``path``.

    Raises :class:`~kzquiz.ConversionError` naming the formats that are allowed when neither says one of them.
    """
    names = ", ".join(f.value for f in allowed)
    if given:
        try:
            found = Format(given.lower())
        except ValueError:
            raise ConversionError(f"unknown format {given!r}; use one of: {names}") from None
    else:
        suffix = Path(path).suffix.lower()
        found_or_none = _EXTENSIONS.get(suffix)
        if found_or_none is None:
            raise ConversionError(
                f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; give one of: {names}"
            )
        found = found_or_none
    if found not in allowed:
        if found is Format.TOML:  # kzquiz import deck.toml, or export -o deck.toml: the deck is one already
            raise ConversionError(
                f"{path}: a .toml file is a kzquiz deck already (kzquiz validate checks it); use one of: {names}"
            )
        raise ConversionError(f"{path}: {found.value} is not supported here; use one of: {names}")
    return found


_AIKEN_ANSWER = re.compile(r"^\s*ANSWER\s*:\s*[A-Za-z]\s*$", re.MULTILINE)
_GIFT_BLOCK = re.compile(r"\{[^{}]*\}")


def guess_text_format(text: str) -> Format:
    """GIFT or Aiken, for a ``.txt`` file (Moodle exports GIFT question banks as ``.txt``): Aiken when the text
    has ``ANSWER: X`` lines and no GIFT answer block ``{...}``, GIFT otherwise."""
    if _AIKEN_ANSWER.search(text) and not _GIFT_BLOCK.search(text):
        return Format.AIKEN
    return Format.GIFT


@attrs.frozen
class Skipped:
    """A question of the source file that did not become a fact, with where it was and why."""

    line: int
    what: str
    reason: str

    def describe(self, path: str) -> str:
        """``path:line: skipped WHAT: REASON``, for a teacher to read."""
        return f"{path}:{self.line}: skipped {self.what}: {self.reason}"


@attrs.frozen
class ImportResult:
    """A deck read from a foreign file, what was left out, and what the teacher should look at.

    ``notes`` are remarks about facts that were imported but changed on the way (a partial-credit answer left
    out, a false statement given a placeholder correction), each with its source line.
    """

    deck: Deck
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()


__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "Format", "ImportResult", "Skipped", "format_of", "guess_text_format"]

"""A problem found in a deck file, with where it is and how to fix it: what :class:`~kzquiz.DeckError` carries and
:func:`kzquiz.check_deck` lists."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Problem", "Severity"]


class Severity(enum.Enum):
    """How serious a deck problem is: errors stop a deck from loading, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One problem found in a deck file, with where it is and how to fix it.

    ``line`` and ``column`` are 1-based and ``None`` where not known; ``field`` is the dotted path of the key
    (``facts[3].answer``) or ``""`` for the file as a whole. ``kind``, when set, names the check in a few words
    shared by all its problems (``a prompt too long for a terminal``), so that a list can summarise them; when
    empty, problems with the same message are of one kind.
    """

    path: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    kind: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        label = "warning: " if self.severity is Severity.WARNING else ""
        text = f"{where}: {self.field + ': ' if self.field else ''}{label}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text

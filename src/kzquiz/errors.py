"""The exceptions kzquiz raises.

Every error kzquiz raises on purpose derives from :class:`KzquizError`, so that a program can catch them all in
one place; each also derives from the matching builtin, so ``except ValueError`` keeps working::

    KzquizError
    ├── DeckError (ValueError)               a deck file has problems; .problems lists every one of them
    ├── UnknownQuestionError (KeyError)      no question or deck with that id
    ├── StoreError                           the progress store cannot be used
    │   ├── NotAStoreError                   the file is not a kzquiz store (a foreign SQLite file, a text file)
    │   ├── StoreVersionError                the store was written by a newer kzquiz
    │   ├── DamagedStoreError                the file is damaged, or holds a value kzquiz never writes
    │   └── StoreConnectionError             the database server cannot be reached (a change may be unsaved)
    ├── NotEnoughReviewsError (ValueError)   too few reviews to fit a learner's scheduler parameters
    ├── AppealError (ValueError)             an appeal was refused (a right answer, a second appeal...)
    └── ConversionError (ValueError)         a file cannot be imported or exported

Only the command-line interface turns these into messages and exit codes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs


class KzquizError(Exception):
    """The root of every error kzquiz raises on purpose."""


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


class DeckError(KzquizError, ValueError):
    """A deck file could not be loaded; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the deck"
        super().__init__("\n".join([summary, *(str(p) for p in self.problems)]))


class UnknownQuestionError(KzquizError, KeyError):
    """No question (or deck) has the id that was asked for."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown question"


class StoreFix(enum.Enum):
    """What the user can do about a :class:`StoreError`, for a program to say in its own words (the CLI names its
    options): use another store, or check and repair a damaged one."""

    ANOTHER_STORE = "another-store"
    REPAIR = "repair"


class StoreError(KzquizError):
    """The progress store cannot be opened or used; the file is left untouched.

    ``path`` is the store's file (or ``None``); ``fix``, when set, is what the user can do about it (a
    :class:`StoreFix`), which the message itself does not spell out in any program's terms.
    """

    def __init__(self, message: str, *, path: object = None, fix: StoreFix | None = None) -> None:
        """An error about the store at ``path``, with the ``fix`` the user can apply, if any."""
        super().__init__(message)
        self.path = None if path is None else str(path)
        self.fix = fix


class NotAStoreError(StoreError):
    """The file exists but is not a kzquiz progress store."""


class StoreVersionError(StoreError):
    """The store was written by a newer version of kzquiz than this one."""


class DamagedStoreError(StoreError):
    """The store file is damaged: SQLite cannot read it, its tables are missing, or a row holds a value kzquiz never
    writes (a time that is not a time, an unknown state, settings that are not JSON...). The message names what is
    wrong and where; nothing was written to the file."""


class StoreConnectionError(StoreError):
    """The database server of a PostgreSQL store could not be reached, even after retrying for a few seconds.

    A change whose commit was not confirmed is reported this way and must not be taken as saved.
    """


class NotEnoughReviewsError(KzquizError, ValueError):
    """A learner's review log is too short to fit scheduler parameters to; the defaults are kept."""


class AppealError(KzquizError, ValueError):
    """An appeal was refused: the answer was right or empty, was picked from options, was already appealed, or
    the session does not take appeals (an exam). The message says which, in a sentence for the learner."""


class ConversionError(KzquizError, ValueError):
    """A file could not be imported into a deck, or a deck exported to another format."""

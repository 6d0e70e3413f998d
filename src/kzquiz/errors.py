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

The exceptions are plain classes, so that catching or raising one costs no more than importing this module (about a
millisecond); a deck's :class:`~kzquiz.Problem` and its :class:`~kzquiz.Severity` are frozen attrs data, defined in
:mod:`kzquiz.problems` and importable from here too.
"""

from __future__ import annotations

import enum

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: every command that can fail imports this
if TYPE_CHECKING:
    from collections.abc import Iterable

    from kzquiz.problems import Problem, Severity

__all__ = [
    "AppealError",
    "ConversionError",
    "DamagedStoreError",
    "DeckError",
    "KzquizError",
    "NotAStoreError",
    "NotEnoughReviewsError",
    "Problem",
    "Severity",
    "StoreConnectionError",
    "StoreError",
    "StoreFix",
    "StoreVersionError",
    "UnknownQuestionError",
]


class KzquizError(Exception):
    """The root of every error kzquiz raises on purpose."""


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


def __getattr__(name: str) -> object:
    # Problem and Severity lived here before kzquiz.problems: importing them from here keeps working, while a
    # command that only catches errors (kzquiz stats) does not pay for attrs.
    if name in ("Problem", "Severity"):
        from kzquiz import problems

        return getattr(problems, name)
    raise AttributeError(f"module 'kzquiz.errors' has no attribute {name!r}")

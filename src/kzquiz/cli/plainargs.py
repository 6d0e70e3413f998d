"""``kzquiz stats``'s command line read without argparse, which was a tenth of that command's work.

Importing argparse (with gettext) and building and running its parser cost ``kzquiz stats --json``
more instructions than reading the store and printing the figures. ``stats`` takes options only, a few switches and
a few options with one value each, so its everyday command lines (``kzquiz stats --json``, ``kzquiz stats --learner
ann --db class.sqlite3``) are read here, into the namespace argparse makes of them. Only that plain form is read:
each option named in full, each value the next word and not starting with ``-``, every value a valid one. Anything
else (``--help``, ``--learner=ann``, an abbreviation, an option twice, a mistake) is ``None`` here and goes to
argparse, which reads it, or explains what is wrong, exactly as before. A test holds the two readers equal on every
command line read here.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Sequence
else:
    from types import SimpleNamespace as Namespace  # argparse's Namespace is as plain a bag of attributes

DEFAULT_LEARNER = "default"
"""Whose progress a command uses when neither ``--learner`` nor ``KZQUIZ_LEARNER`` names a learner."""

SWITCHES = {"--no-color": "no_color", "--json": "json"}
"""``kzquiz stats``'s options without a value (``store_true``), by the attribute each sets."""

VALUED = {"--learner": "learner", "--db": "db"}
"""``kzquiz stats``'s options that take one value, by the attribute each sets."""


def stats_command_line(words: Sequence[str]) -> Namespace | None:
    """The command line ``words`` (``stats`` and its options) as argparse reads it, when it is in the plain form
    this module reads; ``None`` for any other, which argparse is left to read."""
    if not words or words[0] != "stats":
        return None
    from kzquiz.cli.statscmd import show_stats  # the handler argparse's stats parser sets

    found: dict[str, object] = dict.fromkeys(SWITCHES.values(), False)
    given = iter(words[1:])
    for word in given:
        if word in SWITCHES and not found[SWITCHES[word]]:
            found[SWITCHES[word]] = True
        elif word in VALUED and VALUED[word] not in found:
            value = next(given, "-")  # a missing value reads as "-": not a plain value
            if value.startswith("-"):
                return None
            found[VALUED[word]] = value
        else:
            return None
    # argparse reads a value through its option's type, and a default given as text too (KZQUIZ_LEARNER)
    learner = str(found.get("learner", os.environ.get("KZQUIZ_LEARNER") or DEFAULT_LEARNER)).strip()
    if learner_name_problem(learner):
        return None
    found["learner"] = learner
    found.setdefault("db", None)
    return Namespace(command="stats", handler=show_stats, **found)


def learner_name_problem(name: str) -> str | None:
    """Why ``name`` (without spaces around it) cannot be a learner's name, or ``None`` when it can."""
    if not name:
        return "a learner needs a name"
    if not name.isprintable():
        return "a learner's name cannot contain control characters"
    return None

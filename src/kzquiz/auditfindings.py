"""What ``kzquiz audit`` reports: its rules, its findings, the source's coverage and the whole report."""

from __future__ import annotations

import enum
from operator import attrgetter

import attrs

from kzquiz.makers import maker
from kzquiz.problems import Severity
from kzquiz.sourcetext import Passage

__all__ = [
    "RULE_KINDS",
    "SUMMARY_HINTS",
    "AuditFinding",
    "AuditReport",
    "AuditRule",
    "Coverage",
    "make_finding",
    "one_line",
]


class AuditRule(enum.Enum):
    """What an audit finding is about."""

    QUOTE = "quote"
    SKIP = "skip"
    LEAK = "leak"
    TIME = "time"
    CHANGED = "changed"
    SAME_OPTION = "same-option"
    RULED_OUT = "ruled-out"
    LONGEST = "longest-option"
    NUMBER_WORDS = "number-words"
    UNBACKED = "unbacked"
    SOURCE = "source"

    # Members are equal only to themselves, so hashing by identity agrees with equality; Enum's own hash (of the
    # member's name, in Python) made each look-up by rule cost six times as much for 38,000 findings.
    __hash__ = object.__hash__


RULE_KINDS = {
    AuditRule.LEAK: "an answer given away by another question",
    AuditRule.TIME: "a time-bound question that does not say “according to …” or “as of …”",
    AuditRule.SAME_OPTION: "two options that are the same answer",
    AuditRule.RULED_OUT: "an option the prompt rules out",
    AuditRule.LONGEST: "a right option much longer than every other",
    AuditRule.NUMBER_WORDS: "options that are or start with small numbers, which make a typed number ambiguous",
    AuditRule.UNBACKED: "a quote that does not contain its question's answer",
}
"""What the findings of a rule have in common, in a few words: a long list of them is summarised under it."""

SUMMARY_HINTS = {
    RULE_KINDS[AuditRule.TIME]: (
        "say “According to the article, as of” and the fact's date, or name the time in the question"
    ),
}
"""The hint of a summary whose findings' own hints differ (each names its fact's date), by the summary's words."""


def one_line(text: str) -> str:
    """``text`` with each run of white space (a line break from a multi-line quote, a tab) as one space: what a
    finding's message quotes of the deck or the source, so that it prints as one line and its JSON message holds
    no line break."""
    return text if text.isprintable() and "  " not in text else " ".join(text.split())


@attrs.frozen
class AuditFinding:
    """One problem the audit found: the rule, the fact (``""`` for the deck), what and how to fix it.

    ``message`` is one line: the deck's and the source's words in it have each run of white space as one space
    (:func:`one_line`). ``hint`` never holds
    parentheses (words quoted from the deck or the source go in ``message``), so the printed line
    ``path:line:column: field: message (hint)`` can be split at its last `` (``.

    ``key`` is the path of the key to change inside the fact's table (``("quote",)``, ``("items", 2, "quote")``) or,
    for the deck, inside the file (``("deck", "source", "skip", 0)``); ``questions`` names the question ids involved
    (for a leak: the question that shows the answer, then the question it gives away).
    """

    rule: AuditRule
    fact: str
    message: str
    hint: str = ""
    severity: Severity = Severity.WARNING
    key: tuple[str | int, ...] = ()
    questions: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        """The fact's id and key as ``kzquiz validate`` names them: ``town-hall.quote``, ``capital.items[2].quote``."""
        written = _written(self.key)
        return self.fact + written if self.fact else written.removeprefix(".")


make_finding = maker(AuditFinding)
"""Builds an :class:`AuditFinding` as its constructor does, with the same arguments, in a third of the time (see
:mod:`kzquiz.makers`): the audit of a big deck builds tens of thousands."""

_WRITTEN: dict[tuple[str | int, ...], str] = {}
"""Keys as :func:`_written` writes them: a deck's findings share a few dozen keys."""
MOST_WRITTEN = 4096


def _written(key: tuple[str | int, ...]) -> str:
    """``key`` written as it follows a fact's id: ``.quote``, ``.items[2].quote``."""
    written = _WRITTEN.get(key)
    if written is None or bool in map(type, key):  # True equals 1 (and finds its entry) but is written "[True]"
        written = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in key)
        if bool not in map(type, key):
            if len(_WRITTEN) >= MOST_WRITTEN:
                _WRITTEN.clear()
            _WRITTEN[key] = written
    return written


@attrs.frozen
class Coverage:
    """How much of the source a deck quotes: its sentences, those quoted, those skipped, those left out."""

    sentences: int
    quoted: int
    skipped: int
    uncovered: tuple[Passage, ...]

    @property
    def percent(self) -> float | None:
        """The share of the sentences quoted or marked not examinable, from 0 to 100; ``None`` for a source without
        sentences, which has no coverage figure (it is below any ``--min-coverage`` but 0)."""
        return 100.0 * (self.quoted + self.skipped) / self.sentences if self.sentences else None


@attrs.frozen
class AuditReport:
    """Everything :func:`audit` found, in deck order, and the source's coverage."""

    findings: tuple[AuditFinding, ...]
    coverage: Coverage

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return list(map(_SEVERITY, self.findings)).count(Severity.ERROR)  # counted without a Python loop

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors


_SEVERITY = attrgetter("severity")

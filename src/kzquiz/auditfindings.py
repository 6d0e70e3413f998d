"""What ``kzquiz audit`` reports: its rules, its findings, the source's coverage and the whole report."""

from __future__ import annotations

import enum

import attrs

from kzquiz.problems import Severity
from kzquiz.sourcetext import Passage

__all__ = ["RULE_KINDS", "SUMMARY_HINTS", "AuditFinding", "AuditReport", "AuditRule", "Coverage", "one_line"]


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


RULE_KINDS = {
    AuditRule.LEAK: "an answer given away by another question",
    AuditRule.TIME: "a time-bound question that does not say “according to …” or “as of …”",
    AuditRule.SAME_OPTION: "two options that are the same answer",
    AuditRule.RULED_OUT: "an option the prompt rules out",
    AuditRule.LONGEST: "a right option much longer than every other",
    AuditRule.NUMBER_WORDS: "options that are numbers, which typing a number picks by position",
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
        parts = [self.fact] if self.fact else []
        for part in self.key:
            if isinstance(part, int):
                parts[-1:] = [f"{parts[-1] if parts else ''}[{part}]"]
            else:
                parts.append(part)
        return ".".join(parts)


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
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors

"""Audit findings placed one fact at a time, for a list that prints only some of them.

:func:`kzquiz.auditing.located` places every finding with one scan of the whole deck file, which the JSON and
``--verbose`` lists need. The default list summarises repeated warnings and prints where only the others are, so
:class:`FactPlacer` scans only the ``[[facts]]`` tables it is asked about: the text from a fact's ``[[facts]]``
line to the next one's, with the same scanner, so each position is the one :func:`~kzquiz.auditing.located` gives.
"""

from __future__ import annotations

import re

from kzquiz import tomlpos
from kzquiz.auditfindings import RULE_KINDS, AuditFinding
from kzquiz.problems import Problem

_FACTS_HEADER = re.compile(r"\[\[[ \t]*facts[ \t]*\]\]")
"""``[[facts]]`` anywhere: searched for by its literal start, ten times faster than trying ``^`` (multi-line) at
every character of the file; :func:`_header_lines` keeps those with nothing but blanks before them."""


class FactPlacer:
    """Positions of the findings of a deck written as ``[[facts]]`` tables, worked out one fact at a time."""

    def __init__(self, deck_text: str, starts: list[int], lines: list[int]) -> None:
        self.text = deck_text
        self.starts = starts  # where each fact's [[facts]] line starts
        self.lines = lines  # and its line number
        self.tables: dict[int, dict[tomlpos.Path, tomlpos.Position]] = {}

    @classmethod
    def of(cls, deck_text: str, facts: int) -> FactPlacer | None:
        """A placer for a deck file whose ``facts`` facts are each a ``[[facts]]`` table, or ``None`` when the
        ``[[facts]]`` lines cannot be told apart (written another way, or such a line inside a multi-line string)."""
        starts = _header_lines(deck_text)
        if len(starts) != facts:
            return None
        lines, line, at = [], 1, 0
        for start in starts:
            line += deck_text.count("\n", at, start)
            lines.append(line)
            at = start
        return cls(deck_text, starts, lines)

    def table(self, index: int) -> dict[tomlpos.Path, tomlpos.Position]:
        """The positions in fact ``index``'s table, under the paths of the whole document."""
        if index not in self.tables:
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            offset = self.lines[index] - 1
            self.tables[index] = {
                ("facts", index, *path[2:]): (line + offset, column)
                for path, (line, column) in tomlpos.positions(self.text[self.starts[index] : end]).items()
                if path[:2] == ("facts", 0)
            }
        return self.tables[index]

    def place(self, finding: AuditFinding, index: int) -> tomlpos.Position | None:
        """Where ``finding`` (of fact ``index``) stands: the line and column of its key, or of the closest key
        above it."""
        return tomlpos.nearest(self.table(index), ("facts", index, *finding.key))

    def problem(self, finding: AuditFinding, index: int, path: str, field: str, *, place: bool) -> Problem:
        """``finding`` (of fact ``index``, named ``field``) as a problem of the file at ``path``, with no line
        unless ``place``."""
        position = self.place(finding, index) if place else None
        line, column = position if position else (None, None)
        kind = RULE_KINDS.get(finding.rule, "")
        return Problem(path, line, column, field, finding.message, finding.hint, finding.severity, kind)


def _header_lines(text: str) -> list[int]:
    """Where each line that starts with ``[[facts]]`` (after spaces or tabs) starts."""
    starts = []
    for header in _FACTS_HEADER.finditer(text):
        line = text.rfind("\n", 0, header.start()) + 1
        if not text[line : header.start()].strip(" \t"):
            starts.append(line)
    return starts

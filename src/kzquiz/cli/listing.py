"""Lists of deck problems, import remarks and facts an export left out, with repeated warnings summarised on one line.

A deck imported from a quiz bank can give the same warning for every fact ("no quote from the source" 22 times);
a teacher needs to read it once, with the facts it is about. A warning given :data:`REPEATED` times or more in
one file, of the same kind (:attr:`~kzquiz.Problem.kind`; without one, with the same message and hint), is
printed once, where the first of them is::

    deck.toml: warning: 22 facts: no quote from the source: a, b, c and 19 more (add quote = "...";
    run with --verbose to list them)

The note about ``--verbose`` is inside the hint's brackets, so the line still ends in ``(hint)``.

Errors are always listed one by one; ``--verbose`` lists every warning; JSON output always lists everything.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, TypeVar

from kzquiz.cli.console import Console

if TYPE_CHECKING:
    from kzquiz.convert import ImportResult
    from kzquiz.problems import Problem

REPEATED = 4
"""A warning given this many times in one file is summarised."""

NAMED = 3
"""How many of the facts (or lines) a summary names before "and N more"."""

VERBOSE_HINT = "run with --verbose to list them"

T = TypeVar("T")


def grouped(items: Sequence[T], key: Callable[[T], Hashable | None]) -> list[list[T]]:
    """``items`` in order, the ones sharing a ``key`` gathered at the first one's place (a ``None`` key is never
    gathered); a group smaller than :data:`REPEATED` is split back into single items, in their places."""
    keys = [key(item) for item in items]
    groups: dict[Hashable, list[T]] = {}
    for item, k in zip(items, keys, strict=True):
        if k is not None:
            groups.setdefault(k, []).append(item)
    out: list[list[T]] = []
    for item, k in zip(items, keys, strict=True):
        group = groups.get(k) if k is not None else None
        if group is None or len(group) < REPEATED:
            out.append([item])
        elif group[0] is item:
            out.append(group)
    return out


def named(names: Sequence[str]) -> str:
    """``a, b, c and 19 more``: the first :data:`NAMED` distinct names, and how many are left."""
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:NAMED])
    rest = len(unique) - NAMED
    return f"{shown} and {rest} more" if rest > 0 else shown


def _warning_key(problem: Problem, warning: object) -> Hashable | None:
    """What ``problem`` is summarised with (``None``: it is listed on its own); ``warning`` is
    ``Severity.WARNING``, passed in so that the enum is imported once per list, not once per problem."""
    if problem.severity is not warning:
        return None
    return (problem.path, problem.kind) if problem.kind else (problem.path, "", problem.message, problem.hint)


def _fact_of(field: str) -> str:
    return field.split(".", 1)[0].split("[", 1)[0]


def _shared_hint(kind: str) -> str:
    """The hint of a summary whose problems' own hints differ: the audit's words for its kind, if any."""
    from kzquiz.auditfindings import SUMMARY_HINTS

    return SUMMARY_HINTS.get(kind, "")


def problem_lines(problems: Sequence[Problem], *, verbose: bool = False) -> list[tuple[str, bool]]:
    """The lines that list ``problems``, each with whether it is a warning; repeated warnings summarised unless
    ``verbose``."""
    from kzquiz.problems import Severity

    warning = Severity.WARNING
    if verbose:
        return [(str(p), p.severity is warning) for p in problems]
    lines = []
    for group in grouped(problems, lambda p: _warning_key(p, warning)):
        first = group[0]
        if len(group) == 1:
            lines.append((str(first), first.severity is warning))
        else:
            hint = first.hint if all(p.hint == first.hint for p in group) else _shared_hint(first.kind)
            lines.append((summary_line(first.path, first.kind or first.message, [p.field for p in group], hint), True))
    return lines


def summary_line(path: str, what: str, fields: Sequence[str], hint: str) -> str:
    """The one line that stands for the warning ``what`` of the file at ``path``, given once for each of
    ``fields`` (in file order); ``hint`` is the hint they share, or ``""``."""
    unique = list(dict.fromkeys(fields))
    # One per fact: no field given twice, and each of a different fact.
    facts = {_fact_of(field) for field in unique} if len(unique) == len(fields) else set()
    whole = "" not in facts and len(facts) == len(fields)
    count = f"{len(fields)} facts" if whole else f"{len(fields)} times"
    keys = [field for field in unique if field]
    if keys and len(keys) < len(fields):  # some named twice: the count of keys adds up with "and N more"
        count += f" at {len(keys)} keys" if len(keys) > 1 else " at 1 key"
    names = named(keys)
    text = f"{path}: warning: {count}: {what}" + (f": {names}" if names else "")
    return f"{text} ({hint + '; ' if hint else ''}{VERBOSE_HINT})"


def print_problems(console: Console, problems: Sequence[Problem], *, verbose: bool = False) -> None:
    """Write ``problems`` to ``console``, errors in red, warnings in yellow, repeated warnings summarised."""
    write_lines(console, problem_lines(problems, verbose=verbose))


def write_lines(console: Console, lines: Sequence[tuple[str, bool]]) -> None:
    """Write lines of :func:`problem_lines`, warnings in yellow and errors in red."""
    for line, warning in lines:
        console.write(line, "yellow" if warning else "red")


def import_lines(result: ImportResult, source: str, *, verbose: bool = False) -> list[tuple[str, bool]]:
    """What an import left out and changed, one line each (``True`` for a question skipped); the same reason or
    remark given for many questions is said once, with their lines, unless ``verbose``."""
    skipped_groups = [[s] for s in result.skipped] if verbose else grouped(result.skipped, lambda s: s.reason)
    lines = []
    for skipped in skipped_groups:
        first = skipped[0]
        if len(skipped) == 1:
            lines.append((first.describe(source), True))
        else:
            at = named([str(s.line) for s in skipped])
            text = f"{source}: skipped {len(skipped)} questions: {first.reason}: lines {at} ({VERBOSE_HINT})"
            lines.append((text, True))
    note_groups = [[n] for n in result.notes] if verbose else grouped(result.notes, lambda n: n[1])
    for notes in note_groups:
        line, note = notes[0]
        if len(notes) == 1:
            lines.append((f"{source}:{line}: note: {note}", False))
        else:
            at = named([str(n[0]) for n in notes])
            lines.append((f"{source}: note: {len(notes)} questions: {note}: lines {at} ({VERBOSE_HINT})", False))
    return lines


def left_out_lines(left_out: Sequence[tuple[str, str]], source: str, *, verbose: bool = False) -> list[str]:
    """What an export left out, one line per fact (``left_out`` holds fact ids and reasons); the same reason given
    for many facts is said once, with their ids, unless ``verbose``."""
    groups = [[item] for item in left_out] if verbose else grouped(left_out, lambda item: item[1])
    lines = []
    for group in groups:
        fact_id, reason = group[0]
        if len(group) == 1:
            lines.append(f"{source}: left out the fact {fact_id}: {reason}")
        else:
            ids = named([item[0] for item in group])
            lines.append(f"{source}: left out {len(group)} facts: {reason}: {ids} ({VERBOSE_HINT})")
    return lines

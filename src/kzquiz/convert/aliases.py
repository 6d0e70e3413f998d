"""``kzquiz accept``: accepted answers written into a deck file as aliases, keeping its comments and layout.

The file is edited with tomlkit, so every comment, blank line and the order of keys stay as the teacher wrote them;
only the one value that gains the alias changes: an answer fact's ``aliases`` (added after ``answer`` when the fact
has none), an item of ``items`` or ``members`` (a plain string becomes ``{ text = ..., aliases = [...] }``), or the
blank of a one-blank cloze ``text`` (``{{Astana}}`` becomes ``{{Astana|Nur-Sultan}}``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Array, InlineTable, Table

from kzquiz.appeals import same_answer
from kzquiz.deciding import AliasTarget
from kzquiz.errors import ConversionError

__all__ = ["add_aliases"]

_BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


def add_aliases(text: str, name: str, additions: Sequence[tuple[AliasTarget, str]]) -> tuple[str, list[str]]:
    """``text`` (a deck file) with each ``(target, answer)`` added as an alias; and a note for each answer skipped.

    An answer the place already accepts (the same text, ignoring case and spacing) is skipped with a note; an
    answer that cannot be written there (a cloze alias with ``|``, ``{`` or ``}``) raises
    :class:`~kzquiz.ConversionError`, as does a fact the file does not have.
    """
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        raise ConversionError(f"{name}:{error.line}:{error.col + 1}: not valid TOML") from None
    facts = doc.get("facts")
    tables: list[Table] = list(facts.body) if isinstance(facts, AoT) else []
    notes: list[str] = []
    for target, answer in additions:
        alias = " ".join(answer.split())
        table = next((t for t in tables if t.get("id") == target.fact_id), None)
        if table is None:
            raise ConversionError(f"{name}: no fact with the id {target.fact_id!r}")
        where = f"{name}: facts.{target.fact_id}"
        if not _add(table, target, alias, where):
            notes.append(f"{where}: {alias!r} is already accepted")
    return doc.as_string(), notes


def _add(table: Table, target: AliasTarget, alias: str, where: str) -> bool:
    """Add ``alias`` at ``target`` in the fact's ``table``; False if it is already there."""
    if target.key == "aliases":
        forms = [str(table.get("answer", ""))]
        existing = table.get("aliases")
        if isinstance(existing, Array):
            if _known(alias, [*forms, *(str(v) for v in existing)]):
                return False
            existing.append(alias)
            return True
        if _known(alias, forms):
            return False
        added = tomlkit.array()
        added.append(alias)
        if "answer" in table:
            table.value._insert_after("answer", "aliases", added)  # beside the answer it belongs to
        else:
            table.add("aliases", added)
        return True
    if target.key in ("items", "members"):
        items = table.get(target.key)
        if not isinstance(items, Array) or target.index >= len(items):
            raise ConversionError(f"{where}.{target.key}: no item {target.index + 1}")
        item: Any = items[target.index]
        if isinstance(item, InlineTable | Table):
            aliases = item.get("aliases")
            if _known(alias, [str(item.get("text", "")), *(str(v) for v in aliases or [])]):
                return False
            if isinstance(aliases, Array):
                aliases.append(alias)
            else:
                item["aliases"] = [alias]
            return True
        if _known(alias, [str(item)]):
            return False
        replacement = tomlkit.inline_table()
        replacement["text"] = str(item)
        replacement["aliases"] = [alias]
        items[target.index] = replacement
        return True
    return _add_to_blank(table, alias, where)


def _add_to_blank(table: Table, alias: str, where: str) -> bool:
    if any(char in alias for char in "|{}"):
        raise ConversionError(f"{where}.text: {alias!r} cannot be a cloze alias (it contains | or a brace)")
    sentence = str(table.get("text", ""))
    blanks = list(_BLANK.finditer(sentence))
    if len(blanks) != 1:
        raise ConversionError(f"{where}.text: an alias needs a sentence with exactly one blank")
    [blank] = blanks
    if _known(alias, blank.group(1).split("|")):
        return False
    table["text"] = sentence[: blank.end(1)] + "|" + alias + sentence[blank.end(1) :]
    return True


def _known(alias: str, forms: Sequence[str]) -> bool:
    return any(same_answer(alias, form) for form in forms)

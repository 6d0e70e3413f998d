"""Uploaded deck files: a TOML deck checked as ``kzquiz validate`` checks it, or a GIFT, CSV, TSV or Aiken file
converted as ``kzquiz import`` converts it; either way what is kept is a deck file that validates.
"""

from __future__ import annotations

import re
from pathlib import PurePath

import attrs

import kzquiz
from kzquiz.convert import IMPORT_FORMATS, Format, ImportResult, format_of, guess_text_format
from kzquiz.convert.ids import slugify

SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


@attrs.frozen
class Upload:
    """What became of an uploaded file: the deck's TOML text and deck (when it loads), and every message.

    ``problems`` are the deck's errors and warnings as ``file:line:column: field: message (hint)``; ``notes`` are
    an import's skipped questions and remarks, each with its line.
    """

    name: str
    text: str
    deck: kzquiz.Deck | None
    problems: tuple[kzquiz.Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the deck loads (warnings allowed)."""
        return self.deck is not None


def clean_name(filename: str) -> str:
    """An uploaded file's name as messages show it: its last part, with only harmless characters."""
    base = PurePath(filename.replace("\\", "/")).name
    return SAFE_NAME.sub("_", base)[:100] or "deck.toml"


def read_upload(filename: str, data: bytes) -> Upload:
    """Check or convert an uploaded file, by its extension (``.toml``, ``.gift``, ``.csv``, ``.tsv``, ``.txt``...)."""
    name = clean_name(filename)
    try:
        kind = format_of(name, None, (Format.TOML, *IMPORT_FORMATS))
    except kzquiz.ConversionError as error:
        return Upload(name, "", None, (kzquiz.Problem(name, None, None, "", str(error).removeprefix(f"{name}: ")),))
    if kind is Format.TOML:
        problems = tuple(kzquiz.check_deck(data, name))
        errors = any(p.severity is kzquiz.Severity.ERROR for p in problems)
        text = data.decode("utf-8", "replace")
        return Upload(name, text, None if errors else kzquiz.loads_deck(data, name), problems)
    return _convert(name, kind, data)


def _convert(name: str, kind: Format, data: bytes) -> Upload:
    from kzquiz.convert.aiken import read_aiken
    from kzquiz.convert.gift import read_gift
    from kzquiz.convert.tabular import read_table
    from kzquiz.convert.tomlwriter import deck_to_toml

    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Upload(
            name, "", None, (kzquiz.Problem(name, line, None, "", "not UTF-8 text (save the file as UTF-8)"),)
        )
    if kind is Format.AIKEN and name.lower().endswith(".txt"):
        kind = guess_text_format(text)
    stem = PurePath(name).stem
    deck_id, title = slugify(stem, "deck"), stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Deck"
    try:
        result: ImportResult
        if kind is Format.GIFT:
            result = read_gift(text, name, deck_id, title)
        elif kind is Format.AIKEN:
            result = read_aiken(text, name, deck_id, title)
        else:
            result = read_table(text, name, deck_id, title, "\t" if kind is Format.TSV else ",")
    except kzquiz.ConversionError as error:
        return Upload(name, "", None, (kzquiz.Problem(name, None, None, "", str(error).removeprefix(f"{name}: ")),))
    notes = tuple(s.describe(name) for s in result.skipped) + tuple(f"{name}:{n}: note: {t}" for n, t in result.notes)
    if not result.deck.facts:
        problem = kzquiz.Problem(name, None, None, "", "nothing to import: no question could be made into a fact")
        return Upload(name, "", None, (problem,), notes)
    toml_name = f"{PurePath(name).stem}.toml"
    deck_text = deck_to_toml(result.deck, f"Imported from {name} by kzquiz serve.")
    return Upload(toml_name, deck_text, kzquiz.loads_deck(deck_text, toml_name), (), notes)

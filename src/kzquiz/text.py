"""Making untrusted text safe to show: a deck shared by anyone, or a learner's answer echoed back.

Terminal escape sequences (colours, cursor moves, window titles, hyperlinks) and other control characters are
removed, so that a deck file can never move the cursor, change the title or hide text; lone surrogates (from
undecodable input) are replaced rather than crashing an encoder. And counting things in words ("1 fact", "2 facts").
"""

from __future__ import annotations

import functools
import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte escapes; and
# their 8-bit C1 forms.
_ESCAPES = r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?    # OSC, ended by BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?         # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                         # other Fe escapes
    | \x1b                                  # a lone ESC
    | \x9b[0-?]*[ -/]*[@-~]                 # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?        # 8-bit OSC
"""
_CONTROLS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_SURROGATES = r"[\ud800-\udfff]"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The escape, surrogate and control patterns, compiled when text first needs them: compiling them took a few
    milliseconds of every command's start-up, and most text is plain printable ASCII, which never needs them."""
    return re.compile(_ESCAPES, re.VERBOSE), re.compile(_SURROGATES), re.compile(_CONTROLS)


def safe_text(text: str, *, newlines: bool = True) -> str:
    """Return ``text`` without escape sequences, control characters, bidi overrides or lone surrogates.

    Tabs become spaces; newlines are kept when ``newlines`` is true and become spaces otherwise.
    """
    if text.isprintable() and text.isascii():
        return text
    escapes, surrogates, controls = _patterns()
    text = escapes.sub("", text)
    text = surrogates.sub("\ufffd", text).replace("\t", " ").replace("\r\n", "\n")
    text = controls.sub("", text)
    return text if newlines else text.replace("\n", " ")


def safe_data(value: object) -> object:
    """``value`` (JSON-like data: dicts, lists, strings, numbers) with :func:`safe_text` applied to every string.

    For JSON and CSV outputs, which must be sanitised field by field: JSON would otherwise only escape an ESC
    (``\\u001b``), which the program reading it turns back into a live one, and keep bidi overrides as they are.
    """
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {safe_text(k) if isinstance(k, str) else k: safe_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_data(v) for v in value]
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP's list)."""


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: one that starts like a formula gets a leading '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def counted(number: int, noun: str, plural: str = "") -> str:
    """``number`` and ``noun``, plural unless the number is one: ``1 fact``, ``12,580 reviews``, ``2 memories``
    (with ``plural="memories"``)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"

"""TOML syntax errors said in a teacher's words: what is wrong on the line, and how to write it instead.

The parser's own messages ("Illegal character '\\n'", "Invalid value") name what the parser met, not what the
teacher did; :func:`in_teachers_words` turns the common ones into a sentence and a hint, and keeps any other
message as the parser said it.
"""

from __future__ import annotations

import re

__all__ = ["in_teachers_words"]

_WORDS: tuple[tuple[str, str, str], ...] = (
    # (the parser's message, as a pattern; the teacher's words; the hint)
    (
        r"Unterminated string|Expected \"'\"|Expected '\"'",
        "a string is not closed",
        "end it with the quote it starts with",
    ),
    (r"Unclosed array", "a list [ ... ] is not closed", "add ] after its last item"),
    (r"Unclosed inline table", "a table { ... } is not closed", "add } after its last key, on the same line"),
    (r"Expected '=' after a key", "a key must be followed by =", 'write key = "value"'),
    (
        r"Invalid value",
        "this value is not text in quotes, a number, true or false, a date or a list",
        'put text in quotes: answer = "Astana"',
    ),
    (r"Cannot overwrite a value|Cannot declare", "this key is already set above", "keep one of the two"),
    (r"Expected ']' at the end of a table", "a table header is not closed", "end it with ]: [deck]"),
    (r"Expected ']]' at the end of an array", "a fact header is not closed", "end it with ]]: [[facts]]"),
    (
        r"Expected newline or end of document after a statement",
        "something follows the value on this line",
        "put each key on its own line, and a whole text inside one pair of quotes",
    ),
    (r"Invalid statement", "this line is neither key = value nor a [table] header", 'write key = "value"'),
)


def in_teachers_words(message: str, text: str, line: int, column: int) -> tuple[str, str]:
    """The message and hint for the parser's ``message`` about ``text`` at ``line`` and ``column`` (from 1)."""
    found = _character_at(text, line, column)
    if found == "\x00":  # whatever the parser made of it ("a key must be followed by =", "Illegal character")
        return "a NUL byte (0x00), which no text holds (a binary file, or UTF-16)", "save the file as UTF-8 text"
    if found == "\r" and _character_at(text, line, column + 1) != "\n":  # old Mac line endings: CR alone
        return "a carriage return (CR) alone ends no line in TOML", "save the file with LF or CR LF line endings"
    if message.startswith("Illegal character '\\n'") and _open_string(text, line, column):
        return "a string is not closed on this line", 'end it with " before the line ends, or use """ for several lines'
    for pattern, words, hint in _WORDS:
        if re.match(pattern, message):
            return words, hint
    return message, ""


def _character_at(text: str, line: int, column: int) -> str:
    """The character at ``line`` and ``column`` (from 1) as the parser counts them (only LF ends a line), or ''."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not 1 <= column <= len(lines[line - 1]):
        return ""
    return lines[line - 1][column - 1]


def _open_string(text: str, line: int, column: int) -> bool:
    """Whether a quote is open at the end of ``line`` before ``column``: an odd number of unescaped quotes."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    before = re.sub(r"\\.", "", lines[line - 1][: max(column - 1, 0)])
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1

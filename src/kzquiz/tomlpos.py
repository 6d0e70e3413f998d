"""Where each key and array element of a TOML document stands (line and column).

The standard library's ``tomllib`` gives values but no positions; deck problems must point at a line. This
scanner walks a document that ``tomllib`` has already accepted and records the position of every table header,
key and array element under the same path the parsed data uses: ``("facts", 3, "items", 1)``. It runs only when
there is a problem to report, so loading a valid deck never pays for it.
"""

from __future__ import annotations

import bisect
import re

Path = tuple[str | int, ...]
Position = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"(?:[ \t\r]+|#[^\n]*)+")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)+")
_SCALAR_END = set(",]}\n#")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.positions: dict[Path, Position] = {}
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.array_tables: dict[Path, int] = {}

    def where(self, pos: int) -> Position:
        line = bisect.bisect_right(self.line_starts, pos)
        return line, pos - self.line_starts[line - 1] + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip(self, newlines: bool) -> None:
        """Skip spaces, tabs, comments and (if asked) newlines."""
        match = (_BLANK_LINES if newlines else _BLANK).match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip(newlines=False)
            ch = self.peek()
            if ch in ('"', "'"):
                start = self.pos
                self.string()
                raw = self.text[start + 1 : self.pos - 1]
                parts.append(_unescaped(raw) if ch == '"' and "\\" in raw else raw)
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                parts.append(match.group() if match else "")
                self.pos = match.end() if match else self.pos
            self.skip(newlines=False)
            if self.peek() != ".":
                return parts
            self.pos += 1

    def string(self) -> None:
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, self.pos):
                end = self.pos + 3
                while True:
                    end = text.find(quote, end)
                    if end < 0:
                        self.pos = len(text)
                        return
                    if quote == '"""' and _escaped(text, end):
                        end += 1
                        continue
                    # A closing run may be up to five quotes long: the extra ones belong to the string.
                    while text.startswith(quote[0], end + 3):
                        end += 1
                    self.pos = end + 3
                    return
        match = (_BASIC if text[self.pos] == '"' else _LITERAL).match(text, self.pos)
        self.pos = match.end() if match else len(text) + 1

    def value(self, path: Path) -> None:
        ch = self.peek()
        if ch in ('"', "'"):
            self.string()
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip(newlines=True)
                if self.peek() in ("]", ""):
                    self.pos += 1
                    return
                start = self.pos
                self.positions[(*path, index)] = self.where(self.pos)
                element = _ELEMENT.match(self.text, self.pos)
                if element:
                    self.pos = element.end()
                else:
                    self.value((*path, index))
                self.skip(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
                self.pos = max(self.pos, start + 1)
                index += 1
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip(newlines=True)  # TOML 1.1 (which tomli reads) allows newlines in inline tables
                if self.peek() in ("}", ""):
                    self.pos += 1
                    return
                start = self.pos
                simple = _INLINE_PAIR.match(self.text, self.pos)
                if simple:  # `text = "Astana"` inside { }: one regular expression places it
                    self.positions.setdefault((*path, simple["key"]), self.where(start))
                    self.pos = simple.end()
                else:
                    self.pair(path)
                self.skip(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
                self.pos = max(self.pos, start + 1)  # always move on, whatever the text holds
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in _SCALAR_END:
                self.pos += 1

    def pair(self, table: Path) -> None:
        start = self.pos
        parts = self.key()
        where = self.where(start)
        for end in range(1, len(parts) + 1):  # a dotted key a.b.c = 1 also stands where a and a.b are made
            self.positions.setdefault((*table, *parts[:end]), where)
        self.skip(newlines=False)
        if self.peek() == "=":
            self.pos += 1
        self.skip(newlines=False)
        self.value((*table, *parts))

    def header(self) -> Path:
        start = self.pos
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        parts = self.key()
        self.pos += 2 if is_array else 1
        path: Path = ()
        for i, part in enumerate(parts):
            path = (*path, part)
            if path in self.array_tables and not (is_array and i == len(parts) - 1):
                path = (*path, self.array_tables[path] - 1)
            elif i < len(parts) - 1:  # [a.b.c] also makes the tables a and a.b, if they are not there yet
                self.positions.setdefault(path, self.where(start))
        if is_array:
            index = self.array_tables.get(path, 0)
            self.array_tables[path] = index + 1
            self.positions.setdefault(path, self.where(start))
            path = (*path, index)
        self.positions[path] = self.where(start)
        return path

    def document(self) -> dict[Path, Position]:
        table: Path = ()
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                return self.positions
            start = self.pos
            if self.peek() == "[":
                table = self.header()
            elif simple := _SIMPLE_PAIR.match(self.text, self.pos):
                # Most lines of a deck are `key = "text"` or `key = 42`: one regular expression places them.
                self.positions.setdefault((*table, simple["key"]), self.where(start))
                self.pos = simple.end()
            else:
                self.pair(table)
            self.pos = max(self.pos, start + 1)


_ONE_LINE_VALUE = r"""(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*'|[A-Za-z0-9_+\-.:]+)"""
_SIMPLE_PAIR = re.compile(rf"(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*{_ONE_LINE_VALUE}[ \t]*(?:\#[^\n]*)?(?=\r?\n|$)")
"""A bare key, `=`, and a one-line string, number, boolean or date without a space, to the end of the line."""
_INLINE_PAIR = re.compile(rf"(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*{_ONE_LINE_VALUE}(?=[ \t]*[,}}])")
"""The same inside an inline table, up to its next `,` or `}`."""
_ELEMENT = re.compile(rf"{_ONE_LINE_VALUE}(?=[ \t]*[,\]\r\n#])")
"""A one-line string, number, boolean or date as an array element, up to its next `,`, `]`, line end or comment."""
_BASIC = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_LITERAL = re.compile(r"'[^']*'")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"', "\\": "\\"}


def _unescaped(raw: str) -> str:
    """A basic string's TOML escapes read (``\\n``, ``\\u00e9``...); an escape TOML does not know is kept as written."""

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uUx" and len(code) > 1:
            number = int(code[1:], 16)
            return chr(number) if number <= 0x10FFFF else match.group()
        return _SIMPLE_ESCAPES.get(code, match.group())

    return _ESCAPE.sub(one, raw)


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def positions(text: str) -> dict[Path, Position]:
    """Map every table, key and array element path of a valid TOML document to its (line, column)."""
    return _Scanner(text).document()


def nearest(table: dict[Path, Position], path: Path) -> Position | None:
    """The position of ``path``, or of its closest ancestor that has one."""
    for end in range(len(path), 0, -1):
        found = table.get(path[:end])
        if found is not None:
            return found
    return None

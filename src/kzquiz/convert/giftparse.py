"""Parsing Moodle GIFT text into typed questions, as Moodle's own importer (question/format/gift) reads it.

This is the first half of GIFT import: it knows GIFT and nothing of kzquiz, so it can be checked question by
question against the reference parser's output (fuhrmanator/GIFT-grammar-PEG.js, in ``tests/data/gift-pegjs``).
:mod:`kzquiz.convert.gift` turns the questions into facts.

Questions are separated by blank lines; lines starting with ``//`` are comments, except ``// [id:N]`` and
``// [tag:T]`` which give the next question an id and tags (a GIFT-grammar-PEG.js extension). Escapes ``\\~``
``\\=`` ``\\#`` ``\\{`` ``\\}`` ``\\:`` ``\\\\`` and ``\\n`` are honoured everywhere. HTML (``[html]``, and tags in
the default ``[moodle]`` format) is turned into plain text, since kzquiz decks are plain text.
"""

from __future__ import annotations

import enum
import html
import re
from html.parser import HTMLParser

import attrs

from kzquiz.errors import ConversionError


class GiftType(enum.Enum):
    """The question types of GIFT, named as the reference parser names them."""

    MC = "MC"
    TF = "TF"
    SHORT = "Short"
    NUMERICAL = "Numerical"
    MATCHING = "Matching"
    ESSAY = "Essay"
    DESCRIPTION = "Description"
    CATEGORY = "Category"


@attrs.frozen
class GiftChoice:
    """An answer of a multiple-choice or short-answer question.

    ``marked`` is true for ``=`` (right) and false for ``~``; ``weight`` is the ``%N%`` percentage, if given.
    """

    text: str
    marked: bool
    weight: float | None = None
    feedback: str = ""


@attrs.frozen
class GiftNumber:
    """An answer of a numerical question: ``value`` ± ``tolerance``, or ``low`` to ``high``.

    ``value``, ``low`` and ``high`` are all ``None`` for the catch-all wrong answer ``~#feedback``.
    """

    value: float | None = None
    tolerance: float = 0
    low: float | None = None
    high: float | None = None
    marked: bool = True
    weight: float | None = None
    feedback: str = ""


@attrs.frozen
class GiftPair:
    """A matching pair; ``question`` is empty for an extra answer that matches no question."""

    question: str
    answer: str


@attrs.frozen
class GiftQuestion:
    """One parsed GIFT question (or a ``$CATEGORY`` line).

    ``stem`` is the question text, with ``_____`` where an embedded answer block was ("missing word");
    ``head`` and ``tail`` are the text before and after the block. For true/false, ``truth`` is the answer and
    ``feedbacks`` the one or two ``#feedback`` texts (for a wrong answer, then for a right one).
    """

    type: GiftType
    line: int
    stem: str = ""
    title: str = ""
    head: str = ""
    tail: str = ""
    embedded: bool = False
    choices: tuple[GiftChoice, ...] = ()
    numbers: tuple[GiftNumber, ...] = ()
    pairs: tuple[GiftPair, ...] = ()
    truth: bool | None = None
    feedbacks: tuple[str, ...] = ()
    global_feedback: str = ""
    id: str = ""
    tags: tuple[str, ...] = ()
    category: str = ""


# Escaped characters are swapped for private-use code points while the structure is parsed, then swapped back.
_ESCAPES = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003", "{": "\ue004", "}": "\ue005", ":": "\ue006"}
_ESCAPES["n"] = "\ue007"
_UNESCAPE = {v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()}
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TRUTH = re.compile(r"(T|TRUE|F|FALSE)\s*(#.*)?", re.DOTALL)
_SPECIAL_COMMENT = re.compile(r"\[(id|tag):([^\]]+)\]")
_NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})")
_TOLERANCE = re.compile(rf"({_NUMBER})(?:\s*:\s*({_NUMBER}))?")
_TAG = re.compile(r"<[A-Za-z!/]")
BLANK = "_____"
"""How a missing word is shown in a question's stem."""


@attrs.frozen
class BrokenQuestion:
    """A GIFT question that cannot be read: the line of the fault, the question's first words, and why."""

    line: int
    text: str
    reason: str


class _Broken(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_questions(text: str) -> tuple[list[GiftQuestion], list[BrokenQuestion]]:
    """Every question (and ``$CATEGORY``) of GIFT ``text`` in file order, and every question that cannot be read
    (an answer block opened with ``{`` and never closed, a title never closed, a numerical answer that is not a
    number...), so that one broken question costs only itself, as a blank line ends every question."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    questions = []
    broken = []
    for line, block, specials in _blocks(text):
        try:
            question = _question(block, line)
        except _Broken as error:
            broken.append(BrokenQuestion(error.line, " ".join(block.split()), error.reason))
            continue
        if question is None:
            continue
        ids = [v.strip() for k, v in specials if k == "id"]
        tags = tuple(v.strip() for k, v in specials if k == "tag")
        questions.append(attrs.evolve(question, id=ids[-1] if ids else "", tags=tags))
    return questions, broken


def parse_gift(text: str, name: str = "<gift>") -> list[GiftQuestion]:
    """Every question (and ``$CATEGORY``) of GIFT ``text``, in file order.

    Raises :class:`~kzquiz.ConversionError` naming ``name`` and the line of the first question that cannot be
    read (an answer block opened with ``{`` and never closed); :func:`read_questions` reads past such questions.
    """
    questions, broken = read_questions(text)
    if broken:
        raise ConversionError(f"{name}:{broken[0].line}: {broken[0].reason}")
    return questions


def _blocks(text: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """Questions as (first line, text without comments, special comments), split at blank lines."""
    out: list[tuple[int, str, list[tuple[str, str]]]] = []
    lines: list[str] = []
    specials: list[tuple[str, str]] = []
    start = 0
    for number, raw in enumerate([*text.split("\n"), ""], 1):
        stripped = raw.strip()
        if stripped.startswith("//"):
            specials.extend((k.lower(), v) for k, v in _SPECIAL_COMMENT.findall(stripped))
            continue
        if stripped:
            if not lines:
                start = number
            lines.append(raw)
        elif lines:
            out.append((start, "\n".join(lines), specials))
            lines, specials = [], []
    return out


def _question(block: str, line: int) -> GiftQuestion | None:
    text = _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], block).strip()
    if text.startswith("$CATEGORY:"):
        category = _plain(text.removeprefix("$CATEGORY:"), "plain")
        return GiftQuestion(GiftType.CATEGORY, line, category=category)
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Broken(line, "the title opened with :: is never closed with :: (close it, or write \\: for a colon)")
        title, text = _plain(text[2:end], "plain"), text[end + 2 :].lstrip()
    fmt = "moodle"
    found = _FORMAT.match(text)
    if found:
        fmt, text = found.group(1).lower(), text[found.end() :]
    start = text.find("{")
    if start < 0:
        if "}" in text:
            where = line + text[: text.find("}")].count("\n")
            raise _Broken(where, "a } closes no answer block (write \\} for a literal brace)")
        stem = _plain(text, fmt)
        return GiftQuestion(GiftType.DESCRIPTION, line, stem=stem, title=title, head=stem)
    end = text.find("}", start)
    if end < 0:
        where = line + text[:start].count("\n")
        raise _Broken(where, "the answer block opened with { is never closed with } (close it, or write \\{ for {)")
    if "{" in text[end + 1 :]:
        where = line + text[: text.find("{", end)].count("\n")
        raise _Broken(where, "a question has two answer blocks; separate questions by a blank line")
    head, block_text, tail = _plain(text[:start], fmt), text[start + 1 : end], _plain(text[end + 1 :], fmt)
    embedded = bool(tail)
    stem = f"{head} {BLANK} {tail}".strip() if embedded else head
    base = GiftQuestion(GiftType.ESSAY, line, stem=stem, title=title, head=head, tail=tail, embedded=embedded)
    return _answers(base, block_text, fmt)


def _answers(base: GiftQuestion, block: str, fmt: str) -> GiftQuestion:
    block, _, global_feedback = block.partition("####")
    base = attrs.evolve(base, global_feedback=_plain(global_feedback, fmt))
    stripped = block.strip()
    if not stripped:
        return base
    if stripped.startswith("#"):
        numbers = _numbers(stripped[1:], base.line)
        return attrs.evolve(base, type=GiftType.NUMERICAL, numbers=numbers)
    truth = _TRUTH.fullmatch(stripped)
    if truth:
        feedbacks = tuple(_plain(f, fmt) for f in (truth.group(2) or "").split("#")[1:])
        value = truth.group(1).upper().startswith("T")
        return attrs.evolve(base, type=GiftType.TF, truth=value, feedbacks=feedbacks)
    if stripped[0] not in "=~":
        text, _, feedback = stripped.partition("#")
        choice = GiftChoice(_plain(text, fmt), True, None, _plain(feedback, fmt))
        return attrs.evolve(base, type=GiftType.SHORT, choices=(choice,))
    parts = [p for p in re.split(r"(?=[=~])", stripped) if p.strip()]
    if all(p.startswith("=") and "->" in p for p in parts):
        pairs = []
        for part in parts:
            left, _, right = _strip_format(part[1:].partition("#")[0]).partition("->")
            pairs.append(GiftPair(_plain(_strip_format(left), fmt), _plain(_strip_format(right), fmt)))
        return attrs.evolve(base, type=GiftType.MATCHING, pairs=tuple(pairs))
    choices = []
    for part in parts:
        body = part[1:]
        weight = None
        found = _WEIGHT.match(body)
        if found:
            weight, body = float(found.group(1)), body[found.end() :]
        text, _, feedback = body.partition("#")
        choices.append(GiftChoice(_plain(_strip_format(text), fmt), part[0] == "=", weight, _plain(feedback, fmt)))
    kind = GiftType.MC if any(p.startswith("~") for p in parts) else GiftType.SHORT
    return attrs.evolve(base, type=kind, choices=tuple(choices))


def _numbers(block: str, line: int) -> tuple[GiftNumber, ...]:
    stripped = block.strip()
    if not stripped.startswith(("=", "~")):
        return (_number(stripped, True, None, line),)
    out = []
    for part in re.split(r"(?=[=~])", stripped):
        if not part.strip():
            continue
        body, weight = part[1:], None
        found = _WEIGHT.match(body)
        if found:
            weight, body = float(found.group(1)), body[found.end() :]
        out.append(_number(body, part[0] == "=", weight, line))
    return tuple(out)


def _number(text: str, marked: bool, weight: float | None, line: int) -> GiftNumber:
    value, _, feedback = text.partition("#")
    value = value.strip()
    feedback = _plain(feedback, "moodle")
    if not value or value == "*":
        return GiftNumber(marked=marked, weight=weight, feedback=feedback)
    span = _RANGE.fullmatch(value)
    if span:
        low, high = float(span.group(1)), float(span.group(2))
        return GiftNumber(low=min(low, high), high=max(low, high), marked=marked, weight=weight, feedback=feedback)
    exact = _TOLERANCE.fullmatch(value)
    if not exact:
        raise _Broken(line, f"{_unescape(value)!r} is not a number (write 1822, 1822:5 or 1..5)")
    tolerance = abs(float(exact.group(2))) if exact.group(2) else 0.0
    return GiftNumber(float(exact.group(1)), tolerance, marked=marked, weight=weight, feedback=feedback)


def _strip_format(text: str) -> str:
    found = _FORMAT.match(text)
    return text[found.end() :] if found else text


def _unescape(text: str) -> str:
    return "".join(_UNESCAPE.get(c, c) for c in text)


def _plain(text: str, fmt: str) -> str:
    """GIFT text as kzquiz plain text: escapes resolved, HTML turned into text, spacing tidied."""
    fmt_found = _FORMAT.match(text)
    if fmt_found:
        fmt, text = fmt_found.group(1).lower(), text[fmt_found.end() :]
    if fmt == "markdown":
        lines = [line.strip() for line in text.strip().split("\n")]
        return _unescape("\n".join(lines)).strip()
    text = " ".join(text.split())  # Moodle and HTML text: line breaks in the file are spaces
    text = _unescape(text)
    if fmt in ("html", "moodle") and _TAG.search(text):
        return html_to_text(text)
    return html.unescape(text).strip() if fmt == "html" else text.strip()


class _TextExtractor(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol"})
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attributes).get("alt") or ""
            self.parts.append(f"[image{': ' + alt if alt.strip() else ''}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """The readable text of an HTML fragment: tags dropped, entities decoded, paragraphs on their own lines."""
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    joined = "".join(extractor.parts).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in joined.split("\n"))
    return "\n".join(line for line in lines if line)

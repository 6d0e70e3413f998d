"""Spreadsheets (CSV and TSV) to answer facts and back.

The first row names the columns, in any order and any case: ``prompt`` (or ``question``, ``front``),
``answer`` (or ``back``), and optionally ``aliases`` (other accepted answers, separated by ``|`` or ``;``),
``partial`` (answers worth part of the marks, separated by ``|``: ``Galilee (50%)``, ``Galilee (50%: You need to
be more specific.)``, or with other forms after ``=``, ``Galilee = Galilea (50%)``), ``tags``, ``group`` (facts of
a group lend each other wrong options for multiple-choice questions), ``distractors``, ``note``, ``quote`` and
``id``. Every other row is one question; a row without a prompt or an answer is skipped with its line number. A
CSV file may use commas or semicolons (as spreadsheets set to many European locales write it).
"""

from __future__ import annotations

import csv
import io
import re

from kzquiz.convert import ImportResult, Skipped
from kzquiz.convert.common import Candidate, credit_of, finish, option_weights, partial_answers, percent, snippet
from kzquiz.convert.ids import IdMaker
from kzquiz.deckreader import ID_PATTERN
from kzquiz.errors import ConversionError
from kzquiz.model import Answer, AnswerFact, Deck, PartialAnswer
from kzquiz.text import safe_text

COLUMNS: dict[str, tuple[str, ...]] = {
    "prompt": ("prompt", "question", "front"),
    "answer": ("answer", "back"),
    "aliases": ("aliases", "alias", "alternatives", "also"),
    "partial": ("partial", "partial_credit", "partly_right"),
    "tags": ("tags", "tag"),
    "distractors": ("distractors", "wrong"),
    "group": ("group",),
    "note": ("note", "notes", "feedback"),
    "quote": ("quote", "source"),
    "id": ("id",),
}
"""Each column kzquiz reads, with the header names it is recognised by."""

_LIST_SEPARATORS = re.compile(r"\s*[|;]\s*")
_TAG_SEPARATORS = re.compile(r"\s*[|;,]\s*")
_PARTIAL = re.compile(
    r"(?P<forms>.+?)\s*\(\s*(?P<percent>-?\d+(?:\.\d+)?)\s*%\s*(?::\s*(?P<feedback>.*?))?\s*\)", re.DOTALL
)


def read_partial(cell: str) -> tuple[PartialAnswer, ...]:
    """The ``partial`` cell's answers: ``Galilee = Galilea (50%: You need to be more specific.) | Indian (25%)``.

    Raises :class:`ValueError` naming an entry that is not an answer followed by its credit in parentheses.
    """
    out = []
    for entry in (e.strip() for e in cell.split("|")):
        if not entry:
            continue
        found = _PARTIAL.fullmatch(entry)
        if not found:
            raise ValueError(f"{entry!r} is not an answer with its credit (write Galilee (50%))")
        forms = [f.strip() for f in found.group("forms").split(" = ") if f.strip()]
        credit = credit_of(float(found.group("percent")))
        feedback = (found.group("feedback") or "").strip()
        out.append(PartialAnswer(forms[0], credit, feedback, tuple(dict.fromkeys(forms[1:]))))
    return tuple(out)


def partial_cell(partial: tuple[PartialAnswer, ...]) -> str:
    """The ``partial`` cell that :func:`read_partial` reads back as ``partial``."""
    entries = []
    for p in partial:
        said = f": {p.feedback}" if p.feedback else ""
        share = f"{p.credit * 100:.5f}".rstrip("0").rstrip(".")  # GIFT's precision: 1/3 is 33.33333%
        entries.append(f"{' = '.join(p.answer.forms)} ({share}%{said})")
    return " | ".join(entries)


def _split(text: str, pattern: re.Pattern[str] = _LIST_SEPARATORS) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part for part in pattern.split(text.strip()) if part))


def _columns(header: list[str], name: str) -> dict[str, int]:
    names = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = names.get(cell.strip().lower().replace(" ", "_"))
        if column and column not in found:
            found[column] = index
    missing = [c for c in ("prompt", "answer") if c not in found]
    if missing:
        shown = ", ".join(repr(c.strip()) for c in header if c.strip()) or "nothing"
        raise ConversionError(
            f"{name}:1: the header row has no {' and no '.join(missing)} column (it names {shown}); "
            "the first row must name the columns, e.g. prompt,answer,aliases,tags"
        )
    return found


def read_table(text: str, name: str, deck_id: str, title: str, delimiter: str = ",") -> ImportResult:
    """Import CSV (``delimiter=","``, or ``";"`` when the header uses it) or TSV (``"\\t"``) text as answer facts."""
    text = text.removeprefix("\ufeff")
    if delimiter == ",":
        first = text.split("\n", 1)[0]
        if first.count(";") > first.count(","):
            delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = []
        line = 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ConversionError(f"{name}:{reader.line_num}: {error}") from None
    rows = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ConversionError(f"{name}: the file is empty; the first row must name the columns (prompt,answer)")
    columns = _columns(rows[0][1], name)
    ids = IdMaker()
    candidates: list[Candidate] = []
    skipped: list[Skipped] = []
    for line, row in rows[1:]:

        def cell(column: str, row: list[str] = row) -> str:
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        prompt, answer = cell("prompt"), cell("answer")
        what = f"row {snippet(prompt or answer or ' '.join(row))}"
        if not prompt or not answer:
            skipped.append(Skipped(line, what, f"it has no {'prompt' if not prompt else 'answer'}"))
            continue
        try:
            partial = read_partial(cell("partial"))
        except ValueError as error:
            skipped.append(Skipped(line, what, f"partial: {error}"))
            continue
        given = cell("id")
        fact_id = ids.take(given) if given and ID_PATTERN.fullmatch(given) else ids.from_text(prompt)
        aliases = tuple(a for a in _split(cell("aliases")) if a != answer)
        fact = AnswerFact(
            id=fact_id,
            question=prompt,
            answer=Answer(answer, aliases),
            partial=partial,
            distractors=_split(cell("distractors")),
            tags=_split(cell("tags"), _TAG_SEPARATORS),
            group=cell("group"),
            note=cell("note"),
            quote=cell("quote"),
        )
        candidates.append(Candidate(line, what, fact))
    return finish(deck_id, title, candidates, skipped, [])


EXPORT_COLUMNS = ("id", "prompt", "answer", "aliases", "partial", "distractors", "tags", "group", "note", "quote")
"""The columns ``kzquiz export`` writes, in order; the importer reads them all back."""


def write_table(deck: Deck, delimiter: str = ",") -> str:
    """The deck as CSV (or TSV): one row per fact, from the fact's first question.

    Answer facts come back unchanged when the file is imported again; other kinds become a prompt and its
    expected answer (a choice fact's first question, a statement's "True or false?", a sequence's order), with
    the answers or options worth part of the marks in ``partial`` (a weighted tick-all question's weights beside
    its options in the prompt).
    """
    from kzquiz.grading import TextExpectation

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for fact in deck.facts:
        if isinstance(fact, AnswerFact):
            prompt, answer, aliases = fact.question, fact.answer.text, fact.answer.aliases
            distractors, partial = fact.distractors, fact.partial
        else:
            question = deck.questions_for(fact.id)[0]
            prompt, answer, aliases, distractors = question.prompt, question.expected, (), ()
            partial = partial_answers(question)
            if isinstance(question.expectation, TextExpectation):
                forms = [f for a in question.expectation.accepted for f in a.forms]
                answer, aliases = forms[0], tuple(forms[1:])
            weights = dict(option_weights(question))
            if question.choices and question.answer_type.value not in ("order", "true-false"):
                shown = [f"{c}: {percent(weights[c])}" if weights.get(c) else c for c in question.choices]
                prompt += " (" + " / ".join(shown) + ")"
        lists = [" | ".join(aliases), partial_cell(partial), " | ".join(distractors), " | ".join(fact.tags)]
        # No escape sequence, control character or bidi override reaches the file (a tab inside a cell is a space)
        cells = [fact.id, prompt, answer, *lists, fact.group, fact.note, fact.quote]
        writer.writerow([safe_text(cell) for cell in cells])
    return out.getvalue()

"""Moodle's Aiken format to choice facts: a question, lettered options, and ``ANSWER: X``.

::

    What is the capital of Kazakhstan?
    A. Almaty
    B. Astana
    C. Shymkent
    ANSWER: B

Options may be written ``A.`` or ``A)``; the question may run over several lines; questions may be separated by
blank lines. A question without a valid ``ANSWER:`` line is skipped with its line number.
"""

from __future__ import annotations

import re

from kzquiz.convert import ImportResult, Skipped
from kzquiz.convert.common import Candidate, finish, snippet
from kzquiz.convert.ids import IdMaker
from kzquiz.model import ChoiceFact

_OPTION = re.compile(r"^([A-Za-z])\s*[.)]\s+(.*\S)\s*$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(\S*)\s*$", re.IGNORECASE)


def read_aiken(text: str, name: str, deck_id: str, title: str) -> ImportResult:
    """Import Aiken ``text`` as choice facts."""
    del name  # problems are reported by line; the caller names the file
    ids = IdMaker()
    candidates: list[Candidate] = []
    skipped: list[Skipped] = []
    stem: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        line = raw.strip()
        if not line:
            if stem and not options:
                stem.append("")
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            what = f"question {snippet(' '.join(stem))}"
            letter = answer.group(1).upper()
            letters = [key for key, _ in options]
            if not stem or not options:
                skipped.append(Skipped(number, what if stem else "an ANSWER line", "no question and options before it"))
            elif letter not in letters:
                reason = f"ANSWER: {letter or '(nothing)'} names no option (the options are {', '.join(letters)})"
                skipped.append(Skipped(start, what, reason))
            else:
                question = " ".join(part for part in stem if part)
                right = next(t for k, t in options if k == letter)
                wrong = tuple(t for k, t in options if k != letter)
                fact = ChoiceFact(id=ids.from_text(question), question=question, answers=(right,), wrong=wrong)
                candidates.append(Candidate(start, what, fact))
            stem, options = [], []
        elif option and stem:
            options.append((option.group(1).upper(), option.group(2)))
        elif options:
            skipped.append(Skipped(start, f"question {snippet(' '.join(stem))}", "it has no ANSWER: line"))
            stem, options, start = [line], [], number
        else:
            if not stem:
                start = number
            stem.append(line)
    if stem:
        skipped.append(Skipped(start, f"question {snippet(' '.join(stem))}", "it has no ANSWER: line"))
    return finish(deck_id, title, candidates, skipped, [])

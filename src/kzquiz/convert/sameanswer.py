"""Which right answers of an imported question are one answer written several ways.

A GIFT question may list one answer in two scripts or spellings (``{=Astana =Астана ~Almaty}``); kzquiz asks it as
one option with aliases rather than "tick all". Forms are one answer when kzquiz's grading takes one for the other
as right, without a typo (another script, an article, spacing, case, punctuation), or when they are the same words
in another romanisation (``Tokaev`` for ``Tokayev``, ``Massimov`` for ``Masimov``), word for word, each word that
differs five letters long or more. A slip that grading would forgive is not enough: ``Henry VII`` and ``Henry
VIII``, ``EU`` and ``EEU``, ``Mary I`` and ``Mary`` stay two answers, and so do two answers made only of symbols
(``=`` and ``~``).

Grading keeps numbers and the symbols that carry meaning (:func:`kzquiz.marks.marks`), so forms that differ in a
sign, a symbol or a decimal point (``C++`` and ``C#``, ``-5`` and ``5``, ``3.5`` and ``35``) stay two answers. Forms
grading reads as one value though written with other symbols (``50%`` and ``50``, on a question without a unit) are
merged, and :func:`differ_in_marks` tells the import to say that their numbers or symbols differ.
"""

from __future__ import annotations

import re

from kzquiz.folding import answer_key, keys
from kzquiz.marks import marks
from kzquiz.model import Answer, Grading
from kzquiz.textmatch import Matcher

__all__ = ["differ_in_marks", "same_answers"]

_WORD = re.compile(r"\w+")
ROMANISED_WORD = 5
"""The fewest letters of a word that another romanisation may spell differently (as grading's slips)."""


def differ_in_marks(forms: list[str]) -> bool:
    """Whether ``forms`` have different numbers or symbols as grading reads them (:func:`kzquiz.marks.marks`): "50%"
    and "50" do; "5.0" and "5" do not, nor "2" and "two" (digits on one side only)."""
    (numbers, symbols), *others = (marks(form) for form in forms)
    return any(s != symbols or (n and numbers and n != numbers) for n, s in others)


def _romanised(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same words in other romanisations, word for word (``Tokaev``, ``Tokayev``)."""
    words_a, words_b = _WORD.findall(a), _WORD.findall(b)
    if not words_a or len(words_a) != len(words_b):
        return False
    for x, y in zip(words_a, words_b, strict=True):
        if answer_key(x) == answer_key(y):
            continue
        if keys(x).loose != keys(y).loose or min(len(keys(x).roman), len(keys(y).roman)) < ROMANISED_WORD:
            return False
    return True


def same_answers(texts: list[str]) -> list[list[str]]:
    """``texts`` grouped by what is one answer (see the module docstring); each group keeps the order of ``texts``."""
    groups: list[tuple[Matcher, list[str]]] = []
    for text in texts:
        for matcher, group in groups:
            first = group[0]
            if matcher.read(text).match.is_clean or (marks(first) == marks(text) and _romanised(first, text)):
                group.append(text)
                break
        else:
            groups.append((Matcher.build((Answer(text),), (), Grading(typos=False)), [text]))
    return [group for _, group in groups]

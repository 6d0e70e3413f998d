"""What folding must not fold away: the numbers, meaningful symbols and Roman numerals of a text.

Folding (:mod:`kzquiz.folding`) drops punctuation, so "3.5" and "35", "-5" and "5", "C++" and "C#" share a key.
Two texts with the same key are the same answer only when they also have the same :func:`marks`: the same numbers,
by value and sign, in the same order, and the same symbols attached to their words. Typos are held to more: a slip
never changes a Roman numeral either (:func:`numerals`), so "Henry VIII" is no slip of "Henry VII".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SIGNS = "+\u2212\u2012\u2013\\-"  # plus, hyphen-minus, minus sign, figure dash and en dash before a digit
_NUMBER = re.compile(rf"(?:(?<![^\W_])([{_SIGNS}]))?(\d{{1,3}}(?:[ ,\u00a0\u202f]\d{{3}})+(?!\d)|\d+)(?:\.(\d+))?")
"""A number: an optional sign (not after a letter or digit: "COVID-19" is 19), digits, groups of three after a
space or comma ("3 000", "3,000"), and decimals after a full stop."""
_DIGITS = re.compile(r"\d+")
_KEPT = frozenset("#%&@°‰§")
"""Symbols other than mathematical and currency ones that carry meaning next to a word ("C#", "50%", "AT&T")."""
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_WORD = re.compile(r"[^\W_]")
_SYMBOLISH = re.compile(r"[^\w\s'.,;:!?()\[\]{}\"\u2018\u2019\u201c\u201d\u2010-\u2015/-]")
"""A character that may be a symbol; letters, digits, spaces and the punctuation that never counts are not."""
_PLAIN = re.compile(r"[A-Za-z \t\n'.,;:!?()\"]*")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

Marks = tuple[tuple[float, ...], tuple[str, ...]]
NO_MARKS: Marks = ((), ())


@lru_cache(maxsize=4096)
def marks(text: str) -> Marks:
    """The numbers (by value, signed) and the meaningful symbols attached to words in ``text``, in order.

    ``marks("3.5") != marks("35")``, ``marks("-5") != marks("5")`` but ``marks("+5") == marks("05") ==
    marks("5.0") == marks("5")``, and ``marks("3 000") == marks("3,000") == marks("3000")``. A symbol counts when it
    is a mathematical symbol (``+``, ``=``, ``±``, but not ``~``), or touches a letter or digit and is a currency
    symbol or one of ``# % & @ ° ‰ §`` ("Procter & Gamble" has none); a dash counts
    when it ends the text right after a word ("A-"). Hyphens between words, full stops, commas, quotes, apostrophes
    and brackets never count, nor does a plus or minus sign before a number (the number's sign says it).
    """
    if text.isascii() and text.isalnum():  # "1997", "F16": digits and letters only, so no sign, group or decimal
        return (tuple(map(float, _DIGITS.findall(text))), ()) if not text.isalpha() else NO_MARKS
    if _PLAIN.fullmatch(text):
        return NO_MARKS  # most answers: letters, spaces and punctuation that never counts
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    numbers: list[float] = []
    signs: set[int] = set()
    for found in _NUMBER.finditer(text):
        sign, whole, decimals = found.groups()
        digits = whole if whole.isdigit() else re.sub(r"\D", "", whole)  # "3 000": its groups' digits
        value = float(f"{digits}.{decimals}" if decimals else digits)
        if sign:
            signs.add(found.start())
            if sign != "+":
                value = -value
        numbers.append(value)
    symbols: list[str] = []
    run = ""
    attached = False
    for i, char in enumerate(text if _SYMBOLISH.search(text) else ""):  # most texts have no symbol to look at
        if i not in signs and _meaningful(char):
            attached = attached or (i > 0 and _WORD.match(text[i - 1]) is not None) or _mathematical(char)
            run += char
            continue
        if run and (attached or _WORD.match(char)):
            symbols.append(run.replace("\u2212", "-"))
        run, attached = "", False
    if run and attached:
        symbols.append(run.replace("\u2212", "-"))
    stripped = text.rstrip()
    last = stripped[-1:]
    if len(stripped) > 1 and last in _DASHES and not _meaningful(last) and _WORD.match(stripped[-2]):
        symbols.append("-")  # "A-", a grade: not the "A" it would fold to
    return tuple(numbers), tuple(symbols)


def _mathematical(char: str) -> bool:
    return unicodedata.category(char) == "Sm"


def _meaningful(char: str) -> bool:
    return char in _KEPT or (not char.isalnum() and unicodedata.category(char) in ("Sm", "Sc") and char != "~")


def numerals(text: str, *, any_case: bool) -> tuple[int, ...]:
    """The Roman numerals among the words of ``text`` after its first ("Henry VIII" → ``(8,)``): words of the letters
    I, V, X, L, C, D and M that make a well-formed numeral, in capitals unless ``any_case``."""
    found = []
    for word in text.split()[1:]:
        word = word.strip(".,;:!?()\"'")
        if not word or (not any_case and not word.isupper()):
            continue
        value = roman_value(word.upper())
        if value:
            found.append(value)
    return tuple(found)


def roman_value(word: str) -> int:
    """The value of ``word`` as a well-formed Roman numeral in capitals ("VIII" → 8), or 0 when it is none."""
    return _roman_value(word) if word and word.isascii() and _ROMAN.match(word) else 0


def _roman_value(numeral: str) -> int:
    total = 0
    for i, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def same_numerals(answer: str, form: str) -> bool:
    """Whether a slip ``answer`` keeps the Roman numerals of the accepted ``form``: those the deck writes in capitals
    must be typed, in any case, as they are; an answer may not add one in capitals either."""
    wanted = numerals(form, any_case=False)
    return numerals(answer, any_case=bool(wanted)) == wanted

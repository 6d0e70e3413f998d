"""Folding text to the forms answers are compared in, and expanding the forms a teacher wrote.

Three keys are computed for every text (see :class:`Keys`): the *plain* key (case, spacing, punctuation, leading
articles and, unless accents matter, accents folded away), the *romanised* key (the plain key written in ASCII
letters, so "Алматы" and "Almaty" meet) and the *loose* key (the romanised key with the usual differences between
romanisation systems folded: "Tokaev" and "Tokayev", "Qasym" and "Kassym"). Everything here is pure and
idempotent: folding a key again gives the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import permutations

import attrs
from anyascii import anyascii

from kzquiz.makers import maker
from kzquiz.marks import NO_MARKS, marks

ARTICLES = frozenset({"the", "a", "an"})
"""Leading words an answer may have or leave out: "the Security Council" is "Security Council"."""

MAX_OPTIONAL = 5
"""Parenthesised groups expanded per form (2**5 variants); text with more keeps its parentheses as plain words."""

_WORDS = re.compile(r"[^\W_]+")
_ASCII_WORDS = re.compile(r"[a-z0-9]+")
_NOT_WORD = re.compile(r"[\W_]+")
_OPTIONAL = re.compile(r"\(([^()]*)\)")
_LOOSE_RULES = (
    ("h", (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"))),
    ("q", (("q", "k"),)),
    ("y", (("ya", "a"), ("ye", "e"), ("yo", "o"), ("yu", "u"), ("y", "i"))),
)
"""Replacements made in turn, grouped by a letter each of their patterns has (no replacement makes a later group's
letter), so a key without the letter skips the group."""
_DOUBLES = re.compile(r"(.)\1", re.DOTALL)
_REPEATED = re.compile(r"(.)(?=\1)", re.DOTALL)
"""A character the same character follows: dropping each one leaves a run's last, so a run becomes one letter."""
_SPACE_BEFORE_STOP = re.compile(r"\s+([,.;:])")


@attrs.frozen
class Keys:
    """The comparison keys of one text.

    Attributes:
        plain: NFKC, case-folded, accents dropped unless they matter, punctuation and spaces removed, leading
            articles left out; letters of any script kept as they are.
        roman: ``plain`` in ASCII letters (Cyrillic, Greek, CJK, ... romanised); accented Latin letters are
            kept when accents matter.
        bare: ``roman`` without accents, whether or not they matter (to tell an accent-only slip).
    """

    plain: str
    roman: str
    bare: str

    @property
    def loose(self) -> str:
        """``bare`` with romanisation differences folded (zh/j, kh/h, q/k, y/i, doubled letters).

        Worked out each time it is asked for: a cached property of a slotted class is found missing first, and
        raising and catching that cost as much as loosening a short key; an answer's keys are read once.
        """
        return loosen(self.bare)


_make_keys = maker(Keys)  # every answer read builds one: three times faster than Keys(...) (see kzquiz.makers)


def fold(text: str, *, accents: bool = False) -> str:
    """The plain key of ``text`` (see :class:`Keys`): the same script, without case, spacing or punctuation."""
    if text.isascii():
        # Most answers. ASCII is its own NFKC form and has no accents; it casefolds as lower(), and its word
        # characters are letters and digits, which a plain character set finds twice as fast as \w, and split()
        # three times as fast again when nothing but spaces stands between them.
        lowered = text.lower()
        words = lowered.split() if lowered.replace(" ", "").isalnum() else _ASCII_WORDS.findall(lowered)
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = unicodedata.normalize("NFKC", text) if accents else _strip_accents(text)
        words = _WORDS.findall(text)
    start = 0
    while start < len(words) - 1 and words[start] in ARTICLES:
        start += 1
    return "".join(words[start:])


def symbols(text: str) -> str:
    """The key of a text made only of symbols ("!!", "±", "≤"), which :func:`fold` leaves empty: NFKC, case-folded,
    spaces removed, every symbol kept. Such an answer is right only when its symbols are typed as written."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def answer_key(text: str, *, accents: bool = False) -> str:
    """``normalize(text)``, or for a text of symbols only, :func:`symbols`: two texts with the same answer key are
    the same answer ("Astana" and "astana"; "!!" and "! !"), two with different ones are different ("!!" and "??").
    Numbers and symbols that grading keeps (see :func:`kzquiz.marks.marks`) are part of the key: "C++" and "C#",
    "3.5" and "35" are different answers.
    """
    key = normalize(text, accents=accents)
    if not key:
        return symbols(text)
    if text.isascii() and text.replace(" ", "").isalpha():
        return key  # ASCII letters and spaces (most answers) have no marks: known without marks()' cache or pattern
    said = marks(text)
    return key if said == NO_MARKS else f"{key}\x00{said!r}"


KEYS_REMEMBERED = 4096
"""How many answer keys a :class:`RememberedKeys` keeps at a time, of each kind (with and without accents)."""


class RememberedKeys:
    """:func:`answer_key` of the texts met lately, for work that folds the same texts several times in a row (a
    fact's options in each check of the deck reader, a group's pool for each fact of the group). Bounded: emptied
    when it holds :data:`KEYS_REMEMBERED` keys of a kind, so that it never holds one key per answer of a big deck."""

    def __init__(self) -> None:
        """Nothing remembered yet."""
        self._keys: tuple[dict[str, str], dict[str, str]] = ({}, {})  # without, with accents

    def key(self, text: str, accents: bool = False) -> str:
        """``answer_key(text, accents=accents)``."""
        keys = self._keys[accents]
        key = keys.get(text)
        if key is None:
            if len(keys) >= KEYS_REMEMBERED:
                keys.clear()
            key = keys[text] = answer_key(text, accents=accents)
        return key


def normalize(text: str, *, accents: bool = False) -> str:
    """Fold ``text`` to the key answers are compared by: the romanised key of :class:`Keys`.

    NFKC, case folding, accents and diacritics dropped (unless ``accents``), punctuation, hyphens and spaces
    removed, leading articles left out, other scripts romanised: ``normalize("the Nur-Sultan")``,
    ``normalize("nursultan")`` and ``normalize("Нур-Султан")`` are all ``"nursultan"``. Idempotent.
    """
    return _romanize(fold(text, accents=accents), accents)


def keys(text: str, *, accents: bool = False) -> Keys:
    """Every comparison key of ``text`` at once (see :class:`Keys`)."""
    plain = fold(text, accents=accents)
    roman = _romanize(plain, accents)
    bare = _strip_accents(roman) if accents and not roman.isascii() else roman
    return _make_keys(plain, roman, bare)


def loosen(roman: str) -> str:
    """Fold the differences between romanisation systems out of an ASCII key ("qasymzhomart" → "kasimjomart")."""
    for letter, rules in _LOOSE_RULES:
        if letter in roman:
            for old, new in rules:
                if old in roman:
                    roman = roman.replace(old, new)
    # A run of one letter becomes the letter. Most keys have none, which a search tells fastest; deleting (a plain ""
    # replacement, all in C) is twice as fast as replacing each run by its first letter through a Python callback.
    # Loosening is on the path of every answer that no key matches, a whole list answer included.
    return _REPEATED.sub("", roman) if _DOUBLES.search(roman) else roman


def expand_optional(text: str) -> tuple[str, ...]:
    """Every form of ``text`` with its parenthesised words in and out, the full form first.

    ``"Karim (Qajymqanuly) Masimov"`` gives ``("Karim Qajymqanuly Masimov", "Karim Masimov")``. Forms that
    would be empty are left out; text with more than :data:`MAX_OPTIONAL` groups keeps its words as they are.
    """
    if "(" not in text:  # most answers: no group, and no regular expression needed to see it
        return (_tidy(text.replace(")", " ")),)
    groups = _OPTIONAL.findall(text)
    if not groups or len(groups) > MAX_OPTIONAL:
        return (_tidy(text.replace("(", " ").replace(")", " ")),)
    pieces = _OPTIONAL.split(text)  # text, group, text, group, ..., text
    forms: list[str] = []
    for mask in range(2 ** len(groups)):
        # mask 0 keeps every group, so the full form comes first.
        out = [pieces[0]]
        for i, group in enumerate(groups):
            out.append("" if mask & (1 << i) else group)
            out.append(pieces[2 * i + 2])
        form = _SPACE_BEFORE_STOP.sub(r"\1", _tidy(" ".join(out).replace("(", " ").replace(")", " ")))
        if form and form not in forms:
            forms.append(form)
    return tuple(forms)


def surname(text: str) -> str:
    """The last word of a person's name ("Kassym-Jomart Tokayev" → "Tokayev"), or "" for a single word."""
    words = text.split()
    return words[-1].strip(",.;:") if len(words) > 1 else ""


def initialled(text: str) -> list[str]:
    """A person's name with its given names as initials: "J Grimm" and, for several, "K J Tokayev" too (for
    "Kassym-Jomart Tokayev"); [] for a single word. Folding reads "J. Grimm" and "K.-J. Tokayev" as these."""
    words = text.split()
    if len(words) < 2:
        return []
    firsts = (next((char for char in part if char.isalpha()), "") for word in words[:-1] for part in word.split("-"))
    letters = [letter for letter in firsts if letter]
    if not letters:
        return []
    forms = [f"{letters[0]} {words[-1]}"]
    if len(letters) > 1:
        forms.append(f"{' '.join(letters)} {words[-1]}")
    return forms


def typo_allowance(length: int) -> int:
    """How many edits (insertions, deletions, substitutions, swaps) a key of ``length`` letters may have."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 14:
        return 2
    return 3


MAX_NAME_ORDERS = 3
"""Names of up to this many words are accepted in any order; longer ones may start at any word, in order."""


def name_orders(text: str) -> list[str]:
    """The other orders of a person's name: "Masimov Karim" for "Karim Masimov"; every order of two or three
    words, and each rotation of a longer name ("Tokayev Kassym-Jomart Kemeluly" keeps the given names' order).
    Commas are read as spaces ("Tokayev, Kassym-Jomart"); a single word has no other order."""
    words = text.replace(",", " ").split()
    if len(words) < 2:
        return []
    if len(words) <= MAX_NAME_ORDERS:
        orders = [list(order) for order in permutations(words)]
    else:
        orders = [words[i:] + words[:i] for i in range(len(words))]
    return [" ".join(order) for order in orders if order != words]


def tidy(text: str) -> str:
    """``text`` with runs of white space made single spaces and the ends stripped."""
    return _tidy(text)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _romanize(plain: str, accents: bool) -> str:
    if plain.isascii():
        return plain
    text = "".join(_romanize_char(c) for c in plain) if accents else anyascii(plain)
    if not text.isascii() or not text.islower() or not text.isalnum():
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
    return text


@lru_cache(maxsize=4096)
def _romanize_char(char: str) -> str:
    """One character in ASCII, except Latin letters, which keep their accents (accents matter)."""
    if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
        return char
    return anyascii(char)


def fold_char(char: str) -> str:
    """One character as it is compared when marking spelling differences: case, accents and script folded."""
    return _fold_char(char)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = anyascii(_strip_accents(char.casefold())).casefold()
    return folded or char

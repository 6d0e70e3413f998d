"""The question's own words in an answer: the kind of thing it asks for, and titles before a person's name.

"Which river flows into Lake Balkhash?" names its answer a river, so "the Ili River" is "Ili"; "Which sea..." makes
"Caspian" enough for "Caspian Sea". With ``surname = true``, "President Tokayev" is "Tokayev". These helpers
find the words and strip them; :class:`kzquiz.textmatch.Matcher` decides what the stripped text means.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from kzquiz.folding import ARTICLES

TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "general",
        "gen",
        "colonel",
        "col",
        "major",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "admiral",
        "marshal",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "madame",
        "monsieur",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "ambassador",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "empress",
        "tsar",
        "czar",
        "sultan",
        "sheikh",
        "emir",
        "pope",
        "saint",
        "st",
        "father",
        "rev",
        "reverend",
        "judge",
        "justice",
        "akim",
        "deputy",
        "former",
        "late",
    ]
)
"""Words read past before a person's name when ``surname = true``: "President Tokayev" is "Tokayev"."""

_QUESTION_WORD = re.compile(r"\b(?:which|what|how\s+many)\s+((?:[^\W\d_]+(?:[-\s]+|\b)){1,4})", re.IGNORECASE)
_FIRST_WORD = re.compile(r"\b(?:which|what|how\s+many)\s+([^\W\d_]+)(?:[-\s]|\b)", re.IGNORECASE)
"""The first word after "which" or "what", found where :data:`_QUESTION_WORD` finds its words."""
_NOT_HEAD = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "did",
        "does",
        "do",
        "has",
        "had",
        "have",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "of",
        "in",
        "on",
        "at",
        "from",
        "to",
        "for",
        "by",
        "with",
        "about",
        "into",
        "over",
        "under",
        "after",
        "before",
        "since",
        "during",
        "according",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "it",
        "its",
        "his",
        "her",
        "their",
        "your",
        "my",
        "our",
        "and",
        "or",
        "but",
        "not",
        "kind",
        "sort",
        "type",
    ]
)


def head_words(question: str) -> tuple[str, ...]:
    """The words a question names the kind of answer by: "Which military alliance did..." → ("military", "alliance").

    They are up to three words right after the first "which", "what" or "how many", up to a verb, preposition or
    article ("How many regions does..." → ("regions",)). An
    answer may add the first before or after itself ("River Ili", "Ili River"), the others only after.
    """
    first = _FIRST_WORD.search(question)
    if not first or first.group(1).casefold() in _NOT_HEAD:
        return ()  # most questions go on with a verb ("What is..."): no head words, without reading four words
    found = _QUESTION_WORD.match(question, first.start())
    if not found:
        return ()
    heads: list[str] = []
    # Words run between hyphens and white space (str.split's white space is \s): five times faster than re.split.
    for word in found.group(1).casefold().replace("-", " ").split():
        if word in _NOT_HEAD:
            break
        heads.append(word)
    return tuple(heads[:3])


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)(?![\w'’-])")


def blank_words(parts: Sequence[str]) -> tuple[str, ...]:
    """The words right after a cloze's blanks, which an answer may add to the blank as a question's own words:
    "river" in "The {{Ural}} river", "km" in "{{2,428}} km long"; not a verb, preposition or article ("is", "on").

    ``parts`` alternates text and blanks, as :class:`~kzquiz.model.ClozeFact` holds them."""
    words: list[str] = []
    for text in parts[2::2]:
        found = _NEXT_WORD.match(text)
        if found and found.group(1).casefold() not in _NOT_HEAD and found.group(1).casefold() not in words:
            words.append(found.group(1).casefold())
    return tuple(words)


@attrs.frozen
class Heads:
    """A question's head words: ``start`` may stand before an answer or after it, ``end`` only after it."""

    start: frozenset[str]
    end: frozenset[str]

    @classmethod
    def of(cls, words: tuple[str, ...]) -> Heads:
        def forms(word: str) -> set[str]:
            word = word.casefold()
            return {word, word[:-1]} if word.endswith("s") and len(word) > 3 else {word}

        start = forms(words[0]) if words else set()
        return cls(frozenset(start), frozenset(start.union(*(forms(w) for w in words))))

    def __bool__(self) -> bool:
        return bool(self.end)


def strip_words(words: list[str], heads: Heads) -> list[str]:
    """``words`` without a head word at the end or (the first head word) at the start, keeping one word."""
    if len(words) > 1 and _folded(words[-1]) in heads.end:
        words = words[:-1]
    if len(words) > 1 and _folded(words[0]) in heads.start:
        words = words[1:]
        if len(words) > 1 and words[0].casefold() == "of":
            words = words[1:]  # "the city of Almaty"
    return words


def _folded(word: str) -> str:
    return word.casefold().strip(".,;:!?\"'’‘“”")


def without_heads(form: str, heads: Heads) -> tuple[str, ...]:
    """A form without the question's head words ("Caspian" for "Caspian Sea" when the question asks "Which sea"),
    or nothing when it has none."""
    if not heads:
        return ()
    words = form.split()
    while len(words) > 1 and words[0].casefold() in ARTICLES:
        words = words[1:]
    short = strip_words(words, heads)
    return (" ".join(short),) if short != words else ()

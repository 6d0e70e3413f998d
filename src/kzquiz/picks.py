"""Reading which options an answer picks (by number, letter or text), and true-or-false answers.

Option numbers count from 1 and letters from "a", in the order the options are shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from kzquiz.folding import fold_char, normalize
from kzquiz.text import safe_text
from kzquiz.textmatch import Hit, Match, Matcher
from kzquiz.verdict import quote

if TYPE_CHECKING:
    from kzquiz.questions import Question

_TOKENS = re.compile(r"[\s,;/>→|]+|\band\b|\bthen\b")
_TEXT_PARTS = re.compile(r"(?=[,;\n>→|\s])\s*(?:[,;\n>→|]|\s(?:and|then)\s)\s*")
"""Where an answer's option texts part. Every separator starts with a space or one of its marks; saying so first
lets the search skip in C to the next such character instead of trying the whole pattern at each one."""
_TRUE = frozenset({"true", "t", "yes", "y", "correct", "right", "da", "1", "a"})
_FALSE = frozenset({"false", "f", "no", "n", "wrong", "incorrect", "net", "2", "b"})
_WORDY = re.compile(r"(?<!\w)(?!(?:and|then)(?!\w))\w*(?:[^\W\d]\w|\w[^\W\d])")
"""A word other than "and" or "then" with a letter next to another character of the word: no option number or
letter is such a word, nor is any token :func:`option_tokens` finds in a text that has one."""
_NUMBERS = re.compile(r"[\d\s,]+")
_OPTION_NUMBER = re.compile(r"[(\[]?\s*[12]\s*[.)\]]?")


def read_picks(answer: str, matcher: Matcher, count: int) -> tuple[list[tuple[int, Match]], list[str]]:
    """The options ``answer`` picks, in its order, each with how it matched; and the parts that name no option.

    ``matcher`` holds the options' texts (one item per option) and ``count`` is their number. The whole answer
    is first read as one option's text, or any other accepted form of it (so an option "1991" is not option number
    1991, and "3" picks an option "three"), then as numbers ("3 1 2", "3,1,2", "312": the options that say those
    numbers if there are such, else positions), then as letters ("c a b"), then as option texts separated by commas,
    semicolons, new lines, "and", "then", arrows, or spaces when that split is unambiguous.
    """
    whole = answer.strip()
    hit = matcher.read(whole)
    if hit.accepted:
        return [(hit.item, hit.match)], []
    folded = whole.casefold()
    # Numbers and letters only when no word has two characters with a letter among them ("Astana"), which no
    # number or letter can be: most answers name options, and splitting them into tokens was a tenth of reading them.
    tokens = [] if _WORDY.search(folded) else option_tokens(folded)
    if tokens and all(t.isdecimal() and t.isascii() for t in tokens) and matcher.has_numbers:
        # Options that are numbers ("three", "1991"): a typed number means the option that says it, not a position.
        meant = [matcher.read(t) for t in tokens]
        if all(hit.accepted for hit in meant):
            return [(hit.item, hit.match) for hit in meant], []
    if tokens and all(t.isdecimal() and t.isascii() for t in tokens):
        if len(tokens) == 1 and len(tokens[0]) > 1 and int(tokens[0]) > count and count < 10:
            tokens = list(tokens[0])  # "312" for three options
        numbers = [int(t) for t in tokens]
        if all(1 <= n <= count for n in numbers):
            return [(n - 1, Match.EXACT) for n in numbers], []
        return [], [t for t, n in zip(tokens, numbers, strict=True) if not 1 <= n <= count]
    letters = "abcdefghijklmnopqrstuvwxyz"[:count]
    if tokens and all(len(t) == 1 and t in letters for t in tokens):
        return [(letters.index(t), Match.EXACT) for t in tokens], []
    picked: list[tuple[int, Match]] = []
    unread: list[str] = []
    parts: list[tuple[str, Hit | None]] = []
    for part in _TEXT_PARTS.split(whole):
        part = part.strip()
        whole_part = matcher.read(part) if " " in part else None
        words = matcher.split_words(part, 2 * count + 10) if whole_part is not None and whole_part.item < 0 else None
        # "Akmolinsk Tselinograd Akmola": option texts separated by spaces, already matched
        parts.extend(words or [(part, whole_part)])
    for part, read in parts:
        if not part:
            continue
        if len(picked) + len(unread) >= 2 * count + 10:
            unread.append(part)  # far more parts than options: the rest cannot be right, so are not matched
            continue
        hit = read if read is not None else matcher.read(part)
        if hit.accepted:
            picked.append((hit.item, hit.match))
        elif part.isdecimal() and part.isascii() and 1 <= int(part) <= count:
            picked.append((int(part) - 1, Match.EXACT))  # "5, 4, Almaty, ...": a number among texts
        elif len(part) == 1 and part.casefold() in letters:
            picked.append((letters.index(part.casefold()), Match.EXACT))
        else:
            unread.append(part)
    return picked, unread


def option_tokens(folded: str) -> list[str]:
    """The words of a casefolded answer that may be option numbers or letters ("3 1 2", "c, a and b")."""
    tokens = [t.strip("().[]") for t in _TOKENS.split(folded)]
    return [t for t in tokens if t]


def read_truth(answer: str) -> bool | None:
    """True or false from "true", "t", "yes", "false", "no", "f", "n", or "1"/"2" and "a"/"b" (True, False).

    A number is an option's number only as one ("2", "2.", "(2)"): "-1", "+1" or "1.5" is neither true nor false.
    """
    word = normalize(answer)
    if word.isdigit() and not _OPTION_NUMBER.fullmatch(answer.strip()):
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def picks_answer(question: Question, indexes: Sequence[int]) -> str:
    """An answer that picks the options at ``indexes`` (in that order), as readable as the grader reads right.

    The options' texts read best when echoed back ("Armenia, Russia"), but an option may contain a comma or be a
    number ("1991"); so each spelling is checked by reading it back, and numbers are the fallback that never fails.
    """
    choices = question.choices
    numbers = " ".join(str(i + 1) for i in indexes)
    matcher = getattr(question.expectation, "matcher", None)
    if matcher is None:
        return numbers
    for separator in (", ", "; "):
        candidate = separator.join(choices[i] for i in indexes)
        # Read back as the grader reads it: cleaned of control characters first.
        picks, unread = read_picks(safe_text(candidate), matcher, len(choices))
        if not unread and [index for index, _ in picks] == list(indexes):
            return candidate
    return numbers


def picked_text(question: Question, answer: str) -> str:
    """What an answer to a question with options picked, as the options say it: ``Kyrgyzstan``, ``True``,
    ``Russia; Belarus`` (in the order given); the answer as typed when it is no such pick, or names no option."""
    from kzquiz.questions import AnswerType

    text = safe_text(answer)
    if question.answer_type is AnswerType.TRUE_FALSE:
        truth = read_truth(text)
        return text if truth is None else ("True" if truth else "False")
    matcher = getattr(question.expectation, "matcher", None)
    if matcher is None or not question.choices or not text.strip():
        return text
    picks, unread = read_picks(text, matcher, len(question.choices))
    if unread or not picks:
        return text
    return "; ".join(question.choices[index] for index in dict.fromkeys(index for index, _ in picks))


def options_read_by(question: Question) -> Matcher | None:
    """What reads which options an answer to ``question`` names: its expectation's matcher, or for an expectation
    that has none (one a library user wrote) the options' texts read as any question's options are; None without
    options. So an answer that names no option is told apart, whatever the expectation."""
    matcher = getattr(question.expectation, "matcher", None)
    if isinstance(matcher, Matcher) or not question.choices:
        return matcher if isinstance(matcher, Matcher) else None
    from kzquiz.grading import options_matcher
    from kzquiz.model import Grading

    return options_matcher(question.choices, (), Grading())


def not_a_pick(question: Question, answer: str) -> str:
    """Why ``answer`` picks nothing a question with options offers, as a sentence to ask again with ("“Mongolia” is
    not one of the options: ..."); "" when it picks options (right or wrong), is empty, or the question has none.

    A prompt with arrow keys can only pick options, so a line-by-line prompt asks again rather than grade such an
    answer wrong: a part that names no option, several options for a question with one answer, neither true
    nor false, or an order that does not place every option (numbers: each once).
    """
    from kzquiz.questions import AnswerType

    text = safe_text(answer).strip()
    kind = question.answer_type
    if not text or kind not in (AnswerType.CHOICE, AnswerType.SELECT, AnswerType.ORDER, AnswerType.TRUE_FALSE):
        return ""
    if kind is AnswerType.TRUE_FALSE:
        if read_truth(text) is not None:
            return ""
        return f"“{quote(text)}” is neither true nor false: answer true or false (or 1 or 2)."
    count = len(question.choices)
    matcher = options_read_by(question)
    if matcher is None:
        return ""
    picks, unread = read_picks(text, matcher, count)
    how = (
        f"answer with a number from 1 to {count}, a letter from a to {'abcdefghijklmnopqrstuvwxyz'[min(count, 26) - 1]}"
    )
    how += " or an option's text"
    if unread or not picks:
        parts = unread or [text]
        named = ", ".join(f"“{quote(part)}”" for part in parts[:3]) + (" ..." if len(parts) > 3 else "")
        verb = "is not one of the options" if len(parts) == 1 else "are not among the options"
        return f"{named} {verb}: {how}."
    if kind is AnswerType.CHOICE and len({index for index, _ in picks}) > 1:
        return f"Pick one option only: {how}."
    if kind is AnswerType.ORDER and (
        len(picks) != count or (text.isascii() and _NUMBERS.fullmatch(text) and read_order(text, count) is None)
    ):
        example = " ".join(str(number) for number in range(count, 0, -1))
        gave = f": you gave {len(picks)}" if len(picks) != count else ""
        return f"Give each of the {count} options once, in order (e.g. {example}){gave}."
    return ""


@attrs.frozen
class Named:
    """What a text typed at a list of options names (see :func:`named_options`).

    Attributes:
        picks: the options it names, in the order named (several only where several can be picked, or to say that
            a question with one answer was given more).
        containing: when it names none, the options whose text contains it (several: the text is not yet enough).
    """

    picks: tuple[int, ...] = ()
    containing: tuple[int, ...] = ()


def search_key(text: str) -> str:
    """``text`` as typed text is compared with the start or a part of an option: its letters and digits only, each
    folded as grading folds it (case, accents, and other scripts written in Latin letters: "Алм" → "alm",
    "É-t" → "et"), articles kept, so that every text typed on the way to an option is found in it."""
    return "".join(fold_char(char) for char in text if char.isalnum())


def options_containing(text: str, options: Sequence[str]) -> tuple[int, ...]:
    """The options whose :func:`search_key` contains ``text``'s; none for a text without letters or digits."""
    key = search_key(text)
    if not key:
        return ()
    return tuple(index for index, option in enumerate(options) if key in search_key(option))


def named_options(question: Question, text: str) -> Named:
    """The options of ``question`` that ``text``, typed at its list of options, names.

    First as a typed answer names them (:func:`read_picks`: a number, a letter, an option's text or an accepted
    spelling of it, several separated; true or false by :func:`read_truth`), so that typing at the list and typing
    a line in plain mode pick the same; else the one option whose text contains it (:func:`options_containing`),
    which the list shows before Enter is pressed. Several options containing it, or none, name nothing.
    """
    from kzquiz.questions import AnswerType

    if not safe_text(text).strip():
        return Named()
    if question.answer_type is AnswerType.TRUE_FALSE:
        truth = read_truth(text)
        if truth is not None:
            return Named((0 if truth else 1,))
        return _containing(text, ("True", "False"))
    matcher = options_read_by(question)
    if matcher is not None:
        picks, unread = read_picks(safe_text(text), matcher, len(question.choices))
        if picks and not unread:
            return Named(tuple(dict.fromkeys(index for index, _ in picks)))
    return _containing(text, question.choices)


def named_option(text: str, options: Sequence[str]) -> Named:
    """The option of a menu (the program's own words) that ``text`` names: its number (from 1), the start of its
    name when only one starts so, else the one option containing it; start and part compared by
    :func:`search_key`, one folding for both (see :func:`named_options`)."""
    number = text.strip()
    if number.isdecimal() and number.isascii() and 1 <= int(number) <= len(options):
        return Named((int(number) - 1,))
    key = search_key(text)
    if not key:
        return Named()
    starting = [index for index, option in enumerate(options) if search_key(option).startswith(key)]
    if len(starting) == 1:
        return Named((starting[0],))
    return _containing(text, options)


def _containing(text: str, options: Sequence[str]) -> Named:
    containing = options_containing(text, options)
    return Named(containing) if len(containing) == 1 else Named((), containing)


def read_order(text: str, count: int) -> list[int] | None:
    """The 0-based order typed as ``3 1 2`` (or ``3,1,2``, or ``312`` for fewer than ten), or None if invalid.

    Valid means every number from 1 to ``count`` exactly once, so an order can never be half-entered by mistake.
    """
    tokens = text.replace(",", " ").split()
    if len(tokens) == 1 and count < 10 and len(tokens[0]) == count:
        tokens = list(tokens[0])
    if not all(t.isdecimal() and t.isascii() for t in tokens):
        return None
    numbers = [int(t) for t in tokens]
    if sorted(numbers) != list(range(1, count + 1)):
        return None
    return [n - 1 for n in numbers]

"""``kzquiz audit``'s rules for weak multiple-choice items, in every choice and tick-all question a deck generates.

Two options that are the same answer, an option the teacher's own prompt names, a right option much longer than
every other, and options that are or start with small numbers (a typed digit may mean a place in the list or the
option that says it). The rules, in
plain words, are in docs/teachers.md (``kzquiz audit``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kzquiz.auditfindings import AuditFinding, AuditRule, make_finding, one_line
from kzquiz.folding import expand_optional, keys, surname, typo_allowance
from kzquiz.grading import ChoiceExpectation
from kzquiz.leaks import spaced_words, words
from kzquiz.marks import marks, numerals, roman_value
from kzquiz.model import Answer, AnswerFact, AnyFact, ChoiceFact, ClozeFact, SequenceFact, SetFact
from kzquiz.picks import options_read_by
from kzquiz.problems import Severity
from kzquiz.questions import AnswerType, Question
from kzquiz.questionwords import Heads, without_heads

__all__ = ["ruled_out", "weak_options"]

_NUMBER_WORD_LIST = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
    "twenty",
)
_NUMBER_WORDS = frozenset(_NUMBER_WORD_LIST)
"""Number words an option may be, and their values (their places in the list)."""
_TRUE_FALSE = AnswerType.TRUE_FALSE  # looked up once: on Python 3.11 each AnswerType.X costs ~900 instructions
LONGER_BY = 1.25
"""The right option is "much longer" when it is this many times as long as every other option, and 12 characters."""
LONGER_CHARACTERS = 12


def weak_options(fact: AnyFact, questions: tuple[Question, ...]) -> Iterator[AuditFinding]:
    """The weak options of a fact's choice and tick-all questions: the same answer twice, a right option much longer
    than every other, small numbers that typing a digit would pick by position (see :func:`ruled_out` for the
    rest)."""
    accepted: dict[str, Answer] | None = None  # the same for every question of the fact: worked out at the first
    for question, expectation in _choice_questions(questions):
        if accepted is None:
            accepted = _accepted_forms(fact)
        yield from _weak_options(fact, question, expectation, accepted)


_heads = lru_cache(maxsize=256)(Heads.of)
"""A question's head words read once per wording ("Which river" in hundreds of questions), not once per question."""


def _choice_questions(questions: tuple[Question, ...]) -> Iterator[tuple[Question, ChoiceExpectation]]:
    """The choice and tick-all questions among ``questions`` (not true or false), each with its expectation."""
    for question in questions:
        expectation = question.expectation
        if isinstance(expectation, ChoiceExpectation) and question.answer_type is not _TRUE_FALSE:
            yield question, expectation


def _weak_options(
    fact: AnyFact, question: Question, expectation: ChoiceExpectation, accepted: dict[str, Answer]
) -> Iterator[AuditFinding]:
    options = expectation.choices
    accents, by_surname = fact.grading.accents, fact.grading.surname
    # Each option's comparison keys: every form that grading accepts for it (for a right option, its aliases,
    # its forms without optional words and its surname), folded as grading folds them; a typo apart is another
    # answer ("east", "west"), another romanisation ("Tokaev") is not. A wrong option is not accepted by its
    # surname: "Karl Berg" and "Eva Berg" are two wrong answers to "Anna Berg", and picking either is wrong. The
    # question's head words may stand beside any of them: "Ishim River" is "Ishim" when it asks "Which river...".
    head = _heads(expectation.heads) if expectation.heads else None
    own = []
    for i, option in enumerate(options):
        forms = accepted[option].forms if i in expectation.correct and option in accepted else (option,)
        if head is not None and any(" " in form for form in forms):  # one word has no head word beside it
            forms = (*forms, *(short for form in forms for short in without_heads(form, head)))
        own.append(_answer_keys(forms, accents, by_surname and i in expectation.correct))
    for i, option in enumerate(options):
        for j in range(i + 1, len(options)):
            if i in expectation.correct and j in expectation.correct:
                continue
            other = options[j]
            if not own[i].isdisjoint(own[j]):
                wrong = other if i in expectation.correct else option
                lent = fact.group and wrong not in _own_wrong_options(fact)
                yield make_finding(
                    AuditRule.SAME_OPTION,
                    fact.id,
                    f"{question.id}: the options “{option}” and “{other}” are the same answer"
                    + (f"; “{wrong}” is another fact's answer, lent by the group “{fact.group}”" if lent else ""),
                    "give this fact another group, or take the other fact's answer out of its aliases"
                    if lent
                    else "replace one of them with a different wrong option",
                    Severity.ERROR,
                    ("group",) if lent else _options_key(fact),
                    (question.id,),
                )
    if len(expectation.correct) == 1:
        (right,) = expectation.correct
        longest_other = max((len(o) for k, o in enumerate(options) if k != right), default=0)
        length = len(options[right])
        if longest_other and length >= LONGER_BY * longest_other and length - longest_other >= LONGER_CHARACTERS:
            yield make_finding(
                AuditRule.LONGEST,
                fact.id,
                f"{question.id}: the right option is much longer than every other ({length} characters against "
                f"at most {longest_other}), which gives it away",
                "shorten it, or write wrong options as long and as precise",
                Severity.WARNING,
                _options_key(fact),
                (question.id,),
            )
    numeric = [o for o in options if 1 <= _leading_number(o) <= len(options)]
    roman = [o for o in options if 1 <= roman_value(o.strip()) <= len(options)]
    numeric += roman if len(roman) >= 2 else []  # one "I" alone is as likely the pronoun
    if numeric:
        said = ", ".join(numeric)
        matcher = options_read_by(question)
        if matcher is not None and matcher.has_numbers:  # grading takes a typed number for the option saying it
            message = (
                f"{question.id}: options that are numbers ({said}): a typed number picks the option that says it, "
                "not the option in that place in the list, which a learner may mean"
            )
        else:
            message = (
                f"{question.id}: options that are or start with numbers ({said}): typing a number picks the option in "
                "that place in the list, not the option that says it, which a learner may mean"
            )
        yield make_finding(
            AuditRule.NUMBER_WORDS,
            fact.id,
            message,
            "ask for the number as a typed answer: a number fact, or forms without `choice`",
            Severity.WARNING,
            _options_key(fact),
            (question.id,),
        )


def ruled_out(fact: AnyFact, questions: tuple[Question, ...]) -> Iterator[AuditFinding]:
    """Options that the teacher's own words in a choice question's prompt name, once per option of the fact.

    Every option the fact can show counts (a question shows a sample of a long list of wrong options), and only
    the words the teacher wrote: a sequence's or set's subject or custom prompt, not the words kzquiz adds around
    it ("Which of these is not one of …" does not rule out the option "one").
    """
    named: set[str] = set()
    authored: list[str] | None = None  # the same for every question of the fact: worked out at the first
    for question, expectation in _choice_questions(questions):
        if authored is None:
            authored = _authored_options(fact)
        prompt = spaced_words(_authored_prompt(fact, question))
        for option in dict.fromkeys([*question.choices, *authored]):
            phrase = words(option)
            if option in named or not phrase or f" {' '.join(phrase)} " not in prompt:
                continue
            named.add(option)
            right = {question.choices[i] for i in expectation.correct} | _right_options(fact, question)
            what = "gives away the right option" if option in right else "rules out the option"
            yield make_finding(
                AuditRule.RULED_OUT,
                fact.id,
                f"{question.id}: the prompt itself {what} “{one_line(option)}”",
                "choose options the prompt does not name",
                Severity.WARNING,
                _options_key(fact),
                (question.id,),
            )


def _authored_prompt(fact: AnyFact, question: Question) -> str:
    """The words of a question's prompt that the teacher wrote: all of it, or a sequence's or set's subject."""
    # _value_ is what .value gives, without .value's Python-level descriptor (asked once per choice question)
    if isinstance(fact, SequenceFact | SetFact) and question.form._value_ not in dict(fact.prompts):
        return fact.subject
    return question.prompt


def _right_options(fact: AnyFact, question: Question) -> set[str]:
    """The options a fact's choice question counts right, whether or not this asking shows them all."""
    match fact:
        case AnswerFact():
            return {fact.answer.text}
        case ClozeFact():
            return {blank.text for blank in fact.blanks}
        case SetFact():
            odd = question.form.value == "odd"  # the odd one out is a non-member
            return set(fact.non_members) if odd else {item.text for item in fact.members}
        case ChoiceFact():
            return set(fact.answers)
    return set()


def _authored_options(fact: AnyFact) -> list[str]:
    """Every option the deck writes for a fact's choice questions, right and wrong."""
    match fact:
        case AnswerFact():
            return [fact.answer.text, *fact.distractors]
        case ClozeFact():
            return [*(blank.text for blank in fact.blanks), *fact.distractors]
        case SetFact():
            return [*(item.text for item in fact.members), *fact.non_members]
        case ChoiceFact():
            return [*fact.answers, *fact.wrong, *(option.text for option in fact.partial)]
    return []


@lru_cache(maxsize=65536)
def _answer_keys(forms: tuple[str, ...], accents: bool, by_surname: bool) -> frozenset[tuple[object, ...]]:
    """The folded keys of every form grading accepts for an answer written ``forms`` (its text and aliases),
    romanised and loose keys alike (a loose key where grading takes another romanisation: five letters or more, or
    another script), each with the numbers and symbols grading also holds a form to ("C++" and "C#"
    are two answers), and the loose key with its Roman numerals, which no slip changes (see :mod:`kzquiz.marks`).
    Keyed by the strings, which hash faster than an :class:`Answer`; each key a tuple, cheaper than a string
    holding the marks written out."""
    found: set[tuple[object, ...]] = set()
    for text in forms:
        for form in expand_optional(text):
            for variant in (form, surname(form) if by_surname else ""):
                if variant:
                    k = keys(variant, accents=accents)
                    said = marks(variant)
                    numeral = numerals(variant, any_case=False)  # a slip never changes one: "Henry VII", "VIII"
                    found.add(("r", k.roman, said))
                    # Grading takes another romanisation typed in our script only for keys of five letters or more
                    # ("Tokaev"): "Ana" and "Anna", "Mira" and "Mirra", "I" and "II" are two answers.
                    if typo_allowance(len(k.roman)) or not variant.isascii():
                        found.add(("l", k.loose, said, numeral))
    return frozenset(found)


def _own_wrong_options(fact: AnyFact) -> tuple[str, ...]:
    """The wrong options the fact itself writes (not those its group lends it)."""
    match fact:
        case AnswerFact() | ClozeFact():
            return fact.distractors
        case SetFact():
            return tuple(fact.non_members)
        case ChoiceFact():
            return tuple(fact.wrong)
    return ()


def _options_key(fact: AnyFact) -> tuple[str | int, ...]:
    """The key that holds a fact's wrong options."""
    match fact:
        case AnswerFact() | ClozeFact():
            return ("distractors",)
        case SetFact():
            return ("non_members",)
    return ("wrong",)


def _leading_number(option: str) -> int:
    """The value of the number an option is or starts with, up to twenty: a number word or an ordinal word
    ("three", "third"), or digits with or without an ordinal ending or a word after them ("3", "3rd", "3 days");
    -1 for any other option ("1990", "3.5 km", "2:30")."""
    text = option.strip().casefold()
    first = text.split(maxsplit=1)[0] if text else ""
    if first in _NUMBER_WORDS:
        return _NUMBER_WORD_LIST.index(first)
    if first in _ORDINAL_WORDS:
        return _ORDINAL_WORD_LIST.index(first) + 1
    digits = _LEADING_DIGITS.match(text)
    return int(digits[1]) if digits else -1


_ORDINAL_WORD_LIST = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth"),
    *("nineteenth", "twentieth"),
)
_ORDINAL_WORDS = frozenset(_ORDINAL_WORD_LIST)
_LEADING_DIGITS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?![\w.,:/])")
"""One or two digits, an ordinal ending allowed, then the option's end or another word: "3", "3rd", "3 days",
"3-day", not "3.5", "3,000", "2:30" or "1990"."""


def _accepted_forms(fact: AnyFact) -> dict[str, Answer]:
    """The fact's right answers with their aliases, by the text an option shows."""
    found: dict[str, Answer] = {}
    match fact:
        case AnswerFact():
            found[fact.answer.text] = fact.answer
        case ClozeFact():
            found.update({blank.text: blank for blank in fact.blanks})
        case SetFact():
            found.update({item.text: item.answer for item in fact.members})
    return found

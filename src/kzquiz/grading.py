"""Grading: what a question expects, and the verdict on a learner's answer.

Pure functions over frozen objects; no I/O. Each question carries an *expectation* (what a right answer is,
which wrong answers are known, how leniently to grade) and :func:`grade` turns an answer into a :class:`Verdict`.
The rules, in plain words, are in docs/grading.md. The parts live in their own modules: :mod:`kzquiz.folding`
(folding text), :mod:`kzquiz.textmatch` (aliases, transliteration, typos), :mod:`kzquiz.values` (years, times,
dates and numbers as values), :mod:`kzquiz.questionwords` (the question's own words, titles),
:mod:`kzquiz.numbers` and :mod:`kzquiz.units` (reading numbers, dates and units), :mod:`kzquiz.quantities`
(grading them), :mod:`kzquiz.picks` (options by number, letter or text) and :mod:`kzquiz.verdict`.

A verdict is ``correct`` only when its ``score`` is 1; a partly right list, selection or order has a score
between 0 and 1 and ``Match.PARTIAL``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cached_property

import attrs

from kzquiz.folding import answer_key, expand_optional, fold, keys, normalize
from kzquiz.makers import maker
from kzquiz.marks import marks
from kzquiz.model import WEIGHT_SLACK, Answer, Grading, PartialAnswer
from kzquiz.picks import read_picks, read_truth
from kzquiz.quantities import grade_number
from kzquiz.text import safe_text
from kzquiz.textmatch import LENGTH_FACTOR, LENGTH_SLACK, Hit, Match, Matcher, mark_differences
from kzquiz.units import Unit, find_unit
from kzquiz.values import form_value
from kzquiz.verdict import SHOWN, Verdict, format_number, partly_right, percent_text, quote, score_text

__all__ = [
    "MAX_ANSWER_LENGTH",
    "ChoiceExpectation",
    "Expectation",
    "ListExpectation",
    "Match",
    "NumberExpectation",
    "OrderExpectation",
    "TextExpectation",
    "TruthExpectation",
    "Verdict",
    "expected_text",
    "grade",
    "normalize",
]

MAX_ANSWER_LENGTH = 2_000
"""Longer answers are refused at once, before any other work, with feedback that says why."""

_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


# weakref_slot=False: a big deck holds hundreds of thousands of expectations (see kzquiz.model).
@attrs.frozen(weakref_slot=False)
class TextExpectation:
    """A typed answer: any form of any accepted answer is right; ``others`` are known wrong answers.

    ``heads`` are the words the question names the kind of answer by ("river" in "Which river..."), which an
    answer may add or leave out (see :func:`kzquiz.textmatch.head_words`). ``partial`` are answers worth part of
    the marks; they are matched as leniently as the accepted ones (a typo of one earns its credit).
    """

    accepted: tuple[Answer, ...]
    others: Sequence[str] = ()
    grading: Grading = Grading()
    heads: tuple[str, ...] = ()
    partial: tuple[PartialAnswer, ...] = ()

    @cached_property
    def matcher(self) -> Matcher:
        """The accepted answers, then the partial ones, and known wrong ones, folded once."""
        items = (*self.accepted, *(p.answer for p in self.partial))
        return Matcher.build(items, self.others, self.grading, self.heads)

    @cached_property
    def canonical_key(self) -> str:
        """The plain key (see :class:`~kzquiz.folding.Keys`) of the canonical answer as written, optional words in;
        "" when the matcher would not accept it by that key (no accepted answer, or one without letters)."""
        forms = expand_optional(self.accepted[0].text) if self.accepted else ()
        if not forms:
            return ""
        found = keys(forms[0], accents=self.grading.accents)
        return found.plain if found.roman else ""

    def is_canonical(self, answer: str) -> bool:
        """Whether ``answer`` is the canonical answer, folded as the matcher folds it: what most right answers are,
        told without building the matcher (which folds every form, alias and known wrong answer first)."""
        accepted = self.accepted
        if not accepted:
            return False
        text = accepted[0].text
        if answer == text and "(" not in text and text.isascii():
            # Typed as written, in ASCII: folding keeps its letters and digits (lower-cased, leading articles left
            # out but never its last word), so its key is empty only when it has none, and need not be built (the
            # first answer to a question would pay for folding it).
            return text[:1].isalnum() or _ASCII_ALNUM.search(text) is not None
        key = self.canonical_key
        if not key:
            return False
        if answer == text and "(" not in text:  # the key is this text folded: only its words count, not its spaces
            return True
        return (
            len(answer) <= LENGTH_FACTOR * len(text) + LENGTH_SLACK
            and fold(answer, accents=self.grading.accents) == key
            and marks(answer) == marks(text)  # "3.5" folds as "35" does, "C#" as "C++": not the same answer
        )


@attrs.frozen(weakref_slot=False)
class ListExpectation:
    """A typed list: ``count`` items from ``items`` (all of them when ``count`` equals their number).

    When ``ordered``, the items must come in the order given and are graded by position. ``partial`` pairs a
    position with an answer worth part of that position's marks (a cloze's blanks). ``heads`` are words an item
    may add, as for :class:`TextExpectation` (the words after a cloze's blanks: "Ural river").
    """

    items: tuple[Answer, ...]
    count: int
    ordered: bool = False
    others: Sequence[str] = ()
    grading: Grading = Grading()
    partial: tuple[tuple[int, PartialAnswer], ...] = ()
    heads: tuple[str, ...] = ()

    @cached_property
    def matcher(self) -> Matcher:
        """The items, then the partial answers, and known wrong answers, folded once; each item is the others'
        sibling."""
        items = (*self.items, *(p.answer for _, p in self.partial))
        return Matcher.build(items, self.others, self.grading, self.heads)


@attrs.frozen(weakref_slot=False)
class NumberExpectation:
    """A number or a date: ``value`` within ``tolerance``, or a range from ``low`` to ``high``.

    ``partial`` holds wider ranges worth part of the marks, each as its lowest and highest numbers (or dates) and
    a :class:`~kzquiz.PartialAnswer` whose text names the range, with its credit and feedback.
    """

    value: float | dt.date | None = None
    low: float | dt.date | None = None
    high: float | dt.date | None = None
    tolerance: float = 0
    unit: str = ""
    inside: bool = True
    partial: tuple[tuple[float | dt.date, float | dt.date, PartialAnswer], ...] = ()
    typos: bool = True
    """A misspelt month in a date answer is read as the month it is a slip of (the fact's ``typos``)."""


@attrs.frozen(weakref_slot=False)
class ChoiceExpectation:
    """Pick from ``choices``: the ones at the indexes in ``correct`` (several for "tick all that apply").

    ``answers``, when given, are the options as accepted answers (one per choice, with their aliases), so that an
    option can be picked by any form of it; ``grading`` is the fact's; ``heads`` are the question's head words, as
    for :class:`TextExpectation` ("Ili River" picks the option "Ili" of "Which river..."). ``partial`` pairs the
    index of an option worth part of the marks with its credit and feedback. ``weights``, when given, is each
    option's weight in a weighted tick-all question (Moodle's multiple-answer question): the score is the sum of
    the weights of the options ticked, at least 0 and at most 1, and ``correct`` holds the options that earn.
    """

    choices: tuple[str, ...]
    correct: frozenset[int]
    answers: tuple[Answer, ...] = ()
    grading: Grading = Grading()
    heads: tuple[str, ...] = ()
    partial: tuple[tuple[int, PartialAnswer], ...] = ()
    weights: tuple[float, ...] = ()
    feedback: tuple[tuple[int, str], ...] = ()

    @cached_property
    def matcher(self) -> Matcher:
        """The options' forms, folded once; each option is the others' sibling."""
        return options_matcher(self.choices, self.answers, self.grading, self.heads)


@attrs.frozen(weakref_slot=False)
class OrderExpectation:
    """Put ``choices`` in order: ``order`` lists their indexes in the right order.

    ``answers`` and ``grading`` are as for :class:`ChoiceExpectation`.
    """

    choices: tuple[str, ...]
    order: tuple[int, ...]
    answers: tuple[Answer, ...] = ()
    grading: Grading = Grading()

    @cached_property
    def matcher(self) -> Matcher:
        """The options' forms, folded once; each option is the others' sibling."""
        return options_matcher(self.choices, self.answers, self.grading)

    @cached_property
    def folded(self) -> tuple[str, ...]:
        """Each option as compared with the others: options that fold the same may swap places."""
        return tuple(answer_key(choice) for choice in self.choices)


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "a", "an", "in", "on", "to", "de"})


def options_matcher(
    choices: tuple[str, ...], answers: tuple[Answer, ...], grading: Grading, heads: tuple[str, ...] = ()
) -> Matcher:
    """A matcher for options in view: any accepted form, the option's last word (a surname) and its initials
    ("CSTO" for "Collective Security Treaty Organization") pick it, when no other option shares them."""
    items = list(answers) if len(answers) == len(choices) else [Answer(choice) for choice in choices]
    initials = [_initials(choice) for choice in choices]
    for i, short in enumerate(initials):
        # Initials that spell a number ("ONE" for "OA N E") would make a typed "1" pick this option.
        unique = short and initials.count(short) == 1 and form_value(short) is None
        if unique and all(normalize(c) != normalize(short) for c in choices):
            items[i] = Answer(items[i].text, (*items[i].aliases, short))
    currencies = [_currency(choice) for choice in choices]
    for i, currency in enumerate(currencies):
        if currency is not None and currencies.count(currency) == 1:
            codes = tuple(name for name in currency.names if not name.isalpha() or name == currency.dimension.lower())
            items[i] = Answer(items[i].text, (*items[i].aliases, *codes))
    lenient = Grading(accents=grading.accents, surname=True, typos=grading.typos)
    # A surname picks an option whatever the fact says; another order of the words only when they are names.
    return Matcher.build(tuple(items), (), lenient, heads, names=grading.surname)


def _currency(text: str) -> Unit | None:
    """The currency an option names ("Kazakhstani tenge", "Belarusian rouble"), so its code (KZT) picks it."""
    unit = find_unit(text) or (find_unit(text.split()[-1]) if text.split() else None)
    return unit if unit is not None and unit.is_currency else None


def _initials(text: str) -> str:
    """The initials of a name whose every word is capitalised: "Collective Security Treaty Organization" → "CSTO"."""
    words = [word for word in re.findall(r"[^\W\d_]+", text) if word.casefold() not in _FUNCTION_WORDS]
    if len(words) < 2 or not all(word[0].isupper() for word in words):
        return ""
    return "".join(word[0] for word in words)


@attrs.frozen(weakref_slot=False)
class TruthExpectation:
    """True or false; ``correction`` says what is true when the statement is false."""

    value: bool
    correction: str = ""


Expectation = (
    TextExpectation | ListExpectation | NumberExpectation | ChoiceExpectation | OrderExpectation | TruthExpectation
)
"""Anything a question can expect."""


def expected_text(expectation: Expectation) -> str:
    """The canonical right answer of an expectation, as a learner would read it."""
    match expectation:
        case TextExpectation(accepted=accepted):
            return accepted[0].text if len(accepted) == 1 else " / ".join(a.text for a in accepted)
        case ListExpectation(items=items, count=count):
            shown = ", ".join(item.text for item in items)
            if count < len(items):
                return f"any {count} of: {shown}"
            return shown
        case NumberExpectation(value=value, low=low, high=high, tolerance=tolerance, unit=unit):
            text = f"{format_number(low)} to {format_number(high)}" if value is None else format_number(value)
            if tolerance and value is not None:
                text += f" (± {format_number(tolerance)})"
            return f"{text} {unit}".strip()
        case ChoiceExpectation(choices=choices, correct=correct):
            return ", ".join(choices[i] for i in sorted(correct))
        case OrderExpectation(choices=choices, order=order):
            return ", ".join(choices[i] for i in order)
        case TruthExpectation(value=value, correction=correction):
            return "true" if value else f"false: {correction}" if correction else "false"


def grade(expectation: Expectation, answer: str) -> Verdict:
    """Check ``answer`` against ``expectation`` as a fair teacher would; see docs/grading.md for the rules.

    Raises :class:`TypeError` for anything that is not an expectation (a question is graded with
    ``question.check(answer)``, which passes its ``question.expectation`` here), and for an answer that is not text.
    """
    if not isinstance(expectation, Expectation):
        raise TypeError(
            f"grade() takes a question's expectation, not {type(expectation).__name__}: "
            "grade a question with question.check(answer)"
        )
    if not isinstance(answer, str):
        raise TypeError(f"an answer to grade is text (str), not {type(answer).__name__}: pass what the learner typed")
    expected = expected_text(expectation)
    if len(answer) > MAX_ANSWER_LENGTH:
        shown = safe_text(answer[:SHOWN], newlines=False) + "…"
        feedback = (
            f"That answer is too long ({len(answer):,} characters; the limit is {MAX_ANSWER_LENGTH:,}). "
            f"The answer is {expected}."
        )
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, shown)
    answer = safe_text(answer)
    if not answer.strip():
        return Verdict(False, 0.0, expected, f"No answer. The answer is {expected}.", Match.EMPTY, answer)
    return _one_full_stop(_grade(expectation, answer, expected))


def _grade(expectation: Expectation, answer: str, expected: str) -> Verdict:
    match expectation:
        case TextExpectation():
            return _grade_text(expectation, answer, expected)
        case ListExpectation():
            return _grade_list(expectation, answer, expected)
        case NumberExpectation():
            return grade_number(expectation, answer, expected)
        case ChoiceExpectation():
            return _grade_choice(expectation, answer, expected)
        case OrderExpectation():
            return _grade_order(expectation, answer, expected)
        case TruthExpectation():
            return _grade_truth(expectation, answer, expected)


_ENDS_SENTENCE = re.compile(r"[.!?…][”’\"')]*$")


def _one_full_stop(verdict: Verdict) -> Verdict:
    """Feedback ends the sentences it quotes once: "The answer is false: ... the crisis.", never "crisis.."."""
    expected = verdict.expected
    if f"{expected}." not in verdict.feedback or not _ENDS_SENTENCE.search(expected):  # the pattern costs more
        return verdict
    return attrs.evolve(verdict, feedback=verdict.feedback.replace(f"{expected}.", expected))


def _some(texts: tuple[str, ...] | list[str], most: int = 10) -> str:
    """Texts joined for feedback, at most ``most`` of them."""
    shown = ", ".join(texts[:most])
    return f"{shown} and {len(texts) - most} more" if len(texts) > most else shown


# Typed answers ---------------------------------------------------------------------------------------------------


_make_verdict = maker(Verdict)
"""``Verdict(...)`` where most answers are graded: the same object, built in 4k instructions instead of 11k."""
# Match members looked up once (on Python 3.11 each ``Match.X`` costs ~900 instructions).
_EXACT, _TYPO, _PARTIAL, _WRONG = Match.EXACT, Match.TYPO, Match.PARTIAL, Match.WRONG


def _grade_text(expectation: TextExpectation, answer: str, expected: str) -> Verdict:
    if expectation.is_canonical(answer):  # the matcher would find it first of all: an exact match, item 0
        return _make_verdict(True, 1.0, expected, "Right.", _EXACT, answer)
    matcher = expectation.matcher
    hit = matcher.read(answer)
    if hit.item >= len(expectation.accepted) and hit.accepted:
        credit = expectation.partial[hit.item - len(expectation.accepted)]
        if hit.match is Match.TYPO:
            return partly_right(credit, expected, answer, hit.shown, mark_differences(answer, hit.shown))
        return partly_right(credit, expected, answer)
    if hit.item >= len(expectation.accepted):
        hit = Hit(Match.WRONG)  # a partial answer with the wrong accents: not named, so as not to pass it as right
    canonical = expectation.accepted[hit.item].text if hit.item >= 0 else expected
    if hit.match in (Match.EXACT, Match.ALIAS, Match.TRANSLITERATION):
        feedback = "Right." if hit.match is Match.EXACT else f"Right: {canonical}."
        return Verdict(True, 1.0, expected, feedback, hit.match, answer)
    if hit.match is Match.TYPO:
        feedback = f"Almost: you wrote {quote(answer)}, the spelling is {hit.shown}."
        return Verdict(True, 1.0, expected, feedback, Match.TYPO, answer, mark_differences(answer, hit.shown))
    if hit.accents:
        feedback = f"Mind the accents: the spelling is {hit.shown}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer, mark_differences(answer, hit.shown))
    if hit.other:
        feedback = f"No: {hit.other} is a different answer. The answer is {expected}."
    else:
        feedback = f"Not quite. The answer is {expected}."
    return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)


# Lists -----------------------------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"(?:[;\n]|(?<!\d),|,(?!\d{3}(?!\d)))+")
"""Commas, semicolons and new lines, but not the comma of a number's thousands ("2,428", "1,200,000")."""
_PLAIN_SEPARATORS = re.compile(r"[,;\n]+")
_DIGIT_COMMA = re.compile(r"\d,\d")
_AND = re.compile(r"(?:^|\s+)(?:and|&)(?:\s+|$)", re.IGNORECASE)
_UNREAD = Hit(Match.WRONG)


def _list_parts(answer: str, matcher: Matcher, limit: int) -> list[tuple[str, Hit]]:
    """Split a list answer into its items, each matched: commas, semicolons, new lines, then "and", then spaces
    when that split is unambiguous (see :meth:`Matcher.split_words`).

    Only the first ``limit`` parts are matched; any after them count as wrong without being looked at, so that a
    long list costs no more than a short one.
    """
    parts: list[tuple[str, Hit]] = []
    seen: dict[str, Hit] = {}
    for chunk in (_SEPARATORS if _DIGIT_COMMA.search(answer) else _PLAIN_SEPARATORS).split(answer):
        chunk = chunk.strip()
        if not chunk:
            continue
        if len(parts) >= limit:
            parts.append((chunk, _UNREAD))
            continue
        hit = seen.get(chunk) or seen.setdefault(chunk, matcher.read(chunk))
        pieces = [] if hit.accepted else [p.strip() for p in _AND.split(chunk) if p.strip()]
        for piece in pieces or [chunk]:
            found = hit if piece == chunk else matcher.read(piece)
            words = None if found.accepted or found.other else matcher.split_words(piece, limit)
            if words:
                parts.extend(words)
            else:
                parts.append((piece, found))
    return parts


_WEAKEST_FIRST = (Match.TYPO, Match.TRANSLITERATION, Match.ALIAS)


def _weakest(matches: list[Match]) -> Match:
    for weaker in _WEAKEST_FIRST:
        if weaker in matches:
            return weaker
    return _EXACT


def _grade_list(expectation: ListExpectation, answer: str, expected: str) -> Verdict:
    items, partial = expectation.items, expectation.partial
    parts = _list_parts(answer, expectation.matcher, 2 * len(items) + 10)
    named: dict[int, Match] = {}
    partly: dict[int, tuple[str, PartialAnswer]] = {}
    wrong: list[str] = []
    typos: list[tuple[str, str]] = []
    if expectation.ordered:
        for position, (text, hit) in enumerate(parts):
            if position < len(items) and hit.accepted and hit.item == position:
                named.setdefault(position, hit.match)
                if hit.match is _TYPO:
                    typos.append((text, hit.shown))
            elif hit.accepted and hit.item >= len(items) and partial[hit.item - len(items)][0] == position:
                partly[position] = (text, partial[hit.item - len(items)][1])
            else:
                wrong.append(text)
        needed = len(items)
        earned = len(named) + sum(credit.credit for _, credit in partly.values())
        score = earned / max(needed, len(parts), 1)
        missing = [item.text for i, item in enumerate(items) if i not in named and i not in partly]
    else:
        for text, hit in parts:
            if not hit.accepted or hit.item >= len(items):
                wrong.append(text)
            elif hit.item not in named:  # a repeated item counts once
                named[hit.item] = hit.match
                if hit.match is _TYPO:
                    typos.append((text, hit.shown))
        needed = max(expectation.count, 1)
        got = min(len(named), needed)
        score = got / (needed + len(wrong))
        missing = [item.text for i, item in enumerate(items) if i not in named] if got < needed else []
    names = tuple(items[i].text for i in (sorted(named) if expectation.ordered else named))
    shown_wrong = tuple(quote(w) for w in wrong)
    diff = ", ".join(mark_differences(written, right) for written, right in typos)
    if score >= 1:
        feedback = "Right."
        if typos:
            slips = ", ".join(f"{right} (you wrote {quote(written)})" for written, right in typos)
            feedback = f"Right, but mind the spelling: {slips}."
        how = _weakest(list(named.values()))
        return _make_verdict(True, 1.0, expected, feedback, how, answer, diff, names, shown_wrong, tuple(missing))
    feedback = _list_feedback(expectation, names, shown_wrong, missing, needed, _part_marks(expectation, partly))
    if score > 0 and (wrong if not expectation.ordered else len(parts) > needed):
        if expectation.ordered:
            in_place = score_text(score * len(parts))
            feedback += f" Score: {in_place} in place, out of the {len(parts)} parts you gave"
            feedback += f" ({in_place}/{len(parts)} = {percent_text(score)})."
        else:
            feedback += " " + _penalty(min(len(named), needed), needed, len(wrong), "named", score)
    match = _PARTIAL if score > 0 else _WRONG
    return _make_verdict(False, score, expected, feedback, match, answer, diff, names, shown_wrong, tuple(missing))


def _part_marks(expectation: ListExpectation, partly: dict[int, tuple[str, PartialAnswer]]) -> str:
    """A sentence on the blanks answered partly right: what was written, its credit, the teacher's feedback and the
    right answer ("" when there are none)."""
    said = []
    for position, (text, credit) in sorted(partly.items()):
        why = credit.feedback.strip().rstrip(".")
        right = expectation.items[position].text
        said.append(f"{quote(text)} ({credit.credit * 100:.4g}%{': ' + why if why else ''}; the answer is {right})")
    return f"Part marks: {', '.join(said)}." if said else ""


def _list_feedback(
    expectation: ListExpectation,
    named: tuple[str, ...],
    wrong: tuple[str, ...],
    missing: list[str],
    needed: int,
    part_marks: str = "",
) -> str:
    sentences: list[str] = []
    if named:
        sentences.append(f"Partly right ({min(len(named), needed)} of {needed}). Right: {', '.join(named)}.")
    else:
        sentences.append("Partly right." if part_marks else "Not quite.")
    if part_marks:
        sentences.append(part_marks)
    if wrong:
        where = " (or in the wrong place)" if expectation.ordered else ""
        sentences.append(f"Wrong{where}: {_some(wrong)}.")
    if missing:
        still = needed - len(named)
        if expectation.ordered or len(missing) == still:
            sentences.append(f"Missing: {', '.join(missing)}.")
        else:
            more = f"{still} more" if still > 1 else "one more"
            sentences.append(f"Missing: {more} of {', '.join(missing)}.")
    elif named and wrong:
        sentences.append("Every item you wrote counts, so leave out the ones you are not sure of.")
    return " ".join(sentences)


# Choices, selections, orders, true or false ----------------------------------------------------------------------


def _grade_choice(expectation: ChoiceExpectation, answer: str, expected: str) -> Verdict:
    """The verdict on a pick, followed by the teacher's feedback on each option picked (``feedback``), and on no
    other: a line per option, ``Sydney: It is the largest city…``, its further lines indented under its text."""
    verdict = _choice_verdict(expectation, answer, expected)
    if not expectation.feedback:
        return verdict
    picks, unread = read_picks(answer, expectation.matcher, len(expectation.choices))
    picked = list(dict.fromkeys(index for index, _ in picks))
    if not expectation.weights and len(expectation.correct) <= 1 and (unread or len(picked) != 1):
        return verdict  # no one option was picked: nothing to say about one
    said = dict(expectation.feedback)
    lines = [_option_said(expectation.choices[i], said[i]) for i in picked if i in said]
    if not lines:
        return verdict
    verdict_said = [] if verdict.feedback == "Right." else [verdict.feedback]  # a right pick: the teacher's words
    return attrs.evolve(verdict, feedback="\n".join([*verdict_said, *lines]))


def _option_said(option: str, feedback: str) -> str:
    """``Option: feedback``, with the feedback's further lines indented under its first."""
    first, *rest = [line.strip() for line in feedback.strip().splitlines() if line.strip()]
    pad = "\n" + " " * (len(option) + 2)
    return f"{option}: {first}" + "".join(pad + line for line in rest)


def _choice_verdict(expectation: ChoiceExpectation, answer: str, expected: str) -> Verdict:
    choices, correct = expectation.choices, expectation.correct
    picks, unread = read_picks(answer, expectation.matcher, len(choices))
    picked = list(dict.fromkeys(index for index, _ in picks))
    how = _weakest([m for _, m in picks]) if picks else Match.WRONG
    if expectation.weights:
        return _grade_weighted(expectation, picked, unread, how, answer, expected)
    if len(correct) <= 1:
        if unread or not picked:
            feedback = f"I could not tell which option you meant. The answer is {expected}."
            return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
        if len(picked) > 1:
            feedback = f"Pick one option. The answer is {expected}."
            return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
        if picked[0] in correct:
            return Verdict(True, 1.0, expected, "Right.", how, answer, named=(choices[picked[0]],))
        for index, credit in expectation.partial:
            if index == picked[0]:
                return partly_right(credit, expected, answer)
        feedback = f"Not quite: you picked {choices[picked[0]]}. The answer is {expected}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer, wrong=(choices[picked[0]],))
    right = [i for i in picked if i in correct]
    wrong = [choices[i] for i in picked if i not in correct] + [quote(u) for u in unread]
    missing = [choices[i] for i in sorted(correct) if i not in picked]
    named = tuple(choices[i] for i in right)
    score = len(right) / max(len(correct) + len(wrong), 1)
    if score >= 1:
        return Verdict(True, 1.0, expected, "Right.", how, answer, "", named, tuple(wrong), tuple(missing))
    sentences = [f"Partly right ({len(right)} of {len(correct)}). Right: {', '.join(named)}."] if right else []
    if not right:
        sentences.append("Not quite.")
    if wrong:
        sentences.append(f"Wrong: {_some(wrong)}.")
    if missing:
        sentences.append(f"Missing: {', '.join(missing)}.")
    if right and wrong:
        sentences.append(_penalty(len(right), len(correct), len(wrong), "picked", score))
    match = Match.PARTIAL if score > 0 else Match.WRONG
    feedback = " ".join(sentences)
    return Verdict(False, score, expected, feedback, match, answer, "", named, tuple(wrong), tuple(missing))


def _signed(weight: float) -> str:
    """A weight as a signed percentage: +50%, -100%, 0%."""
    percent = f"{abs(weight) * 100:.4g}%"
    return f"+{percent}" if weight > 0 else f"-{percent}" if weight < 0 else percent


def _grade_weighted(
    expectation: ChoiceExpectation, picked: list[int], unread: list[str], how: Match, answer: str, expected: str
) -> Verdict:
    """A weighted tick-all question, graded as Moodle grades a multiple-answer question: the score is the sum of
    the weights of the options ticked, floored at 0 and capped at 1; the feedback gives each ticked option's
    weight (and the teacher's feedback on it), the total when it was floored or capped, and what was missing."""
    choices, weights, correct = expectation.choices, expectation.weights, expectation.correct
    said = {index: credit.feedback.strip().rstrip(".") for index, credit in expectation.partial}
    total = sum((weights[i] for i in picked), 0.0)
    score = min(max(total, 0.0), 1.0)
    if abs(score - 1) <= WEIGHT_SLACK:
        score = 1.0  # Moodle's weights are whole percents: three options at 33.33% make 100%
    ticked = [f"{choices[i]} {_signed(weights[i])}" + (f" ({said[i]})" if said.get(i) else "") for i in picked]
    ticked += [f"“{quote(u)}” (not an option) 0%" for u in unread]
    named = tuple(choices[i] for i in picked if i in correct)
    wrong = tuple(choices[i] for i in picked if i not in correct) + tuple(quote(u) for u in unread)
    missing = tuple(choices[i] for i in sorted(correct) if i not in picked)
    if score == 1 and not wrong and not missing:
        return Verdict(True, 1.0, expected, "Right.", how, answer, "", named, wrong, missing)
    percent = f"{score * 100:.4g}%"
    verdict = "Right" if score == 1 else "Partly right" if score > 0 else "Not quite"
    sentences = [f"{verdict} ({percent}): you ticked {_some(ticked, 20)}." if ticked else f"{verdict}."]
    if total > 1 + WEIGHT_SLACK or total < 0:
        sentences.append(f"They add up to {_signed(total)}, which counts as {percent}.")
    if missing:
        left = [f"{choices[i]} {_signed(weights[i])}" for i in sorted(correct) if i not in picked]
        sentences.append(f"Missing: {', '.join(left)}.")
    if score < 1:
        sentences.append(f"The answer is {expected}.")
    match = how if score == 1 else Match.PARTIAL if score > 0 else Match.WRONG
    return Verdict(score == 1, score, expected, " ".join(sentences), match, answer, "", named, wrong, missing)


def _penalty(right: int, needed: int, wrong: int, how: str, score: float) -> str:
    """How wrong items brought a score down: "Score: 2 of 3 right, 1 wrong named: 2/(3 + 1) = 50%"."""
    share = percent_text(score)
    return f"Score: {right} of {needed} right, {wrong} wrong {how}: {right}/({needed} + {wrong}) = {share}."


def _grade_order(expectation: OrderExpectation, answer: str, expected: str) -> Verdict:
    order = expectation.order
    picks, unread = read_picks(answer, expectation.matcher, len(expectation.choices))
    if unread:
        feedback = f"I could not read {_some([quote(u) for u in unread])} as options. The order is: {expected}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer, wrong=tuple(quote(u) for u in unread))
    sequence = [index for index, _ in picks]
    # Options with the same text (an item a sequence repeats) are interchangeable: either one is in its place.
    same = expectation.folded
    in_place = sum(1 for position, index in enumerate(sequence[: len(order)]) if same[order[position]] == same[index])
    score = in_place / max(len(order), len(sequence), 1)
    if score >= 1:
        return _make_verdict(True, 1.0, expected, "Right.", _weakest([m for _, m in picks]), answer)
    feedback = f"{in_place} of {len(order)} in the right place. The order is: {expected}."
    match = _PARTIAL if score > 0 else _WRONG
    return _make_verdict(False, score, expected, feedback, match, answer)


def _grade_truth(expectation: TruthExpectation, answer: str, expected: str) -> Verdict:
    said = read_truth(answer)
    correction = f" {_sentence(expectation.correction)}" if expectation.correction else ""
    if said is None:
        feedback = f"Answer true or false. The answer is {expected}."
        return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)
    if said == expectation.value:
        feedback = "Right." if expectation.value else f"Right, it is false.{correction}"
        return Verdict(True, 1.0, expected, feedback, Match.EXACT, answer)
    feedback = f"No, it is false.{correction}" if not expectation.value else "No, it is true."
    return Verdict(False, 0.0, expected, feedback, Match.WRONG, answer)


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: with a full stop, unless it already ends with one (or ``!``, ``?``, ``…``)."""
    text = text.strip()
    return text if _ENDS_SENTENCE.search(text) else f"{text}."

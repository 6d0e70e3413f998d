"""Leaks: a question whose prompt, options or quote contains the accepted answer of another question.

Asking such a question gives the other one away, so sessions and exams never ask the other one right after it
(:func:`gives_away`), and ``kzquiz audit`` lists the pairs (:func:`find_leaks`). Texts are compared word by word
after folding case, accents, script and the usual romanisation differences ("Nazarbaev" is "Nazarbayev"), so an
answer is found wherever its words stand together in that order, and never inside a longer word. Leading articles
and prepositions of an answer do not count: the answer "in the west" is given away by "the west of the country".

Pure functions; :func:`find_leaks` and :func:`leaks_by_fact` index the answers by their first word, so a deck of
10,000 facts is checked in one pass over its texts, not by comparing every question with every other.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress

import attrs
from anyascii import anyascii

from kzquiz.folding import expand_optional, loosen, surname
from kzquiz.grading import (
    ChoiceExpectation,
    Expectation,
    ListExpectation,
    NumberExpectation,
    TextExpectation,
    TruthExpectation,
    expected_text,
)
from kzquiz.marks import roman_value
from kzquiz.model import Answer
from kzquiz.questions import Form, Question, _count_word
from kzquiz.questionwords import Heads
from kzquiz.sourcetext import INVISIBLE

__all__ = ["FactLeaks", "Leak", "LeakGuard", "answer_phrases", "find_leaks", "gives_away", "leaks_by_fact"]

LEADING = frozenset({"the", "a", "an", "in", "on", "at", "of", "to", "from", "by", "for", "with", "into", "as"})
"""Words an answer may start with that carry nothing of the answer itself."""

_WORDS = re.compile(r"[^\W_]+")
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
"""The months' English names, as dates are written in prompts and quotes."""
_SHORT_MONTHS = (
    *(("Jan",), ("Feb",), ("Mar",), ("Apr",), (), ("Jun",)),
    *(("Jul",), ("Aug",), ("Sep", "Sept"), ("Oct",), ("Nov",), ("Dec",)),
)
"""Their abbreviations ("11 Jan", "Sept. 5"); May has none."""


@attrs.frozen
class Leak:
    """``source`` shows ``answer``, an accepted answer of ``target``, in its ``part`` (prompt, option, quote,
    answer or note)."""

    source: str
    target: str
    answer: str
    part: str


_GROUPED_DIGITS = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:[,' \u00a0\u2009\u202f]\d{3})+(?!\d)")
"""A number written in groups of three digits ("7,000,000", "7 000 000"), read as one word of digits: one to three
digits not after a digit, a point or a comma, then groups. Written to start with the digit (the look-behind comes
after it), which lets the search skip from digit to digit instead of trying the pattern at every character: twice
as fast over a deck's prompts and quotes."""
_ASCII_SPACED = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else ord(" ") for c in range(256))
"""A table for :meth:`bytes.translate` that keeps ASCII lower-case letters and digits and makes every other byte a
space: the words of lower-cased ASCII text are then its :meth:`~bytes.split` (three times as fast as a regular
expression's ``findall``)."""
_NUMBER_SHAPES = bytes(
    ord("0") if chr(c) in "0123456789" else ord(",") if chr(c) in ",' " else ord("x") for c in range(256)
)
"""A table for :meth:`bytes.translate` that writes each ASCII digit as 0 and each separator of digit groups as a
comma: ASCII text can hold a grouped number only where its shapes hold ``0,000``."""
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_DIGIT = re.compile(r"\d")
_DIGITS_OR_NOT = re.compile(r"\d+|\D+")


def _ungrouped(number: re.Match[str]) -> str:
    return "".join(c for c in number.group() if c.isdigit())


def _word(word: str) -> str:
    """One word as :func:`words` compares it (a number as its digits, the rest folded as grading folds)."""
    if word.isdigit():
        return word  # "3000" is not "30": loosening folds doubled letters, not digits
    if word[0].isdigit() and (ordinal := _ORDINAL.fullmatch(word)):
        return ordinal[1]  # "11th" is the day 11
    plain = word if word.isascii() else unicodedata.normalize("NFKC", anyascii(_strip(word))).casefold()
    if _DIGIT.search(plain):  # "name1800" is not "name180", nor "1800s" "1880s": only its letters are loosened
        return "".join(run if run[0].isdigit() else loosen(run) for run in _DIGITS_OR_NOT.findall(plain))
    if roman_value(plain.upper()):
        return plain  # a Roman numeral, "Henry III" not "Henry I", as grading tells them apart
    return loosen(plain)


class _FoldedWords(dict[str, str]):
    """Each word's :func:`_word`, kept: a deck's texts repeat a few thousand words hundreds of thousands of times,
    and a look-up here costs a third of calling an ``lru_cache``. Emptied when it holds :data:`MOST_WORDS`."""

    def __missing__(self, word: str) -> str:
        if len(self) >= MOST_WORDS:
            self.clear()
        folded = self[word] = _word(word)
        return folded

    cache_clear = dict.clear  # as for the functions cached here, so that benchmarks can start afresh


MOST_WORDS = 65536
"""How many folded words :data:`_FOLDED` keeps at most."""
_FOLDED = _FoldedWords()


def _quotes_spaced(text: str) -> str:
    """``text`` with its quotation marks “” as spaces when that leaves it ASCII (ASCII stays as it is), else ``""``."""
    spaced = text.replace("“", " ").replace("”", " ")
    return spaced if spaced.isascii() else ""


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_LEFT_OUT = dict.fromkeys(map(ord, INVISIBLE))
"""Characters that show nothing (a soft hyphen, a zero-width space...): "Zhana\u00adozen" is "Zhanaozen", as grading
and the audit's quote search read it."""


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as they are compared: folded case, accents, script and romanisation; a number written
    in groups of three digits is one word ("7,000,000" is "7000000"), an ordinal its digits ("11th" is "11")."""
    # A prompt that quotes an item (“Astana”) is ASCII but for its quotation marks, which NFKC leaves as they are
    # and which part words as a space does: read as ASCII, its words are found in half the time.
    plain = text if text.isascii() else _quotes_spaced(text) if "“" in text else ""
    if not plain:
        text = _GROUPED_DIGITS.sub(_ungrouped, text.translate(_LEFT_OUT))
        return tuple(map(_FOLDED.__getitem__, _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())))
    data = plain.lower().encode("ascii")  # NFKC leaves ASCII as it is, and its words are letters and digits
    if b"0,000" in data.translate(_NUMBER_SHAPES):  # grouped in the text as written, then spaced
        data = _quotes_spaced(_GROUPED_DIGITS.sub(_ungrouped, text)).lower().encode("ascii")
    return tuple(map(_FOLDED.__getitem__, data.translate(_ASCII_SPACED).decode("ascii").split()))


@lru_cache(maxsize=65536)
def spaced_words(text: str) -> str:
    """:func:`words` of ``text`` with a space between and at either end: a phrase stands in ``text`` as whole words
    where ``f" {' '.join(phrase)} "`` stands in this string. Kept, as a fact's questions share their quote."""
    return _joined(words(text))


def _phrase(text: str) -> tuple[str, ...]:
    found = words(text)
    start = 0
    while start < len(found) - 1 and found[start] in LEADING:
        start += 1
    phrase = found[start:]
    return () if len(phrase) == 1 and phrase[0] in LEADING else phrase


def _forms(answer: Answer, by_surname: bool) -> Iterator[str]:
    for form in answer.forms:
        for variant in expand_optional(form):
            yield variant
            name = surname(variant) if by_surname else ""
            if name:
                yield name


def _number_forms(value: float | dt.date | None) -> Iterator[str]:
    if isinstance(value, dt.date):
        yield value.isoformat()
        for month in (MONTHS[value.month - 1], *_SHORT_MONTHS[value.month - 1]):
            yield f"{value.day} {month}"
            yield f"{value.day} of {month}"
            yield f"{month} {value.day}"
    elif value is not None and value == int(value):
        yield str(int(value))
    elif value is not None:
        yield str(value)


def answer_phrases(question: Question) -> dict[tuple[str, ...], str]:
    """Every accepted answer of ``question`` as compared (its folded words), mapped to the form as written.

    Typed answers give every form (aliases, optional words in and out, the surname where it is accepted), a
    multiple-choice question with one right option that option, numbers their value (and a date its day and
    month). Questions answered by several things (a list, "tick all that apply", an order) are not given away by
    one of them, and true or false has no answer another text could show.
    """
    texts: list[str] = []
    expectation = question.expectation
    match expectation:
        case TextExpectation(accepted=accepted, grading=grading):
            texts = [form for answer in accepted for form in _forms(answer, grading.surname)]
        case ChoiceExpectation(correct=correct) if len(correct) == 1:
            texts = _right_option_forms(expectation)
        case NumberExpectation(value=value, low=low, high=high):
            texts = [form for v in (value, low, high) for form in _number_forms(v)]
    phrases: dict[tuple[str, ...], str] = {}
    for text in texts:
        phrase = _phrase(text)
        if phrase:
            phrases.setdefault(phrase, text)
    return phrases


def _right_option_forms(expectation: ChoiceExpectation) -> list[str]:
    """What gives away the one right option of a choice question: the option, every form of it (aliases, optional
    words in and out, the surname where the fact accepts surnames), and the surname of a person's name that no
    other option shares: seeing "Nazarbayev" picks "Nursultan Nazarbayev" among the options. A last word that is the
    question's head word is no surname: "river" says nothing of "Ural River" in "Which river..."."""
    (right,) = expectation.correct
    option = expectation.choices[right]
    texts = [option]
    if expectation.answers:
        texts += _forms(expectation.answers[right], expectation.grading.surname)
    name = surname(option)
    others = [surname(c) or c for i, c in enumerate(expectation.choices) if i != right]
    if name and _persons_name(option) and all(words(o)[-1:] != words(name) for o in others if o):
        heads = expectation.heads
        if not heads or name.casefold() not in Heads.of(heads).end:  # "Ural River" of "Which river...": no name
            texts.append(name)
    return texts


def _persons_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: two to four words, each starting with a capital letter."""
    parts = text.split()
    return 2 <= len(parts) <= 4 and all(part[0].isupper() for part in parts)


def shown_parts(question: Question) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The texts that tie an answer to ``question`` (prompt, right options, quote, and the right answer and note
    shown after it is answered), as folded words.

    Wrong options are left out: an option shows a name without saying what it answers, and a group's facts lend
    each other their answers as wrong options by design. So are the options of a "tick all that apply" question,
    which never says which of them are right.
    """
    for part, text in _shown_texts(question):
        yield part, words(text)


def _shown_texts(question: Question) -> list[tuple[str, str]]:
    """:func:`shown_parts` as written, not yet folded into words."""
    texts = [("prompt", _teachers_words(question))]
    expectation = question.expectation
    if isinstance(expectation, ChoiceExpectation) and len(expectation.correct) == 1:
        texts += [("option", question.choices[i]) for i in expectation.correct]
    if question.quote:
        texts.append(("quote", question.quote))
    # After each answer the learner is shown the right answer (a false statement's correction with it) and the note.
    if not (isinstance(expectation, ChoiceExpectation) and len(expectation.correct) == 1):  # the option says it
        texts.append(("answer", _answer_shown(expectation)))
    if question.note:
        texts.append(("note", question.note))
    return texts


def _answer_shown(expectation: Expectation) -> str:
    """The right answer a learner is shown after answering, without kzquiz's own words ("any three of:", "true",
    "false"), which show no fact's answer."""
    match expectation:
        case ListExpectation(items=items):
            return ", ".join(item.text for item in items)
        case TruthExpectation(correction=correction):
            return correction
        case _:
            return expected_text(expectation)


_COUNTED_FORMS = (Form.NAME, Form.LAST)  # a tuple: finding a member in a set hashes it with Enum's Python-level hash


def _teachers_words(question: Question) -> str:
    """The prompt without the count kzquiz fills in for ``{n}`` ("Name three of …", "Name the last 3 of …"): that
    word is kzquiz's, the number of answers asked for, and shows no fact's answer."""
    expectation = question.expectation
    if question.form not in _COUNTED_FORMS or not isinstance(expectation, ListExpectation):
        return question.prompt
    count = re.escape(_count_word(expectation.count))
    return re.sub(rf"\b{count}\b", " ", question.prompt, count=1, flags=re.IGNORECASE)


def _joined(found: tuple[str, ...]) -> str:
    """Words as one string with a space at either end, so that a phrase is found only as whole words."""
    return f" {' '.join(found)} "


def _contains(text: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return _joined(phrase) in _joined(text)


def gives_away(source: Question, target: Question) -> str:
    """The answer of ``target`` that ``source`` shows (as the deck writes it), or "" when it shows none.

    A question never gives itself away; see :func:`shown_parts` for what counts as shown.
    """
    if source.id == target.id:
        return ""
    phrases = answer_phrases(target)
    if not phrases:
        return ""
    for _, text in shown_parts(source):
        for phrase, written in phrases.items():
            if _contains(text, phrase):
                return written
    return ""


class LeakGuard:
    """:func:`gives_away` for a session, which checks each question it is about to ask against the one before.

    Each question's answers and shown texts are worked out once and kept, by question id (which names one question
    of one deck, whatever the order of its options), so a check costs a few substring searches however large the
    deck. Gives the same answers as :func:`gives_away`; keep one guard per set of decks.
    """

    def __init__(self) -> None:
        """An empty guard: questions are worked out as they are met."""
        self._answers: dict[str, tuple[tuple[str, str], ...]] = {}
        self._shown: dict[str, tuple[str, ...]] = {}

    def gives_away(self, source: Question, target: Question) -> str:
        """The answer of ``target`` that ``source`` shows (as the deck writes it), or "" when it shows none."""
        if source.id == target.id:
            return ""
        answers = self._answers.get(target.id)
        if answers is None:
            phrases = answer_phrases(target).items()
            answers = self._answers[target.id] = tuple((_joined(phrase), written) for phrase, written in phrases)
        if not answers:
            return ""
        shown = self._shown.get(source.id)
        if shown is None:
            shown = self._shown[source.id] = tuple(_joined(text) for _, text in shown_parts(source))
        for text in shown:
            for phrase, written in answers:
                if phrase in text:
                    return written
        return ""


def find_leaks(questions: Sequence[Question], *, same_fact: bool = False) -> list[Leak]:
    """Every pair of questions where one gives the other's answer away, in the order of ``questions``.

    Pairs within one fact (the questions before and after an item of a sequence show each other's answers by
    design) are left out unless ``same_fact``. Each (source, target) pair is listed once, with the first answer
    and part found.
    """
    index: dict[tuple[str, ...], list[tuple[Question, str]]] = defaultdict(list)
    for question in questions:
        for phrase, written in answer_phrases(question).items():
            index[phrase].append((question, written))
    lengths = _lengths(index)
    found: list[Leak] = []
    for source in questions:
        seen: set[str] = set()
        for part, text in shown_parts(source):
            for phrase in _phrases_in(text, lengths):
                for target, written in index.get(phrase, ()):
                    if target.id in seen or target.id == source.id:
                        continue
                    if not same_fact and (target.deck_id, target.fact_id) == (source.deck_id, source.fact_id):
                        continue
                    seen.add(target.id)
                    found.append(Leak(source.id, target.id, written, part))
    return found


def _lengths(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """The lengths of ``phrases`` by their first word, shortest first."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for phrase in phrases:
        lengths[phrase[0]].add(len(phrase))
    return {first: tuple(sorted(found)) for first, found in lengths.items()}


def _phrases_in(text: tuple[str, ...], lengths: dict[str, tuple[int, ...]]) -> list[tuple[str, ...]]:
    """The phrases of ``text`` that start with a word of ``lengths`` and are as long as it says, in text order (and
    from the same word, shortest first)."""
    return [
        text[i : i + n] for i, word in enumerate(text) if word in lengths for n in lengths[word] if i + n <= len(text)
    ]


@attrs.frozen
class FactLeaks:
    """A fact whose answers other facts show: ``first`` is the first pair in question order, ``givers`` every fact
    that shows one of its answers (in the order of the questions that first show it)."""

    fact: str
    first: Leak
    givers: tuple[str, ...]
    shows: tuple[str, ...] = attrs.field(default=(), eq=False)
    """The answer each of ``givers`` first shows, as the deck writes it, when they show different forms (else
    ``()``: each shows ``first.answer``); how a message words the leak, not what the leak is, so not compared."""


Phrases = dict[tuple[str, ...], str]


def _written(
    answers: Sequence[Phrases], phrase: tuple[str, ...], accepting: list[int], fact_of: list[int], fact: int
) -> str:
    """How ``fact`` writes ``phrase``, which its questions among ``accepting`` accept."""
    return answers[next(t for t in accepting if fact_of[t] == fact)][phrase]


def leaks_by_fact(questions: Sequence[Question], phrases: Sequence[Phrases] | None = None) -> list[FactLeaks]:
    """:func:`find_leaks` summed up by the fact given away, without listing every pair (what ``kzquiz audit`` needs).

    ``phrases`` are the questions' :func:`answer_phrases`, when the caller has them already. The work grows with
    the number of times an answer stands in another question's text, not with the number of pairs: an answer that
    a hundred questions show is looked up once per fact that accepts it.
    """
    answers = phrases if phrases is not None else [answer_phrases(q) for q in questions]
    accepting: dict[tuple[str, ...], list[int]] = defaultdict(list)  # phrase -> questions accepting it
    for n, found in enumerate(answers):
        for phrase in found:
            accepting[phrase].append(n)
    lengths = _lengths(accepting)
    numbers: dict[tuple[str, str], int] = {}
    fact_of = [numbers.setdefault((q.deck_id, q.fact_id), len(numbers)) for q in questions]
    fact_ids = [fact_id for _, fact_id in numbers]
    # phrase -> fact showing it -> (order of the first showing, question, part), in the order of first showings
    shown: dict[tuple[str, ...], dict[int, tuple[int, int, str]]] = defaultdict(dict)
    order = 0
    found_in: dict[str, list[tuple[str, ...]]] = {}  # the questions of a fact often share a quote
    current, done = -1, set[str]()  # the texts the current fact's questions have shown (they share quotes, prompts)
    for n, source in enumerate(questions):
        fact = fact_of[n]
        if fact != current:
            current, done = fact, set()
        for part, text in _shown_texts(source):
            if text in done:
                continue  # each of its phrases has this fact's first showing already
            done.add(text)
            shows = found_in.get(text)
            if shows is None:
                shows = found_in[text] = _accepted_in(words(text), lengths, accepting)
            for phrase in shows:
                showing = shown[phrase]
                if fact not in showing:  # only the first showing of each fact counts
                    order += 1
                    showing[fact] = (order, n, part)
    targets: dict[int, list[tuple[str, ...]]] = {}  # fact -> its phrases that others show
    for phrase in shown:
        for n in accepting[phrase]:
            mine = targets.setdefault(fact_of[n], [])
            if phrase not in mine:
                mine.append(phrase)
    found_leaks: list[FactLeaks] = []
    for fact, fact_phrases in targets.items():
        if len(fact_phrases) == 1:  # most facts: its givers are that phrase's, in the order they first show it
            phrase = fact_phrases[0]
            showing = shown[phrase]
            givers = [*showing]
            if fact in showing:
                givers.remove(fact)
            if not givers:
                continue
            _, n, part = showing[givers[0]]
            forms_shown: tuple[str, ...] = ()  # every giver shows the one phrase
        else:  # each giver ranked by the first of its showings of any of the fact's phrases
            firsts: dict[int, tuple[int, int, str, tuple[str, ...]]] = {}
            for phrase in fact_phrases:
                for giver, (first, n, part) in shown[phrase].items():
                    if giver != fact and (giver not in firsts or first < firsts[giver][0]):
                        firsts[giver] = (first, n, part, phrase)
            if not firsts:
                continue
            givers = sorted(firsts, key=lambda giver: firsts[giver][0])
            _, n, part, phrase = firsts[givers[0]]
            forms_shown = tuple(_written(answers, firsts[g][3], accepting[firsts[g][3]], fact_of, fact) for g in givers)
        target = next(t for t in accepting[phrase] if fact_of[t] == fact)
        leak = Leak(questions[n].id, questions[target].id, answers[target][phrase], part)
        found_leaks.append(
            FactLeaks(questions[target].fact_id, leak, tuple(map(fact_ids.__getitem__, givers)), forms_shown)
        )
    return found_leaks


def _accepted_in(
    text: tuple[str, ...], lengths: dict[str, tuple[int, ...]], accepting: dict[tuple[str, ...], list[int]]
) -> list[tuple[str, ...]]:
    """The accepted answers that stand in ``text`` (as :func:`_phrases_in` finds them, in the same order); a text
    without the first word of any is passed over in one look-up per word, and the others are scanned for those
    words without a Python step per word."""
    found: list[tuple[str, ...]] = []
    if lengths.keys().isdisjoint(text):
        return found
    size = len(text)
    for i in compress(range(size), map(lengths.__contains__, text)):
        for n in lengths[text[i]]:
            if i + n <= size and (phrase := text[i : i + n]) in accepting:
                found.append(phrase)
    return found

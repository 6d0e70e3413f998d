"""``kzquiz.audit``: a deck checked against its source text and against itself.

:func:`audit` is pure: it takes a loaded deck and the source's text and returns an :class:`AuditReport` with
every finding (quotes not found, leaks, time-bound questions without "according to", weak multiple-choice
items, quotes that do not contain the answer they back) and the source's coverage. The rules, in plain words,
are in docs/teachers.md (``kzquiz audit``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import json
import re
from collections.abc import Iterator
from functools import lru_cache

import attrs

from kzquiz import tomlpos
from kzquiz.auditfindings import RULE_KINDS, AuditFinding, AuditReport, AuditRule, Coverage, make_finding, one_line
from kzquiz.auditoptions import ruled_out, weak_options
from kzquiz.collector import collector_paused
from kzquiz.grading import NumberExpectation, TextExpectation
from kzquiz.leaks import MONTHS, Phrases, answer_phrases, leaks_by_fact, spaced_words, words
from kzquiz.model import (
    Answer,
    AnswerFact,
    AnyFact,
    ClozeFact,
    Deck,
    SequenceFact,
    SetFact,
    StatementFact,
    unquoted,
)
from kzquiz.numbers import number_mentions, read_date
from kzquiz.problems import Problem, Severity
from kzquiz.questions import AnswerType, Question
from kzquiz.sourcetext import Passage, SourceText, has_words

__all__ = [
    "AuditFinding",
    "AuditPart",
    "AuditReport",
    "AuditRule",
    "Coverage",
    "PartReport",
    "audit",
    "audit_part",
    "merged",
]


FRAMED = re.compile(
    # Written to start with the phrases' first letters in every case that ignoring case matches (ı and İ too), which
    # lets the search skip from one such letter to the next; the rest ignores case. A third cheaper than a
    # case-blind pattern starting with a look-ahead, and far cheaper than one trying \b at every character.
    r"[aAtTiIıİ](?<=\b[aAtTiIıİ])"
    r"(?i:ccording\s+to|s\s+of|s\s+at|he\s+(?:article|author|source|text)s?|n\s+(?:the\s+)?"
    r"(?:(?:early|late|mid)[\s-]+)?(?:(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+)?(?:18|19|20)\d\d)\b"
)
"""Words that tie a question to the time of its source: "according to the article", "as of 2022", "in 2019" (or "in
May 2019", "in early 2019", but not a decade, "in the 2020s"), whole words ("the authors" but not "the
authorities"), with any white space between them (a prompt written over lines)."""

_DATED = re.compile(
    r"\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?P<year>(?:18|19|20)\d\d)\b"
)
_MONTH_NUMBER = {month: number for number, month in enumerate(MONTHS, 1)}
_NAMES = re.compile(r"\b[A-ZА-Я][\w’'-]*(?:[ -][A-ZА-Я][\w’'-]*)*")
_FROM_TO = re.compile(rf"\b[Ff]rom ({_NAMES.pattern}) (?:back )?to ({_NAMES.pattern})")
"""A note that says a name changed from one to another: "renamed back from Nur-Sultan to Astana"."""
# Enum members the rules use once per question or finding, looked up once: on Python 3.11 each ``Severity.X`` or
# ``AuditRule.X`` goes through EnumType.__getattr__, about 900 instructions, which tens of thousands of findings pay.
_WARNING, _ERROR = Severity.WARNING, Severity.ERROR
_TIME, _CHANGED, _UNBACKED, _LEAK = AuditRule.TIME, AuditRule.CHANGED, AuditRule.UNBACKED, AuditRule.LEAK
_TYPED = AnswerType.TYPED
_LISTED = (AnswerType.LIST, AnswerType.ORDER)
_SAID = (TextExpectation, NumberExpectation)
_RANKS = {
    rule: rank
    for rank, rules in enumerate(
        [
            (AuditRule.SOURCE, AuditRule.QUOTE, AuditRule.SKIP),
            (AuditRule.LEAK,),
            (AuditRule.TIME, AuditRule.CHANGED),
            (AuditRule.RULED_OUT,),
            (AuditRule.SAME_OPTION, AuditRule.LONGEST, AuditRule.NUMBER_WORDS),
            (AuditRule.UNBACKED,),
        ]
    )
    for rule in rules
}
"""The order of a fact's findings (and the deck's), by rule: the source's, leaks, dates, options, unbacked quotes."""
MOST_NAMED = 5
"""How many facts a leak finding names before "and N more"."""
STALE_AFTER = dt.timedelta(days=365)
"""A source older than this (on ``today``) makes every fact time-bound."""


def audit(deck: Deck, source_text: str, *, today: dt.date | None = None) -> AuditReport:
    """Check ``deck`` against ``source_text``; ``today`` (default: the deck's dates only) ages the source.

    A fact is time-bound when it or the deck has ``as_of``, or when the source's date is more than a year before
    ``today`` (a :class:`datetime.date`, or a :class:`datetime.datetime`, whose date is taken).
    """
    today = _checked(deck, source_text, today)
    with collector_paused():  # hundreds of thousands of objects and no cycles: its passes would find nothing
        return merged(deck, [_part(deck, source_text, part, today) for part in AuditPart])


class AuditPart(enum.Enum):
    """The audit in two halves that need nothing of each other, each about half the work of a big deck: a caller
    with two processors can run them side by side (:func:`audit_part`) and join them (:func:`merged`)."""

    SOURCE = "source"
    """The source's side (quotes found, coverage, the source's date) and the options' rules."""
    QUESTIONS = "questions"
    """The questions' side: leaks, time-bound questions, quotes that do not contain their answer."""


@attrs.frozen
class PartReport:
    """What one :class:`AuditPart` found, in the order :func:`merged` expects; ``coverage`` only from the source's
    part."""

    findings: tuple[AuditFinding, ...]
    coverage: Coverage | None = None


def audit_part(deck: Deck, source_text: str, part: AuditPart, *, today: dt.date | None = None) -> PartReport:
    """One half of :func:`audit` (same arguments): ``merged(deck, [audit_part(…, p) for p in AuditPart])`` is
    ``audit(deck, …)``. Generate ``deck.questions`` before running the halves in two processes, or each will."""
    today = _checked(deck, source_text, today)
    if not isinstance(part, AuditPart):
        raise TypeError(f"part must be an AuditPart (SOURCE or QUESTIONS), not {type(part).__name__}")
    with collector_paused():
        return _part(deck, source_text, part, today)


def merged(deck: Deck, parts: list[PartReport]) -> AuditReport:
    """The report of ``deck``'s audit from the :func:`audit_part` of each :class:`AuditPart`: findings in deck
    order (the deck's own first), and the source's coverage."""
    for part in parts:
        if not isinstance(part, PartReport):
            raise TypeError(f"parts must be what audit_part returns, not {type(part).__name__}")
    sources = sum(part.coverage is not None for part in parts)  # only the source's part has a coverage
    if (sources, len(parts) - sources) != (1, 1):  # a report missing half its findings would look like a clean one
        msg = f"merged takes one SOURCE and one QUESTIONS part, not {sources} SOURCE and {len(parts) - sources}"
        raise ValueError(msg + " QUESTIONS")
    findings = [finding for part in parts for finding in part.findings]
    order = {fact.id: n * len(_RANKS) for n, fact in enumerate(deck.facts)}
    findings.sort(key=lambda f: order.get(f.fact, -len(_RANKS)) + _RANKS[f.rule])
    (coverage,) = (part.coverage for part in parts if part.coverage is not None)
    return AuditReport(tuple(findings), coverage)


def _checked(deck: Deck, source_text: str, today: dt.date | None) -> dt.date | None:
    """``today`` as a date, after refusing arguments of the wrong type."""
    if isinstance(today, dt.datetime):
        today = today.date()
    elif today is not None and not isinstance(today, dt.date):
        raise TypeError(f"today must be a datetime.date or None, not {type(today).__name__}")
    if not isinstance(deck, Deck):  # a file name, say: the library reads no file
        raise TypeError(f"deck must be a kzquiz.Deck (from kzquiz.load_deck), not {type(deck).__name__}")
    if not isinstance(source_text, str):
        raise TypeError(f"source_text must be the source's text as a str, not {type(source_text).__name__}")
    return today


def _part(deck: Deck, source_text: str, part: AuditPart, today: dt.date | None) -> PartReport:
    if part is AuditPart.SOURCE:
        findings, coverage = _source_side(deck, source_text)
        for fact in deck.facts:  # each rule takes a fact's questions together: what they share is worked out once
            mine = deck.questions_for(fact.id)
            findings.extend(ruled_out(fact, mine))
            findings.extend(weak_options(fact, mine))
        return PartReport(tuple(findings), coverage)
    phrases = [answer_phrases(question) for question in deck.questions]  # once, for leaks and unbacked quotes
    findings = list(_leaks(deck.questions, phrases))
    answers = dict(zip((q.id for q in deck.questions), phrases, strict=True))
    for fact in deck.facts:
        mine = deck.questions_for(fact.id)
        findings.extend(_time(deck, fact, mine, today))
        findings.extend(_unbacked(fact, mine, answers))
    return PartReport(tuple(findings))


def _source_side(deck: Deck, source_text: str) -> tuple[list[AuditFinding], Coverage]:
    source = SourceText(source_text)
    findings: list[AuditFinding] = []
    quoted: set[int] = set()
    found: dict[str, list[tuple[int, int]] | None] = {}  # items often share their fact's quote
    if not source.sentences:
        findings.append(
            make_finding(
                AuditRule.SOURCE,
                "",
                "the source has no sentences: nothing to find quotes in or to cover",
                "check that the source file holds the text of the source",
                Severity.WARNING,
            )
        )
    for fact in deck.facts:
        if unquoted(fact):  # as kzquiz validate warns
            findings.append(
                make_finding(
                    AuditRule.QUOTE,
                    fact.id,
                    "no quote from the source",
                    'add quote = "..." so learners see the evidence',
                    Severity.WARNING,
                )
            )
        for key, quote in _quotes_of(fact):
            if not has_words(quote):
                findings.append(_wordless(fact.id, key, "quote", quote))
                continue
            if quote in found:
                spans = found[quote]
                if spans is not None:
                    continue  # its sentences are counted already
            else:
                spans = found[quote] = source.find(quote)
            if spans is None:
                findings.append(_missing(fact, key, quote, source))
            else:
                quoted |= source.overlapping(spans)
    skipped: set[int] = set()
    for n, passage in enumerate(deck.source.skip):
        if not has_words(passage):
            findings.append(_wordless("", ("deck", "source", "skip", n), "skip passage", passage))
            continue
        places = source.find_every(passage)  # a repeated heading or "Advertisement" line is skipped everywhere
        if not places:
            findings.append(_missing_skip(n, passage, source))
        for spans in places:
            skipped |= source.overlapping([(spans[0][0], spans[-1][1])])
    if deck.source.date and _impossible_date(deck.source.date):
        findings.append(
            AuditFinding(
                AuditRule.TIME,
                "",
                f"the source's date is not a day that exists: “{_short(deck.source.date)}”",
                "write a real date such as 2021-02-28 or 28 February 2021, or only the month or the year",
                Severity.ERROR,
                ("deck", "source", "date"),
            )
        )
    elif deck.source.date.strip() and _source_date(deck.source.date) is None:
        findings.append(
            AuditFinding(
                AuditRule.TIME,
                "",
                f"the source's date names no year from 1800 to 2099: “{_short(deck.source.date)}”, so it makes no "
                "fact time-bound",
                "write it as 2021-02-28, 28 February 2021, February 2021 or 2021",
                Severity.WARNING,
                ("deck", "source", "date"),
            )
        )
    skipped -= quoted
    uncovered = tuple(s for i, s in enumerate(source.sentences) if i not in quoted and i not in skipped)
    return findings, Coverage(len(source.sentences), len(quoted), len(skipped), uncovered)


def _quotes_of(fact: AnyFact) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if fact.quote:
        yield ("quote",), fact.quote
    if isinstance(fact, SequenceFact | SetFact):
        name = "items" if isinstance(fact, SequenceFact) else "members"
        for i, item in enumerate(fact.items if isinstance(fact, SequenceFact) else fact.members):
            if item.quote:
                yield (name, i, "quote"), item.quote


def _short(text: str, most: int = 90) -> str:
    """``text`` on one line (:func:`one_line`), cut to ``most`` characters."""
    text = one_line(text)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _closest(near: Passage | None) -> str:
    """The closest passage, for the message: hints never hold the source's words, which may hold parentheses."""
    return (
        f"; closest passage, line {near.line}: “{_short(near.text, 160)}”" if near else "; nothing close in the source"
    )


def _missing(fact: AnyFact, key: tuple[str | int, ...], quote: str, source: SourceText) -> AuditFinding:
    near = source.closest(quote)
    message = f"quote not found word for word in the source: “{_short(quote)}”{_closest(near)}"
    hint = "copy the passage as the source writes it" if near else "check the quote and the source file"
    return make_finding(AuditRule.QUOTE, fact.id, message, hint, Severity.ERROR, key)


def _wordless(fact: str, key: tuple[str | int, ...], what: str, text: str) -> AuditFinding:
    """A quote or skip passage without a letter or a digit ("…", "."), which would match any punctuation."""
    rule = AuditRule.QUOTE if fact else AuditRule.SKIP
    message = f"the {what} has no words to find in the source: “{_short(text)}”"
    hint = "copy words of the source; an ellipsis only stands for the words left out between them"
    return make_finding(rule, fact, message, hint, Severity.ERROR, key)


def _missing_skip(n: int, passage: str, source: SourceText) -> AuditFinding:
    near = source.closest(passage)
    message = f"passage not found in the source: “{_short(passage)}”{_closest(near)}"
    hint = "copy the passage as the source writes it" if near else "check the passage and the source file"
    return make_finding(AuditRule.SKIP, "", message, hint, Severity.ERROR, ("deck", "source", "skip", n))


_PARTS = {"prompt": "prompt", "option": "right option", "quote": "quote", "answer": "answer", "note": "note"}
"""How a leak finding names the part of a question that shows an answer (:attr:`kzquiz.leaks.Leak.part`)."""


def _leaks(questions: tuple[Question, ...], phrases: list[Phrases]) -> Iterator[AuditFinding]:
    """One finding per fact given away, naming the facts that give it away and the first pair of questions."""
    for leaks in leaks_by_fact(questions, phrases):
        first, givers = leaks.first, leaks.givers
        if leaks.shows:  # givers that show another form ("Астана" for the fact of "Nur-Sultan") are named with it
            by_form: dict[str, list[str]] = {}
            for giver, form in zip(givers[:MOST_NAMED], leaks.shows, strict=False):
                by_form.setdefault(form, []).append(giver)
            named = ", and as ".join(
                (f"“{one_line(form)}” " if n else "") + "by " + ", ".join(names)
                for n, (form, names) in enumerate(by_form.items())
            )
        else:  # each shows the answer the message names: most leaks
            named = "by " + ", ".join(givers[:MOST_NAMED])
        if len(givers) > MOST_NAMED:
            named += f" and {len(givers) - MOST_NAMED} more"
        where = _PARTS[first.part]
        yield make_finding(
            _LEAK,
            leaks.fact,
            f"its answer “{one_line(first.answer)}” is given away {named} (the {where} of {first.source} shows it "
            f"before {first.target})",
            "reword the questions that show it; study and exam never ask this fact right after one of them",
            _WARNING,
            (),
            (first.source, first.target),
        )


def _as_of(deck: Deck, fact: AnyFact) -> dt.date | None:
    if fact.as_of or deck.as_of:
        return fact.as_of or deck.as_of
    return _source_date(deck.source.date)


_ISO_LIKE = re.compile(r"\s*(?:18|19|20)\d\d-\d\d?-\d\d?\b")
_DAY_NUMBER = re.compile(r"\b\d\d?(?:st|nd|rd|th)?\b", re.IGNORECASE)


@lru_cache(maxsize=16)
def _impossible_date(text: str) -> bool:
    """Whether the source's ``date`` writes a day that does not exist ("2021-02-30", "30 February 2021")."""
    if _ISO_LIKE.match(text):
        try:
            dt.date.fromisoformat(text.strip()[:10])
        except ValueError:
            return True
        return False
    dated = _DATED.search(text)
    named_month = any(month in text for month in MONTHS)
    return bool(dated and named_month and _DAY_NUMBER.search(text) and read_date(text, int(dated["year"])) is None)


def _source_date_words(text: str) -> str:
    """How a time-bound finding names the source's date when the deck gives only a year ("2021") or a month
    ("March 2021"), so that it does not invent a month or a day; "" for a whole date."""
    dated = _DATED.search(text)
    if dated is None or _ISO_LIKE.match(text) or read_date(text, int(dated["year"])) is not None:
        return ""
    return dated.group()


@lru_cache(maxsize=16)  # asked once per fact, about the deck's one source
def _source_date(text: str) -> dt.date | None:
    """The date of the source, as a deck may write it: "2022-01-15", "15 January 2022", "January 2022", "2022".

    A month or a year stands for its last day, so that a source is never taken to be older than it is. A day
    that does not exist makes no date (the audit reports it).
    """
    if _impossible_date(text):
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        pass
    dated = _DATED.search(text)
    if dated is None:
        return None
    year = int(dated["year"])
    reading = read_date(text, year)
    if reading is not None and reading[0] == reading[1]:
        return reading[0]
    month = _MONTH_NUMBER[dated["month"]] if dated["month"] else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _later_change(note: str, as_of: dt.date) -> str:
    """The date in ``note`` later than ``as_of`` ("September 2022"), or "" when the note names none."""
    for match in _DATED.finditer(note):
        year = int(match["year"])
        month = _MONTH_NUMBER[match["month"]] if match["month"] else 12
        if (year, month) > (as_of.year, as_of.month) and (match["month"] or year > as_of.year):
            return match.group()
    return ""


def _time(deck: Deck, fact: AnyFact, questions: tuple[Question, ...], today: dt.date | None) -> Iterator[AuditFinding]:
    as_of = _as_of(deck, fact)
    if as_of is None:
        return
    bound = bool(fact.as_of or deck.as_of) or (today is not None and today - as_of > STALE_AFTER)
    if not bound:
        return
    changed = _later_change(fact.note, as_of) if fact.note else ""
    month, day = _date_words(as_of)
    if not (fact.as_of or deck.as_of):  # the source's date, as precise as the deck writes it
        month = day = _source_date_words(deck.source.date) or month
    # Worked out once per fact, not once per question: what every finding of the fact says and its custom prompts.
    unframed = f": time-bound (as of {day}) but the question does not say “according to …” or “as of …”"
    hint = f"say “According to the article, as of {month}, …” or name the time in the question"
    custom = dict(fact.prompts) if isinstance(fact, SequenceFact | SetFact) else None
    for question in questions:
        if FRAMED.search(question.prompt):
            continue
        today_answer = _rejected_name(fact, question) if changed else ""
        if today_answer:
            yield make_finding(
                _CHANGED,
                fact.id,
                f"{question.id}: the note says the world changed ({changed}), and the question, which does not say "
                f"“according to …”, would mark “{today_answer}” wrong",
                f"say “According to the article, as of {month}, …”, or accept today's answer",
                _ERROR,
                _prompt_key(fact, question, custom),
                (question.id,),
            )
        else:
            key = _prompt_key(fact, question, custom)
            yield make_finding(_TIME, fact.id, question.id + unframed, hint, _WARNING, key, (question.id,))


@lru_cache(maxsize=256)  # asked once per time-bound fact, and a deck's facts share a few dates
def _date_words(as_of: dt.date) -> tuple[str, str]:
    """How a time-bound finding names ``as_of``: its month ("January 2022") and its day ("2022-01-15")."""
    return f"{as_of:%B %Y}", as_of.isoformat()


def _rejected_name(fact: AnyFact, question: Question) -> str:
    """A name from the fact's note that answers one of the fact's questions, yet this typed question refuses; or
    the new name of a renaming the note tells ("from Nur-Sultan to Astana") whose old name this question accepts."""
    if question.answer_type is not _TYPED or not isinstance(question.expectation, TextExpectation):
        return ""
    prompt = spaced_words(question.prompt)
    runs = _NAMES.findall(fact.note)
    # A run that a sentence starts ("Then Nur-Sultan") holds the name without its first word too.
    runs += [run.split(" ", 1)[1] for run in runs if " " in run]
    names: list[tuple[str, tuple[str, ...]]] = [(name, words(name)) for name in dict.fromkeys(runs)]
    known = {answer for q_phrases in _fact_answers(fact) for answer in q_phrases}
    # Only a name that is one of the fact's answers: a word capitalised because it starts the note's sentence
    # ("The", "In") is no name, and a prompt that says "the" or "in" is not about what changed.
    named = [name for name, phrase in names if phrase in known and f" {' '.join(phrase)} " in prompt]
    for name, phrase in names if named else ():
        if name not in named and phrase in known and not question.check(name).correct:
            return name
    # "renamed from Nur-Sultan to Astana": a question whose answer is the old name refuses today's, unless the
    # question is about the new name itself ("What was Astana renamed to?").
    changes: list[tuple[str, str]] = _FROM_TO.findall(fact.note)
    for old, new in changes:
        phrase = words(new)
        about_new = not phrase or f" {' '.join(phrase)} " in prompt
        if not about_new and question.check(old).correct and not question.check(new).correct:
            return new
    return ""


def _fact_answers(fact: AnyFact) -> Iterator[set[tuple[str, ...]]]:
    answers: list[Answer] = []
    match fact:
        case AnswerFact():
            answers = [fact.answer]
        case SequenceFact():
            answers = [item.answer for item in fact.items]
        case SetFact():
            answers = [item.answer for item in fact.members]
        case ClozeFact():
            answers = list(fact.blanks)
    yield {tuple(words(form)) for answer in answers for form in answer.forms}


def _prompt_key(fact: AnyFact, question: Question, custom: dict[str, str] | None = None) -> tuple[str | int, ...]:
    """The key that words a question: its own prompt, or the subject it is made from (``custom``: the
    ``dict(fact.prompts)`` of a sequence or set, when the caller has it)."""
    match fact:
        case SequenceFact() | SetFact():
            custom = dict(fact.prompts) if custom is None else custom
            name = question.form._value_  # what .value gives, without its Python-level descriptor
            return ("prompts", name) if name in custom else ("subject",)
        case StatementFact():
            return ("statement",)
        case ClozeFact():
            return ("text",)
    return ("question",)


def _unbacked(fact: AnyFact, questions: tuple[Question, ...], answers: dict[str, Phrases]) -> Iterator[AuditFinding]:
    """The fact's questions whose shown quote does not contain their answer (``answers``: each question's
    :func:`answer_phrases`, by id); for a list, each of its items that the quote does not name."""
    items: list[tuple[str, list[str]]] | None = None  # each item's text and forms, for the fact's list questions
    for question in questions:
        if not question.quote:
            continue
        expectation = question.expectation
        quote = spaced_words(question.quote)
        if isinstance(expectation, _SAID):
            phrases = answers[question.id]
            # a number with a unit is backed only where the quote says it in that unit ("8,849 feet" is not 8849 m)
            said = not (isinstance(expectation, NumberExpectation) and expectation.unit) and any(
                f" {' '.join(p)} " in quote for p in phrases
            )
            if phrases and not said and not _says_number(question):
                expected = question.expected
                yield _unbacked_finding(fact, question, expected, _quote_key(fact, expected))
        elif isinstance(fact, SequenceFact | SetFact) and question.answer_type in _LISTED:
            if items is None:
                listed = fact.items if isinstance(fact, SequenceFact) else fact.members
                items = [(item.text, _spaced_forms(item.answer)) for item in listed]
            shown = items
            if question.form._value_ == "last" and isinstance(fact, SequenceFact):  # _value_: what .value gives
                shown = items[-fact.last :]
            for text, forms in shown:
                if not any(form in quote for form in forms):
                    yield _unbacked_finding(fact, question, text, _quote_key(fact, text))


def _spaced_forms(answer: Answer) -> list[str]:
    """The forms of ``answer`` as :func:`spaced_words` writes a text, to find them in one (those with words)."""
    return [f" {' '.join(form)} " for form in {tuple(words(text)) for text in answer.forms} if form]


def _says_number(question: Question) -> bool:
    """Whether the quote says the number a number question expects, read as grading reads answers: "8,849
    metres" or "29,032 feet" for 8849 m, "two days" for 48 hours, "11 January 2022" for a date."""
    if not isinstance(question.expectation, NumberExpectation):
        return False
    return any(question.check(mention).correct for mention in number_mentions(question.quote))


def _quote_key(fact: AnyFact, answer: str) -> tuple[str | int, ...]:
    """The key to change when a quote does not back ``answer``: the item's own quote, else the fact's quote, else
    the item (to give it a quote)."""
    if isinstance(fact, SequenceFact | SetFact):
        name, items = ("items", fact.items) if isinstance(fact, SequenceFact) else ("members", fact.members)
        for i, item in enumerate(items):
            if item.text == answer:
                return (name, i, "quote") if item.quote else ("quote",) if fact.quote else (name, i)
    return ("quote",)


def _unbacked_finding(
    fact: AnyFact, question: Question, answer: str, key: tuple[str | int, ...] = ("quote",)
) -> AuditFinding:
    return make_finding(
        _UNBACKED,
        fact.id,
        f"{question.id}: the quote shown with this question does not contain its answer “{one_line(answer)}”",
        "quote the passage that says it; a sequence or set item can have its own quote",
        _WARNING,
        key,
        (question.id,),
    )


def located(report: AuditReport, deck: Deck, deck_text: str, path: str) -> list[Problem]:
    """The findings as deck problems of the file at ``path`` whose text is ``deck_text``, with lines and columns."""
    table = tomlpos.positions(deck_text)
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    problems = []
    for finding in report.findings:
        where = finding.key if not finding.fact else ("facts", index.get(finding.fact, -1), *finding.key)
        position = tomlpos.nearest(table, where)
        line, column = position if position else (None, None)
        kind = RULE_KINDS.get(finding.rule, "")
        problems.append(
            Problem(path, line, column, finding.field, finding.message, finding.hint, finding.severity, kind)
        )
    return problems  # in the order of the findings, which audit_json pairs them with


def audit_json(
    report: AuditReport,
    problems: list[Problem],
    deck_path: str,
    source_path: str,
    also: list[tuple[Problem, str]] | None = None,
) -> str:
    """The report as one JSON document, for editors and CI (its keys are listed in docs/teachers.md); ``also``
    adds problems found outside the report, each with its rule (``"coverage"``: below ``--min-coverage``)."""
    from kzquiz.teach import problem_record

    coverage = report.coverage
    extra = also or []
    errors = report.errors + sum(p.severity is Severity.ERROR for p, _ in extra)
    document = {
        "deck": deck_path,
        "source": source_path,
        "errors": errors,
        "warnings": len(report.findings) + len(extra) - errors,
        "problems": [
            *(
                {**problem_record(problem), "rule": f.rule.value, "questions": list(f.questions)}
                for f, problem in zip(report.findings, problems, strict=True)
            ),
            *({**problem_record(problem), "rule": rule, "questions": []} for problem, rule in extra),
        ],
        "coverage": {
            "sentences": coverage.sentences,
            "quoted": coverage.quoted,
            "skipped": coverage.skipped,
            "percent": None if coverage.percent is None else round(coverage.percent, 1),
            "uncovered": [{"line": p.line, "column": p.column, "text": p.text} for p in coverage.uncovered],
        },
    }
    return _dumped(document)


def stopped_json(problems: list[Problem], rule: str, deck_path: str, source_path: str | None) -> str:
    """The JSON document of an audit that could not start: the deck does not load (``rule`` ``"deck"``: its
    problems as ``kzquiz validate --json`` lists them), or the source cannot be read (``"source"``); no coverage."""
    from kzquiz.teach import problem_record

    errors = sum(p.severity is Severity.ERROR for p in problems)
    document: dict[str, object] = {
        "deck": deck_path,
        "source": source_path,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [{**problem_record(problem), "rule": rule, "questions": []} for problem in problems],
        "coverage": None,
    }
    return _dumped(document)


def _dumped(document: object) -> str:
    from kzquiz.text import safe_data

    # Every string cleaned on its own: JSON escapes an ESC as \u001b, which the program reading it turns back.
    return json.dumps(safe_data(document), ensure_ascii=False, indent=2)

"""Question generation: every sensible question about each fact, each with a stable id.

A question's id is ``deck/fact/form`` (plus ``/item`` for forms asked once per item), so rewording a fact or
moving it in the file keeps every learner's progress. Choices are shuffled with a random generator seeded by the
seed and the question id alone, so generation is deterministic and one fact's edit never reshuffles another's.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
import re
import threading
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property, lru_cache

import attrs

from kzquiz.collector import collector_paused
from kzquiz.folding import RememberedKeys
from kzquiz.grading import (
    ChoiceExpectation,
    Expectation,
    ListExpectation,
    NumberExpectation,
    OrderExpectation,
    TextExpectation,
    TruthExpectation,
    Verdict,
    expected_text,
    grade,
)
from kzquiz.makers import maker
from kzquiz.model import (
    Answer,
    AnswerFact,
    AnyFact,
    ChoiceFact,
    ClozeFact,
    Deck,
    FactKind,
    Item,
    NumberFact,
    PartialAnswer,
    SequenceFact,
    SetFact,
    StatementFact,
    make_answer,
)
from kzquiz.pools import GroupPool
from kzquiz.questionwords import blank_words, head_words
from kzquiz.verdict import format_number


class AnswerType(enum.Enum):
    """A question's answer type: how the learner answers it (types it, picks one option, ticks several...).

    It decides the prompt a learner gets; ``kzquiz exam --types`` and the summaries use these values.
    """

    TYPED = "typed"
    LIST = "list"
    NUMBER = "number"
    CLOZE = "cloze"
    CHOICE = "choice"
    SELECT = "select"
    TRUE_FALSE = "true-false"
    ORDER = "order"

    @property
    def is_recall(self) -> bool:
        """True where the learner produces the answer (types it), false where they recognise it among options."""
        return self not in _RECOGNITION


_RECOGNITION = (AnswerType.CHOICE, AnswerType.SELECT, AnswerType.TRUE_FALSE)
"""Named once: on Python 3.11 each ``AnswerType.X`` lookup costs about 900 instructions, and every answer asks."""


class Form(enum.Enum):
    """A question form: which of its fact's questions a question is ("recall", "before"...).

    Part of the question's stable id, and what a fact's ``forms`` key lists.
    """

    RECALL = "recall"
    CHOICE = "choice"
    ORDER = "order"
    LAST = "last"
    BEFORE = "before"
    AFTER = "after"
    CONTEXT = "context"
    NAME = "name"
    SELECT = "select"
    ODD_ONE_OUT = "odd"
    ENTRY = "entry"
    TRUE_FALSE = "true-false"
    CLOZE = "cloze"


@attrs.frozen(weakref_slot=False)  # a big deck holds hundreds of thousands (see kzquiz.model)
class Question:
    """One question, ready to ask: its prompt, its choices (empty for typed answers) and what it expects.

    ``id`` (``deck/fact/form``, plus ``/item`` for forms asked once per item) is stable across edits of wording
    and order, so a learner's progress survives them; ``expectation`` is what :meth:`check` grades against.
    """

    id: str
    deck_id: str
    fact_id: str
    form: Form
    answer_type: AnswerType
    prompt: str
    expectation: Expectation = attrs.field(repr=False)
    choices: tuple[str, ...] = ()
    quote: str = ""
    note: str = ""

    @property
    def expected(self) -> str:
        """The canonical right answer, as text."""
        return expected_text(self.expectation)

    def check(self, answer: str) -> Verdict:
        """Grade a learner's answer. Choice answers may be the option's number, letter or text."""
        return grade(self.expectation, answer)


# Built for every question: these take the same arguments as the classes and build the same objects, about three
# times faster (see kzquiz.makers).
_make_question = maker(Question)
_make_text_expectation = maker(TextExpectation)
_make_list_expectation = maker(ListExpectation)
_make_number_expectation = maker(NumberExpectation)
_make_choice_expectation = maker(ChoiceExpectation)
_make_order_expectation = maker(OrderExpectation)
_make_truth_expectation = maker(TruthExpectation)

KIND_FORMS: dict[FactKind, tuple[Form, ...]] = {
    FactKind.ANSWER: (Form.RECALL, Form.CHOICE),
    FactKind.SEQUENCE: (Form.ORDER, Form.LAST, Form.BEFORE, Form.AFTER, Form.CONTEXT),
    FactKind.SET: (Form.NAME, Form.SELECT, Form.ODD_ONE_OUT),
    FactKind.NUMBER: (Form.ENTRY,),
    FactKind.STATEMENT: (Form.TRUE_FALSE,),
    FactKind.CLOZE: (Form.CLOZE, Form.CHOICE),
    FactKind.CHOICE: (Form.CHOICE,),
}
"""The question forms each kind of fact can generate; a fact's ``forms`` key picks among them."""

DEFAULT_PROMPTS: dict[str, str] = {
    "order": "Put these in order: {subject}.",
    "last": "Name the last {n} of {members}{qualifier}.",
    "before": "Which of {members} comes just before “{item}”{qualifier}?",
    "after": "Which of {members} comes just after “{item}”{qualifier}?",
    "context": "Which of {members} was it {context}?",
    "name": "Name {n} of {members}{qualifier}.",
    "select": "Which of these are {members}{qualifier}? Tick all that apply.",
    "odd": "Which of these is not one of {members}{qualifier}?",
}
"""The wording of each templated form, overridable per fact with ``prompts.KEY``.

``{members}`` is the subject without its trailing qualifier, with "the" put before it when it has no determiner
("Russian tsars" → "the Russian tsars"); ``{qualifier}`` is that qualifier in parentheses after a space (" (oldest
first)"), or nothing; see :func:`subject_parts`.
"""

_SUBJECT = frozenset({"subject", "members", "qualifier"})
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "order": _SUBJECT,
    "last": _SUBJECT | {"n"},
    "before": _SUBJECT | {"item"},
    "after": _SUBJECT | {"item"},
    "context": _SUBJECT | {"context"},
    "name": _SUBJECT | {"n"},
    "select": _SUBJECT,
    "odd": _SUBJECT,
}
"""The placeholders each prompt may use. Filling them is plain text substitution: nothing is evaluated."""

_DEFINITE = frozenset({"the", "these", "those", "this", "that", "his", "her", "its", "their", "our", "your", "my"})
_QUANTIFIERS = frozenset(
    {
        *("a", "an", "some", "any", "all", "both", "each", "every", "either", "neither", "no", "many", "several"),
        *("few", "which", "whose", "what", "another", "such"),
    }
)
"""Determiners that say how many already ("some of", "all the", "a few"): no "all" or "both" goes before them."""
DETERMINERS = _DEFINITE | _QUANTIFIERS
"""Words that already start a noun phrase with a determiner, so that no "the" is put before it ("a cell's
stages", "all the rivers", not "the a cell's stages")."""

_POSSESSIVE = ("'s", "’s", "s'", "s’")
_NAMED_OWNER = re.compile(r"(?:[A-ZÀ-ÞА-ЯЁ][\w.-]*\s+)+[A-ZÀ-ÞА-ЯЁ][\w.-]*(?:'s|’s|s'|s’)(?=\s|$)")
"""A subject that starts with a name of several capitalised words in the possessive ("Nursultan Nazarbayev's
posts", "New York's boroughs"), which takes no "the", as a one-word name in the possessive does not."""
_QUALIFIER_BREAK = re.compile(r"[,;:]|\s[-–—]\s|—")
"""Where a subject's qualifier starts: a comma, a semicolon, a colon, a dash between spaces or an em dash."""
_SPACE_BEFORE_BREAK = re.compile(r"\s+(?=[,;:])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:\w+\.\w[\w.]*|etc|Co|Ltd|Inc|St|Jr|Sr)\.$")
"""A subject ending in an abbreviation ("the U.S.", "etc."), whose full stop is kept."""

PLACEHOLDER = re.compile(r"\{(\w*)\}")

_OPTIONAL = re.compile(r"\s*\([^()]*\)")

MAX_CHOICES = 4
"""Options shown in a generated multiple-choice question: the right one and up to three distractors."""


def tidy_subject(subject: str) -> str:
    """``subject`` as prompts show it: white space single, none before a comma, semicolon or colon, and no full
    stop, comma, semicolon or colon at its end (a full stop after an abbreviation stays: "the U.S.")."""
    text = " ".join(subject.split())
    if not text:
        return text
    if " ," in text or " ;" in text or " :" in text:  # (the only white space left is single spaces)
        text = _SPACE_BEFORE_BREAK.sub("", text)
    text = text.rstrip(",;: ")
    while text.endswith(".") and not text.endswith("..") and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip(",;: ")
    return text


_LEAD_WORDS = frozenset(
    {
        *("in", "during", "from", "until", "till", "before", "after", "under", "when", "while", "at", "on", "by"),
        *("since", "between", "around", "about", "for", "as", "through", "throughout", "within", "the", "a", "an"),
    }
)
"""Words that start an item's context ("during the Soviet era") and are written in lower case inside a prompt."""


def tidy_context(context: str) -> str:
    """An item's ``context`` as the ``{context}`` placeholder gives it: tidied as a subject is
    (:func:`tidy_subject`), and its first word in lower case when it is a preposition or an article written with a
    capital ("During the Soviet era" → "during the Soviet era"), as it stands inside the question."""
    text = tidy_subject(context)
    first = text.split(" ", 1)[0]
    if first.casefold() in _LEAD_WORDS and first[:1].isupper() and first[1:].islower():
        text = first.lower() + text[len(first) :]
    return text


def subject_parts(subject: str) -> tuple[str, str]:
    """``{members}`` and ``{qualifier}`` of a subject: "the capitals of Russia, oldest first" gives
    ("the capitals of Russia", " (oldest first)").

    The subject is tidied first (:func:`tidy_subject`). The qualifier is what follows the subject's first comma,
    semicolon, colon, dash between spaces or em dash outside parentheses; it is put in parentheses, or after a
    comma when it has parentheses of its own. "the" goes before a subject whose first word is not a determiner or
    a possessive ("Russian tsars", but not "Tokayev's responses", "Nursultan Nazarbayev's posts" or "a cell's
    stages"), and a determiner written with a capital ("The Kings of England") is written in lower case, as it
    stands inside a sentence.
    """
    return _parts(tidy_subject(subject))


def _parts(subject: str) -> tuple[str, str]:
    """:func:`subject_parts` of a subject already tidied."""
    head, qualifier = subject, ""
    found = _QUALIFIER_BREAK.search(head)  # the first break with as many "(" as ")" before it
    if "(" in head or ")" in head:  # (most subjects have no parentheses: nothing to count)
        while found and head.count("(", 0, found.start()) != head.count(")", 0, found.start()):
            found = _QUALIFIER_BREAK.search(head, found.end())
    if found:
        head, qualifier = head[: found.start()].rstrip(), head[found.end() :].strip()
    first = head.split(" ", 1)[0]
    if first.casefold() in DETERMINERS:
        if first[:1].isupper() and first[1:].islower():
            head = first.lower() + head[len(first) :]
    elif first and not first.endswith(_POSSESSIVE) and not _NAMED_OWNER.match(head):
        head = f"the {head}"
    if not qualifier:
        return head, ""
    return head, f", {qualifier}" if "(" in qualifier else f" ({qualifier})"


def fill(template: str, **values: str) -> str:
    """Replace ``{name}`` placeholders with ``values``, as plain text in one pass; unknown names stay as they are."""
    if "{" not in template:
        return template
    parts = list(_split(template))  # text, name, text, name, ..., text
    return _filled_rest((parts, range(1, len(parts), 2)), values)


PartlyFilled = tuple[list[str], Sequence[int]]
"""A template split at its placeholders (text, name, text, name, ..., text), some names replaced by their values,
and where the names still to fill stand."""


def _filled_in_part(template: str, values: dict[str, str]) -> PartlyFilled:
    """``template`` with the placeholders ``values`` names filled in: a prompt asked once per item is filled with its
    fact's subject once, then with each item by :func:`_filled_rest` (still in one pass: no value is read as a
    placeholder)."""
    parts = list(_split(template))
    rest = []
    for i in range(1, len(parts), 2):
        if parts[i] in values:
            parts[i] = values[parts[i]]
        else:
            rest.append(i)
    return parts, rest


def _filled_rest(template: PartlyFilled, values: dict[str, str]) -> str:
    """A template filled in part, with its other placeholders filled in (those ``values`` does not name left as
    ``{name}``)."""
    parts, rest = template
    filled = parts.copy()
    for i in rest:
        name = filled[i]
        filled[i] = values.get(name, f"{{{name}}}")
    return "".join(filled)


@lru_cache(maxsize=256)
def _split(template: str) -> tuple[str, ...]:
    """``template`` split at its placeholders, once: a deck fills its few prompts thousands of times."""
    return tuple(PLACEHOLDER.split(template))


def generate(deck: Deck, *, seed: int = 0) -> tuple[Question, ...]:
    """Every question of every fact of ``deck``, in fact order; the same ``seed`` gives the same questions."""
    factory = QuestionFactory(deck, seed)
    with collector_paused():
        return tuple(q for fact in deck.facts for q in factory.for_fact(fact))


class QuestionFactory:
    """Generates the questions of one fact at a time, so a session never pays for facts it does not ask."""

    def __init__(self, deck: Deck, seed: int = 0) -> None:
        pools: dict[str, list[str]] = defaultdict(list)
        self._unmade: dict[str, int] = defaultdict(int)  # facts of each group whose questions are not made yet
        for fact in deck.facts:
            if fact.group:
                pools[fact.group].extend(_answers_of(fact))
                self._unmade[fact.group] += 1
        self._builder = _Builder(deck.id, seed, deck.facts)
        self._pools = {group: GroupPool(texts, self._builder.key) for group, texts in pools.items()}

    def for_fact(self, fact: AnyFact) -> tuple[Question, ...]:
        """The questions ``fact`` generates, in form order."""
        pool = self._pools.get(fact.group) if fact.group else None
        questions = self._builder.questions(fact, pool)
        made = tuple(q for q in questions if q.form._value_ in fact.forms) if fact.forms else tuple(questions)
        if pool is not None:
            self._unmade[fact.group] -= 1
            if self._unmade[fact.group] <= 0:  # the group's last fact: at 100,000 facts its keys add up to 20 MB
                pool.forget()
        return made


def _answers_of(fact: AnyFact) -> list[str]:
    """What a fact contributes to its group's pool of distractors."""
    match fact:
        case AnswerFact():
            return [fact.answer.text]
        case SequenceFact():
            return [item.text for item in fact.items]
        case SetFact():
            return [item.text for item in fact.members]
        case ClozeFact() if len(fact.blanks) == 1:
            return [fact.blanks[0].text]
        case ChoiceFact():
            return list(fact.answers)
    return []


def _accepted_of(fact: AnyFact) -> Sequence[Answer | Item]:
    """The accepted answers a fact knows, each with its text and aliases (items as they are: making an Answer of
    each, only to find it has no alias, cost more than the rest of the look-up): an option showing one may be
    picked by any of them."""
    match fact:
        case AnswerFact():
            return (fact.answer,)
        case SequenceFact():
            return fact.items
        case SetFact():
            return fact.members
        case ClozeFact():
            return fact.blanks
    return ()


_THREAD = threading.local()
"""Each thread's one random generator, reseeded for each question (:meth:`_Builder._rng`): threads that generate a
shared deck's questions at once never draw from each other's seeding."""


# Not slotted: attrs gives a slotted class with a cached property a __getattr__, and CPython then reads every attribute
# of it (self.deck_id, self.key...) through a slower path, several hundred instructions a read, many reads a question.
@attrs.define(slots=False)
class _Builder:
    deck_id: str
    seed: int
    facts: Sequence[AnyFact] = ()
    # answer_key remembered lately: a group's pool is checked against every fact of the group, which are usually
    # written together. A bound method kept as a field, so that each call is one call.
    key: Callable[[str, bool], str] = attrs.field(factory=lambda: RememberedKeys().key, init=False)

    @cached_property
    def aliases(self) -> dict[str, tuple[str, ...]]:
        """Every alias the deck knows for each answer text, gathered on the first multiple-choice question: a deck
        of typed answers never pays for it."""
        aliases: dict[str, tuple[str, ...]] = {}
        for fact in self.facts:
            for answer in _accepted_of(fact):
                if not answer.aliases:
                    continue  # most answers have none: only those that do take room
                known = aliases.get(answer.text, ())
                aliases[answer.text] = (*known, *(a for a in answer.aliases if a not in known))
        return aliases

    def _distinct(self, texts: list[str], exclude: list[str], accents: bool) -> list[str]:
        """``texts`` without repeats and without anything equal to ``exclude`` once normalised."""
        if not texts:
            return []  # most facts have no distractors of their own: nothing to fold
        seen = {self.key(t, accents) for t in exclude}
        out = []
        for text in texts:
            key = self.key(text, accents)
            if key and key not in seen:
                seen.add(key)
                out.append(text)
        return out

    def questions(self, fact: AnyFact, pool: GroupPool | None) -> Iterator[Question]:
        match fact:
            case AnswerFact():
                return self._answer(fact, pool)
            case SequenceFact():
                return self._sequence(fact)
            case SetFact():
                return self._set(fact)
            case NumberFact():
                return self._number(fact)
            case StatementFact():
                return self._statement(fact)
            case ClozeFact():
                return self._cloze(fact, pool)
            case ChoiceFact():
                return self._choice(fact)

    def _make(
        self,
        fact: AnyFact,
        form: Form,
        answer_type: AnswerType,
        prompt: str,
        expectation: Expectation,
        choices: tuple[str, ...] = (),
        key: str = "",
        quote: str | None = None,
    ) -> Question:
        fact_id = fact.id
        # form._value_ is what form.value gives, without its Python-level descriptor (~2.4k instructions a read).
        qid = f"{self.deck_id}/{fact_id}/{form._value_}/{key}" if key else f"{self.deck_id}/{fact_id}/{form._value_}"
        # In the order of Question's fields: passed by position, it is made a third faster than by keyword.
        return _make_question(
            qid,
            self.deck_id,
            fact_id,
            form,
            answer_type,
            prompt,
            expectation,
            choices,
            fact.quote if quote is None else quote,
            fact.note,
        )

    def _rng(self, fact: AnyFact, form: Form) -> random.Random:
        """The random generator of one question, seeded by its id alone (CRC-32 is stable across runs and platforms,
        and cheap to compute). It is the thread's one generator, reseeded: it draws what a new one seeded alike
        would, without building one per question, so each question takes all its draws before the next is seeded."""
        rng: random.Random | None = getattr(_THREAD, "random", None)
        if rng is None:
            rng = _THREAD.random = random.Random()
        rng.seed(zlib.crc32(f"{self.deck_id}/{fact.id}/{form._value_}".encode()) ^ self.seed)
        return rng

    def _multiple_choice(
        self,
        fact: AnyFact,
        form: Form,
        prompt: str,
        right: list[str],
        wrong: tuple[Sequence[str], GroupPool | None],
        limit: int,
        heads: tuple[str, ...] = (),
        exclude: Sequence[str] = (),
    ) -> Question | None:
        """A choice (one right option) or select (several) question, or None without two distractors.

        ``wrong`` is the fact's own distractors and those its group lends: the fact's own come first (the teacher
        chose them as the most tempting), and the group's fill the places left.
        """
        own, pool = wrong
        accents = fact.grading.accents
        own = self._distinct(list(own), exclude=[*right, *exclude], accents=accents) if own else []
        lent = pool.lend((), [*right, *exclude, *own], accents) if pool else ()
        if len(own) + len(lent) < 2 and len(right) == 1:
            return None
        rng = self._rng(fact, form)
        picked = rng.sample(own, min(limit, len(own))) if own else []  # (sampling nothing draws nothing)
        picked += rng.sample(lent, min(limit - len(picked), len(lent)))
        texts = [*right, *picked]
        options = [_shown(text) for text in texts]  # each shown once, and each remembers its text
        originals = dict(zip(options, texts, strict=True))
        right = options[: len(right)]
        rng.shuffle(options)
        shown = tuple(options)  # one tuple, shared by the question and its expectation
        correct = _indexes(i for i, option in enumerate(options) if option in right)
        answer_type = AnswerType.CHOICE if len(right) == 1 else AnswerType.SELECT
        answers = self._option_answers(options, originals)
        expectation = _make_choice_expectation(shown, correct, answers, fact.grading, heads)
        return self._make(fact, form, answer_type, prompt, expectation, shown)

    def _option_answers(self, options: list[str], originals: dict[str, str] | None = None) -> tuple[Answer, ...]:
        """The options as accepted answers: each with its full form (optional words in) and its known aliases."""
        originals = originals or {}
        aliases = self.aliases  # (only answers that have aliases are in it)
        if all(originals.get(option, option) == option and option not in aliases for option in options):
            # Each option is only itself, which is what no answers means (and 300 bytes less a question); most
            # options of most decks, asked before any answer is made.
            return ()
        answers = []
        for option in options:
            text = originals.get(option, option)
            forms = (text, *aliases.get(text, ())) if text != option else aliases.get(text, ())
            answers.append(make_answer(option, tuple(forms)))
        return tuple(answers)

    def _others(self, distractors: Sequence[str], right: Sequence[str], pool: GroupPool | None) -> Sequence[str]:
        """The known wrong answers of a typed question: its distractors, then its group's answers, each once and none
        equal to a right answer; the group's are a view of the shared pool, never a copy."""
        own = self._distinct(list(distractors), exclude=list(right), accents=False)
        return pool.lend(own, right, accents=False) if pool else tuple(own)

    def _answer(self, fact: AnswerFact, pool: GroupPool | None) -> Iterator[Question]:
        partly = [form for p in fact.partial for form in p.answer.forms] if fact.partial else []
        # Most answer facts have no distractors and no group: then they know no wrong answers, with nothing to fold.
        others = self._others(fact.distractors, [*fact.answer.forms, *partly], pool) if fact.distractors or pool else ()
        heads = head_words(fact.question)
        yield self._make(
            fact,
            Form.RECALL,
            AnswerType.TYPED,
            fact.question,
            _make_text_expectation((fact.answer,), others, fact.grading, heads, fact.partial),
        )
        if pool is None and len(fact.distractors) < 2:
            return  # fewer than two wrong options: no multiple choice (as _multiple_choice would find, slower)
        wrong = (fact.distractors, pool)
        # Partly right answers are never shown as options: a learner could not tell them from wrong ones.
        question = self._multiple_choice(
            fact, Form.CHOICE, fact.question, [fact.answer.text], wrong, 3, heads, exclude=partly
        )
        if question:
            yield question

    def _sequence(self, fact: SequenceFact) -> Iterator[Question]:
        prompts = {**DEFAULT_PROMPTS, **dict(fact.prompts)} if fact.prompts else DEFAULT_PROMPTS
        items = fact.items
        texts = [item.text for item in items]
        answers = [item.answer for item in items]  # made once: every question of the fact shares them
        subject = _subject(fact.subject)
        folded = [self.key(text, False) for text in texts]
        distinct = len(set(folded))
        repeated = distinct < len(folded)
        rng = self._rng(fact, Form.ORDER)
        shuffled = list(range(len(items)))
        # Never already in order, even by text: swapping the two occurrences of a repeated item changes nothing.
        while distinct > 1 and [folded[i] for i in shuffled] == folded:
            rng.shuffle(shuffled)
        choices = tuple(texts[i] for i in shuffled)
        order = tuple(shuffled.index(i) for i in range(len(items)))
        every = _quotes(fact.quote, items)
        yield self._make(
            fact,
            Form.ORDER,
            AnswerType.ORDER,
            fill(prompts["order"], **subject),
            _make_order_expectation(choices, order, _in_order(answers, shuffled), fact.grading),
            choices,
            quote=every,
        )
        if fact.last:
            last = tuple(answers[-fact.last :])
            yield self._make(
                fact,
                Form.LAST,
                AnswerType.LIST,
                fill(prompts["last"], **subject, n=_count_word(fact.last)),
                _make_list_expectation(last, len(last), False, tuple(texts[: -fact.last]), fact.grading),
                quote=_quotes(fact.quote, items[-fact.last :]),
            )
        # Most sequences repeat no item: each is then known by its plain slug, and never named by its occurrence.
        keys = _occurrence_keys(texts, folded) if repeated else [_slug(text) for text in texts]
        names = _occurrence_names(items, folded) if repeated else []

        made: dict[int, TextExpectation] = {}

        def about(j: int) -> TextExpectation:
            """What a question whose answer is item ``j`` expects: made once per item and shared by the questions
            that ask for it (one before it, one after it, its context), as it is frozen. (Remembered in a dictionary:
            functools.cache would build a wrapper for every fact, which costs more than the expectations.)"""
            found = made.get(j)
            if found is None:
                others = _other_than(texts, folded, j) if repeated else _without(texts, j)
                found = made[j] = _make_text_expectation((answers[j],), others, fact.grading)
            return found

        # A repeated item's neighbours may differ (Moscow → St Petersburg → Moscow): then each occurrence is asked
        # about by name; when every occurrence has the same neighbour, the item is asked about once, by its text.
        neighbours: dict[tuple[str, int], set[str]] = defaultdict(set)
        if repeated:
            for j, k in enumerate(folded):
                for step in (-1, 1):
                    if 0 <= j + step < len(items):
                        neighbours[k, step].add(folded[j + step])
        asked: set[tuple[str, int]] = set()
        # Filled with the subject once, and with each item's name for each question.
        asking = {form: _filled_in_part(prompts[form._value_], subject) for form, _ in _NEIGHBOURS}
        for i, item in enumerate(items):
            for form, step in _NEIGHBOURS:
                if not 0 <= i + step < len(items):
                    continue
                named = repeated and len(neighbours[folded[i], step]) > 1
                if not named and (folded[i], step) in asked:
                    continue
                asked.add((folded[i], step))
                yield self._make(
                    fact,
                    form,
                    AnswerType.TYPED,
                    _filled_rest(asking[form], {"item": names[i] if named else item.text}),
                    about(i + step),
                    key=keys[i],
                    quote=items[i + step].quote or fact.quote,
                )
            if item.context:
                yield self._make(
                    fact,
                    Form.CONTEXT,
                    AnswerType.TYPED,
                    fill(prompts["context"], **subject, context=tidy_context(item.context)),
                    about(i),
                    key=keys[i],
                    quote=item.quote or fact.quote,
                )

    def _set(self, fact: SetFact) -> Iterator[Question]:
        prompts = {**DEFAULT_PROMPTS, **dict(fact.prompts)}
        members = [m.text for m in fact.members]
        count = fact.name or min(3, len(members))
        subject = _subject(fact.subject)
        yield self._make(
            fact,
            Form.NAME,
            AnswerType.LIST,
            _name_prompt(prompts["name"], subject, count, len(members)),
            _make_list_expectation(tuple(m.answer for m in fact.members), count, False, fact.non_members, fact.grading),
            quote=_quotes(fact.quote, fact.members),
        )
        if not fact.non_members:
            return
        rng = self._rng(fact, Form.SELECT)
        right = rng.sample(members, min(len(members), MAX_CHOICES))
        wrong = rng.sample(list(fact.non_members), min(len(fact.non_members), 2))
        options = [*right, *wrong]
        rng.shuffle(options)
        shown = tuple(options)
        correct = _indexes(i for i, option in enumerate(options) if option in right)
        yield self._make(
            fact,
            Form.SELECT,
            AnswerType.SELECT,
            fill(prompts["select"], **subject),
            _make_choice_expectation(shown, correct, self._option_answers(options), fact.grading),
            shown,
            quote=_quotes(fact.quote, [m for m in fact.members if m.text in right]),
        )
        rng = self._rng(fact, Form.ODD_ONE_OUT)
        odd = rng.choice(fact.non_members)
        options = [*rng.sample(members, min(len(members), MAX_CHOICES - 1)), odd]
        rng.shuffle(options)
        shown = tuple(options)
        yield self._make(
            fact,
            Form.ODD_ONE_OUT,
            AnswerType.CHOICE,
            fill(prompts["odd"], **subject),
            _make_choice_expectation(
                shown, _indexes([options.index(odd)]), self._option_answers(options), fact.grading
            ),
            shown,
        )

    def _number(self, fact: NumberFact) -> Iterator[Question]:
        yield self._make(
            fact,
            Form.ENTRY,
            AnswerType.NUMBER,
            fact.question,
            _make_number_expectation(
                fact.value,
                fact.low,
                fact.high,
                fact.tolerance,
                fact.unit,
                fact.inside,
                _partial_ranges(fact),
                fact.grading.typos,
            ),
        )

    def _statement(self, fact: StatementFact) -> Iterator[Question]:
        yield self._make(
            fact,
            Form.TRUE_FALSE,
            AnswerType.TRUE_FALSE,
            f"True or false? {_sentence_start(fact.statement)}",
            _make_truth_expectation(fact.answer, fact.correction),
            ("True", "False"),
        )

    def _cloze(self, fact: ClozeFact, pool: GroupPool | None) -> Iterator[Question]:
        shown = "".join(part if i % 2 == 0 else "_____" for i, part in enumerate(fact.parts))
        partly = [form for _, p in fact.partial for form in p.answer.forms]
        others = self._others(fact.distractors, [*(f for b in fact.blanks for f in b.forms), *partly], pool)
        expectation: Expectation
        if len(fact.blanks) == 1:
            partial = tuple(p for _, p in fact.partial)
            heads = blank_words(fact.parts)  # "Ural river" for "The {{Ural}} river"
            expectation = _make_text_expectation(fact.blanks, others, fact.grading, heads, partial)
        else:
            by_blank = tuple((blank - 1, p) for blank, p in fact.partial)
            expectation = _make_list_expectation(
                fact.blanks, len(fact.blanks), True, others, fact.grading, by_blank, blank_words(fact.parts)
            )
        blanks = "the blank" if len(fact.blanks) == 1 else "the blanks"
        yield self._make(fact, Form.CLOZE, AnswerType.CLOZE, f"Fill in {blanks}: {shown}", expectation)
        if len(fact.blanks) == 1:
            wrong = (fact.distractors, pool)
            prompt = f"Which fills the blank? {shown}"
            # Partly right answers are never shown as options, as for answer facts.
            question = self._multiple_choice(fact, Form.CHOICE, prompt, [fact.blanks[0].text], wrong, 3, exclude=partly)
            if question:
                yield question

    def _choice(self, fact: ChoiceFact) -> Iterator[Question]:
        rng = self._rng(fact, Form.CHOICE)
        options = [*fact.answers, *(p.text for p in fact.partial), *fact.wrong]
        rng.shuffle(options)
        partial: tuple[tuple[int, PartialAnswer], ...] = ()
        weights: tuple[float, ...] = ()
        if fact.partial:  # (most choice facts have no partial options: nothing to look up)
            credits = {p.text: p for p in fact.partial}
            partial = tuple((i, credits[option]) for i, option in enumerate(options) if option in credits)
        if fact.partial and fact.weighted:  # a right option of a weighted question is any option that earns marks
            weight = fact.weights()
            weights = tuple(weight[option] for option in options)
            correct = _indexes(i for i, w in enumerate(weights) if w > 0)
        else:
            correct = _indexes(i for i, option in enumerate(options) if option in fact.answers)
        tick_all = fact.tick_all
        answer_type = AnswerType.SELECT if tick_all else AnswerType.CHOICE
        prompt = f"{fact.question} Tick all that apply." if tick_all else fact.question
        answers = self._option_answers(options)
        heads = head_words(fact.question)
        feedback: tuple[tuple[int, str], ...] = ()
        if fact.feedback:  # (as rare)
            said = dict(fact.feedback)
            feedback = tuple((i, said[option]) for i, option in enumerate(options) if option in said)
        shown = tuple(options)
        expectation = _make_choice_expectation(
            shown, correct, answers, fact.grading, heads, partial, weights, feedback=feedback
        )
        yield self._make(fact, Form.CHOICE, answer_type, prompt, expectation, shown)


_NEIGHBOURS = ((Form.BEFORE, -1), (Form.AFTER, 1))
"""The forms that ask for an item's neighbour, and where the neighbour stands (named once: on Python 3.11 each
``Form.X`` read costs about 900 instructions)."""


def _partial_ranges(fact: NumberFact) -> tuple[tuple[float | dt.date, float | dt.date, PartialAnswer], ...]:
    """A number fact's partial ranges as the grader holds them: the ends, and the range named with its credit."""
    out = []
    for low, high, part in fact.partial_bounds():
        said = part.feedback or f"close, between {format_number(low)} and {format_number(high)}"
        out.append((low, high, PartialAnswer(f"{format_number(low)} to {format_number(high)}", part.credit, said)))
    return tuple(out)


_INDEXES: dict[frozenset[int], frozenset[int]] = {}


def _indexes(indexes: Iterable[int]) -> frozenset[int]:
    """A set of option indexes, shared by every question that has the same: a few sets (about 200 bytes each) stand
    in for those of hundreds of thousands of choice questions."""
    found = frozenset(indexes)
    return _INDEXES.setdefault(found, found)


def _subject(subject: str) -> dict[str, str]:
    tidied = tidy_subject(subject)  # (once: it is a third of the work)
    members, qualifier = _parts(tidied)
    return {"subject": tidied, "members": members, "qualifier": qualifier}


def _shown(text: str) -> str:
    """An answer as an option shows it: without its optional words in parentheses ("Karim Masimov")."""
    return _OPTIONAL.sub("", text).strip() if "(" in text else text


def _quotes(quote: str, items: Sequence[Item]) -> str:
    """The fact's quote and the own quotes of ``items`` it does not already contain, joined with " … "."""
    shown = [quote] if quote else []
    for item in items:
        own = item.quote
        # Most items: no quote of their own, or one the fact's contains (without a generator to say so), often the
        # whole of it, which equality tells at a seventh of the cost of a search.
        if not own or own == quote or own in quote:
            continue
        if not any(own in text for text in shown):
            shown.append(own)
    return " … ".join(shown)


def _in_order(answers: list[Answer], order: list[int]) -> tuple[Answer, ...]:
    """``answers`` in ``order``, or none when no answer has an alias: each option is then only itself."""
    return tuple(answers[i] for i in order) if any(answer.aliases for answer in answers) else ()


def _without(texts: list[str], index: int) -> tuple[str, ...]:
    return (*texts[:index], *texts[index + 1 :])


def _other_than(texts: list[str], folded: list[str], index: int) -> tuple[str, ...]:
    """The items' texts but every occurrence of the item at ``index``: the known wrong answers of its questions."""
    return tuple(dict.fromkeys(t for t, k in zip(texts, folded, strict=True) if k != folded[index]))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _occurrence_keys(texts: list[str], folded: list[str]) -> list[str]:
    """Each item's part of its questions' ids. The first occurrence of an item keeps the plain slug (so adding a
    repeat changes no existing id); a later one gets ``-2``, ``-3``…"""
    keys: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    used: set[str] = set()
    for text, k in zip(texts, folded, strict=True):
        counts[k] += 1
        n = counts[k]
        key = _slug(text)
        if n > 1:
            key = f"{key}-{n}"
            while key in used:
                key += "-"
        used.add(key)
        keys.append(key)
    return keys


def _occurrence_names(items: Sequence[Item], folded: list[str]) -> list[str]:
    """Each item's name in a prompt that must tell its occurrences apart: by its context ("Moscow (from 1918)") or,
    without one, by its rank ("Moscow (the second time)")."""
    names: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    for item, k in zip(items, folded, strict=True):
        counts[k] += 1
        n = counts[k]
        rank = _ORDINALS[n - 1] if n <= len(_ORDINALS) else f"{n}th"
        names.append(f"{item.text} ({item.context})" if item.context else f"{item.text} (the {rank} time)")
    return names


def _slug(text: str) -> str:
    """The part of a question id that names an item: its text, lower-case, accents dropped, words hyphenated."""
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if plain.isalnum():
        return plain  # one word of letters and digits (what \w matches but "_"): nothing to replace or strip
    return _NOT_WORD.sub("-", plain).strip("-") or "item"


_NOT_WORD = re.compile(r"[^\w]+")


def _name_prompt(template: str, subject: dict[str, str], count: int, members: int) -> str:
    """The prompt of a set's ``name`` question. Asked for every member, the default wording says so: "Name all
    four of …", "Name both of …", or "Name the three Baltic states." when the subject already gives the count."""
    counted = subject["members"].split(" ", 1)[0].casefold() in _QUANTIFIERS  # not "all three of some of …"
    if template != DEFAULT_PROMPTS["name"] or count != members or count < 2 or counted:
        return fill(template, **subject, n=_count_word(count))
    word = _count_word(count)
    if re.search(rf"\b(?:{word}|{count})\b", subject["members"], re.IGNORECASE):
        return fill("Name {members}{qualifier}.", **subject)
    return fill(template, **subject, n="both" if count == 2 else f"all {word}")


def _sentence_start(text: str) -> str:
    """``text`` as the start of a sentence: its first letter a capital when its first word is all in lower case
    ("the police stayed" → "The police stayed"; "iPhone sales" and "eBay" keep theirs)."""
    first = text.split(" ", 1)[0]
    return text[:1].upper() + text[1:] if first[:1].isalpha() and first.islower() else text


def _count_word(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if 0 <= n < len(words) else str(n)

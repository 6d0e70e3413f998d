"""The deck model: a deck and its facts, as frozen typed objects.

A deck file is parsed once, at the edge (:mod:`kzquiz.deckfile`), into these classes; nothing downstream sees raw
TOML. Facts are what a teacher writes down; questions (:mod:`kzquiz.questions`) are generated from them.
"""

from __future__ import annotations

import datetime as dt
import enum
from array import array
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

import attrs

from kzquiz.collector import collector_paused
from kzquiz.errors import UnknownQuestionError
from kzquiz.makers import maker

if TYPE_CHECKING:
    from kzquiz.questions import Question, QuestionFactory


class FactKind(enum.Enum):
    """The kinds of fact a deck can hold; each generates its own question forms."""

    ANSWER = "answer"
    SEQUENCE = "sequence"
    SET = "set"
    NUMBER = "number"
    STATEMENT = "statement"
    CLOZE = "cloze"
    CHOICE = "choice"


@attrs.frozen
class Grading:
    """How leniently a fact's answers are graded (see the grading rules in docs/deck-format.md).

    Attributes:
        accents: accents and diacritics matter ("é" is not "e").
        surname: a person's surname alone is accepted ("Masimov" for "Karim Masimov").
        typos: small spelling mistakes are accepted, and the verdict says so.
    """

    accents: bool = False
    surname: bool = False
    typos: bool = True


# No weak-reference slot (weakref_slot=False) in the classes a big deck holds by the hundred thousand: nothing takes
# weak references to these values, and the slot costs 8 bytes in each.
@attrs.frozen(weakref_slot=False)
class Answer:
    """One accepted answer: its canonical text and the other forms that mean the same (aliases, spellings).

    Parentheses in ``text`` or an alias mark optional words: ``Karim (Qajymqanuly) Masimov``.
    """

    text: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical text followed by every alias."""
        return (self.text, *self.aliases)


@attrs.frozen(weakref_slot=False)
class PartialAnswer:
    """An answer worth part of the marks (Moodle's ``%50%``): its text and aliases, its ``credit`` (between 0 and 1,
    both excluded) and the ``feedback`` that tells the learner what is missing ("you need to be more specific").

    As an option of a tick-all question, ``credit`` is the option's weight, from -1 to 1 (0 excluded): what ticking
    it adds to the score, or takes away from it (Moodle's ``~%-50%``).
    """

    text: str
    credit: float
    feedback: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def answer(self) -> Answer:
        """The partial answer's forms as an :class:`Answer`, for matching."""
        return make_answer(self.text, self.aliases)


@attrs.frozen
class PartialRange:
    """A number fact's wider tolerance or range worth part of the marks (Moodle's ``=%50%1822:2``): a number inside
    it, but not inside the fact's own answer, earns ``credit`` (between 0 and 1, both excluded) and hears
    ``feedback``.

    Either ``tolerance``, around the fact's answer (or around both ends of its range), or ``low`` and ``high``, a
    range that contains the fact's own. Dates count the tolerance in days.
    """

    credit: float
    tolerance: float | None = None
    low: float | dt.date | None = None
    high: float | dt.date | None = None
    feedback: str = ""


@attrs.frozen(weakref_slot=False)
class Item:
    """A member of a sequence or a set: an answer with an optional context ("1998 to 2019") and its own quote.

    ``quote`` is the source text that backs this item; the questions whose answer is the item show it.
    """

    text: str
    aliases: tuple[str, ...] = ()
    context: str = ""
    quote: str = ""

    @property
    def answer(self) -> Answer:
        """The item as an accepted answer."""
        return make_answer(self.text, self.aliases)


@attrs.frozen
class Source:
    """Where a deck's facts come from.

    ``file`` is the source's text file, relative to the deck file (for ``kzquiz audit``); ``skip`` lists passages
    of the source that are not examinable (credits, footnotes), which the audit counts as covered.
    """

    title: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    file: str = ""
    skip: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, weakref_slot=False)
class Fact:
    """What every fact has: a stable id, grouping, provenance and grading options.

    ``group`` names facts that lend each other distractors; ``quote`` is the verbatim source text that backs the
    fact; ``note`` is shown after the answer; ``as_of`` is the date the fact's truth refers to; ``forms``, when not
    empty, limits the question forms generated (values of :class:`~kzquiz.Form`). ``line`` is the line of the
    GIFT, CSV, TSV or Aiken file a fact was imported from (0 otherwise: a deck file's problems carry their own line
    and column) and takes no part in equality.
    """

    id: str
    tags: tuple[str, ...] = ()
    group: str = ""
    quote: str = ""
    note: str = ""
    as_of: dt.date | None = None
    grading: Grading = Grading()
    forms: tuple[str, ...] = ()
    line: int = attrs.field(default=0, eq=False)

    kind: ClassVar[FactKind] = FactKind.ANSWER
    """The kind of fact, one per class: a class attribute, not a field, so that no fact stores it (8 bytes each) or
    pays for setting it (a frozen field costs about a microsecond to set)."""


@attrs.frozen(kw_only=True, weakref_slot=False)
class AnswerFact(Fact):
    """A question with one correct answer (and its accepted alternatives), answers worth part of the marks
    (``partial``) and optional wrong options."""

    question: str
    answer: Answer
    distractors: tuple[str, ...] = ()
    partial: tuple[PartialAnswer, ...] = ()
    kind: ClassVar[FactKind] = FactKind.ANSWER


@attrs.frozen(kw_only=True, weakref_slot=False)
class SequenceFact(Fact):
    """An ordered list, such as the names of a city in time order, oldest first.

    ``subject`` is a noun phrase naming the list ("the names of Kazakhstan's capital, oldest first"); ``last``
    asks for the last N items when set; ``prompts`` overrides the wording of the forms (keys ``order``, ``last``,
    ``before``, ``after``, ``context``; placeholders ``{subject}``, ``{item}``, ``{context}``, ``{n}``).
    """

    subject: str
    items: tuple[Item, ...]
    last: int = 0
    prompts: tuple[tuple[str, str], ...] = ()
    kind: ClassVar[FactKind] = FactKind.SEQUENCE


@attrs.frozen(kw_only=True, weakref_slot=False)
class SetFact(Fact):
    """An unordered group, such as the member states of an alliance, with known non-members for distractors.

    ``name`` is how many members the "name N members" form asks for; ``prompts`` overrides wording (keys
    ``name``, ``select``, ``odd``; placeholders ``{subject}``, ``{n}``).
    """

    subject: str
    members: tuple[Item, ...]
    non_members: tuple[str, ...] = ()
    name: int = 0
    prompts: tuple[tuple[str, str], ...] = ()
    kind: ClassVar[FactKind] = FactKind.SET


@attrs.frozen(kw_only=True, weakref_slot=False)
class NumberFact(Fact):
    """A number or a date: exact (``value``), within ``tolerance``, or a range (``low`` to ``high``).

    With a range, ``inside`` says whether a single number inside the range is a right answer. Dates are
    ``datetime.date`` values and their tolerance counts days.
    """

    question: str
    value: float | dt.date | None = None
    low: float | dt.date | None = None
    high: float | dt.date | None = None
    tolerance: float = 0
    unit: str = ""
    inside: bool = True
    partial: tuple[PartialRange, ...] = ()
    kind: ClassVar[FactKind] = FactKind.NUMBER

    def bounds(self, tolerance: float | None = None) -> tuple[float | dt.date, float | dt.date]:
        """The lowest and highest right answers, the fact's ``tolerance`` (or the one given) included."""
        low = self.value if self.value is not None else self.low
        high = self.value if self.value is not None else self.high
        assert low is not None
        assert high is not None
        spread = self.tolerance if tolerance is None else tolerance
        return _shift(low, -spread), _shift(high, spread)

    def partial_bounds(self) -> tuple[tuple[float | dt.date, float | dt.date, PartialRange], ...]:
        """Each partial range as its lowest and highest numbers (or dates), with the range itself."""
        out = []
        for part in self.partial:
            if part.tolerance is not None:
                out.append((*self.bounds(part.tolerance), part))
            elif part.low is not None and part.high is not None:
                out.append((part.low, part.high, part))
        return tuple(out)


def _shift(value: float | dt.date, by: float) -> float | dt.date:
    """A number moved by ``by``, or a date moved by that many days."""
    if isinstance(value, dt.date):
        try:
            return value + dt.timedelta(days=by)
        except OverflowError:  # beyond year 1 or 9999: the ends of the calendar
            return dt.date.max if by > 0 else dt.date.min
    return value + by


@attrs.frozen(kw_only=True, weakref_slot=False)
class StatementFact(Fact):
    """A statement that is true or false; a false one carries its correction."""

    statement: str
    answer: bool
    correction: str = ""
    kind: ClassVar[FactKind] = FactKind.STATEMENT


@attrs.frozen(kw_only=True, weakref_slot=False)
class ClozeFact(Fact):
    """A sentence with blanks, written ``{{answer|alias}}`` in the deck file.

    ``parts`` alternates text and blanks: text, blank, text, blank, ..., text (always one more text than
    blanks). ``partial`` pairs a blank's number (from 1) with an answer worth part of that blank's marks.
    """

    text: str
    parts: tuple[str, ...]
    blanks: tuple[Answer, ...]
    distractors: tuple[str, ...] = ()
    partial: tuple[tuple[int, PartialAnswer], ...] = ()
    kind: ClassVar[FactKind] = FactKind.CLOZE


WEIGHT_SLACK = 0.005
"""How far from 100% the right options of a weighted tick-all question may add up to and still count as 100%, as
Moodle rounds the total to whole percents (three options at 33.33% make 100%)."""


@attrs.frozen(kw_only=True, weakref_slot=False)
class ChoiceFact(Fact):
    """A teacher-written multiple-choice question: one or more right options, explicit wrong ones and options worth
    part of the marks (``partial``).

    With one right option (``answers`` of one entry) the learner picks one option; otherwise the question is
    *tick-all*. A tick-all question with ``partial`` options is *weighted* (Moodle's multiple-answer question):
    see :meth:`weights`. A weighted question may leave ``answers`` empty and weigh every right option in
    ``partial``.
    """

    question: str
    answers: tuple[str, ...]
    wrong: tuple[str, ...]
    partial: tuple[PartialAnswer, ...] = ()
    feedback: tuple[tuple[str, str], ...] = ()
    """The teacher's feedback on options of ``answers`` and ``wrong``, as ``(option, feedback)`` pairs: shown to a
    learner who picks that option, and to no one else (a ``partial`` option carries its own)."""
    kind: ClassVar[FactKind] = FactKind.CHOICE

    @property
    def tick_all(self) -> bool:
        """The learner ticks every right option (rather than picking one)."""
        return len(self.answers) != 1

    @property
    def weighted(self) -> bool:
        """A tick-all question whose options carry weights (it has ``partial`` options): its score is the sum of
        the weights of the options ticked, as Moodle grades a multiple-answer question."""
        return self.tick_all and bool(self.partial)

    def weights(self) -> dict[str, float]:
        """Each option's weight in a weighted question: a ``partial`` option weighs its credit; the options in
        ``answers`` share equally what the positive credits leave of 100%; a ``wrong`` option weighs 0."""
        positive = sum(p.credit for p in self.partial if p.credit > 0)
        share = (1 - positive) / len(self.answers) if self.answers else 0.0
        weights = dict.fromkeys(self.answers, share)
        weights |= {p.text: p.credit for p in self.partial}
        return weights | {w: 0.0 for w in self.wrong if w not in weights}


# What a deck holds by the hundred thousand is built by these: they take the same arguments as the classes and build
# the same objects, about three times faster (see kzquiz.makers). A fact's makers also take the fields every fact has
# (Fact's) by position, in their order, as the deck reader holds them.
make_answer = maker(Answer)
make_item = maker(Item)
make_partial_answer = maker(PartialAnswer)
make_answer_fact = maker(AnswerFact, inherited_by_position=True)
make_sequence_fact = maker(SequenceFact, inherited_by_position=True)
make_set_fact = maker(SetFact, inherited_by_position=True)
make_number_fact = maker(NumberFact, inherited_by_position=True)
make_statement_fact = maker(StatementFact, inherited_by_position=True)
make_cloze_fact = maker(ClozeFact, inherited_by_position=True)
make_choice_fact = maker(ChoiceFact, inherited_by_position=True)

AnyFact = AnswerFact | SequenceFact | SetFact | NumberFact | StatementFact | ClozeFact | ChoiceFact
"""Any concrete fact."""


def unquoted(fact: AnyFact) -> bool:
    """Whether ``fact`` quotes nothing from its source: it has no ``quote``, and it is not a sequence or a set whose
    every item has its own (each of whose questions shows its items' quotes)."""
    if fact.quote.strip():
        return False
    if isinstance(fact, SequenceFact | SetFact):
        items = fact.items if isinstance(fact, SequenceFact) else fact.members
        return not all(item.quote.strip() for item in items)
    return True


@attrs.frozen
class Deck:
    """A deck: metadata and facts. Its questions are generated on first use and then kept.

    ``path`` is the file the deck was read from ("" when built in code); ``content_hash`` is a SHA-256 of the
    file's bytes, so that a store can tell that a deck changed.
    """

    id: str
    title: str
    facts: tuple[AnyFact, ...]
    language: str = "en"
    description: str = ""
    source: Source = Source()
    as_of: dt.date | None = None
    path: str = attrs.field(default="", eq=False)
    content_hash: str = attrs.field(default="", eq=False)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question the deck's facts generate, fact by fact, in a deterministic order."""
        return self._made.every(self)

    @cached_property
    def _made(self) -> _Questions:
        return _Questions()

    @cached_property
    def _index(self) -> dict[str, int]:
        """Where each fact id stands in ``facts`` (the last of a repeated id, in a deck built in code)."""
        return {f.id: i for i, f in enumerate(self.facts)}

    def fact(self, fact_id: str) -> AnyFact:
        """The fact with this id; raises :class:`~kzquiz.UnknownQuestionError` if there is none."""
        return self.facts[self._position(fact_id)]

    def questions_for(self, fact_id: str) -> tuple[Question, ...]:
        """The questions generated from one fact (its question forms), generated on first use."""
        return self._made.of_fact(self, self._position(fact_id))

    def _position(self, fact_id: str) -> int:
        try:
            return self._index[fact_id]
        except KeyError:
            raise UnknownQuestionError(f"deck {self.id!r} has no fact {fact_id!r}") from None

    def question(self, question_id: str) -> Question:
        """The question with this id; raises :class:`~kzquiz.UnknownQuestionError` if there is none.

        Question ids have the form ``deck/fact/form`` or ``deck/fact/form/item``.
        """
        deck_id, _, rest = question_id.partition("/")
        fact_id = rest.partition("/")[0]
        if deck_id == self.id and fact_id in self._index:
            for question in self.questions_for(fact_id):
                if question.id == question_id:
                    return question
        raise UnknownQuestionError(f"deck {self.id!r} has no question {question_id!r}")


class _Questions:
    """A deck's questions, made one fact at a time on first use and kept.

    Once every fact's questions are made, one tuple holds them all with where each fact's start: the per-fact
    tuples and the factory, with its caches of folded answers and aliases, are let go (at 100,000 facts they are
    tens of megabytes that nothing needs any more).
    """

    __slots__ = ("_all", "_by_fact", "_ends", "_factory")

    def __init__(self) -> None:
        self._by_fact: dict[int, tuple[Question, ...]] = {}
        self._factory: QuestionFactory | None = None
        self._all: tuple[Question, ...] | None = None
        self._ends = array("Q")

    def of_fact(self, deck: Deck, index: int) -> tuple[Question, ...]:
        """The questions of ``deck.facts[index]``."""
        if self._all is not None:
            return self._all[self._ends[index - 1] if index else 0 : self._ends[index]]
        found = self._by_fact.get(index)
        if found is None:
            found = self._by_fact[index] = self._made_for(deck, index)
        return found

    def every(self, deck: Deck) -> tuple[Question, ...]:
        """Every question of ``deck``, fact by fact."""
        if self._all is None:
            every: list[Question] = []
            ends = array("Q")
            with collector_paused():
                for index in range(len(deck.facts)):
                    # Not through of_fact: the per-fact tuples would all be alive at once, at the peak.
                    made = self._by_fact.get(index)
                    every.extend(made if made is not None else self._made_for(deck, index))
                    ends.append(len(every))
            self._all, self._ends = tuple(every), ends
            self._by_fact.clear()
            self._factory = None
        return self._all

    def _made_for(self, deck: Deck, index: int) -> tuple[Question, ...]:
        if self._factory is None:
            from kzquiz.questions import QuestionFactory

            self._factory = QuestionFactory(deck)
        return self._factory.for_fact(deck.facts[index])

"""A learner's statistics worked out from what the store counts: the arithmetic behind ``kzquiz stats``.

A store gathers a :class:`StudyCounts` in a few aggregate queries (:meth:`kzquiz.Store.study_counts`: its days of
reviews, its memories of facts, each fact's last answers, its decks' facts and its settings), and
:func:`figures` turns it into :class:`Figures` at a given time. Pure and plain: no I/O, no clock, and no attrs, so
that ``kzquiz stats --json`` prints the figures without loading the scheduler's records (:func:`kzquiz.stats` gives
the same figures as frozen attrs values). What makes a fact weak is defined in docs/scheduling.md ("Progress and the
weakest facts") and by :func:`figures` below.
"""

from __future__ import annotations

import datetime as dt

from kzquiz.memorystate import DEFAULT_PARAMETERS, DEFAULT_RETENTION, CardState, recall_chance

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (kzquiz stats --json does without it)
if TYPE_CHECKING:
    from collections.abc import Iterable

    from kzquiz.scheduling import Memory

__all__ = [
    "RECENT_REVIEWS",
    "WEAKEST",
    "Figures",
    "StudiedFact",
    "StudyCounts",
    "WeakFigures",
    "figures",
    "recent_answers",
    "review_days",
]

WEAKEST = 10
"""How many facts :func:`figures` lists as the weakest, at most."""

RECENT_REVIEWS = 3
"""A fact's recent answers are its last this many reviews; a wrong one among them makes the fact weak."""


class _Plain:
    """Equality and a readable repr from the fields in ``__slots__``, as attrs would give (without importing it)."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Plain) and type(other) is type(self) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # equal by value and holding lists: not hashable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in zip(self.__slots__, self._values(), strict=True))
        return f"{type(self).__name__}({fields})"


class StudiedFact(_Plain):
    """What the statistics need of a learner's memory of one fact (see :class:`kzquiz.Memory`)."""

    __slots__ = ("deck_id", "due", "fact_id", "lapses", "last_review", "stability", "state")

    def __init__(
        self,
        deck_id: str,
        fact_id: str,
        state: CardState,
        stability: float | None,
        due: dt.datetime,
        last_review: dt.datetime | None,
        lapses: int,
    ) -> None:
        """A fact in ``state``, due at ``due``, last reviewed at ``last_review`` (``None`` if never), forgotten
        ``lapses`` times after it had been learnt."""
        self.deck_id = deck_id
        self.fact_id = fact_id
        self.state = state
        self.stability = stability
        self.due = due
        self.last_review = last_review
        self.lapses = lapses

    @classmethod
    def of(cls, memory: Memory) -> StudiedFact:
        """What the statistics need of a :class:`kzquiz.Memory`."""
        return cls(
            memory.deck_id,
            memory.fact_id,
            memory.state,
            memory.stability,
            memory.due,
            memory.last_review,
            memory.lapses,
        )


class StudyCounts(_Plain):
    """What a store counts for a learner's statistics.

    ``review_days`` is (first review, last review, reviews, right answers) for each calendar day in UTC with
    reviews, in time order: a day in UTC overlaps at most two days of any time zone, so its first and last reviews
    tell which of them have reviews; ``facts`` are the learner's memories, of every fact reviewed;
    ``recent`` maps (deck id, fact id) to (answers, wrong answers) among the fact's last :data:`RECENT_REVIEWS`
    reviews, an answer whose appeal is standing (pending or accepted) counting as right; ``deck_facts`` maps the id
    of each deck the learner studied that the store recorded with its facts to their ids; ``desired_retention``
    and ``parameters`` are the learner's scheduling settings.
    """

    __slots__ = ("deck_facts", "desired_retention", "facts", "parameters", "recent", "review_days")

    def __init__(
        self,
        review_days: list[tuple[dt.datetime, dt.datetime, int, int]],
        facts: list[StudiedFact],
        recent: dict[tuple[str, str], tuple[int, int]],
        deck_facts: dict[str, frozenset[str]],
        desired_retention: float = DEFAULT_RETENTION,
        parameters: tuple[float, ...] = DEFAULT_PARAMETERS,
    ) -> None:
        """The counts of one learner; see the class."""
        self.review_days = review_days
        self.facts = facts
        self.recent = recent
        self.deck_facts = deck_facts
        self.desired_retention = desired_retention
        self.parameters = parameters


class WeakFigures(_Plain):
    """A weak fact, as :class:`kzquiz.WeakFact` describes it, in plain values."""

    __slots__ = ("deck_id", "fact_id", "lapses", "last_reviewed", "recent_answers", "recent_wrong", "retrievability")

    def __init__(self, fact: StudiedFact, recent_answers: int, recent_wrong: int, retrievability: float) -> None:
        """The figures of a weak ``fact``."""
        self.deck_id = fact.deck_id
        self.fact_id = fact.fact_id
        self.recent_wrong = recent_wrong
        self.recent_answers = recent_answers
        self.lapses = fact.lapses
        self.retrievability = retrievability
        self.last_reviewed = fact.last_review


class Figures(_Plain):
    """A learner's progress, as :class:`kzquiz.Stats` describes it, in plain values."""

    __slots__ = ("by_state", "forecast", "retention", "reviews", "streak", "weakest")

    def __init__(
        self,
        reviews: int,
        retention: float,
        streak: int,
        by_state: dict[CardState, int],
        forecast: tuple[int, ...],
        weakest: tuple[WeakFigures, ...],
    ) -> None:
        """The figures; see :class:`kzquiz.Stats`."""
        self.reviews = reviews
        self.retention = retention
        self.streak = streak
        self.by_state = by_state
        self.forecast = forecast
        self.weakest = weakest


def recent_answers(log: Iterable[tuple[str, str, bool]]) -> dict[tuple[str, str], tuple[int, int]]:
    """(answers, wrong answers) among each fact's last :data:`RECENT_REVIEWS` reviews, by (deck id, fact id), from
    ``(deck id, fact id, wrong)`` of every review in time order: what a store without SQL counts for
    :attr:`StudyCounts.recent`."""
    answers: dict[tuple[str, str], list[bool]] = {}
    for deck_id, fact_id, wrong in log:
        answers.setdefault((deck_id, fact_id), []).append(wrong)
    return {key: (len(last), sum(last)) for key, last in ((k, a[-RECENT_REVIEWS:]) for k, a in answers.items())}


def review_days(log: Iterable[tuple[dt.datetime, bool]]) -> list[tuple[dt.datetime, dt.datetime, int, int]]:
    """(first review, last review, reviews, right answers) of each calendar day in UTC, from (time in UTC, right) of
    every review in time order: what a store without SQL counts for :attr:`StudyCounts.review_days`."""
    days: dict[dt.date, list[tuple[dt.datetime, bool]]] = {}
    for moment, right in log:
        days.setdefault(moment.date(), []).append((moment, right))
    return [(day[0][0], day[-1][0], len(day), sum(right for _, right in day)) for day in days.values()]


def figures(counts: StudyCounts, now: dt.datetime, days: int = 14) -> Figures:
    """A learner's progress at ``now`` from what the store counted: reviews, retention, streak, facts per state,
    a forecast of the next ``days`` days and the weakest facts.

    The decks studied are those the learner has answered a question of; their facts never asked count as new,
    and facts since removed from a deck are left out. Days are calendar days in ``now``'s time zone.
    """
    if now.tzinfo is None:
        msg = f"times must be timezone-aware, not {now.isoformat()}"
        raise ValueError(msg)
    zone = now.tzinfo
    today = now.date()
    reviews = sum(n for _, _, n, _ in counts.review_days)
    facts, unseen = _studied(counts.facts, counts.deck_facts)
    by_state = dict.fromkeys(CardState, 0)
    for fact in facts:
        by_state[fact.state] += 1
    by_state[CardState.NEW] += unseen
    forecast = [0] * days
    for fact in facts:
        offset = max(0, (fact.due.astimezone(zone).date() - today).days)
        if offset < days:
            forecast[offset] += 1
    return Figures(
        reviews=reviews,
        retention=sum(right for *_, right in counts.review_days) / reviews if reviews else 0.0,
        streak=_streak(_local_days(counts.review_days, zone), today),
        by_state=by_state,
        forecast=tuple(forecast),
        weakest=_weakest(facts, counts, now)[:WEAKEST],
    )


def _local_days(review_days: Iterable[tuple[dt.datetime, dt.datetime, int, int]], zone: dt.tzinfo) -> set[dt.date]:
    """The days in ``zone`` with reviews: a day in UTC lasts 24 hours, so it overlaps at most two days of any zone,
    and those with reviews are the days of its first and last reviews (a date never goes back as time goes on)."""
    return {moment.astimezone(zone).date() for first, last, _, _ in review_days for moment in (first, last)}


def _streak(review_days: set[dt.date], today: dt.date) -> int:
    """Days in a row with a review, ending today or yesterday."""
    day = today if today in review_days else today - dt.timedelta(days=1)
    streak = 0
    while day in review_days:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def _studied(facts: Iterable[StudiedFact], deck_facts: dict[str, frozenset[str]]) -> tuple[list[StudiedFact], int]:
    """The facts still in their decks, and how many facts of the decks studied were never asked."""
    kept = [f for f in facts if f.deck_id not in deck_facts or f.fact_id in deck_facts[f.deck_id]]
    seen: dict[str, set[str]] = {}
    for fact in kept:
        seen.setdefault(fact.deck_id, set()).add(fact.fact_id)
    unseen = sum(len(deck_facts[deck_id] - ids) for deck_id, ids in seen.items() if deck_id in deck_facts)
    return kept, unseen


def _weakest(facts: Iterable[StudiedFact], counts: StudyCounts, now: dt.datetime) -> tuple[WeakFigures, ...]:
    """Every weak fact, weakest first.

    A fact is weak when it has a wrong answer among its last :data:`RECENT_REVIEWS` reviews, has lapsed at least
    once, or its chance of recall now is below the learner's desired retention. Weakest first means: more recent
    wrong answers first, then more lapses, then a lower chance of recall, then by deck and fact id.
    """
    weak = []
    for fact in facts:
        answers, wrong = counts.recent.get((fact.deck_id, fact.fact_id), (0, 0))
        chance = recall_chance(fact.stability, fact.last_review, now, counts.parameters)
        if wrong or fact.lapses or chance < counts.desired_retention:
            weak.append(WeakFigures(fact, answers, wrong, chance))
    weak.sort(key=lambda w: (-w.recent_wrong, -w.lapses, w.retrievability, w.deck_id, w.fact_id))
    return tuple(weak)

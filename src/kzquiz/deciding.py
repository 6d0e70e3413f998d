"""A teacher's decisions on appeals: appeals grouped by answer, where an accepted answer goes in the deck, and the
learners' memories replayed after accepting or rejecting.

``kzquiz report`` shows :func:`group_appeals` as a table; ``kzquiz accept`` adds the chosen answers to the deck file
(:func:`alias_target` says where) and then calls :func:`accept`; ``kzquiz reject`` calls :func:`reject`. Both work on
any :class:`~kzquiz.Store` and save every change (appeals and memories, of every learner) in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import attrs

from kzquiz.appeals import AppealRecord, AppealStatus, ReviewKey, replay, review_key, same_answer
from kzquiz.errors import UnknownQuestionError
from kzquiz.grading import ListExpectation, TextExpectation
from kzquiz.model import AnswerFact, ClozeFact, Deck, SequenceFact, SetFact
from kzquiz.scheduling import Memory
from kzquiz.stores.base import ReviewRecord, Store

__all__ = [
    "AliasTarget",
    "AppealGroup",
    "Decision",
    "accept",
    "alias_target",
    "group_appeals",
    "matching",
    "reject",
    "render_appeals",
]


@attrs.frozen
class AppealGroup:
    """The appeals of one answer (the same text, ignoring case and spacing) to the questions of one fact."""

    deck_id: str
    fact_id: str
    answer: str
    appeals: tuple[AppealRecord, ...]

    @property
    def learners(self) -> int:
        """How many learners made these appeals (a teacher's acceptance on a learner's behalf not counted)."""
        return len({a.learner for a in self.appeals if not a.teacher})

    def count(self, status: AppealStatus) -> int:
        """How many of the learners' appeals have this status."""
        return sum(1 for a in self.appeals if a.status is status and not a.teacher)

    @property
    def label(self) -> str:
        """``fact=answer``: how ``--answer`` names the group."""
        return f"{self.fact_id}={self.answer}"


def group_appeals(appeals: Iterable[AppealRecord], statuses: Iterable[AppealStatus] | None = None) -> list[AppealGroup]:
    """Appeals grouped by deck, fact and answer (of the given statuses only, when given), most learners first."""
    wanted = None if statuses is None else set(statuses)
    groups: dict[tuple[str, str, str], list[AppealRecord]] = defaultdict(list)
    for appeal in appeals:
        if wanted is not None and appeal.status not in wanted:
            continue
        folded = " ".join(appeal.answer.casefold().split())
        groups[appeal.deck_id, appeal.fact_id, folded].append(appeal)
    found = []
    for (deck_id, fact_id, _), members in groups.items():
        by_learners = [a for a in members if not a.teacher] or members
        shown = Counter(" ".join(a.answer.split()) for a in by_learners).most_common(1)[0][0]  # ties: the first
        found.append(AppealGroup(deck_id, fact_id, shown, tuple(members)))
    return sorted(found, key=lambda g: (-g.learners, g.deck_id, g.fact_id, g.answer.casefold()))


def render_appeals(groups: Sequence[AppealGroup]) -> list[str]:
    """The appeals section of ``kzquiz report``: one row per fact and answer, with how many learners made it."""
    from kzquiz.reporting import _table as table  # the report's own table layout

    rows = [
        [
            f"{g.deck_id}/{g.fact_id}",
            g.answer,
            str(g.learners),
            str(g.count(AppealStatus.PENDING)),
            str(g.count(AppealStatus.ACCEPTED)),
            str(g.count(AppealStatus.REJECTED)),
        ]
        for g in groups
        if g.learners
    ]
    if not rows:
        return []
    header = ["fact", "appealed answer", "learners", "pending", "accepted", "rejected"]
    return [f"Appeals ({len(rows)})", "", *table(header, rows, {2, 3, 4, 5})]


@attrs.frozen
class AliasTarget:
    """Where an accepted answer goes in the deck file: the fact's ``aliases`` (``key`` ``"aliases"``), the
    ``aliases`` of item ``index`` of its ``items`` or ``members``, or the blank of its cloze ``text``."""

    fact_id: str
    key: str
    index: int = 0


def alias_target(deck: Deck, question_id: str) -> AliasTarget | str:
    """Where an answer accepted for ``question_id`` is added as an alias, or why it cannot be (a sentence).

    A typed answer's alias goes to the answer it stands for: an answer fact's ``aliases``, the item of a sequence
    or set it names, a one-blank cloze's blank. A list (several items in one answer) and a number have no single
    place for it: accepting one only counts it right.
    """
    try:
        question = deck.question(question_id)
    except UnknownQuestionError:
        return f"the deck no longer has the question {question_id}"
    fact = deck.fact(question.fact_id)
    expectation = question.expectation
    if isinstance(expectation, ListExpectation):
        return "a list answer has no single item to add it to"
    if not isinstance(expectation, TextExpectation) or len(expectation.accepted) != 1:
        return "a number or date has no aliases"
    [expected] = expectation.accepted
    if isinstance(fact, AnswerFact):
        return AliasTarget(fact.id, "aliases")
    if isinstance(fact, SequenceFact | SetFact):
        key = "items" if isinstance(fact, SequenceFact) else "members"
        items = fact.items if isinstance(fact, SequenceFact) else fact.members
        for index, item in enumerate(items):
            if item.answer == expected:
                return AliasTarget(fact.id, key, index)
    if isinstance(fact, ClozeFact) and len(fact.blanks) == 1:
        return AliasTarget(fact.id, "text")
    return "this kind of question has no place for an alias"


@attrs.frozen
class Decision:
    """What :func:`accept` or :func:`reject` did: the appeals it changed or made, and the memories replayed."""

    appeals: tuple[AppealRecord, ...]
    memories: tuple[tuple[str, Memory], ...]

    @property
    def counted_right(self) -> int:
        """How many reviews of other learners (not appealed) now count as right: the teacher's acceptances."""
        return sum(1 for a in self.appeals if a.teacher)


def _replayed(
    store: Store, changed: Sequence[AppealRecord], facts: Iterable[tuple[str, str, str]]
) -> tuple[tuple[str, Memory], ...]:
    """The memories of (learner, deck, fact) replayed from the log with the store's appeals and ``changed``."""
    by_key: dict[str, dict[ReviewKey, AppealRecord]] = {}
    logs: dict[str, list[ReviewRecord]] = {}
    out = []
    for learner, deck_id, fact_id in sorted(set(facts)):
        if learner not in by_key:
            by_key[learner] = {a.key: a for a in store.appeals(learner)}
            by_key[learner].update({a.key: a for a in changed if a.learner == learner})
            logs[learner] = store.reviews(learner)
        memory = replay(logs[learner], by_key[learner], store.settings(learner), fact_id, deck_id)
        if memory is not None:
            out.append((learner, memory))
    return tuple(out)


def reject(store: Store, groups: Iterable[AppealGroup], now: dt.datetime) -> Decision:
    """Reject every appeal of the groups: the answers count as graded, and each learner's memory goes back."""
    changed = [
        attrs.evolve(a, status=AppealStatus.REJECTED, decided_at=now)
        for g in groups
        for a in g.appeals
        if a.status is not AppealStatus.REJECTED
    ]
    memories = _replayed(store, changed, ((a.learner, a.deck_id, a.fact_id) for a in changed))
    store.save_decisions(changed, memories)
    return Decision(tuple(changed), memories)


def accept(
    store: Store,
    groups: Iterable[AppealGroup],
    now: dt.datetime,
    before: Deck,
    after: Deck | None = None,
    *,
    learners: Iterable[str] | None = None,
) -> Decision:
    """Accept every appeal of the groups, and count as right every learner's earlier review of those facts that
    gave the same answer to the same question, or that the deck ``after`` the teacher's edit (the answers added as
    aliases) grades right where the deck ``before`` did not. Memories are replayed; everything in one transaction.

    ``learners`` limits whose earlier reviews are counted right (every learner of the store when ``None``): a store
    shared by several teachers' classes passes the learners of the deciding teacher's classes, so that no other
    class's records change. The groups' own appeals are accepted whoever made them: choose the groups accordingly.
    """
    chosen = list(groups)
    changed: dict[ReviewKey, AppealRecord] = {}
    for g in chosen:
        for a in g.appeals:
            if a.status is not AppealStatus.ACCEPTED:
                changed[a.key] = attrs.evolve(a, status=AppealStatus.ACCEPTED, decided_at=now)
    facts = {(g.deck_id, g.fact_id) for g in chosen}
    answers = {(a.question_id, " ".join(a.answer.casefold().split())) for g in chosen for a in g.appeals}
    for learner in store.learners() if learners is None else sorted(set(learners)):
        known = {a.key for a in store.appeals(learner)}
        for record in store.reviews(learner, {deck_id for deck_id, _ in facts}):
            key = review_key(record)
            if record.correct or key in known or key in changed or (record.deck_id, record.fact_id) not in facts:
                continue
            if not record.answer.strip() or record.match == "self":
                continue
            same = (record.question_id, " ".join(record.answer.casefold().split())) in answers
            if same or _newly_right(record, before, after):
                changed[key] = AppealRecord.of(record, now, status=AppealStatus.ACCEPTED, decided_at=now, teacher=True)
    appeals = list(changed.values())
    memories = _replayed(store, appeals, ((a.learner, a.deck_id, a.fact_id) for a in appeals))
    store.save_decisions(appeals, memories)
    return Decision(tuple(appeals), memories)


def _newly_right(record: ReviewRecord, before: Deck, after: Deck | None) -> bool:
    """Whether the edited deck grades the review's answer right where the deck before the edit did not."""
    if after is None or record.deck_id != after.id:
        return False
    try:
        now_right = after.question(record.question_id).check(record.answer).correct
        was_right = before.question(record.question_id).check(record.answer).correct
    except UnknownQuestionError:
        return False
    return now_right and not was_right


def matching(groups: Sequence[AppealGroup], label: str) -> list[AppealGroup]:
    """The groups ``--answer FACT=TEXT`` names (the same text ignoring case and spacing), spelt as ``TEXT``."""
    fact_id, _, text = label.partition("=")
    spelt = " ".join(text.split())
    return [
        attrs.evolve(g, answer=spelt) for g in groups if g.fact_id == fact_id.strip() and same_answer(g.answer, text)
    ]

"""A teacher's decisions on a class's appeals, through the library's own (:mod:`kzquiz.deciding`), as
``kzquiz accept`` and ``kzquiz reject`` make them: accepting adds the answer to the deck as an alias (a new version
of the uploaded deck, which learners get at once) and counts it right; rejecting counts the answers as graded.
"""

from __future__ import annotations

import datetime as dt

import kzquiz
from kzquiz.appeals import AppealStatus
from kzquiz.convert.aliases import add_aliases
from kzquiz.deciding import AliasTarget, AppealGroup, accept, alias_target, group_appeals, reject
from kzquiz.server.classroom import Classroom, Learner, StoredDeck


def pending_groups(store: kzquiz.Store, learners: list[Learner], decks: list[kzquiz.Deck]) -> list[AppealGroup]:
    """The class's pending appeals, grouped by deck, fact and answer (as ``kzquiz report`` lists them)."""
    deck_ids = [deck.id for deck in decks]
    appeals = [a for learner in learners for a in store.appeals(learner.store_name, deck_ids)]
    return [g for g in group_appeals(appeals, (AppealStatus.PENDING,)) if g.learners]


def find_group(groups: list[AppealGroup], deck_id: str, fact_id: str, answer: str) -> AppealGroup | None:
    """The group a form names."""
    return next((g for g in groups if (g.deck_id, g.fact_id, g.answer) == (deck_id, fact_id, answer)), None)


def teachers_learners(classroom: Classroom, teacher_id: int) -> list[str]:
    """The progress-store names of every learner in the teacher's classes: whom a teacher's decision may reach."""
    return [learner.store_name for klass in classroom.classes(teacher_id) for learner in classroom.learners(klass.id)]


def accept_group(
    store: kzquiz.Store, classroom: Classroom, stored: StoredDeck, group: AppealGroup, now: dt.datetime
) -> list[str]:
    """Accept a group's appeals: the answer goes in the deck as an alias where it has a place (the deck is saved as
    a new version), and the appeals, and earlier answers the alias makes right, count as right. Notes for the
    teacher: an answer that had no place in the deck, or that the deck already accepted.

    The deck is the teacher's own, so the earlier answers counted right are those of the learners of the teacher's
    classes only: another teacher's classes in the same store are never touched, even on a deck with the same id.

    Raises :class:`kzquiz.ConversionError` when the alias cannot be written, and :class:`kzquiz.DeckError` when the
    deck would no longer load; nothing is saved then.
    """
    before = kzquiz.loads_deck(stored.text, stored.source_name)
    notes: list[str] = []
    additions: list[tuple[AliasTarget, str]] = []
    for place in sorted({alias_target(before, a.question_id) for a in group.appeals}, key=str):
        if isinstance(place, AliasTarget):
            additions.append((place, group.answer))
        else:
            notes.append(f"“{group.answer}” counts as right but is not added to the deck: {place}.")
    after = before
    if additions:
        text, skipped = add_aliases(stored.text, stored.source_name, additions)
        notes.extend(skipped)
        if text != stored.text:
            after = kzquiz.loads_deck(text, stored.source_name)
            classroom.save_deck(stored.teacher_id, before.id, before.title, stored.source_name, text)
    accept(store, [group], now, before, after, learners=teachers_learners(classroom, stored.teacher_id))
    return notes


def reject_group(store: kzquiz.Store, group: AppealGroup, now: dt.datetime) -> None:
    """Reject a group's appeals: the answers count as they were graded, and the learners' memories go back."""
    reject(store, [group], now)

"""Copying one store into another (SQLite into PostgreSQL and back, or two files into one), without doubles.

What is copied, learner by learner:

* the review log: every review whose uid the target does not hold yet (so copying twice adds nothing, and two
  stores that share history, such as two copies of one file used on two machines, merge without doubles);
* memories: the source's memory of a fact replaces the target's when it was reviewed later (a memory the target
  lacks is added; on a tie the target's is kept);
* settings: the source's saved settings, when the target has none of its own for that learner;
* appeals: those the target does not have (an appeal the target has keeps its status there);
* decks seen: those the target has not seen, or knows only by id.

Each learner's reviews are added in one transaction, so an interrupted copy leaves whole learners behind it and
running it again completes it. Nothing is ever written to the source.
"""

from __future__ import annotations

import datetime as dt

import attrs

from kzquiz.scheduling import Memory, SchedulerSettings
from kzquiz.stores.base import Store

__all__ = ["CopyResult", "copy_store"]

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


@attrs.frozen
class CopyResult:
    """What a copy did: learners in the source, reviews added and already there, memories, decks and appeals written."""

    learners: int = 0
    reviews_added: int = 0
    reviews_present: int = 0
    memories: int = 0
    decks: int = 0
    appeals: int = 0


def _later(mine: Memory | None, theirs: Memory) -> bool:
    """Whether ``theirs`` was reviewed after ``mine`` (so it should replace it)."""
    if mine is None:
        return True
    return (theirs.last_review or _NEVER) > (mine.last_review or _NEVER)


def copy_store(source: Store, target: Store) -> CopyResult:
    """Copy everything in ``source`` that ``target`` lacks into ``target``; see the module docstring for the rules."""
    known = {deck.id: deck for deck in target.decks()}
    decks = 0
    for deck in source.decks():
        have = known.get(deck.id)
        if have is None or (not have.content_hash and deck.content_hash):
            target.record_deck(deck)
            decks += 1
    learners = source.learners()
    added = present = memories = appeals = 0
    for learner in learners:
        target.add_learner(learner)
        settings = source.settings(learner)
        if settings != SchedulerSettings() and target.settings(learner) == SchedulerSettings():
            target.save_settings(learner, settings)
        log = source.reviews(learner)
        count = target.add_reviews(log)
        added += count
        present += len(log) - count
        theirs = {(m.deck_id, m.fact_id): m for m in target.memories(learner)}
        newer = [m for m in source.memories(learner) if _later(theirs.get((m.deck_id, m.fact_id)), m)]
        if newer:
            target.save_memories(learner, newer)
            memories += len(newer)
        held = {appeal.key for appeal in target.appeals(learner)}
        missing = [appeal for appeal in source.appeals(learner) if appeal.key not in held]
        if missing:
            target.save_decisions(missing, [])
            appeals += len(missing)
    return CopyResult(len(learners), added, present, memories, decks, appeals)

"""The in-memory store: everything in dictionaries, forgotten on exit (tests, library users, throwaway sessions)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from kzquiz.appeals import AppealRecord, ReviewKey, review_key
from kzquiz.errors import AppealError
from kzquiz.figures import StudiedFact, StudyCounts, recent_answers, review_days
from kzquiz.scheduling import Memory, SchedulerSettings
from kzquiz.stores.base import AnswerCount, DeckRecord, FactCount, ReviewRecord, fact_ids_of

if TYPE_CHECKING:
    from kzquiz.model import Deck

__all__ = ["MemoryStore"]


@attrs.define
class MemoryStore:
    """A store that keeps everything in memory and forgets it on exit: for tests and short-lived sessions."""

    _settings: dict[str, SchedulerSettings] = attrs.field(factory=dict)
    _decks: dict[str, DeckRecord] = attrs.field(factory=dict)
    _memory: dict[tuple[str, str, str], Memory] = attrs.field(factory=dict)
    _log: list[ReviewRecord] = attrs.field(factory=list)
    _appeals: dict[ReviewKey, AppealRecord] = attrs.field(factory=dict)
    _uids: set[str] = attrs.field(factory=set)

    def learners(self) -> list[str]:
        """The learners' names, sorted."""
        return sorted(self._settings)

    def add_learner(self, name: str) -> None:
        """Add a learner; adding one who exists does nothing."""
        self._settings.setdefault(name, SchedulerSettings())

    def settings(self, learner: str) -> SchedulerSettings:
        """The learner's scheduling settings (the defaults for a learner without saved settings)."""
        return self._settings.get(learner, SchedulerSettings())

    def save_settings(self, learner: str, settings: SchedulerSettings) -> None:
        """Save the learner's scheduling settings, adding the learner if needed."""
        self._settings[learner] = settings

    def record_deck(self, deck: Deck | DeckRecord) -> None:
        """Note that a deck (its id, title, content hash and fact ids) has been seen."""
        self._decks[deck.id] = DeckRecord(deck.id, deck.content_hash, deck.title, fact_ids_of(deck))

    def decks(self) -> list[DeckRecord]:
        """The decks seen, by id."""
        return [self._decks[k] for k in sorted(self._decks)]

    def memory(self, learner: str, fact_id: str, deck_id: str) -> Memory | None:
        """The learner's memory of one fact, or ``None`` if it was never reviewed."""
        return self._memory.get((learner, deck_id, fact_id))

    def memories(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[Memory]:
        """The learner's memories of every fact reviewed (of the given decks only, when given)."""
        wanted = None if deck_ids is None else set(deck_ids)
        return [
            m
            for (who, deck_id, _), m in sorted(self._memory.items())
            if who == learner and (wanted is None or deck_id in wanted)
        ]

    def save_review(self, review: ReviewRecord, memory: Memory) -> None:
        """Append a review to the log and save the fact's new memory."""
        self.add_reviews([review])
        self._memory[review.learner, memory.deck_id, memory.fact_id] = memory

    def review_fact(self, review: ReviewRecord, schedule: Callable[[Memory | None], Memory]) -> Memory:
        """Append a review to the log and save ``schedule`` of the fact's memory as it is now; the memory saved."""
        memory = schedule(self._memory.get((review.learner, review.deck_id, review.fact_id)))
        self.save_review(review, memory)
        return memory

    def add_reviews(self, reviews: Iterable[ReviewRecord]) -> int:
        """Append reviews to the log, skipping those whose ``uid`` it already holds; returns how many were added."""
        added = 0
        for review in reviews:
            self.add_learner(review.learner)
            if review.uid not in self._uids:
                self._uids.add(review.uid)
                self._log.append(review)
                added += 1
        return added

    def save_memories(self, learner: str, memories: Iterable[Memory]) -> None:
        """Replace the learner's memories of these facts (after rescheduling), adding the learner if needed."""
        self.add_learner(learner)
        for memory in memories:
            self._memory[learner, memory.deck_id, memory.fact_id] = memory

    def reviews(self, learner: str, deck_ids: Iterable[str] | None = None) -> list[ReviewRecord]:
        """The learner's review log, oldest first (of the given decks only, when given)."""
        wanted = None if deck_ids is None else set(deck_ids)
        found = [r for r in self._log if r.learner == learner and (wanted is None or r.deck_id in wanted)]
        return sorted(found, key=lambda r: r.reviewed_at)

    def review_activity(self, learner: str) -> list[tuple[dt.datetime, int, int]]:
        """(minute, reviews, right answers) for each minute (UTC) in which the learner made reviews, in time order."""
        minutes: dict[dt.datetime, list[int]] = {}
        for r in self.reviews(learner):
            minute = r.reviewed_at.astimezone(dt.UTC).replace(second=0, microsecond=0)
            counts = minutes.setdefault(minute, [0, 0])
            counts[0] += 1
            counts[1] += r.correct
        return [(minute, n, right) for minute, (n, right) in minutes.items()]

    def study_counts(self, learner: str) -> StudyCounts:
        """What :func:`kzquiz.stats` needs of a learner, counted from the log; see :meth:`Store.study_counts`."""
        standing = {key for key, a in self._appeals.items() if a.learner == learner and a.status.counts_as_right}
        reviews = self.reviews(learner)
        log = [(r.deck_id, r.fact_id, not r.correct and review_key(r) not in standing) for r in reviews]
        log_times = [(r.reviewed_at.astimezone(dt.UTC), r.correct) for r in reviews]
        facts = [StudiedFact.of(m) for m in self.memories(learner)]
        studied = {fact.deck_id for fact in facts}
        settings = self.settings(learner)
        return StudyCounts(
            review_days=review_days(log_times),
            facts=facts,
            recent=recent_answers(log),
            deck_facts={d.id: frozenset(d.fact_ids) for d in self._decks.values() if d.fact_ids and d.id in studied},
            desired_retention=settings.desired_retention,
            parameters=settings.parameters,
        )

    def _counted_log(self, learners: Iterable[str] | None, deck_ids: Iterable[str] | None) -> list[ReviewRecord]:
        """The log of these learners and decks only (every one for ``None``)."""
        names = None if learners is None else set(learners)
        decks = None if deck_ids is None else set(deck_ids)
        return [r for r in self._log if (names is None or r.learner in names) and (decks is None or r.deck_id in decks)]

    def fact_counts(
        self, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[FactCount]:
        """How often each learner was asked each fact and answered it right, and partly right."""
        counts: dict[tuple[str, str, str], list[int]] = {}
        for r in self._counted_log(learners, deck_ids):
            seen = counts.setdefault((r.learner, r.deck_id, r.fact_id), [0, 0, 0])
            seen[0] += 1
            seen[1] += r.correct
            seen[2] += not r.correct and r.score > 0
        return [FactCount(*key, asked, right, partial) for key, (asked, right, partial) in counts.items()]

    def wrong_answers(
        self, by_learner: bool = True, *, learners: Iterable[str] | None = None, deck_ids: Iterable[str] | None = None
    ) -> list[AnswerCount]:
        """How often each wrong answer (worth nothing) was given to each question, per learner or over the class."""
        counts = Counter(
            (r.learner if by_learner else "", r.deck_id, r.fact_id, r.question_id, r.answer)
            for r in self._counted_log(learners, deck_ids)
            if not r.correct and r.score <= 0
        )
        return [AnswerCount(*key, count) for key, count in counts.items()]

    def _check_review(self, appeal: AppealRecord) -> None:
        if not any(review_key(r) == appeal.key for r in self._log):
            raise AppealError(f"no review of {appeal.question_id} by {appeal.learner} at {appeal.reviewed_at}")

    def save_appeal(self, appeal: AppealRecord, memory: Memory) -> None:
        """Save a new appeal and the learner's recomputed memory of its fact; see :meth:`Store.save_appeal`."""
        self._check_review(appeal)
        if appeal.key in self._appeals:
            raise AppealError("this answer has already been appealed")
        self._appeals[appeal.key] = appeal
        self._memory[appeal.learner, memory.deck_id, memory.fact_id] = memory

    def appeals(self, learner: str | None = None, deck_ids: Iterable[str] | None = None) -> list[AppealRecord]:
        """Appeals, oldest first: one learner's, or every learner's for ``None`` (of ``deck_ids`` only, if given)."""
        wanted = None if deck_ids is None else set(deck_ids)
        found = [
            a
            for a in self._appeals.values()
            if (learner is None or a.learner == learner) and (wanted is None or a.deck_id in wanted)
        ]
        return sorted(found, key=lambda a: (a.made_at, a.key))

    def save_decisions(self, appeals: Iterable[AppealRecord], memories: Iterable[tuple[str, Memory]]) -> None:
        """Save a teacher's decisions and the recomputed memories; see :meth:`Store.save_decisions`."""
        changed = list(appeals)
        for appeal in changed:
            self._check_review(appeal)
        for appeal in changed:
            self._appeals[appeal.key] = appeal
        for learner, memory in memories:
            self._memory[learner, memory.deck_id, memory.fact_id] = memory

    def close(self) -> None:
        """Nothing to release."""

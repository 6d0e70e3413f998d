"""What ``kzquiz report`` and the classroom dashboard show: answers counted per learner, per fact and per learner
and fact, right, partly right and wrong, with the commonest wrong answers, as text, JSON or CSV.

Pure functions over answers (:class:`Attempt`) or over the counts a store makes itself (:class:`FactCount`,
:class:`AnswerCount`); the command-line shell reads the stores and files and prints.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TypeVar

import attrs

from kzquiz.errors import UnknownQuestionError
from kzquiz.model import Deck
from kzquiz.stores.base import AnswerCount, FactCount, ReviewRecord
from kzquiz.text import csv_cell, safe_text


@attrs.frozen
class Attempt:
    """One answer a learner gave to one question, from a progress store's log or an exam result file.

    ``count`` is how many times the learner gave that answer to that question, when a store counted them for a
    big class's report (1 for a single answer). ``partial`` marks an answer that is not right but earned part of
    the marks (a score above 0: a partial answer or option, some of a list's items).
    """

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    correct: bool
    answer: str = ""
    count: int = 1
    partial: bool = False

    @classmethod
    def of(cls, learner: str, review: ReviewRecord) -> Attempt:
        """The attempt a review of the store's log records, under the learner's name as the report shows it."""
        partial = not review.correct and review.score > 0
        return cls(
            learner, review.deck_id, review.fact_id, review.question_id, review.correct, review.answer, 1, partial
        )


def fact_of(question_id: str) -> str:
    """The fact id inside a question id (``deck/fact/form[/item]``)."""
    parts = question_id.split("/")
    return parts[1] if len(parts) > 1 else question_id


@attrs.frozen
class Tally:
    """How often something was asked, answered right and partly right, with the commonest wrong answers (a partly
    right answer is never among them)."""

    asked: int
    right: int
    wrong_answers: tuple[tuple[str, int], ...] = ()
    learners: int = 0
    partial: int = 0

    @property
    def wrong(self) -> int:
        """How many answers were wrong: neither right nor partly right."""
        return self.asked - self.right - self.partial

    @property
    def accuracy(self) -> float:
        """The share of right answers, from 0 to 1 (partly right ones are not right)."""
        return self.right / self.asked if self.asked else 0.0

    @property
    def hardness(self) -> tuple[float, float, int]:
        """How the report sorts, hardest first: by the share of right answers, then of partly right ones, then the
        most asked first."""
        return self.accuracy, self.partial / self.asked if self.asked else 0.0, -self.asked


def _tally(attempts: list[Attempt], top: int = 3) -> Tally:
    wrong: Counter[str] = Counter()
    for a in attempts:
        if not a.correct and not a.partial and a.answer.strip():
            wrong[" ".join(a.answer.split())] += a.count
    common = tuple(sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:top])
    learners = len({a.learner for a in attempts})
    right = sum(a.count for a in attempts if a.correct)
    partial = sum(a.count for a in attempts if a.partial and not a.correct)
    return Tally(sum(a.count for a in attempts), right, common, learners, partial)


def by_learner(attempts: Iterable[Attempt]) -> dict[str, Tally]:
    """Each learner's tally, by name."""
    groups: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        groups[attempt.learner].append(attempt)
    return {name: _tally(group) for name, group in sorted(groups.items())}


def by_fact(attempts: Iterable[Attempt]) -> dict[tuple[str, str], Tally]:
    """Each fact's tally over all learners, keyed by (deck id, fact id), hardest first (see :attr:`Tally.hardness`)."""
    groups: dict[tuple[str, str], list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        groups[attempt.deck_id, attempt.fact_id].append(attempt)
    tallies = {key: _tally(group) for key, group in groups.items()}
    return dict(sorted(tallies.items(), key=lambda item: (item[1].hardness, item[0])))


def by_learner_and_fact(attempts: Iterable[Attempt]) -> dict[tuple[str, str, str], Tally]:
    """Each learner's tally on each fact, keyed by (learner, deck id, fact id), sorted."""
    groups: dict[tuple[str, str, str], list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        groups[attempt.learner, attempt.deck_id, attempt.fact_id].append(attempt)
    return {key: _tally(group) for key, group in sorted(groups.items())}


Named = TypeVar("Named", Attempt, AnswerCount)


def name_choices(attempts: Iterable[Named], decks: Iterable[Deck]) -> list[Named]:
    """The attempts, with a multiple-choice answer given by number or letter ("2", "b") replaced by the text of the
    options it picked, for the questions of the ``decks`` given (the options are as the deck now generates them)."""
    by_id = {deck.id: deck for deck in decks}
    known: dict[tuple[str, str, str], str | None] = {}  # each answer graded once, however many learners gave it
    out = []
    for attempt in attempts:
        key = (attempt.deck_id, attempt.question_id, attempt.answer)
        if key not in known:
            known[key] = _named_options(by_id.get(attempt.deck_id), attempt.question_id, attempt.answer)
        named = known[key]
        out.append(attempt if named is None else attrs.evolve(attempt, answer=named))
    return out


def _named_options(deck: Deck | None, question_id: str, answer: str) -> str | None:
    """The options a multiple-choice answer picked, by their text; ``None`` when it is not one."""
    if deck is None or not answer.strip():
        return None
    try:
        question = deck.question(question_id)
    except UnknownQuestionError:
        return None
    if not question.choices:
        return None
    verdict = question.check(answer)
    picked = (*verdict.named, *verdict.wrong)
    return ", ".join(picked) if picked else None


def _percent(tally: Tally) -> str:
    return f"{round(100 * tally.accuracy)}%"


def _table(header: list[str], rows: list[list[str]], right_aligned: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        out = [
            c.rjust(w) if i in right_aligned else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(row) for row in rows)]


def counts_of(attempts: Iterable[Attempt]) -> tuple[list[FactCount], list[AnswerCount]]:
    """Answers counted as a store counts its log: per learner and fact, and each wrong answer per learner."""
    facts: dict[tuple[str, str, str], list[int]] = {}
    wrong: Counter[tuple[str, str, str, str, str]] = Counter()
    for a in attempts:
        seen = facts.setdefault((a.learner, a.deck_id, a.fact_id), [0, 0, 0])
        seen[0] += a.count
        if a.correct:
            seen[1] += a.count
        elif a.partial:
            seen[2] += a.count
        else:
            wrong[a.learner, a.deck_id, a.fact_id, a.question_id, a.answer] += a.count
    return (
        [FactCount(*key, asked, right, partial) for key, (asked, right, partial) in facts.items()],
        [AnswerCount(*key, count) for key, count in wrong.items()],
    )


ClassTallies = tuple[dict[str, Tally], dict[tuple[str, str, str], Tally], dict[tuple[str, str], Tally]]
"""Tallies per learner, per (learner, deck, fact) and per (deck, fact), hardest fact first."""


def class_tallies(facts: Iterable[FactCount], wrong: Iterable[AnswerCount], top: int = 3) -> ClassTallies:
    """The report's tallies from counted answers (a learner's wrong answers count for their cells only when the
    count names the learner: a class-wide count, learner ``""``, counts for the facts)."""
    cell_wrong: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    fact_wrong: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for w in wrong:
        text = " ".join(w.answer.split())
        if text:
            fact_wrong[w.deck_id, w.fact_id][text] += w.count
            if w.learner:
                cell_wrong[w.learner, w.deck_id, w.fact_id][text] += w.count

    def common(counter: Counter[str] | None) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]) if counter else ()

    cells_seen: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    per_learner: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_fact: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    fact_learners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        for seen in (
            cells_seen[f.learner, f.deck_id, f.fact_id],
            per_learner[f.learner],
            per_fact[f.deck_id, f.fact_id],
        ):
            seen[0] += f.asked
            seen[1] += f.right
            seen[2] += f.partial
        fact_learners[f.deck_id, f.fact_id].add(f.learner)
    learner_wrong: dict[str, Counter[str]] = defaultdict(Counter)
    for (name, _, _), counter in cell_wrong.items():
        learner_wrong[name].update(counter)
    learners = {
        name: Tally(asked, right, common(learner_wrong.get(name)), 1, partial)
        for name, (asked, right, partial) in sorted(per_learner.items())
    }
    cells = {
        key: Tally(asked, right, common(cell_wrong.get(key)), 1, partial)
        for key, (asked, right, partial) in sorted(cells_seen.items())
    }
    tallies = {
        key: Tally(asked, right, common(fact_wrong.get(key)), len(fact_learners[key]), partial)
        for key, (asked, right, partial) in per_fact.items()
    }
    by_difficulty = sorted(tallies.items(), key=lambda item: (item[1].hardness, item[0]))
    return learners, cells, dict(by_difficulty)


def render_report(attempts: list[Attempt]) -> str:
    """The terminal report: a table per learner (with each one's weakest facts), then a table per fact, hardest
    first, with the wrong answers the class gives most often."""
    return render_tallies(class_tallies(*counts_of(attempts)))


def weakest_facts(tallies: ClassTallies, top: int = 3) -> dict[str, list[tuple[tuple[str, str, str], Tally]]]:
    """Each learner's facts not always answered right, hardest first (at most ``top``)."""
    weak: dict[str, list[tuple[tuple[str, str, str], Tally]]] = defaultdict(list)
    for key, cell in tallies[1].items():
        if cell.right < cell.asked:
            weak[key[0]].append((key, cell))
    return {name: sorted(weak[name], key=lambda item: (item[1].hardness, item[0]))[:top] for name in tallies[0]}


def _counts(tally: Tally) -> list[str]:
    return [str(tally.asked), str(tally.right), str(tally.partial), str(tally.wrong), _percent(tally)]


def render_tallies(tallies: ClassTallies) -> str:
    """The terminal report from :func:`class_tallies`: answers right, partly right and wrong, per learner (with
    their weakest facts) and per fact, hardest first (with the commonest wrong answers)."""
    learners, _, facts = tallies
    weak = weakest_facts(tallies)
    learner_rows = []
    for name, tally in learners.items():
        weakest = ", ".join(f"{fact} ({t.right}/{t.asked})" for (_, _, fact), t in weak[name])
        learner_rows.append([name, *_counts(tally), weakest or "-"])
    fact_rows = []
    for (deck_id, fact_id), tally in facts.items():
        wrong = ", ".join(f"{text} ({n})" for text, n in tally.wrong_answers)
        fact_rows.append([f"{deck_id}/{fact_id}", str(tally.learners), *_counts(tally), wrong or "-"])
    counted = ["asked", "right", "partly", "wrong", "accuracy"]
    lines = [f"Per learner ({len(learners)})", ""]
    lines += _table(["learner", *counted, "weakest facts"], learner_rows, {1, 2, 3, 4, 5})
    lines += ["", f"Per fact, hardest first ({len(fact_rows)})", ""]
    header = ["fact", "learners", *counted, "commonest wrong answers"]
    lines += _table(header, fact_rows, {1, 2, 3, 4, 5, 6})
    return "\n".join(lines)


def _counted(tally: Tally) -> dict[str, int | float]:
    t = tally
    return {"asked": t.asked, "right": t.right, "partly_right": t.partial, "wrong": t.wrong, "accuracy": t.accuracy}


def report_document(tallies: ClassTallies) -> dict[str, object]:
    """``kzquiz report --json``: the learners and the facts (hardest first) with their counts, as plain data."""
    learners, _, facts = tallies
    weak = weakest_facts(tallies)
    return {
        "learners": [
            {
                "learner": name,
                **_counted(tally),
                "weakest_facts": [{"deck": d, "fact": f, **_counted(t)} for (_, d, f), t in weak[name]],
            }
            for name, tally in learners.items()
        ],
        "facts": [
            {
                "deck": deck_id,
                "fact": fact_id,
                "learners": tally.learners,
                **_counted(tally),
                "wrong_answers": [{"answer": text, "count": n} for text, n in tally.wrong_answers],
            }
            for (deck_id, fact_id), tally in facts.items()
        ],
    }


REPORT_COLUMNS = ("learner", "deck", "fact", "asked", "right", "partly_right", "wrong", "accuracy", "wrong_answers")
"""The columns of ``kzquiz report -o FILE.csv``: one row per learner and fact."""


def report_csv(attempts: list[Attempt]) -> str:
    """The per-learner, per-fact table as CSV, for a spreadsheet (cells that look like formulas are quoted)."""
    return cells_csv(class_tallies(*counts_of(attempts))[1])


def cells_csv(cells: dict[tuple[str, str, str], Tally]) -> str:
    """:func:`report_csv` from the tallies per (learner, deck, fact) of :func:`class_tallies`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for (learner, deck_id, fact_id), tally in cells.items():
        wrong = " | ".join(f"{text} ({n})" for text, n in tally.wrong_answers)
        counts = [tally.asked, tally.right, tally.partial, tally.wrong, f"{tally.accuracy:.2f}"]
        row = [learner, deck_id, fact_id, *counts, wrong]
        writer.writerow([csv_cell(safe_text(c)) if isinstance(c, str) else c for c in row])
    return out.getvalue()

"""What the teachers' commands show, as pure functions from decks and problems to text.

The command-line shell (:mod:`kzquiz.cli.teach`) reads the files and prints; everything here takes values and
returns strings or plain data, so it is tested without a terminal: problems as lines or JSON for ``validate``, a
deck as a proof-reading listing or a Markdown answer key for ``preview``, and a new deck's text for ``new``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TypeVar

import attrs

from kzquiz.errors import Problem, Severity, UnknownQuestionError
from kzquiz.grading import (
    ChoiceExpectation,
    ListExpectation,
    NumberExpectation,
    OrderExpectation,
    TextExpectation,
    TruthExpectation,
)
from kzquiz.model import Answer, Deck
from kzquiz.questions import Question
from kzquiz.stores.base import AnswerCount, FactCount
from kzquiz.text import csv_cell, safe_data, safe_text

# -- validate ---------------------------------------------------------------------------------------------------


def problem_record(problem: Problem) -> dict[str, str | int | None]:
    """One problem as a JSON object, for editors and CI."""
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "hint": problem.hint,
        "severity": problem.severity.value,
    }


def problems_json(problems: Iterable[Problem], checked: int) -> str:
    """Every problem as one JSON document: ``{"files": N, "errors": N, "warnings": N, "problems": [...]}``."""
    found = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in found)
    document = {
        "files": checked,
        "errors": errors,
        "warnings": len(found) - errors,
        "problems": [problem_record(p) for p in found],
    }
    return json.dumps(safe_data(document), ensure_ascii=False, indent=2)


def summary(problems: Iterable[Problem], checked: int) -> str:
    """``2 errors and 1 warning in 3 files`` (or ``3 files checked: no problems``)."""
    found = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in found)
    warnings = len(found) - errors
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if not found:
        return f"{files} checked: no problems"
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    parts += [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
    return f"{' and '.join(parts)} in {files}"


# -- preview ----------------------------------------------------------------------------------------------------


def _forms(answer: Answer) -> str:
    return answer.text + (f" (also: {', '.join(answer.aliases)})" if answer.aliases else "")


def accepted_lines(question: Question) -> list[str]:
    """What a question accepts, as lines a teacher can check: every answer and alias, or the right options."""
    match question.expectation:
        case TextExpectation(accepted=accepted):
            return [f"answer: {_forms(a)}" for a in accepted]
        case ListExpectation(items=items, count=count, ordered=ordered):
            how = "in this order" if ordered else ("all of" if count == len(items) else f"any {count} of")
            return [f"answer ({how}):", *(f"  - {_forms(item)}" for item in items)]
        case NumberExpectation():
            return [f"answer: {question.expected}"]
        case ChoiceExpectation(choices=choices, correct=correct):
            return [f"{'*' if i in correct else ' '} {chr(ord('a') + i)}) {c}" for i, c in enumerate(choices)]
        case OrderExpectation():
            return [f"answer: {question.expected}"]
        case TruthExpectation(value=value, correction=correction):
            return [f"answer: {'true' if value else 'false'}"] + ([f"correction: {correction}"] if correction else [])
    return []  # pragma: no cover - every expectation is matched above


def preview_text(deck: Deck) -> str:
    """Every question of every fact, with what it accepts, grouped by fact: for proof-reading a deck."""
    lines = [f"{deck.title} ({deck.id}): {len(deck.facts)} facts, {len(deck.questions)} questions", ""]
    for fact in deck.facts:
        lines.append(f"{fact.id} ({fact.kind.value})" + (f"  [{', '.join(fact.tags)}]" if fact.tags else ""))
        for question in deck.questions_for(fact.id):
            lines.append(f"  {question.form.value}: {question.prompt}")
            lines.extend(f"      {line}" for line in accepted_lines(question))
        if fact.note:
            lines.append(f"  note: {fact.note}")
        if fact.quote:
            lines.append(f"  quote: {fact.quote}")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would start formatting are escaped, lines kept together."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "  \n")


def preview_markdown(deck: Deck) -> str:
    """A printable answer key in Markdown: each fact a section, each question with its accepted answers."""
    lines = [
        f"# {_md(deck.title)}",
        "",
        f"Answer key of the deck `{deck.id}`: {len(deck.facts)} facts, {len(deck.questions)} questions.",
        "",
    ]
    number = 0
    for fact in deck.facts:
        lines += [f"## {_md(fact.id)}", ""]
        for question in deck.questions_for(fact.id):
            number += 1
            lines.append(f"{number}. **{_md(question.prompt)}**")
            for line in accepted_lines(question):
                stripped = line.strip()
                if line.startswith("*"):
                    lines.append(f"   - ✔ **{_md(stripped[2:])}**")
                elif line.startswith("  -"):
                    lines.append(f"     - {_md(stripped[2:])}")
                else:
                    lines.append(f"   - {_md(stripped)}")
        if fact.note:
            lines.append(f"\n   *Note:* {_md(fact.note)}")
        if fact.quote:
            lines.append(f"\n   > {_md(fact.quote)}")
        lines.append("")
    return "\n".join(lines)


# -- new --------------------------------------------------------------------------------------------------------

SCAFFOLD = """\
# A kzquiz deck. Every fact below is an example of one kind; edit them, copy them, delete the ones you do
# not need. Check the file with `kzquiz validate {path}` and proof-read it with `kzquiz preview {path}`.
# The format is described in docs/deck-format.md.

[deck]
id = "{deck_id}"          # never change it once learners have studied the deck: progress is kept by id
title = "{title}"
language = "en"
# as_of = 2024-01-31       # the date the facts are true on

# [deck.source]            # where the facts come from
# title = "..."
# url = "https://..."

# answer: a question with one right answer; aliases are other accepted spellings, distractors wrong options.
[[facts]]
id = "capital"            # a fact's id is what learners' progress is kept by: keep it when you edit the fact
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
aliases = ["Nur-Sultan"]
distractors = ["Almaty", "Shymkent"]
tags = ["geography"]
quote = "Astana is the capital of Kazakhstan."   # the source text that backs the fact

# sequence: an ordered list; asks for the order and what comes before and after each item.
[[facts]]
id = "presidents"
kind = "sequence"
subject = "the presidents of Kazakhstan, first to latest"
items = ["Nursultan Nazarbayev", "Kassym-Jomart Tokayev", {{ text = "Nobody else yet", aliases = ["no one"] }}]
quote = "Tokayev succeeded Nazarbayev in 2019."

# set: an unordered group; non_members are wrong options for "which of these" questions.
[[facts]]
id = "neighbours"
kind = "set"
subject = "the countries bordering Kazakhstan"
members = ["Russia", "China", "Kyrgyzstan", "Uzbekistan", "Turkmenistan"]
non_members = ["Mongolia", "Tajikistan", "Afghanistan"]
name = 3                  # "Name three of ..."
quote = "Kazakhstan borders Russia, China, Kyrgyzstan, Uzbekistan and Turkmenistan."

# number: an exact number (with an optional tolerance), a range (min and max), or a date.
[[facts]]
id = "independence"
kind = "number"
question = "In which year did Kazakhstan declare independence?"
answer = 1991
quote = "Kazakhstan declared independence on 16 December 1991."

# statement: true or false; a false statement needs a correction.
[[facts]]
id = "landlocked"
kind = "statement"
statement = "Kazakhstan has a coast on the open ocean."
answer = false
correction = "Kazakhstan is the largest landlocked country in the world."
quote = "Kazakhstan is the world's largest landlocked country."

# cloze: a sentence with blanks written {{{{answer|alias}}}}.
[[facts]]
id = "baikonur"
kind = "cloze"
text = "The Baikonur Cosmodrome is in {{{{Kazakhstan}}}}."
distractors = ["Russia", "Uzbekistan"]
quote = "The Baikonur Cosmodrome, in Kazakhstan, is leased to Russia."

# choice: your own multiple-choice question; use answers = [...] when several options are right.
[[facts]]
id = "currency"
kind = "choice"
question = "What is the currency of Kazakhstan?"
answer = "the tenge"
wrong = ["the som", "the ruble", "the manat"]
note = "The tenge replaced the Soviet ruble in 1993."
quote = "The tenge has been Kazakhstan's currency since 1993."
"""
"""The text of ``kzquiz new``: placeholders ``{path}``, ``{deck_id}`` and ``{title}``."""


def scaffold(path: str, deck_id: str, title: str) -> str:
    """A new deck file's text: a commented example of every fact kind, valid as written."""
    return SCAFFOLD.format(path=path, deck_id=deck_id, title=title.replace("\\", "\\\\").replace('"', '\\"'))


# -- report -----------------------------------------------------------------------------------------------------


@attrs.frozen
class Attempt:
    """One answer a learner gave to one question, from a progress store's log or an exam result file.

    ``count`` is how many times the learner gave that answer to that question, when a store counted them for a
    big class's report (1 for a single answer).
    """

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    correct: bool
    answer: str = ""
    count: int = 1


def fact_of(question_id: str) -> str:
    """The fact id inside a question id (``deck/fact/form[/item]``)."""
    parts = question_id.split("/")
    return parts[1] if len(parts) > 1 else question_id


@attrs.frozen
class Tally:
    """How often something was asked and answered right, with the commonest wrong answers."""

    asked: int
    right: int
    wrong_answers: tuple[tuple[str, int], ...] = ()
    learners: int = 0

    @property
    def accuracy(self) -> float:
        """The share of right answers, from 0 to 1."""
        return self.right / self.asked if self.asked else 0.0


def _tally(attempts: list[Attempt], top: int = 3) -> Tally:
    wrong: Counter[str] = Counter()
    for a in attempts:
        if not a.correct and a.answer.strip():
            wrong[" ".join(a.answer.split())] += a.count
    common = tuple(sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:top])
    learners = len({a.learner for a in attempts})
    return Tally(sum(a.count for a in attempts), sum(a.count for a in attempts if a.correct), common, learners)


def by_learner(attempts: Iterable[Attempt]) -> dict[str, Tally]:
    """Each learner's tally, by name."""
    groups: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        groups[attempt.learner].append(attempt)
    return {name: _tally(group) for name, group in sorted(groups.items())}


def by_fact(attempts: Iterable[Attempt]) -> dict[tuple[str, str], Tally]:
    """Each fact's tally over all learners, keyed by (deck id, fact id), hardest (lowest accuracy) first."""
    groups: dict[tuple[str, str], list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        groups[attempt.deck_id, attempt.fact_id].append(attempt)
    tallies = {key: _tally(group) for key, group in groups.items()}
    return dict(sorted(tallies.items(), key=lambda item: (item[1].accuracy, -item[1].asked, item[0])))


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
    out = []
    for attempt in attempts:
        named = _named_options(by_id.get(attempt.deck_id), attempt.question_id, attempt.answer)
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
        seen = facts.setdefault((a.learner, a.deck_id, a.fact_id), [0, 0])
        seen[0] += a.count
        if a.correct:
            seen[1] += a.count
        else:
            wrong[a.learner, a.deck_id, a.fact_id, a.question_id, a.answer] += a.count
    return (
        [FactCount(*key, asked, right) for key, (asked, right) in facts.items()],
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

    cells_seen: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    per_learner: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_fact: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    fact_learners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        for seen in (
            cells_seen[f.learner, f.deck_id, f.fact_id],
            per_learner[f.learner],
            per_fact[f.deck_id, f.fact_id],
        ):
            seen[0] += f.asked
            seen[1] += f.right
        fact_learners[f.deck_id, f.fact_id].add(f.learner)
    learner_wrong: dict[str, Counter[str]] = defaultdict(Counter)
    for (name, _, _), counter in cell_wrong.items():
        learner_wrong[name].update(counter)
    learners = {
        name: Tally(asked, right, common(learner_wrong.get(name)), 1)
        for name, (asked, right) in sorted(per_learner.items())
    }
    cells = {
        key: Tally(asked, right, common(cell_wrong.get(key)), 1) for key, (asked, right) in sorted(cells_seen.items())
    }
    tallies = {
        key: Tally(asked, right, common(fact_wrong.get(key)), len(fact_learners[key]))
        for key, (asked, right) in per_fact.items()
    }
    by_difficulty = sorted(tallies.items(), key=lambda item: (item[1].accuracy, -item[1].asked, item[0]))
    return learners, cells, dict(by_difficulty)


def render_report(attempts: list[Attempt]) -> str:
    """The terminal report: a table per learner (with each one's weakest facts), then a table per fact, hardest
    first, with the wrong answers the class gives most often."""
    return render_tallies(class_tallies(*counts_of(attempts)))


def render_tallies(tallies: ClassTallies) -> str:
    """The terminal report from :func:`class_tallies`."""
    learners, cells, facts = tallies
    weak: dict[str, list[tuple[tuple[str, str, str], Tally]]] = defaultdict(list)
    for key, cell in cells.items():
        if cell.right < cell.asked:
            weak[key[0]].append((key, cell))
    learner_rows = []
    for name, tally in learners.items():
        mine = weak[name]
        mine.sort(key=lambda item: (item[1].accuracy, -item[1].asked, item[0]))
        weakest = ", ".join(f"{fact} ({t.right}/{t.asked})" for (_, _, fact), t in mine[:3])
        learner_rows.append([name, str(tally.asked), str(tally.right), _percent(tally), weakest or "-"])
    fact_rows = []
    for (deck_id, fact_id), tally in facts.items():
        wrong = ", ".join(f"{text} ({n})" for text, n in tally.wrong_answers)
        row = [f"{deck_id}/{fact_id}", str(tally.learners), str(tally.asked), str(tally.right), _percent(tally)]
        fact_rows.append([*row, wrong or "-"])
    lines = [f"Per learner ({len(learners)})", ""]
    lines += _table(["learner", "asked", "right", "accuracy", "weakest facts"], learner_rows, {1, 2, 3})
    lines += ["", f"Per fact, hardest first ({len(fact_rows)})", ""]
    header = ["fact", "learners", "asked", "right", "accuracy", "commonest wrong answers"]
    lines += _table(header, fact_rows, {1, 2, 3, 4})
    return "\n".join(lines)


REPORT_COLUMNS = ("learner", "deck", "fact", "asked", "right", "accuracy", "wrong_answers")
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
        row = [learner, deck_id, fact_id, tally.asked, tally.right, f"{tally.accuracy:.2f}", wrong]
        writer.writerow([csv_cell(safe_text(c)) if isinstance(c, str) else c for c in row])
    return out.getvalue()

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
    """One answer a learner gave to one question, from a progress store's log or an exam result file."""

    learner: str
    deck_id: str
    fact_id: str
    question_id: str
    correct: bool
    answer: str = ""


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
    wrong = Counter(" ".join(a.answer.split()) for a in attempts if not a.correct and a.answer.strip())
    common = tuple(sorted(wrong.items(), key=lambda item: (-item[1], item[0]))[:top])
    learners = len({a.learner for a in attempts})
    return Tally(len(attempts), sum(a.correct for a in attempts), common, learners)


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


def name_choices(attempts: Iterable[Attempt], decks: Iterable[Deck]) -> list[Attempt]:
    """The attempts, with a multiple-choice answer given by number or letter ("2", "b") replaced by the text of the
    options it picked, for the questions of the ``decks`` given (the options are as the deck now generates them)."""
    by_id = {deck.id: deck for deck in decks}
    out = []
    for attempt in attempts:
        deck = by_id.get(attempt.deck_id)
        if deck is not None and attempt.answer.strip():
            try:
                question = deck.question(attempt.question_id)
            except UnknownQuestionError:
                question = None
            if question is not None and question.choices:
                verdict = question.check(attempt.answer)
                picked = (*verdict.named, *verdict.wrong)
                if picked:
                    attempt = attrs.evolve(attempt, answer=", ".join(picked))
        out.append(attempt)
    return out


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


def render_report(attempts: list[Attempt]) -> str:
    """The terminal report: a table per learner (with each one's weakest facts), then a table per fact, hardest
    first, with the wrong answers the class gives most often."""
    learners = by_learner(attempts)
    cells = by_learner_and_fact(attempts)
    learner_rows = []
    for name, tally in learners.items():
        mine = [(key, t) for key, t in cells.items() if key[0] == name and t.right < t.asked]
        mine.sort(key=lambda item: (item[1].accuracy, -item[1].asked, item[0]))
        weakest = ", ".join(f"{fact} ({t.right}/{t.asked})" for (_, _, fact), t in mine[:3])
        learner_rows.append([name, str(tally.asked), str(tally.right), _percent(tally), weakest or "-"])
    fact_rows = []
    for (deck_id, fact_id), tally in by_fact(attempts).items():
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for (learner, deck_id, fact_id), tally in by_learner_and_fact(attempts).items():
        wrong = " | ".join(f"{text} ({n})" for text, n in tally.wrong_answers)
        row = [learner, deck_id, fact_id, tally.asked, tally.right, f"{tally.accuracy:.2f}", wrong]
        writer.writerow([csv_cell(safe_text(c)) if isinstance(c, str) else c for c in row])
    return out.getvalue()

"""What the teachers' commands show, as pure functions from decks and problems to text.

The command-line shell (:mod:`kzquiz.cli.teach`) reads the files and prints; everything here takes values and
returns strings or plain data, so it is tested without a terminal: problems as lines or JSON for ``validate``, a
deck as a proof-reading listing or a Markdown answer key for ``preview``, and a new deck's text for ``new``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from kzquiz.grading import (
    ChoiceExpectation,
    ListExpectation,
    NumberExpectation,
    OrderExpectation,
    TextExpectation,
    TruthExpectation,
)
from kzquiz.model import Answer, Deck
from kzquiz.problems import Problem, Severity
from kzquiz.questions import Question
from kzquiz.text import counted, safe_data, safe_text

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
        case ChoiceExpectation(choices=choices, correct=correct, feedback=feedback):
            said = dict(feedback)
            return [
                f"{'*' if i in correct else ' '} {chr(ord('a') + i)}) {c}"
                + (" — if picked: " + " / ".join(said[i].splitlines()) if i in said else "")
                for i, c in enumerate(choices)
            ]
        case OrderExpectation():
            return [f"answer: {question.expected}"]
        case TruthExpectation(value=value, correction=correction):
            return [f"answer: {'true' if value else 'false'}"] + ([f"correction: {correction}"] if correction else [])
    return []  # pragma: no cover - every expectation is matched above


def preview_text(deck: Deck) -> str:
    """Every question of every fact, with what it accepts, grouped by fact: for proof-reading a deck."""
    lines = [
        f"{deck.title} ({deck.id}): {counted(len(deck.facts), 'fact')}, {counted(len(deck.questions), 'question')}",
        "",
    ]
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
    """Text safe inside Markdown: escape sequences left out first (escaping their ``[`` would leave ``[2J`` behind),
    then characters that would start formatting are escaped, lines kept together."""
    out = safe_text(text).replace("\\", "\\\\")
    for char in "*_`[]<>#|":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "  \n")


def preview_markdown(deck: Deck) -> str:
    """A printable answer key in Markdown: each fact a section, each question with its accepted answers."""
    lines = [
        f"# {_md(deck.title)}",
        "",
        f"Answer key of the deck `{deck.id}`: {counted(len(deck.facts), 'fact')}, "
        f"{counted(len(deck.questions), 'question')}.",
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

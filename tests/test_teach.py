"""The pure functions behind the teachers' commands: problem listings, previews, the new-deck scaffold."""

from __future__ import annotations

import json
from pathlib import Path

import kzquiz
from kzquiz.model import FactKind
from kzquiz.problems import Problem, Severity
from kzquiz.teach import preview_markdown, preview_text, problems_json, scaffold, summary

ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"


def test_the_scaffold_validates_as_written_without_warnings_and_shows_every_kind() -> None:
    text = scaffold("decks/biology.toml", "biology", 'Biology "101"')
    assert kzquiz.check_deck(text, "biology.toml") == []
    deck = kzquiz.loads_deck(text)
    assert (deck.id, deck.title) == ("biology", 'Biology "101"')
    assert {fact.kind for fact in deck.facts} == set(FactKind)
    assert "kzquiz validate decks/biology.toml" in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= len(FactKind)


def test_preview_lists_every_question_with_every_accepted_answer_grouped_by_fact() -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    text = preview_text(deck)
    assert text.startswith("Every fact kind (example): 9 facts, 24 questions\n")
    for fact in deck.facts:
        assert f"\n{fact.id} ({fact.kind.value})" in text
    for question in deck.questions:
        assert question.prompt in text
    chief = text[text.index("nsc-chief (answer)") : text.index("president (answer)")]
    assert "answer: Karim Masimov (also: Karim Qajymqanuly Masimov)" in chief
    assert "quote: fired a few key figures of power, including Karim Masimov" in chief
    alliance = text[text.index("alliance (choice)") :]
    marked = [line.strip() for line in alliance.splitlines() if line.strip().startswith("*")]
    assert marked == ["* " + next(line.strip()[2:] for line in alliance.splitlines() if "the CSTO" in line)]
    assert "answer: 3000 to 6000" in text
    assert "answer: true" in text


def test_markdown_preview_is_an_answer_key_with_numbered_questions() -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    text = preview_markdown(deck)
    assert text.startswith("# Every fact kind\n")
    assert text.count("\n## ") == len(deck.facts)
    assert f"\n{len(deck.questions)}. **" in text
    assert "- ✔ **" in text
    assert "Karim Masimov \\(also" not in text
    assert "answer: Karim Masimov (also: Karim Qajymqanuly Masimov)" in text


def test_markdown_preview_escapes_deck_text() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "x"\ntitle = "X"\n[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Is *this* <b>?"\n'
        'answer = "_yes_"\n'
    )
    text = preview_markdown(deck)
    assert "**Is \\*this\\* \\<b\\>?**" in text
    assert "answer: \\_yes\\_" in text


ERROR = Problem("a.toml", 3, 1, "f1.answer", "must not be empty")
WARNING = Problem("a.toml", 5, 1, "f2", "no quote from the source", "add quote", Severity.WARNING)


def test_summary_counts_errors_and_warnings() -> None:
    assert summary([ERROR, WARNING, WARNING], 2) == "1 error and 2 warnings in 2 files"
    assert summary([WARNING], 1) == "1 warning in 1 file"
    assert summary([], 3) == "3 files checked: no problems"


def test_json_lists_every_problem_with_its_position_and_severity() -> None:
    document = json.loads(problems_json([ERROR, WARNING], 1))
    assert document["errors"] == 1
    assert document["warnings"] == 1
    assert document["problems"][1] == {
        "path": "a.toml",
        "line": 5,
        "column": 1,
        "field": "f2",
        "message": "no quote from the source",
        "hint": "add quote",
        "severity": "warning",
    }

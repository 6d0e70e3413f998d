"""One vocabulary: kind of fact, question form and answer type, each meaning one thing (docs/glossary.md).

The docs and every ``--help`` text are searched for the words that were retired when the vocabulary was settled,
and the exam's list option is checked not to swallow the deck's name.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from clitools import kzquiz_cli
from kzquiz.cli import build_parser
from kzquiz.questions import AnswerType

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

RETIRED = {
    r"\bQuestionKind\b": "AnswerType",
    r"\bquestion kinds?\b": "answer type",
    r"\bkinds? of questions?\b": "question form or answer type",
    r"\bby_form\b": "by_answer_type",
    r"\bBy form\b": "By answer type",
    r"--kinds\b": "--types",
    r"\bkind (?:number|choice|select|true-false|typed)\b": "answer type",
}
"""Each retired word, as a pattern, and the word that replaced it."""

ALIAS = "older name"
"""A line that documents a retired option as an alias says so with these words."""


def retired_words(text: str) -> list[str]:
    """The retired words in ``text``, each with the line it is on and its replacement."""
    found = []
    for line in text.splitlines():
        for pattern, replacement in RETIRED.items():
            if re.search(pattern, line, re.IGNORECASE) and ALIAS not in line:
                found.append(f"{pattern} (use {replacement!r}) in: {line.strip()}")
    return found


def help_texts() -> dict[str, str]:
    parser = build_parser()
    texts = {"kzquiz": parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                texts[f"kzquiz {name}"] = subparser.format_help()
    return texts


def test_the_retired_words_are_caught() -> None:
    assert retired_words("exam --kinds typed")
    assert retired_words("the question kinds")
    assert not retired_words("answer types")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_docs_use_the_vocabulary(path: Path) -> None:
    assert retired_words(path.read_text(encoding="utf-8")) == []


def test_help_uses_the_vocabulary() -> None:
    texts = help_texts()
    assert {"kzquiz exam", "kzquiz study", "kzquiz validate"} <= texts.keys()
    assert "--types" in texts["kzquiz exam"]
    assert {name: retired_words(text) for name, text in texts.items() if retired_words(text)} == {}


def test_the_glossary_lists_every_answer_type_and_the_help_too() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    exam_help = " ".join(help_texts()["kzquiz exam"].split())
    for answer_type in AnswerType:
        assert f"`{answer_type.value}`" in glossary
        assert answer_type.value in exam_help


@pytest.mark.parametrize(
    "args",
    [
        ["exam", "--types", "true-false", "kazakhstan-2022"],
        ["exam", "kazakhstan-2022", "--types", "true-false,choice"],
        ["exam", "--types", "true-false", "--types", "choice", "kazakhstan-2022"],
        ["exam", "--kinds", "true-false,choice", "kazakhstan-2022"],
    ],
)
def test_the_types_option_leaves_the_deck_alone(tmp_path: Path, args: list[str]) -> None:
    run = kzquiz_cli(tmp_path, *args, "--json", "--count", "20", stdin="\n" * 20)
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    asked = {e["answer_type"] for e in events if e["event"] == "question"}
    wanted = {"true-false", "choice"} if "choice" in " ".join(args) else {"true-false"}
    assert asked == wanted
    summary = events[-1]
    assert summary["event"] == "summary"
    assert set(summary["by_answer_type"]) <= wanted

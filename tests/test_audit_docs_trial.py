"""``kzquiz audit`` on cases a teacher reading only docs/teachers.md writes: each test is a case the docs promise,
run on real files, through a real ``kzquiz`` process where the docs describe the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.auditing import AuditRule

CAPITAL_SOURCE = (
    "The capital was called Akmolinsk, then Tselinograd, then Akmola, then Astana, and since 2019 Nur-Sultan.\n"
)
BEFORE = "What was the capital called just before it was named {item}?"


def capital_deck(note: str, before: str = BEFORE) -> str:
    return f"""[deck]
id = "tm"
title = "Capital"
as_of = 2022-01-15
[deck.source]
file = "source.txt"

[[facts]]
id = "names"
kind = "sequence"
subject = "the names of Kazakhstan's capital, oldest first"
items = ["Akmolinsk", {{ text = "Tselinograd", context = "in the Soviet era" }}, "Akmola", "Astana", "Nur-Sultan"]
forms = ["before", "context"]
prompts.before = "{before}"
prompts.context = "What was the capital called {{context}}?"
note = "{note}"
quote = "{CAPITAL_SOURCE.strip()}"
"""


def changed_questions(note: str, before: str = BEFORE) -> set[str]:
    deck = kzquiz.loads_deck(capital_deck(note, before), "tm.toml")
    report = kzquiz.audit(deck, CAPITAL_SOURCE)
    return {q for f in report.findings if f.rule is AuditRule.CHANGED for q in f.questions}


# -- the note says the world changed: a word that starts the note's sentence is no name ---------------------------


@pytest.mark.parametrize(
    "note",
    [
        "In September 2022 the capital was renamed back from Nur-Sultan to Astana.",  # the docs' own note
        "The capital was renamed from Nur-Sultan to Astana in September 2022.",
        "In 2023 the capital was renamed from Nur-Sultan to Astana.",
        "On 17 September 2022 the capital was renamed back from Nur-Sultan to Astana.",
        "In 2023 it got its old name back. Then Astana replaced Nur-Sultan.",
    ],
)
def test_only_the_question_that_names_the_new_name_refuses_todays_answer(note: str) -> None:
    # "What was the capital called in the Soviet era?" and "… just before it was named Akmola?" are not about the
    # renaming, though their prompts say "the" and "in" and the note starts a sentence with "The" or "In".
    assert changed_questions(note) == {"tm/names/before/astana"}


def test_a_question_framed_by_its_time_satisfies_the_changed_rule() -> None:
    # and the context question, which says "in" and "the", still says nothing about the renaming
    framed = "According to the article (January 2022), what was the capital called just before it was named {item}?"
    note = "The capital was renamed from Nur-Sultan to Astana in September 2022."
    assert changed_questions(note, framed) == set()


def test_a_note_that_names_only_the_new_name_is_no_changed_error() -> None:
    assert changed_questions("In September 2022 the capital was renamed back to Astana.") == set()


def test_the_command_fails_only_on_the_question_the_renaming_makes_wrong(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(CAPITAL_SOURCE, encoding="utf-8")
    note = "The capital was renamed from Nur-Sultan to Astana in 2023."
    (tmp_path / "deck.toml").write_text(capital_deck(note), encoding="utf-8")
    done = kzquiz_cli(None, "audit", "deck.toml", "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    changed = [p for p in report["problems"] if p["rule"] == "changed"]
    assert [p["questions"] for p in changed] == [["tm/names/before/astana"]]
    assert changed[0]["severity"] == "error"
    assert "would mark “Nur-Sultan” wrong" in changed[0]["message"]

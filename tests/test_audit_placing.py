"""The default audit list places only what it prints, and lists exactly what placing every finding would list."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

import kzquiz
from kzquiz import tomlpos
from kzquiz.auditing import located
from kzquiz.auditplacing import FactPlacer
from kzquiz.cli import main
from kzquiz.cli.audit import _default_lines, _place
from kzquiz.cli.listing import problem_lines

SOURCE = " ".join(f"Person{n} met the council in the city number {n}." for n in range(40))


def _fact(rng: random.Random, i: int) -> str:
    """A fact whose findings vary: a broken quote (an error), a leak, a time-bound question, a weak option."""
    n = rng.randrange(40)
    quote = f"Person{n} met the council in the city number {n}."
    if rng.random() < 0.2:
        quote = quote.replace("the", "teh", 1)
    head = f'\n[[facts]]\nid = "f{i}"\nquote = "{quote}"\n'
    match rng.randrange(4):
        case 0:
            question = f"Who met the council, {rng.randrange(40)}?"
            return head + f'kind = "answer"\nquestion = "{question}"\nanswer = "Person{n}"\n'
        case 1:
            items = ", ".join(f'{{ text = "Item{i}x{j}", quote = "{quote}" }}' for j in range(3))
            return head + f'kind = "sequence"\nsubject = "the items of list {i}, oldest first"\nitems = [{items}]\n'
        case 2:
            return head + (
                f'kind = "choice"\nquestion = "Which person met the council?"\nanswer = "Person{n}"\n'
                f'wrong = ["Person{n}a", "Person{n}b"]\n'
            )
        case _:
            return head + f'kind = "statement"\nstatement = "Person{n} met the council."\nanswer = true\n'


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("facts", [3, 12, 60])
@pytest.mark.parametrize("as_of", ["", "as_of = 2022-01-15\n"])
def test_the_default_list_is_the_list_of_every_finding_placed(seed: int, facts: int, as_of: str) -> None:
    rng = random.Random(seed)
    text = f'[deck]\nid = "d"\ntitle = "D"\n{as_of}' + "".join(_fact(rng, i) for i in range(facts))
    deck = kzquiz.loads_deck(text, "d.toml")
    report = kzquiz.audit(deck, SOURCE, today=dt.date(2026, 12, 1))
    every = sorted(located(report, deck, text, "d.toml"), key=_place)
    assert _default_lines(report, deck, text, "d.toml") == problem_lines(every)


def test_facts_that_only_add_to_a_summary_are_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(1)
    text = '[deck]\nid = "d"\ntitle = "D"\nas_of = 2022-01-15\n' + "".join(_fact(rng, i) for i in range(60))
    deck = kzquiz.loads_deck(text, "d.toml")
    report = kzquiz.audit(deck, SOURCE, today=dt.date(2026, 12, 1))
    every = problem_lines(sorted(located(report, deck, text, "d.toml"), key=_place))
    scanned: list[str] = []
    positions = tomlpos.positions
    monkeypatch.setattr(tomlpos, "positions", lambda table: scanned.append(table) or positions(table))
    assert _default_lines(report, deck, text, "d.toml") == every
    assert 0 < len(scanned) < len(deck.facts) / 2  # one [[facts]] table each, for the facts whose place shows


def test_facts_it_cannot_tell_apart_are_placed_by_the_whole_file() -> None:
    # A [[facts]] line inside a multi-line string is not a fact: the facts cannot be found line by line.
    text = '[deck]\nid = "d"\ntitle = "D"\nas_of = 2022-01-15\n' + "".join(
        f'\n[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "Who met the council?"\nanswer = "Person{i}"\n'
        f'note = """\n[[facts]]\n"""\n'
        for i in range(5)
    )
    deck = kzquiz.loads_deck(text, "d.toml")
    assert FactPlacer.of(text, len(deck.facts)) is None
    report = kzquiz.audit(deck, SOURCE, today=dt.date(2026, 12, 1))
    every = sorted(located(report, deck, text, "d.toml"), key=_place)
    assert _default_lines(report, deck, text, "d.toml") == problem_lines(every)


def test_a_fact_is_placed_as_the_whole_file_places_it() -> None:
    rng = random.Random(7)
    facts = "".join(_fact(rng, i) for i in range(30))
    text = '[deck]\nid = "d"\ntitle = "D"\n' + facts + "\n[deck.source]\nskip = []\n"
    deck = kzquiz.loads_deck(text, "d.toml")
    report = kzquiz.audit(deck, SOURCE, today=dt.date(2026, 12, 1))
    placer = FactPlacer.of(text, len(deck.facts))
    assert placer is not None
    index = {fact.id: i for i, fact in enumerate(deck.facts)}
    one_by_one = [placer.problem(f, index[f.fact], "d.toml", f.field, place=True) for f in report.findings]
    assert one_by_one == located(report, deck, text, "d.toml")


@pytest.mark.parametrize("options", [[], ["--verbose"], ["--json"]])
@pytest.mark.parametrize("skip", ["", '\n[deck.source]\nskip = ["Not in the source."]\n'])
def test_the_command_lists_every_finding_as_the_whole_file_places_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], options: list[str], skip: str
) -> None:
    # A deck-level finding (a skipped passage not in the source) is placed by the whole file, the others by fact.
    rng = random.Random(3)
    text = '[deck]\nid = "d"\ntitle = "D"\nas_of = 2022-01-15\n' + "".join(_fact(rng, i) for i in range(60)) + skip
    monkeypatch.chdir(tmp_path)
    Path("d.toml").write_text(text, encoding="utf-8")
    Path("source.txt").write_text(SOURCE, encoding="utf-8")
    deck = kzquiz.loads_deck(text, "d.toml")
    report = kzquiz.audit(deck, SOURCE)  # the deck's as_of makes every fact time-bound, whatever the day
    every = located(report, deck, text, "d.toml")
    assert main(["audit", "d.toml", "--source", "source.txt", *options]) == 1
    out = capsys.readouterr().out
    if options == ["--json"]:
        problems = json.loads(out)["problems"]
        assert [(p["line"], p["column"], p["field"], p["message"], p["rule"]) for p in problems] == [
            (p.line, p.column, p.field, p.message, f.rule.value) for f, p in zip(report.findings, every, strict=True)
        ]
    else:
        lines = [line for line, _ in problem_lines(sorted(every, key=_place), verbose=bool(options))]
        printed = out.splitlines()
        assert printed[: len(lines)] == lines
        assert printed[len(lines)].startswith("coverage: ")

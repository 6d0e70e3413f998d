"""The default audit list places only what it prints, and lists exactly what placing every finding would list."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import kzquiz
from kzquiz.auditing import located
from kzquiz.auditplacing import FactPlacer
from kzquiz.cli.audit import _listed, _place
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
    listed = _listed(report, deck, text, "d.toml")
    assert problem_lines(listed) == problem_lines(every)
    if facts == 60 and as_of:  # many repeated warnings: the facts that only add to a summary are not scanned
        assert any(p.line is None for p in listed)


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
    listed = _listed(report, deck, text, "d.toml")
    assert listed == sorted(located(report, deck, text, "d.toml"), key=_place)
    assert all(p.line is not None for p in listed)


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

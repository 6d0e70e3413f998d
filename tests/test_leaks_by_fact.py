"""``leaks_by_fact`` gives exactly what its first, plainer version gave: the same facts, first pairs and givers in
the same order, on decks where facts share answers, aliases and quotes."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

import pytest

import kzquiz
from kzquiz.leaks import FactLeaks, Leak, _lengths, _phrases_in, _shown_texts, answer_phrases, leaks_by_fact, words
from kzquiz.questions import Question


def plain_leaks_by_fact(questions: Sequence[Question]) -> list[FactLeaks]:
    """``leaks_by_fact`` as first written: every giver of every fact ranked by sorting, every word of every text
    looked up."""
    answers = [answer_phrases(q) for q in questions]
    accepting: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n, found in enumerate(answers):
        for phrase in found:
            accepting[phrase].append(n)
    lengths = _lengths(accepting)
    numbers: dict[tuple[str, str], int] = {}
    fact_of = [numbers.setdefault((q.deck_id, q.fact_id), len(numbers)) for q in questions]
    shown: dict[tuple[str, ...], dict[int, tuple[int, int, str]]] = defaultdict(dict)
    order = 0
    current, done = -1, set[str]()
    for n, source in enumerate(questions):
        fact = fact_of[n]
        if fact != current:
            current, done = fact, set()
        for part, text in _shown_texts(source):
            if text in done:
                continue
            done.add(text)
            for phrase in [p for p in _phrases_in(words(text), lengths) if p in accepting]:
                showing = shown[phrase]
                if fact not in showing:
                    order += 1
                    showing[fact] = (order, n, part)
    targets: dict[int, dict[tuple[str, ...], None]] = defaultdict(dict)
    for phrase in shown:
        for n in accepting[phrase]:
            targets[fact_of[n]][phrase] = None
    found_leaks: list[FactLeaks] = []
    for fact, fact_phrases in targets.items():
        givers: dict[int, tuple[int, int, str, tuple[str, ...]]] = {}
        for phrase in fact_phrases:
            for giver, (first, n, part) in shown[phrase].items():
                if giver != fact and (giver not in givers or first < givers[giver][0]):
                    givers[giver] = (first, n, part, phrase)
        if not givers:
            continue
        ranked = sorted(givers.values())
        _, n, part, phrase = ranked[0]
        target = next(t for t in accepting[phrase] if fact_of[t] == fact)
        leak = Leak(questions[n].id, questions[target].id, answers[target][phrase], part)
        found_leaks.append(FactLeaks(questions[target].fact_id, leak, tuple(questions[g[1]].fact_id for g in ranked)))
    return found_leaks


NAMES = ["Astana", "Almaty", "Nur-Sultan", "Tokayev", "Nazarbayev", "Masimov", "Aktau", "Zhanaozen"]


def tangled_deck(seed: int) -> kzquiz.Deck:
    """Facts whose answers (and their aliases) stand in each other's prompts, options and quotes, some shared."""
    rng = random.Random(seed)
    parts = ['[deck]\nid = "t"\ntitle = "T"\n']
    for i in range(60):
        name, other, third = rng.sample(NAMES, 3)
        quote = f"In {2000 + i % 5} {other} met {name} and {third}."
        match i % 4:
            case 0:
                body = f'kind = "answer"\nquestion = "Who met {other}?"\nanswer = "{name}"\naliases = ["{third}"]\n'
            case 1:
                items = ", ".join(f'{{ text = "{n}", quote = "{n} was there." }}' for n in rng.sample(NAMES, 3))
                body = f'kind = "sequence"\nsubject = "the places of list {i}"\nitems = [{items}]\n'
            case 2:
                body = f'kind = "choice"\nquestion = "Where did {other} go?"\nanswer = "{name}"\nwrong = ["{third}"]\n'
            case _:
                body = f'kind = "statement"\nstatement = "{other} met {name}."\nanswer = true\n'
        parts.append(f'\n[[facts]]\nid = "f{i}"\nquote = "{quote}"\n{body}')
    return kzquiz.loads_deck("".join(parts), "t.toml")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_leaks_by_fact_is_what_the_plain_version_gave(seed: int) -> None:
    questions = tangled_deck(seed).questions
    found = leaks_by_fact(questions)
    assert any(len(f.givers) > 1 for f in found), "the deck must have facts given away several times"
    assert found == plain_leaks_by_fact(questions)


def test_the_bundled_deck_leaks_as_the_plain_version_says() -> None:
    questions = kzquiz.bundled_deck("kazakhstan-2022").questions
    assert leaks_by_fact(questions) == plain_leaks_by_fact(questions)

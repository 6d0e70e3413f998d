"""What every importer shares: checking each candidate fact with the deck loader, so an import always validates."""

from __future__ import annotations

import attrs

from kzquiz.convert import ImportResult, Skipped
from kzquiz.convert.tomlwriter import deck_header, fact_to_toml
from kzquiz.deckfile import loads_deck
from kzquiz.errors import DeckError
from kzquiz.grading import ChoiceExpectation, ListExpectation, NumberExpectation, TextExpectation
from kzquiz.model import AnyFact, Deck, PartialAnswer
from kzquiz.questions import Question


@attrs.frozen
class Candidate:
    """A fact an importer made, with the source line and a short description for when it must be skipped."""

    line: int
    what: str
    fact: AnyFact


def load_fact(fact: AnyFact) -> AnyFact | list[str]:
    """``fact`` as the deck loader reads it back once written (cloze blanks worked out, for one), or the
    loader's problems with it."""
    text = deck_header(Deck("check", "check", ())) + "\n" + fact_to_toml(fact)
    try:
        return loads_deck(text).facts[0]
    except DeckError as error:
        return [f"{p.field + ': ' if p.field else ''}{p.message}" for p in error.problems]


def finish(
    deck_id: str,
    title: str,
    candidates: list[Candidate],
    skipped: list[Skipped],
    notes: list[tuple[int, str]],
) -> ImportResult:
    """The import's deck: every candidate that loads; the others become :class:`Skipped` with the loader's reason."""
    skipped = list(skipped)
    whole = deck_header(Deck(deck_id or "check", title or "check", ())) + "".join(
        "\n" + fact_to_toml(c.fact) for c in candidates
    )
    try:  # the usual case, a clean import, is checked in one pass; only a failing one is checked fact by fact
        loaded_all = loads_deck(whole).facts if candidates else ()
    except DeckError:
        loaded_all = None
    if loaded_all is not None:
        facts = [attrs.evolve(f, line=c.line) for f, c in zip(loaded_all, candidates, strict=True)]
        skipped.sort(key=lambda s: s.line)
        return ImportResult(Deck(id=deck_id, title=title, facts=tuple(facts)), tuple(skipped), tuple(sorted(notes)))
    facts = []
    for candidate in candidates:
        loaded = load_fact(candidate.fact)
        if isinstance(loaded, list):
            skipped.append(Skipped(candidate.line, candidate.what, "; ".join(loaded)))
        else:
            facts.append(attrs.evolve(loaded, line=candidate.line))
    skipped.sort(key=lambda s: s.line)
    deck = Deck(id=deck_id, title=title, facts=tuple(facts))
    return ImportResult(deck, tuple(skipped), tuple(sorted(notes)))


def snippet(text: str, limit: int = 50) -> str:
    """``text`` on one line, cut to ``limit`` characters, in quotes: how a skipped question is named."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


def credit_of(percentage: float) -> float:
    """A percentage (Moodle's ``%33.33333%``, a sheet's ``(50%)``) as a credit, rounded to 10 decimal places so
    that the deck says 0.3333333 rather than the division's 0.33333329999999994."""
    return round(percentage / 100, 10)


def percent(credit: float) -> str:
    """A credit or weight as a percentage, as grading words it: 0.5 → ``50%``, 1/3 → ``33.33%``, -0.5 → ``-50%``."""
    return f"{credit * 100:.4g}%"


def partial_answers(question: Question) -> tuple[PartialAnswer, ...]:
    """The answers (or options) of ``question`` worth part of the marks, for a typed or one-answer question; ()
    for the others (a weighted tick-all question's weights are in :func:`option_weights`)."""
    expectation = question.expectation
    if isinstance(expectation, TextExpectation):
        return expectation.partial
    if isinstance(expectation, ChoiceExpectation) and not expectation.weights:
        return tuple(p for _, p in expectation.partial)
    return ()


def option_weights(question: Question) -> list[tuple[str, float]]:
    """Each option of a weighted tick-all question with its weight (Moodle's multiple-answer question), in the
    order shown; [] for any other question."""
    expectation = question.expectation
    if isinstance(expectation, ChoiceExpectation) and expectation.weights:
        return list(zip(expectation.choices, expectation.weights, strict=True))
    return []


def partial_lines(question: Question) -> list[str]:
    """What earns part of the marks in ``question``, one readable line each: ``partly right (50%): Galilee (You
    need to be more specific.)``, a cloze blank's number when it has several, a number's wider range, or a
    weighted tick-all question's weights (``weights: Grant 50%, No one -50%``)."""
    weights = option_weights(question)
    if weights:
        return ["weights: " + ", ".join(f"{option} {percent(weight)}" for option, weight in weights)]
    expectation = question.expectation
    found: list[tuple[str, PartialAnswer]] = [("", p) for p in partial_answers(question)]
    if isinstance(expectation, ListExpectation):
        several = len(expectation.items) > 1
        found = [(f"blank {index + 1} " if several else "", p) for index, p in expectation.partial]
    if isinstance(expectation, NumberExpectation):  # the feedback is the grader's own "close, between ..."
        return [f"partly right ({percent(p.credit)}): {p.text}" for _, _, p in expectation.partial]
    return [
        f"{where}partly right ({percent(p.credit)}): {p.text}"
        + (f" ({p.feedback.strip()})" if p.feedback.strip() else "")
        for where, p in found
    ]

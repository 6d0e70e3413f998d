"""What every importer shares: checking each candidate fact with the deck loader, so an import always validates."""

from __future__ import annotations

import attrs

from kzquiz.convert import ImportResult, Skipped
from kzquiz.convert.tomlwriter import deck_header, fact_to_toml
from kzquiz.deckfile import loads_deck
from kzquiz.errors import DeckError
from kzquiz.model import AnyFact, Deck


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

"""Helpers the partial-credit tests share: a deck from the text of its facts, and the problems a deck has."""

from __future__ import annotations

import pytest

import kzquiz

HEADER = '[deck]\nid = "t"\ntitle = "Test"\n\n'


def deck(text: str) -> kzquiz.Deck:
    """The deck ``t`` whose facts are ``text``, read as the file ``t.toml``."""
    return kzquiz.loads_deck(HEADER + text, "t.toml")


def problems(text: str) -> list[str]:
    """What the loader says is wrong with the deck whose facts are ``text`` (it must refuse it)."""
    with pytest.raises(kzquiz.DeckError) as caught:
        deck(text)
    return [str(p) for p in caught.value.problems]

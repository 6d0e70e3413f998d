"""The package imports and its bundled example deck loads."""

from pathlib import Path

import kzquiz

DATA = Path(__file__).parent / "data"


def test_example_deck_generates_every_kind_of_question() -> None:
    deck = kzquiz.load_deck(DATA / "all-kinds.toml")
    kinds = {q.answer_type for q in deck.questions}
    assert kinds == set(kzquiz.AnswerType)

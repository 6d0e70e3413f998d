"""``kzquiz audit`` as a new user reading only the docs found it: each rule behaves as docs/teachers.md states."""

from __future__ import annotations

import kzquiz


def deck_of(body: str, head: str = "") -> kzquiz.Deck:
    return kzquiz.loads_deck(f'[deck]\nid = "t"\ntitle = "T"\n{head}\n{body}', "t.toml")


def statement(n: int, quote: str) -> str:
    return f'[[facts]]\nid = "f{n}"\nkind = "statement"\nstatement = "Fact {n}."\nanswer = true\nquote = "{quote}"\n'


# -- a skip passage marks every place it stands ------------------------------------------------------------------

ADS = "The hall burned down.\n\nAdvertisement\n\nIt was rebuilt.\n\nAdvertisement\n\nThe mayor paid.\n"


def test_a_skip_passage_marks_every_sentence_it_stands_in() -> None:
    deck = deck_of(statement(0, "The hall burned down."), '[deck.source]\nskip = ["Advertisement"]')
    coverage = kzquiz.audit(deck, ADS).coverage
    assert (coverage.sentences, coverage.quoted, coverage.skipped) == (5, 1, 2)
    assert [p.text for p in coverage.uncovered] == ["It was rebuilt.", "The mayor paid."]


def test_a_skip_passage_with_an_ellipsis_marks_each_of_its_places() -> None:
    source = "Photo: Anna Berg, Gazette. The hall burned.\n\nNews.\n\nPhoto: Bo Holm, Gazette. It was rebuilt.\n"
    deck = deck_of(statement(0, "News."), '[deck.source]\nskip = ["Photo … Gazette."]')
    coverage = kzquiz.audit(deck, source).coverage
    assert [p.text for p in coverage.uncovered] == ["The hall burned.", "It was rebuilt."]
    assert coverage.skipped == 2


def test_a_long_skip_passage_repeated_is_marked_everywhere() -> None:
    footer = "Read more of our stories on the website."
    source = f"One thing happened. {footer}\n\nAnother thing. {footer}\n\n{footer}\n"
    deck = deck_of(statement(0, "One thing happened."), f'[deck.source]\nskip = ["{footer}"]')
    coverage = kzquiz.audit(deck, source).coverage
    assert (coverage.skipped, [p.text for p in coverage.uncovered]) == (3, ["Another thing."])

"""The bundled Kazakhstan 2022 deck: big enough, true to its source, and shipped inside the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kzquiz
from kzquiz import AnswerType, FactKind

ARTICLE = Path(__file__).parent / "data" / "source" / "eurozine-2022-01-15-kazakhstan.txt"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK])


def test_the_deck_ships_inside_the_installed_package() -> None:
    path = kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK]
    assert path.is_file()
    assert path.parent.parent.name == "kzquiz"
    assert kzquiz.resolve_deck("kazakhstan-2022") == path


def test_size_and_variety(deck: kzquiz.Deck) -> None:
    assert len(deck.facts) >= 30
    assert len(deck.questions) >= 80
    assert {fact.kind for fact in deck.facts} == set(FactKind)
    assert {q.answer_type for q in deck.questions} == set(AnswerType)


def test_every_fact_quotes_the_article_verbatim(deck: kzquiz.Deck) -> None:
    article = squash(ARTICLE.read_text(encoding="utf-8"))
    for fact in deck.facts:
        assert fact.quote, f"{fact.id} has no quote"
        assert squash(fact.quote) in article, f"{fact.id}: quote not found in the article"


def test_the_national_security_committee_question(deck: kzquiz.Deck) -> None:
    question = deck.question("kazakhstan-2022/nsc-chief/recall")
    assert "National Security Committee" in question.prompt
    assert question.check("Karim Masimov").correct
    assert not question.check("Nursultan Nazarbayev").correct


def test_the_last_three_names_of_the_capital(deck: kzquiz.Deck) -> None:
    question = deck.question("kazakhstan-2022/capital-names/last")
    assert "According to the article (January 2022)" in question.prompt
    assert question.check("Nur-Sultan, Astana, Akmola").correct
    assert not question.check("Astana, Akmola, Tselinograd").correct


def test_capital_facts_say_that_it_is_astana_again(deck: kzquiz.Deck) -> None:
    capital = deck.fact("capital-names")
    assert "Astana" in capital.note
    assert "2022" in capital.note


def test_facts_carry_the_date_of_the_article(deck: kzquiz.Deck) -> None:
    assert deck.as_of is not None
    assert deck.as_of.isoformat() == "2022-01-15"
    assert deck.source.publisher == "Eurozine"

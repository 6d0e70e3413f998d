"""The bundled Kazakhstan 2022 deck: big enough, true to its source, and shipped inside the package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kzquiz
from kzquiz import AnswerType, AuditRule, FactKind, Severity
from kzquiz.leaks import gives_away

ARTICLE = Path(__file__).parent / "data" / "source" / "eurozine-2022-01-15-kazakhstan.txt"
INHERENT_LEAKS = {
    # Facts whose answers other facts must name, or quote from the same sentence: the main people, the capital's
    # names and the years of its renaming, the CSTO and its member Kyrgyzstan.
    "nsc-chief",
    "former-president",
    "current-president",
    "capital-named-after",
    "csto-called-in",
    "musician-country",
    "capital-names",
    "year-nazarbayev-stepped-down",
    "year-astana-since",
}


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


def test_the_audit_against_the_article_is_clean(deck: kzquiz.Deck) -> None:
    report = kzquiz.audit(deck, ARTICLE.read_text(encoding="utf-8"), today=dt.date(2026, 12, 1))
    assert report.errors == 0, [f.message for f in report.findings if f.severity is Severity.ERROR]
    # Every fact and every item quotes the article word for word, backs its questions, and every question says
    # that it asks what the article says; what is left are leaks between facts that quote the same sentences,
    # which study and exam keep apart.
    assert {f.rule for f in report.findings} <= {AuditRule.LEAK}
    assert {f.fact for f in report.findings} <= INHERENT_LEAKS
    assert report.coverage.percent >= 90
    assert all(fact.quote for fact in deck.facts)


def test_the_audit_passes_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    from kzquiz.cli import main

    path = kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK]
    assert main(["audit", str(path), "--source", str(ARTICLE), "--min-coverage", "90"]) == 0
    out = capsys.readouterr().out
    assert "coverage: 100% of 69 sentences" in out


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


# -- the problems a careful reader found, each fixed --------------------------------------------------------------


def test_the_name_before_astana_is_asked_as_the_article_has_it(deck: kzquiz.Deck) -> None:
    question = deck.question("kazakhstan-2022/capital-names/before/astana")
    assert question.prompt.startswith("According to the article (January 2022), ")
    assert question.check("Akmola").correct
    assert "just before Astana is Nur-Sultan" in question.note


@pytest.mark.parametrize(
    "answer",
    [
        "Karim Masimov",
        "Karim Qajymqanuly Masimov",
        "Karim Kazhimkanovich Masimov",
        "Massimov",
        "Karim Massimov",
        "Masimov",
        "Кәрім Мәсімов",
        "Карим Масимов",
    ],
)
def test_masimov_in_every_real_spelling(deck: kzquiz.Deck, answer: str) -> None:
    verdict = deck.question("kazakhstan-2022/nsc-chief/recall").check(answer)
    assert verdict.correct
    assert verdict.match.is_clean, verdict.match


def test_no_invented_patronymic(deck: kzquiz.Deck) -> None:
    fact = deck.fact("nsc-chief")
    assert isinstance(fact, kzquiz.AnswerFact)
    assert not any("Qajymuratuly" in form for form in fact.answer.forms)


def test_the_csto_withdrawal_is_the_articles_wording(deck: kzquiz.Deck) -> None:
    days = deck.question("kazakhstan-2022/csto-withdrawal-days/entry")
    assert "the article's words" in days.prompt
    assert "begin in two days" in days.note
    assert "no more than ten" in days.note
    stays = deck.question("kazakhstan-2022/csto-stays/true-false")
    assert stays.prompt.startswith("True or false? According to the article")


def test_the_names_of_the_capital_are_not_the_capitals(deck: kzquiz.Deck) -> None:
    question = deck.question("kazakhstan-2022/capital-names-set/name")
    assert "the city that is now Kazakhstan's capital" in question.prompt
    assert question.check("Akmola, Astana, Tselinograd").correct


def test_weak_options_are_gone(deck: kzquiz.Deck) -> None:
    report = kzquiz.audit(deck, ARTICLE.read_text(encoding="utf-8"))
    weak = {AuditRule.NUMBER_WORDS, AuditRule.RULED_OUT, AuditRule.LONGEST, AuditRule.SAME_OPTION}
    assert not [f for f in report.findings if f.rule in weak]
    statue = deck.question("kazakhstan-2022/statue-city/choice")
    assert not any(option in statue.prompt for option in statue.choices)
    for fact_id in ("foreign-interference-rhetoric", "confession-claim"):
        question = deck.question(f"kazakhstan-2022/{fact_id}/choice")
        right = question.choices[min(question.expectation.correct)]  # type: ignore[union-attr]
        others = [len(c) for c in question.choices if c != right]
        assert len(right) < 1.25 * max(others), fact_id


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("former-president/recall", "nazarbayev-post-2019/recall"),
        ("protest-region-peaceful/true-false", "protests-started-west/choice"),
    ],
)
def test_the_reported_give_aways_are_reworded(deck: kzquiz.Deck, source: str, target: str) -> None:
    first = deck.question(f"kazakhstan-2022/{source}")
    second = deck.question(f"kazakhstan-2022/{target}")
    assert not gives_away(first, second)


def test_no_question_of_the_capital_shows_the_year_it_was_named_astana(deck: kzquiz.Deck) -> None:
    year = deck.question("kazakhstan-2022/year-astana-since/recall")
    for question in deck.questions_for("capital-names"):
        assert "1998" not in question.prompt
    assert "Astana" not in year.prompt


def test_each_name_of_the_capital_is_asked_with_its_own_sentence(deck: kzquiz.Deck) -> None:
    after_tselinograd = deck.question("kazakhstan-2022/capital-names/after/tselinograd")
    assert after_tselinograd.quote == "Before that, it was called Akmola"
    soviet = deck.question("kazakhstan-2022/capital-names/context/tselinograd")
    assert "Tselinograd" in soviet.quote
    names = deck.question("kazakhstan-2022/people-named/name")
    assert all(name in names.quote for name in ("Nazarbayev", "Tokayev", "Masimov", "Khrushchev"))


@pytest.mark.parametrize(
    "claim",
    [
        "Published 15 January 2022",
        "Anastassiya Schacht",
        "First published by Eurozine",
        "the internet was restored for a few hours",
        "most prominently, Russia",
        "In truly blitzkrieg speed",
        "reported missing by his friends and family",
        "these were not the first protests",
        "either be detained or they will have to prove their loyalty",
        "The clash of the two sovereigns",
    ],
)
def test_the_claims_that_were_missing_are_covered(deck: kzquiz.Deck, claim: str) -> None:
    assert any(claim in fact.quote for fact in deck.facts)

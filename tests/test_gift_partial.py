"""GIFT partial credit: Moodle's ``%N%`` weights come in as partial answers, grade as Moodle grades them, and go
back out. The questions are Moodle's own documentation examples (docs.moodle.org, GIFT format)."""

from __future__ import annotations

from kzquiz import AnswerFact, ChoiceFact, ClozeFact, Deck, PartialAnswer
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift

HOMETOWN = """\
What was Jesus' hometown? {
  =Nazareth
  ~%50%Galilee#You need to be more specific.
  ~Jerusalem#This is where Jesus died.
  ~Bethlehem#This is where Jesus was born.
}"""

GRANT = "Who's buried in Grant's tomb?{=Grant ~%50%Ulysses S. Grant's wife#She is there too. ~no one ~Napoleon}"

SHORT = "Which is the biggest ocean? {=Pacific =%50%Atlantic#Second biggest. =%25%Indian}"


def imported(text: str) -> Deck:
    result = read_gift(text, "moodle.gift", "moodle", "Moodle")
    assert not result.skipped
    return result.deck


def test_jesus_hometown_keeps_the_half_credit_and_grades_as_moodle() -> None:
    deck = imported(HOMETOWN)
    [fact] = deck.facts
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Nazareth",)
    assert fact.wrong == ("Jerusalem", "Bethlehem")
    assert fact.partial == (PartialAnswer("Galilee", 0.5, "You need to be more specific."),)
    assert "Galilee" not in fact.note
    [question] = deck.questions
    scores = {option: question.check(option).score for option in question.choices}
    assert scores == {"Nazareth": 1.0, "Galilee": 0.5, "Jerusalem": 0.0, "Bethlehem": 0.0}
    assert question.check("Galilee").feedback == (
        "Partly right (50%): You need to be more specific. The answer is Nazareth."
    )


def test_grants_tomb_keeps_the_half_credit() -> None:
    [question] = imported(GRANT).questions
    assert question.check("Grant").score == 1.0
    assert question.check("Ulysses S. Grant's wife").score == 0.5
    assert question.check("Napoleon").score == 0.0


def test_short_answer_weights_become_partial_answers_and_typos_keep_their_credit() -> None:
    deck = imported(SHORT)
    [fact] = deck.facts
    assert isinstance(fact, AnswerFact)
    assert fact.partial == (PartialAnswer("Atlantic", 0.5, "Second biggest."), PartialAnswer("Indian", 0.25))
    [question] = deck.questions
    assert [question.check(a).score for a in ("Pacific", "Atlantic", "Atlantik", "Indian", "Arctic")] == [
        1.0,
        0.5,
        0.5,
        0.25,
        0.0,
    ]


def test_export_then_import_keeps_every_weight() -> None:
    deck = imported("\n\n".join([HOMETOWN, GRANT, SHORT]))
    text, left_out = write_gift(deck)
    assert not left_out
    assert "~%50%Galilee#You need to be more specific." in text
    assert "=%25%Indian" in text
    again = imported(text)
    assert [f.partial for f in again.facts] == [f.partial for f in deck.facts]  # type: ignore[union-attr]
    assert [f.id for f in again.facts] == [f.id for f in deck.facts]


def test_a_missing_word_keeps_its_partial_options_as_the_blanks_partial_answers() -> None:
    result = read_gift("Grant is {~buried =entombed ~%50%lying} in Grant's tomb.", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ClozeFact)
    assert fact.partial == ((1, PartialAnswer("lying", 0.5)),)
    assert fact.distractors == ("buried",)
    assert result.notes == ()
    [question] = result.deck.questions
    assert [question.check(a).score for a in ("entombed", "lying", "buried")] == [1.0, 0.5, 0.0]


def test_weights_kzquiz_cannot_hold_are_still_noted() -> None:
    result = read_gift("Which? {=a =b ~%50%c ~d}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert "Moodle gave 50% credit for “c”." in fact.note
    assert result.notes == (
        (1, "partial-credit options became wrong options (kzquiz has none with several right options)"),
    )


def test_a_weight_with_decimals_is_written_as_its_credit_not_as_the_division_leaves_it() -> None:
    from kzquiz.convert.tomlwriter import deck_to_toml

    gift = "Baltic? {~%33.33333%Estonia ~%33.33333%Latvia ~%33.33334%Lithuania ~%-100%Poland}"
    result = read_gift(gift, "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert [p.credit for p in fact.partial] == [0.3333333, 0.3333333, 0.3333334, -1.0]
    toml = deck_to_toml(result.deck)
    assert "credit = 0.3333333 }" in toml
    assert "99999" not in toml
    text, _ = write_gift(result.deck)
    assert "~%33.33333%Estonia" in text
    assert "~%33.33334%Lithuania" in text

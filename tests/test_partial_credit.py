"""Partial credit: answers and options worth part of the marks, read from decks, validated and graded.

The examples are Moodle's own (Jesus' hometown, Grant's tomb), so that a Moodle bank's marking scheme means the
same thing here.
"""

from __future__ import annotations

import pytest

import kzquiz
from kzquiz import Answer, DeckError, Grading, PartialAnswer
from kzquiz.grading import ChoiceExpectation, Match, TextExpectation, grade
from kzquiz.scheduling import Rating, rating_for

HEADER = '[deck]\nid = "t"\ntitle = "Test"\n\n'

HOMETOWN = """\
[[facts]]
id = "hometown"
kind = "answer"
question = "Which town was Jesus' hometown?"
answer = "Nazareth"
partial = [{ text = "Galilee", credit = 0.5, feedback = "You need to be more specific." }]
distractors = ["Jerusalem", "Bethlehem"]
"""

GRANT = """\
[[facts]]
id = "grant"
kind = "choice"
question = "Who is buried in Grant's tomb?"
answer = "Grant"
partial = [{ text = "Ulysses S. Grant's wife", credit = 0.25 }]
wrong = ["Napoleon", "Churchill", "Mother Teresa"]
"""

GALILEE = PartialAnswer("Galilee", 0.5, "You need to be more specific.", ("Galilea",))
HOMETOWN_EXPECTS = TextExpectation((Answer("Nazareth"),), ("Jerusalem", "Bethlehem"), Grading(), (), (GALILEE,))
STRICT_EXPECTS = TextExpectation((Answer("Nazareth"),), (), Grading(accents=True), (), (PartialAnswer("Galilée", 0.5),))
NO_TYPOS = TextExpectation((Answer("Nazareth"),), (), Grading(typos=False), (), (GALILEE,))


@pytest.mark.parametrize(
    ("expectation", "answer", "score", "match"),
    [
        (HOMETOWN_EXPECTS, "Nazareth", 1.0, Match.EXACT),
        (HOMETOWN_EXPECTS, "nazaret", 1.0, Match.TYPO),
        (HOMETOWN_EXPECTS, "Galilee", 0.5, Match.PARTIAL),
        (HOMETOWN_EXPECTS, "  galilee ", 0.5, Match.PARTIAL),
        (HOMETOWN_EXPECTS, "Galilea", 0.5, Match.PARTIAL),  # an alias of the partial answer
        (HOMETOWN_EXPECTS, "Galiliee", 0.5, Match.PARTIAL),  # a typo of a partial answer: its credit, not 1
        (HOMETOWN_EXPECTS, "Galíleé", 0.5, Match.PARTIAL),  # accents do not matter by default
        (HOMETOWN_EXPECTS, "Jerusalem", 0.0, Match.WRONG),
        (HOMETOWN_EXPECTS, "Rome", 0.0, Match.WRONG),
        (HOMETOWN_EXPECTS, "", 0.0, Match.EMPTY),
        (NO_TYPOS, "Galiliee", 0.0, Match.WRONG),
        (NO_TYPOS, "Galilee", 0.5, Match.PARTIAL),
        (STRICT_EXPECTS, "Galilée", 0.5, Match.PARTIAL),
        (STRICT_EXPECTS, "Galilee", 0.0, Match.WRONG),  # accents matter: not even partly right
    ],
)
def test_typed_answers_with_partial_credit(
    expectation: TextExpectation, answer: str, score: float, match: Match
) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.score, verdict.match) == (score, match)
    assert verdict.correct is (score == 1.0)


def test_the_feedback_gives_the_credit_the_teachers_words_and_the_answer() -> None:
    verdict = grade(HOMETOWN_EXPECTS, "Galilee")
    assert verdict.feedback == "Partly right (50%): You need to be more specific. The answer is Nazareth."
    assert verdict.named == ("Galilee",)
    typo = grade(HOMETOWN_EXPECTS, "Galiliee")
    assert typo.feedback == (
        "Partly right (50%): You need to be more specific. You wrote Galiliee, the spelling is Galilee. "
        "The answer is Nazareth."
    )
    plain = TextExpectation((Answer("Nazareth"),), partial=(PartialAnswer("Galilee", 1 / 3),))
    assert grade(plain, "Galilee").feedback == "Partly right (33.33%). The answer is Nazareth."


def test_a_partial_answer_is_not_accepted_in_place_of_a_near_full_one() -> None:
    # "Nazaret" is a typo of the full answer, not of the partial one: it earns full marks.
    expectation = TextExpectation((Answer("Nazareth"),), partial=(PartialAnswer("Nazarene quarter", 0.5),))
    assert grade(expectation, "Nazaret").score == 1.0
    assert grade(expectation, "Nazarene quartr").score == 0.5


CHOICES = ("Napoleon", "Grant", "Ulysses S. Grant's wife", "Churchill")
GRANT_EXPECTS = ChoiceExpectation(
    CHOICES, frozenset({1}), partial=((2, PartialAnswer("Ulysses S. Grant's wife", 0.25, "She is there too")),)
)


@pytest.mark.parametrize(
    ("answer", "score", "match"),
    [
        ("2", 1.0, Match.EXACT),
        ("b", 1.0, Match.EXACT),
        ("3", 0.25, Match.PARTIAL),
        ("c", 0.25, Match.PARTIAL),
        ("Ulysses S. Grant's wife", 0.25, Match.PARTIAL),
        ("1", 0.0, Match.WRONG),
        ("2, 3", 0.0, Match.WRONG),  # one option only
    ],
)
def test_choices_with_partial_credit(answer: str, score: float, match: Match) -> None:
    verdict = grade(GRANT_EXPECTS, answer)
    assert (verdict.score, verdict.match) == (score, match)


def test_a_partial_option_says_so() -> None:
    assert grade(GRANT_EXPECTS, "c").feedback == "Partly right (25%): She is there too. The answer is Grant."


def test_a_deck_with_moodles_examples_grades_as_moodle_does() -> None:
    deck = kzquiz.loads_deck(HEADER + HOMETOWN + "\n" + GRANT)
    recall = deck.question("t/hometown/recall")
    assert recall.check("Galilee").score == 0.5
    assert recall.check("Nazareth").score == 1.0
    choice = deck.question("t/hometown/choice")
    assert "Galilee" not in choice.choices
    grant = deck.question("t/grant/choice")
    shown = ["Grant", "Ulysses S. Grant's wife", "Napoleon", "Churchill", "Mother Teresa"]
    assert sorted(grant.choices) == sorted(shown)
    wife = grant.choices.index("Ulysses S. Grant's wife") + 1
    assert grant.check(str(wife)).score == 0.25
    assert grant.check("Grant").score == 1.0


def test_a_partial_answer_lent_by_the_group_is_not_a_wrong_option() -> None:
    other = '[[facts]]\nid = "galilee"\nkind = "answer"\nquestion = "Which region?"\nanswer = "Galilee"\n'
    text = HEADER + HOMETOWN.replace('kind = "answer"', 'kind = "answer"\ngroup = "places"') + "\n"
    deck = kzquiz.loads_deck(text + other.replace('kind = "answer"', 'kind = "answer"\ngroup = "places"'))
    assert "Galilee" not in deck.question("t/hometown/choice").choices
    assert deck.question("t/hometown/recall").check("Galilee").score == 0.5


@pytest.mark.parametrize(("score", "rating"), [(0.5, Rating.HARD), (0.75, Rating.HARD), (0.25, Rating.AGAIN)])
def test_a_partial_score_is_rated_as_other_partial_answers(score: float, rating: Rating) -> None:
    deck = kzquiz.loads_deck(HEADER + HOMETOWN.replace("credit = 0.5", f"credit = {score}"))
    question = deck.question("t/hometown/recall")
    assert rating_for(question, question.check("Galilee")) is rating


def problems(text: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        kzquiz.loads_deck(HEADER + text, "t.toml")
    return [str(p) for p in caught.value.problems]


def only(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def with_partial(partial: str, fact: str = HOMETOWN) -> str:
    lines = [line for line in fact.splitlines() if not line.startswith("partial")]
    return "\n".join([*lines, f"partial = {partial}"]) + "\n"


@pytest.mark.parametrize(
    ("partial", "message"),
    [
        (
            '[{ text = "Galilee", credit = 1.5 }]',
            "t.toml:11:32: hometown.partial[0].credit: must be between 0 and 1 (both excluded), not 1.5 "
            "(a fully right answer belongs in `aliases` or `answers`)",
        ),
        (
            '[{ text = "Galilee", credit = 1 }]',
            "t.toml:11:32: hometown.partial[0].credit: must be between 0 and 1 (both excluded), not 1 "
            "(a fully right answer belongs in `aliases` or `answers`)",
        ),
        (
            '[{ text = "Galilee", credit = 0 }]',
            "t.toml:11:32: hometown.partial[0].credit: must be between 0 and 1 (both excluded), not 0 "
            "(a wrong answer belongs in `distractors` or `wrong`)",
        ),
        (
            '[{ text = "Galilee", credit = -0.5 }]',
            "t.toml:11:32: hometown.partial[0].credit: must be between 0 and 1 (both excluded), not -0.5 "
            "(a wrong answer belongs in `distractors` or `wrong`)",
        ),
        (
            '[{ text = "Galilee", credit = "half" }]',
            "t.toml:11:32: hometown.partial[0].credit: must be a number, not a string",
        ),
        (
            '[{ text = "Galilee" }]',
            "t.toml:11:12: hometown.partial[0]: missing required key `credit` (a number between 0 and 1, such as 0.5)",
        ),
        (
            '[{ text = "Jerusalem", credit = 0.5 }]',
            "t.toml:11:12: hometown.partial[0]: 'Jerusalem' is both a partial answer and a wrong one "
            "(remove it from the partial answers or remove 'Jerusalem' from the wrong ones)",
        ),
        (
            '[{ text = "nazareth", credit = 0.5 }]',
            "t.toml:11:12: hometown.partial[0]: 'nazareth' is also a right answer "
            "(a partial answer must differ from it)",
        ),
        (
            '[{ text = "Galilee", credit = 0.5 }, { text = "galilee", credit = 0.25 }]',
            "t.toml:11:48: hometown.partial[1]: 'galilee' is listed twice (it repeats 'Galilee'; remove one of them)",
        ),
        (
            '[{ text = "Galilee", credit = 0.5, weight = 2 }]',
            "t.toml:11:46: hometown.partial[0].weight: unknown key `weight` "
            "(allowed keys: text, credit, feedback, aliases)",
        ),
        (
            '[{ text = "Galilee", credit = nan }]',
            "t.toml:11:32: hometown.partial[0].credit: must be between 0 and 1 (both excluded), not nan "
            "(such as 0.5 for half marks)",
        ),
        ('"Galilee"', "t.toml:11:1: hometown.partial: must be a list of tables, not a string"),
        (
            '["Galilee"]',
            't.toml:11:12: hometown.partial[0]: must be a table, not a string (write {text = "...", credit = 0.5})',
        ),
    ],
)
def test_impossible_schemes_are_refused_with_where_and_why(partial: str, message: str) -> None:
    assert only(with_partial(partial)) == message


def test_a_partial_option_that_is_also_wrong_is_refused() -> None:
    assert "'Napoleon' is both a partial answer and a wrong one" in only(
        with_partial('[{ text = "Napoleon", credit = 0.5 }]', GRANT)
    )


def test_partial_answer_is_public() -> None:
    assert kzquiz.PartialAnswer is PartialAnswer


def test_a_partial_option_keeps_its_credit_when_the_options_are_reshuffled() -> None:
    from kzquiz.shuffling import reshuffled

    question = kzquiz.loads_deck(HEADER + GRANT).question("t/grant/choice")
    for attempt in range(1, 6):
        again = reshuffled(question, attempt)
        wife = again.choices.index("Ulysses S. Grant's wife") + 1
        grant = again.choices.index("Grant") + 1
        assert (again.check(str(wife)).score, again.check(str(grant)).score) == (0.25, 1.0)


def test_a_choice_fact_may_have_partial_options_instead_of_wrong_ones() -> None:
    fact = '[[facts]]\nid = "g"\nkind = "choice"\nquestion = "Who?"\nanswer = "Grant"\n'
    deck = kzquiz.loads_deck(HEADER + fact + 'partial = [{ text = "His wife", credit = 0.5 }]\n')
    assert deck.question("t/g/choice").check("His wife").score == 0.5
    assert "needs at least one `wrong` option" in only(fact)

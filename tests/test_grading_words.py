"""Values written as words and the question's own words: one table of cases, both ways, and properties.

Years, times of day, dates and numbers in typed answers and blanks; the question's head words; titles before a
name; an answer with its abbreviation in parentheses. The rules are in docs/grading.md.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz import Answer, Grading
from kzquiz.folding import normalize
from kzquiz.grading import Expectation, ListExpectation, Match, TextExpectation, grade
from kzquiz.questionwords import _NOT_HEAD, head_words

E, A, T, P, W = Match.EXACT, Match.ALIAS, Match.TYPO, Match.PARTIAL, Match.WRONG

YEAR = TextExpectation((Answer("1997"),), ("1991", "2019"))
YEAR_1990 = TextExpectation((Answer("1990"),), ("1991",))
YEAR_2019 = TextExpectation((Answer("2019"),))
NINE = TextExpectation((Answer("9:00"),), ("13:00", "17:30"))
NINE_PM = TextExpectation((Answer("21:00"),))
HALF_FIVE = TextExpectation((Answer("5:30 pm"),))
DAY = TextExpectation((Answer("5 January 2022"),), ("11 January 2022",))
THREE = TextExpectation((Answer("three"),), ("two", "four"))
THREE_DIGIT = TextExpectation((Answer("3"),))
HOURS = ListExpectation((Answer("9:00", ("9",)), Answer("17:30")), 2, True)


LENIENT = Grading()


def asked(question: str, answer: Answer, *others: str, grading: Grading = LENIENT) -> TextExpectation:
    """A typed question, with its head words taken from its wording as the deck generator does."""
    return TextExpectation((answer,), others, grading, head_words(question))


RIVER = asked("Which river flows into Lake Balkhash?", Answer("Ili"), "Ural", "Irtysh", "Syr Darya")
SEA = asked("Which sea lies west of Kazakhstan?", Answer("Caspian Sea"), "Aral Sea", "Black Sea")
CITY = asked("In which city did the protests turn violent?", Answer("Almaty"), "Shymkent", "Aktau")
POST = asked("What post did Nazarbayev take on?", Answer("head of the Security Council"), "prime minister")
ALLIANCE = asked(
    "Which military alliance did Tokayev call on?",
    Answer("Collective Security Treaty Organization", ("CSTO",)),
    "NATO",
    "Shanghai Cooperation Organisation",
)
LAKE = asked("Which lake is the largest in Kazakhstan?", Answer("Lake Balkhash", ("Balkhash",)), "Lake Zaysan")
PRESIDENT = asked(
    "Who is the president of Kazakhstan?",
    Answer("Kassym-Jomart Tokayev"),
    "Nursultan Nazarbayev",
    "Karim Masimov",
    grading=Grading(surname=True),
)
PRESIDENT_FULL_ONLY = asked("Who is the president?", Answer("Kassym-Jomart Tokayev"), "Nursultan Nazarbayev")
CSTO = TextExpectation(
    (Answer("Collective Security Treaty Organization", ("CSTO",)),), ("North Atlantic Treaty Organization", "NATO")
)
UN = TextExpectation((Answer("United Nations", ("UN",)),), ("European Union", "EU"))

CASES: list[tuple[Expectation, str, bool, Match, float]] = [
    # Years.
    (YEAR, "1997", True, E, 1),
    (YEAR, "in 1997", True, E, 1),
    (YEAR, "1997.", True, E, 1),
    (YEAR, "the year 1997", True, E, 1),
    (YEAR, "In the year 1997", True, E, 1),
    (YEAR, "nineteen ninety-seven", True, E, 1),
    (YEAR, "nineteen ninety seven", True, E, 1),
    (YEAR, "since 1997", True, E, 1),
    (YEAR, "around 1997", True, E, 1),
    (YEAR, "1997 AD", True, E, 1),
    (YEAR, "I think it was 1997", True, E, 1),
    (YEAR, "1998", False, W, 0),
    (YEAR, "in 1991", False, W, 0),
    (YEAR, "nineteen ninety-one", False, W, 0),
    (YEAR, "before 1997", False, W, 0),
    (YEAR, "after 1997", False, W, 0),
    (YEAR, "1997 or 1998", False, W, 0),
    (YEAR, "the 1990s", False, W, 0),
    (YEAR, "1997 BC", False, W, 0),
    (YEAR, "in 1979", False, W, 0),
    (YEAR_1990, "nineteen ninety", True, E, 1),
    (YEAR_1990, "in 1990", True, E, 1),
    (YEAR_1990, "nineteen nineteen", False, W, 0),
    (YEAR_2019, "twenty nineteen", True, E, 1),
    (YEAR_2019, "two thousand and nineteen", True, E, 1),
    (YEAR_2019, "two thousand nineteen", True, E, 1),
    (YEAR_2019, "in 2 019", True, E, 1),
    (YEAR_2019, "twenty ninety", False, W, 0),
    # Times of day.
    (NINE, "9:00", True, E, 1),
    (NINE, "09:00", True, E, 1),
    (NINE, "9am", True, E, 1),
    (NINE, "9 am", True, E, 1),
    (NINE, "9 a.m.", True, E, 1),
    (NINE, "9 AM", True, E, 1),
    (NINE, "at 9:00", True, E, 1),
    (NINE, "9 o'clock", True, E, 1),
    (NINE, "9.00", True, E, 1),
    (NINE, "9h00", True, E, 1),
    (NINE, "9 pm", False, W, 0),
    (NINE, "21:00", False, W, 0),
    (NINE, "10:00", False, W, 0),
    (NINE, "1 pm", False, W, 0),
    (NINE, "9:30", False, W, 0),
    (NINE_PM, "9 pm", True, E, 1),
    (NINE_PM, "9 p.m.", True, E, 1),
    (NINE_PM, "9pm", True, E, 1),
    (NINE_PM, "21.00", True, E, 1),
    (NINE_PM, "9 am", False, W, 0),
    (NINE_PM, "9:00", False, W, 0),
    (HALF_FIVE, "17:30", True, E, 1),
    (HALF_FIVE, "5:30pm", True, E, 1),
    (HALF_FIVE, "5:30 am", False, W, 0),
    (HOURS, "09:00, 17:30", True, E, 1),
    (HOURS, "9am, 5:30pm", True, E, 1),
    (HOURS, "9 a.m. and 5.30 p.m.", True, E, 1),
    (HOURS, "9, 17:30", True, A, 1),
    (HOURS, "9 pm, 17:30", False, P, 0.5),
    (HOURS, "17:30, 9:00", False, W, 0),
    # Dates and numbers in words.
    (DAY, "5 January 2022", True, E, 1),
    (DAY, "January 5, 2022", True, E, 1),
    (DAY, "2022-01-05", True, E, 1),
    (DAY, "the 5th of January", True, E, 1),
    (DAY, "on 5 Jan 2022", True, E, 1),
    (DAY, "6 January 2022", False, W, 0),
    (DAY, "11 January 2022", False, W, 0),
    (THREE, "three", True, E, 1),
    (THREE, "3", True, E, 1),
    (THREE, "4", False, W, 0),
    (THREE, "2", False, W, 0),
    (THREE_DIGIT, "three", True, E, 1),
    (THREE_DIGIT, "thirty", False, W, 0),
    # The question's own words.
    (RIVER, "Ili", True, E, 1),
    (RIVER, "the Ili River", True, E, 1),
    (RIVER, "Ili river", True, E, 1),
    (RIVER, "the river Ili", True, E, 1),
    (RIVER, "River Ili", True, E, 1),
    (RIVER, "Illi River", False, W, 0),  # four letters or fewer take no slip
    (RIVER, "Ural River", False, W, 0),
    (RIVER, "the Irtysh river", False, W, 0),
    (RIVER, "River", False, W, 0),
    (RIVER, "Ili Lake", False, W, 0),
    (SEA, "Caspian Sea", True, E, 1),
    (SEA, "Caspian", True, E, 1),
    (SEA, "the Caspian", True, E, 1),
    (SEA, "the Caspian sea", True, E, 1),
    (SEA, "Aral", False, W, 0),
    (SEA, "Aral Sea", False, W, 0),
    (SEA, "Black", False, W, 0),
    (SEA, "Sea", False, W, 0),
    (SEA, "Caspian Lake", False, W, 0),
    (CITY, "Almaty", True, E, 1),
    (CITY, "Almaty city", True, E, 1),
    (CITY, "the city of Almaty", True, E, 1),
    (CITY, "the city of Shymkent", False, W, 0),
    (CITY, "Shymkent city", False, W, 0),
    (POST, "head of the Security Council", True, E, 1),
    (POST, "the post of head of the Security Council", True, E, 1),
    (POST, "the post of prime minister", False, W, 0),
    (ALLIANCE, "CSTO", True, A, 1),
    (ALLIANCE, "the CSTO alliance", True, A, 1),
    (ALLIANCE, "CSTO military alliance", False, W, 0),
    (ALLIANCE, "NATO alliance", False, W, 0),
    (LAKE, "Balkhash", True, A, 1),
    (LAKE, "Lake Balkhash", True, E, 1),
    (LAKE, "Zaysan", False, W, 0),
    (LAKE, "Lake Zaysan", False, W, 0),
    # Titles before a surname.
    (PRESIDENT, "President Tokayev", True, A, 1),
    (PRESIDENT, "president tokayev", True, A, 1),
    (PRESIDENT, "Mr. Tokayev", True, A, 1),
    (PRESIDENT, "President Kassym-Jomart Tokayev", True, E, 1),
    (PRESIDENT, "Tokayev", True, A, 1),
    (PRESIDENT, "President Nazarbayev", False, W, 0),
    (PRESIDENT, "President Masimov", False, W, 0),
    (PRESIDENT, "President", False, W, 0),
    (PRESIDENT_FULL_ONLY, "President Tokayev", False, W, 0),
    (PRESIDENT_FULL_ONLY, "Tokayev", False, W, 0),
    # An answer with its abbreviation or expansion in parentheses.
    (CSTO, "CSTO (Collective Security Treaty Organization)", True, A, 1),
    (CSTO, "Collective Security Treaty Organization (CSTO)", True, E, 1),
    (CSTO, "the CSTO (Collective Security Treaty Organisation)", True, T, 1),
    (CSTO, "CSTO (NATO)", False, W, 0),
    (CSTO, "NATO (North Atlantic Treaty Organization)", False, W, 0),
    (CSTO, "CSTO (North Atlantic Treaty Organization)", False, W, 0),
    (UN, "UN (United Nations)", True, A, 1),
    (TextExpectation((Answer("Eurasian Economic Union", ("EEU",)),), ("European Union",)), "EU", False, W, 0),
    (TextExpectation((Answer("Ili"),)), "Illi", False, W, 0),
    (TextExpectation((Answer("Tokayev"),)), "Tokaev", True, T, 1),
    (UN, "United Nations (EU)", False, W, 0),
]


@pytest.mark.parametrize(("expectation", "answer", "correct", "match", "score"), CASES)
def test_values_and_question_words(
    expectation: Expectation, answer: str, correct: bool, match: Match, score: float
) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.match, verdict.score) == (correct, match, pytest.approx(score)), verdict.feedback


@pytest.mark.parametrize(
    ("question", "heads"),
    [
        ("Which river flows into Lake Balkhash?", ("river", "flows")),
        ("In which city did it happen?", ("city",)),
        ("What post did Nazarbayev take on?", ("post",)),
        ("Which military alliance did Tokayev call on?", ("military", "alliance")),
        ("What happened next?", ("happened", "next")),
        ("Which river?", ("river",)),
        ("In which city, according to the article?", ("city",)),
        ("How many regions does it have?", ("regions",)),
        ("What is the capital?", ()),
        ("Who was the chief?", ()),
    ],
)
def test_head_words(question: str, heads: tuple[str, ...]) -> None:
    assert head_words(question) == heads


def plain_head_words(question: str) -> tuple[str, ...]:
    """head_words as first written: one pattern for up to four words after "which", "what" or "how many" (the
    last may end the question), split at hyphens and white space, cut at the first word that is not a head word."""
    found = re.search(r"\b(?:which|what|how\s+many)\s+((?:[^\W\d_]+(?:[-\s]+|\b)){1,4})", question, re.IGNORECASE)
    if not found:
        return ()
    heads: list[str] = []
    for word in re.split(r"[-\s]+", found.group(1).casefold()):
        if not word or word in _NOT_HEAD:
            break
        heads.append(word)
    return tuple(heads[:3])


QUESTION_WORDS = st.sampled_from(
    [
        *("What", "which", "WHICH", "Whatever", "is", "was", "the", "of", "river", "Flows", "sea", "İstanbul"),
        *("Straße", "ǅ", "", "1991", "_", "'", "’s", "é", "\u0301", "?", "a1"),
    ]
)
BREAKS = st.sampled_from([" ", " ", "-", " ", "-", " - ", "--", "\t", "\u00a0", "\u2003", "\x1c", "", ",", "? "])
QUESTIONS = st.lists(st.tuples(QUESTION_WORDS, BREAKS), max_size=8).map(lambda pairs: "".join(a + b for a, b in pairs))


@settings(max_examples=1000)
@given(QUESTIONS | st.text(max_size=40))
def test_head_words_are_those_of_the_plain_definition(question: str) -> None:
    assert head_words(question) == plain_head_words(question)


def test_known_wrong_answers_are_named_with_the_question_word() -> None:
    assert grade(RIVER, "Ural River").feedback == "No: Ural is a different answer. The answer is Ili."
    assert grade(YEAR, "in 1991").feedback == "No: 1991 is a different answer. The answer is 1997."


HEADS = st.sampled_from(["river", "sea", "lake", "city", "mountain", "region"])
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)


@given(HEADS, WORD, st.lists(WORD, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_adding_the_head_word_never_turns_right_into_wrong(
    head: str, name: str, siblings: list[str], before: bool, with_head: bool
) -> None:
    """If "Ili" is right for "Which river...", so are "Ili River", "River Ili" and "the Ili river"."""
    answer = f"{name} {head.title()}" if with_head else name
    assume(name not in ("the", "an"))  # an answer that is only an article is read past like any leading article
    assume(all(normalize(s) != normalize(name) and s not in (head, f"{head}s") for s in siblings))
    expectation = asked(f"Which {head} is it?", Answer(answer), *siblings)
    if not grade(expectation, name).correct:
        return
    first = f"{head} {name}" if before else f"the {head} {name}"
    for written in (f"{name} {head}", f"the {name} {head.upper()}", first):
        assert grade(expectation, written).correct, written


@given(HEADS, WORD, st.lists(WORD, min_size=1, max_size=4), st.sampled_from(["President", "Mr", "General"]))
def test_no_leniency_accepts_a_sibling(head: str, name: str, siblings: list[str], title: str) -> None:
    """Whatever is added (head word, title, parenthesised expansion), a sibling's answer stays wrong."""
    assume(all(normalize(s) != normalize(name) for s in siblings))
    assume(name not in (head, f"{head}s"))
    expectation = asked(f"Which {head} is it?", Answer(f"Karim {name}"), *siblings, grading=Grading(surname=True))
    for sibling in siblings:
        for written in (
            sibling,
            f"{sibling} {head}",
            f"the {head} {sibling}",
            f"{title} {sibling}",
            f"{sibling} ({name})",
            f"{name} ({sibling})",
        ):
            verdict = grade(expectation, written)
            assert not verdict.correct, (written, verdict)


@pytest.fixture(scope="module")
def bundled() -> kzquiz.Deck:
    return kzquiz.load_deck(kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK])


@pytest.mark.parametrize(
    ("question_id", "answer", "correct", "score"),
    [
        ("year-nazarbayev-since/recall", "in 1990", True, 1),
        ("year-nazarbayev-since/recall", "nineteen ninety", True, 1),
        ("year-nazarbayev-since/recall", "since 1990", True, 1),
        ("year-nazarbayev-since/recall", "in 1991", False, 0),
        ("year-astana-since/recall", "since 1998", True, 1),
        ("year-astana-since/recall", "since 2019", False, 0),
        ("year-confession-videos/recall", "in 2020", True, 1),
        ("year-nazarbayev-stepped-down/recall", "the year 2019", True, 1),
        ("internet-hours/cloze", "09:00, 17:30", True, 1),
        ("internet-hours/cloze", "9am, 5:30pm", True, 1),
        ("internet-hours/cloze", "13:00, 19:30", False, 0),
        ("current-president/recall", "President Tokayev", True, 1),
        ("current-president/recall", "President Nazarbayev", False, 0),
        ("csto-called-in/recall", "CSTO (Collective Security Treaty Organization)", True, 1),
        ("csto-called-in/recall", "Collective Security Treaty Organization (CSTO)", True, 1),
        ("csto-called-in/recall", "CSTO (NATO)", False, 0),
    ],
)
def test_bad_verdicts_of_the_bundled_deck_are_fixed(
    bundled: kzquiz.Deck, question_id: str, answer: str, correct: bool, score: float
) -> None:
    verdict = bundled.question(f"kazakhstan-2022/{question_id}").check(answer)
    assert (verdict.correct, verdict.score) == (correct, pytest.approx(score)), verdict.feedback

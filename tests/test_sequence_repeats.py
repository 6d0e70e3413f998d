"""Sequences that come back to an item (Moscow → St Petersburg → Moscow): loading, questions, grading, ids."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzquiz
from kzquiz.deckfile import load_deck, loads_deck
from kzquiz.errors import DeckError

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def deck_of(items: str, extra: str = "") -> kzquiz.Deck:
    return loads_deck(
        '[deck]\nid = "ru"\ntitle = "Russia"\n\n[[facts]]\nid = "capitals"\nkind = "sequence"\n'
        f'subject = "the capitals of Russia, oldest first"\nitems = {items}\n{extra}',
        "ru.toml",
    )


def problems_of(items: str, extra: str = "") -> list[str]:
    with pytest.raises(DeckError) as caught:
        deck_of(items, extra)
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


RUSSIA = '["Kyiv", "Vladimir", "Moscow", "St Petersburg", "Moscow"]'
RUSSIA_DATED = (
    '["Kyiv", "Vladimir", { text = "Moscow", context = "from 1389 to 1712" }, "St Petersburg", '
    '{ text = "Moscow", context = "since 1918" }]'
)


def by_id(deck: kzquiz.Deck) -> dict[str, kzquiz.Question]:
    return {q.id: q for q in deck.questions}


def test_a_repeated_item_is_asked_about_once_per_occurrence_named_by_its_rank() -> None:
    questions = by_id(deck_of(RUSSIA))
    after = {i: q.prompt for i, q in questions.items() if "/after/" in i}
    assert after == {
        "ru/capitals/after/kyiv": "Which of the capitals of Russia comes just after “Kyiv” (oldest first)?",
        "ru/capitals/after/vladimir": "Which of the capitals of Russia comes just after “Vladimir” (oldest first)?",
        "ru/capitals/after/moscow": "Which of the capitals of Russia comes just after “Moscow” (oldest first)?",
        "ru/capitals/after/st-petersburg": (
            "Which of the capitals of Russia comes just after “St Petersburg” (oldest first)?"
        ),
    }
    before = {i: q.prompt for i, q in questions.items() if "/before/" in i}
    assert before["ru/capitals/before/moscow"] == (
        "Which of the capitals of Russia comes just before “Moscow (the first time)” (oldest first)?"
    )
    assert before["ru/capitals/before/moscow-2"] == (
        "Which of the capitals of Russia comes just before “Moscow (the second time)” (oldest first)?"
    )
    assert questions["ru/capitals/before/moscow"].check("Vladimir").correct
    assert not questions["ru/capitals/before/moscow"].check("St Petersburg").correct
    assert questions["ru/capitals/before/moscow-2"].check("St Petersburg").correct
    # Only one Moscow is followed by anything: "after Moscow" is not ambiguous, and is asked once.
    assert questions["ru/capitals/after/moscow"].check("St Petersburg").correct
    assert questions["ru/capitals/after/st-petersburg"].check("Moscow").correct


def test_occurrences_with_a_context_are_named_by_it_and_have_a_context_question_each() -> None:
    questions = by_id(deck_of(RUSSIA_DATED))
    assert questions["ru/capitals/before/moscow-2"].prompt == (
        "Which of the capitals of Russia comes just before “Moscow (since 1918)” (oldest first)?"
    )
    assert questions["ru/capitals/context/moscow"].prompt == "Which of the capitals of Russia was it from 1389 to 1712?"
    assert questions["ru/capitals/context/moscow-2"].check("Moscow").correct
    assert questions["ru/capitals/context/moscow-2"].prompt == "Which of the capitals of Russia was it since 1918?"


def test_an_item_coming_back_with_the_same_neighbour_is_asked_about_once() -> None:
    questions = by_id(deck_of('["A", "B", "C", "A", "B", "D"]'))
    assert questions["ru/capitals/after/a"].prompt.endswith("just after “A” (oldest first)?")
    assert "ru/capitals/after/a-2" not in questions
    assert questions["ru/capitals/after/a"].check("B").correct
    # "after B" differs (C, then D): each B is named.
    assert questions["ru/capitals/after/b"].check("C").correct
    assert questions["ru/capitals/after/b-2"].check("D").correct
    assert "“B (the second time)”" in questions["ru/capitals/after/b-2"].prompt


def test_every_question_of_a_repeating_sequence_has_one_right_answer() -> None:
    deck = deck_of('["A", "B", "A", "C", "B", "A"]')
    ids = [q.id for q in deck.questions]
    assert len(ids) == len(set(ids))
    prompts = [q.prompt for q in deck.questions]
    assert len(prompts) == len(set(prompts)), "two questions with the same words would have different answers"


@pytest.mark.parametrize(
    "answer",
    ["Kyiv, Vladimir, Moscow, St Petersburg, Moscow", "kyiv vladimir moscow st petersburg moscow"],
)
def test_the_order_question_takes_either_occurrence_of_a_repeated_item(answer: str) -> None:
    order = next(q for q in deck_of(RUSSIA).questions if q.form.value == "order")
    assert sorted(order.choices) == sorted(["Kyiv", "Vladimir", "Moscow", "St Petersburg", "Moscow"])
    assert order.check(answer).correct
    # By numbers, with the two Moscows in either order.
    moscows = [i + 1 for i, c in enumerate(order.choices) if c == "Moscow"]
    number = {c: i + 1 for i, c in enumerate(order.choices) if c != "Moscow"}
    for first, second in (moscows, moscows[::-1]):
        typed = f"{number['Kyiv']} {number['Vladimir']} {first} {number['St Petersburg']} {second}"
        assert order.check(typed).correct, typed
    wrong = order.check("Kyiv, Moscow, Vladimir, St Petersburg, Moscow")
    assert not wrong.correct
    assert wrong.score == pytest.approx(3 / 5)


@pytest.mark.parametrize(
    ("items", "extra", "problem"),
    [
        ('["A", "B", "B", "C"]', "", "capitals.items[2]: 'B' repeats the item just before it"),
        ('["A", "B", "b", "C"]', "", "capitals.items[2]: 'b' repeats the item just before it"),
        (
            '[{ text = "A", context = "early" }, "B", { text = "A", context = "Early" }]',
            "",
            "capitals.items[2].context: 'A' has the same context as where it comes earlier",
        ),
        (
            '["B", "A", "C", "A"]',
            "last = 3",
            "capitals.last: the last 3 items name 'A' twice, so a learner could not name 3 different ones",
        ),
    ],
)
def test_repeats_that_no_question_could_tell_apart_are_errors(items: str, extra: str, problem: str) -> None:
    assert problems_of(items, extra) == [problem]


def test_a_set_still_may_not_list_a_member_twice() -> None:
    with pytest.raises(DeckError, match="'A' is listed twice"):
        loads_deck(
            '[deck]\nid = "s"\ntitle = "S"\n\n[[facts]]\nid = "x"\nkind = "set"\nsubject = "s"\n'
            'members = ["A", "B", "A"]\n',
            "s.toml",
        )


def test_a_repeat_with_its_last_items_all_different_is_fine() -> None:
    questions = by_id(deck_of('["A", "B", "A", "C", "D"]', "last = 3"))
    assert questions["ru/capitals/last"].check("A, C, D").correct


PINNED = DATA / "question-ids.txt"
DECKS = [
    ROOT / "decks" / "kazakhstan-2022.toml",
    DATA / "all-kinds.toml",
    DATA / "wording.toml",
    DATA / "server" / "every-kind.toml",
    DATA / "teacher" / "central-asia.toml",
]


def test_the_question_ids_of_existing_decks_do_not_change() -> None:
    # Learners' progress is kept by question id: these ids were written down before sequences could repeat items.
    # A deck may gain questions; every id written down must still name a question of the same deck and fact.
    ids = {q.id for path in DECKS for q in load_deck(path).questions}
    pinned = PINNED.read_text(encoding="utf-8").split()
    assert len(pinned) > 200
    assert [i for i in pinned if i not in ids] == []

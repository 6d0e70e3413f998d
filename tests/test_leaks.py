"""Leaks: questions that show another question's answer, and sessions and exams that never ask it right after."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import kzquiz
from kzquiz import leaks
from kzquiz.auditing import AuditRule
from kzquiz.cli.exam import pick_questions
from kzquiz.leaks import LeakGuard, find_leaks, gives_away, leaks_by_fact
from kzquiz.session import Session
from kzquiz.stores.memory import MemoryStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

DECK = """
[deck]
id = "k"
title = "Leaks"

[[facts]]
id = "president"
kind = "answer"
question = "Which former president ruled until stepping down in 2019 to become head of the Security Council?"
answer = "Nursultan Nazarbayev"
surname = true

[[facts]]
id = "post"
kind = "answer"
question = "What post did the former president take on after 2019?"
answer = "head of the Security Council"

[[facts]]
id = "where"
kind = "choice"
question = "In which part of the country had the protests started?"
answer = "in the west"
wrong = ["in the north", "in the east"]

[[facts]]
id = "west"
kind = "statement"
statement = "The west, where the protests had started, remained peaceful."
answer = true

[[facts]]
id = "since"
kind = "answer"
question = "Since which year had the capital been called Astana?"
answer = "1998"

[[facts]]
id = "names"
kind = "sequence"
subject = "the names of the capital, oldest first"
items = ["Akmola", { text = "Astana", context = "from 1998 until 2019" }, "Nur-Sultan"]

[[facts]]
id = "unrelated"
kind = "answer"
question = "Which musician was released?"
answer = "a jazz pianist"
quote = "the Westminster paper said so at 19:98 and 10:00"
"""


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.loads_deck(DECK, "leaks.toml")


@pytest.mark.parametrize(
    ("source", "target", "shown"),
    [
        ("k/president/recall", "k/post/recall", "head of the Security Council"),
        ("k/west/true-false", "k/where/choice", "in the west"),
        ("k/since/recall", "k/names/context/astana", "Astana"),
        ("k/names/context/astana", "k/since/recall", "1998"),
        ("k/post/recall", "k/since/recall", ""),  # "2019" is not "1998"
        ("k/unrelated/recall", "k/since/recall", ""),  # "19:98" is not "1998", nor "10:00" "100"
        ("k/unrelated/recall", "k/where/choice", ""),  # "Westminster" is not "west": whole words only
        ("k/president/recall", "k/president/recall", ""),  # never itself
    ],
)
def test_gives_away(deck: kzquiz.Deck, source: str, target: str, shown: str) -> None:
    assert gives_away(deck.question(source), deck.question(target)) == shown


def test_other_scripts_and_spellings_are_the_same_answer() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "s"\ntitle = "S"\n[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Who?"\n'
        'answer = "Nursultan Nazarbayev"\nsurname = true\n'
        '[[facts]]\nid = "b"\nkind = "answer"\nquestion = "When did Назарбаев resign?"\nanswer = "2019"\n'
        '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "What did Nazarbaev found?"\nanswer = "a party"\n',
        "s.toml",
    )
    assert gives_away(deck.question("s/b/recall"), deck.question("s/a/recall")) == "Nazarbayev"
    assert gives_away(deck.question("s/c/recall"), deck.question("s/a/recall")) == "Nazarbayev"


GROUPED_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:[,' \u00a0\u2009\u202f]\d{3})+(?![\d])")
"""Numbers in groups of three digits, as docs/teachers.md describes them, written the plain way."""


WORDS_AND_NUMBERS = ["zh", "kh", "ss", "1st", "3000", "000", "7,000", "7 000", "1\u202f000", "12'345"]


def words_read_as_unicode(text: str) -> tuple[str, ...]:
    """What leaks.words promises, the slow plain way: grouped numbers joined, then every text read as Unicode."""
    text = GROUPED_DIGITS.sub(lambda number: "".join(c for c in number.group() if c.isdigit()), text)
    return tuple(map(leaks._word, leaks._WORDS.findall(unicodedata.normalize("NFKC", text).casefold())))


@given(
    st.lists(
        st.sampled_from([*"aAzZ09 _-.,'’(“”éЖﬁ\u00a0\u2009٣", *WORDS_AND_NUMBERS]),
        max_size=20,
    ).map("".join)
)
@example("a 12'345 b 7 000 c 1,000,000 d 1\u202f000 e “7 000” 1.000 000")
def test_words_read_fast_are_the_words_read_as_unicode(text: str) -> None:
    """ASCII text, and prompts ASCII but for the quotation marks around an item, are read a faster way (and have
    their numbers grouped only where they may hold a grouped number): the same words as read as Unicode."""
    assert leaks.words.__wrapped__(text) == words_read_as_unicode(text)


def test_find_leaks_lists_each_pair_once_with_both_ids(deck: kzquiz.Deck) -> None:
    leaks = find_leaks(deck.questions)
    pairs = {(leak.source, leak.target) for leak in leaks}
    assert len(pairs) == len(leaks)
    assert ("k/president/recall", "k/post/recall") in pairs
    assert ("k/west/true-false", "k/where/choice") in pairs
    # Within one fact (before/after an item of a sequence) only on request.
    assert not any(leak.source.startswith("k/names/") and leak.target.startswith("k/names/") for leak in leaks)
    inside = find_leaks(deck.questions, same_fact=True)
    assert any(leak.source.startswith("k/names/") and leak.target.startswith("k/names/") for leak in inside)
    # The index finds what the pairwise check finds.
    expected = {
        (a.id, b.id) for a in deck.questions for b in deck.questions if a.fact_id != b.fact_id and gives_away(a, b)
    }
    assert pairs == expected


def test_a_leak_guard_finds_what_gives_away_finds_and_stays_right_when_options_move(deck: kzquiz.Deck) -> None:
    from kzquiz.shuffling import reshuffled

    guard = LeakGuard()
    for attempt in (0, 1, 2):  # a session keeps one guard while it reshuffles options from one asking to the next
        questions = [reshuffled(q, attempt) for q in deck.questions]
        for source in questions:
            for target in questions:
                assert guard.gives_away(source, target) == gives_away(source, target), (source.id, target.id)


@pytest.mark.parametrize("which", ["test", "bundled"])
def test_leaks_by_fact_sums_up_find_leaks(deck: kzquiz.Deck, which: str) -> None:
    questions = deck.questions if which == "test" else kzquiz.bundled_deck("kazakhstan-2022").questions
    pairs = find_leaks(questions)
    assert pairs, "the deck must have leaks for this test to say anything"
    summed = leaks_by_fact(questions)
    by_fact: dict[str, list[str]] = {}
    for leak in pairs:
        givers = by_fact.setdefault(leak.target.split("/")[1], [])
        if leak.source.split("/")[1] not in givers:
            givers.append(leak.source.split("/")[1])
    assert {s.fact: set(s.givers) for s in summed} == {fact: set(givers) for fact, givers in by_fact.items()}
    for s in summed:
        first = next(leak for leak in pairs if leak.target.split("/")[1] == s.fact)
        assert s.first == first
        assert s.givers[0] == first.source.split("/")[1]


def leaky_session_deck(third: bool = True) -> kzquiz.Deck:
    # Fact "a" shows the answer of fact "b", which comes right after it in deck order.
    last = '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "What is two and two?"\nanswer = "four"\n'
    return kzquiz.loads_deck(
        '[deck]\nid = "s"\ntitle = "S"\n'
        '[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Who became head of the Security Council?"\n'
        'answer = "Nazarbayev"\n'
        '[[facts]]\nid = "b"\nkind = "answer"\nquestion = "What post did Nazarbayev take?"\n'
        'answer = "head of the Security Council"\n' + (last if third else ""),
        "s.toml",
    )


def test_a_session_never_asks_a_question_right_after_one_that_gave_it_away() -> None:
    session = Session(leaky_session_deck(), MemoryStore(), "ann")
    asked = []
    for _ in range(3):
        question = session.next_question(T0)
        assert question is not None
        asked.append(question.fact_id)
        session.answer(question, question.expected, now=T0)
    assert asked == ["a", "c", "b"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The right answer shown after the first question is the second's answer.
        ('question = "Who fired Karim Masimov?"\nanswer = "Kassym-Jomart Tokayev"', "Kassym-Jomart Tokayev"),
        # Its note shows it.
        (
            'question = "Who fired Masimov?"\nanswer = "the president"\nnote = "Tokayev took office in 2019."',
            "Tokayev",
        ),
        # A false statement's correction shows it.
        (
            'kind = "statement"\nstatement = "Nazarbayev fired Masimov."\nanswer = false\ncorrection = "Tokayev did."',
            "Tokayev",
        ),
    ],
)
def test_what_is_shown_after_an_answer_gives_the_next_answer_away(first: str, second: str) -> None:
    kind = "" if "kind =" in first else 'kind = "answer"\n'
    deck = kzquiz.loads_deck(
        '[deck]\nid = "s"\ntitle = "S"\n'
        f'[[facts]]\nid = "a"\n{kind}{first}\n'
        f'[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Who was president in 2022?"\nanswer = "{second}"\n'
        '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "What is two and two?"\nanswer = "four"\n',
        "s.toml",
    )
    assert gives_away(deck.questions_for("a")[0], deck.question("s/b/recall"))
    session = Session(deck, MemoryStore(), "ann")
    asked = []
    for _ in range(3):
        question = session.next_question(T0)
        assert question is not None
        asked.append(question.fact_id)
        session.answer(question, "", now=T0)
    assert asked == ["a", "c", "b"]
    report = kzquiz.audit(deck, "")
    assert "b" in [f.fact for f in report.findings if f.rule is AuditRule.LEAK]


def test_a_session_asks_a_given_away_question_when_nothing_else_is_left() -> None:
    session = Session(leaky_session_deck(third=False), MemoryStore(), "ann")
    first = session.next_question(T0)
    assert first is not None
    assert first.fact_id == "a"
    session.answer(first, first.expected, now=T0)
    # "b" is all that is left: it is asked rather than nothing.
    second = session.next_question(T0)
    assert second is not None
    assert second.fact_id == "b"


def test_an_exam_never_sets_a_question_after_one_that_shows_its_answer() -> None:
    deck = kzquiz.load_deck(kzquiz.bundled_decks()[kzquiz.DEFAULT_DECK])
    for seed in range(30):
        for count in (5, 20):
            questions = pick_questions(deck, count, None, seed)
            assert len(questions) == count
            for i, earlier in enumerate(questions):
                for later in questions[i + 1 :]:
                    assert not gives_away(earlier, later), (seed, count, earlier.id, later.id)


CHAIN = """
[deck]
id = "chain"
title = "A chain of leaks"

[[facts]]
id = "sent"
kind = "statement"
statement = "The CSTO sent troops to Kazakhstan."
answer = true

[[facts]]
id = "alliance"
kind = "answer"
question = "Which organisation did Tokayev call on?"
answer = "CSTO"

[[facts]]
id = "fired"
kind = "answer"
question = "Who fired the chief of the National Security Committee?"
answer = "Tokayev"
quote = "President Tokayev fired Karim Masimov."

[[facts]]
id = "chief"
kind = "answer"
question = "Who was the chief of the National Security Committee?"
answer = "Karim Masimov"

[[facts]]
id = "filler"
kind = "answer"
question = "What is two and two?"
answer = "four"
"""


def test_an_exam_orders_a_chain_of_leaks_whatever_the_seed() -> None:
    # sent shows alliance's answer, alliance shows fired's, fired's quote shows chief's: chief, fired, alliance, sent
    # is an order without a leak, and every seed must find one, even when alliance and chief are drawn first.
    deck = kzquiz.loads_deck(CHAIN, "chain.toml")
    for seed in range(40):
        for count in (3, 4, 5):
            questions = pick_questions(deck, count, None, seed)
            assert len({q.fact_id for q in questions}) == count
            for i, earlier in enumerate(questions):
                for later in questions[i + 1 :]:
                    assert not gives_away(earlier, later), (seed, count, earlier.id, later.id)


def test_an_exam_that_cannot_avoid_a_leak_makes_only_that_one() -> None:
    # Two facts that show each other's answers cannot both be set without a leak; the other facts still can.
    cycle = (
        '[[facts]]\nid = "since"\nkind = "number"\nquestion = "Since which year was the capital called Astana?"\n'
        'answer = 1998\n[[facts]]\nid = "capital"\nkind = "answer"\n'
        'question = "What was the capital called from 1998?"\nanswer = "Astana"\n'
    )
    deck = kzquiz.loads_deck(CHAIN + cycle, "chain.toml")
    for seed in range(40):
        questions = pick_questions(deck, len(deck.facts), None, seed)
        leaks = [
            (earlier.fact_id, later.fact_id)
            for i, earlier in enumerate(questions)
            for later in questions[i + 1 :]
            if gives_away(earlier, later)
        ]
        assert len(leaks) == 1, (seed, leaks)
        assert set(leaks[0]) == {"since", "capital"}


WRITTEN = """
[deck]
id = "w"
title = "Numbers and dates"

[[facts]]
id = "crowd"
kind = "answer"
question = "How many people lived in the province?"
answer = "7000000"

[[facts]]
id = "day"
kind = "number"
question = "On which day did the troops arrive?"
answer = 2022-01-11

[[facts]]
id = "senders"
kind = "choice"
question = "Which countries sent troops? Tick all that apply."
answers = ["Russia", "Belarus"]
wrong = ["Uzbekistan", "China"]

[[facts]]
id = "ruler"
kind = "answer"
question = "Which country has been ruled by Lukashenko since 1994?"
answer = "Belarus"
"""


def written_deck(prompt: str) -> kzquiz.Deck:
    fact = f'\n[[facts]]\nid = "shower"\nkind = "answer"\nquestion = "{prompt}"\nanswer = "yes"\n'
    return kzquiz.loads_deck(WRITTEN + fact, "w.toml")


@pytest.mark.parametrize(
    "prompt",
    ["Did 7,000,000 people live there?", "Did 7 000 000 people live there?", "Did 7000000 people live there?"],
)
def test_a_number_written_in_groups_of_three_digits_gives_it_away(prompt: str) -> None:
    deck = written_deck(prompt)
    assert gives_away(deck.question("w/shower/recall"), deck.question("w/crowd/recall")) == "7000000"


@pytest.mark.parametrize(
    "prompt",
    ["Did 7,000 people live there?", "Did 70,000,000 people live there?", "Were 7, 000 and 000 there?"],
)
def test_other_numbers_do_not_give_a_number_away(prompt: str) -> None:
    deck = written_deck(prompt)
    assert gives_away(deck.question("w/shower/recall"), deck.question("w/crowd/recall")) == ""


@pytest.mark.parametrize(
    "prompt",
    [
        "Did they arrive on 11 January?",
        "Did they arrive on January 11th?",
        "Did they arrive on the 11th of January?",
        "Did they arrive on 11 Jan. 2022?",
        "Did they arrive on 2022-01-11?",
    ],
)
def test_a_date_written_any_usual_way_gives_it_away(prompt: str) -> None:
    deck = written_deck(prompt)
    question = deck.question("w/shower/recall")
    assert gives_away(question, deck.question("w/day/entry")) != ""
    assert [leak.target for leak in find_leaks(list(deck.questions)) if leak.source == question.id] == ["w/day/entry"]


@pytest.mark.parametrize("prompt", ["Did they arrive on 12 January?", "Did they arrive on 11 June?"])
def test_another_day_does_not_give_a_date_away(prompt: str) -> None:
    deck = written_deck(prompt)
    assert gives_away(deck.question("w/shower/recall"), deck.question("w/day/entry")) == ""


def test_the_options_of_a_tick_all_question_give_nothing_away_until_it_is_answered() -> None:
    # Its options never say which are right; the answer shown after it does ("Russia, Belarus").
    deck = written_deck("Is this a question?")
    senders = deck.question("w/senders/choice")
    assert gives_away(senders, deck.question("w/ruler/recall")) == "Belarus"
    assert [(leak.target, leak.part) for leak in find_leaks(list(deck.questions)) if leak.source == senders.id] == [
        ("w/ruler/recall", "answer")
    ]


def test_the_folded_words_kept_stay_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(leaks, "MOST_WORDS", 3)
    leaks._FOLDED.cache_clear()
    texts = [f"Nazarbaev{n} Qasym{n}" for n in range(5)]
    found = [leaks.words.__wrapped__(text) for text in texts]
    assert len(leaks._FOLDED) <= 3
    assert found == [(f"nazarbaev{n}", f"kasim{n}") for n in range(5)]
    assert found == [words_read_as_unicode(text) for text in texts]


@pytest.mark.parametrize(
    ("answer", "prompt", "shown"),
    [
        ("the 1800s", "Was it built in the 1880s?", ""),
        ("the 1800s", "Was it built in the 1800s?", "the 1800s"),
        ("Henry III", "Did Henry I sign it?", ""),
        ("Henry III", "Did Henry III sign it?", "Henry III"),
        ("Louis XVIII", "Did Louis XVII sign it?", ""),
        ("Airbus A3800", "Did the Airbus A380 fly?", ""),
        ("Karim Massimov", "Did Karim Masimov speak?", "Karim Massimov"),  # a doubled letter is still a spelling
    ],
)
def test_digits_and_roman_numerals_are_not_loosened_like_spellings(answer: str, prompt: str, shown: str) -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "n"\ntitle = "N"\n'
        f'[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Which?"\nanswer = "{answer}"\n'
        f'[[facts]]\nid = "b"\nkind = "answer"\nquestion = "{prompt}"\nanswer = "yes"\n',
        "n.toml",
    )
    assert gives_away(deck.question("n/b/recall"), deck.question("n/a/recall")) == shown

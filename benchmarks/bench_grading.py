"""Median time of ``Question.check`` for typical answers of each kind, and for long and hostile ones.

Run on demand: ``python benchmarks/bench_grading.py``. The goals: under 50 µs for every typical typed, number and
list answer (units, bounds, years, times, the question's words, lists separated by spaces and options picked by
what they say among them) and under 1 ms for a 1,000-character answer. Each figure is the median of many runs
after a warm-up, so the one-off folding of a question's accepted answers is not counted (it happens once per
question). The unit table is loaded with the grader, so every figure includes it. A line marks each case over
its goal.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import attrs

import kzquiz
from kzquiz import Answer, Grading
from kzquiz.grading import ChoiceExpectation, Expectation, ListExpectation, NumberExpectation, TextExpectation
from kzquiz.questions import Question
from kzquiz.questionwords import head_words

DECK = Path(__file__).parent.parent / "tests" / "data" / "all-kinds.toml"


def median_seconds(call: Callable[[], object], *, repeat: int = 2_000) -> float:
    """The median duration of ``call``, after a warm-up run."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the median check() time for each case."""
    deck = kzquiz.load_deck(DECK)
    q: dict[str, Question] = {question.id.split("/", 1)[1]: question for question in deck.questions}
    distinct_list = ", ".join(f"Country{i:03d}stan" for i in range(100))
    cyrillic_list = ", ".join(["Казахстан", "Кыргызстан", "Армения", "Таджикистан", "Беларусь", "Россия"] * 14)
    # An accepted answer long enough (130 characters) that a 1,000-character answer is read and folded in full.
    sentence = "Tokayev fired a few key figures of power, including Karim Masimov, the long-standing chief of the "
    sentence += "National Security Committee"
    long_answer = attrs.evolve(q["nsc-chief/recall"], expectation=TextExpectation((Answer(sentence),), ()))

    def asking(expectation: Expectation) -> Question:
        return attrs.evolve(q["nsc-chief/recall"], expectation=expectation)

    days = asking(NumberExpectation(2, unit="days"))
    dollars = asking(NumberExpectation(200, unit="dollars"))
    detained = asking(NumberExpectation(low=3000, high=6000, unit="people"))
    year = asking(TextExpectation((Answer("1997"),), ("1991", "2019")))
    hours = asking(ListExpectation((Answer("9:00", ("9",)), Answer("17:30")), 2, True))
    river = asking(TextExpectation((Answer("Ili"),), ("Ural", "Irtysh"), heads=head_words("Which river flows?")))
    president = asking(
        TextExpectation(
            (Answer("Kassym-Jomart Tokayev"),), ("Nursultan Nazarbayev", "Karim Masimov"), Grading(surname=True)
        )
    )
    csto = asking(TextExpectation((Answer("Collective Security Treaty Organization", ("CSTO",)),), ("NATO",)))
    chief = asking(
        ChoiceExpectation(("Kassym-Jomart Tokayev", "Karim Masimov", "Nursultan Nazarbayev"), frozenset({1}))
    )
    alliance = asking(
        ChoiceExpectation(
            ("NATO", "Collective Security Treaty Organization", "Commonwealth of Independent States"), frozenset({1})
        )
    )
    count = asking(ChoiceExpectation(("four", "three", "five", "two"), frozenset({1})))
    cases: list[tuple[str, Question, str]] = [
        ("number, unit converted", days, "48 hours"),
        ("number, another currency", dollars, "200 euros"),
        ("number, bound", detained, "at least 3000 people"),
        ("typed, year in words", year, "nineteen ninety-seven"),
        ("typed, year with words", year, "in the year 1997"),
        ("list, times of day", hours, "9am, 5:30pm"),
        ("typed, question's word added", river, "the Ili River"),
        ("typed, title before surname", president, "President Tokayev"),
        ("typed, with its abbreviation", csto, "Collective Security Treaty Organization (CSTO)"),
        ("list, separated by spaces", q["csto/name"], "Russia Belarus Armenia"),
        ("list, spaces, one unknown", q["csto/name"], "Russia Belarus Germany"),
        ("order, aliases", q["capital-names/order"], "Akmolinsk, Tselinohrad, Aqmola, Astana, Nursultan"),
        ("choice, initials", alliance, "CSTO"),
        ("choice, surname", chief, "Masimov"),
        ("choice, number means the option", count, "3"),
        ("typed, exact", q["nsc-chief/recall"], "Karim Masimov"),
        ("typed, surname alone", q["nsc-chief/recall"], "Masimov"),
        ("typed, typo", q["nsc-chief/recall"], "Karim Masimow"),
        ("typed, Cyrillic", q["nsc-chief/recall"], "Карим Масимов"),
        ("typed, wrong", q["president/recall"], "Nursultan Nazarbayev"),
        ("typed, sibling refused", q["capital-names/after/akmola"], "Akmola"),
        ("cloze, alias", q["statue/cloze"], "Taldyqorghan"),
        ("list, three members", q["csto/name"], "Kazakhstan, Russia and Armenia"),
        ("list, partial with typo", q["csto/name"], "Kazakstan; Uzbekistan; Belarus"),
        ("list, last three names", q["capital-names/last"], "Akmola, Astana, Nur Sultan"),
        ("number, range", q["detained/entry"], "between 3,000 and 6,000"),
        ("number, money", q["payment/entry"], "$200"),
        ("number, words", q["payment/entry"], "two hundred dollars"),
        ("choice, letter", q["alliance/choice"], "b"),
        ("select, numbers", q["csto/select"], "1, 2, 3, 4"),
        ("order, numbers", q["capital-names/order"], "5 4 1 3 2"),
        ("true/false", q["police/true-false"], "yes"),
        ("typed, 1,000 characters", q["nsc-chief/recall"], ("Karim Masimov " * 72)[:1000]),
        ("typed, 1,000 Cyrillic characters", q["nsc-chief/recall"], ("Карим Масимов " * 72)[:1000]),
        ("list, 1,000 characters", q["csto/name"], ("Kazakhstan, Kyrgyzstan, Armenia, Uzbekistan, " * 23)[:1000]),
        ("list, 1,000 characters, all different", q["csto/name"], distinct_list[:1000]),
        ("list, 1,000 characters, spaces", q["csto/name"], ("Russia Belarus Germany " * 44)[:1000]),
        ("list, 1,000 characters, 20 long words", q["csto/name"], " ".join(["Kazakhstanistanistan" * 2] * 20)[:1000]),
        ("list, 1,000 Cyrillic characters", q["csto/name"], cyrillic_list[:1000]),
        ("number, 1,000 characters", q["detained/entry"], ("3000 " * 200)[:1000]),
        ("select, 1,000 characters", q["csto/select"], ("Kazakhstan, " * 84)[:1000]),
        ("typed, 1,000 characters, read in full", long_answer, ("Tokayev fired Karim Masimov " * 40)[:1000]),
        ("typed, 1,000 Cyrillic, read in full", long_answer, ("Токаев уволил Карима Масимова " * 40)[:1000]),
        ("hostile, 1,000,000 characters", q["nsc-chief/recall"], "x" * 1_000_000),
    ]
    fresh = kzquiz.load_deck(DECK)
    first = [question for question in fresh.questions if hasattr(question.expectation, "matcher")]
    start = time.perf_counter()
    for question in first:
        question.check("x")
    folding = (time.perf_counter() - start) / len(first)
    print(f"first check of a question, folding its answers once: {folding * 1e6:.1f} µs on average")
    width = max(len(name) for name, _, _ in cases)
    print(f"{'case':<{width}}  median check()")
    for name, question, answer in cases:
        seconds = median_seconds(lambda question=question, answer=answer: question.check(answer))
        goal = 1e-3 if "1,000" in name else 50e-6
        over = "  OVER GOAL" if seconds > goal and "1,000,000" not in name else ""
        print(f"{name:<{width}}  {seconds * 1e6:9.1f} µs{over}")


if __name__ == "__main__":
    main()

"""Properties of grading that must hold for any deck: right answers pass, known wrong answers never do, and no
input, in any script, crashes the checker."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from kzquiz import Answer, Grading
from kzquiz.folding import expand_optional, normalize
from kzquiz.grading import (
    ChoiceExpectation,
    Expectation,
    ListExpectation,
    Match,
    NumberExpectation,
    OrderExpectation,
    TextExpectation,
    TruthExpectation,
    grade,
)
from kzquiz.values import form_value

LATIN = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)
CYRILLIC = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяәғқңөұүһіАБВГДЕЖЗИКЛМНОПРСТУФЫЭЮЯ", min_size=1, max_size=12)
WORD = st.one_of(LATIN, CYRILLIC)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
GRADING = st.builds(Grading, accents=st.booleans(), surname=st.booleans(), typos=st.booleans())
CLEAN = (Match.EXACT, Match.ALIAS, Match.TRANSLITERATION)

# Text in scripts other than Latin, with marks, symbols, controls, escapes and lone surrogates.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)
OTHER_SCRIPTS = st.text(
    alphabet=st.characters(min_codepoint=0x0370, max_codepoint=0x30FF) | st.sampled_from("\x1b[]0;\x07\n\t,; and "),
    max_size=60,
)


def _forms(answer: Answer) -> list[str]:
    return [variant for form in answer.forms for variant in expand_optional(form)]


@st.composite
def text_expectations(draw: st.DrawFn) -> TextExpectation:
    """An answer with aliases and perhaps optional words, and known wrong answers that differ from it."""
    text = draw(NAME)
    if draw(st.booleans()):
        words = text.split()
        words.insert(draw(st.integers(0, len(words))), f"({draw(WORD)})")
        text = " ".join(words)
    answer = Answer(text, tuple(draw(st.lists(NAME, max_size=2))))
    others = tuple(draw(st.lists(NAME, max_size=4)))
    return TextExpectation((answer,), others, draw(GRADING))


def _distinct_from_right(expectation: TextExpectation) -> None:
    accents = expectation.grading.accents
    right = {normalize(form, accents=accents) for form in _forms(expectation.accepted[0])}
    assume(all(normalize(other, accents=accents) not in right for other in expectation.others))
    assume(all(normalize(form, accents=accents) for form in right))


@given(text_expectations())
def test_every_canonical_answer_and_alias_is_accepted(expectation: TextExpectation) -> None:
    _distinct_from_right(expectation)
    for form in _forms(expectation.accepted[0]):
        verdict = grade(expectation, form)
        assert verdict.correct, (form, verdict)
        assert verdict.match in CLEAN
        assert verdict.score == 1


@given(text_expectations())
def test_no_known_wrong_answer_is_ever_accepted(expectation: TextExpectation) -> None:
    _distinct_from_right(expectation)
    for other in expectation.others:
        for form in expand_optional(other):
            assume(normalize(form) not in {normalize(f) for f in _forms(expectation.accepted[0])})
            verdict = grade(expectation, form)
            assert not verdict.correct, (form, verdict)


@given(st.lists(NAME, min_size=2, max_size=6, unique_by=normalize), st.data())
def test_no_sibling_item_is_accepted_for_another(names: list[str], data: st.DataObject) -> None:
    assume(all(normalize(n) for n in names))
    right = data.draw(st.integers(0, len(names) - 1))
    siblings = tuple(n for i, n in enumerate(names) if i != right)
    expectation = TextExpectation((Answer(names[right]),), siblings)
    assert grade(expectation, names[right]).correct
    for sibling in siblings:
        assert not grade(expectation, sibling).correct


@given(st.lists(NAME, min_size=3, max_size=6, unique_by=normalize), st.lists(NAME, max_size=3), st.data())
def test_lists_credit_members_only(members: list[str], non_members: list[str], data: st.DataObject) -> None:
    keys = {normalize(m) for m in members}
    assume(all(keys) and len(keys) == len(members))
    non_members = [n for n in non_members if normalize(n) not in keys and normalize(n)]
    count = data.draw(st.integers(1, len(members)))
    expectation = ListExpectation(tuple(Answer(m) for m in members), count, False, tuple(non_members))
    assume(not any("," in m or ";" in m or " and " in f" {m} " for m in members + non_members))
    assert grade(expectation, "\n".join(members[:count])).correct
    if non_members:
        verdict = grade(expectation, ", ".join(non_members))
        assert verdict.score == 0
        assert not verdict.correct


@given(st.lists(NAME, min_size=3, max_size=6, unique_by=normalize), st.data())
def test_a_wrong_option_is_never_right(options: list[str], data: st.DataObject) -> None:
    assume(all(normalize(o) for o in options))
    # An option that is a number ("six") is picked by typing that number (docs/grading.md), not its position.
    assume(all(form_value(o) is None for o in options))
    right = data.draw(st.integers(0, len(options) - 1))
    expectation = ChoiceExpectation(tuple(options), frozenset({right}))
    assert grade(expectation, options[right]).correct
    assert grade(expectation, str(right + 1)).correct
    for i, option in enumerate(options):
        if i != right:
            assert not grade(expectation, option).correct
            assert not grade(expectation, str(i + 1)).correct


EXPECTATIONS: list[Expectation] = [
    TextExpectation((Answer("Karim (Qajymqanuly) Masimov"),), ("Kassym-Jomart Tokayev",), Grading(surname=True)),
    TextExpectation((Answer("Türkistan"),), ("Shymkent",), Grading(accents=True)),
    TextExpectation((Answer("Алматы"),), ("Астана",)),
    ListExpectation((Answer("Kazakhstan"), Answer("Russia"), Answer("Armenia")), 2, False, ("Uzbekistan",)),
    ListExpectation((Answer("Akmola"), Answer("Astana")), 2, True, ("Akmolinsk",)),
    NumberExpectation(low=3000, high=6000),
    NumberExpectation(200, tolerance=10, unit="dollars"),
    NumberExpectation(dt.date(2022, 1, 11)),
    NumberExpectation(low=dt.date(2022, 1, 2), high=dt.date(2022, 1, 11), inside=False),
    ChoiceExpectation(("NATO", "the CSTO", "the SCO"), frozenset({1})),
    ChoiceExpectation(("Armenia", "Uzbekistan", "Russia"), frozenset({0, 2})),
    OrderExpectation(("Astana", "Akmola", "Akmolinsk"), (2, 1, 0)),
    TruthExpectation(False, "It was on 5 January."),
]


def _sound(verdict_of: Expectation, answer: str) -> None:
    verdict = grade(verdict_of, answer)
    assert 0 <= verdict.score <= 1
    assert verdict.correct == (verdict.score == 1)
    assert (verdict.match is Match.PARTIAL) == (0 < verdict.score < 1)
    for text in (verdict.answer, verdict.feedback, verdict.diff, *verdict.named, *verdict.wrong, *verdict.missing):
        assert "\x1b" not in text
        text.encode("utf-8")  # no lone surrogates left to crash a terminal


@given(ANY_TEXT)
def test_any_text_never_crashes_the_checker(answer: str) -> None:
    for expectation in EXPECTATIONS:
        _sound(expectation, answer)


@given(OTHER_SCRIPTS)
def test_other_scripts_never_crash_the_checker(answer: str) -> None:
    for expectation in EXPECTATIONS:
        _sound(expectation, answer)

"""The canonical answer typed as it is, graded without building the matcher: the verdict must be the matcher's."""

from __future__ import annotations

from unittest import mock

import pytest
from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from kzquiz.grading import TextExpectation, grade
from kzquiz.model import Answer, Grading, PartialAnswer
from kzquiz.textmatch import Match
from kzquiz.verdict import Verdict

CANONICAL = [
    "Astana",
    "Nur-Sultan",
    "the Caspian Sea",
    "Karim (Qajymqanuly) Masimov",
    "Қазақстан",
    "Almaty (city)",
    "Élysée",
    "!!",
    "3.14",
    "1 January 1991",
    "Ili River",
    "the",
    "x" * 60,
]


def _as_the_matcher_grades(expectation: TextExpectation, answer: str) -> Verdict:
    with mock.patch.object(TextExpectation, "is_canonical", return_value=False):
        return grade(expectation, answer)


def _typed(canonical: str, how: str) -> str:
    return {
        "as written": canonical,
        "lower": canonical.lower(),
        "upper": canonical.upper(),
        "spaced": f"  {canonical}  ",
        "full stop": f"{canonical}.",
        "the": f"the {canonical}",
        "no punctuation": canonical.replace("-", " ").replace("(", "").replace(")", ""),
        "padded": canonical + " " * 200,
        "long": canonical + "!" * 200,
        "no accents": canonical.replace("É", "E").replace("é", "e"),
        "I think": f"I think {canonical}",
        "romanised": anyascii(canonical),
    }[how]


HOWS = [
    "as written",
    "lower",
    "upper",
    "spaced",
    "full stop",
    "the",
    "no punctuation",
    "padded",
    "long",
    "no accents",
    "I think",
    "romanised",
]


@settings(max_examples=400, deadline=None)
@given(
    canonical=st.sampled_from(CANONICAL) | st.text(min_size=1, max_size=20),
    how=st.sampled_from(HOWS),
    aliases=st.lists(st.sampled_from(["Akmola", "Astana city", "Caspian", "Masimov", "Қазақстан"]), max_size=2),
    others=st.lists(st.sampled_from(["Almaty", "Aral Sea", "Nursultan", "Astana"]), max_size=2),
    accents=st.booleans(),
    surname=st.booleans(),
    heads=st.sampled_from([(), ("river",), ("city", "capital")]),
    partial=st.booleans(),
)
def test_the_canonical_answer_gets_the_matchers_verdict(
    canonical: str,
    how: str,
    aliases: list[str],
    others: list[str],
    accents: bool,
    surname: bool,
    heads: tuple[str, ...],
    partial: bool,
) -> None:
    expectation = TextExpectation(
        (Answer(canonical, tuple(aliases)),),
        others=tuple(others),
        grading=Grading(accents=accents, surname=surname),
        heads=heads,
        partial=(PartialAnswer("Asta", 0.5, "say more"),) if partial else (),
    )
    answer = _typed(canonical, how)
    assert grade(expectation, answer) == _as_the_matcher_grades(expectation, answer)


@pytest.mark.parametrize("canonical", CANONICAL)
def test_the_canonical_answer_as_written_is_exact(canonical: str) -> None:
    expectation = TextExpectation((Answer(canonical),))
    verdict = grade(expectation, canonical)
    assert verdict == _as_the_matcher_grades(expectation, canonical)
    if canonical not in ("!!", "the"):  # symbols, and an article alone, are matched in other ways
        assert expectation.is_canonical(canonical)
        assert (verdict.correct, verdict.match) == (True, Match.EXACT)


@settings(max_examples=500, deadline=None)
@given(
    canonical=st.text(st.characters(max_codepoint=127), min_size=1, max_size=30).filter(lambda text: "(" not in text),
    accents=st.booleans(),
)
def test_an_ascii_canonical_answer_typed_as_written_is_told_without_its_key(canonical: str, accents: bool) -> None:
    # is_canonical answers this case without folding the text: it must say what the folded key would say.
    expectation = TextExpectation((Answer(canonical),), grading=Grading(accents=accents))
    assert expectation.is_canonical(canonical) is bool(expectation.canonical_key)
    assert grade(expectation, canonical) == _as_the_matcher_grades(expectation, canonical)

"""Folding text for comparison, expanding optional words, and reading numbers and dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from itertools import groupby

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzquiz.folding import ARTICLES, expand_optional, fold, keys, loosen, surname
from kzquiz.grading import normalize
from kzquiz.numbers import read_date, read_number


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nur-Sultan", "nursultan"),
        ("Nur Sultan", "nursultan"),
        ("nursultan", "nursultan"),
        ("NUR_SULTAN!", "nursultan"),
        ("the Security Council", "securitycouncil"),
        ("The  the Security Council", "securitycouncil"),
        ("an Army", "army"),
        ("the", "the"),
        ("A", "a"),
        ("Алматы", "almaty"),
        ("Масимов", "masimov"),
        ("Талдықорған", "taldyqorghan"),
        ("Türkistan", "turkistan"),
        ("ＡＬＭＡＴＹ", "almaty"),
        ("Straße", "strasse"),
        ("Ⅻ", "xii"),
        ("3 000", "3000"),
        ("", ""),
        ("?!", ""),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


def test_accents_can_matter() -> None:
    assert normalize("Türkistan", accents=True) == "türkistan"
    assert normalize("Алматы", accents=True) == "almaty"
    assert fold("Алматы") == "алматы"


def test_keys() -> None:
    k = keys("Қасым-Жомарт Тоқаев")
    assert k.plain == "қасымжомарттоқаев"
    assert k.roman == "qasymzhomarttoqaev"
    assert k.loose == keys("Kassym-Jomart Tokayev").loose == "kasimjomartokaev"
    assert keys("Türkistan", accents=True).bare == "turkistan"


def test_loosen() -> None:
    assert loosen("taldyqorghan") == loosen("taldykorgan") == "taldikorgan"
    assert loosen("nazarbayev") == loosen("nazarbaev")
    assert loosen("kassym") == loosen("kasssym") == "kasim"


@given(st.text(alphabet="adeghjkoqsuyz\n-", max_size=30))
def test_loosen_is_its_plain_definition(text: str) -> None:
    """Every replacement in turn, then one letter per run of equal ones: the shortcuts (groups of replacements
    skipped when their letter is absent, runs collapsed by a regular expression) change nothing."""
    replaced = text
    for old, new in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("q", "k"), ("ya", "a"), ("ye", "e")):
        replaced = replaced.replace(old, new)
    for old, new in (("yo", "o"), ("yu", "u"), ("y", "i")):
        replaced = replaced.replace(old, new)
    assert loosen(text) == "".join(letter for letter, _ in groupby(replaced))


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("Karim (Qajymqanuly) Masimov", ("Karim Qajymqanuly Masimov", "Karim Masimov")),
        ("(the) CSTO", ("the CSTO", "CSTO")),
        ("Astana", ("Astana",)),
        ("(Astana)", ("Astana",)),
        ("A (B) (C)", ("A B C", "A C", "A B", "A")),
        ("Masimov (KNB), chief", ("Masimov KNB, chief", "Masimov, chief")),
        ("a (b (c)) d", ("a b c d", "a b d")),
        ("(1)(2)(3)(4)(5)(6) x", ("1 2 3 4 5 6 x",)),
        ("  Karim  Masimov ", ("Karim Masimov",)),
        ("Karim) Masimov", ("Karim Masimov",)),
    ],
)
def test_expand_optional(text: str, forms: tuple[str, ...]) -> None:
    assert expand_optional(text) == forms


def test_surname() -> None:
    assert surname("Kassym-Jomart Tokayev") == "Tokayev"
    assert surname("Karim Masimov") == "Masimov"
    assert surname("Masimov") == ""


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("3000", (3000, 3000)),
        ("3,000", (3000, 3000)),
        ("3 000", (3000, 3000)),
        ("3\u202f000", (3000, 3000)),
        ("3k", (3000, 3000)),
        ("3.5k", (3500, 3500)),
        ("2,5", (2.5, 2.5)),
        ("$200", (200, 200)),
        ("200 dollars", (200, 200)),
        ("two hundred", (200, 200)),
        ("two hundred and fifty", (250, 250)),
        ("twenty-seven", (27, 27)),
        ("one million", (1_000_000, 1_000_000)),
        ("1.2 million", (1_200_000, 1_200_000)),
        ("-5", (-5, -5)),
        ("3000-6000", (3000, 6000)),
        ("3000 -6000", (3000, 6000)),
        ("3000 – 6000", (3000, 6000)),
        ("between 3000 and 6000", (3000, 6000)),
        ("between three thousand and six thousand", (3000, 6000)),
        ("3 to 6 thousand", (3000, 6000)),
        ("3-6k", (3000, 6000)),
        ("6000 to 3000", (3000, 6000)),
        ("no idea", None),
        ("3000 or 6000", None),
        ("1 2 3", None),
    ],
)
def test_read_number(text: str, reading: tuple[float, float] | None) -> None:
    assert read_number(text) == reading


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("11 January 2022", dt.date(2022, 1, 11)),
        ("January 11, 2022", dt.date(2022, 1, 11)),
        ("2022-01-11", dt.date(2022, 1, 11)),
        ("11.01.2022", dt.date(2022, 1, 11)),
        ("11/01/2022", dt.date(2022, 1, 11)),
        ("01/31/2022", dt.date(2022, 1, 31)),
        ("11th of Jan", dt.date(2022, 1, 11)),
        ("on Sept 5", dt.date(2022, 9, 5)),
        ("5 January 1991", dt.date(1991, 1, 5)),
    ],
)
def test_read_date(text: str, day: dt.date) -> None:
    assert read_date(text, 2022) == (day, day)


def test_read_date_range_and_nonsense() -> None:
    assert read_date("2 January 2022 to 11 January 2022", 2022) == (dt.date(2022, 1, 2), dt.date(2022, 1, 11))
    assert read_date("30 February", 2022) is None
    assert read_date("January", 2022) is None
    assert read_date("11 January, 12 January, 13 January", 2022) is None


@given(st.text(), st.booleans())
def test_normalize_is_idempotent(text: str, accents: bool) -> None:
    once = normalize(text, accents=accents)
    assert normalize(once, accents=accents) == once


@given(st.text(), st.booleans())
def test_fold_is_idempotent(text: str, accents: bool) -> None:
    once = fold(text, accents=accents)
    assert fold(once, accents=accents) == once


@given(st.text())
def test_normalize_without_accents_gives_lower_case_ascii_letters_and_digits(text: str) -> None:
    key = normalize(text)
    assert key.isascii()
    assert key == key.lower()
    assert not key or key.isalnum()


@given(st.text(max_size=40))
def test_number_reading_never_crashes(text: str) -> None:
    reading = read_number(text)
    assert reading is None or reading[0] <= reading[1]
    dates = read_date(text, 2022)
    assert dates is None or dates[0] <= dates[1]


@given(st.text(alphabet=st.characters(max_codepoint=127)), st.booleans())
def test_fold_of_ascii_text_is_its_unicode_definition(text: str, accents: bool) -> None:
    """ASCII text takes a shortcut (lower() and a plain character set); the general path (NFKC, casefold, accents,
    Unicode word characters) must give the same key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"[^\W_]+", folded)
    start = 0
    while start < len(words) - 1 and words[start] in ARTICLES:
        start += 1
    assert fold(text, accents=accents) == "".join(words[start:])

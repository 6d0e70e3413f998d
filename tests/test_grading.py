"""Grading as a fair teacher would: one table of (expectation, answer, verdict) cases covering every rule.

The names are the bundled deck's (the January 2022 events in Kazakhstan). Each row says whether the answer is
right, how it matched, and the score; the feedback wording is checked by the tests after the table.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kzquiz import Answer, Grading
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

E, A, TR, T, P, W, EMPTY = (
    Match.EXACT,
    Match.ALIAS,
    Match.TRANSLITERATION,
    Match.TYPO,
    Match.PARTIAL,
    Match.WRONG,
    Match.EMPTY,
)

CAPITALS = ("Akmolinsk", "Tselinograd", "Akmola", "Astana", "Nur-Sultan")
PEOPLE = ("Karim Masimov", "Kassym-Jomart Tokayev", "Nursultan Nazarbayev")
CSTO = ("Kazakhstan", "Kyrgyzstan", "Armenia", "Tajikistan", "Belarus", "Russia")
NOT_CSTO = ("Uzbekistan", "Turkmenistan")


LENIENT = Grading()


def capital(name: str, *aliases: str, grading: Grading = LENIENT) -> TextExpectation:
    """A "what came before/after" question about the capital: the other names are its siblings."""
    return TextExpectation((Answer(name, aliases),), tuple(c for c in CAPITALS if c != name), grading)


MASIMOV = TextExpectation(
    (Answer("Karim (Qajymqanuly) Masimov"),), ("Kassym-Jomart Tokayev", "Nursultan Nazarbayev"), Grading(surname=True)
)
TOKAYEV = TextExpectation((Answer("Kassym-Jomart Tokayev"),), ("Nursultan Nazarbayev", "Karim Masimov"))
TOKAYEV_SURNAME = TextExpectation(TOKAYEV.accepted, TOKAYEV.others, Grading(surname=True))
NUR_SULTAN = capital("Nur-Sultan", "Nursultan")
ASTANA = capital("Astana")
AKMOLA = capital("Akmola")
TSELINOGRAD = capital("Tselinograd")
TSELINOGRAD_NO_TYPOS = capital("Tselinograd", grading=Grading(typos=False))
AKMOLINSK = capital("Akmolinsk")
ALMATY = TextExpectation((Answer("Almaty"),), ("Shymkent", "Aktobe", "Taldykorgan"))
TALDYKORGAN = TextExpectation((Answer("Taldykorgan", ("Taldyqorghan",)),), ("Almaty", "Shymkent", "Aktobe"))
TURKISTAN = TextExpectation((Answer("Türkistan"),), ("Shymkent",))
TURKISTAN_ACCENTS = TextExpectation((Answer("Türkistan"),), ("Shymkent",), Grading(accents=True))
COUNCIL = TextExpectation((Answer("the Security Council"),), ("the National Security Committee",))
CSTO_TEXT = TextExpectation((Answer("the CSTO", ("Collective Security Treaty Organization",)),), ("NATO", "the SCO"))

NAME_THREE = ListExpectation(tuple(Answer(c) for c in CSTO), 3, False, NOT_CSTO)
NAME_ALL = ListExpectation(tuple(Answer(c) for c in CSTO), 6, False, NOT_CSTO)
LAST_THREE = ListExpectation(
    (Answer("Akmola"), Answer("Astana"), Answer("Nur-Sultan", ("Nursultan",))), 3, False, CAPITALS[:2]
)
LAST_THREE_IN_ORDER = ListExpectation(LAST_THREE.items, 3, True, CAPITALS[:2])
PEOPLE_LIST = ListExpectation(
    (Answer("Kassym-Jomart Tokayev"), Answer("Karim Masimov")),
    2,
    False,
    ("Nursultan Nazarbayev",),
    Grading(surname=True),
)

DETAINED = NumberExpectation(low=3000, high=6000)
DETAINED_RANGE_ONLY = NumberExpectation(low=3000, high=6000, inside=False)
PAID = NumberExpectation(200, unit="dollars")
KILLED = NumberExpectation(225, tolerance=25, unit="people")
RENAMED = NumberExpectation(2019)
CSTO_LEFT = NumberExpectation(dt.date(2022, 1, 11))
CSTO_LEFT_WEEK = NumberExpectation(dt.date(2022, 1, 11), tolerance=3)
UNREST = NumberExpectation(low=dt.date(2022, 1, 2), high=dt.date(2022, 1, 11))

ALLIANCE = ChoiceExpectation(("NATO", "the CSTO", "the SCO", "the EAEU"), frozenset({1}))
PRESIDENT = ChoiceExpectation(PEOPLE[::-1], frozenset({1}))
YEARS = ChoiceExpectation(("1991", "1997", "2019"), frozenset({1}))
SELECT = ChoiceExpectation(
    ("Armenia", "Tajikistan", "Kazakhstan", "Russia", "Turkmenistan", "Uzbekistan"), frozenset({0, 1, 2, 3})
)
ORDER = OrderExpectation(("Akmola", "Nur-Sultan", "Astana", "Tselinograd", "Akmolinsk"), (4, 3, 0, 2, 1))
TRUE = TruthExpectation(True)
FALSE = TruthExpectation(False, "The police withdrew on 5 January.")

# (expectation, answer, correct, match, score)
CASES: list[tuple[Expectation, str, bool, Match, float]] = [
    # Exact, case, spacing and punctuation.
    (MASIMOV, "Karim Masimov", True, E, 1),
    (MASIMOV, "karim masimov", True, E, 1),
    (MASIMOV, "  KARIM   MASIMOV  ", True, E, 1),
    (MASIMOV, "Karim Masimov.", True, E, 1),
    (TOKAYEV, "Kassym-Jomart Tokayev", True, E, 1),
    (TOKAYEV, "Kassym Jomart Tokayev", True, E, 1),
    (TOKAYEV, "KassymJomart Tokayev", True, E, 1),
    (TOKAYEV, "kassym-jomart tokayev!", True, E, 1),
    (NUR_SULTAN, "Nur-Sultan", True, E, 1),
    (NUR_SULTAN, "Nur Sultan", True, E, 1),
    (NUR_SULTAN, "nur sultan", True, E, 1),
    (NUR_SULTAN, "NUR–SULTAN", True, E, 1),
    (NUR_SULTAN, "Nur_Sultan", True, E, 1),
    (NUR_SULTAN, "Nursultan", True, E, 1),
    (ASTANA, "Astana", True, E, 1),
    (ASTANA, "astana", True, E, 1),
    (ASTANA, "'Astana'", True, E, 1),
    (ASTANA, "“Astana”", True, E, 1),
    (ALMATY, "Almaty", True, E, 1),
    (ALMATY, "ＡＬＭＡＴＹ", True, E, 1),  # full-width letters, folded by NFKC
    # Accents are ignored unless the fact says they matter.
    (TURKISTAN, "Turkistan", True, E, 1),
    (TURKISTAN, "TÜRKISTAN", True, E, 1),
    (TURKISTAN_ACCENTS, "Türkistan", True, E, 1),
    (TURKISTAN_ACCENTS, "türkistan", True, E, 1),
    (TURKISTAN_ACCENTS, "Turkistan", False, W, 0),
    (TURKISTAN_ACCENTS, "Türkistn", True, T, 1),
    # Leading articles are optional.
    (COUNCIL, "the Security Council", True, E, 1),
    (COUNCIL, "Security Council", True, E, 1),
    (COUNCIL, "The security council", True, E, 1),
    (COUNCIL, "the National Security Committee", False, W, 0),
    (CSTO_TEXT, "CSTO", True, E, 1),
    (CSTO_TEXT, "the C.S.T.O.", True, E, 1),
    (CSTO_TEXT, "Collective Security Treaty Organization", True, A, 1),
    (CSTO_TEXT, "the Collective Security Treaty Organisation", True, T, 1),
    (CSTO_TEXT, "the SCO", False, W, 0),
    (CSTO_TEXT, "NATO", False, W, 0),
    # Optional words in parentheses.
    (MASIMOV, "Karim Qajymqanuly Masimov", True, E, 1),
    (MASIMOV, "Karim (Qajymqanuly) Masimov", True, E, 1),
    (MASIMOV, "Karim Qajymqanuly", False, W, 0),
    # Aliases.
    (TALDYKORGAN, "Taldykorgan", True, E, 1),
    (TALDYKORGAN, "Taldyqorghan", True, A, 1),
    (TALDYKORGAN, "taldyqorghan", True, A, 1),
    (TALDYKORGAN, "Taldy-Kurgan", True, T, 1),
    (TALDYKORGAN, "Almaty", False, W, 0),
    (TALDYKORGAN, "Shymkent", False, W, 0),
    # Surname alone, only when the fact allows it.
    (MASIMOV, "Masimov", True, A, 1),
    (MASIMOV, "masimov", True, A, 1),
    (MASIMOV, "Karim", False, W, 0),
    (TOKAYEV_SURNAME, "Tokayev", True, A, 1),
    (TOKAYEV, "Tokayev", False, W, 0),
    (TOKAYEV_SURNAME, "Nazarbayev", False, W, 0),
    (TOKAYEV_SURNAME, "Nursultan Nazarbayev", False, W, 0),
    # Other scripts, through transliteration.
    (MASIMOV, "Масимов", True, TR, 1),
    (MASIMOV, "Карим Масимов", True, TR, 1),
    (MASIMOV, "КАРИМ МАСИМОВ", True, TR, 1),
    (ALMATY, "Алматы", True, TR, 1),
    (ALMATY, "алматы", True, TR, 1),
    (ASTANA, "Астана", True, TR, 1),
    (AKMOLA, "Ақмола", True, TR, 1),
    (AKMOLA, "Акмола", True, TR, 1),
    (TSELINOGRAD, "Целиноград", True, TR, 1),
    (NUR_SULTAN, "Нур-Султан", True, TR, 1),
    (NUR_SULTAN, "Нұр-Сұлтан", True, TR, 1),
    (TALDYKORGAN, "Талдықорған", True, TR, 1),
    (TOKAYEV, "Қасым-Жомарт Тоқаев", True, TR, 1),
    (TOKAYEV, "Касым-Жомарт Токаев", True, TR, 1),
    (TOKAYEV_SURNAME, "Токаев", True, TR, 1),
    (ASTANA, "Ақмола", False, W, 0),
    # Slips in another script are measured after folding romanisation differences.
    (ALMATY, "Алмата", True, T, 1),
    (NAME_THREE, "Қазақстан, Қырғызстан, Беларусь", True, T, 1),
    (NAME_THREE, "Қазақстан, Өзбекстан, Беларусь", False, P, 2 / 4),
    (TSELINOGRAD_NO_TYPOS, "Целинаград", False, W, 0),
    (TOKAYEV, "Нурсултан Назарбаев", False, W, 0),
    # Other romanisations typed in Latin letters are accepted as slips.
    (TOKAYEV, "Kassym-Jomart Tokaev", True, T, 1),
    (TOKAYEV, "Qasym-Zhomart Toqaev", True, T, 1),
    # Typos: the allowance grows with length.
    (MASIMOV, "Masimow", True, T, 1),
    (MASIMOV, "Karim Masimow", True, T, 1),
    (MASIMOV, "Karim Masmiov", True, T, 1),
    (MASIMOV, "Krim Masimov", True, T, 1),
    (MASIMOV, "Karim Masinow", True, T, 1),
    (MASIMOV, "Kerim Masinow", False, W, 0),
    (MASIMOV, "Karem Masenow", False, W, 0),
    (TOKAYEV, "Kasym-Jomart Tokayev", True, T, 1),
    (TOKAYEV, "Kassym-Jomart Takayev", True, T, 1),
    (TSELINOGRAD, "Tselinogad", True, T, 1),
    (TSELINOGRAD, "Tselinagrad", True, T, 1),
    (TSELINOGRAD, "Tzelinagrad", True, T, 1),
    (TSELINOGRAD, "Tzelinagrat", False, W, 0),
    (AKMOLINSK, "Akmolinks", True, T, 1),
    (AKMOLINSK, "Akmolinsk", True, E, 1),
    (ASTANA, "Astna", True, T, 1),
    (ASTANA, "Asatna", True, T, 1),
    (ASTANA, "Astanaa", True, T, 1),
    (ALMATY, "Almatty", True, T, 1),
    (ALMATY, "Almati", True, T, 1),
    (ALMATY, "Almata", True, T, 1),
    (TALDYKORGAN, "Taldykorgon", True, T, 1),
    # ... none for short answers ...
    (CSTO_TEXT, "CTSO", False, W, 0),
    (CSTO_TEXT, "CST", False, W, 0),
    (ChoiceExpectation(("Kazakhstan", "Russia"), frozenset({0})), "Kazakstan", True, T, 1),
    # ... and never when the answer is as close to a sibling or a distractor.
    (ASTANA, "Akmola", False, W, 0),
    (ASTANA, "Akmolla", False, W, 0),
    (AKMOLA, "Astana", False, W, 0),
    (AKMOLA, "Akmolinsk", False, W, 0),
    (AKMOLINSK, "Akmola", False, W, 0),
    (AKMOLINSK, "Akmolinsk", True, E, 1),
    (TSELINOGRAD, "Akmolinsk", False, W, 0),
    (NUR_SULTAN, "Astana", False, W, 0),
    (TOKAYEV, "Nursultan Nazarbayev", False, W, 0),
    (TOKAYEV, "Nursultan Nazarbaev", False, W, 0),
    (TOKAYEV, "Karim Masimov", False, W, 0),
    (MASIMOV, "Kassym-Jomart Tokayev", False, W, 0),
    (ALMATY, "Shymkent", False, W, 0),
    (ALMATY, "Aktobe", False, W, 0),
    # A lead-in before the answer is read past.
    (MASIMOV, "It was Karim Masimov", True, E, 1),
    (MASIMOV, "I think it was Masimov", True, A, 1),
    (ASTANA, "maybe Astana?", True, E, 1),
    (ASTANA, "I think Akmola", False, W, 0),
    (ASTANA, "it is", False, W, 0),
    # Typos can be turned off.
    (TSELINOGRAD_NO_TYPOS, "Tselinograd", True, E, 1),
    (TSELINOGRAD_NO_TYPOS, "Целиноград", True, TR, 1),
    (TSELINOGRAD_NO_TYPOS, "Tselinogad", False, W, 0),
    # Empty and meaningless answers.
    (MASIMOV, "", False, EMPTY, 0),
    (MASIMOV, "   ", False, EMPTY, 0),
    (MASIMOV, "\n\t", False, EMPTY, 0),
    (MASIMOV, "\x1b[31m", False, EMPTY, 0),
    (MASIMOV, "???", False, W, 0),
    (MASIMOV, "the", False, W, 0),
    (MASIMOV, "42", False, W, 0),
    # Lists: any N of a set.
    (NAME_THREE, "Kazakhstan, Kyrgyzstan, Armenia", True, E, 1),
    (NAME_THREE, "Russia; Belarus; Tajikistan", True, E, 1),
    (NAME_THREE, "Russia\nBelarus\nTajikistan", True, E, 1),
    (NAME_THREE, "Russia, Belarus and Tajikistan", True, E, 1),
    (NAME_THREE, "Russia, Belarus, and Tajikistan", True, E, 1),
    (NAME_THREE, "Russia and Belarus and Armenia", True, E, 1),
    (NAME_THREE, "Russia, Belarus, Armenia, Kazakhstan", True, E, 1),
    (NAME_THREE, "Казахстан, Кыргызстан, Армения", True, TR, 1),
    (NAME_THREE, "Қырғызстан, Беларусь, Таджикистан", True, TR, 1),
    (NAME_THREE, "Kazakstan, Russia, Armenia", True, T, 1),
    (NAME_THREE, "Kyrgystan, Russia, Tajikistan", True, T, 1),
    (NAME_THREE, "Russia, Belarus", False, P, 2 / 3),
    (NAME_THREE, "Russia", False, P, 1 / 3),
    (NAME_THREE, "Russia, Russia, Russia", False, P, 1 / 3),
    (NAME_THREE, "Russia, Belarus, Uzbekistan", False, P, 2 / 4),
    (NAME_THREE, "Russia, Belarus, Armenia, Uzbekistan", False, P, 3 / 4),
    (NAME_THREE, "Uzbekistan, Turkmenistan, Kazakhstan", False, P, 1 / 5),
    (NAME_THREE, "Uzbekistan, Turkmenistan", False, W, 0),
    (NAME_THREE, "Uzbekstan", False, W, 0),
    (NAME_THREE, ",,,", False, W, 0),
    (NAME_ALL, "Kazakhstan, Kyrgyzstan, Armenia, Tajikistan, Belarus, Russia", True, E, 1),
    (NAME_ALL, "russia, belarus, tajikistan, armenia, kyrgyzstan, kazakhstan", True, E, 1),
    (NAME_ALL, "Kazakhstan, Kyrgyzstan, Armenia, Tajikistan, Belarus", False, P, 5 / 6),
    (NAME_ALL, "Kazakhstan, Kyrgyzstan, Armenia, Tajikistan, Belarus, Russia, Uzbekistan", False, P, 6 / 7),
    (LAST_THREE, "Akmola, Astana, Nur-Sultan", True, E, 1),
    (LAST_THREE, "Nur Sultan, Akmola, Astana", True, E, 1),
    (LAST_THREE, "Akmola, Astana, Nursultan", True, E, 1),
    (LAST_THREE, "Akmola, Astana", False, P, 2 / 3),
    (LAST_THREE, "Tselinograd, Akmola, Astana", False, P, 2 / 4),
    (LAST_THREE, "Akmola, Astana, Nur-Sultan, Tselinograd", False, P, 3 / 4),
    (PEOPLE_LIST, "Tokayev and Masimov", True, A, 1),
    (PEOPLE_LIST, "Kassym-Jomart Tokayev, Karim Masimov", True, E, 1),
    (PEOPLE_LIST, "Tokayev, Nazarbayev", False, P, 1 / 3),
    # Lists in order: graded by position.
    (LAST_THREE_IN_ORDER, "Akmola, Astana, Nur-Sultan", True, E, 1),
    (LAST_THREE_IN_ORDER, "Akmola, Astana, Nursultan", True, E, 1),
    (LAST_THREE_IN_ORDER, "Akmola, Nur-Sultan, Astana", False, P, 1 / 3),
    (LAST_THREE_IN_ORDER, "Akmola, Astana", False, P, 2 / 3),
    (LAST_THREE_IN_ORDER, "Nur-Sultan, Astana, Akmola", False, P, 1 / 3),
    (LAST_THREE_IN_ORDER, "Akmola, Astana, Nur-Sultan, Akmola", False, P, 3 / 4),
    (LAST_THREE_IN_ORDER, "Astana, Nur-Sultan", False, W, 0),
    # Numbers.
    (PAID, "200", True, E, 1),
    (PAID, "$200", True, E, 1),
    (PAID, "$ 200", True, E, 1),
    (PAID, "200 dollars", True, E, 1),
    (PAID, "200$", True, E, 1),
    (PAID, "200.00", True, E, 1),
    (PAID, "two hundred", True, E, 1),
    (PAID, "Two hundred dollars", True, E, 1),
    (PAID, "about 200 USD", True, E, 1),
    (PAID, "300", False, W, 0),
    (PAID, "20", False, W, 0),
    (PAID, "2000", False, W, 0),
    (PAID, "200-300", False, W, 0),
    (PAID, "a lot", False, W, 0),
    (PAID, "200 or 300", False, W, 0),
    (KILLED, "225", True, E, 1),
    (KILLED, "227", True, E, 1),
    (KILLED, "250", True, E, 1),
    (KILLED, "200", True, E, 1),
    (KILLED, "two hundred and twenty-seven", True, E, 1),
    (KILLED, "251", False, W, 0),
    (RENAMED, "2019", True, E, 1),
    (RENAMED, "in 2019", True, E, 1),
    (RENAMED, "2,019", True, E, 1),
    (RENAMED, "2018", False, W, 0),
    # Ranges.
    (DETAINED, "3000-6000", True, E, 1),
    (DETAINED, "3,000-6,000", True, E, 1),
    (DETAINED, "3 000 – 6 000", True, E, 1),
    (DETAINED, "between 3000 and 6000", True, E, 1),
    (DETAINED, "between three thousand and six thousand", True, E, 1),
    (DETAINED, "from 3000 to 6000", True, E, 1),
    (DETAINED, "3000 to 6000 people", True, E, 1),
    (DETAINED, "3k-6k", True, E, 1),
    (DETAINED, "3-6k", True, E, 1),
    (DETAINED, "3 to 6 thousand", True, E, 1),
    (DETAINED, "6000-3000", True, E, 1),
    (DETAINED, "4000", True, E, 1),
    (DETAINED, "3,000", True, E, 1),
    (DETAINED, "6000", True, E, 1),
    (DETAINED, "4k", True, E, 1),
    (DETAINED, "2999", False, W, 0),
    (DETAINED, "10000", False, W, 0),
    (DETAINED, "3000-5000", False, P, 2 / 3),
    (DETAINED, "2000-7000", False, P, 3 / 5),
    (DETAINED, "7000-9000", False, W, 0),
    (DETAINED_RANGE_ONLY, "3000-6000", True, E, 1),
    (DETAINED_RANGE_ONLY, "4000", False, P, 0.5),
    (DETAINED_RANGE_ONLY, "2000", False, W, 0),
    # Dates; a date without its year is taken to be in the answer's year.
    (CSTO_LEFT, "11 January 2022", True, E, 1),
    (CSTO_LEFT, "January 11, 2022", True, E, 1),
    (CSTO_LEFT, "2022-01-11", True, E, 1),
    (CSTO_LEFT, "11.01.2022", True, E, 1),
    (CSTO_LEFT, "11/01/2022", True, E, 1),
    (CSTO_LEFT, "01/11/2022", False, W, 0),
    (CSTO_LEFT, "11 Jan 2022", True, E, 1),
    (CSTO_LEFT, "11th of January", True, E, 1),
    (CSTO_LEFT, "11 January", True, E, 1),
    (CSTO_LEFT, "Jan. 11th", True, E, 1),
    (CSTO_LEFT, "12 January 2022", False, W, 0),
    (CSTO_LEFT, "11 January 2021", False, W, 0),
    (CSTO_LEFT, "31 February 2022", False, W, 0),
    (CSTO_LEFT, "January", False, W, 0),
    (CSTO_LEFT_WEEK, "13 January 2022", True, E, 1),
    (CSTO_LEFT_WEEK, "15 January 2022", False, W, 0),
    (UNREST, "2 January 2022 to 11 January 2022", True, E, 1),
    (UNREST, "5 January 2022", True, E, 1),
    (UNREST, "20 January 2022", False, W, 0),
    # Choices: number, letter or text.
    (ALLIANCE, "2", True, E, 1),
    (ALLIANCE, "b", True, E, 1),
    (ALLIANCE, "B", True, E, 1),
    (ALLIANCE, "(b)", True, E, 1),
    (ALLIANCE, "b)", True, E, 1),
    (ALLIANCE, "the CSTO", True, E, 1),
    (ALLIANCE, "CSTO", True, E, 1),
    (ALLIANCE, "csto", True, E, 1),
    (ALLIANCE, "ОДКБ", False, W, 0),
    (ALLIANCE, "1", False, W, 0),
    (ALLIANCE, "a", False, W, 0),
    (ALLIANCE, "NATO", False, W, 0),
    (ALLIANCE, "5", False, W, 0),
    (ALLIANCE, "e", False, W, 0),
    (ALLIANCE, "1 2", False, W, 0),
    (ALLIANCE, "the Warsaw Pact", False, W, 0),
    (PRESIDENT, "2", True, E, 1),
    (PRESIDENT, "Tokayev", True, A, 1),  # a surname picks its option: the options are in view
    (PRESIDENT, "Kassym-Jomart Tokayev", True, E, 1),
    (PRESIDENT, "Kassym-Jomart Tokayew", True, T, 1),
    (PRESIDENT, "Nursultan Nazarbayev", False, W, 0),
    (YEARS, "1997", True, E, 1),
    (YEARS, "2", True, E, 1),
    (YEARS, "1991", False, W, 0),
    # Select several: partial credit.
    (SELECT, "1, 2, 3, 4", True, E, 1),
    (SELECT, "1 2 3 4", True, E, 1),
    (SELECT, "4,3,2,1", True, E, 1),
    (SELECT, "a b c d", True, E, 1),
    (SELECT, "a, b, c, d", True, E, 1),
    (SELECT, "Armenia, Tajikistan, Kazakhstan, Russia", True, E, 1),
    (SELECT, "Armenia\nTajikistan\nKazakhstan\nRussia", True, E, 1),
    (SELECT, "1, 2, 3", False, P, 3 / 4),
    (SELECT, "1, 2, 3, 4, 5", False, P, 4 / 5),
    (SELECT, "Armenia, Uzbekistan", False, P, 1 / 5),
    (SELECT, "5, 6", False, W, 0),
    (SELECT, "1, 1, 2, 3, 4", True, E, 1),
    # Order: partial credit by position.
    (ORDER, "5 4 1 3 2", True, E, 1),
    (ORDER, "5,4,1,3,2", True, E, 1),
    (ORDER, "54132", True, E, 1),
    (ORDER, "e d a c b", True, E, 1),
    (ORDER, "Akmolinsk, Tselinograd, Akmola, Astana, Nur-Sultan", True, E, 1),
    (ORDER, "Akmolinsk > Tselinograd > Akmola > Astana > Nur Sultan", True, E, 1),
    (ORDER, "5 4 1 2 3", False, P, 3 / 5),
    (ORDER, "1 2 3 4 5", False, W, 0),
    (ORDER, "5 4 1", False, P, 3 / 5),
    (ORDER, "5 4 1 3 2 1", False, P, 5 / 6),
    (ORDER, "5 4 1 3 9", False, W, 0),
    # True or false.
    (TRUE, "true", True, E, 1),
    (TRUE, "True", True, E, 1),
    (TRUE, "t", True, E, 1),
    (TRUE, "yes", True, E, 1),
    (TRUE, "Y", True, E, 1),
    (TRUE, "1", True, E, 1),
    (TRUE, "false", False, W, 0),
    (TRUE, "2", False, W, 0),
    (TRUE, "maybe", False, W, 0),
    (FALSE, "false", True, E, 1),
    (FALSE, "F", True, E, 1),
    (FALSE, "no", True, E, 1),
    (FALSE, "n", True, E, 1),
    (FALSE, "2", True, E, 1),
    (FALSE, "true", False, W, 0),
    (FALSE, "", False, EMPTY, 0),
]


def _label(case: tuple[Expectation, str, bool, Match, float]) -> str:
    expectation, answer, *_ = case
    return f"{type(expectation).__name__}:{answer!r}"


@pytest.mark.parametrize(("expectation", "answer", "correct", "match", "score"), CASES, ids=map(_label, CASES))
def test_grading_table(expectation: Expectation, answer: str, correct: bool, match: Match, score: float) -> None:
    verdict = grade(expectation, answer)
    assert (verdict.correct, verdict.match, verdict.score) == (correct, match, pytest.approx(score))


def test_the_table_covers_enough_cases() -> None:
    assert len(CASES) >= 150
    assert {match for *_, match, _ in CASES} == set(Match)


def test_correct_means_a_full_score() -> None:
    for expectation, answer, *_ in CASES:
        verdict = grade(expectation, answer)
        assert verdict.correct == (verdict.score == 1)
        assert 0 <= verdict.score <= 1
        assert (verdict.match is Match.PARTIAL) == (0 < verdict.score < 1)


def test_grading_a_question_instead_of_its_expectation_says_how_to_grade_a_question() -> None:
    import kzquiz

    question = kzquiz.bundled_deck("kazakhstan-2022").questions[0]
    with pytest.raises(TypeError, match=r"question\.check\(answer\)"):
        grade(question, "Astana")  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", [None, 42, b"Astana", ["Astana"]])
def test_an_answer_that_is_not_text_is_refused_with_what_it_is(answer: object) -> None:
    import kzquiz

    for question in kzquiz.bundled_deck("kazakhstan-2022").questions[:3]:
        with pytest.raises(TypeError, match=f"text \\(str\\), not {type(answer).__name__}"):
            question.check(answer)  # type: ignore[arg-type]

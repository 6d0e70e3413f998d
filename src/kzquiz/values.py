"""Answers that are values, not words: years, other numbers, times of day and dates, however they are written.

A teacher who writes ``answer = "1997"``, a blank ``{{9:00}}`` or an option "three" means a value; a learner who
writes ``in 1997``, ``nineteen ninety-seven``, ``9 a.m.`` or ``3`` gives the same value. :func:`form_value` reads
an accepted form as a value (or not at all: "Almaty" is no value), and :func:`answer_values` the values an answer
may mean, so that the matcher compares values where words would differ.
"""

from __future__ import annotations

import datetime as dt
import re

from kzquiz.numbers import MONTH_NAMES, english_months, mend_months, ordinal_digits, read_date, read_number

Value = tuple[str, float] | tuple[str, dt.date]
"""A value and its kind: ``("number", 1997.0)``, ``("time", 540.0)`` (minutes after midnight), ``("date", ...)``."""

NUMBER, TIME, DATE = "number", "time", "date"

_TIME = re.compile(
    r"(?<![\d:.])(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?\s*"
    r"(?P<half>a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'?\s?clock\b|hrs\b|h\b)?(?![\d:])",
    re.IGNORECASE,
)
_NAMED_TIMES = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}
_UNITS = [
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_FILLER = frozenset(
    [
        "in",
        "the",
        "year",
        "of",
        "since",
        "from",
        "around",
        "about",
        "approximately",
        "roughly",
        "circa",
        "c",
        "ca",
        "ad",
        "ce",
        "at",
        "it",
        "was",
        "is",
        "its",
        "number",
        "exactly",
        "just",
    ]
)
"""Words an answer may have around a value: "in 1997", "the year 1997", "at 9:00", "since 1998"."""
_WORD = re.compile(r"[^\W\d_]+")
_SCALE = frozenset({"hundred", "thousand", "and", "million", "k"})


def form_value(text: str) -> Value | None:
    """The value a form is, when it is nothing but one: "1997", "3", "three", "9:00", "5 January 2022"."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 40:
        return None
    time = _read_time(text, strict=True)
    if time is not None:
        return (TIME, time)
    date = read_date(text, 2000, typos=False)  # a teacher's form is spelt as meant
    if date is not None and date[0] == date[1] and _only_filler(text, _date_pattern_rest(text)):
        return (DATE, date[0])
    if all(word in _UNITS or word in _TENS or word in _SCALE for word in _WORD.findall(text.casefold())):
        number = read_number(text)
        if number is not None and number[0] == number[1]:
            return (NUMBER, number[0])
    return None


def answer_values(text: str, kinds: frozenset[str], year: int = 2000, *, typos: bool = True) -> list[Value]:
    """Every value of a kind in ``kinds`` that ``text`` may mean, most likely first; [] when it is no value.

    Words around the value are allowed only from a short list ("in", "the year", "since", "at", "about", ...): an
    answer with other words, several numbers or a bound ("before 1998") is not read as a value. With ``typos``, a
    misspelt month is read as the month it is a slip of.
    """
    text = text.strip()
    if not text or len(text) > 60:
        return []
    found: list[Value] = []
    if TIME in kinds:
        time = _read_time(text, strict=False)
        if time is not None:
            found.append((TIME, time))
    if DATE in kinds:
        said = ordinal_digits(english_months(text))  # "the eleventh of January", "11 января"
        date = read_date(said, year, typos=typos)
        if date is not None and date[0] == date[1] and _only_date(said, date[0], typos=typos):
            found.append((DATE, date[0]))
    if NUMBER in kinds:
        numbers = _numbers(text)
        found.extend((NUMBER, number) for number in numbers)
        year_said = None if numbers else year_of_date(text, typos=typos)
        if year_said is not None:
            found.append((NUMBER, float(year_said)))  # "December 1991" for the year 1991
    return found


_FOUR_DIGITS = re.compile(r"\d{4}")
_MONTH_YEAR = re.compile(r"(?:(?:in|of)\s+)?(?P<month>[^\W\d_]+)\.?,?\s+(?P<year>\d{4})")


def year_of_date(text: str, *, typos: bool = True) -> int | None:
    """The year of an answer that is a month and a year or a whole date with its year ("December 1991", "in
    December 1991", "16 December 1991", "1991-12-16"), for a question that asks for the year; None otherwise."""
    if _FOUR_DIGITS.search(text) is None:
        return None  # no year written: most answers
    stripped = english_months(text.strip().rstrip(".").casefold())
    if typos:
        stripped = mend_months(stripped).casefold()
    month_year = _MONTH_YEAR.fullmatch(stripped)
    if month_year is not None:
        return int(month_year["year"]) if month_year["month"] in MONTH_NAMES else None
    date = read_date(ordinal_digits(stripped), 1, typos=False)  # year 1: no year written
    if date is None or date[0] != date[1] or date[0].year == 1 or not _only_date(stripped, date[0], typos=False):
        return None
    return date[0].year


def _numbers(text: str) -> list[float]:
    """The numbers ``text`` may be: in digits or words, a year in words ("nineteen ninety-seven") too."""
    lowered = text.casefold().replace("-", " ")
    words = _WORD.findall(lowered)
    if any(word not in _FILLER and word not in _UNITS and word not in _TENS and word not in _SCALE for word in words):
        return []
        return []
    year = _year_in_words([w for w in words if w not in _FILLER])
    if year is not None:
        return [year]  # "nineteen ninety": not 19 + 90
    reading = read_number(text)
    return [reading[0]] if reading is not None and reading[0] == reading[1] else []


def _year_in_words(words: list[str]) -> float | None:
    """A year said the way years are: "nineteen ninety-seven", "nineteen oh five", "twenty twenty-two"."""
    if len(words) < 2:
        return None
    first = _small(words[:1]) if words[0] != "twenty" else 20
    if first is None or not 10 <= first <= 29:
        return None
    rest = words[1:]
    if rest == ["hundred"]:
        return float(first * 100)
    if rest[0] in ("oh", "zero") and len(rest) == 2:
        tail = _small(rest[1:])
        return float(first * 100 + tail) if tail is not None and 1 <= tail <= 9 else None
    tail = _small(rest)
    return float(first * 100 + tail) if tail is not None and 10 <= tail <= 99 else None


def _small(words: list[str]) -> int | None:
    """A number from 0 to 99 in words ("ninety seven"), or None."""
    if len(words) == 1:
        if words[0] in _TENS:
            return _TENS[words[0]]
        return _UNITS.index(words[0]) - 1 if words[0] in _UNITS[2:] else None
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS[2:11]:
        return _TENS[words[0]] + _UNITS.index(words[1]) - 1
    return None


def _read_time(text: str, *, strict: bool) -> float | None:
    """Minutes after midnight of a time of day: "9:00", "09:00", "9am", "9 a.m.", "21:00", "9 pm", "noon".

    ``strict`` (for a teacher's form) wants hours and minutes or am/pm; an answer may also be "9 o'clock".
    """
    lowered = text.casefold().strip()
    if lowered in _NAMED_TIMES:
        return float(_NAMED_TIMES[lowered])
    if not strict and _may_be_spoken(lowered):
        lowered = _spoken_time(lowered)  # "half past nine", "eleven pm", "11 in the evening"
    matches = list(_TIME.finditer(lowered))
    if len(matches) != 1:
        return None
    match = matches[0]
    if match["m"] is None and match["half"] is None:
        return None  # "9" alone is a number, not a time
    if strict and (match["half"] in ("h", "hrs") or (":" not in match.group(0) and match["half"] is None)):
        return None
    rest = (lowered[: match.start()] + " " + lowered[match.end() :]).strip(" .,")
    if any(word not in _FILLER for word in _WORD.findall(rest)) or re.search(r"\d", rest):
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    half = (match["half"] or "").replace(".", "").replace(" ", "")
    if half in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return float(hour % 24 * 60 + minute)


_LETTER = re.compile(r"[^\W\d_]")
_PERIOD = re.compile(r"\s+(?:in\s+the\s+(?P<am>morning)|in\s+the\s+(?:afternoon|evening)|at\s+night)\s*$")
_SMALL_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|(?:oh|zero)\s+[a-z]+"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
_RELATIVE = re.compile(
    rf"(?P<lead>.*?)\b(?P<m>half|(?:a\s+)?quarter|\d{{1,2}}|{_SMALL_WORD})(?:\s+minutes?)?\s+"
    r"(?P<rel>past|after|to|before)\s+(?P<h>\d{1,2}|[a-z]+)\b(?P<rest>.*)"
)
_HOUR_WORD = re.compile(
    rf"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?:[\s-]+(?P<m>{_SMALL_WORD})\b)?"
)


def _may_be_spoken(text: str) -> bool:
    """Whether ``text`` may say a time in words: it starts with a word, or has words a time in words has after a
    number ("11 in the evening", "10 to 6"); not "9 am" or "21:00", which need none of the work."""
    if not text[:1].isdigit():
        return _LETTER.search(text) is not None
    return " the " in text or "night" in text or " to " in text or "past" in text or "after" in text or "before" in text


def _spoken_time(text: str) -> str:
    """A time said in words written in digits, for :data:`_TIME`: "half past nine" → "9:30", "quarter to six" →
    "5:45", "nine thirty" → "9:30", "eleven pm" → "11 pm", "11 o'clock at night" → "11 pm"; or ``text``."""
    period = _PERIOD.search(text)
    if period is not None:
        text = re.sub(r"\s*o'?\s?clock\b", "", text[: period.start()]) + (" am" if period["am"] else " pm")
    relative = _RELATIVE.fullmatch(text)
    if relative is not None:
        minutes = _minutes(relative["m"])
        hour = _hour(relative["h"])
        if minutes is not None and hour is not None and 0 < minutes < 60:
            if relative["rel"] in ("to", "before"):
                hour, minutes = (hour - 1) or 12, 60 - minutes
            return f"{relative['lead']}{hour}:{minutes:02d}{relative['rest']}"
        return text
    return _HOUR_WORD.sub(_hour_digits, text)


def _hour_digits(match: re.Match[str]) -> str:
    hour = _UNITS.index(match[1]) - 1
    if match["m"] is None:
        return str(hour)
    minutes = _minutes(match["m"])
    if minutes is not None and 0 < minutes < 60:
        return f"{hour}:{minutes:02d}"  # "nine thirty", "nine oh five"
    return f"{hour} {match['m']}"  # "eleven pm", "nine o'clock"


def _minutes(said: str) -> int | None:
    if said == "half":
        return 30
    if said.endswith("quarter"):
        return 15
    if said.isdigit():
        return int(said)
    words = said.replace("-", " ").split()
    if words[0] in ("oh", "zero") and len(words) == 2:
        digit = _small(words[1:])
        return digit if digit is not None and digit < 10 else None
    return _small(words)


def _hour(said: str) -> int | None:
    hour = int(said) if said.isdigit() else _small([said])
    return hour if hour is not None and 1 <= hour <= 12 else None


def _only_date(text: str, date: dt.date, *, typos: bool) -> bool:
    """Whether ``text`` says nothing but ``date``: only words allowed around a value, and no number that is not
    the date's day, month or year ("5 January banana", "5 January 20.22" and "5 January 2022 3" are no date)."""
    own = {date.day, date.month, date.year, date.year % 100}
    if any(int(digits) not in own for digits in re.findall(r"\d+", text)):
        return False
    rest = _date_pattern_rest(mend_months(text) if typos else text)
    return all(word in _FILLER or word in MONTH_NAMES or word == "on" for word in _WORD.findall(rest))


def _date_pattern_rest(text: str) -> str:
    """``text`` without its digits and month names: what is left around a date."""
    return re.sub(r"\d+|(?:st|nd|rd|th)\b", " ", text.casefold())


def _only_filler(text: str, rest: str) -> bool:
    return all(word in _FILLER or word in MONTH_NAMES for word in _WORD.findall(rest))

"""Reading numbers, ranges and dates the way people type them.

"3000", "3,000", "3 000", "3k", "$200", "200 dollars", "two hundred", "3000-6000", "between 3000 and 6000",
"3 to 6 thousand"; "11 January 2022", "January 11, 2022", "2022-01-11", "11.01.2022", "11 January". A reading is
a ``(low, high)`` pair, equal for a single number. Anything that is not clearly one number or one range reads as
``None``: the grader then says it could not read the answer instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import NamedTuple

from rapidfuzz.distance import OSA

from kzquiz.folding import typo_allowance
from kzquiz.units import currency_prefix, find_unit, powered_name, unit_name

Reading = tuple[float, float]
"""A number answer: ``(low, high)``, the same value twice for a single number."""

DateReading = tuple[dt.date, dt.date]
"""A date answer: ``(first, last)``, the same date twice for a single date."""

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIXES = {
    "k": 1_000,
    "hundred": 100,
    "thousand": 1_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1e9,
    "billion": 1e9,
}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_NUMBER_WORD}))*\b")
_NUMBER = re.compile(
    r"""
    (?<![\w.])(?P<sign>-)?
    (?P<int>\d{1,3}(?:(?:,|[ '])\d{3})+|\d+)
    (?:\.(?P<frac>\d+)|,(?P<comma>\d{1,2})(?!\d))?
    (?:\s*(?P<scale>k|hundred|thousand|mln|mn|million|bn|billion)\b)?
    """,
    re.VERBOSE,
)
_CONNECTORS = frozenset({"-", "to", "and", "till", "until", "through", "up to"})
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(_MONTHS)
"""Month names and their abbreviations, as dates may be written."""
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?(?P<month>{_MONTH})\b\.?(?:,?\s*(?P<y>\d{{4}})\b)?"),
    re.compile(rf"\b(?P<month>{_MONTH})\b\.?\s*(?P<d>\d{{1,2}}){_ORDINAL}\b(?:,?\s*(?P<y>\d{{4}})\b)?"),
)


_FULL_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_LONG_WORD = re.compile(r"[^\W\d_]{5,12}")


def month_slip(word: str) -> str:
    """The month ``word`` is a misspelling of ("Janury" → "January"), by the typo rule for words: one slip in a
    name of 5 to 8 letters, two in 9 or more, none in shorter names (June and July); "" when ``word`` is a month
    already, no month, or as close to two months."""
    folded = word.casefold()
    if folded in _MONTHS or not 5 <= len(folded) <= 12:
        return ""
    best, found = 99, ""
    for month in _FULL_MONTHS:
        distance = OSA.distance(folded, month, score_cutoff=2)
        if distance <= typo_allowance(min(len(folded), len(month))):
            if distance < best:
                best, found = distance, month
            elif distance == best:
                found = ""  # as close to two months: neither
    return found.capitalize()


_OTHER_MONTHS = (
    ("январ", "қаңтар", "qantar"),
    ("феврал", "ақпан", "aqpan"),
    ("март", "наурыз", "nauryz"),
    ("апрел", "сәуір", "sauir"),
    ("ма", "мамыр", "mamyr"),
    ("июн", "маусым", "mausym"),
    ("июл", "шілде", "shilde"),
    ("август", "тамыз", "tamyz"),
    ("сентябр", "қыркүйек", "qyrkuiek"),
    ("октябр", "қазан", "qazan"),
    ("ноябр", "қараша", "qarasha"),
    ("декабр", "желтоқсан", "jeltoqsan"),
)
_OTHER_MONTH = re.compile(
    r"\b(?:(?P<russian>январ|феврал|март|апрел|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]{0,2}|ма[йяе]|"
    + "|".join(f"(?:{kazakh}|{latin})" for _, kazakh, latin in _OTHER_MONTHS)
    + r")\b",
    re.IGNORECASE,
)
_OTHER_MONTH_NUMBER = {
    name: number for number, names in enumerate(_OTHER_MONTHS, start=1) for name in names if name != "ма"
}


def english_months(text: str) -> str:
    """``text`` with month names in Russian (any case: "января", "январь") and Kazakh ("қаңтар", "qantar")
    written in English, so that "11 января 2022" reads as a date; the rest as it was."""
    if text.isascii() and _LATIN_KAZAKH_HINT.search(text.casefold()) is None:
        return text
    return _OTHER_MONTH.sub(_english_month, text)


_LATIN_KAZAKH_HINT = re.compile("q|nauryz|sauir|mamyr|mausym|shilde|tamyz")
"""Every Kazakh month name in Latin letters has one of these (the others have a q)."""


def _english_month(match: re.Match[str]) -> str:
    said = match.group(0).casefold()
    if said.startswith("ма") and len(said) == 3:
        return "may"
    stem = match["russian"].casefold() if match["russian"] else said
    return _FULL_MONTHS[_OTHER_MONTH_NUMBER[stem] - 1]


def mend_months(text: str) -> str:
    """``text`` with every misspelt month name (see :func:`month_slip`) spelt right, the rest as it was."""
    return _LONG_WORD.sub(lambda match: month_slip(match.group(0)) or match.group(0), text)


class Bound(enum.Enum):
    """A number said as a bound rather than a value: "at least 3000", "3000+", "up to 6000", "under 6000"."""

    AT_LEAST = "at least"
    AT_MOST = "at most"


class Amount(NamedTuple):
    """A number answer as read: ``low`` to ``high`` (equal for one number), the unit names written at each end
    ("" where none), and the bound it was said as, if any."""

    low: float
    high: float
    low_unit: str = ""
    high_unit: str = ""
    bound: Bound | None = None


_NEGATED_BOUND = re.compile(r"\b(?:no|not)\s+(more|less|fewer)\s+than\s*$")
_BEFORE_AT_MOST = re.compile(
    r"\b(?:at\s+most|up\s+to|under|below|less\s+than|fewer\s+than|max(?:imum)?(?:\s+of)?|as\s+many\s+as)\s*$"
)
_BEFORE_AT_LEAST = re.compile(
    r"\b(?:at\s+least|more\s+than|over|above|greater\s+than|upwards\s+of|in\s+excess\s+of|min(?:imum)?(?:\s+of)?)"
    r"\s*$"
)
_BEFORE_IN_TIME = re.compile(r"\b(?:before|earlier\s+than|prior\s+to|(?P<after>after|later\s+than))\s*$")
_NEGATED = re.compile(r"\b(?:not|never)\s*$")
_BEFORE_CHRIST = re.compile(r"\s*b\.?\s?c\.?(?:\s?e\.?)?(?!\w)")
_AFTER_BOUND = re.compile(
    r"\s*(?:(?:or|and)\s+(?:(?P<up>more|over|above|higher|greater)|(?P<down>less|fewer|under|below|lower))"
    r"\b|at\s+(?:(?P<least>least)|most)\b)"
)


def read_number(text: str) -> Reading | None:
    """Read one number or one range from ``text``; ``None`` if it holds no number or several unrelated ones.

    Units and bounds are read past: see :func:`read_amount` for them.
    """
    amount = read_amount(text)
    return None if amount is None else (amount.low, amount.high)


def read_amount(text: str) -> Amount | None:
    """Read one number or one range from ``text``, with the unit names written beside it and any bound.

    ``None`` if it holds no number or several unrelated ones.
    """
    text = text.casefold().translate(_DASHES)
    if "en" in text or "twelve" in text:  # every number word a year in words starts with has one of these
        text = _YEAR_WORDS.sub(_year_digits, text)
    text = _words_to_digits(text)
    if "^" in text:
        text = _CARET_POWER.sub(lambda power: "²" if power[1] == "2" else "³", text)  # "km^2"
    if "a" in text and not _ANY_DIGIT.search(text):
        text = _ONE_UNIT.sub(_one_unit, text)  # "a day", "an hour", "half a day"
    if "half" in text:
        text = _AND_A_HALF.sub(_and_a_half, text)  # "1 and a half hours", "an hour and a half"
    if "h" in text and "hour" not in text:
        text = _HOURS_MINUTES.sub(r"\1 h \2 min", text)  # "1h30"
    found = list(_NUMBER.finditer(text))
    if len(found) == 1:
        return _one_amount(text, found[0])
    if len(found) != 2:
        return None
    first, second = found
    low_after = _unit_after(text, first.end())
    if low_after[0]:
        compound = _compound(text, first, second, low_after)
        if compound is not None:
            return compound
    high_before = _unit_before(text, second.start(), first.end())
    low, high = _value(first), _value(second)
    era = _BEFORE_CHRIST.match(text, low_after[1])
    if era is not None:
        low, low_after = -low, (low_after[0], era.end())  # "27 BC to 476"
    between = text[low_after[1] : high_before[1]].strip()
    if not between and second["sign"]:
        between, high = "-", -high  # "3000 -6000": the minus was the dash of a range
    if between not in _CONNECTORS:
        return None
    if second["scale"] and not first["scale"] and low * _SUFFIXES[second["scale"]] <= high:
        low *= _SUFFIXES[second["scale"]]  # "3 to 6 thousand", "3-6k"
    high_after = _unit_after(text, second.end())
    low_unit = low_after[0] or _unit_before(text, first.start())[0]
    high_unit = high_after[0] or high_before[0]
    low_unit, high_unit = low_unit or high_unit, high_unit or low_unit  # "2-3 days", "$200-300"
    if _BEFORE_CHRIST.match(text, high_after[1]):
        low, high = -abs(low), -high  # "100-44 BC"
    if low > high:
        low, high, low_unit, high_unit = high, low, high_unit, low_unit
    return Amount(low, high, low_unit, high_unit)


def _one_amount(text: str, number: re.Match[str]) -> Amount | None:
    """The amount of ``text`` when it holds one number: its units, and the words that bound or exclude it."""
    value = _value(number)
    plus = text.startswith("+", number.end())  # "3000+ people"
    before, after = _unit_before(text, number.start()), _unit_after(text, number.end() + plus)
    if after[0] == "m":  # "2.7m km²", "$19m": m for million before another unit or after a currency
        other = _unit_after(text, after[1])
        if other[0] or before[0]:
            value *= 1e6
            after = other if other[0] else ("", after[1])
    if before[1] and _NEGATED.search(text, 0, before[1]):
        return None  # "not 1991" says what the answer is not
    if after[1] < len(text) and _BEFORE_CHRIST.match(text, after[1]):
        value = -value  # "44 BC" is the year -44
    unit = after[0] or before[0]
    bound = Bound.AT_LEAST if plus else _bound(text, before[1], after[1])
    if not unit and not bound and before[1]:
        in_time = _BEFORE_IN_TIME.search(text, 0, before[1])
        if in_time is not None:  # "before 1991"; but "after 2 days" is 2 days
            bound = Bound.AT_LEAST if in_time["after"] else Bound.AT_MOST
    return Amount(value, value, unit, unit, bound)


_CARET_POWER = re.compile(r"\^\s*([23])(?!\d)")
_AND_A_HALF = re.compile(r"(?<![\w.])(\d+)(\s+[^\W\d_]+)?\s+and\s+a\s+half\b")
_HOURS_MINUTES = re.compile(r"(?<![\w.])(\d{1,2})\s*h\s*([0-5]\d)(?:\s*m(?:in)?\b)?\b(?!\s*[^\W\d_])")
_SMALLER = {"hours": "minutes", "minutes": "seconds", "feet": "inches", "metres": "centimetres"}
"""The unit a second number without its own unit is in, after a number in these: "1 h 30", "5 ft 11", "1 m 80"."""


def _and_a_half(match: re.Match[str]) -> str:
    return f"{int(match[1])}.5{match[2] or ''}"


def _compound(text: str, first: re.Match[str], second: re.Match[str], big_unit: tuple[str, int]) -> Amount | None:
    """One amount said in two units of one kind, the larger (``big_unit``, written after the first number and
    where it ends) first: "1 hour 30 minutes", "1 h 30", "5 feet 11 inches", "2 dollars and 50 cents"; the total
    is in the smaller unit. None when ``text`` is not one."""
    big_name, big_end = big_unit
    if first["sign"] or second["sign"] or text[: first.start()].strip() not in ("", "about", "around"):
        return None
    if text[big_end : second.start()].strip(" ,") not in ("", "and"):
        return None
    big = find_unit(big_name)
    small_name, small_end = _unit_after(text, second.end())
    if big is not None and not small_name:
        small_name, small_end = _SMALLER.get(big.name, ""), second.end()
    small = find_unit(small_name, big) if small_name else None
    if big is None or small is None or small.dimension != big.dimension or small.size >= big.size or big.offset:
        return None
    if text[small_end:].strip(" .") or _value(second) * small.size >= big.size:
        return None  # more follows, or "1 hour 90 minutes" is no way to say it
    total = big.convert(_value(first), small) + _value(second)
    return Amount(total, total, small.name, small.name)


_ANY_DIGIT = re.compile(r"\d")
_ONE_UNIT = re.compile(r"\b(half\s+an?|an?)\s+(?=[^\W\d_])")


def _one_unit(match: re.Match[str]) -> str:
    """ "a" or "half a" before a unit name as a number: "a day" is 1 day, "half an hour" 0.5 hours."""
    if unit_name().match(match.string, match.end()) is None:
        return match.group(0)
    return "0.5 " if match.group(1).startswith("half") else "1 "


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """The unit name written right after a number ending at ``end``, and where it ends."""
    start = end
    while start < len(text) and text[start] == " ":
        start += 1
    match = unit_name().match(text, start)
    if match is None:
        return "", end
    return powered_name(" ".join(match.group(0).split())), match.end()


def _unit_before(text: str, start: int, floor: int = 0) -> tuple[str, int]:
    """The currency symbol or code written right before a number starting at ``start``, and where it starts."""
    match = currency_prefix().search(text, floor, start)
    if match is None:
        return "", start
    return match.group(0).strip(), match.start()


def _bound(text: str, start: int, end: int) -> Bound | None:
    """The bound words around one number (and its units) from ``start`` to ``end``."""
    head = text[:start]
    negated = _NEGATED_BOUND.search(head)
    if negated:
        return Bound.AT_MOST if negated.group(1) == "more" else Bound.AT_LEAST
    if _BEFORE_AT_MOST.search(head):
        return Bound.AT_MOST
    if _BEFORE_AT_LEAST.search(head):
        return Bound.AT_LEAST
    after = _AFTER_BOUND.match(text, end)
    if after is not None:
        return Bound.AT_LEAST if after["up"] or after["least"] else Bound.AT_MOST
    return None


def read_date(text: str, year: int, *, typos: bool = True) -> DateReading | None:
    """Read one date or a range of two from ``text``; a date without a year is taken to be in ``year``.

    With ``typos``, a misspelt month is read as the month it is a slip of ("15 Janury 2022"; see
    :func:`month_slip`).
    """
    text = text.casefold().translate(_DASHES)
    if typos:
        text = mend_months(text).casefold()
    found: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            date = _date(match, year)
            if date is None:
                return None
            taken.append(match.span())
            found.append((match.start(), match.end(), date))
    found.sort()
    if len(found) == 1:
        return found[0][2], found[0][2]
    if len(found) != 2:
        return None
    between = text[found[0][1] : found[1][0]].strip()
    if between not in _CONNECTORS:
        return None
    first, last = found[0][2], found[1][2]
    return (first, last) if first <= last else (last, first)


_NOT_THE_DATE = re.compile(
    rf"\b(?:(?:not|never)\s+(?:(?:on|in|the)\s+)*(?=\d|(?:{_MONTH})\b)|before|after|earlier\s+than|later\s+than"
    r"|prior\s+to)\b|(?<=\d)\s*b\.?\s?c\.?(?:\s?e\.?)?(?!\w)"
)


def not_the_date(text: str) -> bool:
    """Whether ``text`` says a date only to exclude it or bound it: "not 11 January", "before 11 January 2022",
    "after 5 May", "11 January 44 BC"; such an answer names no day, whatever date it holds."""
    folded = text.casefold()
    if _NOT_THE_DATE_HINT.search(folded) is None:
        return False  # most dates: no need for the whole pattern
    return _NOT_THE_DATE.search(folded) is not None


_NOT_THE_DATE_HINT = re.compile(r"n[oe]|before|after|than|prior|b\.?\s?c")


def _date(match: re.Match[str], year: int) -> dt.date | None:
    groups = match.groupdict()
    month = _MONTHS[groups["month"]] if groups.get("month") else int(groups["m"])
    day = int(groups["d"])
    if groups.get("sep") == "/" and month > 12 >= day:
        day, month = month, day  # 01/31/2022: the month came first
    try:
        return dt.date(int(groups["y"]) if groups.get("y") else year, month, day)
    except ValueError:
        return None


def _value(match: re.Match[str]) -> float:
    whole = re.sub(r"[ ,']", "", match["int"])
    fraction = match["frac"] or match["comma"] or "0"
    value = float(f"{whole}.{fraction}")
    if match["scale"]:
        value *= _SUFFIXES[match["scale"]]
    return -value if match["sign"] else value


_TEEN_OR_TENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
_TENS_WORD = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
_YEAR_WORDS = re.compile(
    rf"\b(?P<century>{_TEEN_OR_TENS})[\s-]+(?:(?:oh|zero)[\s-]+(?P<digit>{_DIGIT_WORD})"
    rf"|(?P<tens>{_TENS_WORD})(?:[\s-]+(?P<unit>{_DIGIT_WORD}))?|(?P<teen>{_TEEN_OR_TENS}))\b(?![\s-]+(?:hundred|thousand))"
)


def _year_digits(match: re.Match[str]) -> str:
    """A year said the way years are, as digits: "nineteen ninety-one" → "1991", "nineteen oh five" → "1905"."""
    century = _UNITS[match["century"]] * 100
    if match["digit"]:
        return str(century + _UNITS[match["digit"]])
    if match["teen"]:
        return str(century + _UNITS[match["teen"]])
    return str(century + _UNITS[match["tens"]] + (_UNITS[match["unit"]] if match["unit"] else 0))


def _words_to_digits(text: str) -> str:
    """Replace numbers written in words with digits: "two hundred and fifty" → "250"."""
    return _WORD_RUN.sub(_spell_out, text)


def _spell_out(match: re.Match[str]) -> str:
    # "and" joins the parts of one number ("two hundred and fifty") unless a scale follows it, in which case it
    # joins two numbers ("between three thousand and six thousand").
    if match.group(0).split()[0] in _SCALES and match.string[: match.start()].rstrip()[-1:].isdigit():
        return match.group(0)  # "6 thousand": a suffix of the number before it
    parts = re.split(r"\s+and\s+", match.group(0))
    numbers: list[list[str]] = [parts[0].replace("-", " ").split()]
    for part in parts[1:]:
        words = part.replace("-", " ").split()
        if any(word in _SCALES for word in words):
            numbers.append(words)
        else:
            numbers[-1].extend(words)
    return " and ".join(_words_number(words) for words in numbers)


_BIG_SCALES = frozenset({"thousand", "million", "billion"})


def _words_number(words: list[str]) -> str:
    """One number in words as digits; one that ends in its only scale keeps it as a word ("six thousand" →
    "6 thousand"), so that a range reads like one in digits ("three to six thousand" is 3000 to 6000)."""
    if len(words) > 1 and words[-1] in _BIG_SCALES and not _BIG_SCALES.intersection(words[:-1]):
        return f"{_words_value(words[:-1])} {words[-1]}"
    return str(_words_value(words))


def _words_value(words: list[str]) -> int:
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current


_ORDINAL_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ORDINAL_WORDS = {
    **_ORDINAL_UNITS,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_ORDINAL_WORD = re.compile(
    rf"\b(?:(?P<tens>{_TENS_WORD})[\s-]?)?(?P<ordinal>{'|'.join(_ORDINAL_WORDS)})\b", re.IGNORECASE
)


def ordinal_digits(text: str) -> str:
    """``text`` with ordinal numbers in words written in digits: "second" → "2nd", "nineteenth century" →
    "19th century", "twenty-first" → "21st"; the rest as it was."""
    if len(text) > _ORDINAL_TEXT or _ORDINAL_END.search(text) is None:
        return text  # no word ends as an ordinal does (most answers), or a text too long to be one answer's words
    return _ORDINAL_WORD.sub(_ordinal_digits, text)


_ORDINAL_TEXT = 100
"""The longest text read for ordinal words: an answer, a blank or a list item is far shorter, and the pattern
costs about 15 µs for each 1,000 characters."""
_ORDINAL_END = re.compile(r"[sSnNrRtT][tTdDhH]\b")


def _ordinal_digits(match: re.Match[str]) -> str:
    number = _ORDINAL_WORDS[match["ordinal"].casefold()]
    if match["tens"]:
        if number > 9:
            return match.group(0)  # "twenty tenth" is no ordinal
        number += _UNITS[match["tens"].casefold()]
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def number_mentions(text: str) -> list[str]:
    """Every stretch of ``text`` that says one number, range or date the way :func:`read_amount` and
    :func:`read_date` read answers, with the unit or currency written beside it: "8,849 metres", "two days",
    "$200", "3,000 to 6,000 people", "11 January 2022".

    So that a sentence can be asked what an answer is asked: does it say this number?
    """
    text = _words_to_digits(text.casefold().translate(_DASHES))
    found = [match.group() for pattern in _DATE_PATTERNS for match in pattern.finditer(text)]
    numbers = list(_NUMBER.finditer(text))
    for i, number in enumerate(numbers):
        start = _unit_before(text, number.start(), numbers[i - 1].end() if i else 0)[1]
        found.append(text[start : _unit_after(text, number.end())[1]])
        if i + 1 < len(numbers):  # a range: "3,000 to 6,000 people"
            found.append(text[start : _unit_after(text, numbers[i + 1].end())[1]])
    return found

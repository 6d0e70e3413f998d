"""Units of measure a number fact can be asked in, and converting answers between them.

A small, data-driven table rather than a units library: pint (the best-kept Python one) takes about 150 ms to
import and 1.4 s and 12 MB to build its registry, converts in about 60 µs (over our 50 µs grading budget), and
knows no currencies, counts or plural names such as "US dollars" or "people". What graders need is narrower:
the everyday names, symbols and codes people type, which of them measure the same thing, and the factor between
them. Every unit belongs to a *dimension*: units of one dimension convert into each other (48 hours are 2 days),
units of different dimensions never do (days are not kilometres). Each currency is its own dimension, because
exchange rates are not facts of a deck: 200 euros are never 200 US dollars.

The table is the documentation: docs/grading.md lists the same names. Calendar units (months, years and longer)
are marked approximate: converting them to or from exact units allows a 1% slack, so 730 days are 2 years.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs

# dimension, size in the dimension's base unit, "~" for approximate (or "+N" for a unit whose zero is N base units
# up, as temperatures are), display name | every name people type.
# A name listed under several units (dollars, pounds, ¥) is ambiguous: the fact's own unit decides.
_TABLE = """
duration 1 - seconds | s sec secs second seconds
duration 60 - minutes | min mins minute minutes
duration 3600 - hours | h hr hrs hour hours
duration 86400 - days | d day days
duration 604800 - weeks | wk wks week weeks
duration 2629800 ~ months | mo month months
duration 31557600 ~ years | yr yrs year years
duration 315576000 ~ decades | decade decades
duration 3155760000 ~ centuries | century centuries
length 1 - metres | m metre metres meter meters
length 1000 - kilometres | km kms kilometre kilometres kilometer kilometers
length 0.01 - centimetres | cm centimetre centimetres centimeter centimeters
length 0.001 - millimetres | mm millimetre millimetres millimeter millimeters
length 1609.344 - miles | mi mile miles
length 0.9144 - yards | yd yds yard yards
length 0.3048 - feet | ft foot feet
length 0.0254 - inches | inch inches
area 1 - square metres | m² m2 sqm sq_m square_metre square_metres square_meter square_meters
area 1000000 - square kilometres | km² km2 sq_km square_kilometre square_kilometres square_kilometer square_kilometers
area 10000 - hectares | ha hectare hectares
area 4046.8564224 - acres | acre acres
area 2589988.110336 - square miles | mi² sq_mi square_mile square_miles
mass 1 - kilograms | kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes
mass 0.001 - grams | g gram grams gramme grammes
mass 1000 - tonnes | t tonne tonnes metric_ton metric_tons
mass 0.45359237 - pounds | lb lbs pound pounds
mass 0.028349523125 - ounces | oz ounce ounces
volume 1 - litres | l litre litres liter liters
volume 0.001 - millilitres | ml millilitre millilitres milliliter milliliters
volume 1000 - cubic metres | m³ m3 cubic_metre cubic_metres cubic_meter cubic_meters
share 1 - percent | % percent per_cent pct
angle 1 - degrees | ° deg degree degrees
angle 57.29577951308232 - radians | rad radian radians
temperature 1 +273.15 degrees Celsius | °c ℃ c celsius centigrade degrees_celsius ° degree degrees
temperature 0.5555555555555556 +255.37222222222223 degrees Fahrenheit | °f ℉ f fahrenheit degrees_fahrenheit ° degrees
temperature 1 +0 kelvins | kelvin kelvins
speed 1 - metres per second | m/s mps metres_per_second meters_per_second metre_per_second meter_per_second
speed 0.2777777777777778 - km/h | km/h kmh kph km_per_hour kilometres_per_hour kilometers_per_hour
speed 0.44704 - miles per hour | mph mi/h miles_per_hour mile_per_hour
speed 0.5144444444444445 - knots | kn kt kts knot knots
people 1 - people | people persons person individuals
times 1 - times | times
USD 1 - US dollars | $ us$ usd dollar dollars us_dollar us_dollars american_dollars bucks
USD 0.01 - cents | ¢ c cent cents
EUR 1 - euros | € eur euro euros
EUR 0.01 - euro cents | cent cents euro_cent euro_cents
KZT 1 - tenge | ₸ kzt tenge tenges
KZT 0.01 - tiyn | tiyn tiyns
RUB 1 - roubles | ₽ rub rouble roubles ruble rubles russian_roubles russian_rubles
RUB 0.01 - kopecks | kopeck kopecks kopek kopeks kopeyka kopeyki
BYN 1 - Belarusian roubles | byn belarusian_rouble belarusian_roubles belarusian_ruble belarusian_rubles
GBP 1 - pounds sterling | £ gbp pound pounds pound_sterling pounds_sterling british_pounds
GBP 0.01 - pence | penny pence pennies
CNY 1 - yuan | cny rmb yuan renminbi ¥
JPY 1 - yen | jpy yen ¥
KGS 1 - som | kgs som soms
UZS 1 - sum | uzs sum soum
UAH 1 - hryvnias | ₴ uah hryvnia hryvnias hryvnya
TRY 1 - Turkish lira | ₺ try lira liras turkish_lira
INR 1 - rupees | ₹ inr rupee rupees
CHF 1 - Swiss francs | chf swiss_franc swiss_francs franc francs
CAD 1 - Canadian dollars | cad c$ ca$ can$ dollar dollars canadian_dollar canadian_dollars
CAD 0.01 - cents | cent cents
AUD 1 - Australian dollars | aud a$ au$ dollar dollars australian_dollar australian_dollars
AUD 0.01 - cents | cent cents
HKD 1 - Hong Kong dollars | hkd hk$ dollar dollars hong_kong_dollar hong_kong_dollars
SGD 1 - Singapore dollars | sgd s$ dollar dollars singapore_dollar singapore_dollars
NZD 1 - New Zealand dollars | nzd nz$ dollar dollars new_zealand_dollar new_zealand_dollars
"""

APPROXIMATE_SLACK = 0.01
"""Relative slack when converting between a calendar unit (months, years, ...) and another unit of time."""


@attrs.frozen
class Unit:
    """One unit: what it measures (``dimension``), its size in that dimension's base unit, and its names.

    ``name`` is how feedback names it ("US dollars"); ``approximate`` marks calendar units whose length varies;
    ``scale`` is the number word a fact's unit starts with (1,000,000 for "million km²").
    """

    name: str
    dimension: str
    size: float
    names: tuple[str, ...] = ()
    approximate: bool = False
    scale: float = 1.0
    offset: float = 0.0

    def convert(self, value: float, to: Unit) -> float:
        """``value`` of this unit, expressed in ``to`` (of the same dimension)."""
        if self is to:
            return value
        if self.offset or to.offset:  # temperatures: 68 °F is 20 °C, to the ninth decimal
            return round((value * self.size + self.offset - to.offset) / to.size, 9)
        return value * self.size / to.size

    @property
    def is_currency(self) -> bool:
        """True for a currency (its dimension is its ISO code)."""
        return self.dimension.isupper()


def _parse(table: str) -> tuple[Unit, ...]:
    units = []
    for line in table.strip().splitlines():
        head, _, names = line.partition("|")
        dimension, size, mark, *display = head.split()
        units.append(
            Unit(
                " ".join(display),
                dimension,
                float(size),
                tuple(name.replace("_", " ") for name in names.split()),
                mark == "~",
                offset=float(mark) if mark[0] == "+" else 0.0,
            )
        )
    return tuple(units)


UNITS: tuple[Unit, ...] = _parse(_TABLE)
"""Every known unit, in the order of the table."""

_BY_NAME: dict[str, tuple[Unit, ...]] = {}
for _unit in UNITS:
    for _name in _unit.names:
        _BY_NAME[_name] = (*_BY_NAME.get(_name, ()), _unit)

_SPACES = re.compile(r"\s+")


def _key(name: str) -> str:
    return _SPACES.sub(" ", name.strip().casefold().replace(".", ""))


def units_named(name: str) -> tuple[Unit, ...]:
    """The units ``name`` may mean ("dollars": US, Canadian, Australian dollars), most likely first."""
    return _BY_NAME.get(_key(name), ())


def find_unit(name: str, prefer: Unit | None = None) -> Unit | None:
    """The unit ``name`` means; of several, the one of ``prefer``'s dimension (else the most likely), or None."""
    found = units_named(name)
    if not found:
        return None
    if prefer is not None:
        if prefer in found:
            return prefer  # "degrees" is a fact's own degrees Fahrenheit before degrees Celsius
        for unit in found:
            if unit.dimension == prefer.dimension:
                return unit
    return found[0]


@cache
def fact_unit(name: str) -> Unit | None:
    """The unit of a fact's ``unit`` text: a known unit, a count of anything else ("villages"), or None if empty.

    A name that is not in the table is a count of that thing: answers may write it or leave it out, and an
    answer in a known unit (kilometres, dollars) is in a different unit.
    """
    if not name.strip():
        return None
    known = find_unit(name)
    if known is not None:
        return known
    first, _, rest = _key(name).partition(" ")
    if first in _SCALES and rest:
        base = fact_unit(rest.removeprefix("of "))
        if base is not None:  # "million km²", "thousand people", "billion dollars"
            scale = _SCALES[first]
            return attrs.evolve(base, name=f"{first} {base.name}", size=base.size * scale, scale=scale)
    return Unit(_key(name), f"count of {_key(name)}", 1.0, (_key(name), _key(name).removesuffix("s")))


def is_known_unit(name: str) -> bool:
    """Whether a fact's ``unit`` is in the table (perhaps after a number word: "million km²")."""
    unit = fact_unit(name)
    return unit is not None and not unit.dimension.startswith("count of ")


_SCALES = {"thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9}


def nearest_names(name: str, most: int = 3) -> list[str]:
    """Known unit names closest to an unknown ``name``, for a "did you mean" hint."""
    return difflib.get_close_matches(_key(name), list(_BY_NAME), n=most, cutoff=0.7)


def slack(unit: Unit, other: Unit) -> float:
    """The relative slack when comparing an amount converted between ``unit`` and ``other``.

    Exact units allow only rounding noise; a calendar unit against another unit allows
    :data:`APPROXIMATE_SLACK`, since a month or a year has no single length (730 days are 2 years).
    """
    if unit is other:
        return 0.0
    return APPROXIMATE_SLACK if unit.approximate or other.approximate else 1e-9


@cache
def unit_name() -> re.Pattern[str]:
    """Any known unit name (longest first), not followed by a letter: matched right after or before a number.

    Compiled on first use, so that loading the grader costs nothing until a number is read.
    """
    return re.compile(rf"(?:{_trie(_BY_NAME)})(?:\s*[²³])?(?![^\W\d_])", re.IGNORECASE)


def _trie(names: Iterable[str]) -> str:
    """A pattern for any of ``names`` that matches the longest it can, as a character trie: each character is
    compared once, where a list of 300 alternatives would try them one by one. A space matches any white space."""
    root: dict[str, dict[str, Any]] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, dict[str, Any]]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        if "" in node:  # a name ends here: longer ones first, then this one
            return f"(?:{'|'.join(branches)})?"
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(root)


_POWER = re.compile(r"\s*(?:(?P<square>²)|³)$")


def powered_name(name: str) -> str:
    """A unit name written with a power as the name of the square or cubic unit: "miles²" → "square miles",
    "metres³" → "cubic metres"; a power of a unit with no such name stays as written ("ft²"),
    which no unit has, so an answer in it is in another unit. Other names are returned as they are."""
    power = _POWER.search(name)
    if power is None:
        return name
    base = name[: power.start()].strip()
    mark, word = ("²", "square") if power["square"] else ("³", "cubic")
    for candidate in (base + mark, f"{word} {base}"):
        if units_named(candidate):
            return candidate
    return base + mark


@cache
def currency_prefix() -> re.Pattern[str]:
    """A currency symbol or code written before a number ("$200", "USD 200", "€5"), at the end of the text."""
    names = {
        re.escape(name)
        for unit in UNITS
        if unit.is_currency
        for name in unit.names
        if not name.isalpha() or name == unit.dimension.casefold()
    }
    return re.compile("(?<![a-z])(?:{})\\s*$".format("|".join(sorted(names, key=len, reverse=True))))

"""Writing a deck, or single facts, as kzquiz TOML deck text that :func:`kzquiz.load_deck` reads back unchanged.

Keys come in the canonical order (:func:`fact_key_order`), the same order ``kzquiz fmt`` puts them in, and only
keys that differ from their defaults are written, so an imported deck reads like one a teacher wrote by hand.
"""

from __future__ import annotations

import datetime as dt
import math

from kzquiz.deckreader import COMMON_KEYS, KIND_KEYS
from kzquiz.model import (
    AnswerFact,
    AnyFact,
    ChoiceFact,
    ClozeFact,
    Deck,
    FactKind,
    Item,
    NumberFact,
    PartialAnswer,
    PartialRange,
    SequenceFact,
    SetFact,
    StatementFact,
)

Value = str | bool | int | float | dt.date | list["Value"] | dict[str, "Value"]

DECK_KEY_ORDER = ("id", "title", "language", "description", "as_of", "source")
"""The order of the keys of the ``[deck]`` table."""

_TRAILING_KEYS = ("tags", "group", "note", "quote", "as_of", "accents", "surname", "typos", "forms")


def fact_key_order(kind: FactKind | None) -> tuple[str, ...]:
    """The canonical key order of a fact: ``id``, ``kind``, the kind's own keys, then the common keys."""
    own = KIND_KEYS[kind] if kind else tuple(k for keys in KIND_KEYS.values() for k in keys)
    rest = tuple(k for k in COMMON_KEYS if k not in ("id", "kind") and k not in _TRAILING_KEYS)
    return ("id", "kind", *dict.fromkeys(own), *_TRAILING_KEYS, *rest)


_INVISIBLE = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidi marks and overrides, written as escapes like control characters (C0 and C1): raw, they would reorder what
an editor or ``cat`` shows of the deck file (the "Trojan Source" trick); as ``\\u202e`` they are seen."""


def toml_string(text: str) -> str:
    """``text`` as a TOML string: a basic string, or a multi-line one when it has line breaks."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    out = []
    multiline = "\n" in text.strip("\n")
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\n" if multiline else "\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or char in _INVISIBLE:
            out.append(f"\\u{code if code < 0xD800 else 0xFFFD:04x}")
        else:
            out.append(char)
    body = "".join(out)
    return f'"""\n{body}"""' if multiline else f'"{body}"'


def toml_value(value: Value) -> str:
    """Any deck value as TOML (lists and tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            # TOML's own spelling; the deck loader refuses it with its place, so an importer skips just that fact.
            return "nan" if math.isnan(value) else "inf" if value > 0 else "-inf"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else toml_string(key)


def _item(item: Item) -> Value:
    if not item.aliases and not item.context and not item.quote:
        return item.text
    table: dict[str, Value] = {"text": item.text}
    if item.aliases:
        table["aliases"] = list(item.aliases)
    if item.context:
        table["context"] = item.context
    if item.quote:
        table["quote"] = item.quote
    return table


def _partial(partial: PartialAnswer) -> Value:
    table: dict[str, Value] = {"text": partial.text, "credit": partial.credit}
    if partial.feedback:
        table["feedback"] = partial.feedback
    if partial.aliases:
        table["aliases"] = list(partial.aliases)
    return table


def _range(part: PartialRange) -> Value:
    table: dict[str, Value] = {}
    if part.tolerance is not None:
        table["tolerance"] = part.tolerance
    elif part.low is not None and part.high is not None:
        table |= {"min": part.low, "max": part.high}
    table["credit"] = part.credit
    if part.feedback:
        table["feedback"] = part.feedback
    return table


def _blank(blank: int, blanks: int) -> dict[str, Value]:
    """The ``blank`` key of a cloze's partial answer: left out when the cloze has only one blank."""
    return {"blank": blank} if blanks != 1 else {}


def fact_fields(fact: AnyFact) -> dict[str, Value]:
    """The keys a deck file gives ``fact``, in canonical order, defaults left out."""
    fields: dict[str, Value] = {"id": fact.id, "kind": fact.kind.value}
    match fact:
        case AnswerFact():
            fields |= {"question": fact.question, "answer": fact.answer.text}
            fields |= {"aliases": list(fact.answer.aliases), "distractors": list(fact.distractors)}
            fields["partial"] = [_partial(p) for p in fact.partial]
        case SequenceFact():
            fields |= {"subject": fact.subject, "items": [_item(i) for i in fact.items], "last": fact.last}
            fields["prompts"] = dict(fact.prompts)
        case SetFact():
            fields |= {"subject": fact.subject, "members": [_item(m) for m in fact.members]}
            fields |= {"non_members": list(fact.non_members), "name": fact.name, "prompts": dict(fact.prompts)}
        case NumberFact():
            fields["question"] = fact.question
            if fact.value is not None:
                fields["answer"] = fact.value
            else:
                assert fact.low is not None
                assert fact.high is not None
                fields |= {"min": fact.low, "max": fact.high}
            fields |= {"tolerance": fact.tolerance, "unit": fact.unit}
            if not fact.inside:
                fields["inside"] = False
            fields["partial"] = [_range(r) for r in fact.partial]
        case StatementFact():
            fields |= {"statement": fact.statement, "answer": fact.answer, "correction": fact.correction}
        case ClozeFact():
            fields |= {"text": fact.text, "distractors": list(fact.distractors)}
            fields["partial"] = [{**_blank(blank, len(fact.blanks)), **_partial(p)} for blank, p in fact.partial]  # type: ignore[dict-item]
        case ChoiceFact():
            fields["question"] = fact.question
            if len(fact.answers) == 1:
                fields["answer"] = fact.answers[0]
            else:
                fields["answers"] = list(fact.answers)
            fields["wrong"] = list(fact.wrong)
            fields["partial"] = [_partial(p) for p in fact.partial]
            fields["feedback"] = dict(fact.feedback)
    fields |= {"tags": list(fact.tags), "group": fact.group, "note": fact.note, "quote": fact.quote}
    if fact.as_of:
        fields["as_of"] = fact.as_of
    if fact.grading.accents:
        fields["accents"] = True
    if fact.grading.surname:
        fields["surname"] = True
    if not fact.grading.typos:
        fields["typos"] = False
    fields["forms"] = list(fact.forms)
    # Leave out what is empty or zero, except the values that carry meaning (a statement's answer).
    keep = {"answer", "min", "max", "inside", "accents", "surname", "typos"}
    return {k: v for k, v in fields.items() if k in keep or (v != "" and v != [] and v != {} and v != 0)}


def fact_to_toml(fact: AnyFact) -> str:
    """One ``[[facts]]`` table."""
    lines = ["[[facts]]"]
    for key, value in fact_fields(fact).items():
        if isinstance(value, dict) and key in ("prompts", "feedback"):
            lines.extend(f"{key}.{_key(k)} = {toml_value(v)}" for k, v in value.items())
        elif isinstance(value, list) and len(value) > 3 and sum(len(toml_value(v)) for v in value) > 80:
            lines.append(f"{key} = [")
            lines.extend(f"  {toml_value(v)}," for v in value)
            lines.append("]")
        else:
            lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def deck_header(deck: Deck) -> str:
    """The ``[deck]`` table (and ``[deck.source]`` when the deck has a source)."""
    lines = ["[deck]", f"id = {toml_string(deck.id)}", f"title = {toml_string(deck.title)}"]
    if deck.language != "en":
        lines.append(f"language = {toml_string(deck.language)}")
    if deck.description:
        lines.append(f"description = {toml_string(deck.description)}")
    if deck.as_of:
        lines.append(f"as_of = {deck.as_of.isoformat()}")
    source = {k: getattr(deck.source, k) for k in ("title", "author", "publisher", "date", "url", "file")}
    if any(source.values()) or deck.source.skip:
        lines.extend(["", "[deck.source]"])
        lines.extend(f"{k} = {toml_string(v)}" for k, v in source.items() if v)
        if deck.source.skip:
            lines.append(f"skip = {toml_value(list(deck.source.skip))}")
    return "\n".join(lines) + "\n"


def deck_to_toml(deck: Deck, comment: str = "") -> str:
    """The whole deck as deck-file text; ``comment`` (one or more lines) goes at the top as TOML comments."""
    head = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    parts = [head + deck_header(deck), *(fact_to_toml(f) for f in deck.facts)]
    return "\n".join(parts)

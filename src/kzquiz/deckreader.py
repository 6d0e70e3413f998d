"""Checking parsed deck TOML key by key and building the typed model, noting every problem where it is.

:class:`DeckReader` never raises on a bad deck: it records each problem under the data path where it stands
(``("facts", 3, "answer")``), and :mod:`kzquiz.deckfile` turns those paths into lines and columns.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs

from kzquiz import tomlpos
from kzquiz.folding import RememberedKeys, expand_optional
from kzquiz.model import (
    WEIGHT_SLACK,
    AnyFact,
    Deck,
    FactKind,
    Grading,
    Item,
    NumberFact,
    PartialAnswer,
    PartialRange,
    Source,
    make_answer,
    make_answer_fact,
    make_choice_fact,
    make_cloze_fact,
    make_item,
    make_number_fact,
    make_partial_answer,
    make_sequence_fact,
    make_set_fact,
    make_statement_fact,
)
from kzquiz.problems import Problem
from kzquiz.questions import KIND_FORMS, PLACEHOLDER, PLACEHOLDERS

T = TypeVar("T")
Path_ = tuple[str | int, ...]
Common = tuple[str, tuple[str, ...], str, str, str, dt.date | None, Grading, tuple[str, ...]]
"""What every fact has, in the order of Fact's fields (id, tags, group, quote, note, as_of, grading, forms): a fact's
maker takes it by position (``*common``), at a third of the cost of keywords from a dictionary (``**common``)."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

DECK_KEYS = ("id", "title", "language", "description", "as_of", "source")
SOURCE_KEYS = ("title", "author", "publisher", "date", "url", "file", "skip")
COMMON_KEYS = ("id", "kind", "tags", "group", "quote", "note", "as_of", "accents", "surname", "typos", "forms")
KIND_KEYS: dict[FactKind, tuple[str, ...]] = {
    FactKind.ANSWER: ("question", "answer", "aliases", "distractors", "partial"),
    FactKind.SEQUENCE: ("subject", "items", "last", "prompts"),
    FactKind.SET: ("subject", "members", "non_members", "name", "prompts"),
    FactKind.NUMBER: ("question", "answer", "min", "max", "tolerance", "unit", "inside", "partial"),
    FactKind.STATEMENT: ("statement", "answer", "correction"),
    FactKind.CLOZE: ("text", "distractors", "partial"),
    FactKind.CHOICE: ("question", "answer", "answers", "wrong", "partial", "feedback"),
}
ALLOWED_KEYS: dict[str, frozenset[str]] = {k.value: frozenset(COMMON_KEYS + keys) for k, keys in KIND_KEYS.items()}
"""The keys each kind of fact may have, by the kind's name (a string hashes in C, a FactKind member in Python)."""
PROMPT_KEYS: dict[FactKind, tuple[str, ...]] = {
    FactKind.SEQUENCE: ("order", "last", "before", "after", "context"),
    FactKind.SET: ("name", "select", "odd"),
}
ITEM_KEYS = ("text", "aliases", "context", "quote")
PARTIAL_KEYS = ("text", "credit", "feedback", "aliases")
RANGE_KEYS = ("credit", "tolerance", "min", "max", "feedback")
MAX_NUMBER = 10**15
"""Numbers in a deck (answers, bounds, tolerances) lie between -1e15 and 1e15: every whole number in that range
is exact as a float, so what the deck says is what is graded and shown."""
KNOWN_KEYS = frozenset(DECK_KEYS + SOURCE_KEYS + COMMON_KEYS + ITEM_KEYS + PARTIAL_KEYS).union(*KIND_KEYS.values())
KINDS = {kind.value: kind for kind in FactKind}
"""Each kind of fact by the name a deck gives it (a dictionary is read faster than ``FactKind(name)``)."""
BUILDERS = {kind.value: f"{kind.name.lower()}_fact" for kind in FactKind}
"""The :class:`DeckReader` method that builds each kind of fact, by the kind's name."""
GRADINGS = {
    (accents, surname, typos): Grading(accents, surname, typos)
    for accents in (False, True)
    for surname in (False, True)
    for typos in (False, True)
}
"""Every grading a deck can ask for, made once and shared by the facts (frozen, so sharing is safe)."""
DEFAULT_GRADING = GRADINGS[False, False, True]
GRADING_KEYS = frozenset({"accents", "surname", "typos"})


def name_in_folder(name: str) -> bool:
    """Whether ``name``, read as a path relative to a folder, names something inside that folder or below it
    (not absolute, no drive, no ``..``; on any system, since decks are shared between them)."""
    if not name.strip() or "\0" in name or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return False
    return ".." not in re.split(r"[/\\]", name)


class DeckReader:
    """Turns parsed TOML into model objects, noting every problem under the data path where it is."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[tuple[Path_, str, str, str]] = []
        self.fact_id: tuple[int, str] = (-1, "")
        """The index and id of the fact being read: its problems are reported under its id."""
        self.fact_grading = DEFAULT_GRADING
        """The grading of the fact being read (whether accents tell its options apart)."""
        self.key = RememberedKeys().key
        """``answer_key`` remembered lately: a fact's options are compared in several checks (repeats, clashes with
        the right answers, partial answers), and working out a key costs as much as reading the rest of the fact."""

    # -- reporting -----------------------------------------------------------------------------------------

    def problem(self, path: Path_, message: str, hint: str = "") -> None:
        self.problems.append((path, self.field(path), message, hint))

    def field(self, path: Path_) -> str:
        parts: list[str] = []
        rest = list(path)
        if len(rest) >= 2 and rest[0] == "facts" and isinstance(rest[1], int):
            index = rest[1]
            parts.append(self.fact_id[1] if self.fact_id[0] == index and self.fact_id[1] else f"facts[{index}]")
            rest = rest[2:]
        for part in rest:
            if isinstance(part, int):
                parts[-1:] = [f"{parts[-1] if parts else ''}[{part}]"]
            else:
                parts.append(visible(part))
        return ".".join(parts)

    def located(self, text: str) -> list[Problem]:
        table = tomlpos.positions(text)
        problems = []
        for path, field, message, hint in self.problems:
            where = tomlpos.nearest(table, path)
            line, column = where if where else (None, None)
            problems.append(Problem(self.name, line, column, field, message, hint))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        return problems

    # -- typed getters -------------------------------------------------------------------------------------

    def get(self, table: dict[str, Any], path: Path_, key: str, kind: type[T], what: str) -> T | None:
        value = table.get(key)
        if value is None:
            return None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return value  # type: ignore[return-value]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            hint = f"write {key} = [{value!r}]".replace("'", '"') if kind is list and isinstance(value, str) else ""
            self.problem((*path, key), f"must be {what}, not {_describe(value)}", hint)
            return None
        return value

    def text(self, table: dict[str, Any], path: Path_, key: str, *, required: bool = False) -> str:
        value = table.get(key)
        if type(value) is str and (not required or value.strip()):
            return value  # the usual case, without the checks below (a deck of 100,000 facts asks a million times)
        if value is None and not required:
            return ""  # an optional key left out: nothing to check
        value = self.get(table, path, key, str, "a string")
        if value is None:
            # A misspelt key ("anwser") is reported once, as an unknown key with a hint, not also as missing.
            unknown = [k for k in table if k not in KNOWN_KEYS]
            if required and key not in table and not difflib.get_close_matches(key, unknown, n=1, cutoff=0.6):
                fix = "kzquiz fmt adds a missing id to every fact" if key == "id" and path[:1] == ("facts",) else ""
                self.problem(path, f"missing required key `{key}`", fix)
            return ""
        if required and not value.strip():
            self.problem((*path, key), "must not be empty")
        return value

    def strings(self, table: dict[str, Any], path: Path_, key: str) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if type(value) is list:  # the usual case: every entry a string with words, read without the checks below
            for entry in value:
                if type(entry) is not str or not entry.strip():
                    break
            else:
                return tuple(value)
        value = self.get(table, path, key, list, "a list of strings")
        if value is None:
            return ()
        out = []
        for i, entry in enumerate(value):
            if not isinstance(entry, str):
                self.problem((*path, key, i), f"must be a string, not {_describe(entry)}")
            elif not entry.strip():
                self.problem((*path, key, i), "must not be empty")
            else:
                out.append(entry)
        return tuple(out)

    def flag(self, table: dict[str, Any], path: Path_, key: str, default: bool) -> bool:
        if key not in table:
            return default
        value = self.get(table, path, key, bool, "true or false")
        return default if value is None else value

    def count(self, table: dict[str, Any], path: Path_, key: str) -> int:
        value = self.get(table, path, key, int, "a whole number")
        if value is not None and value < 1:
            self.problem((*path, key), f"must be at least 1, not {value}")
            return 0
        return value or 0

    def unknown_keys(self, table: dict[str, Any], path: Path_, allowed: tuple[str, ...], other: str = "") -> None:
        for key in table:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else other or f"allowed keys: {', '.join(allowed)}"
            self.problem((*path, key), f"unknown key `{visible(key)}`", hint)

    # -- the deck ------------------------------------------------------------------------------------------

    def deck(self, raw: dict[str, Any], tables: Iterable[dict[str, Any]] | None = None) -> Deck | None:
        """The deck of a parsed document, or None when it has problems. ``tables``, when given, are its
        ``[[facts]]`` tables, read a few at a time as they are needed (``raw`` then holds the rest)."""
        self.unknown_keys(raw, (), ("deck", "facts"))
        meta = raw.get("deck")
        if not isinstance(meta, dict):
            self.problem(("deck",) if "deck" in raw else (), "missing the [deck] table", "add [deck] with id and title")
            meta = {}
        self.unknown_keys(meta, ("deck",), DECK_KEYS)
        deck_id = self.text(meta, ("deck",), "id", required=True)
        if deck_id and not ID_PATTERN.fullmatch(deck_id):
            self.problem(("deck", "id"), f"invalid id {deck_id!r}", "use letters, digits, '-', '_' and '.'")
        title = self.text(meta, ("deck",), "title", required=True)
        as_of = self.get(meta, ("deck",), "as_of", dt.date, "a date (2022-01-15)")
        source = self.source(meta)
        facts = self.facts(raw) if tables is None else self.fact_tables(tables)
        if self.problems:
            return None
        return Deck(
            id=deck_id,
            title=title,
            facts=tuple(facts),
            language=self.text(meta, ("deck",), "language") or "en",
            description=self.text(meta, ("deck",), "description"),
            source=source,
            as_of=as_of,
        )

    def source(self, meta: dict[str, Any]) -> Source:
        path: Path_ = ("deck", "source")
        table = self.get(meta, ("deck",), "source", dict, "a table")
        if table is None:
            return Source()
        self.unknown_keys(table, path, SOURCE_KEYS)
        date = table.get("date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        elif date is not None and not isinstance(date, str):
            self.problem((*path, "date"), f"must be a date or a string, not {_describe(date)}")
            date = ""
        return Source(
            title=self.text(table, path, "title"),
            author=self.text(table, path, "author"),
            publisher=self.text(table, path, "publisher"),
            date=date or "",
            url=self.text(table, path, "url"),
            file=self.source_file(table, path),
            skip=self.skip(table, path),
        )

    def source_file(self, table: dict[str, Any], path: Path_) -> str:
        """The source's text file, a relative path that stays in the deck's folder: a deck is anyone's data, and
        ``kzquiz audit`` prints lines of the file it names (symlinks are followed by the command, which reads)."""
        name = self.text(table, path, "file")
        if "file" in table and isinstance(table["file"], str) and not name_in_folder(name):
            what = f"not {name!r}" if name.strip() else "not empty"
            self.problem(
                (*path, "file"),
                f"must name a file in the deck's folder or below it, {what}",
                "move the source into the deck's folder, or remove file and give the source with --source instead",
            )
            return ""
        return name

    def skip(self, table: dict[str, Any], path: Path_) -> tuple[str, ...]:
        """The passages not examinable; one with no letter or digit ("…") would mark nothing, or anything."""
        passages = self.strings(table, path, "skip")
        for i, passage in enumerate(table["skip"] if passages else ()):
            if isinstance(passage, str) and passage.strip() and not any(c.isalnum() for c in passage):
                self.problem(
                    (*path, "skip", i),
                    f"the passage has no words to find in the source: {passage!r}",
                    "copy words of the source; an ellipsis only stands for the words left out between them",
                )
        return tuple(p for p in passages if any(c.isalnum() for c in p))  # as sourcetext.has_words

    def facts(self, raw: dict[str, Any]) -> list[AnyFact]:
        facts_raw = raw.get("facts")
        if facts_raw is None:
            self.problem((), "the deck has no facts", "add facts as [[facts]] tables")
            return []
        if not isinstance(facts_raw, list) or not all(isinstance(f, dict) for f in facts_raw):
            self.problem(("facts",), "facts must be tables written [[facts]]")
            return []
        if not facts_raw:
            self.problem(("facts",), "the deck has no facts", "add facts as [[facts]] tables")
        return self.fact_tables(facts_raw)

    def fact_tables(self, tables: Iterable[dict[str, Any]]) -> list[AnyFact]:
        """The facts of ``[[facts]]`` tables, each checked and built in turn: a table is let go once its fact is
        built, so ``tables`` may be read as they are needed."""
        seen: dict[str, int] = {}
        out = []
        for index, table in enumerate(tables):
            fact_id = table.get("id")
            if not isinstance(fact_id, str):
                fact_id = ""
            self.fact_id = (index, fact_id)
            fact = self.fact(table, ("facts", index))
            if fact_id:
                if fact_id in seen:
                    self.problem(
                        ("facts", index, "id"),
                        f"duplicate fact id {fact_id!r}",
                        f"the same id is used by facts[{seen[fact_id]}]; ids must be unique",
                    )
                else:
                    seen[fact_id] = index
            if fact is not None:
                out.append(fact)
        return out

    def fact(self, table: dict[str, Any], path: Path_) -> AnyFact | None:
        fact_id = self.text(table, path, "id", required=True)
        if fact_id and not ID_PATTERN.fullmatch(fact_id):
            self.problem((*path, "id"), f"invalid id {fact_id!r}", "use letters, digits, '-', '_' and '.'")
        kind_name = self.text(table, path, "kind", required=True)
        kind = KINDS.get(kind_name)
        if kind is None:
            if kind_name:
                names = [k.value for k in FactKind]
                close = difflib.get_close_matches(kind_name, names, n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"one of: {', '.join(names)}"
                self.problem((*path, "kind"), f"unknown kind {kind_name!r}", hint)
            self.unknown_keys(table, path, COMMON_KEYS + tuple(k for ks in KIND_KEYS.values() for k in ks))
            return None
        if not ALLOWED_KEYS[kind_name].issuperset(table):  # (most tables are checked at once, in C)
            self.not_allowed(table, path, kind)
        # Most facts leave out most optional keys and give the others as strings: those are read without a call
        # each (a call costs about as much as the reading); a value of another type is checked and reported by text().
        get = table.get
        group, quote, note = get("group", ""), get("quote", ""), get("note", "")
        if type(group) is not str or type(quote) is not str or type(note) is not str:
            group, quote, note = (self.text(table, path, key) for key in ("group", "quote", "note"))
        # A deck repeats its groups and tags over many facts: one string each, not one per fact.
        tags = tuple(map(sys.intern, self.strings(table, path, "tags"))) if "tags" in table else ()
        as_of = self.get(table, path, "as_of", dt.date, "a date (2022-01-15)") if "as_of" in table else None
        forms = self.forms(table, path, kind) if "forms" in table else ()
        self.fact_grading = DEFAULT_GRADING if GRADING_KEYS.isdisjoint(table) else self.grading(table, path)
        common: Common = (fact_id, tags, sys.intern(group), quote, note, as_of, self.fact_grading, forms)
        build: Callable[[dict[str, Any], Path_, Common], AnyFact | None] = getattr(self, BUILDERS[kind_name])
        return build(table, path, common)

    def not_allowed(self, table: dict[str, Any], path: Path_, kind: FactKind) -> None:
        """Report each key of a fact's table that its kind does not have: another kind's key, or an unknown one."""
        allowed = ALLOWED_KEYS[kind.value]
        for key in table:
            if key not in allowed:
                owners = [k.value for k, keys in KIND_KEYS.items() if key in keys]
                if owners:
                    self.problem(
                        (*path, key),
                        f"`{key}` is not a key of {kind.value} facts",
                        f"it belongs to {' and '.join(owners)} facts; allowed here: {', '.join(KIND_KEYS[kind])}",
                    )
                else:
                    self.unknown_keys({key: None}, path, COMMON_KEYS + KIND_KEYS[kind])

    def grading(self, table: dict[str, Any], path: Path_) -> Grading:
        if GRADING_KEYS.isdisjoint(table):
            return DEFAULT_GRADING  # most facts keep the default: nothing to read
        return GRADINGS[
            self.flag(table, path, "accents", False),
            self.flag(table, path, "surname", False),
            self.flag(table, path, "typos", True),
        ]

    def forms(self, table: dict[str, Any], path: Path_, kind: FactKind) -> tuple[str, ...]:
        if "forms" not in table:
            return ()
        forms = self.strings(table, path, "forms")
        allowed = [form.value for form in KIND_FORMS[kind]]
        for i, form in enumerate(forms):
            if form not in allowed:
                close = difflib.get_close_matches(form, allowed, n=1)
                hint = f"did you mean `{close[0]}`?" if close else f"{kind.value} facts have: {', '.join(allowed)}"
                self.problem((*path, "forms", i), f"unknown form {form!r} for a {kind.value} fact", hint)
        if "forms" in table and not forms:
            self.problem((*path, "forms"), "must list at least one form", f"one or more of: {', '.join(allowed)}")
        return forms

    def option_keys(self, text: str, accents: bool) -> set[str]:
        """The answer keys of every form of ``text``, its optional (parenthesised) words in and out."""
        if "(" not in text:
            return {self.key(text, accents)}
        return {self.key(form, accents) for form in expand_optional(text)}

    def no_clash(self, path: Path_, key: str, wrong: tuple[str, ...], right: list[str], accents: bool) -> None:
        """Report every wrong option that equals a right answer once normalised, with or without either's optional
        words ("Karim Masimov" is a form of "Karim (Qajymqanuly) Masimov")."""
        if not wrong:
            return
        right_keys = {k for r in right for k in self.option_keys(r, accents)}
        for i, option in enumerate(wrong):
            if not right_keys.isdisjoint(self.option_keys(option, accents)):
                self.problem((*path, key, i), f"{option!r} is also a right answer", "remove it or change it")

    def no_repeats(self, path: Path_, key: str, options: tuple[str, ...], accents: bool) -> None:
        """Report every option that repeats an earlier one once normalised (optional words in or out): a learner
        could not tell them apart."""
        seen: dict[str, int] = {}
        for i, option in enumerate(options):
            folded = self.option_keys(option, accents)
            earlier = next((seen[k] for k in folded if k in seen), None)
            if earlier is not None:
                self.problem(
                    (*path, key, i),
                    f"{option!r} is listed twice",
                    f"it repeats {options[earlier]!r}; remove one of them",
                )
            else:
                seen.update(dict.fromkeys(folded, i))

    def answer_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        question = self.text(table, path, "question", required=True)
        answer = make_answer(self.text(table, path, "answer", required=True), self.strings(table, path, "aliases"))
        distractors = self.strings(table, path, "distractors")
        partial: tuple[PartialAnswer, ...] = ()
        if distractors or "partial" in table:  # (most answer facts have neither: nothing to compare)
            accents = self.fact_grading.accents
            right = list(answer.forms)
            self.no_clash(path, "distractors", distractors, right, accents)
            partial = self.partials(table, path, right, distractors, accents)
        return make_answer_fact(*common, question=question, answer=answer, distractors=distractors, partial=partial)

    def partials(
        self,
        table: dict[str, Any],
        path: Path_,
        right: list[str],
        wrong: tuple[str, ...],
        accents: bool,
        tick_all: bool = False,
        blanks: list[list[str]] | None = None,
        blank_of: list[int] | None = None,
    ) -> tuple[PartialAnswer, ...]:
        """The ``partial`` answers: each a table with ``text``, ``credit`` (0 < credit < 1; a weight from -1 to 1,
        0 excluded, for a ``tick_all`` question's options), optional ``feedback`` and ``aliases``; none may repeat
        another, a right answer or a known wrong one.

        For a cloze, ``blanks`` holds each blank's right forms (``right`` is then unused): an entry names its blank
        with ``blank`` (from 1, default 1), is checked against that blank's forms, and its number is appended to
        ``blank_of``."""
        raw = table.get("partial")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem((*path, "partial"), f"must be a list of tables, not {_describe(raw)}")
            return ()
        wrong_keys = {self.key(w, accents): w for w in wrong}
        seen: dict[tuple[int, str], str] = {}
        out: list[PartialAnswer] = []
        for i, entry in enumerate(raw):
            where = (*path, "partial", i)
            if not isinstance(entry, dict):
                hint = 'write {text = "...", credit = 0.5}'
                self.problem(where, f"must be a table, not {_describe(entry)}", hint)
                continue
            self.unknown_keys(entry, where, PARTIAL_KEYS if blanks is None else (*PARTIAL_KEYS, "blank"))
            text = self.text(entry, where, "text", required=True)
            aliases = self.strings(entry, where, "aliases")
            feedback = self.text(entry, where, "feedback")
            credit = self.credit(entry, where, tick_all)
            blank = 1 if blanks is None else self.blank_number(entry, where, len(blanks))
            if not text.strip() or credit is None or blank is None:
                continue
            right_keys = {self.key(r, accents) for r in (right if blanks is None else blanks[blank - 1])}
            for form in (text, *aliases):
                folded = self.key(form, accents)
                if folded in right_keys:
                    self.problem(where, f"{form!r} is also a right answer", "a partial answer must differ from it")
                elif folded in wrong_keys:
                    self.problem(
                        where,
                        f"{form!r} is both a partial answer and a wrong one",
                        f"remove it from the partial answers or remove {wrong_keys[folded]!r} from the wrong ones",
                    )
                elif (blank, folded) in seen:
                    repeated = seen[blank, folded]
                    self.problem(where, f"{form!r} is listed twice", f"it repeats {repeated!r}; remove one of them")
                seen.setdefault((blank, folded), form)
            out.append(make_partial_answer(text, credit, feedback, aliases))
            if blank_of is not None:
                blank_of.append(blank)
        return tuple(out)

    def blank_number(self, entry: dict[str, Any], where: Path_, count: int) -> int | None:
        """The blank a cloze's partial answer belongs to: a whole number from 1 to the number of blanks."""
        number = entry.get("blank", 1)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= max(count, 1):
            hint = "the first blank is 1" if count > 1 else "this cloze has one blank: leave `blank` out"
            self.problem((*where, "blank"), f"must be a blank's number, from 1 to {count}, not {number!r}", hint)
            return None
        return number

    def credit(self, entry: dict[str, Any], where: Path_, tick_all: bool = False, number: bool = False) -> float | None:
        """A partial answer's credit: a number strictly between 0 and 1; for a tick-all option, a weight from -1
        to 1 (0 excluded)."""
        if "credit" not in entry:
            self.problem(where, "missing required key `credit`", "a number between 0 and 1, such as 0.5")
            return None
        value = self.get(entry, where, "credit", float, "a number")
        if value is None:
            return None
        if tick_all and math.isfinite(value) and -1 <= value <= 1 and value != 0:
            return float(value)
        if not math.isfinite(value) or not 0 < value < 1:
            if not math.isfinite(value):
                hint = "such as 0.5 for half marks"
            elif tick_all and value == 0:
                hint = "an option worth nothing belongs in `wrong`"
            elif tick_all:
                hint = "a weight is a share of the marks: 1 is 100%, -0.5 takes away half"
            elif value >= 1:
                hint = (
                    "widen the fact's `tolerance` instead"
                    if number
                    else "a fully right answer belongs in `aliases` or `answers`"
                )
            else:
                hint = (
                    "leave out a range worth nothing"
                    if number
                    else "a wrong answer belongs in `distractors` or `wrong`"
                )
            if tick_all:
                message = f"must be a weight from -1 to 1 (0 excluded), not {value}"
            else:
                message = f"must be between 0 and 1 (both excluded), not {value}"
            self.problem((*where, "credit"), message, hint)
            return None
        return float(value)

    def items(
        self, table: dict[str, Any], path: Path_, key: str, least: int, *, repeats: bool = False
    ) -> tuple[Item, ...]:
        """The items of a sequence or the members of a set. A set's members are all different; a sequence's item
        may repeat an earlier one (Moscow → St Petersburg → Moscow), but not the one just before it, nor with
        the same ``context`` as an earlier occurrence (its context question could not tell them apart)."""
        raw = table.get(key)
        if raw is None:
            self.problem(path, f"missing required key `{key}`")
            return ()
        if not isinstance(raw, list):
            self.problem((*path, key), f"must be a list, not {_describe(raw)}")
            return ()
        out: list[Item] = []
        seen: dict[str, list[Item]] = {}
        previous = ""
        for i, entry in enumerate(raw):
            where = (*path, key, i)
            if isinstance(entry, str):
                item = make_item(entry)
            elif isinstance(entry, dict):
                self.unknown_keys(entry, where, ITEM_KEYS)
                item = make_item(
                    self.text(entry, where, "text", required=True),
                    self.strings(entry, where, "aliases"),
                    self.text(entry, where, "context"),
                    self.text(entry, where, "quote"),
                )
            else:
                self.problem(where, f"must be a string or a table, not {_describe(entry)}")
                continue
            folded = self.key(item.text)
            earlier = seen.get(folded, [])
            if not item.text.strip():
                self.problem(where, "must not be empty")
            elif earlier and not repeats:
                self.problem(where, f"{item.text!r} is listed twice")
            elif earlier and folded == previous:
                self.problem(
                    where,
                    f"{item.text!r} repeats the item just before it",
                    "an item may come back, but not twice in a row",
                )
            elif item.context and any(_same(e.context, item.context) for e in earlier):
                self.problem(
                    (*where, "context"),
                    f"{item.text!r} has the same context as where it comes earlier",
                    "give each occurrence its own context, or none",
                )
            seen.setdefault(folded, []).append(item)
            previous = folded
            out.append(item)
        if len(raw) < least:
            self.problem((*path, key), f"needs at least {least} items, has {len(raw)}")
        return tuple(out)

    def prompts(self, table: dict[str, Any], path: Path_, kind: FactKind) -> tuple[tuple[str, str], ...]:
        raw = self.get(table, path, "prompts", dict, "a table of strings")
        if raw is None:
            return ()
        self.unknown_keys(raw, (*path, "prompts"), PROMPT_KEYS[kind])
        out = []
        for key, template in raw.items():
            if key not in PROMPT_KEYS[kind]:
                continue
            where = (*path, "prompts", key)
            if not isinstance(template, str) or not template.strip():
                self.problem(where, "must be a non-empty string")
                continue
            allowed = PLACEHOLDERS[key]
            for name in PLACEHOLDER.findall(template):
                if name not in allowed:
                    self.problem(
                        where,
                        f"unknown placeholder {{{name}}}",
                        f"this prompt may use {', '.join('{' + a + '}' for a in sorted(allowed))}",
                    )
            if "{" in PLACEHOLDER.sub("", template) or "}" in PLACEHOLDER.sub("", template):
                self.problem(where, "stray brace", "braces may only enclose a placeholder such as {item}")
            out.append((key, template))
        return tuple(out)

    def sequence_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        subject = self.text(table, path, "subject", required=True)
        items = self.items(table, path, "items", 3, repeats=True)
        last = self.count(table, path, "last")
        if last and items and last >= len(items):
            self.problem(
                (*path, "last"),
                f"asks for the last {last} of {len(items)} items",
                f"a sequence needs more items than `last`; add items or set last below {len(items)}",
            )
        elif last and items:
            ending = [self.key(item.text) for item in items[-last:]]
            twice = next((item.text for item, k in zip(items[-last:], ending, strict=True) if ending.count(k) > 1), "")
            if twice:
                self.problem(
                    (*path, "last"),
                    f"the last {last} items name {twice!r} twice, so a learner could not name {last} different ones",
                    "set last to a number of items that are all different",
                )
        prompts = self.prompts(table, path, FactKind.SEQUENCE)
        return make_sequence_fact(*common, subject=subject, items=items, last=last, prompts=prompts)

    def set_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        subject = self.text(table, path, "subject", required=True)
        members = self.items(table, path, "members", 2)
        non_members = self.strings(table, path, "non_members")
        accents = self.fact_grading.accents
        self.no_clash(path, "non_members", non_members, [f for m in members for f in m.answer.forms], accents)
        name = self.count(table, path, "name")
        if name and members and name > len(members):
            self.problem((*path, "name"), f"asks to name {name} of {len(members)} members", "lower `name`")
        prompts = self.prompts(table, path, FactKind.SET)
        return make_set_fact(
            *common, subject=subject, members=members, non_members=non_members, name=name, prompts=prompts
        )

    def number_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        question = self.text(table, path, "question", required=True)
        values = {}
        for key in ("answer", "min", "max"):
            value = table.get(key)
            if value is None:
                continue
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float | dt.date)
                or isinstance(value, dt.datetime)
            ):
                self.problem((*path, key), f"must be a number or a date, not {_describe(value)}")
            elif isinstance(value, dt.date) or self.in_range((*path, key), value):
                values[key] = value
        value, low, high = values.get("answer"), values.get("min"), values.get("max")
        if "answer" in table and ("min" in table or "max" in table):
            self.problem((*path, "answer"), "give either `answer` or `min` and `max`, not both")
        elif "answer" not in table and not ("min" in table and "max" in table):
            missing = "`max`" if "min" in table else "`min`" if "max" in table else "`answer` (or `min` and `max`)"
            self.problem(path, f"missing required key {missing}")
        if low is not None and high is not None:
            if isinstance(low, dt.date) != isinstance(high, dt.date):
                self.problem((*path, "max"), "`min` and `max` must both be numbers or both be dates")
            elif low > high:  # type: ignore[operator]  # both dates or both numbers, checked just above
                self.problem((*path, "min"), f"min ({low}) is greater than max ({high})", "swap them")
        tolerance = self.get(table, path, "tolerance", float, "a number")
        if tolerance is not None and not self.in_range((*path, "tolerance"), tolerance):
            tolerance = None
        elif tolerance is not None and tolerance < 0:
            self.problem((*path, "tolerance"), "must not be negative")
        fact = make_number_fact(
            *common,
            question=question,
            value=value,
            low=low,
            high=high,
            tolerance=tolerance or 0,
            unit=self.text(table, path, "unit"),
            inside=self.flag(table, path, "inside", True),
        )
        if "partial" not in table:
            return fact
        whole = value is not None or (low is not None and high is not None and type(low) is type(high))
        return attrs.evolve(fact, partial=self.partial_ranges(table, path, fact if whole else None))

    def partial_ranges(self, table: dict[str, Any], path: Path_, fact: NumberFact | None) -> tuple[PartialRange, ...]:
        """A number fact's ``partial`` ranges: each a table with ``credit``, optional ``feedback``, and either a
        ``tolerance`` wider than the fact's or ``min`` and ``max`` around the fact's own answer."""
        raw = table.get("partial")
        if not isinstance(raw, list):
            self.problem((*path, "partial"), f"must be a list of tables, not {_describe(raw)}")
            return ()
        out: list[PartialRange] = []
        for i, entry in enumerate(raw):
            where = (*path, "partial", i)
            if not isinstance(entry, dict):
                self.problem(where, f"must be a table, not {_describe(entry)}", "write {tolerance = 2, credit = 0.5}")
                continue
            self.unknown_keys(entry, where, RANGE_KEYS)
            credit = self.credit(entry, where, number=True)
            feedback = self.text(entry, where, "feedback")
            part = self.partial_range(entry, where, fact)
            if credit is not None and part is not None:
                out.append(attrs.evolve(part, credit=credit, feedback=feedback))
        return tuple(out)

    def partial_range(self, entry: dict[str, Any], where: Path_, fact: NumberFact | None) -> PartialRange | None:
        """One partial range, without its credit, when it is wider than the fact's answer and contains it."""
        has_tolerance, has_range = "tolerance" in entry, "min" in entry or "max" in entry
        if has_tolerance == has_range:
            said = "not both" if has_tolerance else "one of them"
            self.problem(
                where, f"give a `tolerance` or `min` and `max`, {said}", "such as {tolerance = 2, credit = 0.5}"
            )
            return None
        if fact is None:
            return None  # the fact's own answer is wrong, and already reported
        dates = isinstance(fact.bounds()[0], dt.date)
        if has_tolerance:
            tolerance = self.get(entry, where, "tolerance", float, "a number")
            if tolerance is None or not self.in_range((*where, "tolerance"), tolerance):
                return None
            if tolerance <= fact.tolerance:
                days = " days" if dates else ""
                self.problem(
                    (*where, "tolerance"),
                    f"must be wider than the fact's own tolerance ({_number(fact.tolerance)}{days})",
                    "a number within the fact's tolerance already earns full marks",
                )
                return None
            return PartialRange(0.5, tolerance=float(tolerance))
        ends = []
        for key in ("min", "max"):
            end = entry.get(key)
            if end is None:
                self.problem(where, f"missing required key `{key}`", "a partial range needs both `min` and `max`")
                return None
            if isinstance(end, (bool, dt.datetime)) or not isinstance(end, int | float | dt.date):
                self.problem((*where, key), f"must be a number or a date, not {_describe(end)}")
                return None
            if isinstance(end, dt.date) != dates:
                kind = "a date" if dates else "a number"
                self.problem((*where, key), f"must be {kind}, as the fact's answer is")
                return None
            if not isinstance(end, dt.date) and not self.in_range((*where, key), end):
                return None
            ends.append(end if isinstance(end, dt.date) else float(end))
        low, high = ends
        full_low, full_high = fact.bounds()
        if low > high:  # type: ignore[operator]  # both dates or both numbers, checked above
            self.problem((*where, "min"), f"min ({_number(low)}) is greater than max ({_number(high)})", "swap them")
            return None
        if low > full_low or high < full_high or (low, high) == (full_low, full_high):  # type: ignore[operator]
            own = f"{_number(full_low)} to {_number(full_high)}" if full_low != full_high else _number(full_low)
            self.problem(
                where,
                f"the partial range {_number(low)} to {_number(high)} must contain the fact's own answer ({own}) "
                "and be wider",
                "an answer inside the fact's own range already earns full marks",
            )
            return None
        return PartialRange(0.5, low=low, high=high)

    def in_range(self, path: Path_, value: float) -> bool:
        """A number a deck may hold: finite and at most :data:`MAX_NUMBER` either way; else a problem is noted."""
        if isinstance(value, float) and math.isnan(value):
            self.problem(path, "must be a number, not nan", "write the number itself, such as 42 or 3.5")
        elif isinstance(value, float) and math.isinf(value):
            self.problem(path, f"must be a finite number, not {value}", "write the number itself, such as 42 or 3.5")
        elif abs(value) > MAX_NUMBER:
            shown = f"{value:.3g}" if isinstance(value, float) else f"a {len(str(abs(value)))}-digit number"
            self.problem(
                path,
                f"must be between -1e15 and 1e15, not {shown}",
                "use a larger unit, such as millions, or write a code or identifier as a string",
            )
        else:
            return True
        return False

    def statement_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        statement = self.text(table, path, "statement", required=True)
        answer = self.get(table, path, "answer", bool, "true or false")
        if answer is None and "answer" not in table:
            self.problem(path, "missing required key `answer`", "answer = true or answer = false")
        correction = self.text(table, path, "correction")
        if answer is False and not correction.strip():
            self.problem(path, "a false statement needs a `correction`", "say what is true instead")
        return make_statement_fact(*common, statement=statement, answer=bool(answer), correction=correction)

    def cloze_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        text = self.text(table, path, "text", required=True)
        parts = BLANK.split(text)
        blanks = []
        for i in range(1, len(parts), 2):
            forms = [f.strip() for f in parts[i].split("|")]
            if not all(forms):
                self.problem((*path, "text"), f"blank {i // 2 + 1} has an empty answer", "write {{answer|alias}}")
            blanks.append(make_answer(forms[0], tuple(forms[1:])))
        if text and not blanks:
            self.problem((*path, "text"), "has no blank", "mark each blank as {{answer}} or {{answer|alias}}")
        if any("{{" in p or "}}" in p for p in parts[::2]):
            self.problem((*path, "text"), "unbalanced {{ or }}", "each blank is written {{answer}}")
        parts[1::2] = [b.text for b in blanks]
        distractors = self.strings(table, path, "distractors")
        self.no_clash(path, "distractors", distractors, [f for b in blanks for f in b.forms], False)
        numbers: list[int] = []
        accents = self.fact_grading.accents
        blank_forms = [list(b.forms) for b in blanks]
        partial = self.partials(table, path, [], distractors, accents, blanks=blank_forms, blank_of=numbers)
        return make_cloze_fact(
            *common,
            text=text,
            parts=tuple(parts),
            blanks=tuple(blanks),
            distractors=distractors,
            partial=tuple(zip(numbers, partial, strict=True)),
        )

    def choice_fact(self, table: dict[str, Any], path: Path_, common: Common) -> AnyFact | None:
        question = self.text(table, path, "question", required=True)
        if "answer" in table and "answers" in table:
            self.problem((*path, "answers"), "give either `answer` or `answers`, not both")
        weighs_all = "partial" in table and "answer" not in table  # a weighted tick-all may weigh every option
        if "answers" in table:
            answers = self.strings(table, path, "answers")
            if not answers and not weighs_all:
                self.problem((*path, "answers"), "needs at least one right option")
        elif weighs_all:
            answers = ()
        else:
            answers = (self.text(table, path, "answer", required=True),)
        wrong = self.strings(table, path, "wrong")
        # (a string given as `wrong` is already reported, with its fix)
        if not wrong and not table.get("partial") and not isinstance(table.get("wrong"), str):
            self.problem(path if "wrong" not in table else (*path, "wrong"), "needs at least one `wrong` option")
        accents = self.fact_grading.accents
        self.no_repeats(path, "answers", answers, accents)
        self.no_repeats(path, "wrong", wrong, accents)
        self.no_clash(path, "wrong", wrong, list(answers), accents)
        tick_all = len(answers) != 1
        partial = self.partials(table, path, list(answers), wrong, accents, tick_all)
        raw = table.get("partial")
        if tick_all and partial and isinstance(raw, list) and len(partial) == len(raw):  # (else already reported)
            self.total_weight((*path, "partial"), answers, partial)
        feedback = self.option_feedback(table, path, (*answers, *wrong), partial, accents)
        return make_choice_fact(
            *common, question=question, answers=answers, wrong=wrong, partial=partial, feedback=feedback
        )

    def option_feedback(
        self,
        table: dict[str, Any],
        path: Path_,
        options: tuple[str, ...],
        partial: tuple[PartialAnswer, ...],
        accents: bool,
    ) -> tuple[tuple[str, str], ...]:
        """A choice fact's ``feedback`` table: each key an option of ``answer(s)`` or ``wrong`` (as folded for
        grading), each value the text a learner who picks it is shown."""
        raw = self.get(table, path, "feedback", dict, "a table of option = feedback")
        if not raw:
            return ()
        named = {self.key(option, accents): option for option in options}
        partly = {self.key(p.text, accents) for p in partial}
        out: dict[str, str] = {}
        for key, value in raw.items():
            where = (*path, "feedback", key)
            folded = self.key(key, accents)
            if not isinstance(value, str):
                self.problem(where, f"must be a string, not {_describe(value)}")
            elif not value.strip():
                self.problem(where, "must not be empty", "leave the option out of `feedback` instead")
            elif folded in partly:
                self.problem(where, f"{key!r} is a partial option", "give its feedback in its `partial` entry")
            elif folded not in named:
                close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "each key is an option from `answer(s)` or `wrong`"
                self.problem(where, f"{key!r} is not an option of this question", hint)
            elif named[folded] in out:
                self.problem(where, f"feedback for {named[folded]!r} is given twice")
            else:
                out[named[folded]] = value.strip()
        return tuple(out.items())

    def total_weight(self, path: Path_, answers: tuple[str, ...], partial: tuple[PartialAnswer, ...]) -> None:
        """A weighted tick-all question's right options are worth 100% together, as Moodle requires: the options
        in ``answers`` share what the positive credits leave, and without ``answers`` the credits make 100%."""
        positive = sum(p.credit for p in partial if p.credit > 0)
        total = f"{positive * 100:.4g}%"
        if answers and positive >= 1 - WEIGHT_SLACK:
            many = "the option" if len(answers) == 1 else f"the {len(answers)} options"
            self.problem(
                path,
                f"the positive credits add up to {total}, which leaves nothing for {many} in `answers`",
                "lower them, or leave out `answers` and weigh every right option in `partial`",
            )
        elif not answers and abs(positive - 1) > WEIGHT_SLACK:
            self.problem(
                path,
                f"the positive credits add up to {total}, not 100%",
                "the right options of a tick-all question are worth 100% together, as in Moodle",
            )


def _number(value: float | dt.date) -> str:
    """A number or date as a message shows it: 1822, 2.5, 2022-01-15."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{value:g}" if value != int(value) else str(int(value))


def visible(text: str) -> str:
    """``text`` with every character that is not printable (controls, escapes, bidi overrides) written as an escape
    such as ``\\u001b``, so that a hostile key is shown, harmless, where it can be found and fixed."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in text
    )


def _describe(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list"}
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "a date"
    return names.get(type(value), type(value).__name__)


def _same(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()

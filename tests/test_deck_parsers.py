"""The fast TOML parser (rtoml) and the pure-Python one (tomli) read every deck kzquiz knows the same way.

kzquiz parses decks with rtoml where it is installed and falls back to tomli for anything rtoml refuses and on
machines without it; these tests load every deck and hostile file in the repository both ways.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz import deckfile

ROOT = Path(__file__).resolve().parent.parent
DECKS = sorted(
    {
        *ROOT.joinpath("tests", "data").rglob("*.toml"),
        *ROOT.joinpath("src", "kzquiz", "decks").glob("*.toml"),
    }
)
EXTRA = {
    "offset-date": '[deck]\nid = "d"\ntitle = "T"\nas_of = 2022-01-15T10:00:00+06:00\n',
    "local-date": '[deck]\nid = "d"\ntitle = "T"\nas_of = 2022-01-15\n[[facts]]\nid = "a"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "A"\nquote = "A."\n',
    "toml-1.1-newline-in-inline-table": '[deck]\nid = "d"\ntitle = "T"\nsource = {\n title = "S" }\n',
    "bad-escape": '[deck]\nid = "d"\ntitle = "\\q"\n',
    "duplicate-key": '[deck]\nid = "d"\nid = "e"\n',
    "nested": "a = " + "[" * 5000 + "]" * 5000 + "\n",
}


def both_ways(text: str, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    def outcome() -> object:
        deck, problems = deckfile.inspect_deck(text, name)
        return (None if deck is None else deck.facts, [str(p) for p in problems])

    fast = outcome()
    with monkeypatch.context() as patch:
        patch.setattr(deckfile, "_rtoml", None)
        slow = outcome()
    return fast, slow


def test_the_fast_parser_is_installed_where_the_tests_run() -> None:
    if os.environ.get("CI") == "true":
        assert deckfile._rtoml is not None


@pytest.mark.parametrize("path", DECKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_deck_file_reads_the_same_with_either_parser(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    fast, slow = both_ways(text, path.name, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("name", sorted(EXTRA))
def test_edge_cases_read_the_same_with_either_parser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = both_ways(EXTRA[name], f"{name}.toml", monkeypatch)
    assert fast == slow


def test_a_syntax_error_keeps_tomlis_line_and_column() -> None:
    with pytest.raises(kzquiz.DeckError) as caught:
        kzquiz.loads_deck('[deck]\nid = "d"\ntitle = "unterminated\n', "x.toml")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("x.toml", 3)


def test_a_problem_in_a_deck_with_a_multi_line_inline_table_is_placed_not_hung() -> None:
    # TOML 1.1 (which tomli reads) lets an inline table span lines; placing a problem once looped forever on it.
    text = '[deck]\nid = "d"\ntitle = "T"\nsource = {\n  title = "S",\n  url = 5 }\n'
    problems = kzquiz.check_deck(text, "d.toml")
    assert [(p.line, p.column) for p in problems if p.field == "deck.source.url"] == [(6, 3)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}\"'=.,#\n ab1\\")), max_size=60))
def test_placing_keys_ends_on_any_text(text: str) -> None:
    from kzquiz import tomlpos

    with contextlib.suppress(RecursionError):  # nesting too deep to place is reported as such by the loader
        tomlpos.positions(text)


SLICED = {
    "plain": '[deck]\nid = "d"\ntitle = "T"\n'
    + "".join(f'[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "Q{i}?"\nanswer = "A{i}"\n' for i in range(5)),
    "header-in-a-multi-line-string": '[deck]\nid = "d"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "answer"\n'
    'question = """Q?\n[[facts]]\nid = "b"\n"""\nanswer = "A"\n[[facts]]\nid = "c"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "C"\n',
    "header-in-a-multi-line-array": '[deck]\nid = "d"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "A"\ntags = [\n[[facts]]\n]\n',
    "deck-after-the-facts": '[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n'
    '[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\nanswer = "B"\n[deck]\nid = "d"\ntitle = "T"\n',
    "source-after-the-facts": '[deck]\nid = "d"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "A"\n[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\nanswer = "B"\n'
    '[deck.source]\ntitle = "S"\n',
    "static-facts-then-tables": '[deck]\nid = "d"\ntitle = "T"\nfacts = [{id = "a", kind = "answer", '
    'question = "Q?", answer = "A"}]\n[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\nanswer = "B"\n',
    "quoted-header-then-tables": '[deck]\nid = "d"\ntitle = "T"\n[["facts"]]\nid = "a"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "A"\n[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\nanswer = "B"\n',
    "duplicate-key-in-a-later-fact": '[deck]\nid = "d"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "A"\n[[facts]]\nid = "b"\nid = "c"\n',
    "a-fact-table-of-its-own": '[deck]\nid = "d"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "set"\nsubject = "S"\n'
    '[[facts.members]]\ntext = "X"\n[[facts.members]]\ntext = "Y"\n[[facts]]\nid = "b"\nkind = "answer"\n'
    'question = "Q?"\nanswer = "B"\n[facts.grading]\n',
}


@pytest.mark.parametrize("path", DECKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_deck_file_reads_the_same_a_fact_at_a_time(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A large deck is read by rtoml in slices of facts (peak memory); with one fact per slice, every deck in the
    # repository must read exactly as tomli reads it whole.
    monkeypatch.setattr(deckfile, "SLICE_FACTS", 1)
    text = path.read_bytes().decode("utf-8", "replace")
    fast, slow = both_ways(text, path.name, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("name", sorted(SLICED))
def test_slices_never_misread_a_deck(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Cuts that fall inside a string or an array, tables that are not facts after the first fact, and headers the
    # cut does not recognise: each is read as the whole document is, errors (and their places) included.
    monkeypatch.setattr(deckfile, "SLICE_FACTS", 1)
    fast, slow = both_ways(SLICED[name], f"{name}.toml", monkeypatch)
    assert fast == slow
    if name in ("plain", "header-in-a-multi-line-string", "deck-after-the-facts", "quoted-header-then-tables"):
        assert fast[0] is not None, fast[1]


def test_a_sliced_read_builds_each_slices_facts_before_reading_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    if deckfile._rtoml is None:
        pytest.skip("rtoml is not installed on this platform")
    rtoml = deckfile._rtoml
    reads: list[tuple[int, int]] = []  # facts in the slice read, facts built before it was read
    built: list[object] = []

    class Counting(deckfile.DeckReader):
        def fact(self, table: dict[str, object], path: tuple[str | int, ...]) -> object:
            made = super().fact(table, path)  # type: ignore[arg-type]
            built.append(made)
            return made

    def loads(text: str) -> object:
        reads.append((text.count("[[facts]]"), len(built)))
        return rtoml.loads(text)

    text = SLICED["plain"]
    monkeypatch.setattr(deckfile, "SLICE_FACTS", 2)
    monkeypatch.setattr(deckfile, "_rtoml", SimpleNamespace(loads=loads))
    monkeypatch.setattr(deckfile, "DeckReader", Counting)
    read = deckfile._read_in_slices(text, "plain.toml")
    assert read is not None
    reader, deck = read
    assert not reader.problems
    assert deck is not None
    assert [read for read, _ in reads] == [0, 2, 2, 1]  # the [deck] table, then 2 facts a slice
    assert [before for _, before in reads] == [0, 0, 2, 4]  # a slice is read once the one before it is built
    monkeypatch.setattr(deckfile, "_rtoml", None)
    assert deck.facts == deckfile.loads_deck(text).facts


VALUES = [
    '"plain"',
    '"with \\"escapes\\" and # and = inside"',
    "'literal \\ text'",
    '""',
    "42",
    "-1_000.5",
    "true",
    "2022-01-15",
    "1979-05-27 07:32:00",
    '"""two\nlines"""',
    "'''raw\nlines'''",
    '["a", "b"]',
    '[\n  "a",\n  { text = "b", quote = "c" },\n]',
    '[{ text = "a", aliases = ["b", "c"] }, { text = """d""", n = 2 }, 1979-05-27 07:32:00, "e" # f\n]',
    '{ a = 1, b = "x" }',
    '{ a = "with \\"quotes\\"", b = [1, 2], c = { d = 3 } }',
    '"x" # a comment',
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["pair", "table", "array", "blank", "comment"]), st.sampled_from(VALUES))))
def test_the_quick_way_to_place_simple_lines_places_them_as_the_scanner_does(lines: list[tuple[str, str]]) -> None:
    import re
    import tomllib
    from unittest import mock

    from kzquiz import tomlpos

    parts = []
    for n, (what, value) in enumerate(lines):
        parts.append(
            {
                "pair": f"k{n} = {value}",
                "table": f"[t{n}]",
                "array": "[[items]]",
                "blank": "  ",
                "comment": "# note",
            }[what]
        )
    text = "\n".join(parts) + "\n"
    tomllib.loads(text)  # every generated document is valid TOML
    quick = tomlpos.positions(text)
    never = re.compile(r"(?!)")  # the quick ways never match: the scanner alone places every key
    with (
        mock.patch.object(tomlpos, "_SIMPLE_PAIR", never),
        mock.patch.object(tomlpos, "_INLINE_PAIR", never),
        mock.patch.object(tomlpos, "_ELEMENT", never),
    ):
        assert quick == tomlpos.positions(text)

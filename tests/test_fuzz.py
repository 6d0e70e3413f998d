"""Fuzzing every reader of outside input: only the documented errors ever come out, never a traceback.

Hypothesis mutates real files (the all-kinds deck, the hostile corpus in tests/data/hostile/, the GIFT corpus, a
real progress store) and makes up text from the characters that matter to each format. Each test is bounded to a
few seconds: a fixed number of examples, no deadline per example (the machine may be busy).

The documented errors: :class:`~kzquiz.DeckError` for decks, :class:`~kzquiz.ConversionError` for GIFT, CSV, TSV
and Aiken files, :class:`~kzquiz.StoreError` (and its subclasses) for stores. A deck that loads must also be
safe all the way through: every question generated, graded, previewed and exported without an exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz import ConversionError, DeckError, StoreError
from kzquiz.convert import ImportResult
from kzquiz.convert.aiken import read_aiken
from kzquiz.convert.gift import read_gift
from kzquiz.convert.giftwrite import write_gift
from kzquiz.convert.tabular import read_table, write_table
from kzquiz.convert.tomlwriter import deck_to_toml
from kzquiz.teach import preview_markdown, preview_text

DATA = Path(__file__).parent / "data"
DECK_SEEDS = [
    (DATA / "all-kinds.toml").read_text(encoding="utf-8"),
    *(path.read_text(encoding="utf-8") for path in sorted((DATA / "hostile").glob("*.toml"))),
]
GIFT_SEEDS = [path.read_text(encoding="utf-8") for path in sorted((DATA / "gift-pegjs").glob("*.gift"))][:40]
CSV_SEEDS = [
    "prompt,answer,distractors,group\nCapital of Kazakhstan?,Astana,Almaty;Shymkent,capitals\n2+2?,4,,\n",
    'question,answer\n"Quoted, with comma",yes\n=HYPERLINK("x"),@SUM(A1)\n',
]
AIKEN_SEEDS = ["What is 2+2?\nA. 3\nB. 4\nC. 5\nANSWER: B\n\nWhich sign?\nA. ±\nB. ≤\nANSWER: A\n"]

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that matter to TOML, to the deck format and to the checks: brackets, quotes, numbers at and beyond
# every limit, control characters and escapes, keys of every kind of fact.
TOML_PIECES = [
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    '"""',
    "=",
    ".",
    ",",
    "\n",
    "#",
    "\\",
    "\x00",
    "\x1b]52;c;aGk=\x07",
    "\u202e",
    "\ud800",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "1e15",
    "9" * 400,
    "9" * 4400,
    "0x1F",
    "2022-13-45",
    "1979-05-27T07:32:00Z",
    "[[facts]]",
    "[deck]",
    'kind = "number"',
    'kind = "choice"',
    'kind = "cloze"',
    "{{",
    "}}",
    "answers = []",
    'answer = "!!"',
    "group = 'g'",
    "[" * 500,
    ".".join(["a"] * 300) + " = 1",
]


def mutated(seeds: list[str], pieces: list[str]) -> st.SearchStrategy[str]:
    """A seed text with a few insertions, deletions and replacements, at places Hypothesis chooses."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(st.sampled_from(seeds))
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(text)))
            what = draw(st.sampled_from(["insert", "delete", "replace"]))
            piece = draw(st.one_of(st.sampled_from(pieces), st.text(max_size=3)))
            span = draw(st.integers(0, 40))
            if what == "insert":
                text = text[:at] + piece + text[at:]
            elif what == "delete":
                text = text[:at] + text[at + span :]
            else:
                text = text[:at] + piece + text[at + len(piece) :]
        return text

    return build()


def made_up(pieces: list[str]) -> st.SearchStrategy[str]:
    """Text made of the format's own pieces and any characters."""
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=5)), max_size=30).map("".join)


def exercise(deck: kzquiz.Deck) -> None:
    """Everything a learner and a teacher do with a deck that loaded: nothing may raise."""
    for question in deck.questions:
        for answer in (question.expected, "", "1", "a, b", "!!", "1e999", "\x1b[2J", "nan"):
            verdict = question.check(answer)
            assert 0 <= verdict.score <= 1
    preview_text(deck)
    preview_markdown(deck)
    write_table(deck, ",")
    write_gift(deck)
    assert kzquiz.loads_deck(deck_to_toml(deck)).facts  # what kzquiz writes, it reads back


@FUZZ
@given(mutated(DECK_SEEDS, TOML_PIECES))
def test_the_deck_loader_raises_only_deck_errors(text: str) -> None:
    try:
        deck = kzquiz.loads_deck(text, "fuzz.toml")
    except DeckError as error:
        problems = error.problems
    else:
        exercise(deck)
        return
    assert problems
    assert all(str(p).startswith("fuzz.toml") for p in problems)


@FUZZ
@given(made_up(TOML_PIECES))
def test_made_up_decks_raise_only_deck_errors(text: str) -> None:
    try:
        kzquiz.check_deck(text, "fuzz.toml")
        deck = kzquiz.loads_deck(text, "fuzz.toml")
    except DeckError:
        return
    exercise(deck)


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_are_a_deck_or_deck_errors(data: bytes) -> None:
    with contextlib.suppress(DeckError):
        kzquiz.loads_deck(data, "fuzz.toml")


GIFT_PIECES = ["{", "}", "=", "~", "#", "::", "//", "\\", "%50%", "->", "{#1e999}", "{#nan}", "{#1..}", "\n\n", "$CAT"]


def imports_or_explains(read: Callable[[str], ImportResult], text: str, name: str) -> None:
    """``read(text)`` gives a deck that is safe all the way through, or a ConversionError naming the file."""
    try:
        result = read(text)
    except ConversionError as error:
        message = str(error)
    else:
        if result.deck.facts:
            exercise(kzquiz.loads_deck(deck_to_toml(result.deck)))
        return
    assert message.startswith(name)


@FUZZ
@given(st.one_of(mutated(GIFT_SEEDS, GIFT_PIECES), made_up(GIFT_PIECES)))
def test_the_gift_reader_raises_only_conversion_errors(text: str) -> None:
    imports_or_explains(lambda t: read_gift(t, "fuzz.gift", "fuzz", "Fuzz"), text, "fuzz.gift")


CSV_PIECES = [",", ";", '"', "\n", "\r", "\t", "=", "prompt", "answer", "group", "distractors", "1e999", "nan"]


@FUZZ
@given(st.one_of(mutated(CSV_SEEDS, CSV_PIECES), made_up(CSV_PIECES)), st.sampled_from([",", "\t"]))
def test_the_csv_reader_raises_only_conversion_errors(text: str, delimiter: str) -> None:
    imports_or_explains(lambda t: read_table(t, "fuzz.csv", "fuzz", "Fuzz", delimiter), text, "fuzz.csv")


AIKEN_PIECES = ["A. ", "B) ", "ANSWER: ", "ANSWER: Z", "\n", "\n\n", "±", "1e999"]


@FUZZ
@given(st.one_of(mutated(AIKEN_SEEDS, AIKEN_PIECES), made_up(AIKEN_PIECES)))
def test_the_aiken_reader_raises_only_conversion_errors(text: str) -> None:
    imports_or_explains(lambda t: read_aiken(t, "fuzz.txt", "fuzz", "Fuzz"), text, "fuzz.txt")


# -- the store reader ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real SQLite store with two learners' answers."""
    path = tmp_path_factory.mktemp("store") / "kzquiz.sqlite3"
    deck = kzquiz.load_deck(DATA / "all-kinds.toml")
    store = kzquiz.open_store(path)
    try:
        now = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        for learner in ("ann", "bob"):
            session = kzquiz.Session([deck], store, learner, clock=lambda: now)
            for question in deck.questions[:12]:
                session.answer(question, question.expected)
    finally:
        store.close()
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 2**31), st.integers(1, 255)), min_size=1, max_size=16))
def test_a_damaged_store_raises_only_store_errors(
    store_file: Path, tmp_path_factory: pytest.TempPathFactory, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(store_file.read_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "kzquiz.sqlite3"
    path.write_bytes(bytes(data))
    for read_only in (True, False):
        try:
            store = kzquiz.open_store(path, read_only=read_only)
        except StoreError:
            continue
        try:
            for learner in store.learners():
                store.reviews(learner)
                store.memories(learner)
                store.settings(learner)
                store.review_activity(learner)
            store.decks()
            store.appeals()
        except StoreError:
            pass
        finally:
            store.close()
    shutil.rmtree(folder, ignore_errors=True)

"""CSV/TSV and Aiken import, CSV export, and the CSV round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.convert import Format, format_of
from kzquiz.convert.aiken import read_aiken
from kzquiz.convert.tabular import read_table, write_table
from kzquiz.convert.tomlwriter import deck_to_toml
from kzquiz.model import AnswerFact, ChoiceFact, PartialAnswer

ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"


def read(text: str, delimiter: str = ",") -> kzquiz.convert.ImportResult:
    return read_table(text, "class.csv", "class", "Class", delimiter)


def test_header_names_the_columns_in_any_order_and_case() -> None:
    result = read(
        "Tags,Answer,Question,Aliases\n"
        "geography; capitals,Astana,What is the capital of Kazakhstan?,Nur-Sultan | Akmola\n"
        ",Almaty,Largest city of Kazakhstan?,\n"
    )
    first, second = result.deck.facts
    assert isinstance(first, AnswerFact)
    assert first.id == "what-is-the-capital-of-kazakhstan"
    assert first.question == "What is the capital of Kazakhstan?"
    assert first.answer == kzquiz.Answer("Astana", ("Nur-Sultan", "Akmola"))
    assert first.tags == ("geography", "capitals")
    assert first.line == 2
    assert isinstance(second, AnswerFact)
    assert (second.answer.text, second.tags, second.line) == ("Almaty", (), 3)


def test_semicolon_separated_csv_and_tsv_are_read() -> None:
    semicolons = read("prompt;answer;aliases\nTwo plus two?;four;4\n")
    tabs = read("prompt\tanswer\taliases\nTwo plus two?\tfour\t4\n", "\t")
    assert semicolons.deck.facts == tabs.deck.facts
    assert semicolons.deck.facts[0].answer.aliases == ("4",)  # type: ignore[union-attr]


def test_rows_without_prompt_or_answer_are_skipped_with_their_line_and_blank_rows_ignored() -> None:
    result = read('prompt,answer\n"A quoted, multi-line\nprompt?",yes\n\n,orphan answer\nNo answer?,\n')
    assert [f.question for f in result.deck.facts] == ["A quoted, multi-line\nprompt?"]  # type: ignore[union-attr]
    assert [(s.line, s.reason) for s in result.skipped] == [(5, "it has no prompt"), (6, "it has no answer")]


def test_duplicate_prompts_get_distinct_ids_and_given_ids_are_kept() -> None:
    result = read("id,prompt,answer\n,Same?,a\n,Same?,b\nmy-id,Other?,c\n")
    assert [f.id for f in result.deck.facts] == ["same", "same-2", "my-id"]


def test_a_row_the_loader_refuses_is_skipped_with_the_loaders_reason() -> None:
    result = read("prompt,answer,distractors\nCapital?,Astana,Astana | Almaty\nOther?,x,y\n")
    assert [f.id for f in result.deck.facts] == ["other"]
    [skipped] = result.skipped
    assert skipped.line == 2
    assert "'Astana' is also a right answer" in skipped.reason


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "question,reply\nA?,b\n",
            r"class.csv:1: the header row has no answer column \(it names 'question', 'reply'\)",
        ),
        ("What?,Yes\n", "class.csv:1: the header row has no prompt and no answer column"),
        ("", "class.csv: the file is empty"),
    ],
)
def test_a_file_without_a_usable_header_is_refused_with_a_hint(text: str, message: str) -> None:
    with pytest.raises(kzquiz.ConversionError, match=message):
        read(text)


def test_csv_round_trip_keeps_answer_facts_exactly() -> None:
    original = read(
        "prompt,answer,aliases,tags,note,quote,distractors,group\n"
        'Capital?,Astana,"Nur-Sultan;Akmola","geo, cities","A note, with a comma","He said ""so""",Almaty,places\n'
        "Sum?,4,four,,,,,\n"
    ).deck
    assert original.facts[0].group == "places"
    back = read(write_table(original)).deck
    assert back.facts == original.facts
    assert kzquiz.loads_deck(deck_to_toml(back)).facts == original.facts


def test_csv_export_writes_every_kind_as_a_prompt_and_its_answer() -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    rows = write_table(deck).splitlines()
    assert rows[0] == "id,prompt,answer,aliases,partial,distractors,tags,group,note,quote"
    assert len(rows) == 1 + len(deck.facts)
    assert "police,True or false? The police withdrew from Almaty on 5 January.,true,,,,,,," in rows
    assert "detained,How many people were detained?,3000 to 6000,,,,,,," in rows
    back = read(write_table(deck)).deck
    assert [f.id for f in back.facts] == [f.id for f in deck.facts]


CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and "|" not in s and ";" not in s and s.strip()
)


@given(st.lists(st.tuples(CELL, CELL), min_size=1, max_size=5, unique_by=lambda row: row[0]))
def test_any_prompts_and_answers_survive_a_csv_round_trip(rows: list[tuple[str, str]]) -> None:
    facts = [
        AnswerFact(id=f"f{i}", question=prompt, answer=kzquiz.Answer(answer)) for i, (prompt, answer) in enumerate(rows)
    ]
    deck = kzquiz.Deck("d", "D", tuple(facts))
    back = read(write_table(deck)).deck
    assert [(f.question, f.answer.text) for f in back.facts] == rows  # type: ignore[union-attr]


AIKEN = """\
What is the capital of Kazakhstan?
A. Almaty
B. Astana
C) Shymkent
ANSWER: B

Which river flows
through Almaty?
A. Ili
B. Ural
ANSWER: A
Which sea?\t
A. Aral
B. Caspian
ANSWER: D

A question with no answer line
A. yes
B. no
"""


def test_aiken_questions_become_choice_facts_and_bad_ones_are_skipped() -> None:
    result = read_aiken(AIKEN, "quiz.txt", "quiz", "Quiz")
    first, second = result.deck.facts
    assert isinstance(first, ChoiceFact)
    assert (first.question, first.answers, first.wrong) == (
        "What is the capital of Kazakhstan?",
        ("Astana",),
        ("Almaty", "Shymkent"),
    )
    assert isinstance(second, ChoiceFact)
    assert second.question == "Which river flows through Almaty?"
    assert second.line == 7
    assert [(s.line, s.reason) for s in result.skipped] == [
        (12, "ANSWER: D names no option (the options are A, B)"),
        (17, "it has no ANSWER: line"),
    ]


@pytest.mark.parametrize(
    ("path", "given", "expected"),
    [
        ("q.gift", None, Format.GIFT),
        ("Q.CSV", None, Format.CSV),
        ("q.tsv", None, Format.TSV),
        ("q.txt", None, Format.AIKEN),
        ("q.data", "csv", Format.CSV),
    ],
)
def test_format_comes_from_the_extension_or_from_the_option(path: str, given: str | None, expected: Format) -> None:
    assert format_of(path, given, (Format.GIFT, Format.CSV, Format.TSV, Format.AIKEN)) is expected


def test_an_unknown_extension_names_the_formats_to_choose_from() -> None:
    with pytest.raises(kzquiz.ConversionError, match=r"q\.xlsx: cannot tell the format .* give one of: gift, csv"):
        format_of("q.xlsx", None, (Format.GIFT, Format.CSV))


@given(st.text(alphabet=st.sampled_from('ab,;\t"\n|ABCDE.)prompt answer:'), max_size=80))
def test_any_text_imports_or_fails_with_a_conversion_error(text: str) -> None:
    for reader in (lambda: read(text), lambda: read(text, "\t"), lambda: read_aiken(text, "q.txt", "q", "Q")):
        try:
            result = reader()
        except kzquiz.ConversionError:
            continue
        if result.deck.facts:
            kzquiz.loads_deck(deck_to_toml(result.deck))


# -- partial credit -------------------------------------------------------------------------------------------------

PARTIAL_KINDS = Path(__file__).parent / "data" / "partial-kinds.toml"


def test_the_partial_column_reads_answers_worth_part_of_the_marks() -> None:
    cell = "Galilee = Galilea (50%: You need to be more specific.) | Israel (25 %)"
    result = read(f'prompt,answer,partial\nHometown?,Nazareth,"{cell}"\nOcean?,Pacific,\n')
    hometown, ocean = result.deck.facts
    assert isinstance(hometown, AnswerFact)
    assert hometown.partial == (
        PartialAnswer("Galilee", 0.5, "You need to be more specific.", ("Galilea",)),
        PartialAnswer("Israel", 0.25),
    )
    assert isinstance(ocean, AnswerFact)
    assert ocean.partial == ()
    [question] = result.deck.questions_for(hometown.id)[:1]
    assert [question.check(a).score for a in ("Nazareth", "Galilea", "Israel", "Rome")] == [1.0, 0.5, 0.25, 0.0]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Galilee", "partial: 'Galilee' is not an answer with its credit (write Galilee (50%))"),
        ("Galilee (half)", "partial: 'Galilee (half)' is not an answer with its credit"),
        ("Galilee (150%)", "credit"),
        ("Nazareth (50%)", "Nazareth"),
    ],
)
def test_a_row_with_a_partial_cell_that_cannot_be_read_is_skipped_with_its_line(cell: str, reason: str) -> None:
    result = read(f"prompt,answer,partial\nFirst?,yes,\nHometown?,Nazareth,{cell}\n")
    assert [f.question for f in result.deck.facts] == ["First?"]  # type: ignore[union-attr]
    [skipped] = result.skipped
    assert skipped.line == 3
    assert reason in skipped.reason


def test_csv_export_shows_every_kind_of_partial_credit_and_imports_back() -> None:
    deck = kzquiz.load_deck(PARTIAL_KINDS)
    text = write_table(deck)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["hometown"]["partial"] == ("Galilee = Galilea (50%: You need to be more specific.) | Israel (25%)")
    assert rows["grant"]["partial"] == "Ulysses S. Grant's wife (50%: She is buried there too.)"
    assert rows["born"]["partial"] == "Galilee (50%)"
    assert rows["tomb"]["partial"] == ""
    assert "Grant's wife: 50% / Grant: 50% / Grant's father: -50% / No one: -100%" in rows["tomb"]["prompt"]
    back = read(text)
    assert back.skipped == ()
    again = {f.id: f for f in back.deck.facts}
    original = deck.facts[0]
    assert again["hometown"] == attrs.evolve(original, line=again["hometown"].line)
    grant = again["grant"]
    assert isinstance(grant, AnswerFact)
    assert grant.partial == (PartialAnswer("Ulysses S. Grant's wife", 0.5, "She is buried there too."),)
    assert write_table(back.deck) == write_table(read(write_table(back.deck)).deck)  # a second trip changes nothing


@given(
    st.lists(
        st.tuples(CELL.filter(lambda s: "(" not in s and " = " not in s), st.integers(1, 99)),
        min_size=1,
        max_size=3,
        unique_by=lambda p: p[0].casefold(),
    )
)
def test_any_partial_answers_survive_a_csv_round_trip(partial: list[tuple[str, int]]) -> None:
    credits = tuple(PartialAnswer(text, n / 100) for text, n in partial)
    fact = AnswerFact(id="f", question="Q?", answer=kzquiz.Answer("the answer itself"), partial=credits)
    original = read(write_table(kzquiz.Deck("d", "D", (fact,))))
    if original.skipped:  # a text the deck loader refuses (one that folds to the answer, say) is refused both ways
        return
    [back] = original.deck.facts
    assert isinstance(back, AnswerFact)
    assert back.partial == credits


def test_a_deck_given_to_import_or_as_an_export_is_named_a_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It was "toml is not supported here", as if TOML were some other program's format.
    from kzquiz.cli import main

    deck = tmp_path / "deck.toml"
    assert main(["new", str(deck)]) == 0
    capsys.readouterr()
    for args in (["import", str(deck), "-o", str(tmp_path / "x.toml")], ["export", str(deck), "-o", str(deck)]):
        assert main(args) == 1
        named = args[1] if args[0] == "import" else args[3]
        assert capsys.readouterr().err.startswith(
            f"kzquiz: {named}: a .toml file is a kzquiz deck already (kzquiz validate checks it); use one of: "
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.toml"]

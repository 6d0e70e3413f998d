"""Loading deck files: every problem reported at once, each with its file, line, column, field and hint."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz import DeckError, Problem

DATA = Path(__file__).parent / "data"

HEADER = '[deck]\nid = "t"\ntitle = "Test"\n'


def problems(text: str) -> list[Problem]:
    with pytest.raises(DeckError) as caught:
        kzquiz.loads_deck(text, "t.toml")
    return list(caught.value.problems)


def only_problem(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


TEN_MISTAKES = """\
[deck]
id = "ten"
title = "Ten mistakes"

[[facts]]
id = "a"
kind = "answer"
question = "Who led the National Security Committee?"
anwser = "Karim Masimov"

[[facts]]
id = "a"
kind = "statement"
statement = "The police withdrew."
answer = "yes"

[[facts]]
id = "b"
kind = "answer"
question = "Which city?"
answer = ""

[[facts]]
id = "c"
kind = "answer"
question = "Which alliance?"
answer = "CSTO"
distractors = ["NATO", "C.S.T.O."]

[[facts]]
id = "d"
kind = "sequence"
subject = "the names"
last = 3
items = ["Akmola", "Astana", "Nur-Sultan"]

[[facts]]
id = "e"
kind = "number"
question = "How many were detained?"
min = 6000
max = 3000

[[facts]]
id = "f"
kind = "choise"
question = "?"

[[facts]]
id = "g"
kind = "statement"
statement = "Belarus sent no forces."
answer = false

[[facts]]
id = "h"
kind = "cloze"
text = "Protesters in Taldykorgan tore down a statue."
"""


def test_a_deck_with_ten_mistakes_reports_all_ten_with_lines() -> None:
    found = problems(TEN_MISTAKES)
    assert len(found) == 10, [str(p) for p in found]
    assert all(p.path == "t.toml" and p.line for p in found)
    lines = TEN_MISTAKES.splitlines()
    by_field = {(p.field, p.message): p for p in found}
    assert by_field["a.anwser", "unknown key `anwser`"].hint == "did you mean `answer`?"
    assert lines[by_field["a.anwser", "unknown key `anwser`"].line - 1].startswith("anwser")
    duplicate = next(p for p in found if "duplicate" in p.message)
    assert lines[duplicate.line - 1] == 'id = "a"'
    assert duplicate.line == 12
    assert lines[by_field["a.answer", "must be true or false, not a string"].line - 1] == 'answer = "yes"'
    assert lines[by_field["b.answer", "must not be empty"].line - 1] == 'answer = ""'
    assert lines[by_field["c.distractors[1]", "'C.S.T.O.' is also a right answer"].line - 1].startswith("distractors")
    assert lines[by_field["d.last", "asks for the last 3 of 3 items"].line - 1] == "last = 3"
    assert lines[by_field["e.min", "min (6000) is greater than max (3000)"].line - 1] == "min = 6000"
    kind = by_field["f.kind", "unknown kind 'choise'"]
    assert lines[kind.line - 1] == 'kind = "choise"'
    assert kind.hint == "did you mean `choice`?"
    assert any(p.field == "g" and "correction" in p.message for p in found)
    assert any(p.field == "h.text" and p.message == "has no blank" for p in found)
    assert [p.line for p in found] == sorted(p.line or 0 for p in found), "problems come in file order"


def test_the_error_message_lists_every_problem_as_path_line_column() -> None:
    with pytest.raises(DeckError) as caught:
        kzquiz.loads_deck(TEN_MISTAKES, "decks/ten.toml")
    text = str(caught.value)
    assert text.startswith("10 problems in the deck")
    assert "decks/ten.toml:9:1: a.anwser: unknown key `anwser` (did you mean `answer`?)" in text


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\n', "x", "missing required key `answer`"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = 3\n', "x.answer", "must be a string, not a number"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\ntags = "t"\n', "x.tags", "must be a list"),
        ('id = "x y"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n', "x y.id", "invalid id 'x y'"),
        ('kind = "answer"\nquestion = "Q?"\nanswer = "A"\n', "facts[0]", "missing required key `id`"),
        ('id = "x"\nquestion = "Q?"\nanswer = "A"\n', "x", "missing required key `kind`"),
        ('id = "x"\nkind = "set"\nsubject = "s"\nmembers = ["A"]\n', "x.members", "needs at least 2 items, has 1"),
        ('id = "x"\nkind = "sequence"\nsubject = "s"\nitems = ["A", "B"]\n', "x.items", "needs at least 3 items"),
        (
            'id = "x"\nkind = "sequence"\nsubject = "s"\nitems = ["A", "a", "B"]\n',
            "x.items[1]",
            "'a' repeats the item just before it",
        ),
        (
            'id = "x"\nkind = "set"\nsubject = "s"\nmembers = ["A", "B"]\nnon_members = ["b"]\n',
            "x.non_members[0]",
            "'b'",
        ),
        ('id = "x"\nkind = "set"\nsubject = "s"\nmembers = ["A", "B"]\nname = 3\n', "x.name", "asks to name 3 of 2"),
        ('id = "x"\nkind = "number"\nquestion = "Q?"\n', "x", "missing required key `answer` (or `min` and `max`)"),
        ('id = "x"\nkind = "number"\nquestion = "Q?"\nanswer = 1\nmin = 0\n', "x.answer", "give either"),
        ('id = "x"\nkind = "number"\nquestion = "Q?"\nanswer = "ten"\n', "x.answer", "must be a number or a date"),
        ('id = "x"\nkind = "number"\nquestion = "Q?"\nanswer = 1\ntolerance = -1\n', "x.tolerance", "negative"),
        ('id = "x"\nkind = "cloze"\ntext = "A {{}} blank"\n', "x.text", "blank 1 has an empty answer"),
        ('id = "x"\nkind = "cloze"\ntext = "A {{b}} }} c"\n', "x.text", "unbalanced"),
        ('id = "x"\nkind = "choice"\nquestion = "Q?"\nanswer = "A"\n', "x", "needs at least one `wrong` option"),
        ('id = "x"\nkind = "choice"\nquestion = "Q?"\nanswer = "A"\nwrong = ["a"]\n', "x.wrong[0]", "also a right"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nitems = []\n', "x.items", "not a key of answer"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nas_of = "2022"\n', "x.as_of", "must be a date"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nsurname = "yes"\n', "x.surname", "true or false"),
        # The optional strings read without a call each: a value of another type is still named, whichever it is.
        (
            'id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\ngroup = 1\nnote = "n"\n',
            "x.group",
            "not a number",
        ),
        (
            'id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nquote = ["q"]\ngroup = "g"\n',
            "x.quote",
            "not a list",
        ),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nquote = "q"\nnote = true\n', "x.note", "not true"),
        ('id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nforms = ["recal"]\n', "x.forms[0]", "`recall`"),
    ],
)
def test_each_mistake_is_named_with_its_field(body: str, field: str, message: str) -> None:
    problem = only_problem(HEADER + "\n[[facts]]\n" + body)
    assert problem.field == field
    assert message in problem.message + " " + problem.hint
    assert problem.line is not None
    assert problem.line >= 5


def test_toml_syntax_errors_give_line_and_column() -> None:
    problem = only_problem(HEADER + '\n[[facts]]\nid = "x"\nkind = "answer\n')
    assert (problem.line, problem.field) == (7, "")
    assert problem.message.startswith("TOML syntax:")
    assert "(at line" not in problem.message


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("bank.gift", "::Q1:: Which city? {=Astana ~Almaty}\n", "a GIFT"),
        ("sheet.csv", "question,answer\nWhich city?,Astana\n", "a CSV"),
        ("sheet.TSV", "question\tanswer\nWhich city?\tAstana\n", "a TSV"),
        ("moodle.txt", "Which city?\nA. Astana\nB. Almaty\nANSWER: A\n", "a GIFT or Aiken"),
    ],
)
def test_a_question_bank_given_as_a_deck_says_to_import_it(name: str, text: str, kind: str) -> None:
    with pytest.raises(DeckError) as raised:
        kzquiz.loads_deck(text, f"folder/{name}")
    [problem] = raised.value.problems
    assert problem.message.startswith("TOML syntax:")
    assert problem.hint == f"this looks like {kind} file, not a deck: make a deck of it with kzquiz import {name}"


@pytest.mark.parametrize("name", ["deck.toml", "deck.txt"])  # a deck saved as .txt is still a deck
def test_a_toml_deck_with_a_syntax_error_keeps_the_fix_for_its_line(name: str) -> None:
    text = "::Q1:: Which city? {=Astana ~Almaty}\n" if name.endswith(".toml") else HEADER + '\n[[facts]]\nid = "x\n'
    with pytest.raises(DeckError) as raised:
        kzquiz.loads_deck(text, name)
    assert "kzquiz import" not in raised.value.problems[0].hint


def test_invalid_utf8_is_located() -> None:
    data = (HEADER + 'description = "caf').encode() + b'\xe9"\n'
    problem = only_problem(data)  # type: ignore[arg-type]
    assert (problem.line, problem.column) == (4, 19)
    assert "invalid UTF-8" in problem.message
    assert problem.hint == "save the file as UTF-8"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_an_empty_file_is_a_problem_not_a_crash(text: str) -> None:
    found = problems(text)
    assert found[0].message in ("the file is empty", "missing the [deck] table")


@pytest.mark.parametrize("blank", ["", " ", "\n", "\t\r\n\x0b\x0c  \n"])
def test_a_file_of_ascii_blanks_is_empty_and_one_with_anything_else_is_read(blank: str) -> None:
    assert [p.message for p in problems(blank)] == ["the file is empty"]
    assert "the file is empty" not in [p.message for p in problems(blank + "\u00a0")]  # no-break space: read it


def test_a_missing_file_is_a_deck_error(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="cannot read the file"):
        kzquiz.load_deck(tmp_path / "nope.toml")


def test_a_deck_without_facts_says_how_to_add_them() -> None:
    problem = only_problem(HEADER)
    assert problem.message == "the deck has no facts"
    assert "[[facts]]" in problem.hint


@pytest.mark.parametrize(
    "prompt",
    ["{item.__class__}", "{item.__init__.__globals__}", "{0}", "{__import__('os')}", "{n} {", "{text}"],
)
def test_prompts_cannot_reach_python_objects(prompt: str) -> None:
    body = (
        f'id = "x"\nkind = "sequence"\nsubject = "s"\nitems = ["A", "B", "C"]\nprompts.before = {json.dumps(prompt)}\n'
    )
    found = problems(HEADER + "\n[[facts]]\n" + body)
    assert {p.field for p in found} == {"x.prompts.before"}


def test_prompt_placeholders_are_filled_as_plain_text() -> None:
    body = """
[[facts]]
id = "x"
kind = "sequence"
subject = "the {names}"
items = ["{item}", "B", "C"]
prompts.after = "After {item}, in {subject}?"
"""
    deck = kzquiz.loads_deck(HEADER + body)
    after = deck.question("t/x/after/item")
    assert after.prompt == "After {item}, in the {names}?"


def test_a_valid_deck_keeps_its_metadata_and_dates() -> None:
    deck = kzquiz.load_deck(DATA / "all-kinds.toml")
    assert (deck.id, deck.title, deck.language) == ("example", "Every fact kind", "en")
    assert deck.as_of == dt.date(2022, 1, 15)
    assert deck.source.date == "2022-01-15"
    assert deck.source.author == "Anastassiya Schacht"
    assert len(deck.content_hash) == 64
    assert deck.path.endswith("all-kinds.toml")
    assert {f.kind for f in deck.facts} == set(kzquiz.FactKind)


def test_check_deck_gives_warnings_for_a_valid_deck() -> None:
    found = kzquiz.check_deck((DATA / "all-kinds.toml").read_text(), "all-kinds.toml")
    assert found
    assert all(p.severity is kzquiz.Severity.WARNING for p in found)
    no_quote = [p for p in found if p.message == "no quote from the source"]
    assert {p.field for p in no_quote} >= {"president", "capital-names"}
    assert all(str(p).startswith("all-kinds.toml:") and ": warning: " in str(p) for p in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_raises_deck_error(text: str) -> None:
    try:
        kzquiz.loads_deck(HEADER + text)
    except DeckError as error:
        problems = error.problems
        assert problems


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["question", "answer", "anwser", "tags", "note", "kind", "id", "qoute"]), max_size=8),
    st.integers(min_value=0, max_value=3),
)
def test_every_problem_of_generated_facts_points_at_its_fact(keys: list[str], blank_lines: int) -> None:
    values = {"tags": '["t"]', "kind": '"answer"', "id": '"x"'}
    body = "".join(f"{key} = {values.get(key, chr(34) + 'v' + chr(34))}\n" for key in dict.fromkeys(keys))
    text = HEADER + "\n" * blank_lines + "[[facts]]\n" + body
    fact_line = HEADER.count("\n") + blank_lines + 1
    try:
        kzquiz.loads_deck(text)
    except DeckError as error:
        for problem in error.problems:
            assert problem.line is not None
            assert fact_line <= problem.line <= text.count("\n")


def test_inspect_deck_gives_the_deck_and_its_warnings_from_one_reading() -> None:
    from kzquiz.deckfile import inspect_deck

    text = '[deck]\nid = "d"\ntitle = "D"\n\n[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n'
    deck, problems = inspect_deck(text, "d.toml")
    assert deck is not None
    assert [f.id for f in deck.facts] == ["a"]
    assert [(p.line, p.field, p.message) for p in problems] == [(5, "a", "no quote from the source")]
    assert problems == kzquiz.check_deck(text, "d.toml")
    broken, errors = inspect_deck(text.replace('answer = "A"', "answer = "), "d.toml")
    assert broken is None
    assert errors
    assert errors == kzquiz.check_deck(text.replace('answer = "A"', "answer = "), "d.toml")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            'kind = "answer"\nquestion = "Who?"\nanswer = "Karim (Qajymqanuly) Masimov"\n'
            'distractors = ["Samat Abish", "Karim Masimov"]',
            "f.distractors[1]",
            "'Karim Masimov' is also a right answer",
        ),
        (
            'kind = "choice"\nquestion = "Who?"\nanswers = ["Karim Masimov"]\n'
            'wrong = ["Karim (Qajymqanuly) Masimov", "X"]',
            "f.wrong[0]",
            "'Karim (Qajymqanuly) Masimov' is also a right answer",
        ),
        (
            'kind = "choice"\nquestion = "Who?"\nanswers = ["Samat Abish"]\n'
            'wrong = ["Karim (Q.) Masimov", "Karim Masimov"]',
            "f.wrong[1]",
            "'Karim Masimov' is listed twice",
        ),
    ],
)
def test_an_option_that_is_another_without_its_optional_words_is_the_same_option(
    body: str, field: str, message: str
) -> None:
    found = kzquiz.check_deck(f'[deck]\nid = "d"\ntitle = "T"\n\n[[facts]]\nid = "f"\n{body}\n', "d.toml")
    assert [(p.field, p.message) for p in found if p.severity is kzquiz.Severity.ERROR] == [(field, message)]


def test_options_that_differ_only_inside_their_optional_words_are_different_options() -> None:
    body = 'kind = "choice"\nquestion = "Who?"\nanswers = ["Karim (Q.) Masimov"]\nwrong = ["Karim (R.) Masimovich"]'
    found = kzquiz.check_deck(f'[deck]\nid = "d"\ntitle = "T"\n\n[[facts]]\nid = "f"\n{body}\n', "d.toml")
    assert [p.message for p in found if p.severity is kzquiz.Severity.ERROR] == []


@pytest.mark.parametrize("accents", [None, True, False])
@pytest.mark.parametrize("surname", [None, True, False])
@pytest.mark.parametrize("typos", [None, True, False])
def test_each_grading_key_is_read_and_a_left_out_one_keeps_its_default(
    accents: bool | None, surname: bool | None, typos: bool | None
) -> None:
    given = {"accents": accents, "surname": surname, "typos": typos}
    keys = "".join(f"{key} = {str(value).lower()}\n" for key, value in given.items() if value is not None)
    deck = kzquiz.loads_deck(HEADER + f'\n[[facts]]\nid = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n{keys}')
    expected = kzquiz.Grading(accents=bool(accents), surname=bool(surname), typos=True if typos is None else typos)
    assert deck.facts[0].grading == expected


def test_every_key_a_kind_does_not_have_is_reported_with_the_kinds_it_belongs_to() -> None:
    body = 'id = "x"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\nsubject = "s"\nwrong = ["B"]\nanwser = "A"\n'
    found = problems(HEADER + "\n[[facts]]\n" + body)
    assert [(p.field, p.message, p.hint) for p in found] == [
        ("x.subject", "`subject` is not a key of answer facts", ANSWER_KEYS_HINT.format("sequence and set")),
        ("x.wrong", "`wrong` is not a key of answer facts", ANSWER_KEYS_HINT.format("choice")),
        ("x.anwser", "unknown key `anwser`", "did you mean `answer`?"),
    ]


ANSWER_KEYS_HINT = "it belongs to {} facts; allowed here: question, answer, aliases, distractors, partial"


def test_a_facts_kind_belongs_to_its_class_and_is_not_a_field() -> None:
    deck = kzquiz.load_deck(DATA / "all-kinds.toml")
    for fact in deck.facts:
        assert fact.kind is type(fact).kind
        assert "kind" not in attrs.fields_dict(type(fact))
    assert {type(f).kind for f in deck.facts} == set(kzquiz.FactKind)

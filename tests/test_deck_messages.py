"""Deck problems in a teacher's words: one mistake gives one error, each naming its fix."""

from __future__ import annotations

import pytest

import kzquiz

HEAD = '[deck]\nid = "d"\ntitle = "T"\n\n'


def problems(text: str) -> list[kzquiz.Problem]:
    with pytest.raises(kzquiz.DeckError) as caught:
        kzquiz.loads_deck(HEAD + text, "d.toml")
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        ('[[facts]]\nid = "a\nkind = "answer"\n', 6, "a string is not closed on this line", 'end it with "'),
        ('[[facts]]\nid = "a"\nkind = answer\n', 7, "this value is not text in quotes", "put text in quotes"),
        ('[[facts]]\nid "a"\n', 6, "a key must be followed by =", 'write key = "value"'),
        ('[[facts]\nid = "a"\n', 5, "a fact header is not closed", "end it with ]]"),
        ('[[facts]]\nid = "a"\nid = "b"\n', 7, "this key is already set above", "keep one"),
        ('[[facts]]\nid = "\x00a"\n', 6, "a NUL byte (0x00), which no text holds", "save the file as UTF-8 text"),
        ("[[facts]]\nk\x00ind = 1\n", 6, "a NUL byte (0x00)", "as UTF-8 text"),  # not "a key must be followed by ="
        ('[[facts]]\rid = "a"\r', 5, "a carriage return (CR) alone ends no line", "LF or CR LF line endings"),
    ],
)
def test_toml_syntax_errors_are_said_in_a_teachers_words(text: str, line: int, message: str, hint: str) -> None:
    (problem,) = problems(text)
    assert problem.line == line
    assert problem.message.startswith(f"TOML syntax: {message}")
    assert hint in problem.hint
    assert "Illegal character" not in str(problem)


def test_a_string_for_a_list_is_one_error_with_its_fix() -> None:
    text = '[[facts]]\nid = "a"\nkind = "choice"\nquestion = "Q?"\nanswer = "A"\nwrong = "B"\n'
    (problem,) = problems(text)
    assert problem.field == "a.wrong"
    assert problem.message == "must be a list of strings, not a string"
    assert problem.hint == 'write wrong = ["B"]'


def test_a_missing_id_names_kzquiz_fmt() -> None:
    (problem,) = problems('[[facts]]\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n')
    assert "missing required key `id`" in problem.message
    assert "kzquiz fmt" in problem.hint

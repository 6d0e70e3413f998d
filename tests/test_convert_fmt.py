"""``kzquiz fmt``: canonical key order, comments kept, ids added, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.convert.fmt import format_deck
from kzquiz.convert.tomlwriter import deck_to_toml

ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"

MESSY = """\
# My deck, written by hand.
[deck]
title = "Capitals"   # shown to learners
id = "capitals"

[deck.source]
url = "https://example.org"
title = "An atlas"

# The first fact has no id yet.
[[facts]]
answer = "Astana"
# Astana was Nur-Sultan from 2019 to 2022.
aliases = ["Nur-Sultan"]
question = "What is the capital of Kazakhstan?"
kind = "answer"
tags = ["asia"]

[[facts]]
kind = "cloze"
text = "The capital of Kyrgyzstan is {{Bishkek|Frunze}}."

[[facts]]
id = "what-is-the-capital-of-kazakhstan"
kind = "statement"
answer = true
statement = "Tashkent is the capital of Uzbekistan."
"""

EXPECTED = """\
# My deck, written by hand.
[deck]
id = "capitals"
title = "Capitals"   # shown to learners

[deck.source]
url = "https://example.org"
title = "An atlas"

# The first fact has no id yet.
[[facts]]
id = "what-is-the-capital-of-kazakhstan-2"
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"
# Astana was Nur-Sultan from 2019 to 2022.
aliases = ["Nur-Sultan"]
tags = ["asia"]

[[facts]]
id = "the-capital-of-kyrgyzstan-is-bishkek"
kind = "cloze"
text = "The capital of Kyrgyzstan is {{Bishkek|Frunze}}."

[[facts]]
id = "what-is-the-capital-of-kazakhstan"
kind = "statement"
statement = "Tashkent is the capital of Uzbekistan."
answer = true
"""


def test_keys_are_ordered_comments_kept_and_missing_ids_added() -> None:
    assert format_deck(MESSY) == EXPECTED
    assert [f.id for f in kzquiz.loads_deck(EXPECTED).facts] == [
        "what-is-the-capital-of-kazakhstan-2",
        "the-capital-of-kyrgyzstan-is-bishkek",
        "what-is-the-capital-of-kazakhstan",
    ]


def test_formatting_is_idempotent() -> None:
    once = format_deck(MESSY)
    assert format_deck(once) == once


@pytest.mark.parametrize("path", [ALL_KINDS, *sorted((Path(__file__).parent.parent / "decks").glob("*.toml"))])
def test_formatting_a_valid_deck_keeps_its_meaning(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    formatted = format_deck(text)
    assert kzquiz.loads_deck(formatted).facts == kzquiz.loads_deck(text).facts
    assert format_deck(formatted) == formatted


def test_a_deck_written_by_import_is_already_formatted() -> None:
    text = deck_to_toml(kzquiz.load_deck(ALL_KINDS))
    assert format_deck(text) == text


def test_a_toml_syntax_error_names_the_line_and_column() -> None:
    with pytest.raises(kzquiz.DeckError) as caught:
        format_deck('[deck]\nid = "x"\ntitle = = "y"\n', "bad.toml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.column) == ("bad.toml", 3, 9)
    assert problem.message.startswith("TOML syntax:")


KEYS = ["question", "answer", "kind", "tags", "note", "aliases"]


@given(st.permutations(KEYS))
def test_any_key_order_gives_the_same_canonical_text(order: list[str]) -> None:
    values = {
        "question": '"Q?"',
        "answer": '"A"',
        "kind": '"answer"',
        "tags": '["t"]',
        "note": '"n"',
        "aliases": '["b"]',
    }
    text = '[deck]\nid = "d"\ntitle = "D"\n\n[[facts]]\n' + "".join(f"{k} = {values[k]}\n" for k in order)
    assert format_deck(text) == (
        '[deck]\nid = "d"\ntitle = "D"\n\n[[facts]]\nid = "q"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n'
        'aliases = ["b"]\ntags = ["t"]\nnote = "n"\n'
    )


@given(st.text(alphabet=st.sampled_from('[]{}=#"\n abdefikqstu.,'), max_size=80))
def test_any_text_is_formatted_or_refused_with_a_located_deck_error(text: str) -> None:
    try:
        once = format_deck(text, "any.toml")
    except kzquiz.DeckError as error:
        lines = [p.line for p in error.problems]
    else:
        assert format_deck(once) == once
        return
    assert None not in lines


def test_an_id_that_is_not_a_string_is_left_for_validate_to_report() -> None:
    text = '[deck]\nid = "d"\ntitle = "D"\n\n[[facts]]\nid = 5\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n'
    assert format_deck(text) == text
    assert format_deck(text.replace("id = 5", 'id = ""')).count('id = "q"') == 1

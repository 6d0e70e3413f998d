"""The documentation's examples and the bundled decks load, and the JSON Schema agrees with the loader."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

import kzquiz

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "deck.schema.json").read_text(encoding="utf-8"))
HEADER = '[deck]\nid = "doc"\ntitle = "Documentation example"\n\n'
DECKS = sorted((ROOT / "decks").glob("*.toml")) + sorted((ROOT / "tests" / "data").glob("*.toml"))


def toml_blocks() -> list[tuple[str, str]]:
    found = []
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for number, block in enumerate(re.findall(r"```toml\n(.*?)```", text, re.DOTALL), 1):
            found.append((f"{doc.name}#{number}", block if block.lstrip().startswith("[deck]") else HEADER + block))
    return found


def as_json(value: Any) -> Any:
    """TOML values as a schema-aware editor sees them: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(("name", "text"), toml_blocks(), ids=[name for name, _ in toml_blocks()])
def test_every_documented_example_loads_and_matches_the_schema(name: str, text: str) -> None:
    deck = kzquiz.loads_deck(text, name)
    assert deck.questions
    errors = [e.message for e in VALIDATOR.iter_errors(as_json(tomli.loads(text)))]
    assert errors == []


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.name)
def test_every_deck_loads_and_matches_the_schema(path: Path) -> None:
    kzquiz.load_deck(path)
    errors = [e.message for e in VALIDATOR.iter_errors(as_json(tomli.loads(path.read_text(encoding="utf-8"))))]
    assert errors == []


@pytest.mark.parametrize(
    "fact",
    [
        'id = "x"\nkind = "answer"\nquestion = "Q?"\nanwser = "A"\n',
        'id = "x"\nkind = "answr"\nquestion = "Q?"\nanswer = "A"\n',
        'id = "x"\nkind = "statement"\nstatement = "S."\n',
        'id = "x"\nkind = "number"\nquestion = "Q?"\nanswer = 1\nmin = 0\nmax = 2\n',
        'id = "x"\nkind = "sequence"\nsubject = "s"\nitems = ["A", "B"]\n',
        'id = "x"\nkind = "cloze"\ntext = "No blank here."\n',
        'id = "x y"\nkind = "answer"\nquestion = "Q?"\nanswer = "A"\n',
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(fact: str) -> None:
    text = HEADER + "[[facts]]\n" + fact
    with pytest.raises(kzquiz.DeckError):
        kzquiz.loads_deck(text)
    assert list(VALIDATOR.iter_errors(as_json(tomli.loads(text))))

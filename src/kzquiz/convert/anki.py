"""Anki export: a deck as an ``.apkg`` package, one note per fact, that re-exports update instead of duplicate.

Anki recognises a note by its guid, so each note's guid is derived from the deck id and the fact id
(``genanki.guid_for(deck_id, fact_id)``) and the note type's and deck's ids from fixed names: exporting an edited
deck and importing it again updates the notes a learner already has, with their review history. (genanki's
default, a hash of the note's fields, would turn every edited note into a new one.) Deck text is plain text, so it
is HTML-escaped for Anki's HTML fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import itertools
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from kzquiz.convert.common import partial_lines
from kzquiz.files import write_atomic
from kzquiz.grading import ListExpectation, OrderExpectation, TextExpectation, TruthExpectation
from kzquiz.model import AnyFact, Deck

if TYPE_CHECKING:
    import genanki  # type: ignore[import-untyped]

MODEL_NAME = "kzquiz fact"
"""The name of the Anki note type kzquiz notes use."""

FIELDS = ("Front", "Back", "Extra", "Fact")
"""The note type's fields: question, answer, note and quote, and the fact's ``deck/fact`` id."""

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.extra { font-size: 16px; color: #555; margin-top: 1em; }
.fact { display: none; }
ol, ul { display: inline-block; text-align: left; }"""


def stable_id(*parts: str) -> int:
    """A positive 31-bit integer from text, the same on every run and machine (Anki's model and deck ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") >> 1 | 1 << 30


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def note_fields(deck: Deck, fact: AnyFact) -> tuple[str, str, str, str]:
    """The four fields of a fact's note: from the fact's first question, its prompt (and options) and answer, the
    answers worth part of the marks after it (``partly right (50%): Galilee``)."""
    question = deck.questions_for(fact.id)[0]
    front = _html(question.prompt)
    if question.choices and not isinstance(question.expectation, OrderExpectation | TruthExpectation):
        front += "<ol type='a'>" + "".join(f"<li>{_html(c)}</li>" for c in question.choices) + "</ol>"
    expectation = question.expectation
    if isinstance(expectation, TextExpectation):
        forms = [f for a in expectation.accepted for f in a.forms]
        back = _html(forms[0]) + (f"<br><small>also: {_html(', '.join(forms[1:]))}</small>" if forms[1:] else "")
    elif isinstance(expectation, ListExpectation | OrderExpectation):
        items = (
            [a.text for a in expectation.items]
            if isinstance(expectation, ListExpectation)
            else [expectation.choices[i] for i in expectation.order]
        )
        tag = "ol" if isinstance(expectation, OrderExpectation) or expectation.ordered else "ul"
        back = f"<{tag}>" + "".join(f"<li>{_html(i)}</li>" for i in items) + f"</{tag}>"
        if isinstance(expectation, ListExpectation) and expectation.count < len(items):
            back = f"any {expectation.count} of:" + back
    else:
        back = _html(question.expected)
    back += "".join(f"<br><small>{_html(line)}</small>" for line in partial_lines(question))
    extra = "<br>".join(_html(t) for t in (fact.note, fact.quote and f"“{fact.quote}”") if t)
    return front, back, extra, _html(f"{deck.id}/{fact.id}")


def build_package(deck: Deck) -> genanki.Package:
    """The deck as a genanki package, ready to write."""
    import genanki

    model = genanki.Model(
        stable_id("kzquiz", MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<div class=extra>{{Extra}}</div>",
            }
        ],
        css=_CSS,
    )
    anki_deck = genanki.Deck(stable_id("kzquiz", "deck", deck.id), deck.title)
    for fact in deck.facts:
        tags = [tag.replace(" ", "_") for tag in fact.tags]
        note = genanki.Note(
            model=model,
            fields=list(note_fields(deck, fact)),
            tags=tags,
            guid=genanki.guid_for(deck.id, fact.id),
        )
        anki_deck.add_note(note)
    return genanki.Package(anki_deck)


def write_apkg(deck: Deck, path: str | Path, now: dt.datetime) -> None:
    """Write the deck as an Anki package at ``path``, notes stamped with ``now`` (newer stamps win in Anki).

    The package is built in a private temporary folder that is always removed (genanki's own ``write_to_file``
    leaves its database behind in the system's temporary folder) and written whole or not at all.
    """
    import sqlite3

    package = build_package(deck)
    timestamp = now.timestamp()
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="kzquiz-apkg-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(buffer, "w") as package_zip:
            package_zip.write(database, "collection.anki2")
            package_zip.writestr("media", "{}")
    write_atomic(path, buffer.getvalue())

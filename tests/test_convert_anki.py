"""Anki export, checked with the real Anki library: the package imports, and re-importing an edited deck updates.

Each test opens a new Anki collection in a temporary folder and imports the ``.apkg`` the way Anki's own
"Import" does (``Collection.import_anki_package`` with the default options: notes are updated when the incoming
copy is newer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

import kzquiz
from kzquiz.cli import main
from kzquiz.convert.anki import FIELDS, MODEL_NAME, note_fields, stable_id, write_apkg

ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"
FIRST = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
LATER = FIRST + dt.timedelta(days=1)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_package(col: Collection, path: Path) -> None:
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions()))


def notes_by_guid(col: Collection) -> dict[str, dict[str, str]]:
    notes = [col.get_note(note_id) for note_id in col.find_notes("")]
    return {note.guid: dict(zip(FIELDS, note.fields, strict=True)) for note in notes}


def test_every_fact_becomes_one_note_with_its_question_and_answer(tmp_path: Path, collection: Collection) -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    write_apkg(deck, tmp_path / "deck.apkg", FIRST)
    import_package(collection, tmp_path / "deck.apkg")
    notes = notes_by_guid(collection)
    assert len(notes) == len(deck.facts) == 9
    assert set(notes) == {genanki.guid_for(deck.id, fact.id) for fact in deck.facts}
    chief = notes[genanki.guid_for("example", "nsc-chief")]
    assert chief["Front"] == "Who was the long-standing chief of the National Security Committee?"
    assert chief["Back"] == "Karim Masimov<br><small>also: Karim Qajymqanuly Masimov</small>"
    assert chief["Extra"] == "“fired a few key figures of power, including Karim Masimov”"
    assert chief["Fact"] == "example/nsc-chief"
    police = notes[genanki.guid_for("example", "police")]
    assert police["Front"] == "True or false? The police withdrew from Almaty on 5 January."
    assert police["Back"] == "true"
    order = notes[genanki.guid_for("example", "capital-names")]
    assert order["Back"] == (
        "<ol><li>Akmolinsk</li><li>Tselinograd</li><li>Akmola</li><li>Astana</li><li>Nur-Sultan</li></ol>"
    )
    assert "Every fact kind" in collection.decks.all_names()
    note_types = {collection.get_note(n).note_type()["name"] for n in collection.find_notes("")}  # type: ignore[index]
    assert note_types == {MODEL_NAME}


def test_reimporting_an_edited_deck_updates_the_notes_instead_of_duplicating_them(
    tmp_path: Path, collection: Collection
) -> None:
    text = ALL_KINDS.read_text(encoding="utf-8")
    write_apkg(kzquiz.loads_deck(text), tmp_path / "v1.apkg", FIRST)
    import_package(collection, tmp_path / "v1.apkg")
    edited = text.replace('answer = "Karim Masimov"', 'answer = "Karim K. Masimov"').replace(
        "Which alliance did Tokayev call in?", "Which alliance did Tokayev ask for help?"
    )
    edited += '\n[[facts]]\nid = "new-one"\nkind = "answer"\nquestion = "A new question?"\nanswer = "Yes"\n'
    write_apkg(kzquiz.loads_deck(edited), tmp_path / "v2.apkg", LATER)
    import_package(collection, tmp_path / "v2.apkg")
    notes = notes_by_guid(collection)
    assert len(notes) == 10  # nine updated, one added, none duplicated
    assert notes[genanki.guid_for("example", "nsc-chief")]["Back"].startswith("Karim K. Masimov")
    assert notes[genanki.guid_for("example", "alliance")]["Front"].startswith(
        "Which alliance did Tokayev ask for help?"
    )
    assert notes[genanki.guid_for("example", "new-one")]["Front"] == "A new question?"


def test_deck_text_is_escaped_for_anki_html_fields() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "x"\ntitle = "X"\n[[facts]]\nid = "tag"\nkind = "answer"\n'
        'question = "What does <b> do in HTML & XML?"\nanswer = "bold <text>"\nnote = "line one\\nline two"\n'
    )
    front, back, extra, _ = note_fields(deck, deck.facts[0])
    assert front == "What does &lt;b&gt; do in HTML &amp; XML?"
    assert back == "bold &lt;text&gt;"
    assert extra == "line one<br>line two"


def test_ids_are_stable_and_in_ankis_range() -> None:
    assert stable_id("kzquiz", "deck", "example") == stable_id("kzquiz", "deck", "example")
    assert stable_id("kzquiz", "deck", "example") != stable_id("kzquiz", "deck", "other")
    assert 1 << 30 <= stable_id("anything") < 1 << 31


def test_the_export_command_writes_a_package_anki_imports(tmp_path: Path, collection: Collection) -> None:
    assert main(["export", str(ALL_KINDS), "-o", str(tmp_path / "out.apkg")]) == 0
    import_package(collection, tmp_path / "out.apkg")
    assert len(collection.find_notes("")) == 9


def test_partial_credit_shows_on_the_back_of_the_imported_notes(tmp_path: Path, collection: Collection) -> None:
    deck = kzquiz.load_deck(Path(__file__).parent / "data" / "partial-kinds.toml")
    write_apkg(deck, tmp_path / "partial.apkg", FIRST)
    import_package(collection, tmp_path / "partial.apkg")
    backs = {fields["Fact"]: fields["Back"] for fields in notes_by_guid(collection).values()}
    assert backs["partial/hometown"] == (
        "Nazareth<br><small>partly right (50%): Galilee (You need to be more specific.)</small>"
        "<br><small>partly right (25%): Israel</small>"
    )
    assert backs["partial/grant"] == (
        "Grant<br><small>partly right (50%): Ulysses S. Grant's wife (She is buried there too.)</small>"
    )
    assert backs["partial/tomb"].endswith(
        "<br><small>weights: Grant's wife 50%, Grant 50%, Grant's father -50%, No one -100%</small>"
    )
    assert backs["partial/born"] == "Nazareth<br><small>partly right (50%): Galilee</small>"
    assert backs["partial/grant-born"] == "1822<br><small>partly right (50%): 1820 to 1824</small>"

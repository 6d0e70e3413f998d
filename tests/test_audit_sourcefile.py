"""``[deck.source] file`` names only a file in the deck's own folder or below it (a deck is anyone's data, and the
audit prints its source's lines); ``--source``, the teacher's own choice, may name any file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kzquiz
from kzquiz.cli import main
from kzquiz.errors import DeckError

PRIVATE = "The secret password is swordfish. Nobody may read it."


def deck_text(file: str) -> str:
    return (
        '[deck]\nid = "t"\ntitle = "T"\n[deck.source]\n'
        f"file = {json.dumps(file)}\n"
        '[[facts]]\nid = "x"\nkind = "statement"\nstatement = "A."\nanswer = true\nquote = "Inside text."\n'
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "outside.txt").write_text(PRIVATE, encoding="utf-8")
    deck_folder = tmp_path / "decks"
    (deck_folder / "sub").mkdir(parents=True)
    (deck_folder / "sub" / "in.txt").write_text("Inside text. More words here.", encoding="utf-8")
    (deck_folder / "out-link.txt").symlink_to(tmp_path / "outside.txt")
    (deck_folder / "in-link.txt").symlink_to(Path("sub") / "in.txt")
    (deck_folder / "sub-out").symlink_to(tmp_path)
    return deck_folder


def write_deck(folder: Path, file: str) -> Path:
    path = folder / "deck.toml"
    path.write_text(deck_text(file), encoding="utf-8")
    return path


OUT_OF_FOLDER = ["/etc/passwd", "../outside.txt", "sub/../../outside.txt", "C:\\outside.txt", "\\\\host\\x.txt", " "]


@pytest.mark.parametrize("name", OUT_OF_FOLDER)
def test_a_deck_naming_a_file_out_of_its_folder_does_not_load(name: str) -> None:
    with pytest.raises(DeckError) as raised:
        kzquiz.loads_deck(deck_text(name), "t.toml")
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (5, "deck.source.file")
    assert "must name a file in the deck's folder or below it" in problem.message
    assert "--source" in problem.hint


@pytest.mark.parametrize("name", OUT_OF_FOLDER)
def test_audit_and_validate_refuse_it_in_one_line_naming_deck_line_and_key(
    folder: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(folder, name)
    for command in (["audit", str(deck), "--show-uncovered"], ["validate", str(deck)]):
        assert main(command) == 1
        out, err = capsys.readouterr()
        assert "swordfish" not in out + err
        (line,) = [x for x in (out + err).splitlines() if "deck.source.file" in x]
        assert f"{deck}:5:1: deck.source.file: must name a file in the deck's folder or below it" in line
        assert line.endswith("give the source with --source instead)")


@pytest.mark.parametrize("name", ["out-link.txt", "sub-out/outside.txt"])
def test_a_symlink_leading_out_of_the_folder_is_refused(
    folder: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(folder, name)
    assert main(["audit", str(deck), "--show-uncovered"]) == 1
    out, err = capsys.readouterr()
    assert "swordfish" not in out + err
    assert err.strip() == (
        f"kzquiz: {deck}:5:1: deck.source.file: must name a file in the deck's folder or below it: '{name}' leads out"
        " of it (copy the source into the deck's folder, or give it with --source instead)"
    )
    assert main(["audit", str(deck), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["coverage"] is None
    assert document["source"] == str(folder / name)
    assert [p["field"] for p in document["problems"]] == ["deck.source.file"]
    assert main(["validate", str(deck)]) == 1
    out, _ = capsys.readouterr()
    assert f"{deck}:5:1: deck.source.file:" in out
    assert "ok (" not in out


@pytest.mark.parametrize("name", ["sub/in.txt", "in-link.txt", "./sub/in.txt"])
def test_a_file_in_the_folder_or_below_it_is_read(folder: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    deck = write_deck(folder, name)
    assert main(["audit", str(deck), "--show-uncovered"]) == 0
    assert "not quoted: “More words here.”" in capsys.readouterr().out
    assert main(["validate", str(deck)]) == 0


def test_the_command_line_may_name_any_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = write_deck(folder, "out-link.txt")
    assert main(["audit", str(deck), "--source", str(folder.parent / "outside.txt"), "--show-uncovered"]) == 1
    out, _ = capsys.readouterr()
    assert "not quoted: “The secret password is swordfish.”" in out  # the teacher's own choice


def test_the_json_names_the_source_given_when_the_deck_does_not_load(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(folder, "../outside.txt")
    source = str(folder / "sub" / "in.txt")
    assert main(["audit", str(deck), "--source", source, "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["source"], document["coverage"]) == (source, None)
    assert main(["audit", str(folder / "missing.toml"), "--source", source, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["source"] == source


def test_an_empty_source_name_is_a_usage_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = write_deck(folder, "sub/in.txt")
    with pytest.raises(SystemExit) as raised:
        main(["audit", str(deck), "--source", ""])
    assert raised.value.code == 2
    assert "--source: must name a file, not ''" in capsys.readouterr().err


def test_a_missing_file_the_deck_names_is_refused_with_where_the_deck_names_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = write_deck(folder, "sub/missing.txt")
    assert main(["audit", str(deck)]) == 1
    _, err = capsys.readouterr()
    assert err.strip().endswith(
        f"cannot read the file: No such file or directory (named by [deck.source] file at {deck}:5:1)"
    )
    assert main(["audit", str(deck), "--source", str(folder / "gone.txt")]) == 1
    assert "named by" not in capsys.readouterr().err  # a file given on the command line is the teacher's own

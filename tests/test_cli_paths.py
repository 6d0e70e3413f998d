"""Messages name files relative to the current folder, and bundled decks by name, never by an installed path.

Run as a user runs kzquiz: a subprocess whose current folder is a fresh temporary one, not the repository.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import kzquiz
from clitools import kzquiz_cli
from kzquiz.bundled import bundled_folder

DATA = Path(__file__).parent / "data"
BROKEN = '[deck]\nid = "b"\ntitle = "B"\n\n[[facts]]\nid = "x"\nkind = "answr"\n'
GOOD = '[deck]\nid = "g"\ntitle = "G"\n\n[[facts]]\nkind = "answer"\nid = "x"\nquestion = "Q?"\nanswer = "A"\n'


def kzquiz_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return kzquiz_cli(folder / "home", *args, cwd=folder)


def test_exporting_the_bundled_deck_names_it_not_its_installed_path(tmp_path: Path) -> None:
    result = kzquiz_in(tmp_path, "export", "kazakhstan-2022", "-o", str(tmp_path / "k.gift"))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert str(bundled_folder()) not in output
    assert str(Path(kzquiz.__file__).parent) not in output
    left_out = [line for line in result.stdout.splitlines() if "left out the fact" in line]
    assert left_out
    assert all(line.startswith("kazakhstan-2022: left out the fact ") for line in left_out)
    assert result.stdout.splitlines()[-1].startswith("Wrote k.gift: ")


def test_a_file_inside_the_current_folder_is_named_relative_to_it_however_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.toml").write_text(BROKEN, encoding="utf-8")
    expected = "sub/b.toml:7:1: x.kind: unknown kind 'answr' (did you mean `answer`?)"
    for given in (str(tmp_path / "sub" / "b.toml"), "./sub/../sub/b.toml", "sub/b.toml"):
        result = kzquiz_in(tmp_path, "validate", given)
        assert result.stdout.splitlines()[0] == expected, given
        studied = kzquiz_in(tmp_path, "study", "--plain", given)
        assert studied.returncode == 1
        assert studied.stderr == f"kzquiz: {expected}\n", given


def test_a_file_outside_the_current_folder_is_named_as_given(tmp_path: Path) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "b.toml").write_text(BROKEN, encoding="utf-8")
    result = kzquiz_in(tmp_path / "here", "validate", "../b.toml", str(tmp_path / "b.toml"))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("../b.toml:7:1: x.kind: ")
    assert lines[1].startswith(f"{tmp_path / 'b.toml'}:7:1: x.kind: ")


def test_fmt_import_export_and_audit_name_their_files_relative_to_the_current_folder(tmp_path: Path) -> None:
    deck = tmp_path / "g.toml"
    deck.write_text(GOOD, encoding="utf-8")
    result = kzquiz_in(tmp_path, "fmt", str(deck))
    assert result.stdout.splitlines()[0] == "g.toml: reformatted"

    source = tmp_path / "bank.gift"
    source.write_text("::q:: Is it? {T}\n\n::d:: Just words.\n", encoding="utf-8")
    result = kzquiz_in(tmp_path, "import", str(source), "-o", str(tmp_path / "bank.toml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "bank.gift:3: skipped a description “Just words.”: a description is text, not a question",
        "Wrote bank.toml: 1 fact, 1 question from bank.gift; 1 skipped.",
    ]
    result = kzquiz_in(tmp_path, "export", str(deck), "-o", str(tmp_path / "g.csv"))
    assert result.stdout == "Wrote g.csv: 1 row, one per fact.\n"

    text = DATA / "source" / "eurozine-2022-01-15-kazakhstan.txt"
    result = kzquiz_in(tmp_path, "audit", "kazakhstan-2022", "--source", str(text))
    assert str(bundled_folder()) not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("kazakhstan-2022: ")

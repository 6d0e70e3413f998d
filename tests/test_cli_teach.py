"""The teachers' commands end to end, through ``kzquiz.cli.main``: output, files written, exit codes, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kzquiz
from clitools import as_shown
from kzquiz.cli import main

DATA = Path(__file__).parent / "data"
ALL_KINDS = DATA / "all-kinds.toml"
BROKEN = """\
[deck]
id = "broken"
title = "Broken"

[[facts]]
id = "one"
kind = "answer"
question = "What?"
anwser = "x"

[[facts]]
id = "two"
kind = "statment"
statement = "Yes."
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- validate -------------------------------------------------------------------------------------------------


def test_validate_lists_every_problem_of_every_file_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(broken), str(ALL_KINDS), str(tmp_path / "missing.toml"))
    assert code == 1
    lines = out.splitlines()
    assert f"{broken}:9:1: one.anwser: unknown key `anwser` (did you mean `answer`?)" in lines
    assert f"{broken}:13:1: two.kind: unknown kind 'statment' (did you mean `statement`?)" in lines
    assert any(line.startswith(f"{tmp_path / 'missing.toml'}: cannot read the file") for line in lines)
    assert f"{as_shown(ALL_KINDS)}: ok (9 facts, 24 questions)" in lines
    assert lines[-1] == "3 errors and 8 warnings in 3 files"


def test_validate_passes_with_only_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(ALL_KINDS))
    assert code == 0
    assert "warning: 8 facts: no quote from the source: president, " in out


def test_validate_json_is_machine_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--json", str(broken))
    assert code == 1
    document = json.loads(out)
    assert document["errors"] == 2
    assert [(p["line"], p["column"], p["field"]) for p in document["problems"]] == [
        (9, 1, "one.anwser"),
        (13, 1, "two.kind"),
    ]


# -- import -----------------------------------------------------------------------------------------------------

CSV = "prompt,answer,aliases,tags\nCapital of Kazakhstan?,Astana,Nur-Sultan|Akmola,geo\nLargest city?,Almaty,,geo\n"


def test_import_csv_writes_a_deck_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "class-quiz.csv"
    source.write_text(CSV, encoding="utf-8")
    output = tmp_path / "class-quiz.toml"
    code, out, _ = run(capsys, "import", str(source), "-o", str(output))
    assert code == 0
    assert f"Wrote {output}: 2 facts, 2 questions from {source}." in out
    deck = kzquiz.load_deck(output)
    assert (deck.id, deck.title) == ("class-quiz", "Class quiz")
    assert kzquiz.check_deck(output.read_bytes()) != []  # only warnings: no quotes
    assert all(p.severity is kzquiz.Severity.WARNING for p in kzquiz.check_deck(output.read_bytes()))


def test_import_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "q.csv"
    source.write_text(CSV, encoding="utf-8")
    output = tmp_path / "deck.toml"
    output.write_text("my precious deck", encoding="utf-8")
    code, _, err = run(capsys, "import", str(source), "-o", str(output))
    assert code == 1
    assert err == f"kzquiz: {output} already exists; choose another name or add --force to replace it\n"
    assert output.read_text(encoding="utf-8") == "my precious deck"
    code, _, _ = run(capsys, "import", str(source), "-o", str(output), "--force", "--id", "geo", "--title", "Geo")
    assert code == 0
    assert kzquiz.load_deck(output).id == "geo"


def test_import_gift_lists_what_was_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = DATA / "gift-pegjs" / "description1.gift"
    output = tmp_path / "d.toml"
    code, out, _ = run(capsys, "import", str(source), "-o", str(output))
    assert code == 0
    assert f"{as_shown(source)}:1: skipped a description “You can use your pencil and paper for these next …”" in out
    assert "1 fact, 1 question" in out
    assert "1 skipped" in out


def test_import_gift_skips_a_broken_question_with_its_line_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bank.gift"
    source.write_text("Capital?{=Astana ~Almaty}\n\n// a comment\nWho?{=a ~b\n\nSea?{=Caspian ~Aral}\n", "utf-8")
    output = tmp_path / "bank.toml"
    code, out, err = run(capsys, "import", str(source), "-o", str(output))
    assert (code, err) == (0, "")
    assert (
        f"{source}:4: skipped a question “Who?{{=a ~b”: the answer block opened with {{ is never closed with }} "
        "(close it, or write \\{ for {)"
    ) in out
    assert "2 facts" in out
    assert "1 skipped" in out
    assert [f.id for f in kzquiz.load_deck(output).facts] == ["capital", "sea"]


def test_import_with_explicit_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "questions.data"
    source.write_text("Capital?\nA. Astana\nB. Almaty\nANSWER: A\n", encoding="utf-8")
    code, _, _ = run(capsys, "import", str(source), "--from", "aiken", "-o", str(tmp_path / "a.toml"))
    assert code == 0
    assert kzquiz.load_deck(tmp_path / "a.toml").facts[0].kind is kzquiz.FactKind.CHOICE


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("q.gift", b"Intro\n\nWho?{=a ~b\n", "q.gift: nothing to import: no question could be made into a fact"),
        ("q.csv", b"prompt,answer\nCaf\xe9?,yes\n", "q.csv:2: not UTF-8 text (save the file as UTF-8)"),
        ("q.csv", b"question;reply\n", "q.csv:1: the header row has no answer column"),
        ("q.gift", b"Write an essay.{}\n", "q.gift: nothing to import: no question could be made into a fact"),
        (
            "q.xlsx",
            b"",
            "q.xlsx: cannot tell the format from the extension '.xlsx'; give one of: gift, csv, tsv, aiken",
        ),
    ],
)
def test_bad_input_gives_a_message_naming_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "out.toml"))
    assert code == 1
    assert f"kzquiz: {tmp_path / message}" in err or f"kzquiz: {tmp_path}/{message}" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.toml").exists()


# -- export -----------------------------------------------------------------------------------------------------


def test_export_gift_and_csv_import_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(ALL_KINDS), "-o", str(tmp_path / "deck.gift"))
    assert code == 0
    assert "left out the fact capital-names: GIFT has no sequence questions" in out
    assert "Wrote" in out
    assert run(capsys, "import", str(tmp_path / "deck.gift"), "-o", str(tmp_path / "g.toml"))[0] == 0
    assert len(kzquiz.load_deck(tmp_path / "g.toml").facts) == 7
    assert run(capsys, "export", str(ALL_KINDS), "-o", str(tmp_path / "deck.csv"))[0] == 0
    assert run(capsys, "import", str(tmp_path / "deck.csv"), "-o", str(tmp_path / "c.toml"))[0] == 0
    assert [f.id for f in kzquiz.load_deck(tmp_path / "c.toml").facts] == [
        f.id for f in kzquiz.load_deck(ALL_KINDS).facts
    ]


def test_export_of_a_broken_deck_lists_its_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    code, _, err = run(capsys, "export", str(broken), "-o", str(tmp_path / "x.csv"))
    assert code == 1
    assert f"kzquiz: {broken}:9:1: one.anwser: unknown key `anwser`" in err


# -- new, preview, fmt --------------------------------------------------------------------------------------------


def test_new_creates_a_valid_deck_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "world-capitals.toml"
    code, out, _ = run(capsys, "new", str(path))
    assert code == 0
    assert "Created" in out
    deck = kzquiz.load_deck(path)
    assert (deck.id, deck.title) == ("world-capitals", "World capitals")
    assert run(capsys, "validate", str(path))[0] == 0
    before = path.read_bytes()
    code, _, err = run(capsys, "new", str(path))
    assert code == 1
    assert "already exists" in err
    assert path.read_bytes() == before
    assert run(capsys, "new", str(tmp_path / "deck.txt"))[0] == 1


def test_preview_prints_and_markdown_writes_an_answer_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "preview", str(ALL_KINDS))
    assert code == 0
    assert "nsc-chief (answer)" in out
    assert "answer: Karim Masimov (also: Karim Qajymqanuly Masimov)" in out
    key = tmp_path / "key.md"
    assert run(capsys, "preview", str(ALL_KINDS), "--markdown", "-o", str(key))[0] == 0
    assert key.read_text(encoding="utf-8").startswith("# Every fact kind")


def test_fmt_check_then_fmt_then_check_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.toml"
    path.write_text('[deck]\ntitle = "T"\nid = "t"\n\n[[facts]]\nanswer = "A"\nkind = "answer"\nquestion = "Q?"\n')
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert (code, out.splitlines()[0]) == (1, f"{path}: would be reformatted")
    assert run(capsys, "fmt", str(path))[0] == 0
    assert kzquiz.load_deck(path).facts[0].id == "q"
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert (code, out) == (0, "0 to reformat, 1 already formatted\n")


def test_fmt_of_a_file_with_a_syntax_error_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deck.toml"
    path.write_text('[deck]\nid = "t"\ntitle = "T\n')
    code, _, err = run(capsys, "fmt", str(path))
    assert code == 1
    assert err.startswith(f"kzquiz: {path}:3:")


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys; from kzquiz.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('genanki', 'tomlkit', 'anki') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("Capital?\nA. Astana\nB. Almaty\nANSWER: A\n", kzquiz.FactKind.CHOICE),
        ("// exported from Moodle\n::Q1::Capital?{=Astana =Nur-Sultan}\n", kzquiz.FactKind.ANSWER),
    ],
)
def test_a_txt_file_is_read_as_aiken_or_as_moodle_gift_by_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, kind: kzquiz.FactKind
) -> None:
    source = tmp_path / "questions.txt"
    source.write_text(content, encoding="utf-8")
    assert run(capsys, "import", str(source), "-o", str(tmp_path / "q.toml"))[0] == 0
    assert kzquiz.load_deck(tmp_path / "q.toml").facts[0].kind is kind

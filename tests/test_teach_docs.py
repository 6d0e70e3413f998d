"""The worked example of docs/teachers.md is real: its spreadsheet imports, validates and previews as shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kzquiz.cli import main

DOC = (Path(__file__).parent.parent / "docs" / "teachers.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(?:toml)?\n(.*?)```", DOC, re.DOTALL)


def block_after(marker: str) -> str:
    start = DOC.index(marker)
    return next(b for b in re.findall(r"```(?:toml)?\n(.*?)```", DOC[start:], re.DOTALL))


def shown_lines(command: str) -> list[str]:
    """The output lines the documentation shows for ``$ command``, up to an elision."""
    block = next(b for b in BLOCKS if b.startswith(f"$ {command}\n"))
    lines = block.splitlines()[1:]
    return lines[: lines.index("…")] if "…" in lines else lines


def test_the_worked_example_runs_as_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("geography.csv").write_text(block_after("saved as `geography.csv`"), encoding="utf-8")
    assert main(["import", "geography.csv", "-o", "geography.toml"]) == 0
    assert capsys.readouterr().out.splitlines() == shown_lines("kzquiz import geography.csv -o geography.toml")
    deck_text = Path("geography.toml").read_text(encoding="utf-8")
    assert block_after("reads like one written by hand") in deck_text
    assert main(["validate", "geography.toml"]) == 0
    out = capsys.readouterr().out.splitlines()
    documented = shown_lines("kzquiz validate geography.toml")
    assert out[: len(documented)] == documented
    assert out[-2:] == ["geography.toml: ok (10 facts, 16 questions)", "10 warnings in 1 file"]
    assert main(["preview", "geography.toml"]) == 0
    out = capsys.readouterr().out.splitlines()
    documented = shown_lines("kzquiz preview geography.toml")
    assert out[: len(documented)] == documented

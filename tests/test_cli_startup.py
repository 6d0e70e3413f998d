"""Commands that never prompt load neither questionary, prompt_toolkit nor FSRS (timings: benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("questionary", "prompt_toolkit", "fsrs", "fsrs_rs_python", "genanki", "tomlkit")

PROBE = """
import sys
from kzquiz.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as done:
    status = done.code
heavy = sorted(name for name in {heavy!r} if name in sys.modules)
print("HEAVY", heavy, file=sys.stderr)
sys.exit(status)
"""


@pytest.mark.parametrize("args", [["--help"], ["stats", "--json"], ["learners"], ["stats"], ["decks"]])
def test_no_heavy_imports(tmp_path: Path, args: list[str]) -> None:
    if args[0] in ("stats", "learners"):
        args = [*args, "--db", str(tmp_path / "store.sqlite3")]
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "HEAVY []" in run.stderr

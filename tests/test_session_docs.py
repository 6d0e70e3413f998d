"""The library guide's examples run as written."""

from __future__ import annotations

import re
import runpy
import tempfile
from pathlib import Path

import pytest

GUIDE = Path(__file__).parent.parent / "docs" / "library.md"
BLOCKS = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_guide_has_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"example-{n}" for n in range(1, len(BLOCKS) + 1)])
def test_every_example_in_the_library_guide_runs(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KZQUIZ_HOME", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the example's store lands in tmp_path
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out

"""Running the ``kzquiz`` command in a subprocess, as the CLI tests do."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def kzquiz_cli(
    home: Path | None, *args: str, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kzquiz ARGS`` with its store in ``home`` (a fresh folder when None), 80 columns wide, in the
    folder ``cwd`` (the tests' own when None).

    NO_COLOR and KZQUIZ_LEARNER are taken out of the environment so that the tests do not depend on the shell's.
    """
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "KZQUIZ_LEARNER")}
    env.update(KZQUIZ_HOME=str(home if home is not None else tempfile.mkdtemp(prefix="kzquiz-test-")), COLUMNS="80")
    return subprocess.run(
        [sys.executable, "-m", "kzquiz", *args],
        input=stdin,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def as_shown(path: Path) -> str:
    """How kzquiz's messages name ``path``: relative to the current folder when inside it, else as given."""
    here = Path.cwd().resolve()
    full = path.resolve()
    return str(full.relative_to(here)) if full.is_relative_to(here) else str(path)

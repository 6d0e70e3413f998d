"""Running ``kzquiz`` against read-only and full file systems, for real, as root in CI or as a user at home.

Root ignores file modes, so as root a read-only folder is a read-only bind mount and a full disk a tiny tmpfs, each
made in a private mount namespace (``unshare --mount``) that vanishes with the command; a read-only file is a
``chmod 444`` file read by a root that has given up its power to override file modes (``setpriv``). As an ordinary
user, modes alone make files and folders read-only.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = os.geteuid() == 0
NO_OVERRIDE = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]


def _env(home: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "KZQUIZ_LEARNER")}
    env.update(KZQUIZ_HOME=str(home or tempfile.mkdtemp(prefix="kzquiz-test-")), COLUMNS="80")
    return env


def _run(command: list[str], home: Path | None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=_env(home), timeout=120, check=False
    )


def kzquiz_args(*args: str) -> list[str]:
    return [sys.executable, "-m", "kzquiz", *args]


def in_read_only_folder(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``kzquiz ARGS`` while ``folder`` is read-only."""
    if not ROOT:
        folder.chmod(0o555)
        try:
            return _run(kzquiz_args(*args), None, stdin)
        finally:
            folder.chmod(0o755)
    quoted = shlex.quote(str(folder))
    script = (
        f"mount --bind {quoted} {quoted} && mount -o remount,ro,bind {quoted} {quoted} && "
        f"exec {shlex.join(kzquiz_args(*args))}"
    )
    return _run(["unshare", "--mount", "sh", "-c", script], None, stdin)


def with_read_only_file(store: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``kzquiz ARGS`` while the file ``store`` is read-only (its folder stays writable)."""
    store.chmod(0o444)
    try:
        return _run([*NO_OVERRIDE, *kzquiz_args(*args)] if ROOT else kzquiz_args(*args), None, stdin)
    finally:
        store.chmod(0o644)


FULL_DISK_DRIVER = """
import json, os, shutil, subprocess, sys
folder, store, size_kb, *commands = sys.argv[1:]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", folder], check=True)
shutil.copy(store, folder)
filler = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT)
for size in (4096, 512, 1):
    try:
        while True:
            os.write(filler, bytes(size))
    except OSError:
        pass
os.close(filler)
results = []
for command in commands:
    args, stdin = json.loads(command)
    done = subprocess.run([sys.executable, "-m", "kzquiz", *args], input=stdin, capture_output=True, text=True)
    results.append([done.returncode, done.stdout, done.stderr, sorted(os.listdir(folder))])
shutil.copy(os.path.join(folder, os.path.basename(store)), store + ".after")
print(json.dumps(results))
"""


def on_full_disk(folder: Path, store: Path, *commands: tuple[list[str], str]) -> list[tuple[int, str, str, list[str]]]:
    """Run kzquiz ``commands`` (arguments, standard input) with a copy of ``store`` in ``folder``, on a full disk.

    The disk is a tmpfs of 256 KiB, mounted in a private mount namespace (root only: CI runs as root) and filled
    to the last byte after the copy; each result is (status, stdout, stderr, the folder's files). The store as it
    is afterwards is copied back beside ``store`` as ``NAME.after``.
    """
    folder.mkdir(exist_ok=True)
    encoded = [json.dumps(command) for command in commands]
    driver = [sys.executable, "-c", FULL_DISK_DRIVER, str(folder), str(store), "256", *encoded]
    done = _run(["unshare", "--mount", *driver], None)
    assert done.returncode == 0, done.stderr
    return [tuple(result) for result in json.loads(done.stdout)]  # type: ignore[misc]

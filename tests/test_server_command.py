"""``kzquiz serve`` as a command: the first-run link, ``--init``, bad stores, and the core never importing it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.clitools import kzquiz_cli
from tests.servertools import need_server

need_server()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "KZQUIZ_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "kzquiz", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    return server, port


def stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.wait(timeout=30)
    if server.stdout is not None:
        server.stdout.close()


def read_until(server: subprocess.Popen[str], marker: str, timeout: float = 30) -> list[str]:
    assert server.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} never came:\n" + "\n".join(lines))


def test_the_first_run_prints_a_one_time_link_that_opens_the_set_up_page(tmp_path: Path) -> None:
    server, port = start(tmp_path, "--db", str(tmp_path / "school.sqlite3"))
    try:
        lines = read_until(server, "Uvicorn running on")
        link = next(line.strip() for line in lines if "/setup?token=" in line)
        assert link.startswith(f"http://127.0.0.1:{port}/setup?token=")
        with urllib.request.urlopen(link, timeout=10) as page:  # noqa: S310 - our own server on loopback
            body = page.read().decode()
            assert "Create the teacher's account" in body
            assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert (tmp_path / "school.classroom.sqlite3").exists()
    finally:
        stop(server)


def test_init_creates_the_teacher_on_the_console_and_the_link_is_gone(tmp_path: Path) -> None:
    made = kzquiz_cli(tmp_path, "serve", "--init", stdin="Ms Smith\nlong enough password\n")
    assert made.returncode == 0, made.stderr
    assert "Created the teacher account 'Ms Smith'" in made.stdout
    server, _ = start(tmp_path)
    try:
        lines = read_until(server, "Uvicorn running on")
        assert not any("setup?token=" in line for line in lines)
    finally:
        stop(server)


def test_init_refuses_a_short_password(tmp_path: Path) -> None:
    made = kzquiz_cli(tmp_path, "serve", "--init", stdin="Ms Smith\nshort\n")
    assert made.returncode == 1
    assert "at least 8 characters" in made.stderr


def test_a_file_that_is_not_a_store_is_one_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = kzquiz_cli(tmp_path, "serve", "--db", str(notes))
    assert result.returncode == 1
    assert "is not a kzquiz store" in result.stderr
    assert "Traceback" not in result.stderr
    assert notes.read_text() == "my notes\n"


def test_the_rest_of_kzquiz_never_imports_the_server() -> None:
    code = (
        "import sys, kzquiz, kzquiz.cli, kzquiz.teach, kzquiz.session, kzquiz.stores\n"
        "kzquiz.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('kzquiz.server', 'fastapi', 'starlette', 'uvicorn')))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    source = Path(__file__).parent.parent / "src" / "kzquiz"
    for path in source.rglob("*.py"):
        if "server" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.name == "serve.py":  # the command imports the server inside its handler, when it runs
            assert "\nfrom kzquiz.server" not in text
            assert "\nimport kzquiz.server" not in text
            continue
        assert "kzquiz.server" not in text, path

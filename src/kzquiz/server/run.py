"""``kzquiz serve``: check the stores, make the first-run token if there is no teacher yet, then run uvicorn.

The command-line shell calls :func:`serve` and :func:`init_teacher` with plain values and a function to print
with; nothing here knows about the command line.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable

import attrs

import kzquiz
from kzquiz.server import auth
from kzquiz.server.app import DEFAULT_UPLOAD_LIMIT, ServerConfig
from kzquiz.server.classroom import Classroom, ClassroomError, open_classroom
from kzquiz.server.learner import name_problem


@attrs.frozen
class ServeOptions:
    """Where to listen, which stores to use, how many worker processes, and whether to trust a proxy's headers."""

    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None
    classroom: str | None = None
    workers: int = 1
    max_upload: int = DEFAULT_UPLOAD_LIMIT
    forwarded_allow_ips: str | None = None

    def config(self) -> ServerConfig:
        """The app's configuration."""
        return ServerConfig(db=self.db, classroom=self.classroom, max_upload=self.max_upload)


def _check_stores(config: ServerConfig) -> tuple[str, Classroom]:
    """Open the progress store once (so that a bad file is one clear error, not a worker crash) and the classroom;
    how to name the store in messages (a database URL without its password)."""
    with kzquiz.open_store(config.db) as store:
        where = str(getattr(store, "where", None) or getattr(store, "path", "") or config.db)
    return where, open_classroom(config.classroom_location())


def serve(options: ServeOptions, say: Callable[[str], None]) -> None:
    """Run the server until interrupted; print where it listens and, on the first run, the set-up link."""
    import uvicorn

    config = options.config()
    where, classroom = _check_stores(config)
    try:
        base = f"http://{options.host if ':' not in options.host else f'[{options.host}]'}:{options.port}"
        if not classroom.has_teacher():
            token = classroom.setup_token() or auth.new_token()
            classroom.new_setup_token(token)
            say("No teacher account yet. Create it in a browser with this one-time link:")
            say(f"  {base}/setup?token={token}")
            say("(or stop the server and run: kzquiz serve --init)")
    finally:
        classroom.close()
    say(f"kzquiz classroom on {base}  (progress: {where}; Ctrl-C stops it)")
    os.environ["KZQUIZ_SERVER_DB"] = config.db or ""
    os.environ["KZQUIZ_SERVER_CLASSROOM"] = config.classroom_location()
    os.environ["KZQUIZ_SERVER_MAX_UPLOAD"] = str(config.max_upload)
    uvicorn.run(
        "kzquiz.server.app:app_from_environment",
        factory=True,
        host=options.host,
        port=options.port,
        workers=options.workers,
        proxy_headers=options.forwarded_allow_ips is not None,
        forwarded_allow_ips=options.forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )


def init_teacher(options: ServeOptions, say: Callable[[str], None]) -> None:
    """Create a teacher account from a name and a password typed on the console (or read from standard input)."""
    _, classroom = _check_stores(options.config())
    try:
        name = _read("Teacher's name: ", secret=False).strip()
        problem = name_problem(name)
        if problem is not None:
            raise ClassroomError(problem)
        password = _read("Password (8 characters or more): ", secret=True)
        problem = auth.password_problem(password)
        if problem is not None:
            raise ClassroomError(problem)
        if sys.stdin.isatty() and _read("The password again: ", secret=True) != password:
            raise ClassroomError("the two passwords differ")
        classroom.add_teacher(name, auth.hash_password(password))
    finally:
        classroom.close()
    say(f"Created the teacher account {name!r}. Start the server with kzquiz serve and sign in as a teacher.")


def _read(prompt: str, *, secret: bool) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt) if secret else input(prompt)
    line = sys.stdin.readline()
    if not line:
        raise ClassroomError("no input: type the teacher's name and password on standard input, one a line")
    return line.rstrip("\r\n")

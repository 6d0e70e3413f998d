"""``kzquiz serve``: the classroom web app. Only the arguments live here; the server is imported when it runs."""

from __future__ import annotations

import argparse

from kzquiz.cli.console import Console

EXIT_OK = 0


def _port(text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1 to 65535): {text!r}")
    return int(text)


def _count(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more: {text!r}")
    return int(text)


def serve_arguments(p: argparse.ArgumentParser) -> None:
    """``kzquiz serve``'s arguments (see :data:`kzquiz.cli.COMMANDS`)."""
    p.description = (
        "Serve the classroom web app (needs the server extra: pip install 'kzquiz[server]'). On the first run "
        "it prints a one-time link to create the teacher's account; --init creates it on the console instead."
    )
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: %(default)s)")
    p.add_argument("--port", type=_port, default=8000, help="the port (default: %(default)s)")
    p.add_argument(
        "--db",
        metavar="PATH",
        help=(
            "the progress store: a file or a postgresql:// URL "
            "(default: $KZQUIZ_DB, else kzquiz.sqlite3 in $KZQUIZ_HOME or the user data folder)"
        ),
    )
    p.add_argument(
        "--classroom",
        metavar="PATH",
        help=(
            "accounts, classes and decks: a file or a postgresql:// URL (default: beside an SQLite store, "
            "NAME.classroom.sqlite3; in a PostgreSQL store's own schema)"
        ),
    )
    p.add_argument("--workers", type=_count, default=1, metavar="N", help="worker processes (default: %(default)s)")
    p.add_argument(
        "--max-upload",
        type=_count,
        default=2048,
        metavar="KIB",
        help="largest deck upload in KiB (default: %(default)s)",
    )
    p.add_argument(
        "--behind-proxy",
        metavar="IPS",
        help="trust X-Forwarded-For and X-Forwarded-Proto from these proxy addresses (comma-separated, e.g. 127.0.0.1)",
    )
    p.add_argument("--init", action="store_true", help="create a teacher account on the console, then exit")
    p.set_defaults(handler=serve)


def serve(args: argparse.Namespace, console: Console) -> int:
    """Run the classroom server (or, with --init, create a teacher account)."""
    from kzquiz.errors import KzquizError

    try:
        from kzquiz.server.run import ServeOptions, init_teacher
        from kzquiz.server.run import serve as run_server
    except ModuleNotFoundError as error:
        raise KzquizError(
            f"kzquiz serve needs the server extra ({error.name} is missing): pip install 'kzquiz[server]'"
        ) from None
    options = ServeOptions(
        host=args.host,
        port=args.port,
        db=args.db,
        classroom=args.classroom,
        workers=args.workers,
        max_upload=args.max_upload * 1024,
        forwarded_allow_ips=args.behind_proxy,
    )
    if args.init:
        init_teacher(options, console.write)
    else:
        run_server(options, console.write)
    return EXIT_OK

"""Commands that never prompt load neither questionary, prompt_toolkit nor FSRS (timings: benchmarks/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("questionary", "prompt_toolkit", "fsrs", "fsrs_rs_python", "genanki", "tomlkit")
RECORDS = ("attr", "typing", "inspect", "hashlib", "kzquiz.scheduling", "kzquiz.stores.sqlite", "kzquiz.progress")
"""What the store's records cost (attrs with inspect and typing, the scheduler, hashlib): ``stats --json`` reads
the store's counts without them."""
OTHER_COMMANDS = (
    "kzquiz.cli.teach",
    "kzquiz.cli.report",
    "kzquiz.cli.audit",
    "kzquiz.cli.appealcmd",
    "kzquiz.cli.serve",
    "kzquiz.cli.storecmd",
)
"""The modules of the commands other than the learner's: a command builds only its own parser (kzquiz.cli.COMMANDS)."""
NOT_FOR_STATS = ("kzquiz.cli.render", "kzquiz.cli.stopping")
"""The text chart, and the quiz loop's ending (with an enum to make)."""

PROBE = """
import sys
from kzquiz.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as done:
    status = done.code
print("LOADED", sorted(name for name in {names!r} if name in sys.modules), file=sys.stderr)
sys.exit(status)
"""


def loaded(args: list[str], names: tuple[str, ...], tmp_path: Path) -> str:
    """Which of ``names`` the command ``kzquiz ARGS`` imports, as the probe prints them ("LOADED [...]")."""
    if args[0] in ("stats", "learners"):
        args = [*args, "--db", str(tmp_path / "store.sqlite3")]
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=names), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return run.stderr


@pytest.mark.parametrize("args", [["--help"], ["stats", "--json"], ["learners"], ["stats"], ["decks"]])
def test_no_heavy_imports(tmp_path: Path, args: list[str]) -> None:
    assert "LOADED []" in loaded(args, HEAVY, tmp_path)


@pytest.mark.parametrize(
    ("args", "unneeded"),
    [
        (
            ["--help"],
            ("typing", "shutil", "datetime", "pathlib", "attr", "kzquiz.errors", "kzquiz.cli.learn", *OTHER_COMMANDS),
        ),
        (["stats", "--json"], ("shutil", "textwrap", *NOT_FOR_STATS, *RECORDS, *OTHER_COMMANDS)),
        # its command line read without argparse (kzquiz.cli.plainargs), which brings gettext and warnings
        (["stats", "--json"], ("argparse", "gettext", "kzquiz.cli.argparsing", "kzquiz.cli.learn")),
        (["stats", "--json"], ("importlib", "warnings")),  # its handler and kzquiz's lazy names import them when used
        (["--help"], ("contextlib", "locale")),  # contextlib: only an error needs it; locale: English words
        (["stats", "--json"], ("contextlib", "locale")),
    ],
)
def test_start_up_imports_only_what_the_command_needs(
    tmp_path: Path, args: list[str], unneeded: tuple[str, ...]
) -> None:
    # Each of these modules costs a few milliseconds that `kzquiz --help` and `kzquiz stats --json` would pay
    # (benchmarks/peers.py times them against `python -c pass`).
    assert "LOADED []" in loaded(args, unneeded, tmp_path)


@pytest.mark.parametrize("where", ["--db", "KZQUIZ_HOME", "HOME", "XDG_DATA_HOME"])
def test_stats_json_reads_a_store_with_reviews_without_the_records(tmp_path: Path, where: str) -> None:
    import datetime as dt

    import kzquiz

    # HOME and XDG_DATA_HOME: the default location, a learner's store (kzquiz.sqlite3 in the user data directory),
    # found on Linux without platformdirs, which imports pathlib and tempfile.
    if where in ("HOME", "XDG_DATA_HOME") and sys.platform != "linux":
        pytest.skip("a temporary HOME or XDG_DATA_HOME moves the user data directory on Linux only")
    folder, settings = {
        "--db": (tmp_path, {"KZQUIZ_HOME": str(tmp_path / "elsewhere")}),
        "KZQUIZ_HOME": (tmp_path, {"KZQUIZ_HOME": str(tmp_path)}),
        "HOME": (tmp_path / ".local" / "share" / "kzquiz", {"HOME": str(tmp_path)}),
        "XDG_DATA_HOME": (tmp_path / "data" / "kzquiz", {"HOME": "/nowhere", "XDG_DATA_HOME": str(tmp_path / "data")}),
    }[where]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kzquiz.sqlite3"
    now = dt.datetime.now(dt.UTC)
    with kzquiz.open_store(path) as store:
        session = kzquiz.Session(kzquiz.bundled_deck(), store, "ann")
        for answer in ("no idea", None):
            question = session.next_question(now)
            assert question is not None
            session.answer(question, answer or question.expected, now=now)
    # pathlib brings urllib and ipaddress (a tenth of the start-up): the store is found and read through os.
    names = (*RECORDS, "pathlib", "urllib.parse", "platformdirs", "tempfile", "kzquiz.stores.common")
    # (kzquiz.stores.common: migrating a version 2 store)
    args = ["stats", "--json", "--learner", "ann", *(["--db", str(path)] if where == "--db" else [])]
    unset = ("KZQUIZ_DB", "KZQUIZ_HOME", "XDG_DATA_HOME")
    env = {key: value for key, value in os.environ.items() if key not in unset} | settings
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=names), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert '"reviews": 2' in run.stdout
    assert "LOADED []" in run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["kzquiz.sqlite3"], "read-only: nothing made beside it"


def test_help_is_as_wide_as_the_terminal(tmp_path: Path) -> None:
    # argparse's own width rule (the terminal's, less two), read without shutil.
    for columns in (50, 120):
        run = subprocess.run(
            [sys.executable, "-m", "kzquiz", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "COLUMNS": str(columns)},
        )
        widths = [len(line) for line in run.stdout.splitlines()]
        assert max(widths) <= columns - 2
        assert max(widths) > (columns - 2) * 0.7, "the help fills the width it has"


def write_catalogue(path: Path, translations: dict[str, str]) -> None:
    """A GNU gettext catalogue (.mo) of ``translations``, in the format :class:`gettext.GNUTranslations` reads."""
    import struct

    originals = [key.encode() for key in translations]
    translated = [value.encode() for value in translations.values()]
    count, header = len(originals), 7 * 4
    start = header + 2 * 8 * count
    table, strings = [], b""
    for text in (*originals, *translated):
        table.append(struct.pack("<2I", len(text), start + len(strings)))
        strings += text + b"\0"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        struct.pack("<7I", 0x950412DE, 0, count, header, header + 8 * count, 0, 0) + b"".join(table) + strings
    )


@pytest.mark.parametrize("args", [["--help"], ["stats", "--bogus"]])
def test_argparse_words_stay_english_beside_kzquiz_own(tmp_path: Path, args: list[str]) -> None:
    # Python ships no translation of argparse's words, but a system may have one: a help page or an error that
    # mixed German "Optionen" and "Aufruf" with kzquiz's English lines would be harder to read than either.
    words = {"usage: ": "Aufruf: ", "options": "Optionen", "unrecognized arguments: %s": "unbekannte Argumente: %s"}
    write_catalogue(tmp_path / "de" / "LC_MESSAGES" / "messages.mo", words)
    probe = (
        "import gettext, sys\n"
        f"gettext.bindtextdomain('messages', {str(tmp_path)!r})\n"
        "assert gettext.gettext('options') == 'Optionen'  # the catalogue is found\n"
        "from kzquiz.cli import main\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "LANGUAGE": "de", "COLUMNS": "100"}
    run = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60, check=False, env=env
    )
    assert run.returncode == (0 if args == ["--help"] else 2), run.stderr
    shown = run.stdout + run.stderr
    assert shown.startswith("usage: kzquiz")
    assert ("options:" in shown) if args == ["--help"] else ("unrecognized arguments: --bogus" in shown)
    assert not any(german.split(":")[0] in shown for german in words.values())


def test_errors_import_without_attrs() -> None:
    # Every command imports the error tree to catch what it raises; attrs (about 30 ms) comes only with the data.
    probe = "import sys, kzquiz.errors; print(sorted(m for m in ('attr', 'attrs', 'typing') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert run.stdout.strip() == "[]"


def test_problem_and_severity_are_still_importable_from_errors() -> None:
    import kzquiz
    from kzquiz import errors, problems

    assert errors.Problem is problems.Problem is kzquiz.Problem
    assert errors.Severity is problems.Severity is kzquiz.Severity
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = errors.Nothing


def test_plain_text_is_shown_without_compiling_the_sanitising_patterns() -> None:
    # Compiling them cost every command a few milliseconds; most of what a command prints is printable ASCII.
    from kzquiz import text

    text._patterns.cache_clear()
    assert text.safe_text("reviews: 12, retention: 0.9") == "reviews: 12, retention: 0.9"
    assert text._patterns.cache_info().currsize == 0
    assert text.safe_text("a\x1b[2Jb\u202e") == "ab"
    assert text._patterns.cache_info().currsize == 1


GC_PROBE = """
import gc, sys
from kzquiz.cli import run
sys.argv = ["kzquiz", *sys.argv[1:]]
try:
    run()
except SystemExit as done:
    print("GC", gc.isenabled(), gc.get_freeze_count() > 0, done.code, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "brief", "status"),
    [
        (["stats", "--json"], True, 0),
        (["learners"], True, 0),
        (["--help"], True, 0),
        (["stats", "--bogus"], True, 2),
        (["audit", "deck.toml", "--source", "source.txt"], True, 0),  # reads two files, prints, makes no cycles
        (["new", "deck.toml"], False, 0),  # a command that writes keeps Python's collector, start to end
        (["new", "--bogus"], False, 2),
    ],
)
def test_a_brief_command_runs_without_the_garbage_collector(
    tmp_path: Path, args: list[str], brief: bool, status: int
) -> None:
    # Its collections as modules load, and the last one at exit over every module's objects, cost `kzquiz stats
    # --json` a twelfth of its instructions.
    if args[0] in ("stats", "learners"):
        args = [*args, "--db", str(tmp_path / "store.sqlite3")]
    if args[0] == "audit":
        (tmp_path / "deck.toml").write_text(
            '[deck]\nid = "d"\ntitle = "D"\n\n[[facts]]\nid = "f"\nkind = "answer"\nquestion = "Who met the council?"\n'
            'answer = "Aisha"\nquote = "Aisha met the council."\n',
            encoding="utf-8",
        )
        (tmp_path / "source.txt").write_text("Aisha met the council.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", GC_PROBE, *args], capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path
    )
    assert run.stderr.strip().splitlines()[-1].split()[1:] == [str(not brief), str(brief), str(status)], run.stderr
    if args[:2] == ["stats", "--json"]:
        assert '"reviews": 0' in run.stdout
    if args == ["new", "deck.toml"]:
        assert (tmp_path / "deck.toml").is_file()


def test_main_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    # A program (or a test) calling main() keeps its collector: only the process's entry point turns it off.
    import gc

    from kzquiz.cli import main

    frozen = gc.get_freeze_count()
    assert main(["stats", "--json", "--db", str(tmp_path / "store.sqlite3")]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen

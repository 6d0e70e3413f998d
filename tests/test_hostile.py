"""Hostile decks and files: every one gives a clear problem with its place, never a traceback or a hang.

The files are in tests/data/hostile/ (its README says what each one is); the ones too large to keep, or that are
not files at all (FIFOs, devices), are made here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import kzquiz
from clitools import as_shown, kzquiz_cli
from kzquiz import DeckError
from kzquiz.files import read_limited, write_atomic

HOSTILE = Path(__file__).parent / "data" / "hostile"
HEADER = '[deck]\nid = "t"\ntitle = "T"\n\n[[facts]]\nid = "n"\nkind = "number"\nquestion = "How many?"\n'


def only_problem(path: Path) -> kzquiz.Problem:
    with pytest.raises(DeckError) as caught:
        kzquiz.load_deck(path)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


# -- item 1: non-finite and out-of-range numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("nan-answer.toml", "9:1: n.answer", "must be a number, not nan"),
        ("inf-answer.toml", "9:1: n.answer", "must be a finite number, not inf"),
        ("neg-inf-answer.toml", "9:1: n.answer", "must be a finite number, not -inf"),
        ("inf-tolerance.toml", "10:1: n.tolerance", "must be a finite number, not inf"),
        ("neg-inf-min.toml", "9:1: n.min", "must be a finite number, not -inf"),
        ("huge-float.toml", "9:1: n.answer", "must be between -1e15 and 1e15, not 1e+300"),
        ("401-digits.toml", "9:1: n.answer", "must be between -1e15 and 1e15, not a 401-digit number"),
        ("5000-digits.toml", "9:10", "a number of 5,000 digits is too long to read"),
    ],
)
def test_numbers_a_deck_cannot_hold_are_problems_with_their_place(name: str, where: str, message: str) -> None:
    problem = only_problem(HOSTILE / name)
    assert str(problem).startswith(f"{HOSTILE / name}:{where}: ")
    assert message in problem.message
    assert problem.hint


@pytest.mark.parametrize("value", ["1e15", "-1e15", "1000000000000000", "0.000001", "-3.5"])
def test_numbers_within_the_range_load(value: str) -> None:
    deck = kzquiz.loads_deck(HEADER + f"answer = {value}\n")
    assert deck.questions[0].check(deck.questions[0].expected).correct


def test_validate_refuses_them_and_export_never_runs(tmp_path: Path) -> None:
    for name in ("nan-answer.toml", "inf-tolerance.toml", "401-digits.toml"):
        result = kzquiz_cli(tmp_path, "validate", str(HOSTILE / name))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        exported = kzquiz_cli(tmp_path, "export", str(HOSTILE / name), "-o", str(tmp_path / "x.gift"))
        assert exported.returncode == 1
        assert "Traceback" not in exported.stderr
        assert not (tmp_path / "x.gift").exists()


# -- item 4: the parser's own failures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "where"),
    [("nested-arrays.toml", "10:108"), ("nested-tables.toml", "10:508")],
)
def test_deep_nesting_is_a_problem_with_its_place(name: str, where: str) -> None:
    problem = only_problem(HOSTILE / name)
    assert str(problem).startswith(f"{HOSTILE / name}:{where}: TOML syntax: ")
    assert "nested too deeply" in problem.message


@pytest.mark.parametrize("name", ["dotted-1000.toml", "dotted-header-1000.toml"])
def test_thousand_part_dotted_keys_are_unknown_keys_with_a_line(name: str) -> None:
    problem = only_problem(HOSTILE / name)
    assert problem.line == 10
    assert "unknown key `a`" in problem.message


def test_a_recursion_error_anywhere_in_reading_is_a_deck_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomli

    def deep(text: str) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(tomli, "loads", deep)
    monkeypatch.setattr(kzquiz.deckfile, "_rtoml", None)  # tomli's path: rtoml refuses deep nesting itself
    with pytest.raises(DeckError, match="nested too deeply"):
        kzquiz.loads_deck(HEADER + "answer = 1\n")


def test_control_characters_in_a_key_are_shown_as_escapes(tmp_path: Path) -> None:
    problem = only_problem(HOSTILE / "controls-key.toml")
    assert problem.message == "unknown key `\\u001b]52;c;aGk=\\u0007`"
    result = kzquiz_cli(tmp_path, "validate", "--json", str(HOSTILE / "controls-key.toml"))
    document = json.loads(result.stdout)
    assert "\x1b" not in json.dumps(document, ensure_ascii=False)
    assert document["problems"][0]["field"] == "deck.\\u001b]52;c;aGk=\\u0007"


# -- item 4: only regular files, a size limit, nothing that blocks ------------------------------------------------


def _in_thread(function: object, *args: object) -> object:
    """Run ``function`` with a deadline: a read that blocks fails the test instead of hanging it."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = function(*args)  # type: ignore[operator]
        except BaseException as error:  # noqa: BLE001  # handed to the test to assert on
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the read blocked"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "deck.toml"
    os.mkfifo(fifo)
    with pytest.raises(DeckError) as caught:
        _in_thread(kzquiz.load_deck, fifo)
    assert str(caught.value.problems[0]) == f"{fifo}: cannot read the file: a named pipe (FIFO), not a file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_at_once(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    with pytest.raises(DeckError) as caught:
        _in_thread(kzquiz.load_deck, device)
    assert str(caught.value.problems[0]) == f"{device}: cannot read the file: a device, not a file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="cannot read the file: a folder, not a file"):
        kzquiz.load_deck(tmp_path)


def test_the_size_limit_is_checked_and_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "big.toml"
    deck.write_text(HEADER + "answer = 1\n" + "# padding\n" * 200_000)  # 2 MB
    monkeypatch.setenv("KZQUIZ_MAX_DECK_MB", "1")
    with pytest.raises(DeckError, match=r"larger than the limit of 1\.0 MB \(set KZQUIZ_MAX_DECK_MB"):
        kzquiz.load_deck(deck)
    monkeypatch.setenv("KZQUIZ_MAX_DECK_MB", "3")
    assert kzquiz.load_deck(deck).facts
    monkeypatch.delenv("KZQUIZ_MAX_DECK_MB")
    with pytest.raises(DeckError, match="larger than the limit"):
        kzquiz.load_deck(deck, max_bytes=1000)
    assert len(read_limited(deck, max_bytes=deck.stat().st_size)) == deck.stat().st_size


def test_a_bad_size_limit_is_a_clear_error(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text(HEADER + "answer = 1\n")
    for command in ("validate", "preview"):
        result = kzquiz_cli_env(tmp_path, {"KZQUIZ_MAX_DECK_MB": "lots"}, command, str(deck))
        assert result.returncode == 1
        assert (
            "KZQUIZ_MAX_DECK_MB must be a number of megabytes greater than 0, not 'lots'"
            in result.stdout + result.stderr
        )
        assert "Traceback" not in result.stderr


def kzquiz_cli_env(home: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "KZQUIZ_LEARNER")}
    full.update(env, KZQUIZ_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kzquiz", *args], capture_output=True, text=True, env=full, timeout=60, check=False
    )


def test_validate_reports_every_file_even_after_a_hostile_one(tmp_path: Path) -> None:
    good = tmp_path / "a.toml"
    good.write_text(HEADER + "answer = 1\nquote = 'q'\n")
    other = tmp_path / "b.toml"
    other.write_text(HEADER + "answer = 2\nquote = 'q'\n")
    result = kzquiz_cli(tmp_path, "validate", str(good), str(HOSTILE / "nested-arrays.toml"), str(other), "/dev/zero")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"{good}: ok (1 fact, 1 question)" in lines
    assert f"{other}: ok (1 fact, 1 question)" in lines
    assert any(line.startswith(f"{as_shown(HOSTILE / 'nested-arrays.toml')}:10:108: TOML syntax:") for line in lines)
    assert "/dev/zero: cannot read the file: a device, not a file" in lines
    assert lines[-1] == "2 errors in 4 files"


def test_import_of_a_device_is_a_clear_error(tmp_path: Path) -> None:
    result = kzquiz_cli(tmp_path, "import", "/dev/zero", "--from", "csv", "-o", str(tmp_path / "d.toml"))
    assert result.returncode == 1
    assert result.stderr == "kzquiz: /dev/zero: cannot read the file: a device, not a file\n"


def test_report_of_a_fifo_is_a_clear_error(tmp_path: Path) -> None:
    fifo = tmp_path / "results.json"
    os.mkfifo(fifo)
    result = kzquiz_cli(tmp_path, "report", str(fifo))
    assert result.returncode == 1
    assert result.stderr == f"kzquiz: {fifo}: cannot read the file: not a regular file\n"


# -- item 5: file modes and temporary files -----------------------------------------------------------------------


@pytest.fixture
def umask_002() -> object:
    old = os.umask(0o002)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_umask(tmp_path: Path, umask_002: object) -> None:
    deck = tmp_path / "new.toml"
    assert kzquiz_cli(tmp_path, "new", str(deck)).returncode == 0
    outputs = {
        "new": deck,
        "preview": tmp_path / "key.md",
        "gift": tmp_path / "d.gift",
        "csv": tmp_path / "d.csv",
        "apkg": tmp_path / "d.apkg",
        "report": tmp_path / "r.json",
        "import": tmp_path / "back.toml",
    }
    assert kzquiz_cli(tmp_path, "preview", str(deck), "--markdown", "-o", str(outputs["preview"])).returncode == 0
    for kind in ("gift", "csv", "apkg"):
        assert kzquiz_cli(tmp_path, "export", str(deck), "-o", str(outputs[kind])).returncode == 0
    assert kzquiz_cli(tmp_path, "exam", str(deck), "--plain", "--report", str(outputs["report"])).returncode == 0
    assert kzquiz_cli(tmp_path, "import", str(outputs["csv"]), "-o", str(outputs["import"])).returncode == 0
    assert {name: oct(_mode(path)) for name, path in outputs.items()} == dict.fromkeys(outputs, oct(0o664))
    assert not list(tmp_path.glob(".*.tmp"))


def test_fmt_keeps_the_mode_of_the_deck(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text('[deck]\ntitle = "T"\nid = "t"\n\n[[facts]]\nkind = "statement"\nstatement = "S"\nanswer = true\n')
    deck.chmod(0o664)
    result = kzquiz_cli(tmp_path, "fmt", str(deck))
    assert result.stdout.startswith(f"{deck}: reformatted")
    assert _mode(deck) == 0o664
    deck.chmod(0o640)
    write_atomic(deck, "changed")
    assert _mode(deck) == 0o640
    assert deck.read_text() == "changed"


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    assert kzquiz_cli(tmp_path, "new", str(deck)).returncode == 0
    folder = tmp_path / "adir.csv"
    folder.mkdir()
    result = kzquiz_cli(tmp_path, "export", str(deck), "-o", str(folder))
    assert result.returncode == 1
    assert result.stderr.startswith(f"kzquiz: {folder}: cannot write the file: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir.csv", "d.toml"]


def test_a_device_given_as_output_is_written_to_never_replaced(tmp_path: Path) -> None:
    # -o /dev/null replaced the device with a regular file (the temporary file renamed over it): as root, that
    # breaks every program on the machine. A device is written as the shell's > writes it. A copy of /dev/null
    # made in the test's folder stands in for it, so that a regression cannot break the machine running the tests.
    device = tmp_path / "null.csv"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root (CI runs as root)")
    deck = tmp_path / "d.toml"
    assert kzquiz_cli(tmp_path, "new", str(deck)).returncode == 0
    for args in (("export", str(deck)), ("preview", str(deck)), ("import", str(deck.with_suffix(".csv")), "--force")):
        if args[0] == "import":
            assert kzquiz_cli(tmp_path, "export", str(deck), "-o", str(deck.with_suffix(".csv"))).returncode == 0
        result = kzquiz_cli(tmp_path, *args, "-o", str(device))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(device.stat().st_mode), args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "d.toml", "null.csv"]


def test_a_pipe_given_as_output_is_written_to(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    assert kzquiz_cli(tmp_path, "new", str(deck)).returncode == 0
    command = f"{sys.executable} -m kzquiz preview {deck} --markdown -o /dev/stdout | cat"
    result = subprocess.run(  # noqa: S602  # a shell pipeline is what is tested
        command, shell=True, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stderr == ""
    assert "Answer key of the deck `d`" in result.stdout
    assert "Wrote /dev/stdout: 7 facts" in result.stdout
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    # Nothing reads it: an error at once, not a hang.
    result = kzquiz_cli(tmp_path, "preview", str(deck), "-o", str(fifo))
    assert result.returncode == 1
    assert result.stderr == f"kzquiz: {fifo}: cannot write the file: a named pipe (FIFO) that no program is reading\n"
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, before kzquiz writes (a key fits the pipe)
    try:
        assert kzquiz_cli(tmp_path, "preview", str(deck), "-o", str(fifo)).returncode == 0
        os.set_blocking(reader, True)
        chunks = []
        while chunk := os.read(reader, 65536):
            chunks.append(chunk)
    finally:
        os.close(reader)
    assert b"7 facts, 15 questions" in b"".join(chunks)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_given_as_output_is_named_as_such(tmp_path: Path) -> None:
    deck = tmp_path / "d.toml"
    assert kzquiz_cli(tmp_path, "new", str(deck)).returncode == 0
    (tmp_path / "out").mkdir()
    result = kzquiz_cli(tmp_path, "preview", str(deck), "-o", str(tmp_path / "out"))
    assert result.stderr == f"kzquiz: {tmp_path / 'out'}: cannot write the file: a folder, not a file\n"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "x.csv", "data")
    assert list(tmp_path.iterdir()) == []


def test_apkg_export_leaves_nothing_in_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import tempfile

    from kzquiz.convert.anki import write_apkg

    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    deck = kzquiz.load_deck(Path(__file__).parent / "data" / "all-kinds.toml")
    write_apkg(deck, tmp_path / "d.apkg", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert (tmp_path / "d.apkg").stat().st_size > 0
    assert list(private.iterdir()) == []


# -- item 6: outputs sanitised field by field -----------------------------------------------------------------------

_UNSAFE = ("\x1b", "\x07", "\x9b", "\x85", "\u202e", "\u202c")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_exam_reports_are_sanitised_field_by_field(tmp_path: Path, suffix: str) -> None:
    report = tmp_path / f"r{suffix}"
    result = kzquiz_cli(
        tmp_path, "exam", str(HOSTILE / "controls-title.toml"), "--plain", "--report", str(report), stdin="true\n"
    )
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert not [c for c in _UNSAFE if c in text]
    if suffix == ".json":
        document = json.loads(text)
        assert not [s for s in _strings(document) if any(c in s for c in _UNSAFE)]
        assert document["deck"]["title"].startswith("Evil ")
        assert "Reversed" in document["deck"]["title"]
    else:
        assert "\\u001b" not in text


def test_report_csv_neutralises_every_formula_start() -> None:
    from kzquiz.reporting import Attempt, report_csv

    for answer in ("\tcmd", "\r=1", "=HYPERLINK()", "+1", "-1", "@SUM(A1)"):
        rows = list(csv.reader(io.StringIO(report_csv([Attempt("ann", "d", "f", "d/f/recall", False, answer)]))))
        cell = rows[1][-1]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[0][-1] == "wrong_answers"

    from kzquiz.text import csv_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(start + "x") == "'" + start + "x"
    assert csv_cell("plain") == "plain"


# -- item 8: closed and broken streams -------------------------------------------------------------------------------


def test_a_closed_stdout_ends_quietly_with_status_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzquiz.cli import main

    monkeypatch.setenv("KZQUIZ_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["stats"]) == 1
    assert main(["decks"]) == 1
    assert main(["validate", str(HOSTILE / "nan-answer.toml")]) == 1


def test_a_closed_stderr_loses_only_the_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzquiz.cli import main

    monkeypatch.setenv("KZQUIZ_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["preview", str(tmp_path / "missing.toml")]) == 1
    assert main(["stats"]) == 0


def test_a_closed_stdout_in_a_real_shell(tmp_path: Path) -> None:
    env = {**os.environ, "KZQUIZ_HOME": str(tmp_path)}
    for redirect in (">&-", "2>&-", ">&- 2>&-"):
        command = f"{sys.executable} -m kzquiz stats {redirect}"
        result = subprocess.run(  # noqa: S602  # the shell's own redirections are what is tested
            command, shell=True, capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert result.returncode == (0 if redirect == "2>&-" else 1), redirect
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("words", ["--help", "--version", "study --help", "stats --help"])
def test_help_that_could_not_be_written_is_not_success(tmp_path: Path, words: str) -> None:
    # argparse drops an error writing its help or version: kzquiz --help >/dev/full said 0 with nothing written.
    env = {**os.environ, "KZQUIZ_HOME": str(tmp_path)}
    for redirect, status in (("", 0), (">/dev/full", 1), (">&-", 1), (">&- 2>&-", 1)):
        command = f"{sys.executable} -m kzquiz {words} {redirect}"
        result = subprocess.run(  # noqa: S602  # the shell's own redirections are what is tested
            command, shell=True, capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert result.returncode == status, (redirect, result.stderr)
        assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_broken_pipe_ends_quietly_with_status_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzquiz.cli import main

    class Broken(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setenv("KZQUIZ_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "stdout", Broken())
    monkeypatch.setattr(os, "dup2", lambda fd, fd2: None)  # keep the test run's own standard output
    assert main(["decks"]) == 1


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    deck = tmp_path / "big.toml"
    facts = "".join(
        f'[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "Question {i}?"\nanswer = "Answer {i}"\n'
        for i in range(20_000)
    )
    deck.write_text('[deck]\nid = "big"\ntitle = "Big"\n\n' + facts)
    env = {**os.environ, "KZQUIZ_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kzquiz", "validate", "--verbose", str(deck)],  # a warning per fact, a line each
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    assert process.wait(timeout=60) == 1
    with process.stderr:
        assert process.stderr.read() == b""


# -- item 9: numbers shown and exported exactly --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [("3.14159265", "3.14159265"), ("1234567.5", "1 234 567.5"), ("0.000001", "0.000001"), ("-2.5", "-2.5")],
)
def test_numbers_are_shown_exactly_and_typing_them_is_right(value: str, shown: str) -> None:
    [question] = kzquiz.loads_deck(HEADER + f"answer = {value}\n").questions
    assert question.expected == shown
    assert question.check(shown).correct
    assert question.check(value).correct


def test_gift_export_writes_numbers_exactly() -> None:
    from kzquiz.convert.giftwrite import write_gift

    deck = kzquiz.loads_deck(HEADER + "answer = 3.14159265\ntolerance = 0.000001\n")
    text, _ = write_gift(deck)
    assert "{#3.14159265:0.000001}" in text


@pytest.mark.parametrize(
    ("typed", "right"),
    [("!!", True), ("! !", True), (" !! ", True), ("!", False), ("??", False), ("!?", False), ("brilliant", False)],
)
def test_an_answer_of_symbols_only_is_right_when_typed_as_written(typed: str, right: bool) -> None:
    [question] = kzquiz.load_deck(HOSTILE / "symbol-answer.toml").questions
    assert question.check(typed).correct is right


def test_symbol_options_are_told_apart() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "s"\ntitle = "S"\n\n[[facts]]\nid = "pm"\nkind = "answer"\nquestion = "Which sign?"\n'
        'answer = "±"\ndistractors = ["≤", "≥", "="]\n'
    )
    recall, choice = deck.questions
    assert recall.check("±").correct
    assert not recall.check("≤").correct
    assert sorted(choice.choices) == sorted(["±", "≤", "≥", "="])
    assert choice.check("±").correct
    assert not choice.check("≥").correct


def test_a_symbol_distractor_equal_to_the_answer_is_still_found() -> None:
    with pytest.raises(DeckError, match="'! !' is also a right answer"):
        kzquiz.loads_deck(
            '[deck]\nid = "s"\ntitle = "S"\n\n[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\n'
            'answer = "!!"\ndistractors = ["??", "! !"]\n'
        )


CHOICE = '[deck]\nid = "s"\ntitle = "S"\n\n[[facts]]\nid = "c"\nkind = "choice"\nquestion = "Q?"\n'


@pytest.mark.parametrize(
    ("keys", "field", "message"),
    [
        ('answers = ["A", "A"]\nwrong = ["B"]', "c.answers[1]", "'A' is listed twice"),
        ('answers = ["A", "B"]\nwrong = ["C", " c "]', "c.wrong[1]", "' c ' is listed twice"),
        ('answer = "A"\nwrong = ["B", "b."]', "c.wrong[1]", "'b.' is listed twice"),
    ],
)
def test_repeated_options_are_refused(keys: str, field: str, message: str) -> None:
    with pytest.raises(DeckError) as caught:
        kzquiz.loads_deck(CHOICE + keys)
    [problem] = caught.value.problems
    assert (problem.field, problem.message) == (field, message)


def test_a_duplicate_options_deck_is_refused_with_its_place() -> None:
    problem = only_problem(HOSTILE / "duplicate-options.toml")
    assert str(problem).startswith(f"{HOSTILE / 'duplicate-options.toml'}:9:17: c.answers[1]: 'A' is listed twice")
    assert problem.hint == "it repeats 'A'; remove one of them"


# -- item 8: GIFT and report edge cases ------------------------------------------------------------------------------


def test_a_gift_number_out_of_range_skips_only_that_question(tmp_path: Path) -> None:
    output = tmp_path / "g.toml"
    result = kzquiz_cli(tmp_path, "import", str(HOSTILE / "gift-1e999.gift"), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert f"{as_shown(HOSTILE / 'gift-1e999.gift')}:1: skipped a numerical question" in result.stdout
    assert "must be a finite number, not inf" in result.stdout
    [fact] = kzquiz.load_deck(output).facts
    assert fact.question.startswith("Two plus two?")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "not an exam result file: arrays or objects nested too deeply"),
        ('{"answers": ' + "9" * 5000 + "}", "not an exam result file: a number with more than 4,300 digits"),
    ],
)
def test_report_of_hostile_json_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    results = tmp_path / "deep.json"
    results.write_text(text)
    result = kzquiz_cli(tmp_path, "report", str(results))
    assert result.returncode == 1
    assert result.stderr == f"kzquiz: {results}: {message}\n"


def test_writing_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert _mode(real) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "real.toml"]

"""The command line builds only the parser of the command it runs: the help, the errors and the exit statuses must be
the same as those of the whole parser, for every command (kzquiz.cli.COMMANDS)."""

from __future__ import annotations

import argparse

import pytest

from kzquiz.cli import COMMANDS, build_parser, main


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``kzquiz ARGS`` in this process: its exit status (argparse's too), standard output and standard error."""
    try:
        status = main(list(args))
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def whole_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, dict(commands.choices)


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def test_the_top_level_help_lists_every_command_as_the_whole_parser_does(capsys: pytest.CaptureFixture[str]) -> None:
    parser, _ = whole_parser()
    for option in ("--help", "-h"):
        status, out, _ = run_main(capsys, option)
        assert status == 0
        assert out == parser.format_help()
    for name, (_, help_line) in COMMANDS.items():
        assert f"    {name}" in out
        assert help_line.split()[0] in out


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_has_the_help_of_the_whole_parser(capsys: pytest.CaptureFixture[str], name: str) -> None:
    _, commands = whole_parser()
    status, out, _ = run_main(capsys, name, "--help")
    assert status == 0
    assert out == commands[name].format_help()
    assert out.startswith(f"usage: kzquiz {name} ")


def test_an_unknown_command_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(capsys, "nope")
    assert status == 2
    assert out == ""
    listed = ", ".join(repr(name) for name in COMMANDS)
    assert err.splitlines()[-1] == f"kzquiz: error: argument COMMAND: invalid choice: 'nope' (choose from {listed})"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "--nope"], "kzquiz: error: unrecognized arguments: --nope"),
        (["--nope"], "kzquiz: error: unrecognized arguments: --nope"),
        (["store"], "kzquiz store: error: the following arguments are required: COMMAND"),
        (["store", "check", "--nope"], "kzquiz: error: unrecognized arguments: --nope"),
        (["exam"], "kzquiz exam: error: the following arguments are required: DECK"),
        (["serve", "--port", "0"], "kzquiz serve: error: argument --port: not a port number (1 to 65535): '0'"),
        (["import", "x"], "kzquiz import: error: the following arguments are required: -o/--output"),
    ],
)
def test_usage_errors_are_those_of_the_whole_parser(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, _, err = run_main(capsys, *args)
    assert status == 2
    assert err.splitlines()[-1] == message


def test_options_alone_run_study_and_version_runs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(capsys, "--limit", "0")
    assert status == 2
    assert "kzquiz study: error: argument --limit: must be 1 or more: 0" in err
    status, out, _ = run_main(capsys, "--version")
    assert status == 0
    assert out.startswith("kzquiz ")


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return dict(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)


def test_only_the_command_being_run_is_built() -> None:
    _, commands = whole_parser()
    assert all(parser._actions for parser in commands.values())
    listing = subcommands(build_parser([]))
    assert list(listing) == list(COMMANDS)
    assert not any(parser._actions for parser in listing.values())
    listed = subcommands(build_parser(["stats"]))
    assert list(listed) == list(COMMANDS)
    assert [name for name, sub in listed.items() if sub._actions] == ["stats"]
    alone = subcommands(build_parser(["stats"], list_all=False))
    assert list(alone) == ["stats"]
    assert alone["stats"].format_help() == commands["stats"].format_help()

"""``kzquiz stats``'s everyday command lines are read without argparse (kzquiz.cli.plainargs): every line read that
way must give exactly the namespace argparse gives, and every other line must be left to argparse."""

from __future__ import annotations

import contextlib
import io
import os
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzquiz.cli import build_parser, main
from kzquiz.cli.plainargs import stats_command_line
from kzquiz.cli.statscmd import show_stats

WORDS = (
    *("--json", "--no-color", "--learner", "--db", "--help", "-h", "--", "-", "--js", "--learn", "--learner=ann"),
    *("--db=x.sqlite3", "--json=1", "-x", "-1", "--LEARNER", "stats", "ann", "Ann Lee", " bob ", "", " ", "\x01x"),
    *("x.sqlite3", "postgresql://host/db", "naïve", "\u202ename", "json", "no_color", "learner", "db", "--version"),
)
"""Words a stats command line can be made of: its options, their values, and near misses of both."""

LEARNER_SETTINGS = (None, "", "ann", "  bob ", " ", "\x01x", "zoë")
"""KZQUIZ_LEARNER, which gives --learner its default (None: unset)."""


def argparse_reading(words: list[str]) -> dict[str, object] | None:
    """What argparse makes of ``kzquiz WORDS``, as kzquiz's own parser for the command reads it; ``None`` when it
    stops with help or a usage error."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return vars(build_parser([words[0]], list_all=False).parse_args(words))
    except SystemExit:
        return None


def environment(learner: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "KZQUIZ_LEARNER"}
    return env if learner is None else {**env, "KZQUIZ_LEARNER": learner}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6), st.sampled_from(LEARNER_SETTINGS))
def test_a_line_read_without_argparse_reads_as_argparse_reads_it(words: list[str], learner: str | None) -> None:
    line = ["stats", *words]
    with mock.patch.dict(os.environ, environment(learner), clear=True):
        plain = stats_command_line(line)
        expected = argparse_reading(line)
    if plain is not None:
        assert vars(plain) == expected


@pytest.mark.parametrize(
    ("words", "learner", "read"),
    [
        (["stats"], None, {"json": False, "no_color": False, "learner": "default", "db": None}),
        (["stats", "--json"], "  bob ", {"json": True, "no_color": False, "learner": "bob", "db": None}),
        (
            ["stats", "--db", "x.sqlite3", "--no-color", "--learner", " Ann Lee", "--json"],
            "\x01",  # a default that is not used is not checked
            {"json": True, "no_color": True, "learner": "Ann Lee", "db": "x.sqlite3"},
        ),
        (["stats", "--db", "", "--learner", "zoë"], "", {"json": False, "no_color": False, "learner": "zoë", "db": ""}),
    ],
)
def test_everyday_lines_are_read_without_argparse(
    words: list[str], learner: str | None, read: dict[str, object]
) -> None:
    with mock.patch.dict(os.environ, environment(learner), clear=True):
        plain = stats_command_line(words)
        assert plain is not None
        assert vars(plain) == {"command": "stats", "handler": show_stats, **read} == argparse_reading(words)


@pytest.mark.parametrize(
    "words",
    [
        ["stats", "--help"],
        ["stats", "-h"],
        ["stats", "--learner=ann"],  # argparse's other spellings
        ["stats", "--js"],
        ["stats", "--json", "--json"],  # twice: argparse takes the last
        ["stats", "--learner", "ann", "--learner", "bob"],
        ["stats", "--learner"],  # mistakes argparse explains
        ["stats", "--learner", "--json"],
        ["stats", "--learner", "-"],
        ["stats", "--db", "-1"],
        ["stats", "--learner", " "],
        ["stats", "--learner", "a\tb"],
        ["stats", "json"],
        ["stats", "--", "--json"],
        ["stats", "--bogus"],
        ["learners", "--json"],  # another command
        [],
    ],
)
def test_every_other_line_is_left_to_argparse(words: list[str]) -> None:
    assert stats_command_line(words) is None


def test_a_learner_name_from_the_environment_that_argparse_refuses_is_left_to_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KZQUIZ_LEARNER", "a\x1bb")
    assert stats_command_line(["stats", "--json"]) is None
    with pytest.raises(SystemExit) as stopped:
        main(["stats", "--json"])
    assert stopped.value.code == 2
    assert "argument --learner: a learner's name cannot contain control characters" in capsys.readouterr().err

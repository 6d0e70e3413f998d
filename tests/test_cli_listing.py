"""Repeated warnings are summarised in validate, audit and import reports; --verbose and --json list each one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kzquiz.cli import main


def _fact(fact_id: str, *, quote: bool = False, unit: str = "") -> str:
    if unit:
        return f'[[facts]]\nid = "{fact_id}"\nkind = "number"\nquestion = "How far is {fact_id}?"\nanswer = 3\n' + (
            f'unit = "{unit}"\nquote = "It is 3 {unit}."\n\n'
        )
    text = f'[[facts]]\nid = "{fact_id}"\nkind = "answer"\nquestion = "What is {fact_id}?"\nanswer = "{fact_id}"\n'
    return text + (f'quote = "It is {fact_id}."\n\n' if quote else "\n")


def _deck(path: Path, body: str) -> Path:
    path.write_text('[deck]\nid = "d"\ntitle = "D"\n\n' + body, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().out.splitlines()


NO_QUOTE = 'no quote from the source (add quote = "..." so learners see the evidence)'


def test_a_warning_given_for_many_facts_is_one_line_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [f"f{i:02}" for i in range(22)]
    deck = _deck(tmp_path / "d.toml", "".join(_fact(n) for n in names) + _fact("quoted", quote=True))
    code, lines = run(capsys, "validate", str(deck))
    assert code == 0
    assert lines == [
        f"{deck}: warning: 22 facts: no quote from the source: f00, f01, f02 and 19 more "
        '(add quote = "..." so learners see the evidence; run with --verbose to list them)',
        f"{deck}: ok (23 facts, 23 questions)",
        "22 warnings in 1 file",
    ]


def test_three_repeats_are_listed_and_four_are_summarised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    three = _deck(tmp_path / "three.toml", "".join(_fact(n) for n in "abc"))
    _, lines = run(capsys, "validate", str(three))
    assert [line for line in lines if "warning:" in line] == [
        f"{three}:5:1: a: warning: {NO_QUOTE}",
        f"{three}:11:1: b: warning: {NO_QUOTE}",
        f"{three}:17:1: c: warning: {NO_QUOTE}",
    ]
    four = _deck(tmp_path / "four.toml", "".join(_fact(n) for n in "abcd"))
    _, lines = run(capsys, "validate", str(four))
    assert [line for line in lines if "warning:" in line] == [
        f"{four}: warning: 4 facts: no quote from the source: a, b, c and 1 more "
        '(add quote = "..." so learners see the evidence; run with --verbose to list them)'
    ]


def test_repeats_are_counted_per_file_and_per_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two files with two unquoted facts each: neither reaches the threshold. Four facts with an unknown unit, two of
    # each unit: different messages, so listed one by one.
    one = _deck(tmp_path / "one.toml", _fact("a") + _fact("b"))
    two = _deck(tmp_path / "two.toml", _fact("c") + _fact("d"))
    units = _deck(
        tmp_path / "units.toml", "".join(_fact(n, unit="furlongz" if n in "ab" else "leaguez") for n in "abcd")
    )
    _, lines = run(capsys, "validate", str(one), str(two), str(units))
    warnings = [line for line in lines if "warning:" in line]
    assert len(warnings) == 8
    assert not any("run with --verbose" in line for line in warnings)


def test_verbose_and_json_list_every_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _deck(tmp_path / "d.toml", "".join(_fact(n) for n in "abcdef"))
    _, lines = run(capsys, "validate", "--verbose", str(deck))
    assert [line.split(": ", 2)[1] for line in lines if "warning:" in line] == list("abcdef")
    assert not any("--verbose" in line for line in lines)
    _, lines = run(capsys, "validate", "--json", str(deck))
    document = json.loads("\n".join(lines))
    assert document["warnings"] == 6
    assert [p["field"] for p in document["problems"]] == list("abcdef")


def test_errors_are_never_summarised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "".join(f'[[facts]]\nid = "{n}"\nkind = "answer"\nquestion = "Q{n}?"\nanswr = "x"\n\n' for n in "abcde")
    deck = _deck(tmp_path / "d.toml", body)
    code, lines = run(capsys, "validate", str(deck))
    assert code == 1
    assert sum("unknown key `answr`" in line for line in lines) == 5


def test_audit_summarises_a_rules_warnings_under_its_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every question of a deck dated with as_of lacks "according to": one warning per fact, each naming its
    # question, summarised under the rule's words.
    deck = tmp_path / "d.toml"
    deck.write_text(
        '[deck]\nid = "d"\ntitle = "D"\nas_of = 2020-01-01\n\n' + "".join(_fact(n, quote=True) for n in "abcde"),
        encoding="utf-8",
    )
    source = tmp_path / "source.txt"
    source.write_text(" ".join(f"It is {n}." for n in "abcde"), encoding="utf-8")
    _, summarised = run(capsys, "audit", str(deck), "--source", str(source))
    assert summarised[0] == (
        f"{deck}: warning: 5 facts: a time-bound question that does not say “according to …” or “as of …”: "
        "a.question, b.question, c.question and 2 more "
        "(say “According to the article, as of January 2020, …” or name the time in the question; "
        "run with --verbose to list them)"
    )
    _, verbose = run(capsys, "audit", "--verbose", str(deck), "--source", str(source))
    assert sum("d/c/recall: time-bound (as of 2020-01-01)" in line for line in verbose) == 1
    assert len([line for line in verbose if "warning:" in line]) == 5


GIFT_FALSE = "::q{n}:: Statement {n} is right. {{F}}\n\n"


def test_import_says_a_repeated_remark_once_with_its_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bank.gift"
    source.write_text("".join(GIFT_FALSE.format(n=n) for n in range(7)), encoding="utf-8")
    code, lines = run(capsys, "import", str(source), "-o", str(tmp_path / "deck.toml"))
    assert code == 0
    notes = [line for line in lines if "note:" in line]
    assert notes == [
        f"{source}: note: 7 questions: a false statement had no feedback to use as its correction; write one: "
        "lines 1, 3, 5 and 4 more (run with --verbose to list them)"
    ]
    _, lines = run(capsys, "import", "--verbose", "--force", str(source), "-o", str(tmp_path / "deck.toml"))
    assert [line for line in lines if "note:" in line][:2] == [
        f"{source}:1: note: a false statement had no feedback to use as its correction; write one",
        f"{source}:3: note: a false statement had no feedback to use as its correction; write one",
    ]


def test_every_line_of_a_summarised_list_ends_in_its_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A summary ends in "(hint)" like every other line, the note about --verbose inside the brackets, so that a tool
    # splits each line into message and hint at its last " (".
    deck = tmp_path / "d.toml"
    deck.write_text(
        '[deck]\nid = "d"\ntitle = "D"\nas_of = 2020-01-01\n\n'
        + "".join(_fact(n, quote=n in "abcdef") for n in "abcdefghij"),
        encoding="utf-8",
    )
    source = tmp_path / "source.txt"
    source.write_text(" ".join(f"It is {n}." for n in "abcd"), encoding="utf-8")
    _, validated = run(capsys, "validate", str(deck))
    _, audited = run(capsys, "audit", str(deck), "--source", str(source))
    listed = re.compile(rf"{re.escape(str(deck))}:(\d+:\d+: [\w.\[\]-]+:| warning:) ")  # a problem, or a summary
    problems = [line for line in validated + audited if listed.match(line)]
    summaries = [line for line in problems if "--verbose" in line]
    assert len(summaries) >= 2
    assert len(problems) > len(summaries)  # single warnings and errors too
    for line in problems:
        message, hint = line.rsplit(" (", 1)
        assert hint.endswith(")"), line
        assert "(" not in hint, line
        assert ")" not in hint[:-1], line
        assert message.startswith(f"{deck}:"), line
    for line in summaries:
        assert line.endswith("; run with --verbose to list them)"), line


def test_export_says_a_reason_for_leaving_facts_out_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    order = 'kind = "sequence"\nsubject = "the steps"\nitems = ["a", "b", "c"]\n\n'
    body = "".join(f'[[facts]]\nid = "s{i}"\n{order}' for i in range(5)) + _fact("kept")
    deck = _deck(
        tmp_path / "d.toml", body + '[[facts]]\nid = "one-set"\nkind = "set"\nsubject = "x"\nmembers = ["p", "q"]\n'
    )
    code, lines = run(capsys, "export", str(deck), "-o", str(tmp_path / "d.gift"))
    assert code == 0
    left_out = [line for line in lines if "left out" in line]
    assert left_out == [
        f"{deck}: left out 5 facts: GIFT has no sequence questions (lists and orders): s0, s1, s2 and 2 more "
        "(run with --verbose to list them)",
        f"{deck}: left out the fact one-set: GIFT has no set questions (lists and orders)",
    ]
    assert lines[-1].endswith(": 1 GIFT question.")
    _, verbose = run(capsys, "export", "-v", str(deck), "-o", str(tmp_path / "d.gift"))
    assert [line for line in verbose if "left out" in line][:2] == [
        f"{deck}: left out the fact s0: GIFT has no sequence questions (lists and orders)",
        f"{deck}: left out the fact s1: GIFT has no sequence questions (lists and orders)",
    ]
    assert sum("left out" in line for line in verbose) == 6


def test_counts_of_one_are_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _deck(tmp_path / "d.toml", _fact("only", quote=True))
    _, lines = run(capsys, "validate", str(deck))
    assert lines[0] == f"{deck}: ok (1 fact, 1 question)"
    _, lines = run(capsys, "export", str(deck), "-o", str(tmp_path / "d.csv"))
    assert lines == [f"Wrote {tmp_path / 'd.csv'}: 1 row, one per fact."]

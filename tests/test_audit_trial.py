"""``kzquiz audit`` on what a teacher reading only the docs tries: passages without words, quotes matched word for
word at word boundaries, sources that are not files, coverage thresholds, JSON in every case, hostile names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kzquiz
from kzquiz.auditing import AuditFinding, AuditRule
from kzquiz.cli import main
from kzquiz.errors import DeckError
from kzquiz.model import Source
from kzquiz.sourcetext import SourceText

SOURCE = "It cost 15000 francs. She said hello. The towers are tall."


def deck_of(facts: str, head: str = "") -> kzquiz.Deck:
    return kzquiz.loads_deck(f'[deck]\nid = "t"\ntitle = "T"\n{head}\n{facts}', "t.toml")


def statement(quote: str, n: int = 0) -> str:
    quoted = quote.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        f'[[facts]]\nid = "f{n}"\nkind = "statement"\nstatement = "Fact {n} is true."\nanswer = true\n'
        f'quote = "{quoted}"\n'
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. skip passages without words ------------------------------------------------------------------------------


@pytest.mark.parametrize("passage", ["…", "...", " … ", "… …", ". . .", "—"])
def test_a_skip_passage_without_words_is_a_located_deck_problem(passage: str) -> None:
    text = f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\nskip = ["She said", "{passage}"]\n{statement("She said")}'
    with pytest.raises(DeckError) as raised:
        kzquiz.loads_deck(text, "t.toml")
    (problem,) = raised.value.problems
    assert (problem.line, problem.field) == (5, "deck.source.skip[1]")
    assert "has no words" in problem.message


@pytest.mark.parametrize("passage", ["…", "...", " … ", "... …"])
def test_the_library_audit_reports_a_skip_passage_without_words(passage: str) -> None:
    deck = kzquiz.loads_deck(f'[deck]\nid = "t"\ntitle = "T"\n{statement("She said hello.")}')
    deck = kzquiz.Deck(deck.id, deck.title, deck.facts, source=Source(skip=("The towers", passage)))
    report = kzquiz.audit(deck, SOURCE)
    (finding,) = [f for f in report.findings if f.rule is AuditRule.SKIP]
    assert finding.field == "deck.source.skip[1]"
    assert "has no words" in finding.message
    assert report.coverage.skipped == 1


def test_validate_and_audit_report_a_wordless_skip_passage_as_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "s.txt").write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "d.toml"
    deck.write_text(
        f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\nfile = "s.txt"\nskip = ["…"]\n{statement("She said hello.")}',
        encoding="utf-8",
    )
    for command in ("validate", "audit"):
        code, out, err = run(capsys, command, str(deck))
        assert code == 1, command
        assert "Traceback" not in out + err
        assert "d.toml:6:9: deck.source.skip[0]: the passage has no words" in out + err


# -- 3. quotes match whole words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("It cost 15000 francs.", True),
        ("15000 francs.", True),
        ("5000 francs.", False),  # the start of a word is not a word
        ("1500", False),  # nor its end
        ("She said hello.", True),
        ("he said hello.", False),
        ("said hello", True),
        ("said hell", False),
        ("owers are", False),
        ("towers are", True),
        ("The towers … tall.", True),
        ("T … .", False),  # each part around an ellipsis too
        ("The tower … tall.", False),
        ("The towers … tal", False),
        ("It cost … She", True),
        (".", False),  # no words: matches nothing
        ("…", False),
        (". …", False),
    ],
)
def test_a_quote_matches_at_word_boundaries(quote: str, found: bool) -> None:
    assert (SourceText(SOURCE).find(quote) is not None) is found


def test_a_long_quote_found_only_inside_longer_words_is_not_found() -> None:
    # Four words or more are looked up by their inner word pairs: the ends must still be whole words.
    source = "Theirs was a very long day indeed. Then a very long night."
    assert SourceText(source).find("heirs was a very long day") is None
    assert SourceText(source).find("was a very long da") is None
    assert SourceText(source).find("was a very long day") is not None
    assert SourceText(source).find("Then a very long night") is not None


def test_a_quote_without_words_is_an_error_and_covers_nothing() -> None:
    deck = deck_of(statement(".", 0) + statement("…", 1) + statement("She said hello.", 2))
    report = kzquiz.audit(deck, SOURCE)
    wordless = [(f.field, f.severity.value) for f in report.findings if "has no words" in f.message]
    assert wordless == [("f0.quote", "error"), ("f1.quote", "error")]
    assert report.coverage.quoted == 1


# -- 8. the time rule's words are whole words --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "framed"),
    [
        ("What did the authorities do?", False),
        ("What did the authoritarian state do?", False),
        ("Which textbook tells it?", False),
        ("What did the sources say?", True),  # plurals frame too
        ("What did the authors say?", True),
        ("What did the sourcesz say?", False),
        ("Who was it as often as not?", False),
        ("How many died in 20155?", False),
        ("According to the author, what did the authorities do?", True),
        ("What did the text say?", True),
        ("As of 2022, who led it?", True),
        ("Who led it in 2019?", True),
        ("Who led it in the 1990s?", False),
        ("What does the article say?", True),
    ],
)
def test_the_time_rule_matches_its_words_whole(question: str, framed: bool) -> None:
    deck = deck_of(
        f'[[facts]]\nid = "a"\nkind = "answer"\nquestion = "{question}"\nanswer = "Tokayev"\nas_of = 2022-01-15\n'
    )
    found = [f.rule for f in kzquiz.audit(deck, "Tokayev was president.").findings]
    assert (AuditRule.TIME not in found) is framed


# -- 6. one line per finding -------------------------------------------------------------------------------------


def test_a_multi_line_quote_not_found_prints_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.txt").write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "d.toml"
    deck.write_text(
        '[deck]\nid = "t"\ntitle = "T"\n[deck.source]\nfile = "s.txt"\n[[facts]]\nid = "a"\nkind = "statement"\n'
        "statement = \"She said it.\"\nanswer = true\nquote = '''She said\n\tgoodbye.'''\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "audit", str(deck))
    assert code == 1
    (line,) = [line for line in out.splitlines() if "a.quote" in line]
    assert "quote not found word for word in the source: “She said goodbye.”" in line
    assert line.endswith("(copy the passage as the source writes it)")
    code, out, _ = run(capsys, "audit", str(deck), "--json")
    (problem,) = json.loads(out)["problems"]
    assert "“She said goodbye.”" in problem["message"]
    assert "\n" not in problem["message"]


def test_findings_made_in_code_are_one_line_too() -> None:
    finding = AuditFinding(AuditRule.QUOTE, "a", "not found:\n  “x\ty”", "copy\nit")
    assert (finding.message, finding.hint) == ("not found: “x y”", "copy it")


# -- 7. JSON cleaned field by field ------------------------------------------------------------------------------


def test_json_cleans_the_deck_and_source_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s\x1b[31mrc\x07.txt"
    source.write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "\x1b[31mdeck\x07.toml"
    deck.write_text(
        f'[deck]\nid = "t"\ntitle = "T"\n{statement("She said hello.")}'.replace("hello.", "hello\\u001b]0;x\\u0007."),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--json")
    assert code == 1
    document = json.loads(out)
    for text in (document["deck"], document["source"], *(p["path"] for p in document["problems"])):
        assert "deck" in text or "rc" in text
        assert not any(c in text for c in "\x1b\x07")
    assert all("\x1b" not in p["message"] for p in document["problems"])
    assert "\\u001b" not in out

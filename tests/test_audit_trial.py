"""``kzquiz audit`` on what a teacher reading only the docs tries: passages without words, quotes matched word for
word at word boundaries, sources that are not files, coverage thresholds, JSON in every case, hostile names."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.auditing import AuditRule
from kzquiz.cli import main
from kzquiz.errors import DeckError
from kzquiz.model import Source
from kzquiz.sourcetext import SourceText, fold_quote

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


def test_answers_with_line_breaks_are_shown_on_one_line() -> None:
    deck = deck_of(
        '[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Who said hello?"\nanswer = "She\\n  said"\n'
        'quote = "The towers are tall."\n'
    )
    (finding,) = [f for f in kzquiz.audit(deck, SOURCE).findings if f.rule is AuditRule.UNBACKED]
    assert finding.message.endswith("does not contain its answer “She said”")


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


# -- 2. the source file is read as deck files are ----------------------------------------------------------------


def clean_deck(tmp_path: Path, source_line: str = "") -> Path:
    (tmp_path / "s.txt").write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "d.toml"
    deck.write_text(
        f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\n{source_line}\n{statement("She said hello.")}', encoding="utf-8"
    )
    return deck


@pytest.mark.parametrize("how", ["--source", "file"])
def test_a_fifo_or_a_device_as_the_source_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
    for source, reason in ((fifo, "a named pipe (FIFO), not a file"), (Path("/dev/zero"), "a device, not a file")):
        if how == "--source":
            code, _, err = run(capsys, "audit", str(clean_deck(tmp_path)), "--source", str(source))
        elif source.parent == tmp_path:  # a deck names only files in its own folder
            code, _, err = run(capsys, "audit", str(clean_deck(tmp_path, f'file = "{source.name}"')))
        else:
            code, _, err = run(capsys, "audit", str(clean_deck(tmp_path, f'file = "{source}"')))
            assert code == 1
            assert "deck.source.file: must name a file in the deck's folder or below it" in err
            continue
        assert code == 1
        assert f"{source}: cannot read the file: {reason}" in err


def test_a_source_over_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = clean_deck(tmp_path)
    (tmp_path / "big.txt").write_text(SOURCE * 100_000, encoding="utf-8")  # 5.8 MB
    monkeypatch.setenv("KZQUIZ_MAX_DECK_MB", "1")
    code, _, err = run(capsys, "audit", str(deck), "--source", str(tmp_path / "big.txt"))
    assert code == 1
    assert "big.txt: cannot read the file: the file is larger than the limit of 1.0 MB" in err
    monkeypatch.setenv("KZQUIZ_MAX_DECK_MB", "10")
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(tmp_path / "big.txt"))
    assert code == 0, out


# -- 4. --min-coverage -------------------------------------------------------------------------------------------


def test_a_coverage_below_the_minimum_is_an_error_listed_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = clean_deck(tmp_path, 'file = "s.txt"')  # one sentence of three quoted
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", "34")
    assert code == 1
    assert "coverage: 33% of 3 sentences" in out
    assert f"{deck}: coverage 33% is below --min-coverage 34% (quote more of the source" in out
    assert out.rstrip().endswith(f"{deck}: 1 error")
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", "34", "--json")
    assert code == 1
    document = json.loads(out)
    assert document["errors"] == 1
    (problem,) = document["problems"]
    assert (problem["rule"], problem["severity"]) == ("coverage", "error")
    assert "below --min-coverage 34%" in problem["message"]
    assert run(capsys, "audit", str(deck), "--min-coverage", "33%")[0] == 0


def test_a_rounded_coverage_never_contradicts_the_minimum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = " ".join(f"Sentence number {n} is here." for n in range(1, 3001))
    (tmp_path / "s.txt").write_text(source, encoding="utf-8")
    deck = tmp_path / "d.toml"
    deck.write_text(
        f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\nfile = "s.txt"\nskip = ["Sentence number 1 … number 2188 '
        f'is here."]\n{statement("Sentence number 2189 is here.")}',
        encoding="utf-8",
    )  # 2189 of 3000 sentences: 72.97%, which rounds to 73
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", "73")
    assert code == 1
    assert "coverage: 72.97% of 3,000 sentences" in out
    assert "coverage 72.97% is below --min-coverage 73%" in out
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", "72.9")
    assert code == 0
    assert "coverage: 73% of 3,000 sentences" in out


@pytest.mark.parametrize("value", ["nan", "-5", "150", "inf", "lots", ""])
def test_min_coverage_must_be_a_percentage(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["audit", str(clean_deck(tmp_path, 'file = "s.txt"')), "--min-coverage", value])
    assert exited.value.code == 2
    assert f"--min-coverage: must be a percentage from 0 to 100, not {value!r}" in capsys.readouterr().err


def test_one_sentence_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = clean_deck(tmp_path)
    (tmp_path / "one.txt").write_text("He left.", encoding="utf-8")
    out = run(capsys, "audit", str(deck), "--source", str(tmp_path / "one.txt"))[1]
    assert "0% of 1 sentence quoted" in out


# -- 5. JSON when the audit cannot start -------------------------------------------------------------------------


def test_json_reports_a_deck_that_does_not_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "bad.toml"
    deck.write_text('[deck]\nid = "x"\ntitle = "X"\n[[facts]]\nid = "a"\nquote = "x\n', encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(deck), "--source", "whatever.txt", "--json")
    assert code == 1
    document = json.loads(out)
    assert (document["errors"], document["warnings"], document["coverage"]) == (1, 0, None)
    (problem,) = document["problems"]
    assert (problem["line"], problem["column"], problem["rule"]) == (6, 11, "deck")
    assert problem["message"].startswith("TOML syntax")
    _, validated, _ = run(capsys, "validate", str(deck), "--json")
    (same,) = json.loads(validated)["problems"]
    assert {key: problem[key] for key in same} == same  # validate's record, with the rule and questions added


@pytest.mark.parametrize("source", ["missing.txt", "fifo", ""])
def test_json_reports_a_source_that_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    os.mkfifo(tmp_path / "fifo")
    deck = clean_deck(tmp_path)
    code, out, _ = run(capsys, "audit", str(deck), *(["--source", str(tmp_path / source)] if source else []), "--json")
    assert code == 1
    document = json.loads(out)
    assert (document["errors"], document["coverage"]) == (1, None)
    (problem,) = document["problems"]
    assert problem["rule"] == "source"
    assert ("cannot read the file" if source else "no source text") in problem["message"]


def test_the_bundled_deck_says_which_source_to_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "audit", "kazakhstan-2022")
    assert code == 1
    assert "kazakhstan-2022: no source text to check against" in err
    assert "https://www.eurozine.com/" in err
    assert "give --source FILE" in err
    assert "site-packages" not in err


# -- the source and the facts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "  \n\n \t", "\ufeff"])
def test_an_empty_source_is_a_warning_not_full_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    report = kzquiz.audit(deck_of(statement("She said hello.")), text.removeprefix("\ufeff"))
    assert [(f.rule, f.severity.value) for f in report.findings if f.rule is AuditRule.SOURCE] == [
        (AuditRule.SOURCE, "warning")
    ]
    deck = clean_deck(tmp_path)
    (tmp_path / "empty.txt").write_text(text, encoding="utf-8")
    out = run(capsys, "audit", str(deck), "--source", str(tmp_path / "empty.txt"))[1]
    assert "warning: the source has no sentences" in out
    assert "100%" not in out
    assert run(capsys, "audit", str(deck), "--source", str(tmp_path / "empty.txt"), "--min-coverage", "10")[0] == 1


def test_a_fact_without_a_quote_is_warned_as_validate_does() -> None:
    deck = deck_of(
        statement("She said hello.") + '[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Q?"\nanswer = "x"\n'
    )
    report = kzquiz.audit(deck, SOURCE)
    assert [(f.field, f.severity.value, f.message) for f in report.findings] == [
        ("b", "warning", "no quote from the source")
    ]


def test_an_item_quote_that_does_not_back_its_item_is_reported_at_its_key() -> None:
    deck = deck_of(
        '[[facts]]\nid = "names"\nkind = "sequence"\nsubject = "the words, in order"\nitems = [\n'
        '  { text = "towers", quote = "The towers are tall." },\n'
        '  { text = "hello", quote = "The towers are tall." },\n'
        '  "francs",\n]\n'
    )
    fields = {f.field for f in kzquiz.audit(deck, SOURCE).findings if f.rule is AuditRule.UNBACKED}
    assert fields == {"names.items[1].quote", "names.items[2]"}


def test_today_may_be_a_datetime_and_nothing_else() -> None:
    deck = deck_of(statement("She said hello."), '[deck.source]\ndate = "2020-01-01"\n')
    as_date = kzquiz.audit(deck, SOURCE, today=dt.date(2022, 1, 1))
    as_datetime = kzquiz.audit(deck, SOURCE, today=dt.datetime(2022, 1, 1, 12, tzinfo=dt.UTC))
    assert as_date == as_datetime
    assert AuditRule.TIME in {f.rule for f in as_date.findings}
    with pytest.raises(TypeError, match=r"today must be a datetime\.date"):
        kzquiz.audit(deck, SOURCE, today="2022-01-01")  # type: ignore[arg-type]


# -- characters that show nothing, and the other apostrophes ---------------------------------------------------

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("invisible", INVISIBLE)
@pytest.mark.parametrize("in_source", [True, False])
def test_a_character_that_shows_nothing_is_left_out_of_the_quote_match(invisible: str, in_source: bool) -> None:
    # A soft hyphen or a zero-width space copied from a web page, in the source or in the quote, is no difference.
    word = f"Zhana{invisible}ozen"
    text = f"Unrest.\nProtests began in {word if in_source else 'Zhanaozen'} on 2 January.\n"
    quote = f"Protests began in {'Zhanaozen' if in_source else word} on 2 January."
    spans = SourceText(text).find(quote)
    assert spans == [(text.index("Protests"), text.index("January.") + len("January."))]
    deck = deck_of(statement(quote))
    assert [f.message for f in kzquiz.audit(deck, text).findings if f.rule is AuditRule.QUOTE] == []


def test_characters_that_show_nothing_keep_the_positions_of_what_follows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.txt"
    source.write_text("\ufeff\u200bThe pro\u00adtests be\u200bgan.\nThe end\u2060 came. Nobody\u200d quoted this.\n")
    deck = tmp_path / "deck.toml"
    deck.write_text('[deck]\nid = "t"\ntitle = "T"\n' + statement("The protests began. The end came."))
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--show-uncovered", "--json")
    report = json.loads(out)
    assert code == 0, out
    assert report["errors"] == 0
    assert report["coverage"]["uncovered"] == [{"line": 2, "column": 16, "text": "Nobody\u200d quoted this."}]


@given(
    st.lists(st.sampled_from(["a", "b\u00adb", "\u200bCc", "d\u2060.", "“e”", "f–g\ufeff"]), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "\n", " \u200b ", "\u00ad\n", "\u200b", "\u00a0"]), min_size=12, max_size=12),
    st.sampled_from(["", " ", "\u200b\n  ", "\ufeff"]),
    st.data(),
)
def test_a_quote_found_past_invisible_characters_points_at_its_words(
    tokens: list[str], spaces: list[str], edge: str, data: st.DataObject
) -> None:
    # The quote is the text as it shows: tokens without their invisible characters, a space where the text has
    # white space, nothing where it has only a zero-width space; it starts and ends at whole words.
    text = edge + "".join(token + space for token, space in zip(tokens, spaces, strict=False)) + edge
    breaks = [0] + [i + 1 for i in range(len(tokens) - 1) if any(c.isspace() for c in spaces[i])] + [len(tokens)]
    start = data.draw(st.sampled_from(breaks[:-1]))
    end = data.draw(st.sampled_from([b for b in breaks if b > start]))
    shown = [token.translate(dict.fromkeys(map(ord, INVISIBLE))) for token in tokens]
    quote = "".join(shown[i] + (" " if any(c.isspace() for c in spaces[i]) else "") for i in range(start, end)).strip()
    spans = SourceText(text).find(quote)
    if not any(c.isalnum() for c in quote):
        assert spans is None
        return
    assert spans is not None
    ((begin, finish),) = spans
    assert fold_quote(text[begin:finish]) == fold_quote(quote)
    assert not text[begin].isspace()
    assert text[begin] not in INVISIBLE
    assert not text[finish - 1].isspace()
    assert text[finish - 1] not in INVISIBLE


@pytest.mark.parametrize("apostrophe", ["\u2019", "\u02bc", "\u02bb", "\u00b4", "`", "\u2039"])
def test_every_apostrophe_is_a_straight_one(apostrophe: str) -> None:
    assert SourceText(f"The city{apostrophe}s mayor spoke.").find("The city's mayor spoke.") is not None
    assert SourceText("The city's mayor spoke.").find(f"The city{apostrophe}s mayor spoke.") is not None


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_words_with_a_character_that_shows_nothing_back_and_give_away_answers(invisible: str) -> None:
    # The quote "Zhana­ozen" backs the answer "Zhanaozen", and a prompt showing it gives the answer away, as grading
    # takes "Zhana­ozen" for "Zhanaozen".
    deck = deck_of(
        '[[facts]]\nid = "w"\nkind = "answer"\nquestion = "Where did the protests start?"\nanswer = "Zhanaozen"\n'
        f'quote = "Protests began in Zhana{invisible}ozen on 2 January."\n'
        '[[facts]]\nid = "v"\nkind = "statement"\nanswer = true\nquote = "Protests began"\n'
        f'statement = "Protests began in Zhana{invisible}ozen."\n'
    )
    report = kzquiz.audit(deck, "Protests began in Zhanaozen on 2 January.")
    assert [(f.rule, f.fact) for f in report.findings] == [(AuditRule.LEAK, "w")]
    assert deck.question("t/w/recall").check(f"Zhana{invisible}ozen").correct


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("It was done—finished at last.", "It was done - finished at last."),
        ("It was done — finished at last.", "It was done-finished at last."),
        ("From 1990 – 1995 it grew.", "From 1990-1995 it grew."),
        ("Tokayev - who had called them - spoke.", "Tokayev—who had called them—spoke."),
    ],
)
def test_the_spaces_around_a_dash_are_no_difference(source: str, quote: str) -> None:
    # Writers space their dashes differently ("done—finished", "done – finished"); copying keeps the dash.
    spans = SourceText(source).find(quote)
    assert spans == [(0, len(source))]
    assert SourceText(source).find(quote.replace(".", " again.")) is None


@given(
    st.lists(st.sampled_from(["a", "bb", "Ccc", "—", "–", "-", "d-e", "f."]), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=12, max_size=12),
    st.data(),
)
def test_a_quote_found_across_dashes_points_at_its_words(
    tokens: list[str], spaces: list[str], data: st.DataObject
) -> None:
    # Spaces may stand around a dash or not, in the source and in the quote: the quote is the tokens joined by one
    # space, wherever the source has a dash or white space between them.
    spaces = [
        " " if not space and not ({"—", "–", "-"} & {tokens[i], *tokens[i + 1 : i + 2]}) else space
        for i, space in enumerate(spaces[: len(tokens)])
    ]
    text = "".join(token + space for token, space in zip(tokens, spaces, strict=False))
    start = data.draw(st.integers(0, len(tokens) - 1))
    end = data.draw(st.integers(start + 1, len(tokens)))
    quote = " ".join(tokens[start:end])
    if not any(c.isalnum() for c in quote) or (start > 0 and not spaces[start - 1]):
        return  # no words, or a quote starting inside a word of the source
    if end < len(tokens) and not spaces[end - 1]:
        return  # a quote ending inside a word of the source
    spans = SourceText(text).find(quote)
    assert spans is not None, (text, quote)
    ((begin, finish),) = spans
    assert fold_quote(text[begin:finish]) == fold_quote(quote)
    assert not text[begin].isspace()
    assert not text[finish - 1].isspace()


@pytest.mark.parametrize(
    ("source", "quote", "span"),
    [
        ("The ﬁnal ofﬁce closed.", "The final office closed.", (0, 22)),  # ligatures, as a PDF's text keeps them
        ("The final office closed.", "The ﬁnal ofﬁce closed.", (0, 24)),
        ("Staff: the ﬀ key.", "the ff", (7, 12)),  # a quote ending with a ligature ends after it
        ("Sales rose by ２０％ in ＡＢＣ.", "Sales rose by 20% in ABC.", (0, 25)),  # full-width forms
    ],
)
def test_ligatures_and_full_width_forms_are_their_letters(source: str, quote: str, span: tuple[int, int]) -> None:
    assert SourceText(source).find(quote) == [span]

"""``kzquiz audit`` on cases found by a fourth trial of a teacher reading only the docs (README.md, the audit
section of docs/teachers.md, docs/deck-format.md, docs/cli.md): each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kzquiz
from kzquiz.auditing import AuditRule
from kzquiz.cli import main
from kzquiz.sourcetext import SourceText


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def deck_with(folder: Path, source: str, quotes: list[str], head: str = "") -> Path:
    """``s.txt`` holding ``source`` and ``d.toml``, a deck naming it with one statement per quote."""
    (folder / "s.txt").write_text(source, encoding="utf-8")
    facts = "".join(
        f'[[facts]]\nid = "f{n}"\nkind = "statement"\nstatement = "It was so in 1999."\nanswer = true\n'
        f"quote = {json.dumps(quote, ensure_ascii=False)}\n"
        for n, quote in enumerate(quotes)
    )
    deck = folder / "d.toml"
    deck.write_text(f'[deck]\nid = "t"\ntitle = "T"\n{head}[deck.source]\nfile = "s.txt"\n{facts}', encoding="utf-8")
    return deck


# -- --min-coverage: the minimum is shown as given --------------------------------------------------------------


@pytest.mark.parametrize(("minimum", "shown"), [("50.00004", "50.00004"), ("50.1", "50.1"), ("66.66667", "66.66667")])
def test_a_coverage_below_the_minimum_never_reads_as_equal_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], minimum: str, shown: str
) -> None:
    deck = deck_with(tmp_path, "One is here. Two is here.\n", ["One is here."])  # 50%
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", minimum)
    assert code == 1
    assert f"coverage 50% is below --min-coverage {shown}% (" in out
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", minimum, "--json")
    (problem,) = json.loads(out)["problems"]
    assert problem["message"] == f"coverage 50% is below --min-coverage {shown}%"


@pytest.mark.parametrize(("minimum", "shown"), [("73", "73"), ("73.0", "73"), ("73%", "73"), ("1e1", "10")])
def test_a_whole_minimum_is_shown_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], minimum: str, shown: str
) -> None:
    deck = deck_with(tmp_path, "One is here.\n", ["It is not in the source."])
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", minimum)
    assert code == 1
    assert f"coverage 0% is below --min-coverage {shown}% (" in out


# -- summaries: "at 1 key" ---------------------------------------------------------------------------------------


def test_a_summary_of_findings_at_one_key_says_key_not_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.txt").write_text("The names were Aa, Bb, Cc, Dd and Ee.\n", encoding="utf-8")
    deck = tmp_path / "d.toml"
    deck.write_text(
        '[deck]\nid = "t"\ntitle = "T"\nas_of = 2020-01-01\n[deck.source]\nfile = "s.txt"\n'
        '[[facts]]\nid = "names"\nkind = "sequence"\nsubject = "the names"\nitems = ["Aa", "Bb", "Cc", "Dd", "Ee"]\n'
        'quote = "The names were Aa, Bb, Cc, Dd and Ee."\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "audit", str(deck))
    assert code == 0
    (summary,) = [line for line in out.splitlines() if "time-bound" in line]
    assert " times at 1 key: a time-bound question" in summary
    assert summary.endswith(
        ": names.subject (say “According to the article, as of January 2020, …” or name the "
        "time in the question; run with --verbose to list them)"
    )


# -- the deck and the source given the wrong way round -----------------------------------------------------------


def test_a_source_given_as_the_deck_and_a_deck_as_the_source_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = deck_with(tmp_path, "Lakeview: a history\n\nLakeview was founded in 1850.\n", ["founded in 1850"])
    (tmp_path / "the source.txt").write_text("Lakeview: a history\n\nLakeview was founded in 1850.\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "audit", "the source.txt", "--source", deck.name)
    assert (code, out) == (1, "")
    assert err == (
        "kzquiz: the source.txt:1:9: TOML syntax: a key must be followed by = (is it the source? Give the deck "
        "first: kzquiz audit d.toml --source 'the source.txt')\n"
    )
    code, out, _ = run(capsys, "audit", "the source.txt", "--source", deck.name, "--json")
    (problem,) = json.loads(out)["problems"]
    assert problem["hint"].startswith("is it the source? Give the deck first: kzquiz audit d.toml")
    # A deck with mistakes of its own keeps its own hints, whatever --source names.
    (tmp_path / "broken.toml").write_text('[deck]\nid = "t"\ntitle = "T"\n[[facts]]\nid = "a"\nkind = "answr"\n')
    code, _, err = run(capsys, "audit", "broken.toml", "--source", deck.name)
    assert code == 1
    assert "is it the source" not in err
    # A source text that is no deck, named as a source that is no .toml, keeps the deck's own hint.
    code, _, err = run(capsys, "audit", "the source.txt", "--source", "s.txt")
    assert "is it the source" not in err
    assert "TOML syntax: a key must be followed by =" in err


# -- coverage: what is a sentence ----------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [passage.text for passage in SourceText(text).sentences]


@pytest.mark.parametrize("separator", ["* * *", "---", "—", "#", "***", "\u200b", "\u00ad", "…"])
def test_a_line_without_a_letter_or_a_digit_is_no_sentence(separator: str) -> None:
    """No quote (nor skip passage) can cover it, so counting it kept coverage below 100% whatever the deck did."""
    assert sentences(f"One is here.\n\n{separator}\n\nTwo is here.\n") == ["One is here.", "Two is here."]


def test_a_scene_break_does_not_hold_coverage_below_100(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = deck_with(tmp_path, "One is here.\n\n* * *\n\nTwo is here.\n", ["One is here.", "Two is here."])
    code, out, _ = run(capsys, "audit", str(deck), "--min-coverage", "100", "--show-uncovered")
    assert code == 0
    assert "coverage: 100% of 2 sentences quoted or not examinable (2 quoted, 0 not examinable, 0 left out)" in out
    assert "not quoted" not in out


def test_a_source_of_only_invisible_characters_has_no_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = deck_with(tmp_path, "\u200b\n", ["One is here."])
    code, out, _ = run(capsys, "audit", str(deck), "--show-uncovered")
    assert code == 1  # the quote is not found
    assert "coverage: none, the source has no sentences" in out
    assert "not quoted" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. First item.\n2. Second item.", ["1. First item.", "2. Second item."]),
        ("Steps:\n\n1. Open it.\n2. Close it.", ["Steps:", "1. Open it.", "2. Close it."]),
        ("a. First item.\nb. Second item.", ["a. First item.", "b. Second item."]),
        ("iv. Fourth item.\nv. Fifth item.", ["iv. Fourth item.", "v. Fifth item."]),
        ("He was born in 1950. 1960 was his year.", ["He was born in 1950.", "1960 was his year."]),
        ("The score was 3. Then it was 4.", ["The score was 3.", "Then it was 4."]),
    ],
)
def test_a_list_number_goes_with_its_item(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("É. Zola wrote it. Then he left.", ["É. Zola wrote it.", "Then he left."]),
        ("Ł. Wałęsa spoke. Then he left.", ["Ł. Wałęsa spoke.", "Then he left."]),
        ("Α. Παπαδόπουλος ήρθε. Έφυγε.", ["Α. Παπαδόπουλος ήρθε.", "Έφυγε."]),
        ("Н. А. Назарбаев ушёл. К. Токаев остался.", ["Н. А. Назарбаев ушёл.", "К. Токаев остался."]),
        ("It met É. The day was long.", ["It met É.", "The day was long."]),
    ],
)
def test_an_initial_of_any_script_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_spanish_opening_mark_starts_a_sentence() -> None:
    assert sentences("¿Dónde está? ¡Aquí! Sí, aquí está.") == ["¿Dónde está?", "¡Aquí!", "Sí, aquí está."]


# -- the time rule: "in May 2020" names the time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "framed"),
    [
        ("What was the capital called in May 2020?", True),
        ("What was the capital called in Jan. 2021?", True),
        ("What was the capital called in early 2020?", True),
        ("What was the capital called in mid-2020?", True),
        ("What was the capital called in\nSeptember\n2020?", True),
        ("What was the capital called in May?", False),
        ("What was the capital called in the 2020s?", False),
        ("What was the capital called in Maytime 2020?", False),
    ],
)
def test_a_question_that_names_its_month_and_year_is_tied_to_its_time(question: str, framed: bool) -> None:
    """The hint says "or name the time in the question": "in May 2020" does, as "in 2020" did."""
    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\nas_of = 2020-05-01\n[[facts]]\nid = "f"\nkind = "answer"\n'
        f'question = {json.dumps(question)}\nanswer = "Astana"\n'
    )
    rules = [finding.rule for finding in kzquiz.audit(deck, "").findings]
    assert (AuditRule.TIME in rules) != framed


# -- leaks: a question's head word is no surname -------------------------------------------------------------------

RIVERS = """[deck]
id = "r"
title = "Rivers"

[[facts]]
id = "ishim"
kind = "answer"
question = "Which river flows through Astana?"
answer = "Ishim"
group = "rivers"

[[facts]]
id = "ural"
kind = "answer"
question = "Which river flows through Uralsk?"
answer = "Ural River"
group = "rivers"

[[facts]]
id = "irtysh"
kind = "answer"
question = "Which river flows through Omsk?"
answer = "the Irtysh"
group = "rivers"

[[facts]]
id = "leader"
kind = "answer"
question = "Who was the first president?"
answer = "Nursultan Nazarbayev"
group = "people"

[[facts]]
id = "successor"
kind = "answer"
question = "Who succeeded Nazarbayev in 2019?"
answer = "Kassym-Jomart Tokayev"
group = "people"

[[facts]]
id = "nsc"
kind = "answer"
question = "Who was the chief of the National Security Committee?"
answer = "Karim Masimov"
group = "people"
"""


def test_the_head_word_ending_a_right_option_is_no_surname_that_gives_it_away() -> None:
    """A right option "Ural River" reads as a person's name (two capitalised words), but "river" in "Which river
    flows through Astana?" says nothing of it: that word is what the question asks for."""
    report = kzquiz.audit(kzquiz.loads_deck(RIVERS), "")
    leaks = {finding.fact: finding.message for finding in report.findings if finding.rule is AuditRule.LEAK}
    assert "ural" not in leaks
    assert leaks["leader"].startswith("its answer “Nazarbayev” is given away by successor")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京是中国的首都。上海是最大的城市。", ["北京是中国的首都。", "上海是最大的城市。"]),
        ("東京は首都です。「大阪は大きい。」京都も。", ["東京は首都です。", "「大阪は大きい。」", "京都も。"]),
        ("你好！再见？好的", ["你好！", "再见？", "好的"]),
        ("दिल्ली भारत की राजधानी है। मुंबई बड़ा शहर है।", ["दिल्ली भारत की राजधानी है।", "मुंबई बड़ा शहर है।"]),
        ("هل هذا صحيح؟ نعم", ["هل هذا صحيح؟", "نعم"]),
    ],
)
def test_the_stops_of_other_scripts_end_sentences(text: str, expected: list[str]) -> None:
    """A Chinese or Japanese source was one sentence per paragraph: its stops are not "." and need no space."""
    assert sentences(text) == expected


def test_a_chinese_source_gets_a_coverage_of_its_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = deck_with(tmp_path, "北京是中国的首都。上海是最大的城市。广州在南方。\n", ["上海是最大的城市。"])
    code, out, _ = run(capsys, "audit", str(deck), "--show-uncovered")
    assert code == 0
    assert "s.txt:1:1: not quoted: “北京是中国的首都。”" in out
    assert "s.txt:1:19: not quoted: “广州在南方。”" in out
    assert "coverage: 33% of 3 sentences quoted or not examinable (1 quoted, 0 not examinable, 2 left out)" in out


# -- the library's two halves --------------------------------------------------------------------------------------


def test_merged_refuses_parts_that_are_not_one_of_each() -> None:
    """merged() of the source's part alone gave a report without the leaks and time findings: a clean-looking one."""
    from kzquiz.auditing import AuditPart, audit_part, merged

    deck = kzquiz.loads_deck(RIVERS)
    source, questions = (audit_part(deck, "Text.", part) for part in (AuditPart.SOURCE, AuditPart.QUESTIONS))
    assert merged(deck, [questions, source]) == kzquiz.audit(deck, "Text.")
    for parts, counts in (
        ([source], "1 SOURCE and 0"),
        ([questions], "0 SOURCE and 1"),
        ([source, source], "2 SOURCE"),
    ):
        with pytest.raises(ValueError, match=f"merged takes one SOURCE and one QUESTIONS part, not {counts}"):
            merged(deck, parts)
    with pytest.raises(TypeError, match="parts must be what audit_part returns, not str"):
        merged(deck, [source, "questions"])  # type: ignore[list-item]


@pytest.mark.parametrize("part", ["source", None, 0])
def test_audit_part_refuses_a_part_that_is_not_an_audit_part(part: object) -> None:
    from kzquiz.auditing import audit_part

    with pytest.raises(TypeError, match=r"part must be an AuditPart \(SOURCE or QUESTIONS\), not "):
        audit_part(kzquiz.loads_deck(RIVERS), "Text.", part)  # type: ignore[arg-type]


# -- a source saved as a document, not as text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "a PDF document, not plain text (copy its text into a UTF-8 text file, or"),
        (b"PK\x03\x04\x14\x00", "a zipped document such as Word .docx, OpenDocument .odt or EPUB, not plain text ("),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "an old Word .doc document, not plain text (save it as UTF-8 text)"),
        (b"{\\rtf1\\ansi The town.}", "an RTF document, not plain text (save it as UTF-8 text)"),
        ("The town.\n".encode("utf-16"), "UTF-16 text, not UTF-8 (save the file as UTF-8)"),
        ("The town.\n".encode("utf-32"), "UTF-32 text, not UTF-8 (save the file as UTF-8)"),
    ],
)
def test_a_source_saved_as_a_document_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, line: str
) -> None:
    """A PDF was "not UTF-8 text (byte 0xe2)" on its line 2, and an RTF file was audited as text, markup and all."""
    deck = deck_with(tmp_path, "The town.\n", ["The town."])
    (tmp_path / "article").write_bytes(data)
    code, out, err = run(capsys, "audit", str(deck), "--source", str(tmp_path / "article"))
    assert (code, out) == (1, "")
    assert err.startswith("kzquiz: ")
    assert f"article:1:1: {line}" in err
    assert err.count("\n") == 1
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(tmp_path / "article"), "--json")
    (problem,) = json.loads(out)["problems"]
    assert (problem["rule"], problem["line"], problem["column"]) == ("source", 1, 1)
    assert line.startswith(problem["message"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See No. 5 for details. Then go home.", ["See No. 5 for details.", "Then go home."]),
        ("Vol. 2 was published. Fig. 3 shows it.", ["Vol. 2 was published.", "Fig. 3 shows it."]),
        ("Jan. 6 was the day. Sept. 7 was later.", ["Jan. 6 was the day.", "Sept. 7 was later."]),
        ("See pp. 3-5 and p. 12. 6 more pages.", ["See pp. 3-5 and p. 12.", "6 more pages."]),
        ("It was built c. 1900 under Art. 5.", ["It was built c. 1900 under Art. 5."]),
        ("It was approx. 5 km. The road was long.", ["It was approx. 5 km.", "The road was long."]),
        ("He was born in 1950. 1960 was his year.", ["He was born in 1950.", "1960 was his year."]),
        ("Ask me. 5 of us came.", ["Ask me.", "5 of us came."]),
    ],
)
def test_an_abbreviation_before_a_number_ends_no_sentence(text: str, expected: list[str]) -> None:
    """ "See No. 5 for details." was two sentences, "See No." and "5 for details.", the first never quoted."""
    assert sentences(text) == expected


# -- --source does not make a deck with a refused [deck.source] file clean -----------------------------------------


def test_a_deck_file_leading_out_of_its_folder_is_an_error_with_source_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate fails such a deck; the audit with --source called it clean."""
    (tmp_path / "outside.txt").write_text("The town is small.\n", encoding="utf-8")
    folder = tmp_path / "deck"
    folder.mkdir()
    deck = deck_with(folder, "The town is small.\n", ["The town is small."])
    deck.write_text(deck.read_text().replace('file = "s.txt"', 'file = "link.txt"'), encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    assert run(capsys, "validate", str(deck))[0] == 1
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(folder / "s.txt"))
    assert code == 1
    first, *_, last = out.splitlines()
    assert first == (
        f"{deck}:5:1: deck.source.file: must name a file in the deck's folder or below it: 'link.txt' leads out of "
        "it (copy the source into the deck's folder, or remove file from [deck.source] and give --source as you do)"
    )
    assert last == f"{deck}: 1 error"
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(folder / "s.txt"), "--json")
    document = json.loads(out)
    assert (code, document["errors"], document["coverage"]["percent"]) == (1, 1, 100.0)
    (problem,) = document["problems"]
    assert (problem["rule"], problem["field"], problem["line"]) == ("source", "deck.source.file", 5)

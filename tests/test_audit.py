"""``kzquiz audit`` and ``kzquiz.audit``: quotes, coverage, leaks, time-bound questions, weak options, item quotes."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from clitools import as_shown
from kzquiz import sourcetext
from kzquiz.auditing import AuditRule, located
from kzquiz.cli import main
from kzquiz.problems import Severity
from kzquiz.sourcetext import SourceText, fold_quote

DATA = Path(__file__).parent / "data" / "audit"
BROKEN = DATA / "broken.toml"
SOURCE_TEXT = (DATA / "source.txt").read_text(encoding="utf-8")


def deck_of(facts: str, head: str = "") -> kzquiz.Deck:
    return kzquiz.loads_deck(f'[deck]\nid = "t"\ntitle = "T"\n{head}\n{facts}', "t.toml")


NO_QUOTE = "no quote from the source"


def rules(report: kzquiz.AuditReport) -> list[tuple[AuditRule, str]]:
    """The rules found, but "no quote from the source" and "the source has no sentences", which the small decks and
    sources written here for one rule get."""
    return [(f.rule, f.fact) for f in report.findings if f.rule is not AuditRule.SOURCE and f.message != NO_QUOTE]


def test_the_broken_deck_has_one_of_each_problem() -> None:
    deck = kzquiz.load_deck(BROKEN)
    report = kzquiz.audit(deck, SOURCE_TEXT)
    assert sorted(rules(report), key=str) == sorted(
        [
            (AuditRule.SAME_OPTION, "mayor"),
            (AuditRule.QUOTE, "town-hall"),
            (AuditRule.LEAK, "town-hall"),
            (AuditRule.TIME, "population"),
        ],
        key=str,
    )
    quote = next(f for f in report.findings if f.rule is AuditRule.QUOTE)
    assert "burnt down" in quote.message
    assert quote.message.endswith("; closest passage, line 5: “In 1901 the town hall burned down.”")
    leak = next(f for f in report.findings if f.rule is AuditRule.LEAK)
    assert leak.questions == ("lakeview/rebuilt/true-false", "lakeview/town-hall/recall")
    assert report.errors == 2
    assert report.warnings == 2
    assert report.coverage.sentences == 7
    assert (report.coverage.quoted, report.coverage.skipped) == (4, 2)
    assert [p.text for p in report.coverage.uncovered] == ["In 1901 the town hall burned down."]
    assert round(report.coverage.percent) == 86


def test_findings_are_located_at_the_key_to_change() -> None:
    deck = kzquiz.load_deck(BROKEN)
    text = BROKEN.read_text(encoding="utf-8")
    problems = located(kzquiz.audit(deck, SOURCE_TEXT), deck, text, "broken.toml")
    lines = text.splitlines()
    by_field = {p.field: p for p in problems}
    assert lines[by_field["town-hall.quote"].line - 1].startswith("quote = ")
    assert lines[by_field["mayor.distractors"].line - 1].startswith("distractors = ")
    assert lines[by_field["population.question"].line - 1].startswith("question = ")
    assert str(by_field["town-hall.quote"]).startswith(
        f"broken.toml:{by_field['town-hall.quote'].line}:1: town-hall.quote: "
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_reports_like_validate_and_fails_on_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", str(BROKEN), "--show-uncovered")
    assert code == 1
    assert f"{as_shown(BROKEN)}:36:1: town-hall.quote: quote not found word for word" in out
    assert "town-hall: warning: its answer “the town hall” is given away by rebuilt" in out
    assert "source.txt:5:1: not quoted: “In 1901 the town hall burned down.”" in out
    assert "coverage: 86% of 7 sentences" in out
    assert out.rstrip().endswith("2 errors and 2 warnings")


def clean_copy(tmp_path: Path) -> Path:
    text = BROKEN.read_text(encoding="utf-8")
    text = text.replace('"Berg", ', "").replace("burnt down", "burned down")
    text = text.replace("after the town hall burned down it was", "after the fire of 1901 the building was")
    text = text.replace("How many inhabitants", "According to the chronicle, how many inhabitants")
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    deck = tmp_path / "clean.toml"
    deck.write_text(text, encoding="utf-8")
    return deck


def test_cli_exit_status_clean_strict_and_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = clean_copy(tmp_path)
    code, out, _ = run(capsys, "audit", str(deck))
    assert code == 0, out
    assert out.rstrip().endswith(f"{deck}: clean")
    assert run(capsys, "audit", str(deck), "--strict")[0] == 0
    assert run(capsys, "audit", str(deck), "--min-coverage", "100")[0] == 0
    partial = tmp_path / "partial.toml"
    partial.write_text(deck.read_text(encoding="utf-8").replace(', "Published by … Society."', ""), encoding="utf-8")
    assert run(capsys, "audit", str(partial))[0] == 0
    code, out, _ = run(capsys, "audit", str(partial), "--min-coverage", "90")
    assert code == 1
    assert "coverage: 86% of 7 sentences" in out
    assert "below --min-coverage 90%" in out
    # Warnings alone pass, unless --strict.
    warned = tmp_path / "warned.toml"
    warned.write_text(
        deck.read_text(encoding="utf-8").replace("According to the chronicle, how many", "How many"), encoding="utf-8"
    )
    assert run(capsys, "audit", str(warned))[0] == 0
    assert run(capsys, "audit", str(warned), "--strict")[0] == 1


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", str(BROKEN), "--json")
    assert code == 1
    document = json.loads(out)
    assert document["errors"] == 2
    assert document["warnings"] == 2
    assert {p["rule"] for p in document["problems"]} == {"same-option", "quote", "leak", "time"}
    assert document["coverage"]["uncovered"] == [{"line": 5, "column": 1, "text": "In 1901 the town hall burned down."}]
    assert document["coverage"]["percent"] == 85.7


def test_cli_needs_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "d.toml"
    deck.write_text(
        '[deck]\nid = "d"\ntitle = "D"\n[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Q?"\nanswer = "x"\n'
    )
    code, _, err = run(capsys, "audit", str(deck))
    assert code == 1
    assert "--source" in err
    code, _, err = run(capsys, "audit", str(deck), "--source", str(tmp_path / "missing.txt"))
    assert code == 1
    assert "missing.txt: cannot read the file" in err
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run(capsys, "audit", str(deck), "--source", str(tmp_path / "latin1.txt"))
    assert code == 1
    assert "not UTF-8" in err


# -- quotes and coverage ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("the town’s ‘old’ hall – rebuilt", True),  # typographic quotes and dashes
        ("the town's 'old' hall - rebuilt", True),
        ("the town’s ‘old’\n   hall — rebuilt", True),  # line breaks and runs of spaces
        ("The town’s ‘old’ hall", False),  # case is not forgiven
        ("the towns ‘old’ hall", False),  # nor punctuation inside words
        ("Once … rebuilt in 1903.", True),  # an ellipsis leaves text out
        ("rebuilt in 1903 … Once", False),  # but the parts keep their order
        ("", False),
    ],
)
def test_quotes_are_found_word_for_word(quote: str, found: bool) -> None:
    source = SourceText("Once upon a time\nthe town’s ‘old’ hall – rebuilt in 1903.\n")
    assert (source.find(quote) is not None) is found


@given(
    st.lists(st.sampled_from(["a", "bb", "Ccc", "d.", "“e”", "f–g"]), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "  ", "\n", " \n\t ", "\n\n", "\u00a0"]), min_size=12, max_size=12),
    st.sampled_from(["", " ", "\n  "]),
    st.data(),
)
def test_a_found_quote_points_at_its_words_in_the_text(
    tokens: list[str], spaces: list[str], edge: str, data: st.DataObject
) -> None:
    text = edge + "".join(token + space for token, space in zip(tokens, spaces, strict=False)) + edge
    start = data.draw(st.integers(0, len(tokens) - 1))
    end = data.draw(st.integers(start + 1, len(tokens)))
    quote = " ".join(tokens[start:end])
    spans = SourceText(text).find(quote)
    assert spans is not None
    ((begin, finish),) = spans
    assert fold_quote(text[begin:finish]) == fold_quote(quote)
    assert not text[begin].isspace()
    assert not text[finish - 1].isspace()


@given(st.lists(st.sampled_from(["a", "bb", "a.", "bb,", "ccc"]), min_size=1, max_size=30), st.data())
def test_quotes_are_found_where_a_plain_search_finds_them(tokens: list[str], data: st.DataObject) -> None:
    # The word-pair index must agree with a plain search for the quote as whole words (the text before and after
    # it is not a letter where it starts or ends with one), for quotes that start or end inside a word.
    source = SourceText(" ".join(tokens))
    folded = source.folded
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    after = data.draw(st.integers(0, len(folded)))
    quote = folded[start:end]

    def plain(at: int) -> int:
        edges = r"(?<!\w)" if quote[0].isalnum() else ""
        ends = r"(?!\w)" if quote[-1].isalnum() else ""
        found = re.compile(edges + re.escape(quote) + ends).search(folded, at)
        return found.start() if found else -1

    if quote.strip() == quote:
        assert source._find(quote) == plain(0)
        assert source._find(quote, after) == plain(after)


@given(st.text(alphabet="a. \t\n", max_size=40))
def test_a_paragraph_ends_at_a_blank_line(text: str) -> None:
    # Paragraphs are read a run of characters at a time; they end where a reading one character at a time ends.
    one_at_a_time = [m.span() for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)]
    assert [m.span() for m in sourcetext._PARAGRAPH.finditer(text)] == one_at_a_time


def test_sentences_and_paragraphs() -> None:
    text = "A heading\n\nFirst one. Second “quoted.” Third?\nStill third's paragraph.\n\nLast"
    source = SourceText(text)
    assert [s.text for s in source.sentences] == [
        "A heading",
        "First one.",
        "Second “quoted.”",
        "Third?",
        "Still third's paragraph.",
        "Last",
    ]
    assert [(s.line, s.column) for s in source.sentences][:3] == [(1, 1), (3, 1), (3, 12)]
    # Without blank lines, every line is a paragraph: a heading is not glued to the next sentence.
    assert [s.text for s in SourceText("Heading\nBody here.").sentences] == ["Heading", "Body here."]


def test_a_quote_spanning_sentences_covers_each_and_a_fragment_covers_its_sentence() -> None:
    deck = deck_of(
        '[[facts]]\nid = "a"\nkind = "statement"\nstatement = "According to the text, yes."\nanswer = true\n'
        'quote = "One. Two"\n'
    )
    report = kzquiz.audit(deck, "One. Two. Three.")
    assert report.coverage.quoted == 2
    assert [p.text for p in report.coverage.uncovered] == ["Three."]


def test_item_quotes_are_checked_and_shown_with_their_questions() -> None:
    deck = deck_of(
        """
[[facts]]
id = "names"
kind = "sequence"
subject = "the names of the town, oldest first"
items = [
  { text = "Oldham", quote = "It was first called Oldham." },
  { text = "Midburg", quote = "Later it became Midburg." },
  { text = "Newton", quote = "Now it is Newtown." },
]
quote = "It was first called Oldham."
"""
    )
    after = deck.question("t/names/after/oldham")
    assert after.quote == "Later it became Midburg."
    assert deck.question("t/names/before/midburg").quote == "It was first called Oldham."
    assert "Later it became Midburg." in deck.question("t/names/order").quote
    report = kzquiz.audit(deck, "It was first called Oldham. Later it became Midburg. Now it is Newton.")
    found = {(f.rule, f.field) for f in report.findings}
    assert (AuditRule.QUOTE, "names.items[2].quote") in found
    # The question whose answer is Newton shows a quote without "Newton".
    assert any(f.rule is AuditRule.UNBACKED and "t/names/after/midburg" in f.questions for f in report.findings)


def test_a_quote_that_backs_only_part_of_a_set_is_reported() -> None:
    deck = deck_of(
        '[[facts]]\nid = "s"\nkind = "set"\nsubject = "the towns named in the text"\n'
        'members = ["Oldham", "Newton"]\nquote = "Oldham is old."\n'
    )
    report = kzquiz.audit(deck, "Oldham is old. Newton is new.")
    assert [(f.rule, f.questions) for f in report.findings] == [(AuditRule.UNBACKED, ("t/s/name",))]
    assert "“Newton”" in report.findings[0].message


def test_a_number_written_as_a_word_in_the_quote_backs_it() -> None:
    deck = deck_of(
        '[[facts]]\nid = "n"\nkind = "number"\nquestion = "Within how many days?"\nanswer = 2\n'
        'quote = "within two days"\n'
    )
    assert kzquiz.audit(deck, "They left within two days.").findings == ()


@pytest.mark.parametrize(
    ("fact", "quote", "backed"),
    [
        ('answer = 8849\nunit = "m"', "Everest is 8,849 metres high.", True),  # thousands separator and unit
        ('answer = 8849\nunit = "m"', "Everest is 8849 m high.", True),
        ('answer = 8849\nunit = "m"', "Everest is 8.849 km high.", True),  # another unit of the dimension
        ('answer = 8849\nunit = "m"', "Everest is eight thousand eight hundred and forty-nine metres.", True),
        ('answer = 8849\nunit = "m"', "Everest is 8,848 metres high.", False),  # another number
        ('answer = 8849\nunit = "m"', "Everest is 8,849 feet high.", False),  # the number in another unit
        ('answer = 8849\nunit = "m"', "Everest is 8849 feet high.", False),
        ('answer = 48\nunit = "hours"', "The troops left within two days.", True),  # converted as grading does
        ('answer = 2\nunit = "days"', "The troops left within 48 hours.", True),
        ('answer = 2\nunit = "days"', "The troops left within two weeks.", False),
        ('answer = 200\nunit = "dollars"', "He was paid $200 to take part.", True),  # currency before
        ("min = 3000\nmax = 6000", "Between 3,000 and 6,000 people were detained.", True),  # a range
        ("min = 3000\nmax = 6000", "3,000 to 6,000 people were detained.", True),
        ("min = 3000\nmax = 6000", "2,000 people were detained, and 7,000 fled.", False),
        ("answer = 2022-01-11", "The internet came back on January 11th, 2022.", True),  # a date, written otherwise
        ("answer = 2022-01-11", "The internet came back on 12 January 2022.", False),
    ],
)
def test_a_quote_that_says_the_number_in_any_way_grading_reads_backs_it(fact: str, quote: str, backed: bool) -> None:
    deck = deck_of(f'[[facts]]\nid = "n"\nkind = "number"\nquestion = "How much?"\n{fact}\nquote = "{quote}"\n')
    unbacked = [f for f in kzquiz.audit(deck, quote).findings if f.rule is AuditRule.UNBACKED]
    assert (not unbacked) is backed


# -- time-bound facts ----------------------------------------------------------------------------------------------

CAPITAL = """
[[facts]]
id = "capital"
kind = "sequence"
subject = "the names of the capital, oldest first"
items = ["Akmola", { text = "Astana", context = "from 1998 until 2019" }, "Nur-Sultan"]
prompts.before = "What was the capital called just before it was named {item}?"
quote = "Akmola, then Astana, then Nur-Sultan."
note = "In September 2022 the capital was renamed back from Nur-Sultan to Astana."
"""


def test_a_typed_question_that_the_change_in_the_note_makes_wrong_is_an_error() -> None:
    report = kzquiz.audit(deck_of(CAPITAL, "as_of = 2022-01-15"), "Akmola, then Astana, then Nur-Sultan.")
    changed = [f for f in report.findings if f.rule is AuditRule.CHANGED]
    assert [f.questions for f in changed] == [("t/capital/before/astana",)]
    assert changed[0].severity is Severity.ERROR
    assert "“Nur-Sultan” wrong" in changed[0].message
    # Every other question of the fact lacks "according to": warnings.
    assert {f.rule for f in report.findings} == {AuditRule.CHANGED, AuditRule.TIME}
    framed = CAPITAL.replace("What was", "According to the article (January 2022), what was")
    report = kzquiz.audit(deck_of(framed, "as_of = 2022-01-15"), "Akmola, then Astana, then Nur-Sultan.")
    assert AuditRule.CHANGED not in {f.rule for f in report.findings}


def test_an_old_source_makes_facts_time_bound() -> None:
    fact = (
        '[[facts]]\nid = "p"\nkind = "answer"\nquestion = "Who is the mayor?"\nanswer = "Anna Berg"\n'
        'quote = "Anna Berg"\n'
    )
    head = '[deck.source]\ndate = "2020-05-01"\n'
    text = "The mayor is Anna Berg."
    assert kzquiz.audit(deck_of(fact, head), text, today=dt.date(2020, 12, 1)).findings == ()
    late = kzquiz.audit(deck_of(fact, head), text, today=dt.date(2022, 1, 1))
    assert rules(late) == [(AuditRule.TIME, "p")]
    for framing in ("According to the text, who", "As of 2020, who", "In 2020, who"):
        framed = fact.replace("Who", framing)
        assert kzquiz.audit(deck_of(framed, head), text, today=dt.date(2022, 1, 1)).findings == ()


@pytest.mark.parametrize(
    ("prompt", "framed"),
    [
        ("ACCORDING TO THE ARTICLE, who is the mayor?", True),
        ("Who is the mayor, as at 2020?", True),
        ("Who, in the 1990s and In 2020, was the mayor?", True),
        ("Who was the mayor (The Author says)?", True),
        ("Who is the mayor in 2020s?", False),
        ("Who is the mayor, cf. the sources?", True),
        ("Who was the mayor by 2020?", False),
        ("Who is the mayor of Tamas Ofelia?", False),
        ("Who was the mayor (in 2020)?", True),
        ("Who was the mayor—according to the text?", True),
        ("Who was the mayor, per data as of2020?", False),
        ("Who was the mayor in 20200?", False),
        ("Who is the mayor, As Of today?", True),
    ],
)
def test_a_question_is_framed_by_its_words_in_any_case(prompt: str, framed: bool) -> None:
    fact = f'[[facts]]\nid = "p"\nkind = "answer"\nquestion = "{prompt}"\nanswer = "Anna Berg"\n'
    report = kzquiz.audit(deck_of(fact, "as_of = 2020-05-01"), "")
    assert rules(report) == ([] if framed else [(AuditRule.TIME, "p")])


@pytest.mark.parametrize(
    ("written", "bound_on"),
    [
        ("2020-05-01", dt.date(2021, 5, 2)),
        ("1 May 2020", dt.date(2021, 5, 2)),
        ("May 1, 2020", dt.date(2021, 5, 2)),
        ("May 2020", dt.date(2021, 6, 1)),  # a month stands for its last day
        ("2020", dt.date(2022, 1, 1)),  # a year for its last day
    ],
)
def test_the_source_date_may_be_written_as_text(written: str, bound_on: dt.date) -> None:
    fact = '[[facts]]\nid = "p"\nkind = "answer"\nquestion = "Who is the mayor?"\nanswer = "Anna Berg"\n'
    deck = deck_of(fact, f'[deck.source]\ndate = "{written}"\n')
    assert rules(kzquiz.audit(deck, "", today=bound_on - dt.timedelta(days=1))) == []
    assert rules(kzquiz.audit(deck, "", today=bound_on)) == [(AuditRule.TIME, "p")]


# -- weak multiple-choice items ------------------------------------------------------------------------------------


def weak(facts: str, source: str = "") -> list[tuple[AuditRule, str]]:
    report = kzquiz.audit(deck_of(facts), source)
    return [
        (f.rule, f.message)
        for f in report.findings
        if f.rule not in (AuditRule.QUOTE, AuditRule.LEAK, AuditRule.SOURCE)
    ]


def test_an_option_that_is_an_accepted_form_of_the_answer() -> None:
    found = weak(
        '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "Who?"\nanswer = "Kassym-Jomart (Kemeluly) Tokayev"\n'
        'surname = true\ndistractors = ["Tokayev", "Karim Masimov", "Askar Mamin"]\n'
    )
    assert [rule for rule, _ in found] == [AuditRule.SAME_OPTION]
    assert (
        weak(
            '[[facts]]\nid = "c"\nkind = "choice"\nquestion = "Which?"\nanswer = "in the west"\n'
            'wrong = ["in the east", "in the north"]\n'
        )
        == []
    )  # a letter apart is a different answer, not a spelling


def test_an_option_the_prompt_rules_out() -> None:
    found = weak(
        '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "Which city, neighbouring Almaty, is it?"\n'
        'answer = "Taldykorgan"\ndistractors = ["Almaty", "Shymkent", "Aktau"]\n'
    )
    assert [rule for rule, _ in found] == [AuditRule.RULED_OUT]
    assert "“Almaty”" in found[0][1]


def test_every_option_a_fact_can_show_is_checked_against_the_teachers_words_only() -> None:
    # The set's subject names a non-member: whichever non-members a question samples, the audit says so once.
    many = ", ".join(f'"{name}"' for name in ["Georgia", "Ukraine", "Moldova", "Russia", "Azerbaijan", "Latvia"])
    found = weak(
        '[[facts]]\nid = "s"\nkind = "set"\nsubject = "the members of the CSTO other than Russia"\n'
        f'members = ["Armenia", "Kazakhstan", "Belarus"]\nnon_members = [{many}]\n'
    )
    assert found == [(AuditRule.RULED_OUT, "t/s/select: the prompt itself rules out the option “Russia”")]
    # A member the subject names gives a right option away, shown in this asking or not.
    members = ", ".join(f'"{name}"' for name in ["Armenia", "Belarus", "Kyrgyzstan", "Tajikistan", "Kazakhstan"])
    found = weak(
        '[[facts]]\nid = "s"\nkind = "set"\nsubject = "the members of the CSTO, such as Armenia"\n'
        f'members = [{members}]\nnon_members = ["Georgia", "Ukraine"]\nforms = ["select"]\n'
    )
    assert found == [(AuditRule.RULED_OUT, "t/s/select: the prompt itself gives away the right option “Armenia”")]
    # "Which of these is not one of …" is kzquiz's wording, not the teacher's: it rules out no option "one".
    numbers = weak(
        '[[facts]]\nid = "s"\nkind = "set"\nsubject = "the odd numbers"\nmembers = ["one", "three", "five"]\n'
        'non_members = ["two", "four"]\n'
    )
    assert AuditRule.RULED_OUT not in [rule for rule, _ in numbers]
    # A custom prompt is the teacher's own words.
    custom = weak(
        '[[facts]]\nid = "s"\nkind = "set"\nsubject = "the odd numbers"\nmembers = ["one", "three", "five"]\n'
        'non_members = ["two", "four"]\nprompts.odd = "Which is not odd, like one or three?"\n'
    )
    assert [message for rule, message in custom if rule is AuditRule.RULED_OUT] == [
        "t/s/odd: the prompt itself rules out the option “one”",
        "t/s/odd: the prompt itself rules out the option “three”",
    ]


def test_the_right_option_much_longer_than_every_other() -> None:
    found = weak(
        '[[facts]]\nid = "c"\nkind = "choice"\nquestion = "Why?"\n'
        'answer = "the need to use a political language familiar to the leaders of the CSTO states"\n'
        'wrong = ["evidence of foreign fighters", "a wish to leave", "pressure from the West"]\n'
    )
    assert [rule for rule, _ in found] == [AuditRule.LONGEST]
    assert (
        weak(
            '[[facts]]\nid = "c"\nkind = "choice"\nquestion = "Why?"\nanswer = "the need for a familiar language"\n'
            'wrong = ["evidence of foreign fighters", "a wish to leave the alliance", "pressure from the West"]\n'
        )
        == []
    )


def test_number_options_that_typing_a_digit_would_pick_by_position() -> None:
    found = weak(
        '[[facts]]\nid = "c"\nkind = "cloze"\ntext = "The last {{three|3}} names."\n'
        'distractors = ["two", "four", "five"]\n'
    )
    assert [rule for rule, _ in found] == [AuditRule.NUMBER_WORDS]
    years = '[[facts]]\nid = "y"\nkind = "choice"\nquestion = "When?"\nanswer = "1998"\nwrong = ["1990", "2019"]\n'
    assert weak(years) == []  # typing 1998 cannot be read as an option's position


def test_leaks_are_reported_once_per_fact_given_away() -> None:
    deck = deck_of(
        '[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Who led the Security Council?"\nanswer = "Nazarbayev"\n'
        '[[facts]]\nid = "b"\nkind = "statement"\nstatement = "Nazarbayev ruled."\nanswer = true\n'
        '[[facts]]\nid = "c"\nkind = "statement"\nstatement = "Nazarbayev stepped down."\nanswer = true\n'
    )
    leaks = [f for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK]
    assert len(leaks) == 1
    assert leaks[0].fact == "a"
    assert "given away by b, c" in leaks[0].message


# -- the printed line ----------------------------------------------------------------------------------------------

EVERY_RULE = """
[deck]
id = "p"
title = "Parentheses"
as_of = 2022-01-15

[deck.source]
skip = ["A passage (with brackets) that the source does not have."]

[[facts]]
id = "quote"
kind = "answer"
question = "According to the text (page 2), what did the council (the old one) build?"
answer = "a bridge (of stone)"
quote = "The council (the old one) built a brige (of stone) in 1901."

[[facts]]
id = "leak"
kind = "statement"
statement = "The council built a bridge (of stone)."
answer = true

[[facts]]
id = "options"
kind = "choice"
question = "Which (of these) is it, the bridge (of stone) or not?"
answer = "the long bridge over the river (built of stone)"
wrong = ["two", "three", "bridge (of stone)"]

[[facts]]
id = "number"
kind = "number"
question = "How long (in metres) is the bridge?"
answer = 120
unit = "m"
quote = "The council (the old one) built a bridge (of stone) in 1901."
"""
EVERY_RULE_SOURCE = "The council (the old one) built a bridge (of stone) in 1901.\n"


def test_hints_hold_no_parentheses_so_every_line_splits_at_its_last_parenthesis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "p.toml"
    deck.write_text(EVERY_RULE + CAPITAL, encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(EVERY_RULE_SOURCE + "Akmola, then Astana, then Nur-Sultan.\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--json")
    document = json.loads(out)
    found = {p["rule"] for p in document["problems"]}
    assert found >= {"quote", "skip", "leak", "time", "changed", "ruled-out", "number-words", "unbacked"}
    assert all(p["hint"] and "(" not in p["hint"] and ")" not in p["hint"] for p in document["problems"])
    _, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--verbose")  # a line per finding
    line = re.compile(r"^(?P<where>.+?:\d+:\d+): (?P<field>\S+): (?:warning: )?(?P<message>.*) \((?P<hint>[^()]*)\)$")
    parsed = sorted((m["message"], m["hint"]) for m in map(line.match, out.splitlines()) if m)
    assert parsed == sorted((p["message"], p["hint"]) for p in document["problems"])
    assert code == 1


def test_the_audit_turns_the_cycle_collector_back_on_as_it_found_it() -> None:
    import gc

    deck = kzquiz.load_deck(BROKEN)
    assert gc.isenabled()
    kzquiz.audit(deck, SOURCE_TEXT)
    assert gc.isenabled()
    gc.disable()
    try:
        kzquiz.audit(deck, SOURCE_TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        kzquiz.audit(None, SOURCE_TEXT)  # type: ignore[arg-type]
    assert gc.isenabled()


def test_options_told_apart_by_their_numbers_or_symbols_are_not_the_same_answer() -> None:
    # grading holds "C" to "C++" and "Henry VII" to "Henry VIII" (see docs/grading.md), so the audit does too
    assert (
        weak(
            '[[facts]]\nid = "l"\nkind = "answer"\nquestion = "Which language?"\nanswer = "C++"\n'
            'distractors = ["C#", "C"]\n'
        )
        == []
    )
    assert (
        weak(
            '[[facts]]\nid = "k"\nkind = "answer"\nquestion = "Which king?"\nanswer = "Henry VII"\n'
            'distractors = ["Henry VIII", "Henry 3.5", "Henry 35"]\n'
        )
        == []
    )

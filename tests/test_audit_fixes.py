"""``kzquiz audit`` as a new user reading only the docs found it: each rule behaves as docs/teachers.md states."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import kzquiz
from kzquiz.auditing import AuditRule
from kzquiz.cli import main
from kzquiz.leaks import gives_away
from kzquiz.problems import Severity


def deck_of(body: str, head: str = "") -> kzquiz.Deck:
    return kzquiz.loads_deck(f'[deck]\nid = "t"\ntitle = "T"\n{head}\n{body}', "t.toml")


def statement(n: int, quote: str) -> str:
    return f'[[facts]]\nid = "f{n}"\nkind = "statement"\nstatement = "Fact {n}."\nanswer = true\nquote = "{quote}"\n'


# -- a skip passage marks every place it stands ------------------------------------------------------------------

ADS = "The hall burned down.\n\nAdvertisement\n\nIt was rebuilt.\n\nAdvertisement\n\nThe mayor paid.\n"


def test_a_skip_passage_marks_every_sentence_it_stands_in() -> None:
    deck = deck_of(statement(0, "The hall burned down."), '[deck.source]\nskip = ["Advertisement"]')
    coverage = kzquiz.audit(deck, ADS).coverage
    assert (coverage.sentences, coverage.quoted, coverage.skipped) == (5, 1, 2)
    assert [p.text for p in coverage.uncovered] == ["It was rebuilt.", "The mayor paid."]


def test_a_skip_passage_with_an_ellipsis_marks_each_of_its_places() -> None:
    source = "Photo: Anna Berg, Gazette. The hall burned.\n\nNews.\n\nPhoto: Bo Holm, Gazette. It was rebuilt.\n"
    deck = deck_of(statement(0, "News."), '[deck.source]\nskip = ["Photo … Gazette."]')
    coverage = kzquiz.audit(deck, source).coverage
    assert [p.text for p in coverage.uncovered] == ["The hall burned.", "It was rebuilt."]
    assert coverage.skipped == 2


def test_a_long_skip_passage_repeated_is_marked_everywhere() -> None:
    footer = "Read more of our stories on the website."
    source = f"One thing happened. {footer}\n\nAnother thing. {footer}\n\n{footer}\n"
    deck = deck_of(statement(0, "One thing happened."), f'[deck.source]\nskip = ["{footer}"]')
    coverage = kzquiz.audit(deck, source).coverage
    assert (coverage.skipped, [p.text for p in coverage.uncovered]) == (3, ["Another thing."])


# -- an empty source has no coverage figure ----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def source_deck(tmp_path: Path, source: bytes) -> tuple[Path, Path]:
    deck = tmp_path / "d.toml"
    deck.write_text(f'[deck]\nid = "t"\ntitle = "T"\n{statement(0, "The hall burned down.")}', encoding="utf-8")
    (tmp_path / "s.txt").write_bytes(source)
    return deck, tmp_path / "s.txt"


@pytest.mark.parametrize("text", ["", " \n\t\n"])
def test_an_empty_source_has_no_coverage_figure_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    assert kzquiz.audit(deck_of(statement(0, "The hall burned down.")), text).coverage.percent is None
    deck, source = source_deck(tmp_path, text.encode())
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--json")
    coverage = json.loads(out)["coverage"]
    assert (coverage["sentences"], coverage["percent"]) == (0, None)
    code, out, _ = run(capsys, "audit", str(deck), "--source", str(source), "--min-coverage", "50")
    assert code == 1
    (line,) = [x for x in out.splitlines() if "--min-coverage" in x]
    assert line == (
        f"{deck}: the source has no sentences, so no coverage to compare with --min-coverage 50%"
        " (check that the source file holds the text of the source)"
    )
    assert "quote more" not in out
    assert "--min-coverage" not in run(capsys, "audit", str(deck), "--source", str(source), "--min-coverage", "0")[1]


def test_a_source_with_sentences_still_has_its_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck, source = source_deck(tmp_path, b"The hall burned down. It was rebuilt.")
    assert kzquiz.audit(kzquiz.load_deck(deck), "The hall burned down. It was rebuilt.").coverage.percent == 50.0
    assert (
        json.loads(run(capsys, "audit", str(deck), "--source", str(source), "--json")[1])["coverage"]["percent"] == 50.0
    )


# -- small things ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("deck", ["deck.toml", Path("deck.toml"), b"[deck]", None])
def test_the_library_audit_says_it_takes_a_deck(deck: object) -> None:
    with pytest.raises(TypeError, match=r"deck must be a kzquiz.Deck \(from kzquiz.load_deck\), not "):
        kzquiz.audit(deck, "The hall burned down.")  # type: ignore[arg-type]


def test_a_source_not_in_utf8_is_refused_with_its_line_and_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, source = source_deck(tmp_path, "The hall burned down.\nIt was caf\xe9 rebuilt.\n".encode("latin-1"))
    code, _, err = run(capsys, "audit", str(deck), "--source", str(source))
    assert code == 1
    assert err.strip() == f"kzquiz: {source}:2:11: not UTF-8 text (byte 0xe9) (save the file as UTF-8)"
    document = json.loads(run(capsys, "audit", str(deck), "--source", str(source), "--json")[1])
    assert [(p["line"], p["column"], p["rule"]) for p in document["problems"]] == [(2, 11, "source")]


# -- the source's date -------------------------------------------------------------------------------------------

POPULATION = (
    '[[facts]]\nid = "pop"\nkind = "number"\nquestion = "What is the population?"\nanswer = 12500\n'
    'quote = "The population was 12,500."\n'
)


@pytest.mark.parametrize(
    ("date", "words"), [("2021", "2021"), ("March 2021", "March 2021"), ("2021-03-03", "March 2021")]
)
def test_a_time_bound_finding_names_the_source_date_as_precisely_as_the_deck(date: str, words: str) -> None:
    deck = deck_of(POPULATION, f'[deck.source]\ndate = "{date}"')
    report = kzquiz.audit(deck, "The population was 12,500.", today=dt.date(2026, 1, 1))
    (finding,) = [f for f in report.findings if f.rule is AuditRule.TIME]
    assert f"say “According to the article, as of {words}, …”" in finding.hint
    assert "December" not in finding.message + finding.hint


@pytest.mark.parametrize("date", ["2021-02-30", "2021-13-01", "30 February 2021", "February 30, 2021"])
def test_a_source_date_that_does_not_exist_is_an_error(date: str, tmp_path: Path) -> None:
    deck = deck_of(POPULATION, f'[deck.source]\ndate = "{date}"')
    report = kzquiz.audit(deck, "The population was 12,500.", today=dt.date(2026, 1, 1))
    (finding,) = [f for f in report.findings if f.field == "deck.source.date"]
    assert (finding.severity, finding.rule) == (Severity.ERROR, AuditRule.TIME)
    assert finding.message == f"the source's date is not a day that exists: “{date}”"


def test_a_source_over_the_size_limit_has_its_hint_apart_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KZQUIZ_MAX_DECK_MB", "1")
    deck, source = source_deck(tmp_path, b"The hall burned down. " * 50_000)
    (problem,) = json.loads(run(capsys, "audit", str(deck), "--source", str(source), "--json")[1])["problems"]
    assert problem["message"] == "cannot read the file: the file is larger than the limit of 1.0 MB"
    assert problem["hint"] == "set KZQUIZ_MAX_DECK_MB to a larger number of megabytes to read it"


# -- summaries of repeated warnings ------------------------------------------------------------------------------

CAPITAL = """[[facts]]
id = "capital-names"
kind = "sequence"
subject = "the names of the capital, oldest first"
items = ["Akmolinsk", "Tselinograd", "Akmola", "Astana"]
prompts.after = "What was the capital renamed to after {item}?"
quote = "Akmolinsk, Tselinograd, Akmola, Astana."
"""


def test_a_summary_counts_the_keys_it_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "d.toml"
    towns = "".join(
        f'[[facts]]\nid = "p{n}"\nkind = "number"\nquestion = "What is the population of town {n}?"\n'
        f'answer = {1000 + n}\nquote = "Akmolinsk, Tselinograd, Akmola, Astana."\n'
        for n in range(3)
    )
    deck.write_text(f'[deck]\nid = "t"\ntitle = "T"\nas_of = 2022-01-15\n{CAPITAL}{towns}', encoding="utf-8")
    (tmp_path / "s.txt").write_text("Akmolinsk, Tselinograd, Akmola, Astana.", encoding="utf-8")
    out = run(capsys, "audit", str(deck), "--source", str(tmp_path / "s.txt"))[1]
    (line,) = [x for x in out.splitlines() if "time-bound" in x]
    times, keys, rest = (int(n) for n in re.findall(r"(\d+) times at (\d+) keys:.* and (\d+) more|$", line)[0])
    assert times > keys == 3 + rest


def test_a_summary_of_hints_that_differ_keeps_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = "".join(
        f'[[facts]]\nid = "p{n}"\nkind = "number"\nquestion = "What is the population of town {n}?"\n'
        f'answer = {1000 + n}\nas_of = 2021-0{n}-01\nquote = "Town {n} had {1000 + n} people."\n'
        for n in range(1, 6)
    )
    deck = tmp_path / "d.toml"
    deck.write_text(f'[deck]\nid = "t"\ntitle = "T"\n{facts}', encoding="utf-8")
    (tmp_path / "s.txt").write_text(" ".join(f"Town {n} had {1000 + n} people." for n in range(1, 6)), "utf-8")
    for listed in ([str(deck), "--source", str(tmp_path / "s.txt")],):
        out = run(capsys, "audit", *listed)[1]
        (line,) = [x for x in out.splitlines() if "time-bound" in x]
        assert line.endswith(
            "(say “According to the article, as of” and the fact's date, or name the time in the question;"
            " run with --verbose to list them)"
        )


# -- the world changed -------------------------------------------------------------------------------------------

NAMES = """[[facts]]
id = "capital-names"
kind = "sequence"
subject = "the names of Kazakhstan's capital, oldest first"
items = ["Akmolinsk", "Tselinograd", "Akmola", "Astana", "Nur-Sultan"]
prompts.before = "{before}"
note = "{note}"
quote = "Akmolinsk, Tselinograd, Akmola, Astana, Nur-Sultan."
"""
BEFORE = "What was the capital called just before it was named {item}?"
BOTH = "In September 2022 the capital was renamed back from Nur-Sultan to Astana."
ONLY_NEW = "In September 2022 the capital was renamed back to Astana."


def changed_findings(before: str, note: str) -> list[str]:
    deck = deck_of(NAMES.format(before=before, note=note), "as_of = 2022-01-15")
    report = kzquiz.audit(deck, "Akmolinsk, Tselinograd, Akmola, Astana, Nur-Sultan.")
    return [f.message for f in report.findings if f.rule is AuditRule.CHANGED]


def test_the_docs_example_of_a_changed_world_is_an_error() -> None:
    (message,) = changed_findings(BEFORE, BOTH)
    assert message.startswith("t/capital-names/before/astana: the note says the world changed (September 2022)")
    assert "would mark “Nur-Sultan” wrong" in message


def test_a_note_naming_only_the_new_name_does_not_fire_as_the_docs_say() -> None:
    assert changed_findings(BEFORE, ONLY_NEW) == []


def test_a_prompt_according_to_the_article_with_its_month_satisfies_the_rule() -> None:
    assert changed_findings("According to the article (January 2022), " + BEFORE[0].lower() + BEFORE[1:], BOTH) == []


# -- leaks: a choice question's answer shown by an alias or a surname --------------------------------------------


def choice_deck(answer: str, extra: str, shown: str, distractors: str = '"Karim Masimov", "Kassym Tokayev"') -> str:
    return (
        f'[[facts]]\nid = "former"\nkind = "answer"\nquestion = "Who was it?"\nanswer = "{answer}"\n{extra}'
        f'distractors = [{distractors}]\nforms = ["choice"]\n'
        f'[[facts]]\nid = "statue"\nkind = "statement"\nstatement = "{shown}"\nanswer = true\n'
    )


GIVEN_AWAY = [
    ("Nursultan Nazarbayev", "", "A statue of Nazarbayev was torn down.", "Nazarbayev"),
    ("Nursultan Nazarbayev", "surname = true\n", "A statue of Nazarbayev was torn down.", "Nazarbayev"),
    ("Astana", 'aliases = ["Nur-Sultan"]\n', "Nur-Sultan was renamed in 2022.", "Nur-Sultan"),
]


@pytest.mark.parametrize(("answer", "extra", "shown", "written"), GIVEN_AWAY)
def test_a_choice_answer_shown_by_surname_or_alias_is_given_away(
    answer: str, extra: str, shown: str, written: str
) -> None:
    deck = deck_of(choice_deck(answer, extra, shown))
    (leak,) = [f for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK]
    assert leak.message.startswith(f"its answer “{written}” is given away by statue")
    statue, choice = deck.questions_for("statue")[0], deck.questions_for("former")[0]
    assert gives_away(statue, choice) == written  # what study and exam order by


@pytest.mark.parametrize(
    ("answer", "distractors", "shown"),
    [
        ("Nursultan Nazarbayev", '"Dariga Nazarbayeva", "Aliya Nazarbayev"', "Nazarbayev spoke."),  # shared
        ("the west of the country", '"the east", "the north"', "The country was calm."),  # not a name
    ],
)
def test_a_surname_that_does_not_pick_the_option_gives_nothing_away(answer: str, distractors: str, shown: str) -> None:
    deck = deck_of(choice_deck(answer, "", shown, distractors))
    assert [f for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK] == []


def test_a_leak_names_the_form_each_giver_shows() -> None:
    deck = deck_of(
        '[[facts]]\nid = "capital"\nkind = "answer"\nquestion = "What is the capital?"\nanswer = "Astana"\n'
        'aliases = ["Nur-Sultan"]\n'
        '[[facts]]\nid = "renamed"\nkind = "statement"\nstatement = "Nur-Sultan was renamed."\nanswer = true\n'
        '[[facts]]\nid = "cyrillic"\nkind = "statement"\nstatement = "Астана lies on the Ishim."\nanswer = true\n'
        '[[facts]]\nid = "again"\nkind = "statement"\nstatement = "Nur-Sultan is cold."\nanswer = true\n'
    )
    (leak,) = [f for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK]
    assert leak.message.startswith(
        "its answer “Nur-Sultan” is given away by renamed, again, and as “Astana” by cyrillic (the prompt of"
    )


# -- a finding stands at the key to change -----------------------------------------------------------------------


def test_an_option_lent_by_the_group_is_reported_at_the_group() -> None:
    deck = deck_of(
        '[[facts]]\nid = "a"\nkind = "answer"\nquestion = "Name in 1961?"\nanswer = "Tselinograd"\n'
        'aliases = ["Akmola"]\ngroup = "cities"\n'
        '[[facts]]\nid = "b"\nkind = "answer"\nquestion = "Name in 1992?"\nanswer = "Akmola"\ngroup = "cities"\n'
        '[[facts]]\nid = "c"\nkind = "answer"\nquestion = "Name in 1830?"\nanswer = "Akmolinsk"\ngroup = "cities"\n'
        'distractors = ["Akmolinsk Fort"]\n'
    )
    same = [f for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.SAME_OPTION]
    assert [(f.field, f.hint) for f in same] == [
        ("a.group", "give this fact another group, or take the other fact's answer out of its aliases")
    ]
    assert same[0].message.endswith("“Akmola” is another fact's answer, lent by the group “cities”")


# -- kzquiz's own template words show nothing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how_many", "prompt"), [("name = 3", ""), ("last = 3", ""), ("name = 3", "Name {n} of these.")]
)
def test_the_count_kzquiz_fills_in_gives_nothing_away(how_many: str, prompt: str) -> None:
    kind = "sequence" if how_many.startswith("last") else "set"
    items = "items" if kind == "sequence" else "members"
    custom = f'prompts.name = "{prompt}"\n' if prompt else ""
    deck = deck_of(
        f'[[facts]]\nid = "fish"\nkind = "{kind}"\nsubject = "the fish in the lake"\n'
        f'{items} = ["pike", "perch", "carp", "eel"]\n{how_many}\n{custom}'
        '[[facts]]\nid = "bridges"\nkind = "number"\nquestion = "How many bridges are there?"\nanswer = 3\n'
        '[[facts]]\nid = "brothers"\nkind = "answer"\nquestion = "How many brothers were there?"\nanswer = "three"\n'
    )
    counted = [q for q in deck.questions if q.form.value in ("name", "last")]
    assert counted
    assert any(" three " in f" {q.prompt} " or " 3 " in f" {q.prompt} " for q in counted)
    assert [f.message for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK] == []
    for source in counted:
        assert all(gives_away(source, target) == "" for target in deck.questions if target.fact_id != "fish")


def test_the_same_word_written_by_the_teacher_elsewhere_still_counts() -> None:
    deck = deck_of(
        '[[facts]]\nid = "fish"\nkind = "set"\nsubject = "the fish the three brothers caught"\n'
        'members = ["pike", "perch", "carp", "eel"]\nname = 3\n'
        '[[facts]]\nid = "brothers"\nkind = "answer"\nquestion = "How many brothers were there?"\nanswer = "three"\n'
    )
    assert [f.fact for f in kzquiz.audit(deck, "").findings if f.rule is AuditRule.LEAK] == ["brothers"]

"""``kzquiz audit`` on cases a teacher reading only docs/teachers.md writes: each test is a case the docs promise,
run on real files, through a real ``kzquiz`` process where the docs describe the command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.auditing import AuditRule

SMALL_TOWN = 'kind = "statement"\nstatement = "The town is small."\nanswer = true\nquote = "The town is small."\n'


def write_files(folder: Path, source: str | bytes, deck: str) -> None:
    """``source.txt`` (text, or bytes as they are) and ``deck.toml`` in ``folder``."""
    if isinstance(source, bytes):
        (folder / "source.txt").write_bytes(source)
    else:
        (folder / "source.txt").write_text(source, encoding="utf-8")
    (folder / "deck.toml").write_text(deck, encoding="utf-8")


def one_fact_deck(fact: str) -> str:
    """A deck that names ``source.txt`` as its source, with one fact (the TOML lines after ``kind``)."""
    return f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\nfile = "source.txt"\n[[facts]]\nid = "f"\n{fact}'


CAPITAL_SOURCE = (
    "The capital was called Akmolinsk, then Tselinograd, then Akmola, then Astana, and since 2019 Nur-Sultan.\n"
)
BEFORE = "What was the capital called just before it was named {item}?"


def capital_deck(note: str, before: str = BEFORE) -> str:
    return f"""[deck]
id = "tm"
title = "Capital"
as_of = 2022-01-15
[deck.source]
file = "source.txt"

[[facts]]
id = "names"
kind = "sequence"
subject = "the names of Kazakhstan's capital, oldest first"
items = ["Akmolinsk", {{ text = "Tselinograd", context = "in the Soviet era" }}, "Akmola", "Astana", "Nur-Sultan"]
forms = ["before", "context"]
prompts.before = "{before}"
prompts.context = "What was the capital called {{context}}?"
note = "{note}"
quote = "{CAPITAL_SOURCE.strip()}"
"""


def changed_questions(note: str, before: str = BEFORE) -> set[str]:
    deck = kzquiz.loads_deck(capital_deck(note, before), "tm.toml")
    report = kzquiz.audit(deck, CAPITAL_SOURCE)
    return {q for f in report.findings if f.rule is AuditRule.CHANGED for q in f.questions}


# -- the note says the world changed: a word that starts the note's sentence is no name ---------------------------


@pytest.mark.parametrize(
    "note",
    [
        "In September 2022 the capital was renamed back from Nur-Sultan to Astana.",  # the docs' own note
        "The capital was renamed from Nur-Sultan to Astana in September 2022.",
        "In 2023 the capital was renamed from Nur-Sultan to Astana.",
        "On 17 September 2022 the capital was renamed back from Nur-Sultan to Astana.",
        "In 2023 it got its old name back. Then Astana replaced Nur-Sultan.",
    ],
)
def test_only_the_question_that_names_the_new_name_refuses_todays_answer(note: str) -> None:
    # "What was the capital called in the Soviet era?" and "… just before it was named Akmola?" are not about the
    # renaming, though their prompts say "the" and "in" and the note starts a sentence with "The" or "In".
    assert changed_questions(note) == {"tm/names/before/astana"}


def test_a_question_framed_by_its_time_satisfies_the_changed_rule() -> None:
    # and the context question, which says "in" and "the", still says nothing about the renaming
    framed = "According to the article (January 2022), what was the capital called just before it was named {item}?"
    note = "The capital was renamed from Nur-Sultan to Astana in September 2022."
    assert changed_questions(note, framed) == set()


def test_a_note_that_names_only_the_new_name_is_no_changed_error() -> None:
    assert changed_questions("In September 2022 the capital was renamed back to Astana.") == set()


def test_the_command_fails_only_on_the_question_the_renaming_makes_wrong(tmp_path: Path) -> None:
    write_files(tmp_path, CAPITAL_SOURCE, capital_deck("The capital was renamed from Nur-Sultan to Astana in 2023."))
    done = kzquiz_cli(None, "audit", "deck.toml", "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    changed = [p for p in report["problems"] if p["rule"] == "changed"]
    assert [p["questions"] for p in changed] == [["tm/names/before/astana"]]
    assert changed[0]["severity"] == "error"
    assert "would mark “Nur-Sultan” wrong" in changed[0]["message"]


# -- two options are the same answer only where grading takes one for the other -----------------------------------


def choice_deck(answer: str, wrong: list[str], typos: bool = True) -> kzquiz.Deck:
    options = ", ".join(json.dumps(w) for w in wrong)
    return kzquiz.loads_deck(
        f'[deck]\nid = "mc"\ntitle = "MC"\n[[facts]]\nid = "c"\nkind = "choice"\nquestion = "Which one?"\n'
        f"answer = {json.dumps(answer)}\nwrong = [{options}]\ntypos = {str(typos).lower()}\n",
        "mc.toml",
    )


def same_pairs(deck: kzquiz.Deck) -> list[str]:
    return [f.message for f in kzquiz.audit(deck, "Which one.").findings if f.rule is AuditRule.SAME_OPTION]


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        ("II", ["I", "III", "IV"]),  # volumes, kings, acts: Roman numerals alone
        ("CC", ["C", "CCC", "D"]),
        ("Anna", ["Ana", "Hal", "Hall"]),
        ("Mirra", ["Mira", "Volga", "Don"]),
        ("Kim", ["Kym", "Tim", "Lynn"]),
    ],
)
def test_short_answers_a_letter_apart_are_two_answers(answer: str, wrong: list[str]) -> None:
    deck = choice_deck(answer, wrong)
    assert same_pairs(deck) == []
    # as grading has it: neither is taken for the other
    (question,) = kzquiz.generate(deck)
    for option in wrong:
        assert not question.check(option).correct
    recall = kzquiz.loads_deck(
        f'[deck]\nid = "r"\ntitle = "R"\n[[facts]]\nid = "r"\nkind = "answer"\nquestion = "Which?"\n'
        f"answer = {json.dumps(answer)}\n",
        "r.toml",
    )
    (typed,) = kzquiz.generate(recall)
    for option in wrong:
        assert not typed.check(option).correct, option


@pytest.mark.parametrize(
    ("answer", "wrong", "same"),
    [
        ("Tokayev", ["Tokaev", "Nazarbayev", "Masimov"], ("Tokayev", "Tokaev")),  # another romanisation
        (
            "Karim Masimov",
            ["Karim Massimov", "Nursultan Nazarbayev", "Askar Mamin"],
            ("Karim Masimov", "Karim Massimov"),
        ),
    ],
)
def test_another_romanisation_is_still_the_same_answer(answer: str, wrong: list[str], same: tuple[str, str]) -> None:
    (message,) = same_pairs(choice_deck(answer, wrong))
    assert all(f"“{option}”" in message for option in same)


@pytest.mark.parametrize(
    ("question", "answer", "wrong", "same"),
    [
        ("Which river flows through Astana?", "Ishim", ["Ural", "Ishim River", "Ili"], ("Ishim", "Ishim River")),
        ("Which sea did it reach?", "Caspian Sea", ["Black Sea", "Caspian", "Aral Sea"], ("Caspian Sea", "Caspian")),
    ],
)
def test_an_option_with_the_questions_head_word_is_the_same_answer(
    question: str, answer: str, wrong: list[str], same: tuple[str, str]
) -> None:
    options = ", ".join(json.dumps(w) for w in wrong)
    deck = kzquiz.loads_deck(
        f'[deck]\nid = "mc"\ntitle = "MC"\n[[facts]]\nid = "c"\nkind = "choice"\nquestion = {json.dumps(question)}\n'
        f"answer = {json.dumps(answer)}\nwrong = [{options}]\n",
        "mc.toml",
    )
    (question_made,) = kzquiz.generate(deck)
    assert question_made.check(f"River {answer}" if "river" in question else answer).correct  # grading: one answer
    (message,) = same_pairs(deck)
    assert all(f"“{option}”" in message for option in same)


def test_the_command_passes_a_choice_of_roman_numerals(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        "The second volume is the longest.\n",
        one_fact_deck(
            'kind = "choice"\nquestion = "Which volume is the longest?"\nanswer = "II"\nwrong = ["I", "III", "IV"]\n'
            'quote = "The second volume is the longest."\n'
        ),
    )
    done = kzquiz_cli(None, "audit", "deck.toml", cwd=tmp_path)
    assert "same answer" not in done.stdout + done.stderr
    # only a warning that typing a digit picks by position
    assert done.stdout.splitlines()[-1] == "deck.toml: 1 warning", done.stdout
    assert done.returncode == 0


# -- --json names the deck's source file even when the deck does not load ------------------------------------------


@pytest.mark.parametrize(
    ("head", "named"),
    [
        ('[deck.source]\nfile = "texts/source.txt"\n', "decks/texts/source.txt"),
        ('[deck.source]\nfile = "../source.txt"\n', "source.txt"),  # refused by the deck: named all the same
        ("", None),
    ],
)
def test_json_names_the_source_of_a_deck_that_does_not_load(tmp_path: Path, head: str, named: str | None) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "deck.toml").write_text(
        f'[deck]\nid = "d"\ntitle = "D"\n{head}\n[[facts]]\nid = "s"\nkind = "statement"\nstatement = "It is."\n'
        "true = true\n",  # `answer = true` misspelt: the deck does not load
        encoding="utf-8",
    )
    done = kzquiz_cli(None, "audit", "decks/deck.toml", "--json", cwd=tmp_path)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["source"] == named
    assert report["coverage"] is None
    assert {p["rule"] for p in report["problems"]} == {"deck"}
    assert any(p["field"] == "s.true" for p in report["problems"])


def test_the_coverage_line_groups_every_count_alike(tmp_path: Path) -> None:
    sentences = " ".join(f"Sentence number {n} is here." for n in range(1, 1201))
    write_files(tmp_path, f"The town is small. {sentences}\n", one_fact_deck(SMALL_TOWN))
    done = kzquiz_cli(None, "audit", "deck.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2] == (
        "coverage: 0.1% of 1,201 sentences quoted or not examinable (1 quoted, 0 not examinable, 1,200 left out) "
        "(--show-uncovered lists them)"
    )


# -- a sequence or set whose every item has its own quote quotes its source ---------------------------------------

ITEMS_SOURCE = "The first capital was Almaty. In 1997 the capital moved to Akmola. In 2019 it became Nur-Sultan.\n"


def items_deck(last_quote: str) -> str:
    last = f'{{ text = "Nur-Sultan", quote = "{last_quote}" }}' if last_quote else '"Nur-Sultan"'
    return (
        '[deck]\nid = "q"\ntitle = "Q"\n[deck.source]\nfile = "source.txt"\n\n[[facts]]\nid = "capitals"\n'
        'kind = "sequence"\nsubject = "the capitals of Kazakhstan, oldest first"\nitems = [\n'
        '  { text = "Almaty", quote = "The first capital was Almaty." },\n'
        '  { text = "Akmola", quote = "In 1997 the capital moved to Akmola." },\n'
        f"  {last},\n]\n\n"
        '[[facts]]\nid = "members"\nkind = "set"\nsubject = "the capitals of Kazakhstan since 1997"\n'
        'members = [{ text = "Akmola", quote = "In 1997 the capital moved to Akmola." }, '
        f"{last}]\n"
    )


def test_items_that_all_have_their_own_quote_need_no_quote_of_the_fact(tmp_path: Path) -> None:
    write_files(tmp_path, ITEMS_SOURCE, items_deck("In 2019 it became Nur-Sultan."))
    deck = kzquiz.load_deck(tmp_path / "deck.toml")
    assert all(question.quote for question in kzquiz.generate(deck))  # every question shows evidence
    for command in ("validate", "audit"):
        done = kzquiz_cli(None, command, "deck.toml", cwd=tmp_path)
        assert "no quote from the source" not in done.stdout + done.stderr, command
        assert done.returncode == 0, done.stdout + done.stderr


def test_an_item_without_a_quote_of_its_own_or_the_facts_is_still_warned(tmp_path: Path) -> None:
    write_files(tmp_path, ITEMS_SOURCE, items_deck(""))
    for command in ("validate", "audit"):
        done = kzquiz_cli(None, command, "deck.toml", "--json", cwd=tmp_path)
        problems = json.loads(done.stdout)["problems"]
        unquoted = sorted(p["field"] for p in problems if p["message"] == "no quote from the source")
        assert unquoted == ["capitals", "members"], command


# -- a source that is no text is refused with its place ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "place"),
    [
        ("The town is small.\nIt has a lake.\n".encode("utf-16-le"), "1:2"),  # UTF-16 without a byte order mark
        (b"The town is small.\nIt has\x00 a lake.\n", "2:7"),
    ],
)
def test_a_source_with_a_nul_byte_is_refused_with_its_place(tmp_path: Path, data: bytes, place: str) -> None:
    write_files(tmp_path, data, one_fact_deck(SMALL_TOWN))
    done = kzquiz_cli(None, "audit", "deck.toml", "--source", "source.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"kzquiz: source.txt:{place}: not text (byte 0x00, as in a UTF-16 or binary file) "
        "(save the file as UTF-8 text)\n"
    )
    done = kzquiz_cli(None, "audit", "deck.toml", "--source", "source.txt", "--json", cwd=tmp_path)
    report = json.loads(done.stdout)
    (problem,) = report["problems"]
    assert (problem["rule"], problem["path"], f"{problem['line']}:{problem['column']}") == (
        "source",
        "source.txt",
        place,
    )
    assert report["coverage"] is None


# -- sentences of a source in any script ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "Город основан в 1147 году. Москва — столица России. Он ушёл… Потом вернулся.",
            ["Город основан в 1147 году.", "Москва — столица России.", "Он ушёл…", "Потом вернулся."],
        ),
        ("«Это конец», сказал он. «Нет!» ответила она.", ["«Это конец», сказал он.", "«Нет!» ответила она."]),
        ("Αθήνα είναι η πρωτεύουσα. Η Σπάρτη όχι.", ["Αθήνα είναι η πρωτεύουσα.", "Η Σπάρτη όχι."]),
        (
            "Er sagte: „Geh.“ Dann ging er. Łódź liegt in Polen.",
            ["Er sagte: „Geh.“", "Dann ging er.", "Łódź liegt in Polen."],
        ),
        ("Қазақстан үлкен. Әрине, иә.", ["Қазақстан үлкен.", "Әрине, иә."]),  # Kazakh capitals beyond Russian's
        ("Он сказал т. е. ничего. И ушёл.", ["Он сказал т. е. ничего.", "И ушёл."]),  # a lower-case letter goes on
        ("He left. (Later he came back.) She said: “Go.”", ["He left.", "(Later he came back.)", "She said: “Go.”"]),
        ("Dr. Jones was absent. Mrs. Smith came.", ["Dr. Jones was absent.", "Mrs. Smith came."]),  # titles
        (
            "Kassym-Jomart K. Tokayev spoke. The U.S. Army left.",
            ["Kassym-Jomart K. Tokayev spoke.", "The U.S. Army left."],
        ),
        ("Capitals, e.g. Astana, moved. Prof. Berg said so.", ["Capitals, e.g. Astana, moved.", "Prof. Berg said so."]),
        ("В. В. Путин приехал. Он уехал.", ["В. В. Путин приехал.", "Он уехал."]),  # initials in Cyrillic
        (  # one capital letter before a full stop: an initial, unless a word that starts sentences follows
            "Rich in vitamin C. It is cheap. Elizabeth I. She reigned. The U.S. The economy grew. "
            "J. R. R. Tolkien wrote. H. A. Rey drew.",
            [
                "Rich in vitamin C.",
                "It is cheap.",
                "Elizabeth I.",
                "She reigned.",
                "The U.S.",
                "The economy grew.",
                "J. R. R. Tolkien wrote.",
                "H. A. Rey drew.",
            ],
        ),
        ("Said K. Tokayev on Monday. Plan B. The end.", ["Said K. Tokayev on Monday.", "Plan B.", "The end."]),
        (
            "It was World War II. The end came. Did he go? No. He stayed.",
            ["It was World War II.", "The end came.", "Did he go?", "No.", "He stayed."],
        ),
    ],
)
def test_sentences_end_before_a_capital_of_any_script(paragraph: str, sentences: list[str]) -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\n[[facts]]\nid = "s"\nkind = "statement"\nstatement = "S."\nanswer = true\n',
        "t.toml",
    )
    report = kzquiz.audit(deck, paragraph + "\n")
    assert [passage.text for passage in report.coverage.uncovered] == sentences
    assert report.coverage.sentences == len(sentences)


def test_the_coverage_of_a_russian_source_counts_its_sentences(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        "Москва — столица России. Город основан в 1147 году.\n",
        one_fact_deck(
            'kind = "answer"\nquestion = "Какой город — столица России?"\nanswer = "Москва"\n'
            'quote = "Москва - столица России."\n'
        ),
    )
    done = kzquiz_cli(None, "audit", "deck.toml", "--show-uncovered", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "source.txt:1:26: not quoted: “Город основан в 1147 году.”",
        "coverage: 50% of 2 sentences quoted or not examinable (1 quoted, 0 not examinable, 1 left out)",
        "deck.toml: clean",
    ]


# -- the source's date, named as docs/teachers.md says -------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "named"),
    [
        ("2021-06-01", "June 2021"),  # a whole date: by its month
        ('"15 June 2021"', "June 2021"),
        ('"March 2021"', "March 2021"),  # a month or a year as the deck writes it
        ('"2021"', "2021"),
        ('"Jan 2021"', "2021"),  # a month written short counts as its year
        ('"2021-06"', "2021"),
        ('"last spring"', None),  # no year: nothing is time-bound
        ('"3000"', None),  # no year kzquiz reads as a source's
        ('"spring 21"', None),
    ],
)
def test_a_time_bound_finding_names_the_sources_date(date: str, named: str | None) -> None:
    deck = kzquiz.loads_deck(
        f'[deck]\nid = "t"\ntitle = "T"\n[deck.source]\ndate = {date}\n[[facts]]\nid = "mayor"\nkind = "answer"\n'
        'question = "Who is the mayor?"\nanswer = "Anna Berg"\nquote = "The mayor is Anna Berg."\n',
        "t.toml",
    )
    report = kzquiz.audit(deck, "The mayor is Anna Berg.\n", today=dt.date(2026, 1, 1))
    messages = [f.message for f in report.findings if f.rule is AuditRule.TIME]
    if named is None:  # the deck's date is said to be unreadable, and no question is time-bound
        written = date.strip('"')
        assert messages == [
            f"the source's date names no year from 1800 to 2099: “{written}”, so it makes no fact time-bound"
        ]
        assert [f.field for f in report.findings] == ["deck.source.date"]
        assert report.errors == 0
    else:
        assert messages == [
            f"t/mayor/recall: time-bound (as of {named}) but the question does not say “according to …” or “as of …”"
        ]


def test_wrong_options_that_share_the_answers_surname_are_other_answers(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        "Anna Berg rebuilt it.\n",
        one_fact_deck(
            'kind = "answer"\nquestion = "Who rebuilt the town hall?"\nanswer = "Anna Berg"\nsurname = true\n'
            'distractors = ["Karl Berg", "Eva Berg", "Johan Lind"]\nquote = "Anna Berg rebuilt it."\n'
        ),
    )
    deck = kzquiz.load_deck(tmp_path / "deck.toml")
    recall = next(q for q in kzquiz.generate(deck) if q.id.endswith("/recall"))
    assert recall.check("Anna Berg").correct
    assert not recall.check("Berg").correct  # the surname alone says no more Anna than Karl or Eva Berg
    assert not recall.check("Karl Berg").correct
    done = kzquiz_cli(None, "audit", "deck.toml", cwd=tmp_path)
    assert "same answer" not in done.stdout, done.stdout
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "deck.toml: clean"


def test_the_answers_surname_as_a_wrong_option_is_still_the_same_answer() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "t"\ntitle = "T"\n[[facts]]\nid = "f"\nkind = "answer"\nquestion = "Who rebuilt it?"\n'
        'answer = "Anna Berg"\nsurname = true\ndistractors = ["Berg", "Karl Berg", "Johan Lind"]\n',
        "t.toml",
    )
    (message,) = [f.message for f in kzquiz.audit(deck, "Anna Berg.").findings if f.rule is AuditRule.SAME_OPTION]
    assert "“Berg”" in message
    assert "“Anna Berg”" in message


# -- a note that says the name changed "from" one "to" another -----------------------------------------------------

RENAMED = "In September 2022 the capital was renamed back from Nur-Sultan to Astana."


@pytest.mark.parametrize(
    ("question", "answer", "refused"),
    [
        ("What is the capital of Kazakhstan called?", "Nur-Sultan", "Astana"),  # today's answer refused
        ("What has the capital been called since 2019?", "Nur-Sultan", "Astana"),
        ("What was Astana renamed to?", "Nur-Sultan", None),  # about the new name itself
        ("Who named the capital Nur-Sultan?", "Kassym-Jomart Tokayev", None),  # its answer is no name that changed
        ("According to the article, what is the capital called?", "Nur-Sultan", None),  # tied to its time
    ],
)
def test_a_question_whose_answer_the_note_says_was_renamed(question: str, answer: str, refused: str | None) -> None:
    deck = kzquiz.loads_deck(
        f'[deck]\nid = "c"\ntitle = "C"\nas_of = 2022-01-15\n[[facts]]\nid = "f"\nkind = "answer"\n'
        f'question = "{question}"\nanswer = "{answer}"\nnote = "{RENAMED}"\nquote = "x"\n',
        "c.toml",
    )
    changed = [f for f in kzquiz.audit(deck, "x.").findings if f.rule is AuditRule.CHANGED]
    if refused is None:
        assert changed == []
    else:
        (finding,) = changed
        assert finding.severity is kzquiz.Severity.ERROR
        assert finding.message.endswith(f"would mark “{refused}” wrong")
        assert finding.field == "f.question"


def test_the_command_fails_on_a_question_that_refuses_the_new_name(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        "The capital is Nur-Sultan.\n",
        one_fact_deck(
            'kind = "answer"\nquestion = "What is the capital of Kazakhstan called?"\nanswer = "Nur-Sultan"\n'
            f'note = "{RENAMED}"\nquote = "The capital is Nur-Sultan."\nas_of = 2022-01-15\n'
        ),
    )
    done = kzquiz_cli(None, "audit", "deck.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "deck.toml:9:1: f.question: t/f/recall: the note says the world changed (September 2022), and the question, "
        "which does not say “according to …”, would mark “Astana” wrong (say “According to the article, as of "
        "January 2022, …”, or accept today's answer)"
    )


# -- options a learner typing a digit would pick by position ------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "wrong", "numbers"),
    [
        ("II", ["I", "III", "IV"], {"I", "II", "III", "IV"}),  # Roman numerals
        ("II", ["I", "III", "VIII"], {"I", "II", "III"}),  # VIII is no position of four options
        ("I", ["you", "he", "she"], set()),  # one "I" is the pronoun
        ("two", ["one", "3", "Four"], {"two", "one", "3", "Four"}),
        ("2 days", ["1 day", "3 days", "10 days"], {"2 days", "1 day", "3 days"}),  # 10 is no place of four
        ("2nd", ["1st", "3rd", "4th"], {"1st", "2nd", "3rd", "4th"}),
        ("second", ["first", "third", "ninth"], {"first", "second", "third"}),
        ("3-day", ["2-day", "5-day"], {"2-day", "3-day"}),
        ("1990", ["1991", "2019"], set()),  # years are no places
        ("3.5 km", ["1.5 km", "2.5 km"], set()),
        ("2:30", ["1:30", "3:30"], set()),
    ],
)
def test_options_that_are_numbers_of_positions(answer: str, wrong: list[str], numbers: set[str]) -> None:
    findings = [f for f in kzquiz.audit(choice_deck(answer, wrong), "x.").findings if f.rule is AuditRule.NUMBER_WORDS]
    if not numbers:
        assert findings == []
        return
    (finding,) = findings
    listed = finding.message.split(" numbers (")[1].split(")")[0]
    assert set(listed.split(", ")) == numbers


# -- a prompt written over several lines still says "as of" -------------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    ["Who leads the country, as\\nof January 2022?", "According\\nto the article, who leads?", "Who led it in\\n2019?"],
)
def test_words_that_tie_a_question_to_its_time_may_be_split_over_lines(prompt: str) -> None:
    deck = kzquiz.loads_deck(
        f'[deck]\nid = "t"\ntitle = "T"\nas_of = 2022-01-15\n[[facts]]\nid = "f"\nkind = "answer"\n'
        f'question = "{prompt}"\nanswer = "Tokayev"\nquote = "Tokayev leads."\n',
        "t.toml",
    )
    (question,) = kzquiz.generate(deck)
    assert "\n" in question.prompt
    assert [f for f in kzquiz.audit(deck, "Tokayev leads.").findings if f.rule is AuditRule.TIME] == []


@pytest.mark.parametrize(
    ("answer", "wrong"),
    [
        ("two", ["one", "three", "four"]),
        ("3", ["1", "2", "4"]),
        ("2 days", ["1 day", "3 days", "4 days"]),
        ("2nd", ["1st", "3rd", "4th"]),
        ("second", ["first", "third", "fourth"]),
        ("II", ["I", "III", "IV"]),
    ],
)
def test_a_number_options_finding_says_what_typing_the_number_does(answer: str, wrong: list[str]) -> None:
    """The finding says which way grading reads a typed digit, and grading does read it that way."""
    deck = choice_deck(answer, wrong)
    (finding,) = [f for f in kzquiz.audit(deck, "x.").findings if f.rule is AuditRule.NUMBER_WORDS]
    question = deck.question(finding.questions[0])
    by_value = "a typed number picks the option that says it" in finding.message
    assert by_value != ("typing a number picks the option in that place" in finding.message)
    right = question.choices.index(answer)
    value = _value_of(answer)
    typed = question.check(str(value))
    if by_value:
        assert typed.correct  # the number the right option says picks it, wherever it stands
    else:
        assert typed.correct == (right == value - 1)  # the place: right only where the right option stands there
        assert question.check(str(right + 1)).correct


def _value_of(option: str) -> int:
    words = ["one", "two", "three", "four", "first", "second", "third", "fourth", "I", "II", "III", "IV"]
    if option in words:
        return words.index(option) % 4 + 1
    return int("".join(c for c in option.split()[0] if c.isdigit()))

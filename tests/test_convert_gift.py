"""GIFT import and export, checked against the reference parser's reading of its own conformance corpus.

``tests/data/gift-pegjs`` holds the test questions of fuhrmanator/GIFT-grammar-PEG.js with that parser's JSON
output beside each file. For every file kzquiz must find the same questions, of the same types, with the same
right answers (read the way Moodle grades them: see ``reference_correct``). Where kzquiz deliberately reads a
construct differently, the difference is listed here and in docs/teachers.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.convert.gift import (
    NO_CORRECTION,
    accepted_answers,
    accepted_numbers,
    correct_choices,
    read_gift,
)
from kzquiz.convert.giftparse import GiftQuestion, GiftType, html_to_text, parse_gift, read_questions
from kzquiz.convert.giftwrite import gift_escape, write_gift
from kzquiz.convert.tomlwriter import deck_to_toml
from kzquiz.model import Answer, AnswerFact, ChoiceFact, ClozeFact, NumberFact, StatementFact

CORPUS = Path(__file__).parent / "data" / "gift-pegjs"
FILES = sorted(CORPUS.glob("*.gift"))
ALL_KINDS = Path(__file__).parent / "data" / "all-kinds.toml"


def canon(text: str) -> str:
    """Text compared the way a learner reads it: HTML as text, spacing tidied, no space before punctuation."""
    if "<" in text:
        text = html_to_text(text)
    text = " ".join(text.split())
    for mark in ".,:;?!":
        text = text.replace(f" {mark}", mark)
    return text


def ref_text(value: Any) -> str:
    return canon(value["text"] if isinstance(value, dict) else value or "")


def full(weight: float | None) -> bool:
    return weight is None or weight >= 100


def reference_correct(question: dict[str, Any]) -> Any:
    """The right answers of a reference question, as Moodle grades them.

    The reference parser marks every ``=`` answer ``isCorrect``, whatever its weight; Moodle gives full credit
    only to unweighted or 100% answers, and in a multiple-choice question without ``=`` to every positive weight.
    """
    kind = question["type"]
    choices = question.get("choices")
    if kind == "MC":
        if any(c["isCorrect"] for c in choices):
            return sorted(ref_text(c["text"]) for c in choices if c["isCorrect"])
        return sorted(ref_text(c["text"]) for c in choices if (c["weight"] or 0) > 0)
    if kind == "Short":
        return sorted(
            ref_text(c["text"]) for c in choices if c["isCorrect"] and full(c["weight"]) and c["text"]["text"] != "*"
        )
    if kind == "Numerical":
        answers = (
            [choices]
            if isinstance(choices, dict)
            else [c["text"] for c in choices if c["isCorrect"] and full(c["weight"]) and "type" in c["text"]]
        )
        out = []
        for a in answers:
            if a["type"] == "high-low":
                out.append(("range", a["numberLow"], a["numberHigh"]))
            else:
                out.append(("value", a["number"], a.get("range", 0)))
        return out
    if kind == "TF":
        return question["isTrue"]
    if kind == "Matching":
        return [(ref_text(p["subquestion"]), canon(p["subanswer"])) for p in question["matchPairs"]]
    return None


def our_correct(question: GiftQuestion) -> Any:
    match question.type:
        case GiftType.MC:
            return sorted(canon(c.text) for c in correct_choices(question))
        case GiftType.SHORT:
            return sorted(canon(c.text) for c in accepted_answers(question))
        case GiftType.NUMERICAL:
            return [
                ("range", n.low, n.high) if n.low is not None else ("value", n.value, n.tolerance)
                for n in accepted_numbers(question)
            ]
        case GiftType.TF:
            return question.truth
        case GiftType.MATCHING:
            return [(canon(p.question), canon(p.answer)) for p in question.pairs]
    return None


def load(path: Path) -> tuple[list[GiftQuestion], list[dict[str, Any]]]:
    ours = parse_gift(path.read_text(encoding="utf-8"), path.name)
    reference = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return ours, reference


def test_the_corpus_is_complete() -> None:
    assert len(FILES) == 51
    assert all(path.with_suffix(".json").exists() for path in FILES)
    assert "MIT License" in (CORPUS / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_same_questions_types_and_right_answers_as_the_reference_parser(path: Path) -> None:
    ours, reference = load(path)
    assert [q.type.value for q in ours] == [r["type"] for r in reference]
    for mine, theirs in zip(ours, reference, strict=True):
        assert our_correct(mine) == reference_correct(theirs), mine.line
        if mine.type is GiftType.CATEGORY:
            assert mine.category == theirs["title"]
            continue
        assert canon(mine.title) == canon(theirs["title"] or "")
        assert canon(mine.stem) == ref_text(theirs["stem"]), mine.line
        assert (mine.id or None) == (str(theirs["id"]) if theirs["id"] is not None else None)
        assert list(mine.tags) == (theirs["tags"] or [])
        assert canon(mine.global_feedback) == ref_text(theirs.get("globalFeedback") or "")


# What each file's import leaves out, and why: essays and descriptions always; and multiple-choice questions
# whose options differ only in punctuation, which kzquiz's lenient grading could not tell apart.
SKIPPED = {
    "description1": ["a description"],
    "descriptionTitleEscapedColon": ["a description"],
    "descriptionWithID": ["a description"],
    "essay1": ["an essay question"],
    "markdown": ["a description"] * 4,
    "newlineAndLaTeX": ["an essay question"],
    "tag_id": ["an essay question"],
    "tag_id_and_two_tags": ["an essay question"],
    "tag_two_tags": ["an essay question"],
    "totara_moodle_backslash": ["an essay question"],
    "totara_moodle_essay": ["an essay question"],
    "totara_moodle_pre_content": ["an essay question"],
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_corpus_file_imports_to_a_deck_that_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = read_gift(text, path.name, "corpus", "Corpus")
    questions = [q for q in parse_gift(text) if q.type is not GiftType.CATEGORY]
    assert [s.what.split(" “")[0] for s in result.skipped] == SKIPPED.get(path.stem, [])
    # Every question became facts or was skipped with a reason; none was lost.
    assert {f.line for f in result.deck.facts} | {s.line for s in result.skipped} == {q.line for q in questions}
    pairs = sum(len([p for p in q.pairs if p.question]) for q in questions if q.type is GiftType.MATCHING)
    matching = sum(q.type is GiftType.MATCHING for q in questions)
    assert len(result.deck.facts) + len(result.skipped) == len(questions) - matching + pairs
    if result.deck.facts:
        deck = kzquiz.loads_deck(deck_to_toml(result.deck), path.name)
        assert deck.facts == result.deck.facts
        assert kzquiz.check_deck(deck_to_toml(result.deck)) == [
            p for p in kzquiz.check_deck(deck_to_toml(result.deck)) if p.severity is kzquiz.Severity.WARNING
        ]


def facts_of(text: str) -> list[Any]:
    return list(read_gift(text, "t.gift", "t", "T").deck.facts)


def test_multiple_choice_with_one_right_answer_keeps_each_options_feedback_with_it() -> None:
    [fact] = facts_of("Who's buried in Grant's tomb?{~Grant#No. =no one#Right! ~Jefferson ####Nobody is.}")
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("no one",)
    assert fact.wrong == ("Grant", "Jefferson")
    assert fact.feedback == (("Grant", "No."), ("no one", "Right!"))
    assert fact.note == "Nobody is."  # the general feedback, for everyone


def test_weighted_multiple_answers_count_positive_weights_as_right() -> None:
    [fact] = facts_of("Which are continents?{~%50%Asia ~%50%Africa ~%-100%China ~%-100%Peru}")
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Asia", "Africa")
    assert fact.wrong == ()
    assert [(p.text, p.credit) for p in fact.partial] == [("China", -1.0), ("Peru", -1.0)]
    assert fact.id == "which-are-continents"


def test_partial_credit_option_in_a_single_answer_question_becomes_a_partial_option() -> None:
    result = read_gift("Difficult.{~wrong ~%50%half =full}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("full",)
    assert fact.wrong == ("wrong",)
    assert [(p.text, p.credit) for p in fact.partial] == [("half", 0.5)]
    assert result.notes == ()


def test_missing_word_multiple_choice_is_a_cloze_with_distractors() -> None:
    [fact] = facts_of("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert isinstance(fact, ClozeFact)
    assert fact.text == "Grant is {{entombed}} in Grant's tomb."
    assert fact.distractors == ("buried", "living")


def test_missing_word_short_answer_is_a_cloze_with_aliases() -> None:
    [fact] = facts_of("Two plus two equals {=four =4}.")
    assert isinstance(fact, ClozeFact)
    assert fact.text == "Two plus two equals {{four|4}}."
    assert fact.blanks[0].aliases == ("4",)


def test_true_false_becomes_a_statement_and_the_wrong_answer_feedback_its_correction() -> None:
    true, false, bare = facts_of(
        "The sun rises in the east.{T}\n\n42 is the answer.{FALSE#It is 41.#Well done.}\n\nGrant is buried.{F}"
    )
    assert isinstance(true, StatementFact)
    assert true.answer is True
    assert isinstance(false, StatementFact)
    assert (false.answer, false.correction, false.note) == (False, "It is 41.", "Well done.")
    assert isinstance(bare, StatementFact)
    assert bare.correction == NO_CORRECTION


def test_short_answer_first_full_credit_answer_is_the_answer_and_the_others_aliases() -> None:
    [fact] = facts_of("Best animal?{=Frog =Toad =%50%Cat =%0%*#Completely wrong}")
    assert isinstance(fact, AnswerFact)
    assert fact.answer.text == "Frog"
    assert fact.answer.aliases == ("Toad",)
    assert [(p.text, p.credit) for p in fact.partial] == [("Cat", 0.5)]
    assert "any other answer: Completely wrong" in fact.note


@pytest.mark.parametrize(
    ("gift", "value", "tolerance", "low", "high"),
    [
        ("When was Grant born?{#1822}", 1822, 0, None, None),
        ("Pi to 3 places?{#3.1415:0.0005}", 3.1415, 0.0005, None, None),
        ("Pi?{#3.141..3.142}", None, 0, 3.141, 3.142),
        ("Pick one.{#5..-5}", None, 0, -5, 5),
        ("Born?{#=1822:0 =%50%1822:2}", 1822, 0, None, None),
        ("GRASP?{#=%0%5:0 =%100%9:0 =%0%23:0}", 9, 0, None, None),
        ("A number from 1 to 5?{#\n=3:2\n~#Completely wrong}", 3, 2, None, None),
    ],
)
def test_numerical_questions_become_number_facts(
    gift: str, value: float | None, tolerance: float, low: float | None, high: float | None
) -> None:
    [fact] = facts_of(gift)
    assert isinstance(fact, NumberFact)
    assert (fact.value, fact.tolerance, fact.low, fact.high) == (value, tolerance, low, high)


def test_matching_becomes_one_choice_fact_per_pair_with_the_other_answers_wrong() -> None:
    facts = facts_of("::Capitals::Match the capitals.{=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo = -> Paris}")
    assert [f.id for f in facts] == ["capitals-canada", "capitals-italy", "capitals-japan"]
    first = facts[0]
    assert isinstance(first, ChoiceFact)
    assert first.question == "Match the capitals. — Canada"
    assert first.answers == ("Ottawa",)
    assert first.wrong == ("Rome", "Tokyo", "Paris")


def test_categories_become_tags_and_tag_comments_are_kept() -> None:
    text = "$CATEGORY: $course$/top/Unit 1\n\n// [tag:easy]\nQ1?{=a}\n\n$CATEGORY: $course$/top/Unit 2\n\nQ2?{=b}"
    first, second = facts_of(text)
    assert first.tags == ("Unit 1", "easy")
    assert second.tags == ("Unit 2",)


def test_html_becomes_plain_text() -> None:
    [fact] = facts_of("[html]<p>The sun rises in <b>which</b> direction?</p>{=<p>East &amp; up</p> ~West}")
    assert isinstance(fact, ChoiceFact)
    assert fact.question == "The sun rises in which direction?"
    assert fact.answers == ("East & up",)


def test_ids_come_from_titles_or_text_and_are_unique() -> None:
    facts = facts_of("::Q 1::A?{T}\n\nA?{T}\n\nA?{T}\n\n// [id:42]\nB?{T}")
    assert [f.id for f in facts] == ["q-1", "a", "a-2", "42"]


BROKEN = [
    ("Line one\n\nWho?{=a ~b", 3, "the answer block opened with { is never closed with } (close it, or write"),
    ("::Title without end Who?{=a}", 1, "the title opened with :: is never closed with :: (close it, or write \\: for"),
    ("When?{#soon}", 1, "'soon' is not a number (write 1822, 1822:5 or 1..5)"),
    ("Q?{=a}\nand again {=b}", 2, "a question has two answer blocks; separate questions by a blank line"),
    ("A stray\nbrace } here", 2, "a } closes no answer block (write \\} for a literal brace)"),
    ("Who?{=a ~b\n=c", 1, "the answer block opened with { is never closed with }"),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
def test_a_broken_question_is_skipped_with_its_line_and_the_others_are_imported(
    text: str, line: int, message: str
) -> None:
    before, after = "::first::Capital?{=Astana ~Almaty}", "::last::Sea?{=Caspian ~Aral}"
    result = read_gift(f"{before}\n\n{text}\n\n{after}", "t.gift", "t", "T")
    assert [f.id for f in result.deck.facts] == ["first", "last"]
    [skipped] = [s for s in result.skipped if not s.what.startswith("a description")]
    assert skipped.line == line + 2
    assert skipped.what.startswith("a question “")
    assert skipped.reason.startswith(message)
    assert skipped.describe("t.gift").startswith(f"t.gift:{line + 2}: skipped a question “")


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
def test_parse_gift_still_stops_at_the_first_broken_question(text: str, line: int, message: str) -> None:
    pattern = re.escape(f"t.gift:{line}: {message}")
    with pytest.raises(kzquiz.ConversionError, match=pattern):
        parse_gift(text, "t.gift")


def test_every_broken_question_of_a_file_is_listed_in_file_order() -> None:
    text = "Who?{=a ~b\n\nOK?{T}\n\nWhen?{#soon}\n\n::x::Stray}"
    questions, broken = read_questions(text)
    assert [q.line for q in questions] == [3]
    assert [(b.line, b.text) for b in broken] == [(1, "Who?{=a ~b"), (5, "When?{#soon}"), (7, "::x::Stray}")]


def test_export_then_import_gives_back_every_fact_gift_can_hold() -> None:
    deck = kzquiz.load_deck(ALL_KINDS)
    text, left_out = write_gift(deck)
    assert [fact_id for fact_id, _ in left_out] == ["capital-names", "csto"]
    back = read_gift(text, "back.gift", deck.id, deck.title)
    assert back.skipped == ()
    original = {f.id: f for f in deck.facts}
    for fact in back.deck.facts:
        before = original[fact.id]
        assert type(fact) is type(before)
        match fact:
            case AnswerFact():
                assert isinstance(before, AnswerFact)
                assert (fact.question, fact.answer.text) == (before.question, before.answer.text)
                assert set(before.answer.forms) <= set(fact.answer.forms)
            case ChoiceFact():
                assert isinstance(before, ChoiceFact)
                assert (fact.question, fact.answers, fact.wrong) == (before.question, before.answers, before.wrong)
            case StatementFact():
                assert (fact.statement, fact.answer) == (before.statement, before.answer)  # type: ignore[union-attr]
            case NumberFact():
                assert isinstance(before, NumberFact)
                assert (fact.value, fact.low, fact.high) == (before.value, before.low, before.high)
            case ClozeFact():
                assert isinstance(before, ClozeFact)
                assert (fact.text.replace("|Taldyqorghan", ""), fact.distractors) == (
                    before.text.replace("|Taldyqorghan", ""),
                    before.distractors,
                )
    assert len(back.deck.facts) == len(deck.facts) - 2


def test_exported_gift_parses_as_the_reference_parser_would_type_it() -> None:
    text, _ = write_gift(kzquiz.load_deck(ALL_KINDS))
    types = [q.type for q in parse_gift(text)]
    assert types == [
        GiftType.SHORT,
        GiftType.SHORT,
        GiftType.NUMERICAL,
        GiftType.NUMERICAL,
        GiftType.TF,
        GiftType.MC,
        GiftType.MC,
    ]


# "->" is left out: GIFT has no escape for it, and an answer containing it makes a matching question.
SPECIAL = st.text(alphabet=st.sampled_from("ab ~=#{}:\\-%é"), min_size=1, max_size=20).filter(str.strip)


@given(SPECIAL, SPECIAL)
def test_escaped_text_survives_a_round_trip(question: str, answer: str) -> None:
    [parsed] = parse_gift(f"{gift_escape(question)} {{={gift_escape(answer)}}}")
    assert parsed.type is GiftType.SHORT
    assert parsed.head == " ".join(question.split())
    assert [c.text for c in parsed.choices] == [" ".join(answer.split())]


def test_a_title_that_is_already_an_id_is_kept_as_the_fact_id() -> None:
    facts = facts_of("::Q2::A?{T}\n\n::my_fact.v2::B?{T}\n\n::2-08 TSL::C?{T}")
    assert [f.id for f in facts] == ["Q2", "my_fact.v2", "2-08-tsl"]


GIFTISH = st.text(alphabet=st.sampled_from("ab =~#{}:\\\n%->.[]$/TF0123456789<>&;"), max_size=60)


@given(GIFTISH)
def test_any_text_imports_and_every_question_becomes_a_fact_or_a_listed_skip(text: str) -> None:
    result = read_gift(text, "any.gift", "any", "Any")
    if result.deck.facts:
        kzquiz.loads_deck(deck_to_toml(result.deck))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    assert all(1 <= s.line <= lines and s.reason for s in result.skipped)


def test_a_moodle_export_with_a_byte_order_mark_and_windows_line_ends_is_read() -> None:
    text = "\ufeff// question: 1\r\n::Q1::Capital?{\r\n=Astana\r\n~Almaty\r\n~Shymkent}\r\n\r\n::Q2::Sky blue.{T}\r\n"
    first, second = facts_of(text)
    assert isinstance(first, ChoiceFact)
    assert (first.id, first.answers, first.wrong) == ("Q1", ("Astana",), ("Almaty", "Shymkent"))
    assert (second.id, second.line) == ("Q2", 7)


def test_exported_short_answers_list_the_forms_kzquiz_would_accept() -> None:
    deck = kzquiz.loads_deck(
        '[deck]\nid = "x"\ntitle = "X"\n[[facts]]\nid = "chief"\nkind = "answer"\nquestion = "Who?"\n'
        'answer = "Karim (Qajymqanuly) Masimov"\nsurname = true\n'
    )
    text, _ = write_gift(deck)
    assert "Who? {=Karim Qajymqanuly Masimov =Karim Masimov =Masimov}" in text


# -- several right answers that kzquiz grades as one --------------------------------------------------------------


def test_two_scripts_of_one_answer_are_one_answer_with_an_alias_not_tick_all() -> None:
    result = read_gift("Capital of Kazakhstan in 1998-2019?{=Astana =Астана ~Nur-Sultan ~Almaty}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, AnswerFact)
    assert fact.answer == Answer("Astana", ("Астана",))
    assert fact.distractors == ("Nur-Sultan", "Almaty")
    assert fact.forms == ("choice",)
    [question] = result.deck.questions
    assert question.check("Astana").correct
    assert question.check("Астана").correct
    assert not question.check("Almaty").correct
    assert any("“Astana” and “Астана” are one answer" in note for _, note in result.notes)


@pytest.mark.parametrize(
    ("block", "answer", "aliases"),
    [
        ("{=Tokayev =Tokaev ~Masimov ~Mamin}", "Tokayev", ("Tokaev",)),  # a romanisation variant
        (
            "{=Qasym-Jomart Tokayev =Kassym-Jomart Tokayev ~Karim Masimov ~Askar Mamin}",
            "Qasym-Jomart Tokayev",
            ("Kassym-Jomart Tokayev",),
        ),
        ("{=the Caspian Sea =Caspian Sea ~Aral Sea ~Black Sea}", "the Caspian Sea", ("Caspian Sea",)),
    ],
)
def test_spelling_variants_are_merged(block: str, answer: str, aliases: tuple[str, ...]) -> None:
    [fact] = facts_of(f"Which?{block}")
    assert isinstance(fact, AnswerFact)
    assert (fact.answer.text, fact.answer.aliases) == (answer, aliases)


def test_different_answers_stay_tick_all_and_only_the_same_ones_merge() -> None:
    [fact] = facts_of("Specify the seasons:{=spring =summer =winter =autumn =Autumn ~easter}")
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("spring", "summer", "winter", "autumn")
    [fact] = facts_of("Which are in Asia?{=Iran =Iraq ~Peru ~Chile}")  # one letter apart, two countries
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Iran", "Iraq")


@pytest.mark.parametrize(
    "rights",
    [
        ["\\=", "\\~"],  # two symbols: nothing to fold, so two answers
        ["Henry VII", "Henry VIII"],  # a letter more, in a word too short to be another romanisation
        ["George I", "George II"],
        ["Mary I", "Mary"],  # a word more
        ["EU", "EEU"],
        ["Ili", "Illi"],
    ],
)
def test_answers_a_slip_apart_stay_several(rights: list[str]) -> None:
    block = " ".join(f"={text}" for text in rights)
    result = read_gift(f"Which?{{{block} ~Other ~Something}}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert len(fact.answers) == 2
    assert not any("one answer" in note for _, note in result.notes)


@pytest.mark.parametrize(
    ("rights", "answer", "aliases"),
    [
        (["2", "two"], "2", ("two",)),  # digits and words say the same number
        (["1,000", "1000"], "1,000", ("1000",)),
        (["2\\=2", "2 \\= 2"], "2=2", ("2 = 2",)),
        (["US", "U.S."], "US", ("U.S.",)),
        (["Masimov", "Massimov"], "Masimov", ("Massimov",)),
        (["Kassym-Jomart Tokayev", "Kasym-Zhomart Tokaev"], "Kassym-Jomart Tokayev", ("Kasym-Zhomart Tokaev",)),
    ],
)
def test_the_same_answer_written_another_way_is_one_answer(
    rights: list[str], answer: str, aliases: tuple[str, ...]
) -> None:
    block = " ".join(f"={text}" for text in rights)
    result = read_gift(f"Which?{{{block} ~Other ~Something}}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, AnswerFact)
    assert (fact.answer.text, fact.answer.aliases) == (answer, aliases)
    assert any("(another script or spelling)" in note for _, note in result.notes)


@pytest.mark.parametrize("rights", [["50%", "50"]])
def test_forms_grading_reads_alike_are_merged_with_a_note_to_check_them(rights: list[str]) -> None:
    block = " ".join(f"={gift_escape(text)}" for text in rights)
    result = read_gift(f"Which?{{{block} ~Other ~Something}}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, AnswerFact)
    assert (fact.answer.text, fact.answer.aliases) == (rights[0], (rights[1],))
    assert any("reads them as the same value, so check them" in note for _, note in result.notes)


@pytest.mark.parametrize("rights", [["C++", "C#"], ["-5", "5"], ["3.5", "35"], ["A+", "A"]])
def test_forms_that_differ_in_a_sign_or_symbol_stay_two_options(rights: list[str]) -> None:
    block = " ".join(f"={gift_escape(text)}" for text in rights)
    result = read_gift(f"Which?{{{block} ~Other ~Something}}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == tuple(rights)
    assert not any("one answer to kzquiz" in note for _, note in result.notes)
    [question] = result.deck.questions
    assert question.check(rights[1]).score < 1  # ticking one of two right options is partly right


def test_a_merged_answer_keeps_its_partly_right_options() -> None:
    result = read_gift("Capital?{=Astana =Астана ~%50%Akmola#Its old name. ~Almaty}", "t.gift", "t", "T")
    [fact] = result.deck.facts
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Astana",)
    assert fact.wrong == ("Almaty",)
    assert [(p.text, p.credit, p.feedback) for p in fact.partial] == [("Akmola", 0.5, "Its old name.")]
    [question] = result.deck.questions
    assert question.check("Астана").correct
    assert question.check("Akmola").score == 0.5
    assert not any("became wrong options" in note for _, note in result.notes)
    [fact] = facts_of("The capital {=Astana =Астана ~%50%Akmola ~Almaty} lies on the Ishim.")
    assert isinstance(fact, ClozeFact)
    assert fact.blanks[0].forms == ("Astana", "Астана")
    assert [(blank, p.text, p.credit) for blank, p in fact.partial] == [(1, "Akmola", 0.5)]


def test_a_multiple_answer_question_of_one_answer_in_two_scripts_is_one_answer() -> None:
    # Moodle gives half the marks for each spelling ticked; kzquiz asks one option worth all of them.
    result = read_gift("Capital?{~%50%Astana ~%50%Астана ~%-100%Almaty ~%-100%Bishkek}", "t.gift", "t", "T")
    assert not result.skipped
    [fact] = result.deck.facts
    assert isinstance(fact, AnswerFact)
    assert fact.answer == Answer("Astana", ("Астана",))
    assert fact.distractors == ("Almaty", "Bishkek")
    [fact] = facts_of("Capitals?{~%25%Astana ~%25%Астана ~%50%Almaty ~%-100%Bishkek}")
    assert isinstance(fact, ChoiceFact)
    assert fact.answers == ("Astana", "Almaty")  # 25% + 25% and 50%: equal weights
    assert [(p.text, p.credit) for p in fact.partial] == [("Bishkek", -1.0)]


def test_a_merged_answer_with_one_wrong_option_is_asked_typed() -> None:
    [fact] = facts_of("Capital?{=Astana =Астана ~Almaty}")
    assert isinstance(fact, AnswerFact)
    assert fact.forms == ()


def test_a_merged_missing_word_is_a_cloze_with_both_spellings() -> None:
    [fact] = facts_of("The capital was {=Astana =Астана ~Almaty ~Shymkent} from 1998 to 2019.")
    assert isinstance(fact, ClozeFact)
    assert fact.blanks[0].forms == ("Astana", "Астана")
    assert fact.distractors == ("Almaty", "Shymkent")

"""How scores and feedback are shown: rounded scores everywhere, options by what they say in exam reports, the
score of a list or selection explained, and a statement's correction said once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest

import kzquiz
from kzquiz.cli import render
from kzquiz.cli.console import Console
from kzquiz.cli.exam import ExamAnswer, ExamResult, report_csv, report_json
from kzquiz.cli.views import JsonView
from kzquiz.grading import ChoiceExpectation, ListExpectation, OrderExpectation, TruthExpectation, grade
from kzquiz.model import Answer
from kzquiz.picks import picked_text
from kzquiz.questions import AnswerType
from kzquiz.session import Tally
from kzquiz.verdict import percent_text, repeats, rounded_score, score_text

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
MEMBERS = ListExpectation(tuple(Answer(c) for c in ("Kazakhstan", "Russia", "Belarus", "Armenia")), 3)
PICK = ChoiceExpectation(("Kazakhstan", "Russia", "Belarus", "Georgia", "Ukraine"), frozenset({0, 1, 2}))


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DATA / "all-kinds.toml")


@pytest.mark.parametrize(
    ("score", "text"),
    [(1 / 3, "0.33"), (2 / 3, "0.67"), (2.5, "2.5"), (3.0, "3"), (0.0, "0"), (7 / 3, "2.33"), (0.999999, "1")],
)
def test_a_score_is_shown_to_two_decimal_places_at_most(score: float, text: str) -> None:
    assert score_text(score) == text
    assert rounded_score(score) == float(text)


@pytest.mark.parametrize(
    ("share", "text"), [(1 / 3, "33%"), (0.5, "50%"), (1.0, "100%"), (0.0, "0%"), (0.999, "99%"), (0.001, "1%")]
)
def test_a_partial_share_never_reads_as_none_or_all(share: float, text: str) -> None:
    assert percent_text(share) == text


@attrs.frozen
class Summary:
    answered: int = 3
    correct: int = 0
    score: float = 1 / 3
    by_answer_type: dict[AnswerType, Tally] = attrs.Factory(lambda: {AnswerType.LIST: Tally(0, 3)})
    duration_seconds: float = 10.0
    next_due: dt.datetime | None = None
    due_now: int = 0


def test_the_summary_shows_a_rounded_score() -> None:
    console = Console(io.StringIO(), io.StringIO(), False, 80)
    lines = render.summary_lines(console, Summary(), NOW)
    assert "Score     0.33 / 3 (11%)" in lines
    lines = render.summary_lines(console, Summary(score=2.5), NOW)
    assert "Score     2.5 / 3 (83%)" in lines


def test_json_events_give_rounded_scores(deck: kzquiz.Deck) -> None:
    out = io.StringIO()
    view = JsonView(out)
    question = deck.question("example/csto/name")
    verdict = question.check("Kazakhstan")
    assert 0 < verdict.score < 1
    assert verdict.score != round(verdict.score, 2)
    view.verdict(question, verdict)
    view.summary(Summary(), NOW)
    verdict_event, summary_event = (json.loads(line) for line in out.getvalue().splitlines())
    assert verdict_event["score"] == round(verdict.score, 2)
    assert summary_event["score"] == 0.33


def exam_result(deck: kzquiz.Deck, pairs: list[tuple[str, str]]) -> ExamResult:
    questions = tuple(deck.question(f"example/{qid}") for qid, _ in pairs)
    texts = [text for _, text in pairs]
    given = tuple(ExamAnswer(n, q, q.check(t), 1.0) for n, (q, t) in enumerate(zip(questions, texts, strict=True), 1))
    start = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    return ExamResult(deck, "ana", 0, questions, given, start, start + dt.timedelta(seconds=9), True)


def test_exam_reports_give_the_options_picked_not_the_keys_pressed(deck: kzquiz.Deck) -> None:
    alliance = deck.question("example/alliance/choice")
    number = str(alliance.choices.index("NATO") + 1)
    pairs = [("alliance/choice", number), ("police/true-false", "1"), ("president/recall", "Tokayev")]
    rows = list(csv.DictReader(io.StringIO(report_csv(exam_result(deck, pairs)))))
    assert [row["answer"] for row in rows] == ["NATO", "True", "Tokayev"]
    assert rows[0]["correct"] == "False"
    document = json.loads(report_json(exam_result(deck, pairs)))
    assert [a["answer"] for a in document["answers"]] == ["NATO", "True", "Tokayev"]


def test_an_exam_report_score_is_rounded(deck: kzquiz.Deck) -> None:
    pairs = [("csto/name", "Kazakhstan, Uzbekistan")]
    document = json.loads(report_json(exam_result(deck, pairs)))
    assert document["answers"][0]["score"] == round(document["answers"][0]["score"], 2)
    assert 0 < document["score"] < 1
    row = next(csv.DictReader(io.StringIO(report_csv(exam_result(deck, pairs)))))
    assert len(row["score"]) <= 4  # "0.25", never "0.3333333333333333"


def test_picked_text_reads_options_as_the_grader_does() -> None:
    question = kzquiz.bundled_deck().question("kazakhstan-2022/csto-members/select")
    first, third = question.choices[0], question.choices[2]
    assert picked_text(question, "1 3") == f"{first}; {third}"
    assert picked_text(question, "a, c") == f"{first}; {third}"
    assert picked_text(question, "Mongolia") == "Mongolia"  # names no option: kept as typed


def test_how_a_list_score_was_reached_is_explained() -> None:
    verdict = grade(MEMBERS, "Kazakhstan, Russia, Georgia")
    assert verdict.score == 0.5
    assert verdict.feedback.endswith("Score: 2 of 3 right, 1 wrong named: 2/(3 + 1) = 50%.")
    verdict = grade(MEMBERS, "Kazakhstan, Russia, Belarus, Georgia, Ukraine")
    assert verdict.score == 0.6
    assert verdict.feedback.endswith("Score: 3 of 3 right, 2 wrong named: 3/(3 + 2) = 60%.")
    assert "Score" not in grade(MEMBERS, "Kazakhstan, Russia").feedback  # 2 of 3 says it all
    assert "Score" not in grade(MEMBERS, "Georgia").feedback  # nothing right: nothing to explain


def test_how_a_selection_score_was_reached_is_explained() -> None:
    verdict = grade(PICK, "1 2 4")
    assert verdict.score == 0.5
    assert verdict.feedback.endswith("Score: 2 of 3 right, 1 wrong picked: 2/(3 + 1) = 50%.")


def test_an_ordered_list_with_too_many_parts_says_how_it_was_scored() -> None:
    ordered = ListExpectation((Answer("Akmola"), Answer("Astana"), Answer("Nur-Sultan")), 3, True)
    verdict = grade(ordered, "Akmola, Astana, Almaty, Nur-Sultan")
    assert verdict.score == 0.5
    assert verdict.feedback.endswith("Score: 2 in place, out of the 4 parts you gave (2/4 = 50%).")


def test_a_correction_ends_with_one_full_stop() -> None:
    with_stop = TruthExpectation(False, "He opted for military intervention.")
    without = TruthExpectation(False, "He opted for military intervention")
    said = "Answer true or false. The answer is false: He opted for military intervention."
    assert grade(with_stop, "maybe").feedback == said
    assert grade(with_stop, "true").feedback == "No, it is false. He opted for military intervention."
    assert grade(without, "true").feedback == "No, it is false. He opted for military intervention."
    quoted = TruthExpectation(False, "“It is still not clear.”")
    assert grade(quoted, "x").feedback == "Answer true or false. The answer is false: “It is still not clear.”"
    order = OrderExpectation(("Wake up.", "Eat."), (0, 1))
    assert grade(order, "2 1").feedback.endswith("The order is: Wake up., Eat.")  # not "Eat.."


def test_a_correction_that_is_the_quote_is_shown_once() -> None:
    deck = kzquiz.bundled_deck()
    question = deck.question("kazakhstan-2022/still-unclear/true-false")
    verdict = question.check("true")
    assert repeats(verdict.feedback, question.quote)
    console = Console(io.StringIO(), io.StringIO(), False, 200)
    text = "\n".join(render.verdict_lines(console, question, verdict))
    assert text.count("It is still not clear what has happened in Kazakhstan.") == 1
    other = deck.question("kazakhstan-2022/airport-set-on-fire/true-false")
    shown = "\n".join(render.verdict_lines(console, other, other.check("true")))
    assert other.quote in shown  # a correction in other words keeps its quote

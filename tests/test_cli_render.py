"""What the CLI prints: questions, verdicts, summaries and statistics as exact text, at 40 columns and wider."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz.cli import render
from kzquiz.cli.console import Console, colour_wanted
from kzquiz.cli.views import JsonView, Progress, TextView
from kzquiz.questions import AnswerType
from kzquiz.session import Tally

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.load_deck(DATA / "all-kinds.toml")


def question(deck: kzquiz.Deck, qid: str) -> kzquiz.Question:
    return deck.question(f"example/{qid}")


def console(columns: int = 40, *, color: bool = False) -> Console:
    return Console(io.StringIO(), io.StringIO(), color, columns)


@attrs.frozen
class FakeSummary:
    answered: int = 4
    correct: int = 3
    score: float = 3.5
    by_answer_type: dict[AnswerType, Tally] = attrs.Factory(
        lambda: {AnswerType.TYPED: Tally(1, 2), AnswerType.CHOICE: Tally(2, 2)}
    )
    duration_seconds: float = 125.4
    next_due: dt.datetime | None = NOW + dt.timedelta(minutes=10)
    due_now: int = 0


def FakeStats(reviews: int = 12) -> kzquiz.Stats:
    states = dict(zip(kzquiz.CardState, (4, 2, 6, 0), strict=True))
    weak = kzquiz.WeakFact("example", "csto", 1, 3, 2, 0.41, NOW)
    return kzquiz.Stats(reviews, 0.75, 3, states, (4, 0, 2, 1), (weak,))


def test_wrap_keeps_line_breaks_and_width() -> None:
    text = "A long line that certainly needs wrapping at twenty columns.\nSecond paragraph."
    lines = render.wrap(text, 20, indent="  ", first="> ")
    assert lines == [
        "> A long line that",
        "  certainly needs",
        "  wrapping at twenty",
        "  columns.",
        "  Second paragraph.",
    ]


def test_wrap_removes_escape_sequences() -> None:
    assert render.wrap("a\x1b[2Jb \x1b]0;pwned\x07c", 40) == ["ab c"]


def test_typo_verdict_shows_feedback_spelling_quote_and_note(deck: kzquiz.Deck) -> None:
    q = question(deck, "nsc-chief/recall")
    verdict = q.check("Karim Masimow")
    assert verdict.match is kzquiz.Match.TYPO
    lines = render.verdict_lines(console(80), q, verdict)
    assert lines == [
        "✓ Right, nearly",
        "  Almost: you wrote Karim Masimow, the spelling is Karim Masimov.",
        f"  Spelling: {verdict.diff}",
        "  “fired a few key figures of power, including Karim Masimov”",
    ]


def test_wrong_verdict_names_the_answer_once(deck: kzquiz.Deck) -> None:
    q = question(deck, "president/recall")
    lines = render.verdict_lines(console(80), q, q.check("Nazarbayev"))
    assert lines[0] == "✗ Wrong"
    assert sum("Kassym-Jomart Tokayev" in line for line in lines) == 1


def test_partly_right_verdict_shows_the_share(deck: kzquiz.Deck) -> None:
    q = question(deck, "csto/select")
    right = [i + 1 for i, choice in enumerate(q.choices) if choice in ("Armenia", "Russia", "Kazakhstan")][:1]
    verdict = q.check(" ".join(map(str, right)))
    assert 0 < verdict.score < 1
    lines = render.verdict_lines(console(80), q, verdict)
    assert lines[0] == f"◑ Partly right ({verdict.score:.0%})"


def test_note_is_shown(deck: kzquiz.Deck) -> None:
    q = attrs.evolve(question(deck, "police/true-false"), note="Police left the city.")
    lines = render.verdict_lines(console(80), q, q.check("true"))
    assert lines == ["✓ Right", "  Note: Police left the city."]
    two = attrs.evolve(q, note="Police left the city.\nThey came back on 7 January.")
    assert render.verdict_lines(console(80), two, two.check("false"))[-2:] == [
        "  Note: Police left the city.",
        "        They came back on 7 January.",
    ]


@pytest.mark.parametrize("qid", ["nsc-chief/recall", "capital-names/order", "csto/select", "statue/cloze"])
def test_nothing_is_wider_than_forty_columns(deck: kzquiz.Deck, qid: str) -> None:
    c = console(40)
    q = question(deck, qid)
    lines = [
        *render.question_lines(c, q, "3 done · 7 left"),
        *render.choice_lines(c, q.choices),
        *render.verdict_lines(c, q, q.check("Something quite long and wrong, surely not right")),
        *render.reveal_lines(c, q),
        *render.summary_lines(c, FakeSummary(), NOW),
        *render.stats_lines(c, FakeStats(), "default", NOW),
    ]
    assert max(len(line) for line in lines) <= 40


def test_colour_codes_do_not_count_towards_the_width(deck: kzquiz.Deck) -> None:
    q = question(deck, "nsc-chief/recall")
    lines = render.question_lines(console(40, color=True), q)
    assert any("\x1b[1m" in line for line in lines)
    assert max(len(ANSI.sub("", line)) for line in lines) <= 40


def test_summary_lines() -> None:
    lines = render.summary_lines(console(), FakeSummary(due_now=2), NOW)
    assert lines == [
        "",
        "── Summary ──",
        "Score     3.5 / 4 (88%)",
        "Right     3 of 4 answered",
        "Time      2 min 5 s",
        "By answer type",
        "  choice  2/2  100%",
        "  typed   1/2  50%",
        "Due now   2 more — run kzquiz again to go on",
        "Next      in 10 min",
    ]


def test_exam_summary_counts_unanswered_questions_and_has_no_schedule() -> None:
    lines = render.summary_lines(console(), FakeSummary(), NOW, out_of=10, interrupted=True, scheduled=False)
    assert lines[1] == "── Stopped early ──"
    assert "Score     3.5 / 10 (35%)" in lines
    assert not any(line.startswith("Next") for line in lines)


def test_empty_summary() -> None:
    lines = render.summary_lines(console(), FakeSummary(0, 0, 0, {}, 0, None, 0), NOW)
    assert lines == ["", "── Summary ──", "No questions answered.", "Time      0 s"]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (59.4, "59 s"), (60, "1 min"), (185, "3 min 5 s"), (3720, "1 h 2 min")]
)
def test_duration_text(seconds: float, text: str) -> None:
    assert render.duration_text(seconds) == text


def test_when_text() -> None:
    assert render.when_text(NOW - dt.timedelta(days=1), NOW) == "now"
    assert render.when_text(NOW + dt.timedelta(minutes=30), NOW) == "in 30 min"
    assert render.when_text(NOW + dt.timedelta(days=3), NOW).startswith("in 3 days (")


def test_stats_lines_with_forecast_chart() -> None:
    lines = render.stats_lines(console(40), FakeStats(), "ana", NOW)
    assert lines[:4] == ["Learner ana", "Reviews    12", "Retention  75%", "Streak     3 days"]
    chart = lines[lines.index("Due in the next days") + 1 :][:4]
    assert chart[0].startswith("  today ")
    assert chart[0].endswith(f"{render.BAR * 24} 4")
    assert chart[1].endswith(" 0")
    assert render.BAR not in chart[1]
    assert chart[2].endswith(f"{render.BAR * 12} 2")
    assert lines[-3:] == [
        "Weakest facts",
        "  example/csto: 1 of the last 3 answers",
        "    wrong, 2 lapses, 41% recall now",
    ]


def test_stats_lines_without_reviews() -> None:
    lines = render.stats_lines(console(80), FakeStats(reviews=0), "ana", NOW)
    assert lines == ["Learner ana", "No reviews yet: run kzquiz to start studying."]


def test_text_view_writes_progress_and_prompt(deck: kzquiz.Deck) -> None:
    c = console(80)
    TextView(c).question(question(deck, "president/recall"), Progress(2, 5))
    assert c.out.getvalue() == "\n2 done · 5 left\nWho was the president of Kazakhstan in January 2022?\n"  # type: ignore[attr-defined]


def test_json_view_writes_one_object_per_event(deck: kzquiz.Deck) -> None:
    import json

    out = io.StringIO()
    view = JsonView(out)
    q = question(deck, "alliance/choice")
    view.question(q, Progress(0, None, 3))
    view.verdict(q, q.check("the CSTO"))
    view.summary(FakeSummary(), NOW, out_of=3)
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [e["event"] for e in events] == ["question", "verdict", "summary"]
    assert events[0]["choices"] == list(q.choices)
    assert events[0]["total"] == 3
    assert events[1]["correct"] is True
    assert events[2]["out_of"] == 3
    assert events[2]["by_answer_type"] == {"choice": {"right": 2, "asked": 2}, "typed": {"right": 1, "asked": 2}}


def test_colour_follows_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_wanted(Tty())
    assert not colour_wanted(io.StringIO())
    assert not colour_wanted(Tty(), no_color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(Tty())


def test_console_style_is_plain_without_colour() -> None:
    assert console(color=False).style("x\x1b[2J", "red") == "x"
    assert console(color=True).style("x", "red", "bold") == "\x1b[31;1mx\x1b[0m"


@given(
    text=st.text(st.characters(blacklist_categories=["Cs"]), max_size=300),
    width=st.integers(min_value=20, max_value=100),
)
def test_wrapped_text_is_safe_and_fits(text: str, width: int) -> None:
    lines = render.wrap(text, width, indent="  ")
    for line in lines:
        assert "\x1b" not in line
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in line)
        assert len(line) <= width or " " not in line.strip()  # only a single word longer than the line overflows

"""What the pages show, as plain values built from the library's objects: pure functions, tested without a server.

Templates only lay these values out (Jinja2 escapes every one of them); nothing here writes HTML, so no deck
text can become markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

import kzquiz
from kzquiz.grading import NumberExpectation
from kzquiz.verdict import percent_text, repeats


@attrs.frozen
class Feedback:
    """What a learner reads after answering, as the command line shows it: a verdict and its explanations.

    ``tone`` is ``right``, ``partly`` or ``wrong`` (for the colour); ``answer`` is the right answer, shown when
    the learner's was not cleanly right and the feedback does not already say it.
    """

    tone: str
    label: str
    feedback: str
    diff: str
    answer: str
    quote: str
    note: str
    given: str


def feedback(question: kzquiz.Question, verdict: kzquiz.Verdict) -> Feedback:
    """The feedback for ``verdict``: the same verdict, spelling, answer, quote and note as ``kzquiz study``."""
    if verdict.correct:
        tone, label = "right", "Right" if verdict.match.is_clean else "Right, nearly"
    elif verdict.score > 0:
        tone, label = "partly", f"Partly right ({percent_text(verdict.score)})"
    else:
        tone, label = "wrong", "Wrong"
    text = verdict.feedback if verdict.feedback not in ("Right.", f"{label}.") else ""
    shown = verdict.expected and not verdict.match.is_clean and verdict.expected not in verdict.feedback
    shown = shown and question.answer_type is not kzquiz.AnswerType.TRUE_FALSE  # its feedback says which it is
    return Feedback(
        tone=tone,
        label=label,
        feedback=text,
        diff=verdict.diff,
        answer=verdict.expected if shown else "",
        quote="" if repeats(verdict.feedback, question.quote) else question.quote,
        note=question.note,
        given=verdict.answer,
    )


def input_mode(question: kzquiz.Question) -> str:
    """The ``inputmode`` of a typed answer's box, so that a phone shows the keyboard the answer needs ("" for the
    ordinary one): ``decimal`` (digits and a decimal point) for a number whose right answers are not negative;
    ``numeric`` (digits only) for an order of fewer than ten options, typed as ``312``; the ordinary keyboard for
    words, dates (month names), numbers that may be negative (a phone's number pad has no minus sign) and longer
    orders (which need spaces between numbers).
    """
    if question.answer_type is kzquiz.AnswerType.ORDER:
        return "numeric" if len(question.choices) < 10 else ""
    expectation = question.expectation
    if question.answer_type is not kzquiz.AnswerType.NUMBER or not isinstance(expectation, NumberExpectation):
        return ""
    bounds = [expectation.value, expectation.low, expectation.high]
    if any(isinstance(b, dt.date) for b in bounds):
        return ""
    numbers = [b for b in bounds if isinstance(b, int | float)]
    return "decimal" if all(n >= 0 for n in numbers) else ""


@attrs.frozen
class Bar:
    """One day of the due forecast, laid out for an SVG chart (user units of a 100-high view box)."""

    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


CHART_HEIGHT = 100.0
BAR_WIDTH = 20.0
BAR_GAP = 6.0


def forecast_bars(forecast: Sequence[int], now: dt.datetime) -> list[Bar]:
    """The forecast's bars (day 0 is today, overdue facts included), scaled so that the highest fills the chart."""
    most = max(forecast, default=0)
    bars = []
    for day, count in enumerate(forecast):
        date = (now + dt.timedelta(days=day)).date()
        label = "today" if day == 0 else f"{date:%a} {date.day}"
        height = 0.0 if not most else max(2.0 if count else 0.0, count / most * (CHART_HEIGHT - 20))
        x = day * (BAR_WIDTH + BAR_GAP)
        bars.append(Bar(label, count, x, CHART_HEIGHT - 12 - height, BAR_WIDTH, height))
    return bars


def chart_width(bars: Sequence[Bar]) -> float:
    """The view box width that holds ``bars``."""
    return max(BAR_WIDTH, len(bars) * (BAR_WIDTH + BAR_GAP) - BAR_GAP)


@attrs.frozen
class WeakFact:
    """One of a learner's weakest facts, named by its first question's prompt."""

    deck_title: str
    prompt: str
    lapses: int
    recall: float


def weakest(stats: kzquiz.Stats, decks: Sequence[kzquiz.Deck]) -> list[WeakFact]:
    """The learner's weakest facts (as :func:`kzquiz.stats` ranks them) that belong to these decks."""
    by_id = {deck.id: deck for deck in decks}
    out = []
    for weak in stats.weakest:
        deck = by_id.get(weak.deck_id)
        if deck is None:
            continue
        questions = deck.questions_for(weak.fact_id)
        prompt = questions[0].prompt if questions else weak.fact_id
        out.append(WeakFact(deck.title, prompt, weak.lapses, weak.retrievability))
    return out

"""How questions, verdicts, summaries and statistics look as text: pure functions from objects to lines.

Every function returns finished lines for :meth:`Console.raw`: untrusted text (a deck's, a learner's) is made safe
and wrapped to the console's width first, and styled after, so that colour codes never count towards the width
and nothing from a deck reaches the terminal unfiltered. Nothing here reads the clock: ``now`` is passed in.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from kzquiz.text import safe_text
from kzquiz.verdict import percent_text, repeats, score_text

if TYPE_CHECKING:
    from kzquiz.cli.console import Console
    from kzquiz.figures import Figures, WeakFigures
    from kzquiz.grading import Verdict
    from kzquiz.questions import AnswerType, Question
    from kzquiz.session import Tally

RIGHT, WRONG, PARTLY = "✓", "✗", "◑"
BAR = "█"


class SummaryLike(Protocol):
    """What a summary shows: a study session's :class:`kzquiz.session.Summary`, or an exam's result."""

    @property
    def answered(self) -> int: ...
    @property
    def correct(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def by_answer_type(self) -> Mapping[AnswerType, Tally]: ...
    @property
    def duration_seconds(self) -> float: ...
    @property
    def next_due(self) -> dt.datetime | None: ...
    @property
    def due_now(self) -> int: ...


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """``text`` made safe and wrapped to ``width``, keeping its own line breaks; ``first`` prefixes line one."""
    lead = indent if first is None else first
    lines: list[str] = []
    for paragraph in safe_text(text).split("\n"):
        prefix = lead if not lines else indent
        wrapped = textwrap.wrap(
            paragraph,
            width=max(width, len(prefix) + 10),
            initial_indent=prefix,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,  # a long path or link stays whole, so that it can be copied
        )
        lines.extend(wrapped or [prefix.rstrip()])
    return lines


def labelled(text: str, width: int, label: str) -> list[str]:
    """``  Label: text``, wrapped with every further line (its own or wrapped) indented under the text."""
    first = f"  {label}: "
    return wrap(text, width, indent=" " * len(first), first=first)


def question_lines(console: Console, question: Question, progress: str = "") -> list[str]:
    """The question as it opens: a progress line, then the prompt in bold."""
    lines = [""]
    if progress:
        lines.append(console.style(progress, "dim"))
    lines.extend(console.style(line, "bold") for line in wrap(question.prompt, console.width))
    return lines


def choice_lines(console: Console, choices: Sequence[str], *, numbered: bool = True) -> list[str]:
    """Options listed for reading: numbered ``1)`` where the learner answers by number, bulleted otherwise."""
    lines: list[str] = []
    for number, choice in enumerate(choices, start=1):
        mark = f"{number:>2}) " if numbered else "  - "
        lines.extend(wrap(choice, console.width, indent=" " * len(mark), first=mark))
    return lines


def progress_text(done: int, left: int | None, total: int | None = None) -> str:
    """``3 done · 7 left`` (study, where more may become due) or ``Question 4 of 10`` (a fixed exam)."""
    if total is not None:
        return f"Question {done + 1} of {total}"
    if left is None:
        return f"{done} done"
    return f"{done} done · {left} left"


def verdict_lines(console: Console, question: Question, verdict: Verdict) -> list[str]:
    """What a learner sees after answering: right or wrong, the feedback, the answer, the source and the note."""
    width = console.width
    if verdict.correct:
        mark, label, colour = RIGHT, "Right" if verdict.match.is_clean else "Right, nearly", "green"
    elif verdict.score > 0:
        mark, label, colour = PARTLY, f"Partly right ({percent_text(verdict.score)})", "yellow"
    else:
        mark, label, colour = WRONG, "Wrong", "red"
    lines = [console.style(f"{mark} {label}", "bold", colour)]
    feedback = verdict.feedback
    if feedback and feedback not in ("Right.", f"{label}."):
        lines.extend(wrap(feedback, width, indent="  "))
    if verdict.diff:
        lines.extend(labelled(verdict.diff, width, "Spelling"))
    if says_answer(question, verdict):
        lines.extend(console.style(line, colour) for line in labelled(verdict.expected, width, "Answer"))
    if question.quote and not repeats(feedback, question.quote):
        quoted = wrap(f"“{question.quote}”", width, indent="  ")
        lines.extend(console.style(line, "dim", "italic") for line in quoted)
    if question.note:
        lines.extend(console.style(line, "cyan") for line in labelled(question.note, width, "Note"))
    return lines


def says_answer(question: Question, verdict: Verdict) -> bool:
    """Whether the right answer needs a line of its own: not when the answer was right, nor when the feedback says
    it already (a true-or-false verdict always says which it is, with the correction)."""
    from kzquiz.questions import AnswerType

    if not verdict.expected or verdict.match.is_clean or question.answer_type is AnswerType.TRUE_FALSE:
        return False
    return verdict.expected not in verdict.feedback


def appeal_lines(console: Console, due: dt.datetime | None, now: dt.datetime) -> list[str]:
    """What an appeal did: the answer counts as right until a teacher decides, and when the fact comes back."""
    text = "Appeal noted: your answer counts as right unless your teacher rejects it."
    if due is not None:
        text += f"\nNext review {when_text(due, now)}."
    return [console.style(line, "cyan") for line in wrap(text, console.width, indent="  ", first="⚑ ")]


def reveal_lines(console: Console, question: Question) -> list[str]:
    """A flashcard's back: the answer, the source quote and the note."""
    width = console.width
    lines = [console.style(line, "bold", "green") for line in labelled(question.expected, width, "Answer")]
    if question.quote:
        lines.extend(console.style(line, "dim", "italic") for line in wrap(f"“{question.quote}”", width, "  "))
    if question.note:
        lines.extend(console.style(line, "cyan") for line in labelled(question.note, width, "Note"))
    return lines


def duration_text(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``, ``1 h 2 min``: a duration as people say it."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, whole = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {whole} s" if whole else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def when_text(moment: dt.datetime, now: dt.datetime) -> str:
    """When ``moment`` is, from ``now``: ``now``, ``in 10 min``, ``in 3 days (2 Dec)``, in local time."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    local = moment.astimezone()
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"in {round(seconds / 3600)} h ({local:%H:%M})"
    days = round(seconds / 86400)
    return f"in {days} day{'s' if days != 1 else ''} ({local.day} {local:%b})"


def summary_lines(
    console: Console,
    summary: SummaryLike,
    now: dt.datetime,
    *,
    out_of: int | None = None,
    interrupted: bool = False,
    scheduled: bool = True,
) -> list[str]:
    """The closing summary: score, time, accuracy by answer type and, when ``scheduled``, when to come back.

    ``out_of`` is an exam's number of questions (unanswered ones count as wrong); a study session's score is out
    of the questions answered.
    """
    title = "Stopped early" if interrupted else "Summary"
    lines = ["", console.style(f"── {title} ──", "bold")]
    total = summary.answered if out_of is None else out_of
    if total:
        share = summary.score / total
        lines.append(f"Score     {score_text(summary.score)} / {total} ({percent_text(share)})")
        lines.append(f"Right     {summary.correct} of {summary.answered} answered")
    else:
        lines.append("No questions answered.")
    lines.append(f"Time      {duration_text(summary.duration_seconds)}")
    if summary.by_answer_type:
        lines.append("By answer type")
        tallies = sorted((answer_type.value, tally) for answer_type, tally in summary.by_answer_type.items())
        name_width = max(len(name) for name, _ in tallies)
        for name, tally in tallies:
            percent = percent_text(tally.right / tally.asked) if tally.asked else "-"
            lines.append(f"  {name:<{name_width}}  {tally.right}/{tally.asked}  {percent}")
    if scheduled:
        if summary.due_now:
            lines.append(f"Due now   {summary.due_now} more — run kzquiz again to go on")
        if summary.next_due is not None:
            lines.append(f"Next      {when_text(summary.next_due, now)}")
    return lines


def stats_lines(console: Console, stats: Figures, learner: str, now: dt.datetime) -> list[str]:
    """``kzquiz stats``: reviews, retention, streak, facts by state, a 14-day due forecast and the weakest facts."""
    width = console.width
    lines = [console.style(f"Learner {learner}", "bold")]
    if not stats.reviews:
        return [*lines, *wrap("No reviews yet: run kzquiz to start studying.", width)]
    lines.append(f"Reviews    {stats.reviews}")
    lines.append(f"Retention  {stats.retention:.0%}")
    lines.append(f"Streak     {stats.streak} day{'s' if stats.streak != 1 else ''}")
    lines.append("Facts")
    lines.extend(f"  {state.value:<11}{count}" for state, count in stats.by_state.items())
    if stats.forecast:
        lines.append("")
        lines.append(console.style("Due in the next days", "bold"))
        lines.extend(forecast_lines(console, stats.forecast, now, width))
    if stats.weakest:
        lines.append("")
        lines.append(console.style("Weakest facts", "bold"))
        for weak in stats.weakest:
            text = f"{weak.deck_id}/{weak.fact_id}: {weakness_text(weak)}"
            lines.extend(wrap(text, width, indent="    ", first="  "))
    return lines


def weakness_text(weak: WeakFigures) -> str:
    """Why a fact is weak, in words: ``2 of the last 3 answers wrong, 1 lapse, 41% recall now``."""
    parts = []
    if weak.recent_wrong:
        if weak.recent_answers == 1:
            parts.append("the last answer wrong")
        else:
            parts.append(f"{weak.recent_wrong} of the last {weak.recent_answers} answers wrong")
    if weak.lapses:
        parts.append(f"{weak.lapses} lapse{'s' if weak.lapses != 1 else ''}")
    parts.append(f"{weak.retrievability:.0%} recall now")
    return ", ".join(parts)


def forecast_lines(console: Console, forecast: Iterable[int], now: dt.datetime, width: int) -> list[str]:
    """One bar per day, scaled to fit ``width``: ``Sat 28 ████ 4`` (day 0 is today, overdue cards included)."""
    counts = list(forecast)
    most = max(counts, default=0)
    room = max(4, width - 16)
    lines = []
    for day, count in enumerate(counts):
        date = (now.astimezone() + dt.timedelta(days=day)).date()
        label = "today " if day == 0 else f"{date:%a} {date.day:<2}"
        bar = BAR * (0 if not most else max(1 if count else 0, round(count / most * room)))
        lines.append(f"  {label} {console.style(bar, 'cyan')} {count}".rstrip())
    return lines


def tally_by_answer_type(entries: Iterable[tuple[AnswerType, bool]]) -> dict[AnswerType, Tally]:
    """Right and asked counts by answer type, from ``(answer type, correct)`` pairs."""
    from kzquiz.session import Tally

    tallies: dict[AnswerType, Tally] = {}
    for answer_type, correct in entries:
        before = tallies.get(answer_type, Tally(0, 0))
        tallies[answer_type] = Tally(before.right + int(correct), before.asked + 1)
    return tallies

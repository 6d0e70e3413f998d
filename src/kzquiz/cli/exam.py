"""``kzquiz exam``: a fixed test as a teacher sets it, with a result file the teacher can collect.

The questions are chosen by :func:`pick_questions` from the deck and the seed alone, so every learner who runs the
same command gets the same test. Nothing is scheduled or stored unless ``--record`` asks for it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import heapq
import io
import json
import random
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from kzquiz.cli import render, views
from kzquiz.cli.prompter import LinePrompter
from kzquiz.cli.stopping import EXIT_INTERRUPTED, Stop, exit_status, until_stopped, utc_now
from kzquiz.cli.views import Progress
from kzquiz.errors import KzquizError
from kzquiz.grading import Verdict
from kzquiz.model import Deck
from kzquiz.picks import picked_text
from kzquiz.questions import AnswerType, Question
from kzquiz.text import csv_cell, safe_data, safe_text
from kzquiz.verdict import rounded_score

if TYPE_CHECKING:
    from kzquiz.cli.console import Console
    from kzquiz.session import Tally

REPORT_FORMATS = (".json", ".csv")

EXAM_APPEAL = "an exam takes no appeals while it runs (ask your teacher); type your answer to this question"
"""Why ``/appeal`` is refused during an exam; the question is asked again."""

Grader = Callable[[Question, str, float], Verdict]
"""Grades an answer given in so many seconds: :meth:`Question.check`, or a session that also records it."""


@attrs.frozen
class ExamAnswer:
    """One answered exam question."""

    number: int
    question: Question
    verdict: Verdict
    seconds: float


@attrs.frozen
class ExamResult:
    """An exam as sat: the questions set, the answers given, and when. Unanswered questions count as wrong."""

    deck: Deck
    learner: str
    seed: int
    questions: tuple[Question, ...]
    answers: tuple[ExamAnswer, ...]
    started: dt.datetime
    finished: dt.datetime
    completed: bool

    @property
    def answered(self) -> int:
        """How many questions were answered."""
        return len(self.answers)

    @property
    def correct(self) -> int:
        """How many answers were right."""
        return sum(1 for a in self.answers if a.verdict.correct)

    @property
    def score(self) -> float:
        """The sum of the answers' scores (partial credit included), out of ``len(questions)``."""
        return rounded_score(sum(a.verdict.score for a in self.answers))

    @property
    def by_answer_type(self) -> dict[AnswerType, Tally]:
        """Right and asked counts by answer type."""
        return render.tally_by_answer_type((a.question.answer_type, a.verdict.correct) for a in self.answers)

    @property
    def duration_seconds(self) -> float:
        """Time from the first question to the end."""
        return (self.finished - self.started).total_seconds()

    @property
    def next_due(self) -> dt.datetime | None:
        """An exam schedules nothing, so it has no next review."""
        return None

    @property
    def due_now(self) -> int:
        """An exam schedules nothing."""
        return 0


def parse_answer_types(values: Sequence[str] | None) -> frozenset[AnswerType] | None:
    """The answer types ``--types`` names (comma-separated, or the option repeated), or None for every type."""
    if not values:
        return None
    names = [name.strip() for value in values for name in value.split(",") if name.strip()]
    known = {answer_type.value: answer_type for answer_type in AnswerType}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KzquizError(f"unknown answer type {unknown[0]!r} for --types (choose from {', '.join(known)})")
    if not names:  # --types "" or --types ,
        raise KzquizError(f"--types names no answer type (choose from {', '.join(known)})")
    return frozenset(known[name] for name in names)


def pick_questions(
    deck: Deck, count: int, answer_types: Collection[AnswerType] | None = None, seed: int = 0
) -> tuple[Question, ...]:
    """``count`` questions from ``deck``, one per fact while facts last, chosen and ordered by ``seed`` alone.

    One question per fact first, because two forms of the same fact in one test give each other away; and no
    question shows the answer of a question after it (see :func:`kzquiz.leaks.gives_away`) unless the deck leaves
    no other choice.
    """
    if count < 1:
        raise KzquizError("--count must be at least 1")
    rng = random.Random(seed)
    facts = list(deck.facts)
    rng.shuffle(facts)
    first: list[Question] = []
    rest: list[Question] = []
    for fact in facts:
        candidates = [q for q in deck.questions_for(fact.id) if answer_types is None or q.answer_type in answer_types]
        if candidates:
            chosen = rng.choice(candidates)
            first.append(chosen)
            rest.extend(q for q in candidates if q is not chosen)
    if not first:
        wanted = ", ".join(sorted(t.value for t in answer_types)) if answer_types else "any answer type"
        raise KzquizError(f"deck {deck.id!r} has no questions of answer type {wanted}")
    rng.shuffle(rest)
    return _without_leaks([*first, *rest], count)


def _without_leaks(candidates: list[Question], count: int) -> tuple[Question, ...]:
    """``count`` of ``candidates``, in their order where possible, so that no question shows a later one's answer.

    A candidate is taken when the questions taken so far and it can still be put in such an order (the leaks
    between them make no cycle: "a shows b's answer, b shows a's" has no such order); otherwise it is left over,
    and used, last, only if too few are left. The questions taken are then put in order: each place goes to the
    first of them, in the candidates' order, whose answer no question still to be placed shows.
    """
    from kzquiz.leaks import LeakGuard

    gives_away = LeakGuard().gives_away
    chosen: list[Question] = []
    later: list[set[int]] = []  # later[i]: the chosen questions that show the answer of chosen[i]
    left_over: list[Question] = []
    for question in candidates:
        if len(chosen) == count:
            break
        givers = {i for i, q in enumerate(chosen) if gives_away(q, question)}
        shown = {i for i, q in enumerate(chosen) if gives_away(question, q)}
        if givers & shown or _reaches(later, givers, shown):
            left_over.append(question)
            continue
        for i in shown:
            later[i].add(len(chosen))
        later.append(givers)
        chosen.append(question)
    waiting = [0] * len(chosen)  # how many questions must come before each (the answers it shows)
    for after in later:
        for i in after:
            waiting[i] += 1
    ready = [i for i, n in enumerate(waiting) if n == 0]
    heapq.heapify(ready)
    ordered: list[Question] = []
    while ready:
        i = heapq.heappop(ready)
        ordered.append(chosen[i])
        for j in later[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, j)
    return tuple([*ordered, *left_over][:count])


def _reaches(later: list[set[int]], starts: set[int], targets: set[int]) -> bool:
    """Whether a question of ``targets`` must come after one of ``starts`` (following ``later``)."""
    if not starts or not targets:
        return False
    seen, stack = set(starts), list(starts)
    while stack:
        i = stack.pop()
        if i in targets:
            return True
        for j in later[i] - seen:
            seen.add(j)
            stack.append(j)
    return False


def check_report_path(path: str | None) -> Path | None:
    """The ``--report`` path, checked before the exam starts so that no one sits a test whose result is lost."""
    if not path:
        return None
    report = Path(path)
    if report.suffix.lower() not in REPORT_FORMATS:
        raise KzquizError(f"--report {path}: the file name must end in .json or .csv")
    folder = report.parent
    if not folder.is_dir():
        raise KzquizError(f"--report {path}: the folder {folder} does not exist")
    if report.is_dir():
        raise KzquizError(f"--report {path}: that is a folder")
    return report


def run_exam(
    questions: Sequence[Question],
    ask: Callable[[Question, int], str],
    grader: Grader,
    show: Callable[[Question, Verdict], None],
    timer: Callable[[], float],
    answers: list[ExamAnswer],
) -> None:
    """Ask every question in turn, appending to ``answers`` as each is graded (so an interruption keeps them)."""
    for number, question in enumerate(questions, start=1):
        start = timer()
        text = ask(question, number)
        seconds = timer() - start
        verdict = grader(question, text, seconds)
        answers.append(ExamAnswer(number, question, verdict, round(seconds, 3)))
        show(question, verdict)


_FIELDS = (
    "learner",
    "deck",
    "number",
    "question_id",
    "form",
    "answer_type",
    "prompt",
    "answer",
    "expected",
    "correct",
    "score",
    "match",
    "seconds",
)


def report_rows(result: ExamResult) -> list[dict[str, Any]]:
    """One row per question set, answered or not, in the order asked."""
    given = {a.number: a for a in result.answers}
    rows = []
    for number, question in enumerate(result.questions, start=1):
        answer = given.get(number)
        rows.append(
            {
                "learner": result.learner,
                "deck": result.deck.id,
                "number": number,
                "question_id": question.id,
                "form": question.form.value,
                "answer_type": question.answer_type.value,
                "prompt": safe_text(question.prompt),
                "answer": picked_text(question, answer.verdict.answer) if answer else None,
                "expected": safe_text(question.expected),
                "correct": answer.verdict.correct if answer else False,
                "score": rounded_score(answer.verdict.score) if answer else 0.0,
                "match": answer.verdict.match.value if answer else "unanswered",
                "seconds": answer.seconds if answer else None,
            }
        )
    return rows


def report_json(result: ExamResult) -> str:
    """The result file as JSON: who, which test, the score out of the questions set, and every answer."""
    document = {
        "learner": result.learner,
        "deck": {"id": result.deck.id, "title": result.deck.title, "content_hash": result.deck.content_hash},
        "seed": result.seed,
        "started": result.started.isoformat(),
        "finished": result.finished.isoformat(),
        "completed": result.completed,
        "questions": len(result.questions),
        "answered": result.answered,
        "correct": result.correct,
        "score": result.score,
        "by_answer_type": views.tally_json(result.by_answer_type),
        "answers": report_rows(result),
    }
    return json.dumps(safe_data(document), ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (a learner's answer "=HYPERLINK(...)")."""
    return csv_cell(value) if isinstance(value, str) else value


def report_csv(result: ExamResult) -> str:
    """The result file as CSV: a header row, then one row per question set."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in report_rows(result):
        writer.writerow({key: _cell(safe_data(value)) for key, value in row.items()})
    return buffer.getvalue()


def write_report(result: ExamResult, path: Path) -> None:
    """Write the result file atomically: a reader never sees half a file, and a failed write leaves none."""
    from kzquiz.files import write_atomic

    text = report_csv(result) if path.suffix.lower() == ".csv" else report_json(result)
    try:
        write_atomic(path, text)
    except OSError as error:
        raise KzquizError(f"cannot write the report {path}: {error.strerror or error}") from error


def exam(args: argparse.Namespace, console: Console) -> int:
    """The ``kzquiz exam`` command: set the test, ask it, show the score and write the result file."""
    from kzquiz.cli.learn import interactive, load_decks, quiz_io

    report = check_report_path(args.report)
    answer_types = parse_answer_types(args.types)
    [deck] = load_decks([args.deck])
    questions = pick_questions(deck, args.count, answer_types, args.seed)
    prompter, view = quiz_io(args, console)
    if isinstance(prompter, LinePrompter):  # "/appeal" typed in place of an answer: refused, and asked again
        prompter.on_appeal = lambda: view.appeal_refused(EXAM_APPEAL)
    total = len(questions)
    store = None
    grader: Grader
    if args.record:
        from kzquiz.session import Session
        from kzquiz.stores import open_store

        store = open_store(args.db)
        session = Session([deck], store, learner=args.learner, clock=utc_now, appeals=False)  # a test's verdicts stand

        def grader(question: Question, text: str, seconds: float) -> Verdict:
            return session.answer(question, text, duration=seconds)

    else:

        def grader(question: Question, text: str, seconds: float) -> Verdict:
            return question.check(text)

    def ask(question: Question, number: int) -> str:
        view.question(question, Progress(done=number - 1, left=total - number + 1, total=total))
        return prompter.ask(question)

    answers: list[ExamAnswer] = []
    started = utc_now()
    try:
        stop = until_stopped(lambda: run_exam(questions, ask, grader, view.verdict, time.monotonic, answers))
    finally:
        if store is not None:
            store.close()
    finished = utc_now()
    result = ExamResult(
        deck, args.learner, args.seed, questions, tuple(answers), started, finished, stop is Stop.FINISHED
    )
    status = exit_status(stop, interactive=interactive(args))
    if status == EXIT_INTERRUPTED and interactive(args):
        console.raw("\n")
    view.summary(result, finished, out_of=total, interrupted=stop is not Stop.FINISHED, scheduled=False)
    if report is not None:
        write_report(result, report)
        view.notice(f"Result written to {report}")
    return status

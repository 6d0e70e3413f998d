"""The learner's pages: join a class, sign in, the decks with due counts, one question per page, progress."""

from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import kzquiz
from kzquiz.server import auth, study, views
from kzquiz.server.classroom import ClassroomError, Learner, Role, StoredDeck
from kzquiz.server.web import (
    NOT_FOUND,
    PageError,
    checked_form,
    end_sign_in,
    field,
    learner_of,
    note_failure,
    redirect,
    render,
    signed_in,
    start_sign_in,
    state,
    too_many_failures,
)

MAX_NAME = 60


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a learner's, teacher's or class's name, or ``None``: any printable text will do
    ("History 7/8", "Қазақ тілі"), as pages escape it and URLs name accounts and classes by their ids."""
    if not name:
        return "type your name"
    if len(name) > MAX_NAME:
        return f"a name has at most {MAX_NAME} characters"
    if not name.isprintable():
        return "a name cannot contain control characters"
    return None


async def home(request: Request) -> Response:
    """The front page: where to go, or straight to one's own page when signed in."""
    found = signed_in(request)
    if found is not None:
        return redirect("/learn" if found.role is Role.LEARNER else "/teach")
    return render(request, "home.html")


async def join(request: Request) -> Response:
    """Join a class with its code, a name and a password; then study."""
    if request.method == "GET":
        return render(request, "join.html", error="", code=request.query_params.get("code", "")[:20], name="")
    form = await checked_form(request)
    values = {"code": field(form, "code", 20), "name": field(form, "name", MAX_NAME)}
    password = field(form, "password", auth.MAX_PASSWORD)
    app = state(request)
    klass = app.classroom.class_with_code(values["code"]) if values["code"] else None
    error = (
        ("No class has this code: check it with your teacher." if klass is None else None)
        or name_problem(values["name"])
        or auth.password_problem(password)
    )
    if error is None and klass is not None:
        hashed = await run_in_threadpool(auth.hash_password, password)
        try:
            learner = app.classroom.add_learner(klass.id, values["name"], hashed)
        except ClassroomError as taken:
            error = f"{taken}, or sign in if it is you."
        else:
            return start_sign_in(request, redirect("/learn"), Role.LEARNER, learner.id)
    return render(
        request, "join.html", status=400, error=_sentence(error or ""), code=values["code"], name=values["name"]
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


async def login(request: Request) -> Response:
    """Sign in as a learner: class code, name and password, with a bounded number of failures."""
    if request.method == "GET":
        return render(request, "login.html", error="", code=request.query_params.get("code", "")[:20], name="")
    form = await checked_form(request)
    code, name = field(form, "code", 20), field(form, "name", MAX_NAME)
    password = field(form, "password", auth.MAX_PASSWORD)
    app = state(request)
    account_key = f"learner:{code.upper()}/{name.casefold()}"
    refused = too_many_failures(request, account_key)
    if refused is None:
        klass = app.classroom.class_with_code(code) if code else None
        learner = app.classroom.learner_named(klass.id, name) if klass is not None else None
        hashed = learner.password_hash if learner is not None else auth.DUMMY_HASH
        right = await run_in_threadpool(auth.verify_password, hashed, password)
        if learner is not None and right:
            return start_sign_in(request, redirect("/learn"), Role.LEARNER, learner.id)
        note_failure(request, account_key)
        refused = "The class code, name or password is wrong."
    status = 429 if refused.startswith("Too many") else 400
    return render(request, "login.html", status=status, error=refused, code=code, name=name)


async def logout(request: Request) -> Response:
    """Sign out (a form, so that another site cannot sign you out with a link)."""
    await checked_form(request)
    return end_sign_in(request, redirect("/"))


def learner_deck(request: Request, learner: Learner) -> tuple[StoredDeck, kzquiz.Deck]:
    """The deck in the URL, if it is assigned to the learner's class; 404 otherwise."""
    key = request.path_params["deck"]
    app = state(request)
    stored = next((d for d in app.classroom.class_decks(learner.class_id) if d.id == key), None)
    if stored is None:
        raise PageError(404, "Not found", NOT_FOUND)
    return stored, app.decks.get(stored)


async def decks(request: Request) -> Response:
    """The learner's decks, each with the facts due now and the new ones for today."""
    learner = learner_of(request)
    app = state(request)
    now = app.now()
    klass = app.classroom.klass(learner.class_id)
    rows = []
    for stored in app.classroom.class_decks(learner.class_id):
        deck = app.decks.get(stored)
        rows.append((stored, deck, study.counts(app.store, learner.store_name, deck, now)))
    return render(request, "learn.html", learner=learner, klass=klass, rows=rows)


async def question_page(request: Request) -> Response:
    """The next question of a deck, or the end of today's work on it."""
    learner = learner_of(request)
    _, deck = learner_deck(request, learner)
    return _ask(request, learner, deck)


def _ask(request: Request, learner: Learner, deck: kzquiz.Deck, error: str = "", typed: str = "") -> Response:
    app = state(request)
    now = app.now()
    found = study.next_question(app.store, app.secret, learner.store_name, deck, now)
    if found is None:
        return render(request, "done.html", deck=deck, key=request.path_params["deck"])
    question, ticket, counts = found
    return render(
        request,
        "question.html",
        status=400 if error else 200,
        deck=deck,
        key=request.path_params["deck"],
        question=question,
        ticket=ticket,
        answer_type=question.answer_type.value,
        input_mode=views.input_mode(question),
        counts=counts,
        error=error,
        typed=typed,
    )


async def answer_page(request: Request) -> Response:
    """Grade and record an answer, then show the feedback with a button to the next question."""
    form = await checked_form(request)
    learner = learner_of(request)
    _, deck = learner_deck(request, learner)
    app = state(request)
    now = app.now()
    typed = field(form, "answer", study.MAX_ANSWER + 1)
    picks = [value for value in form.getlist("pick") if isinstance(value, str)]
    try:
        ticket = study.question_of(app.secret, learner.store_name, deck, field(form, "ticket", 2000), now)
        question = study.asked_question(deck, ticket)
        text = study.answer_text(question, typed, picks)
        outcome = study.answer(app.store, app.classroom, app.secret, learner.store_name, deck, ticket, text, now)
    except study.AnswerError as error:
        return _ask(request, learner, deck, error=_sentence(str(error)), typed=typed)
    except kzquiz.UnknownQuestionError:
        return _ask(request, learner, deck, error="The teacher changed this question: here is the next one.")
    shown = views.feedback(outcome.question, outcome.verdict)
    return render(
        request,
        "feedback.html",
        deck=deck,
        key=request.path_params["deck"],
        question=outcome.question,
        feedback=shown,
        recorded=outcome.recorded,
        resent=outcome.resent,
        appeal=outcome.appeal,
    )


async def appeal_page(request: Request) -> Response:
    """ "I was right": appeal the verdict of an answer; it counts as right until the teacher decides."""
    form = await checked_form(request)
    learner = learner_of(request)
    _, deck = learner_deck(request, learner)
    app = state(request)
    try:
        study.appeal(app.store, app.secret, learner.store_name, deck, field(form, "appeal", 2000), app.now())
    except study.AnswerError as error:
        raise PageError(400, "Cannot appeal", _sentence(str(error))) from None
    except kzquiz.AppealError as error:
        raise PageError(409, "Cannot appeal", _sentence(str(error))) from None
    return render(request, "appealed.html", deck=deck, key=request.path_params["deck"])


async def progress(request: Request) -> Response:
    """Reviews, retention, streak, the due forecast as an SVG chart, and the weakest facts."""
    learner = learner_of(request)
    app = state(request)
    now = app.now().astimezone()
    stats = kzquiz.stats(app.store, learner.store_name, now)
    decks = [app.decks.get(stored) for stored in app.classroom.class_decks(learner.class_id)]
    bars = views.forecast_bars(stats.forecast, now)
    return render(
        request,
        "progress.html",
        learner=learner,
        stats=stats,
        bars=bars,
        chart_width=views.chart_width(bars),
        chart_height=views.CHART_HEIGHT,
        weakest=views.weakest(stats, decks),
        today=dt.date.today(),
    )


routes = [
    Route("/", home),
    Route("/join", join, methods=["GET", "POST"]),
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/learn", decks),
    Route("/learn/progress", progress),
    Route("/learn/decks/{deck:id}", question_page),
    Route("/learn/decks/{deck:id}", answer_page, methods=["POST"]),
    Route("/learn/decks/{deck:id}/appeal", appeal_page, methods=["POST"]),
]
"""The learner's routes."""

"""The teacher's pages: the first-run account, signing in, classes and join codes, deck uploads and assignments."""

from __future__ import annotations

import secrets
import urllib.parse

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import kzquiz
from kzquiz.reporting import cells_csv
from kzquiz.server import auth
from kzquiz.server.classroom import ClassroomError, Klass, Role, StoredDeck, Teacher
from kzquiz.server.dashboard import answers_of, class_report, dashboard, fact_prompt
from kzquiz.server.deciding import accept_group, find_group, pending_groups, reject_group
from kzquiz.server.decks import read_upload
from kzquiz.server.learner import MAX_NAME, name_problem
from kzquiz.server.web import (
    NOT_FOUND,
    PageError,
    checked_form,
    field,
    note_failure,
    redirect,
    render,
    start_sign_in,
    state,
    teacher_of,
    too_many_failures,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join codes use letters and digits that cannot be mistaken for one another (no O and 0, I and 1)."""
CODE_LENGTH = 6


def new_join_code() -> str:
    """A random join code, such as ``K7QX2M``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def setup(request: Request) -> Response:
    """The first run: create the teacher's account with the one-time token printed on the server's console."""
    app = state(request)
    form = await checked_form(request) if request.method == "POST" else None
    expected = app.classroom.setup_token()
    if expected is None:
        raise PageError(404, "Already set up", "This server has a teacher account: sign in as a teacher.")
    if form is None:
        given = request.query_params.get("token", "")
        return render(request, "setup.html", token=given[:100], error="", username="")
    token, username = field(form, "token", 100), field(form, "username", MAX_NAME)
    password = field(form, "password", auth.MAX_PASSWORD)
    if not auth.same(token, expected):
        note_failure(request, "setup")
        error = "The set-up token is wrong: copy it from the server's console."
    else:
        error = name_problem(username) or auth.password_problem(password) or ""
    if not error:
        hashed = await run_in_threadpool(auth.hash_password, password)
        teacher = app.classroom.add_teacher(username, hashed)
        return start_sign_in(request, redirect("/teach"), Role.TEACHER, teacher.id)
    return render(
        request, "setup.html", status=400, token=token, username=username, error=error[:1].upper() + error[1:]
    )


async def teacher_login(request: Request) -> Response:
    """Sign in as a teacher, with a bounded number of failures per account and per address."""
    if request.method == "GET":
        return render(request, "teacher_login.html", error="", username="")
    form = await checked_form(request)
    username, password = field(form, "username", MAX_NAME), field(form, "password", auth.MAX_PASSWORD)
    account_key = f"teacher:{username.casefold()}"
    refused = too_many_failures(request, account_key)
    if refused is None:
        teacher = state(request).classroom.teacher_named(username)
        hashed = teacher.password_hash if teacher is not None else auth.DUMMY_HASH
        right = await run_in_threadpool(auth.verify_password, hashed, password)
        if teacher is not None and right:
            return start_sign_in(request, redirect("/teach"), Role.TEACHER, teacher.id)
        note_failure(request, account_key)
        refused = "The name or password is wrong."
    status = 429 if refused.startswith("Too many") else 400
    return render(request, "teacher_login.html", status=status, error=refused, username=username)


def own_class(request: Request, teacher: Teacher) -> Klass:
    """The class in the URL, if it is this teacher's; 404 otherwise (another teacher's class is not shown)."""
    klass = state(request).classroom.klass(request.path_params["klass"])
    if klass is None or klass.teacher_id != teacher.id:
        raise PageError(404, "Not found", NOT_FOUND)
    return klass


def own_deck(request: Request, teacher: Teacher, key: int) -> StoredDeck:
    """The deck ``key``, if this teacher uploaded it; 404 otherwise."""
    stored = state(request).classroom.deck(key)
    if stored is None or stored.teacher_id != teacher.id:
        raise PageError(404, "Not found", NOT_FOUND)
    return stored


async def overview(request: Request) -> Response:
    """The teacher's classes and decks, with forms to add a class and upload a deck."""
    teacher = teacher_of(request)
    app = state(request)
    return render(
        request,
        "teach.html",
        teacher=teacher,
        classes=app.classroom.classes(teacher.id),
        decks=app.classroom.teacher_decks(teacher.id),
        error="",
    )


async def add_class(request: Request) -> Response:
    """Create a class with a fresh join code."""
    form = await checked_form(request)
    teacher = teacher_of(request)
    name = field(form, "name", MAX_NAME)
    app = state(request)
    error = name_problem(name)
    if error is None:
        for _ in range(10):  # a code already in use is drawn again
            if app.classroom.class_with_code(code := new_join_code()) is None:
                break
        try:
            klass = app.classroom.add_class(teacher.id, name, code)
        except ClassroomError as taken:
            error = str(taken)
        else:
            return redirect(f"/teach/classes/{klass.id}")
    return render(
        request,
        "teach.html",
        status=400,
        teacher=teacher,
        classes=app.classroom.classes(teacher.id),
        decks=app.classroom.teacher_decks(teacher.id),
        error=error[:1].upper() + error[1:],
    )


async def class_page(request: Request) -> Response:
    """A class: its join code, learners and decks, with forms to assign the teacher's decks."""
    teacher = teacher_of(request)
    klass = own_class(request, teacher)
    app = state(request)
    assigned = app.classroom.class_decks(klass.id)
    others = [d for d in app.classroom.teacher_decks(teacher.id) if d.id not in {a.id for a in assigned}]
    learners = app.classroom.learners(klass.id)
    decks = [app.decks.get(stored) for stored in assigned]
    report = dashboard(app.store, learners, decks)
    by_id = {deck.id: (stored.id, deck) for deck, stored in zip(decks, assigned, strict=True)}
    groups = [
        (by_id[g.deck_id][0], g, fact_prompt(by_id[g.deck_id][1], g.fact_id))
        for g in pending_groups(app.store, learners, decks)
        if g.deck_id in by_id
    ]
    notes = request.query_params.getlist("note")[:10]
    return render(
        request,
        "class.html",
        klass=klass,
        learners=learners,
        assigned=assigned,
        others=others,
        report=report,
        groups=groups,
        notes=notes,
        join_url=f"{request.base_url}join?code={klass.join_code}",
    )


async def decide(request: Request) -> Response:
    """Accept or reject a group of the class's pending appeals (one answer to one fact), as kzquiz accept and
    kzquiz reject do."""
    form = await checked_form(request)
    teacher = teacher_of(request)
    klass = own_class(request, teacher)
    app = state(request)
    key = field(form, "deck", 20)
    listed = next((d for d in app.classroom.class_decks(klass.id) if str(d.id) == key), None)
    stored = app.classroom.deck(listed.id) if listed is not None else None
    if stored is None:
        raise PageError(404, "Not found", NOT_FOUND)
    deck = app.decks.get(stored)
    groups = pending_groups(app.store, app.classroom.learners(klass.id), [deck])
    group = find_group(groups, deck.id, field(form, "fact", 200), field(form, "answer", 2000))
    if group is None:
        raise PageError(409, "Already decided", "These appeals were decided already: reload the class's page.")
    notes: list[str] = []
    if field(form, "action", 20) == "accept":
        try:
            notes = accept_group(app.store, app.classroom, stored, group, app.now())
        except kzquiz.ConversionError as error:
            raise PageError(409, "Cannot accept", str(error)) from None
        except kzquiz.DeckError as error:
            raise PageError(409, "Cannot accept", f"the deck would no longer load: {error.problems[0]}") from None
    else:
        reject_group(app.store, group, app.now())
    query = "".join(f"&note={urllib.parse.quote(note)}" for note in notes)
    return redirect(f"/teach/classes/{klass.id}?decided=1{query}#appeals")


async def class_csv(request: Request) -> Response:
    """The class report as CSV (one row per learner and fact), for a spreadsheet."""
    teacher = teacher_of(request)
    klass = own_class(request, teacher)
    app = state(request)
    decks = [app.decks.get(stored) for stored in app.classroom.class_decks(klass.id)]
    text = cells_csv(class_report(app.store, app.classroom.learners(klass.id), decks)[1])
    return Response(text, media_type="text/csv; charset=utf-8", headers={"content-disposition": _attachment(klass)})


def _attachment(klass: Klass) -> str:
    """The CSV's Content-Disposition: an ASCII file name for old browsers, the class's own name (RFC 6266's
    ``filename*``, with what a file name cannot hold made a dash) for the others."""
    ascii_name = "".join(c if c.isascii() and c.isalnum() else "-" for c in klass.name).strip("-") or "class"
    own = "".join("-" if c in '/\\:*?"<>|' else c for c in klass.name).strip(" .-") or "class"
    quoted = urllib.parse.quote(f"{own} report.csv", safe="")
    return f"attachment; filename=\"{ascii_name}-report.csv\"; filename*=UTF-8''{quoted}"


async def learner_page(request: Request) -> Response:
    """One learner of the teacher's class: their latest answers, with each question and verdict."""
    teacher = teacher_of(request)
    klass = own_class(request, teacher)
    app = state(request)
    learner = app.classroom.learner(request.path_params["learner"])
    if learner is None or learner.class_id != klass.id:
        raise PageError(404, "Not found", NOT_FOUND)
    decks = [app.decks.get(stored) for stored in app.classroom.class_decks(klass.id)]
    return render(request, "learner.html", klass=klass, learner=learner, answers=answers_of(app.store, learner, decks))


async def assign(request: Request) -> Response:
    """Assign one of the teacher's decks to one of their classes (or take it away)."""
    form = await checked_form(request)
    teacher = teacher_of(request)
    klass = own_class(request, teacher)
    key = field(form, "deck", 20)
    stored = own_deck(request, teacher, int(key) if key.isdecimal() and len(key) <= 18 else -1)
    if field(form, "action", 20) == "remove":
        state(request).classroom.unassign(klass.id, stored.id)
    else:
        state(request).classroom.assign(klass.id, stored.id)
    return redirect(f"/teach/classes/{klass.id}")


async def upload(request: Request) -> Response:
    """Upload a deck (TOML, GIFT, CSV, TSV or Aiken): its problems as file:line:column, or its preview."""
    form = await checked_form(request)
    teacher = teacher_of(request)
    sent = form.get("deck")
    if not isinstance(sent, UploadFile) or not sent.filename:
        raise PageError(400, "No file", "Choose a deck file to upload.")
    try:
        data = await sent.read(state(request).max_upload + 1)
    finally:
        await sent.close()
    if len(data) > state(request).max_upload:
        raise PageError(413, "Too large", f"A deck file has at most {state(request).max_upload // 1024} KiB.")
    result = read_upload(sent.filename, data)
    if result.deck is None:
        return render(request, "upload.html", status=400, result=result)
    deck = result.deck
    stored = state(request).classroom.save_deck(teacher.id, deck.id, deck.title, result.name, result.text)
    return render(request, "upload.html", result=result, stored=stored, deck=deck, rows=_preview(deck))


def _preview(deck: kzquiz.Deck) -> list[tuple[kzquiz.Fact, list[tuple[kzquiz.Question, list[str]]]]]:
    from kzquiz.teach import accepted_lines

    return [(fact, [(q, accepted_lines(q)) for q in deck.questions_for(fact.id)]) for fact in deck.facts]


async def deck_page(request: Request) -> Response:
    """A deck's preview: every question with the answers it accepts."""
    teacher = teacher_of(request)
    stored = own_deck(request, teacher, request.path_params["deck"])
    deck = state(request).decks.get(stored)
    return render(request, "deck.html", stored=stored, deck=deck, rows=_preview(deck))


routes = [
    Route("/setup", setup, methods=["GET", "POST"]),
    Route("/teacher/login", teacher_login, methods=["GET", "POST"]),
    Route("/teach", overview),
    Route("/teach/classes", add_class, methods=["POST"]),
    Route("/teach/classes/{klass:id}", class_page),
    Route("/teach/classes/{klass:id}/decks", assign, methods=["POST"]),
    Route("/teach/classes/{klass:id}/report.csv", class_csv),
    Route("/teach/classes/{klass:id}/appeals", decide, methods=["POST"]),
    Route("/teach/classes/{klass:id}/learners/{learner:id}", learner_page),
    Route("/teach/decks", upload, methods=["POST"]),
    Route("/teach/decks/{deck:id}", deck_page),
]
"""The teacher's routes."""

"""The JSON API for learners' apps (an LMS, a phone app): sign in, decks, next question, answer, progress.

A client signs in with ``POST /api/login`` and sends the token it gets as ``Authorization: Bearer TOKEN``. Deck
text in replies has no control characters or terminal escape sequences (:func:`kzquiz.text.safe_text`), as on the
pages. The
API takes no cookies, so a web page elsewhere cannot use a learner's browser sign-in to call it (no CSRF). The
OpenAPI document is at ``/api/openapi.json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import kzquiz
from kzquiz.server import auth, study, views
from kzquiz.server.classroom import Learner, Role, SignIn
from kzquiz.server.web import state, too_many_failures
from kzquiz.text import safe_text
from kzquiz.verdict import rounded_score

DESCRIPTION = (
    "The learner's actions of a kzquiz classroom server, for apps. Sign in with `POST /api/login`, then send "
    "`Authorization: Bearer <token>`. Questions come with a signed `ticket`; an answer names the ticket it answers, "
    "and an answer sent twice is recorded once."
)

router = APIRouter(prefix="/api", tags=["learner"])


class LoginRequest(BaseModel):
    """A learner's class code, name and password."""

    code: str = Field(max_length=20)
    name: str = Field(max_length=60)
    password: str = Field(max_length=auth.MAX_PASSWORD)


class LoginReply(BaseModel):
    """A bearer token and when it expires."""

    token: str
    expires_at: dt.datetime


class DeckInfo(BaseModel):
    """An assigned deck with the learner's counts."""

    key: int
    id: str
    title: str
    due: int
    new: int
    facts: int


class QuestionReply(BaseModel):
    """The next question (``question`` is null when nothing is left today)."""

    id: str
    answer_type: str = Field(description="typed, list, number, cloze, choice, select, true-false or order")
    prompt: str
    choices: list[str]
    ticket: str


class NextReply(BaseModel):
    """The next question of a deck, if any."""

    question: QuestionReply | None


class AnswerRequest(BaseModel):
    """An answer: ``text`` for typed kinds; ``picks`` (0-based option indexes) for choice, select and
    true-false (0 is true); ``order`` (0-based indexes, in order) for order questions."""

    ticket: str = Field(max_length=2000)
    text: str = Field(default="", max_length=study.MAX_ANSWER)
    picks: list[int] = Field(default_factory=list, max_length=100)
    order: list[int] = Field(default_factory=list, max_length=100)


class VerdictReply(BaseModel):
    """The verdict and its explanations, as the command line shows them."""

    correct: bool
    score: float
    label: str
    feedback: str
    diff: str
    expected: str
    quote: str
    note: str
    answer: str
    recorded: bool = Field(
        description="false when this ticket had been answered before: nothing new was saved, and the verdict and "
        "`answer` are those of the answer recorded then"
    )
    resent: str = Field(default="", description="when `recorded` is false: the answer sent this time, not taken")
    appeal: str | None = Field(
        default=None, description='when the learner may say "I was right": the token to send to the appeal request'
    )


class AppealRequest(BaseModel):
    """An appeal of an answer's verdict: the ``appeal`` token of the answer's reply."""

    appeal: str = Field(max_length=2000)


class AppealReply(BaseModel):
    """A recorded appeal: the answer counts as right until the teacher decides."""

    question_id: str
    answer: str
    status: str


class WeakFactReply(BaseModel):
    """One of the weakest facts."""

    deck: str
    prompt: str
    lapses: int
    recall: float


class ProgressReply(BaseModel):
    """A learner's progress over their decks."""

    reviews: int
    retention: float
    streak: int
    forecast: list[int]
    weakest: list[WeakFactReply]


def bearer_learner(request: Request) -> Learner:
    """The learner whose bearer token the request carries; 401 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    app = state(request)
    found = app.classroom.sign_in(auth.digest(token.strip()), app.now()) if scheme.lower() == "bearer" else None
    learner = app.classroom.learner(found.account_id) if found and found.role is Role.LEARNER else None
    if learner is None:
        raise HTTPException(401, "sign in first: POST /api/login, then send Authorization: Bearer <token>")
    return learner


Me = Annotated[Learner, Depends(bearer_learner)]


def _deck(request: Request, learner: Learner, key: int) -> kzquiz.Deck:
    app = state(request)
    stored = next((d for d in app.classroom.class_decks(learner.class_id) if d.id == key), None)
    if stored is None:
        raise HTTPException(404, "no such deck among yours")
    return app.decks.get(stored)


@router.post("/login", responses={401: {}, 429: {}})
async def login(request: Request, body: LoginRequest) -> LoginReply:
    """Sign in as a learner; failures are bounded per account and per address, as on the web pages."""
    app = state(request)
    account_key = f"learner:{body.code.strip().upper()}/{body.name.strip().casefold()}"
    refused = too_many_failures(request, account_key)
    if refused is not None:
        raise HTTPException(429, refused)
    klass = app.classroom.class_with_code(body.code.strip()) if body.code.strip() else None
    learner = app.classroom.learner_named(klass.id, body.name.strip()) if klass is not None else None
    hashed = learner.password_hash if learner is not None else auth.DUMMY_HASH
    right = await run_in_threadpool(auth.verify_password, hashed, body.password)
    if learner is None or not right:
        app.classroom.add_failure([account_key, f"address:{request.client.host if request.client else ''}"], app.now())
        raise HTTPException(401, "the class code, name or password is wrong")
    token = auth.new_token()
    expires = app.now() + dt.timedelta(days=auth.SIGN_IN_DAYS)
    app.classroom.add_sign_in(auth.digest(token), SignIn(Role.LEARNER, learner.id, expires), app.now())
    return LoginReply(token=token, expires_at=expires)


@router.get("/decks", responses={401: {}})
async def decks(request: Request, learner: Me) -> list[DeckInfo]:
    """The learner's decks with the facts due now and the new ones for today."""
    app = state(request)
    out = []
    for stored in app.classroom.class_decks(learner.class_id):
        deck = app.decks.get(stored)
        counts = study.counts(app.store, learner.store_name, deck, app.now())
        out.append(
            DeckInfo(
                key=stored.id,
                id=deck.id,
                title=safe_text(deck.title),
                due=counts.due,
                new=counts.new,
                facts=counts.total,
            )
        )
    return out


@router.get("/decks/{key}/next", responses={401: {}, 404: {}})
async def next_question(request: Request, learner: Me, key: int) -> NextReply:
    """The question to answer now, with its ticket."""
    app = state(request)
    deck = _deck(request, learner, key)
    found = study.next_question(app.store, app.secret, learner.store_name, deck, app.now())
    if found is None:
        return NextReply(question=None)
    question, ticket, _ = found
    return NextReply(
        question=QuestionReply(
            id=question.id,
            answer_type=question.answer_type.value,
            prompt=safe_text(question.prompt),
            choices=[safe_text(choice) for choice in question.choices],
            ticket=ticket,
        )
    )


@router.post("/decks/{key}/answer", responses={400: {}, 401: {}, 404: {}, 409: {}})
async def answer(request: Request, learner: Me, key: int, body: AnswerRequest) -> VerdictReply:
    """Grade and record an answer to the question of ``ticket``; the verdict and its explanations."""
    app = state(request)
    deck = _deck(request, learner, key)
    now = app.now()
    try:
        ticket = study.question_of(app.secret, learner.store_name, deck, body.ticket, now)
        question = study.asked_question(deck, ticket)
        if question.answer_type is kzquiz.AnswerType.ORDER and body.order:
            typed = " ".join(str(i + 1) for i in body.order)
        else:
            typed = body.text
        text = study.answer_text(question, typed, [str(i) for i in body.picks])
        outcome = study.answer(app.store, app.classroom, app.secret, learner.store_name, deck, ticket, text, now)
    except study.AnswerError as error:
        raise HTTPException(400, str(error)) from None
    except kzquiz.UnknownQuestionError:
        raise HTTPException(409, "the deck changed and no longer has this question: ask for the next one") from None
    shown = views.feedback(outcome.question, outcome.verdict)
    verdict = outcome.verdict
    return VerdictReply(
        correct=verdict.correct,
        score=rounded_score(verdict.score),
        label=shown.label,
        feedback=safe_text(verdict.feedback),
        diff=safe_text(verdict.diff),
        expected=safe_text(verdict.expected),
        quote=safe_text(shown.quote),
        note=safe_text(shown.note),
        answer=safe_text(verdict.answer),
        recorded=outcome.recorded,
        resent=safe_text(outcome.resent),
        appeal=outcome.appeal,
    )


@router.post("/decks/{key}/appeal", responses={400: {}, 401: {}, 404: {}, 409: {}})
async def appeal(request: Request, learner: Me, key: int, body: AppealRequest) -> AppealReply:
    """Appeal a verdict ("I was right"): the answer counts as right for the schedule until the teacher decides."""
    app = state(request)
    deck = _deck(request, learner, key)
    try:
        made = study.appeal(app.store, app.secret, learner.store_name, deck, body.appeal, app.now())
    except study.AnswerError as error:
        raise HTTPException(400, str(error)) from None
    except kzquiz.AppealError as error:
        raise HTTPException(409, str(error)) from None
    return AppealReply(question_id=made.question_id, answer=safe_text(made.answer), status=made.status.value)


@router.get("/progress", responses={401: {}})
async def progress(request: Request, learner: Me) -> ProgressReply:
    """Reviews, retention, streak, the 14-day due forecast and the weakest facts."""
    app = state(request)
    now = app.now().astimezone()
    stats = kzquiz.stats(app.store, learner.store_name, now)
    decks = [app.decks.get(stored) for stored in app.classroom.class_decks(learner.class_id)]
    weak = [
        WeakFactReply(deck=safe_text(w.deck_title), prompt=safe_text(w.prompt), lapses=w.lapses, recall=w.recall)
        for w in views.weakest(stats, decks)
    ]
    return ProgressReply(
        reviews=stats.reviews,
        retention=stats.retention,
        streak=stats.streak,
        forecast=list(stats.forecast),
        weakest=weak,
    )

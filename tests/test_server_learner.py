"""The classroom's learner pages over HTTP: joining, due counts, every answer type right and wrong, feedback,
tickets answered once, progress."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.servertools import (
    Browser,
    Clock,
    a_class_with_a_deck,
    join,
    make_app,
    need_server,
    reviews_in,
)

need_server()

from starlette.testclient import TestClient  # noqa: E402 - only once the server extra is known to be there

RIGHT = {
    "typed": {"answer": "Masimov"},
    "list": {"answer": "Russia, Belarus"},
    "number": {"answer": "$200"},
    "cloze": {"answer": "Taldykorgan"},
    "choice": {"pick": "the CSTO"},
    "select": {"pick": ["Russia", "Kazakhstan", "Armenia"]},
    "true-false": {"pick": "True"},
    "order": {"answer": ["Akmola", "Astana", "Nur-Sultan"]},
}
WRONG = {
    "typed": {"answer": "Nazarbayev"},
    "list": {"answer": "Uzbekistan, China"},
    "number": {"answer": "500"},
    "cloze": {"answer": "Almaty"},
    "choice": {"pick": "NATO"},
    "select": {"pick": ["Turkmenistan"]},
    "true-false": {"pick": "False"},
    "order": {"answer": ["Nur-Sultan", "Astana", "Akmola"]},
}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(tmp_path: Path, clock: Clock) -> Any:
    return make_app(tmp_path, clock)


@pytest.fixture
def browser(app: Any) -> Iterator[Browser]:
    with TestClient(app) as client:
        yield Browser(client)


def options(page: str) -> list[str]:
    """The options of a question page, in order."""
    return [re.sub(r"<[^>]+>", "", o).strip() for o in re.findall(r"</kbd> <span>(.*?)</span>", page)]


def order_options(page: str) -> list[str]:
    block = re.search(r'<ol class="order">(.*?)</ol>', page, re.S)
    assert block
    return re.findall(r"<li>(.*?)</li>", block.group(1))


def fill(page: str, kind: str, answer: dict[str, Any]) -> dict[str, Any]:
    """The form fields that give ``answer`` on this question page."""
    if "pick" in answer:
        names = answer["pick"] if isinstance(answer["pick"], list) else [answer["pick"]]
        shown = options(page)
        return {"pick": [str(shown.index(name)) for name in names]}
    if kind == "order":
        shown = order_options(page)
        return {"answer": " ".join(str(shown.index(name) + 1) for name in answer["answer"])}
    return dict(answer)


def kind_of(page: str) -> str:
    found = re.search(r'data-answer-type="([^"]+)"', page)
    assert found, page
    return found.group(1)


def study_all(browser: Browser, key: int, answers: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Answer each of the deck's eight questions; (kind, verdict page) for each."""
    seen = []
    for _ in range(8):
        page = browser.get(f"/learn/decks/{key}").text
        kind = kind_of(page)
        response = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **fill(page, kind, answers[kind])})
        assert response.status_code == 200, response.text
        seen.append((kind, response.text))
    return seen


def test_a_learner_joins_sees_due_counts_and_answers_every_type_right(browser: Browser, app: Any, clock: Clock) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    joined = join(browser, code, "Aigerim")
    assert joined.url.path == "/learn"
    assert "0 due" in joined.text
    assert "8 new" in joined.text
    assert "Every answer type" in joined.text
    seen = study_all(browser, key, RIGHT)
    assert sorted(kind for kind, _ in seen) == sorted(RIGHT)
    for kind, page in seen:
        assert 'class="verdict right"' in page, (kind, page)
    typed = dict(seen)["typed"]
    assert "Masimov was arrested on 8 January 2022." in typed  # the note
    assert "fired a few key figures of power" in typed  # the quote
    assert "0 new" in browser.get("/learn").text
    clock.advance(minutes=11)  # the second learning step: right again, each fact is scheduled days ahead
    for _ in range(8):
        page = browser.get(f"/learn/decks/{key}").text
        if "Nothing left for today" in page:
            break
        kind = kind_of(page)
        browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **fill(page, kind, RIGHT[kind])})
    assert "Nothing left for today" in browser.get(f"/learn/decks/{key}").text
    progress = browser.get("/learn/progress").text
    assert re.search(r'id="reviews">(9|1[0-6])<', progress)
    assert re.search(r'id="retention">100%<', progress)
    assert re.search(r'id="streak">1 day<', progress)
    assert "<svg" in progress
    assert "<rect" in progress


def test_every_type_answered_wrong_says_so_with_the_right_answer(browser: Browser, app: Any) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Bolat")
    seen = dict(study_all(browser, key, WRONG))
    for kind, page in seen.items():
        assert 'class="verdict wrong"' in page or 'class="verdict partly"' in page, (kind, page)
    assert "Karim Masimov" in seen["typed"]
    assert "the CSTO" in seen["choice"]
    progress = browser.get("/learn/progress").text
    assert re.search(r'id="retention">0%<', progress)
    assert "Weakest facts" in progress


def test_a_typo_is_accepted_with_the_spelling_shown(browser: Browser, app: Any) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Chingiz")
    browser.get(f"/learn/decks/{key}")
    page = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), "answer": "Karim Masimow"}).text
    assert "Right, nearly" in page
    assert "Spelling:" in page
    assert "Masimo[w→v]" in page


def test_an_answer_sent_twice_is_recorded_once(browser: Browser, app: Any, tmp_path: Path) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Dana")
    browser.get(f"/learn/decks/{key}")
    form = {"ticket": browser.ticket(), "answer": "Masimov"}
    first = browser.post(f"/learn/decks/{key}", form)
    again = browser.post(f"/learn/decks/{key}", form)
    assert "Already answered" not in first.text
    assert "Already answered" in again.text
    assert "was not recorded" not in again.text  # the same answer twice: nothing to say about a second one
    assert "Right" in again.text
    assert len(reviews_in(tmp_path)) == 1


def test_a_second_answer_to_the_same_question_shows_the_first_and_records_nothing(
    browser: Browser, app: Any, tmp_path: Path
) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Dana")
    browser.get(f"/learn/decks/{key}")
    ticket = browser.ticket()
    first = browser.post(f"/learn/decks/{key}", {"ticket": ticket, "answer": "Nazarbayev"})
    assert 'class="verdict wrong"' in first.text
    second = browser.post(f"/learn/decks/{key}", {"ticket": ticket, "answer": "Masimov"})
    assert second.status_code == 200
    assert 'id="already"' in second.text
    assert "your new answer <q>Masimov</q> was not recorded" in second.text
    assert 'class="verdict wrong"' in second.text  # the verdict of the answer that counts, not of the new one
    assert "Your recorded answer: <q>Nazarbayev</q>" in second.text
    assert "I was right" not in second.text
    [review] = reviews_in(tmp_path)
    assert (review.answer, review.correct) == ("Nazarbayev", False)


def test_no_option_picked_asks_again_and_records_nothing(browser: Browser, app: Any, tmp_path: Path) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Erlan")
    for _ in range(4):  # typed, list, number, cloze: then the choice question
        page = browser.get(f"/learn/decks/{key}").text
        kind = kind_of(page)
        browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **fill(page, kind, RIGHT[kind])})
    page = browser.get(f"/learn/decks/{key}").text
    assert kind_of(page) == "choice"
    refused = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket()})
    assert refused.status_code == 400
    assert "Pick an option." in refused.text
    assert kind_of(refused.text) == "choice"
    assert len(reviews_in(tmp_path)) == 4


def test_an_order_that_is_not_one_asks_again(browser: Browser, app: Any, clock: Clock) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Farida")
    for _ in range(7):
        page = browser.get(f"/learn/decks/{key}").text
        kind = kind_of(page)
        browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **fill(page, kind, RIGHT[kind])})
    page = browser.get(f"/learn/decks/{key}").text
    assert kind_of(page) == "order"
    refused = browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), "answer": "1 1 2"})
    assert refused.status_code == 400
    assert "type each number from 1 to 3 once" in refused.text.lower()


def test_joining_needs_a_real_code_a_free_name_and_a_long_enough_password(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    assert "No class has this code" in join(browser, "NOPE42", "Gulnara").text
    assert "at least 8 characters" in join(browser, code, "Gulnara", "short").text
    assert join(browser, code, "Gulnara").url.path == "/learn"
    browser.post("/logout")
    taken = join(browser, code, "gulnara")
    assert taken.status_code == 400
    assert "already has a learner called" in taken.text


def test_a_learner_signs_in_again_with_code_name_and_password(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Gulnara")
    browser.post("/logout")
    assert browser.get("/learn").url.path == "/login"
    browser.get("/login")
    wrong = browser.post("/login", {"code": code, "name": "Gulnara", "password": "not it at all"})
    assert wrong.status_code == 400
    assert "wrong" in wrong.text
    right = browser.post("/login", {"code": code.lower(), "name": "gulnara", "password": "correct horse"})
    assert right.url.path == "/learn"


def test_progress_before_any_review_says_so(browser: Browser, app: Any) -> None:
    _, code, _ = a_class_with_a_deck(browser, app)
    join(browser, code, "Hasan")
    assert "No reviews yet" in browser.get("/learn/progress").text


def test_typed_answers_get_the_right_phone_keyboard_and_no_autocorrection(browser: Browser, app: Any) -> None:
    _, code, key = a_class_with_a_deck(browser, app)
    join(browser, code, "Aigerim")
    boxes = {}
    for _ in range(8):
        page = browser.get(f"/learn/decks/{key}").text
        kind = kind_of(page)
        box = re.search(r'<input name="answer"[^>]*>', page)
        boxes[kind] = box.group(0) if box else ""
        browser.post(f"/learn/decks/{key}", {"ticket": browser.ticket(), **fill(page, kind, RIGHT[kind])})
    assert 'inputmode="decimal"' in boxes["number"]  # 200 dollars: digits and a decimal point
    assert 'inputmode="numeric"' in boxes["order"]  # three options, typed as 312
    for kind in ("typed", "list", "cloze", "number", "order"):
        for attribute in ('autocomplete="off"', 'autocapitalize="off"', 'autocorrect="off"', 'spellcheck="false"'):
            assert attribute in boxes[kind], (kind, attribute)
    for kind in ("typed", "list", "cloze"):
        assert "inputmode" not in boxes[kind], kind
    assert not boxes["choice"]
    assert not boxes["select"]
    assert not boxes["true-false"]

"""The classroom in a real browser (Chromium through Playwright): the teacher's and the learner's journeys, keyboard
only, on a phone-sized screen, and a hostile deck whose scripts never run. The tests save screenshots of the pages
for docs/school.md (into docs/screenshots when KZQUIZ_SCREENSHOTS=docs/screenshots is set).

Playwright drives Debian's Chromium (/usr/bin/chromium; Playwright's own browser download is not used). Without it
the tests are skipped, except under CI=true, where a skip fails the run.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.servertools import EVERY_KIND, PASSWORD, LiveServer, need_server

need_server()

CHROMIUM = Path("/usr/bin/chromium")
# The pictures in docs/school.md are refreshed with KZQUIZ_SCREENSHOTS=docs/screenshots; an ordinary run keeps its
# screenshots out of the work tree (they hold times and ports, so they would change the tracked files every run).
SCREENSHOTS = Path(os.environ.get("KZQUIZ_SCREENSHOTS") or Path(tempfile.gettempdir()) / "kzquiz-screenshots")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ModuleNotFoundError:
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)
if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        raise AssertionError(f"{CHROMIUM} is missing: .ci/run installs it with apt-get install chromium")
    pytest.skip(f"{CHROMIUM} is missing", allow_module_level=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(tmp_path, setup_token="the-token") as live:  # noqa: S106 - a test server's first-run token
        yield live


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


BROKEN = EVERY_KIND.read_text(encoding="utf-8").replace('answer = "Karim Masimov"', 'anwser = "Karim Masimov"', 1)
BROKEN_LINE = next(n for n, line in enumerate(BROKEN.splitlines(), 1) if line.startswith("anwser"))


def teacher_sets_up(page: Page, base: str) -> str:
    """The teacher creates the account, a class, uploads a deck with a mistake, fixes it, assigns it; the join code."""
    page.goto(f"{base}/setup?token=the-token")
    page.get_by_label("Your name").fill("Ms Smith")
    page.get_by_label("A password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_url(f"{base}/teach")
    page.get_by_label("New class").fill("10B history")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r".*/teach/classes/\d+$"))
    class_url = page.url
    code = page.locator("#join-code").inner_text()
    page.goto(f"{base}/teach")
    page.set_input_files(
        "input[type=file]", files=[{"name": "every-kind.toml", "mimeType": "text/plain", "buffer": BROKEN.encode()}]
    )
    page.get_by_role("button", name="Upload and check").click()
    problem = page.locator(".problems li").first.inner_text()
    assert problem.startswith(f"every-kind.toml:{BROKEN_LINE}:1: "), problem
    shoot(page, "teacher-upload-problem.png")
    page.goto(f"{base}/teach")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "every-kind.toml", "mimeType": "text/plain", "buffer": EVERY_KIND.read_bytes()}],
    )
    page.get_by_role("button", name="Upload and check").click()
    assert "Saved Every answer type" in page.locator("h1").inner_text()
    shoot(page, "teacher-deck-preview.png")
    page.goto(class_url)
    page.get_by_role("button", name="Assign").click()
    assert page.locator(".deck-list").inner_text().startswith("Every answer type")
    return code


RIGHT: dict[str, tuple[str, Any]] = {
    "typed": ("type", "Masimov"),
    "list": ("type", "Russia, Belarus"),
    "number": ("type", "$200"),
    "cloze": ("type", "Taldykorgan"),
    "choice": ("pick", ["the CSTO"]),
    "select": ("pick", ["Russia", "Kazakhstan", "Armenia"]),
    "true-false": ("pick", ["True"]),
    "order": ("order", ["Akmola", "Astana", "Nur-Sultan"]),
}
WRONG: dict[str, tuple[str, Any]] = {
    "typed": ("type", "Nazarbayev"),
    "list": ("type", "Uzbekistan, China"),
    "number": ("type", "500"),
    "cloze": ("type", "Almaty"),
    "choice": ("pick", ["NATO"]),
    "select": ("pick", ["Turkmenistan"]),
    "true-false": ("pick", ["False"]),
    "order": ("order", ["Nur-Sultan", "Astana", "Akmola"]),
}


def focused(page: Page, selector: str) -> None:
    """Wait until the element that takes the keys is inside ``selector`` (the page has loaded and autofocused).

    The page is brought to the front first (the window a learner types in is the one in front), and asked every
    100 ms rather than at each animation frame; when the focus never comes, the failure says where it is instead.
    """
    page.bring_to_front()
    try:
        page.wait_for_function(
            "(selector) => document.activeElement !== null && document.activeElement.closest(selector) !== null",
            arg=selector,
            polling=100,
        )
    except PlaywrightTimeout:
        where = page.evaluate(
            "() => [document.readyState, location.pathname, (document.activeElement || document.body).outerHTML]"
        )
        raise AssertionError(
            f"the keys never reached {selector}: page {where[:2]}, focus on {where[2][:300]}"
        ) from None


@pytest.fixture(autouse=True)
def closed_after(chromium: Browser) -> Iterator[None]:
    """Close every window a test opened, so that the next test's pages are the only ones the browser draws."""
    yield
    for context in chromium.contexts:
        context.close()


def join(page: Page, base: str, code: str, name: str) -> None:
    """Join with the keyboard alone: the code comes in the link, the name field has the focus."""
    page.goto(f"{base}/join?code={code}")
    focused(page, "input[name=name]")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/learn")
    focused(page, "a.deck")


def answer_by_keyboard(page: Page, how: str, value: Any) -> None:
    """Answer the question on the page with keys only: type and Enter, option numbers, or an order as numbers."""
    focused(page, "form.answer")
    if how == "type":
        page.keyboard.type(value)
        page.keyboard.press("Enter")
        return
    if how == "order":
        shown = page.locator(".order li").all_inner_texts()
        page.keyboard.type(" ".join(str(shown.index(item) + 1) for item in value))
        page.keyboard.press("Enter")
        return
    ticks = page.locator("form.answer").get_attribute("data-answer-type") == "select"
    shown = page.locator(".option span").all_inner_texts()
    for item in value:
        page.keyboard.press(str(shown.index(item) + 1))  # a single choice answers at once; a tick waits for Enter
    if ticks:
        page.keyboard.press("Enter")


def study_by_keyboard(page: Page, answers: dict[str, tuple[str, Any]], shots: str = "") -> dict[str, str]:
    """From the deck list, study all eight questions with the keyboard; each answer type's verdict tone."""
    page.keyboard.press("Enter")  # the first deck has the focus
    tones: dict[str, str] = {}
    for number in range(8):
        form = page.locator("form.answer")
        form.wait_for()
        answer_type = form.get_attribute("data-answer-type")
        assert answer_type is not None
        if shots and answer_type == "choice":
            shoot(page, f"{shots}-question.png")
        answer_by_keyboard(page, *answers[answer_type])
        verdict = page.locator(".verdict")
        verdict.wait_for()
        tones[answer_type] = (verdict.get_attribute("class") or "").split()[-1]
        if shots and number == 0:
            shoot(page, f"{shots}-feedback.png")
        focused(page, "#next")
        if number < 7:
            page.keyboard.press("Enter")  # "Next question" has the focus
    return tones


def test_the_teacher_and_learner_journeys_in_chromium(chromium: Browser, server: LiveServer) -> None:
    teacher = chromium.new_context(viewport={"width": 1100, "height": 800})
    page = teacher.new_page()
    code = teacher_sets_up(page, server.base)

    right = chromium.new_context(viewport={"width": 1000, "height": 760}).new_page()
    join(right, server.base, code, "Aigerim")
    assert re.search(r"0 due\s*·\s*8 new", right.locator(".counts").inner_text())
    shoot(right, "learner-decks.png")
    tones = study_by_keyboard(right, RIGHT, shots="learner")
    assert tones == dict.fromkeys(RIGHT, "right")
    right.goto(f"{server.base}/learn/progress")
    assert right.locator("#reviews").inner_text() == "8"
    assert right.locator("#retention").inner_text() == "100%"
    assert right.locator("svg.forecast rect").count() == 14
    shoot(right, "learner-progress.png")

    wrong = chromium.new_context().new_page()
    join(wrong, server.base, code, "Bolat")
    tones = study_by_keyboard(wrong, WRONG)
    assert all(tone in ("wrong", "partly") for tone in tones.values()), tones
    assert tones["typed"] == "wrong"

    appealing = chromium.new_context().new_page()
    join(appealing, server.base, code, "Chingiz")
    appealing.keyboard.press("Enter")
    answer_by_keyboard(appealing, "type", "Karim Massimoff")
    appealing.get_by_role("button", name="I was right").click()
    assert "Appeal sent" in appealing.locator("h1").inner_text()

    class_url = page.url
    page.goto(class_url)  # the class page, now with answers and an appeal
    learners = page.locator("#learners").inner_text()
    assert "Aigerim" in learners
    assert "100%" in learners
    assert "Bolat" in learners
    facts = page.locator("#facts").inner_text()
    assert "Nazarbayev (1)" in facts
    assert "Almaty (1)" in facts
    assert "Karim Massimoff" in page.locator("#pending").inner_text()
    shoot(page, "teacher-dashboard.png")
    page.locator("#pending").get_by_role("button", name="Accept").click()
    assert page.locator("#pending").count() == 0
    assert "accepted" in page.locator("#appeals ~ div table").inner_text()
    page.get_by_role("link", name="Every answer type").first.click()
    assert "Karim Massimoff" in page.locator("table.preview").inner_text()  # now one of the accepted answers
    page.goto(class_url)
    page.get_by_role("link", name="Bolat").click()
    assert "Nazarbayev" in page.locator("#answers").inner_text()
    teacher.close()


def test_feedback_shows_the_spelling_the_quote_and_the_note(chromium: Browser, server: LiveServer) -> None:
    page = chromium.new_page()
    code = teacher_sets_up(page, server.base)
    learner = chromium.new_context().new_page()
    join(learner, server.base, code, "Chingiz")
    learner.keyboard.press("Enter")
    focused(learner, "form.answer")
    learner.keyboard.type("Karim Masimow")
    learner.keyboard.press("Enter")
    verdict = learner.locator(".verdict").inner_text()
    assert "Right, nearly" in verdict
    assert "Masimo[w→v]" in verdict
    assert "fired a few key figures of power" in verdict
    assert "Masimov was arrested on 8 January 2022." in verdict


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def test_a_phone_sized_screen_needs_no_sideways_scrolling(chromium: Browser, server: LiveServer) -> None:
    page = chromium.new_page()
    code = teacher_sets_up(page, server.base)
    phone = chromium.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, has_touch=True)
    learner = phone.new_page()
    join(learner, server.base, code, "Dana")
    assert no_horizontal_scroll(learner)
    learner.keyboard.press("Enter")
    for number in range(8):
        form = learner.locator("form.answer")
        form.wait_for()
        assert no_horizontal_scroll(learner)
        answer_type = form.get_attribute("data-answer-type")
        assert answer_type is not None
        if answer_type == "select":
            shoot(learner, "learner-phone-question.png")
        answer_by_keyboard(learner, *RIGHT[answer_type])
        learner.locator(".verdict").wait_for()
        assert no_horizontal_scroll(learner)
        if number == 7:
            shoot(learner, "learner-phone-feedback.png")
            break
        focused(learner, "#next")
        learner.keyboard.press("Enter")
    learner.goto(f"{server.base}/learn/progress")
    assert no_horizontal_scroll(learner)
    box = learner.locator("svg.forecast").bounding_box()
    assert box is not None
    assert box["width"] <= 360
    shoot(learner, "learner-phone-progress.png")


HOSTILE = """[deck]
id = "hostile"
title = "<script>window.pwned = 'title'</script>"

[[facts]]
id = "x"
kind = "answer"
question = '''<script>window.pwned = 'prompt'</script><img src=x onerror="window.pwned = 'img'"> \
<a href="javascript:window.pwned = 'link'">press here</a>'''
answer = "<b onmouseover=\\"window.pwned = 'b'\\">bold</b>"
distractors = [
  "<script>window.pwned = 'option'</script>",
  "javascript:window.pwned = 'js'",
  "<svg onload=\\"window.pwned = 'svg'\\">",
]
quote = "</blockquote><script>window.pwned = 'quote'</script>"
note = "<iframe src=\\"javascript:window.pwned = 'iframe'\\"></iframe>"
"""


def test_a_hostile_deck_shows_its_scripts_as_text_and_never_runs_them(chromium: Browser, server: LiveServer) -> None:
    page = chromium.new_page()
    code = teacher_sets_up(page, server.base)
    page.goto(f"{server.base}/teach")
    page.set_input_files(
        "input[type=file]", files=[{"name": "hostile.toml", "mimeType": "text/plain", "buffer": HOSTILE.encode()}]
    )
    page.get_by_role("button", name="Upload and check").click()
    page.locator("table.preview").wait_for()
    page.get_by_role("link", name="Your classes").click()
    page.locator(".classes a").first.click()
    page.locator("select[name=deck]").select_option(label="<script>window.pwned = 'title'</script> (hostile)")
    page.get_by_role("button", name="Assign").click()

    learner = chromium.new_context().new_page()
    dialogs: list[str] = []
    learner.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    join(learner, server.base, code, "Erlan")
    learner.get_by_role("link", name=re.compile("pwned = 'title'")).click()
    learner.locator("form.answer").wait_for()
    prompt = learner.locator("#prompt").inner_text()
    assert "<script>window.pwned = 'prompt'</script>" in prompt
    assert "javascript:window.pwned" in prompt
    assert learner.locator("#prompt a, #prompt img, #prompt script, main script, main iframe").count() == 0
    for option in learner.locator(".option").all():
        option.hover()
    focused(learner, "form.answer")
    learner.keyboard.press("1")
    learner.locator(".verdict").wait_for()
    learner.locator(".verdict").hover()
    assert "</blockquote><script>" in learner.locator(".quote").inner_text()
    assert learner.locator("main iframe, main script").count() == 0
    assert learner.evaluate("window.pwned === undefined")
    assert dialogs == []
    page.goto(page.url)
    assert page.evaluate("window.pwned === undefined")


def test_without_javascript_every_answer_type_still_works_from_the_keyboard(
    chromium: Browser, server: LiveServer
) -> None:
    page = chromium.new_page()
    code = teacher_sets_up(page, server.base)
    learner = chromium.new_context(java_script_enabled=False).new_page()
    join(learner, server.base, code, "Farida")
    learner.keyboard.press("Enter")
    tones = {}
    for _ in range(8):
        form = learner.locator("form.answer")
        form.wait_for()
        focused(learner, "form.answer")
        answer_type = form.get_attribute("data-answer-type")
        assert answer_type is not None
        how, value = RIGHT[answer_type]
        if how == "pick":  # no number keys without the script: arrows move, Space ticks, Enter answers
            shown = learner.locator(".option span").all_inner_texts()
            position = 0
            for index in sorted(shown.index(item) for item in value):
                for _ in range(index - position):
                    learner.keyboard.press("ArrowDown" if answer_type != "select" else "Tab")
                position = index
                learner.keyboard.press("Space")
            learner.keyboard.press("Enter")
        else:
            answer_by_keyboard(learner, how, value)
        learner.locator(".verdict").wait_for()
        tones[answer_type] = (learner.locator(".verdict").get_attribute("class") or "").split()[-1]
        focused(learner, "#next")
        learner.keyboard.press("Enter")
    assert tones == dict.fromkeys(RIGHT, "right")

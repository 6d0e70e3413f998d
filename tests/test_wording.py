"""Every prompt every deck we ship or document generates reads as natural English: no pattern below may appear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz.errors import DeckError
from kzquiz.questions import DETERMINERS, PLACEHOLDER, fill, subject_parts, tidy_context, tidy_subject
from kzquiz.teach import scaffold

ROOT = Path(__file__).parent.parent
HEADER = '[deck]\nid = "doc"\ntitle = "Documentation example"\n\n'

NEVER = {
    "a qualifier glued to the verb (“…, oldest first was it”)": re.compile(
        r", [^,?.]*\b(first|last|order\w*)\b (was|is|comes|were)\b"
    ),
    "“In the … what comes”": re.compile(r"\bIn (the|a|an)?\b.*\bwhat comes\b"),
    "a doubled word": re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE),
    "“Which of” before a bare noun": re.compile(rf"\bWhich of (?!({'|'.join(sorted(DETERMINERS))})\b|\w+['’]s\b)\w+"),
    "doubled punctuation": re.compile(r"[?.!,;:]\s*[?.!,;:](?![.])|\s[,.?!;:]"),
    "a space run": re.compile(r"\S {2,}\S"),
    "an unfilled placeholder": re.compile(r"\{\w*\}"),
    "“the the” or “the The”": re.compile(r"\bthe\s+the\b", re.IGNORECASE),
    "“the” before another determiner": re.compile(
        r"\bthe (a|an|all|some|any|both|each|every|these|those|this|that|many|several|what|which)\b", re.IGNORECASE
    ),
    "a capital determiner inside a sentence": re.compile(r"\b(of|are|Name) (The|These|Those|A|An|All|Some)\b"),
    "“the blank” for several blanks": re.compile(r"\bthe blank\b[^_]*_____[^_]*_____"),
    "a count said twice (“Name three of the three …”)": re.compile(r"\bName (\w+) of (the )?\1\b"),
    "a full stop inside a sentence": re.compile(r"\w\. (comes|was|is|are)\b|\w\.\?"),
    "a sentence starting in lower case": re.compile(r"^True or false\? [a-z]+[\s,.]"),
    "a capital preposition inside a sentence": re.compile(
        r"\b(was it|comes|is|are) (In|During|From|Until|Before|After)\b"
    ),
}


def decks() -> list[tuple[str, kzquiz.Deck]]:
    found: list[tuple[str, kzquiz.Deck]] = []
    for path in [*sorted((ROOT / "decks").glob("*.toml")), *sorted((ROOT / "tests" / "data").rglob("*.toml"))]:
        try:
            found.append((str(path.relative_to(ROOT)), kzquiz.load_deck(path)))
        except DeckError:
            continue  # the hostile decks that are meant not to load
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for number, block in enumerate(re.findall(r"```toml\n(.*?)```", text, re.DOTALL), 1):
            name = f"{doc.name}#{number}"
            found.append(
                (name, kzquiz.loads_deck(block if block.lstrip().startswith("[deck]") else HEADER + block, name))
            )
    found.append(("kzquiz new", kzquiz.loads_deck(scaffold("new.toml", "new", "New"), "new.toml")))
    return found


DECKS = decks()


def test_every_deck_is_read() -> None:
    names = {name for name, _ in DECKS}
    assert {"decks/kazakhstan-2022.toml", "tests/data/wording.toml", "kzquiz new", "deck-format.md#2"} <= names


@pytest.mark.parametrize(("name", "deck"), DECKS, ids=[name for name, _ in DECKS])
def test_no_prompt_reads_awkwardly(name: str, deck: kzquiz.Deck) -> None:
    bad = [
        (question.id, why, question.prompt)
        for question in deck.questions
        for why, pattern in NEVER.items()
        if pattern.search(question.prompt)
    ]
    assert bad == []


def test_the_patterns_catch_the_old_wording() -> None:
    old = [
        "Which of the capitals of Russia, oldest first was it from 1712?",
        "In the capitals of Russia, oldest first, what comes just after “Moscow”?",
        "Name three of the the member states.",
        "Which of Russian tsars was it in 1613?",
        "Which of the a cell's stages of mitosis comes just after “prophase”?",
        "Name three of the all the rivers of Kazakhstan.",
        "Which of The Kings of England comes just after “Henry VII”?",
        "Fill in the blank: In _____, protesters tore down the statue of _____.",
        "Name three of the three Baltic states.",
        "Which of the capitals of Russia. comes just after “Kiev”?",
        "Put these in order: the capitals of Russia..",
        "Which of the capitals   of Russia comes just after “Novgorod”?",
        "Which of the names of the capital was it During the Russian Empire?",
        "Which of the names of the capital was it in the Soviet era.?",
        "True or false? the police stayed in Almaty.",
    ]
    for prompt in old:
        assert any(pattern.search(prompt) for pattern in NEVER.values()), prompt


def test_the_default_wording_of_a_subject_with_a_qualifier() -> None:
    deck = dict(DECKS)["tests/data/wording.toml"]
    prompts = {q.id.removeprefix("wording/"): q.prompt for q in deck.questions}
    assert prompts["russian-capitals/context/saint-petersburg"] == "Which of the capitals of Russia was it from 1712?"
    assert (
        prompts["russian-capitals/after/moscow"]
        == "Which of the capitals of Russia comes just after “Moscow” (oldest first)?"
    )
    assert prompts["russian-capitals/last"] == "Name the last two of the capitals of Russia (oldest first)."
    assert prompts["russian-capitals/order"] == "Put these in order: the capitals of Russia, oldest first."
    assert prompts["planets/name"] == "Name three of the planets with rings."
    assert prompts["responses/before/calling-in-the-csto"] == (
        "Which of Tokayev's responses to the crisis comes just before “calling in the CSTO”, in the order the article "
        "reports them (January 2022)?"
    )


@pytest.mark.parametrize(
    ("subject", "members", "qualifier"),
    [
        ("the capitals of Russia, oldest first", "the capitals of Russia", " (oldest first)"),
        ("Russian tsars", "the Russian tsars", ""),
        ("Tokayev's responses", "Tokayev's responses", ""),
        ("Nursultan Nazarbayev's posts", "Nursultan Nazarbayev's posts", ""),  # a name of two words owns them
        ("New York's boroughs, largest first", "New York's boroughs", " (largest first)"),
        ("Kassym-Jomart Tokayev’s steps", "Kassym-Jomart Tokayev’s steps", ""),
        ("Soviet Union leaders", "the Soviet Union leaders", ""),  # capitalised, but no possessive
        ("Russian Empire's rulers", "Russian Empire's rulers", ""),  # a possessive as written: "the" is the deck's
        ("these names (in Kazakh, Russian), newest first", "these names (in Kazakh, Russian)", " (newest first)"),
        ("the names, according to the article (2022)", "the names", ", according to the article (2022)"),
        ("a cell's stages of mitosis", "a cell's stages of mitosis", ""),  # a determiner: no "the a"
        ("an empire's rulers, oldest first", "an empire's rulers", " (oldest first)"),
        ("all the rivers of Kazakhstan", "all the rivers of Kazakhstan", ""),
        ("some of the protest cities", "some of the protest cities", ""),
        ("The Kings of England", "the Kings of England", ""),  # a capital only where a sentence starts
        ("These cities", "these cities", ""),
        ("THE NATO ENLARGEMENTS", "THE NATO ENLARGEMENTS", ""),
        ("the capitals of Russia.", "the capitals of Russia", ""),  # no full stop inside the prompt
        ("  the capitals   of Russia ,  oldest first  ", "the capitals of Russia", " (oldest first)"),
        ("the presidents; oldest first", "the presidents", " (oldest first)"),
        ("the presidents — oldest first", "the presidents", " (oldest first)"),
        ("the presidents—oldest first", "the presidents", " (oldest first)"),
        ("the presidents - oldest first", "the presidents", " (oldest first)"),
        ("steps: from idea to law", "the steps", " (from idea to law)"),
        ("the years 1990–1995", "the years 1990–1995", ""),  # a dash between words or numbers is no break
        ("the states of the U.S.", "the states of the U.S.", ""),
        ("the vitamins B and C.", "the vitamins B and C", ""),  # a capital letter before the stop is no initial
        ("the names (a.k.a. aliases).", "the names (a.k.a. aliases)", ""),
        ("the firms Smith & Co.", "the firms Smith & Co.", ""),
    ],
)
def test_subject_parts(subject: str, members: str, qualifier: str) -> None:
    assert subject_parts(subject) == (members, qualifier)


def subject_parts_by_characters(subject: str) -> tuple[str, str]:
    """subject_parts one character at a time: the reference the faster one must agree with."""
    depth = 0
    head, qualifier = tidy_subject(subject), ""
    for i, char in enumerate(head):
        depth += (char == "(") - (char == ")")
        spaced_dash = char in "-–" and head[i - 1 : i] == " " and head[i + 1 : i + 2] == " "
        if depth == 0 and (char in ",;:—" or spaced_dash):
            start = i - 1 if spaced_dash else i
            head, qualifier = head[:start].rstrip(), head[i + 1 :].strip()
            break
    first = head.split(" ", 1)[0]
    if first.casefold() in DETERMINERS:
        head = (first.lower() if first[:1].isupper() and first[1:].islower() else first) + head[len(first) :]
    elif first and not first.endswith(("'s", "’s", "s'", "s’")):
        head = f"the {head}"
    if not qualifier:
        return head, ""
    return head, f", {qualifier}" if "(" in qualifier else f" ({qualifier})"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="(),' sTheab’;:-—.", max_size=40))
def test_subject_parts_splits_at_the_first_break_outside_parentheses(subject: str) -> None:
    assert subject_parts(subject) == subject_parts_by_characters(subject)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="{}ab_ .", max_size=30),
    st.dictionaries(st.sampled_from(["a", "b", "ab", "_", ""]), st.text(alphabet="{}ab", max_size=6), max_size=4),
)
def test_fill_replaces_each_known_placeholder_once_and_leaves_the_rest(template: str, values: dict[str, str]) -> None:
    by_regex = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    assert fill(template, **values) == by_regex
    assert fill(template, **values) == by_regex  # the second time from the template's pieces, kept


@pytest.mark.parametrize(
    ("context", "shown"),
    [
        ("during the Soviet era", "during the Soviet era"),
        ("During the Soviet era", "during the Soviet era"),
        ("In 1961.", "in 1961"),
        ("  from   1992 ", "from 1992"),
        ("Under Peter the Great", "under Peter the Great"),
        ("Peter the Great's reign", "Peter the Great's reign"),  # a name keeps its capital
        ("IN 1961", "IN 1961"),
    ],
)
def test_an_items_context_reads_inside_the_question(context: str, shown: str) -> None:
    assert tidy_context(context) == shown


@pytest.mark.parametrize(
    ("statement", "prompt"),
    [
        ("the police stayed in Almaty.", "True or false? The police stayed in Almaty."),
        ("The police stayed.", "True or false? The police stayed."),
        ("iPhone sales fell.", "True or false? iPhone sales fell."),
        ("«Tokayev» spoke.", "True or false? «Tokayev» spoke."),
    ],
)
def test_a_statement_starts_its_sentence_with_a_capital(statement: str, prompt: str) -> None:
    deck = kzquiz.loads_deck(
        f'{HEADER}[[facts]]\nid = "s"\nkind = "statement"\nstatement = "{statement}"\nanswer = true\n', "s.toml"
    )
    assert deck.question("doc/s/true-false").prompt == prompt

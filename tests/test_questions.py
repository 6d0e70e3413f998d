"""Question generation: every form of every kind, deterministic, with ids that survive edits."""

from __future__ import annotations

import inspect
import weakref
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzquiz
from kzquiz import AnswerType, Form
from kzquiz.grading import ChoiceExpectation, ListExpectation, OrderExpectation, normalize

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "all-kinds.toml").read_text(encoding="utf-8")
DECKS = sorted((Path(__file__).parent.parent / "decks").glob("*.toml"))


@pytest.fixture(scope="module")
def deck() -> kzquiz.Deck:
    return kzquiz.loads_deck(EXAMPLE, "all-kinds.toml")


def test_each_fact_kind_generates_its_forms(deck: kzquiz.Deck) -> None:
    forms = {fact.kind: {q.form for q in deck.questions_for(fact.id)} for fact in deck.facts}
    assert forms[kzquiz.FactKind.ANSWER] == {Form.RECALL, Form.CHOICE}
    assert forms[kzquiz.FactKind.SEQUENCE] == {Form.ORDER, Form.LAST, Form.BEFORE, Form.AFTER, Form.CONTEXT}
    assert forms[kzquiz.FactKind.SET] == {Form.NAME, Form.SELECT, Form.ODD_ONE_OUT}
    assert forms[kzquiz.FactKind.NUMBER] == {Form.ENTRY}
    assert forms[kzquiz.FactKind.STATEMENT] == {Form.TRUE_FALSE}
    assert forms[kzquiz.FactKind.CLOZE] == {Form.CLOZE, Form.CHOICE}
    assert forms[kzquiz.FactKind.CHOICE] == {Form.CHOICE}


def test_sequence_questions(deck: kzquiz.Deck) -> None:
    before = deck.question("example/capital-names/before/astana")
    assert before.prompt == "What was the capital called just before it was named Astana?"
    assert before.check("Akmola").correct
    assert not before.check("Nur-Sultan").correct
    after = deck.question("example/capital-names/after/akmola")
    assert after.answer_type is AnswerType.TYPED
    assert after.check("Astana").correct
    soviet = deck.question("example/capital-names/context/tselinograd")
    assert "during the Soviet era" in soviet.prompt
    assert soviet.check("Tselinograd").correct
    last = deck.question("example/capital-names/last")
    assert last.answer_type is AnswerType.LIST
    assert last.check("Nur-Sultan, Astana, Akmola").correct
    assert not last.check("Astana, Nur-Sultan").correct
    order = deck.question("example/capital-names/order")
    assert isinstance(order.expectation, OrderExpectation)
    assert [order.choices[i] for i in order.expectation.order] == [
        "Akmolinsk",
        "Tselinograd",
        "Akmola",
        "Astana",
        "Nur-Sultan",
    ]
    numbers = " ".join(str(i + 1) for i in order.expectation.order)
    assert order.check(numbers).correct


def test_an_order_question_never_starts_in_order(deck: kzquiz.Deck) -> None:
    for seed in range(20):
        order = next(q for q in kzquiz.generate(deck, seed=seed) if q.form is Form.ORDER)
        assert isinstance(order.expectation, OrderExpectation)
        assert order.expectation.order != tuple(range(len(order.choices)))


def test_set_questions(deck: kzquiz.Deck) -> None:
    name = deck.question("example/csto/name")
    assert name.prompt == "Name three of the member states of the CSTO."
    assert name.check("Russia, Belarus, Armenia").correct
    odd = deck.question("example/csto/odd")
    assert isinstance(odd.expectation, ChoiceExpectation)
    (odd_index,) = odd.expectation.correct
    assert odd.choices[odd_index] in ("Uzbekistan", "Turkmenistan")
    select = deck.question("example/csto/select")
    assert select.answer_type is AnswerType.SELECT
    assert isinstance(select.expectation, ChoiceExpectation)
    picked = {select.choices[i] for i in select.expectation.correct}
    assert picked
    assert picked <= {"Kazakhstan", "Kyrgyzstan", "Armenia", "Tajikistan", "Belarus", "Russia"}


def test_group_facts_lend_each_other_distractors(deck: kzquiz.Deck) -> None:
    choice = deck.question("example/president/choice")
    assert set(choice.choices) == {"Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Karim Masimov"}
    assert choice.check("Kassym-Jomart Tokayev").correct
    assert not choice.check("Karim Masimov").correct


CAPITALS = ["Canberra", "Ottawa", "Paris", "Rome", "Madrid", "Berlin", "Vienna", "Oslo", "Lima", "Quito", "Cairo"]


def _capitals_deck(own: list[str]) -> str:
    facts = [
        f'[[facts]]\nid = "c{i}"\nkind = "answer"\ngroup = "capitals"\nquestion = "Capital {i}?"\nanswer = "{c}"\n'
        for i, c in enumerate(CAPITALS[1:], start=1)
    ]
    mine = ", ".join(f'"{d}"' for d in own)
    first = (
        f'[[facts]]\nid = "australia"\nkind = "answer"\ngroup = "capitals"\n'
        f'question = "What is the capital of Australia?"\nanswer = "Canberra"\ndistractors = [{mine}]\n'
    )
    return '[deck]\nid = "geo"\ntitle = "Capitals"\n\n' + "\n".join([first, *facts])


@pytest.mark.parametrize("own", [["Sydney"], ["Sydney", "Melbourne"], ["Sydney", "Melbourne", "Perth"]])
@pytest.mark.parametrize("seed", range(8))
def test_a_facts_own_distractors_come_before_its_groups(own: list[str], seed: int) -> None:
    deck = kzquiz.loads_deck(_capitals_deck(own), "geo.toml")
    question = kzquiz.generate(deck, seed=seed)[1]
    assert question.id == "geo/australia/choice"
    assert set(own) <= set(question.choices)
    assert len(question.choices) == 4
    assert set(question.choices) - {*own, "Canberra"} <= set(CAPITALS[1:])


def test_more_own_distractors_than_places_are_all_shown_in_turn() -> None:
    own = ["Sydney", "Melbourne", "Perth", "Darwin", "Hobart"]
    shown = set()
    for seed in range(20):
        question = kzquiz.generate(kzquiz.loads_deck(_capitals_deck(own), "geo.toml"), seed=seed)[1]
        assert set(question.choices) - {"Canberra"} <= set(own)
        shown |= set(question.choices)
    assert shown == {"Canberra", *own}


def test_an_answer_without_two_distractors_has_no_choice_form(deck: kzquiz.Deck) -> None:
    assert [q.form for q in deck.questions_for("nsc-chief")] == [Form.RECALL]


def test_every_question_accepts_its_own_expected_answer(deck: kzquiz.Deck) -> None:
    for question in deck.questions:
        match question.expectation:
            case ChoiceExpectation(choices=choices, correct=correct):
                answer = ", ".join(choices[i] for i in sorted(correct))
            case OrderExpectation(order=order):
                answer = " ".join(str(i + 1) for i in order)
            case ListExpectation(items=items, count=count):
                answer = ", ".join(item.text for item in items[:count])
            case _:
                answer = question.expected
        assert question.check(answer).correct, (question.id, answer)


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.name)
def test_no_distractor_is_a_right_answer_in_the_bundled_decks(path: Path) -> None:
    for question in kzquiz.load_deck(path).questions:
        if isinstance(question.expectation, ChoiceExpectation):
            right = {normalize(question.choices[i]) for i in question.expectation.correct}
            wrong = [normalize(c) for i, c in enumerate(question.choices) if i not in question.expectation.correct]
            assert not right & set(wrong), question.id
            assert len(set(wrong)) == len(wrong), question.id


def test_generation_is_deterministic_for_a_seed(deck: kzquiz.Deck) -> None:
    again = kzquiz.loads_deck(EXAMPLE)
    assert kzquiz.generate(deck, seed=7) == kzquiz.generate(again, seed=7)
    shuffles = {tuple(q.choices for q in kzquiz.generate(deck, seed=s)) for s in range(10)}
    assert len(shuffles) > 1, "different seeds shuffle differently"


def test_ids_survive_rewording_and_reordering(deck: kzquiz.Deck) -> None:
    blocks = EXAMPLE.split("\n[[facts]]\n")
    reordered = "\n[[facts]]\n".join([blocks[0], *reversed(blocks[1:])])
    reworded = reordered.replace("Who was the president", "Who was the head of state").replace(
        "Put these", "Order these"
    )
    edited = kzquiz.loads_deck(reworded)
    assert {q.id for q in edited.questions} == {q.id for q in deck.questions}
    assert edited.question("example/president/recall").prompt.startswith("Who was the head of state")


def test_one_fact_edit_does_not_reshuffle_another(deck: kzquiz.Deck) -> None:
    edited = kzquiz.loads_deck(EXAMPLE.replace('"NATO", "the SCO"', '"NATO", "the OSCE"'))
    assert edited.question("example/csto/odd").choices == deck.question("example/csto/odd").choices


def test_unknown_ids_raise_a_key_error(deck: kzquiz.Deck) -> None:
    for missing in ("example/nope/recall", "other/nsc-chief/recall", "example/nsc-chief/choice", "garbage"):
        with pytest.raises(kzquiz.UnknownQuestionError):
            deck.question(missing)
        with pytest.raises(KeyError):
            deck.question(missing)


def test_question_carries_quote_and_note(deck: kzquiz.Deck) -> None:
    question = deck.question("example/nsc-chief/recall")
    assert question.quote == "fired a few key figures of power, including Karim Masimov"
    assert question.fact_id == "nsc-chief"
    assert question.deck_id == "example"
    assert question.choices == ()


def test_the_public_api_is_complete_and_documented() -> None:
    public = {name for name in dir(kzquiz) if not name.startswith("_") and not inspect.ismodule(getattr(kzquiz, name))}
    assert set(kzquiz.__all__) == public
    for name in kzquiz.__all__:
        value = getattr(kzquiz, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), f"kzquiz.{name} has no docstring"


def test_forms_limits_the_questions_a_fact_generates() -> None:
    text = EXAMPLE.replace('kind = "sequence"\n', 'kind = "sequence"\nforms = ["order", "last"]\n')
    edited = kzquiz.loads_deck(text)
    assert [q.form for q in edited.questions_for("capital-names")] == [Form.ORDER, Form.LAST]


def test_forms_must_belong_to_the_kind() -> None:
    text = EXAMPLE.replace('kind = "sequence"\n', 'kind = "sequence"\nforms = ["order", "recal"]\n')
    with pytest.raises(kzquiz.DeckError) as caught:
        kzquiz.loads_deck(text)
    (problem,) = caught.value.problems
    assert problem.field == "capital-names.forms[1]"
    assert problem.message == "unknown form 'recal' for a sequence fact"


def test_questions_made_one_fact_at_a_time_equal_the_whole_decks() -> None:
    # A session generates a fact's questions when it first asks them, and the aliases options are picked by are
    # gathered only then; in any order, one fact at a time, the questions are those generating the deck gives.
    for text in (EXAMPLE, *(path.read_text(encoding="utf-8") for path in DECKS)):
        eager = kzquiz.generate(kzquiz.loads_deck(text))
        lazy = kzquiz.loads_deck(text)
        one_by_one = {f.id: lazy.questions_for(f.id) for f in reversed(lazy.facts)}
        assert tuple(q for f in lazy.facts for q in one_by_one[f.id]) == eager
        assert lazy.questions == eager


def test_an_option_is_picked_by_an_alias_another_fact_gives_even_when_asked_first() -> None:
    facts = "".join(
        f'[[facts]]\nid = "{fid}"\nkind = "answer"\ngroup = "capitals"\nquestion = "Capital of {country}?"\n'
        f'answer = "{city}"\n{extra}'
        for fid, country, city, extra in [
            ("kz", "Kazakhstan", "Astana", 'aliases = ["Nur-Sultan"]\n'),
            ("kg", "Kyrgyzstan", "Bishkek", ""),
            ("uz", "Uzbekistan", "Tashkent", ""),
            ("tj", "Tajikistan", "Dushanbe", ""),
        ]
    )
    deck = kzquiz.loads_deck(f'[deck]\nid = "c"\ntitle = "Capitals"\n{facts}')
    choice = next(q for q in deck.questions_for("uz") if q.form is Form.CHOICE)  # the first question made
    assert "Astana" in choice.choices
    verdict = choice.check("Nur-Sultan")
    assert not verdict.correct
    assert choice.expectation.answers[choice.choices.index("Astana")].aliases == ("Nur-Sultan",)  # type: ignore[union-attr]


def test_generating_every_question_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    assert len(kzquiz.loads_deck(EXAMPLE).questions) > 0
    assert gc.isenabled()
    gc.disable()
    try:
        kzquiz.generate(kzquiz.loads_deck(EXAMPLE))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_facts_questions_are_the_same_objects_before_and_after_every_question_is_made() -> None:
    # Once every question is made the deck keeps one tuple and lets the per-fact ones go: questions_for must still
    # give the very questions of deck.questions, for a fact asked before and for one asked only after.
    deck = kzquiz.loads_deck(EXAMPLE)
    first = deck.facts[1].id
    early = deck.questions_for(first)
    every = deck.questions
    assert set(map(id, early)) <= set(map(id, every))
    for fact in deck.facts:
        mine = deck.questions_for(fact.id)
        assert mine == tuple(q for q in every if q.fact_id == fact.id)
        assert all(any(q is other for other in every) for q in mine)
    assert deck.questions_for(first) == early
    with pytest.raises(kzquiz.UnknownQuestionError):
        deck.questions_for("no-such-fact")


@pytest.mark.parametrize("path", [DATA / "all-kinds.toml", *DECKS], ids=lambda p: p.name)
def test_questions_pickle_compare_and_hash_by_value(path: Path) -> None:
    # Questions are values: a copy made by pickle, or the same deck read again, equals the original and hashes the
    # same, and a question whose options are only themselves grades as one that spells each option out.
    import pickle

    deck = kzquiz.load_deck(path)
    again = kzquiz.load_deck(path).questions
    for question, twin in zip(deck.questions, again, strict=True):
        copy = pickle.loads(pickle.dumps(question))  # noqa: S301 - our own object, made just above
        assert copy == question == twin
        assert hash(copy) == hash(question) == hash(twin)
        assert copy.check(question.expected) == question.check(question.expected)


def _spelt_out(expectation: ChoiceExpectation | OrderExpectation) -> ChoiceExpectation | OrderExpectation:
    import attrs

    return attrs.evolve(expectation, answers=tuple(kzquiz.Answer(choice) for choice in expectation.choices))


@pytest.mark.parametrize("path", [DATA / "all-kinds.toml", *DECKS], ids=lambda p: p.name)
def test_options_without_other_forms_grade_as_if_each_were_spelt_out(path: Path) -> None:
    # A choice or order question whose options have no alias keeps no per-option answers; the grader must then
    # treat each option as exactly itself, as it would with the answers written out.
    checked = 0
    for question in kzquiz.load_deck(path).questions:
        expectation = question.expectation
        if not isinstance(expectation, ChoiceExpectation | OrderExpectation) or expectation.answers:
            continue
        spelt = _spelt_out(expectation)
        choices = question.choices
        tries = [*choices, *(c.lower() for c in choices), *(c[:-1] for c in choices), "1", "2, 1", "b", "a c", "x"]
        if isinstance(expectation, OrderExpectation):
            tries.append(", ".join(reversed(choices)))
        for answer in tries:
            assert kzquiz.grade(expectation, answer) == kzquiz.grade(spelt, answer), (question.id, answer)
        checked += 1
    assert checked > 0


def test_a_sequences_questions_about_the_same_item_share_its_answers() -> None:
    # Memory: a deck of 100,000 facts makes hundreds of thousands of questions, so the questions that ask for the
    # same item (the one before it, the one after it, its context) share one expectation, and the facts of a group
    # share the group's name, instead of each holding a copy.
    deck = kzquiz.loads_deck(EXAMPLE)
    sequence = next(f for f in deck.facts if f.kind is kzquiz.FactKind.SEQUENCE)
    asking = (Form.BEFORE, Form.AFTER, Form.CONTEXT)
    typed = [q.expectation for q in deck.questions_for(sequence.id) if q.form in asking]
    by_answer: dict[str, list[object]] = {}
    for expectation in typed:
        assert isinstance(expectation, kzquiz.grading.TextExpectation)
        by_answer.setdefault(expectation.accepted[0].text, []).append(expectation)
    shared = [group for group in by_answer.values() if len(group) > 1]
    assert shared
    for first, *rest in shared:
        assert all(e is first for e in rest)
    first, second = (f for f in kzquiz.loads_deck(EXAMPLE).facts if f.group == "people")
    assert first.group is second.group


def test_questions_and_what_they_hold_keep_no_room_for_weak_references() -> None:
    # Memory: hundreds of thousands of questions, expectations, answers and facts live at once in a big deck, and a
    # weak reference slot costs 8 bytes in each of them.
    deck = kzquiz.loads_deck(EXAMPLE)
    held = [*deck.facts, *deck.questions, *(q.expectation for q in deck.questions)]
    held += [answer for q in deck.questions for answer in getattr(q.expectation, "accepted", ())]
    held += [item for fact in deck.facts for item in getattr(fact, "items", ())]
    assert {type(kind) for kind in held} >= {kzquiz.Question, kzquiz.Answer, kzquiz.Item, kzquiz.AnswerFact}
    for thing in held:
        with pytest.raises(TypeError):
            weakref.ref(thing)


@pytest.mark.parametrize("path", [DATA / "all-kinds.toml", *DECKS], ids=lambda p: p.name)
def test_a_made_question_is_the_question_built_from_its_fields(path: Path) -> None:
    # A question made by a deck (through the builder's positional fast path) must read, compare, hash, print, copy
    # and pickle as one built from its fields by keyword.
    import pickle

    import attrs

    deck = kzquiz.load_deck(path)
    for question in deck.questions:
        fields = {field.name: getattr(question, field.name) for field in attrs.fields(kzquiz.Question)}
        built = kzquiz.Question(**fields)
        assert question.id.startswith(f"{deck.id}/{question.fact_id}/{question.form.value}")
        assert built == question
        assert hash(built) == hash(question)
        assert repr(built) == repr(question)
        assert attrs.asdict(built) == attrs.asdict(question)
        assert attrs.evolve(question, prompt="?") == attrs.evolve(built, prompt="?")
        assert pickle.loads(pickle.dumps(question)).id == question.id  # noqa: S301 - our own object
    assert attrs.evolve(deck.questions[0], form=Form.CHOICE).id == deck.questions[0].id  # an id is never rewritten


_SUBJECT_TEXT = st.text(st.sampled_from("aZ9_ -,;:.é\u00a0\t\u2028\u0665"), max_size=12)


@given(_SUBJECT_TEXT)
def test_an_item_slug_and_a_tidy_subject_skip_their_regular_expressions_only_where_they_would_change_nothing(
    text: str,
) -> None:
    from kzquiz import questions

    if text.isascii():
        assert questions._slug(text) == (questions._NOT_WORD.sub("-", text.lower()).strip("-") or "item")
    # The subject as tidied with the regular expression always applied (the reference the fast path must match).
    tidied = questions._SPACE_BEFORE_BREAK.sub("", " ".join(text.split())).rstrip(",;: ")
    while tidied.endswith(".") and not tidied.endswith("..") and not questions._ABBREVIATION.search(tidied):
        tidied = tidied[:-1].rstrip(",;: ")
    assert questions.tidy_subject(text) == tidied


def test_threads_that_generate_a_shared_decks_questions_at_once_get_what_one_thread_gets() -> None:
    """Each question's options are drawn from a generator seeded by its id: a thread's draws never follow another
    thread's seeding, however often the threads take turns."""
    import sys
    import threading

    facts = "".join(
        f'[[facts]]\nid = "f{n}"\ngroup = "g{n // 10}"\nkind = "answer"\nquestion = "Who met person {n}?"\n'
        f'answer = "Person{n:03d}"\n'
        + (
            f'\n[[facts]]\nid = "c{n}"\nkind = "choice"\nquestion = "Which {n}?"\nanswer = "A{n}"\n'
            f'wrong = ["B{n}", "C{n}", "D{n}", "E{n}"]\n'
        )
        for n in range(300)
    )
    text = '[deck]\nid = "threads"\ntitle = "Threads"\n\n' + facts

    def shown(deck: kzquiz.Deck) -> list[tuple[str, tuple[str, ...]]]:
        return [(q.id, q.choices) for fact in deck.facts for q in deck.questions_for(fact.id)]

    alone = shown(kzquiz.loads_deck(text, "threads.toml"))
    shared = kzquiz.loads_deck(text, "threads.toml")
    ids = [fact.id for fact in shared.facts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns as often as they can
    try:
        threads = [
            threading.Thread(target=lambda part=part: [shared.questions_for(i) for i in ids[part::6]])
            for part in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert shown(shared) == alone

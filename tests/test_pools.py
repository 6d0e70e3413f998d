"""Group pools: a group's answers lent to each fact without copying, with the same choices as a plain list gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz.convert.ids import IdMaker
from kzquiz.folding import answer_key
from kzquiz.pools import GroupPool, PoolView
from kzquiz.questions import QuestionFactory


def _key(text: str, accents: bool) -> str:
    return answer_key(text, accents=accents)


def _distinct(texts: list[str], exclude: list[str], accents: bool) -> list[str]:
    """The reference: generation's old way, copying the whole group for every fact."""
    seen = {_key(t, accents) for t in exclude}
    out = []
    for text in texts:
        key = _key(text, accents)
        if key and key not in seen:
            seen.add(key)
            out.append(text)
    return out


WORDS = st.sampled_from(["Astana", "astana", "Almaty", "Shymkent", "!!", "??", "Aktau", "Atyrau", "Oral", "Taraz"])


@settings(max_examples=200, deadline=None)
@given(
    pool=st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=40),
    own=st.lists(WORDS, max_size=4),
    exclude=st.lists(WORDS, max_size=3),
    accents=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_a_pool_view_is_the_list_it_stands_for(
    pool: list[str], own: list[str], exclude: list[str], accents: bool, seed: int
) -> None:
    own = _distinct(own, exclude, accents)
    view = GroupPool(pool, _key).lend(own, exclude, accents)
    expected = _distinct([*own, *pool], exclude, accents)
    assert list(view) == expected
    assert [view[i] for i in range(len(view))] == expected
    assert [view[-i] for i in range(1, len(view) + 1)] == [expected[-i] for i in range(1, len(expected) + 1)]
    assert len(view) == len(expected)
    assert view == expected
    assert hash(view) == hash(tuple(expected))
    assert view[1:3] == tuple(expected[1:3])
    # random.sample picks the very same entries from the view as from the list, so choices never change.
    for k in range(min(len(expected), 4) + 1):
        assert random.Random(seed).sample(view, k) == random.Random(seed).sample(expected, k)


def test_a_pool_lends_the_same_view_again_only_for_the_same_arguments() -> None:
    pool = GroupPool(["Astana", "Almaty", "Aktau", "Ástana"], _key)
    first = pool.lend((), ["Almaty"], False)
    assert pool.lend([], ("Almaty",), False) is first
    assert list(pool.lend((), ["Aktau"], False)) == ["Astana", "Almaty"]
    assert list(pool.lend(["Oral"], ["Almaty"], False)) == ["Oral", "Astana", "Aktau"]
    assert list(pool.lend((), ["Almaty"], True)) == ["Astana", "Aktau", "Ástana"]
    assert list(pool.lend((), ["Almaty"], False)) == ["Astana", "Aktau"]


def test_a_view_outside_its_range_is_an_index_error() -> None:
    view = PoolView(["a"], ["b", "c", "d"], [1])
    assert list(view) == ["a", "b", "d"]
    for index in (3, -4):
        try:
            view[index]
        except IndexError:
            continue
        raise AssertionError(f"view[{index}] did not raise")


def _group_deck(facts: int, group: str = "g") -> str:
    body = "".join(
        f'[[facts]]\nid = "f{i}"\nkind = "answer"\nquestion = "Question {i}?"\nanswer = "Answer {i}"\n'
        f'distractors = ["Wrong {i}"]\ngroup = "{group}"\n\n'
        for i in range(facts)
    )
    return f'[deck]\nid = "d"\ntitle = "D"\n\n{body}'


def test_choices_in_a_group_are_drawn_from_the_whole_group() -> None:
    deck = kzquiz.loads_deck(_group_deck(50))
    choice = deck.questions_for("f7")[1]
    assert choice.choices[next(iter(choice.expectation.correct))] == "Answer 7"
    assert "Wrong 7" in choice.choices  # the fact's own distractor first
    others = [c for c in choice.choices if c not in ("Answer 7", "Wrong 7")]
    assert len(others) == 2
    assert all(c.startswith("Answer ") for c in others)
    recall = deck.questions_for("f7")[0]
    assert recall.check("Answer 8").feedback.startswith("No: Answer 8 is a different answer.")


def test_the_facts_of_a_group_share_one_pool_instead_of_copying_it() -> None:
    deck = kzquiz.loads_deck(_group_deck(200))
    views = [deck.questions_for(f"f{i}")[0].expectation.others for i in range(200)]
    assert all(isinstance(view, PoolView) for view in views)
    shared = {id(view._texts) for view in views}  # the point of the test: one list for all
    assert len(shared) == 1
    assert len(views[0]) == 1 + 199  # its own distractor, then every other fact's answer


def test_a_group_lets_go_of_its_keys_once_every_fact_has_borrowed_and_lends_the_same_after() -> None:
    text = _group_deck(30).replace('"Answer 3"', '"answer 1"')  # a repeat: the pool makes a distinct copy
    deck = kzquiz.loads_deck(text)
    factory = QuestionFactory(deck)
    pool = factory._pools["g"]
    made = [factory.for_fact(fact) for fact in deck.facts[:-1]]
    assert pool._distinct  # one fact still to borrow: the keys stay
    made.append(factory.for_fact(deck.facts[-1]))
    assert not pool._distinct  # at 100,000 facts these keys were 20 MB alive until the last question
    assert [factory.for_fact(fact) for fact in deck.facts] == made  # worked out again, to the same questions
    assert list(kzquiz.loads_deck(text).questions) == [q for questions in made for q in questions]


class CountingSet(set[str]):
    lookups = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.lookups += 1
        return super().__contains__(item)


def test_identical_prompts_get_ids_in_linear_steps() -> None:
    maker = IdMaker({"same-3"})
    assert [maker.take("same") for _ in range(4)] == ["same", "same-2", "same-4", "same-5"]
    assert maker.take("same-2") == "same-2-2"
    counting = IdMaker()
    counting._taken = CountingSet()  # count the look-ups the old scan made 5,000 times as many
    ids = [counting.take("many") for _ in range(10_000)]
    assert len(set(ids)) == 10_000
    assert ids[-1] == "many-10000"
    assert CountingSet.lookups < 3 * 10_000

"""A teacher's decisions on appeals: grouping, where an alias goes, the deck file edited in place, and the dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import kzquiz
from kzquiz.appeals import AppealStatus
from kzquiz.convert.aliases import add_aliases
from kzquiz.deciding import AliasTarget, accept, alias_target, group_appeals, matching, reject, render_appeals
from kzquiz.scheduling import SchedulerSettings
from kzquiz.session import Session
from kzquiz.stores import open_store
from kzquiz.stores.base import Store
from kzquiz.stores.memory import MemoryStore

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

DECK = """\
# A teacher's deck: every comment must survive kzquiz accept.
[deck]
id = "geo"
title = "Geography"

[[facts]]
id = "capital"   # keep this id
kind = "answer"
question = "What is the capital of Kazakhstan?"
answer = "Astana"     # since 2022
distractors = ["Almaty", "Shymkent", "Aktobe"]

[[facts]]
id = "rivers"
kind = "sequence"
subject = "the rivers, west to east"
items = ["Ural", { text = "Irtysh", aliases = ["Ertis"] }, "Ili"]   # three rivers
forms = ["after", "order"]

[[facts]]
id = "neighbours"
kind = "set"
subject = "the countries bordering Kazakhstan"
members = ["Russia", "China", "Kyrgyzstan", "Uzbekistan", "Turkmenistan"]
name = 2

[[facts]]
id = "cosmodrome"
kind = "cloze"
text = "The Baikonur Cosmodrome is in {{Kazakhstan}}."

[[facts]]
id = "independence"
kind = "number"
question = "In which year did Kazakhstan declare independence?"
answer = 1991
"""


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made: Store = MemoryStore() if request.param == "memory" else open_store(tmp_path / "store.sqlite3")
    yield made
    made.close()


@pytest.fixture
def deck() -> kzquiz.Deck:
    return kzquiz.loads_deck(DECK, "geo.toml")


def test_where_an_accepted_answer_goes(deck: kzquiz.Deck) -> None:
    assert alias_target(deck, "geo/capital/recall") == AliasTarget("capital", "aliases")
    after_ural = next(q for q in deck.questions_for("rivers") if q.expected == "Irtysh")
    assert alias_target(deck, after_ural.id) == AliasTarget("rivers", "items", 1)
    assert alias_target(deck, "geo/cosmodrome/cloze") == AliasTarget("cosmodrome", "text")
    assert alias_target(deck, "geo/neighbours/name") == "a list answer has no single item to add it to"
    assert alias_target(deck, "geo/independence/entry") == "a number or date has no aliases"
    assert alias_target(deck, "geo/gone/recall") == "the deck no longer has the question geo/gone/recall"


def test_aliases_are_written_keeping_comments_and_layout(deck: kzquiz.Deck) -> None:
    text, notes = add_aliases(
        DECK,
        "geo.toml",
        [
            (AliasTarget("capital", "aliases"), "Nur-Sultan"),
            (AliasTarget("rivers", "items", 0), "Zhaiyk"),
            (AliasTarget("rivers", "items", 1), "Irtysh River"),
            (AliasTarget("cosmodrome", "text"), "Qazaqstan"),
            (AliasTarget("capital", "aliases"), "nur-sultan"),  # the same answer twice: added once
            (AliasTarget("capital", "aliases"), "ASTANA"),  # the answer itself
        ],
    )
    assert notes == [
        "geo.toml: facts.capital: 'nur-sultan' is already accepted",
        "geo.toml: facts.capital: 'ASTANA' is already accepted",
    ]
    expected = (
        DECK.replace(
            'answer = "Astana"     # since 2022\n', 'answer = "Astana"     # since 2022\naliases = ["Nur-Sultan"]\n'
        )
        .replace(
            'items = ["Ural", { text = "Irtysh", aliases = ["Ertis"] }, "Ili"]',
            'items = [{text = "Ural", aliases = ["Zhaiyk"]}, '
            '{ text = "Irtysh", aliases = ["Ertis", "Irtysh River"] }, "Ili"]',
        )
        .replace("{{Kazakhstan}}", "{{Kazakhstan|Qazaqstan}}")
    )
    assert text == expected
    edited = kzquiz.loads_deck(text, "geo.toml")
    assert edited.question("geo/capital/recall").check("Nur-Sultan").correct
    assert edited.question("geo/cosmodrome/cloze").check("Qazaqstan").correct
    with pytest.raises(kzquiz.ConversionError, match="cannot be a cloze alias"):
        add_aliases(DECK, "geo.toml", [(AliasTarget("cosmodrome", "text"), "a|b")])
    with pytest.raises(kzquiz.ConversionError, match="no fact with the id 'gone'"):
        add_aliases(DECK, "geo.toml", [(AliasTarget("gone", "aliases"), "x")])


def learner(store: Store, deck: kzquiz.Deck, name: str, answer: str, *, appeal: bool) -> Session:
    """A learner who learns the capital to review, then types ``answer`` on 4 March at 09:30 (and may appeal)."""
    store.save_settings(name, SchedulerSettings(enable_fuzzing=False))
    session = Session(deck, store, name)
    choice = deck.question("geo/capital/choice")
    session.answer(choice, "Astana", now=T0, duration=3.0)
    session.answer(choice, "Astana", now=T0 + dt.timedelta(minutes=10), duration=3.0)
    assert due(store, name) == dt.datetime(2026, 3, 4, 9, 10, tzinfo=UTC)
    session.answer(deck.question("geo/capital/recall"), answer, now=dt.datetime(2026, 3, 4, 9, 30, tzinfo=UTC))
    if appeal:
        session.appeal(now=dt.datetime(2026, 3, 4, 9, 31, tzinfo=UTC))
    return session


def due(store: Store, name: str) -> dt.datetime:
    memory = store.memory(name, "capital", "geo")
    assert memory is not None
    return memory.due


def test_due_dates_through_appeal_accept_and_reject(store: Store, deck: kzquiz.Deck) -> None:
    wrong_due = dt.datetime(2026, 3, 4, 9, 40, tzinfo=UTC)  # relearning: ten minutes after the wrong answer
    right_due = dt.datetime(2026, 3, 15, 9, 30, tzinfo=UTC)  # as if right: eleven days later
    learner(store, deck, "ann", "Nur-Sultan", appeal=True)
    learner(store, deck, "bob", "nur-sultan", appeal=False)
    learner(store, deck, "cem", "Shymkent", appeal=False)
    assert (due(store, "ann"), due(store, "bob"), due(store, "cem")) == (right_due, wrong_due, wrong_due)

    [group] = group_appeals(store.appeals(None), [AppealStatus.PENDING])
    assert (group.fact_id, group.answer, group.learners) == ("capital", "Nur-Sultan", 1)
    text, _ = add_aliases(DECK, "geo.toml", [(AliasTarget("capital", "aliases"), group.answer)])
    decided = accept(store, [group], dt.datetime(2026, 3, 5, 8, 0, tzinfo=UTC), deck, kzquiz.loads_deck(text, "x"))
    assert decided.counted_right == 1  # bob's "nur-sultan", which he never appealed
    # ann keeps her date; bob's earlier answer now counts as right; cem's wrong answer stays wrong
    assert (due(store, "ann"), due(store, "bob"), due(store, "cem")) == (right_due, right_due, wrong_due)
    statuses = {(a.learner, a.status, a.teacher) for a in store.appeals(None)}
    assert statuses == {("ann", AppealStatus.ACCEPTED, False), ("bob", AppealStatus.ACCEPTED, True)}
    assert [r.correct for r in store.reviews("bob")] == [True, True, False]  # the log is never edited

    [group] = group_appeals(store.appeals(None), [AppealStatus.ACCEPTED])
    reject(store, [group], dt.datetime(2026, 3, 6, 8, 0, tzinfo=UTC))
    assert (due(store, "ann"), due(store, "bob"), due(store, "cem")) == (wrong_due, wrong_due, wrong_due)
    assert {a.status for a in store.appeals(None)} == {AppealStatus.REJECTED}
    assert all(a.decided_at == dt.datetime(2026, 3, 6, 8, 0, tzinfo=UTC) for a in store.appeals(None))


def test_accepting_counts_the_aliases_typos_right_for_others(store: Store, deck: kzquiz.Deck) -> None:
    learner(store, deck, "ann", "Nur-Sultan", appeal=True)
    learner(store, deck, "dan", "Nursultan", appeal=False)  # a typo of the new alias: right once it is accepted
    [group] = group_appeals(store.appeals(None))
    text, _ = add_aliases(DECK, "geo.toml", [(AliasTarget("capital", "aliases"), "Nur-Sultan")])
    decided = accept(store, [group], T0 + dt.timedelta(days=3), deck, kzquiz.loads_deck(text, "x"))
    assert [(a.learner, a.answer) for a in decided.appeals if a.teacher] == [("dan", "Nursultan")]
    # without the edited deck, only the same answer counts
    assert accept(store, [], T0, deck).appeals == ()


def test_the_report_table_and_answers_named_on_the_command_line(store: Store, deck: kzquiz.Deck) -> None:
    learner(store, deck, "ann", "Nur-Sultan", appeal=True)
    learner(store, deck, "bob", "nur  sultan", appeal=True)
    learner(store, deck, "cem", "NUR-SULTAN", appeal=True)
    groups = group_appeals(store.appeals(None))
    assert [(g.answer, g.learners) for g in groups] == [("Nur-Sultan", 2), ("nur sultan", 1)]
    assert render_appeals(groups) == [
        "Appeals (2)",
        "",
        "fact         appealed answer  learners  pending  accepted  rejected",
        "-----------  ---------------  --------  -------  --------  --------",
        "geo/capital  Nur-Sultan              2        2         0         0",
        "geo/capital  nur sultan              1        1         0         0",
    ]
    [named] = matching(groups, "capital=nur-SULTAN")
    assert named.answer == "nur-SULTAN"  # the teacher's spelling is the one written into the deck
    assert matching(groups, "other=Nur-Sultan") == []


SCOPE_DECK = """\
[deck]
id = "geo"
title = "Geography"

[[facts]]
id = "capital"
kind = "answer"
forms = ["recall"]
question = "What was Astana called in 1961-1992?"
answer = "Tselinograd"
"""


def test_accept_counts_right_only_the_learners_it_is_given() -> None:
    """In a store shared by several classes, accepting an answer reaches the learners named and no one else."""
    deck = kzquiz.loads_deck(SCOPE_DECK, "scope.toml")
    store = kzquiz.MemoryStore()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    for n, learner in enumerate(("a/Aigerim", "a/Arman", "b/Bolat")):
        session = kzquiz.Session(deck, store, learner, clock=lambda n=n: start + dt.timedelta(minutes=n))
        question = session.next_question()
        assert question is not None
        assert not session.answer(question, "Akmolinsk City").correct
    session = kzquiz.Session(deck, store, "a/Aigerim", clock=lambda: start + dt.timedelta(minutes=5))
    appeal = session.appeal(store.reviews("a/Aigerim")[0], now=start + dt.timedelta(minutes=5))
    before = store.memories("b/Bolat")
    [group] = group_appeals([appeal])
    decision = accept(store, [group], start + dt.timedelta(hours=1), deck, learners=["a/Aigerim", "a/Arman"])
    assert sorted((a.learner, a.teacher) for a in decision.appeals) == [("a/Aigerim", False), ("a/Arman", True)]
    assert store.appeals("b/Bolat") == []
    assert store.memories("b/Bolat") == before
    everyone = accept(store, [], start + dt.timedelta(hours=2), deck)  # no groups: nothing to accept for anyone
    assert everyone.appeals == ()

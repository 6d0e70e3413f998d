"""kzquiz store copy: moving a class into a store and back, and merging stores, never doubling a review."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import kzquiz
from kzquiz.appeals import AppealRecord
from kzquiz.scheduling import SchedulerSettings
from kzquiz.stores.base import DeckRecord, Store
from kzquiz.stores.copy import CopyResult, copy_store
from kzquiz.stores.sqlite import SQLiteStore
from storetools import T0, deck_text, memory, record

DECK = kzquiz.loads_deck(deck_text(8, "d"), "d.toml")


def study(store: Store, learner: str, start: dt.datetime, answers: int) -> None:
    """A learner answers ``answers`` questions (every third one wrong), seven seconds apart."""
    session = kzquiz.Session(DECK, store, learner, new_limit=None)
    now = start
    for n in range(answers):
        question = session.next_question(now)
        assert question is not None
        session.answer(question, "wrong" if n % 3 == 0 else question.expected, now=now, duration=2.0)
        now += dt.timedelta(seconds=7)


def everything(store: Store) -> dict[str, object]:
    """A store's whole content, to compare two stores."""
    return {
        "learners": store.learners(),
        "decks": store.decks(),
        "settings": {name: store.settings(name) for name in store.learners()},
        "reviews": {name: store.reviews(name) for name in store.learners()},
        "memories": {name: store.memories(name) for name in store.learners()},
        "appeals": store.appeals(None),
    }


def filled(path: Path) -> SQLiteStore:
    store = SQLiteStore(path)
    store.record_deck(DECK)
    study(store, "ann", T0, 6)
    study(store, "bob", T0, 4)
    store.save_settings("bob", SchedulerSettings(desired_retention=0.85))
    wrong = next(r for r in store.reviews("ann") if not r.correct)
    store.save_appeal(
        AppealRecord("ann", "d", wrong.fact_id, wrong.question_id, wrong.reviewed_at, wrong.answer, T0),
        memory(wrong.fact_id, T0),
    )
    return store


def test_a_store_copied_in_and_back_out_is_the_same_and_a_second_copy_adds_nothing(
    tmp_path: Path, store: Store
) -> None:
    with filled(tmp_path / "class.sqlite3") as source:
        result = copy_store(source, store)
        assert result == CopyResult(learners=2, reviews_added=10, reviews_present=0, memories=10, decks=1, appeals=1)
        assert everything(store) == everything(source)
        assert copy_store(source, store) == CopyResult(learners=2, reviews_present=10)
        with SQLiteStore(tmp_path / "back.sqlite3") as back:
            copy_store(store, back)
            assert everything(back) == everything(source)


def test_two_copies_of_one_store_used_apart_merge_without_doubles(tmp_path: Path, store: Store) -> None:
    filled(tmp_path / "lab-1.sqlite3").close()
    shutil.copy(tmp_path / "lab-1.sqlite3", tmp_path / "lab-2.sqlite3")  # the same file, taken to a second machine
    with SQLiteStore(tmp_path / "lab-1.sqlite3") as one, SQLiteStore(tmp_path / "lab-2.sqlite3") as two:
        study(one, "ann", T0 + dt.timedelta(days=1), 3)
        study(two, "ann", T0 + dt.timedelta(days=2), 2)
        study(two, "cem", T0, 2)
        assert copy_store(one, store).reviews_added == 13
        second = copy_store(two, store)
        assert (second.reviews_added, second.reviews_present) == (4, 10)  # only what lab 2 did on its own
        uids = [r.uid for name in store.learners() for r in store.reviews(name)]
        assert len(uids) == len(set(uids)) == 17
        assert store.learners() == ["ann", "bob", "cem"]
        # the memories are the latest of the two: the fact lab 2 reviewed on day 2 comes from lab 2
        latest = {(m.deck_id, m.fact_id): m for m in two.memories("ann") if m.last_review and m.last_review.day == 4}
        assert latest
        for key, seen in latest.items():
            assert next(m for m in store.memories("ann") if (m.deck_id, m.fact_id) == key) == seen


def test_the_target_keeps_its_own_settings_and_deck_titles(store: Store) -> None:
    source = kzquiz.MemoryStore()
    source.save_settings("ann", SchedulerSettings(desired_retention=0.8))
    source.record_deck(DeckRecord("d", "sha256:old", "Old title"))
    source.save_review(record("a", T0), memory("a", T0))
    store.save_settings("ann", SchedulerSettings(desired_retention=0.95))
    store.record_deck(DeckRecord("d", "sha256:new", "New title"))
    store.save_review(record("a", T0), attrs.evolve(memory("a", T0), last_review=T0 + dt.timedelta(days=1)))
    result = copy_store(source, store)
    assert (result.memories, result.decks, result.reviews_added) == (0, 0, 1)
    assert store.settings("ann").desired_retention == 0.95
    assert store.decks() == [DeckRecord("d", "sha256:new", "New title")]
    assert store.memory("ann", "a", "d").last_review == T0 + dt.timedelta(days=1)  # type: ignore[union-attr]


def kzquiz_run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"KZQUIZ_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "kzquiz", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_store_copy_moves_a_class_in_and_back_with_identical_review_counts(tmp_path: Path, postgres_url: str) -> None:
    filled(tmp_path / "class.sqlite3").close()
    before = (tmp_path / "class.sqlite3").read_bytes()
    secret = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    moved_in = kzquiz_run(tmp_path, "store", "copy", str(tmp_path / "class.sqlite3"), secret)
    assert moved_in.returncode == 0, moved_in.stderr
    assert "2 learners, 10 reviews added (0 already there), 10 memories, 1 deck, 1 appeal." in moved_in.stdout
    assert "hunter2" not in moved_in.stdout
    assert (tmp_path / "class.sqlite3").read_bytes() == before  # the source is only read
    again = kzquiz_run(tmp_path, "store", "copy", str(tmp_path / "class.sqlite3"), postgres_url, "--json")
    assert json.loads(again.stdout)["reviews_added"] == 0
    out = kzquiz_run(tmp_path, "store", "copy", postgres_url, str(tmp_path / "out.sqlite3"), "--json")
    assert json.loads(out.stdout)["reviews_added"] == 10
    with SQLiteStore(tmp_path / "class.sqlite3") as first, SQLiteStore(tmp_path / "out.sqlite3") as back:
        assert everything(back) == everything(first)


def test_copying_a_store_onto_itself_is_refused(tmp_path: Path) -> None:
    filled(tmp_path / "a.sqlite3").close()
    run = kzquiz_run(tmp_path, "store", "copy", str(tmp_path / "a.sqlite3"), str(tmp_path / "." / "a.sqlite3"))
    assert run.returncode == 1
    assert "the source and the target are the same store" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [b"not a store", b""])
def test_a_bad_source_is_one_line_and_no_target_is_made(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.sqlite3").write_bytes(content)
    run = kzquiz_run(tmp_path, "store", "copy", str(tmp_path / "bad.sqlite3"), str(tmp_path / "new.sqlite3"))
    if content:
        assert run.returncode == 1
        assert "not a kzquiz store" in run.stderr
        assert not (tmp_path / "new.sqlite3").exists()
    else:  # an empty file reads as an empty store: nothing to copy
        assert run.returncode == 0, run.stderr
        assert "0 learners" in run.stdout

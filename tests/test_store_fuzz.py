"""Fuzzing the store reader: any damage to a store file gives only kzquiz's store errors, never another exception.

Hypothesis flips bytes, overwrites runs and truncates a small real store; every way of reading it (read-only and
for writing, every reader, ``store check``) may fail only with :class:`~kzquiz.StoreError` and its subclasses, and
``store check`` only ever returns a verdict. Bounded to a few seconds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kzquiz
from kzquiz.scheduling import CardState, Memory, Rating, SchedulerSettings
from kzquiz.stores import open_store
from kzquiz.stores.base import ReviewRecord
from kzquiz.stores.check import check_store

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("fuzz") / "store.sqlite3"
    with open_store(path) as store:
        store.save_settings("ann", SchedulerSettings(desired_retention=0.85))
        for n in range(150):
            when = T0 + dt.timedelta(hours=n)
            fact = f"fact-{n % 30}"
            record = ReviewRecord(
                "ann",
                "d",
                fact,
                f"d/{fact}/recall",
                "recall",
                f"answer {n}",
                True,
                1.0,
                "exact",
                Rating.GOOD,
                2.0,
                when,
            )
            store.save_review(record, Memory(fact, "d", CardState.REVIEW, None, 4.0, 5.0, when, when, 1))
    return path.read_bytes()


def read_everything(path: Path, read_only: bool) -> None:
    with open_store(path, read_only=read_only) as store:
        for learner in store.learners():
            store.settings(learner)
            store.memories(learner)
            store.reviews(learner)
            store.review_activity(learner)
            store.appeals(learner)
        store.decks()
        if not read_only:
            store.add_learner("fuzz")


damage = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 200_000), st.integers(1, 64)),
    st.tuples(st.just("fill"), st.integers(0, 200_000), st.integers(1, 4096)),
    st.tuples(st.just("cut"), st.integers(0, 200_000), st.just(0)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damages=st.lists(damage, min_size=1, max_size=4))
def test_damaged_bytes_give_only_store_errors(
    small_store: bytes, tmp_path: Path, damages: list[tuple[str, int, int]]
) -> None:
    data = bytearray(small_store)
    for kind, where, size in damages:
        where %= max(len(data), 1)
        if kind == "flip":
            data[where : where + size] = bytes(b ^ 0x5A for b in data[where : where + size])
        elif kind == "fill":
            data[where : where + size] = b"\xff" * len(data[where : where + size])
        else:
            del data[where:]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "store.sqlite3"
    path.write_bytes(bytes(data))
    for read_only in (True, False):
        with contextlib.suppress(kzquiz.StoreError):
            read_everything(path, read_only)
    with contextlib.suppress(kzquiz.StoreError):
        check_store(path)
    shutil.rmtree(folder)

"""Stable review identity: a store from before uids gets them on opening, the same ones on every copy of it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kzquiz.stores.sqlite import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, SQLiteStore
from storetools import T0


def version_1_store(path: Path) -> None:
    """A store as kzquiz wrote it before reviews had uids, with two reviews identical in every field."""
    db = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[0]:
        assert isinstance(step, str)
        db.execute(step)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO learners (name) VALUES ('ann'), ('bob')")
    db.execute("INSERT INTO decks VALUES ('d', 'h', 'Deck')")
    rows = [
        (1, "a", T0.isoformat(timespec="microseconds"), "x", 3),
        (1, "a", T0.isoformat(timespec="microseconds"), "x", 3),  # the same review twice: still two reviews
        (1, "b", T0.isoformat(timespec="microseconds"), "y", 1),
        (2, "a", T0.isoformat(timespec="microseconds"), "x", 3),
    ]
    db.executemany(
        "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, "
        "rating, duration, reviewed_at) VALUES (?, 'd', ?, 'q', 'recall', ?, 1, 1.0, 'exact', ?, 2.0, ?)",
        [(who, fact, answer, rating, when) for who, fact, when, answer, rating in rows],
    )
    db.close()


def uids(path: Path) -> list[str]:
    with SQLiteStore(path) as store:
        return [r.uid for name in store.learners() for r in store.reviews(name)]


def test_reviews_saved_before_uids_get_them_and_copies_agree(tmp_path: Path) -> None:
    version_1_store(tmp_path / "one.sqlite3")
    shutil.copy(tmp_path / "one.sqlite3", tmp_path / "copy.sqlite3")  # the same store, upgraded on two machines
    first = uids(tmp_path / "one.sqlite3")
    assert len(first) == 4
    assert len(set(first)) == 4
    assert all(len(uid) == 32 for uid in first)
    assert uids(tmp_path / "copy.sqlite3") == first
    assert uids(tmp_path / "one.sqlite3") == first  # opened again: unchanged
    db = sqlite3.connect(tmp_path / "one.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE reviews SET uid = 'other'")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        db.execute(
            "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, "
            "rating, duration, reviewed_at, uid) SELECT learner_id, deck_id, fact_id, question_id, form, answer, "
            "correct, score, match, rating, duration, reviewed_at, uid FROM reviews LIMIT 1"
        )
    db.close()

"""The SQLite store checks the deck of each memory and review it writes through a small index of deck ids, not through
the decks table, whose rows carry every fact id of their deck (1 MB for 100,000 facts)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import kzquiz
from kzquiz.stores.base import DeckRecord
from kzquiz.stores.sqlite import SCHEMA_VERSION
from storetools import T0, memory, record


def _root_pages(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0"))


def _opened_pages(db: sqlite3.Connection, statement: str, parameters: tuple[object, ...]) -> set[int]:
    """The root pages of the tables and indexes a statement opens to read (its program's OpenRead)."""
    return {row[3] for row in db.execute(f"EXPLAIN {statement}", parameters) if row[1] == "OpenRead"}


@pytest.mark.parametrize(
    "statement",
    [
        (
            "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, "
            "rating, duration, reviewed_at, uid) VALUES (1, 'd', 'a', 'q', 'recall', '', 1, 1.0, 'exact', 3, NULL, "
            "'2026-03-02T09:00:00.000000+00:00', 'u')"
        ),
        (
            "INSERT OR REPLACE INTO memory (learner_id, deck_id, fact_id, state, step, stability, difficulty, due, "
            "last_review, reps, lapses, question_id) VALUES (1, 'd', 'a', 'review', NULL, 3.0, 5.0, "
            "'2026-03-05T09:00:00.000000+00:00', '2026-03-02T09:00:00.000000+00:00', 1, 0, 'q')"
        ),
    ],
)
def test_writing_an_answer_checks_its_deck_through_the_index_of_deck_ids(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "progress.sqlite3"
    deck = DeckRecord("d", "hash", "Deck", tuple(f"f{n}" for n in range(20_000)))
    with kzquiz.SQLiteStore(path) as store:
        store.record_deck(deck)
        store.save_review(record("a", T0), memory("a", T0))
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")  # as the store writes
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        pages = _root_pages(db)
        opened = _opened_pages(db, statement, ())
        assert pages["decks_by_id"] in opened
        assert pages["decks"] not in opened
    finally:
        db.close()


def test_a_store_of_the_version_before_gets_the_index_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with kzquiz.SQLiteStore(path) as store:
        store.record_deck(DeckRecord("d", "hash", "Deck", ("a", "b")))
        store.save_review(record("a", T0), memory("a", T0))
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP INDEX decks_by_id")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.close()
    with kzquiz.SQLiteStore(path) as store:
        assert [r.fact_id for r in store.reviews("ann")] == ["a"]
        assert store.decks() == [DeckRecord("d", "hash", "Deck", ("a", "b"))]
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'decks_by_id'").fetchone()[0] == 1
    finally:
        db.close()

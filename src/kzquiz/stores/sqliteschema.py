"""What an SQLite store of the current schema version holds, written out: its tables and their columns, its indexes
and its triggers. Opening a store checks that none of them is missing (a store that lacks one is damaged).

Working this out from :data:`~kzquiz.stores.sqlitebase.MIGRATIONS` means making a store in memory and reading its
schema back, which cost more than the rest of opening a store for ``kzquiz stats``; a test holds this list equal to
what the migrations make, so a migration that changes the schema is written down here too.
"""

from __future__ import annotations

from kzquiz.stores.sqlitefile import Schema

__all__ = ["INDEXES", "SCHEMA", "TABLES", "TRIGGERS", "VERSION"]

VERSION = 5
"""The schema version described here: :data:`~kzquiz.stores.sqlitebase.SCHEMA_VERSION`."""

TABLES: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "learners": ("id", "name", "settings"),
    "decks": ("id", "content_hash", "title", "fact_ids"),
    "memory": (
        "learner_id",
        "deck_id",
        "fact_id",
        "state",
        "step",
        "stability",
        "difficulty",
        "due",
        "last_review",
        "reps",
        "lapses",
        "question_id",
    ),
    "reviews": (
        "id",
        "learner_id",
        "deck_id",
        "fact_id",
        "question_id",
        "form",
        "answer",
        "correct",
        "score",
        "match",
        "rating",
        "duration",
        "reviewed_at",
        "uid",
    ),
    "appeals": (
        "learner_id",
        "question_id",
        "reviewed_at",
        "deck_id",
        "fact_id",
        "answer",
        "made_at",
        "status",
        "decided_at",
        "teacher",
    ),
}
"""Each table, with its columns."""

INDEXES = {
    "memory_due": "memory",
    "reviews_by_learner": "reviews",
    "reviews_uid": "reviews",
    "decks_by_id": "decks",
}
"""Each index, with its table."""

TRIGGERS = {"reviews_are_kept": "reviews", "reviews_are_unchanged": "reviews"}
"""Each trigger, with its table: they keep the review log append-only."""

SCHEMA: Schema = frozenset(
    [("table", table, table) for table in TABLES]
    + [("column", table, column) for table, columns in TABLES.items() for column in columns]
    + [("index", table, name) for name, table in INDEXES.items()]
    + [("trigger", table, name) for name, table in TRIGGERS.items()]
)
"""All of it, as :func:`~kzquiz.stores.sqlitefile.schema_of` reads a store's schema."""

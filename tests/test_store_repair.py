"""``kzquiz store check`` and ``store repair`` on a set of damaged stores made here: byte flips, truncations, bad rows.

For each damaged file: check finds the damage and never writes (same bytes, same mtime, no new files); repair
recovers every review that the damaged file still holds readable, where "readable" is decided independently, by
looking each original review up by its id in the damaged file and comparing it with the original; the repaired store
passes the check, every fact reviewed has its memory with one repetition per recovered review, and the damaged file
is kept byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import kzquiz
from clitools import kzquiz_cli
from kzquiz.scheduling import Rating, SchedulerSettings, review
from kzquiz.stores import open_store
from kzquiz.stores.base import ReviewRecord
from kzquiz.stores.check import check_store
from kzquiz.stores.repair import repair_store

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
PAGE = 4096
COLUMNS = "id, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, duration, reviewed_at"


def make_store(path: Path) -> None:
    """Two learners, settings, two decks and 1,600 reviews of 80 facts: many pages of every table."""
    with open_store(path) as store:
        store.save_settings("ann", SchedulerSettings(desired_retention=0.85))
        store.add_learner("bob")
        memories: dict[tuple[str, str, str], Any] = {}
        for n in range(1600):
            learner = ("ann", "bob")[n % 2]
            deck = ("geo", "hist")[n % 3 == 0]
            fact = f"fact-{n % 40:02}"
            when = T0 + dt.timedelta(hours=n)
            rating = (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD)[n % 4]
            record = ReviewRecord(
                learner,
                deck,
                fact,
                f"{deck}/{fact}/recall",
                "recall",
                f"answer number {n} to {fact}",
                rating is not Rating.AGAIN,
                0.0 if rating is Rating.AGAIN else 1.0,
                "wrong" if rating is Rating.AGAIN else "exact",
                rating,
                3.5,
                when,
            )
            key = (learner, deck, fact)
            settings = store.settings(learner)
            memories[key] = review(memories.get(key), rating, when, settings, fact, deck, record.question_id)
            store.save_review(record, memories[key])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "store.sqlite3"
    make_store(path)
    return path


def pages(path: Path, table: str, kind: str) -> list[int]:
    """The page numbers of a table's (or an index's) pages of one kind (``leaf`` or ``internal``)."""
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    found = [row[0] for row in db.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ?", (table, kind))]
    db.close()
    assert found, (table, kind)
    return sorted(found)


def flip(path: Path, offset: int, length: int = 16) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + length] = bytes(b ^ 0xFF for b in data[offset : offset + length])
    path.write_bytes(bytes(data))


def fill_page(path: Path, page: int, byte: int) -> None:
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE : page * PAGE] = bytes([byte]) * PAGE
    path.write_bytes(bytes(data))


def truncate(path: Path, size: int) -> None:
    with path.open("r+b") as file:
        file.truncate(size)


def sql(*statements: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        db = sqlite3.connect(path, isolation_level=None)
        for statement in statements:
            db.execute(statement)
        db.close()

    return damage


def page_start(path: Path, table: str, kind: str, which: float) -> int:
    found = pages(path, table, kind)
    return (found[int(which * (len(found) - 1))] - 1) * PAGE


DAMAGES: dict[str, Callable[[Path], None]] = {
    "flip-review-leaf-header": lambda p: flip(p, page_start(p, "reviews", "leaf", 0.0)),
    "flip-review-cell-pointers": lambda p: flip(p, page_start(p, "reviews", "leaf", 0.5) + 8),
    "flip-review-cell-content": lambda p: flip(p, page_start(p, "reviews", "leaf", 0.3) + PAGE - 120),
    "flip-review-last-leaf": lambda p: flip(p, page_start(p, "reviews", "leaf", 1.0) + 8),
    "flip-review-interior": lambda p: flip(p, page_start(p, "reviews", "internal", 0.0) + 8),
    "flip-index-leaf": lambda p: flip(p, page_start(p, "reviews_by_learner", "leaf", 0.5)),
    "flip-memory-leaf": lambda p: flip(p, page_start(p, "memory", "leaf", 0.5) + 8),
    "flip-schema-page": lambda p: flip(p, 100),
    "flip-learners-page": lambda p: flip(p, page_start(p, "learners", "leaf", 0.0)),
    "flip-middle-of-file": lambda p: flip(p, p.stat().st_size // 2),
    "flip-header-page-size": lambda p: flip(p, 16, 2),
    "zero-review-leaf": lambda p: fill_page(p, pages(p, "reviews", "leaf")[3], 0x00),
    "garbage-review-leaf": lambda p: fill_page(p, pages(p, "reviews", "leaf")[-2], 0xA5),
    "truncate-half": lambda p: truncate(p, p.stat().st_size // PAGE // 2 * PAGE),
    "truncate-tenth-off": lambda p: truncate(p, p.stat().st_size * 9 // 10 // PAGE * PAGE),
    "truncate-mid-page": lambda p: truncate(p, p.stat().st_size - PAGE * 3 - 123),
    "truncate-to-header": lambda p: truncate(p, 100),
    "row-due-garbage": sql("UPDATE memory SET due = 'garbage' WHERE fact_id = 'fact-07'"),
    "row-rating-9": sql(
        "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, "
        "duration, reviewed_at) VALUES (1, 'geo', 'fact-01', 'geo/fact-01/recall', 'recall', 'x', 1, 1.0, "
        "'exact', 9, 2.0, '2026-06-01T00:00:00.000000+00:00')"
    ),
    "row-time-naive": sql(
        "INSERT INTO reviews (learner_id, deck_id, fact_id, question_id, form, answer, correct, score, match, rating, "
        "duration, reviewed_at) VALUES (2, 'geo', 'fact-02', 'geo/fact-02/recall', 'recall', 'x', 1, 1.0, "
        "'exact', 3, 2.0, '2026-06-01T00:00:00')"
    ),
    "row-settings-not-json": sql("UPDATE learners SET settings = '{not json' WHERE name = 'ann'"),
    "row-retention-5": sql("UPDATE learners SET settings = '{\"desired_retention\": 5}' WHERE name = 'ann'"),
    "row-learner-deleted": sql("DELETE FROM learners WHERE name = 'bob'"),
    "row-deck-deleted": sql("DELETE FROM decks WHERE id = 'hist'"),
    "row-stability-negative": sql("UPDATE memory SET stability = -2 WHERE fact_id = 'fact-03'"),
    "table-memory-dropped": sql("DROP TABLE memory"),
}


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def original_reviews(path: Path) -> dict[int, tuple[Any, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    rows = {row[0]: row for row in db.execute(f"SELECT {COLUMNS} FROM reviews")}  # noqa: S608 - test constant
    db.close()
    return rows


def readable_reviews(damaged: Path, truth: dict[int, tuple[Any, ...]]) -> set[int]:
    """The original reviews that the damaged file still gives back intact, looked up one by one by id."""
    readable = set()
    try:
        db = sqlite3.connect(f"file:{damaged}?mode=ro&immutable=1", uri=True)
    except sqlite3.DatabaseError:
        return readable
    for review_id, row in truth.items():
        try:
            found = db.execute(f"SELECT {COLUMNS} FROM reviews WHERE id = ?", (review_id,)).fetchone()  # noqa: S608
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            continue
        if found == row:
            readable.add(review_id)
    db.close()
    return readable


@pytest.fixture(params=sorted(DAMAGES))
def damaged(request: pytest.FixtureRequest, pristine: Path, tmp_path: Path) -> tuple[str, Path]:
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "store.sqlite3"
    shutil.copy(pristine, path)
    DAMAGES[request.param](path)
    return request.param, path


def test_the_set_has_at_least_twenty_damaged_files() -> None:
    kinds = Counter(name.split("-")[0] for name in DAMAGES)
    assert len(DAMAGES) >= 20
    assert kinds["flip"] >= 8
    assert kinds["truncate"] >= 3
    assert kinds["row"] >= 5


def test_check_finds_the_damage_and_never_writes(damaged: tuple[str, Path]) -> None:
    _, path = damaged
    before = fingerprint(path.parent)
    found = check_store(path)
    assert not found.ok
    assert all(problem.startswith(f"{path}: ") and "\n" not in problem for problem in found.problems)
    result = kzquiz_cli(path.parent, "store", "check", "--db", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "nothing was changed" in result.stderr
    assert fingerprint(path.parent) == before


def test_repair_recovers_every_readable_review(damaged: tuple[str, Path], pristine: Path) -> None:
    name, path = damaged
    truth = original_reviews(pristine)
    readable = readable_reviews(path, truth)
    damaged_bytes = path.read_bytes()
    if not readable:
        with pytest.raises(kzquiz.StoreError):
            repair_store(path, NOW)
        assert path.read_bytes() == damaged_bytes
        return
    done = repair_store(path, NOW)
    assert done.kept.read_bytes() == damaged_bytes
    assert done.kept.name == "store.sqlite3.damaged-20260601T120000Z"
    assert check_store(path).ok
    recovered = original_reviews(path)
    missing = sorted(readable - set(recovered))
    assert not missing, f"{name}: readable reviews not recovered: {missing[:10]}"
    assert all(recovered[i] == truth[i] for i in recovered if i in truth)
    if len(readable) < len(truth):
        assert done.lost, "what was lost is reported"
    with open_store(path, read_only=True) as store:
        for learner in store.learners():
            counts = Counter((r.deck_id, r.fact_id) for r in store.reviews(learner))
            assert {(m.deck_id, m.fact_id): m.reps for m in store.memories(learner)} == dict(counts)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(["store.sqlite3", done.kept.name])


def test_repair_leaves_a_sound_store_alone_and_says_what_it_lost(pristine: Path, tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    shutil.copy(pristine, path)
    before = fingerprint(tmp_path)
    sound = kzquiz_cli(tmp_path, "store", "repair", "--db", str(path))
    assert (sound.returncode, sound.stdout) == (0, f"{path}: ok: nothing to repair\n")
    assert fingerprint(tmp_path) == before
    checked = kzquiz_cli(tmp_path, "store", "check", "--db", str(path))
    facts = len({(n % 2, n % 3 == 0, n % 40) for n in range(1600)})  # (learner, deck, fact) as make_store makes them
    assert (checked.returncode, checked.stdout) == (0, f"{path}: ok: 2 learners, 1,600 reviews, {facts} memories\n")
    DAMAGES["row-settings-not-json"](path)
    DAMAGES["zero-review-leaf"](path)
    repaired = kzquiz_cli(tmp_path, "store", "repair", "--db", str(path))
    assert repaired.returncode == 0, repaired.stderr
    lines = repaired.stdout.splitlines()
    assert lines[0].startswith(f"{path}: repaired: 2 learners and ")
    assert lines[1].startswith(f"The damaged file was kept as {path}.damaged-")
    assert lines[2].startswith("Could not be recovered (")
    assert any("learners row 1: settings: '{not json' is not JSON; the default settings are used" in x for x in lines)
    assert any(x.startswith("  reviews: rows ") and "are unreadable" in x for x in lines)
    with open_store(path, read_only=True) as store:
        assert store.settings("ann") == SchedulerSettings()
        assert 1500 < sum(len(store.reviews(name)) for name in store.learners()) < 1600

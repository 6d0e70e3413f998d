"""``kzquiz store repair``: a new store from what a damaged one still holds, the review log being the truth.

The damaged file is only read (:mod:`kzquiz.stores.salvage` goes round damaged pages). Every readable row that
passes the store's checks is copied into a new file at the damaged store's schema version (learners with their ids
and settings, decks, the review log, appeals, anything a newer table holds); a review whose learner or deck row
was lost gets a stand-in row. Memories are not copied: each learner's memory of each fact is rebuilt by replaying
the review log through the scheduler, appeals counted. The new file is then migrated forward and checked, the
damaged file is kept beside it (``NAME.damaged-TIME``, with its ``-wal``), and the new one takes its name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from kzquiz.errors import DamagedStoreError, NotAStoreError, StoreError, StoreFix, StoreVersionError
from kzquiz.stores.check import check_row, check_store, row_label
from kzquiz.stores.rows import text_or_bytes
from kzquiz.stores.salvage import read_rows, table_columns
from kzquiz.stores.sqlitefile import Step, connect_read_only, not_a_file, run_step, schema_version_of, tidy

__all__ = ["Repair", "repair_store"]

_REBUILT = ("memory",)
"""Tables that are not copied but rebuilt from the review log."""


@attrs.frozen
class Repair:
    """What ``kzquiz store repair`` did: the new store, where the damaged one was kept, and what was lost."""

    path: Path
    kept: Path
    copied: dict[str, int]
    """Rows copied per table."""
    memories: int
    """Memories rebuilt from the review log."""
    lost: tuple[str, ...]
    """What could not be recovered, one line each."""


def repair_store(path: str | Path, now: dt.datetime) -> Repair:
    """Rebuild the store at ``path`` from what it still holds readable; ``now`` names the kept damaged file.

    Raises :class:`~kzquiz.StoreError` for a file that is not a kzquiz store or from a newer kzquiz, and
    :class:`~kzquiz.DamagedStoreError` when nothing in the file can be read; the file is left as it was.
    """
    from kzquiz.stores.sqlite import MIGRATIONS, SCHEMA_VERSION

    path = Path(path)
    refused = not_a_file(path)
    if refused is not None:
        raise NotAStoreError(f"{path}: {refused}", path=path, fix=StoreFix.ANOTHER_STORE)
    if not path.is_file():
        raise StoreError(f"{path}: no store there")
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    fresh = path.with_name(f".{path.name}.repair-{stamp}.tmp")
    for taken in (kept, fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-journal")):
        if taken.exists():
            raise StoreError(f"{path}: {taken} is in the way; move it and try again")
    try:
        source, tidy_due = connect_read_only(path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise DamagedStoreError(f"{path}: nothing in the store can be read ({error}); it was left as it was") from None
    source.text_factory = text_or_bytes  # a damaged text is named and skipped, not a stop
    try:
        version = _version(source, path, MIGRATIONS, SCHEMA_VERSION)
        lost: list[str] = []
        copied = _copy(source, fresh, version, MIGRATIONS, lost)
        if not any(copied.values()):
            raise DamagedStoreError(f"{path}: nothing in the store can be read ({lost[0]}); it was left as it was")
    except BaseException:
        _remove(fresh)
        raise
    finally:
        source.close()
        if tidy_due:
            tidy(path)
    try:
        memories = _rebuild(fresh)
        check = check_store(fresh)
        if not check.ok:  # pragma: no cover - a new store that fails its check is kzquiz's bug, not the file's
            raise StoreError(f"{path}: the repaired store does not pass its check: {check.problems[0]}")
    except BaseException:
        _remove(fresh)
        raise
    _swap(path, fresh, kept)
    return Repair(path, kept, copied, memories, tuple(lost))


def _version(db: sqlite3.Connection, path: Path, migrations: tuple[tuple[Step, ...], ...], newest: int) -> int:
    """The damaged store's schema version: from its header when it is readable and kzquiz's, else its tables."""
    from kzquiz.stores.sqlite import APPLICATION_ID

    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise DamagedStoreError(f"{path}: nothing in the store can be read ({error}); it was left as it was") from None
    if app_id == APPLICATION_ID and version > newest:
        raise StoreVersionError(f"{path}: was written by a newer kzquiz (store schema {version}); upgrade kzquiz")
    if app_id == APPLICATION_ID and version > 0:
        return int(version)
    try:
        found = schema_version_of(db, migrations)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise DamagedStoreError(f"{path}: its list of tables is unreadable ({error}); it was left as it was") from None
    if found is None:
        raise NotAStoreError(f"{path}: has none of a kzquiz store's tables; it was left as it was")
    return found


def _copy(
    source: sqlite3.Connection, fresh: Path, version: int, migrations: tuple[tuple[Step, ...], ...], lost: list[str]
) -> dict[str, int]:
    """Make the new file at ``version`` and copy every readable, valid row into it; note what was lost."""
    from kzquiz.stores.sqlite import APPLICATION_ID

    target = sqlite3.connect(fresh, isolation_level=None)
    try:
        target.execute("BEGIN")
        for steps in migrations[:version]:
            for step in steps:
                run_step(target, step)
        target.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        target.execute(f"PRAGMA user_version = {version}")
        tables = [
            str(name)
            for (name,) in target.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY rowid"
            )
        ]
        copied = {}
        for table in tables:
            if table in _REBUILT:
                continue
            copied[table] = _copy_table(source, target, table, lost)
        _stand_ins(target, lost)
        target.execute("COMMIT")
    finally:
        target.close()
    return copied


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str, lost: list[str]) -> int:
    columns, keys, has_rowid = table_columns(target, table)
    if has_rowid and len(keys) == 1:
        kind = target.execute("SELECT type FROM pragma_table_info(?) WHERE pk = 1", (table,)).fetchone()[0]
        has_rowid = str(kind).upper() != "INTEGER"  # an INTEGER PRIMARY KEY is the row id itself
    try:
        theirs = set(table_columns(source, table)[0])
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        lost.append(f"{table}: the whole table ({error})")
        return 0
    if not theirs:
        lost.append(f"{table}: the whole table (it is missing)")
        return 0
    shared = [name for name in columns if name in theirs]
    salvage = read_rows(source, table, shared)
    lost.extend(salvage.unreadable)
    names = ", ".join(f'"{name}"' for name in shared)
    marks = ", ".join("?" for _ in shared)
    keyed = ("rowid, " if has_rowid else "") + names
    insert = f'INSERT INTO "{table}" ({keyed}) VALUES ({"?, " if has_rowid else ""}{marks})'  # noqa: S608
    count = 0
    for rowid, values in salvage.rows:
        row = dict(zip(shared, values, strict=True))
        problem = check_row(table, row)
        if problem is not None and table == "learners" and row.get("settings") is not None:
            fixed = {**row, "settings": None}
            if check_row(table, fixed) is None:  # a learner whose settings are damaged keeps the rest
                lost.append(f"{row_label(table, rowid, row)}: {problem}; the default settings are used instead")
                row, values, problem = fixed, tuple(fixed[name] for name in shared), None
        if problem is not None:
            lost.append(f"{row_label(table, rowid, row)}: {problem}")
            continue
        try:
            target.execute(insert, (rowid, *values) if has_rowid else values)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            lost.append(f"{row_label(table, rowid, row)}: {error}")
            continue
        count += 1
    return count


def _stand_ins(target: sqlite3.Connection, lost: list[str]) -> None:
    """Learners and decks that reviews or appeals name but whose own rows were lost get stand-in rows."""
    appeals = target.execute("SELECT 1 FROM sqlite_schema WHERE name = 'appeals'").fetchone()
    named = "SELECT learner_id FROM reviews" + (" UNION SELECT learner_id FROM appeals" if appeals else "")  # noqa: S608
    for (learner_id,) in target.execute(
        f"SELECT DISTINCT learner_id FROM ({named}) WHERE learner_id NOT IN (SELECT id FROM learners) ORDER BY 1"  # noqa: S608
    ).fetchall():
        name = f"learner-{learner_id}"
        target.execute("INSERT INTO learners (id, name) VALUES (?, ?)", (learner_id, name))
        lost.append(f"learners row {learner_id}: the name was lost; the reviews are kept under {name!r}")
    for (deck_id,) in target.execute(
        "SELECT DISTINCT deck_id FROM reviews WHERE deck_id NOT IN (SELECT id FROM decks) ORDER BY 1"
    ).fetchall():
        target.execute("INSERT INTO decks (id, content_hash, title) VALUES (?, '', '')", (deck_id,))
        lost.append(f"decks row {deck_id!r}: the title was lost; it comes back when the deck is studied again")


def _rebuild(fresh: Path) -> int:
    """Migrate the new store forward and rebuild every learner's memories from the review log, appeals counted."""
    from kzquiz.appeals import replay, review_key
    from kzquiz.stores.sqlite import SQLiteStore

    count = 0
    with SQLiteStore(fresh) as store:
        for learner in store.learners():
            settings = store.settings(learner)
            by_fact: dict[tuple[str, str], list[Any]] = defaultdict(list)
            for record in store.reviews(learner):
                by_fact[record.deck_id, record.fact_id].append(record)
            appeals = {appeal.key: appeal for appeal in store.appeals(learner)}
            memories = []
            for (deck_id, fact_id), records in by_fact.items():
                mine = {review_key(r): appeals[review_key(r)] for r in records if review_key(r) in appeals}
                memory = replay(records, mine, settings, fact_id, deck_id)
                if memory is not None:
                    memories.append(memory)
            store.save_memories(learner, memories)
            count += len(memories)
    return count


def _swap(path: Path, fresh: Path, kept: Path) -> None:
    """Keep the damaged file (and its log) as ``kept`` and put the new store in its place, atomically."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    try:
        os.link(path, kept)
    except OSError:
        shutil.copy2(path, kept)
    if wal.exists():
        # the damaged store's log goes with it: left here, SQLite would read it into the new store
        wal.replace(f"{kept}-wal")
    with contextlib.suppress(FileNotFoundError):
        shm.unlink()
    fresh.replace(path)


def _remove(fresh: Path) -> None:
    for leftover in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm"), Path(f"{fresh}-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()

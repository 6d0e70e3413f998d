"""The PostgreSQL store on a real server: foreign and newer schemas, secrets, processes at once, kills, restarts.

Every test here needs the server of ``.ci/with-postgres`` (see tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import kzquiz
from kzquiz.stores.postgres import SCHEMA_VERSION, PostgresStore, redact
from storetools import T0, deck_text, memory, record

pytestmark = pytest.mark.postgres

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test,postgres]'")


def sql(url: str, statement: str) -> list[tuple[object, ...]]:
    """Run one statement in the URL's schema, as another program would, and return its rows."""
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def test_a_new_schema_is_made_and_marked(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.save_review(record("a", T0), memory("a", T0))
        assert store.schema.startswith("test_")
    meta = dict(sql(postgres_url, "SELECT key, value FROM kzquiz_meta"))
    assert meta == {"application": "kzquiz", "schema_version": str(SCHEMA_VERSION)}
    with PostgresStore(postgres_url) as store:  # opened again: recognised, nothing migrated twice
        assert len(store.reviews("ann")) == 1


def test_the_review_log_is_append_only(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        store.save_review(record("a", T0), memory("a", T0))
    for statement in ("DELETE FROM reviews", "UPDATE reviews SET answer = 'y'", "TRUNCATE reviews CASCADE"):
        with pytest.raises(psycopg.Error, match="append-only"):
            sql(postgres_url, statement)
    assert sql(postgres_url, "SELECT count(*) FROM reviews") == [(1,)]


def schema_contents(url: str) -> list[tuple[object, ...]]:
    return sql(url, "SELECT relname, relkind FROM pg_class WHERE relnamespace = current_schema()::regnamespace")


def foreign(url: str) -> None:
    sql(url, "SELECT 1")
    with psycopg.connect(url, autocommit=True) as conn:
        schema = conn.execute("SHOW search_path").fetchone()[0]  # type: ignore[index]
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute("CREATE TABLE notes (id serial PRIMARY KEY, text text)")
        conn.execute("INSERT INTO notes (text) VALUES ('mine, not kzquiz''s')")


def newer(url: str) -> None:
    PostgresStore(url).close()
    sql(url, f"UPDATE kzquiz_meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'")  # noqa: S608 - a constant


def another_application(url: str) -> None:
    PostgresStore(url).close()
    sql(url, "UPDATE kzquiz_meta SET value = 'notes' WHERE key = 'application'")


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (foreign, kzquiz.NotAStoreError, "tables that are not kzquiz's"),
        (newer, kzquiz.StoreVersionError, "newer kzquiz"),
        (another_application, kzquiz.NotAStoreError, "not a kzquiz store"),
    ],
)
def test_schemas_kzquiz_must_not_use_are_refused_and_left_alone(
    postgres_url: str, make: object, error: type[Exception], words: str
) -> None:
    secret_url = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:hunter2@")
    make(postgres_url)  # type: ignore[operator]
    before = schema_contents(postgres_url)
    rows = sql(postgres_url, "SELECT * FROM kzquiz_meta ORDER BY 1") if make is not foreign else []
    with pytest.raises(error, match=words) as caught:
        kzquiz.open_store(secret_url)
    message = str(caught.value)
    assert "hunter2" not in message
    assert "postgres:***@" in message
    assert "\n" not in message
    assert schema_contents(postgres_url) == before
    if make is not foreign:
        assert sql(postgres_url, "SELECT * FROM kzquiz_meta ORDER BY 1") == rows


def test_passwords_are_never_shown(tmp_path: Path) -> None:
    assert redact("postgresql://ann:s3cr%40t@db.school:5432/kz?sslmode=require") == (
        "postgresql://ann:***@db.school:5432/kz?sslmode=require"
    )
    assert redact("postgresql:///kz?user=ann&password=s3cret&host=/run/pg") == (
        "postgresql:///kz?user=ann&password=***&host=/run/pg"
    )
    url = f"postgresql://ann:s3cret@/kz?host={tmp_path}&connect_timeout=1"  # no server in that folder
    with pytest.raises(kzquiz.StoreConnectionError) as caught:
        PostgresStore(url, retry_seconds=0)
    assert "s3cret" not in str(caught.value)
    assert "ann:***@" in str(caught.value)


def test_a_missing_schema_is_created_and_classes_stay_apart(postgres_url: str) -> None:
    class_7a = postgres_url.replace("search_path%3D", "search_path%3D7a_")
    with kzquiz.open_store(postgres_url) as b, kzquiz.open_store(class_7a) as a:
        a.add_learner("ann")
        b.add_learner("bob")
        assert (a.learners(), b.learners()) == (["ann"], ["bob"])
    sql(class_7a, f'DROP SCHEMA "{class_7a.rpartition("%3D")[2]}" CASCADE')


def test_kzquiz_db_chooses_a_postgresql_store(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZQUIZ_DB", postgres_url)
    with kzquiz.open_store() as store:
        assert isinstance(store, PostgresStore)


WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    import kzquiz

    url, deck_path, learner, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = kzquiz.open_store(url)
    session = kzquiz.Session(kzquiz.load_deck(deck_path), store, learner, new_limit=None)
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=start)
    count = 0
    print("ready", flush=True)
    while (question := session.next_question(now)) is not None:
        session.answer(question, question.expected if count % 3 else "wrong", now=now, duration=2.0)
        count += 1
        print("saved", question.id, flush=True)  # announced only once answer() has returned: committed
        now += dt.timedelta(seconds=7)
    """
)


@pytest.fixture
def writer(tmp_path: Path, postgres_url: str) -> list[str]:
    (tmp_path / "writer.py").write_text(WRITER, encoding="utf-8")
    (tmp_path / "deck.toml").write_text(deck_text(400), encoding="utf-8")
    PostgresStore(postgres_url).close()
    return [sys.executable, str(tmp_path / "writer.py"), postgres_url, str(tmp_path / "deck.toml")]


def test_a_client_killed_twenty_times_loses_nothing_announced_as_saved(writer: list[str], postgres_url: str) -> None:
    rng = random.Random(14)
    announced = 0
    for run in range(20):
        process = subprocess.Popen([*writer, "ann", str(run)], stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        wanted = rng.randint(1, 12)
        for _ in range(wanted):
            assert process.stdout.readline().startswith("saved ")
        announced += wanted
        time.sleep(rng.random() * 0.004)  # kill it at some point of an answer: before, in or after its transaction
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate()
        announced += rest.count("saved ")  # printed before the kill, though not read yet: announced all the same
        assert process.returncode == -signal.SIGKILL
        with PostgresStore(postgres_url) as store:
            saved = len(store.reviews("ann"))
        assert announced <= saved <= announced + run + 1  # at most one unannounced answer per kill
    with PostgresStore(postgres_url) as store:
        for review in store.reviews("ann"):
            assert store.memory("ann", review.fact_id, review.deck_id) is not None
    # no transaction of a killed client is left open holding locks
    time.sleep(0.2)
    assert sql(postgres_url, "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'") == [(0,)]


@pytest.mark.parametrize("learners", [["ann", "bob", "cem", "dana"], ["ann", "ann"]], ids=["four", "same-learner"])
def test_processes_answering_at_once_all_get_every_review_in(
    writer: list[str], postgres_url: str, learners: list[str]
) -> None:
    processes = [
        subprocess.Popen([*writer, name, "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in learners
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(learners), [err for _, err in outputs]
    answered = sum(out.count("saved ") for out, _ in outputs)
    with PostgresStore(postgres_url) as store:
        stored = sum(len(store.reviews(name)) for name in set(learners))
        uids = [r.uid for name in set(learners) for r in store.reviews(name)]
    assert stored == answered
    assert len(set(uids)) == stored


def server_ctl(action: str) -> None:
    command = os.environ.get("KZQUIZ_TEST_POSTGRES_CTL")
    if not command:
        pytest.skip("restarting needs the server of .ci/with-postgres (KZQUIZ_TEST_POSTGRES_CTL)")
    subprocess.run([*shlex.split(command), "-w", "-m", "fast", action], check=True, capture_output=True, timeout=60)


def test_a_server_restarted_mid_session_loses_nothing(postgres_url: str) -> None:
    deck = kzquiz.loads_deck(deck_text(5, "d"), "d.toml")
    with PostgresStore(postgres_url) as store:
        session = kzquiz.Session(deck, store, "ann", new_limit=None)
        question = session.next_question(T0)
        assert question is not None
        session.answer(question, question.expected, now=T0)
        server_ctl("restart")
        question = session.next_question(T0)
        assert question is not None
        session.answer(question, question.expected, now=T0)  # on a new connection, without the learner noticing
        assert len(store.reviews("ann")) == 2


def test_a_server_that_stays_away_is_one_clear_error_and_nothing_counts_as_saved(postgres_url: str) -> None:
    deck = kzquiz.loads_deck(deck_text(5, "d"), "d.toml")
    store = PostgresStore(postgres_url, retry_seconds=1.0)
    session = kzquiz.Session(deck, store, "ann", new_limit=None)
    question = session.next_question(T0)
    assert question is not None
    server_ctl("stop")
    try:
        with pytest.raises(kzquiz.StoreConnectionError, match="nothing more was saved") as caught:
            session.answer(question, question.expected, now=T0)
        assert "\n" not in str(caught.value)
    finally:
        server_ctl("start")
    assert store.reviews("ann") == []  # the server is back: the store reconnects, and the answer was not saved
    session.answer(question, question.expected, now=T0)
    assert len(store.reviews("ann")) == 1
    store.close()


def test_a_read_while_the_server_is_away_does_not_claim_anything_about_saving(postgres_url: str) -> None:
    store = PostgresStore(postgres_url, retry_seconds=1.0)
    server_ctl("stop")
    try:
        with pytest.raises(kzquiz.StoreConnectionError, match="nothing was read") as caught:
            store.reviews("ann")
        assert "saved" not in str(caught.value)
    finally:
        server_ctl("start")
    store.close()


def test_two_learners_study_at_once_with_the_cli_and_the_report_shows_both(tmp_path: Path, postgres_url: str) -> None:
    (tmp_path / "deck.toml").write_text(deck_text(6, "d"), encoding="utf-8")
    env = {**os.environ, "KZQUIZ_HOME": str(tmp_path), "COLUMNS": "100"}
    env.pop("KZQUIZ_DB", None)
    studies = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kzquiz",
                "study",
                str(tmp_path / "deck.toml"),
                "--db",
                postgres_url,
                "--learner",
                name,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("aigerim", "bolat")
    ]
    results = [p.communicate("1\nanswer1\n2\nwrong\n" * 4, timeout=120) for p in studies]
    assert [p.returncode for p in studies] == [0, 0], [err for _, err in results]
    assert not (tmp_path / "kzquiz.sqlite3").exists()  # everything went to the database

    def cli(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "kzquiz", *args], capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    assert cli("learners", "--db", postgres_url).split() == ["aigerim", "bolat"]
    report = cli("report", postgres_url)
    assert "aigerim" in report
    assert "bolat" in report
    with PostgresStore(postgres_url) as store:
        counts = {name: len(store.reviews(name)) for name in ("aigerim", "bolat")}
    assert all(n >= 6 for n in counts.values())
    for name, count in counts.items():
        assert json.loads(cli("stats", "--learner", name, "--db", postgres_url, "--json"))["reviews"] == count


def plan(url: str, query: str, params: tuple[object, ...] = ()) -> str:
    with psycopg.connect(url) as conn:
        conn.execute("ANALYZE")
        conn.execute("SET work_mem = '64MB'")
        return "\n".join(row[0] for row in conn.execute("EXPLAIN " + query, params))  # type: ignore[operator]


def test_a_learners_log_is_read_through_its_index_and_the_report_in_one_pass(postgres_url: str) -> None:
    from kzquiz.stores.postgres import _FACT_COUNTS, _SELECT_REVIEWS, _WRONG_BY_LEARNER, _WRONG_IN_CLASS, _within

    with PostgresStore(postgres_url) as store:
        for n in range(40):
            store.add_reviews(
                [record(f"f{k % 30}", T0 + dt.timedelta(minutes=k), learner=f"l{n:02}") for k in range(150)]
            )
        learner_id = store._find_learner(store._connection(), "l07")
    one_learner = plan(postgres_url, _SELECT_REVIEWS, (learner_id,))
    assert "Index Scan on reviews_by_learner" in one_learner or "Index Scan using reviews_by_learner" in one_learner
    assert "Seq Scan" not in one_learner
    for query in (_FACT_COUNTS, _WRONG_BY_LEARNER, _WRONG_IN_CLASS):
        shown = plan(postgres_url, query.format(within="TRUE"))
        # every review read once, whatever the class size: one scan of reviews (sequential, or through an index when
        # the few wrong answers of this log make that cheaper)
        assert len(re.findall(r"Scan (?:using \w+ )?on reviews\b", shown)) == 1, shown
        assert "Nested Loop" not in shown, shown
        # one class of a school's store (the classroom's dashboard): its learners' rows only, through the index
        within, params = _within([learner_id, learner_id + 1], ["d"])
        one_class = plan(postgres_url, query.format(within=within), params)
        assert "reviews_by_learner" in one_class, one_class
        assert "Seq Scan on reviews" not in one_class, one_class

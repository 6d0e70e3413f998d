"""Shared fixtures: a store of each kind for the conformance suite, and a fresh PostgreSQL schema per test.

PostgreSQL tests (marked ``postgres``) use the server whose URL is in ``KZQUIZ_TEST_POSTGRES`` (``.ci/with-postgres``
starts a throwaway one and sets it). Without it they are skipped with a message; under ``CI=true`` such a skip
fails the run, so that CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from kzquiz.stores.base import Store

if TYPE_CHECKING:
    from prompt_toolkit.input.base import PipeInput

POSTGRES_ENV = "KZQUIZ_TEST_POSTGRES"
SKIP_REASON = f"no PostgreSQL server: run these tests with .ci/with-postgres (or set {POSTGRES_ENV} to a server's URL)"


# Property tests explore new random examples on a developer's machine, where a failure is a finding to keep; CI
# runs the same derandomized examples every time, so that whether main is green does not depend on the draw.
# Neither has a deadline: how long an example takes is a benchmark's business, not a test's, and on a shared machine
# the first example (which may load a module's tables) can take longer than Hypothesis's 200 ms.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"postgres: needs a PostgreSQL server (its URL in {POSTGRES_ENV})")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.skipped and os.environ.get("CI") == "true" and item.get_closest_marker("postgres") is not None:
        report.outcome = "failed"
        report.longrepr = f"a PostgreSQL test was skipped under CI=true ({call.excinfo.value if call.excinfo else ''})"
    return report


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    """prompt_toolkit's pipe input: what is sent to it, a prompt reads as typed keys (questionary's own tests)."""
    from prompt_toolkit.input import create_pipe_input

    with create_pipe_input() as pipe_input:
        yield pipe_input


def with_schema(url: str, schema: str) -> str:
    """The URL with its search_path set to ``schema`` (the libpq way, as docs/school.md tells schools)."""
    parts = urllib.parse.urlsplit(url)
    query = [*urllib.parse.parse_qsl(parts.query), ("options", f"-csearch_path={schema}")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query, safe="/")))


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The test server's URL (the tests skip without one)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(SKIP_REASON)
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test,postgres]'")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """The URL of a fresh, empty schema of its own on the test server, dropped afterwards."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    yield with_schema(postgres_server, schema)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


STORE_KINDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A new, empty store of each kind in turn."""
    made: Store
    if request.param == "memory":
        from kzquiz.stores.memory import MemoryStore

        made = MemoryStore()
    elif request.param == "sqlite":
        from kzquiz.stores.sqlite import SQLiteStore

        made = SQLiteStore(tmp_path / "store.sqlite3")
    else:
        from kzquiz.stores.postgres import PostgresStore

        made = PostgresStore(request.getfixturevalue("postgres_url"))
    yield made
    made.close()

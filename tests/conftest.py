"""Shared fixtures: real SQLite files and the real PostgreSQL at 127.0.0.1:5432, database ``test``.

Each PostgreSQL test gets its own schema (search_path set through the URL), so several test runs
can share the server; the schema is dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import psycopg
import pytest

from bot.store.database import Database, open_database
from tests.support.fakes import Clock

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_DATABASE = "test"
PG_USERS = ("postgres", "root")


@cache
def pg_user() -> str:
    """The first of the usual superusers the local server trusts."""
    errors = []
    for user in PG_USERS:
        try:
            with psycopg.connect(_conninfo(user), connect_timeout=5):
                return user
        except psycopg.OperationalError as exc:
            errors.append(f"{user}: {exc}")
    raise RuntimeError(f"PostgreSQL at {PG_HOST}:{PG_PORT}/{PG_DATABASE} unusable: {errors}")


def _conninfo(user: str) -> str:
    return f"host={PG_HOST} port={PG_PORT} dbname={PG_DATABASE} user={user}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'digestbot.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    user = pg_user()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_conninfo(user), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield (
        f"postgresql+psycopg://{user}@{PG_HOST}:{PG_PORT}/{PG_DATABASE}"
        f"?application_name={schema}&options=-csearch_path%3D{schema}"
    )
    with psycopg.connect(_conninfo(user), autocommit=True) as conn:
        # Connections a test (or a killed subprocess) left open would hold locks on the tables.
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = %s AND pid <> pg_backend_pid()",
            (schema,),
        )
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated database on each backend, closed afterwards."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns on every RetryAfter unless opted in to timedelta values (warnings are errors).
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def clock() -> Clock:
    """The tests' own time, starting at tests.support.fakes.NOW; tests move it with ``advance``."""
    return Clock()

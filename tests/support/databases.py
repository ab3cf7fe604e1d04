"""Index databases for tests: a PostgreSQL database of the test session's own on the local server
(created here, dropped at the end; the run fails loudly when the server is missing), and the
``index_url`` fixture: an empty index URL on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

SERVER = os.environ.get("INTAKE_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres")


@contextmanager
def postgres_database(label: str = "intake_index_test") -> Iterator[str]:
    """The URL of a fresh PostgreSQL database, dropped on exit."""
    name = f"{label}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        admin = psycopg.connect(SERVER, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is needed at {SERVER} for the index tests: {exc}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def index_url(request, tmp_path) -> Iterator[str]:
    """The URL of an empty case index on each database (a database of its own per test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'index' / 'index.sqlite3'}"
        return
    with postgres_database("intake_wired_test") as url:
        yield url

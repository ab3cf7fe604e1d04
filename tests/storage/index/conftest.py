"""Indexes on real databases: a SQLite file per test, and a PostgreSQL database of this
test session's own (created on the local server, dropped at the end; the run fails
loudly when the server is missing). Each test gets an empty index."""

from __future__ import annotations

import os
import secrets

import psycopg
import pytest
from sqlalchemy import text

from storage.index.base import open_index

SERVER = os.environ.get("INTAKE_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url():
    """The URL of a fresh PostgreSQL database, dropped after the session."""
    name = f"intake_index_test_{os.getpid()}_{secrets.token_hex(3)}"
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


@pytest.fixture(scope="session")
def postgres_index(postgres_url):
    index = open_index(postgres_url)
    yield index
    index.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def index(request, tmp_path):
    """An empty index on each database."""
    if request.param == "sqlite":
        opened = open_index(f"sqlite:///{tmp_path / 'index.sqlite3'}")
        yield opened
        opened.close()
        return
    opened = request.getfixturevalue("postgres_index")
    opened.clear()
    with opened.writer.begin() as conn:
        conn.execute(text("DELETE FROM pending"))
    yield opened

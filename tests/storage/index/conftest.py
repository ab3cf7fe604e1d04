"""Indexes on real databases: a SQLite file per test, and a PostgreSQL database of this
test session's own (created on the local server, dropped at the end; the run fails
loudly when the server is missing). Each test gets an empty index."""

from __future__ import annotations

import pytest
from databases import postgres_database
from sqlalchemy import text

from storage.index.base import open_index


@pytest.fixture(scope="session")
def postgres_url():
    """The URL of a fresh PostgreSQL database, dropped after the session."""
    with postgres_database() as url:
        yield url


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

"""Schema migrations (Alembic, ``migrations/versions``), run when an index is opened.

Two processes opening a fresh index at once do not race: the upgrade runs in
one transaction holding a lock (an advisory lock on PostgreSQL, the
``BEGIN IMMEDIATE`` write lock on SQLite), so the second finds the schema done.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "index_schema_version"
LOCK_KEY = 0x1_9_1DE  # advisory lock of index migrations (issue #19)


def alembic_config() -> Config:
    """The Alembic configuration of the case index (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the index's schema to ``revision``."""
    config = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        config.attributes["connection"] = conn
        command.upgrade(config, revision)

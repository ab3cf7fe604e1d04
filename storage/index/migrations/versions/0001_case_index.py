"""The case index: cases, items, events, fields, quarantine, the journal, and full-text search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID, LABEL, WHEN = sa.String(64), sa.String(64), sa.DateTime(timezone=True)
FILTERED = ("team", "status", "topic", "complexity", "urgency", "channel", "member", "assignee")
SQLITE_TEXT = """CREATE VIRTUAL TABLE item_text USING fts5(subject, sender, body, pages, fields,
                 tokenize = 'unicode61 remove_diacritics 2')"""
PG_TEXT = """CREATE TABLE item_text (
    envelope_id varchar(64) PRIMARY KEY, text_key bigint NOT NULL,
    subject text NOT NULL, sender text NOT NULL, fields text NOT NULL, body text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('intake_fr', subject), 'A')
        || setweight(to_tsvector('intake_fr', sender || ' ' || fields), 'B')
        || setweight(to_tsvector('intake_fr', body), 'D')) STORED)"""


def upgrade() -> None:
    _cases()
    _items()
    _events()
    _others()
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_TEXT)
    else:
        _postgres_text()


def _cases() -> None:
    op.create_table(
        "cases",
        sa.Column("id", ID, primary_key=True), sa.Column("status", LABEL, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False), sa.Column("channel", LABEL), sa.Column("member", LABEL),
        sa.Column("sender", sa.Text), sa.Column("subject", sa.Text, nullable=False), sa.Column("topic", LABEL),
        sa.Column("complexity", LABEL), sa.Column("urgency", LABEL), sa.Column("team", LABEL),
        sa.Column("priority", sa.Integer, nullable=False), sa.Column("deadline", sa.Date),
        sa.Column("due_on", sa.Date, nullable=False), sa.Column("assignee", LABEL), sa.Column("outcome", sa.Text),
        sa.Column("opened_at", WHEN, nullable=False), sa.Column("closed_at", WHEN),
        sa.Column("first_received_at", WHEN, nullable=False), sa.Column("last_received_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False), sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("event_count", sa.Integer, nullable=False),
    )
    for column in FILTERED:
        op.create_index(f"ix_cases_{column}", "cases", [column, "first_received_at", "id"])
    op.create_index("ix_cases_received", "cases", ["first_received_at", "id"])
    op.create_index("ix_cases_last_contact", "cases", ["last_received_at", "id"])
    op.create_index("ix_cases_due", "cases", ["due_on", "id"])
    op.create_index("ix_cases_priority", "cases", ["priority", "id"])
    op.create_index("ix_cases_active_due", "cases", ["active", "due_on", "id"])
    op.create_index("ix_cases_active_team_opened", "cases", ["active", "team", "opened_at", "id"])
    op.create_index("ix_cases_active_team_priority", "cases", ["active", "team", "priority", "opened_at"])


def _items() -> None:
    op.create_table(
        "items",
        sa.Column("envelope_id", ID, primary_key=True), sa.Column("text_key", sa.BigInteger, nullable=False, unique=True),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("channel", LABEL, nullable=False), sa.Column("source", LABEL, nullable=False),
        sa.Column("received_at", WHEN, nullable=False), sa.Column("received_day", sa.Date, nullable=False),
        sa.Column("subject", sa.Text, nullable=False), sa.Column("sender", sa.Text), sa.Column("member", LABEL),
        sa.Column("topic", LABEL), sa.Column("urgency", LABEL), sa.Column("team", LABEL), sa.Column("rule", LABEL),
    )
    op.create_index("ix_items_case", "items", ["case_id", "received_at"])
    op.create_index("ix_items_member", "items", ["member", "received_at"])
    op.create_index("ix_items_day_channel", "items", ["received_day", "channel"])


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(128), primary_key=True), sa.Column("case_id", ID, nullable=False),
        sa.Column("at", WHEN, nullable=False), sa.Column("kind", LABEL, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False), sa.Column("envelope_id", ID),
        sa.Column("summary", sa.Text, nullable=False), sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_events_case", "events", ["case_id", "at", "id"])
    op.create_index("ix_events_kind_at", "events", ["kind", "at"])


def _others() -> None:
    op.create_table(
        "fields",
        sa.Column("envelope_id", ID, primary_key=True), sa.Column("kind", LABEL, primary_key=True),
        sa.Column("normalized", sa.String(256), primary_key=True), sa.Column("case_id", ID, nullable=False),
        sa.Column("value", sa.Text, nullable=False), sa.Column("valid", sa.Boolean, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
    )
    op.create_index("ix_fields_value", "fields", ["kind", "normalized"])
    op.create_index("ix_fields_case", "fields", ["case_id"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.String(200), primary_key=True), sa.Column("item", sa.String(200), nullable=False),
        sa.Column("stage", LABEL, nullable=False), sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", WHEN, nullable=False), sa.Column("released_at", WHEN), sa.Column("note", sa.Text),
    )
    op.create_index("ix_quarantine_open", "quarantine", ["released_at", "at"])
    op.create_table(
        "pending",
        sa.Column("case_id", ID, primary_key=True), sa.Column("batch", sa.String(128), primary_key=True),
        sa.Column("since", WHEN, nullable=False),
    )
    op.create_index("ix_pending_since", "pending", ["since"])
    op.create_table("index_meta", sa.Column("key", sa.String(64), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))


def _postgres_text() -> None:
    """French text search with accents ignored: unaccent when the extension can be had, else folded by intake."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        accents = "unaccent"
    except sa.exc.DBAPIError:
        accents = "folded"
    if not bind.exec_driver_sql("SELECT 1 FROM pg_ts_config WHERE cfgname = 'intake_fr'").first():
        bind.exec_driver_sql("CREATE TEXT SEARCH CONFIGURATION intake_fr (COPY = french)")
        if accents == "unaccent":
            bind.exec_driver_sql("ALTER TEXT SEARCH CONFIGURATION intake_fr "
                                 "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem")
    op.execute(PG_TEXT)
    op.create_index("ix_item_text_tsv", "item_text", ["tsv"], postgresql_using="gin")
    op.create_index("ix_item_text_key", "item_text", ["text_key"], unique=True)
    op.execute(sa.text("INSERT INTO index_meta (key, value) VALUES ('accents', :accents)").bindparams(accents=accents))


def downgrade() -> None:
    for table in ("item_text", "index_meta", "pending", "quarantine", "fields", "events", "items", "cases"):
        op.drop_table(table)

"""The case index's tables, shared by both databases (SQLAlchemy Core).

The full-text table differs per database (an FTS5 virtual table on SQLite, a
``tsvector`` table on PostgreSQL) and is defined by each backend; everything
here is plain SQL that both run. Migrations (``migrations/versions``) create
exactly this; a test compares them.

Every column a list is filtered or sorted on has an index that starts with it
and ends with the sort key and the id, so a page is an index range scan.
Sort keys are never NULL (``due_on`` is the deadline or 9999-12-31), so
keyset pagination needs no NULL handling.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (BigInteger, Boolean, Column, Date, DateTime, Float, Index, Integer, MetaData, String, Table,
                        Text, TypeDecorator)

NO_DEADLINE = date(9999, 12, 31)
ACTIVE_STATUSES = ("open", "assigned", "in_progress", "waiting_member")


class UtcDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on both databases (SQLite keeps no offset, so UTC is stored naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        utc = value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


metadata = MetaData()
Id = String(64)
Label = String(64)

cases = Table(
    "cases", metadata,
    Column("id", Id, primary_key=True),
    Column("status", Label, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("channel", Label),
    Column("member", Label),
    Column("sender", Text),
    Column("subject", Text, nullable=False),
    Column("topic", Label),
    Column("complexity", Label),
    Column("urgency", Label),
    Column("team", Label),
    Column("priority", Integer, nullable=False),
    Column("deadline", Date),
    Column("due_on", Date, nullable=False),
    Column("assignee", Label),
    Column("outcome", Text),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    Column("first_received_at", UtcDateTime, nullable=False),
    Column("last_received_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("item_count", Integer, nullable=False),
    Column("event_count", Integer, nullable=False),
)
for column in ("team", "status", "topic", "complexity", "urgency", "channel", "member", "assignee"):
    Index(f"ix_cases_{column}", cases.c[column], cases.c.first_received_at, cases.c.id)
Index("ix_cases_received", cases.c.first_received_at, cases.c.id)
Index("ix_cases_last_contact", cases.c.last_received_at, cases.c.id)
Index("ix_cases_due", cases.c.due_on, cases.c.id)
Index("ix_cases_priority", cases.c.priority, cases.c.id)
Index("ix_cases_active_due", cases.c.active, cases.c.due_on, cases.c.id)
Index("ix_cases_active_team_opened", cases.c.active, cases.c.team, cases.c.opened_at, cases.c.id)
Index("ix_cases_active_team_priority", cases.c.active, cases.c.team, cases.c.priority, cases.c.opened_at)

items = Table(
    "items", metadata,
    Column("envelope_id", Id, primary_key=True),
    Column("text_key", BigInteger, nullable=False, unique=True),  # arrival order; the SQLite search row's rowid
    Column("case_id", Id, nullable=False),
    Column("channel", Label, nullable=False),
    Column("source", Label, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("received_day", Date, nullable=False),  # in the index's time zone (the managers' day)
    Column("subject", Text, nullable=False),
    Column("sender", Text),
    Column("member", Label),
    Column("topic", Label),
    Column("urgency", Label),
    Column("team", Label),
    Column("rule", Label),
)
Index("ix_items_case", items.c.case_id, items.c.received_at)
Index("ix_items_member", items.c.member, items.c.received_at)
Index("ix_items_day_channel", items.c.received_day, items.c.channel)

events = Table(
    "events", metadata,
    Column("id", String(128), primary_key=True),
    Column("case_id", Id, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("kind", Label, nullable=False),
    Column("actor", String(128), nullable=False),
    Column("envelope_id", Id),
    Column("summary", Text, nullable=False),
    Column("data", Text, nullable=False),  # the event's data as JSON: the case can be folded from the index alone
)
Index("ix_events_case", events.c.case_id, events.c.at, events.c.id)
Index("ix_events_kind_at", events.c.kind, events.c.at)

fields = Table(
    "fields", metadata,
    Column("envelope_id", Id, primary_key=True),
    Column("kind", Label, primary_key=True),
    Column("normalized", String(256), primary_key=True),
    Column("case_id", Id, nullable=False),
    Column("value", Text, nullable=False),
    Column("valid", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
)
Index("ix_fields_value", fields.c.kind, fields.c.normalized)
Index("ix_fields_case", fields.c.case_id)

quarantine = Table(
    "quarantine", metadata,
    Column("id", String(200), primary_key=True),
    Column("item", String(200), nullable=False),
    Column("stage", Label, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("released_at", UtcDateTime),
    Column("note", Text),
)
Index("ix_quarantine_open", quarantine.c.released_at, quarantine.c.at)

pending = Table(  # the journal: cases whose events may be in the store but not yet here
    "pending", metadata,
    Column("case_id", Id, primary_key=True),
    Column("batch", String(128), primary_key=True),  # the envelope id of an item's events, or the event id
    Column("since", UtcDateTime, nullable=False),
)
Index("ix_pending_since", pending.c.since)

meta = Table(
    "index_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

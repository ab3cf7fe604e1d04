"""The projection's rows, built from events and items (pure functions, no database).

A case row is always folded from the case's whole history with
``Case.from_events`` (events in any order give the same row) and summed up
with its items: first and last contact, first sender, item count.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Party, Route
from storage.index.schema import ACTIVE_STATUSES, NO_DEADLINE


@dataclass(frozen=True)
class ItemRecord:
    """What one item adds to the index: its envelope and, once read and decided, its capture and decision."""

    envelope: Envelope
    capture: Capture | None = None
    classification: Classification | None = None
    route: Route | None = None


@dataclass(frozen=True)
class ItemStats:
    """What a case's items tell about it (read back from the items table)."""

    count: int
    first_received_at: datetime | None
    last_received_at: datetime | None
    first_sender: str | None


def event_row(event: CaseEvent) -> dict[str, Any]:
    """An event as stored: every field, so the timeline and the case can be rebuilt from the index."""
    return {"id": event.id, "case_id": event.case_id, "at": event.at, "kind": event.kind, "actor": event.actor,
            "envelope_id": event.envelope_id, "summary": event.summary,
            "data": json.dumps(event.data, sort_keys=True, default=str)}


def event_from_row(row: Any) -> CaseEvent:
    """The event a row holds (written from a valid event, so not validated again)."""
    return CaseEvent.model_construct(id=row.id, case_id=row.case_id, at=row.at, actor=row.actor, kind=row.kind,
                                     summary=row.summary, envelope_id=row.envelope_id, data=json.loads(row.data))


def sender_text(sender: Party) -> str | None:
    """Who sent an item, as one line (name, e-mail, phone)."""
    return " ".join(part for part in (sender.name, sender.email, sender.phone) if part) or None


def text_key(envelope: Envelope) -> int:
    """A number that orders items by arrival (milliseconds, then 20 bits of the id): same live and rebuilt."""
    millis = int(envelope.received_at.timestamp() * 1000)
    return (millis << 20) | (zlib.crc32(envelope.id.encode()) & 0xFFFFF)


def item_row(item: ItemRecord, case_id: str, tz: ZoneInfo) -> dict[str, Any]:
    """The item's row: where it came from, when, and what was decided about it."""
    envelope, classification, route = item.envelope, item.classification, item.route
    members = item.capture.values("member_number") if item.capture else []
    return {"envelope_id": envelope.id, "text_key": text_key(envelope), "case_id": case_id, "channel": envelope.channel,
            "source": envelope.source[:64], "received_at": envelope.received_at,
            "received_day": envelope.received_at.astimezone(tz).date(), "subject": envelope.subject,
            "sender": sender_text(envelope.sender), "member": members[0] if members else None,
            "topic": classification.topic if classification else None,
            "urgency": classification.urgency if classification else None,
            "team": route.team if route else None, "rule": route.rule[:64] if route else None}


def field_rows(item: ItemRecord, case_id: str) -> list[dict[str, Any]]:
    """The values capture extracted, one row per kind and normalized value."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for field in item.capture.fields if item.capture else ():
        key = (field.kind, field.normalized[:256])
        if key not in rows or (field.valid and not rows[key]["valid"]):
            rows[key] = {"envelope_id": item.envelope.id, "kind": key[0], "normalized": key[1], "case_id": case_id,
                         "value": field.value, "valid": field.valid, "confidence": field.confidence}
    return list(rows.values())


def text_row(item: ItemRecord) -> dict[str, Any]:
    """The item's searchable text (subject, sender, body, every read page, extracted values) and its ``key``."""
    documents = item.capture.documents if item.capture else ()
    pages = "\n\n".join(d.text for d in documents if d.name != "body" and d.pages)
    values = dict.fromkeys(v for f in (item.capture.fields if item.capture else ()) for v in (f.value, f.normalized))
    return {"key": text_key(item.envelope), "subject": item.envelope.subject,
            "sender": sender_text(item.envelope.sender) or "",
            "body": item.envelope.body, "pages": pages, "fields": " ".join(values)}


def case_row(case: Case, stats: ItemStats) -> dict[str, Any]:
    """The case's row: its folded state, its contacts, and the keys lists sort on."""
    first = stats.first_received_at or case.opened_at
    return {"id": case.id, "status": case.status, "active": case.status in ACTIVE_STATUSES,
            "channel": case.channel, "member": case.member, "sender": stats.first_sender, "subject": case.subject,
            "topic": case.topic, "complexity": case.complexity, "urgency": case.urgency, "team": case.team,
            "priority": case.priority or 0, "deadline": case.deadline, "due_on": case.deadline or NO_DEADLINE,
            "assignee": case.assignee, "outcome": case.outcome, "opened_at": case.opened_at,
            "closed_at": case.closed_at, "first_received_at": first,
            "last_received_at": stats.last_received_at or first,
            "updated_at": max(e.at for e in case.events), "item_count": stats.count,
            "event_count": len(case.events)}

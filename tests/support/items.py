"""Hand-built pipeline items for record and linking tests."""

from __future__ import annotations

from datetime import datetime, timezone

from intake.models import Capture, Classification, Envelope, ExtractedField, Route

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ROUTE = Route(team="general", queue="team.general", priority=5, rule="simple-requests", reason="topic reimbursement")


def _field(kind: str, value: str) -> ExtractedField:
    return ExtractedField(kind=kind, value=value, normalized=value, source="body", start=0, end=len(value),
                          confidence=0.99)


def _item(n: int, channel="email", at=T0, headers=None, fields=(), topic="reimbursement"):
    envelope = Envelope(id=f"env-{n:024x}", channel=channel, source="test", source_id=f"s{n}", received_at=at,
                        subject=f"item {n}", headers=headers or {})
    capture = Capture(envelope_id=envelope.id, fields=tuple(fields))
    classification = Classification(topic=topic, topic_confidence=0.9, complexity_confidence=0.9)
    return envelope, capture, classification, ROUTE

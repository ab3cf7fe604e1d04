"""Items with text, pages, fields and a decision, recorded for the case-index tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from intake.models import (Capture, Classification, DocumentCapture, Envelope, ExtractedField, PageCapture, Party,
                           Route)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def field(kind: str, value: str, valid: bool = True) -> ExtractedField:
    return ExtractedField(kind=kind, value=value, normalized=value.replace(" ", ""), source="body", start=0,
                          end=len(value), confidence=0.95, valid=valid)


def item(n: int, *, channel: str = "email", at: datetime = T0, subject: str = "", body: str = "",
         pages: tuple[str, ...] = (), member: str | None = None, sender: Party = Party(), topic: str = "reimbursement",
         complexity: str = "simple", urgency: str = "normal", team: str = "general", priority: int = 5,
         deadline: date | None = None, headers: dict | None = None, screened: str | None = None,
         extra_fields: tuple[ExtractedField, ...] = ()):
    """(envelope, capture, classification, route) of one item, ready for ``record_item``."""
    envelope = Envelope(id=f"env-{n:024x}", channel=channel, source="test", source_id=f"s{n}", received_at=at,
                        sender=sender, subject=subject or f"demande {n}", body=body, headers=headers or {})
    documents = [DocumentCapture(name="body", sha256="0" * 64, mime="text/plain",
                                 pages=(PageCapture(number=1, text=f"{envelope.subject}\n\n{body}", method="text"),))]
    if pages:
        documents.append(DocumentCapture(name="scan.pdf", sha256="1" * 64, mime="application/pdf", pages=tuple(
            PageCapture(number=i + 1, text=text, method="ocr", confidence=0.9) for i, text in enumerate(pages))))
    found = ((field("member_number", member),) if member else ()) + extra_fields
    capture = Capture(envelope_id=envelope.id, documents=tuple(documents), fields=found, at=at + timedelta(minutes=1))
    classification = Classification(topic=topic, topic_confidence=0.9, complexity=complexity,
                                    complexity_confidence=0.9, urgency=urgency, urgency_confidence=0.8,
                                    screened=screened, reasons=(f"topic {topic}",), at=at + timedelta(minutes=2))
    route = Route(team=team, queue=f"team.{team}", priority=priority, deadline=deadline, rule=f"rule-{team}",
                  reason=f"topic {topic}")
    return envelope, capture, classification, route


def record(records, parts, window_days: int = 30):
    """Store an item as the stages would (envelope, capture, decision), then record it; return the case."""
    from storage.cases import record_item

    envelope, capture, classification, route = parts
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, route)
    case, _ = record_item(records, envelope, capture, classification, route, window_days)
    return case

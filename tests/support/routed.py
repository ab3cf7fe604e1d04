"""Items routed by the real rules, and the cases they open, for the case-level decision tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from intake.models import Capture, Case, CaseEvent, Classification, Envelope
from routing import load_rules, route
from routing.case_state import CaseItem

RULES = load_rules()
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # a Monday


def item(n: int, topic="reimbursement", complexity="simple", urgency="normal", at=T0, channel="email",
         screened=None, fields=()) -> CaseItem:
    """An item routed by the real rules."""
    envelope = Envelope(id=f"env-{n}", channel=channel, source="test", source_id=str(n), received_at=at)
    capture = Capture(envelope_id=envelope.id, fields=tuple(fields))
    classification = Classification(topic=topic, topic_confidence=0.9, complexity=complexity,
                                     complexity_confidence=0.9, urgency=urgency, screened=screened)
    return CaseItem(envelope, capture, classification, route(RULES, envelope, capture, classification))


def case_of(first: CaseItem, *later: CaseItem, extra: tuple[CaseEvent, ...] = ()) -> Case:
    """The case ``first`` opened, joined by ``later`` (whose own decisions set nothing on the case)."""
    c, r = first.classification, first.route
    events = [_event(first, "opened", {"channel": first.envelope.channel, "status": "open"}),
              _event(first, "classified", {"topic": c.topic, "complexity": c.complexity, "urgency": c.urgency}),
              _event(first, "routed", {"team": r.team, "priority": r.priority, "deadline": r.deadline.isoformat()})]
    events += [_event(i, "linked", {}) for i in later]
    return Case.from_events("IN-TEST", events + list(extra))


def _event(of: CaseItem, kind: str, changes: dict) -> CaseEvent:
    return CaseEvent(id=f"{of.id}-{kind}", case_id="IN-TEST", at=of.envelope.received_at, actor="worker:record",
                     kind=kind, summary=kind, envelope_id=of.id, data={"set": changes} if changes else {})


def by_person(kind: str, changes: dict, at=T0 + timedelta(hours=1), who="user:chef") -> CaseEvent:
    return CaseEvent(id=f"manual-{kind}", case_id="IN-TEST", at=at, actor=who, kind=kind, summary=f"{kind} à la main",
                     data={"set": changes})

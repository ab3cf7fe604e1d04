"""After an item joined a case: decide the case again, tell the queues, record the changes.

The decision belongs to the routing rules (routing/case_events.py); it is
passed in as ``decide`` and the bus as ``publish``, so that storage imports
neither. For each change, the notices are published first and the change's
event is written after: an event in the store means its notices went out, so
a redelivered item publishes only what is missing (a crash between the two
publishes a notice twice, never none). The decision is taken on the case as it
was before the item's own changes, so a redelivery decides the same again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from intake import ids
from intake.errors import NotFound
from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Route, utcnow
from storage.records import Records

MOVES = frozenset({"rerouted", "escalated", "reprioritised", "rescheduled"})

Item = tuple[Envelope, Capture, Classification, Route]
Decide = Callable[[Case, Sequence[Item], str, datetime], list[CaseEvent]]
Publish = Callable[[str, dict[str, Any], int], None]


def follow_up(records: Records, case_id: str, envelope_id: str, decide: Decide, publish: Publish,
              at: datetime | None = None) -> Case:
    """Apply the case-level decision the item ``envelope_id`` causes; the case after it."""
    history = records.events(case_id)
    own = {e.id for e in history if ids.caused_by(e.id, envelope_id)}
    before = Case.from_events(case_id, [e for e in history if e.id not in own])
    changes = [e for e in decide(before, case_items(records, before), envelope_id, at or utcnow()) if e.id not in own]
    for event in changes:
        publish_notices(event, publish)
        records.append_event(event)
    return records.write_snapshot(case_id) if changes else Case.from_events(case_id, history)


def case_items(records: Records, case: Case) -> list[Item]:
    """Every item of the case with what capture read and what classify decided (items not fully stored are left out)."""
    items = []
    for envelope_id in case.items:
        try:
            classification, route = records.decision(envelope_id)
            items.append((records.envelope(envelope_id), records.capture(envelope_id), classification, route))
        except NotFound:
            continue
    return items


def publish_notices(event: CaseEvent, publish: Publish) -> None:
    """Tell each queue the event names (``notify``), at the case's priority after the event."""
    for queue in event.data.get("notify", ()):
        publish(queue, notice(event), int(event.data.get("notice", {}).get("priority") or 0))


def notice(event: CaseEvent) -> dict[str, Any]:
    """The message a team or a person gets about one change of a case."""
    return {"case_id": event.case_id, "envelope_id": event.envelope_id, "event_id": event.id, "kind": event.kind,
            "summary": event.summary, **event.data.get("notice", {})}


def moved_case(case: Case, envelope_id: str) -> bool:
    """Whether the item changed its case's team, priority or deadline (then the member is told the new date)."""
    return any(e.envelope_id == envelope_id and e.kind in MOVES for e in case.events)

"""A case's history grouped by item, each item's steps in causal order.

Times alone mislead: an item's capture and classification carry the time
they ran, its receipt the time it arrived, and a backlog replayed later puts
"captured" before "received". So each item's events are ordered by step
(received, opened or linked, the link's warnings, captured, classified,
routed, dispatched, then the case-level changes it caused, then its
acknowledgement), the item that opened the case comes first, the other items
follow in the order they were received, and the events of the case itself
(assigned, closed, ...) sit between them at their own time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

from intake.errors import NotFound
from intake.models import Case, CaseEvent, Envelope
from storage.records import Records

STEPS: tuple[tuple[str, ...], ...] = (
    ("received",), ("opened", "linked"), ("related", "link-warning"), ("captured",), ("classified",), ("routed",),
    ("dispatched",), ("reopened",), ("reclassified",),
    ("rerouted", "escalated", "reprioritised", "rescheduled", "kept", "review-requested"),
    ("acknowledged", "ack-skipped"), ("suggested-answer",),
)
RANK = {kind: rank for rank, kinds in enumerate(STEPS) for kind in kinds}
CHANNELS = {"email": "courriel", "letter": "courrier", "webform": "formulaire web", "phone": "appel"}


@dataclass(frozen=True)
class TimelineGroup:
    """The events of one item (``envelope_id``), or of the case itself (None), with a French label."""

    envelope_id: str | None
    label: str
    events: tuple[CaseEvent, ...]


def case_timeline(records: Records, case: Case, zone: tzinfo = timezone.utc) -> list[TimelineGroup]:
    """The case's timeline, its items named from their envelopes (received times in ``zone``)."""
    envelopes = {}
    for envelope_id in case.items:
        try:
            envelopes[envelope_id] = records.envelope(envelope_id)
        except NotFound:
            continue
    return timeline(case, envelopes, zone)


def timeline(case: Case, envelopes: Mapping[str, Envelope], zone: tzinfo = timezone.utc) -> list[TimelineGroup]:
    """The case's events grouped by item in causal order (pure)."""
    by_item: dict[str, list[CaseEvent]] = {}
    for event in case.events:
        if event.envelope_id:
            by_item.setdefault(event.envelope_id, []).append(event)
    groups: list[TimelineGroup] = []
    for unit in _units(case, by_item):
        if isinstance(unit, str):
            groups.append(_item_group(unit, by_item[unit], envelopes.get(unit), _ordinal(groups), zone))
        else:
            _add_case_event(groups, unit)
    return groups


def _units(case: Case, by_item: dict[str, list[CaseEvent]]) -> list[str | CaseEvent]:
    """Items (by envelope id) and the case's own events: the opener first, then by time."""
    units: list[tuple[int, datetime, str | CaseEvent]] = [
        (0 if _opens(events) else 1, _anchor(events), envelope_id) for envelope_id, events in by_item.items()]
    units += [(1, e.at, e) for e in case.events if not e.envelope_id]
    return [unit for _, _, unit in sorted(units, key=lambda u: (u[0], u[1]))]


def _add_case_event(groups: list[TimelineGroup], event: CaseEvent) -> None:
    """A case event joins the case group just before it, or starts one."""
    if groups and groups[-1].envelope_id is None:
        groups[-1] = TimelineGroup(None, groups[-1].label, groups[-1].events + (event,))
    else:
        groups.append(TimelineGroup(None, "Dossier", (event,)))


def _anchor(events: list[CaseEvent]) -> datetime:
    received = [e.at for e in events if e.kind == "received"]
    return min(received or [e.at for e in events])


def _opens(events: list[CaseEvent]) -> bool:
    return any(e.kind == "opened" for e in events)


def _ordinal(groups: list[TimelineGroup]) -> int:
    return 1 + sum(1 for g in groups if g.envelope_id is not None)


def _item_group(envelope_id: str, events: list[CaseEvent], envelope: Envelope | None, n: int,
                zone: tzinfo) -> TimelineGroup:
    ordered = sorted(events, key=lambda e: (RANK.get(e.kind, len(STEPS)), e.at, e.id))
    return TimelineGroup(envelope_id, item_label(n, envelope_id, envelope, zone), tuple(ordered))


def item_label(n: int, envelope_id: str, envelope: Envelope | None, zone: tzinfo = timezone.utc) -> str:
    """How an item is named to an operator: its rank, channel, receipt and subject."""
    if envelope is None:
        return f"Élément {n} ({envelope_id})"
    subject = f" — {envelope.subject[:70]}" if envelope.subject else ""
    received = envelope.received_at.astimezone(zone).strftime("%d/%m/%Y à %H:%M")
    channel = CHANNELS.get(envelope.channel, envelope.channel)
    return f"Élément {n} : {channel} reçu le {received}{subject} ({envelope_id})"

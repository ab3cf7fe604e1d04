"""The case-level decision as case events: one per change, its id derived from the
item's envelope id (``<envelope_id>-6-<kind>``), so a redelivered item writes the
same events again instead of new ones.

Each event's data says what it sets, the rule and reasons behind it, the queues
to tell (``notify``) and the case's team, priority and deadline after it
(``notice``), which the record stage publishes before writing the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from intake import ids
from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Route
from routing.case_rules import Change, decide_case
from routing.case_state import CaseFacts, CaseItem
from routing.rules import RuleSet

ACTOR = "worker:record"

Item = tuple[Envelope, Capture, Classification, Route]


def case_event_id(envelope_id: str, kind: str) -> str:
    """The id of the case-level event ``kind`` that one item caused."""
    return ids.case_event_id(envelope_id, kind)


def decide_case_events(rules: RuleSet, case: Case, items: Sequence[Item], envelope_id: str,
                       at: datetime) -> list[CaseEvent]:
    """The events the item ``envelope_id`` adds to its case, given the case before it and all its items."""
    found = [CaseItem(*item) for item in items]
    new = next(item for item in found if item.id == envelope_id)
    changes = decide_case(rules, CaseFacts(case, tuple(found), new, at))
    return change_events(changes, case, envelope_id, at)


def change_events(changes: list[Change], case: Case, envelope_id: str, at: datetime) -> list[CaseEvent]:
    """One event per change, each carrying the case's routing after it."""
    state = {"team": case.team, "priority": case.priority,
             "deadline": case.deadline.isoformat() if case.deadline else None}
    events = []
    for change in changes:
        state.update({k: v for k, v in change.set.items() if k in state})
        events.append(CaseEvent(id=case_event_id(envelope_id, change.kind), case_id=case.id, at=at, actor=ACTOR,
                                kind=change.kind, summary=change.summary, envelope_id=envelope_id,
                                data=_data(change, dict(state))))
    return events


def _data(change: Change, notice: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"set": change.set, "rule": change.rule, "reasons": list(change.reasons),
                            "notify": list(change.notify), "notice": notice}
    return data | ({"clear": True} if change.clear else {})

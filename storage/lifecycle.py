"""A case's life after intake: assigned, in progress, waiting for the member,
closed with an outcome, reopened. Each change is an event of its own, so the
record stays traceable to the close and durations can be measured.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from intake import ids
from intake.errors import PermanentError
from intake.models import Case, CaseEvent, utcnow
from storage.records import Records

STATUSES = ("open", "assigned", "in_progress", "waiting_member", "closed", "screened")
# which statuses a case may move to from each status; a closed case must be reopened first
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"assigned", "in_progress", "waiting_member", "closed"}),
    "assigned": frozenset({"assigned", "in_progress", "waiting_member", "closed"}),
    "in_progress": frozenset({"assigned", "waiting_member", "closed"}),
    "waiting_member": frozenset({"assigned", "in_progress", "closed"}),
    "screened": frozenset({"open", "closed"}),
    "closed": frozenset({"open"}),
}


class InvalidTransition(PermanentError):
    """A status change the lifecycle does not allow."""


def change_status(records: Records, case_id: str, status: str, actor: str, note: str = "",
                  at: datetime | None = None, op: str | None = None, **changes: str | None) -> Case:
    """Move a case to ``status`` (with e.g. ``assignee`` or ``outcome``) and return it.

    ``op`` is the action's token (a form's): the same token again changes nothing."""
    case = records.case(case_id)
    if op and records.event(case_id, ids.op_event_id(op, _kind(status), case_id)):
        return case
    if status not in TRANSITIONS.get(case.status, frozenset()):
        raise InvalidTransition(f"a {case.status} case cannot become {status}", case_id=case_id)
    when = at or utcnow()
    fields = {"status": status, **changes}
    if status == "closed":
        fields["closed_at"] = when.isoformat()
    data: dict = {"set": fields}
    if status == "open":  # reopening clears the previous close
        fields.update(outcome=None, closed_at=None)
        data["clear"] = True
    event = CaseEvent(
        id=ids.op_event_id(op, _kind(status), case_id) if op else ids.action_event_id(when), case_id=case_id,
        at=when, actor=actor,
        kind=_kind(status), summary=note or _kind(status), data=data,
    )
    records.append_event(event)
    return records.write_snapshot(case_id)


def assign(records: Records, case_id: str, assignee: str, actor: str, note: str = "", op: str | None = None) -> Case:
    """Give the case to a person."""
    return change_status(records, case_id, "assigned", actor, note or f"assigned to {assignee}", op=op,
                         assignee=assignee)


def close(records: Records, case_id: str, outcome: str, actor: str, note: str = "", op: str | None = None) -> Case:
    """Close the case with its outcome."""
    return change_status(records, case_id, "closed", actor, note or f"closed: {outcome}", op=op, outcome=outcome)


def reopen(records: Records, case_id: str, actor: str, note: str, op: str | None = None) -> Case:
    """Reopen a closed case; the reason is required."""
    return change_status(records, case_id, "open", actor, note, op=op)


def time_to_close(case: Case) -> timedelta | None:
    """How long the case took from opening to its close, if closed."""
    return case.closed_at - case.opened_at if case.closed_at and case.status == "closed" else None


def _kind(status: str) -> str:
    return {"open": "reopened", "closed": "closed", "assigned": "assigned"}.get(status, f"status:{status}")

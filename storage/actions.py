"""Events a person writes (a note, a correction, a move), recorded once per action.

Every such event carries its actor and reason. When the action has a token
(a form's hidden field, a command's ``--op``), the event id is derived from
it, so a form sent twice or a retried command records the action once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from intake import ids
from intake.errors import PermanentError
from intake.models import CaseEvent, utcnow
from storage.records import Records


class ReasonRequired(PermanentError):
    """An action that changes what the machine decided needs a reason."""


def person_event(case_id: str, actor: str, kind: str, summary: str, data: dict[str, Any], op: str | None = None,
                 envelope_id: str | None = None, at: datetime | None = None) -> CaseEvent:
    """An event of one person's action (id from ``op`` when given, else unique and time-ordered)."""
    when = at or utcnow()
    event_id = ids.op_event_id(op, kind, case_id) if op else ids.action_event_id(when)
    return CaseEvent(id=event_id, case_id=case_id, at=when, actor=actor, kind=kind, summary=summary,
                     envelope_id=envelope_id, data=data)


def write_once(records: Records, event: CaseEvent) -> bool:
    """Append ``event`` unless an event with its id is already there; whether it was written."""
    if records.event(event.case_id, event.id) is not None:
        return False
    records.append_event(event)
    return True


def done_before(records: Records, case_id: str, op: str | None, kind: str) -> bool:
    """Whether the action ``op`` already wrote its ``kind`` event on the case."""
    return bool(op) and records.event(case_id, ids.op_event_id(op or "", kind, case_id)) is not None


def require_reason(reason: str, what: str) -> str:
    """The reason, stripped; refused when empty."""
    if not reason.strip():
        raise ReasonRequired(f"a reason is required to {what}")
    return reason.strip()

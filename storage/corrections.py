"""People check what the machine decided: confirm it, or correct it with a reason.

A decision (topic, complexity, urgency, team) is confirmed or corrected on
the case: the ``corrected`` event keeps the values read beside the corrected
ones, and a new team, priority or deadline goes through storage/reroute.py
(its team is told). Where the case goes is decided by the routing rules,
which storage does not import: the caller passes ``route_for``. An extracted
field is confirmed or corrected the same way (``field-confirmed``,
``field-corrected``); the capture is never rewritten. Confirmed and corrected
decisions are labelled data for the classifier (storage/labelled.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date

from intake import ids
from intake.errors import PermanentError
from intake.models import Case, CaseEvent
from storage.actions import person_event, require_reason, write_once
from storage.case_update import Publish
from storage.lifecycle import InvalidTransition
from storage.records import Records
from storage.reroute import reroute

LABELS = ("topic", "complexity", "urgency")
FRENCH = {"topic": "thème", "complexity": "complexité", "urgency": "urgence"}
DECISIONS = frozenset({"confirmed", "corrected"})
FIELD_REVIEWS = frozenset({"field-confirmed", "field-corrected"})


class UnknownField(PermanentError):
    """A field number that the item's capture does not have."""


@dataclass(frozen=True)
class NewRoute:
    """Where the rules send a case after its decision is checked, and why its deadline is what it is."""

    team: str
    priority: int | None
    deadline: date | None
    rule: str
    why: str


# (case, its labels after the check, the team a person chose or None) -> the route
RouteFor = Callable[[Case, Mapping[str, str], "str | None"], NewRoute]


def check_decision(records: Records, case_id: str, actor: str, labels: Mapping[str, str], route_for: RouteFor,
                   teams: Collection[str], publish: Publish, reason: str = "", team: str | None = None,
                   op: str | None = None) -> Case:
    """Confirm the case's decision (``labels`` unchanged) or correct it; re-route it as the rules say.

    Retried with the same ``op`` (a form sent twice, a crash between the two events), it writes what is missing."""
    case = records.case(case_id)
    if case.status == "closed":
        raise InvalidTransition("a closed case must be reopened before its decision is checked", case_id=case_id)
    event = _prior(records, case_id, op) or _decision_event(case, actor, labels, team, reason, op)
    write_once(records, event)
    case = records.case(case_id)
    target = route_for(case, event.data["labels"], event.data.get("team"))
    if not _moves(case, target):
        return records.write_snapshot(case_id)
    why = event.data["reason"] if event.kind == "corrected" else ""
    return reroute(records, case_id, target.team, actor, teams, publish, _route_summary(case, target, why),
                   _route_changes(target), op, {"rule": target.rule, "reasons": [target.why, why]})


def _prior(records: Records, case_id: str, op: str | None) -> CaseEvent | None:
    """The decision event the action ``op`` already wrote, if any."""
    found = (records.event(case_id, ids.op_event_id(op, kind, case_id)) for kind in DECISIONS if op)
    return next((e for e in found if e is not None), None)


def _decision_event(case: Case, actor: str, labels: Mapping[str, str], team: str | None, reason: str,
                    op: str | None) -> CaseEvent:
    """``confirmed`` when nothing changes, else ``corrected`` (a reason required), the labels read kept beside."""
    read = {k: getattr(case, k) for k in LABELS}
    wanted = read | {k: v for k, v in labels.items() if k in LABELS and v}
    changed = {k: v for k, v in wanted.items() if read[k] != v}
    chosen = team if team and team != case.team else None
    if changed or chosen:
        reason = require_reason(reason, "correct a decision")
    kind = "corrected" if changed or chosen else "confirmed"
    parts = [f"{FRENCH[k]} {read[k] or '—'} → {v}" for k, v in changed.items()] + \
        ([f"équipe {case.team} → {chosen}"] if chosen else [])
    summary = f"décision corrigée : {', '.join(parts)} ; motif : {reason}" if kind == "corrected" else \
        f"décision confirmée ({', '.join(f'{FRENCH[k]} {wanted[k]}' for k in LABELS)})" + \
        (f" : {reason}" if reason else "")
    data = {"set": changed, "read": read, "labels": wanted, "team": chosen, "item": case.items[0] if case.items
            else None, "reason": reason}
    return person_event(case.id, actor, kind, summary, data, op)


def _moves(case: Case, target: NewRoute) -> bool:
    return (target.team, target.priority, target.deadline) != (case.team, case.priority, case.deadline)


def _route_changes(target: NewRoute) -> dict:
    return {"priority": target.priority, "deadline": target.deadline.isoformat() if target.deadline else None}


def _route_summary(case: Case, target: NewRoute, reason: str) -> str:
    where = f"dossier confié à l'équipe {target.team} (auparavant {case.team})" if target.team != case.team else \
        f"dossier conservé par l'équipe {target.team}"
    due = target.deadline.strftime("%d/%m/%Y") if target.deadline else "aucune"
    return f"{where} après vérification de la décision, priorité {target.priority}, échéance {due} " \
           f"({target.why}) ; règle {target.rule!r}" + (f" ; motif : {reason}" if reason else "")


def check_field(records: Records, case_id: str, envelope_id: str, number: int, actor: str, value: str | None = None,
                reason: str = "", op: str | None = None) -> Case:
    """Confirm field ``number`` of an item's capture (``value`` None or the same) or correct it to ``value``."""
    case = records.case(case_id)
    fields = records.capture(envelope_id).fields if envelope_id in case.items else ()
    if not 0 <= number < len(fields):
        raise UnknownField("no such field on this item", case_id=case_id, envelope_id=envelope_id, field=number)
    read = fields[number]
    corrected = value.strip() if value and value.strip() != read.normalized else None
    kind = "field-corrected" if corrected else "field-confirmed"
    if corrected:
        reason = require_reason(reason, "correct a field")
    data = {"item": envelope_id, "field": number, "kind": read.kind, "read": {"value": read.value,
            "normalized": read.normalized}, "corrected": corrected, "reason": reason}
    if corrected and read.kind == "member_number" and case.member == read.normalized:
        data["set"] = {"member": corrected}
    summary = f"champ {read.kind} corrigé : {read.normalized} → {corrected} ; motif : {reason}" if corrected else \
        f"champ {read.kind} confirmé : {read.normalized}"
    if write_once(records, person_event(case_id, actor, kind, summary, data, op, envelope_id)) and "set" in data:
        _move_member_index(records, case_id, read.normalized, corrected or "")
    return records.write_snapshot(case_id)


def _move_member_index(records: Records, case_id: str, old: str, new: str) -> None:
    records.add_member_case(new, case_id)
    records.remove_member_case(old, case_id)


def field_reviews(case: Case) -> dict[tuple[str, int], CaseEvent]:
    """The last check of each field of the case's items: (envelope id, field number) -> event."""
    return {(e.data["item"], e.data["field"]): e for e in case.events if e.kind in FIELD_REVIEWS}


def decision_checks(case: Case) -> list[CaseEvent]:
    """The case's confirmed and corrected decisions, oldest first."""
    return [e for e in case.events if e.kind in DECISIONS]

"""Case surgery by a supervisor: move an item to another case, split it out into
a new case, merge two cases; and undo any of them.

Each operation writes an event on both cases (``item-moved-out`` and
``item-moved-in``, ``split-out`` and ``opened``+``split-in``, ``merged-into``
and ``merged-from``) with the actor and the reason; the items change case
through the events' ``items_out`` and ``items_in`` (the history of an item
stays where it was written: nothing is rewritten). The indexes follow: the
envelope, the e-mail thread and the member's cases. ``undo`` moves the same
items back with ``surgery-undone`` on both cases.
"""

from __future__ import annotations

from intake import ids
from intake.errors import NotFound, PermanentError
from intake.models import Case, CaseEvent, utcnow
from storage.actions import person_event, require_reason, write_once
from storage.lifecycle import InvalidTransition
from storage.records import Records

KINDS = {"move": ("item-moved-out", "item-moved-in"), "split": ("split-out", "split-in"),
         "merge": ("merged-into", "merged-from")}
SURGERY = frozenset(k for pair in KINDS.values() for k in pair)
_NAMES = {"move": "déplacement", "split": "séparation", "merge": "fusion"}


class SurgeryRefused(PermanentError):
    """A move, split or merge that cannot be done (same case, last item, unknown item...)."""


def move_item(records: Records, envelope_id: str, source: str, target: str, actor: str, reason: str,
              op: str | None = None) -> tuple[Case, Case]:
    """Move one item from ``source`` to the existing case ``target``; both cases after it."""
    reason = require_reason(reason, "move an item")
    if (repeat := _repeated(records, source, op, "move")) is not None:
        return repeat
    case, other = _open_pair(records, source, target)
    _check_item(case, envelope_id, leaves_one=True)
    return _transfer(records, "move", case, other.id, [envelope_id], actor, reason, op)


def split_item(records: Records, envelope_id: str, source: str, actor: str, reason: str,
               op: str | None = None) -> tuple[Case, Case]:
    """Take one item out of ``source`` into a new case opened for it; both cases after it."""
    reason = require_reason(reason, "split an item out")
    if (repeat := _repeated(records, source, op, "split")) is not None:
        return repeat
    case = records.case(source)
    _check_item(case, envelope_id, leaves_one=True)
    new_id = ids.case_ref_for(f"split:{source}:{envelope_id}:{op or len(case.events)}")
    if not records.case_exists(new_id):
        records.append_event(_opening(records, case, new_id, envelope_id, actor, reason))
    return _transfer(records, "split", case, new_id, [envelope_id], actor, reason, op)


def merge_cases(records: Records, source: str, target: str, actor: str, reason: str,
                op: str | None = None) -> tuple[Case, Case]:
    """Put every item of ``source`` into ``target`` and close ``source`` as merged; both cases after it."""
    reason = require_reason(reason, "merge two cases")
    if (repeat := _repeated(records, source, op, "merge")) is not None:
        return repeat
    case, other = _open_pair(records, source, target)
    return _transfer(records, "merge", case, other.id, list(case.items), actor, reason, op)


def undo(records: Records, case_id: str, op_key: str, actor: str, reason: str,
         op: str | None = None) -> tuple[Case, Case]:
    """Reverse the move, split or merge ``op_key`` (an event's ``data['op_key']``): its items go back.

    Returns the case the items went back to, then the case they left."""
    reason = require_reason(reason, "undo a case operation")
    done = next((e for e in surgeries(records.case(case_id)) if e.data.get("op_key") == op_key), None)
    if done is None:
        raise SurgeryRefused("no such move, split or merge to undo on this case", case_id=case_id, op=op_key)
    items = done.data.get("items_in") or done.data.get("items_out") or []
    source, target = (done.data["from"], case_id) if "items_in" in done.data else (case_id, done.data["to"])
    events = _undo_events(source, target, items, done, actor, reason, op or f"undo:{op_key}")
    left, back = _apply(records, events, items, target, source)
    return back, left


def _undo_events(source: str, target: str, items: list[str], done: CaseEvent, actor: str, reason: str,
                 op: str) -> list[CaseEvent]:
    """``source`` takes the items back (reopened after a merge), ``target`` gives them (closed after a split)."""
    when = utcnow()
    summary = f"opération annulée ({_NAMES[done.data['op']]} du {done.at:%d/%m/%Y %H:%M}) ; motif : {reason}"
    data = {"undoes": done.data["op_key"], "reason": reason, "op": "undo"}
    reopen = {"set": {"status": "open", "outcome": None, "closed_at": None}, "clear": True}
    close = {"set": {"status": "closed", "outcome": "séparation annulée", "closed_at": when.isoformat()}}
    back = {**data, "items_in": items, "from": target, **(reopen if done.data["op"] == "merge" else {})}
    gone = {**data, "items_out": items, "to": source, **(close if done.data["op"] == "split" else {})}
    return [person_event(source, actor, "surgery-undone", summary, back, op, at=when),
            person_event(target, actor, "surgery-undone", summary, gone, op, at=when)]


def _repeated(records: Records, source: str, op: str | None, op_name: str) -> tuple[Case, Case] | None:
    """Both cases as they are when the action ``op`` was already done (a form sent twice), else None."""
    done = records.event(source, ids.op_event_id(op, KINDS[op_name][0], source)) if op else None
    return (records.case(source), records.case(done.data["to"])) if done else None


def _open_pair(records: Records, source: str, target: str) -> tuple[Case, Case]:
    if source == target:
        raise SurgeryRefused("an item cannot be moved to the case it is in", case_id=source)
    case, other = records.case(source), records.case(target)
    for c in (case, other):
        if c.status == "closed":
            raise InvalidTransition("a closed case must be reopened first", case_id=c.id)
    return case, other


def _check_item(case: Case, envelope_id: str, leaves_one: bool) -> None:
    if envelope_id not in case.items:
        raise SurgeryRefused("this item is not in the case", case_id=case.id, envelope_id=envelope_id)
    if leaves_one and len(case.items) == 1:
        raise SurgeryRefused("the case's only item cannot leave it (merge the cases instead)", case_id=case.id)


def _opening(records: Records, case: Case, new_id: str, envelope_id: str, actor: str, reason: str) -> CaseEvent:
    """The ``opened`` event of a case split out of ``case``: the item's own channel, member and decision."""
    envelope = records.envelope(envelope_id)
    members = _members(records, [envelope_id])
    state = {"channel": envelope.channel, "subject": envelope.subject, "member": members[0] if members else None,
             "status": "open", **_decided(records, envelope_id, case)}
    return person_event(new_id, actor, "opened", f"dossier ouvert par séparation du dossier {case.id} ; motif : "
                        f"{reason}", {"set": state, "split_from": case.id}, f"open:{new_id}")


def _decided(records: Records, envelope_id: str, case: Case) -> dict:
    try:
        classification, route = records.decision(envelope_id)
    except NotFound:
        return {"team": case.team, "priority": case.priority}
    return {"topic": classification.topic, "complexity": classification.complexity,
            "urgency": classification.urgency, "team": route.team, "priority": route.priority,
            "deadline": route.deadline.isoformat() if route.deadline else None}


def _transfer(records: Records, op_name: str, case: Case, target: str, items: list[str], actor: str, reason: str,
              op: str | None) -> tuple[Case, Case]:
    out_kind, in_kind = KINDS[op_name]
    when = utcnow()
    key = op or f"{op_name}:{case.id}:{target}:{','.join(items)}:{len(case.events)}"
    base = {"op": op_name, "op_key": key, "reason": reason}
    closing = {"set": {"status": "closed", "outcome": f"fusionné dans {target}", "closed_at": when.isoformat()}} \
        if op_name == "merge" else {}
    summary = _summary(op_name, case.id, target, items, reason)
    events = [person_event(case.id, actor, out_kind, summary, {**base, "items_out": items, "to": target, **closing},
                           key, at=when),
              person_event(target, actor, in_kind, summary, {**base, "items_in": items, "from": case.id}, key,
                           at=when)]
    return _apply(records, events, items, case.id, target)


def _summary(op_name: str, source: str, target: str, items: list[str], reason: str) -> str:
    what = {"move": f"élément déplacé du dossier {source} vers le dossier {target}",
            "split": f"élément séparé du dossier {source} dans le nouveau dossier {target}",
            "merge": f"dossier {source} fusionné dans le dossier {target} ({len(items)} élément(s))"}[op_name]
    return f"{what} ; motif : {reason}"


def _apply(records: Records, events: list[CaseEvent], items: list[str], left: str, joined: str) -> tuple[Case, Case]:
    """Write both events (once each), move the indexes, refresh both snapshots."""
    for event in events:
        write_once(records, event)
    _reindex(records, items, left, joined)
    return records.write_snapshot(left), records.write_snapshot(joined)


def _reindex(records: Records, items: list[str], left: str, joined: str) -> None:
    """The envelope, thread and member indexes of ``items`` point at ``joined`` instead of ``left``."""
    for envelope_id in items:
        records.index_put("envelope", envelope_id, joined)
        if message_id := _message_id(records, envelope_id):
            records.index_put("thread", message_id, joined)
    for member in _members(records, items):
        records.add_member_case(member, joined)
    staying = set(_members(records, list(records.case(left).items)))
    for member in set(_members(records, items)) - staying:
        records.remove_member_case(member, left)


def _message_id(records: Records, envelope_id: str) -> str | None:
    try:
        return records.envelope(envelope_id).headers.get("message-id", "").strip() or None
    except NotFound:
        return None


def _members(records: Records, items: list[str]) -> list[str]:
    found: list[str] = []
    for envelope_id in items:
        try:
            found += records.capture(envelope_id).values("member_number")[:1]
        except NotFound:
            continue
    return list(dict.fromkeys(found))


def surgeries(case: Case) -> list[CaseEvent]:
    """The moves, splits and merges of the case not undone yet, newest first."""
    undone = {e.data.get("undoes") for e in case.events if e.kind == "surgery-undone"}
    return [e for e in reversed(case.events) if e.kind in SURGERY and e.data.get("op_key") not in undone]

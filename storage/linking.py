"""Which case a new item belongs to, and why.

Tried in order, first answer wins: the item was already recorded (idempotent
redelivery); it replies in a known e-mail thread; it carries a case's
pre-printed barcode (a reply form in a mailroom batch); it quotes a case reference;
the same member wrote on the same topic within the window; else a new case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from intake import ids
from intake.errors import NotFound
from intake.models import Capture, Classification, Envelope
from storage.records import Records


@dataclass(frozen=True)
class Link:
    """The case an item goes to, whether it is new, the reason, and whether it was recorded before."""

    case_id: str
    new: bool
    reason: str
    again: bool = False
    evidence: dict = field(default_factory=dict)  # how it was found, how strong (storage/link_checks.py)


@dataclass(frozen=True)
class LinkInput:
    envelope: Envelope
    capture: Capture
    classification: Classification
    window_days: int


Finder = Callable[[Records, LinkInput], Link | None]


def _already_recorded(records: Records, item: LinkInput) -> Link | None:
    """A redelivered item keeps the link it got the first time, reason included."""
    case_id = records.index_get("envelope", item.envelope.id)
    if not case_id:
        return None
    new = case_id == own_case_ref(item.envelope)
    first = records.item_event(case_id, item.envelope.id, ids.item_event_id(item.envelope.id, "opened" if new else "linked"))
    return Link(case_id, new, first.summary if first else "already recorded (redelivery)", again=True,
                evidence=first.data.get("evidence", {}) if first else {})


def _by_thread(records: Records, item: LinkInput) -> Link | None:
    for message_id in item.envelope.thread_ids:
        case_id = records.index_get("thread", message_id)
        if case_id:
            return Link(case_id, False, f"reply in the e-mail thread of {message_id}",
                        evidence={"by": "thread", "value": message_id})
    return None


def _by_barcode(records: Records, item: LinkInput) -> Link | None:
    """A letter of a mailroom batch whose page carries a pre-printed case barcode joins that case."""
    ref = item.envelope.meta.get("barcode_case_ref")
    if ref and records.case_exists(ref):
        return Link(ref, False, f"carries the barcode of case {ref}", evidence={"by": "barcode", "value": ref})
    return None


def _by_case_reference(records: Records, item: LinkInput) -> Link | None:
    for ref in item.capture.values("case_ref"):
        if records.case_exists(ref):
            return Link(ref, False, f"quotes the case reference {ref}", evidence={"by": "case_ref", "value": ref})
    return None


def _by_member_and_topic(records: Records, item: LinkInput) -> Link | None:
    members = item.capture.values("member_number")
    if not members or item.classification.screened:
        return None
    window = timedelta(days=item.window_days)
    for case_id in records.member_cases(members[0]):
        try:
            case = records.case(case_id)
        except NotFound:
            continue
        recent = abs(item.envelope.received_at - case.opened_at) <= window
        if case.topic == item.classification.topic and case.status not in {"closed", "screened"} and recent:
            return Link(case_id, False, f"same member, same topic ({case.topic}) within {item.window_days} days",
                        evidence={"by": "member_topic", "value": case.topic})
    return None


def own_case_ref(envelope: Envelope) -> str:
    """The reference of the case this envelope opens if it links to none."""
    return ids.case_ref_for(envelope.id)


def _new_case(records: Records, item: LinkInput) -> Link:
    return Link(own_case_ref(item.envelope), True, "no existing case matched: new case")


FINDERS: tuple[Finder, ...] = (_already_recorded, _by_thread, _by_barcode, _by_case_reference, _by_member_and_topic)


def find_case(records: Records, item: LinkInput) -> Link:
    """The case for an item, with the reason."""
    for finder in FINDERS:
        link = finder(records, item)
        if link:
            return link
    return _new_case(records, item)

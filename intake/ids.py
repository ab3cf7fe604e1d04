"""Every id that idempotency rests on, in one place.

A redelivered message, a rerun connector or a retried command must write the
same objects again, never new ones: so envelopes, item events, quarantine
entries and case references are derived from what they are about. Nothing
else in the code builds these strings.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime

from intake.refs import make_case_ref

# The steps of one item's life in its case, numbered so that an item's events sort in causal order.
ITEM_STEPS: dict[str, int] = {
    "received": 1, "opened": 2, "linked": 2, "captured": 3, "classified": 4, "routed": 5,
    "dispatched": 6, "acknowledged": 7, "ack-skipped": 7, "suggested-answer": 8,
}
CASE_STEP = 6  # an item's case-level decisions: after its own steps (1-5), before its acknowledgement (7)
_ITEM_EVENT = re.compile(r"^(?P<envelope>env-[0-9a-f]{24})-(?P<step>\d+)-(?P<kind>[\w:.-]+)$")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def envelope_id(channel: str, source_id: str, content_sha256: str) -> str:
    """An envelope's id: the same item from the same source always gets the same id."""
    return f"env-{_digest(channel, source_id, content_sha256)[:24]}"


def batch_letter_id(batch_envelope_id: str, first: int, last: int) -> str:
    """The envelope id of one letter cut from a scanned batch: the batch and the letter's page range
    name it, so a redelivered batch makes the same letters again, and a moved boundary new ones."""
    return f"env-{_digest('batch-letter', batch_envelope_id, str(first), str(last))[:24]}"


def batch_event_id(batch_envelope_id: str, kind: str, at: datetime) -> str:
    """The id of one event in a batch's own history (split, boundary moved, released)."""
    return f"{at.strftime('%Y%m%dT%H%M%S%f')}-{_digest(batch_envelope_id, kind)[:8]}-{kind}"


def case_ref_for(envelope_id_: str) -> str:
    """The reference of the case an envelope opens when it joins none (``IN-XXXX-XXXX``)."""
    return make_case_ref(envelope_id_)


def item_event_id(envelope_id_: str, kind: str) -> str:
    """The id of one step of an item's recording (``<envelope>-<step>-<kind>``)."""
    return f"{envelope_id_}-{ITEM_STEPS.get(kind, 9)}-{kind}"


def case_event_id(envelope_id_: str, kind: str) -> str:
    """The id of a case-level change an item caused (``rerouted``, ``escalated``, ``kept``...)."""
    return f"{envelope_id_}-{CASE_STEP}-{kind}"


def caused_by(event_id: str, envelope_id_: str) -> bool:
    """Whether ``event_id`` is a case-level change the item ``envelope_id_`` caused."""
    return event_id.startswith(f"{envelope_id_}-{CASE_STEP}-") and not event_id.endswith("-dispatched")


def link_event_id(envelope_id_: str, kind: str) -> str:
    """The id of an event about how an item was linked (``related``, ``link-warning``...)."""
    return f"{envelope_id_}-{ITEM_STEPS['linked']}-{kind}"


def item_of_event(event_id: str) -> str | None:
    """The envelope id an item event belongs to, or None for a case-level event."""
    match = _ITEM_EVENT.match(event_id)
    return match.group("envelope") if match else None


def action_event_id(at: datetime) -> str:
    """The id of an event a person or a command adds (assign, close, reopen, note...): unique, time-ordered."""
    return f"{at.strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}"


def op_event_id(op: str, kind: str, case_id: str = "") -> str:
    """The id of an event one person's action writes, from the action's token (a form's or a command's):
    a retried action (a form sent twice) writes the same id again, so it is recorded once."""
    return f"op-{_digest(op, case_id)[:20]}-{kind}"


def quarantine_item(stage: str, subject: str) -> str:
    """What a quarantine entry is about: a stage and the item it gave up on (envelope id, file, digest)."""
    return f"{stage}-{subject}"


def quarantine_entry_id(item: str, at: datetime) -> str:
    """One quarantining of an item: retrying it never removes a newer entry of the same item."""
    return f"{safe_key(item)}--{at.strftime('%Y%m%dT%H%M%S%f')}"


def content_item(content_sha256: str) -> str:
    """The short form of a content hash used to name what a connector refused."""
    return content_sha256[:24]


def safe_key(key: str) -> str:
    """A key part that cannot carry path tricks: kept when plainly safe, hashed otherwise."""
    if key and all(c.isalnum() or c in "-_." for c in key) and key not in {".", ".."}:
        return key
    return "h-" + _digest(key)[:40]

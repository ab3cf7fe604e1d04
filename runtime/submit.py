"""Submitting an item: its bytes stored (content-addressed), then its envelope,
then a reference published with broker confirmation. Only after ``submit``
returns may a connector acknowledge its source (move the mail, archive the file).
"""

from __future__ import annotations

from intake import ids, telemetry
from intake.drafts import Draft, safe_filename
from intake.models import Attachment, Envelope
from runtime.bus import Bus
from storage.records import Records


def build_envelope(records: Records, draft: Draft) -> Envelope:
    """Store the draft's bytes and return its envelope (not yet published)."""
    store = records.store
    attachments = tuple(
        Attachment(filename=safe_filename(f.filename), declared_type=f.declared_type, ref=store.put_blob(f.data))
        for f in draft.files
    )
    return Envelope(
        id=ids.envelope_id(draft.channel, draft.source_id, draft.content_hash()),
        channel=draft.channel, source=draft.source, source_id=draft.source_id, received_at=draft.received_at,
        sender=draft.sender, subject=draft.subject, body=draft.body,
        raw=store.put_blob(draft.raw) if draft.raw is not None else None,
        attachments=attachments, headers=draft.headers, meta=draft.meta,
    )


def submit(records: Records, bus: Bus, draft: Draft) -> Envelope:
    """Store the item durably and queue it for capture; return its envelope."""
    envelope = build_envelope(records, draft)
    records.put_envelope(envelope)
    bus.send_to_stage("capture", {"envelope_id": envelope.id})
    telemetry.item_received(envelope.channel)
    return envelope

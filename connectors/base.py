"""What every connector shares: a draft item, and submitting it durably.

Submitting stores the bytes first (content-addressed), then the envelope, then
publishes a reference with broker confirmation. Only after ``submit`` returns
may a connector acknowledge its source (move the mail, archive the file).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from runtime import metrics
from runtime.bus import Bus
from intake.models import Attachment, Channel, Envelope, Party, sha256_hex
from storage.records import Records

MAX_FILENAME = 120


@dataclass
class FileDraft:
    """An attached or scanned file, before it is stored."""

    filename: str
    data: bytes
    declared_type: str = "application/octet-stream"


@dataclass
class Draft:
    """An item as a connector read it, before its bytes are stored."""

    channel: Channel
    source: str
    source_id: str
    received_at: datetime
    sender: Party = field(default_factory=Party)
    subject: str = ""
    body: str = ""
    raw: bytes | None = None
    files: list[FileDraft] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A hash of everything the item carries, for its deterministic id."""
        if self.raw is not None:
            return sha256_hex(self.raw)
        parts = [self.subject, self.body, *(sha256_hex(f.data) for f in self.files)]
        return sha256_hex("\0".join(parts).encode())


def safe_filename(name: str) -> str:
    """A file name with no directories, control characters or odd Unicode tricks."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = name.strip().lstrip(".") or "unnamed"
    return name[:MAX_FILENAME]


def build_envelope(records: Records, draft: Draft) -> Envelope:
    """Store the draft's bytes and return its envelope (not yet published)."""
    store = records.store
    attachments = tuple(
        Attachment(filename=safe_filename(f.filename), declared_type=f.declared_type, ref=store.put_blob(f.data))
        for f in draft.files
    )
    return Envelope(
        id=Envelope.make_id(draft.channel, draft.source_id, draft.content_hash()),
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
    metrics.item_received(envelope.channel)
    return envelope

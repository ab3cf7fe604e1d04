"""A mailroom batch's record: what the split made of the stack, and where the batch stands.

Stored as JSON by ``storage/batches.py``. ``read`` keeps every page's OCR
reading, so the letters can be made (and made again after a reviewer moved
a boundary) without reading a page twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from capture.batch.models import BatchSplit
from intake import ids
from intake.models import CaseEvent, Envelope, PageCapture, utcnow
from storage import batches as store_batches
from storage.base import ObjectStore

Status = Literal["review", "ready", "released"]


class BatchRecord(BaseModel):
    """One scanned stack: its envelope, its split, its pages read, its letters once made."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str  # the id of the envelope the stack came in
    source: str
    filename: str
    received_at: datetime
    scanned: int  # pages in the stack, blank backs and separator sheets included
    status: Status
    split: BatchSplit
    read: dict[int, PageCapture]
    letters: tuple[str, ...] = ()  # the letters' envelope ids, once made
    reviewed_by: str | None = None  # who moved a boundary or confirmed the cut

    @classmethod
    def of(cls, envelope: Envelope, scanned: int, split: BatchSplit, read: dict[int, PageCapture]) -> BatchRecord:
        name = envelope.attachments[0].filename if envelope.attachments else envelope.source
        return cls(id=envelope.id, source=envelope.source, filename=name, received_at=envelope.received_at,
                   scanned=scanned, status="review" if split.needs_review else "ready", split=split, read=read)


def save(store: ObjectStore, record: BatchRecord) -> None:
    store_batches.put_batch(store, record.id, record.model_dump(mode="json"))


def load(store: ObjectStore, batch_id: str) -> BatchRecord:
    """The batch's record; NotFound if there is none."""
    return BatchRecord.model_validate(store_batches.get_batch(store, batch_id))


def find(store: ObjectStore, batch_id: str) -> BatchRecord | None:
    found = store_batches.find_batch(store, batch_id)
    return BatchRecord.model_validate(found) if found is not None else None


def every(store: ObjectStore, status: str | None = None) -> list[BatchRecord]:
    """Every batch (with one status only, when given), newest first."""
    found = [load(store, batch_id) for batch_id in store_batches.batch_ids(store)]
    return sorted((r for r in found if status in (None, r.status)), key=lambda r: r.received_at, reverse=True)


def note(store: ObjectStore, record: BatchRecord, kind: str, actor: str, summary: str, **data: object) -> None:
    """Add an event to the batch's history."""
    at = utcnow()
    store_batches.append_batch_event(store, CaseEvent(
        id=ids.batch_event_id(record.id, kind, at), case_id=record.id, at=at, actor=actor, kind=kind,
        summary=summary, envelope_id=record.id, data=dict(data)))

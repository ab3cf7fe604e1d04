"""Mailroom batches in the store: the batch's record, its page thumbnails and its own history.

::

    batches/<batch>/batch.json              the batch: status, the split (letters, page verdicts), the pages read
    batches/<batch>/pages/<n>.png           a thumbnail of each scanned page, for the reviewer (review only)
    batches/<batch>/events/<event>.json     append-only history: split, boundary moved (by whom), released

The batch id is the id of the envelope the scanned stack came in. The
record's content is the wiring's (runtime/batches.py): storage keeps it as
JSON and knows only its status, so a listing can say which batches wait for
a person. A batch makes no case: its letters do.
"""

from __future__ import annotations

import json
from typing import Any

from intake import ids
from intake.errors import NotFound
from intake.models import CaseEvent
from storage.base import ObjectStore

JSON = "application/json"
STATUSES = ("review", "ready", "released")  # a person must look / letters to make / letters made


def _base(batch_id: str) -> str:
    return f"batches/{ids.safe_key(batch_id)}"


def put_batch(store: ObjectStore, batch_id: str, record: dict[str, Any]) -> None:
    """Write the batch's current record (it changes: its status, a moved boundary)."""
    store.put(f"{_base(batch_id)}/batch.json", json.dumps(record, indent=1, default=str).encode(), JSON)


def get_batch(store: ObjectStore, batch_id: str) -> dict[str, Any]:
    """The batch's record; NotFound if there is none."""
    return json.loads(store.get(f"{_base(batch_id)}/batch.json"))


def find_batch(store: ObjectStore, batch_id: str) -> dict[str, Any] | None:
    try:
        return get_batch(store, batch_id)
    except NotFound:
        return None


def batch_ids(store: ObjectStore) -> list[str]:
    """Every batch's id."""
    return sorted({key.split("/")[1] for key in store.list("batches/") if key.endswith("/batch.json")})


def put_thumbnail(store: ObjectStore, batch_id: str, number: int, png: bytes) -> None:
    store.put(f"{_base(batch_id)}/pages/{number}.png", png, "image/png")


def has_thumbnails(store: ObjectStore, batch_id: str) -> bool:
    """Whether the batch's pages have thumbnails (kept for a batch that went to review)."""
    return store.exists(f"{_base(batch_id)}/pages/1.png")


def thumbnail(store: ObjectStore, batch_id: str, number: int) -> bytes:
    """One page's thumbnail (PNG); NotFound if there is none."""
    return store.get(f"{_base(batch_id)}/pages/{int(number)}.png")


def append_batch_event(store: ObjectStore, event: CaseEvent) -> None:
    """Add one event to a batch's history (``case_id`` is the batch id: a batch is no case)."""
    key = f"{_base(event.case_id)}/events/{ids.safe_key(event.id)}.json"
    store.put(key, event.model_dump_json(indent=1).encode(), JSON)


def batch_events(store: ObjectStore, batch_id: str) -> list[CaseEvent]:
    """The batch's history, oldest first."""
    events = [CaseEvent.model_validate_json(store.get(k)) for k in store.list(f"{_base(batch_id)}/events/")]
    return sorted(events, key=lambda e: (e.at, e.id))

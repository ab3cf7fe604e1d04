"""Filling the index from the store: a whole rebuild, and the catch-up of journalled cases.

``reindex`` lists the store once (``cases/``, ``quarantine/``,
``quarantine-released/``) and projects every case in batches. ``catch_up``
reads only the cases the journal names (writes that may have stopped
between the store and the index), so start-up never scans the store.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from intake.errors import IntakeError, NotFound
from intake.models import CaseEvent
from storage.index.base import CaseBatch, CaseIndex
from storage.index.rows import ItemRecord
from storage.records import Records

Progress = Callable[[int, int], None]  # (cases done, cases in all)
BATCH = 500  # cases per transaction
GRACE = timedelta(minutes=2)  # a journal entry younger than this may belong to a write still under way


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild read."""

    cases: int
    items: int
    events: int
    quarantined: int
    seconds: float


def item_records(records: Records, envelope_ids: Iterable[str]) -> list[ItemRecord]:
    """The envelope, capture and decision of each item the store has (what is missing stays None)."""
    found = []
    for envelope_id in dict.fromkeys(envelope_ids):
        try:
            envelope = records.envelope(envelope_id)
        except NotFound:
            continue
        found.append(ItemRecord(envelope, _maybe(records.capture, envelope_id), *_decision(records, envelope_id)))
    return found


def case_batch(records: Records, case_id: str, keys: list[str] | None = None) -> CaseBatch | None:
    """A case's whole history and items from the store (None if it has no events).

    Marked complete when every item could be read: the case is then folded from it
    directly, unless another writer added events to the index meanwhile."""
    try:
        history = [e for key in keys for e in records.events_at(key)] if keys else records.events(case_id)
    except NotFound:
        return None
    wanted = dict.fromkeys(_envelopes(history))
    found = item_records(records, wanted)
    return CaseBatch(case_id, tuple(history), tuple(found), complete=len(found) == len(wanted))


def reindex(records: Records, index: CaseIndex, progress: Progress | None = None, batch: int = BATCH) -> Rebuilt:
    """Empty the index and project the whole store into it."""
    started = time.monotonic()
    index.clear()
    keys = _event_keys(records)
    case_ids, counts = list(keys), [0, 0]
    for start in range(0, len(case_ids), batch):
        batches = [b for cid in case_ids[start:start + batch] if (b := case_batch(records, cid, keys[cid]))]
        index.apply_many(batches)
        counts[0] += sum(len(b.items) for b in batches)
        counts[1] += sum(len(b.events) for b in batches)
        if progress:
            progress(min(start + batch, len(keys)), len(keys))
    quarantined = _quarantine(records, index)
    index.analyze()
    return Rebuilt(len(keys), counts[0], counts[1], quarantined, time.monotonic() - started)


def catch_up(records: Records, index: CaseIndex, older_than: timedelta = GRACE) -> int:
    """Project the cases the journal names (older than ``older_than``); return how many."""
    entries = index.pending(older_than)
    case_ids = list(dict.fromkeys(case_id for case_id, _ in entries))
    for start in range(0, len(case_ids), BATCH):
        batches = [b for cid in case_ids[start:start + BATCH] if (b := case_batch(records, cid))]
        index.apply_many(batches)
    index.settle(entries)
    return len(case_ids)


def _event_keys(records: Records) -> dict[str, list[str]]:
    """Every case's event keys, from one listing of ``cases/``."""
    keys: dict[str, list[str]] = defaultdict(list)
    for key in records.store.list("cases/"):
        parts = key.split("/")
        if len(parts) == 4 and parts[2] == "events":
            keys[parts[1]].append(key)
    return dict(keys)


def _quarantine(records: Records, index: CaseIndex) -> int:
    for entry in records.quarantined():
        index.put_quarantine(entry)
    released = [json.loads(records.store.get(k)) for k in records.store.list("quarantine-released/")]
    for entry in released:
        index.put_quarantine(entry)
        index.release_quarantine(entry["id"], datetime.fromisoformat(entry["released_at"]), entry.get("note", ""))
    return len(released)


def _envelopes(history: list[CaseEvent]) -> list[str]:
    return [e.envelope_id for e in history if e.envelope_id]


def _maybe(read: Callable, envelope_id: str):
    try:
        return read(envelope_id)
    except (NotFound, IntakeError):
        return None


def _decision(records: Records, envelope_id: str) -> tuple:
    found = _maybe(records.decision, envelope_id)
    return found if found else (None, None)

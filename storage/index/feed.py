"""Keeping the index in step with the events a process writes: ``IndexedRecords``.

``IndexedRecords`` is a ``Records`` whose event and quarantine writes also
update the index (wiring: build it where ``Records`` is built). Each event
write goes, in order::

    index.mark_pending(case_id, journal)   # a journal row in the index, durable
    store: the events                       # the truth
    index.apply(...)                        # projection + journal row removed, in one transaction

``journal`` is the envelope id of an item's events or the id of a single
event. A crash after the journal row and before the projection leaves the
row: the same message redelivered writes and projects again (idempotent), and
``start()`` (each worker at start-up) projects every journalled case older
than the grace period from its events in the store, reading only those cases.

Inside ``delivered()`` (the worker enters it around a stage whose message a
broker redelivers when the process dies: RabbitMQ, not the embedded
filesystem bus, and a handler that calls ``reproject`` on a redelivery: the
record stage) the journal row is left out: redelivery does its job, and it
costs a transaction per write. If the projection then fails, the journal row
is written after all (when the index takes it) before the error goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import datetime, timedelta

from intake.errors import IntakeError
from intake.models import CaseEvent
from storage.base import ObjectStore
from storage.index.base import CaseBatch, CaseIndex
from storage.index.rebuild import GRACE, case_batch, catch_up, item_records
from storage.records import Records

_DELIVERED: ContextVar[bool] = ContextVar("intake_index_delivered", default=False)


class IndexedRecords(Records):
    """Records that project every event and quarantine entry they write into ``index``."""

    def __init__(self, store: ObjectStore, index: CaseIndex, cache_size: int = 4096) -> None:
        super().__init__(store, cache_size)
        self.index = index

    def start(self, older_than: timedelta = GRACE) -> int:
        """Heal what an earlier process left half-done; return how many cases were projected again."""
        return catch_up(self, self.index, older_than)

    @contextmanager
    def delivered(self) -> Iterator[None]:
        token = _DELIVERED.set(True)
        try:
            yield
        finally:
            _DELIVERED.reset(token)

    def reproject(self, case_id: str) -> None:
        """Project the case's whole history from the store (what a redelivered message may have left out)."""
        if (batch := case_batch(self, case_id)) is not None:
            self.index.apply(batch)

    def append_event(self, event: CaseEvent) -> None:
        journalled = self._journal(event.case_id, event.id)
        super().append_event(event)
        self._projected(event.case_id, event.id, [event], journalled)

    def append_item_events(self, case_id: str, envelope_id: str, events: list[CaseEvent]) -> None:
        journalled = self._journal(case_id, envelope_id)
        super().append_item_events(case_id, envelope_id, events)
        self._projected(case_id, envelope_id, events, journalled)

    def _journal(self, case_id: str, journal: str) -> bool:
        """Write the journal row unless a redelivery would heal the write; whether it was written."""
        if _DELIVERED.get():
            return False
        self.index.mark_pending(case_id, journal)
        return True

    def _projected(self, case_id: str, journal: str, events: Sequence[CaseEvent], journalled: bool) -> None:
        try:
            self.project(case_id, journal, events)
        except IntakeError:
            if not journalled:  # the message may end in quarantine rather than come back: leave a trace
                with suppress(IntakeError):
                    self.index.mark_pending(case_id, journal)
            raise

    def project(self, case_id: str, journal: str, events: Sequence[CaseEvent]) -> None:
        """Project events just written (with the items they bring that the index lacks)."""
        brought = [e.envelope_id for e in events if e.envelope_id]
        known = self.index.known_items(brought) if brought else set()
        items = tuple(item_records(self, [eid for eid in brought if eid not in known]))
        self.index.apply(CaseBatch(case_id, tuple(events), items, journal=journal))

    def quarantine(self, item_id: str, stage: str, reason: str, payload: dict, details: dict | None = None) -> str:
        entry_id = super().quarantine(item_id, stage, reason, payload, details)
        self.index.put_quarantine(self.quarantined_item(entry_id))
        return entry_id

    def release(self, item_id: str, note: str) -> None:
        super().release(item_id, note)
        entry = json.loads(self.store.get(f"quarantine-released/{item_id}.json"))  # entry ids are key-safe
        self.index.release_quarantine(item_id, datetime.fromisoformat(entry["released_at"]), note)

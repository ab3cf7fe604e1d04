"""Reading the store for the dashboard and the scrape-time gauges.

Envelopes and events are never rewritten, so each is read once and kept; a
refresh lists the keys and reads only what is new (a case is folded again only
when it gained events). Refreshes happen at most every ``ttl`` seconds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from intake.errors import IntakeError
from intake.models import Case
from storage.records import Records
from web.dashboard.stats import Item

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """What the store held at one moment."""

    items: tuple[Item, ...] = ()
    cases: tuple[Case, ...] = ()
    quarantine: tuple[dict, ...] = ()
    by_id: dict[str, Case] = field(default_factory=dict)

    def case(self, case_id: str) -> Case | None:
        """One case, if the store has it."""
        return self.by_id.get(case_id)


class StoreReader:
    """A cached, incrementally refreshed view of the store."""

    def __init__(self, records: Records, ttl: float = 5.0) -> None:
        self.records, self.ttl = records, ttl
        self._lock = threading.Lock()
        self._received: dict[str, tuple[str, datetime]] = {}  # envelope id -> (channel, received_at)
        self._cases: dict[str, tuple[int, Case]] = {}  # case id -> (event count, folded case)
        self._snapshot, self._taken = Snapshot(), float("-inf")

    def snapshot(self) -> Snapshot:
        """The store's items, cases and quarantine, at most ``ttl`` seconds old."""
        with self._lock:
            if time.monotonic() - self._taken >= self.ttl:
                self._snapshot, self._taken = self._read(), time.monotonic()
            return self._snapshot

    def invalidate(self) -> None:
        """Read the store again at the next call (after a change made here)."""
        with self._lock:
            self._taken = float("-inf")

    def _read(self) -> Snapshot:
        self._read_envelopes()
        self._read_cases()
        cases = tuple(case for _, case in self._cases.values())
        placed = {item: case for case in cases for item in case.items}
        items = tuple(_item(eid, channel, at, placed.get(eid)) for eid, (channel, at) in self._received.items())
        return Snapshot(items, cases, tuple(self.records.quarantined()), {c.id: c for c in cases})

    def _read_envelopes(self) -> None:
        for key in self.records.store.list("envelopes/"):
            envelope_id = key.removeprefix("envelopes/").removesuffix(".json")
            if envelope_id not in self._received:
                try:
                    envelope = self.records.envelope(envelope_id)
                except (IntakeError, ValueError):  # one unreadable object must not blank the dashboard
                    log.warning("cannot read envelope %s", envelope_id)
                    continue
                self._received[envelope_id] = (envelope.channel, envelope.received_at)

    def _read_cases(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for key in self.records.store.list("cases/"):
            parts = key.split("/")
            if len(parts) == 4 and parts[2] == "events":
                counts[parts[1]] += 1
        for case_id, count in counts.items():
            if self._cases.get(case_id, (0, None))[0] != count:
                self._fold(case_id, count)

    def _fold(self, case_id: str, count: int) -> None:
        try:
            self._cases[case_id] = (count, self.records.case(case_id))
        except (IntakeError, ValueError):
            log.warning("cannot read case %s", case_id)


def _item(envelope_id: str, channel: str, received_at: datetime, case: Case | None) -> Item:
    return Item(envelope_id, channel, received_at, case.id if case else None, case.team if case else None)

"""Case records on top of an object store: the layout, in one place.

::

    raw/sha256/ab/<sha256>                  original bytes, content-addressed
    envelopes/<envelope_id>.json            the envelope as received
    captures/<envelope_id>.json             text, pages, fields
    decisions/<envelope_id>.json            classification and route
    cases/<case_id>/events/<event_id>.json  append-only history: one object per event, or
    cases/<case_id>/events/<envelope_id>.items.json  the events an item's recording wrote together
    cases/<case_id>/case.json               snapshot folded from the events (a cache)
    index/envelope/<envelope_id>            -> case id (makes recording idempotent)
    index/thread/<sha256(Message-ID)>       -> case id (e-mail threads)
    index/member/<member>/<case_id>         the member's cases
    quarantine/<item>--<time>.json          items that could not be processed, with the reason
    quarantine-released/<entry_id>.json     entries taken out of quarantine (retried), for the record
    access/<case_id>/<time>-<random>.json   who viewed a case or its documents (storage/access.py)

Events are never rewritten in place: each event, or each item's batch of
events, has its own key, so concurrent writers to one case cannot lose each
other's events. Because envelopes, captures, decisions and events never
change once written, a process keeps the ones it wrote or read in a bounded
cache (storage/cache.py); listings always ask the store.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from pydantic import BaseModel, ConfigDict

from intake import ids
from intake.errors import NotFound
from intake.models import Capture, Case, CaseEvent, Classification, Envelope, Route, utcnow
from storage.base import ObjectStore
from storage.cache import LRUCache

M = TypeVar("M", bound=BaseModel)
JSON = "application/json"
ITEM_BATCH = ".items.json"


class EventBatch(BaseModel):
    """Events of one item written in one object (``<envelope_id>.items.json``): one write instead of five."""

    model_config = ConfigDict(frozen=True)

    events: tuple[CaseEvent, ...]


class Decision(BaseModel):
    """What classify decided about an envelope (``decisions/<envelope_id>.json``)."""

    model_config = ConfigDict(frozen=True)

    classification: Classification
    route: Route


class Records:
    """Typed reads and writes of intake's objects in a store."""

    def __init__(self, store: ObjectStore, cache_size: int = 4096) -> None:
        self.store = store
        self.cache: LRUCache[BaseModel] = LRUCache(cache_size)
        self.known_cases: LRUCache[bool] = LRUCache(cache_size)

    def _put_model(self, key: str, model: BaseModel) -> None:
        self.store.put(key, model.model_dump_json(indent=1).encode(), JSON)

    def _get_model(self, key: str, cls: type[M]) -> M:
        return cls.model_validate_json(self.store.get(key))

    def _put_kept(self, key: str, model: BaseModel) -> None:
        """Write an object that never changes, and keep it."""
        self._put_model(key, model)
        self.cache.put(key, model)

    def _get_kept(self, key: str, cls: type[M]) -> M:
        """Read an object that never changes, from the cache if this process has it."""
        model = self.cache.get(key)
        if not isinstance(model, cls):
            model = self._get_model(key, cls)
            self.cache.put(key, model)
        return model

    def put_envelope(self, envelope: Envelope) -> None:
        """Write the envelope as received."""
        self._put_kept(f"envelopes/{envelope.id}.json", envelope)

    def envelope(self, envelope_id: str) -> Envelope:
        """Read an envelope."""
        return self._get_kept(f"envelopes/{envelope_id}.json", Envelope)

    def put_capture(self, capture: Capture) -> None:
        """Write what capture read from an envelope."""
        self._put_kept(f"captures/{capture.envelope_id}.json", capture)

    def capture(self, envelope_id: str) -> Capture:
        """Read a capture."""
        return self._get_kept(f"captures/{envelope_id}.json", Capture)

    def put_decision(self, envelope_id: str, classification: Classification, route: Route) -> None:
        """Write the classification and route of an envelope."""
        self._put_kept(f"decisions/{envelope_id}.json", Decision(classification=classification, route=route))

    def decision(self, envelope_id: str) -> tuple[Classification, Route]:
        """Read the classification and route of an envelope."""
        decision = self._get_kept(f"decisions/{envelope_id}.json", Decision)
        return decision.classification, decision.route

    def delivered(self) -> AbstractContextManager:
        """Writes made inside are redone if the process dies: a broker will deliver the message again
        (``IndexedRecords`` then leaves out its journal). Nothing to do here."""
        return nullcontext()

    def reproject(self, case_id: str) -> None:
        """Bring projections of this case (``IndexedRecords``: the index) in step with the store. Nothing here."""

    def append_event(self, event: CaseEvent) -> None:
        """Add an event to its case's history (idempotent on the event id)."""
        self._put_kept(_event_key(event.case_id, event.id), event)
        self.known_cases.put(event.case_id, True)

    def append_item_events(self, case_id: str, envelope_id: str, events: list[CaseEvent]) -> None:
        """Add the events of one item's recording in one object (idempotent on the envelope id)."""
        self._put_kept(f"cases/{case_id}/events/{envelope_id}{ITEM_BATCH}", EventBatch(events=tuple(events)))
        for event in events:
            self.cache.put(_event_key(case_id, event.id), event)
        self.known_cases.put(case_id, True)

    def event(self, case_id: str, event_id: str) -> CaseEvent | None:
        """One event written on its own, if it exists."""
        try:
            return self._get_kept(_event_key(case_id, event_id), CaseEvent)
        except NotFound:
            return None

    def item_event(self, case_id: str, envelope_id: str, event_id: str) -> CaseEvent | None:
        """One event of an item's recording, if it exists (in its batch, or on its own in older stores)."""
        cached = self.cache.get(_event_key(case_id, event_id))
        if isinstance(cached, CaseEvent):
            return cached
        try:
            batch = self._get_kept(f"cases/{case_id}/events/{envelope_id}{ITEM_BATCH}", EventBatch)
        except NotFound:
            return self.event(case_id, event_id)
        return next((e for e in batch.events if e.id == event_id), None)

    def events_at(self, key: str) -> list[CaseEvent]:
        """The events stored under one key of a case's history."""
        if key.endswith(ITEM_BATCH):
            return list(self._get_kept(key, EventBatch).events)
        return [self._get_kept(key, CaseEvent)]

    def events(self, case_id: str) -> list[CaseEvent]:
        """A case's whole history, oldest first."""
        keys = self.store.list(f"cases/{case_id}/events/")
        events = [event for key in keys for event in self.events_at(key)]
        if not events:
            raise NotFound("no such case", case_id=case_id)
        self.known_cases.put(case_id, True)
        return sorted(events, key=lambda e: (e.at, e.id))

    def case_exists(self, case_id: str) -> bool:
        """Whether a case has at least one event (events are never deleted, so a known case stays)."""
        if self.known_cases.get(case_id):
            return True
        return next(iter(self.store.list(f"cases/{case_id}/events/")), None) is not None

    def case(self, case_id: str) -> Case:
        """A case's current state, folded from its events."""
        return Case.from_events(case_id, self.events(case_id))

    def write_snapshot(self, case_id: str, events: list[CaseEvent] | None = None) -> Case:
        """Refresh the case.json snapshot from the events (read, unless the whole history is given)."""
        case = Case.from_events(case_id, sorted(events, key=lambda e: (e.at, e.id))) if events else self.case(case_id)
        self._put_model(f"cases/{case_id}/case.json", case.model_copy(update={"events": ()}))
        return case

    def case_ids(self) -> list[str]:
        """Every case id in the store."""
        return sorted({k.split("/")[1] for k in self.store.list("cases/") if k.endswith("/case.json")})

    def index_get(self, kind: str, key: str) -> str | None:
        """The case id an index entry points to, if any."""
        try:
            return self.store.get(f"index/{kind}/{_safe(key)}").decode()
        except NotFound:
            return None

    def index_put(self, kind: str, key: str, case_id: str) -> None:
        """Point an index entry at a case."""
        self.store.put(f"index/{kind}/{_safe(key)}", case_id.encode(), "text/plain")

    def add_member_case(self, member: str, case_id: str) -> None:
        """Record that ``member`` has ``case_id``."""
        self.store.put(f"index/member/{_safe(member)}/{case_id}", b"", "text/plain")

    def remove_member_case(self, member: str, case_id: str) -> None:
        """Forget that ``member`` has ``case_id`` (a corrected member number, an item moved away)."""
        self.store.delete(f"index/member/{_safe(member)}/{case_id}")

    def member_cases(self, member: str) -> list[str]:
        """The case ids of one member."""
        return [k.rsplit("/", 1)[1] for k in self.store.list(f"index/member/{_safe(member)}/")]

    def quarantine(self, item_id: str, stage: str, reason: str, payload: dict, details: dict | None = None) -> str:
        """Keep an item that could not be processed, with the reason (a sentence for an operator) and the
        technical details apart; return its quarantine id.

        Each quarantining gets its own id (item + time), so retrying one entry can never
        remove a newer entry for the same item."""
        now = utcnow()
        entry_id = ids.quarantine_entry_id(item_id, now)
        body = {"id": entry_id, "item": item_id, "stage": stage, "reason": reason, "at": now.isoformat(),
                "payload": payload} | ({"details": details} if details else {})
        self.store.put(f"quarantine/{entry_id}.json", json.dumps(body, indent=1, default=str).encode(), JSON)
        return entry_id

    def quarantined(self) -> list[dict]:
        """Every quarantined item, with its reason."""
        return [json.loads(self.store.get(k)) for k in self.store.list("quarantine/")]

    def quarantine_entries(self, item_id: str) -> list[dict]:
        """The quarantine entries (still in quarantine) of one item, oldest first."""
        return [json.loads(self.store.get(k)) for k in self.store.list(f"quarantine/{_safe(item_id)}--")]

    def quarantined_item(self, item_id: str) -> dict:
        """One quarantined item; NotFound if there is none."""
        return json.loads(self.store.get(f"quarantine/{_safe(item_id)}.json"))

    def release(self, item_id: str, note: str) -> None:
        """Take an item out of quarantine, keeping the entry and the note in the history."""
        entry = self.quarantined_item(item_id) | {"released_at": utcnow().isoformat(), "note": note}
        self.store.put(f"quarantine-released/{_safe(item_id)}.json", json.dumps(entry, indent=1).encode(), JSON)
        self.store.delete(f"quarantine/{_safe(item_id)}.json")


def _event_key(case_id: str, event_id: str) -> str:
    return f"cases/{case_id}/events/{event_id}.json"


_safe = ids.safe_key

"""The outbound stage: after an item is recorded, acknowledge it (if it opened a
case), suggest an answer (if it is simple), and deliver the case's new events.

Body: ``{"case_id": ..., "envelope_id": ...}``; ``envelope_id`` may be left out
(after a status change, say) to deliver the case's new events only. Every
step is idempotent, so a redelivered message sends nothing twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from intake import ids
from intake.errors import NotFound, PermanentError
from outbound import smtp
from outbound.ack import AckItem, Acknowledger, Sender
from outbound.answers import is_simple, suggest_answer, suggestion_event_id, write_suggestion
from outbound.config import OutboundConfig
from outbound.events_out import EventDelivery, EventSink
from outbound.templates import Templates
from storage.case_update import moved_case
from storage.records import Records


@dataclass
class OutboundHandler:
    """Acknowledgement, suggested answer and outbound events for one recorded item."""

    records: Records
    config: OutboundConfig
    exchange: EventSink | None = None  # the events exchange (runtime/events.py); None: webhooks only
    send: Sender = smtp.send
    sleep: Callable[[float], None] = time.sleep
    stage: str = "outbound"
    templates: Templates = field(init=False)

    def __post_init__(self) -> None:
        self.templates = Templates(self.config.templates_dir, self.config.language)
        self.acknowledge = Acknowledger(self.records, self.config, self.templates, self.send)
        self.delivery = EventDelivery(self.records, self.config, self.exchange, self.sleep)

    def __call__(self, body: dict[str, Any]) -> None:
        case_id = body.get("case_id")
        if not isinstance(case_id, str) or not self.records.case_exists(case_id):
            raise PermanentError("outbound message without a known case", case_id=str(case_id)[:40])
        envelope_id = body.get("envelope_id")
        if envelope_id is not None:
            self._item(case_id, self._load(case_id, envelope_id))
        self.delivery.deliver_case(case_id)

    def _load(self, case_id: str, envelope_id: Any) -> AckItem:
        """The recorded item, or PermanentError if the store lacks a part of it."""
        try:
            envelope = self.records.envelope(str(envelope_id))
            classification, route = self.records.decision(envelope.id)
            case = self.records.case(case_id)  # the member is told the case's team and deadline, not the item's
            route = route.model_copy(update={"team": case.team or route.team, "deadline": case.deadline})
            return AckItem(case_id, envelope, self.records.capture(envelope.id), classification, route)
        except NotFound as exc:
            raise PermanentError("recorded item incomplete in the store", envelope_id=str(envelope_id)[:60]) from exc

    def _item(self, case_id: str, item: AckItem) -> None:
        opener = self.records.item_event(case_id, item.envelope.id, ids.item_event_id(item.envelope.id, "opened"))
        if opener or moved_case(self.records.case(case_id), item.envelope.id):  # opened it, or moved it
            self.acknowledge(item)
        if is_simple(item.classification):
            self._suggest(case_id, item)

    def _suggest(self, case_id: str, item: AckItem) -> None:
        """Write a suggested answer once (the case's history says whether it was)."""
        case = self.records.case(case_id)
        if suggestion_event_id(item.envelope.id) in {event.id for event in case.events}:
            return
        answer = suggest_answer(case, item.envelope, item.capture, item.classification, self.templates)
        if answer is not None:
            write_suggestion(self.records, answer)

"""Every case event out to the office's other tools: webhooks and a RabbitMQ topic exchange.

Delivery is idempotent per (event, target): a marker is written after each
success and checked before each send. Store layout::

    outbound/delivered/<target>/<case_id>/<event_id>   delivered to a webhook (target: hash of the URL)
    outbound/delivered/<target>/<case_id>/+<hash>      events delivered to the exchange together, one
                                                       marker per batch (target: hash of the exchange)
    outbound/dead/<target>--<event_id>.json            a webhook gave up: event, URL, reason, attempts

A webhook that gives up never fails the stage: the event goes to the dead
letters, to be retried with :meth:`EventDelivery.retry_dead`. A broker failure
on the exchange does (RetryableError): the worker retries the whole message,
and the markers make the retry send only what is missing. Two workers on the
same case at the same moment may both send an event: receivers deduplicate on
the event id.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Protocol

from intake.errors import NotFound
from intake.models import CaseEvent, sha256_hex, utcnow
from outbound.config import OutboundConfig
from outbound.webhooks import Outcome, WebhookSender, shown_url, target_id
from storage.records import Records

JSON = "application/json"


class DeliveryLog:
    """The delivered markers and dead letters in the store."""

    def __init__(self, records: Records) -> None:
        self.store = records.store

    def delivered(self, target: str, case_id: str) -> set[str]:
        """Ids of the case's events already delivered to ``target``."""
        prefix = f"outbound/delivered/{target}/{case_id}/"
        done: set[str] = set()
        for name in (key[len(prefix):] for key in self.store.list(prefix)):
            done.update(json.loads(self.store.get(prefix + name))["events"] if name.startswith("+") else [name])
        return done

    def mark_delivered(self, target: str, event: CaseEvent) -> None:
        """Remember that ``event`` reached ``target``."""
        body = json.dumps({"at": utcnow().isoformat()}).encode()
        self.store.put(f"outbound/delivered/{target}/{event.case_id}/{event.id}", body, JSON)

    def mark_batch(self, target: str, case_id: str, events: list[CaseEvent]) -> None:
        """Remember that ``events`` reached ``target``, in one object (one write instead of one each)."""
        ids = sorted(e.id for e in events)
        body = json.dumps({"at": utcnow().isoformat(), "events": ids}).encode()
        self.store.put(f"outbound/delivered/{target}/{case_id}/+{sha256_hex(chr(0).join(ids).encode())[:32]}",
                       body, JSON)

    def dead_key(self, dead_id: str) -> str:
        """Where one dead letter is stored."""
        return f"outbound/dead/{dead_id}.json"

    def is_dead(self, target: str, event_id: str) -> bool:
        """Whether this event already waits in the dead letters for this target."""
        return self.store.exists(self.dead_key(f"{target}--{event_id}"))

    def bury(self, target: str, url: str, event: CaseEvent, outcome: Outcome) -> None:
        """Put a given-up delivery in the dead letters, with the reason."""
        dead_id = f"{target}--{event.id}"
        entry = {"id": dead_id, "target": target, "url": shown_url(url), "case_id": event.case_id,
                 "event_id": event.id, "kind": event.kind, "reason": outcome.reason, "attempts": outcome.attempts,
                 "at": utcnow().isoformat(), "event": event.model_dump(mode="json")}
        self.store.put(self.dead_key(dead_id), json.dumps(entry, indent=1).encode(), JSON)

    def dead_letters(self) -> list[dict]:
        """Every dead letter, oldest key first."""
        return [json.loads(self.store.get(key)) for key in self.store.list("outbound/dead/")]

    def dead_letter(self, dead_id: str) -> dict:
        """One dead letter; NotFound if there is none."""
        return json.loads(self.store.get(self.dead_key(dead_id)))

    def forget_dead(self, dead_id: str) -> None:
        """Remove a dead letter (it is being retried)."""
        self.store.delete(self.dead_key(dead_id))


class EventSink(Protocol):
    """Where case events are published besides webhooks (the ``intake.events`` exchange, runtime/events.py)."""

    target: str  # a stable id for the delivered markers

    def publish(self, event: CaseEvent) -> None:
        """Publish one event; return once it is durably queued (RetryableError otherwise)."""


class EventDelivery:
    """Delivers a case's not-yet-delivered events to every configured target."""

    def __init__(self, records: Records, config: OutboundConfig, exchange: EventSink | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.records = records
        self.log = DeliveryLog(records)
        self.urls = config.webhooks.urls if config.webhooks else ()
        self.sender = WebhookSender(config.webhooks, sleep) if config.webhooks else None
        self.exchange = exchange

    def deliver_case(self, case_id: str) -> None:
        """Send every event of the case that a target has not had yet."""
        if self.sender is None and self.exchange is None:
            return  # nowhere to deliver: no need to read the history
        events = self.records.events(case_id)
        if self.sender is not None:
            for url in self.urls:
                self._to_webhook(self.sender, url, case_id, events)
        if self.exchange is not None:
            self._to_exchange(self.exchange, case_id, events)

    def _to_exchange(self, exchange: EventSink, case_id: str, events: list[CaseEvent]) -> None:
        done = self.log.delivered(exchange.target, case_id)
        fresh = [e for e in events if e.id not in done]
        for event in fresh:
            exchange.publish(event)
        if fresh:  # a crash before this line sends the batch again: receivers deduplicate on the event id
            self.log.mark_batch(exchange.target, case_id, fresh)

    def _to_webhook(self, sender: WebhookSender, url: str, case_id: str, events: list[CaseEvent]) -> None:
        target = target_id(url)
        done = self.log.delivered(target, case_id)
        down: Outcome | None = None
        for event in (e for e in events if e.id not in done and not self.log.is_dead(target, e.id)):
            # once the receiver exhausted its retries, each next event would only wait as long again
            if down is None:
                outcome = sender.deliver(url, event.id, event.model_dump_json().encode())
            else:
                outcome = Outcome(0, f"not attempted: the receiver failed just before ({down.reason})")
            self._settle(target, url, event, outcome)
            down = down or (outcome if outcome.exhausted else None)

    def _settle(self, target: str, url: str, event: CaseEvent, outcome: Outcome) -> None:
        if outcome.ok:
            self.log.mark_delivered(target, event)
        else:
            self.log.bury(target, url, event, outcome)

    def retry_dead(self, dead_id: str) -> bool:
        """Try a dead letter again (after the receiver was fixed); True if it got through."""
        entry = self.log.dead_letter(dead_id)
        url = next((u for u in self.urls if target_id(u) == entry["target"]), None)
        if url is None or self.sender is None:
            raise NotFound("the dead letter's webhook is no longer configured", dead_id=dead_id)
        event = CaseEvent.model_validate(entry["event"])
        outcome = self.sender.deliver(url, event.id, event.model_dump_json().encode())
        self.log.forget_dead(dead_id)
        self._settle(entry["target"], url, event, outcome)
        return outcome.ok

"""Telephony call logs: one phone draft per call, the agent's notes as text.

Columns: call_id, start, duration_s, caller, member_number, agent,
reason_code, notes. Exports come as CSV or JSON lines (``intake ingest``);
the live feed is an AMQP exchange of the telephony system, one JSON object
per message, read by :class:`CallFeedConsumer` (pika): draft -> ``submit`` ->
only then ``basic_ack``. A bad message is quarantined and acked (never a
redelivery loop); a redelivered call already taken is acked without a second
submit.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from connectors.base import Connector, ConnectorContext
from connectors.checkpoints import Checkpoints, submit_once
from intake import ids
from intake.backoff import keep_running
from intake.drafts import Draft
from intake.errors import ConfigError, PermanentError, RetryableError
from intake.models import Party, sha256_hex
from intake.settings import Section
from intake.text import decode

if TYPE_CHECKING:
    import pika.adapters.blocking_connection

log = logging.getLogger(__name__)

REQUIRED = ("call_id", "start", "notes")


def draft_from_call(call: dict[str, str], source: str) -> Draft:
    """A phone draft from one call record."""
    missing = [k for k in REQUIRED if not str(call.get(k) or "").strip()]
    if missing:
        raise PermanentError("call record lacks required columns", missing=",".join(missing))
    notes = str(call["notes"]).strip()
    member = str(call.get("member_number") or "").strip()
    body = f"{notes}\n\nN° adhérent : {member}" if member and member not in notes else notes
    meta = {k: str(v) for k, v in call.items() if k not in {"notes"} and v not in (None, "")}
    return Draft(
        channel="phone", source=source, source_id=f"call:{call['call_id']}", received_at=_time(str(call["start"])),
        sender=Party(phone=str(call.get("caller") or "") or None), subject=f"Appel {call.get('reason_code') or ''}".strip(),
        body=body, meta=meta,
    )


def drafts_from_csv(data: bytes, source: str) -> Iterator[Draft]:
    """One draft per row of a CSV export."""
    reader = csv.DictReader(io.StringIO(decode(data)))
    for row in reader:
        yield draft_from_call({k.strip(): (v or "").strip() for k, v in row.items() if k}, source)


def drafts_from_jsonl(data: bytes, source: str) -> Iterator[Draft]:
    """One draft per line of a JSON-lines export."""
    for number, line in enumerate(decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield draft_from_call(json.loads(line), source)
        except json.JSONDecodeError as exc:
            raise PermanentError("bad JSON line in call log", line=number, error=str(exc)) from exc


def _time(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PermanentError("call start time is not ISO 8601", value=value) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


class CallFeedSettings(Section):
    """The live telephony feed's settings (``INTAKE_CALLS_*``)."""

    calls_amqp_url: str = ""  # default: intake's own broker
    calls_exchange: str = ""
    calls_exchange_type: Literal["direct", "topic", "fanout", "headers"] = "topic"
    calls_routing_key: str = "#"
    calls_queue: str = "intake.calls"
    calls_prefetch: int = Field(10, gt=0)


class CallFeedConsumer(Connector):
    """A durable queue bound to the telephony exchange, consumed with pika."""

    kind = "calllog-amqp"
    Settings = CallFeedSettings

    def __init__(self, context: ConnectorContext, url: str, exchange: str, routing_key: str = "#",
                 queue: str = "intake.calls", exchange_type: str = "topic", prefetch: int = 10,
                 on_submitted: Callable[[str], None] | None = None) -> None:
        self.gateway, self.url, self.exchange, self.routing_key = context.gateway, url, exchange, routing_key
        self.queue, self.exchange_type, self.prefetch = queue, exchange_type, prefetch
        self.name = f"calls:{exchange}"
        self.memory = Checkpoints(context.store, "calls")
        self.on_submitted = on_submitted  # after submit, before the ack

    @classmethod
    def problem(cls, settings: CallFeedSettings, target: str = "") -> str | None:
        return None if settings.calls_exchange else "needs INTAKE_CALLS_EXCHANGE"

    @classmethod
    def configured(cls, context: ConnectorContext, settings: CallFeedSettings, target: str = "") -> list[Connector]:
        s, url = settings, settings.calls_amqp_url or context.broker_url
        if not url.startswith(("amqp://", "amqps://")):
            raise ConfigError("connector 'calllog-amqp' needs an amqp:// INTAKE_CALLS_AMQP_URL (or broker URL)")
        return [cls(context, url, s.calls_exchange, s.calls_routing_key, s.calls_queue, s.calls_exchange_type,
                    s.calls_prefetch)]

    def run(self, stop: threading.Event) -> None:
        import pika.exceptions

        keep_running(self.name, stop, lambda connected: self.consume(stop, connected=connected),
                     (pika.exceptions.AMQPError, OSError, RetryableError))

    def consume(self, stop: threading.Event | None = None, idle_timeout: float | None = None,
                connected: Callable[[], None] = lambda: None) -> int:
        """Take calls until stopped (or idle for ``idle_timeout`` s); return how many were submitted."""
        import pika

        connection = pika.BlockingConnection(pika.URLParameters(self.url))
        connected()
        try:
            channel = self._declare(connection.channel())
            return self._loop(channel, stop or threading.Event(), idle_timeout)
        finally:
            if connection.is_open:
                connection.close()

    def _declare(self, channel: "pika.adapters.blocking_connection.BlockingChannel"):
        channel.exchange_declare(self.exchange, self.exchange_type, durable=True)
        channel.queue_declare(self.queue, durable=True)
        channel.queue_bind(self.queue, self.exchange, routing_key=self.routing_key)
        channel.basic_qos(prefetch_count=self.prefetch)
        return channel

    def _loop(self, channel, stop: threading.Event, idle_timeout: float | None) -> int:
        submitted, last = 0, time.monotonic()
        for method, _properties, body in channel.consume(self.queue, inactivity_timeout=0.5):
            if method is not None:
                submitted += self._handle(channel, method, body)
                last = time.monotonic()
            if stop.is_set() or (idle_timeout is not None and time.monotonic() - last > idle_timeout):
                break
        channel.cancel()
        return submitted

    def _handle(self, channel, method, body: bytes) -> bool:
        """Submit one call, then ack it; return whether it was submitted now."""
        try:
            draft = _call_draft(body, self.name)
        except PermanentError as exc:
            self._quarantine(body, str(exc), method.routing_key)
            channel.basic_ack(method.delivery_tag)
            return False
        key = ids.envelope_id(draft.channel, draft.source_id, draft.content_hash())
        envelope_id, fresh = submit_once(self.gateway, self.memory, key, draft)
        if self.on_submitted is not None:
            self.on_submitted(envelope_id)
        channel.basic_ack(method.delivery_tag)
        return fresh

    def _quarantine(self, body: bytes, reason: str, routing_key: str) -> None:
        digest = ids.content_item(sha256_hex(body))
        self.gateway.refuse("calls", digest, reason, raw=body, exchange=self.exchange, routing_key=routing_key,
                            file=f"call-{digest}.jsonl")
        log.warning("%s: call message quarantined: %s", self.name, reason)


def _call_draft(body: bytes, source: str) -> Draft:
    try:
        call = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PermanentError("call message is not JSON", error=str(exc)) from None
    if not isinstance(call, dict):
        raise PermanentError("call message is not a JSON object", sha256=sha256_hex(body)[:12])
    return draft_from_call(call, source)

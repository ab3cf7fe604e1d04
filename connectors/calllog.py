"""Telephony call logs: one phone draft per call, the agent's notes as text.

Columns: call_id, start, duration_s, caller, member_number, agent,
reason_code, notes. Exports come as CSV or JSON lines (``intake ingest``),
read row by row: a row that is not a call is refused alone (a :class:`Refused`
with its bytes, as a file of its own), its neighbours are taken. The start of a
call is our telephony's stamp: the received time when sane (intake.clock);
the live feed is an AMQP exchange of the telephony system, one JSON object
per message, read by :class:`CallFeedConsumer` (pika): draft -> ``submit`` ->
only then ``basic_ack``. A bad message is quarantined and acked (never a
redelivery loop); a redelivered call already taken is acked without a second
submit.
"""

from __future__ import annotations

import csv
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from connectors.base import Connector, ConnectorContext
from connectors.checkpoints import Checkpoints, submit_once
from intake import ids
from intake.backoff import keep_running
from intake.clock import parse_iso, received_time
from intake.drafts import Draft, Refused
from intake.errors import ConfigError, PermanentError, RetryableError
from intake.models import Party, sha256_hex
from intake.settings import Section
from intake.safejson import load_json, refuse_lone_surrogates
from intake.text import clean, decode

if TYPE_CHECKING:
    import pika.adapters.blocking_connection

log = logging.getLogger(__name__)

REQUIRED = ("call_id", "start", "notes")
MAX_VALUE = 100_000  # characters of one column
Item = Draft | Refused


def draft_from_call(call: dict[str, object], source: str) -> Draft:
    """A phone draft from one call record (PermanentError, in French, when it cannot be one)."""
    refuse_lone_surrogates(call)
    values = {clean(str(k)).strip()[:100]: _value(v) for k, v in call.items() if v not in (None, "")}
    missing = [k for k in REQUIRED if not values.get(k, "").strip()]
    if missing:
        raise PermanentError(f"il manque à l'appel : {', '.join(LABELS[k] for k in missing)}", missing=",".join(missing))
    notes, member = values["notes"].strip(), values.get("member_number", "").strip()
    body = f"{notes}\n\nN° adhérent : {member}" if member and member not in notes else notes
    return Draft(
        channel="phone", source=source, source_id=f"call:{values['call_id'].strip()[:200]}",
        received_at=received_time(_start(values["start"])), sender=Party(phone=values.get("caller") or None),
        subject=f"Appel {values.get('reason_code') or ''}".strip()[:200], body=body,
        meta={k: v for k, v in values.items() if k != "notes"},
    )


LABELS = {"call_id": "identifiant d'appel (call_id)", "start": "heure de début (start)", "notes": "notes (notes)"}


def drafts_from_csv(data: bytes, source: str, name: str = "calls.csv") -> Iterator[Item]:
    """One draft per row of a CSV export; a row that is not a call is refused alone."""
    lines = _Lines(decode(data).splitlines(keepends=True))
    reader = csv.DictReader(lines)
    while True:
        lines.consumed.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _refused_row(lines, name, reader.line_num, f"la ligne {reader.line_num} n'est pas du CSV lisible ({exc})")
            continue
        yield _row_item(row, source, lines, name, reader.line_num)


def drafts_from_jsonl(data: bytes, source: str, name: str = "calls.jsonl") -> Iterator[Item]:
    """One draft per line of a JSON-lines export; a bad line is refused alone."""
    stem = Path(name).stem
    for number, line in enumerate(decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield draft_from_call(_call_object(load_json(line)), source)
        except PermanentError as exc:
            yield Refused(f"ligne {number} : {exc.message}", line.encode("utf-8", "replace") + b"\n",
                          f"{stem}-ligne-{number}.jsonl")


class _Lines:
    """The lines of a CSV text, remembering those the current record was read from."""

    def __init__(self, lines: list[str]) -> None:
        self.lines, self.consumed = iter(lines), []
        self.header = ""

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if not self.header:
            self.header = line
        else:
            self.consumed.append(line)
        return line


def _row_item(row: dict, source: str, lines: _Lines, name: str, number: int) -> Item:
    try:
        return draft_from_call({str(k).strip(): (v if isinstance(v, str) else "").strip()
                                for k, v in row.items() if k}, source)
    except PermanentError as exc:
        return _refused_row(lines, name, number, f"ligne {number} : {exc.message}")


def _refused_row(lines: _Lines, name: str, number: int, reason: str) -> Refused:
    """A refused CSV row as a CSV of its own: the header line, then the row's lines."""
    body = lines.header + "".join(lines.consumed)
    return Refused(reason, body.encode("utf-8", "replace"), f"{Path(name).stem}-ligne-{number}.csv")


def _call_object(value: object) -> dict:
    if not isinstance(value, dict):
        raise PermanentError("un appel doit être un objet JSON (des champs et leurs valeurs)")
    return value


def _value(value: object) -> str:
    if isinstance(value, dict | list):
        raise PermanentError("un champ de l'appel doit être du texte, pas une liste ou un objet")
    return clean(str(value))[:MAX_VALUE]


def _start(value: str) -> datetime:
    parsed = parse_iso(value)
    if parsed is None:
        raise PermanentError("l'heure de début de l'appel n'est pas une date ISO 8601", value=value[:40])
    return parsed


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
            draft = call_draft(body, self.name)
        except PermanentError as exc:
            self._quarantine(body, exc.message, method.routing_key)
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
                            file=f"call-{digest}.call.json")
        log.warning("%s: call message quarantined: %s", self.name, reason)


def call_draft(body: bytes, source: str) -> Draft:
    """The draft of one message of the live feed: one JSON object."""
    return draft_from_call(_call_object(load_json(body)), source)

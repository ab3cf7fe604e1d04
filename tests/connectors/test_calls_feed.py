"""The live telephony feed: a pika consumer over the real RabbitMQ."""

from __future__ import annotations

import json

import pika
import pytest

from connectors.calllog import CallFeedConsumer
from runtime.bus import stage_queue

pytestmark = pytest.mark.rabbitmq
EXCHANGE = "telephonie.appels"


def _call(n: int, **extra) -> dict:
    return {"call_id": f"C-{n:04}", "start": f"2026-11-23T09:1{n}:00+01:00", "duration_s": 240 + n,
            "caller": "+33612345678", "member_number": "12345678", "agent": "agent-07", "reason_code": "REMB",
            "notes": f"Adhérente appelle pour un remboursement de lunettes en attente, dossier {n}."} | extra


def _publish(url: str, bodies: list[bytes]) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.exchange_declare(EXCHANGE, "topic", durable=True)
    channel.confirm_delivery()
    for body in bodies:
        channel.basic_publish(EXCHANGE, "appel.termine", body, pika.BasicProperties(delivery_mode=2))
    connection.close()


def _waiting(url: str, queue: str) -> int:
    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        return connection.channel().queue_declare(queue, passive=True).method.message_count
    finally:
        connection.close()


def _consumer(app, queue: str, **extra) -> CallFeedConsumer:
    consumer = CallFeedConsumer(app.connector_context(), app.settings.broker_url, EXCHANGE, "appel.#", queue, **extra)
    consumer.consume(idle_timeout=0)  # declares and binds the queue before anything is published
    return consumer


def test_each_call_on_the_exchange_becomes_a_phone_envelope_and_is_acked(amqp_app, queued_envelope_ids):
    consumer = _consumer(amqp_app, "intake.calls.t1")
    _publish(amqp_app.settings.broker_url, [json.dumps(_call(n)).encode() for n in range(5)])

    assert consumer.consume(idle_timeout=1.0) == 5

    ids = queued_envelope_ids(amqp_app)
    assert len(set(ids)) == 5
    envelope = amqp_app.records.envelope(ids[2])
    assert envelope.channel == "phone" and envelope.source_id == "call:C-0002"
    assert envelope.body.startswith("Adhérente appelle") and envelope.sender.phone == "+33612345678"
    assert _waiting(amqp_app.settings.broker_url, "intake.calls.t1") == 0


def test_a_bad_message_is_quarantined_and_acked_not_redelivered(amqp_app):
    consumer = _consumer(amqp_app, "intake.calls.t2")
    _publish(amqp_app.settings.broker_url, [b"{pas du json", json.dumps(_call(1, notes="")).encode(),
                                            b"[1, 2]", json.dumps(_call(2)).encode()])

    assert consumer.consume(idle_timeout=1.0) == 1

    reasons = sorted(item["reason"] for item in amqp_app.records.quarantined())
    assert len(reasons) == 3 and any("lacks required columns" in r for r in reasons)
    assert any("not JSON" in r for r in reasons) and any("not a JSON object" in r for r in reasons)
    assert _waiting(amqp_app.settings.broker_url, "intake.calls.t2") == 0
    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 1


def test_a_call_redelivered_after_a_crash_before_the_ack_is_not_submitted_twice(amqp_app):
    def crash(envelope_id: str) -> None:
        raise RuntimeError("killed between submit and ack")

    crashing = _consumer(amqp_app, "intake.calls.t3", on_submitted=crash)
    _publish(amqp_app.settings.broker_url, [json.dumps(_call(n)).encode() for n in range(3)])
    with pytest.raises(RuntimeError):
        crashing.consume(idle_timeout=1.0)
    assert _waiting(amqp_app.settings.broker_url, "intake.calls.t3") == 3  # nothing was acked

    assert _consumer(amqp_app, "intake.calls.t3").consume(idle_timeout=1.0) == 2

    assert amqp_app.bus.queue_depth(stage_queue("capture")) == 3
    assert _waiting(amqp_app.settings.broker_url, "intake.calls.t3") == 0

"""Case events published on the RabbitMQ topic exchange ``intake.events``:
routing key ``case.<kind>``, persistent, each event once."""

from __future__ import annotations

import pytest
from kombu import Exchange, Queue
from outbound_support import Pipeline, make_item, smtp_config

from intake.models import CaseEvent, utcnow
from outbound.events_out import DeliveryLog

pytestmark = pytest.mark.rabbitmq

EVENTS = Exchange("intake.events", type="topic", durable=True)


def _bound(app, name: str, key: str) -> Queue:
    queue = Queue(name, EVENTS, routing_key=key, durable=True)(app.bus.connection.default_channel)
    queue.declare()
    queue.purge()
    return queue


def _drain(queue: Queue) -> list:
    messages = []
    while (message := queue.get(no_ack=True)) is not None:
        messages.append(message)
    return messages


def test_every_case_event_is_published_once_with_its_kind_as_routing_key(amqp_app, inbox):
    everything, opened_only = _bound(amqp_app, "test.events.all", "case.#"), _bound(amqp_app, "test.events.opened",
                                                                                   "case.opened")
    pipeline, item = Pipeline(amqp_app), make_item(1)
    case_id = pipeline.record(item)
    handler = pipeline.handler(smtp=smtp_config(inbox))
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    handler({"case_id": case_id, "envelope_id": item.envelope.id})  # redelivered: nothing new to publish
    messages = _drain(everything)
    assert [m.delivery_info["routing_key"] for m in messages] == [f"case.{k}" for k in pipeline.kinds(case_id)]
    assert "case.acknowledged" in [m.delivery_info["routing_key"] for m in messages]
    assert all(m.properties["delivery_mode"] == 2 for m in messages)
    bodies = [m.decode() for m in messages]
    assert {b["case_id"] for b in bodies} == {case_id}
    assert [m.headers["x-intake-event-id"] for m in messages] == [b["id"] for b in bodies]
    assert [m.decode()["kind"] for m in _drain(opened_only)] == ["opened"]
    everything.delete()
    opened_only.delete()


def test_the_embedded_bus_publishes_no_event_nobody_could_read(pipeline):
    item = make_item(2)
    case_id = pipeline.record(item)
    handler = pipeline.handler()
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    assert handler.delivery.exchange is None


def test_events_published_together_are_remembered_in_one_marker_and_a_later_event_goes_alone(amqp_app, inbox):
    everything = _bound(amqp_app, "test.events.batches", "case.#")
    pipeline, item = Pipeline(amqp_app), make_item(3)
    case_id = pipeline.record(item)
    handler = pipeline.handler(smtp=smtp_config(inbox))
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    target = handler.delivery.exchange.target
    prefix = f"outbound/delivered/{target}/{case_id}/"
    assert len(list(amqp_app.store.list(prefix))) == 1
    first = [m.decode()["id"] for m in _drain(everything)]
    amqp_app.records.append_event(CaseEvent(id=f"{case_id}-assigned-1", case_id=case_id, at=utcnow(),
                                            actor="user:ana", kind="assigned", summary="assigned to ana"))
    handler({"case_id": case_id})
    assert [m.decode()["id"] for m in _drain(everything)] == [f"{case_id}-assigned-1"]
    assert len(list(amqp_app.store.list(prefix))) == 2
    assert DeliveryLog(amqp_app.records).delivered(target, case_id) == {*first, f"{case_id}-assigned-1"}
    everything.delete()

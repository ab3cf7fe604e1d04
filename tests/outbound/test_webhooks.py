"""Case events delivered to a real HTTP receiver on loopback: signed, retried
with backoff, dead-lettered when the receiver stays down, never sent twice."""

from __future__ import annotations

import json

from outbound_support import SECRET, make_item, webhook_config

from outbound.events_out import DeliveryLog
from outbound.webhooks import sign, target_id, verify
from storage import lifecycle

RECORDED = ["received", "opened", "captured", "classified", "routed", "dispatched", "suggested-answer"]


def _run(pipeline, receiver, n=1, **config):
    item = make_item(n)
    case_id = pipeline.record(item)
    handler = pipeline.handler(webhooks=webhook_config(receiver.url, **config))
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    return case_id, handler, {"case_id": case_id, "envelope_id": item.envelope.id}


def test_every_event_reaches_the_receiver_signed_with_the_shared_secret(pipeline, receiver):
    case_id, _, _ = _run(pipeline, receiver)
    assert [e["kind"] for e in receiver.accepted()] == RECORDED
    for request in receiver.requests:
        headers = request["headers"]
        assert verify(SECRET, request["body"], headers["x-intake-signature"])
        assert not verify("another-secret-of-enough-length", request["body"], headers["x-intake-signature"])
        assert headers["x-intake-event-id"] == request["json"]["id"] and request["json"]["case_id"] == case_id
        assert headers["x-intake-timestamp"].isdigit() and headers["content-type"] == "application/json"


def test_the_signature_is_the_hmac_of_the_exact_body():
    body = json.dumps({"id": "e1"}).encode()
    assert sign(SECRET, body).startswith("sha256=") and len(sign(SECRET, body)) == 7 + 64
    assert not verify(SECRET, body + b" ", sign(SECRET, body))


def test_a_receiver_failing_twice_with_500_gets_each_event_once_after_retries(pipeline, receiver):
    receiver.plan = [500, 503]
    _run(pipeline, receiver)
    first = [r["status"] for r in receiver.requests if r["json"]["kind"] == "received"]
    assert first == [500, 503, 200]
    assert [e["kind"] for e in receiver.accepted()] == RECORDED


def test_a_receiver_that_times_out_is_tried_again_with_the_same_event_id(pipeline, receiver):
    receiver.delay_first = 1.0
    _run(pipeline, receiver, timeout_seconds=0.3)
    # the slow receiver did process the first attempt: it sees the event twice, and dedups on the id
    received = [r for r in receiver.requests if r["json"]["kind"] == "received"]
    assert len(received) == 2 and len({r["headers"]["x-intake-event-id"] for r in received}) == 1
    assert list(dict.fromkeys(e["kind"] for e in receiver.accepted())) == RECORDED


def test_a_receiver_that_always_fails_ends_in_the_dead_letters_and_can_be_retried_later(pipeline, receiver):
    receiver.always = 502
    case_id, handler, body = _run(pipeline, receiver)
    assert len(receiver.requests) == 4  # one event, four attempts; then the receiver counts as down
    dead = DeliveryLog(pipeline.app.records).dead_letters()
    assert len(dead) == len(RECORDED) and {d["case_id"] for d in dead} == {case_id}
    assert dead[0]["reason"] == "HTTP 502" and dead[0]["attempts"] == 4 and dead[0]["url"] == receiver.url
    handler(body)  # a redelivery does not hammer the dead receiver again
    assert len(receiver.requests) == 4
    receiver.always = None
    assert all(handler.delivery.retry_dead(d["id"]) for d in dead)
    assert sorted(e["kind"] for e in receiver.accepted()) == sorted(RECORDED)
    assert DeliveryLog(pipeline.app.records).dead_letters() == []


def test_a_receiver_refusing_an_event_with_400_is_not_retried(pipeline, receiver):
    receiver.plan = [400]
    _run(pipeline, receiver)
    [dead] = DeliveryLog(pipeline.app.records).dead_letters()
    assert dead["kind"] == "received" and dead["attempts"] == 1 and dead["reason"] == "HTTP 400"
    assert [e["kind"] for e in receiver.accepted()] == RECORDED[1:]  # the others still went


def test_a_redelivered_message_sends_no_event_twice(pipeline, receiver):
    _, handler, body = _run(pipeline, receiver)
    handler(body)
    handler(body)
    ids = [e["id"] for e in receiver.accepted()]
    assert len(ids) == len(set(ids)) == len(RECORDED)


def test_a_later_status_change_delivers_only_the_new_event(pipeline, receiver):
    case_id, handler, _ = _run(pipeline, receiver)
    lifecycle.assign(pipeline.app.records, case_id, "agent.durand", "user:chef")
    handler({"case_id": case_id})
    assert [e["kind"] for e in receiver.accepted()] == [*RECORDED, "assigned"]
    assert receiver.accepted()[-1]["data"]["set"]["assignee"] == "agent.durand"


def test_each_receiver_gets_every_event_once(pipeline, receiver):
    item = make_item(2)
    case_id = pipeline.record(item)
    other = receiver.url.replace("/hooks/intake", "/hooks/crm")
    handler = pipeline.handler(webhooks=webhook_config(receiver.url, other))
    handler({"case_id": case_id, "envelope_id": item.envelope.id})
    assert len(receiver.accepted()) == 2 * len(RECORDED)
    log = DeliveryLog(pipeline.app.records)
    assert log.delivered(target_id(receiver.url), case_id) == log.delivered(target_id(other), case_id)

"""Applying the case-level decision: notices published on the real bus before each change's
event is written, nothing published or written twice on redelivery, nothing lost after a crash."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from items import T0, _item

from routing import load_rules, route
from routing.case_events import decide_case_events
from runtime.bus import Bus, notice_queue
from storage.base import open_store
from storage.case_update import follow_up, moved_case
from storage.cases import record_item
from storage.records import Records

RULES = load_rules()


@pytest.fixture
def records(tmp_path):
    return Records(open_store(f"file://{tmp_path / 'store'}"))


@pytest.fixture
def bus(tmp_path):
    with Bus("filesystem://", tmp_path / "bus") as connected:
        yield connected


def publisher(bus: Bus):
    return lambda queue, body, priority: bus.publish(notice_queue(queue), body, priority=priority)


def waiting(bus: Bus, name: str) -> list[dict]:
    queue = notice_queue(name)(bus.connection.default_channel)
    queue.declare()
    found = []
    while (message := queue.get(no_ack=True)) is not None:
        found.append(message.decode())
    return found


def stored(records: Records, n: int, **options):
    """An item recorded as the stages leave it: envelope, capture, decision (real rules), case events."""
    envelope, capture, classification, _ = _item(n, **options)
    decision = route(RULES, envelope, capture, classification)
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, decision)
    case, _ = record_item(records, envelope, capture, classification, decision)
    return case.id, envelope.id


def complaint_joining(records: Records) -> tuple[str, str]:
    case_id, _ = stored(records, 1, headers={"message-id": "<a@x.fr>"})
    joined, complaint = stored(records, 2, topic="complaint", at=T0 + timedelta(days=3),
                               headers={"in-reply-to": "<a@x.fr>"})
    assert joined == case_id
    return case_id, complaint


def test_the_team_is_told_then_the_change_is_written_and_a_redelivery_does_neither_again(records, bus):
    case_id, complaint = complaint_joining(records)
    decide = partial(decide_case_events, RULES)
    case = follow_up(records, case_id, complaint, decide, publisher(bus))
    assert (case.team, case.deadline.isoformat()) == ("complaints", "2026-12-11") and moved_case(case, complaint)
    [notice] = waiting(bus, "team.complaints")
    assert notice == {"case_id": case_id, "envelope_id": complaint, "event_id": f"{complaint}-6-rerouted",
                      "kind": "rerouted", "summary": notice["summary"], "team": "complaints", "priority": 6,
                      "deadline": "2026-12-11"}
    events = records.events(case_id)
    again = follow_up(records, case_id, complaint, decide, publisher(bus))
    assert waiting(bus, "team.complaints") == [] and records.events(case_id) == events and again.team == "complaints"


def test_a_crash_after_the_notice_went_out_sends_it_again_and_writes_the_change_once(records, bus):
    case_id, complaint = complaint_joining(records)
    decide = partial(decide_case_events, RULES)

    def publish_then_die(queue, body, priority):
        publisher(bus)(queue, body, priority)
        raise ConnectionError("worker killed after the publish")

    with pytest.raises(ConnectionError):
        follow_up(records, case_id, complaint, decide, publish_then_die)
    assert records.case(case_id).team == "general"  # nothing written: the item will be redelivered
    follow_up(records, case_id, complaint, decide, publisher(bus))
    assert [n["kind"] for n in waiting(bus, "team.complaints")] == ["rerouted", "rerouted"]  # at least once
    kinds = [e.kind for e in records.events(case_id)]
    assert kinds.count("rerouted") == 1 and kinds.count("reclassified") == 1


def test_an_item_that_changes_nothing_writes_nothing_and_tells_nobody(records, bus):
    case_id, _ = stored(records, 1, headers={"message-id": "<a@x.fr>"})
    _, reply = stored(records, 2, at=T0 + timedelta(hours=2), headers={"in-reply-to": "<a@x.fr>"})
    before = records.events(case_id)
    case = follow_up(records, case_id, reply, partial(decide_case_events, RULES), publisher(bus))
    assert records.events(case_id) == before and not moved_case(case, reply)
    assert waiting(bus, "team.general") == [] and waiting(bus, "team.complaints") == []

"""Recording items into cases: linking with reasons, idempotent redelivery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from items import ROUTE, T0, _field, _item

from intake.models import Classification
from storage.base import open_store
from storage.cases import item_events, record_item
from storage.linking import Link
from storage.records import Records


@pytest.fixture(params=["local", "s3"])
def records(request, tmp_path):
    url = f"file://{tmp_path / 'store'}" if request.param == "local" else request.getfixturevalue("s3_url")
    return Records(open_store(url))


def test_a_first_item_opens_a_case_with_its_whole_history(records):
    case, link = record_item(records, *_item(1))
    assert link.new and case.status == "open" and case.team == "general"
    assert [e.kind for e in case.events] == ["received", "opened", "captured", "classified", "routed"]


def test_the_same_item_recorded_twice_gives_one_case_and_no_duplicate_event(records):
    first, _ = record_item(records, *_item(1))
    again, link = record_item(records, *_item(1))
    assert again.id == first.id and link.reason == "no existing case matched: new case"
    assert len(records.events(first.id)) == 5 and records.case_ids() == [first.id]


def test_a_thread_of_three_mails_and_a_letter_quoting_the_reference_end_in_one_case(records):
    root, _ = record_item(records, *_item(1, headers={"message-id": "<a@x.fr>"}))
    record_item(records, *_item(2, at=T0 + timedelta(hours=1),
                                headers={"message-id": "<b@x.fr>", "in-reply-to": "<a@x.fr>"}))
    third, link = record_item(records, *_item(3, at=T0 + timedelta(hours=2),
                                              headers={"message-id": "<c@x.fr>", "in-reply-to": "<b@x.fr>",
                                                       "references": "<a@x.fr> <b@x.fr>"}))
    assert third.id == root.id and "thread" in link.reason
    letter, link = record_item(records, *_item(4, channel="letter", at=T0 + timedelta(days=3),
                                               fields=[_field("case_ref", root.id)]))
    assert letter.id == root.id and "case reference" in link.reason
    assert len(letter.items) == 4 and records.case_ids() == [root.id]


def test_the_same_member_on_the_same_topic_within_the_window_joins_the_case(records):
    first, _ = record_item(records, *_item(1, fields=[_field("member_number", "12345678")]))
    joined, link = record_item(records, *_item(2, channel="phone", at=T0 + timedelta(days=2),
                                               fields=[_field("member_number", "12345678")]))
    assert joined.id == first.id and "same member" in link.reason
    assert records.member_cases("12345678") == [first.id]


def test_the_same_member_on_another_topic_or_much_later_opens_a_new_case(records):
    first, _ = record_item(records, *_item(1, fields=[_field("member_number", "12345678")]))
    other_topic, _ = record_item(records, *_item(2, topic="dental", fields=[_field("member_number", "12345678")]))
    later, _ = record_item(records, *_item(3, at=T0 + timedelta(days=90), fields=[_field("member_number", "12345678")]))
    assert len({first.id, other_topic.id, later.id}) == 3
    assert sorted(records.member_cases("12345678")) == sorted([first.id, other_topic.id, later.id])


def test_quarantine_entries_of_one_item_are_found_and_released_one_by_one(records):
    first = records.quarantine("capture-env-1", "capture", "corrupt PDF", {"envelope_id": "env-1"})
    records.quarantine("capture-env-10", "capture", "other item", {"envelope_id": "env-10"})
    second = records.quarantine("capture-env-1", "capture", "corrupt PDF again", {"envelope_id": "env-1"})
    assert [e["id"] for e in records.quarantine_entries("capture-env-1")] == [first, second]
    records.release(first, "retried")
    assert [e["id"] for e in records.quarantine_entries("capture-env-1")] == [second]


def test_an_items_recording_events_are_written_together_in_one_object(records):
    case, _ = record_item(records, *_item(1))
    keys = list(records.store.list(f"cases/{case.id}/events/"))
    assert len(keys) == 1 and keys[0].endswith(".items.json")
    assert [e.kind for e in records.events(case.id)] == ["received", "opened", "captured", "classified", "routed"]


def test_events_written_one_per_object_by_an_earlier_version_are_still_read_and_found(records):
    envelope, capture, classification, route = _item(1)
    for event in item_events(Link("IN-OLD0-0001", True, "new case"), envelope, capture, classification, route):
        records.append_event(event)
    fresh = Records(records.store)  # nothing in memory: everything from the store
    assert [e.kind for e in fresh.events("IN-OLD0-0001")][:2] == ["received", "opened"]
    assert fresh.item_event("IN-OLD0-0001", envelope.id, f"{envelope.id}-2-opened") is not None
    assert fresh.item_event("IN-OLD0-0001", envelope.id, f"{envelope.id}-2-linked") is None


@pytest.mark.parametrize(("reason", "status"), [("unreadable", "open"), ("bounce", "screened"), ("empty", "screened")])
def test_an_unreadable_letter_opens_a_case_someone_must_handle_while_bounces_are_set_aside(records, reason, status):
    envelope, capture, _, _ = _item(1, channel="letter")
    screened = Classification(screened=reason, topic="other")
    case, _ = record_item(records, envelope, capture, screened, ROUTE)
    assert case.status == status

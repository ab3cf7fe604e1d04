"""The timeline groups a case's events by item, each item's steps in causal order, the opener first."""

from __future__ import annotations

from datetime import timedelta

from items import T0, _field, _item

from intake.models import Case, CaseEvent, utcnow
from storage.base import open_store
from storage.cases import record_item
from storage.lifecycle import assign
from storage.records import Records
from storage.timeline import case_timeline, timeline


def test_each_item_is_a_group_in_causal_order_even_when_its_steps_ran_before_it_was_received(tmp_path):
    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    first = _item(1, fields=[_field("member_number", "12345678")])
    later = _item(2, channel="letter", at=utcnow() + timedelta(days=5), fields=[_field("member_number", "12345678")])
    for item in (first, later):
        records.put_envelope(item[0])
        case, _ = record_item(records, *item)
    assign(records, case.id, "c.durand", "user:chef")

    groups = case_timeline(records, records.case(case.id))
    assert [g.envelope_id for g in groups] == [first[0].id, None, later[0].id]
    assert [e.kind for e in groups[0].events] == ["received", "opened", "captured", "classified", "routed"]
    assert [e.kind for e in groups[2].events] == ["received", "linked", "captured", "classified", "routed"]
    assert [e.kind for e in groups[1].events] == ["assigned"] and groups[1].label == "Dossier"
    assert groups[0].label.startswith("Élément 1 : courriel reçu le 23/11/2026 à 09:00 — item 1")
    assert groups[2].label.startswith("Élément 2 : courrier reçu le") and later[0].id in groups[2].label


def test_the_item_that_opened_the_case_comes_first_even_if_an_earlier_item_joined_it():
    def event(envelope: str, kind: str, hours: int) -> CaseEvent:
        return CaseEvent(id=f"{envelope}-{kind}", case_id="IN-X", at=T0 + timedelta(hours=hours), actor="worker:record",
                         kind=kind, summary=kind, envelope_id=envelope)

    # a letter received at 8:00 but read after the mail of 10:00 that opened the case
    events = [event("mail", "received", 10), event("mail", "opened", 10), event("letter", "received", 8),
              event("letter", "linked", 8), event("letter", "rerouted", 11), event("letter", "captured", 9)]
    groups = timeline(Case.from_events("IN-X", events), {})
    assert [g.envelope_id for g in groups] == ["mail", "letter"]
    assert [e.kind for e in groups[1].events] == ["received", "linked", "captured", "rerouted"]
    assert groups[1].label == "Élément 2 (letter)"


def test_an_items_receipt_is_named_in_the_operators_time_zone(tmp_path):
    from zoneinfo import ZoneInfo

    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    item = _item(1, fields=[_field("member_number", "12345678")])  # received 09:00 UTC
    records.put_envelope(item[0])
    case, _ = record_item(records, *item)
    groups = case_timeline(records, records.case(case.id), ZoneInfo("Europe/Paris"))
    assert groups[0].label.startswith("Élément 1 : courriel reçu le 23/11/2026 à 10:00")

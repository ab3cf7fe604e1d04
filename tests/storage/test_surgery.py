"""Case surgery: an item moved, split out or two cases merged; each an event on both cases, reversible,
with the envelope, thread and member indexes following the items."""

from __future__ import annotations

import pytest
from items import _field, _item

from storage.access import record_view, views
from storage.base import open_store
from storage.cases import record_item
from storage.notes import EmptyNote, add_note
from storage.records import Records
from storage.surgery import SurgeryRefused, merge_cases, move_item, split_item, surgeries, undo


@pytest.fixture
def two_cases(tmp_path):
    """Case A with two items of member 11111111 (an e-mail and its reply) and case B of member 22222222."""
    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    a, _ = record_item(records, *_store(records, _item(1, headers={"message-id": "<m1@x>"},
                                                       fields=[_field("member_number", "11111111")])))
    record_item(records, *_store(records, _item(2, headers={"message-id": "<m2@x>", "in-reply-to": "<m1@x>"},
                                                fields=[_field("member_number", "11111111")])))
    third = _item(3, topic="dental", fields=[_field("member_number", "22222222")])
    b, _ = record_item(records, *_store(records, third))
    return records, records.case(a.id), b


def _store(records, item):
    envelope, capture, classification, route = item
    records.put_envelope(envelope)
    records.put_capture(capture)
    records.put_decision(envelope.id, classification, route)
    return item


def test_an_item_moved_to_another_case_is_an_event_on_both_and_the_indexes_follow(two_cases):
    records, a, b = two_cases
    moved = a.items[1]
    a2, b2 = move_item(records, moved, a.id, b.id, "user:chef", "autre adhérent")
    assert moved not in a2.items and moved in b2.items
    assert (a2.events[-1].kind, b2.events[-1].kind) == ("item-moved-out", "item-moved-in")
    assert a2.events[-1].actor == b2.events[-1].actor == "user:chef"
    assert records.index_get("envelope", moved) == b.id and records.index_get("thread", "<m2@x>") == b.id
    assert sorted(records.member_cases("11111111")) == sorted([a.id, b.id])


def test_a_move_is_undone_and_the_item_goes_back(two_cases):
    records, a, b = two_cases
    moved = a.items[1]
    _, b2 = move_item(records, moved, a.id, b.id, "user:chef", "autre adhérent")
    a3, b3 = undo(records, b.id, surgeries(b2)[0].data["op_key"], "user:chef", "erreur de ma part")
    assert moved in a3.items and moved not in b3.items and surgeries(b3) == []
    assert records.index_get("envelope", moved) == a.id and records.member_cases("11111111") == [a.id]


def test_an_item_split_out_opens_a_new_case_with_its_own_decision(two_cases):
    records, a, _ = two_cases
    a2, new = split_item(records, a.items[1], a.id, "user:chef", "demande distincte", op="form-7")
    again, same = split_item(records, a.items[1], a.id, "user:chef", "demande distincte", op="form-7")
    assert new.items == (a.items[1],) and a2.items == (a.items[0],) and (again, same) == (a2, new)
    assert new.status == "open" and new.team == "general" and new.member == "11111111"
    assert new.events[0].data["split_from"] == a.id and a2.events[-1].kind == "split-out"


def test_two_cases_merged_close_one_into_the_other_and_an_unmerge_reopens_it(two_cases):
    records, a, b = two_cases
    b2, a2 = merge_cases(records, b.id, a.id, "user:chef", "doublon")
    assert b2.status == "closed" and b2.outcome == f"fusionné dans {a.id}" and b2.items == ()
    assert set(a2.items) == set(a.items) | set(b.items) and records.index_get("envelope", b.items[0]) == a.id
    assert records.member_cases("22222222") == [a.id]
    b3, a3 = undo(records, a.id, surgeries(a2)[0].data["op_key"], "user:chef", "pas un doublon")
    assert b3.status == "open" and b3.items == b.items and a3.items == a.items


def test_surgery_is_refused_without_a_reason_or_for_the_last_item(two_cases):
    records, a, b = two_cases
    with pytest.raises(SurgeryRefused, match="only item"):
        move_item(records, b.items[0], b.id, a.id, "user:chef", "x")
    with pytest.raises(Exception, match="reason is required"):
        merge_cases(records, b.id, a.id, "user:chef", " ")


def test_a_note_is_an_event_and_a_view_is_logged_outside_the_case(two_cases):
    records, a, _ = two_cases
    case = add_note(records, a.id, "appelé l'adhérent, devis attendu", "user:c.durand", op="n1")
    case = add_note(records, a.id, "appelé l'adhérent, devis attendu", "user:c.durand", op="n1")
    assert [e.kind for e in case.events].count("note") == 1 and case.events[-1].actor == "user:c.durand"
    with pytest.raises(EmptyNote):
        add_note(records, a.id, "  ", "user:c.durand")
    record_view(records.store, case, "user:c.durand", "team:general")
    [view] = views(records.store, a.id)
    assert (view.actor, view.member, view.what) == ("user:c.durand", "11111111", "case")
    assert records.case(a.id).events == case.events  # a view is not a case event

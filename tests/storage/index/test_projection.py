"""The projection is idempotent, order-free, and folds the same case as the store."""

from __future__ import annotations

import random
from datetime import timedelta

from indexed_items import T0, item, record

from intake.models import Party
from storage import lifecycle
from storage.base import open_store
from storage.index.base import CaseBatch
from storage.index.feed import IndexedRecords
from storage.index.query import CaseQuery
from storage.index.rebuild import case_batch
from storage.records import Records


def _store(tmp_path):
    return Records(open_store(f"file://{tmp_path / 'store'}"))


def _history(records: Records, n: int = 3) -> str:
    case = record(records, item(1, subject="Remboursement lunettes", member="40213378",
                                sender=Party(name="Jeanne Martin", email="jeanne.martin@example.fr")))
    for k in range(2, n + 1):
        record(records, item(k, at=T0 + timedelta(days=k), member="40213378", sender=Party(name=f"Autre {k}")))
    lifecycle.assign(records, case.id, "c.durand", actor="user:chef")
    lifecycle.close(records, case.id, "remboursement effectué", actor="user:c.durand")
    return case.id


def test_applying_the_same_events_twice_leaves_the_index_as_applying_them_once(index, tmp_path):
    records = _store(tmp_path)
    batch = case_batch(records, _history(records))
    index.apply(batch)
    once = index.dump()
    index.apply(batch)
    index.apply_many([batch, batch])
    assert index.dump() == once
    assert len(once["events"]) == len(batch.events) and len(once["items"]) == 3


def test_events_arriving_in_any_order_fold_to_the_same_case(index, tmp_path):
    records = _store(tmp_path)
    whole = case_batch(records, _history(records))
    index.apply(whole)
    in_order = index.dump()
    index.clear()
    shuffled = list(whole.events)
    random.Random(7).shuffle(shuffled)
    for event in shuffled:
        index.apply(CaseBatch(whole.case_id, (event,)))
    index.apply(CaseBatch(whole.case_id, (), whole.items))
    assert index.dump() == in_order


def test_the_case_row_is_the_case_the_store_folds_with_its_first_and_last_contact(index, tmp_path):
    records = _store(tmp_path)
    case_id = _history(records)
    index.apply(case_batch(records, case_id))
    row = index.list_cases(CaseQuery()).cases[0]
    folded = records.case(case_id)
    assert (row.id, row.status, row.assignee, row.outcome, row.team) == \
           (case_id, "closed", "c.durand", "remboursement effectué", folded.team)
    assert row.first_received_at == T0 and row.last_received_at == T0 + timedelta(days=3)
    assert row.sender == "Jeanne Martin jeanne.martin@example.fr" and row.item_count == 3
    assert index.case(case_id) == folded


def test_an_event_written_alone_refolds_the_case_from_the_events_already_indexed(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    case = record(records, item(1, deadline=T0.date() + timedelta(days=5)))
    lifecycle.change_status(records, case.id, "waiting_member", actor="user:a", note="pièce manquante")
    row = index.list_cases(CaseQuery()).cases[0]
    assert row.status == "waiting_member" and row.event_count == len(records.events(case.id))
    assert row.deadline == T0.date() + timedelta(days=5) and row.subject == "demande 1"

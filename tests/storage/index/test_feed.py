"""IndexedRecords keeps the index in step with every event and quarantine entry it writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from indexed_items import T0, item, record

from storage import lifecycle
from storage.base import open_store
from storage.cases import record_item
from storage.index.base import IndexUnavailable
from storage.index.feed import IndexedRecords
from storage.index.query import CaseQuery


@pytest.fixture
def records(index, tmp_path):
    return IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)


def test_each_recorded_item_and_lifecycle_step_is_in_the_index_at_once(records, index):
    case = record(records, item(1, member="40213378"))
    record(records, item(2, at=T0 + timedelta(hours=3), member="40213378"))
    lifecycle.assign(records, case.id, "c.durand", actor="user:chef")
    assert index.case(case.id) == records.case(case.id)
    assert index.pending() == []
    assert index.list_cases(CaseQuery(assignee="c.durand")).cases[0].item_count == 2


def test_a_redelivered_item_changes_nothing_in_the_index(records, index):
    parts = item(1, member="40213378")
    record(records, parts)
    before = index.dump()
    record_item(records, *parts)
    assert index.dump() == before


def test_quarantine_and_release_are_projected_as_the_store_keeps_them(records, index):
    first = records.quarantine("env-1", "capture", "unreadable PDF: damaged xref", {"envelope_id": "env-1"})
    records.quarantine("env-2", "capture", "unreadable PDF: damaged xref", {"envelope_id": "env-2"})
    assert [e.item for e in index.quarantine()] == ["env-2", "env-1"]
    assert index.quarantine_reasons() == [("unreadable PDF: damaged xref", 2)]
    records.release(first, note="renvoyé en capture")
    assert [e.item for e in index.quarantine()] == ["env-2"]


def test_writes_a_broker_will_redeliver_leave_no_journal_row(records, index, monkeypatch):
    marked = []
    monkeypatch.setattr(index, "mark_pending", lambda *entry: marked.append(entry))
    with records.delivered():
        case = record(records, item(1, member="40213378"))
    assert marked == [] and index.case(case.id) == records.case(case.id)
    record(records, item(2, member="51122334"))
    assert len(marked) == 1  # outside, each write is journalled first


def test_a_projection_failing_under_redelivery_leaves_a_journal_row(records, index, monkeypatch):
    def broken(*_):
        raise IndexUnavailable("down for a moment")
    monkeypatch.setattr(records, "project", broken)
    with records.delivered(), pytest.raises(IndexUnavailable):
        record(records, item(1, member="40213378"))
    [(case_id, envelope_id)] = index.pending()
    assert records.case_exists(case_id) and index.known_items([envelope_id]) == set()


def test_reproject_brings_the_index_in_step_with_the_store(records, index, monkeypatch):
    case = record(records, item(1, member="40213378"))
    monkeypatch.setattr(records, "project", lambda *_: None)  # the store write alone, as a killed process leaves it
    lifecycle.assign(records, case.id, "c.durand", actor="user:chef")
    assert index.case(case.id) != records.case(case.id)
    records.reproject(case.id)
    assert index.case(case.id) == records.case(case.id)

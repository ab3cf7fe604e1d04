"""A case is traceable from intake to its close, and durations can be measured."""

from __future__ import annotations

from datetime import timedelta

import pytest
from items import _item

from intake.models import utcnow
from storage.base import open_store
from storage.cases import record_item
from storage.lifecycle import InvalidTransition, assign, change_status, close, reopen, time_to_close
from storage.records import Records


@pytest.fixture
def case_id(tmp_path):
    records = Records(open_store(f"file://{tmp_path / 'store'}"))
    case, _ = record_item(records, *_item(1, at=utcnow() - timedelta(days=3)))
    return records, case.id


def test_a_case_goes_from_assigned_to_closed_with_every_step_in_its_history(case_id):
    records, ref = case_id
    assign(records, ref, "c.durand", actor="user:supervisor")
    change_status(records, ref, "waiting_member", actor="user:c.durand", note="devis manquant demandé")
    change_status(records, ref, "in_progress", actor="user:c.durand")
    case = close(records, ref, "remboursement effectué", actor="user:c.durand")
    assert case.status == "closed" and case.assignee == "c.durand" and case.outcome == "remboursement effectué"
    kinds = [e.kind for e in case.events][-4:]
    assert kinds == ["assigned", "status:waiting_member", "status:in_progress", "closed"]
    assert [e.actor for e in case.events][-1] == "user:c.durand"
    assert timedelta(days=3) <= time_to_close(case) < timedelta(days=3, minutes=5)


def test_a_closed_case_must_be_reopened_with_a_reason_before_it_changes(case_id):
    records, ref = case_id
    close(records, ref, "sans suite", actor="user:a")
    with pytest.raises(InvalidTransition, match="closed case cannot become assigned"):
        assign(records, ref, "b", actor="user:a")
    case = reopen(records, ref, actor="user:a", note="l'adhérente a renvoyé la facture")
    assert case.status == "open" and case.outcome is None and case.closed_at is None
    assert time_to_close(case) is None

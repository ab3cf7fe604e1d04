"""Who may do what with a case, and the work queues, read from a real case index (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from indexed_items import T0, item, record

from intake.models import Case
from storage import lifecycle
from storage.base import open_store
from storage.index.base import open_index
from storage.index.feed import IndexedRecords
from web.dashboard.auth import Principal
from web.dashboard.permissions import can
from web.dashboard.queries import review_queue, work_queue

GAELLE, DENIS = Principal("gaelle", "team:general"), Principal("denis", "team:expert-dental")
REMI, CLAIRE = Principal("remi", "reviewer"), Principal("claire", "supervisor")
CASES = {  # name: (team, deadline, urgency)
    "IN-1": ("general", date(2026, 11, 30), "normal"), "IN-2": ("general", date(2026, 11, 26), "normal"),
    "IN-3": ("general", date(2026, 11, 26), "critical"), "IN-4": ("general", None, "normal"),
    "IN-5": ("general", date(2026, 11, 25), "normal"), "IN-6": ("expert-dental", date(2026, 11, 24), "normal"),
    "IN-7": ("review", date(2026, 11, 24), "normal"), "IN-8": ("general", date(2026, 11, 20), "normal"),
}


@pytest.fixture
def index(index_url, tmp_path):
    """The cases above recorded through the index; IN-5 taken by gaelle, IN-8 closed. Yields (index, names)."""
    opened = open_index(index_url)
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), opened)
    names = {}
    for n, (name, (team, deadline, urgency)) in enumerate(CASES.items(), start=1):
        parts = item(n, member=f"4000000{n}", team=team, deadline=deadline, urgency=urgency,
                     at=T0 + timedelta(minutes=n))
        names[record(records, parts).id] = name
    ids = {name: case_id for case_id, name in names.items()}
    lifecycle.assign(records, ids["IN-5"], "gaelle", actor="user:chef")
    lifecycle.close(records, ids["IN-8"], "répondu", actor="user:chef")
    yield opened, names
    opened.close()


def _names(cases, names) -> list[str]:
    return [names[c.id] for c in cases]


def test_a_team_member_sees_their_cases_then_their_teams_unassigned_ones_soonest_deadline_and_most_urgent_first(index):
    opened, names = index
    queue = work_queue(opened, GAELLE)
    assert _names(queue.mine, names) == ["IN-5"]
    assert _names(queue.unassigned, names) == ["IN-3", "IN-2", "IN-1", "IN-4"]  # no deadline last, closed left out


def test_a_supervisor_sees_every_teams_unassigned_cases_or_one_teams(index):
    opened, names = index
    assert set(_names(work_queue(opened, CLAIRE).unassigned, names)) == {"IN-1", "IN-2", "IN-3", "IN-4", "IN-6", "IN-7"}
    assert _names(work_queue(opened, CLAIRE, "expert-dental").unassigned, names) == ["IN-6"]
    assert _names(work_queue(opened, DENIS, "general").unassigned, names) == ["IN-6"]  # a member cannot pick a team


def test_a_reviewer_works_the_review_queue_and_nothing_else(index):
    opened, names = index
    assert _names(review_queue(opened, REMI), names) == ["IN-7"] and review_queue(opened, GAELLE) == []
    assert _names(work_queue(opened, REMI).unassigned, names) == ["IN-7"]


def test_each_role_may_act_on_its_own_cases_and_only_a_supervisor_does_surgery_and_reads_the_access_log():
    opened_at = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    general, review = Case(id="IN-1", opened_at=opened_at, team="general"), Case(id="IN-7", opened_at=opened_at,
                                                                                 team="review")
    assert can(GAELLE, "work", general) and can(GAELLE, "review", general) and not can(DENIS, "view", general)
    assert can(REMI, "review", review) and not can(REMI, "work", general)
    assert not any(can(who, action, general) for who in (GAELLE, REMI) for action in ("surgery", "audit"))
    assert all(can(CLAIRE, action, case) for action in ("view", "work", "review", "surgery", "audit")
               for case in (general, review))

"""Who may do what with a case, and the work queues: pure functions over cases."""

from __future__ import annotations

from datetime import date, datetime, timezone

from intake.models import Case
from web.dashboard.auth import Principal
from web.dashboard.permissions import can
from web.dashboard.queries import by_deadline, review_queue, work_queue
from web.dashboard.reader import Snapshot

T0 = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


def _case(ref: str, team: str, deadline: date | None, urgency="normal", assignee=None, status="open") -> Case:
    return Case(id=ref, opened_at=T0, team=team, deadline=deadline, urgency=urgency, assignee=assignee, status=status)


CASES = (
    _case("IN-1", "general", date(2026, 11, 30)), _case("IN-2", "general", date(2026, 11, 26)),
    _case("IN-3", "general", date(2026, 11, 26), urgency="critical"), _case("IN-4", "general", None),
    _case("IN-5", "general", date(2026, 11, 25), assignee="gaelle"), _case("IN-6", "expert-dental", date(2026, 11, 24)),
    _case("IN-7", "review", date(2026, 11, 24)), _case("IN-8", "general", date(2026, 11, 20), status="closed"),
)
SNAP = Snapshot(cases=CASES, by_id={c.id: c for c in CASES})
GAELLE, DENIS = Principal("gaelle", "team:general"), Principal("denis", "team:expert-dental")
REMI, CLAIRE = Principal("remi", "reviewer"), Principal("claire", "supervisor")


def test_a_team_member_sees_their_cases_then_their_teams_unassigned_ones_soonest_deadline_and_most_urgent_first():
    queue = work_queue(SNAP, GAELLE)
    assert [c.id for c in queue.mine] == ["IN-5"]
    assert [c.id for c in queue.unassigned] == ["IN-3", "IN-2", "IN-1", "IN-4"]  # no deadline last, closed left out


def test_a_supervisor_sees_every_teams_unassigned_cases_or_one_teams():
    assert {c.id for c in work_queue(SNAP, CLAIRE).unassigned} == {"IN-1", "IN-2", "IN-3", "IN-4", "IN-6", "IN-7"}
    assert [c.id for c in work_queue(SNAP, CLAIRE, "expert-dental").unassigned] == ["IN-6"]
    assert [c.id for c in work_queue(SNAP, DENIS, "general").unassigned] == ["IN-6"]  # a member cannot pick a team


def test_a_reviewer_works_the_review_queue_and_nothing_else():
    assert [c.id for c in review_queue(SNAP, REMI)] == ["IN-7"] and review_queue(SNAP, GAELLE) == []
    assert [c.id for c in work_queue(SNAP, REMI).unassigned] == ["IN-7"]


def test_each_role_may_act_on_its_own_cases_and_only_a_supervisor_does_surgery_and_reads_the_access_log():
    general, review = SNAP.case("IN-1"), SNAP.case("IN-7")
    assert can(GAELLE, "work", general) and can(GAELLE, "review", general) and not can(DENIS, "view", general)
    assert can(REMI, "review", review) and not can(REMI, "work", general)
    assert not any(can(who, action, general) for who in (GAELLE, REMI) for action in ("surgery", "audit"))
    assert all(can(CLAIRE, action, case) for action in ("view", "work", "review", "surgery", "audit")
               for case in (general, review))


def test_cases_without_a_deadline_come_last():
    assert [c.id for c in by_deadline([SNAP.case("IN-4"), SNAP.case("IN-1")])] == ["IN-1", "IN-4"]

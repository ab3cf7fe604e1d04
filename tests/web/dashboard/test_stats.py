"""The dashboard's numbers: pure functions over items, cases and quarantine entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from intake.models import Case
from web.dashboard import stats
from web.dashboard.stats import Item

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def _case(case_id: str, team: str, opened_hours_ago: float, status: str = "open", deadline: date | None = None,
          priority: int = 5) -> Case:
    return Case(id=case_id, opened_at=NOW - timedelta(hours=opened_hours_ago), team=team, status=status,
                deadline=deadline, priority=priority)


def test_the_volume_of_a_day_counts_items_per_channel_in_paris_time_with_every_channel_listed():
    items = [Item("a", "email", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)),  # 00:30 in Paris: the 23rd
             Item("b", "email", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
             Item("c", "letter", datetime(2026, 11, 23, 22, 59, tzinfo=UTC)),
             Item("d", "letter", datetime(2026, 11, 23, 23, 1, tzinfo=UTC))]  # 00:01 on the 24th in Paris

    assert stats.volume_by_channel(items, date(2026, 11, 23)) == {"email": 2, "letter": 1, "webform": 0, "phone": 0}


def test_the_last_seven_days_end_with_the_chosen_day_oldest_first():
    items = [Item("a", "phone", datetime(2026, 11, 17, 12, tzinfo=UTC)), Item("b", "phone", NOW)]

    week = stats.daily_volume(items, date(2026, 11, 23))

    assert [d for d, _ in week] == [date(2026, 11, 17) + timedelta(n) for n in range(7)]
    assert [v["phone"] for _, v in week] == [1, 0, 0, 0, 0, 0, 1]


def test_the_backlog_counts_waiting_cases_per_team_with_the_oldest_and_lists_empty_teams():
    cases = [_case("IN-1", "general", 30), _case("IN-2", "general", 2), _case("IN-3", "general", 50, "closed"),
             _case("IN-4", "screened", 70, "screened"), _case("IN-5", "complaints", 5, "waiting_member")]

    backlog = {b.team: b for b in stats.backlog_by_team(cases, NOW, ["general", "complaints", "expert-optical"])}

    assert {t: b.waiting for t, b in backlog.items()} == {"general": 2, "complaints": 1, "expert-optical": 0}
    assert backlog["general"].oldest.id == "IN-1" and backlog["general"].oldest_age == timedelta(hours=30)
    assert backlog["expert-optical"].oldest is None


def test_cases_past_or_within_two_days_of_their_deadline_are_listed_most_late_first():
    today = date(2026, 11, 23)
    cases = [_case("IN-LATE", "complaints", 400, deadline=today - timedelta(3)),
             _case("IN-TODAY", "review", 20, deadline=today),
             _case("IN-SOON", "general", 10, deadline=today + timedelta(2)),
             _case("IN-LATER", "general", 10, deadline=today + timedelta(3)),
             _case("IN-DONE", "general", 400, "closed", deadline=today - timedelta(9)), _case("IN-NONE", "general", 1)]

    rows = stats.deadline_watch(cases, today)

    assert [(r.case.id, r.days_left, r.past) for r in rows] == [
        ("IN-LATE", -3, True), ("IN-TODAY", 0, False), ("IN-SOON", 2, False)]


def test_the_review_queue_holds_waiting_review_cases_most_urgent_then_oldest_first():
    cases = [_case("IN-A", "review", 5, priority=5), _case("IN-B", "review", 9, priority=5),
             _case("IN-C", "review", 1, priority=8), _case("IN-D", "review", 20, "closed"),
             _case("IN-E", "general", 30)]

    assert [c.id for c in stats.review_queue(cases)] == ["IN-C", "IN-B", "IN-A"]


def test_quarantined_items_are_grouped_by_their_short_reason():
    entries = [{"reason": "no readable content (documents='a.pdf: corrupt')"},
               {"reason": "no readable content (documents='b.tif: empty')"},
               {"reason": "failed 5 times; last error: StoreError"}]

    assert stats.quarantine_by_reason(entries) == [("no readable content", 2), ("retries exhausted", 1)]


def test_ages_read_as_managers_say_them():
    assert [stats.human_age(timedelta(minutes=m)) for m in (8, 312, 4560)] == ["8 min", "5 h 12 min", "3 j 4 h"]
    assert stats.human_age(None) == "—"

"""The overview's numbers, read from a real case index (SQLite and PostgreSQL) with SQL aggregates:
volumes per channel in Paris time, backlog per team, deadlines, review queue, quarantine reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from indexed_items import item, record

from storage import lifecycle
from storage.base import open_store
from storage.index.base import open_index
from storage.index.feed import IndexedRecords
from web.dashboard import pages, stats
from web.dashboard.auth import Principal

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
CLAIRE, DENIS = Principal("claire", "supervisor"), Principal("denis", "team:expert-dental")
TEAMS = ("general", "complaints", "expert-dental", "expert-optical", "review")


@pytest.fixture
def records(index_url, tmp_path):
    index = open_index(index_url)
    yield IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    index.close()


def _record(records, n: int, at: datetime, **given):
    return record(records, item(n, at=at, member=f"5000000{n}", **given))


def _overview(records, who=CLAIRE, day=TODAY):
    return pages.overview(records.index, who, day, NOW, TEAMS)


def test_the_volume_of_a_day_counts_items_per_channel_in_paris_time_over_the_last_seven_days(records):
    _record(records, 1, datetime(2026, 11, 22, 23, 30, tzinfo=UTC))  # 00:30 in Paris: the 23rd
    _record(records, 2, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    _record(records, 3, datetime(2026, 11, 23, 22, 59, tzinfo=UTC), channel="letter")
    _record(records, 4, datetime(2026, 11, 23, 23, 1, tzinfo=UTC), channel="letter")  # the 24th in Paris
    _record(records, 5, datetime(2026, 11, 17, 12, tzinfo=UTC), channel="phone")

    shown = _overview(records)
    assert shown["volume"] == {"email": 2, "letter": 1, "webform": 0, "phone": 0} and shown["volume_total"] == 3
    assert [day for day, _ in shown["week"]] == [f"{17 + n}/11" for n in range(7)]
    assert [v["phone"] for _, v in shown["week"]] == [1, 0, 0, 0, 0, 0, 0]


def test_the_backlog_counts_waiting_cases_per_team_with_the_oldest_and_lists_empty_teams(records):
    oldest = _record(records, 1, NOW - timedelta(hours=30))
    _record(records, 2, NOW - timedelta(hours=2))
    lifecycle.close(records, _record(records, 3, NOW - timedelta(hours=50)).id, "répondu", actor="user:chef")
    _record(records, 4, NOW - timedelta(hours=5), team="complaints", topic="complaint")

    backlog = {b.team: b for b in _overview(records)["backlog"]}
    assert {t: b.waiting for t, b in backlog.items()} == {"general": 2, "complaints": 1, "expert-dental": 0,
                                                          "expert-optical": 0, "review": 0}
    assert backlog["general"].oldest == oldest.id and backlog["general"].oldest_age == timedelta(hours=30)
    assert backlog["expert-optical"].oldest is None


def test_cases_past_or_within_two_days_of_their_deadline_are_listed_most_late_first(records):
    late = _record(records, 1, NOW - timedelta(days=20), team="complaints", deadline=TODAY - timedelta(3))
    due = _record(records, 2, NOW - timedelta(hours=20), team="review", deadline=TODAY)
    soon = _record(records, 3, NOW - timedelta(hours=10), deadline=TODAY + timedelta(2))
    _record(records, 4, NOW - timedelta(hours=10), deadline=TODAY + timedelta(3))
    done = _record(records, 5, NOW - timedelta(days=20), deadline=TODAY - timedelta(9))
    lifecycle.close(records, done.id, "répondu", actor="user:chef")
    _record(records, 6, NOW - timedelta(hours=1))

    shown = pages.overview(records.index, CLAIRE, TODAY, NOW, TEAMS)
    rows = [(r.case.id, r.past) for r in shown["deadlines"]]
    assert rows == [(late.id, True), (due.id, False), (soon.id, False)] and shown["deadlines_total"] == 3


def test_a_team_member_sees_only_their_teams_numbers(records):
    _record(records, 1, NOW - timedelta(hours=3), team="expert-dental", topic="dental")
    _record(records, 2, NOW - timedelta(hours=2))
    _record(records, 3, NOW - timedelta(hours=1), team="review")

    shown = pages.overview(records.index, DENIS, TODAY, NOW, TEAMS)
    assert [(b.team, b.waiting) for b in shown["backlog"]] == [("expert-dental", 1)]
    assert shown["volume_total"] == 1 and {c.team for c in shown["recent"]} == {"expert-dental"}
    assert shown["review"] == [] and shown["quarantine"] is None


def test_the_review_queue_holds_waiting_review_cases_most_urgent_then_oldest_first(records):
    a = _record(records, 1, NOW - timedelta(hours=5), team="review", priority=5)
    b = _record(records, 2, NOW - timedelta(hours=9), team="review", priority=5)
    c = _record(records, 3, NOW - timedelta(hours=1), team="review", priority=8)
    lifecycle.close(records, _record(records, 4, NOW - timedelta(hours=20), team="review").id, "vu", actor="user:x")

    assert [r.id for r in _overview(records)["review"]] == [c.id, b.id, a.id]


def test_quarantined_items_are_grouped_by_their_short_reason(records):
    records.quarantine("env-a", "capture", "no readable content (documents='a.pdf: corrupt')", {})
    records.quarantine("env-b", "capture", "no readable content (documents='b.tif: empty')", {})
    records.quarantine("env-c", "record", "failed 5 times; last error: StoreError", {})

    shown = _overview(records)
    assert shown["quarantine_reasons"] == [("no readable content", 2), ("retries exhausted", 1)]
    assert shown["quarantine_total"] == 3 and {q.item for q in shown["quarantine"]} == {"env-a", "env-b", "env-c"}


def test_ages_read_as_managers_say_them():
    assert [stats.human_age(timedelta(minutes=m)) for m in (8, 312, 4560)] == ["8 min", "5 h 12 min", "3 j 4 h"]
    assert stats.human_age(None) == "—"

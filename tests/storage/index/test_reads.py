"""Case lists answer every filter and sort with stable pages; counts, volumes, member view, queues."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from indexed_items import T0, item, record

from storage import lifecycle
from storage.base import open_store
from storage.index.feed import IndexedRecords
from storage.index.query import BadCursor, CaseQuery

DAY = T0.date()
# n: channel, topic, complexity, urgency, team, priority, deadline offset (days), member, hours after T0
CASES = {
    1: ("email", "reimbursement", "simple", "normal", "general", 5, 3, "11111111", 0),
    2: ("letter", "dental", "complex", "high", "expert-dental", 7, 5, "22222222", 1),
    3: ("phone", "complaint", "simple", "critical", "complaints", 7, 15, "33333333", 2),
    4: ("webform", "optical", "complex", "normal", "expert-optical", 5, -2, "44444444", 3),
    5: ("letter", "other", "simple", "low", "review", 3, 1, None, 4),
    6: ("email", "certificate", "simple", "normal", "review", 6, 1, None, 5),
}


@pytest.fixture
def recorded(index, tmp_path):
    """Six cases, one of each kind above; case 1 assigned, case 3 closed. Returns {n: case id}."""
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    ids = {}
    for n, (channel, topic, complexity, urgency, team, priority, due, member, hours) in CASES.items():
        parts = item(n, channel=channel, topic=topic, complexity=complexity, urgency=urgency, team=team,
                     priority=priority, deadline=DAY + timedelta(days=due), member=member,
                     at=T0 + timedelta(hours=hours))
        ids[n] = record(records, parts).id
    lifecycle.assign(records, ids[1], "c.durand", actor="user:chef")
    lifecycle.close(records, ids[3], "réponse envoyée", actor="user:chef")
    return ids


def _ids(index, ids, **filters) -> set[int]:
    back = {v: k for k, v in ids.items()}
    return {back[c.id] for c in index.list_cases(CaseQuery(**filters)).cases}


@pytest.mark.parametrize("filters, expected", [
    ({"teams": ("review",)}, {5, 6}),
    ({"statuses": ("assigned",)}, {1}),
    ({"statuses": ("closed",)}, {3}),
    ({"active": True}, {1, 2, 4, 5, 6}),
    ({"topics": ("dental", "optical")}, {2, 4}),
    ({"complexities": ("complex",)}, {2, 4}),
    ({"urgencies": ("critical", "high")}, {2, 3}),
    ({"channels": ("letter",)}, {2, 5}),
    ({"member": "44444444"}, {4}),
    ({"assignee": "c.durand"}, {1}),
    ({"received_from": T0 + timedelta(hours=2), "received_until": T0 + timedelta(hours=4)}, {3, 4}),
    ({"deadline_from": DAY + timedelta(days=1), "deadline_until": DAY + timedelta(days=3)}, {1, 5, 6}),
    ({"channels": ("letter", "email"), "teams": ("review",), "urgencies": ("low",)}, {5}),
])
def test_each_filter_and_their_combination_select_exactly_the_matching_cases(index, recorded, filters, expected):
    assert _ids(index, recorded, **filters) == expected
    assert index.count_cases(CaseQuery(**filters)) == len(expected)


def test_deadline_states_take_the_cut_off_from_the_caller(index, recorded):
    assert _ids(index, recorded, **CaseQuery().past_deadline(DAY).model_dump(exclude_defaults=True)) == {4}
    due = CaseQuery().due_by(DAY, DAY + timedelta(days=3))
    assert {c.id for c in index.list_cases(due).cases} == {recorded[n] for n in (1, 5, 6)}


@pytest.mark.parametrize("sort, descending, key", [
    ("received", None, lambda c: (-c.first_received_at.timestamp(), c.id)),
    ("deadline", None, lambda c: (c.deadline, c.id)),
    ("priority", None, lambda c: (-c.priority, c.id)),
    ("last_contact", False, lambda c: (c.last_received_at, c.id)),
])
def test_pages_follow_the_sort_and_cover_every_case_once(index, recorded, sort, descending, key):
    everything = index.list_cases(CaseQuery(sort=sort, descending=descending, limit=100)).cases
    expected = [c.id for c in sorted(everything, key=key)]
    if sort in {"received", "priority"}:  # descending sorts break ties by id descending too
        expected = [c.id for c in sorted(everything, key=lambda c: (key(c)[0], _neg(c.id)))]
    by_cursor, cursor = [], None
    while True:
        page = index.list_cases(CaseQuery(sort=sort, descending=descending, limit=4, cursor=cursor))
        by_cursor += [c.id for c in page.cases]
        if not (cursor := page.next_cursor):
            break
    by_offset = [c.id for off in (0, 4) for c in
                 index.list_cases(CaseQuery(sort=sort, descending=descending, limit=4, offset=off)).cases]
    assert by_cursor == by_offset == expected and len(expected) == 6


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def test_pages_stay_stable_when_many_cases_share_a_sort_value(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    for n in range(1, 24):
        record(records, item(n, member=f"{n:08d}", at=T0))
    seen, cursor = [], None
    while True:
        page = index.list_cases(CaseQuery(limit=5, cursor=cursor))
        seen += [c.id for c in page.cases]
        if not (cursor := page.next_cursor):
            break
    assert len(seen) == len(set(seen)) == 23 and seen == sorted(seen, reverse=True)


def test_a_cursor_is_refused_under_another_sort_or_when_garbled(index, recorded):
    cursor = index.list_cases(CaseQuery(limit=2)).next_cursor
    with pytest.raises(BadCursor, match="another sort"):
        index.list_cases(CaseQuery(limit=2, sort="deadline", cursor=cursor))
    with pytest.raises(BadCursor, match="unreadable"):
        index.list_cases(CaseQuery(cursor="not-a-cursor"))


def test_team_counts_give_the_oldest_active_case_and_list_empty_teams(index, recorded):
    counts = {c.team: c for c in index.count_by_team(["general", "complaints", "screened"])}
    assert counts["review"].active == 2 and counts["review"].oldest_case == recorded[5]
    assert counts["complaints"].active == 0 and counts["complaints"].oldest_case is None
    assert counts["screened"].active == 0 and counts["general"].oldest_opened_at == T0


def test_volumes_count_items_per_channel_on_the_managers_day(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    late = datetime(2026, 11, 23, 23, 30, tzinfo=timezone.utc)  # already 24 November in Paris
    for n, (channel, at) in enumerate([("email", T0), ("letter", T0), ("letter", late), ("phone", late)], 1):
        record(records, item(n, channel=channel, at=at, member=f"{n:08d}"))
    days = index.volumes(date(2026, 11, 22), date(2026, 11, 24))
    assert [d.day.day for d in days] == [22, 23, 24]
    assert days[1].channels == {"email": 1, "letter": 1, "webform": 0, "phone": 0}
    assert days[2].channels == {"email": 0, "letter": 1, "webform": 0, "phone": 1} and days[0].total == 0
    assert index.volumes(date(2026, 11, 23), date(2026, 11, 23), teams=["review"])[0].total == 0


def test_the_member_view_has_cases_joined_through_any_item_and_every_contact(index, tmp_path):
    records = IndexedRecords(open_store(f"file://{tmp_path / 'store'}"), index)
    mine = record(records, item(1, member="40213378", channel="letter"))
    reply = item(2, member="51873062", at=T0 + timedelta(hours=1),
                 headers={"in-reply-to": "<m1@example.fr>"})  # the other member writes about the first one's case
    record(records, item(3, member="51873062", at=T0 + timedelta(minutes=5), headers={"message-id": "<m1@example.fr>"}))
    record(records, reply)
    view = index.member_view("51873062")
    assert mine.id not in {c.id for c in view.cases} and len(view.cases) == 1
    assert [c.envelope_id[-1] for c in view.contacts] == ["2", "3"]
    assert [c.id for c in index.member_view("40213378").cases] == [mine.id]


def test_the_review_queue_is_most_urgent_then_oldest_first(index, recorded):
    assert [c.id for c in index.review_queue()] == [recorded[6], recorded[5]]
    assert [c.id for c in index.review_queue(limit=1, offset=1)] == [recorded[5]]

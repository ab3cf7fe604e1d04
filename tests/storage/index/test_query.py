"""Case queries: deadline states from the caller's dates, cursors tied to their sort."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from pydantic import ValidationError

from storage.index.query import BadCursor, CaseQuery, decode_cursor, encode_cursor


def test_past_and_due_deadlines_are_active_cases_between_the_given_dates():
    today = date(2026, 11, 23)
    assert CaseQuery().past_deadline(today).deadline_until == date(2026, 11, 22)
    due = CaseQuery(teams=("general",)).due_by(today, date(2026, 11, 25))
    assert (due.active, due.deadline_from, due.deadline_until, due.teams) == (True, today, date(2026, 11, 25),
                                                                              ("general",))


@pytest.mark.parametrize("sort, value", [("received", datetime(2026, 11, 23, 9, tzinfo=timezone.utc)),
                                         ("deadline", date(2026, 11, 30)), ("priority", 7)])
def test_a_cursor_gives_back_the_value_and_id_it_was_made_from(sort, value):
    query = CaseQuery(sort=sort)
    cursor = encode_cursor(query, value, "IN-7K3M-9QX2")
    assert decode_cursor(query.model_copy(update={"cursor": cursor})) == (value, "IN-7K3M-9QX2")
    with pytest.raises(BadCursor):
        decode_cursor(query.model_copy(update={"cursor": cursor, "descending": not query.is_descending}))


def test_page_sizes_are_bounded():
    with pytest.raises(ValidationError):
        CaseQuery(limit=5000)

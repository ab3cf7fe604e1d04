"""What a case list asks for: filters, sort, page (``CaseQuery``), and its keyset cursor.

Deadline states are dates given by the caller: "past" is a deadline before
today, "due within N working days" a deadline up to a cut-off the caller
computed with its working-day calendar (the index knows no calendar).
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from intake.errors import PermanentError

Sort = Literal["received", "last_contact", "deadline", "priority"]
# the column each sort reads, and whether it runs newest/highest first by default
SORT_COLUMNS: dict[str, tuple[str, bool]] = {
    "received": ("first_received_at", True),
    "last_contact": ("last_received_at", True),
    "deadline": ("due_on", False),
    "priority": ("priority", True),
}
MAX_LIMIT = 500


class BadCursor(PermanentError):
    """A page cursor that this index did not hand out."""


class CaseQuery(BaseModel):
    """Filters (all combined), sort and page of a case list or a search."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    teams: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    active: bool | None = None  # True: not closed nor screened out
    topics: tuple[str, ...] = ()
    complexities: tuple[str, ...] = ()
    urgencies: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    member: str | None = None
    assignee: str | None = None
    unassigned: bool | None = None  # True: nobody's yet; False: someone's
    received_from: datetime | None = None  # first item received at or after
    received_until: datetime | None = None  # first item received before
    deadline_from: date | None = None  # inclusive
    deadline_until: date | None = None  # inclusive
    sort: Sort = "received"
    descending: bool | None = None  # None: the sort's natural direction
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)
    cursor: str | None = None

    def past_deadline(self, today: date) -> "CaseQuery":
        """Active cases whose deadline is before ``today``."""
        return self.model_copy(update={"active": True, "deadline_until": date.fromordinal(today.toordinal() - 1)})

    def due_by(self, today: date, cutoff: date) -> "CaseQuery":
        """Active cases due from ``today`` to ``cutoff`` (e.g. today + N working days)."""
        return self.model_copy(update={"active": True, "deadline_from": today, "deadline_until": cutoff})

    @property
    def sort_column(self) -> str:
        return SORT_COLUMNS[self.sort][0]

    @property
    def is_descending(self) -> bool:
        return SORT_COLUMNS[self.sort][1] if self.descending is None else self.descending


def encode_cursor(query: CaseQuery, value: object, case_id: str) -> str:
    """The cursor of the page after a row (its sort value and id)."""
    shown = value.isoformat() if isinstance(value, (date, datetime)) else value
    raw = json.dumps([query.sort, query.is_descending, shown, case_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: CaseQuery) -> tuple[object, str] | None:
    """The (sort value, id) a page starts after, checked against the query's sort."""
    if not query.cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(query.cursor + "=" * (-len(query.cursor) % 4))
        sort, descending, value, case_id = json.loads(raw)
    except (ValueError, TypeError):
        raise BadCursor("unreadable page cursor", cursor=query.cursor) from None
    if sort != query.sort or descending != query.is_descending:
        raise BadCursor("the cursor belongs to another sort", cursor=query.cursor)
    return _typed(query.sort, value), str(case_id)


def _typed(sort: str, value: object) -> object:
    if sort == "deadline":
        return date.fromisoformat(str(value))
    if sort == "priority":
        return int(value)  # type: ignore[arg-type]
    return datetime.fromisoformat(str(value))

"""What the index answers: pages of cases, search hits, counts, the member view."""

from __future__ import annotations

import html
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

MARK_START, MARK_END = "\x02", "\x03"  # around the matching words of a snippet


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class CaseSummary(View):
    """One row of a case list (the case without its timeline)."""

    id: str
    status: str
    channel: str | None
    member: str | None
    sender: str | None
    subject: str
    topic: str | None
    complexity: str | None
    urgency: str | None
    team: str | None
    priority: int
    deadline: date | None
    assignee: str | None
    outcome: str | None
    opened_at: datetime
    closed_at: datetime | None
    first_received_at: datetime
    last_received_at: datetime
    updated_at: datetime
    item_count: int
    event_count: int


class CasePage(View):
    """A page of cases; ``next_cursor`` reads the next page (None on the last)."""

    cases: tuple[CaseSummary, ...]
    next_cursor: str | None = None


class SearchHit(View):
    """A case that matched, with its best-matching item and the matching passage."""

    case: CaseSummary
    envelope_id: str
    snippet: str
    score: float  # higher is better

    def marked(self, start: str = "<mark>", end: str = "</mark>", escape=html.escape) -> str:
        """The snippet with its matching words between ``start`` and ``end`` (the rest escaped for HTML)."""
        parts = self.snippet.replace(MARK_END, MARK_START).split(MARK_START)
        return "".join(start + escape(p) + end if n % 2 else escape(p) for n, p in enumerate(parts))


class SearchPage(View):
    """A page of hits, best first; ``next_offset`` reads the next page (None on the last)."""

    hits: tuple[SearchHit, ...]
    next_offset: int | None = None


class TeamCount(View):
    """A team's active cases and the oldest of them."""

    team: str
    active: int
    oldest_case: str | None
    oldest_opened_at: datetime | None


class Contact(View):
    """One item a member sent, on any channel."""

    envelope_id: str
    case_id: str
    channel: str
    received_at: datetime
    subject: str
    topic: str | None
    team: str | None


class MemberView(View):
    """A member's cases and contacts across channels, newest first."""

    member: str
    cases: tuple[CaseSummary, ...]
    contacts: tuple[Contact, ...]


class QuarantineEntry(View):
    """An item that could not be processed, and why."""

    id: str
    item: str
    stage: str
    reason: str
    at: datetime


class DayVolume(View):
    """Items received on one day (the index's time zone), per channel (every channel, zeros included)."""

    day: date
    channels: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.channels.values())

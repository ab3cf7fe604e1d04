"""The dashboard's numbers, as pure functions over items, cases and quarantine
entries (read from the store by :mod:`web.dashboard.reader`).

Days are counted in the service's time zone (Paris), since "today" is the
managers' today, not UTC's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args
from zoneinfo import ZoneInfo

from intake.models import Case, Channel, utcnow
from intake.taxonomy import WAITING_STATUSES as WAITING
from intake.telemetry import NEAR_DAYS, reason_label

TZ = ZoneInfo("Europe/Paris")
CHANNELS: tuple[str, ...] = get_args(Channel)


@dataclass(frozen=True)
class Item:
    """One received item, with the case and team it ended up in (None while in the pipeline)."""

    id: str
    channel: str
    received_at: datetime
    case_id: str | None = None
    team: str | None = None


@dataclass(frozen=True)
class TeamBacklog:
    """A team's cases not yet closed, and the oldest of them."""

    team: str
    waiting: int
    oldest: Case | None
    oldest_age: timedelta | None


@dataclass(frozen=True)
class DeadlineRow:
    """A waiting case due soon or late: ``days_left`` < 0 means past its deadline."""

    case: Case
    days_left: int

    @property
    def past(self) -> bool:
        return self.days_left < 0


def local_day(at: datetime, tz: ZoneInfo = TZ) -> date:
    """The calendar day of ``at`` in the service's time zone."""
    return at.astimezone(tz).date()


def today(tz: ZoneInfo = TZ) -> date:
    """The service's current day."""
    return local_day(utcnow(), tz)


def volume_by_channel(items: Iterable[Item], day: date, tz: ZoneInfo = TZ) -> dict[str, int]:
    """Items received on ``day``, per channel (every channel listed, zeros included)."""
    counts = Counter(i.channel for i in items if local_day(i.received_at, tz) == day)
    return {channel: counts.get(channel, 0) for channel in CHANNELS}


def daily_volume(items: Iterable[Item], end: date, days: int = 7,
                 tz: ZoneInfo = TZ) -> list[tuple[date, dict[str, int]]]:
    """Items per channel on each of the ``days`` days ending with ``end``, oldest first."""
    items = list(items)
    return [(day, volume_by_channel(items, day, tz)) for day in (end - timedelta(n) for n in range(days - 1, -1, -1))]


def waiting(cases: Iterable[Case]) -> list[Case]:
    """Cases someone still has to handle (not closed, not screened out)."""
    return [c for c in cases if c.status in WAITING]


def backlog_by_team(cases: Iterable[Case], now: datetime, teams: Iterable[str] = ()) -> list[TeamBacklog]:
    """Waiting cases per team with the oldest one; ``teams`` are listed even when empty."""
    by_team: dict[str, list[Case]] = {team: [] for team in teams}
    for case in waiting(cases):
        by_team.setdefault(case.team or "?", []).append(case)
    return [_team_backlog(team, mine, now) for team, mine in sorted(by_team.items())]


def _team_backlog(team: str, cases: list[Case], now: datetime) -> TeamBacklog:
    oldest = min(cases, key=lambda c: c.opened_at, default=None)
    return TeamBacklog(team, len(cases), oldest, now - oldest.opened_at if oldest else None)


def deadline_watch(cases: Iterable[Case], day: date, near_days: int = NEAR_DAYS) -> list[DeadlineRow]:
    """Waiting cases past their deadline or due within ``near_days`` days, most late first."""
    rows = [DeadlineRow(c, (c.deadline - day).days) for c in waiting(cases) if c.deadline]
    return sorted((r for r in rows if r.days_left <= near_days), key=lambda r: (r.days_left, r.case.id))


def review_queue(cases: Iterable[Case], team: str = "review") -> list[Case]:
    """Waiting cases the classifier was unsure of, most urgent then oldest first."""
    mine = [c for c in waiting(cases) if c.team == team]
    return sorted(mine, key=lambda c: (-(c.priority or 0), c.opened_at))


def quarantine_by_reason(entries: Iterable[dict]) -> list[tuple[str, int]]:
    """How many quarantined items per (shortened) reason, most frequent first."""
    counts = Counter(reason_label(str(e.get("reason", ""))) for e in entries)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def human_age(age: timedelta | None) -> str:
    """An age as managers say it: ``3 j 4 h``, ``5 h 12 min``, ``8 min``."""
    if age is None:
        return "—"
    minutes = max(int(age.total_seconds() // 60), 0)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        return f"{days} j {hours} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"

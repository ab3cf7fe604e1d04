"""The dashboard's numbers: what the pages show of the index's counts and lists, and how.

Days are counted in the service's time zone (Paris), since "today" is the
managers' today, not UTC's; the index counts days in its own
(``INTAKE_INDEX_TIMEZONE``, Paris by default).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args
from zoneinfo import ZoneInfo

from intake.models import Channel, utcnow
from intake.telemetry import reason_label
from storage.index.views import CaseSummary, TeamCount

TZ = ZoneInfo("Europe/Paris")
CHANNELS: tuple[str, ...] = get_args(Channel)


@dataclass(frozen=True)
class TeamBacklog:
    """A team's cases not yet closed, and the oldest of them."""

    team: str
    waiting: int
    oldest: str | None  # its case id
    oldest_age: timedelta | None


@dataclass(frozen=True)
class DeadlineRow:
    """A waiting case due soon or late: ``days_left`` < 0 means past its deadline."""

    case: CaseSummary
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


def backlog(counts: Iterable[TeamCount], now: datetime) -> list[TeamBacklog]:
    """The index's active cases per team, with the age of the oldest."""
    return [TeamBacklog(c.team, c.active, c.oldest_case, now - c.oldest_opened_at if c.oldest_opened_at else None)
            for c in counts]


def deadline_rows(cases: Iterable[CaseSummary], day: date) -> list[DeadlineRow]:
    """Cases with the days left to their deadline as of ``day``, most late first."""
    rows = [DeadlineRow(c, (c.deadline - day).days) for c in cases if c.deadline]
    return sorted(rows, key=lambda r: (r.days_left, r.case.id))


def quarantine_by_reason(reasons: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Quarantined items per shortened reason (numbers and ids left out), most frequent first."""
    counts: Counter[str] = Counter()
    for reason, n in reasons:
        counts[reason_label(reason)] += n
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

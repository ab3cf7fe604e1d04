"""Deadlines in working days (French public holidays skipped) or calendar days.

The holidays are the maintained ``holidays`` package's: the eleven national
holidays of metropolitan France, the three that move with Easter included,
and, for a site that names its subdivision (``calendar: {subdivision: ...}``
in the rules file), the local ones: Alsace (``6AE``) and Moselle (``57``)
add Good Friday and 26 December, the overseas departments their own days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

SUBDIVISIONS: tuple[str, ...] = tuple(holidays.France.subdivisions) + tuple(holidays.France.subdivisions_aliases)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (python-dateutil, which ``holidays`` uses too)."""
    return easter(year)


@lru_cache(maxsize=256)
def french_holidays(year: int, subdivision: str | None = None) -> dict[date, str]:
    """The public holidays of France in ``year`` (of ``subdivision`` too, if given), by date, named in French."""
    return dict(holidays.France(years=year, subdiv=subdivision, language="fr"))


def is_working_day(day: date, subdivision: str | None = None) -> bool:
    """Monday to Friday and not a French public holiday (of ``subdivision`` too, if given)."""
    return day.weekday() < 5 and day not in french_holidays(day.year, subdivision)


def add_working_days(start: date, days: int, subdivision: str | None = None) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself when days is 0)."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    current = start
    for _ in range(days):
        current += timedelta(days=1)
        while not is_working_day(current, subdivision):
            current += timedelta(days=1)
    return current


def add_calendar_days(start: date, days: int) -> date:
    """``start`` plus ``days`` calendar days, weekends and holidays included."""
    return start + timedelta(days=days)


def deadline(start: date, days: int, kind: str, subdivision: str | None = None) -> date:
    """The due date ``days`` working or calendar days after ``start``."""
    if kind == "working":
        return add_working_days(start, days, subdivision)
    return add_calendar_days(start, days)

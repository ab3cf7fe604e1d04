"""Deadlines in working days (French public holidays skipped) or calendar days.

Holidays are computed, not listed, so the calendar never runs out: the
eleven national holidays of metropolitan France, including the three
that move with Easter (Easter Monday, Ascension Thursday, Whit Monday).
Alsace-Moselle's two extra days (Good Friday, 26 December) are left out.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

FIXED_HOLIDAYS = {
    (1, 1): "Jour de l'an", (5, 1): "Fête du Travail", (5, 8): "Victoire 1945",
    (7, 14): "Fête nationale", (8, 15): "Assomption", (11, 1): "Toussaint",
    (11, 11): "Armistice 1918", (12, 25): "Noël",
}
EASTER_OFFSETS = {1: "Lundi de Pâques", 39: "Ascension", 50: "Lundi de Pentecôte"}


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


@lru_cache(maxsize=64)
def french_holidays(year: int) -> dict[date, str]:
    """The public holidays of metropolitan France in ``year``, by date."""
    holidays = {date(year, month, day): name for (month, day), name in FIXED_HOLIDAYS.items()}
    easter = easter_sunday(year)
    holidays.update({easter + timedelta(days=n): name for n, name in EASTER_OFFSETS.items()})
    return holidays


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a French public holiday."""
    return day.weekday() < 5 and day not in french_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself when days is 0)."""
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    current = start
    for _ in range(days):
        current += timedelta(days=1)
        while not is_working_day(current):
            current += timedelta(days=1)
    return current


def add_calendar_days(start: date, days: int) -> date:
    """``start`` plus ``days`` calendar days, weekends and holidays included."""
    return start + timedelta(days=days)


def deadline(start: date, days: int, kind: str) -> date:
    """The due date ``days`` working or calendar days after ``start``."""
    return add_working_days(start, days) if kind == "working" else add_calendar_days(start, days)

"""Working days in France: weekends and the eleven public holidays (the ``holidays`` package), local ones by option."""

from __future__ import annotations

from datetime import date

import pytest

from routing.calendar import (
    add_calendar_days,
    add_working_days,
    deadline,
    easter_sunday,
    french_holidays,
    is_working_day,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2038, date(2038, 4, 25))],
)
def test_easter_sunday_is_computed_for_any_year(year, easter):
    assert easter_sunday(year) == easter


def test_the_2026_french_public_holidays_are_the_official_eleven():
    assert sorted(french_holidays(2026)) == [
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 14),
        date(2026, 5, 25), date(2026, 7, 14), date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 11),
        date(2026, 12, 25),
    ]


def test_ascension_and_whit_monday_2026_are_not_working_days():
    assert french_holidays(2026)[date(2026, 5, 14)] == "Ascension"
    assert french_holidays(2026)[date(2026, 5, 25)] == "Lundi de Pentecôte"
    assert not is_working_day(date(2026, 5, 14)) and not is_working_day(date(2026, 5, 25))


def test_an_ordinary_tuesday_is_a_working_day_and_a_saturday_is_not():
    assert is_working_day(date(2026, 5, 12)) and not is_working_day(date(2026, 5, 16))


def test_two_working_days_from_the_wednesday_before_ascension_land_on_monday():
    # Thu 14 Ascension, Fri 15 counts, weekend, Mon 18 counts.
    assert add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 18)


def test_whit_monday_is_skipped_after_a_weekend():
    assert add_working_days(date(2026, 5, 22), 1) == date(2026, 5, 26)


def test_the_may_bridges_of_2026_are_skipped():
    # Fri 1 May and Fri 8 May are holidays: 4, 5, 6, 7 May, then Mon 11 May.
    assert add_working_days(date(2026, 4, 30), 5) == date(2026, 5, 11)


def test_easter_monday_2025_is_skipped():
    assert add_working_days(date(2025, 4, 18), 1) == date(2025, 4, 22)


def test_the_year_end_holidays_carry_into_the_next_year():
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_zero_working_days_is_the_start_day_and_negative_is_refused():
    assert add_working_days(date(2026, 5, 14), 0) == date(2026, 5, 14)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 5, 14), -1)


def test_calendar_days_count_weekends_and_holidays():
    assert add_calendar_days(date(2026, 5, 12), 15) == date(2026, 5, 27)
    assert deadline(date(2026, 5, 12), 15, "calendar") == date(2026, 5, 27)
    # 15 working days from Tue 12 May skip Ascension, Whit Monday and three weekends.
    assert deadline(date(2026, 5, 12), 15, "working") == date(2026, 6, 4)


def test_alsace_and_moselle_add_good_friday_and_saint_stephens_day():
    national = set(french_holidays(2026))
    for subdivision in ("57", "6AE", "Moselle", "Alsace"):
        assert set(french_holidays(2026, subdivision)) - national == {date(2026, 4, 3), date(2026, 12, 26)}


def test_a_working_day_deadline_in_moselle_skips_good_friday_and_the_26th_of_december():
    assert deadline(date(2026, 4, 2), 1, "working") == date(2026, 4, 3)
    assert deadline(date(2026, 4, 2), 1, "working", "57") == date(2026, 4, 7)
    assert add_working_days(date(2025, 12, 24), 1, "6AE") == date(2025, 12, 29)
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 26)


def test_the_holiday_names_are_french_for_the_people_who_read_them():
    assert french_holidays(2026)[date(2026, 7, 14)] == "Fête nationale"

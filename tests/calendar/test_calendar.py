"""Working-day arithmetic: official holidays, adjusted working days, the
2026/2027 year end with and without the administrators' table."""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from govportal.calendar import OFFICIAL, WorkdayCalendar

CAL = WorkdayCalendar()


def official_adjusted_workdays(year):
    """Saturdays and Sundays the package says are working days (调休上班)."""
    return sorted(d for d in chinese_calendar.workdays if d.year == year and d.weekday() >= 5)


# -- National Day 2025: 10-01..10-08 off, Sun 09-28 and Sat 10-11 worked -----


def test_national_day_2025_days():
    for day in (date(2025, 10, d) for d in range(1, 9)):
        assert CAL.is_workday(day).value is False, day
    assert CAL.is_workday(date(2025, 9, 28)).value is True  # Sunday, adjusted
    assert CAL.is_workday(date(2025, 10, 11)).value is True  # Saturday, adjusted
    assert CAL.is_workday(date(2025, 10, 12)).value is False  # plain Sunday
    status = CAL.day_status(date(2025, 10, 1))
    assert (status.source, status.certain, status.note) == ("official", True, "国庆节")
    assert CAL.day_status(date(2025, 9, 28)).note == "国庆节调休上班"


def test_deadline_across_national_day_2025():
    # Received Friday 2025-09-26; the day of receipt is not counted.
    # 1 Sun 09-28 (adjusted), 2 09-29, 3 09-30, [10-01..10-08 off], 4 10-09,
    # 5 10-10, 6 Sat 10-11 (adjusted), 7 10-13 ... 11 10-17, 12 10-20 ...
    # 16 10-24, 17 10-27, 18 10-28, 19 10-29, 20 10-30.
    received = date(2025, 9, 26)
    assert CAL.add_workdays(received, 1).value == date(2025, 9, 28)
    assert CAL.add_workdays(received, 4).value == date(2025, 10, 9)
    assert CAL.add_workdays(received, 6).value == date(2025, 10, 11)
    result = CAL.add_workdays(received, 20)
    assert result.value == date(2025, 10, 30)
    assert result.uncertain is False and result.uncertain_years == ()
    assert CAL.workdays_between(date(2025, 9, 30), date(2025, 10, 10)).value == 2
    assert CAL.workdays_between(received, date(2025, 10, 30)).value == 20


def test_spring_festival_2026_uses_the_package_data():
    # chinesecalendar 1.11.0: 2026-02-15..02-23 off, Sat 02-14 and Sat 02-28 worked
    # (and Sun 01-04 for New Year's Day).
    assert date(2026, 2, 14) in official_adjusted_workdays(2026)
    assert date(2026, 2, 28) in official_adjusted_workdays(2026)
    off = [date(2026, 2, 15) + timedelta(days=i) for i in range(9)]
    assert all(CAL.is_workday(d).value is False for d in off)
    assert CAL.day_status(date(2026, 2, 17)).note == "春节"
    # Received Thursday 2026-02-12: 1 Fri 02-13, 2 Sat 02-14 (adjusted),
    # [02-15..02-23 off], 3 02-24, 4 02-25, 5 02-26, 6 02-27, 7 Sat 02-28
    # (adjusted), 8 03-02 ... 12 03-06, 13 03-09 ... 17 03-13, 18 03-16,
    # 19 03-17, 20 03-18.
    received = date(2026, 2, 12)
    assert CAL.add_workdays(received, 2).value == date(2026, 2, 14)
    assert CAL.add_workdays(received, 3).value == date(2026, 2, 24)
    assert CAL.add_workdays(received, 7).value == date(2026, 2, 28)
    result = CAL.add_workdays(received, 20)
    assert (result.value, result.uncertain) == (date(2026, 3, 18), False)
    # Received on the holiday itself: counting starts after it, on 02-24.
    assert CAL.add_workdays(date(2026, 2, 17), 1).value == date(2026, 2, 24)


# -- the 2026/2027 year end ---------------------------------------------------


def test_package_has_no_2027_data():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))
    assert OFFICIAL.knows(2026) and not OFFICIAL.knows(2027)
    assert CAL.knows_year(2026) and not CAL.knows_year(2027)


def test_20_workdays_from_mid_december_2026_without_table_is_flagged():
    # Received Tuesday 2026-12-15: 1 12-16 ... 12 12-31; 2027 has no notice,
    # but 元旦 is a statutory holiday every year: 13 Mon 01-04 ... 17 01-08,
    # 18 01-11, 19 01-12, 20 01-13 — flagged: 2027's adjusted days are unknown.
    result = CAL.add_workdays(date(2026, 12, 15), 20)
    assert result.value == date(2027, 1, 13)
    assert result.uncertain is True and result.uncertain_years == (2027,)
    due, uncertain = result  # unpacks as (value, uncertain)
    assert (due, uncertain) == (date(2027, 1, 13), True)
    status = CAL.day_status(date(2027, 1, 1))
    assert (status.workday, status.source, status.certain) == (False, "statutory", True)
    assert status.note == "元旦"
    assert CAL.is_workday(date(2027, 1, 1)).uncertain_years == ()
    assert CAL.is_workday(date(2027, 1, 4)).uncertain_years == (2027,)
    between = CAL.workdays_between(date(2026, 12, 15), date(2027, 1, 13))
    assert (between.value, between.uncertain_years) == (20, (2027,))
    # a deadline that stays in 2026 is certain
    assert CAL.add_workdays(date(2026, 12, 1), 5).uncertain is False


def test_spring_festival_2027_is_off_without_the_notice():
    # 2027: 除夕 is 02-05, 初一 02-06 (2024 revision: 除夕 to 初三, 4 days)
    for day in (5, 6, 7, 8):
        status = CAL.day_status(date(2027, 2, day))
        assert (status.workday, status.certain, status.note) == (False, True, "春节")
    # Thu 2027-02-04: 1 Tue 02-09 (02-05 除夕 and the weekend and 初二, 初三 are off)
    assert CAL.add_workdays(date(2027, 2, 4), 1).value == date(2027, 2, 9)
    # 劳动节 is two days from 2025 on; 国庆 three
    assert not CAL.is_workday(date(2027, 5, 2)).value
    assert not CAL.is_workday(date(2027, 10, 1)).value


def test_a_partly_entered_year_stays_flagged_until_marked_complete():
    entries = {date(2027, 1, 4): (False, "元旦调休")}
    calendar = WorkdayCalendar(entries)
    assert not calendar.knows_year(2027) and calendar.year_source(2027) == "partial"
    # 01-01 statutory, 01-04 entered: 13 01-05 ... 16 01-08, 17 01-11 ... 20 01-14
    result = calendar.add_workdays(date(2026, 12, 15), 20)
    assert (result.value, result.uncertain_years) == (date(2027, 1, 14), (2027,))
    status = calendar.day_status(date(2027, 1, 4))
    assert (status.workday, status.source, status.note) == (False, "override", "元旦调休")
    complete = WorkdayCalendar(entries, complete_years=(2027,))
    assert complete.knows_year(2027) and complete.year_source(2027) == "override"
    result = complete.add_workdays(date(2026, 12, 15), 20)
    assert (result.value, result.uncertain_years) == (date(2027, 1, 14), ())
    status = complete.day_status(date(2027, 1, 5))
    assert (status.workday, status.source, status.certain) == (True, "weekday", True)


def test_table_adjusted_working_day_and_holiday_run_in_2027():
    # A plausible 2027 Spring Festival: 02-06..02-13 off, Sat 02-20 worked.
    table = {date(2027, 2, 6) + timedelta(days=i): False for i in range(8)}
    table[date(2027, 2, 20)] = (True, "春节调休上班")
    calendar = WorkdayCalendar(table)
    # Received Fri 2027-02-05: 1 Mon 02-15 ... 5 Fri 02-19, 6 Sat 02-20, 7 02-22.
    assert calendar.add_workdays(date(2027, 2, 5), 1).value == date(2027, 2, 15)
    assert calendar.add_workdays(date(2027, 2, 5), 6).value == date(2027, 2, 20)
    assert calendar.add_workdays(date(2027, 2, 5), 7).value == date(2027, 2, 22)


def test_table_overrides_the_package():
    # e.g. a local arrangement: the county works on a national holiday
    calendar = WorkdayCalendar({date(2025, 10, 8): {"workday": True, "note": "本地安排"}})
    assert calendar.is_workday(date(2025, 10, 8)).value is True
    assert calendar.add_workdays(date(2025, 9, 30), 1).value == date(2025, 10, 8)


# -- conventions ----------------------------------------------------------------


def test_counting_conventions():
    start = date(2025, 9, 26)
    assert CAL.add_workdays(start, 0).value == start
    assert CAL.add_workdays(datetime(2025, 9, 26, 17, 30), 1).value == date(2025, 9, 28)
    # backwards: the 3rd working day before 2025-10-10 is 09-29
    assert CAL.add_workdays(date(2025, 10, 10), -3).value == date(2025, 9, 29)
    # 09-28, 09-29, 09-30, 10-09, 10-10, counted backwards
    assert CAL.workdays_between(date(2025, 10, 10), date(2025, 9, 26)).value == -5
    assert CAL.workdays_between(start, start).value == 0
    with pytest.raises(ValueError):
        CAL.add_workdays(start, 100_000)


def test_add_and_between_agree_over_a_year():
    calendar = WorkdayCalendar({date(2027, 1, 1): False})
    start = date(2025, 12, 1)
    for offset in range(0, 420, 7):
        for n in (1, 7, 20):
            day = start + timedelta(days=offset)
            due = calendar.add_workdays(day, n).value
            assert calendar.workdays_between(day, due).value == n, (day, n)
            assert calendar.is_workday(due).value is True


def test_a_result_has_no_truth_value():
    with pytest.raises(TypeError):
        bool(CAL.is_workday(date(2025, 10, 1)))


@pytest.mark.parametrize("year", range(2008, 2027))
def test_computed_statutory_holidays_agree_with_the_official_data(year):
    from govportal.calendar.statutory import statutory_holidays

    days = statutory_holidays(year)
    # 元旦 1, 春节 3 (4 from 2025), 清明 1, 劳动节 1 (2 from 2025), 端午 1, 中秋 1, 国庆 3
    expected = 13 if year >= 2025 else 11
    # 中秋 fell on 1 October in 2009 and 2020 (one day fewer in the mapping)
    assert len(days) == (expected - 1 if year in (2009, 2020) else expected)
    for day, key in days.items():
        # a statutory day off is never an official working day (it may fall
        # on a weekend, and 中秋 and 国庆 may coincide)
        assert not chinese_calendar.is_workday(day), (day, key)

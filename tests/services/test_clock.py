"""The time limit of a case in working days, with hand-computed dates.

The calendar is the real one (chinesecalendar 1.11.0 for 2026, the
statutory holidays of 全国年节及纪念日放假办法 for 2027, which has no notice
yet).  2026 around 国庆 (the package's table):

    9-28 Mon  9-29 Tue  9-30 Wed  working days
    10-01 … 10-07       国庆节 holidays (Thu … Wed)
    10-08 Thu 10-09 Fri working days
    10-10 Sat           国庆节调休上班 (a working day)
    10-11 Sun           day off
    10-12 Mon …         working days

2026/2027: 12-28 Mon … 12-31 Thu working days; 2027-01-01 Fri 元旦 (statutory,
computed); 01-02/01-03 weekend (weekday rule, uncertain: 2027 has no notice).
"""

from datetime import date

from govportal.calendar import WorkdayCalendar
from govportal.calendar.periods import compute_due, counted_workdays
from govportal.services import clock
from govportal.services.cases import ServiceCase

CAL = WorkdayCalendar({})


def case(accepted_on, promised, legal=0, pauses=()):
    c = ServiceCase("/jyj/bszn/g", "测试事项", "jyj", promised_days=promised, legal_days=legal)
    c.accepted_on = accepted_on
    c.pauses = tuple(pauses)
    return c


def test_five_days_across_national_day_2026():
    # 9-29 (1), 9-30 (2), [10-01…10-07 国庆], 10-08 (3), 10-09 (4), 10-10 Sat 调休 (5)
    c = case(date(2026, 9, 28), 5, legal=20)
    due, legal, years = clock.compute(c, CAL, on=date(2026, 9, 28))
    assert due == date(2026, 10, 10)
    # legal 20: 9-29, 9-30, 10-08, 10-09, 10-10 (5), 10-12…10-16 (10),
    # 10-19…10-23 (15), 10-26…10-30 (20)
    assert legal == date(2026, 10, 30)
    assert years == ()


def test_ten_days_across_new_year_2027():
    # 12-29 (1), 12-30 (2), 12-31 (3), [1-1 元旦, 1-2, 1-3], 1-4…1-8 (8), 1-11 (9), 1-12 (10)
    c = case(date(2026, 12, 28), 10)
    due, legal, years = clock.compute(c, CAL, on=date(2026, 12, 28))
    assert due == date(2027, 1, 12)
    assert legal == due  # no legal limit given: the promised one
    assert years == (2027,)  # 2027's notice is unknown: 待核实


def test_a_pause_of_three_working_days_moves_the_due_date():
    # paused from 10-08 to 10-12: 10-09, 10-10 (调休), 10-12 not counted (10-11 is Sunday)
    pause = {"kind": "correction", "start": date(2026, 10, 8), "end": date(2026, 10, 12)}
    assert counted_workdays(CAL, date(2026, 10, 8), date(2026, 10, 12)).value == 3
    c = case(date(2026, 9, 28), 5, pauses=[pause])
    due, _legal, _years = clock.compute(c, CAL)
    # 9-29 (1), 9-30 (2), 10-08 (3), [pause], 10-13 (4), 10-14 (5)
    assert due == date(2026, 10, 14)


def test_an_open_pause_counts_as_ending_today():
    pause = {"kind": "hearing", "start": date(2026, 10, 8), "end": None}
    c = case(date(2026, 9, 28), 5, pauses=[pause])
    due, _legal, _years = clock.compute(c, CAL, on=date(2026, 10, 9))
    # 10-09 paused: 10-10 (4), 10-12 (5)
    assert due == date(2026, 10, 12)
    assert clock.workdays_used(c, date(2026, 10, 9), CAL) == 3


def test_days_used_left_and_warning_levels():
    c = case(date(2026, 9, 28), 5)
    c.due = date(2026, 10, 10)
    settings = {"govportal.services.yellow_days": "3"}
    assert clock.workdays_used(c, date(2026, 9, 28), CAL) == 0
    assert clock.workdays_left(c, date(2026, 9, 29), CAL) == 4
    assert clock.warning_level(c, date(2026, 9, 29), settings, calendar=CAL) == clock.OK
    # on 9-30 two are used, three left: yellow (≤ 3)
    assert clock.workdays_left(c, date(2026, 9, 30), CAL) == 3
    assert clock.warning_level(c, date(2026, 9, 30), settings, calendar=CAL) == clock.YELLOW
    # the holidays use nothing
    assert clock.workdays_used(c, date(2026, 10, 7), CAL) == 2
    # the due date itself: nothing left, not yet overdue
    assert clock.workdays_left(c, date(2026, 10, 10), CAL) == 0
    assert clock.warning_level(c, date(2026, 10, 10), settings, calendar=CAL) == clock.YELLOW
    # Sunday 10-11 is not a working day, yet the due date has passed
    assert clock.warning_level(c, date(2026, 10, 11), settings, calendar=CAL) == clock.RED
    assert clock.workdays_left(c, date(2026, 10, 12), CAL) == -1
    assert clock.warning_level(c, date(2026, 10, 12), settings, calendar=CAL) == clock.RED
    # a smaller threshold
    assert clock.warning_level(c, date(2026, 9, 30), {clock.YELLOW_SETTING: "2"}, calendar=CAL) == (
        clock.OK
    )


def test_not_accepted_yet_has_no_clock():
    c = case(None, 5)
    assert clock.compute(c, CAL) == (None, None, ())
    assert clock.workdays_used(c, date(2026, 10, 1), CAL) == 0
    assert clock.workdays_left(c, date(2026, 10, 1), CAL) is None
    assert clock.warning_level(c, date(2026, 10, 1), {}, calendar=CAL) == clock.OK


def test_compute_due_moved_but_importable_from_applications():
    from govportal.applications.clock import compute_due as old

    assert old is compute_due
    assert compute_due(CAL, date(2026, 9, 28), 5).value == date(2026, 10, 10)

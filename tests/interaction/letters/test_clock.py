"""The clock of 第二十五条 with hand-computed dates: 15 working days from
receipt for the initial verification, a promised date of at most 60 working
days, across the 2026 Spring Festival and National Day, the 2026/2027 year
end and the 2027 Spring Festival (no official data for 2027: flagged, then
certain once the administrators enter and complete the year)."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from govportal.calendar import WorkdayCalendar
from govportal.interaction.hub.deadlines import NEAR, OK, OVERDUE
from govportal.interaction.letters import clock
from govportal.interaction.letters.model import Letter

CAL = WorkdayCalendar({})
REGISTRY = SimpleNamespace(settings={})


def letter_received(day):
    letter = Letter("mailbox", "education", "标题", "内容", {"name": "王小明"})
    letter.received_on = day
    return letter


@pytest.fixture
def running(monkeypatch):
    """The letter's state is a running one (no workflow needed here)."""
    monkeypatch.setattr(clock, "clock_mode", lambda letter, registry: clock.RUNNING)


@pytest.mark.parametrize(
    ("received", "verify_due", "uncertain"),
    [
        # Thu 2026-02-12: 1 Fri 02-13, 2 Sat 02-14 (adjusted working day),
        # 02-15..02-23 春节, 3 Tue 02-24 … 6 Fri 02-27, 7 Sat 02-28 (adjusted),
        # 8 Mon 03-02 … 12 Fri 03-06, 13 Mon 03-09, 14 03-10, 15 Wed 03-11.
        (date(2026, 2, 12), date(2026, 3, 11), ()),
        # Wed 2026-09-23: 1 Thu 09-24, 09-25..09-27 中秋, 2 Mon 09-28, 3 09-29,
        # 4 09-30, 10-01..10-07 国庆, 5 Thu 10-08, 6 Fri 10-09, 7 Sat 10-10
        # (adjusted), 8 Mon 10-12 … 12 Fri 10-16, 13 Mon 10-19, 14 10-20, 15 Wed 10-21.
        (date(2026, 9, 23), date(2026, 10, 21), ()),
        # Tue 2026-12-15: 1 12-16 … 12 Thu 12-31, Fri 2027-01-01 元旦 (statutory),
        # 13 Mon 01-04, 14 01-05, 15 Wed 01-06 — 2027 has no official data: flagged.
        (date(2026, 12, 15), date(2027, 1, 6), (2027,)),
        # Mon 2027-02-01: 1 02-02, 2 02-03, 3 Thu 02-04, 02-05 除夕 … 02-08 初三
        # (statutory, 4 days), 4 Tue 02-09 … 7 Fri 02-12, 8 Mon 02-15 … 12 Fri
        # 02-19, 13 Mon 02-22, 14 02-23, 15 Wed 02-24 — flagged (2027).
        (date(2027, 2, 1), date(2027, 2, 24), (2027,)),
    ],
)
def test_fifteen_working_days(received, verify_due, uncertain):
    letter = letter_received(received)
    assert clock.start_clock(letter, REGISTRY, calendar=CAL) == verify_due
    assert (letter.verify_due, letter.due) == (verify_due, verify_due)
    assert tuple(letter.due_uncertain_years) == uncertain
    assert CAL.workdays_between(received, verify_due).value == 15


def test_2027_entered_by_the_administrators_is_certain():
    # An administrator enters a longer 2027 Spring Festival (02-05..02-14 off,
    # Sat 02-20 worked) and marks 2027 complete.  Mon 2027-02-01: 1 02-02,
    # 2 02-03, 3 02-04, 4 Mon 02-15 … 8 Fri 02-19, 9 Sat 02-20, 10 Mon 02-22
    # … 14 Fri 02-26, 15 Mon 03-01.
    table = {date(2027, 2, 5) + timedelta(days=i): False for i in range(10)}
    table[date(2027, 2, 20)] = (True, "春节调休上班")
    calendar = WorkdayCalendar(table, complete_years=(2027,))
    letter = letter_received(date(2027, 2, 1))
    clock.start_clock(letter, REGISTRY, calendar=calendar)
    assert (letter.verify_due, tuple(letter.due_uncertain_years)) == (date(2027, 3, 1), ())


def test_received_on_is_today_by_default(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 2, 12))
    letter = Letter("consult", "other", "标题", "内容", {})
    clock.start_clock(letter, REGISTRY, calendar=CAL)
    assert letter.received_on == date(2026, 2, 12)
    assert letter.verify_due == date(2026, 3, 11)


def test_settings_change_the_periods():
    registry = SimpleNamespace(
        settings={clock.VERIFY_SETTING: "5", clock.MAX_PROMISE_SETTING: "10"}
    )
    letter = letter_received(date(2026, 9, 23))
    clock.start_clock(letter, registry, calendar=CAL)
    # 1 09-24, 2 09-28, 3 09-29, 4 09-30, 5 10-08; 6 10-09 … 10 Wed 10-14
    assert letter.verify_due == date(2026, 10, 8)
    assert clock.promise_limit(letter, registry, CAL) == date(2026, 10, 14)


def test_promise_limit_sixty_working_days():
    # Mon 2026-03-02: 21 working days to 03-31, 04-06 清明 off (24 Fri 04-03,
    # 25 Tue 04-07), 42 Thu 04-30, 05-01..05-05 劳动节, 43 Wed 05-06 … 45 Fri
    # 05-08, 46 Sat 05-09 (adjusted), 47 Mon 05-11 … 56 Fri 05-22, 57 Mon 05-25
    # … 60 Thu 05-28.
    letter = letter_received(date(2026, 3, 2))
    assert clock.promise_limit(letter, REGISTRY, CAL) == date(2026, 5, 28)


def test_refresh_follows_the_promise_and_the_extension(running):
    letter = letter_received(date(2026, 2, 12))
    clock.start_clock(letter, REGISTRY, calendar=CAL)
    letter.promised_on = date(2026, 4, 10)
    clock.refresh(letter, REGISTRY, CAL)
    assert letter.due == date(2026, 3, 11)  # a promise counts once verified
    letter.verification = {"text": "已核实", "at": None, "by": "u"}
    clock.refresh(letter, REGISTRY, CAL)
    assert (letter.due, letter.verify_due) == (date(2026, 4, 10), date(2026, 3, 11))
    letter.promise_extension = {"to": date(2026, 4, 30), "reason": "需现场勘查"}
    clock.refresh(letter, REGISTRY, CAL)
    assert letter.due == date(2026, 4, 30)


def test_closed_letter_keeps_its_date(monkeypatch):
    letter = letter_received(date(2026, 2, 12))
    clock.start_clock(letter, REGISTRY, calendar=CAL)
    monkeypatch.setattr(clock, "clock_mode", lambda letter, registry: clock.CLOSED)
    letter.promised_on, letter.verification = date(2026, 4, 10), {"text": "x"}
    clock.refresh(letter, REGISTRY, CAL)
    assert letter.due == date(2026, 3, 11)


def test_warning_levels(running):
    # due Wed 2026-03-11: near with 3 working days left or fewer
    letter = letter_received(date(2026, 2, 12))
    clock.start_clock(letter, REGISTRY, calendar=CAL)
    level = clock.warning_level
    assert level(letter, REGISTRY, date(2026, 3, 5), CAL) == OK  # 4 left (06, 09, 10, 11)
    assert level(letter, REGISTRY, date(2026, 3, 6), CAL) == NEAR  # 3 left
    assert level(letter, REGISTRY, date(2026, 3, 11), CAL) == NEAR  # the last day
    assert level(letter, REGISTRY, date(2026, 3, 12), CAL) == OVERDUE
    # verified with a later promise: no longer red
    letter.verification = {"text": "已核实"}
    letter.promised_on = date(2026, 4, 10)
    clock.refresh(letter, REGISTRY, CAL)
    assert level(letter, REGISTRY, date(2026, 3, 12), CAL) == OK
    assert level(letter, REGISTRY, date(2026, 4, 13), CAL) == OVERDUE


def test_days_used_at_once_and_on_time():
    letter = letter_received(date(2026, 2, 12))
    letter.verify_due = letter.due = date(2026, 3, 11)
    letter.answered_on = date(2026, 2, 14)  # the adjusted Saturday: 2 working days
    assert clock.days_used(letter, REGISTRY, CAL) == 2
    assert not clock.answered_at_once(letter, CAL)
    letter.answered_on = date(2026, 2, 13)  # the next working day: 当即回复
    assert clock.answered_at_once(letter, CAL) and clock.on_time(letter)
    # answered after the 15 days without a verification: late
    letter.answered_on = date(2026, 3, 12)
    assert not clock.on_time(letter)
    letter.verification, letter.promised_on = {"text": "x"}, date(2026, 3, 20)
    letter.due = date(2026, 3, 20)
    assert clock.on_time(letter)
    assert clock.days_used(letter, REGISTRY, CAL) == 16

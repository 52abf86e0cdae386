"""Periods of working days with pauses: pure functions of a calendar and dates.

Shared by the features with statutory or promised time limits (依申请公开,
办事服务).  Nothing here touches the database.
"""

from datetime import timedelta

from .core import CalendarResult


def _paused(day, spans):
    return any(a < day <= b for a, b in spans)


def _walk(calendar, start, pauses, going):
    """Step a day at a time from ``start`` while ``going(day, counted)``,
    counting the working days outside the ``pauses``; returns the last day,
    the count and the sorted years whose calendar is not certain."""
    spans = [(a, b) for a, b in pauses]
    day = start
    counted = 0
    uncertain = set()
    while going(day, counted):
        day += timedelta(days=1)
        status = calendar.day_status(day)
        if not status.certain:
            uncertain.add(day.year)
        if status.workday and not _paused(day, spans):
            counted += 1
    return day, counted, tuple(sorted(uncertain))


def compute_due(calendar, start, allowed, pauses=()):
    """The date ``allowed`` working days after ``start``, skipping paused days.

    ``pauses`` are ``(first, last)`` pairs: working days ``d`` with
    ``first < d <= last`` are not counted.  Returns a
    :class:`~govportal.calendar.CalendarResult` of the date.
    """
    day, _counted, uncertain = _walk(
        calendar, start, pauses, lambda day, counted: counted < allowed
    )
    return CalendarResult(day, uncertain)


def counted_workdays(calendar, start, end, pauses=()):
    """Working days ``d`` with ``start < d <= end`` outside the ``pauses``
    (same pairs as :func:`compute_due`): a :class:`CalendarResult` of an int
    (0 when ``end`` is not after ``start``)."""
    _day, counted, uncertain = _walk(calendar, start, pauses, lambda day, counted: day < end)
    return CalendarResult(counted, uncertain)

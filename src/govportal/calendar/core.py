"""The working-day arithmetic itself: pure functions of dates and an override table.

Nothing here touches the database: :class:`WorkdayCalendar` is built from a
plain mapping of override entries (see :mod:`govportal.calendar.table` for the
per-site table an administrator edits) and the official data of the
``chinesecalendar`` package.

Where a day's status comes from, in order:

1. the override table (an administrator's entry for that date);
2. the ``chinesecalendar`` package (official holidays and adjusted working
   days of the State Council's notices, 2004–2026 in version 1.11.0);
3. the statutory holidays of 《全国年节及纪念日放假办法》, computed for any
   year (:mod:`.statutory`): certain days off even before the notice;
4. the weekday rule (Monday to Friday are working days).

A year is *known* when the package has data for it or an administrator has
marked it complete (the year's State Council notice entered in full).  In a
year that is not known, only the adjusted working days and bridging days are
missing: a result that had to apply the weekday rule there is *uncertain*,
and every answer carries the unknown years it relied on
(:attr:`CalendarResult.uncertain_years`) so that callers can flag the
deadline to the administrators.  Entering some dates of a year does not make
it known: a partly entered year stays flagged until it is marked complete.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .statutory import holiday_name

#: The largest number of working days :meth:`WorkdayCalendar.add_workdays`
#: accepts (about forty years): larger values are input errors, not deadlines.
MAX_WORKDAYS = 10_000

#: Where a day's status came from (:attr:`DayStatus.source`).
SOURCE_OVERRIDE = "override"  # the administrators' table
SOURCE_OFFICIAL = "official"  # the chinesecalendar package
SOURCE_STATUTORY = "statutory"  # 全国年节及纪念日放假办法, computed (govportal.calendar.statutory)
SOURCE_WEEKDAY = "weekday"  # Monday–Friday rule (certain only in a known year)


class ChineseCalendarSource:
    """Official holidays and adjusted working days from ``chinesecalendar``.

    The package raises ``NotImplementedError`` for a year it has no data for;
    this adapter answers ``None`` instead.
    """

    def __init__(self):
        import chinese_calendar

        self._cc = chinese_calendar
        self._known = {}  # year -> bool

    def knows(self, year):
        """True if the package has the official calendar of ``year``."""
        known = self._known.get(year)
        if known is None:
            try:
                self._cc.is_workday(date(year, 1, 1))
            except NotImplementedError:
                known = False
            else:
                known = True
            self._known[year] = known
        return known

    def is_workday(self, day):
        """True or False, or None when the package has no data for the year."""
        if not self.knows(day.year):
            return None
        return bool(self._cc.is_workday(day))

    def note(self, day):
        """The holiday a day belongs to (``春节``, ``春节调休上班``) or ``""``."""
        if not self.knows(day.year):
            return ""
        name = self._cc.holidays.get(day)
        suffix = ""
        if name is None:
            name = self._cc.workdays.get(day)
            suffix = "调休上班"
        if not name:
            return ""
        try:
            return self._cc.Holiday(name).chinese + suffix
        except ValueError:
            return name + suffix

    def years(self):
        """The (first, last) year the package knows."""
        keys = self._cc.holidays.keys()
        return min(keys).year, max(keys).year


#: The single official source every calendar uses.
OFFICIAL = ChineseCalendarSource()


@dataclass(frozen=True)
class OverrideEntry:
    """One administrator's entry: ``workday`` True for an adjusted working day
    (调休上班), False for a day off (放假)."""

    day: date
    workday: bool
    note: str = ""
    by: str = ""
    at: str = ""  # ISO timestamp of the change

    def as_dict(self):
        return {
            "date": self.day.isoformat(),
            "workday": self.workday,
            "note": self.note,
            "by": self.by,
            "at": self.at,
        }


@dataclass(frozen=True)
class DayStatus:
    day: date
    workday: bool
    source: str  # SOURCE_OVERRIDE, SOURCE_OFFICIAL or SOURCE_WEEKDAY
    certain: bool  # False: weekday rule in a year with no data
    note: str = ""


@dataclass(frozen=True)
class CalendarResult:
    """An answer of the calendar and the unknown years it relied on.

    ``value`` is the answer (a bool, a date or a number of days);
    ``uncertain_years`` the years without data whose days were computed on
    the weekday rule.  Unpacks as ``value, uncertain``::

        due, uncertain = calendar.add_workdays(received, 20)

    Truth-testing a result is refused (``if calendar.is_workday(d):`` would
    always be true): use ``.value``.
    """

    value: object
    uncertain_years: tuple = field(default=())

    @property
    def uncertain(self):
        """True if the answer relied on a year with no holiday data."""
        return bool(self.uncertain_years)

    def __iter__(self):
        yield self.value
        yield self.uncertain

    def __bool__(self):
        raise TypeError("a CalendarResult has no truth value: use .value (and .uncertain)")


def as_date(value):
    """``value`` as a :class:`datetime.date` (a datetime keeps its date part)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _normalise(overrides):
    entries = {}
    for day, entry in dict(overrides or {}).items():
        day = as_date(day)
        if isinstance(entry, OverrideEntry):
            pass
        elif isinstance(entry, bool):
            entry = OverrideEntry(day, entry)
        elif isinstance(entry, dict):
            entry = OverrideEntry(
                day,
                bool(entry["workday"]),
                entry.get("note", ""),
                entry.get("by", ""),
                entry.get("at", ""),
            )
        else:  # (workday, note)
            workday, note = entry
            entry = OverrideEntry(day, bool(workday), note)
        entries[day] = entry
    return entries


class WorkdayCalendar:
    """Working days of mainland China's public administration.

    ``overrides`` maps dates to the administrators' entries (an
    :class:`OverrideEntry`, a bool "is a working day", a ``(workday, note)``
    pair or a dict with ``workday``/``note``).  The calendar copies them: it
    is an immutable snapshot, safe to keep for the length of a request.

    Counting convention (《民法典》第二百零一条, applied by the disclosure
    regulation's "自收到申请之日起20个工作日内"): the day an act happens is
    not counted; counting starts the next day.  ``add_workdays(d, 20)`` is
    the 20th working day *after* ``d``, whether or not ``d`` itself is a
    working day, and ``workdays_between(a, b)`` counts working days ``x``
    with ``a < x <= b``, so that
    ``workdays_between(d, add_workdays(d, n).value) == n``.
    """

    def __init__(self, overrides=None, official=OFFICIAL, complete_years=()):
        self._overrides = _normalise(overrides)
        self._official = official
        self._override_years = frozenset(d.year for d in self._overrides)
        self._complete_years = frozenset(int(y) for y in complete_years)

    # -- years ----------------------------------------------------------
    def knows_year(self, year):
        """True if ``year`` has data: official, or marked complete by an administrator."""
        return year in self._complete_years or self._official.knows(year)

    def year_source(self, year):
        """``official``, ``override`` (entered and marked complete by
        administrators), ``partial`` (some dates entered, not marked complete)
        or None (no data: statutory holidays and the weekday rule only)."""
        if self._official.knows(year):
            return SOURCE_OFFICIAL
        if year in self._complete_years:
            return SOURCE_OVERRIDE
        if year in self._override_years:
            return "partial"
        return None

    @property
    def complete_years(self):
        """The years administrators marked complete."""
        return tuple(sorted(self._complete_years))

    @property
    def overrides(self):
        """The administrators' entries, by date (a copy)."""
        return dict(self._overrides)

    # -- single days ----------------------------------------------------
    def day_status(self, day):
        """Everything the calendar knows about ``day`` (a :class:`DayStatus`)."""
        day = as_date(day)
        entry = self._overrides.get(day)
        if entry is not None:
            return DayStatus(day, entry.workday, SOURCE_OVERRIDE, True, entry.note)
        official = self._official.is_workday(day)
        if official is not None:
            return DayStatus(day, official, SOURCE_OFFICIAL, True, self._official.note(day))
        name = holiday_name(day)
        if name:
            return DayStatus(day, False, SOURCE_STATUTORY, True, name)
        certain = day.year in self._complete_years
        return DayStatus(day, day.weekday() < 5, SOURCE_WEEKDAY, certain)

    def is_workday(self, day):
        """Whether ``day`` is a working day: a :class:`CalendarResult` of a bool."""
        status = self.day_status(day)
        return CalendarResult(status.workday, () if status.certain else (status.day.year,))

    # -- spans ----------------------------------------------------------
    def add_workdays(self, start, n):
        """The ``n``-th working day after ``start`` (a :class:`CalendarResult` of a date).

        ``start`` itself is never counted (see the class docstring); ``n == 0``
        answers ``start``; a negative ``n`` counts backwards (the ``|n|``-th
        working day before ``start``), e.g. for "due in three working days"
        reminders.
        """
        start = as_date(start)
        n = int(n)
        if abs(n) > MAX_WORKDAYS:
            raise ValueError(f"too many working days: {n}")
        step = timedelta(days=1 if n >= 0 else -1)
        day = start
        counted = 0
        uncertain = set()
        while counted < abs(n):
            day += step
            status = self.day_status(day)
            if not status.certain:
                uncertain.add(day.year)
            if status.workday:
                counted += 1
        return CalendarResult(day, tuple(sorted(uncertain)))

    def workdays_between(self, a, b):
        """Working days ``x`` with ``a < x <= b`` (a :class:`CalendarResult` of an int).

        Negative when ``b`` is before ``a`` (the count from ``b`` to ``a``,
        negated); 0 when they are the same day.
        """
        a, b = as_date(a), as_date(b)
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        uncertain = set()
        day = a
        while day < b:
            day += timedelta(days=1)
            status = self.day_status(day)
            if not status.certain:
                uncertain.add(day.year)
            if status.workday:
                count += 1
        return CalendarResult(sign * count, tuple(sorted(uncertain)))

    def days(self, first, last):
        """:class:`DayStatus` of every day from ``first`` to ``last`` inclusive."""
        first, last = as_date(first), as_date(last)
        day = first
        while day <= last:
            yield self.day_status(day)
            day += timedelta(days=1)

"""Working-day calendar (工作日历): the service behind every statutory deadline.

Deadlines of applications for disclosure and of citizens' letters are counted
in working days.  This package answers three questions, for a site::

    calendar = get_calendar(root)
    calendar.is_workday(date(2025, 9, 28))       # CalendarResult(True, ()): 国庆调休上班
    due, uncertain = calendar.add_workdays(received, 20)
    elapsed = calendar.workdays_between(received, today).value

* the day an act happens is not counted: counting starts the next day
  (see :class:`~govportal.calendar.core.WorkdayCalendar`);
* holidays and adjusted working days come from the administrators' override
  table (:mod:`.table`), then the ``chinesecalendar`` package (2004–2026),
  then the statutory holidays computed for any year (:mod:`.statutory`),
  then the weekday rule;
* a result that used the weekday rule in a year with no notice (neither in
  the package nor marked complete by an administrator) carries those years
  (``result.uncertain``, ``result.uncertain_years``): store the flag
  with the deadline and show it; features also list such deadlines to the
  administrators through their ``uncertain`` hook (:mod:`.recompute`).

Changing the override table fires :class:`~.events.CalendarChanged`; features
register ``config.add_deadline_recomputer(recompute, uncertain=...)`` to
recompute their open deadlines in the same transaction.
"""

from .core import (  # noqa: F401
    OFFICIAL,
    CalendarResult,
    DayStatus,
    OverrideEntry,
    WorkdayCalendar,
)
from .events import CalendarChange, CalendarChanged, ICalendarChanged  # noqa: F401
from .recompute import (  # noqa: F401
    UncertainDeadline,
    add_deadline_recomputer,
    deadline_recomputers,
    recompute_deadlines,
    uncertain_deadlines,
)
from .table import (  # noqa: F401
    find_table,
    get_calendar,
    remove_override,
    set_override,
    set_year_complete,
    update_calendar,
)


def includeme(config):
    config.add_directive("add_deadline_recomputer", add_deadline_recomputer)
    config.add_subscriber(recompute_deadlines, ICalendarChanged)
    config.include(".views")

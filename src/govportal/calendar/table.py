"""The administrators' override table, kept in the ZODB on each site's root.

The ``chinesecalendar`` package knows the official holidays up to 2026; each
December the State Council publishes the next year's arrangement, and an
administrator enters it here (management interface → 工作日历) until a newer
package release carries it.  Entries may also correct the package or add a
local arrangement.

Changing the table goes through :func:`update_calendar` (or
:func:`set_override` / :func:`remove_override`), which fires
:class:`~govportal.calendar.events.CalendarChanged`, so that open deadlines
are recomputed in the same transaction.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.threadlocal import get_current_registry
from pyramid.traversal import find_root

from ..siteobjects import site_object
from ..sitetime import now_utc
from .core import OverrideEntry, WorkdayCalendar, as_date
from .events import CalendarChange, CalendarChanged

#: The root attribute holding the site's :class:`OverrideTable`.
TABLE_ATTR = "govportal_workday_overrides"

#: The longest note an entry may carry.
MAX_NOTE = 100


class OverrideTable(Persistent):
    """Entries by date: ``date -> {"workday", "note", "by", "at"}``.

    Values are plain dicts, replaced and never mutated in place, so that the
    stored data do not depend on a class that may be renamed.  The OOBTree
    resolves concurrent changes of different dates; two changes of the same
    date conflict and the request is retried.
    """

    #: Years an administrator marked complete (the State Council's notice
    #: entered in full); until then a year with entries stays uncertain.
    complete_years = ()

    def __init__(self):
        self._entries = OOBTree()

    def get(self, day):
        value = self._entries.get(as_date(day))
        return None if value is None else _entry(as_date(day), value)

    def __contains__(self, day):
        return as_date(day) in self._entries

    def __len__(self):
        return len(self._entries)

    def entries(self):
        """Every entry, oldest date first."""
        return [_entry(day, value) for day, value in self._entries.items()]

    def mapping(self):
        return {entry.day: entry for entry in self.entries()}

    def years(self):
        return sorted({day.year for day in self._entries.keys()})

    def _set(self, day, workday, note, by, at):
        before = self.get(day)
        if before is not None and before.workday == workday and before.note == note:
            return None
        self._entries[day] = {"workday": bool(workday), "note": note, "by": by, "at": at}
        return CalendarChange(day, before, self.get(day))

    def _remove(self, day):
        before = self.get(day)
        if before is None:
            return None
        del self._entries[day]
        return CalendarChange(day, before, None)


def _entry(day, value):
    return OverrideEntry(day, value["workday"], value["note"], value["by"], value["at"])


def find_table(context, create=False):
    """The override table of the site ``context`` is in (None if it has none yet)."""
    return site_object(context, TABLE_ATTR, OverrideTable if create else None)


def get_calendar(context):
    """The :class:`~govportal.calendar.core.WorkdayCalendar` of ``context``'s site."""
    table = find_table(context)
    if table is None:
        return WorkdayCalendar({})
    return WorkdayCalendar(table.mapping(), complete_years=table.complete_years)


def _actor(request):
    if request is None:
        return ""
    user = getattr(request, "user", None)
    name = getattr(user, "__name__", None)
    if name:
        return name
    userid = getattr(request, "authenticated_userid", None)
    return "" if userid is None else str(userid)


def update_calendar(context, entries=(), remove=(), request=None, registry=None):
    """Change the override table of ``context``'s site in one step.

    ``entries`` is an iterable of ``(day, workday, note)`` (an existing entry of
    that date is replaced), ``remove`` an iterable of dates.  When anything
    changed, fires :class:`~govportal.calendar.events.CalendarChanged` once
    with every change.  Returns the tuple of changes (empty if none).
    """
    if registry is None:
        registry = getattr(request, "registry", None) or get_current_registry()
    root = find_root(context)
    table = find_table(root, create=True)
    by = _actor(request)
    at = now_utc().isoformat(timespec="seconds")
    changes = []
    for day, workday, note in entries:
        note = (note or "").strip()
        if len(note) > MAX_NOTE:
            raise ValueError(f"note longer than {MAX_NOTE} characters")
        change = table._set(as_date(day), bool(workday), note, by, at)
        if change is not None:
            changes.append(change)
    for day in remove:
        change = table._remove(as_date(day))
        if change is not None:
            changes.append(change)
    if changes:
        calendar = WorkdayCalendar(table.mapping(), complete_years=table.complete_years)
        registry.notify(CalendarChanged(root, changes, calendar, registry, request))
    return tuple(changes)


def set_year_complete(context, year, complete=True, request=None, registry=None):
    """Mark ``year`` complete (its notice entered in full) or not.

    Returns True when this changed anything; then fires
    :class:`~govportal.calendar.events.CalendarChanged` for the year, so that
    deadlines relying on it are recomputed (and lose or regain their flag).
    """
    if registry is None:
        registry = getattr(request, "registry", None) or get_current_registry()
    root = find_root(context)
    table = find_table(root, create=True)
    year = int(year)
    years = set(table.complete_years)
    if (year in years) == bool(complete):
        return False
    (years.add if complete else years.discard)(year)
    table.complete_years = tuple(sorted(years))
    calendar = WorkdayCalendar(table.mapping(), complete_years=table.complete_years)
    registry.notify(CalendarChanged(root, (), calendar, registry, request, years=(year,)))
    return True


def set_override(context, day, workday, note="", request=None, registry=None):
    """Enter one date (see :func:`update_calendar`)."""
    return update_calendar(
        context, entries=[(day, workday, note)], request=request, registry=registry
    )


def remove_override(context, day, request=None, registry=None):
    """Remove the entry of one date (see :func:`update_calendar`)."""
    return update_calendar(context, remove=[day], request=request, registry=registry)

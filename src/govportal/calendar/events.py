"""The event fired whenever a site's working-day override table changes."""

from dataclasses import dataclass

from zope.interface import Attribute, Interface, implementer


class ICalendarChanged(Interface):
    root = Attribute("the site root whose override table changed")
    changes = Attribute("tuple of CalendarChange, one per date that changed")
    years = Attribute("frozenset of the years the changed dates are in")
    calendar = Attribute("the WorkdayCalendar after the change")
    request = Attribute("the request, or None outside a request")
    registry = Attribute("the application registry")


@dataclass(frozen=True)
class CalendarChange:
    """One date of the table: its entry before and after (None: no entry)."""

    day: object  # datetime.date
    before: object  # OverrideEntry or None
    after: object  # OverrideEntry or None


@implementer(ICalendarChanged)
class CalendarChanged:
    """Fired inside the transaction that changed the table (so whatever its
    subscribers write commits — or is retried — together with the change)."""

    def __init__(self, root, changes, calendar, registry, request=None, years=()):
        self.root = root
        self.object = root  # substanced subscriber convention
        self.changes = tuple(changes)
        # the years of the changed dates, and any year marked (not) complete
        self.years = frozenset(c.day.year for c in self.changes) | frozenset(years)
        self.calendar = calendar
        self.registry = registry
        self.request = request

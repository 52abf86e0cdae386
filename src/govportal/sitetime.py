"""One rule for dates: stored in UTC, shown and reasoned about in the site's time zone.

Every date a person reads or a rule counts (发布日期, the 索引号 year, generated
names, feeds, sitemaps, statistics, deadlines) is the date in the site's
time zone — ``govportal.timezone``, ``Asia/Shanghai`` unless configured —
never the server's local date: on a UTC host anything done between 00:00 and
08:00 China time would otherwise carry the day before (the year before on
1 January).  Instants are stored as aware UTC datetimes (:func:`now_utc`).
"""

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from pyramid.threadlocal import get_current_registry

SETTING = "govportal.timezone"
DEFAULT_ZONE = "Asia/Shanghai"


@lru_cache(maxsize=8)
def _zone(name):
    return ZoneInfo(name)


def site_zone(registry=None):
    """The site's time zone (a ``ZoneInfo``)."""
    if registry is None:
        registry = get_current_registry()
    settings = getattr(registry, "settings", None) or {}
    return _zone((settings.get(SETTING) or DEFAULT_ZONE).strip())


class SiteZone(tzinfo):
    """The site's time zone, looked up when used (:data:`SITE_ZONE`).

    For module-level constants that convert for display
    (``when.astimezone(SITE_ZONE)``, ``datetime.now(SITE_ZONE)``): they follow
    ``govportal.timezone`` of the registry in force, where a ``ZoneInfo`` made at
    import would always say Asia/Shanghai.  Conversions return datetimes in the
    ``ZoneInfo`` itself.  Never stored: what is stored is UTC.
    """

    def _zone(self):
        return site_zone()

    def utcoffset(self, dt):
        return self._zone().utcoffset(dt)

    def dst(self, dt):
        return self._zone().dst(dt)

    def tzname(self, dt):
        return self._zone().tzname(dt)

    def fromutc(self, dt):
        zone = self._zone()
        return zone.fromutc(dt.replace(tzinfo=zone))

    def __reduce__(self):
        return "SITE_ZONE"

    def __repr__(self):
        return "govportal.sitetime.SITE_ZONE"


#: the site's zone, resolved on use (see :class:`SiteZone`)
SITE_ZONE = SiteZone()


def now_utc():
    """This instant, as an aware UTC datetime (what is stored)."""
    return datetime.now(UTC)


def as_utc(value):
    """``value`` (an aware datetime, or a naive one meaning UTC) as an aware UTC
    datetime: what is stored."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now(registry=None):
    """This instant in the site's time zone (what is shown and reasoned about)."""
    return datetime.now(site_zone(registry))


def today(registry=None):
    """Today's date in the site's time zone."""
    return now(registry).date()


def local(value, registry=None):
    """``value`` (an aware datetime, or a naive one meaning UTC) in the site's zone.

    A :class:`date` is returned as it is: it is already a site date.
    """
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(site_zone(registry))


def local_date(value, registry=None):
    """The site date of an instant (a date is returned as it is)."""
    value = local(value, registry)
    return value.date() if isinstance(value, datetime) else value

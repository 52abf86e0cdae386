"""One rule for dates: stored in UTC, shown and reasoned about in the site's time zone.

Every date a person reads or a rule counts (发布日期, the 索引号 year, generated
names, feeds, sitemaps, statistics, deadlines) is the date in the site's
time zone — ``govportal.timezone``, ``Asia/Shanghai`` unless configured —
never the server's local date: on a UTC host anything done between 00:00 and
08:00 China time would otherwise carry the day before (the year before on
1 January).  Instants are stored as aware UTC datetimes (:func:`now_utc`).
"""

from datetime import UTC, date, datetime
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


def now_utc():
    """This instant, as an aware UTC datetime (what is stored)."""
    return datetime.now(UTC)


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

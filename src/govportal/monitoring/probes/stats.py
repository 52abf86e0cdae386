"""Figures of a probe history: failure rates, probes per day, downtime.

Pure functions over :class:`Probe` records (oldest first), used by the
dashboard, the alarms and the external ``govportal-probe`` alike.  Days and
calendar weeks are those of the site's time zone (``zone``), never the host's.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class Probe:
    """One probe of one URL: ``at`` an aware UTC datetime."""

    at: datetime
    ok: bool
    status: int = 0
    seconds: float = 0.0
    error: str = ""


@dataclass(frozen=True)
class Window:
    """A period's probes: ``rate`` in percent (None without probes)."""

    start: datetime
    end: datetime
    probes: int
    failures: int
    downtime: timedelta

    @property
    def rate(self):
        return 100.0 * self.failures / self.probes if self.probes else None


@dataclass(frozen=True)
class Day:
    """One site day's probes."""

    day: object  # a date
    probes: int
    failures: int

    @property
    def rate(self):
        return 100.0 * self.failures / self.probes if self.probes else None


def between(probes, start, end):
    """The probes with ``start <= at < end``."""
    return [p for p in probes if start <= p.at < end]


def downtime(probes, end, interval):
    """Time down: from each failure to the next probe (or ``end``), each gap
    counted at most twice the ``interval`` (seconds; a longer gap means the
    prober was not running, which says nothing about the site)."""
    cap = timedelta(seconds=2 * interval)
    total = timedelta(0)
    for i, probe in enumerate(probes):
        if probe.ok:
            continue
        following = probes[i + 1].at if i + 1 < len(probes) else end
        total += min(max(following - probe.at, timedelta(0)), cap)
    return total


def window(probes, start, end, interval):
    """The :class:`Window` of ``probes`` from ``start`` to ``end``."""
    inside = between(probes, start, end)
    failures = sum(1 for p in inside if not p.ok)
    return Window(start, end, len(inside), failures, downtime(inside, end, interval))


def rolling_week(probes, now, interval):
    """The seven days up to ``now``."""
    return window(probes, now - timedelta(days=7), now, interval)


def week_start(now, zone):
    """Monday 00:00 (site time) of the calendar week holding ``now``, in UTC."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone).astimezone(UTC)


def calendar_weeks(probes, now, zone, interval):
    """(this calendar week so far, last calendar week), weeks from Monday in site time."""
    this_start = week_start(now, zone)
    last_start = week_start(this_start - timedelta(days=1), zone)
    return (
        window(probes, this_start, now, interval),
        window(probes, last_start, this_start, interval),
    )


def per_day(probes, now, zone, days=7):
    """:class:`Day` figures of the last ``days`` site days, today last."""
    today = now.astimezone(zone).date()
    wanted = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    counts = {d: [0, 0] for d in wanted}
    for probe in probes:
        day = probe.at.astimezone(zone).date()
        if day in counts:
            counts[day][0] += 1
            counts[day][1] += 0 if probe.ok else 1
    return [Day(d, *counts[d]) for d in wanted]


def consecutive_failures(probes):
    """How many of the newest probes failed in a row."""
    count = 0
    for probe in reversed(probes):
        if probe.ok:
            break
        count += 1
    return count


def format_rate(rate):
    """``"1.25%"``, or an em dash without probes."""
    return "—" if rate is None else f"{rate:.2f}%"


def format_duration(delta):
    """``"2 小时 5 分钟"``: a downtime for people."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} 小时 {minutes} 分钟"
    return f"{minutes} 分钟"

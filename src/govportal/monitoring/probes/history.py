"""The in-process probes' history, in the monitor's own database.

Section ``probes`` (:func:`govportal.monitoring.store.section`) holds a
:class:`ProbeBook`: one :class:`Series` per site and path (``("/jyj/",
"")`` is the education bureau's home page), each a ``LOBTree`` keyed by the
probe's start in microseconds since the epoch, valued ``(ok, status,
seconds, error)``; and the :class:`DueClock` of the next round, a separate
object so that claiming a round never conflicts with recording one.  History
older than :data:`~.config.KEEP_DAYS` is pruned as rounds are recorded.
"""

from datetime import UTC, datetime, timedelta

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ..store import section
from .config import KEEP_DAYS
from .stats import Probe

SECTION = "probes"


class DueClock(Persistent):
    """When the next round is due (epoch seconds); written once a round."""

    def __init__(self):
        self.next_due = 0.0
        self.last_round = None


class ProbeBook(Persistent):
    def __init__(self):
        self.series = OOBTree()
        self.clock = DueClock()


def book(root, create=True):
    """The probes' section (None when absent and not ``create``)."""
    return section(root, SECTION, ProbeBook, create=create)


def claim(found, now, interval):
    """Take the round due at ``now`` (epoch seconds): True when it was due
    (then the next is due ``interval`` seconds later).  Two processes that
    both claim write the same object: the later commit conflicts, and its
    retry finds the round taken."""
    clock = found.clock
    if now < clock.next_due:
        return False
    clock.next_due = now + interval
    clock.last_round = now
    return True


def _stamp(at):
    return int(at.timestamp() * 1_000_000)


def _moment(stamp):
    return datetime.fromtimestamp(stamp / 1_000_000, UTC)


def record(found, site_path, path, at, result):
    """Store ``result`` (a :class:`~.fetch.Result`) of the probe of
    ``site_path`` + ``path`` that started at ``at``; returns its key."""
    key = (site_path, path)
    series = found.series.get(key)
    if series is None:
        series = found.series[key] = LOBTree()
    stamp = _stamp(at)
    while stamp in series:
        stamp += 1
    series[stamp] = (bool(result.ok), int(result.status), float(result.seconds), result.error)
    return stamp


def prune(found, now, keep_days=KEEP_DAYS):
    """Forget probes older than ``keep_days``; returns how many."""
    horizon = _stamp(now - timedelta(days=keep_days))
    dropped = 0
    for series in found.series.values():
        old = list(series.keys(max=horizon, excludemax=True))
        for stamp in old:
            del series[stamp]
        dropped += len(old)
    return dropped


def probes(found, site_path, path="", since=None, until=None):
    """The :class:`~.stats.Probe` records of one series, oldest first."""
    if found is None:
        return []
    series = found.series.get((site_path, path))
    if series is None:
        return []
    low = _stamp(since) if since is not None else None
    high = _stamp(until) if until is not None else None
    return [Probe(_moment(stamp), *value) for stamp, value in series.items(min=low, max=high)]


def paths_of(found, site_path):
    """The paths probed on a site (``""``, the home page, first)."""
    if found is None:
        return []
    keys = found.series.keys(min=(site_path, ""), max=(site_path, "\uffff"))
    return [path for _site, path in keys]

"""The self-check's history in the monitor database, and its weekly run.

Section ``selfcheck`` (:func:`govportal.monitoring.store.section`) holds a
:class:`SelfcheckBook`: ``runs``, an ``LOBTree`` keyed by the run's time in
microseconds since the epoch, each value a :class:`Run` (its own persistent
object, so the tree's buckets stay small) with every site's result as plain
data; ``latest``, the key of the newest run; ``clock``, when the weekly run
is due next (a separate object: claiming the weekly run never conflicts with
a run recorded by hand).

**One entry per distinct run.**  Recording a run writes ``latest``, so two
runs recorded at once conflict and the later one is retried after the
first committed.  A run that finds the newest entry less than
:data:`SAME_RUN_SECONDS` old with the very same results is the same run
asked twice (a double click, a replayed form, 16 people pressing 立即自查 in
the same second): nothing new is stored and the newest entry is shown.
"""

from datetime import UTC, datetime, timedelta

from BTrees.LOBTree import LOBTree
from persistent import Persistent

from .. import sitetime
from ..monitoring.store import section

SECTION = "selfcheck"
#: a run this close to the newest one, with the same results, is not stored again
SAME_RUN_SECONDS = 120
#: the weekly run: Monday (0) at 06:00 in the site's time zone
WEEKLY_DAY, WEEKLY_HOUR = 0, 6
#: runs kept (about five years of weekly runs, with room for runs by hand)
KEEP_RUNS = 500


class Run(Persistent):
    """One self-check of the site group: when, by whom, every site's result."""

    def __init__(self, at, by, sites):
        self.at = at
        self.by = by  # "schedule", "script" or a user's login name
        self.sites = sites  # [SiteResult.as_dict(), ...]

    def site(self, site_path):
        return next((s for s in self.sites if s["site"] == site_path), None)


class Clock(Persistent):
    next_run = None  # aware UTC datetime


class SelfcheckBook(Persistent):
    def __init__(self):
        self.runs = LOBTree()
        self.latest = None
        self.clock = Clock()


def book(root, create=True):
    return section(root, SECTION, SelfcheckBook, create=create)


def _stamp(at):
    return int(at.timestamp() * 1_000_000)


def runs(root, limit=None):
    """Stored runs, oldest first (the newest ``limit`` when given)."""
    found = book(root, create=False)
    if found is None:
        return []
    keys = list(found.runs.keys())
    if limit is not None:
        keys = keys[-limit:]
    return [found.runs[k] for k in keys]


def newest(root):
    found = book(root, create=False)
    if found is None or found.latest is None:
        return None
    return found.runs.get(found.latest)


def _outcome(sites):
    """What makes two runs the same: each site's score, verdict and evidence."""
    return [(s["site"], s["score"], s["passed"], s["items"]) for s in sites]


def record(root, results, by, at=None):
    """Store a run of ``results`` (:class:`~.compute.SiteResult`); returns
    ``(run, stored)`` — ``stored`` False when it repeats the newest run."""
    at = at or sitetime.now_utc()
    sites = [r.as_dict() for r in results]
    found = book(root)
    last = found.runs.get(found.latest) if found.latest is not None else None
    if (
        last is not None
        and abs((at - last.at).total_seconds()) < SAME_RUN_SECONDS
        and _outcome(last.sites) == _outcome(sites)
    ):
        return last, False
    stamp = _stamp(at)
    while stamp in found.runs:
        stamp += 1
    run = found.runs[stamp] = Run(at, by, sites)
    found.latest = stamp
    extra = len(found.runs) - KEEP_RUNS
    for key in list(found.runs.keys())[: max(extra, 0)]:
        del found.runs[key]
    return run, True


def next_weekly(now, registry):
    """The first weekly run time after ``now`` (UTC)."""
    zone = sitetime.site_zone(registry)
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=(WEEKLY_DAY - local.weekday()) % 7)
    when = datetime(day.year, day.month, day.day, WEEKLY_HOUR, tzinfo=zone)
    if when <= local:
        when += timedelta(days=7)
    return when.astimezone(UTC)


def claim_weekly(root, registry, now=None):
    """True when the weekly run is due now (then the next is set a week on).
    The first call only sets the first weekly time (a fresh site is checked
    by the schedule from then on, or at once by hand)."""
    now = now or sitetime.now_utc()
    clock = book(root).clock
    if clock.next_run is None:
        clock.next_run = next_weekly(now, registry)
        return False
    if now < clock.next_run:
        return False
    clock.next_run = next_weekly(now, registry)
    return True

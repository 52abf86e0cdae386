"""Weekly and monthly snapshots of the current-state figures, in the monitor DB.

Stale and empty columns and broken links have no dates: what was true in a
past period is known only if someone wrote it down then.  The periodic job
:func:`snapshot_job` takes, once per week and once per month (site time),
a snapshot of every site's counts — from the update monitoring
(:func:`govportal.monitoring.freshness.compute.compute_all`) and the link
check's last finished run (:func:`govportal.monitoring.links.store.site_links`)
— into the monitor's section ``scorecards``.  The next run of each kind is
stored (the start of the following period, UTC) so that several processes
do not all take it; when two race, one commits and the other's conflict
retry finds the snapshot there: one snapshot per period.
"""

from datetime import UTC, datetime, time

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .. import sitetime
from ..content import site_group
from ..monitoring.freshness.compute import compute_all
from ..monitoring.links.store import site_links
from ..monitoring.store import section
from .periods import KINDS, period_of

SECTION = "scorecards"


class ScorecardSection(Persistent):
    """``snapshots``: (kind, period key) -> plain dict; ``next_run``: kind -> UTC datetime."""

    def __init__(self):
        self.snapshots = OOBTree()
        self.next_run = OOBTree()


def scorecard_section(obj, create=True):
    return section(obj, SECTION, ScorecardSection, create=create)


def snapshot_of(root, period):
    """The stored snapshot of ``period`` (None if none was taken)."""
    found = scorecard_section(root, create=False)
    return found.snapshots.get((period.kind, period.key)) if found is not None else None


def take(root, registry, sites=None):
    """Every site's current counts: ``{site path: {stale, empty, broken}}``."""
    counts = {}
    for report in compute_all(root, registry, sites=sites):
        links = site_links(root, report.site_path)
        counts[report.site_path] = {
            "stale": len(report.stale),
            "empty": len(report.empty),
            "broken": len(links.broken) if links is not None and links.checked else None,
        }
    return counts


def _start_utc(day, registry):
    start = datetime.combine(day, time(0), tzinfo=sitetime.site_zone(registry))
    return start.astimezone(UTC)


def snapshot_job(root, request):
    """Periodic job: a snapshot for the current week and month if not yet taken.

    Returns True when it wrote (the scheduler then commits)."""
    registry = request.registry
    now = sitetime.now_utc()
    today = sitetime.today(registry)
    store = scorecard_section(root)
    due = [k for k in KINDS if store.next_run.get(k) is None or store.next_run[k] <= now]
    if not due:
        return False
    counts = None
    for kind in due:
        period = period_of(kind, today)
        key = (kind, period.key)
        if key not in store.snapshots:
            if counts is None:
                counts = take(root, registry, site_group(root))
            store.snapshots[key] = {"taken": now, "period": period.key, "sites": counts}
        store.next_run[kind] = _start_utc(period.following().start, registry)
    return True


def snapshot_task(root, request, args):
    """``govportal-monitor INI scorecards`` / 立即运行: the snapshot job, reported."""
    wrote = snapshot_job(root, request)
    return "scorecards: snapshot taken" if wrote else "scorecards: nothing due"

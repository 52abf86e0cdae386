"""The in-process probe: a periodic job of the scheduler, and the ``probe`` task.

:func:`probe_job` runs on every scheduler round (``config.add_periodic_job``)
when ``govportal.monitoring.probes`` is ``thread``.  A round is due every
``probe_interval`` seconds; the due time is stored in the monitor database
(:class:`~.history.DueClock`), so of several processes — or threads — only
one probes: the first to commit its claim; the others conflict, and their
retry finds the round taken.

Fetching a page may take ``probe_timeout`` seconds, so the job works in
three steps, none holding a transaction open across the network:

1. in the scheduler's transaction: is a round due?  Claim it, note the
   URLs, **commit**;
2. fetch every URL, with no transaction open (the connection's snapshot was
   released by the commit);
3. a new short transaction on the same connection: record the results,
   judge the sites, raise or clear alarms (mail and SMS go out when it
   commits), retried on conflicts.

The ``probe`` task (``govportal-monitor INI probe``, the dashboard's 立即运行)
makes a round due now where scheduler threads probe, else probes at once
in its caller's transaction (:func:`probe_task`).
"""

import logging
import random
import time

import transaction
from ZODB.POSException import ConflictError

from ...i18n import _, translate
from ...siteurl import PublicURLMissing
from . import history
from .config import ProbeConfig
from .rounds import observe, plan, report, store

log = logging.getLogger(__name__)

#: attempts of step 3 before the round's results are given up
RECORD_ATTEMPTS = 8


def probe_job(root, request):
    """Periodic job: one probe round when due (see the module's docstring).
    Returns False: what it writes, it commits itself."""
    registry = request.registry
    conf = ProbeConfig.from_settings(registry.settings)
    if conf.mode != "thread":
        return False
    found = history.book(root, create=False)
    if found is not None and time.time() < found.clock.next_due:
        return False  # not due: nothing written, nothing to abort
    if not history.claim(history.book(root), time.time(), conf.interval):
        return False
    try:
        targets = plan(root, registry, conf)
    except PublicURLMissing:
        log.warning("probes: neither govportal.public_url nor a portal domain: nothing probed")
        return True  # the claim is kept: said once an interval, not every scheduler round
    transaction.get().note("govportal probes: claim a round")
    transaction.commit()  # a ConflictError here: another process took the round
    at, seen = observe(targets, conf)
    _record(request, at, seen, conf)
    return False


def _record(request, at, seen, conf):
    for attempt in range(1, RECORD_ATTEMPTS + 1):
        transaction.begin()
        try:
            transaction.get().note("govportal probes: record a round")
            store(request.root, request, at, seen, conf)
            transaction.commit()
            return
        except ConflictError:
            transaction.abort()
            if attempt == RECORD_ATTEMPTS:
                log.error("probe round of %s not recorded: conflicts", at.isoformat())
                raise
            time.sleep(random.uniform(0.05, 0.3) * attempt)  # noqa: S311
        except BaseException:
            transaction.abort()
            raise


def scheduled_here(registry, conf):
    """Whether the servers' scheduler threads probe (then a task only makes
    the round due: no page is fetched inside a request, which could wait
    for the very server it runs in)."""
    worker = (registry.settings.get("govportal.schedule.worker") or "thread").strip()
    return conf.mode == "thread" and worker == "thread"


def probe_task(root, request, args):
    """Task ``probe``.  Where the scheduler threads probe, it makes a round
    due now (one scheduler round, ≤ 30 s, later one process probes);
    otherwise — or with the argument ``now`` (``govportal-monitor INI probe
    now``) — it probes at once and records in the caller's transaction
    (which then stays open while the pages are fetched)."""
    registry = request.registry
    conf = ProbeConfig.from_settings(registry.settings)
    if scheduled_here(registry, conf) and "now" not in args:
        history.book(root).clock.next_due = 0.0
        return translate(
            request,
            _(
                "probe-task-scheduled",
                default="已安排：调度线程将在一分钟内探测各网站（结果见“可用性监测”）。",
            ),
        )
    at, seen = observe(plan(root, registry, conf), conf)
    verdicts = store(root, request, at, seen, conf)
    return report(request, seen, verdicts)

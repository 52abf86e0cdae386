"""What a scrape computes: this process's gauges and the database facts.

* :func:`update_process_gauges` — the search indexer's queue, lag and state
  and the scheduler's last round, as this process sees them (also run by
  the periodic job of every process, so that in multi-process mode each
  process's values are fresh in the shared files);
* :class:`DatabaseFacts` — a collector of what the databases say, the same
  for every process: open deadlines by source, state and level
  (:mod:`.deadlines`) and open monitoring alarms by kind and level
  (:func:`govportal.monitoring.alarms.open_alarms`).  Computed in a
  connection of its own whose transaction is always aborted, at most once
  every :data:`FACTS_SECONDS` (several scrapers, one computation).
"""

import logging
import threading
import time
from collections import Counter

import transaction
from prometheus_client.core import GaugeMetricFamily
from pyramid.threadlocal import manager

from ..health import checks

log = logging.getLogger(__name__)

#: Seconds the database facts are reused.
FACTS_SECONDS = 60.0


def update_process_gauges(registry, metrics, now=None):
    now = time.time() if now is None else now
    result = checks.search_indexer(registry, now)
    metrics.search_queue.set(result.facts.get("pending", 0))
    metrics.search_lag.set(result.facts.get("lag_s", 0.0))
    metrics.search_up.set(0 if result.status == checks.FAIL else 1)
    worker = getattr(registry, "govportal_scheduler", None)
    if worker is not None and worker.last_round is not None:
        metrics.scheduler_last_round.set(worker.last_round)


class DatabaseFacts:
    """A prometheus_client collector of the database facts (see module doc)."""

    def __init__(self, registry, ttl=FACTS_SECONDS):
        self.registry = registry
        self.ttl = ttl
        self._lock = threading.Lock()
        self._facts = None  # (monotonic time, facts or None when it failed)

    def describe(self):
        return []

    def collect(self):
        facts = self.facts()
        up = GaugeMetricFamily(
            "govportal_database_facts_up",
            "1 when the last computation of the database facts succeeded",
            value=0 if facts is None else 1,
        )
        yield up
        if facts is None:
            return
        deadlines = GaugeMetricFamily(
            "govportal_open_deadlines",
            "Open items with a time limit, by source, workflow state and level",
            labels=["source", "state", "level"],
        )
        for (source, state, level), count in sorted(facts["deadlines"].items()):
            deadlines.add_metric([source, state, level], count)
        yield deadlines
        alarms = GaugeMetricFamily(
            "govportal_monitoring_open_alarms",
            "Open alarms of the operations monitor, by kind and level",
            labels=["kind", "level"],
        )
        for (kind, level), count in sorted(facts["alarms"].items()):
            alarms.add_metric([kind, level], count)
        yield alarms

    def facts(self):
        found = self._facts
        if found is not None and time.monotonic() - found[0] < self.ttl:
            return found[1]
        with self._lock:
            found = self._facts
            if found is None or time.monotonic() - found[0] >= self.ttl:
                try:
                    value = self.compute()
                except Exception:
                    log.exception("metrics: could not read the database facts")
                    value = None
                found = self._facts = (time.monotonic(), value)
        return found[1]

    def compute(self):
        """Read the facts in a connection of its own; never commits."""
        from ..alarms import open_alarms
        from .deadlines import count_open, counting_request

        db = self.registry._zodb_databases[""]
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            root = conn.root().get("app_root")
            if root is None:
                return {"deadlines": Counter(), "alarms": Counter()}
            request = counting_request(self.registry, root)
            manager.push({"registry": self.registry, "request": request})
            try:
                deadlines = count_open(root, request)
                alarms = Counter((a.kind, a.level) for a in open_alarms(root))
            finally:
                manager.pop()
            return {"deadlines": deadlines, "alarms": alarms}
        finally:
            tm.abort()
            conn.close()

"""The metrics this process counts, and how they are exposed.

One :class:`Metrics` per application (tests make many: each has its own
``CollectorRegistry``, never prometheus_client's global one).  In
multi-process mode (:mod:`.multiproc`) the values live in memory-mapped
files of the shared directory and a scrape merges every process's files.

The hot path (:meth:`Metrics.observe`) keeps the labelled children in
plain dicts: a lookup instead of ``labels()`` (which takes a lock), and no
lock of ours — two threads adding the same child at once get the same
object from prometheus_client.
"""

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

#: Latency buckets (seconds): a cached page answers in about a millisecond,
#: a first render in tens, a search or a report in hundreds.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CACHE_RESULTS = ("hit", "miss", "pass")


class Metrics:
    """The counters, histograms and gauges of one application."""

    def __init__(self, multiprocess_dir=None):
        self.multiprocess_dir = multiprocess_dir
        # in multi-process mode the values are in files; a scrape collects
        # those (a registry of our own would count this process twice)
        self.registry = None if multiprocess_dir else CollectorRegistry(auto_describe=True)
        reg = self.registry
        self.requests = Counter(
            "govportal_http_requests",
            "HTTP requests answered, by view (route or content type and view name) "
            "and status class",
            ["view", "status"],
            registry=reg,
        )
        self.duration = Histogram(
            "govportal_http_request_duration_seconds",
            "Time to answer a request (until the answer is ready to send), by view",
            ["view"],
            buckets=BUCKETS,
            registry=reg,
        )
        self.cache = Counter(
            "govportal_render_cache",
            "Answers to anonymous GET/HEAD by the render cache's verdict "
            "(hit: from the cache; miss: rendered and stored; pass: not storable)",
            ["result"],
            registry=reg,
        )
        self.conflicts = Counter(
            "govportal_transaction_conflicts",
            "Transient errors (ZODB conflicts, commit-lock timeouts) that ended an "
            "attempt at a request, by error and object class",
            ["kind"],
            registry=reg,
        )
        self.retries = Counter(
            "govportal_transaction_retries",
            "Requests run again after a transient error (pyramid_retry), by kind",
            ["kind"],
            registry=reg,
        )
        self.login_failures = Counter(
            "govportal_login_failures", "Failed sign-ins (audit action login.failure)", registry=reg
        )
        self.scheduler_rounds = Counter(
            "govportal_scheduler_rounds", "Rounds of the scheduler thread", registry=reg
        )
        self.scheduler_last_round = Gauge(
            "govportal_scheduler_last_round_timestamp_seconds",
            "Unix time the scheduler last ran its jobs (the latest of any process)",
            registry=reg,
            multiprocess_mode="livemax",
        )
        self.search_queue = Gauge(
            "govportal_search_queue_length",
            "Units of indexing work queued (summed over live processes)",
            registry=reg,
            multiprocess_mode="livesum",
        )
        self.search_lag = Gauge(
            "govportal_search_lag_seconds",
            "Seconds queued indexing has waited without progress (the worst live process)",
            registry=reg,
            multiprocess_mode="livemax",
        )
        self.search_up = Gauge(
            "govportal_search_indexer_up",
            "1 unless the indexer of a live process is closed or its thread is stuck",
            registry=reg,
            multiprocess_mode="livemin",
        )
        self._requests = {}
        self._durations = {}
        self._cache = {r: self.cache.labels(r) for r in CACHE_RESULTS}

    def observe(self, view, status, seconds, cache=None):
        """Count one answer (the hot path: dict lookups and prometheus_client)."""
        key = (view, status)
        child = self._requests.get(key)
        if child is None:
            child = self._requests[key] = self.requests.labels(view, status)
        child.inc()
        hist = self._durations.get(view)
        if hist is None:
            hist = self._durations[view] = self.duration.labels(view)
        hist.observe(seconds)
        if cache is not None:
            counter = self._cache.get(cache)
            if counter is not None:
                counter.inc()

    def exposition(self, extra=None):
        """The text exposition: this process's metrics (every process's in
        multi-process mode) and the collectors of ``extra`` (a registry)."""
        if self.multiprocess_dir:
            merged = CollectorRegistry()
            MultiProcessCollector(merged, path=self.multiprocess_dir)
            text = generate_latest(merged)
        else:
            text = generate_latest(self.registry)
        if extra is not None:
            text += generate_latest(extra)
        return text

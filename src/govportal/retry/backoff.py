"""The pause before another attempt of a request that hit a conflict."""

import logging
import random
import time

from .stats import describe_conflict

log = logging.getLogger(__name__)


class Backoff:
    """Exponential back-off with full jitter.

    Before attempt ``n + 1`` (``n`` ≥ 1 attempts have failed) the pause is
    drawn uniformly from ``[0, min(max_ms, base_ms · 2^(n-1))]``: spread
    writers apart at once, and further apart the more often they collide,
    never longer than ``max_ms``.  ``sleep`` and ``uniform`` are replaceable
    for tests.
    """

    def __init__(self, base_ms=25.0, max_ms=2000.0, sleep=time.sleep, uniform=random.uniform):
        if base_ms < 0 or max_ms < 0:
            raise ValueError("back-off times must not be negative")
        self.base_ms = float(base_ms)
        self.max_ms = float(max_ms)
        self.sleep = sleep
        self.uniform = uniform

    @classmethod
    def from_settings(cls, settings):
        return cls(
            base_ms=float(settings.get("govportal.retry.base_ms", 25)),
            max_ms=float(settings.get("govportal.retry.max_ms", 2000)),
        )

    def bound_ms(self, failed):
        """The longest pause (ms) after ``failed`` failed attempts."""
        return min(self.max_ms, self.base_ms * 2 ** max(0, failed - 1))

    def pause(self, failed):
        """Sleep before the next attempt; return the pause in seconds."""
        seconds = self.uniform(0.0, self.bound_ms(failed)) / 1000.0
        if seconds > 0:
            self.sleep(seconds)
        return seconds


def before_retry(event):
    """``IBeforeRetry`` subscriber: count, log, then pause."""
    request = event.request
    registry = request.registry
    failed = request.environ.get("retry.attempt", 0) + 1
    what = describe_conflict(event.exception)
    stats = getattr(registry, "govportal_retry_stats", None)
    if stats is not None:
        stats.record(what)
    backoff = getattr(registry, "govportal_retry_backoff", None)
    pause = backoff.pause(failed) if backoff is not None else 0.0
    log.debug(
        "retry %d of %s %s after %s; pausing %.0f ms",
        failed,
        request.method,
        request.path,
        what,
        pause * 1000,
    )

"""In-process rate limiting of the API: one token bucket per client.

A bucket holds at most ``capacity`` requests and refills ``capacity`` per
``period`` seconds, continuously.  Anonymous clients are keyed by their
address (``REMOTE_ADDR``: a forwarded header is the client's to forge),
partner tokens by the token's id with a larger bucket
(``govportal.api.anonymous_rate`` / ``token_rate``, "N/SECONDS").  Each
process limits alone: with several processes a client gets at most that many
times the rate, which is what an in-process limit can promise.
"""

import threading
import time

#: buckets kept per limiter before the idle ones are dropped
MAX_BUCKETS = 50_000


def parse_rate(text, default=(60, 60.0)):
    """``"N/SECONDS"`` as ``(N, seconds)``; the default for a bad value."""
    try:
        count, seconds = str(text).split("/", 1)
        count, seconds = int(count), float(seconds)
    except (TypeError, ValueError):
        return default
    if count < 1 or seconds <= 0:
        return default
    return count, seconds


class TokenBucket:
    """Buckets by key: :meth:`take` spends one request or says how long to wait."""

    def __init__(self, capacity, period, clock=time.monotonic):
        self.capacity = capacity
        self.rate = capacity / period  # requests regained per second
        self.clock = clock
        self.lock = threading.Lock()
        self.buckets = {}  # key -> (tokens, updated)

    def take(self, key):
        """0 when the request may go on, else the seconds until it may."""
        now = self.clock()
        with self.lock:
            tokens, updated = self.buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - updated) * self.rate)
            if tokens >= 1:
                self.buckets[key] = (tokens - 1, now)
                self._trim(now)
                return 0.0
            self.buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate

    def _trim(self, now):
        if len(self.buckets) <= MAX_BUCKETS:
            return
        full = self.capacity / self.rate
        for key in [k for k, (_t, u) in self.buckets.items() if now - u > full]:
            del self.buckets[key]


def limiters(registry):
    """The process's ``(anonymous, token)`` buckets, made on first use."""
    found = registry.__dict__.get("govportal_api_limiters")
    if found is None:
        settings = registry.settings
        found = (
            TokenBucket(*parse_rate(settings.get("govportal.api.anonymous_rate"))),
            TokenBucket(*parse_rate(settings.get("govportal.api.token_rate"), (600, 60.0))),
        )
        registry.govportal_api_limiters = found
    return found

"""The metrics execution policy: every request timed, ``/metrics`` served.

:class:`MetricsPolicy` wraps the health policy (which wraps the render
cache's and ``pyramid_retry``'s) and is wrapped by the hardening policy.
So it times every answer the application makes — pages served from the
render cache before any request object exists, retried requests as one,
``/healthz`` and ``/readyz`` — which a tween alone could not (cache hits
never reach the tweens).  The labels come from :mod:`.tween` through the
WSGI environ; a cache hit is labelled ``render_cache``.

``/metrics`` is answered here too, before any request or transaction:
allowed callers (:mod:`.access`) get the text exposition, others a 404.
"""

import time

from ...cache.store import CachedAnswer
from ..health.policy import VIEW_KEY, answer
from .tween import CACHE_HEADER, CACHE_KEY

METRICS = "/metrics"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
CACHE_HIT_VIEW = "render_cache"

_perf = time.perf_counter


def _status_class(answer):
    status = getattr(answer, "status", None)
    if isinstance(status, str) and status[:1].isdigit():
        return status[0] + "xx"
    return "other"


def _hit_marker(answer):
    for name, value in reversed(answer.headers):
        if name == CACHE_HEADER:
            return value
    return None


class MetricsPolicy:
    def __init__(self, inner, metrics, access, scrape):
        self.inner = inner
        self.metrics = metrics
        self.access = access
        self.scrape = scrape  # () -> exposition bytes

    def __call__(self, environ, router):
        if environ.get("PATH_INFO") == METRICS:
            return self.serve(environ)
        started = _perf()
        try:
            result = self.inner(environ, router)
        except BaseException:
            view = environ.get(VIEW_KEY) or "unhandled"
            self.metrics.observe(view, "5xx", _perf() - started)
            raise
        elapsed = _perf() - started
        view = environ.get(VIEW_KEY)
        cache = environ.get(CACHE_KEY)
        if view is None:
            if type(result) is CachedAnswer:
                cache = _hit_marker(result)
                view = CACHE_HIT_VIEW if cache else "unlabelled"
            else:
                view = "unlabelled"
        self.metrics.observe(view, _status_class(result), elapsed, cache)
        return result

    def serve(self, environ):
        environ[VIEW_KEY] = "metrics"
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not self.access.allows(environ):
            return answer("404 Not Found", "text/plain; charset=utf-8", b"Not Found\n")
        return answer("200 OK", CONTENT_TYPE, self.scrape())


def install(config, metrics, access, scrape):
    """Wrap the execution policy in force (a late configuration action:
    after the health policy's, before the hardening policy's)."""
    from pyramid.interfaces import IExecutionPolicy
    from pyramid.router import default_execution_policy

    registry = config.registry
    inner = registry.queryUtility(IExecutionPolicy, default=default_execution_policy)
    if isinstance(inner, MetricsPolicy):
        return
    registry.registerUtility(MetricsPolicy(inner, metrics, access, scrape), IExecutionPolicy)

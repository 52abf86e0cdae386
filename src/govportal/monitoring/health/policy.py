"""``/healthz`` and ``/readyz``, answered before Pyramid makes a request.

:class:`HealthPolicy` wraps the execution policy in force (the render
cache's, which wraps ``pyramid_retry``'s) and is itself wrapped by the
hardening policy, which adds the security headers to its answers.  For
the two paths it answers at once: no request object, no session, no
transaction, no traversal, no render cache, no CSRF — nothing that could
write or that a broken database could block (``/readyz`` reads the
databases itself, in time-limited threads: :mod:`.readiness`).
"""

from ...cache.store import CachedAnswer

HEALTHZ = "/healthz"
READYZ = "/readyz"
#: environ key naming the view for the metrics (:mod:`..metrics`)
VIEW_KEY = "govportal.metrics.view"

_HEADERS = [("Cache-Control", "no-store")]


def answer(status, content_type, body):
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        *_HEADERS,
    ]
    return CachedAnswer(status, headers, body)


class HealthPolicy:
    """Answers ``/healthz`` and ``/readyz``; hands anything else on."""

    def __init__(self, inner, readiness):
        self.inner = inner
        self.readiness = readiness

    def __call__(self, environ, router):
        path = environ.get("PATH_INFO")
        if path != HEALTHZ and path != READYZ:
            return self.inner(environ, router)
        environ[VIEW_KEY] = path[1:]
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            refused = answer("405 Method Not Allowed", "text/plain; charset=utf-8", b"")
            refused.headers.append(("Allow", "GET, HEAD"))
            return refused
        if path == HEALTHZ:
            return answer("200 OK", "text/plain; charset=utf-8", b"ok\n")
        ready, body = self.readiness.answer()
        status = "200 OK" if ready else "503 Service Unavailable"
        return answer(status, "application/json", body)


def install(config, readiness):
    """Wrap the execution policy in force (a late configuration action:
    after the render cache's, before the hardening policy's)."""
    from pyramid.interfaces import IExecutionPolicy
    from pyramid.router import default_execution_policy

    registry = config.registry
    inner = registry.queryUtility(IExecutionPolicy, default=default_execution_policy)
    if isinstance(inner, HealthPolicy):
        return
    registry.registerUtility(HealthPolicy(inner, readiness), IExecutionPolicy)

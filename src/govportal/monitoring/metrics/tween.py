"""The metrics tween: which view answered, the cache's verdict, conflicts.

The outermost tween (over the render cache's), so it sees every answer a
view gives — after the cache tween marked it (``X-Govportal-Cache``) and
after ``pyramid_tm`` committed or failed.  It only leaves labels in the
WSGI environ; the execution policy (:mod:`.policy`), which also sees the
cache hits that never reach a tween, times and counts the request.

A view's label is bounded whatever the client asks: the route name, or the
class of the traversal context, with the view name (``Document``,
``Root@@search``, ``__static/``); a request that ended in an exception is
``exception:<class>`` (``exception:HTTPNotFound`` for every unknown path),
except redirects raised as exceptions, which keep their view's label.
"""

from transaction.interfaces import TransientError

from ...retry.stats import describe_conflict
from ..health.policy import VIEW_KEY

CACHE_KEY = "govportal.metrics.cache"
CACHE_HEADER = "X-Govportal-Cache"


def view_label(request, exc=None):
    """The bounded label of the view that answered ``request``."""
    if exc is not None:
        code = getattr(exc, "code", None)
        if not (isinstance(code, int) and code < 400):
            return "exception:" + type(exc).__name__
    route = getattr(request, "matched_route", None)
    if route is not None:
        base = route.name
    else:
        base = type(getattr(request, "context", None)).__name__
    name = getattr(request, "view_name", "")
    return f"{base}@@{name}" if name else base


def conflict_kind(exc):
    """The error and object class of a conflict, without its oid."""
    return " ".join(p for p in describe_conflict(exc).split() if not p.startswith("0x"))


def metrics_tween_factory(handler, registry):
    metrics = registry.govportal_metrics

    def metrics_tween(request):
        environ = request.environ
        try:
            response = handler(request)
        except Exception as exc:
            environ[VIEW_KEY] = view_label(request, exc)
            if isinstance(exc, TransientError):
                metrics.conflicts.labels(conflict_kind(exc)).inc()
            raise
        exc = getattr(request, "exception", None)
        environ[VIEW_KEY] = view_label(request, exc)
        if exc is not None and isinstance(exc, TransientError):
            metrics.conflicts.labels(conflict_kind(exc)).inc()
        marker = response.headers.get(CACHE_HEADER)
        if marker is not None:
            environ[CACHE_KEY] = marker
        return response

    return metrics_tween

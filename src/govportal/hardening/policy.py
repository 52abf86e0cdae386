"""The outermost execution policy: body limit first, security headers last.

Pyramid calls its execution policy with the WSGI environ before it creates a
request.  :class:`HardeningPolicy` wraps whatever policy is in force — the
render cache's (:mod:`govportal.cache.serve`), which wraps
``pyramid_retry``'s — so it runs before the retry policy copies the body and
before anything parses it, and it sees every answer the application gives:
cached pages, views, static files, error pages.
"""

from pyramid.interfaces import IExecutionPolicy
from pyramid.router import default_execution_policy

from .bodylimit import BodyTooLarge, check_body, too_large_answer


class HardeningPolicy:
    """Refuses oversized bodies (413) and adds the security headers."""

    def __init__(self, inner, limits, headers):
        self.inner = inner
        self.limits = limits
        self.headers = headers

    def __call__(self, environ, router):
        try:
            check_body(environ, self.limits)
        except BodyTooLarge as exc:
            answer = too_large_answer(environ, exc.limit)
        else:
            answer = self.inner(environ, router)
        return WithSecurityHeaders(answer, self.headers)


class WithSecurityHeaders:
    """A WSGI answer that adds the security headers when it starts."""

    __slots__ = ("answer", "policy")

    def __init__(self, answer, policy):
        self.answer = answer
        self.policy = policy

    def __getattr__(self, name):  # e.g. a test reading ``status``
        return getattr(self.answer, name)

    def __call__(self, environ, start_response):
        policy = self.policy

        def start(status, headers, exc_info=None):
            headers = list(headers)
            headers.extend(policy.headers_for(environ, headers))
            if exc_info is None:
                return start_response(status, headers)
            return start_response(status, headers, exc_info)

        return self.answer(environ, start)


def install(config, limits, headers):
    """Wrap the execution policy in force (a late configuration action, after
    the render cache has wrapped ``pyramid_retry``'s)."""
    registry = config.registry
    inner = registry.queryUtility(IExecutionPolicy, default=default_execution_policy)
    if isinstance(inner, HardeningPolicy):
        return
    registry.registerUtility(HardeningPolicy(inner, limits, headers), IExecutionPolicy)

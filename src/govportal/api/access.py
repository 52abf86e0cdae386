"""Who is asking: an anonymous visitor or a partner token, and what it may read.

Every API view starts with :func:`begin`: the rate limit (per address, or
per token with a larger bucket), then the ``Authorization: Bearer`` token if
any (a bad, expired or revoked token is a 401, never a silent fall back to
anonymous), then the grant's resource kind.  A token never sees more than
an anonymous visitor: the request keeps no user, so every permission check
is the public site's; the grant only narrows (its sites, its kinds) and
buys a larger rate limit.
"""

import math

from pyramid.traversal import find_root

from ..accounts.signin import client_address
from ..content import IDepartment
from ..i18n import _
from ..public.listing import children_of_type
from . import tokens
from .errors import ApiError, forbidden, not_found
from .ratelimit import limiters

PORTAL = "portal"
_DECIDED = "govportal.api.decided"


class Grant:
    """What the request may read (``token`` None: anonymous, every site)."""

    def __init__(self, token=None):
        self.token = token

    def allows_site(self, key):
        return self.token is None or self.token.allows_site(key)

    def check_site(self, key):
        if not self.allows_site(key):
            raise forbidden()


def site_key(site):
    return site.__name__ if IDepartment.providedBy(site) else PORTAL


def public_sites(request):
    """The sites an anonymous visitor may view: the portal, then departments."""
    root = find_root(request.context)
    sites = [root] if request.has_permission("view", root) else []
    return sites + children_of_type(root, "Department", request)


def granted_sites(request, grant):
    return [s for s in public_sites(request) if grant.allows_site(site_key(s))]


def site_named(request, grant, key):
    """The public site ``key`` (404 when unknown or hidden; 403 outside the grant)."""
    for site in public_sites(request):
        if site_key(site) == key:
            grant.check_site(key)
            return site
    raise not_found(
        _("api-error-unknown-site", default="站点不存在：${site}。", mapping={"site": key})
    )


def _bearer(request):
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not value.strip():
        raise _unauthorized()
    return value.strip()


def _unauthorized():
    return ApiError(
        401,
        "unauthorized",
        _("api-error-token", default="访问令牌无效、已过期或已吊销。"),
        headers={"WWW-Authenticate": 'Bearer realm="govportal-api"'},
    )


def _too_many(wait):
    return ApiError(
        429,
        "rate_limited",
        _("api-error-rate", default="请求过于频繁，请稍后再试。"),
        # never kept by a proxy: the next request may well be allowed
        headers={"Retry-After": str(max(1, math.ceil(wait))), "Cache-Control": "no-store"},
    )


def begin(request, kind):
    """The request's :class:`Grant` for reading ``kind``; raises ApiError."""
    root = find_root(request.context)
    presented = _bearer(request)
    token = tokens.check(root, presented) if presented else None
    # once per request: pyramid_retry reruns a request with the same environ;
    # a bad token spends the address's bucket (guessing is rate limited too)
    if _DECIDED not in request.environ:
        anonymous, partner = limiters(request.registry)
        bucket, key = (partner, token.id) if token else (anonymous, client_address(request))
        request.environ[_DECIDED] = bucket.take(key or "-")
    wait = request.environ[_DECIDED]
    if wait:
        raise _too_many(wait)
    if presented and token is None:
        raise _unauthorized()
    if token is not None:
        if not token.allows_kind(kind):
            raise forbidden()
        tokens.note_use(root, token, request.registry)
    return Grant(token)

"""Reading pages two ways: what is actually served, and a fresh render.

*Served* (:class:`HttpFetcher`): an anonymous HTTP GET of the public URL
(``govportal.public_url``), so through every cache and proxy a citizen's
request goes through.  The fetcher is kept on the registry
(:func:`fetcher`) so that tests, and sites whose public address is not
reachable from the server itself, can set another base URL
(``registry.govportal_tamper_fetcher = HttpFetcher("http://127.0.0.1:8080")``).

*Fresh* (:func:`render_fresh`): the page rendered in this process, for an
anonymous visitor, from the objects of the caller's transaction — not
through the router, so neither the render cache (its execution policy) nor
``pyramid_tm`` (which would end the caller's transaction) is involved.
"""

import urllib.error
import urllib.request

from pyramid.httpexceptions import HTTPException
from pyramid.interfaces import IRequestExtensions
from pyramid.request import apply_request_extensions
from pyramid.threadlocal import manager
from pyramid.traversal import find_root, resource_path
from pyramid.view import render_view_to_response

from ...siteurl import blank_request, job_base_url

USER_AGENT = "govportal-tamper/1.0"
TIMEOUT = 20


class HttpFetcher:
    """GET ``path`` under ``base`` (no cookies, so anonymous); returns
    ``(status, body bytes)``, status 0 when the server could not be reached."""

    def __init__(self, base, timeout=TIMEOUT):
        if not base.startswith(("http://", "https://")):
            raise ValueError(f"not an HTTP base URL: {base!r}")
        self.base = base.rstrip("/")
        self.timeout = timeout

    def __call__(self, path):
        request = urllib.request.Request(self.base + path, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                return answer.status, answer.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read() or b""
        except (urllib.error.URLError, OSError):
            return 0, b""


def fetcher(registry, root=None):
    """The registry's fetcher of served pages (made from the public URL:
    ``govportal.public_url``, else the portal's 网站域名 on ``root``)."""
    found = getattr(registry, "govportal_tamper_fetcher", None)
    if found is None:
        found = HttpFetcher(job_base_url(registry, root) or "http://127.0.0.1")
        registry.govportal_tamper_fetcher = found
    return found


def own_prefixes(registry, root=None):
    """Base URLs under which links are the site's own (made path-only)."""
    prefixes = {job_base_url(registry, root) or "http://localhost"}
    found = getattr(registry, "govportal_tamper_fetcher", None)
    if found is not None and getattr(found, "base", None):
        prefixes.add(found.base)
    return tuple(sorted(p for p in prefixes if p))


def render_fresh(registry, resource, name="", body=True):
    """``(status, body bytes)`` of ``resource``'s view ``name`` rendered now
    for an anonymous visitor (404 when the visitor may not see it; the body
    is b"" unless ``body``)."""
    root = find_root(resource)
    path = resource_path(resource)
    request = blank_request(registry, path if path.endswith("/") else path + "/", root=root)
    request.registry = registry
    if registry.queryUtility(IRequestExtensions) is not None:
        apply_request_extensions(request)
    request.root = request.virtual_root = root
    request.context = resource
    request.view_name = name
    request.subpath = ()
    request.traversed = tuple(p for p in path.split("/") if p)
    request.virtual_root_path = ()
    request.matched_route = None
    manager.push({"registry": registry, "request": request})
    try:
        response = render_view_to_response(resource, request, name=name, secure=True)
    except HTTPException as e:
        return e.status_int, b""
    finally:
        manager.pop()
    if response is None:
        return 404, b""
    return response.status_int, response.body if body else b""

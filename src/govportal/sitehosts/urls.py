"""URLs of a site group served under several host names.

``request.resource_url(resource, *elements)`` gives, on every host:

- for a resource inside a department with its own host name, and a public
  view (no view, ``rss.xml``, ``qr.svg``...):
  ``<scheme>://<department's domain>/<path below the department>/``;
- for staff views (:func:`.views.is_staff_view`) of any resource, and for
  the portal's own content and departments without a host of their own:
  the portal's URL and the resource's full path.

On the portal's host (or any host that is not a department's) the portal's
URL is the request's own (``request.application_url``, as before); on a
department host it is the site's configured public URL
(:func:`govportal.siteurl.public_url`).  A department's URL takes the
request's scheme, and its port when the request came to a host of the
group on a non-default port (one installation serves them all).
"""

from urllib.parse import urlsplit

from pyramid.traversal import quote_path_segment, resource_path_tuple
from pyramid.url import URLMethodsMixin, _join_elements, parse_url_overrides

from .hosts import SITE_KEY, domain_of, hosted_department, known_host, path_within
from .views import is_staff_view

_pyramid_resource_url = URLMethodsMixin.resource_url
#: keywords with which Pyramid's own resource_url is used unchanged
_PYRAMID_KEYWORDS = ("app_url", "scheme", "host", "port", "route_name", "route_kw")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def served_department(request):
    """The ``__name__`` of the department this request's host serves, or None."""
    return request.environ.get(SITE_KEY)


def _port_suffix(scheme, port):
    return "" if not port or _DEFAULT_PORTS.get(scheme) == str(port) else f":{port}"


def portal_base(request, root=None):
    """The portal's base URL as seen from ``request`` (no trailing slash)."""
    if served_department(request) is None:
        return request.application_url
    from ..siteurl import PublicURLMissing, public_url

    if root is None:
        root = getattr(request, "root", None)
    try:
        return public_url(request.registry, root)
    except PublicURLMissing:
        return request.application_url


def department_base(request, department):
    """The base URL of ``department``'s own host as seen from ``request``."""
    if served_department(request) == department.__name__:
        return request.application_url
    scheme = request.scheme
    port = request.host_port if known_host(getattr(request, "root", None), request.host) else None
    return f"{scheme}://{domain_of(department)}{_port_suffix(scheme, port)}"


def _path(segments):
    return "/" + "".join(quote_path_segment(s) + "/" for s in segments if s)


def site_base_and_path(request, resource, staff=False):
    """(base URL, quoted path ending in "/") of ``resource`` for ``request``,
    or None where Pyramid's own answer is right (the portal's host)."""
    department = None if staff else hosted_department(resource)
    if department is not None:
        return department_base(request, department), _path(path_within(resource, department))
    if served_department(request) is None:
        return None
    return portal_base(request), _path(resource_path_tuple(resource))


def resource_url(request, resource, *elements, **kw):
    """``request.resource_url`` for a group of sites with their own hosts."""
    if any(kw.get(k) is not None for k in _PYRAMID_KEYWORDS) or hasattr(
        resource, "__resource_url__"
    ):
        return _pyramid_resource_url(request, resource, *elements, **kw)
    first = str(elements[0]) if elements else ""
    target = site_base_and_path(request, resource, staff=is_staff_view(first))
    if target is None:
        return _pyramid_resource_url(request, resource, *elements, **kw)
    base, path = target
    overrides = {"_app_url": base}
    for name in ("query", "anchor"):
        if kw.get(name) is not None:
            overrides["_" + name] = kw[name]
    _app, qs, anchor = parse_url_overrides(request, overrides)
    suffix = _join_elements(elements) if elements else ""
    return base + path + suffix + qs + anchor


# -- without a request: mails, jobs, probes ------------------------------------------------


def public_site_base(registry, resource, portal_url, view=""):
    """(base URL, path segments) of ``resource`` (and the view named first
    in the URL) for links that leave the request: a public page of a
    department with its own host gets that host, with the scheme and port of
    the portal's public URL ``portal_url``; None otherwise (staff views and
    the portal's pages stay under ``portal_url``)."""
    department = None if is_staff_view(view) else hosted_department(resource)
    if department is None:
        return None
    parts = urlsplit(portal_url)
    scheme = parts.scheme or "https"
    base = f"{scheme}://{domain_of(department)}{_port_suffix(scheme, parts.port)}"
    return base, path_within(resource, department)

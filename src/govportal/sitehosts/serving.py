"""Serving a department's own host name from the same installation.

- The root factory (wrapped once at start-up) recognizes a department's host
  (``request.host`` as waitress reports it, i.e. the trusted proxy's
  ``X-Forwarded-Host``) and makes that department the virtual root
  (Pyramid's ``X-Vhm-Root``): ``/`` is the department's home page and
  ``/column/doc/`` its pages.  A client's own ``X-Vhm-Root`` header is
  always dropped (it would otherwise change what any host serves, and the
  render cache, keyed by host and path, would keep that answer).
- On a department host only the public site is served.  A staff page
  (:func:`.views.is_staff_view`, the SDI, the API) redirects (302) to the
  same page on the portal's host, where the sign-in and session cookies
  live (host-only cookies: a browser never sends them to a department's
  host); a non-GET request for one is answered 404.  Public views that only
  the portal has (帮助, 网站地图, 长者版...) redirect to the portal's.
- On the portal's host, a public page of a department that has its own host
  answers anonymous GETs with a 301 to that host (the canonical URL); staff
  keep their pages (previews, the workspace) on the portal's host.
- Page templates' ``app_url`` (the header's and footer's links to the
  portal's 首页, 信息公开, 搜索, 帮助...) is the portal's URL on a department
  host, as it is under the portal's path; its style sheets, scripts and
  emblem thus come from the portal's host, which the department host's
  Content-Security-Policy allows.
"""

from urllib.parse import quote, urlsplit

from pyramid.httpexceptions import HTTPFound, HTTPMovedPermanently, HTTPNotFound
from pyramid.interfaces import IRootFactory
from pyramid.traversal import resource_path

from ..content.containers import IColumn, IDepartment
from ..hardening.headers import BASE_CSP, _join
from .hosts import SITE_KEY, VHM_KEY, department_for_host, domain_of, hosted_department
from .urls import portal_base, served_department
from .views import is_staff_view, root_only_views

#: routes a department host serves itself (static files)
_STATIC_ROUTE = "__"


def wrap_root_factory(registry):
    """Wrap the registered root factory so that a department's host gets
    that department as its virtual root."""
    inner = registry.getUtility(IRootFactory)
    if getattr(inner, "_govportal_sitehosts", False):
        return

    def root_factory(request):
        environ = request.environ
        environ.pop(VHM_KEY, None)
        environ.pop(SITE_KEY, None)
        root = inner(request)
        department = department_for_host(root, request.host)
        if department is not None:
            environ[SITE_KEY] = department.__name__
            environ[VHM_KEY] = resource_path(department)
            route = request.matched_route
            if route is not None and not route.name.startswith(_STATIC_ROUTE):
                # the SDI, the API: before their own guards redirect on this host
                _to_portal(request, request.path, root)
            if route is None:
                _portal_path(request, root, department)
        return root

    root_factory._govportal_sitehosts = True
    registry.registerUtility(root_factory, IRootFactory)


def _root_only(registry):
    names = getattr(registry, "govportal_root_only_views", None)
    if names is None:
        names = registry.govportal_root_only_views = root_only_views(registry)
    return names


def _query(request):
    query = request.query_string
    return ("?" + query) if query else ""


def _to_portal(request, target, root=None):
    if request.method not in ("GET", "HEAD"):
        raise HTTPNotFound()
    raise HTTPFound(location=portal_base(request, root) + target + _query(request))


def _portal_path(request, root, department):
    """A path on a department's host that names the portal's content, as
    site-relative links stored in bodies do (``/jyj/gzdt/``, ``/yw/``):
    the department's own pages move to their path on its host (301), the
    portal's columns and other departments to the portal (302)."""
    if request.method not in ("GET", "HEAD"):
        return
    segments = [s for s in request.path_info.split("/") if s]
    first = segments[0] if segments else ""
    if not first or first.startswith("@@") or first in department:
        return
    if first == department.__name__:
        rest = quote("/".join(segments[1:]), "/@")
        tail = rest + ("/" if rest and request.path_info.endswith("/") else "")
        raise HTTPMovedPermanently(location=request.application_url + "/" + tail + _query(request))
    child = root.get(first) if hasattr(root, "get") else None
    if IColumn.providedBy(child) or IDepartment.providedBy(child):
        _to_portal(request, quote(request.path_info, "/@"), root)


def _leave_department_host(request):
    if request.matched_route is None:
        name = request.view_name
        if name in _root_only(request.registry) and (request.context is request.virtual_root):
            target = "/@@" + name
        elif is_staff_view(name):
            target = resource_path(request.virtual_root).rstrip("/") + quote(
                request.path_info, "/@"
            )
        else:
            return
        _to_portal(request, target)


def _canonical_host(request):
    if request.method not in ("GET", "HEAD") or request.matched_route is not None:
        return
    context = request.context
    if hosted_department(context) is None or is_staff_view(request.view_name):
        return
    if request.authenticated_userid is not None:
        return
    name = request.view_name
    if name and "@@" + name in request.path_info:
        name = "@@" + name  # as asked: a child of that name must not shadow it
    elements = [name] if name else []
    elements.extend(request.subpath)
    url = request.resource_url(context, *elements)
    if request.query_string:
        url += "?" + request.query_string
    raise HTTPMovedPermanently(location=url)


def host_rules(event):
    """ContextFound: the staff and canonical-host redirects (module doc)."""
    request = event.request
    if served_department(request) is not None:
        _leave_department_host(request)
    else:
        _canonical_host(request)


def portal_links(event):
    """BeforeRender (before the public site's globals): ``app_url`` is the
    portal's URL on a department host; ``canonical_url`` (``<link
    rel=canonical>``) is a public page's public URL on its site's own host."""
    request = event.get("request")
    if request is None:
        return
    if served_department(request) is not None:
        event.setdefault("app_url", portal_base(request))
    context = event.get("context") or getattr(request, "context", None)
    department = hosted_department(context) if context is not None else None
    if department is not None and "site" not in event:
        from ..public.globals import site_info

        # 第九条: a department site's pages name its own domain (SiteDomain)
        event["site"] = dict(site_info(request), domain=domain_of(department))
    if (
        "canonical_url" not in event
        and context is not None
        and getattr(request, "view_name", None) == ""
        and getattr(request, "exception", None) is None
        and getattr(context, "__parent__", "") != ""
    ):
        event["canonical_url"] = _canonical_url(request, context)


def _canonical_url(request, context):
    """A page's one canonical URL: on its site's configured public host
    (:func:`govportal.siteurl.public_resource_url`), never the request's Host."""
    from ..siteurl import PublicURLMissing, public_resource_url

    try:
        return public_resource_url(request.registry, context)
    except PublicURLMissing:
        return request.resource_url(context)


def department_host_csp(event):
    """NewResponse: a department host's pages may load the portal's assets
    and submit its search form to the portal (nothing else, no other host)."""
    request = event.request
    if served_department(request) is None:
        return
    headers = event.response.headers
    if "Content-Security-Policy" in headers:
        return
    parts = urlsplit(portal_base(request))
    origin = f"{parts.scheme}://{parts.netloc}"
    directives = []
    for directive in BASE_CSP:
        name = directive.split(" ", 1)[0]
        # form-action: the header's search box submits to the portal's 搜索
        if name in ("style-src", "script-src", "img-src", "font-src", "form-action"):
            directive += " " + origin
        directives.append(directive)
    headers["Content-Security-Policy"] = _join(directives, "'self'")

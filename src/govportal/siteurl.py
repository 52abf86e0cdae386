"""The site's configured public URL: the only base for links that leave the request.

A mail, a stored body or a background job must never take its links from the
request's ``Host`` header (an attacker sets it; a job has none).  The base is
``govportal.public_url`` from the settings (e.g. ``https://www.yingshan.gov.cn``)
or, when that is empty, ``https://`` and the portal's configured 网站域名.
"""

from pyramid.traversal import find_root, resource_path

SETTING = "govportal.public_url"


class PublicURLMissing(RuntimeError):
    """Neither the setting nor the portal's domain gives a public URL."""


def public_url(registry, root=None):
    """The site's public base URL, without a trailing slash."""
    configured = (registry.settings.get(SETTING) or "").strip()
    if configured:
        return configured.rstrip("/")
    domain = getattr(root, "domain", "") if root is not None else ""
    if domain:
        return "https://" + domain.strip().rstrip("/")
    raise PublicURLMissing("govportal.public_url is not set and the portal has no domain")


def public_resource_url(registry, resource, *elements, query=None):
    """The public URL of ``resource`` (and view ``elements``) under :func:`public_url`,
    or under its department's own host name when it has one (staff views
    stay on the portal's host)."""
    from urllib.parse import quote, urlencode

    base = public_url(registry, find_root(resource))
    path = resource_path(resource).rstrip("/") + "/"
    # a department with its own host name (govportal.sitehosts)
    own_site = getattr(registry, "govportal_site_base", None)
    first = str(elements[0]) if elements else ""
    site = own_site(registry, resource, base, first) if own_site is not None else None
    if site is not None:
        base, segments = site
        path = "/" + "".join(quote(s, safe="") + "/" for s in segments)
    tail = "/".join(quote(str(e), safe="@") for e in elements)
    url = base + path + tail
    if query:
        url += "?" + urlencode(query)
    return url


def job_base_url(registry, root=None):
    """The base URL for a request made outside HTTP (a background job, a
    script): the public URL, or None when none is configured yet (then
    WebOb's ``http://localhost``; nothing should mail such links)."""
    try:
        return public_url(registry, root)
    except PublicURLMissing:
        return None


def blank_request(registry, path="/", root=None, factory=None, **kw):
    """``Request.blank`` for a background job or script whose generated URLs
    (``request.resource_url``, ``application_url``) start with the site's
    public URL instead of ``http://localhost``."""
    if factory is None:
        from pyramid.request import Request as factory
    return factory.blank(path, base_url=job_base_url(registry, root), **kw)

"""Links and images to site content, stored by reference.

A body never stores the URL of a page, file or image of the site: the
editor's host (``http://127.0.0.1:6543/...``), the public URL and a path all
stop working when the site moves to another domain, to https, or when a
working copy's image moves into its live document.  On save,
:func:`to_references` replaces every ``href``/``src`` that names a resource
of this site by the *reference form* ``/@@ref/<object id>`` (Plone's
``resolveuid`` and Wagtail's rich-text references do the same with their
own ids).  When a body is shown, :func:`render_references` turns each
reference back into the resource's current URL — or, when the reader may
not see the resource (an unpublished or another department's item), drops
the image and keeps only the text of the link, so nothing leaks.

The reference form is a site-relative path on purpose: a body that reaches
a browser unrendered still works (``@@ref`` redirects), and the sanitiser
(:mod:`govportal.content.richtext`) allows exactly this form and nothing
more under ``/@@ref/``.

Bodies are sanitised by nh3 before they get here, and nh3 writes every
attribute double-quoted, so the attributes are found by a pattern on the
sanitised markup; only attribute values are replaced.
"""

import html
import re
from urllib.parse import unquote, urljoin, urlsplit

from pyramid.traversal import find_root, resource_path, traverse
from substanced.util import find_objectmap, get_oid

from ..sitehosts.hosts import department_for_host
from ..siteurl import PublicURLMissing, public_resource_url, public_url

#: The view that resolves a reference (``/@@ref/<oid>``).
REF_VIEW = "ref"
REF_PREFIX = "/@@ref/"
#: The whole reference form: an object id and an optional fragment.
REF_FORM = re.compile(r"^/@@ref/(-?\d{1,20})(#[A-Za-z0-9_\-.:]{0,100})?$")
#: Extra host names the site is known under (space separated), besides the
#: configured public URL, the portal's 网站域名 and the editor's own host.
DOMAINS_SETTING = "govportal.site_domains"

# The URL attribute of an <a> or <img> tag of sanitised markup.
_URL_ATTR = re.compile(r'(<(a|img)\s(?:[^>]*?\s)?(href|src)=")([^"]*)(")', re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\s[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_HREF_OR_SRC = re.compile(r'\s(?:href|src)="([^"]*)"', re.IGNORECASE)
_ALT = re.compile(r'\salt="([^"]*)"', re.IGNORECASE)


def reference(oid, fragment=""):
    """The reference form of the object id ``oid``."""
    return f"{REF_PREFIX}{int(oid)}{fragment or ''}"


def parse_reference(url):
    """``(oid, fragment)`` of a reference form, else None."""
    match = REF_FORM.match(html.unescape(url or "").strip())
    if match is None:
        return None
    return int(match.group(1)), match.group(2) or ""


def is_reference_url(value):
    """True for exactly the reference form (the sanitiser's test)."""
    return REF_FORM.match(value or "") is not None


# -- reading ---------------------------------------------------------------


def referenced_oids(body, tags=("a", "img")):
    """Object ids referenced by ``tags`` (``a`` links, ``img`` images) of ``body``."""
    oids = []
    for match in _URL_ATTR.finditer(body or ""):
        if match.group(2).lower() in tags:
            ref = parse_reference(match.group(4))
            if ref is not None and ref[0] not in oids:
                oids.append(ref[0])
    return oids


def image_oids(body):
    """Object ids of the images shown inline in ``body``."""
    return referenced_oids(body, tags=("img",))


def images_without_alt(body):
    """The ``<img>`` tags of ``body`` whose alternative text is missing or blank."""
    missing = []
    for tag in _IMG_TAG.findall(body or ""):
        alt = _ALT.search(tag)
        if alt is None or not html.unescape(alt.group(1)).strip():
            missing.append(tag)
    return missing


# -- saving ----------------------------------------------------------------


def site_hosts(request, extra_hosts=()):
    """Lower-case ``host[:port]`` names a pasted link may carry and still
    name this site: the request's host, the configured public URL, the
    portal's 网站域名 and :data:`DOMAINS_SETTING`."""
    hosts = set()
    if request.host:
        hosts.add(request.host.lower())
        hosts.add(request.host.lower().split(":", 1)[0] if ":" in request.host else request.host)
    root = getattr(request, "root", None)
    try:
        hosts.add(urlsplit(public_url(request.registry, root)).netloc.lower())
    except PublicURLMissing:
        pass
    domain = (getattr(root, "domain", "") or "").strip().lower()
    if domain:
        hosts.add(domain)
    for extra in (request.registry.settings.get(DOMAINS_SETTING) or "").split():
        hosts.add(extra.strip().lower())
    hosts.update(h.lower() for h in extra_hosts)
    hosts.discard("")
    return hosts


def _local_path(url, request, base_path, hosts):
    """The site path a link names (None when it leaves the site), and its fragment."""
    url = html.unescape(url).strip()
    if not url or url.startswith("#"):
        return None, ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return None, ""
    if parts.netloc:
        # a department's own host name (govportal.sitehosts): its paths are
        # below the department
        own = department_for_host(getattr(request, "root", None), parts.netloc)
        if own is None and parts.netloc.lower() not in hosts:
            return None, ""
        prefix = resource_path(own).rstrip("/") if own is not None else ""
        path = prefix + (parts.path or "/")
    else:
        path = urljoin(base_path, parts.path) if parts.path else base_path
    script = request.script_name or ""
    if script and path.startswith(script + "/"):
        path = path[len(script) :]
    query = ("?" + parts.query) if parts.query else ""
    return path + query, ("#" + parts.fragment) if parts.fragment else ""


def _resolve(root, path):
    """The resource a site path names exactly (no view name), else None."""
    if "?" in path:
        return None
    try:
        info = traverse(root, unquote(path))
    except (KeyError, ValueError, TypeError):
        return None
    if info["view_name"] or info["subpath"]:
        return None
    resource = info["context"]
    return resource if get_oid(resource, None) is not None else None


def to_references(body, request, context, extra_hosts=()):
    """``body`` with links and images to site content in reference form.

    ``context`` is the document being saved (or the column a new one goes
    into): relative links are read against its URL.  Links to this site that
    name no resource (a search with a query, a view) become site-relative
    paths, so that no stored link carries a host of this site.
    ``extra_hosts`` are further ``host[:port]`` names of this site.
    """
    if not body:
        return body
    root = find_root(context)
    hosts = site_hosts(request, extra_hosts)
    base_path = request.resource_path(context)

    def replace(match):
        value = match.group(4)
        if parse_reference(value) is not None:
            return match.group(0)
        path, fragment = _local_path(value, request, base_path, hosts)
        if path is None:
            return match.group(0)
        resource = _resolve(root, path)
        if resource is not None:
            new = reference(get_oid(resource), fragment)
        else:
            new = path + fragment
        return match.group(1) + html.escape(new, quote=True) + match.group(5)

    return _URL_ATTR.sub(replace, body)


# -- showing ---------------------------------------------------------------


def _target(objectmap, oid):
    return objectmap.object_for(oid) if objectmap is not None else None


def render_references(body, request, context=None, absolute=False):
    """``body`` for a reader: references become the current URL of their
    resource — site-relative (``request.resource_path``), or under the
    configured public URL when ``absolute`` (feeds, mails) —; an image the
    reader may not see is dropped, a link to it keeps only its text."""
    if not body or REF_PREFIX not in body:
        return body
    objectmap = find_objectmap(context if context is not None else request.root)

    def url_of(resource, fragment):
        if absolute:
            return public_resource_url(request.registry, resource) + fragment
        return request.resource_path(resource) + fragment

    def visible(oid):
        resource = _target(objectmap, oid)
        if resource is None or not request.has_permission("view", resource):
            return None
        return resource

    def anchor(match):
        ref = _reference_in(match.group(0).split(">", 1)[0])
        if ref is not None and visible(ref[0]) is None:
            return match.group(1)
        return match.group(0)

    def image(match):
        ref = _reference_in(match.group(0))
        if ref is not None and visible(ref[0]) is None:
            return ""
        return match.group(0)

    def attr(match):
        ref = parse_reference(match.group(4))
        if ref is None:
            return match.group(0)
        resource = visible(ref[0])
        if resource is None:
            return match.group(0)
        return match.group(1) + html.escape(url_of(resource, ref[1])) + match.group(5)

    body = _ANCHOR.sub(anchor, body)
    body = _IMG_TAG.sub(image, body)
    return _URL_ATTR.sub(attr, body)


def expand_references(body, request, context=None):
    """``body`` for the editor's form: references the editor may see become
    their full URL (TinyMCE shows the images; :func:`to_references` reads
    them back on save); the others stay references, so saving keeps them."""
    if not body or REF_PREFIX not in body:
        return body
    objectmap = find_objectmap(context if context is not None else request.root)

    def attr(match):
        ref = parse_reference(match.group(4))
        if ref is None:
            return match.group(0)
        resource = _target(objectmap, ref[0])
        if resource is None or not request.has_permission("view", resource):
            return match.group(0)
        return (
            match.group(1) + html.escape(request.resource_url(resource) + ref[1]) + match.group(5)
        )

    return _URL_ATTR.sub(attr, body)


def _reference_in(tag):
    for value in _HREF_OR_SRC.findall(tag):
        ref = parse_reference(value)
        if ref is not None:
            return ref
    return None

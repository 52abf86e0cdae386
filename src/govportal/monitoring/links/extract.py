"""Links of a published item: found in its stored rich text, resolved, classified.

Bodies are stored sanitised (:mod:`govportal.content.richtext`), with links
to site content in reference form (``/@@ref/<oid>``,
:mod:`govportal.media.references`).  Every string attribute of an item that
holds markup with ``href``/``src`` is read — a document's body, a guide's
rich fields, a consultation's text — so a new content type with rich text
needs no registration here.  So is every ``url``/``*_url`` attribute
holding a web address (a service guide's 在线办理 address).

Each link is resolved against the item's public URL and classified:

``internal``
    the reference form, a site-relative path, or an absolute URL whose host
    is one of the site's own (the public URL, the portal's 网站域名,
    ``govportal.site_domains``); checked in-process (:mod:`.internal`);
``external``
    an ``http``/``https`` URL of another host, checked over HTTP
    (:mod:`.external`).

Other schemes (``mailto:``, ``tel:``, ``javascript:``, ``data:``) and bare
fragments are not links to check.
"""

import html
import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from ...media.references import DOMAINS_SETTING, REF_PREFIX
from ...siteurl import PublicURLMissing, public_url

#: (tag, attribute) pairs whose value is a link a reader follows or loads
LINK_ATTRS = frozenset(
    {
        ("a", "href"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("video", "src"),
        ("audio", "src"),
        ("embed", "src"),
        ("area", "href"),
    }
)
log = logging.getLogger(__name__)
INTERNAL = "internal"
EXTERNAL = "external"


@dataclass(frozen=True)
class Link:
    """One link of an item: ``url`` as written (for people), ``kind``
    internal/external, ``target`` the site path (internal, without host,
    query kept) or the absolute URL (external)."""

    url: str
    kind: str
    target: str


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in LINK_ATTRS and value:
                self.found.append(value.strip())

    handle_startendtag = handle_starttag


def raw_links(markup):
    """The ``href``/``src`` values of ``markup``, in order, without repeats."""
    if not markup or ("href" not in markup and "src" not in markup):
        return []
    collector = _Collector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # noqa: S110 - malformed markup: keep what was read so far
        log.debug("malformed markup while reading links", exc_info=True)
    seen = []
    for value in collector.found:
        if value not in seen:
            seen.append(value)
    return seen


def rich_texts(item):
    """The item's own string attributes that hold markup with links."""
    texts = []
    for name, value in sorted(getattr(item, "__dict__", {}).items()):
        if name.startswith("_p_") or not isinstance(value, str):
            continue
        if "<" in value and ("href=" in value or "src=" in value):
            texts.append(value)
    return texts


def site_hosts(registry, root):
    """Lower-case ``host[:port]`` names under which links name this site."""
    hosts = set()
    try:
        hosts.add(urlsplit(public_url(registry, root)).netloc.lower())
    except PublicURLMissing:
        pass
    domain = (getattr(root, "domain", "") or "").strip().lower()
    if domain:
        hosts.add(domain)
    for extra in (registry.settings.get(DOMAINS_SETTING) or "").split():
        hosts.add(extra.strip().lower())
    hosts.discard("")
    return hosts


def _host_names(netloc):
    netloc = netloc.lower().rsplit("@", 1)[-1]
    return {netloc, netloc.split(":", 1)[0]} if not netloc.startswith("[") else {netloc}


def classify(value, base_url, hosts):
    """The :class:`Link` for ``value`` written in a page at ``base_url``,
    or None when it is no link to check."""
    value = html.unescape(value or "").strip()
    if not value or value.startswith("#"):
        return None
    if value.startswith(REF_PREFIX):
        return Link(value, INTERNAL, value.split("#", 1)[0])
    absolute = urljoin(base_url, value)
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if _host_names(parts.netloc) & hosts:
        path = parts.path or "/"
        return Link(value, INTERNAL, path + ("?" + parts.query if parts.query else ""))
    # the fragment never reaches the server: one check per document URL
    target = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))
    return Link(value, EXTERNAL, target)


def url_fields(item):
    """The item's own ``url``/``*_url`` attributes holding a web address
    (a service guide's 在线办理 address)."""
    found = []
    for name, value in sorted(getattr(item, "__dict__", {}).items()):
        if (name == "url" or name.endswith("_url")) and isinstance(value, str):
            if value.strip().lower().startswith(("http://", "https://", "/")):
                found.append(value.strip())
    return found


def item_links(item, base_url, hosts):
    """Every :class:`Link` of ``item``'s rich text and URL fields (no repeats)."""
    links = []
    values = [value for text in rich_texts(item) for value in raw_links(text)]
    for value in values + url_fields(item):
        if value:
            link = classify(value, base_url, hosts)
            if link is not None and link not in links:
                links.append(link)
    return links

"""Links that leave government sites go through a notice page first.

Browsers read more than ``http://`` and ``https://`` as links to another
site: a *protocol-relative* link (``//evil.example/x``), and anything that
becomes one once they drop tabs and line breaks and turn backslashes into
slashes (``/\\evil.example``, ``\\\\evil.example``, ``/<TAB>/evil.example``).
:func:`web_url` reads a link the way a browser does, so these are treated as
the external links they are — here and in the pre-publication checks'
external-link list (:mod:`govportal.checks.markup`).
"""

import html
import re
from urllib.parse import quote, urlsplit

from .pages import is_government_url

# nh3 writes every attribute double-quoted, so sanitised bodies match this;
# the href may come after other attributes.
_ANCHOR = re.compile(r'(<a\s(?:[^>]*?\s)?href=")([^"]*)(")', re.IGNORECASE)
#: What browsers strip from anywhere in a URL (WHATWG URL: tab and newlines).
_STRIPPED = re.compile(r"[\t\n\r]")
#: What browsers strip from both ends (C0 controls and space).
_EDGES = "".join(chr(c) for c in range(0x21))


def web_url(href):
    """``href`` as an absolute http(s) URL when a browser would follow it to
    another host (``https:`` added to a protocol-relative link), else None
    (a path on this site, a fragment, ``mailto:`` …)."""
    if not href:
        return None
    url = _STRIPPED.sub("", href.strip(_EDGES)).replace("\\", "/")
    lowered = url.lower()
    if url.startswith("//"):
        url = "https:" + url
    elif lowered.startswith(("http:", "https:")) and not lowered.startswith(
        ("http://", "https://")
    ):
        # "https:/evil.example" and "http:evil.example": browsers take the
        # host from what follows (for a link to another origin)
        scheme, rest = url.split(":", 1)
        url = scheme + "://" + rest.lstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url


def route_external_links(body, request):
    """Rewrite ``<a href>`` to non-``.gov.cn`` sites in sanitised ``body`` so
    they open the leaving notice (``/@@leave?url=…``) first."""
    if not body:
        return body
    leave = request.application_url + "/@@leave?url="

    def replace(match):
        url = web_url(html.unescape(match.group(2)))
        if url is None or is_government_url(url):
            return match.group(0)
        return match.group(1) + html.escape(leave + quote(url, safe="")) + match.group(3)

    return _ANCHOR.sub(replace, body)

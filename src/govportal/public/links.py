"""Links that leave government sites go through a notice page first."""

import html
import re
from urllib.parse import quote

from .pages import is_government_url

# nh3 writes every attribute double-quoted, so sanitised bodies match this.
_ANCHOR = re.compile(r'<a href="(https?://[^"]+)"')


def route_external_links(body, request):
    """Rewrite ``<a href>`` to non-``.gov.cn`` sites in sanitised ``body`` so
    they open the leaving notice (``/@@leave?url=…``) first."""
    if not body:
        return body
    leave = request.application_url + "/@@leave?url="

    def replace(match):
        url = html.unescape(match.group(1))
        if is_government_url(url):
            return match.group(0)
        return f'<a href="{html.escape(leave + quote(url, safe=""))}"'

    return _ANCHOR.sub(replace, body)

"""Values every page template receives: site settings, breadcrumbs, department."""

import re
from urllib.parse import urlencode

from pyramid.events import BeforeRender
from pyramid.traversal import resource_path

from ..cache.fragments import fragment
from ..content import find_department
from ..content.portal import SETTINGS_DEFAULTS, site_setting
from ..workflow.history import get_history


def site_info(request):
    """The portal's site settings as a dict (defaults if there is no site)."""
    root = getattr(request, "root", None)
    if root is None:
        return dict(SETTINGS_DEFAULTS)
    return {name: site_setting(root, name) for name in SETTINGS_DEFAULTS}


#: characters of one telephone number as written (0817-8221101, +86 817 …)
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{4,}[0-9]")


def tel_href(phone):
    """The ``tel:`` link of the first number in ``phone`` (digits and a
    leading +), or "" if it holds none."""
    match = _PHONE.search(phone or "")
    if match is None:
        return ""
    number = match.group(0)
    return "tel:" + ("+" if number.startswith("+") else "") + "".join(filter(str.isdigit, number))


def breadcrumbs(context):
    crumbs = []
    node = context
    while node is not None:
        crumbs.append(node)
        node = getattr(node, "__parent__", None)
    return list(reversed(crumbs))


def add_page_globals(event):
    request = event.get("request")
    if request is None:
        return
    event.setdefault("history_of", get_history)
    event.setdefault("urlencode", urlencode)
    event.setdefault("tel_href", tel_href)
    # The site's base URL, computed once: a page links to it a few dozen
    # times, and webob recomputes ``request.application_url`` on each use.
    if "app_url" not in event:
        event["app_url"] = request.application_url
    context = event.get("context") or getattr(request, "context", None)
    if "site" not in event:
        event["site"] = site_info(request)
    if "crumbs" not in event:
        event["crumbs"] = (
            breadcrumbs(context) if context is not None and hasattr(context, "__parent__") else []
        )
    if "department" not in event:
        event["department"] = find_department(context) if context is not None else None
    if "chrome" not in event:
        event["chrome"] = _chrome(request, event["site"], event["app_url"], event["department"])


def _chrome(request, site, app_url, department):
    """``chrome(filename, elder)`` in templates: the header or footer, a
    fragment shared by every page of the same database state."""

    def chrome(filename, elder=False):
        values = {
            "site": site,
            "app_url": app_url,
            "elder": elder,
            "department": department,
            "tel_href": tel_href,
        }
        where = None if department is None else resource_path(department)
        # the request's own base URL too: on a department's host (its own
        # links) app_url is the portal's, and the Host may be any form of it
        key = (app_url, request.application_url, bool(elder), where)
        return fragment(request, filename, values, key)

    return chrome


def includeme(config):
    config.add_subscriber(add_page_globals, BeforeRender)

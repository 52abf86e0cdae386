"""What people see of the crawler's findings.

* the dashboard panel (``add_monitoring_panel("links")``): a site's broken
  links — page, link, status, reason, editor, first seen — and, apart, its
  suspect links awaiting another check;
* the overview line (``add_monitoring_summary("links")``): how many;
* ``<site>/@@monitoring-links``: the panel as a page of its own (the alarm
  mail links to it), for holders of ``view_monitoring`` on that site;
* ``/@@ws-links`` (编辑工作台): the broken links of the items the signed-in
  editor last edited, in the sites where they hold ``view_monitoring`` — a
  department's editor never sees another department's.  The workspace
  front page shows how many (``request.govportal_my_broken_links``).
"""

from pyramid.renderers import render
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IDepartment, site_group
from ...i18n import _, translate
from ...workflow.history import DISPLAY_TZ
from ...workspace.dashboard import no_store
from ...workspace.helpers import require_login
from ..alarms import VIEW_PERMISSION
from ..panels import SiteStatus
from .store import site_links

TEMPLATES = "govportal.monitoring.links:templates/"
#: rows a table shows at most (a site may have thousands of broken links)
SHOWN = 200


def _site_path(site):
    from pyramid.traversal import resource_path

    return resource_path(site) or "/"


def local(when):
    return when.astimezone(DISPLAY_TZ).strftime("%Y-%m-%d %H:%M") if when else ""


def _rows(records):
    return sorted(records, key=lambda r: (r["first_seen"], r["page"], r["target"]))


def status_text(record):
    status = record.get("status")
    reason = record.get("reason") or ""
    if status and f"HTTP {status}" not in reason:
        return f"{status} {reason}".strip()
    return reason


def _values(site, request, found):
    return {
        "found": found,
        "site_title": getattr(site, "title", "") or "门户网站",
        "broken": _rows(found.broken.values())[:SHOWN] if found is not None else [],
        "suspect": _rows(found.suspect.values())[:SHOWN] if found is not None else [],
        "counts": (len(found.broken), len(found.suspect)) if found is not None else (0, 0),
        "shown": SHOWN,
        "local": local,
        "status_text": status_text,
        "page_url": lambda r: request.application_url + r["page"] + "/",
    }


def links_panel(site, request):
    """The dashboard panel of ``site`` (HTML)."""
    found = site_links(request.root, _site_path(site))
    return render(TEMPLATES + "panel.pt", _values(site, request, found), request=request)


def links_summary(site, request):
    """The overview line of ``site``: broken links, warning when any."""
    found = site_links(request.root, _site_path(site))
    label = translate(request, _("links-summary-label", default="失效链接"))
    if found is None:
        return SiteStatus(label, translate(request, _("links-not-run", default="尚未检查")))
    broken, suspect = len(found.broken), len(found.suspect)
    value = translate(
        request, _("links-summary-value", default="${count} 个", mapping={"count": broken})
    )
    detail = translate(
        request,
        _(
            "links-summary-detail",
            default="可疑 ${suspect} 个；检查于 ${when}",
            mapping={"suspect": suspect, "when": local(found.checked)},
        ),
    )
    return SiteStatus(
        label,
        value,
        level="warning" if broken else "ok",
        detail=detail,
        url=request.resource_url(site, "@@monitoring-links"),
        facts={"broken": broken, "suspect": suspect},
    )


@view_config(
    context=IRoot,
    name="monitoring-links",
    permission=VIEW_PERMISSION,
    renderer=TEMPLATES + "page.pt",
)
@view_config(
    context=IDepartment,
    name="monitoring-links",
    permission=VIEW_PERMISSION,
    renderer=TEMPLATES + "page.pt",
)
def site_links_page(context, request):
    no_store(request)
    return {"panel": links_panel(context, request), "site_title": context.title or "门户网站"}


def my_broken_links(request):
    """``[(site, [records])]``: broken links in the items the user last
    edited, in each site where they may see the monitor."""
    userid = request.authenticated_userid
    if userid is None:
        return []
    found = []
    for site in site_group(request.root):
        links = site_links(request.root, _site_path(site))
        if links is None or not request.has_permission(VIEW_PERMISSION, site):
            continue
        rows = _rows(links.broken_of(userid))
        if rows:
            found.append((site, rows))
    return found


def my_broken_count(request):
    """How many broken links the workspace front page announces."""
    return sum(len(rows) for _site, rows in my_broken_links(request))


@view_config(context=IRoot, name="ws-links", permission="view", renderer=TEMPLATES + "mine.pt")
def workspace_links(context, request):
    redirect = require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    sites = [
        {"key": site.__name__ or "portal", "title": site.title or "门户网站", "rows": rows}
        for site, rows in my_broken_links(request)
    ]
    return {"sites": sites, "local": local, "status_text": status_text}

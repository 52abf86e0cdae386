"""The monitoring dashboard (运行监测).

``/@@monitoring``
    The county overview: every site the user monitors in one table (each
    part's ``add_monitoring_summary`` line, the worst level of the site),
    ranked worst first (veto, then warning, then by the parts in trouble),
    the open alarms and the recently closed ones, and — for holders of
    ``manage_monitoring`` — a 立即运行 form per task.  A user who monitors
    one department only is sent to that department's page.
``<department>/@@monitoring`` and ``/@@monitoring-site`` (the portal's own)
    One site: every part's ``add_monitoring_panel`` panel (this part's
    columns table among them) and the site's open alarms.
``POST /@@monitoring-run``
    Runs one task now, in the request (CSRF-checked by the site's global
    check, permission ``manage_monitoring``), and goes back to the overview.

Users see only sites where they hold ``view_monitoring``; anonymous
visitors are sent to the sign-in form; others get 403.  Pages are private
(``no_store``).
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IDepartment
from ...i18n import _, translate
from ...security.events import record_action
from ...workspace import helpers
from ..access import county_sites, guard
from ..alarms import closed_alarms, open_alarms
from ..panels import LEVELS, panels, summaries, tasks, worst
from .summary import LEVEL_TITLES

TEMPLATES = "govportal.monitoring.freshness:templates/"
MANAGE_PERMISSION = "manage_monitoring"
#: recently closed alarms shown on the overview
CLOSED_SHOWN = 20


def level_title(request, level):
    return translate(request, LEVEL_TITLES.get(level, LEVEL_TITLES["ok"]))


def site_url(request, site):
    name = "@@monitoring-site" if site.__parent__ is None else "@@monitoring"
    return request.resource_url(site, name)


def _alarm_rows(request, alarms):
    return [
        {
            "alarm": a,
            "level": level_title(request, a.level),
            "opened": helpers.local(a.opened),
            "closed": helpers.local(a.closed) if a.closed else "",
        }
        for a in alarms
    ]


def overview_values(request, sites):
    columns, rows = [], []
    table = summaries(request.registry)
    for site in sites:
        cells = {}
        for name, summary in table:
            status = summary(site, request)
            if status is None:
                continue
            cells[name] = status
            if name not in [c[0] for c in columns]:
                columns.append((name, status.label))
        level = worst(s.level for s in cells.values())
        rows.append(
            {
                "issues": sum(1 for s in cells.values() if s.level != "ok"),
                "title": helpers.site_title(site),
                "url": site_url(request, site),
                "cells": cells,
                "level": level,
                "level_title": level_title(request, level),
            }
        )
    # the ranking across the site group (H1): the worst first, then the most
    # parts in trouble; sites in equal standing keep the group's order
    rows.sort(key=lambda r: (-LEVELS.index(r["level"]), -r["issues"]))
    paths = {resource_path(s) for s in sites}
    opened = [a for a in open_alarms(request.root) if (a.site_path or "/") in paths]
    closed = [a for a in closed_alarms(request.root) if (a.site_path or "/") in paths]
    may_run = request.has_permission(MANAGE_PERMISSION, request.root)
    return {
        "columns": columns,
        "rows": rows,
        "open_alarms": _alarm_rows(request, opened),
        "closed_alarms": _alarm_rows(request, closed[:CLOSED_SHOWN]),
        "tasks": [(n, title) for n, (_t, title) in sorted(tasks(request.registry).items())]
        if may_run
        else [],
        "run_url": request.resource_url(request.root, "@@monitoring-run"),
        "level_title": lambda level: level_title(request, level),
    }


@view_config(
    context=IRoot, name="monitoring", permission="view", renderer=TEMPLATES + "overview.pt"
)
def overview_view(context, request):
    redirect, sites = county_sites(request, lambda site: site_url(request, site))
    return redirect if redirect is not None else overview_values(request, sites)


def site_values(site, request):
    shown = []
    for _name, panel in panels(request.registry):
        html = panel(site, request)
        if html:
            shown.append(html)  # markup from the panel's own template
    return {
        "title": helpers.site_title(site),
        "panels": shown,
        "open_alarms": _alarm_rows(request, open_alarms(request.root, site=site)),
        "overview_url": request.resource_url(request.root, "@@monitoring"),
        "level_title": lambda level: level_title(request, level),
    }


@view_config(
    context=IDepartment, name="monitoring", permission="view", renderer=TEMPLATES + "site.pt"
)
@view_config(
    context=IRoot, name="monitoring-site", permission="view", renderer=TEMPLATES + "site.pt"
)
def site_view(context, request):
    redirect = guard(request, context)
    return redirect if redirect is not None else site_values(context, request)


@view_config(
    context=IRoot, name="monitoring-run", permission=MANAGE_PERMISSION, request_method="POST"
)
def run_view(context, request):
    """立即运行: one task now, committed with the request."""
    name = request.POST.get("task", "")
    known = tasks(request.registry)
    if name not in known:
        raise HTTPBadRequest(translate(request, _("monitoring-no-task", default="没有这个任务。")))
    task, title = known[name]
    report = task(context, request, [])
    record_action(request, "monitoring.task", target=name, details={"args": ""})
    first = (report or "").strip().splitlines()[:1]
    message = _(
        "monitoring-task-done",
        default="已运行“${title}”。${report}",
        mapping={"title": translate(request, title), "report": first[0] if first else ""},
    )
    request.session.flash(translate(request, message))
    return HTTPFound(request.resource_url(context, "@@monitoring"))


def includeme(config):
    config.scan(".views")

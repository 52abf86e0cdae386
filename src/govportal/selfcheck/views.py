"""``@@selfcheck``: the national self-check for staff, and its line on the dashboard.

``/@@selfcheck``
    Every site the user monitors (``view_monitoring``); a user who
    monitors one department only is sent to that department's page.
``<department>/@@selfcheck``
    That site.  Each site: the score and verdict of the newest stored run
    (computed live, not stored, before the first run), the failed veto
    items first, then each deduction with its evidence and a link to fix
    it, the items without data, the items passed; the score over the
    stored runs (SVG chart and the same figures as a table).
``POST <site>/@@selfcheck-run`` (立即自查)
    ``manage_monitoring``, CSRF-checked by the site's global check: runs
    the self-check of every site now, keeps the run (:mod:`.history`: one
    entry per distinct run) and goes back with 303.

Anonymous visitors are sent to sign in; a user without ``view_monitoring``
on the site gets 403.  Pages are private (``no_store``).
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment
from ..i18n import _, translate
from ..monitoring.access import county_sites, guard, site_path
from ..monitoring.panels import SiteStatus
from ..security.events import record_action
from ..sitetime import local
from . import history
from .chart import score_chart
from .compute import check_all
from .rules import rules_of
from .runs import run_now

TEMPLATES = "govportal.selfcheck:templates/"
MANAGE_PERMISSION = "manage_monitoring"
#: runs shown in each site's chart
CHART_RUNS = 52


def page_url(request, site):
    return request.resource_url(site, "@@selfcheck")


def _site_data(request, sites):
    """``(run time or None, {site path: site dict})`` of the newest run."""
    run = history.newest(request.root)
    found = {s["site"]: s for s in run.sites} if run is not None else {}
    missing = [s for s in sites if site_path(s) not in found]
    if missing:
        for result in check_all(request.root, request, sites=missing):
            found[result.site_path] = result.as_dict()
        return None, found
    return run.at, found


def _chart(request, path, pass_score):
    entries = []
    for run in history.runs(request.root, limit=CHART_RUNS):
        data = run.site(path)
        if data is not None:
            label = local(run.at, request.registry).strftime("%Y-%m-%d %H:%M")
            entries.append((label, data["score"], data["passed"]))
    return score_chart(entries, pass_score) if entries else None


def _grouped(data):
    items = data["items"]
    return {
        "vetoes": [i for i in items if i["veto"] and i["status"] == "fail"],
        "deductions": [i for i in items if not i["veto"] and i["points"]],
        "nodata": [i for i in items if i["status"] == "nodata"],
        "passed": [i for i in items if i["status"] == "pass" and not i["points"]],
    }


def page_values(request, sites):
    rules = rules_of(request.registry)
    at, found = _site_data(request, sites)
    shown = []
    for site in sites:
        data = found.get(site_path(site))
        if data is None:
            continue
        shown.append(
            dict(
                _grouped(data),
                data=data,
                id=data["site"].strip("/") or "portal",
                chart=_chart(request, data["site"], rules.pass_score),
            )
        )
    may_run = request.has_permission(MANAGE_PERMISSION, request.context)
    return {
        "sites": shown,
        "at": local(at, request.registry).strftime("%Y-%m-%d %H:%M") if at else None,
        "pass_score": rules.pass_score,
        "run_url": request.resource_url(request.context, "@@selfcheck-run") if may_run else None,
        "overview_url": request.resource_url(request.root, "@@monitoring"),
    }


@view_config(context=IRoot, name="selfcheck", permission="view", renderer=TEMPLATES + "page.pt")
def portal_view(context, request):
    redirect, sites = county_sites(request, lambda site: page_url(request, site))
    return redirect if redirect is not None else page_values(request, sites)


@view_config(
    context=IDepartment, name="selfcheck", permission="view", renderer=TEMPLATES + "page.pt"
)
def site_view(context, request):
    redirect = guard(request, context)
    return redirect if redirect is not None else page_values(request, [context])


@view_config(
    context=IRoot, name="selfcheck-run", permission=MANAGE_PERMISSION, request_method="POST"
)
@view_config(
    context=IDepartment, name="selfcheck-run", permission=MANAGE_PERMISSION, request_method="POST"
)
def run_view(context, request):
    """立即自查: every site judged now, the run kept, back to the page (303)."""
    login = getattr(getattr(request, "user", None), "__name__", "") or "staff"
    results, _run, stored = run_now(request.root, request, login)
    record_action(request, "monitoring.task", target="selfcheck", details={"stored": stored})
    failed = sum(1 for r in results if not r.passed)
    message = _(
        "selfcheck-run-done",
        default="自查已完成：${n} 个网站，不合格 ${failed} 个。",
        mapping={"n": len(results), "failed": failed},
    )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(page_url(request, context))


def selfcheck_summary(site, request):
    """The dashboard's line: the newest stored score of ``site``."""
    label = translate(request, _("selfcheck-label", default="国检自查"))
    url = page_url(request, site)
    run = history.newest(request.root)
    data = run.site(site_path(site)) if run is not None else None
    if data is None:
        value = translate(request, _("selfcheck-never", default="未自查"))
        return SiteStatus(label, value, "ok", url=url)
    level = "ok" if data["passed"] else ("veto" if data["vetoes"] else "warning")
    value = translate(
        request, _("selfcheck-score", default="${n} 分", mapping={"n": data["score"]})
    )
    detail = "、".join(data["vetoes"])
    return SiteStatus(label, value, level, detail=detail, url=url, facts={"score": data["score"]})


def includeme(config):
    config.scan(".views")
    config.add_monitoring_summary("selfcheck", selfcheck_summary, order=90)

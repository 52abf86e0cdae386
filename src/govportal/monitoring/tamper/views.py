"""The dashboard's 防篡改 panel and summary, and the rebaseline button."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IDepartment
from ...i18n import _
from ..alarms import open_alarms
from ..panels import SiteStatus
from .book import get_book
from .sweep import KIND
from .tasks import rebaseline_locked


def site_facts(site, request):
    """Baselines of ``site``, the last sweep, its open tamper alarms."""
    root = request.root
    book = get_book(root, create=False)
    path = resource_path(site)
    count = 0
    last = {}
    if book is not None:
        count = sum(1 for b in book.baselines.values() if b.site_path == path)
        last = dict(book.log.last)
    return {"baselines": count, "last": last, "alarms": open_alarms(root, site=site, kind=KIND)}


def panel(site, request):
    facts = site_facts(site, request)
    values = dict(facts, site=site, can_manage=request.has_permission("manage_monitoring", site))
    return render("templates/panel.pt", values, request=request)


def summary(site, request):
    facts = site_facts(site, request)
    alarms = facts["alarms"]
    if alarms:
        return SiteStatus(
            label="防篡改",
            value=f"{len(alarms)} 处篡改",
            level="veto",
            detail="；".join(a.subject for a in alarms[:3]),
            url=request.resource_url(site, "@@monitoring"),
            facts={"baselines": facts["baselines"], "alarms": len(alarms)},
        )
    return SiteStatus(
        label="防篡改",
        value=f"{facts['baselines']} 项正常",
        facts={"baselines": facts["baselines"], "alarms": 0},
    )


@view_config(
    context=IRoot,
    name="monitoring-tamper-rebaseline",
    request_method="POST",
    permission="manage_monitoring",
)
@view_config(
    context=IDepartment,
    name="monitoring-tamper-rebaseline",
    request_method="POST",
    permission="manage_monitoring",
)
def rebaseline_view(context, request):
    """重新记录基线 (after a skin upgrade) for this site's documents."""
    from ...workspace.dashboard import no_store

    no_store(request)
    result = rebaseline_locked(request.root, request, site=context)
    if result is None:
        message = _("tamper-rebaseline-busy", default="防篡改巡检正在进行，请稍后再试。")
    else:
        message = _(
            "tamper-rebaselined",
            default="已重新记录 ${done} 项防篡改基线（跳过 ${skipped} 项）。",
            mapping={"done": result[0], "skipped": result[1]},
        )
    request.session.flash(message)
    return HTTPSeeOther(request.resource_url(context, "@@monitoring"))

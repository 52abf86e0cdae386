"""This part's panel on a site's dashboard page: the site's columns.

The columns table (kind, rule, last update, days, status), the empty
columns and the answers owed (:mod:`.messages`), from the request's reports
(:func:`.summary.reports_for`, computed once per request).
"""

from pyramid.renderers import render
from pyramid.traversal import resource_path

from ...i18n import _, translate
from .compute import CONTAINER, EMPTY, EXEMPT, OK, STALE
from .summary import LEVEL_TITLES, reports_for

PANEL_PT = "govportal.monitoring.freshness:templates/panel.pt"
STATUS_TITLES = {
    OK: _("freshness-status-ok", default="正常"),
    STALE: _("freshness-status-stale", default="超期未更新"),
    EMPTY: _("freshness-status-empty", default="空白栏目"),
    EXEMPT: _("freshness-status-exempt", default="不按日期考核"),
    CONTAINER: _("freshness-status-container", default="按子栏目考核"),
}


def rule_text(request, rule):
    if rule.exempt:
        return rule.reason or translate(request, STATUS_TITLES[EXEMPT])
    days = _("freshness-rule-days", default="${days}天", mapping={"days": rule.days})
    text = translate(request, days)
    if rule.deduct:
        text += translate(request, _("freshness-rule-deduct", default="（扣分项）"))
    return text


def freshness_panel(site, request):
    """``add_monitoring_panel`` of update monitoring."""
    report = reports_for(request).get(resource_path(site))
    if report is None:
        return None
    values = {
        "report": report,
        "status_title": lambda status: translate(request, STATUS_TITLES[status]),
        "rule_text": lambda rule: rule_text(request, rule),
        "level_title": lambda level: translate(request, LEVEL_TITLES[level]),
        "column_url": lambda c: request.application_url + c.path + "/",
    }
    return render(PANEL_PT, values, request=request)

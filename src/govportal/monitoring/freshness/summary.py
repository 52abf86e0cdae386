"""The overview line of each site and the weekly summary mail (每周运行简报).

:func:`site_status` is this part's ``add_monitoring_summary``: one
:class:`~govportal.monitoring.panels.SiteStatus` per site for the county
overview (and for any other part's use).  The reports of one request are
computed once (:func:`reports_for`), whatever the number of sites shown.

The weekly summary goes on Mondays from ``govportal.monitoring.summary_hour``
(site time) — or at the first check after it, if no process ran then — once
per ISO week even with several processes: the week sent is stored in the
monitor database (section ``freshness``), so a second process's attempt
conflicts, is retried and finds it sent.  The 值班 addresses get every
site's line; each site's staff get their site's.
"""

from datetime import datetime, time, timedelta

from ... import sitetime
from ...i18n import _, translate
from ...mail import send, send_to_users
from ...siteurl import public_resource_url
from ..alarms import MAIL_TOPIC, ops_emails, site_staff
from ..panels import SiteStatus, summaries, worst
from ..store import section
from .alerts import FreshnessState, state_of
from .compute import compute_all


def reports_for(request):
    """``{site path: SiteReport}`` of every site, computed once per request."""
    cached = request.__dict__.get("_govportal_freshness")
    if cached is None:
        reports = compute_all(request.root, request.registry)
        cached = request.__dict__["_govportal_freshness"] = {r.site_path: r for r in reports}
    return cached


def status_value(report, request):
    if report.home_days is None:
        home = translate(request, _("freshness-home-never", default="首页无信息"))
    else:
        home = translate(
            request,
            _("freshness-home-short", default="首页${days}天", mapping={"days": report.home_days}),
        )
    counts = translate(
        request,
        _(
            "freshness-counts-short",
            default="超期${stale}/空白${empty}",
            mapping={"stale": len(report.stale), "empty": len(report.empty)},
        ),
    )
    return f"{home}，{counts}"


def site_status(site, request):
    """``add_monitoring_summary`` of update monitoring."""
    from pyramid.traversal import resource_path

    report = reports_for(request).get(resource_path(site))
    if report is None:
        return None
    return SiteStatus(
        label=translate(request, _("freshness-label", default="内容更新")),
        value=status_value(report, request),
        level=report.level,
        detail="；".join(p.render(request) for p in report.problems),
        url=request.resource_url(
            site, "@@monitoring-site" if site.__parent__ is None else "@@monitoring"
        ),
        facts={"home_days": report.home_days, "stale": len(report.stale)},
    )


LEVEL_TITLES = {
    "ok": _("monitoring-level-ok", default="正常"),
    "warning": _("monitoring-level-warning", default="预警"),
    "veto": _("monitoring-level-veto", default="单项否决"),
}


def site_lines(site, request):
    """The summary mail's lines of one site: every part's summary."""
    lines = []
    statuses = []
    for _name, summary in summaries(request.registry):
        status = summary(site, request)
        if status is not None:
            statuses.append(status)
    level = translate(request, LEVEL_TITLES[worst(s.level for s in statuses)])
    title = "门户网站" if site.__parent__ is None else site.title
    lines.append(f"{title}【{level}】")
    for status in statuses:
        extra = f"（{status.detail}）" if status.detail else ""
        lines.append(f"  {status.label}：{status.value}{extra}")
    lines.append("  " + public_resource_url(request.registry, site, "@@monitoring"))
    return lines


def send_summary(root, request):
    """Mail the weekly summary now; returns the report text."""
    from ...content import site_group

    subject = _("freshness-weekly-subject", default="【网站运行监测】每周运行简报")
    subject = translate(request, subject)
    heading = translate(
        request,
        _(
            "freshness-weekly-heading",
            default="${day} 各网站运行情况：",
            mapping={"day": str(sitetime.today(request.registry))},
        ),
    )
    everything = [heading, ""]
    for site in site_group(root):
        lines = site_lines(site, request)
        everything.extend(lines)
        staff = site_staff(site, request.registry)
        if staff:
            send_to_users(request, staff, subject, "\n".join([heading, "", *lines]), MAIL_TOPIC)
    text = "\n".join(everything)
    to_ops = ops_emails(request.registry)
    if to_ops:
        send(request, to_ops, subject, text)
    return text


def week_due(registry, now, hour):
    """The ISO week tag (``2026-W01``) when its summary is due at ``now``, else None."""
    local = sitetime.local(now, registry)
    year, week, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    start = datetime.combine(monday, time(hour), tzinfo=local.tzinfo)
    return f"{year}-W{week:02d}" if local >= start else None


def summary_hour(registry):
    return int(registry.settings.get("govportal.monitoring.summary_hour", 8))


def summary_job(root, request):
    """Periodic job: the weekly summary, once per week."""
    registry = request.registry
    tag = week_due(registry, sitetime.now_utc(), summary_hour(registry))
    stored = section(root, "freshness", FreshnessState, create=False)
    if tag is None or (stored is not None and stored.summary_week == tag):
        return False
    state_of(root).summary_week = tag
    send_summary(root, request)
    return True


def summary_task(root, request, args):
    """Task ``summary``: send the weekly summary now (and count the week as sent)."""
    tag = week_due(request.registry, sitetime.now_utc(), 0)
    state_of(root).summary_week = tag or state_of(root).summary_week
    return send_summary(root, request)

"""Alarms of update monitoring: raised at the warning and veto thresholds.

:func:`check` judges every site (:func:`.compute.compute_all`) and, for
each rule of each site — ``home``, ``columns``, ``messages``,
``applications`` — raises the ``stale`` alarm keyed ``<site path>#<rule>``
at the level the rules give (:func:`govportal.monitoring.alarms.raise_alarm`:
mailed once to the 值班 addresses and the site's staff while it stays
open, again once if it worsens to veto, SMS at veto) or clears it when the
problem is gone.

The periodic job runs :func:`check` every ``check_every_minutes`` (rules
file), keeping the next run in the monitor database (section
``freshness``), so that several processes run it once; the same section
keeps the ISO week of the last weekly summary (:mod:`.summary`).
"""

from datetime import timedelta

from persistent import Persistent

from ...i18n import _, translate
from ...sitetime import now_utc
from ...siteurl import public_resource_url
from ..alarms import clear_alarm, is_open, raise_alarm, site_staff
from ..store import section
from .compute import compute_all
from .rules import rules_of

KIND = "stale"
RULES = ("home", "columns", "messages", "applications")
RULE_TITLES = {
    "home": _("freshness-rule-home", default="首页更新"),
    "columns": _("freshness-rule-columns", default="栏目更新"),
    "messages": _("freshness-rule-messages", default="留言办理"),
    "applications": _("freshness-rule-applications", default="依申请公开办理"),
}
#: stale and empty columns named in one alarm's mail and evidence
LISTED = 30
#: a check asked for within this many seconds of the last one is not run
#: again (16 clicks of 立即运行 at once run it once; ``force`` overrides)
RECENT_SECONDS = 60


class FreshnessState(Persistent):
    """When the check runs next, and the week of the last summary mail."""

    next_check = None
    last_check = None
    summary_week = ""


def state_of(root):
    return section(root, "freshness", FreshnessState)


def alarm_key(report, rule):
    return f"{report.site_path}#{rule}"


def _column_lines(columns, request):
    lines = []
    for c in columns[:LISTED]:
        none = translate(request, _("freshness-none", default="无"))
        when = str(c.last) if c.last is not None else none
        lines.append(f"  {c.title}（{c.path}）  {when}")
    if len(columns) > LISTED:
        lines.append(f"  …… {len(columns) - LISTED}")
    return lines


def alarm_body(report, problem, request):
    """The mail text of ``problem`` of ``report``."""
    registry = request.registry
    lines = [f"{report.title}：{problem.render(request)}", ""]
    if problem.rule == "columns":
        if report.stale:
            heading = _("freshness-mail-stale", default="超期未更新的栏目：")
            lines.append(translate(request, heading))
            lines.extend(_column_lines(report.stale, request))
        if report.empty:
            lines.append(translate(request, _("freshness-mail-empty", default="空白栏目：")))
            lines.extend(_column_lines(report.empty, request))
        lines.append("")
    lines.append(
        translate(request, _("freshness-mail-dashboard", default="运行监测："))
        + public_resource_url(registry, report.site, "@@monitoring")
    )
    return "\n".join(lines)


def _evidence(report, problem, request):
    return {
        "problem": problem.render(request),
        "home_days": report.home_days,
        "stale": [c.path for c in report.stale[:LISTED]],
        "empty": [c.path for c in report.empty[:LISTED]],
    }


def check(root, request, reports=None):
    """Raise or clear every site's ``stale`` alarms; returns ``(reports, changes)``."""
    registry = request.registry
    reports = reports if reports is not None else compute_all(root, registry)
    changes = 0
    for report in reports:
        staff = None
        for rule in RULES:
            key = alarm_key(report, rule)
            problem = report.problem(rule)
            if problem is None:
                if is_open(root, KIND, key):
                    clear_alarm(
                        root, request, KIND, key, _("freshness-fixed", default="已恢复正常")
                    )
                    changes += 1
                continue
            if staff is None:
                staff = site_staff(report.site, registry)
            title = translate(request, RULE_TITLES[rule])
            subject = f"{report.title}{title}：{problem.render(request)}"
            raised = raise_alarm(
                root,
                request,
                KIND,
                key,
                subject,
                alarm_body(report, problem, request),
                site=report.site,
                level=problem.level,
                evidence=_evidence(report, problem, request),
                staff=staff,
            )
            changes += raised is not None
    return reports, changes


def report_text(reports, request):
    """A short text of every site's verdict (the task's report)."""
    lines = []
    for report in reports:
        problems = "；".join(p.render(request) for p in report.problems)
        problems = problems or translate(request, _("monitoring-level-ok", default="正常"))
        lines.append(f"{report.title}：{problems}")
    return "\n".join(lines)


def freshness_task(root, request, args):
    """Task ``freshness`` (``govportal-monitor INI freshness [force]``, 立即运行):
    check now, unless a check ran in the last :data:`RECENT_SECONDS` (then
    only report, writing nothing)."""
    now = now_utc()
    stored = section(root, "freshness", FreshnessState, create=False)
    last = stored.last_check if stored is not None else None
    if "force" not in args and last is not None and now - last < timedelta(seconds=RECENT_SECONDS):
        when = last.strftime("%H:%M:%S UTC")
        recent = _(
            "freshness-recent",
            default="刚刚已检查过（${when}），未重复运行。",
            mapping={"when": when},
        )
        return translate(request, recent)
    reports, _changes = check(root, request)
    state_of(root).last_check = now
    return report_text(reports, request)


def freshness_job(root, request):
    """Periodic job: :func:`check` when the stored next run is due."""
    state = section(root, "freshness", FreshnessState, create=False)
    now = now_utc()
    if state is not None and state.next_check is not None and state.next_check > now:
        return False
    state = state_of(root)
    state.next_check = now + timedelta(minutes=rules_of(request.registry).check_every_minutes)
    state.last_check = now
    check(root, request)
    return True

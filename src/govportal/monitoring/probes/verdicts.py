"""Judging a site's availability after a round: figures, level, alarms.

The national rule (B2) fails a site whose home page does not open within
15 s in 5 % or more of a week's probes (at least 20 a day); the monitor
warns earlier (B21: above ``probe_alarm_percent``, 3 %) and at once when
the home page fails ``probe_failures`` (3) times in a row.  One alarm per
site (kind ``availability``, key the site's path), level ``veto`` at the
veto line (mailed again, and SMS to the 值班 phones); one per key page
(key the page's path), never above ``warning`` — the veto counts the home
page only.  The alarm is cleared when the figures are back under the line
and the newest probe succeeded.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from pyramid.traversal import resource_path

from ...i18n import _, translate
from ...siteurl import public_resource_url
from .. import alarms
from . import history
from .stats import consecutive_failures, format_duration, format_rate, rolling_week

KIND = "availability"


@dataclass
class Verdict:
    """A page's figures over the rolling week and what they mean."""

    site_path: str
    title: str
    path: str
    level: str
    probes: int
    failures: int
    rate: float | None
    consecutive: int
    text: str = ""
    evidence: dict = field(default_factory=dict)


def alarm_key(site_path, path):
    """``/jyj`` for the bureau's home page, ``/jyj/@@search`` for a key page."""
    if not path:
        return site_path
    return site_path.rstrip("/") + "/" + path.lstrip("/")


def figures(found, site, path, conf, now):
    """The :class:`Verdict` of one page of ``site`` (no alarm touched)."""
    from .rounds import site_title

    site_path = resource_path(site)
    recent = history.probes(found, site_path, path, since=now - timedelta(days=7))
    week = rolling_week(recent, now, conf.interval)
    consecutive = consecutive_failures(recent)
    level = conf.level(week.rate, week.probes, consecutive)
    if path and level == "veto":
        level = "warning"
    last = recent[-1] if recent else None
    evidence = {
        "probes": week.probes,
        "failures": week.failures,
        "rate": format_rate(week.rate),
        "consecutive": consecutive,
        "downtime": format_duration(week.downtime),
        "last_error": last.error if last else "",
        "last_at": last.at.isoformat() if last else "",
    }
    return Verdict(
        site_path,
        site_title(site),
        path,
        level,
        week.probes,
        week.failures,
        week.rate,
        consecutive,
        evidence=evidence,
    )


def _message(request, verdict, site, conf):
    registry = request.registry
    page = verdict.path or "首页"
    mapping = {
        "site": verdict.title,
        "page": page,
        "rate": format_rate(verdict.rate),
        "alarm": f"{conf.alarm_percent:g}",
        "veto": f"{conf.veto_percent:g}",
        "probes": verdict.probes,
        "failures": verdict.failures,
        "consecutive": verdict.consecutive,
        "downtime": verdict.evidence["downtime"],
        "error": verdict.evidence["last_error"] or "—",
        "url": public_resource_url(registry, site) + verdict.path.lstrip("/"),
        "dashboard": public_resource_url(registry, site, "@@monitoring"),
    }
    if verdict.level == "veto":
        subject = _(
            "probe-alarm-veto",
            default="${site}${page}近7天访问失败率 ${rate}，已达单项否决线 ${veto}%",
            mapping=mapping,
        )
    elif verdict.rate is not None and verdict.probes and verdict.consecutive < conf.failures:
        subject = _(
            "probe-alarm-rate",
            default="${site}${page}近7天访问失败率 ${rate}，超过告警线 ${alarm}%",
            mapping=mapping,
        )
    else:
        subject = _(
            "probe-alarm-down",
            default="${site}${page}连续 ${consecutive} 次无法访问",
            mapping=mapping,
        )
    body = _(
        "probe-alarm-body",
        default=(
            "网站：${site}（${url}）\n"
            "页面：${page}\n"
            "近7天探测 ${probes} 次，失败 ${failures} 次，失败率 ${rate}"
            "（告警线 ${alarm}%，单项否决线 ${veto}%）。\n"
            "最近连续失败 ${consecutive} 次，最近一次错误：${error}。\n"
            "近7天估计停机时长：${downtime}。\n\n"
            "请值班人员立即检查网站服务、网络和前置代理；恢复后告警自动解除。\n"
            "运行监测：${dashboard}\n"
        ),
        mapping=mapping,
    )
    return translate(request, subject), translate(request, body)


def _act(root, request, site, verdict, conf):
    key = alarm_key(verdict.site_path, verdict.path)
    if verdict.level == "ok":
        if verdict.consecutive == 0 and alarms.is_open(root, KIND, key):
            note = _(
                "probe-alarm-cleared",
                default="已恢复：近7天失败率 ${rate}，最近一次探测正常。",
                mapping={"rate": format_rate(verdict.rate)},
            )
            alarms.clear_alarm(root, request, KIND, key, note)
        return
    subject, body = _message(request, verdict, site, conf)
    verdict.text = subject
    opened = [a for a in alarms.open_alarms(root, site=site, kind=KIND) if a.key == key]
    if opened:
        alarm = opened[0]
        alarm.evidence = dict(verdict.evidence)
        if verdict.level == "veto" and alarm.level != "veto":
            alarm.subject, alarm.body = subject, body  # told again: with today's figures
    staff = alarms.site_staff(site, request.registry)
    alarms.raise_alarm(
        root,
        request,
        KIND,
        key,
        subject,
        body,
        site=site,
        level=verdict.level,
        evidence=verdict.evidence,
        staff=staff,
    )


def judge(root, request, site, found, conf, now, paths=None):
    """Figures of ``site``'s home page and key pages (``paths``, default
    every page with a history); raise or clear their alarms."""
    verdicts = []
    if paths is None:
        paths = history.paths_of(found, resource_path(site))
    for path in sorted(paths):
        verdict = figures(found, site, path, conf, now)
        _act(root, request, site, verdict, conf)
        verdicts.append(verdict)
    return verdicts

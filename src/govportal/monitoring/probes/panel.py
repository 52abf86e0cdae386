"""The availability panel of the monitoring dashboard and its overview line.

:func:`panel` shows, for one site: the last probe of each page, the rolling
7-day failure rate against the warning (3 %) and veto (5 %) lines, the
calendar weeks (site time), probes per day against the national minimum of
20, a small server-rendered SVG bar chart of the daily failure rates, and
the recent failures.  :func:`summary` is the site's line of the county
overview and of the weekly mail.  Both only read the monitor database.
"""

from dataclasses import dataclass
from datetime import timedelta

from pyramid.renderers import render
from pyramid.traversal import find_root, resource_path

from ...i18n import _, translate
from ...sitetime import local, now_utc, site_zone
from ..panels import SiteStatus
from . import history
from .config import PROBES_PER_DAY, ProbeConfig
from .stats import (
    calendar_weeks,
    consecutive_failures,
    format_duration,
    format_rate,
    per_day,
    rolling_week,
)

TEMPLATE = "govportal.monitoring.probes:templates/panel.pt"
LEVEL_TEXT = {
    "ok": _("probe-level-ok", default="正常"),
    "warning": _("probe-level-warning", default="告警"),
    "veto": _("probe-level-veto", default="达到单项否决线"),
}
#: failures listed on the panel
RECENT = 10


@dataclass
class Page:
    path: str
    label: str
    last: object
    week: object
    this_week: object
    last_week: object
    days: list
    consecutive: int
    level: str
    failures: list


def pages(site, registry, now=None):
    """The :class:`Page` figures of every probed page of ``site``."""
    conf = ProbeConfig.from_settings(registry.settings)
    now = now or now_utc()
    zone = site_zone(registry)
    found = history.book(find_root(site), create=False)
    site_path = resource_path(site)
    result = []
    for path in history.paths_of(found, site_path):
        recent = history.probes(found, site_path, path, since=now - timedelta(days=15))
        week = rolling_week(recent, now, conf.interval)
        this_week, last_week = calendar_weeks(recent, now, zone, conf.interval)
        consecutive = consecutive_failures(recent)
        level = conf.level(week.rate, week.probes, consecutive)
        if path and level == "veto":
            level = "warning"
        result.append(
            Page(
                path,
                path or "首页",
                recent[-1] if recent else None,
                week,
                this_week,
                last_week,
                per_day(recent, now, zone),
                consecutive,
                level,
                [p for p in reversed(recent) if not p.ok][:RECENT],
            )
        )
    return result


def chart(days, conf, width=320, height=140):
    """Geometry of the SVG bar chart of daily failure rates (percent)."""
    # a fixed scale keeps the two lines apart: a worse day is drawn to the
    # top and labelled with its rate
    top = max(10.0, conf.veto_percent * 2)
    left, bottom, plot_h = 34, 20, height - 30
    step = (width - left - 6) / max(len(days), 1)

    def y(rate):
        return round(10 + plot_h * (1 - min(rate, top) / top), 1)

    bars = []
    for i, d in enumerate(days):
        rate = d.rate or 0.0
        bars.append(
            {
                "x": round(left + i * step + step * 0.15, 1),
                "y": y(rate),
                "w": round(step * 0.7, 1),
                "h": round(y(0) - y(rate), 1),
                "label": d.day.strftime("%m-%d"),
                "over": f"{rate:.0f}%" if rate > top else "",
                "lx": round(left + i * step + step / 2, 1),
                "day": d.day.isoformat(),
                "probes": d.probes,
                "failures": d.failures,
                "rate": format_rate(d.rate),
                "level": (
                    "veto"
                    if rate >= conf.veto_percent
                    else ("warning" if rate > conf.alarm_percent else "ok")
                ),
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - 6,
        "base": y(0),
        "label_y": height - bottom + 14,
        "top": f"{top:g}%",
        "alarm_y": y(conf.alarm_percent),
        "veto_y": y(conf.veto_percent),
        "bars": bars,
    }


def panel(site, request):
    """The dashboard's 可用性监测 panel for ``site`` (HTML)."""
    registry = request.registry
    conf = ProbeConfig.from_settings(registry.settings)
    found = pages(site, registry)
    home = found[0] if found and found[0].path == "" else None
    failures = sorted(
        ((p.label, f) for p in found for f in p.failures), key=lambda i: i[1].at, reverse=True
    )[:RECENT]
    values = {
        "site_id": resource_path(site).strip("/").replace("/", "-") or "portal",
        "conf": conf,
        "pages": found,
        "home": home,
        "chart": chart(home.days, conf) if home else None,
        "failures": failures,
        "mode": conf.mode,
        "per_day_min": PROBES_PER_DAY,
        "rate": format_rate,
        "num": lambda value: f"{value:g}",
        "duration": format_duration,
        "when": lambda at: local(at, registry).strftime("%Y-%m-%d %H:%M"),
        "level_text": {k: translate(request, v) for k, v in LEVEL_TEXT.items()},
    }
    return render(TEMPLATE, values, request=request)


def summary(site, request):
    """The site's 可用性 line: the home page's 7-day failure rate and level."""
    registry = request.registry
    found = [p for p in pages(site, registry) if p.path == ""]
    url = request.resource_url(site, "@@monitoring", anchor="availability")
    label = translate(request, _("probe-summary-label", default="可用性"))
    if not found or not found[0].week.probes:
        return SiteStatus(
            label,
            translate(request, _("probe-summary-none", default="暂无探测")),
            "ok",
            translate(request, _("probe-summary-none-detail", default="近7天没有可用性探测记录。")),
            url,
        )
    page = found[0]
    week = page.week
    short_days = [d for d in page.days[:-1] if d.probes < PROBES_PER_DAY]
    parts = [
        _(
            "probe-summary-detail",
            default="近7天首页探测 ${probes} 次，失败 ${failures} 次，估计停机 ${downtime}",
            mapping={
                "probes": week.probes,
                "failures": week.failures,
                "downtime": format_duration(week.downtime),
            },
        )
    ]
    if page.consecutive:
        parts.append(
            _(
                "probe-summary-consecutive",
                default="最近连续失败 ${count} 次",
                mapping={"count": page.consecutive},
            )
        )
    if short_days:
        parts.append(
            _(
                "probe-summary-short-days",
                default="${days} 天探测少于每天 ${least} 次",
                mapping={"days": len(short_days), "least": PROBES_PER_DAY},
            )
        )
    detail = "；".join(translate(request, part) for part in parts)
    facts = {
        "probes": week.probes,
        "failures": week.failures,
        "rate": week.rate,
        "consecutive": page.consecutive,
        "downtime_seconds": int(week.downtime.total_seconds()),
    }
    return SiteStatus(label, format_rate(week.rate), page.level, detail, url, facts)

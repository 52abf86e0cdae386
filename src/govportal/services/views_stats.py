"""The public 办事统计 page (checklist B9/D4): ``GET /@@service-stats``.

Per department for one month (``month=YYYY-MM``, default the last complete
month in site time) and for the year to date (January to that month):
收件 (received), 受理 (accepted), 办结 (concluded: 办结 or 不予许可),
按时办结率, 平均办理工作日 and 满意率 (ratings given in the period, ratings
excluded by an upheld appeal left out).  Counts come from
:func:`.queries.monthly_stats`; nothing personal.
"""

from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..i18n import _
from . import clock, queries
from .cases import lead_site
from .sites import site_key
from .supervision import PORTAL_TITLE
from .views_supervision import parse_month
from .vocabulary import BAD_RATING

TEMPLATE = "govportal.services:templates/service_stats.pt"
COUNTS = ("received", "accepted", "concluded", "on_time", "rated", "satisfied")


def last_complete_month(today):
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def _ratings(root, first, last):
    """``{site key: (rated, satisfied)}`` of the ratings given from ``first``
    to ``last`` (China dates), upheld appeals excluded."""
    found = {}
    for case in queries.all_cases(root):
        rating = case.rating
        if not rating or rating.get("excluded"):
            continue
        if not first <= sitetime.local_date(rating["at"]) <= last:
            continue
        key = site_key(lead_site(case))
        rated, satisfied = found.get(key, (0, 0))
        found[key] = (rated + 1, satisfied + (rating["level"] > BAD_RATING))
    return found


def period_stats(root, registry, year, months):
    """Rows per site (portal first, sites without anything left out) and a
    total (``lead`` None) over ``months`` of ``year``."""
    table = {}
    for month in months:
        for counts in queries.monthly_stats(root, year, month, registry):
            row = table.setdefault(
                counts["key"],
                dict(
                    {name: 0 for name in COUNTS},
                    lead=counts["key"],
                    lead_title=counts["title"] or PORTAL_TITLE,
                    days=[],
                ),
            )
            for name in ("received", "accepted", "concluded", "on_time"):
                row[name] += counts[name]
            row["days"].extend(counts["days"])
    first = queries.month_bounds(year, months[0])[0]
    last = queries.month_bounds(year, months[-1])[1]
    for key, (rated, satisfied) in _ratings(root, first, last).items():
        if key in table:
            table[key]["rated"], table[key]["satisfied"] = rated, satisfied
    rows = [r for r in table.values() if any(r[name] for name in COUNTS)]
    total = dict({name: sum(r[name] for r in rows) for name in COUNTS}, lead=None)
    total["lead_title"] = _("合计")
    total["days"] = [d for r in rows for d in r["days"]]
    for row in rows + [total]:
        days = row.pop("days")
        row["average_days"] = round(sum(days) / len(days), 1) if days else None
        row["on_time_rate"] = (
            round(100.0 * row["on_time"] / row["concluded"], 1) if row["concluded"] else None
        )
        row["satisfaction"] = (
            round(100.0 * row["satisfied"] / row["rated"], 1) if row["rated"] else None
        )
    return rows + [total]


@view_config(context=IRoot, name="service-stats", permission="view", renderer=TEMPLATE)
def service_stats_view(context, request):
    today = clock.today()
    if (request.GET.get("month") or "").strip():
        year, month = parse_month(request, today)
    else:
        year, month = last_complete_month(today)
    registry = request.registry
    return {
        "month": f"{year:04d}-{month:02d}",
        "month_title": f"{year}年{month}月",
        "ytd_title": f"{year}年1月至{month}月" if month > 1 else f"{year}年1月",
        "monthly": period_stats(context, registry, year, [month]),
        "ytd": period_stats(context, registry, year, list(range(1, month + 1))),
        "today": today,
        "action": request.resource_url(context, "@@service-stats"),
    }


def includeme(config):
    config.scan(".views_stats")

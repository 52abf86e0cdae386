"""Letter statistics per site and month (第二十五条; the 年度报表).

:func:`year_table` gives, for each site and each month of a year, the
counts the public page (:mod:`.views_stats`) and the XLSX export
(:mod:`.xlsx`) show, from :func:`.queries.stats_by_month` of the handling
side (its docstring holds the contract): received, answered, answered on
time, average working days from receipt to reply, ratings and satisfied
ratings.  Letters count for the site handling them now (a transferred
letter counts for the department it was transferred to).  Nothing personal
is read.
"""

from ...content import site_group
from .queries import stats_by_month

COUNTS = ("received", "answered", "on_time", "rated", "satisfied")
PORTAL_TITLE = "门户网站"


def rate(part, whole):
    """A percentage with one decimal, or None when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else None


def finish(row):
    """Add the rates and the average to a row of counts."""
    days = row.pop("_days", [])
    row["on_time_rate"] = rate(row["on_time"], row["answered"])
    row["satisfaction_rate"] = rate(row["satisfied"], row["rated"])
    row["avg_workdays"] = round(sum(days) / len(days), 1) if days else None
    return row


def site_title(site):
    if site.__parent__ is None:
        return PORTAL_TITLE
    return getattr(site, "short_title", "") or getattr(site, "title", "") or site.__name__


def year_table(sites, year, registry, last_month=12):
    """``[{"title", "months": [row × months], "total": row}]`` per site."""
    table = []
    for site in sites:
        months, total = [], dict.fromkeys(COUNTS, 0)
        total["_days"] = []
        found = stats_by_month(site, [(year, m) for m in range(1, last_month + 1)], registry)
        for month in range(1, last_month + 1):
            counts = found[(year, month)]
            for name in COUNTS:
                total[name] += counts.get(name, 0)
            total["_days"].extend(counts["_days"])
            months.append(finish(dict(counts, month=month)))
        table.append({"title": site_title(site), "months": months, "total": finish(total)})
    return table


def sites_for(context):
    """The portal shows every site of the group, a department itself."""
    return site_group(context) if context.__parent__ is None else [context]

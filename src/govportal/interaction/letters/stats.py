"""Letter statistics per site and month (第二十五条; the 年度报表).

:func:`year_table` gives, for each site and each month of a year, the
counts the public page (:mod:`.views_stats`) and the XLSX export
(:mod:`.xlsx`) show.  One month of one site comes from
``queries.monthly_stats(site, year, month)`` of the handling side when it
is installed, else from :func:`monthly_stats` here, which keeps the same
contract — a dict of:

``received``
    letters received (``received_on``) in the month;
``answered``
    letters answered (``answered_on``) in the month;
``on_time``
    of those, answered by the date that counted (:func:`.clock.on_time`);
``avg_workdays``
    their average working days from receipt to reply (one decimal, None
    when none was answered);
``rated`` / ``satisfied``
    ratings given in the month, and of those the satisfied ones
    (:data:`.vocabulary.SATISFIED_CODES`).

Letters count for the site handling them now (a transferred letter counts
for the department it was transferred to).  Nothing personal is read.
"""

from ... import sitetime
from ...content import site_group
from . import clock
from .model import find_box
from .vocabulary import SATISFIED_CODES

COUNTS = ("received", "answered", "on_time", "rated", "satisfied")
PORTAL_TITLE = "门户网站"


def _month_of(day):
    return (day.year, day.month) if day is not None else None


def monthly_stats(site, year, month, registry=None):
    """The counts of ``site``'s letters in ``month`` of ``year`` (see module)."""
    box = find_box(site)
    result = dict.fromkeys(COUNTS, 0)
    days = []
    wanted = (year, month)
    calendar = None
    for letter in box.values() if box is not None else ():
        if _month_of(letter.received_on) == wanted:
            result["received"] += 1
        if _month_of(letter.answered_on) == wanted:
            result["answered"] += 1
            result["on_time"] += bool(clock.on_time(letter))
            calendar = calendar or clock.calendar_of(letter)
            days.append(clock.days_used(letter, registry, calendar=calendar))
        rating = letter.satisfaction
        if rating and _month_of(sitetime.local_date(rating["at"], registry)) == wanted:
            result["rated"] += 1
            result["satisfied"] += rating.get("level") in SATISFIED_CODES
    result["avg_workdays"] = round(sum(days) / len(days), 1) if days else None
    result["_days"] = days
    return result


def _source():
    """``queries.monthly_stats`` of the handling side, or this module's."""
    try:
        from . import queries
    except ImportError:
        return monthly_stats
    return getattr(queries, "monthly_stats", monthly_stats)


def _month(source, site, year, month, registry):
    counts = dict(source(site, year, month, registry))
    days = counts.pop("_days", None)
    if days is None and counts.get("avg_workdays") is not None:
        days = [counts["avg_workdays"]] * counts.get("answered", 0)
    counts["_days"] = days or []
    return counts


def rate(part, whole):
    """A percentage with one decimal, or None when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else None


def finish(row):
    """Add the rates and the average to a row of counts."""
    days = row.pop("_days", [])
    row["on_time_rate"] = rate(row["on_time"], row["answered"])
    row["satisfaction_rate"] = rate(row["satisfied"], row["rated"])
    if row.get("avg_workdays") is None or days:
        row["avg_workdays"] = round(sum(days) / len(days), 1) if days else None
    return row


def site_title(site):
    if site.__parent__ is None:
        return PORTAL_TITLE
    return getattr(site, "short_title", "") or getattr(site, "title", "") or site.__name__


def year_table(sites, year, registry, last_month=12):
    """``[{"title", "months": [row × months], "total": row}]`` per site."""
    source = _source()
    table = []
    for site in sites:
        months, total = [], dict.fromkeys(COUNTS, 0)
        total["_days"] = []
        for month in range(1, last_month + 1):
            counts = _month(source, site, year, month, registry)
            for name in COUNTS:
                total[name] += counts.get(name, 0)
            total["_days"].extend(counts["_days"])
            months.append(finish(dict(counts, month=month)))
        table.append({"title": site_title(site), "months": months, "total": finish(total)})
    return table


def sites_for(context):
    """The portal shows every site of the group, a department itself."""
    return site_group(context) if context.__parent__ is None else [context]

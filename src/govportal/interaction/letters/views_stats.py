"""``<site>/@@letter-stats``: the public statistics of letters per site and
month of a year (``?year=``, default this year in site time; the portal
shows every site of the group, a department itself), and
``<site>/@@letter-stats.xlsx``, the same as a workbook for the 年度报表.
Counts only (:mod:`.stats`), nothing personal; the current year stops at
the current month.
"""

from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...content import IDepartment
from . import clock, stats, xlsx

TEMPLATE = "govportal.interaction.letters:templates/public_stats.pt"
FIRST_YEAR = 2020
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_year(request):
    this_year = clock.today().year
    try:
        year = int(request.GET.get("year", this_year))
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def last_month(year):
    today = clock.today()
    return today.month if year == today.year else 12


def table_of(context, request, year):
    return stats.year_table(stats.sites_for(context), year, request.registry, last_month(year))


@view_config(context=IRoot, name="letter-stats", permission="view", renderer=TEMPLATE)
@view_config(context=IDepartment, name="letter-stats", permission="view", renderer=TEMPLATE)
def stats_view(context, request):
    year = chosen_year(request)
    return {
        "year": year,
        "years": list(range(clock.today().year, FIRST_YEAR - 1, -1)),
        "table": table_of(context, request, year),
        "xlsx_url": request.resource_url(context, "@@letter-stats.xlsx", query={"year": year}),
        "letters_url": request.resource_url(context, "@@letters"),
    }


@view_config(context=IRoot, name="letter-stats.xlsx", permission="view")
@view_config(context=IDepartment, name="letter-stats.xlsx", permission="view")
def stats_xlsx(context, request):
    year = chosen_year(request)
    title = getattr(context, "title", "") or getattr(context, "legal_name", "")
    body = xlsx.workbook_bytes(table_of(context, request, year), year, title)
    response = Response(body=body, content_type=XLSX_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="letter-stats-{year}.xlsx"'
    return response

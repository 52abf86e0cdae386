"""电子监察 pages (permission ``supervise``, held at the portal root by the
电子监察员 role of ``workflows/site.yaml``):

* ``GET /@@supervision`` — every open case of every site with working days
  used and left and its warning (黄牌/红牌), by department and by guide,
  filtered by department (``lead``), guide (``guide``) and level
  (``level``); the monthly statistics of the chosen month (``month``,
  ``YYYY-MM``, default this month).  Never personal data.
* ``GET /@@supervision-export?month=YYYY-MM`` — the same as an XLSX
  workbook (sheets 预警 and 月度统计).
"""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..cache import dont_cache
from ..i18n import _, translate
from . import clock, supervision
from .sites import site_key, site_title, sites

TEMPLATE = "govportal.services:templates/supervision.pt"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
LEVELS = (
    ("", _("全部")),
    (clock.YELLOW, _("黄牌预警")),
    (clock.RED, _("红牌超期")),
)


def parse_month(request, today):
    """``(year, month)`` of the ``month`` parameter (default: this month)."""
    value = (request.GET.get("month") or "").strip()
    if not value:
        return today.year, today.month
    match = MONTH.match(value)
    if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise HTTPBadRequest(
            translate(request, _("services-month-bad", default="月份格式应为“年-月”，如 2026-09。"))
        )
    return int(match.group(1)), int(match.group(2))


def _filters(request):
    lead = request.GET.get("lead")
    lead = None if lead in (None, "*") else lead
    level = request.GET.get("level") or ""
    if level not in dict(LEVELS):
        level = ""
    return lead, (request.GET.get("guide") or "").strip(), level


def _private(request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


@view_config(context=IRoot, name="supervision", permission="supervise", renderer=TEMPLATE)
def supervision_view(context, request):
    _private(request)
    registry = request.registry
    today = clock.today()
    year, month = parse_month(request, today)
    lead, guide, level = _filters(request)
    every = supervision.case_rows(context, registry, today)
    rows = [
        r
        for r in every
        if (lead is None or r["lead"] == lead)
        and (not guide or r["guide_path"] == guide)
        and (not level or r["level"] == level)
    ]
    for row in rows:
        row["url"] = request.resource_url(
            context[row["lead"]] if row["lead"] else context, "@@cases", row["number"]
        )
    guides = sorted({(r["guide_path"], r["title"]) for r in every}, key=lambda g: g[1])
    return {
        "today": today,
        "yellow_days": clock.yellow_days(registry.settings),
        "rows": rows,
        "by_department": supervision.grouped(every, "lead", "lead_title"),
        "by_guide": supervision.grouped(every, "guide_path", "title"),
        "stats": supervision.monthly_stats(context, registry, year, month),
        "month": f"{year:04d}-{month:02d}",
        "departments": [
            (site_key(s), site_title(s) or supervision.PORTAL_TITLE) for s in sites(context)
        ],
        "guides": guides,
        "levels": LEVELS,
        "lead": lead,
        "guide": guide,
        "level": level,
        "export_url": request.resource_url(
            context, "@@supervision-export", query={"month": f"{year:04d}-{month:02d}"}
        ),
    }


WARNING_HEAD = (
    _("预警"),
    _("办理部门"),
    _("办件编号"),
    _("事项名称"),
    _("状态"),
    _("受理日期"),
    _("承诺办结日期"),
    _("承诺时限（工作日）"),
    _("已用工作日"),
    _("剩余工作日"),
)
STATS_HEAD = (
    _("办理部门"),
    _("收件"),
    _("受理"),
    _("办结"),
    _("按时办结"),
    _("超期办结"),
    _("按时办结率（%）"),
    _("平均用时（工作日）"),
)


def _iso(value):
    return value.isoformat() if value is not None else ""


def workbook(rows, stats, month):
    """The XLSX bytes of the warnings and the month's statistics."""
    book = Workbook()
    sheet = book.active
    sheet.title = "预警"
    sheet.append(WARNING_HEAD)
    for r in rows:
        sheet.append(
            (
                r["level_title"],
                r["lead_title"],
                r["number"],
                r["title"],
                r["state_title"],
                _iso(r["accepted_on"]),
                _iso(r["due"]),
                r["promised_days"],
                r["used"],
                r["left"],
            )
        )
    stats_sheet = book.create_sheet("月度统计")
    stats_sheet.append((f"{month} " + _("办件统计"),))
    stats_sheet.append(STATS_HEAD)
    for s in stats:
        stats_sheet.append(
            (
                s["lead_title"],
                s["received"],
                s["accepted"],
                s["concluded"],
                s["on_time"],
                s["overdue"],
                s["on_time_rate"],
                s["average_days"],
            )
        )
    for ws in (sheet, stats_sheet):
        for cell in ws[1 if ws is sheet else 2]:
            cell.font = Font(bold=True)
        for column in "ABCDEFGHIJ":
            ws.column_dimensions[column].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@view_config(context=IRoot, name="supervision-export", permission="supervise")
def supervision_export(context, request):
    registry = request.registry
    today = clock.today()
    year, month = parse_month(request, today)
    month_text = f"{year:04d}-{month:02d}"
    body = workbook(
        supervision.case_rows(context, registry, today),
        supervision.monthly_stats(context, registry, year, month),
        month_text,
    )
    response = Response(body=body, content_type=XLSX)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="supervision-{month_text}.xlsx"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    dont_cache(request)
    return response


def includeme(config):
    config.scan(".views_supervision")

"""The working-day calendar page (管理 → 工作日历).

``/@@admin-calendar`` (permission ``manage_site``, the staff chrome; the
management interface is the system administrator's only) shows which years
have holiday data, the open deadlines that rely on a year without data, and
the administrators' override table; it adds entries (one day or a run of
days, e.g. a whole Spring Festival holiday) through a deform form carrying
the ``_csrf_token_`` field, and removes them one by one.
``/@@admin-calendar.json`` exports the same as JSON.  Dates use the
browser's date input (deform's date widget needs inline scripts).

Bad input is a form error (the form is shown again with the message) or a
400 answer for a tampered request; never a 500.
"""

import json
from datetime import date, datetime, timedelta

import colander
import deform
import deform.widget
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.response import Response
from substanced.interfaces import IRoot
from substanced.schema import Schema

from ..i18n import _, translate
from ..security.events import record_action
from ..sitetime import local
from ..sitetime import today as site_today
from .core import OFFICIAL
from .recompute import uncertain_deadlines
from .table import MAX_NOTE, find_table, get_calendar, set_year_complete, update_calendar

VIEW_NAME = "admin-calendar"
JSON_VIEW_NAME = "admin-calendar.json"
TEMPLATE = "govportal.calendar:templates/calendar.pt"
DATE_WIDGET = deform.widget.TextInputWidget(attributes={"type": "date"})

#: The longest run of days one form submission may enter.
MAX_SPAN_DAYS = 31

KINDS = (("off", "放假"), ("work", "调休上班"))
WEEKDAYS = "一二三四五六日"

#: Years an entry may be for.
FIRST_YEAR, LAST_YEAR = 2000, 2099


class CalendarEntrySchema(Schema):
    day = colander.SchemaNode(
        colander.Date(),
        title=_("日期"),
        widget=DATE_WIDGET,
        missing_msg=_("请填写日期。"),
        validator=colander.Range(
            min=date(FIRST_YEAR, 1, 1),
            max=date(LAST_YEAR, 12, 31),
            min_err=_("日期须在2000年至2099年之间。"),
            max_err=_("日期须在2000年至2099年之间。"),
        ),
    )
    end = colander.SchemaNode(
        colander.Date(),
        title=_("截止日期（可选）"),
        widget=DATE_WIDGET,
        description=_("录入连续多日（如整个春节假期）时填写最后一天；留空则只录入一天。"),
        missing=None,
    )
    kind = colander.SchemaNode(
        colander.String(),
        title=_("类型"),
        widget=deform.widget.SelectWidget(values=(("", "— 请选择 —"),) + KINDS),
        validator=colander.OneOf([k for k, _t in KINDS], msg_err=_("请选择“放假”或“调休上班”。")),
        missing_msg=_("请选择“放假”或“调休上班”。"),
    )
    note = colander.SchemaNode(
        colander.String(),
        title=_("说明"),
        description=_("如“元旦”“春节调休上班”，可注明国务院办公厅通知的文号。"),
        validator=colander.Length(max=MAX_NOTE),
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
        missing="",
    )

    def validator(self, node, value):
        end = value.get("end")
        if end is None:
            return
        if end < value["day"]:
            raise colander.Invalid(node["end"], _("截止日期不能早于开始日期。"))
        if (end - value["day"]).days >= MAX_SPAN_DAYS:
            raise colander.Invalid(node["end"], _("一次最多录入31天。"))


def _days(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def coverage(calendar, table_years, today=None):
    """Rows for the years around today and every year of the table."""
    today = today or site_today()
    years = sorted(
        set(range(today.year - 1, today.year + 3)) | set(table_years) | set(calendar.complete_years)
    )
    rows = []
    for year in years:
        source = calendar.year_source(year)
        count = sum(1 for d in calendar.overrides if d.year == year)
        if source == "official":
            text = "官方数据（chinesecalendar）" + (f"，另有管理员录入 {count} 条" if count else "")
        elif source == "override":
            text = f"管理员已录入全年安排（{count} 条）并确认完整"
        elif source == "partial":
            text = (
                f"已录入 {count} 条，尚未确认全年安排已录入完整：法定节假日已按"
                "《全国年节及纪念日放假办法》计入，其余日期的调休安排待核实"
            )
        else:
            text = (
                f"{year}年调休安排尚未录入，法定节假日已按《全国年节及纪念日放假办法》计入；"
                "涉及其余日期的期限标记为“待核实”"
            )
        rows.append(
            {
                "year": year,
                "source": source,
                "text": text,
                "count": count,
                # an administrator may mark a year without official data complete
                "can_mark": source in ("partial", None),
                "can_unmark": source == "override",
            }
        )
    return rows


def _shown_at(value):
    """An entry's ISO timestamp in the site's time zone (old entries: naive UTC)."""
    try:
        at = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    return local(at).strftime("%Y-%m-%d %H:%M")


class WorkdayCalendarView:
    title = _("工作日历")

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def form(self):
        schema = CalendarEntrySchema().bind(
            request=self.request,
            context=self.context,
            _csrf_token_=self.request.session.get_csrf_token(),
        )
        button = deform.Button("add", translate(self.request, _("录入")))
        return deform.Form(schema, buttons=(button,), formid="calendar-entry")

    def __call__(self):
        request = self.request
        form = self.form()
        if request.method == "POST":
            if "add" in request.POST:
                try:
                    appstruct = form.validate(request.POST.items())
                except deform.ValidationFailure as e:
                    return self.page(form, e.render())
                return self.add(appstruct)
            if "remove" in request.POST:
                return self.remove(request.POST.get("remove", ""))
            if "complete" in request.POST or "incomplete" in request.POST:
                return self.mark_year("complete" in request.POST)
            raise HTTPBadRequest("未知的操作。")
        return self.page(form, form.render())

    def add(self, appstruct):
        first = appstruct["day"]
        last = appstruct.get("end") or first
        workday = appstruct["kind"] == "work"
        entries = [(d, workday, appstruct["note"]) for d in _days(first, last)]
        changes = update_calendar(self.context, entries=entries, request=self.request)
        kind = "调休上班" if workday else "放假"
        span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
        if changes:
            record_action(
                self.request,
                "settings.change",
                target="calendar",
                details={"added": span, "kind": kind, "days": len(changes)},
            )
            message = f"已录入 {span}（{kind}），共 {len(changes)} 天有变化。"
        else:
            message = f"{span} 的录入与原有条目相同，未作修改。"
        self.request.session.flash(message)
        return HTTPSeeOther(self.request.resource_url(self.context, "@@" + VIEW_NAME))

    def remove(self, value):
        try:
            day = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise HTTPBadRequest("要删除的日期无效。") from None
        changes = update_calendar(self.context, remove=[day], request=self.request)
        if changes:
            record_action(
                self.request, "settings.change", target="calendar", details={"removed": str(day)}
            )
            self.request.session.flash(f"已删除 {day.isoformat()} 的条目。")
        else:
            self.request.session.flash(f"{day.isoformat()} 没有录入条目。")
        return HTTPSeeOther(self.request.resource_url(self.context, "@@" + VIEW_NAME))

    def mark_year(self, complete):
        value = self.request.POST.get("complete" if complete else "incomplete", "")
        try:
            year = int(value)
        except (TypeError, ValueError):
            raise HTTPBadRequest("年份无效。") from None
        if not FIRST_YEAR <= year <= LAST_YEAR or OFFICIAL.knows(year):
            raise HTTPBadRequest("该年份不能标记。")
        if set_year_complete(self.context, year, complete, request=self.request):
            record_action(
                self.request,
                "settings.change",
                target="calendar",
                details={"year": year, "complete": bool(complete)},
            )
            if complete:
                message = f"已确认{year}年全年安排录入完整，相关期限已重新计算。"
            else:
                message = f"已取消{year}年的完整确认，相关期限重新标记为“待核实”。"
        else:
            message = f"{year}年的状态未变。"
        self.request.session.flash(message)
        return HTTPSeeOther(self.request.resource_url(self.context, "@@" + VIEW_NAME))

    def page(self, form, form_html):
        calendar = get_calendar(self.context)
        table = find_table(self.context)
        entries = table.entries() if table is not None else []
        first, last = OFFICIAL.years()
        self.request.response.cache_control = "private, no-store"
        return {
            "form": form_html,
            "entries": [
                dict(
                    e.as_dict(),
                    weekday="周" + WEEKDAYS[e.day.weekday()],
                    shown_at=_shown_at(e.at),
                )
                for e in entries
            ],
            "coverage": coverage(calendar, table.years() if table is not None else []),
            "uncertain": uncertain_deadlines(self.context, calendar, self.request.registry),
            "official_years": f"{first}–{last}",
            "csrf_token": self.request.session.get_csrf_token(),
            "json_url": self.request.resource_url(self.context, "@@" + JSON_VIEW_NAME),
        }


def export(context, request):
    """The calendar's data as a JSON download."""
    calendar = get_calendar(context)
    table = find_table(context)
    first, last = OFFICIAL.years()
    data = {
        "official": {"source": "chinesecalendar", "first_year": first, "last_year": last},
        "statutory_holidays": "《全国年节及纪念日放假办法》, computed for every year",
        "complete_years": list(calendar.complete_years),
        "years": [
            {"year": r["year"], "source": r["source"], "overrides": r["count"]}
            for r in coverage(calendar, table.years() if table is not None else [])
        ],
        "overrides": [e.as_dict() for e in (table.entries() if table is not None else [])],
        "uncertain_deadlines": [
            d.as_dict() for d in uncertain_deadlines(context, calendar, request.registry)
        ],
    }
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json",
        charset="utf-8",
        content_disposition='attachment; filename="workday-calendar.json"',
    )


def includeme(config):
    config.add_view(
        WorkdayCalendarView,
        context=IRoot,
        name=VIEW_NAME,
        permission="manage_site",
        renderer=TEMPLATE,
    )
    config.add_view(
        export,
        context=IRoot,
        name=JSON_VIEW_NAME,
        permission="manage_site",
        request_method="GET",
    )

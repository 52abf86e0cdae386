"""Pages of the annual report, on the portal and on each department.

``/@@annual-report`` (the county government) and
``/<department>/@@annual-report`` (``?year=YYYY``, by default last year;
staff chrome, outside the management interface, which is the system
administrator's only) show the report's state, the form for what the data cannot give and a
preview; ``POST`` with ``save`` stores the form, with ``generate`` also
writes the draft document (:mod:`.draft`).  ``@@annual-report-print`` is the
printable page and ``@@annual-report.xlsx`` the spreadsheet, both of the
saved input.

Access: the ``annual_report`` permission, which ``workflows/site.yaml``
grants to the organ's reviewers (审核员) and to site administrators; an
auditor, an editor or another department's reviewer is refused (403).

Bad input never reaches the data: an invalid year is a 400; form errors
re-show the form with Chinese messages (400); a table that fails
一 + 二 = 三 + 四, or a report document that has left the draft state,
refuses the draft (409) and changes nothing.
"""

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPSeeOther
from pyramid.response import Response
from pyramid.traversal import resource_path
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..content import IDepartment
from ..i18n import _, translate
from ..security.events import record_action
from ..sitetime import today
from ..workflow import get_state, get_workflow
from .draft import (
    DraftLocked,
    column_by_choice,
    column_choices,
    existing_draft,
    report_column,
    save_draft,
)
from .render import report_html
from .report import compose
from .schema import appstruct_to_values, report_schema, values_to_appstruct
from .store import get_record
from .xlsx import report_xlsx

VIEW_NAME = "annual-report"
PRINT_VIEW_NAME = "annual-report-print"
XLSX_VIEW_NAME = "annual-report.xlsx"
PAGE_TEMPLATE = "govportal.annualreport:templates/annual_report.pt"
PRINT_TEMPLATE = "govportal.annualreport:templates/print.pt"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The Regulation on the Disclosure of Government Information took effect in 2008.
FIRST_YEAR = 2008
#: The permission of every annual-report view (workflows/roles.yaml).
PERMISSION = "annual_report"


def may_report(context, request):
    """Whether the user may make the report of the organ ``context``."""
    return bool(request.has_permission(PERMISSION, context))


def check_access(context, request):
    if not may_report(context, request):
        raise HTTPForbidden(
            translate(
                request,
                _(
                    "annualreport-forbidden",
                    default="只有本机关的审核人员和站点管理员可以编制政府信息公开年报。",
                ),
            )
        )


def report_year(request):
    """The ``year`` parameter (default: last year), or a 400."""
    latest = today().year
    value = request.GET.get("year", "").strip()
    if not value:
        return latest - 1
    year = int(value) if value.isascii() and value.isdigit() else None
    if year is None or not FIRST_YEAR <= year <= latest:
        message = _(
            "annualreport-bad-year",
            default="年份无效：请选择${first}年至${last}年之间的年份。",
            mapping={"first": FIRST_YEAR, "last": latest},
        )
        raise HTTPBadRequest(translate(request, message))
    return year


class AnnualReportView:
    """The page of one organ's report for one year (GET shows, POST saves)."""

    def __init__(self, context, request):
        check_access(context, request)
        self.context = context
        self.request = request
        self.year = report_year(request)

    def url(self, view=VIEW_NAME):
        return self.request.resource_url(self.context, "@@" + view, query={"year": self.year})

    def form(self, generating=False):
        schema = report_schema().bind(
            request=self.request,
            context=self.context,
            columns=column_choices(self.context),
            generating=generating,
            _csrf_token_=self.request.session.get_csrf_token(),
        )
        buttons = (
            deform.Button("save", translate(self.request, _("annualreport-save", default="保存"))),
            deform.Button(
                "generate",
                translate(self.request, _("annualreport-generate", default="生成年报草稿")),
            ),
        )
        return deform.Form(schema, buttons=buttons, formid="annual-report", action=self.url())

    def default_column(self):
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else report_column(self.context, self.request.registry)
        )
        return "" if column is None else str(get_oid(column))

    def __call__(self):
        request = self.request
        if request.method != "POST":
            report = compose(self.context, self.year, request.registry)
            appstruct = values_to_appstruct(report.values)
            appstruct["column"] = self.default_column()
            form = self.form()
            return self.page(report, form, form.render(appstruct))
        generating = "generate" in request.POST
        if not generating and "save" not in request.POST:
            raise HTTPBadRequest(
                translate(request, _("annualreport-bad-action", default="未知的操作。"))
            )
        form = self.form(generating=generating)
        try:
            appstruct = form.validate(request.POST.items())
        except deform.ValidationFailure as e:
            request.response.status_int = 400
            report = compose(self.context, self.year, request.registry)
            message = _(
                "annualreport-form-errors", default="填写内容有误，请按提示修改后重新提交。"
            )
            return self.page(report, form, e.render(), errors=[translate(request, message)])
        values = appstruct_to_values(appstruct)
        if generating:
            return self.generate(form, appstruct, values)
        return self.save(values)

    def save(self, values):
        record = get_record(self.context, self.year, create=True)
        record.update(values, self.request.authenticated_userid)
        message = _(
            "annualreport-saved",
            default="已保存${year}年度年报的填写内容。",
            mapping={"year": self.year},
        )
        self.request.session.flash(translate(self.request, message))
        return HTTPSeeOther(self.url())

    def generate(self, form, appstruct, values):
        request = self.request
        report = compose(self.context, self.year, request.registry, values=values)
        if not report.table.consistent:
            request.response.status_int = 409
            message = _(
                "annualreport-inconsistent",
                default="依申请公开数据未通过校验，未生成年报草稿，本次填写内容也未保存。"
                "请先核对下列申请记录。",
            )
            errors = [translate(request, message)]
            return self.page(report, form, form.render(appstruct), errors=errors)
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else column_by_choice(self.context, appstruct["column"])
        )
        if column is None:  # the choice was validated; the column went away meanwhile
            message = _(
                "annualreport-column-gone", default="所选栏目不存在，请刷新页面后重新选择。"
            )
            raise HTTPBadRequest(translate(request, message))
        try:
            document = save_draft(self.context, report, column, request)
        except DraftLocked as e:
            request.response.status_int = 409
            message = _(
                "annualreport-draft-locked",
                default="${year}年度年报文稿“${title}”当前状态为“${state}”，不能覆盖。"
                "如需修改，请先退回或撤回为草稿后再生成。",
                mapping={"year": self.year, "title": e.document.title, "state": e.state_title},
            )
            errors = [translate(request, message)]
            return self.page(report, form, form.render(appstruct), errors=errors)
        get_record(self.context, self.year, create=True).update(
            values, request.authenticated_userid
        )
        message = _(
            "annualreport-generated",
            default="已生成年报草稿“${title}”（栏目：${column}），"
            "请由编辑人员送审，经其他审核人员审核通过后发布。",
            mapping={"title": document.title, "column": column.title},
        )
        request.session.flash(translate(request, message))
        return HTTPSeeOther(self.url())

    def page(self, report, form, form_html, errors=()):
        request = self.request
        request.response.cache_control = "private, no-store"
        draft = existing_draft(self.context, self.year)
        draft_info = None
        if draft is not None:
            workflow = get_workflow(draft, request.registry)
            draft_info = {
                "title": draft.title,
                "state": workflow.state_title(get_state(draft, request.registry)),
                "column": draft.__parent__.title,
                "url": request.resource_url(draft, "@@ws-item"),
            }
        latest = today().year
        return {
            "report": report,
            "report_html": report_html(report, request),
            "form": form_html,
            "errors": list(errors),
            "year": self.year,
            "years": list(range(latest, FIRST_YEAR - 1, -1)),
            "page_url": request.resource_url(self.context, "@@" + VIEW_NAME),
            "print_url": self.url(PRINT_VIEW_NAME),
            "xlsx_url": self.url(XLSX_VIEW_NAME),
            "draft": draft_info,
            "has_report_column": report_column(self.context, request.registry) is not None,
        }


def print_view(context, request):
    """The printable page of the saved report."""
    check_access(context, request)
    report = compose(context, report_year(request), request.registry)
    return {"report": report, "report_html": report_html(report, request)}


def xlsx_view(context, request):
    """The saved report as an XLSX download."""
    check_access(context, request)
    year = report_year(request)
    report = compose(context, year, request.registry)
    name = "portal" if IRoot.providedBy(context) else context.__name__
    # Exports are audited (govportal.audit).
    record_action(
        request,
        "export",
        target=resource_path(context),
        details={"what": "annual-report.xlsx", "year": year},
    )
    return Response(
        body=report_xlsx(report),
        content_type=XLSX_TYPE,
        content_disposition=f'attachment; filename="annual-report-{name}-{year}.xlsx"',
    )


def includeme(config):
    config.add_static_view(
        "annualreport-static", "govportal.annualreport:static", cache_max_age=3600
    )
    for context in (IRoot, IDepartment):
        config.add_view(
            AnnualReportView,
            context=context,
            name=VIEW_NAME,
            permission=PERMISSION,
            renderer=PAGE_TEMPLATE,
        )
        config.add_view(
            print_view,
            context=context,
            name=PRINT_VIEW_NAME,
            permission=PERMISSION,
            request_method="GET",
            renderer=PRINT_TEMPLATE,
        )
        config.add_view(
            xlsx_view,
            context=context,
            name=XLSX_VIEW_NAME,
            permission=PERMISSION,
            request_method="GET",
        )

"""Pages of the 政府网站工作年度报表, on the portal and on each department.

``@@site-report?year=YYYY`` (default last year) shows the generated figures
with their sources, the form (entered fields, overrides with reasons, the
column of the draft) and a preview; ``POST`` with ``save`` stores the form,
with ``generate`` also writes the draft document (:mod:`.draft`).
``@@site-report-print`` is the printable page and ``@@site-report.xlsx``
the spreadsheet.  Permission: ``annual_report``, like the disclosure report
(the site's reviewers and site administrators); POSTs are CSRF-checked by
the form (Substance D's ``Schema``).
"""

import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.response import Response
from pyramid.traversal import resource_path
from substanced.interfaces import IRoot
from substanced.util import get_oid

from ..annualreport.draft import column_by_choice, column_choices
from ..annualreport.views import PERMISSION, XLSX_TYPE, check_access, report_year
from ..content import IDepartment
from ..i18n import _, translate
from ..security.events import record_action
from ..sitetime import today
from ..workflow import get_state, get_workflow
from .draft import DraftLocked, existing_draft, save_draft, site_column
from .render import report_html
from .report import compose
from .schema import appstruct_to_input, input_to_appstruct, report_schema
from .store import get_record
from .xlsx import report_xlsx

VIEW_NAME = "site-report"
PRINT_VIEW_NAME = "site-report-print"
XLSX_VIEW_NAME = "site-report.xlsx"
FIRST_YEAR = 2008


class SiteReportView:
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
            deform.Button("save", translate(self.request, _("sitereport-save", default="保存"))),
            deform.Button(
                "generate",
                translate(self.request, _("sitereport-generate", default="生成报表草稿")),
            ),
        )
        return deform.Form(schema, buttons=buttons, formid="site-report", action=self.url())

    def default_column(self):
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else site_column(self.context, self.request.registry)
        )
        return "" if column is None else str(get_oid(column))

    def __call__(self):
        request = self.request
        if request.method != "POST":
            record = get_record(self.context, self.year)
            appstruct = input_to_appstruct(
                dict(record.values) if record else {}, dict(record.overrides) if record else {}
            )
            appstruct["column"] = self.default_column()
            form = self.form()
            return self.page(form.render(appstruct))
        generating = "generate" in request.POST
        if not generating and "save" not in request.POST:
            raise HTTPBadRequest(
                translate(request, _("sitereport-bad-action", default="未知的操作。"))
            )
        form = self.form(generating=generating)
        try:
            appstruct = form.validate(request.POST.items())
        except deform.ValidationFailure as e:
            request.response.status_int = 400
            message = _("sitereport-form-errors", default="填写内容有误，请按提示修改后重新提交。")
            return self.page(e.render(), errors=[translate(request, message)])
        values, overrides = appstruct_to_input(appstruct)
        if generating:
            return self.generate(form, appstruct, values, overrides)
        get_record(self.context, self.year, create=True).update(
            values, overrides, request.authenticated_userid
        )
        message = _(
            "sitereport-saved",
            default="已保存${year}年度政府网站工作年度报表的填写内容。",
            mapping={"year": self.year},
        )
        request.session.flash(translate(request, message))
        return HTTPSeeOther(self.url())

    def generate(self, form, appstruct, values, overrides):
        request = self.request
        report = compose(self.context, self.year, request.registry, values, overrides)
        draft = existing_draft(self.context, self.year)
        column = (
            draft.__parent__
            if draft is not None
            else column_by_choice(self.context, appstruct["column"])
        )
        if column is None:
            message = _("sitereport-column-gone", default="所选栏目不存在，请刷新页面后重新选择。")
            raise HTTPBadRequest(translate(request, message))
        try:
            document = save_draft(self.context, report, column, request)
        except DraftLocked as e:
            request.response.status_int = 409
            message = _(
                "sitereport-draft-locked",
                default="${year}年度报表文稿“${title}”当前状态为“${state}”，不能覆盖。"
                "如需修改，请先退回或撤回为草稿后再生成。",
                mapping={"year": self.year, "title": e.document.title, "state": e.state_title},
            )
            return self.page(form.render(appstruct), errors=[translate(request, message)])
        get_record(self.context, self.year, create=True).update(
            values, overrides, request.authenticated_userid
        )
        message = _(
            "sitereport-generated",
            default="已生成报表草稿“${title}”（栏目：${column}），"
            "请由编辑人员送审，经其他审核人员审核通过后发布。",
            mapping={"title": document.title, "column": column.title},
        )
        request.session.flash(translate(request, message))
        return HTTPSeeOther(self.url())

    def page(self, form_html, errors=()):
        request = self.request
        request.response.cache_control = "private, no-store"
        report = compose(self.context, self.year, request.registry)
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
            "report_html": report_html(report, request, sources=True),
            "form": form_html,
            "errors": list(errors),
            "year": self.year,
            "years": list(range(latest, FIRST_YEAR - 1, -1)),
            "page_url": request.resource_url(self.context, "@@" + VIEW_NAME),
            "print_url": self.url(PRINT_VIEW_NAME),
            "xlsx_url": self.url(XLSX_VIEW_NAME),
            "draft": draft_info,
            "has_column": site_column(self.context, request.registry) is not None,
        }


def print_view(context, request):
    check_access(context, request)
    report = compose(context, report_year(request), request.registry)
    request.response.cache_control = "private, no-store"
    return {"report": report, "report_html": report_html(report, request)}


def xlsx_view(context, request):
    check_access(context, request)
    year = report_year(request)
    report = compose(context, year, request.registry)
    name = "portal" if IRoot.providedBy(context) else context.__name__
    record_action(
        request,
        "export",
        target=resource_path(context),
        details={"what": "site-report.xlsx", "year": year},
    )
    return Response(
        body=report_xlsx(report),
        content_type=XLSX_TYPE,
        content_disposition=f'attachment; filename="site-report-{name}-{year}.xlsx"',
        cache_control="private, no-store",
    )


def includeme(config):
    for context in (IRoot, IDepartment):
        config.add_view(
            SiteReportView,
            context=context,
            name=VIEW_NAME,
            permission=PERMISSION,
            renderer="govportal.sitereport:templates/site_report.pt",
        )
        config.add_view(
            print_view,
            context=context,
            name=PRINT_VIEW_NAME,
            permission=PERMISSION,
            request_method="GET",
            renderer="govportal.sitereport:templates/print.pt",
        )
        config.add_view(
            xlsx_view,
            context=context,
            name=XLSX_VIEW_NAME,
            permission=PERMISSION,
            request_method="GET",
        )

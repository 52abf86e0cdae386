"""Pages of the annual report, on the portal and on each department.

``/@@annual-report`` (the county government) and
``/<department>/@@annual-report`` (``?year=YYYY``, by default last year;
staff chrome, outside the management interface, which is the system
administrator's only) show the report's state, the form for what the data cannot give and a
preview; ``POST`` with ``save`` stores the form, with ``generate`` also
writes the draft document (:mod:`.draft`).  ``@@annual-report-print`` is the
printable page and ``@@annual-report.xlsx`` the spreadsheet, both of the
saved input.  The plumbing shared with the 政府网站工作年度报表 is in
:mod:`.viewhelpers`.

Access: the ``annual_report`` permission, which ``workflows/site.yaml``
grants to the organ's reviewers (审核员) and to site administrators; an
auditor, an editor or another department's reviewer is refused (403).

Bad input never reaches the data: an invalid year is a 400; form errors
re-show the form with Chinese messages (400); a table that fails
一 + 二 = 三 + 四, or a report document that has left the draft state,
refuses the draft (409) and changes nothing.
"""

from ..i18n import _, translate
from .draft import existing_draft, report_column, save_draft
from .render import report_html
from .report import compose
from .schema import appstruct_to_values, report_schema, values_to_appstruct
from .store import get_record
from .viewhelpers import ReportFormView, add_report_views, print_view_for, xlsx_view_for
from .xlsx import report_xlsx

PAGE_TEMPLATE = "govportal.annualreport:templates/annual_report.pt"
PRINT_TEMPLATE = "govportal.annualreport:templates/print.pt"


class AnnualReportView(ReportFormView):
    """The page of one organ's report for one year (GET shows, POST saves)."""

    view_name = "annual-report"
    print_view_name = "annual-report-print"
    xlsx_view_name = "annual-report.xlsx"
    formid = "annual-report"
    messages = {
        "save": _("annualreport-save", default="保存"),
        "generate": _("annualreport-generate", default="生成年报草稿"),
        "bad_action": _("annualreport-bad-action", default="未知的操作。"),
        "form_errors": _(
            "annualreport-form-errors", default="填写内容有误，请按提示修改后重新提交。"
        ),
        "saved": _("annualreport-saved", default="已保存${year}年度年报的填写内容。"),
        "column_gone": _(
            "annualreport-column-gone", default="所选栏目不存在，请刷新页面后重新选择。"
        ),
        "draft_locked": _(
            "annualreport-draft-locked",
            default="${year}年度年报文稿“${title}”当前状态为“${state}”，不能覆盖。"
            "如需修改，请先退回或撤回为草稿后再生成。",
        ),
        "generated": _(
            "annualreport-generated",
            default="已生成年报草稿“${title}”（栏目：${column}），"
            "请由编辑人员送审，经其他审核人员审核通过后发布。",
        ),
    }

    def schema(self):
        return report_schema()

    def draft_api(self):
        return existing_draft, save_draft, report_column

    def initial_appstruct(self):
        return values_to_appstruct(self.shown_report().values)

    def shown_report(self, attempted=None):
        if attempted is not None:
            return attempted
        if getattr(self, "_saved", None) is None:  # composed once a request
            self._saved = compose(self.context, self.year, self.request.registry)
        return self._saved

    def to_input(self, appstruct):
        return appstruct_to_values(appstruct)

    def compose_input(self, entered):
        return compose(self.context, self.year, self.request.registry, values=entered)

    def refusal(self, report):
        if report.table.consistent:
            return None
        message = _(
            "annualreport-inconsistent",
            default="依申请公开数据未通过校验，未生成年报草稿，本次填写内容也未保存。"
            "请先核对下列申请记录。",
        )
        return translate(self.request, message)

    def store(self, entered):
        record = get_record(self.context, self.year, create=True)
        record.update(entered, self.request.authenticated_userid)

    def page_extra(self, report):
        registry = self.request.registry
        return {
            "report_html": report_html(report, self.request),
            "has_report_column": report_column(self.context, registry) is not None,
        }


print_view = print_view_for(compose, report_html)
xlsx_view = xlsx_view_for(compose, report_xlsx, "annual-report")


def includeme(config):
    config.add_static_view(
        "annualreport-static", "govportal.annualreport:static", cache_max_age=3600
    )
    add_report_views(config, AnnualReportView, print_view, xlsx_view, PAGE_TEMPLATE, PRINT_TEMPLATE)

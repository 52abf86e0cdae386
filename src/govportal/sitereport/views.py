"""Pages of the 政府网站工作年度报表, on the portal and on each department.

``@@site-report?year=YYYY`` (default last year) shows the generated figures
with their sources, the form (entered fields, overrides with reasons, the
column of the draft) and a preview; ``POST`` with ``save`` stores the form,
with ``generate`` also writes the draft document (:mod:`.draft`).
``@@site-report-print`` is the printable page and ``@@site-report.xlsx``
the spreadsheet.  Permission: ``annual_report``, like the disclosure report
(the site's reviewers and site administrators); POSTs are CSRF-checked by
the form (Substance D's ``Schema``).  The plumbing is the disclosure
report's (:mod:`govportal.annualreport.viewhelpers`).
"""

from ..annualreport.viewhelpers import (
    ReportFormView,
    add_report_views,
    print_view_for,
    xlsx_view_for,
)
from ..i18n import _
from .draft import existing_draft, save_draft, site_column
from .render import report_html
from .report import compose
from .schema import appstruct_to_input, input_to_appstruct, report_schema
from .store import get_record
from .xlsx import report_xlsx

PAGE_TEMPLATE = "govportal.sitereport:templates/site_report.pt"
PRINT_TEMPLATE = "govportal.sitereport:templates/print.pt"


class SiteReportView(ReportFormView):
    """The page of one site's report for one year (GET shows, POST saves)."""

    view_name = "site-report"
    print_view_name = "site-report-print"
    xlsx_view_name = "site-report.xlsx"
    formid = "site-report"
    messages = {
        "save": _("sitereport-save", default="保存"),
        "generate": _("sitereport-generate", default="生成报表草稿"),
        "bad_action": _("sitereport-bad-action", default="未知的操作。"),
        "form_errors": _(
            "sitereport-form-errors", default="填写内容有误，请按提示修改后重新提交。"
        ),
        "saved": _("sitereport-saved", default="已保存${year}年度政府网站工作年度报表的填写内容。"),
        "column_gone": _(
            "sitereport-column-gone", default="所选栏目不存在，请刷新页面后重新选择。"
        ),
        "draft_locked": _(
            "sitereport-draft-locked",
            default="${year}年度报表文稿“${title}”当前状态为“${state}”，不能覆盖。"
            "如需修改，请先退回或撤回为草稿后再生成。",
        ),
        "generated": _(
            "sitereport-generated",
            default="已生成报表草稿“${title}”（栏目：${column}），"
            "请由编辑人员送审，经其他审核人员审核通过后发布。",
        ),
    }

    def schema(self):
        return report_schema()

    def draft_api(self):
        return existing_draft, save_draft, site_column

    def initial_appstruct(self):
        record = get_record(self.context, self.year)
        return input_to_appstruct(
            dict(record.values) if record else {}, dict(record.overrides) if record else {}
        )

    def shown_report(self, attempted=None):
        # The page shows the saved figures, also after a refused draft.
        return compose(self.context, self.year, self.request.registry)

    def to_input(self, appstruct):
        return appstruct_to_input(appstruct)

    def compose_input(self, entered):
        values, overrides = entered
        return compose(self.context, self.year, self.request.registry, values, overrides)

    def store(self, entered):
        values, overrides = entered
        get_record(self.context, self.year, create=True).update(
            values, overrides, self.request.authenticated_userid
        )

    def page_extra(self, report):
        registry = self.request.registry
        return {
            "report_html": report_html(report, self.request, sources=True),
            "has_column": site_column(self.context, registry) is not None,
        }


print_view = print_view_for(compose, report_html)
xlsx_view = xlsx_view_for(compose, report_xlsx, "site-report")


def includeme(config):
    add_report_views(config, SiteReportView, print_view, xlsx_view, PAGE_TEMPLATE, PRINT_TEMPLATE)

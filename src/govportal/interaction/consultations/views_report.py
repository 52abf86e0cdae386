"""Editing an adoption report in the workspace: ``<report>/@@ws-edit``
(permission ``edit``: only while editable; CSRF; stale-form serial; the
edit lock).

The form holds the title, the 总体情况 and one row per comment (or group of
comments): 采纳 / 部分采纳 / 未采纳 and the reason.  A draft may be saved
incomplete; what publication still needs is listed on the report's page.
"""

from ...i18n import _, translate
from ...workspace.dashboard import no_store
from ...workspace.forms import SERIAL, fingerprint
from ...workspace.itemforms import save_checked
from .model import DECISIONS, IAdoptionReport, consultation_of

REPORT_EDIT_PT = "govportal.interaction.consultations:templates/report_edit.pt"
SERIAL_FIELDS = ("title", "summary", "rows")
MAX_REASON = 1000


def _values(report):
    return {
        "title": report.title,
        "summary": report.summary,
        "items": [dict(i) for i in report.rows],
    }


def page(request, report, values, errors=(), status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "report": report,
        "consultation": consultation_of(report),
        "values": values,
        "decisions": DECISIONS,
        "errors": [translate(request, e) for e in errors],
        "csrf_token": request.session.get_csrf_token(),
        "serial_field": SERIAL,
        "serial": fingerprint(report, request.registry, SERIAL_FIELDS),
    }


def parse(report, post):
    """``(values, errors)`` from the posted form."""
    errors = []
    title = (post.get("title") or "").strip()
    summary = (post.get("summary") or "").strip()
    if not 2 <= len(title) <= 200:
        errors.append(_("report-title-length", default="标题应为 2 至 200 字。"))
    if len(summary) > 5000:
        errors.append(_("report-summary-length", default="总体情况不能超过 5000 字。"))
    items = []
    codes = {code for code, _title in DECISIONS}
    for i, item in enumerate(report.rows):
        decision = post.get(f"decision-{i}", "")
        reason = (post.get(f"reason-{i}") or "").strip()
        if decision and decision not in codes:
            errors.append(_("report-decision", default="采纳情况的选项无效。"))
            decision = ""
        if len(reason) > MAX_REASON:
            errors.append(
                _(
                    "report-reason-length",
                    default="第 ${n} 条的理由不能超过 ${limit} 字。",
                    mapping={"n": i + 1, "limit": MAX_REASON},
                )
            )
        items.append({**item, "decision": decision, "reason": reason})
    return {"title": title, "summary": summary, "items": items}, errors


def edit_view(context, request):
    if request.method != "POST":
        return page(request, context, _values(context))
    values, errors = parse(context, request.POST)
    if errors:
        return page(request, context, values, errors, status=400)
    return save_checked(
        request,
        context,
        request.POST.get(SERIAL),
        SERIAL_FIELDS,
        {"title": values["title"], "summary": values["summary"], "rows": tuple(values["items"])},
        refused=lambda status, message: page(request, context, values, [message], status),
        stale=_(
            "report-stale",
            default="保存未成功：您打开此表单后，采纳情况已被他人修改或处理。请重新打开后再改。",
        ),
        locked=lambda lock: _(
            "report-locked",
            default="保存未成功：${name} 正在编辑此采纳情况（已锁定）。",
            mapping={"name": lock.holder_name},
        ),
        saved=_("report-saved", default="采纳情况已保存。"),
    )


def includeme(config):
    config.add_view(
        edit_view,
        context=IAdoptionReport,
        name="ws-edit",
        permission="edit",
        request_method=("GET", "POST"),
        renderer=REPORT_EDIT_PT,
    )

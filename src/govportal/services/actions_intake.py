"""Steps of a case before handling: submission and the online intake check
(网上预审: 受理, 一次性告知补齐材料, 补齐, 不予受理)."""

from pyramid.traversal import find_root, resource_path

from ..applications.numbers import allocate, number_format
from ..content import IDepartment
from ..i18n import _
from ..submissions import once
from . import clock
from .actions_common import (
    applicant_materials,
    check,
    clean_text,
    file_triples,
    parse_date,
    refuse,
    run,
    step_title,
    store_files,
    t,
    today,
    workflow_of,
)
from .cases import (
    ServiceCase,
    assign_case_code,
    find_case_box,
    tracking_code_from,
)
from .notify import organ_title, tell_applicant, tell_handlers
from .sites import site_key, site_named

#: 办件编号: numbered apart from 依申请公开 (own counters per organ and year),
#: format from the setting (placeholders {organ}, {year}, {seq}).
CASE_SERIES = "case"
CASE_NUMBER_SETTING = "govportal.services.number_format"
CASE_NUMBER_FORMAT = "{organ}-BJ{year}-{seq:05d}"

#: The submission kind of the online application form (govportal.submissions).
SUBMISSION_KIND = "service-case"
#: The applicant's period to supply missing materials the staff form proposes.
DEFAULT_SUPPLEMENT_DAYS = 10
#: The longest period staff may set for supplying materials (calendar days).
MAX_SUPPLEMENT_CALENDAR_DAYS = 90


def guide_site(guide):
    """The site (department or portal root) a guide belongs to."""
    node = guide
    while node is not None:
        if IDepartment.providedBy(node):
            return node
        node = getattr(node, "__parent__", None)
    return find_root(guide)


def lead_site_of(guide):
    """The site handling cases of ``guide``: its 办理机构 (``lead_department``)
    when that names a department, else the guide's own site."""
    name = getattr(guide, "lead_department", "") or ""
    if name:
        site = site_named(find_root(guide), name)
        if site is not None:
            return site
    return guide_site(guide)


def case_code_of(submission):
    """The query code of the case ``submission`` stores (a replay shows it again)."""
    return tracking_code_from(submission.derive("govportal.services.case-code"))


def submit(request, guide, applicant, values, files=None, token=None):
    """Store a new case for ``guide``; returns ``(case, code)``.

    ``applicant`` and ``values`` are already validated (formfields); ``files``
    maps a file field to its ``(filename, bytes, mimetype)`` triples (checked)
    or to a saved form's materials.  ``token`` is the form's one-time
    :class:`~govportal.submissions.Submission`: the number is reserved for it
    and the code derived from it (a re-run gets the same number and code).
    """
    site = lead_site_of(guide)
    triples = file_triples(files)
    box = find_case_box(site, create=True)
    case = ServiceCase(
        resource_path(guide),
        getattr(guide, "title", ""),
        site_key(site),
        co_departments=[
            d for d in getattr(guide, "co_departments", ()) or () if d and d != site_key(site)
        ],
        form=getattr(guide, "form_fields", ()) or (),
        values=values,
        applicant=applicant,
        item_type=getattr(guide, "item_type", ""),
        promised_days=getattr(guide, "promised_days", 0) or getattr(guide, "legal_days", 0),
        legal_days=getattr(guide, "legal_days", 0),
    )
    case.result_name = getattr(guide, "result_name", "") or ""
    case.wants_certificate = bool(getattr(guide, "certificate", False))
    number = allocate(
        request,
        site,
        today().year,
        key=token.key if token is not None else None,
        series=CASE_SERIES,
        fmt=number_format(request.registry, CASE_NUMBER_SETTING, CASE_NUMBER_FORMAT),
    )
    box.add(case, number)
    workflow_of(case, request.registry).initialize(case, request)
    names = store_files(case, triples, "m")
    if names:
        case.values = dict(case.values, **names)
    code = assign_case_code(case, case_code_of(token) if token is not None else None)
    case.add_step(t(request, _("services-step-submitted", default="提交申请")))
    tell_applicant(request, case, "已提交，等待网上预审", code=code)
    tell_handlers(
        request,
        case,
        f"{organ_title(site)}收到新的办件 {case.__name__}",
        f"收到“{case.guide_title}”的网上申请（办件编号 {case.__name__}），请及时预审。",
    )
    return case, code


def submit_once(request, guide, applicant, values, files=None):
    """:func:`submit` once per submission token (``SUBMISSION_KIND``).

    Returns ``(result, code, replayed)``: ``result`` is ``{"number", "lead"}``;
    a replay stores nothing and answers the first number and the same code.
    """

    def create(submission):
        case, _code = submit(request, guide, applicant, values, files, submission)
        return {"number": case.__name__, "lead": case.lead}

    outcome = once(request, SUBMISSION_KIND, create)
    code = case_code_of(outcome.submission) if outcome.submission is not None else None
    return outcome.result, code, outcome.replayed


# -- 网上预审 ----------------------------------------------------------------------


def accept(request, case, comment=""):
    """受理: the time limit starts (counted from the next day)."""
    check(case, request, "accept", comment)
    run(case, request, "accept", comment)
    case.accepted_on = today()
    clock.refresh(case, request.registry)
    note = f"承诺{case.promised_days}个工作日内办结，办结期限 {_fmt(case.due)}"
    case.add_step(step_title(case, request, "accept"), note)
    tell_applicant(request, case, "已受理", note + "。")


def _items(value, request):
    if isinstance(value, str):
        value = value.splitlines()
    items = tuple(s.strip() for s in (value or ()) if isinstance(s, str) and s.strip())
    if not items:
        refuse(
            _(
                "services-supplement-items",
                default="请一次性列明需要补齐的全部材料。",
            )
        )
    clean_text(
        "\n".join(items), t(request, _("services-items-title", default="需补齐的材料")), request
    )
    return items


def request_supplement(request, case, items, respond_by=None):
    """一次性告知 (第十七条): everything missing, once, with a deadline."""
    check(case, request, "request_supplement")
    items = _items(items, request)
    on = today()
    respond_by = parse_date(respond_by, t(request, _("services-respond-by", default="补齐期限")))
    if respond_by is None:
        from ..calendar import get_calendar

        respond_by = get_calendar(find_root(case)).add_workdays(on, DEFAULT_SUPPLEMENT_DAYS).value
    elif respond_by <= on or (respond_by - on).days > MAX_SUPPLEMENT_CALENDAR_DAYS:
        refuse(_("services-bad-respond-by", default="补齐期限须在今天之后、90日以内。"))
    comment = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    run(case, request, "request_supplement", comment)
    case.supplement = {"items": items, "respond_by": respond_by, "requested_on": on}
    note = f"需补齐：{'；'.join(items)}。请于 {respond_by.isoformat()} 前补齐"
    case.add_step(step_title(case, request, "request_supplement"), note)
    tell_applicant(
        request,
        case,
        "需要补齐材料",
        f"请一次性补齐以下材料：\n{comment}\n\n请于 {respond_by.isoformat()} 前通过办理进度查询页面"
        "上传；逾期未补齐的，不予受理。",
    )


def supplement(request, case, files=None, note=""):
    """补齐材料 (the applicant, through the public page with the query code)."""
    note, names = applicant_materials(
        request,
        case,
        "supplement_done",
        files,
        note,
        _("services-supplement-empty", default="请上传需补齐的材料或填写说明。"),
        "s",
    )
    case.supplement = dict(case.supplement or {}, done_on=today(), note=note, files=names)
    case.add_step(step_title(case, request, "supplement_done"))
    tell_applicant(request, case, "已收到补齐的材料")
    tell_handlers(
        request,
        case,
        f"办件 {case.__name__} 已补齐材料",
        f"“{case.guide_title}”（办件编号 {case.__name__}）的申请人已补齐材料，请重新预审。",
    )


def _close(request, case, name, reason, what):
    check(case, request, name, reason)
    reason = clean_text(reason, t(request, _("services-reason-title", default="理由")), request)
    run(case, request, name, reason)
    on = today()
    case.result = {"text": reason, "file": None, "decided_on": on, "outcome": name}
    case.concluded_on = on
    case.add_step(step_title(case, request, name), reason)
    tell_applicant(request, case, what, f"理由：{reason}")


def refuse_intake(request, case, reason):
    """不予受理 (with the reason, told to the applicant)."""
    _close(request, case, "refuse_intake", reason, "不予受理")


def close_unsupplemented(request, case, reason=None):
    """逾期未补齐材料，不予受理 (only after the applicant's deadline)."""
    if reason is None:
        due = (case.supplement or {}).get("respond_by")
        reason = f"申请人未在补齐期限（{_fmt(due)}）内补齐材料。"
    _close(request, case, "close_unsupplemented", reason, "逾期未补齐材料，不予受理")


def _fmt(day):
    return day.isoformat() if day else "—"

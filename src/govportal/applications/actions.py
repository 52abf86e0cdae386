"""What can be done to an application: one function per step, views stay thin.

Every step after submission is a transition of ``workflows/application.yaml``
run through the workflow engine (permission, required comment and guards
checked there; history written; ``ContentTransitioned`` fired).  A step
first asks the engine whether it may run (so a user without the permission
gets 403, not a form error), then checks its own input, then transitions
and only then writes its data: a refused step changes nothing.  Problems
raise :class:`~govportal.workflow.errors.TransitionRefused` with Chinese
messages and an HTTP status.
"""

from pyramid.traversal import find_root

from ..calendar import get_calendar
from ..formdates import iso_date
from ..i18n import _, translate
from ..siteurl import public_resource_url
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from . import clock
from .model import Application, assign_tracking_code, find_box, site_of, tracking_code_from
from .notify import mail_applicant, mail_handlers, site_title, staff_url
from .numbers import allocate
from .vocabulary import NO_SUPPLEMENT_OUTCOME, OUTCOME_CODES, OUTCOME_TITLES

#: Longest decision text and comment.
MAX_DECISION = 5000


def workflow_of(application, registry):
    return get_workflow(application, registry)


def state_of(application, registry):
    return workflow_of(application, registry).state_of(application)


def refresh(application, registry):
    """Recompute the deadlines of ``application`` with its site's calendar."""
    calendar = get_calendar(find_root(application))
    clock.refresh_deadlines(application, calendar, state_of(application, registry))


def _refuse(message, status=400):
    raise TransitionRefused([message], status=status)


def _check(application, request, name, comment=""):
    """Refuse early (403/409) what the engine would refuse anyway."""
    status, messages = workflow_of(application, request.registry).problems(
        application, request, name, comment
    )
    if messages and status != 400:
        raise TransitionRefused(messages, status=status)


def _run(application, request, name, comment=""):
    return workflow_of(application, request.registry).transition(
        application, request, name, comment=comment
    )


def parse_date(value, field_title):
    """A ``YYYY-MM-DD`` form value as a date (None when empty)."""
    return iso_date(
        value,
        lambda: _refuse(
            _(
                "applications-bad-date",
                default="“${field}”不是有效日期，请按“2026-10-08”的格式填写。",
                mapping={"field": field_title},
            )
        ),
    )


def _fmt(day):
    return day.isoformat() if day else "—"


def _t(request, message):
    return translate(request, message)


# -- submission ---------------------------------------------------------------


def submit(site, request, applicant, sought, submission=None):
    """Store a new application received online by ``site``.

    Returns ``(application, tracking_code)``; the code is shown and mailed
    to the applicant when an address was given.  With the form's one-time
    ``submission`` (:mod:`govportal.submissions`) the number is reserved for
    its token (a re-run of the request gets the same number) and the code is
    derived from it (a replay shows the same code, only its hash is stored).
    """
    box = find_box(site, create=True)
    application = Application(applicant, sought)
    number = allocate(
        request,
        site,
        application.submitted_on.year,
        key=submission.key if submission is not None else None,
    )
    box.add(application, name=number)
    workflow = workflow_of(application, request.registry)
    workflow.initialize(application, request)
    code = assign_tracking_code(
        application, tracking_code_of(submission) if submission is not None else None
    )
    organ = site_title(site)
    mail_applicant(
        request,
        application,
        f"【{organ}】政府信息公开申请已提交",
        f"您向{organ}提交的政府信息公开申请已收到，待工作人员登记确认。\n\n"
        f"查询码：{code}\n请妥善保存查询码，凭码可在“依申请公开 → 办理进度查询”页面查看办理状态。\n"
        f"查询地址：{public_resource_url(request.registry, site, '@@track')}\n",
    )
    mail_handlers(
        request,
        site,
        f"【依申请公开】{organ}收到新的申请 {application.__name__}",
        f"{organ}收到一件新的政府信息公开申请（编号 {application.__name__}），请及时登记受理。\n"
        f"办理页面：{staff_url(request, site, application)}\n",
    )
    return application, code


def tracking_code_of(submission):
    """The tracking code of the application ``submission`` stores."""
    return tracking_code_from(submission.derive("govportal.applications.tracking-code"))


# -- clock ----------------------------------------------------------------------


def register(application, request, received_on=None):
    """登记受理: confirm receipt (C5); the 20-working-day clock starts."""
    _check(application, request, "register")
    today = clock.today()
    received_on = received_on or today
    if received_on > today or received_on < application.submitted_on:
        _refuse(
            _(
                "applications-bad-receipt",
                default="收到申请日期须在提交日期（${submitted}）与今天之间。",
                mapping={"submitted": application.submitted_on.isoformat()},
            )
        )
    _run(application, request, "register", f"收到申请日期：{received_on.isoformat()}")
    application.registered_on = received_on
    application.clock_start = received_on
    refresh(application, request.registry)
    site = site_of(application)
    mail_applicant(
        request,
        application,
        f"【{site_title(site)}】政府信息公开申请已登记受理",
        f"您的政府信息公开申请（编号 {application.__name__}）"
        f"已于 {received_on.isoformat()} 登记受理。\n"
        f"依照《政府信息公开条例》第三十三条，答复期限为收到申请之日起20个工作日，"
        f"即 {_fmt(application.due)} 前。\n",
    )


def request_supplement(application, request, comment, respond_by=None):
    """一次性告知补正 (C8, 条例 第三十条): the clock stops.

    The agency must send the request within 7 working days of receipt (a
    later one is recorded as ``late``); the applicant's period is the date
    ``respond_by`` the agency sets (default: :data:`clock.DEFAULT_RESPONSE_DAYS`
    working days from today).
    """
    _check(application, request, "request_supplement", comment)
    today = clock.today()
    calendar = get_calendar(find_root(application))
    if respond_by is None:
        respond_by = calendar.add_workdays(today, clock.DEFAULT_RESPONSE_DAYS).value
    elif respond_by <= today or (respond_by - today).days > 90:
        _refuse(
            _(
                "applications-bad-respond-by",
                default="补正期限须在今天之后、90日以内。",
            )
        )
    _run(application, request, "request_supplement", comment)
    limit = clock.supplement_request_due(application, calendar)
    application.supplement = {
        "requested_on": today,
        "items": comment.strip(),
        "respond_by": respond_by,
        "set_by_agency": True,
        "request_due": limit,
        "late": bool(limit and today > limit),
    }
    refresh(application, request.registry)
    site = site_of(application)
    mail_applicant(
        request,
        application,
        f"【{site_title(site)}】政府信息公开申请补正通知",
        f"您的政府信息公开申请（编号 {application.__name__}）内容不够明确，"
        "请一次性补正以下事项：\n\n"
        f"{comment.strip()}\n\n请于 {_fmt(respond_by)} 前补正；"
        "答复期限自收到补正之日起重新计算。无正当理由逾期不补正的，视为放弃申请。\n",
    )


def complete_supplement(application, request, comment="", completed_on=None):
    """补正完成: the reply period starts again from the completion date."""
    _check(application, request, "complete_supplement", comment)
    today = clock.today()
    completed_on = completed_on or today
    requested_on = application.supplement["requested_on"]
    if completed_on > today or completed_on < requested_on:
        _refuse(
            _(
                "applications-bad-completion",
                default="补正日期须在告知补正日期（${requested}）与今天之间。",
                mapping={"requested": requested_on.isoformat()},
            )
        )
    _run(application, request, "complete_supplement", comment)
    application.supplement = dict(application.supplement, completed_on=completed_on)
    application.clock_start = completed_on
    application.pauses = ()
    refresh(application, request.registry)


def close_unsupplemented(application, request, comment):
    """逾期不补正: closed with outcome ``other_no_supplement`` (guarded: only
    after the applicant's deadline has passed)."""
    _check(application, request, "close_unsupplemented", comment)
    _run(application, request, "close_unsupplemented", comment)
    _decide(application, request, NO_SUPPLEMENT_OUTCOME, comment, clock.today())


def consult(application, request, comment, received_on=None):
    """征求第三方意见 (C7, 条例 第三十二条): the clock pauses; the third party
    has 15 working days from its receipt of the consultation letter
    (``received_on``, recorded now or later with :func:`consult_received`)."""
    _check(application, request, "consult", comment)
    today = clock.today()
    if received_on is not None:
        _check_letter_receipt(received_on, today, today)
    _run(application, request, "consult", comment)
    pause = {
        "kind": "consult",
        "start": today,
        "end": None,
        "note": comment.strip(),
        "received_on": received_on,
    }
    application.pauses = tuple(application.pauses) + (pause,)
    refresh(application, request.registry)


def _check_letter_receipt(received_on, start, today):
    if received_on < start or received_on > today:
        _refuse(
            _(
                "applications-bad-letter-receipt",
                default="第三方收到征求意见书的日期须在征求意见之日（${start}）与今天之间。",
                mapping={"start": start.isoformat()},
            )
        )


def consult_received(application, request, received_on):
    """Record when the third party received the consultation letter: its 15
    working days run from that date (art. 32).  Same permission as ``resume``."""
    # who may end the consultation may record the letter's receipt
    _check(application, request, "resume")
    if not application.pauses or application.pauses[-1].get("end") is not None:
        _refuse(_("applications-no-consultation", default="当前没有进行中的第三方征求意见。"))
    pauses = list(application.pauses)
    _check_letter_receipt(received_on, pauses[-1]["start"], clock.today())
    pauses[-1] = dict(pauses[-1], received_on=received_on)
    application.pauses = tuple(pauses)
    refresh(application, request.registry)


def resume(application, request, comment=""):
    """第三方意见已收到或期满: the clock runs again."""
    _check(application, request, "resume", comment)
    _run(application, request, "resume", comment)
    pauses = list(application.pauses)
    pauses[-1] = dict(pauses[-1], end=clock.today())
    application.pauses = tuple(pauses)
    refresh(application, request.registry)


def request_extension(application, request, days, reason):
    """申请延期: proposes one extension of at most 20 working days."""
    _check(application, request, "request_extension", reason)
    try:
        days = int(str(days).strip())
    except ValueError:
        days = 0
    if not 1 <= days <= clock.MAX_EXTENSION_DAYS:
        _refuse(
            _(
                "applications-extension-days",
                default="延期天数须为1至20个工作日。",
            )
        )
    _run(application, request, "request_extension", reason)
    application.extension_request = {
        "days": days,
        "reason": reason.strip(),
        "by": request.authenticated_userid,
        "on": clock.today(),
    }
    refresh(application, request.registry)


def approve_extension(application, request, comment=""):
    """批准延期 (C6): a reviewer approves; the applicant is told by mail."""
    _check(application, request, "approve_extension", comment)
    _run(application, request, "approve_extension", comment)
    proposal = application.extension_request
    application.extension = dict(
        proposal, approved_by=request.authenticated_userid, approved_on=clock.today()
    )
    application.extension_request = None
    application.allowed_days = clock.REPLY_DAYS + proposal["days"]
    refresh(application, request.registry)
    site = site_of(application)
    mail_applicant(
        request,
        application,
        f"【{site_title(site)}】政府信息公开申请延期答复告知",
        f"您的政府信息公开申请（编号 {application.__name__}）需要延长答复期限"
        f"{proposal['days']}个工作日，延期理由：{proposal['reason']}\n"
        f"延长后的答复期限为 {_fmt(application.due)}。\n",
    )


def refuse_extension(application, request, comment):
    """不批准延期: the clock runs on unchanged."""
    _check(application, request, "refuse_extension", comment)
    _run(application, request, "refuse_extension", comment)
    application.extension_request = None
    refresh(application, request.registry)


# -- outcome --------------------------------------------------------------------


def answer(application, request, outcome, text, decided_on=None):
    """答复: record the structured decision and tell the applicant."""
    _check(application, request, "answer", text)
    text = (text or "").strip()
    if outcome not in OUTCOME_CODES:
        _refuse(_("applications-outcome", default="请选择办理结果。"))
    if not text:
        _refuse(_("applications-decision-text", default="请填写答复内容。"))
    if len(text) > MAX_DECISION:
        _refuse(_("applications-decision-long", default="答复内容不能超过5000字。"))
    today = clock.today()
    decided_on = decided_on or today
    if decided_on > today or decided_on < application.clock_start:
        _refuse(
            _(
                "applications-bad-decision-date",
                default="答复日期须在收到申请日期（${received}）与今天之间。",
                mapping={"received": application.clock_start.isoformat()},
            )
        )
    _run(application, request, "answer", f"{OUTCOME_TITLES[outcome]}：{text}")
    _decide(application, request, outcome, text, decided_on)


def _decide(application, request, outcome, text, decided_on):
    application.decision = {
        "code": outcome,
        "text": text.strip(),
        "date": decided_on,
        "by": request.authenticated_userid,
    }
    site = site_of(application)
    mail_applicant(
        request,
        application,
        f"【{site_title(site)}】政府信息公开申请答复",
        f"您的政府信息公开申请（编号 {application.__name__}）"
        f"已于 {decided_on.isoformat()} 作出答复。\n"
        f"办理结果：{OUTCOME_TITLES[outcome]}\n\n{text.strip()}\n",
    )


#: Steps the detail page offers, by transition name.
STEPS = {
    "register": register,
    "request_supplement": request_supplement,
    "complete_supplement": complete_supplement,
    "close_unsupplemented": close_unsupplemented,
    "consult": consult,
    "consult_received": consult_received,
    "resume": resume,
    "request_extension": request_extension,
    "approve_extension": approve_extension,
    "refuse_extension": refuse_extension,
    "answer": answer,
}

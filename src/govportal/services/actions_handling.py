"""Steps of an accepted case: co-handling (并联审批), pauses of the clock
(补正, 特别程序) and the conclusion (办结 / 不予许可)."""

from pyramid.traversal import find_root

from .. import sitetime
from ..i18n import _
from . import clock
from .actions_common import (
    applicant_materials,
    check,
    clean_text,
    file_triples,
    may,
    refuse,
    run,
    step_title,
    store_files,
    t,
    today,
    workflow_of,
)
from .actions_intake import _fmt, _items
from .cases import add_task, grant_co_handlers, tasks_of_round
from .guards import AGREE, CANCELLED, DISAGREE
from .notify import tell_applicant, tell_co_department, tell_handlers
from .sites import site_named, site_title
from .vocabulary import PAUSE_KINDS

#: The pause kind of a correction during handling (补正); the other kinds
#: of PAUSE_KINDS are the special procedures of a suspension.
CORRECTION = "correction"
SUSPEND_KINDS = tuple(code for code, _title in PAUSE_KINDS if code != CORRECTION)


def _department_title(case, name):
    site = site_named(find_root(case), name)
    return site_title(site) if site is not None else name


# -- 并联审批 ----------------------------------------------------------------------


def send_co_handling(request, case, comment=""):
    """抄告协办部门: a new round, one task per co-handling department (the
    open tasks of earlier rounds are cancelled)."""
    check(case, request, "send_co_handling", comment)
    earlier = [task for task in case.tasks.values() if task.outcome is None]
    for task in earlier:
        check(task, request, "cancel")
    run(case, request, "send_co_handling", comment)
    for task in earlier:
        run(task, request, "cancel", "新一轮并联审批，撤销上一轮未办理的会签")
        task.outcome = CANCELLED
    case.rounds = int(case.rounds or 0) + 1
    for name in case.co_departments:
        task = add_task(case, name, case.rounds)
        workflow_of(task, request.registry).initialize(task, request)
        department = site_named(find_root(case), name)
        if department is not None:
            grant_co_handlers(case, department, request.registry)
        tell_co_department(request, case, name)
    titles = "、".join(_department_title(case, n) for n in case.co_departments)
    case.add_step(step_title(case, request, "send_co_handling"), f"协办部门：{titles}")


def _act_on_task(request, task, name, text, outcome):
    check(task, request, name, text)
    if name == "refuse":
        text = clean_text(text, t(request, _("services-reason-title", default="理由")), request)
    else:
        text = clean_text(
            text,
            t(request, _("services-opinion-title", default="会签意见")),
            request,
            required=False,
        )
    run(task, request, name, text)
    task.outcome = outcome
    task.signed_at = sitetime.now_utc()
    task.by = request.authenticated_userid
    task.opinion = text
    return text


def sign_task(request, task, opinion=""):
    """同意 (a co-handling department, its own task).  When every task of
    the round agrees the case goes back to the lead (``collect``)."""
    _act_on_task(request, task, "sign", opinion, AGREE)
    case = task.__parent__
    # The public step also writes the case: two departments signing at the
    # same moment conflict there, and the retried one sees both agreements.
    case.add_step(
        t(request, _("services-step-task-signed", default="协办部门会签同意")),
        _department_title(case, task.department),
    )
    if task.round == case.rounds and may(case, request, "collect"):
        run(case, request, "collect")
        clock.refresh(case, request.registry)
        case.add_step(step_title(case, request, "collect"))
        tell_handlers(
            request,
            case,
            f"办件 {case.__name__} 会签完成",
            f"“{case.guide_title}”（办件编号 {case.__name__}）的协办部门均已同意，请继续办理。",
        )


def refuse_task(request, task, reason):
    """不同意 (with the reason): the case returns to the lead (``return_to_lead``)."""
    reason = _act_on_task(request, task, "refuse", reason, DISAGREE)
    case = task.__parent__
    department = _department_title(case, task.department)
    case.returns = tuple(case.returns or ()) + (
        {
            "department": task.department,
            "reason": reason,
            "at": sitetime.now_utc(),
            "round": task.round,
        },
    )
    case.add_step(t(request, _("services-step-task-refused", default="协办部门不同意")), department)
    if task.round == case.rounds and may(case, request, "return_to_lead", reason):
        run(case, request, "return_to_lead", f"{department}：{reason}")
        clock.refresh(case, request.registry)
        case.add_step(step_title(case, request, "return_to_lead"))
    tell_handlers(
        request,
        case,
        f"办件 {case.__name__} 被协办部门退回",
        f"{department}不同意“{case.guide_title}”（办件编号 {case.__name__}），理由：{reason}",
    )


# -- pauses ----------------------------------------------------------------------


def _open_pause(case, kind, note):
    pause = {"kind": kind, "start": today(), "end": None, "note": note}
    case.pauses = tuple(case.pauses or ()) + (pause,)


def _close_pause(case):
    pauses = list(case.pauses or ())
    for i in range(len(pauses) - 1, -1, -1):
        if pauses[i].get("end") is None:
            pauses[i] = dict(pauses[i], end=max(today(), pauses[i]["start"]))
            break
    case.pauses = tuple(pauses)


def request_correction(request, case, items):
    """办理中告知补正: the clock pauses until the applicant corrects."""
    check(case, request, "request_correction")
    items = _items(items, request)
    comment = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    run(case, request, "request_correction", comment)
    case.correction = {"items": items, "requested_on": today()}
    _open_pause(case, CORRECTION, comment)
    clock.refresh(case, request.registry)
    case.add_step(step_title(case, request, "request_correction"), f"需补正：{'；'.join(items)}")
    tell_applicant(
        request,
        case,
        "需要补正材料（暂停计时）",
        f"请补正以下事项：\n{comment}\n\n补正期间不计入办理时限。请通过办理进度查询页面上传。",
    )


def correction_done(request, case, files=None, note=""):
    """补正完成 (the applicant, with the query code): the clock runs again."""
    note, names = applicant_materials(
        request,
        case,
        "correction_done",
        files,
        note,
        _("services-correction-empty", default="请上传补正的材料或填写说明。"),
        "c",
    )
    case.correction = dict(
        getattr(case, "correction", None) or {}, done_on=today(), note=note, files=names
    )
    _close_pause(case)
    clock.refresh(case, request.registry)
    case.add_step(step_title(case, request, "correction_done"), f"办结期限 {_fmt(case.due)}")
    tell_applicant(request, case, "已收到补正材料，恢复计时", f"办结期限：{_fmt(case.due)}")
    tell_handlers(
        request,
        case,
        f"办件 {case.__name__} 已补正",
        f"“{case.guide_title}”（办件编号 {case.__name__}）的申请人已补正，恢复计时。",
    )


def suspend(request, case, kind, note):
    """特别程序 (听证、检验检测、专家评审 …): the clock pauses."""
    check(case, request, "suspend", note)
    titles = dict(PAUSE_KINDS)
    if kind not in SUSPEND_KINDS:
        refuse(_("services-suspend-kind", default="请选择特别程序的种类。"))
    note = clean_text(note, t(request, _("services-note-title", default="说明")), request)
    title = t(request, titles[kind])
    run(case, request, "suspend", f"{title}：{note}")
    _open_pause(case, kind, note)
    clock.refresh(case, request.registry)
    case.add_step(step_title(case, request, "suspend"), title)
    tell_applicant(request, case, f"进入{title}程序（暂停计时）", note)


def resume(request, case, note=""):
    """特别程序结束: the clock runs again."""
    check(case, request, "resume", note)
    note = clean_text(
        note, t(request, _("services-note-title", default="说明")), request, required=False
    )
    run(case, request, "resume", note)
    _close_pause(case)
    clock.refresh(case, request.registry)
    case.add_step(step_title(case, request, "resume"), f"办结期限 {_fmt(case.due)}")
    tell_applicant(request, case, "特别程序结束，恢复计时", f"办结期限：{_fmt(case.due)}")


# -- conclusion ------------------------------------------------------------------


def _finish(request, case, name, text, outcome_file=None):
    on = today()
    names = store_files(case, file_triples({"result": [outcome_file]}), "r") if outcome_file else {}
    files = names.get("result", [])
    case.result = {
        "text": text,
        "file": files[0] if files else None,
        "decided_on": on,
        "outcome": name,
    }
    case.concluded_on = on
    return on


def conclude(request, case, result_text, result_file=None, certificate=None):
    """办结（准予）: the result (text, optional file ``(filename, bytes,
    mimetype)``, checked) and, when asked or the guide says so, a certificate."""
    check(case, request, "conclude", result_text)
    text = clean_text(
        result_text, t(request, _("services-result-title", default="办理结果")), request
    )
    if result_file is not None:
        file_triples({"result": [result_file]})  # shape check before the transition
    run(case, request, "conclude", text)
    on = _finish(request, case, "conclude", text, result_file)
    if certificate is None:
        certificate = getattr(case, "wants_certificate", False)
    if certificate:
        case.certificate = {
            "title": getattr(case, "result_name", "") or case.guide_title,
            "number": case.__name__,
            "issued_on": on,
        }
        _issue_certificate(request, case)
    case.add_step(step_title(case, request, "conclude"), text)
    tell_applicant(request, case, "已办结", f"办理结果：{text}")


def _issue_certificate(request, case):
    """Give the certificate its verification code (views_cases' certificate
    module; idempotent, so a view calling it again changes nothing)."""
    try:
        from .certificate import issue_certificate
    except ImportError:  # pragma: no cover - the certificate module is optional
        return
    issue_certificate(request, case)


def deny(request, case, reason):
    """办结（不予许可）, with the reason."""
    check(case, request, "deny", reason)
    reason = clean_text(reason, t(request, _("services-reason-title", default="理由")), request)
    run(case, request, "deny", reason)
    _finish(request, case, "deny", reason)
    case.add_step(step_title(case, request, "deny"), reason)
    tell_applicant(request, case, "已办结（不予许可）", f"理由：{reason}")


def open_tasks(case):
    """Tasks of the latest round not yet acted on."""
    return [task for task in tasks_of_round(case) if task.outcome is None]
